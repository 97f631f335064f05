import 'server-only';
import type { Actor } from '../actor';
import { findProjectForActionOrThrow } from '../projects/projects';
import { registryConfigFromEnv, type RegistryConfig } from './config';
import { listProjectRepositories, type RegistryListing } from './registry-api';

/** What Settings > Packages and registries shows about the container registry. */
export interface ProjectRegistryOverview {
  /** The registry's address for this project: `registry.example.com/acme/api`. */
  imagePrefix: string;
  /** The registry host, as `docker login` takes it. */
  host: string;
  listing: RegistryListing;
}

export interface ProjectRegistryOverviewOptions {
  actor: Actor;
  projectId: number;
  /** Defaults to the environment's; null: no registry configured. */
  config?: RegistryConfig | null;
}

/** The project's registry address and images, for its Maintainers and Owners; null when no registry is configured. */
export async function projectRegistryOverview(options: ProjectRegistryOverviewOptions): Promise<ProjectRegistryOverview | null> {
  const config = options.config === undefined ? registryConfigFromEnv() : options.config;
  if (!config) return null;
  const view = await findProjectForActionOrThrow(options.actor, options.projectId, 'admin_project');
  const projectPath = view.project.fullPath.toLowerCase();
  return {
    host: config.host,
    imagePrefix: `${config.host}/${projectPath}`,
    listing: await listProjectRepositories({ config, projectPath }),
  };
}
