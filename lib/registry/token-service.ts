import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import { namespaces, projects, type Visibility } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import type { GitClientAuthentication } from '../auth/git-client-auth';
import { projectAccess } from '../permissions/access';
import type { RegistryConfig } from './config';
import { grantedRegistryActions, hasRegistryAbility, type RegistryClient, type RepositoryProject } from './grants';
import { signRegistryToken, type RegistryAccess } from './jwt';
import { parseRegistryScopes, projectPathCandidates } from './scopes';
import { registrySigningKey, type RegistrySigningKey } from './signing-key';

/** A registry error body, in Distribution's (and GitLab's `/jwt/auth`) shape. */
export interface RegistryErrorBody {
  errors: { code: string; message: string }[];
}

export type RegistryTokenResult = { status: 200; body: { token: string } } | { status: 400 | 401 | 403 | 404; body: RegistryErrorBody };

export interface IssueRegistryTokenOptions {
  config: RegistryConfig;
  /** The `service` query parameter. */
  service: string | null;
  /** Every `scope` query parameter. */
  scopes: readonly string[];
  /** Who the client is (lib/auth/git-client-auth), or how to find out: called only once the request itself is valid. */
  authentication: GitClientAuthentication | (() => Promise<GitClientAuthentication>);
  /** Defaults to the configured or generated key. */
  key?: RegistrySigningKey;
  now?: Date;
}

const error = (status: 400 | 401 | 403 | 404, code: string, message: string): RegistryTokenResult => ({
  status,
  body: { errors: [{ code, message }] },
});

/** GitLab's answer to failed HTTP Basic authentication at `/jwt/auth`. */
export const ACCESS_DENIED_MESSAGE =
  'HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or ' +
  "you're required to use a token instead of a password. If a token was provided, it was either incorrect, expired, or improperly scoped.";

interface RepositoryOwner {
  id: number;
  namespaceId: number;
  visibility: Visibility;
  fullPath: string;
  namespace: { kind: 'group' | 'user'; ownerId: number | null; traversalIds: number[] };
}

/** The project each repository name belongs to: the longest prefix of the name that is a project's full path. */
async function projectsOfRepositories(names: string[]): Promise<Map<string, RepositoryOwner>> {
  const result = new Map<string, RepositoryOwner>();
  const candidates = [...new Set(names.flatMap(projectPathCandidates).map((path) => path.toLowerCase()))];
  if (candidates.length === 0) return result;
  const database = await db();
  const found: RepositoryOwner[] = await database
    .select({
      id: projects.id,
      namespaceId: projects.namespaceId,
      visibility: projects.visibility,
      fullPath: projects.fullPath,
      namespace: { kind: namespaces.kind, ownerId: namespaces.ownerId, traversalIds: namespaces.traversalIds },
    })
    .from(projects)
    .innerJoin(namespaces, sql`${namespaces.id} = ${projects.namespaceId}`)
    .where(inArray(sql`lower(${projects.fullPath})`, candidates));
  const byPath = new Map(found.map((project) => [project.fullPath.toLowerCase(), project]));
  for (const name of names) {
    const project = projectPathCandidates(name)
      .map((path) => byPath.get(path.toLowerCase()))
      .find((candidate) => candidate !== undefined);
    if (project) result.set(name, project);
  }
  return result;
}

/**
 * GitLab's ContainerRegistryAuthenticationService: checks the request, then signs a token whose
 * `access` claim holds, for each requested repository, exactly the actions the client may do.
 * A repository it may do nothing with is simply left out, and the registry then says "denied".
 */
export async function issueRegistryToken(options: IssueRegistryTokenOptions): Promise<RegistryTokenResult> {
  const { config, now = new Date() } = options;
  if (options.service !== config.service) {
    return error(404, 'UNAVAILABLE', `unknown service "${options.service ?? ''}": this registry token service is "${config.service}"`);
  }
  const parsed = parseRegistryScopes(options.scopes);
  if (!parsed.ok) return error(400, parsed.code, parsed.message);
  const authentication = typeof options.authentication === 'function' ? await options.authentication() : options.authentication;

  if (authentication.kind === 'banned') {
    return error(403, 'DENIED', 'Too many failed authentication attempts from this IP address; try again later');
  }
  if (authentication.kind === 'denied') return error(401, 'UNAUTHORIZED', ACCESS_DENIED_MESSAGE);
  const actor: MaybeActor = authentication.kind === 'anonymous' ? null : authentication.user;
  const client: RegistryClient =
    authentication.kind === 'anonymous'
      ? { kind: 'anonymous' }
      : {
          kind: 'user',
          abilities: authentication.abilities,
          tokenProjectId:
            authentication.kind === 'token' && authentication.token.kind === 'project' ? authentication.token.projectId : null,
        };
  if (client.kind === 'user' && !hasRegistryAbility(client.abilities)) return error(403, 'DENIED', 'access forbidden');
  // An anonymous request must at least ask for something (GitLab: "access forbidden" otherwise).
  if (client.kind === 'anonymous' && parsed.scopes.length === 0) return error(403, 'DENIED', 'access forbidden');

  const repositories = parsed.scopes.filter((scope) => scope.type === 'repository');
  const projectOf = await projectsOfRepositories(repositories.map((scope) => scope.name));
  const access: RegistryAccess[] = [];
  for (const scope of repositories) {
    const project = projectOf.get(scope.name);
    let target: RepositoryProject | null = null;
    if (project) {
      const projectAccessOfActor = await projectAccess(actor, project, { namespace: project.namespace, now });
      target = { projectId: project.id, visibility: project.visibility, access: projectAccessOfActor };
    }
    const actions = grantedRegistryActions(client, target, scope.actions);
    if (actions.length > 0) access.push({ type: 'repository', name: scope.name, actions });
  }

  const token = signRegistryToken({
    key: options.key ?? (await registrySigningKey(config)),
    issuer: config.issuer,
    audience: config.service,
    subject: actor?.username ?? null,
    access,
    lifetimeSeconds: config.tokenLifetimeSeconds,
    now,
  });
  return { status: 200, body: { token } };
}
