export function trustedClientAddress(forwardedFor: string | undefined, peer: string | undefined, trustedProxies: number): string | null;
