// Benchmark of project access tokens: creations/s (createProjectAccessToken) and
// authentications/s (authenticateToken) with 10,000 and with 1,000,000 tokens stored.
// Needs Postgres: DATABASE_URL names the server; a throwaway database is created in it and dropped.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';

import { benchDatabase, prepareBenchEnvironment } from './bench-database';

prepareBenchEnvironment();

const CREATIONS = Number(process.env.BENCH_CREATIONS || 500);
const AUTHENTICATIONS = Number(process.env.BENCH_AUTHS || 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 10);
/** Authentication is measured this many times; the median round counts. */
const AUTH_ROUNDS = 3;
const SIZES = (process.env.BENCH_SIZES || '10000,1000000').split(',').map(Number);

const { closeDatabase, db, useDatabase: installDatabase } = await import('@/db/client');
const { createHumanUser } = await import('@/lib/users/users');
const { createGroup } = await import('@/lib/namespaces/groups');
const { createProject } = await import('@/lib/projects/projects');
const { createProjectAccessToken } = await import('@/lib/tokens/project-access-tokens');
const { authenticateToken } = await import('@/lib/tokens/authenticate');

/** Runs `total` jobs on `workers` concurrent loops; returns elapsed seconds. */
async function timed(total: number, workers: number, job: (index: number, worker: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let index = next++; index < total; index = next++) await job(index, worker);
    }),
  );
  return (performance.now() - start) / 1000;
}

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const started = performance.now();
const { handle } = await benchDatabase();
installDatabase(handle);
const results: { stored: number; creationsPerSecond: number; authsPerSecond: number; authP50: number; authP99: number }[] = [];
try {
  const database = await db();
  const admin = await createHumanUser({
    username: 'bench-admin',
    name: 'Bench',
    email: 'bench@example.com',
    password: 'bench-password',
    isAdmin: true,
  });
  const group = await createGroup({ actor: admin, name: 'Bench', path: 'bench' });
  const projectIds: number[] = [];
  for (let index = 0; index < CONCURRENCY; index++) {
    projectIds.push((await createProject({ actor: admin, name: `P${index}`, path: `p${index}`, namespaceId: group.id })).id);
  }
  const known: string[] = [];
  const create = async (worker: number) => {
    const { token } = await createProjectAccessToken({
      actor: admin,
      projectId: projectIds[worker % projectIds.length] ?? 0,
      name: 'bench',
      scopes: ['api'],
      accessLevel: 30,
      expiresAt: undefined,
    });
    known.push(token);
  };
  const countTokens = async () =>
    Number(rowsOf<{ n: string }>(await database.execute(sql`select count(*) as n from access_tokens`))[0]?.n ?? 0);
  const fillTo = async (target: number) => {
    const missing = target - (await countTokens());
    if (missing <= 0) return;
    const fillStart = performance.now();
    // Stand-ins: random digests (never presented), spread over the bench projects' ids and dates.
    await database.execute(sql`
      insert into access_tokens (kind, user_id, project_id, name, digest, scopes, access_level, expires_at, created_by_id)
      select 'personal', ${admin.id}, null, 'bulk ' || i, encode(sha256(convert_to(random()::text || i::text || clock_timestamp()::text, 'UTF8')), 'base64'),
             array['api'], null, current_date + (1 + i % 365), ${admin.id}
      from generate_series(1, ${missing}) as i`);
    await database.execute(sql`vacuum analyze`);
    console.log(`  filled ${missing.toLocaleString('en')} rows in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);
  };

  // Warm-up (connection pool, JIT, caches): not measured.
  await timed(200, CONCURRENCY, (_, worker) => create(worker));
  await timed(3000, CONCURRENCY, async () => void (await authenticateToken(known[Math.floor(Math.random() * known.length)] ?? '')));

  for (const size of SIZES) {
    console.log(`${size.toLocaleString('en')} stored tokens:`);
    await fillTo(size);
    const plan = rowsOf<{ 'QUERY PLAN': string }>(
      await database.execute(sql`explain select * from access_tokens t left join users u on u.id = t.user_id where t.digest = 'x'`),
    );
    console.log(
      `  lookup plan: ${plan
        .map((row) => row['QUERY PLAN'].trim())
        .filter((line) => /Scan/.test(line))
        .join('; ')}`,
    );
    const creationSeconds = await timed(CREATIONS, CONCURRENCY, (_, worker) => create(worker));
    // First use of each new token (writes last_used): not measured. What is measured is the
    // steady state, in which the 10-minute throttle means authentication only reads.
    const ipFor = (index: number) => `198.51.100.${index % 250}`;
    await timed(
      known.length,
      CONCURRENCY,
      async (index) => void (await authenticateToken(known[index] ?? '', { ipAddress: ipFor(index) })),
    );
    const latencies: number[] = [];
    let failures = 0;
    const rounds: number[] = [];
    for (let round = 0; round < AUTH_ROUNDS; round++) {
      rounds.push(
        await timed(AUTHENTICATIONS, CONCURRENCY, async () => {
          const index = Math.floor(Math.random() * known.length);
          const begin = performance.now();
          const result = await authenticateToken(known[index] ?? '', { ipAddress: ipFor(index) });
          latencies.push(performance.now() - begin);
          if (!result.ok) failures++;
        }),
      );
    }
    rounds.sort((a, b) => a - b);
    const authSeconds = rounds[Math.floor(rounds.length / 2)] ?? 1;
    if (failures > 0) throw new Error(`${failures} authentications failed`);
    latencies.sort((a, b) => a - b);
    const stored = await countTokens();
    results.push({
      stored,
      creationsPerSecond: CREATIONS / creationSeconds,
      authsPerSecond: AUTHENTICATIONS / authSeconds,
      authP50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
      authP99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
    });
    console.log(
      `  ${CREATIONS} creations in ${creationSeconds.toFixed(2)} s; ${AUTHENTICATIONS} authentications in ${rounds.map((r) => r.toFixed(2)).join(' / ')} s`,
    );
  }
} finally {
  await closeDatabase();
}

console.log(
  `\n${CONCURRENCY} concurrent workers (pool ${process.env.KEYHOLD_DB_POOL_SIZE || 10}); auths: random real tokens, steady state (median of ${AUTH_ROUNDS} rounds).\n`,
);
console.log('stored tokens | creations/s | auths/s | auth p50 ms | auth p99 ms');
console.log('------------- | ----------- | ------- | ----------- | -----------');
for (const row of results) {
  console.log(
    `${row.stored.toLocaleString('en').padStart(13)} | ${row.creationsPerSecond.toFixed(0).padStart(11)} | ${row.authsPerSecond
      .toFixed(0)
      .padStart(7)} | ${row.authP50.toFixed(2).padStart(11)} | ${row.authP99.toFixed(2).padStart(11)}`,
  );
}
const [small, large] = results;
if (small && large) console.log(`\nauth/s(1M) / auth/s(10k) = ${(large.authsPerSecond / small.authsPerSecond).toFixed(2)}`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
