/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'bcryptjs'],
  poweredByHeader: false,
  // Tests and local tools often use 127.0.0.1 rather than localhost.
  allowedDevOrigins: ['127.0.0.1'],
  // Git over HTTP at GitLab's URLs goes to one route handler (app/api/git), before the catch-all
  // page dispatcher. A rewrite, unlike proxy.ts, streams the request body (pushes of any size).
  async rewrites() {
    return {
      beforeFiles: [
        {
          source: '/:project(.+\\.git)/:endpoint(info/refs|git-upload-pack|git-receive-pack)',
          destination: '/api/git/:project/:endpoint',
        },
      ],
    };
  },
};

export default nextConfig;
