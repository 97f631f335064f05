import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import { findVisibleProject } from '@/lib/projects/projects';
import { withFreshDatabase } from '@/tests/database';
import { bytesStream, packageRowCounts, publishAs, setPackageSettings, storedFiles, withPackageStorage } from '@/tests/package-factories';
import { groupProject, projectMember } from '@/tests/token-factories';
import { removeUnreferencedPackageBlobs } from './cleanup';
import { findGenericPackageFile, publishGenericPackageFile } from './generic-packages';
import { deleteProjectPackage, listPackageFiles, listProjectPackages } from './project-packages';
import { blobPath, packagesDirectory } from './storage';

withFreshDatabase();
withPackageStorage();

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

beforeEach(async () => {
  await setPackageSettings();
});

async function world() {
  const { owner, project } = await groupProject();
  const view = (await findVisibleProject(owner, project.id))!;
  return { owner, project, view };
}

/** A stream that sends `bytes` and then fails, as a client that hangs up mid-upload. */
function brokenStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes);
        return;
      }
      controller.error(new Error('aborted'));
    },
  });
}

describe('publishGenericPackageFile', () => {
  it('stores the file by its SHA-256, records package and file, and serves the newest file of a name', async () => {
    const { owner, project, view } = await world();
    const first = await publishAs(owner, project.id, 'my_package', '1.0.0', 'file.txt', 'hello');
    expect(first).toMatchObject({ fileName: 'file.txt', size: 5, fileSha256: sha256('hello') });
    expect(await readFile(blobPath(sha256('hello')), 'utf8')).toBe('hello');
    expect(await storedFiles()).toContain(`${sha256('hello').slice(0, 2)}/${sha256('hello')}`);

    // Duplicates are allowed by default: the same name again adds a file, and downloads get the newest.
    const second = await publishAs(owner, project.id, 'my_package', '1.0.0', 'file.txt', 'hello again');
    expect(second.packageId).toBe(first.packageId);
    const found = await findGenericPackageFile({
      actor: owner,
      project: view,
      packageName: 'my_package',
      packageVersion: '1.0.0',
      fileName: 'file.txt',
    });
    expect(found.id).toBe(second.id);
    expect(found.fileSha256).toBe(sha256('hello again'));
    const { rows } = await listPackageFiles({ actor: owner, project: view, packageId: first.packageId, limit: 20, offset: 0 });
    expect(rows.map((row) => row.id)).toEqual([first.id, second.id]);
  });

  it('accepts an empty file (SHA-256 of nothing) and a chunked upload without Content-Length', async () => {
    const { owner, project, view } = await world();
    const empty = await publishAs(owner, project.id, 'empty', '0.0.1', 'nothing.bin', '');
    expect(empty).toMatchObject({ size: 0, fileSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    const bytes = new Uint8Array(300_000).map((_, index) => index % 251);
    const chunked = await publishGenericPackageFile({
      actor: owner,
      project: view,
      packageName: 'chunked',
      packageVersion: '1.0.0',
      fileName: 'data.bin',
      body: bytesStream(bytes, 10_000),
      contentLength: null,
    });
    expect(chunked).toMatchObject({ size: 300_000, fileSha256: sha256(bytes) });
  });

  it('shares one blob between files with the same content', async () => {
    const { owner, project } = await world();
    const before = (await storedFiles()).length;
    await publishAs(owner, project.id, 'shared', '1.0.0', 'a.txt', 'same bytes');
    await publishAs(owner, project.id, 'shared', '2.0.0', 'b.txt', 'same bytes');
    expect((await storedFiles()).length).toBe(before + 1);
  });

  describe('refuses, leaving nothing stored', () => {
    async function expectNothingStored(run: () => Promise<unknown>, message: string | RegExp) {
      const counts = await packageRowCounts();
      const files = await storedFiles();
      await expect(run()).rejects.toThrow(message);
      expect(await packageRowCounts()).toEqual(counts);
      expect(await storedFiles()).toEqual(files);
    }

    it('a file over the size limit: declared up front, or discovered while streaming', async () => {
      const { owner, view } = await world();
      await setPackageSettings({ maxFileSize: 1000 });
      const upload = (bytes: Uint8Array, contentLength: string | null) =>
        publishGenericPackageFile({
          actor: owner,
          project: view,
          packageName: 'big',
          packageVersion: '1.0.0',
          fileName: 'big.bin',
          body: bytesStream(bytes, 100),
          contentLength,
        });
      await expectNothingStored(() => upload(new Uint8Array(1001), '1001'), 'File is too large');
      await expectNothingStored(() => upload(new Uint8Array(1001), null), 'File is too large');
      // A lying Content-Length does not get past the limit either.
      await expectNothingStored(() => upload(new Uint8Array(5000), '10'), 'File is too large');
      // Exactly the limit is fine.
      await expect(upload(new Uint8Array(1000), '1000')).resolves.toMatchObject({ size: 1000 });
    });

    it('a body shorter or longer than its Content-Length, an unreadable Content-Length', async () => {
      const { owner, view } = await world();
      const upload = (content: string, contentLength: string | null) =>
        publishGenericPackageFile({
          actor: owner,
          project: view,
          packageName: 'lengths',
          packageVersion: '1.0.0',
          fileName: 'f.txt',
          body: bytesStream(new TextEncoder().encode(content)),
          contentLength,
        });
      await expectNothingStored(() => upload('short', '10'), 'Content-Length is 10 but 5 bytes arrived');
      await expectNothingStored(() => upload('longer than declared', '3'), 'Content-Length is 3 but 20 bytes arrived');
      await expectNothingStored(() => upload('x', 'abc'), 'Content-Length is invalid');
      await expectNothingStored(() => upload('x', '-1'), 'Content-Length is invalid');
    });

    it('an upload that breaks off', async () => {
      const { owner, view } = await world();
      await expectNothingStored(
        () =>
          publishGenericPackageFile({
            actor: owner,
            project: view,
            packageName: 'broken',
            packageVersion: '1.0.0',
            fileName: 'f.bin',
            body: brokenStream(new Uint8Array(100)),
            contentLength: null,
          }),
        'The upload broke off before the whole file arrived',
      );
    });

    it('names that escape their directory or break the rules', async () => {
      const { owner, view } = await world();
      const upload = (packageName: string, packageVersion: string, fileName: string) =>
        publishGenericPackageFile({
          actor: owner,
          project: view,
          packageName,
          packageVersion,
          fileName,
          body: bytesStream(new TextEncoder().encode('x')),
          contentLength: '1',
        });
      await expectNothingStored(() => upload('pkg', '1.0.0', '../../etc/passwd'), 'file_name is invalid');
      await expectNothingStored(() => upload('pkg', '1.0.0', '..'), 'file_name should be a valid file path');
      await expectNothingStored(() => upload('..', '1.0.0', 'f'), 'package_name should be a valid file path');
      await expectNothingStored(() => upload('pkg', '1..0', 'f'), 'package_version is invalid');
      await expectNothingStored(() => upload('a b', '1.0.0', 'f'), 'package_name is invalid');
    });

    it('a duplicate file name when the instance does not allow duplicates (before the bytes are read)', async () => {
      const { owner, project, view } = await world();
      await publishAs(owner, project.id, 'strict', '1.0.0', 'f.txt', 'first');
      await setPackageSettings({ duplicatesAllowed: false });
      let pulled = false;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            pulled = true;
            controller.enqueue(new TextEncoder().encode('second'));
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      await expectNothingStored(
        () =>
          publishGenericPackageFile({
            actor: owner,
            project: view,
            packageName: 'strict',
            packageVersion: '1.0.0',
            fileName: 'f.txt',
            body,
            contentLength: '6',
          }),
        'Duplicate package is not allowed',
      );
      expect(pulled).toBe(false);
      // Another file name, or another version, is no duplicate.
      await expect(publishAs(owner, project.id, 'strict', '1.0.0', 'g.txt', 'other')).resolves.toBeTruthy();
      await expect(publishAs(owner, project.id, 'strict', '1.0.1', 'f.txt', 'next')).resolves.toBeTruthy();
    });

    it('a Reporter (Developer or higher publishes)', async () => {
      const { project } = await world();
      const reporter = await projectMember(project.id, AccessLevel.Reporter);
      await expectNothingStored(() => publishAs(reporter, project.id, 'p', '1.0.0', 'f', 'x'), 'You may not publish packages');
      const developer = await projectMember(project.id, AccessLevel.Developer);
      await expect(publishAs(developer, project.id, 'p', '1.0.0', 'f', 'x')).resolves.toBeTruthy();
    });
  });

  it('serializes concurrent uploads to one new version into one package', async () => {
    const { owner, project, view } = await world();
    await Promise.all(
      Array.from({ length: 5 }, (_, index) => publishAs(owner, project.id, 'race', '1.0.0', `f${index}.txt`, `content ${index}`)),
    );
    const { rows } = await listProjectPackages({ actor: owner, project: view, packageName: 'race', limit: 20, offset: 0 });
    expect(rows).toHaveLength(1);
    const files = await listPackageFiles({ actor: owner, project: view, packageId: rows[0]!.id, limit: 20, offset: 0 });
    expect(files.total).toBe(5);
  });
});

describe('package storage clean-up', () => {
  it('deleting a package removes the blobs nobody else references', async () => {
    const { owner, project, view } = await world();
    const kept = await publishAs(owner, project.id, 'keep', '1.0.0', 'a.txt', 'shared content');
    const doomed = await publishAs(owner, project.id, 'doomed', '1.0.0', 'a.txt', 'shared content');
    const own = await publishAs(owner, project.id, 'doomed', '1.0.0', 'b.txt', 'only in doomed');
    await deleteProjectPackage({ actor: owner, project: view, packageId: doomed.packageId });
    expect(await storedFiles()).toContain(`${kept.fileSha256.slice(0, 2)}/${kept.fileSha256}`);
    expect(await storedFiles()).not.toContain(`${own.fileSha256.slice(0, 2)}/${own.fileSha256}`);
  });

  it('removes unreferenced blobs and stale temporary uploads, and keeps the rest', async () => {
    const { owner, project } = await world();
    const kept = await publishAs(owner, project.id, 'kept', '1.0.0', 'k.txt', 'kept');
    const orphan = sha256('orphan');
    await mkdir(path.dirname(blobPath(orphan)), { recursive: true });
    await writeFile(blobPath(orphan), 'orphan');
    await mkdir(path.join(packagesDirectory(), 'tmp'), { recursive: true });
    await writeFile(path.join(packagesDirectory(), 'tmp', 'left-behind.part'), 'partial');

    // Temporary uploads younger than a day may still be in progress.
    const soon = await removeUnreferencedPackageBlobs();
    expect(soon).toEqual({ blobsRemoved: 1, uploadsRemoved: 0 });
    const files = await storedFiles();
    expect(files).toContain(`${kept.fileSha256.slice(0, 2)}/${kept.fileSha256}`);
    expect(files).not.toContain(`${orphan.slice(0, 2)}/${orphan}`);
    expect(files).toContain('tmp/left-behind.part');

    const later = await removeUnreferencedPackageBlobs({ now: new Date(Date.now() + 25 * 60 * 60 * 1000) });
    expect(later).toEqual({ blobsRemoved: 0, uploadsRemoved: 1 });
    expect(await storedFiles()).not.toContain('tmp/left-behind.part');
  });
});
