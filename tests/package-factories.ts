// Helpers for the package registry tests: a data directory of their own, and what is stored in it.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { instanceSettings, packageFiles, packages } from '@/db/schema';
import { db } from '@/db/client';
import type { Actor } from '@/lib/actor';
import { publishGenericPackageFile } from '@/lib/packages/generic-packages';
import { packagesDirectory } from '@/lib/packages/storage';
import { findVisibleProject } from '@/lib/projects/projects';
import { getInstanceSettings } from '@/lib/settings/instance-settings';

/** Points KEYHOLD_DATA_DIR at a fresh temporary directory for the calling test file, removed afterwards. */
export function withPackageStorage(): void {
  let directory = '';
  const previous = process.env.KEYHOLD_DATA_DIR;
  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'keyhold-packages-'));
    process.env.KEYHOLD_DATA_DIR = directory;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.KEYHOLD_DATA_DIR;
    else process.env.KEYHOLD_DATA_DIR = previous;
    await rm(directory, { recursive: true, force: true });
  });
}

/** Every file below the packages directory, relative to it (blobs and temporary uploads). */
export async function storedFiles(): Promise<string[]> {
  const root = packagesDirectory();
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Rows in the package tables. */
export async function packageRowCounts() {
  const database = await db();
  return {
    packages: (await database.select({ id: packages.id }).from(packages)).length,
    packageFiles: (await database.select({ id: packageFiles.id }).from(packageFiles)).length,
  };
}

/** A web stream of these bytes, in chunks of `chunkSize`. */
export function bytesStream(bytes: Uint8Array, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

/** Publishes a file as `actor` through lib/ (for tests that need a package to exist). */
export async function publishAs(actor: Actor, projectId: number, name: string, version: string, fileName: string, content: string) {
  const project = await findVisibleProject(actor, projectId);
  if (!project) throw new Error('project not visible to the publisher');
  const bytes = new TextEncoder().encode(content);
  return publishGenericPackageFile({
    actor,
    project,
    packageName: name,
    packageVersion: version,
    fileName,
    body: bytesStream(bytes),
    contentLength: String(bytes.length),
  });
}

/** Sets the two package settings (defaults: 5 GiB, duplicates allowed). */
export async function setPackageSettings({ maxFileSize = 5 * 1024 ** 3, duplicatesAllowed = true } = {}) {
  await getInstanceSettings();
  await (
    await db()
  )
    .update(instanceSettings)
    .set({ genericPackagesMaxFileSize: maxFileSize, genericDuplicatesAllowed: duplicatesAllowed })
    .where(eq(instanceSettings.id, 1));
}
