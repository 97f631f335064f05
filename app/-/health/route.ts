import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

export const dynamic = 'force-dynamic';

/** Liveness and readiness: the process is up and the database answers a trivial query. */
export async function GET(): Promise<Response> {
  try {
    await (await db()).execute(sql`select 1`);
    return new Response('Keyhold OK', {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  } catch (error) {
    console.error('health check: database unavailable', error);
    return new Response('Keyhold database unavailable', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
}
