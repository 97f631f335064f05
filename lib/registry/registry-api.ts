import type { RegistryConfig } from './config';
import { signRegistryToken, type RegistryAccess } from './jwt';
import { registrySigningKey, type RegistrySigningKey } from './signing-key';

/** One repository of the project in the registry, with its tags. */
export interface RegistryRepository {
  /** Full repository name, e.g. `acme/api/web`. */
  name: string;
  tags: string[];
}

export type RegistryListing = { status: 'ok'; repositories: RegistryRepository[] } | { status: 'unreachable'; message: string };

export interface ListProjectRepositoriesOptions {
  config: RegistryConfig;
  /** The project's full path; its repositories are this path and everything below it. */
  projectPath: string;
  key?: RegistrySigningKey;
  /** Per request; default 5 s. */
  timeoutMs?: number;
}

/** The catalog is read page by page; a registry with more repositories than this is cut short. */
const PAGE_SIZE = 100;
const MAX_PAGES = 50;
/** Keyhold's own name as the subject of the tokens it gives itself. */
const KEYHOLD_SUBJECT = 'keyhold';

class RegistryUnreachable extends Error {}

/**
 * The project's repositories and tags, asked from the registry's HTTP API with tokens Keyhold signs
 * for itself (`registry:catalog:*`, then `pull` on each repository). A registry that is down or
 * refuses Keyhold's tokens gives `unreachable` with a reason, never an exception.
 */
export async function listProjectRepositories(options: ListProjectRepositoriesOptions): Promise<RegistryListing> {
  const { config, timeoutMs = 5000 } = options;
  const prefix = options.projectPath.toLowerCase();
  try {
    const key = options.key ?? (await registrySigningKey(config));
    const bearer = (access: RegistryAccess[]) =>
      signRegistryToken({ key, issuer: config.issuer, audience: config.service, subject: KEYHOLD_SUBJECT, access, lifetimeSeconds: 60 });
    const get = async (path: string, token: string) => {
      let response: Response;
      try {
        response = await fetch(new URL(path, `${config.apiUrl}/`), {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
          cache: 'no-store',
        });
      } catch (error) {
        const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        throw new RegistryUnreachable(`The container registry at ${config.apiUrl} could not be reached (${cause}).`);
      }
      if (response.status === 401 || response.status === 403) {
        throw new RegistryUnreachable(
          `The container registry at ${config.apiUrl} refused Keyhold's token (HTTP ${response.status}): check that it trusts Keyhold's certificate and issuer "${config.issuer}".`,
        );
      }
      if (!response.ok) throw new RegistryUnreachable(`The container registry at ${config.apiUrl} answered HTTP ${response.status}.`);
      return response;
    };

    const catalogToken = bearer([{ type: 'registry', name: 'catalog', actions: ['*'] }]);
    const names: string[] = [];
    let next: string | null = `v2/_catalog?n=${PAGE_SIZE}`;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const response = await get(next, catalogToken);
      const body = (await response.json()) as { repositories?: string[] | null };
      names.push(...(body.repositories ?? []).filter((name) => name === prefix || name.startsWith(`${prefix}/`)));
      const link = /<([^>]+)>;\s*rel="?next"?/.exec(response.headers.get('link') ?? '');
      next = link ? link[1]!.replace(/^\//, '') : null;
    }
    if (names.length === 0) return { status: 'ok', repositories: [] };

    const pullToken = bearer(names.map((name) => ({ type: 'repository', name, actions: ['pull'] })));
    const repositories = await Promise.all(
      names.map(async (name) => {
        const body = (await (await get(`v2/${name}/tags/list`, pullToken)).json()) as { tags?: string[] | null };
        return { name, tags: [...(body.tags ?? [])].sort() };
      }),
    );
    return { status: 'ok', repositories: repositories.sort((a, b) => a.name.localeCompare(b.name)) };
  } catch (error) {
    if (error instanceof RegistryUnreachable) return { status: 'unreachable', message: error.message };
    throw error;
  }
}
