// Benchmark of Git over HTTP. Clone time of a repository with 5,000 commits through Keyhold
// (smart HTTP, a project access token) against `git clone file://` of the same repository in the
// same run; and the app's peak RSS while it receives pushes of 50 MB and 200 MB (it should not
// grow with the push). The server runs in a child process (this script with `serve`) so its
// memory is its own. Needs PostgreSQL: DATABASE_URL names the server; a throwaway database is
// created in it and dropped, and the repositories live in a temporary data directory.
//
//   npm run bench:git
//   BENCH_COMMITS=5000 BENCH_ROUNDS=5 BENCH_PUSH_MB=200 npm run bench:git
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DATABASE_URL, benchDatabase } from './bench-database';

const COMMITS = Number(process.env.BENCH_COMMITS || 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const PUSH_MB = Number(process.env.BENCH_PUSH_MB || 200);
/** Target: cloning through Keyhold takes at most this many times `file://`. */
const TARGET_RATIO = 1.5;

if (process.argv[2] === 'serve') {
  // Child: serve Git over HTTP on a free port and print the origin.
  const { useDatabase: installDatabase } = await import('@/db/client');
  const { openPostgres } = await import('@/db/open');
  const { startGitServer } = await import('@/lib/git/git-server');
  installDatabase(await openPostgres(process.env.DATABASE_URL!));
  const server = await startGitServer();
  console.log(`ORIGIN ${server.origin}`);
  process.on('SIGTERM', () => void server.close().finally(() => process.exit(0)));
} else {
  await main();
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.log(`DATABASE_URL is not set; using ${DEFAULT_DATABASE_URL}`);
    process.env.DATABASE_URL = DEFAULT_DATABASE_URL;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'keyhold-bench-git-'));
  process.env.KEYHOLD_DATA_DIR = dataDir;
  process.env.KEYHOLD_SECRET ??= randomBytes(32).toString('base64url');
  process.env.KEYHOLD_BCRYPT_COST ??= '4';
  const { closeDatabase, useDatabase: installDatabase } = await import('@/db/client');
  const { createHumanUser } = await import('@/lib/users/users');
  const { createGroup } = await import('@/lib/namespaces/groups');
  const { createProject } = await import('@/lib/projects/projects');
  const { createProjectAccessToken } = await import('@/lib/tokens/project-access-tokens');
  const { repositoryPath } = await import('@/lib/git/repositories');
  const { cloneUrl, gitOrThrow } = await import('@/lib/git/testing/git-cli');

  const { handle, drop } = await benchDatabase();
  installDatabase(handle);
  let server: ChildProcess | null = null;
  try {
    const owner = await createHumanUser({ username: 'bench', name: 'Bench', email: 'bench@example.com', password: 'bench-password-1' });
    const group = await createGroup({ actor: owner, name: 'Bench group', path: 'bench-group' });
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const newProject = async (name: string) => {
      const project = await createProject({ actor: owner, name, path: name, namespaceId: group.id });
      const { token } = await createProjectAccessToken({
        actor: owner,
        projectId: project.id,
        name: 'bench',
        scopes: ['write_repository'],
        accessLevel: 30,
        expiresAt,
      });
      return { project, token };
    };

    // A repository with COMMITS commits, written with fast-import straight into the project's repository.
    const history = await newProject('history');
    const bare = repositoryPath(history.project.id);
    console.log(`Writing ${COMMITS} commits …`);
    await fastImport(bare, commitStream(COMMITS));
    await gitOrThrow(['--git-dir', bare, 'repack', '-a', '-d', '-q']);

    server = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', path.join(import.meta.dirname, 'bench-git.ts'), 'serve'],
      {
        env: { ...process.env, DATABASE_URL: databaseUrlOf(handle) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const origin = await originOf(server);
    const serverPid = server.pid!;

    const work = mkdtempSync(path.join(tmpdir(), 'keyhold-bench-clones-'));
    const viaKeyhold = cloneUrl(origin, history.project.fullPath, { username: 'oauth2', password: history.token });
    const viaFile = `file://${bare}`;
    const timings = { keyhold: [] as number[], file: [] as number[] };
    // One warm-up each, then rounds alternating which goes first.
    await gitOrThrow(['clone', '-q', viaKeyhold, path.join(work, 'warm-keyhold')]);
    await gitOrThrow(['clone', '-q', viaFile, path.join(work, 'warm-file')]);
    for (let round = 0; round < ROUNDS; round++) {
      const order: ('keyhold' | 'file')[] = round % 2 === 0 ? ['keyhold', 'file'] : ['file', 'keyhold'];
      for (const mode of order) {
        const target = path.join(work, `${mode}-${round}`);
        const start = performance.now();
        await gitOrThrow(['clone', '-q', mode === 'keyhold' ? viaKeyhold : viaFile, target]);
        timings[mode].push(performance.now() - start);
        rmSync(target, { recursive: true, force: true });
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const keyholdMs = median(timings.keyhold);
    const fileMs = median(timings.file);
    const ratio = keyholdMs / fileMs;

    // Pushes of incompressible data: peak RSS of the server while each is received.
    const pushes: { mb: number; seconds: number; baselineMb: number; peakMb: number }[] = [];
    for (const mb of [Math.max(10, Math.round(PUSH_MB / 4)), PUSH_MB]) {
      const { project, token } = await newProject(`push-${mb}`);
      const source = path.join(work, `source-${mb}`);
      await gitOrThrow(['init', '-q', '-b', 'main', source]);
      for (let file = 0; file < mb / 10; file++) writeFileSync(path.join(source, `blob-${file}.bin`), randomBytes(10 * 1024 * 1024));
      await gitOrThrow(['-C', source, 'add', '.']);
      await gitOrThrow(['-C', source, 'commit', '-q', '-m', `${mb} MB`]);
      const baseline = rssMb(serverPid);
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 20);
      const start = performance.now();
      await gitOrThrow(['-C', source, 'push', '-q', cloneUrl(origin, project.fullPath, { username: 'oauth2', password: token }), 'main']);
      const seconds = (performance.now() - start) / 1000;
      clearInterval(sampler);
      pushes.push({ mb, seconds, baselineMb: baseline, peakMb: Math.max(peak, rssMb(serverPid)) });
      rmSync(source, { recursive: true, force: true });
    }
    rmSync(work, { recursive: true, force: true });

    const fmt = (n: number) => n.toFixed(1);
    console.log('');
    console.log(`Clone of ${COMMITS} commits (median of ${ROUNDS}):`);
    console.log(`  through Keyhold (HTTP): ${fmt(keyholdMs)} ms   [${timings.keyhold.map(fmt).join(', ')}]`);
    console.log(`  git clone file://:      ${fmt(fileMs)} ms   [${timings.file.map(fmt).join(', ')}]`);
    console.log(`  ratio: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×) ${ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}`);
    console.log('App RSS while receiving a push:');
    for (const push of pushes) {
      console.log(
        `  ${push.mb} MB push in ${push.seconds.toFixed(1)} s: RSS ${fmt(push.baselineMb)} MB before, peak ${fmt(push.peakMb)} MB (+${fmt(push.peakMb - push.baselineMb)} MB)`,
      );
    }
    const [small, large] = pushes;
    if (small && large) {
      const growth = large.peakMb - large.baselineMb;
      console.log(
        `  peak growth at ${large.mb} MB vs ${small.mb} MB: ${fmt(growth)} vs ${fmt(small.peakMb - small.baselineMb)} MB; ${growth < large.mb / 4 ? 'flat in push size: OK' : 'GROWS WITH PUSH SIZE'}`,
      );
    }
  } finally {
    server?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await closeDatabase();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The connection URL of the bench database (the child opens its own pool). */
function databaseUrlOf(handle: unknown): string {
  // benchDatabase names its database keyhold_bench_<pid>_<hex>; read the name back from Postgres' pool options.
  const pool = (handle as { db: { $client?: { options?: { connectionString?: string } } } }).db.$client;
  const url = pool?.options?.connectionString;
  if (!url) throw new Error('cannot find the bench database URL');
  return url;
}

function originOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /ORIGIN (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
  });
}

/** Resident memory of a process in MB, from /proc. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** A fast-import stream of `count` commits on main, each changing one of 100 small files. */
function commitStream(count: number): string {
  const parts: string[] = [];
  for (let index = 1; index <= count; index++) {
    const content = `line ${index}\n${'x'.repeat(200)}\n`;
    const message = `Commit ${index}\n`;
    parts.push(
      'commit refs/heads/main\n',
      `committer Bench <bench@example.com> ${1_700_000_000 + index} +0000\n`,
      `data ${Buffer.byteLength(message)}\n${message}`,
      `M 100644 inline file-${index % 100}.txt\n`,
      `data ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  return parts.join('');
}

function fastImport(gitDir: string, stream: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`))));
    child.stdin.end(stream);
  });
}
