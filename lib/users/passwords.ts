import bcrypt from 'bcryptjs';

export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt reads only the first 72 bytes; refusing longer passwords beats silently ignoring the rest. */
export const MAX_PASSWORD_BYTES = 72;

function cost(): number {
  const configured = Number(process.env.KEYHOLD_BCRYPT_COST);
  return Number.isInteger(configured) && configured >= 4 && configured <= 15 ? configured : 10;
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `is too short (minimum is ${MIN_PASSWORD_LENGTH} characters)`;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return `is too long (maximum is ${MAX_PASSWORD_BYTES} bytes)`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

let dummyHash: Promise<string> | undefined;

/**
 * Compares a password with a stored hash. With no hash (unknown user, bot) it still compares
 * against a dummy of the same cost, so the answer takes as long either way.
 */
export async function passwordMatches(password: string, hash: string | null | undefined): Promise<boolean> {
  if (hash) return bcrypt.compare(password, hash);
  dummyHash ??= bcrypt.hash('keyhold-dummy-password', cost());
  await bcrypt.compare(password, await dummyHash);
  return false;
}
