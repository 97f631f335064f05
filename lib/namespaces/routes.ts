import 'server-only';
import { sql } from 'drizzle-orm';
import { routes } from '@/db/schema';
import type { Executor } from '@/db/client';
import { AppError, isUniqueViolation } from '../errors';

/** Unique indexes that guard full paths; hitting one means "has already been taken". */
const PATH_INDEXES = [
  'routes_path_lower_idx',
  'namespaces_full_path_lower_idx',
  'projects_full_path_lower_idx',
  'users_username_lower_idx',
];

function pathTaken(field: string): AppError {
  return new AppError('conflict', `${field === 'username' ? 'Username' : 'Path'} has already been taken`, field);
}

/** Refuses early, with a clear message, a full path that a group, user or project already has. */
export async function assertPathFree(tx: Executor, path: string, field = 'path'): Promise<void> {
  const taken = await tx
    .select({ id: routes.id })
    .from(routes)
    .where(sql`lower(${routes.path}) = lower(${path})`);
  if (taken.length > 0) throw pathTaken(field);
}

/**
 * Reserves a full path for a namespace or project inside the caller's transaction. A race past
 * assertPathFree is settled by the unique indexes: see rethrowPathConflict.
 */
export async function claimRoute(tx: Executor, path: string, sourceType: 'namespace' | 'project', sourceId: number): Promise<void> {
  await tx.insert(routes).values({ path, sourceType, sourceId });
}

/** Turns a unique violation on a path index into "has already been taken"; anything else is rethrown. */
export function rethrowPathConflict(error: unknown, field = 'path'): never {
  if (PATH_INDEXES.some((index) => isUniqueViolation(error, index))) throw pathTaken(field);
  throw error;
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
