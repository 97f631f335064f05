import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { packageFiles } from '@/db/schema';
import { db } from '@/db/client';
import { lockBlob } from './blob-lock';
import { listBlobs, removeBlob, removeStaleTemporaryFiles } from './storage';

/** A temporary upload untouched this long belongs to a process that died mid-upload. */
export const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

/**
 * Removes each of these blobs that no package file references, each under its blob lock (so an
 * upload that is about to reference it either commits first or places it again afterwards).
 * Returns how many were removed.
 */
export async function removeBlobsIfUnreferenced(digests: string[]): Promise<number> {
  const database = await db();
  let removed = 0;
  for (const sha256 of digests) {
    const gone = await database.transaction(async (tx) => {
      await lockBlob(tx, sha256);
      const [referenced] = await tx.select({ id: packageFiles.id }).from(packageFiles).where(eq(packageFiles.fileSha256, sha256)).limit(1);
      if (referenced) return false;
      await removeBlob(sha256);
      return true;
    });
    if (gone) removed++;
  }
  return removed;
}

/**
 * Package storage clean-up, safe to run at any time and in several processes: deletes blobs no
 * package file references (left by deleted projects, or by an upload whose commit failed) and
 * temporary uploads older than a day.
 */
export async function removeUnreferencedPackageBlobs({ now = new Date() }: { now?: Date } = {}): Promise<{
  blobsRemoved: number;
  uploadsRemoved: number;
}> {
  const database = await db();
  const digests = (await listBlobs()).map((blob) => blob.sha256);
  let blobsRemoved = 0;
  for (let start = 0; start < digests.length; start += 500) {
    const batch = digests.slice(start, start + 500);
    // A cheap first pass; each candidate is checked again under its lock.
    const referenced = new Set(
      (
        await database.selectDistinct({ sha256: packageFiles.fileSha256 }).from(packageFiles).where(inArray(packageFiles.fileSha256, batch))
      ).map((row) => row.sha256),
    );
    blobsRemoved += await removeBlobsIfUnreferenced(batch.filter((sha256) => !referenced.has(sha256)));
  }
  const uploadsRemoved = await removeStaleTemporaryFiles(new Date(now.getTime() - STALE_UPLOAD_MS));
  return { blobsRemoved, uploadsRemoved };
}
