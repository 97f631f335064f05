import 'server-only';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { namespaces, projects } from '@/db/schema';
import { db } from '@/db/client';
import type { ClientAbility } from '../auth/abilities';
import { authenticateGitClient, type GitClientAuthentication } from '../auth/git-client-auth';
import { projectAccess } from '../permissions';
import { FIPS_TOKEN_REFUSED_MESSAGE } from '../settings/fips';
import { decideGitAccess, GIT_MESSAGES } from './git-access';
import { gitServiceOf, operationOf, parseGitRoute } from './git-route';
import { runHttpBackend } from './http-backend';
import { parseRefUpdates, recordPushEvents } from './push-events';
import { repositoriesRoot, repositoryPath } from './repositories';

export interface HandleGitRequestOptions {
  /** The Git URL path (`/acme/api.git/info/refs`); defaults to the request URL's. */
  pathname?: string;
  /** The client's address: for the ban and the token's last-used addresses. */
  ipAddress: string | null;
  now?: Date;
}

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  // git shows a text/plain body to the user as "remote: …".
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

const basicChallenge = { 'www-authenticate': 'Basic realm="GitLab"' };

function deniedResponse(auth: Extract<GitClientAuthentication, { kind: 'denied' }>): Response {
  const message = auth.reason === 'fips' ? `${GIT_MESSAGES.accessDenied} ${FIPS_TOKEN_REFUSED_MESSAGE}` : GIT_MESSAGES.accessDenied;
  return text(401, message, basicChallenge);
}

/**
 * Serves Git's smart HTTP protocol for one request: parse the URL, authenticate the client
 * (HTTP Basic, with the ban), authorize the operation on the project with the same rules as the
 * API, then stream through `git http-backend`. Pushes are recorded as push events.
 */
export async function handleGitRequest(request: Request, options: HandleGitRequestOptions): Promise<Response> {
  const url = new URL(request.url);
  const route = parseGitRoute(options.pathname ?? url.pathname);
  if (!route) return text(404, 'Not Found: not a Git repository path.');
  const service = gitServiceOf(route, url.searchParams.get('service'));
  if (!service) {
    return text(403, 'Unsupported service: use git-upload-pack or git-receive-pack (the dumb HTTP protocol is not supported).');
  }
  const expectedMethod = route.endpoint === 'info/refs' ? ['GET', 'HEAD'] : ['POST'];
  if (!expectedMethod.includes(request.method)) return text(405, 'Method Not Allowed', { allow: expectedMethod.join(', ') });
  const operation = operationOf(service);

  // The project is looked up while the client is authenticated (one database round trip less per
  // request; a clone makes three or four); nothing about it is used before the client is known.
  const [auth, [row]] = await Promise.all([
    authenticateGitClient(request.headers.get('authorization'), { ipAddress: options.ipAddress, now: options.now }),
    findProject(route.projectPath),
  ]);
  if (auth.kind === 'banned') return text(403, GIT_MESSAGES.banned);
  if (auth.kind === 'denied') return deniedResponse(auth);
  const user = auth.kind === 'anonymous' ? null : auth.user;
  const abilities: ReadonlySet<ClientAbility> = auth.kind === 'anonymous' ? new Set() : auth.abilities;

  const access = row ? await projectAccess(user, row.project, { namespace: row.namespace, now: options.now }) : null;
  const decision = decideGitAccess({
    authenticated: user !== null,
    abilities,
    access,
    visibility: row?.project.visibility ?? 'private',
    operation,
  });
  if (!decision.allowed) return text(decision.status, decision.message, decision.status === 401 ? basicChallenge : {});
  const project = row!.project;

  const gitDir = repositoryPath(project.id);
  if (!existsSync(gitDir)) {
    console.error(`Keyhold: project ${project.id} has no repository at ${gitDir}`);
    return text(404, GIT_MESSAGES.notFound);
  }

  const pushing = operation === 'push' && route.endpoint === 'git-receive-pack';
  const record = pushing ? path.join(tmpdir(), `keyhold-push-${randomBytes(8).toString('hex')}`) : null;
  return runHttpBackend({
    gitDir,
    pathInfo: `/${route.endpoint}`,
    request,
    allowPush: operation === 'push',
    remoteUser: user?.username ?? null,
    remoteAddress: options.ipAddress,
    config: pushing ? { 'core.hooksPath': await hooksDirectory() } : {},
    env: record ? { KEYHOLD_PUSH_RECORD: record } : {},
    onExit: async () => {
      if (!record || !user) return;
      const updates = parseRefUpdates(await readFile(record, 'utf8').catch(() => ''));
      await rm(record, { force: true });
      await recordPushEvents({ projectId: project.id, authorId: user.id, updates });
    },
  });
}

async function findProject(projectPath: string) {
  const database = await db();
  return database
    .select({ project: projects, namespace: namespaces })
    .from(projects)
    .innerJoin(namespaces, eq(namespaces.id, projects.namespaceId))
    .where(sql`lower(${projects.fullPath}) = lower(${projectPath})`);
}

/** post-receive writes the updated refs (`<old> <new> <ref>` lines) where Keyhold reads them. */
const POST_RECEIVE = '#!/bin/sh\n[ -n "$KEYHOLD_PUSH_RECORD" ] && exec cat > "$KEYHOLD_PUSH_RECORD"\nexit 0\n';
let hooksReady: Promise<string> | null = null;

/** Keyhold's own hooks directory (the same for every repository), written once per process. */
function hooksDirectory(): Promise<string> {
  hooksReady ??= (async () => {
    const directory = path.join(repositoriesRoot(), '.hooks');
    await mkdir(directory, { recursive: true });
    const hook = path.join(directory, 'post-receive');
    const current = await readFile(hook, 'utf8').catch(() => null);
    if (current !== POST_RECEIVE) {
      // Written beside and renamed, so a concurrent push never runs a half-written hook.
      const temporary = `${hook}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(temporary, POST_RECEIVE, { mode: 0o755 });
      await rename(temporary, hook);
    }
    return directory;
  })().catch((error: unknown) => {
    hooksReady = null;
    throw error;
  });
  return hooksReady;
}
