import 'server-only';
import { randomBytes } from 'node:crypto';
import { eq, or, sql } from 'drizzle-orm';
import { namespaces, users, type User } from '@/db/schema';
import { db, type Executor } from '@/db/client';
import type { Actor } from '../actor';
import { recordAuditEvent } from '../audit/audit-events';
import { AppError, isUniqueViolation } from '../errors';
import { assertPathFree, claimRoute, rethrowPathConflict } from '../namespaces/routes';
import { MAX_NAME_LENGTH, nameProblem, pathProblem } from '../namespaces/paths';
import { hashPassword, passwordMatches, passwordProblem } from './passwords';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CreateHumanUserOptions {
  username: string;
  name: string;
  email: string;
  password: string;
  isAdmin?: boolean;
  /** Who created the account; null for self sign-up and first start. */
  createdBy?: Actor | null;
}

/** The fields of a user that are safe to hand to any caller. */
export function toActor(user: User): Actor {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    isAdmin: user.isAdmin,
    userType: user.userType,
    botProjectId: user.botProjectId,
  };
}

/** Validates and creates a human user with their personal namespace, in one transaction. */
export async function createHumanUser(options: CreateHumanUserOptions): Promise<Actor> {
  const username = options.username.trim();
  const email = options.email.trim();
  const name = options.name.trim();
  const usernameProblem = pathProblem(username, 'top-level');
  if (usernameProblem) throw new AppError('invalid', `Username ${usernameProblem}`, 'username');
  const nameIssue = nameProblem(name);
  if (nameIssue) throw new AppError('invalid', `Name ${nameIssue}`, 'name');
  if (!EMAIL_PATTERN.test(email) || email.length > MAX_NAME_LENGTH) {
    throw new AppError('invalid', 'Email is invalid', 'email');
  }
  const passwordIssue = passwordProblem(options.password);
  if (passwordIssue) throw new AppError('invalid', `Password ${passwordIssue}`, 'password');
  const passwordHash = await hashPassword(options.password);

  const database = await db();
  try {
    return await database.transaction(async (tx) => {
      await assertPathFree(tx, username, 'username');
      const [user] = await tx
        .insert(users)
        .values({ username, name, email, passwordHash, isAdmin: options.isAdmin ?? false, userType: 'human' })
        .returning();
      if (!user) throw new Error('insert returned no user');
      const [namespace] = await tx
        .insert(namespaces)
        .values({ kind: 'user', name, path: username, fullPath: username, ownerId: user.id })
        .returning({ id: namespaces.id });
      if (!namespace) throw new Error('insert returned no namespace');
      await tx
        .update(namespaces)
        .set({ traversalIds: [namespace.id] })
        .where(eq(namespaces.id, namespace.id));
      await claimRoute(tx, username, 'namespace', namespace.id);
      await recordAuditEvent(tx, {
        author: options.createdBy ?? { id: user.id, username: user.username },
        action: 'user_created',
        target: { type: 'User', id: user.id, name: username },
      });
      return toActor(user);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_lower_idx')) {
      throw new AppError('conflict', 'Email has already been taken', 'email');
    }
    rethrowPathConflict(error, 'username');
  }
}

/** The active user an id names, or null (deleted, blocked). Used to re-check every session. */
export async function findActiveUser(id: number): Promise<Actor | null> {
  const [user] = await (await db()).select().from(users).where(eq(users.id, id));
  return user && user.state === 'active' ? toActor(user) : null;
}

export async function findUserByUsername(username: string, executor?: Executor): Promise<User | null> {
  const run = executor ?? (await db());
  const [user] = await run
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return user ?? null;
}

/**
 * Checks a username-or-email and password. Every failure (unknown user, wrong password, a bot,
 * a blocked account) gives the same null after the same bcrypt work, so neither the message
 * nor the timing tells which.
 */
export async function verifyCredentials(login: string, password: string): Promise<Actor | null> {
  const trimmed = login.trim();
  const [user] = trimmed
    ? await (
        await db()
      )
        .select()
        .from(users)
        .where(or(sql`lower(${users.username}) = lower(${trimmed})`, sql`lower(${users.email}) = lower(${trimmed})`))
        .limit(1)
    : [];
  const canSignIn = user?.userType === 'human' && user.state === 'active';
  const matches = await passwordMatches(password, canSignIn ? user.passwordHash : null);
  return matches && user ? toActor(user) : null;
}

/**
 * Makes sure the instance admin `root` exists. Returns the generated password when it had to
 * make one up (no KEYHOLD_ROOT_PASSWORD), so the caller can print it once.
 */
export async function ensureRootUser(): Promise<{ created: boolean; generatedPassword: string | null }> {
  if (await findUserByUsername('root')) return { created: false, generatedPassword: null };
  const configured = process.env.KEYHOLD_ROOT_PASSWORD;
  const password = configured || randomBytes(18).toString('base64url');
  try {
    await createHumanUser({ username: 'root', name: 'Administrator', email: 'admin@example.com', password, isAdmin: true });
  } catch (error) {
    // Another process created root at the same moment.
    if (error instanceof AppError && error.code === 'conflict') return { created: false, generatedPassword: null };
    throw error;
  }
  return { created: true, generatedPassword: configured ? null : password };
}

/** Host name of the configured public URL, used in system e-mail addresses. */
export function publicHost(): string {
  try {
    return new URL(process.env.KEYHOLD_URL || 'http://localhost:3000').hostname;
  } catch {
    return 'localhost';
  }
}
