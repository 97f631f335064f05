import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { dataDir } from '@/db/open';
import { AppError } from '../errors';
import { blobRelativePath } from './rules';

/** Where package files live: `<data dir>/packages/<sha256 prefix>/<sha256>`, and `tmp/` for uploads in progress. */
export function packagesDirectory(): string {
  return path.join(dataDir(), 'packages');
}

function temporaryDirectory(): string {
  return path.join(packagesDirectory(), 'tmp');
}

export function blobPath(sha256: string): string {
  return path.join(packagesDirectory(), blobRelativePath(sha256));
}

export interface ReceiveOptions {
  /** Largest accepted size in bytes; a body that grows past it is refused while it streams. */
  maxFileSize: number;
  /** What Content-Length declared, or null for a chunked upload: the bytes received must match it. */
  declaredLength: number | null;
}

/** An upload written to a temporary file, hashed on the way; not yet a blob. */
export interface ReceivedFile {
  sha256: string;
  size: number;
  temporaryPath: string;
}

export const FILE_TOO_LARGE = 'File is too large';

/**
 * Streams a request body into a temporary file below the packages directory while hashing it.
 * Refuses (and removes the temporary file) when the body outgrows `maxFileSize`, when it breaks
 * off, or when its length differs from the declared Content-Length. Nothing is left behind on failure.
 */
export async function receiveFile(body: ReadableStream<Uint8Array> | null, options: ReceiveOptions): Promise<ReceivedFile> {
  await mkdir(temporaryDirectory(), { recursive: true });
  const temporaryPath = path.join(temporaryDirectory(), `${randomUUID()}.part`);
  const handle = await open(temporaryPath, 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  const reader = body?.getReader();
  try {
    try {
      while (reader) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          throw new AppError('invalid', 'The upload broke off before the whole file arrived');
        }
        if (chunk.done) break;
        size += chunk.value.byteLength;
        if (size > options.maxFileSize) throw new AppError('invalid', FILE_TOO_LARGE);
        hash.update(chunk.value);
        await handle.write(chunk.value);
      }
    } finally {
      await handle.close();
    }
    if (options.declaredLength !== null && size !== options.declaredLength) {
      throw new AppError('invalid', `Content-Length is ${options.declaredLength} but ${size} bytes arrived`);
    }
    return { sha256: hash.digest('hex'), size, temporaryPath };
  } catch (error) {
    await reader?.cancel().catch(() => undefined);
    await discardFile(temporaryPath);
    throw error;
  }
}

/** Removes a temporary upload; a missing file is fine. */
export async function discardFile(temporaryPath: string): Promise<void> {
  await unlink(temporaryPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * Moves a received file to its content address (or drops it when that blob already exists) and
 * marks the blob as fresh, so the clean-up, which leaves recent blobs alone, cannot take it
 * before the row that references it is committed.
 */
export async function placeBlob(received: ReceivedFile): Promise<void> {
  const target = blobPath(received.sha256);
  await mkdir(path.dirname(target), { recursive: true });
  const existing = await stat(target).catch(() => null);
  if (existing) await discardFile(received.temporaryPath);
  else await rename(received.temporaryPath, target);
  const now = new Date();
  await utimes(target, now, now);
}

/** A blob's bytes as a web stream, and its size; null when the blob is missing. */
export async function openBlob(sha256: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
  const file = blobPath(sha256);
  const info = await stat(file).catch(() => null);
  if (!info) return null;
  return { stream: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size: info.size };
}

export interface StoredBlob {
  sha256: string;
  /** Last modification: when it was stored or last re-uploaded. */
  modifiedAt: Date;
}

/** Every blob under the packages directory (names that are not SHA-256 digests are ignored). */
export async function listBlobs(): Promise<StoredBlob[]> {
  const root = packagesDirectory();
  const prefixes = await readdir(root).catch(() => [] as string[]);
  const blobs: StoredBlob[] = [];
  for (const prefix of prefixes.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
    for (const name of await readdir(path.join(root, prefix)).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{64}$/.test(name) || !name.startsWith(prefix)) continue;
      const info = await stat(path.join(root, prefix, name)).catch(() => null);
      if (info?.isFile()) blobs.push({ sha256: name, modifiedAt: info.mtime });
    }
  }
  return blobs;
}

/** Temporary uploads older than `before` (left by a crashed process): removed, counted. */
export async function removeStaleTemporaryFiles(before: Date): Promise<number> {
  const directory = temporaryDirectory();
  let removed = 0;
  for (const name of await readdir(directory).catch(() => [] as string[])) {
    const file = path.join(directory, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && info.mtime < before) {
      await discardFile(file);
      removed++;
    }
  }
  return removed;
}

/** Deletes one blob; a missing one is fine. */
export async function removeBlob(sha256: string): Promise<void> {
  await discardFile(blobPath(sha256));
}
