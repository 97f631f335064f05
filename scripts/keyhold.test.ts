import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openPglite } from '@/db/open';
import { addDays, utcDate } from '@/lib/dates';
import { authenticateToken } from '@/lib/tokens/authenticate';
import { listPersonalAccessTokens } from '@/lib/tokens/personal-access-tokens';
import { withFreshDatabase } from '@/tests/database';
import { createTestUser } from '@/tests/factories';
import { setUserState } from '@/tests/personal-token-factories';
import { runKeyholdCommand, type CliIo } from './keyhold';

withFreshDatabase();

/** Runs one command in-process against the test database and captures what it prints. */
async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) };
  const status = await runKeyholdCommand(argv, io);
  return { status, stdout, stderr };
}

const inDays = (days: number) => addDays(utcDate(new Date()), days);

describe('keyhold token (in-process, on a fresh database)', () => {
  it('create prints only the token, once; it works, and list and revoke manage it', async () => {
    const user = await createTestUser();
    const expiresAt = inDays(30);
    const created = await run(
      'token',
      'create',
      '--user',
      user.username,
      '--scopes',
      'api,read_user',
      '--name',
      'ci',
      '--expires-at',
      expiresAt,
    );
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    expect(created.stdout).toMatch(/^glpat-[0-9A-Za-z]{38}\n$/);
    expect(created.stderr).toContain(`"ci" for ${user.username}`);
    expect(created.stderr).not.toContain(token);
    const auth = await authenticateToken(token);
    expect(auth).toMatchObject({ ok: true, user: { id: user.id }, token: { kind: 'personal', scopes: ['api', 'read_user'], expiresAt } });

    const listed = await run('token', 'list', '--user', user.username);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^ID\s+NAME\s+SCOPES\s+STATE\s+EXPIRES\s+LAST USED\n/);
    expect(listed.stdout).toContain('api,read_user');
    expect(listed.stdout).not.toContain(token);

    const id = (await listPersonalAccessTokens({ actor: user })).tokens[0]!.id;
    const revoked = await run('token', 'revoke', '--id', String(id));
    expect(revoked).toMatchObject({ status: 0, stdout: '' });
    expect(revoked.stderr).toContain(`Revoked personal access token ${id} "ci" of ${user.username}`);
    expect(await authenticateToken(token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await run('token', 'revoke', String(id))).toMatchObject({ status: 1, stderr: 'keyhold: Token already revoked\n' });
    expect((await run('token', 'list', '--user', user.username, '--state', 'inactive')).stdout).toContain('revoked');
  });

  it('--json prints the GitLab token JSON, secret included; several --scopes add up', async () => {
    const user = await createTestUser();
    const { status, stdout } = await run(
      'token',
      'create',
      '--user',
      user.username,
      '--scopes',
      'read_api',
      '--scopes',
      'read_repository',
      '--name',
      'json',
      '--json',
    );
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ name: 'json', scopes: ['read_api', 'read_repository'], user_id: user.id, active: true });
    // No --expires-at: the longest lifetime allowed (365 days by default).
    expect(json.expires_at).toBe(inDays(365));
    expect((await authenticateToken(json.token)).ok).toBe(true);
    const listed = JSON.parse((await run('token', 'list', '--user', user.username, '--json')).stdout);
    expect(listed).toEqual([expect.objectContaining({ id: json.id })]);
    expect(listed[0].token).toBeUndefined();
  });

  it("refuses what Keyhold's rules refuse, and unknown users, with status 1", async () => {
    const user = await createTestUser();
    const base = ['token', 'create', '--user', user.username, '--name', 'x'];
    expect(await run(...base, '--scopes', 'write_registry')).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'keyhold: Scopes can only contain available scopes\n',
    });
    const late = await run(...base, '--scopes', 'api', '--expires-at', inDays(366));
    expect(late.status).toBe(1);
    expect(late.stderr).toMatch(/^keyhold: Expires at must be before \d{4}-\d{2}-\d{2}\n$/);
    expect(await run('token', 'create', '--user', 'nobody-here', '--name', 'x', '--scopes', 'api')).toMatchObject({
      status: 1,
      stderr: 'keyhold: there is no user "nobody-here"\n',
    });
    const blocked = await createTestUser();
    await setUserState(blocked.id, 'blocked');
    expect((await run('token', 'list', '--user', blocked.username)).status).toBe(1);
    expect(await run('token', 'revoke', '--id', '999999')).toMatchObject({ status: 1 });
    expect((await listPersonalAccessTokens({ actor: user })).total).toBe(0);
  });

  it('answers usage mistakes with the usage and status 2', async () => {
    for (const argv of [
      ['token'],
      ['token', 'make'],
      ['tokens', 'list'],
      ['token', 'create', '--user', 'root'],
      ['token', 'list', '--bogus'],
    ]) {
      const result = await run(...argv);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage: npm run -s keyhold -- token <command>');
    }
    expect(await run('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('token create --user <username>') });
  });
});

const execFileAsync = promisify(execFile);

/** Runs `scripts/keyhold.ts` as `npm run keyhold` does, on embedded PGlite in `dataDir`. */
async function spawnKeyhold(dataDir: string, ...argv: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYHOLD_DATA_DIR: dataDir, KEYHOLD_ROOT_PASSWORD: 'root-password-for-the-cli-test' };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', path.join('scripts', 'keyhold.ts'), ...argv],
      { env, cwd: process.cwd() },
    );
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run keyhold (a real process on a throwaway embedded database)', () => {
  it('bootstraps root, prints its first token, and refuses clearly while another process holds the database', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keyhold-cli-'));
    try {
      const created = await spawnKeyhold(
        dataDir,
        'token',
        'create',
        '--user',
        'root',
        '--scopes',
        'api',
        '--name',
        'ci',
        '--expires-at',
        inDays(10),
      );
      expect(created.stderr).toContain('"ci" for root');
      expect(created).toMatchObject({ status: 0, stdout: expect.stringMatching(/^glpat-[0-9A-Za-z]{38}\n$/) });

      // What the server does while it runs: hold the directory.
      const held = await openPglite(path.join(dataDir, 'pgdata'));
      try {
        const refused = await spawnKeyhold(dataDir, 'token', 'list', '--user', 'root');
        expect(refused.status).toBe(1);
        expect(refused.stdout).toBe('');
        expect(refused.stderr).toContain(`is in use by process ${process.pid}`);
        expect(refused.stderr).toContain('stop the server');
      } finally {
        await held.close();
      }
      const listed = await spawnKeyhold(dataDir, 'token', 'list', '--user', 'root');
      expect(listed.status).toBe(0);
      expect(listed.stdout).toMatch(/\bci\s+api\s+active\b/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
