/** Display helpers shared by the token tables. Dates are UTC, as tokens expire at 00:00 UTC. */
export function formatDate(value: Date | null): string {
  return value ? value.toISOString().slice(0, 10) : 'Never';
}

export function formatDateTime(value: Date | null): string {
  return value ? `${value.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'Never';
}

/** Whole days from `today` to the expiry date (0 = expires tonight at 00:00 UTC). */
export function daysUntil(expiresAt: string, now: Date): number {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((Date.parse(`${expiresAt}T00:00:00Z`) - today) / 86_400_000);
}
