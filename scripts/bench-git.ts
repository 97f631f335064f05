// Benchmark of Git over HTTP. Clone time of a repository with 5,000 commits through Keyhold
// (smart HTTP, a project access token) against `git clone file://` of the same repository in the
// same run; and pushes of 50 MB and 200 MB through Keyhold against `git push file://` of the same
// commit, with the app's peak RSS while it receives them (it should not grow with the push). The
// server runs in a child process (this script with `serve`) so its memory and CPU are its own.
// Needs PostgreSQL: DATABASE_URL names the server; a throwaway database is created in it and
// dropped, and the repositories live in a temporary data directory.
//
// The pushed files are random (incompressible) 10 MB blobs marked `-delta` in .gitattributes, as
// projects mark their binaries: otherwise the pushing git spends most of the push (30–90 s for
// 200 MB on a 2-core machine, as much over file:// as over HTTP) searching for deltas between
// random blobs, and the bench measures that rather than the transfer. BENCH_PUSH_DELTA=1 keeps
// git's default delta search.
//
//   npm run bench:git
//   BENCH_COMMITS=5000 BENCH_ROUNDS=11 BENCH_PUSH_MB=200 BENCH_PUSH_ROUNDS=3 npm run bench:git
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDatabase, prepareBenchEnvironment } from './bench-database';

