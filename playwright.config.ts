import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutablePath } from './e2e/browser';

// This file is evaluated in the runner and again in every worker. Values chosen here are put
// into process.env by the runner before workers start, so every process sees the same ones.
process.env.E2E_PORT ??= freePort();
process.env.E2E_ROOT_PASSWORD ??= `root-${randomBytes(12).toString('base64url')}`;
// The container registry's pages exist only with a registry configured: point at a free port (no
// registry runs there, so the page shows its "unreachable" state; the real registry is tested in Vitest).
process.env.KEYHOLD_REGISTRY_URL ??= `127.0.0.1:${freePort()}`;

const isCI = !!process.env.CI;
/** Specs that change instance-wide settings. */
const INSTANCE_SETTINGS_SPECS = /instance-settings\.spec\.ts$/;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

/** A TCP port that is free right now, found synchronously (config files cannot await). */
function freePort(): string {
  const probe = 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})';
  return execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim();
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: isCI,
  workers: isCI ? 1 : undefined,
  retries: isCI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumExecutablePath(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: INSTANCE_SETTINGS_SPECS },
    // Instance-wide settings (token lifetime, sign-up) would change what the other specs see if they
    // ran beside them: these run on their own, after all the others, and restore what they change.
    {
      name: 'instance-settings',
      use: { ...devices['Desktop Chrome'] },
      testMatch: INSTANCE_SETTINGS_SPECS,
      dependencies: ['chromium'],
    },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/-/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM lets the script stop the server and drop its throwaway database.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
