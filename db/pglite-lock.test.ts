import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseInUseError, lockPgliteDirectory } from './pglite-lock';

const dirs: string[] = [];
function freshLocation(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyhold-lock-'));
  dirs.push(dir);
  return path.join(dir, 'pgdata');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database lock', () => {
  it('is taken with the process id and released again', async () => {
    const location = freshLocation();
    const release = await lockPgliteDirectory(location);
    expect(readFileSync(`${location}.lock`, 'utf8').trim()).toBe(String(process.pid));
    // The same process may open again (a re-installed handle).
    await lockPgliteDirectory(location);
    release();
    expect(existsSync(`${location}.lock`)).toBe(false);
  });

  it('refuses while another live process holds it, naming that process', async () => {
    const location = freshLocation();
    // The parent of this test process is alive and is not us.
    writeFileSync(`${location}.lock`, `${process.ppid}\n`);
    const attempt = lockPgliteDirectory(location);
    await expect(attempt).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(attempt).rejects.toThrow(`is in use by process ${process.ppid}`);
    // The holder's lock is left alone.
    expect(readFileSync(`${location}.lock`, 'utf8').trim()).toBe(String(process.ppid));
  });

  it('takes over a lock left behind by a process that is gone, or one never written', async () => {
    const location = freshLocation();
    writeFileSync(`${location}.lock`, '2147483646\n');
    (await lockPgliteDirectory(location))();
    writeFileSync(`${location}.lock`, '');
    const release = await lockPgliteDirectory(location);
    expect(readFileSync(`${location}.lock`, 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});
