import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { packageFiles, packages, type PackageFile } from '@/db/schema';
import { db } from '@/db/client';
import type { MaybeActor } from '../actor';
import { AppError } from '../errors';
import type { ProjectView } from '../projects/projects';
import { getInstanceSettings } from '../settings/instance-settings';
import { lockBlob } from './blob-lock';
import {
  canPublishPackages,
  canReadPackages,
  genericPackageErrors,
  parseContentLength,
  type GenericPackageCoordinates,
  type GenericPackageStatus,
} from './rules';
import { discardFile, FILE_TOO_LARGE, placeBlob, receiveFile } from './storage';
import { toPackageFileDto, type PackageFileDto } from './package-dtos';

export const DUPLICATE_NOT_ALLOWED = 'Duplicate package is not allowed';

export interface PublishGenericPackageFileOptions extends GenericPackageCoordinates {
  /** Who uploads: needs Developer or higher on the project. */
  actor: MaybeActor;
  /** The project, as the actor sees it (from findVisibleProject or the API's project lookup). */
  project: ProjectView;
  /** The request body, streamed to disk. */
  body: ReadableStream<Uint8Array> | null;
  /** The request's Content-Length header, when it has one. */
  contentLength: string | null;
  /** `hidden` leaves the version out of listings; sets the version's status when given. */
  status?: GenericPackageStatus;
}

function assertValid(coordinates: GenericPackageCoordinates) {
  const errors = genericPackageErrors(coordinates);
  if (errors.length > 0) throw new AppError('invalid', errors.join(', '));
}

function assertCanPublish(actor: MaybeActor, project: ProjectView) {
  if (!actor || !canPublishPackages(project.access)) throw new AppError('forbidden', 'You may not publish packages in this project');
}

/** The newest file of that name in the project's generic package `name`/`version` (GitLab serves the most recent). */
async function findNewestFile(projectId: number, { packageName, packageVersion, fileName }: GenericPackageCoordinates) {
  const [row] = await (
    await db()
  )
    .select({ file: packageFiles })
    .from(packageFiles)
    .innerJoin(packages, eq(packages.id, packageFiles.packageId))
    .where(
      and(
        eq(packages.projectId, projectId),
        eq(packages.packageType, 'generic'),
        eq(packages.name, packageName),
        eq(packages.version, packageVersion),
        eq(packageFiles.fileName, fileName),
      ),
    )
    .orderBy(desc(packageFiles.id))
    .limit(1);
  return row?.file ?? null;
}

/**
 * Publishes one file of a generic package, as GitLab's `PUT …/packages/generic/:name/:version/:file`:
 * creates the package version when it is new, refuses a second file of the same name when the
 * instance does not allow duplicates, streams the body to disk (size limit and Content-Length
 * enforced as it arrives), and records the file with its SHA-256. The package, the file row and
 * the blob's move into place happen together: on any failure nothing is stored.
 */
export async function publishGenericPackageFile(options: PublishGenericPackageFileOptions): Promise<PackageFileDto> {
  const { actor, project, packageName, packageVersion, fileName } = options;
  assertValid(options);
  assertCanPublish(actor, project);
  const settings = await getInstanceSettings();
  const declaredLength = parseContentLength(options.contentLength);
  if (declaredLength === 'invalid') throw new AppError('invalid', 'Content-Length is invalid');
  if (declaredLength !== null && declaredLength > settings.genericPackagesMaxFileSize) throw new AppError('invalid', FILE_TOO_LARGE);
  // Refuse a duplicate before taking the bytes; checked again below, under the package's row lock.
  if (!settings.genericDuplicatesAllowed && (await findNewestFile(project.project.id, options))) {
    throw new AppError('invalid', DUPLICATE_NOT_ALLOWED);
  }

  const received = await receiveFile(options.body, { maxFileSize: settings.genericPackagesMaxFileSize, declaredLength });
  try {
    return await (
      await db()
    ).transaction(async (tx) => {
      // Upsert: the row lock taken by `do update` makes concurrent uploads to one version take turns.
      const [pkg] = await tx
        .insert(packages)
        .values({
          projectId: project.project.id,
          packageType: 'generic',
          name: packageName,
          version: packageVersion,
          status: options.status ?? 'default',
          creatorId: actor!.id,
        })
        .onConflictDoUpdate({
          target: [packages.projectId, packages.packageType, packages.name, packages.version],
          // An upload's status applies to the whole version, as in GitLab.
          set: { updatedAt: new Date(), ...(options.status ? { status: options.status } : {}) },
        })
        .returning({ id: packages.id });
      if (!pkg) throw new Error('package upsert returned nothing');
      if (!settings.genericDuplicatesAllowed) {
        const [existing] = await tx
          .select({ id: packageFiles.id })
          .from(packageFiles)
          .where(and(eq(packageFiles.packageId, pkg.id), eq(packageFiles.fileName, fileName)))
          .limit(1);
        if (existing) throw new AppError('invalid', DUPLICATE_NOT_ALLOWED);
      }
      const [file] = await tx
        .insert(packageFiles)
        .values({ packageId: pkg.id, fileName, size: received.size, fileSha256: received.sha256 })
        .returning();
      // Under the blob's lock until commit: a concurrent clean-up sees this row before it judges the blob.
      await lockBlob(tx, received.sha256);
      await placeBlob(received);
      return toPackageFileDto(file!);
    });
  } finally {
    // Gone already when it became the blob; otherwise (refused, failed) it must not stay.
    await discardFile(received.temporaryPath);
  }
}

export interface FindGenericPackageFileOptions extends GenericPackageCoordinates {
  actor: MaybeActor;
  project: ProjectView;
}

/**
 * The file a download serves: the newest file of that name in that package version. Private
 * projects need Reporter or higher; public and internal ones, only sight of the project.
 */
export async function findGenericPackageFile(options: FindGenericPackageFileOptions): Promise<PackageFileDto> {
  assertValid(options);
  if (!canReadPackages(options.project.access, options.project.project.visibility)) {
    throw new AppError('forbidden', 'You may not read packages in this project');
  }
  const file: PackageFile | null = await findNewestFile(options.project.project.id, options);
  if (!file) throw new AppError('not_found', 'Not found');
  return toPackageFileDto(file);
}
