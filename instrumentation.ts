export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // next-auth builds its callback URLs from NEXTAUTH_URL; Keyhold's one setting is KEYHOLD_URL.
    process.env.NEXTAUTH_URL ||= process.env.KEYHOLD_URL || `http://localhost:${process.env.PORT || 3000}`;
    const { bootstrap } = await import('./lib/bootstrap');
    await bootstrap();
  }
}
