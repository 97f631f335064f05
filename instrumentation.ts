/** Hourly, so bots of tokens that expired at midnight leave their projects without a restart. */
const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // next-auth builds its callback URLs from NEXTAUTH_URL; Keyhold's one setting is KEYHOLD_URL.
    process.env.NEXTAUTH_URL ||= process.env.KEYHOLD_URL || `http://localhost:${process.env.PORT || 3000}`;
    const { bootstrap } = await import('./lib/bootstrap');
    await bootstrap();
    const { registryConfigFromEnv } = await import('./lib/registry/config');
    const registry = registryConfigFromEnv();
    if (registry) {
      // Generating the 4096-bit signing key takes seconds: do it now, not on the first docker login.
      const { registrySigningKey } = await import('./lib/registry/signing-key');
      registrySigningKey(registry).catch((error: unknown) => console.error('Keyhold: the registry signing key is unusable', error));
    }
    const { removeBotsOfInactiveTokens } = await import('./lib/tokens/cleanup');
    const { removeUnreferencedPackageBlobs } = await import('./lib/packages/cleanup');
    setInterval(() => {
      removeBotsOfInactiveTokens().catch((error: unknown) => console.error('Keyhold: token clean-up failed', error));
      // Files of deleted projects' packages (blobs are shared by digest, so rows cascade and files wait for this).
      removeUnreferencedPackageBlobs().catch((error: unknown) => console.error('Keyhold: package file clean-up failed', error));
    }, CLEANUP_INTERVAL_MS).unref();
  }
}
