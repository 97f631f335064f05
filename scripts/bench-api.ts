// Benchmark of the REST API over HTTP: what token authentication costs. Measures requests/s and
// p50/p99 latency of GET /api/v4/projects/:id for a public project, once with a project access
// token (PRIVATE-TOKEN) and once anonymously, in the same run, with 1,000,000 tokens stored. A third
// mode, an admin's personal access token, separates the token from authorization: admins need no
// membership, so the project query is the very one an anonymous request runs.
// Needs PostgreSQL: DATABASE_URL names the server; a throwaway database is created in it and dropped.
//
//   npm run bench:api
//   BENCH_STORED=10000 BENCH_SECONDS=5 BENCH_CONCURRENCY=16 BENCH_ROUNDS=3 npm run bench:api
import { performance } from 'node:perf_hooks';
import { benchDatabase, countTokens, fillTokens, prepareBenchEnvironment } from './bench-database';

prepareBenchEnvironment();

const STORED = Number(process.env.BENCH_STORED || 1_000_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 16);
/** Seconds per measured round of each mode. */
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
/** Rounds alternate the order of the modes so drift hits them alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const WARM_UP_REQUESTS = 1000;
/** Token authentication may cost at most this share of anonymous throughput. */
const TARGET_OVERHEAD = 0.15;

const { closeDatabase, db, useDatabase: installDatabase } = await import('@/db/client');
const { createHumanUser } = await import('@/lib/users/users');
const { createGroup } = await import('@/lib/namespaces/groups');
const { createProject } = await import('@/lib/projects/projects');
const { createProjectAccessToken } = await import('@/lib/tokens/project-access-tokens');
const { createPersonalAccessToken } = await import('@/lib/tokens/personal-access-tokens');
const { startApiServer } = await import('@/lib/api/node-server');

interface Mode {
  name: string;
  headers: Record<string, string>;
  latencies: number[];
  requests: number;
  seconds: number;
  /** CPU time of this process (client and server) while the mode ran: load elsewhere on the machine does not count. */
  cpuMicros: number;
}

/** Sends requests from `CONCURRENCY` loops until `seconds` pass (or `count` are sent). */
async function load(url: string, mode: Mode, { seconds = Infinity, count = Infinity, record = true }) {
  const deadline = performance.now() + seconds * 1000;
  let sent = 0;
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < count && performance.now() < deadline) {
        sent++;
        const begin = performance.now();
        const response = await fetch(url, { headers: mode.headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${mode.name}: HTTP ${response.status}`);
        if (record) mode.latencies.push(performance.now() - begin);
      }
    }),
  );
  if (record) {
    mode.requests += sent;
    mode.seconds += (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    mode.cpuMicros += cpu.user + cpu.system;
  }
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;

const started = performance.now();
const { handle } = await benchDatabase();
installDatabase(handle);
let server: Awaited<ReturnType<typeof startApiServer>> | null = null;
const modes: Mode[] = [
  { name: 'anonymous', headers: {}, latencies: [], requests: 0, seconds: 0, cpuMicros: 0 },
  { name: 'project token', headers: {}, latencies: [], requests: 0, seconds: 0, cpuMicros: 0 },
  { name: 'admin PAT', headers: {}, latencies: [], requests: 0, seconds: 0, cpuMicros: 0 },
];
let stored = 0;
try {
  const database = await db();
  const admin = await createHumanUser({
    username: 'bench-admin',
    name: 'Bench',
    email: 'bench@example.com',
    password: 'bench-password',
    isAdmin: true,
  });
  const group = await createGroup({ actor: admin, name: 'Bench', path: 'bench', visibility: 'public' });
  const project = await createProject({ actor: admin, name: 'Public', path: 'public', namespaceId: group.id, visibility: 'public' });
  const { token } = await createProjectAccessToken({
    actor: admin,
    projectId: project.id,
    name: 'bench',
    scopes: ['read_api'],
    accessLevel: 20,
    expiresAt: undefined,
  });
  modes[1]!.headers = { 'private-token': token };
  const personal = await createPersonalAccessToken({
    actor: admin,
    name: 'bench',
    scopes: ['read_api'],
    expiresAt: undefined,
    ipAddress: null,
  });
  modes[2]!.headers = { 'private-token': personal.token };
  console.log(`${STORED.toLocaleString('en')} stored tokens:`);
  await fillTokens(database, admin.id, STORED);
  stored = await countTokens(database);

  server = await startApiServer();
  const url = `${server.origin}/api/v4/projects/${project.id}`;
  // Warm-up (connections, JIT, the token's first-use write of last_used_at): not measured.
  for (const mode of modes) await load(url, mode, { count: WARM_UP_REQUESTS, record: false });
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) await load(url, mode, { seconds: SECONDS });
  }
} finally {
  await server?.close();
  await closeDatabase();
}

console.log(
  `\nGET /api/v4/projects/:id (public project) over HTTP on 127.0.0.1; ${CONCURRENCY} concurrent clients, ` +
    `${ROUNDS} alternating rounds of ${SECONDS} s per mode; ${stored.toLocaleString('en')} tokens stored; ` +
    `pool ${process.env.KEYHOLD_DB_POOL_SIZE || 10}.\n`,
);
console.log('mode          | requests | requests/s | p50 ms | p99 ms | CPU µs/request');
console.log('------------- | -------- | ---------- | ------ | ------ | --------------');
for (const mode of modes) {
  const sorted = [...mode.latencies].sort((a, b) => a - b);
  console.log(
    `${mode.name.padEnd(13)} | ${String(mode.requests).padStart(8)} | ${(mode.requests / mode.seconds).toFixed(0).padStart(10)} | ${percentile(
      sorted,
      0.5,
    )
      .toFixed(2)
      .padStart(6)} | ${percentile(sorted, 0.99).toFixed(2).padStart(6)} | ${(mode.cpuMicros / mode.requests).toFixed(0).padStart(14)}`,
  );
}
const [anonymous, withToken, admin] = modes.map((mode) => mode.requests / mode.seconds) as [number, number, number];
const overhead = 1 - withToken / anonymous;
const lookup = 1 - admin / anonymous;
console.log(
  `\nproject token / anonymous throughput = ${(withToken / anonymous).toFixed(2)}: a project token costs ${(overhead * 100).toFixed(1)}% ` +
    `(target ≤ ${TARGET_OVERHEAD * 100}%: ${overhead <= TARGET_OVERHEAD ? 'met' : 'NOT met'})`,
);
console.log(
  `admin PAT / anonymous throughput = ${(admin / anonymous).toFixed(2)}: a token without any membership to read costs ` +
    `${(lookup * 100).toFixed(1)}% (same queries as anonymous; the difference is the token's own handling and noise)`,
);
const cpuPerRequest = modes.map((mode) => mode.cpuMicros / mode.requests) as [number, number, number];
console.log(
  `CPU per request of this process, project token / anonymous = ${(cpuPerRequest[1] / cpuPerRequest[0]).toFixed(2)} ` +
    `(admin PAT / anonymous = ${(cpuPerRequest[2] / cpuPerRequest[0]).toFixed(2)}); PostgreSQL's own CPU is not in it.`,
);
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
