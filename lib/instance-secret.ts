import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/db/open';

let cached: string | undefined;

/**
 * The instance secret that keys token digests and signs sessions: `KEYHOLD_SECRET`, or one
 * generated once into the data directory so an embedded install needs no configuration.
 */
export function instanceSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.KEYHOLD_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('KEYHOLD_SECRET must be at least 32 characters long');
    return (cached = fromEnv);
  }
  const file = path.join(dataDir(), 'secret');
  try {
    return (cached = readFileSync(file, 'utf8').trim());
  } catch {
    mkdirSync(dataDir(), { recursive: true });
    try {
      // 'wx' fails if another process won the race; then we read what it wrote.
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return (cached = readFileSync(file, 'utf8').trim());
  }
}

/** A secret for one purpose, derived from the instance secret so purposes never share a key. */
export function derivedSecret(purpose: string): string {
  return createHmac('sha256', instanceSecret()).update(purpose).digest('base64url');
}
