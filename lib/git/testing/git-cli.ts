// Runs the real git CLI for tests and benchmarks: no user configuration, no prompts, a throwaway HOME.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const home = mkdtempSync(path.join(tmpdir(), 'keyhold-git-home-'));

/** Runs `git <args>` and collects its output; never throws on a non-zero exit. */
export function runGit(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_TERMINAL_PROMPT: '0',
        GIT_ASKPASS: '',
        SSH_ASKPASS: '',
        LANG: 'C',
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
        ...options.env,
      } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Like runGit, but throws with git's output when it fails. */
export async function gitOrThrow(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) throw new Error(`git ${args[0]} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

/** `http://<user>:<password>@host/<path>.git`, with both parts URL-encoded. */
export function cloneUrl(origin: string, projectPath: string, credentials?: { username: string; password: string }): string {
  const url = new URL(`${origin}/${projectPath}.git`);
  if (credentials) {
    url.username = encodeURIComponent(credentials.username);
    url.password = encodeURIComponent(credentials.password);
  }
  return url.toString();
}

/** A fresh temporary directory. */
export function temporaryDirectory(prefix = 'keyhold-git-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
