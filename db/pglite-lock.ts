import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Another live process has the embedded database open. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly location: string,
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(
      `The embedded database in ${location} is in use by process ${pid} (probably the running Keyhold server). ` +
        'Embedded PGlite allows one process at a time: stop the server and try again, or run Keyhold on PostgreSQL ' +
        `(DATABASE_URL), where any number of processes may share the database. If no such process exists, delete ${lockFile}.`,
    );
    this.name = 'DatabaseInUseError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * PGlite opens a data directory without noticing that another process already has it open, and
 * two processes writing one directory corrupt it. So every opener first takes `<directory>.lock`,
 * holding its process id: a live holder means "in use" (DatabaseInUseError); a lock left by a
 * process that is gone (a crash, `kill -9`) is taken over. Returns the function that releases it.
 */
export async function lockPgliteDirectory(location: string): Promise<() => void> {
  const lockFile = `${location}.lock`;
  const release = () => {
    if (holderOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(lockFile);
    // The same process opening again (after closing its handle, or a test re-installing it).
    if (holder === process.pid) return release;
    if (holder !== null && isRunning(holder)) throw new DatabaseInUseError(location, holder, lockFile);
    if (holder === null) {
      // Just created by another opener that has not written its id yet; give it a moment.
      await sleep(50);
      if (holderOf(lockFile) === null && attempt >= 4) rmSync(lockFile, { force: true });
      continue;
    }
    // Left behind by a process that is gone: take it over unless someone already did.
    if (holderOf(lockFile) === holder) rmSync(lockFile, { force: true });
  }
  throw new Error(`could not lock the embedded database in ${location}`);
}
