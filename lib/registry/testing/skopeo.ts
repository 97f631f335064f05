import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SkopeoResult {
  ok: boolean;
  output: string;
}

/**
 * Runs skopeo with a private HOME, auth file and signature policy under `directory`, so it reads and
 * writes nothing of the user's (no ~/.docker, ~/.config/containers, /etc/containers/policy.json).
 */
export function skopeo(directory: string, args: string[]): Promise<SkopeoResult> {
  const home = path.join(directory, 'home');
  mkdirSync(home, { recursive: true });
  const policy = path.join(directory, 'policy.json');
  writeFileSync(policy, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_RUNTIME_DIR: path.join(home, 'run'),
    REGISTRY_AUTH_FILE: path.join(home, 'auth.json'),
  };
  mkdirSync(env.XDG_RUNTIME_DIR!, { recursive: true, mode: 0o700 });
  return new Promise((resolve) => {
    execFile('skopeo', ['--policy', policy, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ ok: !error, output: `${stdout}${stderr}` }),
    );
  });
}
