import { bigint, bigserial, index, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { projects } from './projects';
import { users } from './users';

export const packageTypeEnum = pgEnum('package_type', ['generic']);
/** Hidden packages can be downloaded but are left out of listings (GitLab's `status=hidden` upload). */
export const packageStatusEnum = pgEnum('package_status', ['default', 'hidden']);

/** A package version in a project's package registry (GitLab's packages_packages). */
export const packages = pgTable(
  'packages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    packageType: packageTypeEnum('package_type').notNull().default('generic'),
    name: text('name').notNull(),
    version: text('version').notNull(),
    status: packageStatusEnum('status').notNull().default('default'),
    /** Who first uploaded to this version; null once that user is gone. */
    creatorId: integer('creator_id').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('packages_project_type_name_version_idx').on(t.projectId, t.packageType, t.name, t.version)],
);

/** One uploaded file of a package; the bytes live under the data directory, named by SHA-256. */
export const packageFiles = pgTable(
  'package_files',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    packageId: bigint('package_id', { mode: 'number' })
      .notNull()
      .references(() => packages.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    fileSha256: text('file_sha256').notNull(),
    ...timestamps,
  },
  (t) => [index('package_files_package_name_idx').on(t.packageId, t.fileName), index('package_files_sha256_idx').on(t.fileSha256)],
);

export type Package = typeof packages.$inferSelect;
export type PackageFile = typeof packageFiles.$inferSelect;
