import 'server-only';
import { and, asc, count, desc, eq, ilike, ne, type SQL } from 'drizzle-orm';
import { packageFiles, packages } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { AppError } from '../errors';
import type { ProjectView } from '../projects/projects';
import { removeBlobsIfUnreferenced } from './cleanup';
import { toPackageDto, toPackageFileDto, type PackageDto, type PackageFileDto } from './package-dtos';
import { canDestroyPackages, canReadPackages, type GenericPackageStatus } from './rules';

export const PACKAGE_ORDER_BY = ['created_at', 'name', 'version', 'type'] as const;
export const PACKAGE_FILE_ORDER_BY = ['id', 'file_name', 'created_at'] as const;

interface ProjectScoped {
  actor: MaybeActor;
  /** The project, as the actor sees it. */
  project: ProjectView;
}

export interface ListProjectPackagesOptions extends ProjectScoped {
  orderBy?: (typeof PACKAGE_ORDER_BY)[number];
  sort?: 'asc' | 'desc';
  packageType?: string;
  /** Fuzzy: a package whose name contains it. */
  packageName?: string;
  /** Exact version. */
  packageVersion?: string;
  /** Which status to list; `default` (hidden versions left out) unless given. */
  status?: GenericPackageStatus;
  limit: number;
  offset: number;
}

function assertCanRead({ project }: ProjectScoped) {
  if (!canReadPackages(project.access, project.project.visibility)) {
    throw new AppError('forbidden', 'You may not read packages in this project');
  }
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);

/** The project's packages, GitLab's `GET /projects/:id/packages`: filtered, ordered (created_at asc by default), paged in SQL. */
export async function listProjectPackages(options: ListProjectPackagesOptions): Promise<{ rows: PackageDto[]; total: number }> {
  assertCanRead(options);
  const conditions: SQL[] = [eq(packages.projectId, options.project.project.id)];
  // Only generic packages exist: any other type filters everything out.
  if (options.packageType !== undefined && options.packageType !== 'generic') return { rows: [], total: 0 };
  if (options.packageName) conditions.push(ilike(packages.name, `%${escapeLike(options.packageName)}%`));
  if (options.packageVersion) conditions.push(eq(packages.version, options.packageVersion));
  // Hidden versions are left out unless asked for by status.
  conditions.push(eq(packages.status, options.status ?? 'default'));
  const where = and(...conditions);
  const direction = options.sort === 'desc' ? desc : asc;
  const column = {
    created_at: packages.createdAt,
    name: packages.name,
    version: packages.version,
    type: packages.packageType,
  }[options.orderBy ?? 'created_at'];
  const database = await db();
  const rows = await database
    .select()
    .from(packages)
    .where(where)
    .orderBy(direction(column), direction(packages.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await database.select({ n: count() }).from(packages).where(where);
  return { rows: rows.map(toPackageDto), total: total?.n ?? 0 };
}

async function findPackageOrThrow(projectId: number, packageId: number) {
  const [row] = await (
    await db()
  )
    .select()
    .from(packages)
    .where(and(eq(packages.projectId, projectId), eq(packages.id, packageId)));
  if (!row) throw new AppError('not_found', 'Package not found');
  return row;
}

/** One package of the project, with the other versions of the same name (GitLab's `versions`). */
export async function getProjectPackage(
  options: ProjectScoped & { packageId: number },
): Promise<{ package: PackageDto; versions: PackageDto[] }> {
  assertCanRead(options);
  const row = await findPackageOrThrow(options.project.project.id, options.packageId);
  const versions = await (
    await db()
  )
    .select()
    .from(packages)
    .where(
      and(
        eq(packages.projectId, row.projectId),
        eq(packages.packageType, row.packageType),
        eq(packages.name, row.name),
        ne(packages.id, row.id),
      ),
    )
    .orderBy(desc(packages.createdAt), desc(packages.id));
  return { package: toPackageDto(row), versions: versions.map(toPackageDto) };
}

export interface ListPackageFilesOptions extends ProjectScoped {
  packageId: number;
  orderBy?: (typeof PACKAGE_FILE_ORDER_BY)[number];
  sort?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The files of one package, GitLab's `GET /projects/:id/packages/:package_id/package_files` (id asc by default). */
export async function listPackageFiles(options: ListPackageFilesOptions): Promise<{ rows: PackageFileDto[]; total: number }> {
  assertCanRead(options);
  const row = await findPackageOrThrow(options.project.project.id, options.packageId);
  const direction = options.sort === 'desc' ? desc : asc;
  const column = { id: packageFiles.id, file_name: packageFiles.fileName, created_at: packageFiles.createdAt }[options.orderBy ?? 'id'];
  const database = await db();
  const where = eq(packageFiles.packageId, row.id);
  const rows = await database
    .select()
    .from(packageFiles)
    .where(where)
    .orderBy(direction(column), direction(packageFiles.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await database.select({ n: count() }).from(packageFiles).where(where);
  return { rows: rows.map(toPackageFileDto), total: total?.n ?? 0 };
}

/** Whether the actor may delete this project's packages (for `_links.delete_api_path`). */
export function canDeleteProjectPackages(project: ProjectView): boolean {
  return canDestroyPackages(project.access);
}

/**
 * Deletes a package and its files (Maintainer or higher), then every blob that no other file
 * still references.
 */
export async function deleteProjectPackage(options: ProjectScoped & { packageId: number }): Promise<void> {
  assertCanRead(options);
  const row = await findPackageOrThrow(options.project.project.id, options.packageId);
  if (!options.actor || !canDestroyPackages(options.project.access)) {
    throw new AppError('forbidden', 'You may not delete packages in this project');
  }
  const database = await db();
  const digests = await database.transaction(async (tx) => {
    const files = await tx.select({ sha256: packageFiles.fileSha256 }).from(packageFiles).where(eq(packageFiles.packageId, row.id));
    await tx.delete(packages).where(eq(packages.id, row.id));
    return [...new Set(files.map((file) => file.sha256))];
  });
  await removeBlobsIfUnreferenced(digests);
}
