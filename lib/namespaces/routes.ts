import 'server-only';
import { sql } from 'drizzle-orm';
import { routes } from '@/db/schema';
import type { Executor } from '@/db/client';
import { AppError, isUniqueViolation } from '../errors';

/**
 * Reserves a full path for a namespace or project inside the caller's transaction. The unique
 * index settles races; either way a taken path becomes a clear error and the transaction rolls back.
 */
export async function claimRoute(
  tx: Executor,
  path: string,
  sourceType: 'namespace' | 'project',
  sourceId: number,
  field = 'path',
): Promise<void> {
  const taken = await tx
    .select({ id: routes.id })
    .from(routes)
    .where(sql`lower(${routes.path}) = lower(${path})`);
  if (taken.length > 0) throw new AppError('conflict', `${labelFor(field)} has already been taken`, field);
  try {
    await tx.insert(routes).values({ path, sourceType, sourceId });
  } catch (error) {
    if (isUniqueViolation(error, 'routes_path_lower_idx')) {
      throw new AppError('conflict', `${labelFor(field)} has already been taken`, field);
    }
    throw error;
  }
}

function labelFor(field: string): string {
  return field === 'username' ? 'Username' : 'Path';
}

export interface RouteTarget {
  sourceType: 'namespace' | 'project';
  sourceId: number;
}

/** What a full path names, case-insensitively, or null. */
export async function resolveRoute(executor: Executor, path: string): Promise<RouteTarget | null> {
  const [row] = await executor
    .select({ sourceType: routes.sourceType, sourceId: routes.sourceId })
    .from(routes)
    .where(sql`lower(${routes.path}) = lower(${path})`);
  return row ?? null;
}
