import 'server-only';
import type { AccessToken, User } from '@/db/schema';
import type { Database, DatabaseHandle } from '@/db/client';

/**
 * Token authentications remembered per process, so a script calling the API in a loop costs one
 * digest lookup, not one per request. Correctness comes first:
 *
 * - the cache is used only while this process LISTENs on the channel that triggers on
 *   access_tokens and users notify (migration 0003) on every commit that could change an answer:
 *   every process, however many, drops everything it holds;
 * - code that revokes or blocks calls `forgetCachedAuthentications()` after its commit too, so
 *   its own process never answers from the cache before its notification arrives;
 * - a lookup that overlapped an invalidation is not stored (the generation check);
 * - expiry is still decided per request from the cached date, and entries live a minute at most.
 *
 * If the listening connection drops, the cache is emptied and bypassed until it listens again.
 */

export const AUTH_CHANGED_CHANNEL = 'keyhold_auth_changed';
const MAX_ENTRIES = 10_000;
const MAX_AGE_MS = 60_000;
const RETRY_LISTEN_AFTER_MS = 5_000;

export interface CachedAuthentication {
  token: AccessToken;
  user: User | null;
}

interface Entry extends CachedAuthentication {
  storedAt: number;
}

interface CacheState {
  database: Database | null;
  entries: Map<string, Entry>;
  /** Bumped by every invalidation; a lookup started under an older one is not stored. */
  generation: number;
  listening: boolean;
  subscribing: Promise<void> | null;
  notBefore: number;
  stop: (() => Promise<void>) | null;
}

// Next.js bundles server actions and route handlers separately: one state per process, not per bundle.
const STATE_KEY = Symbol.for('keyhold.authentication-cache');
const store = globalThis as typeof globalThis & { [STATE_KEY]?: CacheState };
const state: CacheState = (store[STATE_KEY] ??= {
  database: null,
  entries: new Map(),
  generation: 0,
  listening: false,
  subscribing: null,
  notBefore: 0,
  stop: null,
});

/** Drops every cached authentication in this process. Call after committing a revocation or a block. */
export function forgetCachedAuthentications(): void {
  state.generation++;
  state.entries.clear();
}

function lost(database: Database) {
  if (state.database !== database) return;
  state.listening = false;
  state.stop = null;
  state.notBefore = Date.now() + RETRY_LISTEN_AFTER_MS;
  forgetCachedAuthentications();
}

/**
 * Starts listening for the handle's database if not yet, and resolves once it listens (or gave up);
 * never throws: the cache just stays off.
 */
async function ensureListening(handle: DatabaseHandle): Promise<void> {
  if (state.database !== handle.db) {
    // Another database (tests, scripts): nothing cached for the previous one applies.
    void state.stop?.();
    Object.assign(state, { database: handle.db, listening: false, subscribing: null, notBefore: 0, stop: null });
    forgetCachedAuthentications();
  }
  if (state.subscribing) return state.subscribing;
  if (state.listening || Date.now() < state.notBefore) return;
  const database = handle.db;
  state.subscribing = handle
    .listen(AUTH_CHANGED_CHANNEL, { onNotify: forgetCachedAuthentications, onLost: () => lost(database) })
    .then((stop) => {
      if (state.database !== database) return void stop();
      state.stop = stop;
      state.listening = true;
      // Anything cached before now was not covered by notifications.
      forgetCachedAuthentications();
    })
    .catch((error: unknown) => {
      console.error('Keyhold: cannot listen for token changes; token authentications are not cached:', (error as Error).message);
      lost(database);
    })
    .finally(() => {
      if (state.database === database) state.subscribing = null;
    });
  return state.subscribing;
}

/** A lookup in progress: read the cache, and store what the database said if nothing changed meanwhile. */
export interface CacheLookup {
  cached: CachedAuthentication | null;
  store(found: CachedAuthentication): void;
}

export async function lookUpCachedAuthentication(handle: DatabaseHandle, digest: string, now = Date.now()): Promise<CacheLookup> {
  await ensureListening(handle);
  const generation = state.generation;
  const listening = state.listening && state.database === handle.db;
  const entry = listening ? state.entries.get(digest) : undefined;
  if (entry && now - entry.storedAt < MAX_AGE_MS) return { cached: entry, store: () => {} };
  if (entry) state.entries.delete(digest);
  return {
    cached: null,
    store(found) {
      if (!listening || state.generation !== generation || state.database !== handle.db) return;
      // Oldest first out: Map iterates in insertion order.
      if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
      state.entries.set(digest, { ...found, storedAt: now });
    },
  };
}

/** Keeps the cached copy of a token's last use in step with what was just written. */
export function rememberCachedUse(digest: string, lastUsedAt: Date, lastUsedIps: string[]): void {
  const entry = state.entries.get(digest);
  if (entry) entry.token = { ...entry.token, lastUsedAt, lastUsedIps };
}

/** Awaits a transaction that revokes, re-scopes or blocks, then forgets this process's cached authentications. */
export async function forgettingCachedAuthentications<T>(committed: Promise<T>): Promise<T> {
  const result = await committed;
  forgetCachedAuthentications();
  return result;
}
