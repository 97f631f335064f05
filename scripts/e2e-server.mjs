// Starts the production server (`next start`) on a fresh, throwaway database for Playwright.
//
//   E2E_PORT=3100 E2E_ROOT_PASSWORD=... node scripts/e2e-server.mjs
//
// With DATABASE_URL set, a new database `keyhold_e2e_<random>` is created on that server and
// dropped again on exit; without it, embedded PGlite lives in a new temporary directory that is
// removed on exit. Run `next build` first. Plain Node on purpose: no server-only modules, no tsx.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.E2E_PORT || '3100';
const baseUrl = `http://127.0.0.1:${port}`;
/** How long the server gets to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

function log(message) {
  console.log(`[e2e-server] ${message}`);
}

/** Runs one statement against the server DATABASE_URL names, on a short-lived connection. */
async function onServer(serverUrl, statement) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh data directory (repositories, package files, keys; PGlite's files when embedded)
 * and, with DATABASE_URL, a fresh database; returns the child's env additions and a disposer.
 */
async function prepareDatabase() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyhold-e2e-'));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `keyhold_e2e_${randomBytes(6).toString('hex')}`;
    await onServer(serverUrl, `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    log(`using Postgres database ${name}, data in ${dir}`);
    return {
      env: { DATABASE_URL: url.toString(), KEYHOLD_DATA_DIR: dir },
      dispose: async () => {
        await onServer(serverUrl, `drop database if exists ${name} with (force)`);
        await removeDir();
      },
    };
  }
  log(`using embedded PGlite in ${dir}`);
  return { env: { KEYHOLD_DATA_DIR: dir }, dispose: removeDir };
}

let stopping = false;
/** Set once the server is spawned. */
let stopServer = () => {};
function stop(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping the server`);
  stopServer();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGHUP', () => stop('SIGHUP'));

async function main() {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    console.error('[e2e-server] no production build found: run `next build` first');
    process.exit(1);
  }
  let rootPassword = process.env.E2E_ROOT_PASSWORD;
  if (!rootPassword) {
    rootPassword = randomBytes(12).toString('base64url');
    log(`E2E_ROOT_PASSWORD is unset; root's password is ${rootPassword}`);
  }

  const database = await prepareDatabase();
  let disposed = false;
  async function dispose() {
    if (disposed) return;
    disposed = true;
    try {
      await database.dispose();
    } catch (error) {
      console.error('[e2e-server] could not remove the test database:', error);
    }
  }

  // A signal that arrived while the database was being prepared: clean up without starting.
  if (stopping) {
    await dispose();
    process.exit(0);
  }

  // The production server as `npm start` runs it.
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      ...database.env,
      PORT: port,
      HOSTNAME: '127.0.0.1',
      KEYHOLD_ROOT_PASSWORD: rootPassword,
      KEYHOLD_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      KEYHOLD_SECRET: randomBytes(32).toString('hex'),
      KEYHOLD_BCRYPT_COST: '4',
    },
  });

  stopServer = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS).unref();
    }
  };

  child.on('error', async (error) => {
    console.error('[e2e-server] could not start next:', error);
    await dispose();
    process.exit(1);
  });
  child.on('exit', async (code, signal) => {
    if (!stopping) log(`server exited unexpectedly (${signal ?? `code ${code}`})`);
    await dispose();
    process.exit(stopping ? 0 : code || 1);
  });
}

main().catch((error) => {
  console.error('[e2e-server]', error);
  process.exit(1);
});