const COMMITS = Number(process.env.BENCH_COMMITS || 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 11);
const PUSH_MB = Number(process.env.BENCH_PUSH_MB || 200);
const PUSH_ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS || 3);
const PUSH_DELTA = process.env.BENCH_PUSH_DELTA === '1';
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
  prepareBenchEnvironment();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'keyhold-bench-git-'));
  process.env.KEYHOLD_DATA_DIR = dataDir;
  const { closeDatabase, useDatabase: installDatabase } = await import('@/db/client');
  const { createHumanUser } = await import('@/lib/users/users');
  const { createGroup } = await import('@/lib/namespaces/groups');
  const { createProject } = await import('@/lib/projects/projects');
  const { createProjectAccessToken } = await import('@/lib/tokens/project-access-tokens');
  const { repositoryPath } = await import('@/lib/git/repositories');
  const { cloneUrl, gitOrThrow } = await import('@/lib/git/testing/git-cli');
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };

  const { handle, url: databaseUrl } = await benchDatabase();
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
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const origin = await originOf(server);
    const serverPid = server.pid!;

    const work = mkdtempSync(path.join(tmpdir(), 'keyhold-bench-clones-'));
    const viaKeyhold = cloneUrl(origin, history.project.fullPath, { username: 'oauth2', password: history.token });
    const viaFile = `file://${bare}`;
    const timings = { keyhold: [] as number[], file: [] as number[] };
    // One warm-up each, then rounds alternating which goes first. The machine's load drifts, so
    // besides the ratio of the medians, the median of each round's own ratio is shown.
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
    const keyholdMs = median(timings.keyhold);
    const fileMs = median(timings.file);
    const ratio = keyholdMs / fileMs;
    const pairedRatio = median(timings.keyhold.map((ms, round) => ms / timings.file[round]!));

    // Pushes of incompressible data, each through Keyhold and to file:// in alternating order:
    // their times, the server's CPU time, and its peak RSS while it receives them.
    const pushes: { mb: number; keyhold: number[]; file: number[]; cpu: number[]; baselineMb: number; growthMb: number; peakMb: number }[] =
      [];
    for (const mb of [Math.max(10, Math.round(PUSH_MB / 4)), PUSH_MB]) {
      const source = path.join(work, `source-${mb}`);
      await gitOrThrow(['init', '-q', '-b', 'main', source]);
      if (!PUSH_DELTA) writeFileSync(path.join(source, '.gitattributes'), '*.bin -delta\n');
      for (let file = 0; file < mb / 10; file++) writeFileSync(path.join(source, `blob-${file}.bin`), randomBytes(10 * 1024 * 1024));
      await gitOrThrow(['-C', source, 'add', '.']);
      await gitOrThrow(['-C', source, 'commit', '-q', '-m', `${mb} MB`]);
      const push = { mb, keyhold: [] as number[], file: [] as number[], cpu: [] as number[], baselineMb: 0, growthMb: 0, peakMb: 0 };
      for (let round = 0; round < PUSH_ROUNDS; round++) {
        const order: ('keyhold' | 'file')[] = round % 2 === 0 ? ['file', 'keyhold'] : ['keyhold', 'file'];
        for (const mode of order) {
          if (mode === 'file') {
            const target = path.join(work, `push-target-${mb}-${round}.git`);
            await gitOrThrow(['init', '-q', '--bare', target]);
            const start = performance.now();
            await gitOrThrow(['-C', source, 'push', '-q', `file://${target}`, 'main']);
            push.file.push((performance.now() - start) / 1000);
            rmSync(target, { recursive: true, force: true });
            continue;
          }
          const { project, token } = await newProject(`push-${mb}-${round}`);
          const baseline = rssMb(serverPid);
          let peak = baseline;
          const sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 20);
          const cpuBefore = cpuSeconds(serverPid);
          const start = performance.now();
          await gitOrThrow([
            '-C',
            source,
            'push',
            '-q',
            cloneUrl(origin, project.fullPath, { username: 'oauth2', password: token }),
            'main',
          ]);
          push.keyhold.push((performance.now() - start) / 1000);
          clearInterval(sampler);
          push.cpu.push(cpuSeconds(serverPid) - cpuBefore);
          peak = Math.max(peak, rssMb(serverPid));
          if (peak - baseline >= push.growthMb) Object.assign(push, { baselineMb: baseline, growthMb: peak - baseline, peakMb: peak });
          rmSync(repositoryPath(project.id), { recursive: true, force: true });
        }
      }
      pushes.push(push);
      rmSync(source, { recursive: true, force: true });
    }
    rmSync(work, { recursive: true, force: true });

    const fmt = (n: number) => n.toFixed(1);
    console.log('');
    console.log(`Clone of ${COMMITS} commits (median of ${ROUNDS}):`);
    console.log(`  through Keyhold (HTTP): ${fmt(keyholdMs)} ms   [${timings.keyhold.map(fmt).join(', ')}]`);
    console.log(`  git clone file://:      ${fmt(fileMs)} ms   [${timings.file.map(fmt).join(', ')}]`);
    console.log(
      `  ratio of medians: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×) ${ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}; median of per-round ratios: ${pairedRatio.toFixed(2)}×`,
    );
    const seconds = (values: number[]) => values.map((value) => value.toFixed(1)).join(', ');
    console.log(`Pushes (median of ${PUSH_ROUNDS}; ${PUSH_DELTA ? "git's default delta search" : 'blobs marked -delta'}):`);
    for (const push of pushes) {
      const keyhold = median(push.keyhold);
      const file = median(push.file);
      console.log(
        `  ${push.mb} MB through Keyhold: ${keyhold.toFixed(1)} s (${fmt(push.mb / keyhold)} MB/s) [${seconds(push.keyhold)}]; ` +
          `file://: ${file.toFixed(1)} s (${fmt(push.mb / file)} MB/s) [${seconds(push.file)}]; ratio ${(keyhold / file).toFixed(2)}×; ` +
          `app CPU ${median(push.cpu).toFixed(2)} s`,
      );
    }
    console.log('App RSS while receiving a push (largest growth of its rounds):');
    for (const push of pushes) {
      console.log(`  ${push.mb} MB push: RSS ${fmt(push.baselineMb)} MB before, peak ${fmt(push.peakMb)} MB (+${fmt(push.growthMb)} MB)`);
    }
    const [small, large] = pushes;
    if (small && large) {
      console.log(
        `  peak growth at ${large.mb} MB vs ${small.mb} MB: ${fmt(large.growthMb)} vs ${fmt(small.growthMb)} MB; ${large.growthMb < large.mb / 4 ? 'flat in push size: OK' : 'GROWS WITH PUSH SIZE'}`,
      );
    }
  } finally {
    server?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await closeDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  }
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

/** User plus system CPU time of a process in seconds, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
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
