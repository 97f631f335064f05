/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'bcryptjs'],
  poweredByHeader: false,
  // Tests and local tools often use 127.0.0.1 rather than localhost.
  allowedDevOrigins: ['127.0.0.1'],
};

export default nextConfig;
