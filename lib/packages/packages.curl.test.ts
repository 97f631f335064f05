import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccessLevel } from '@/lib/access-levels';
import { createProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { withFreshDatabase } from '@/tests/database';
import { withHttpServer } from '@/tests/http-server';
import { packageRowCounts, setPackageSettings, storedFiles, withPackageStorage } from '@/tests/package-factories';
import { groupProject } from '@/tests/token-factories';

/**
 * The package registry with the real `curl` binary over real HTTP, as the GitLab docs use it:
 * `curl --upload-file` to publish, a plain GET to download, the checksum compared at the end.
 */
withFreshDatabase();
withPackageStorage();
const server = withHttpServer();

let workDir = '';
let projectId = 0;
const tokens = { api: '', readApi: '', readRepository: '', reporterApi: '' };

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'keyhold-curl-'));
  const { owner, project } = await groupProject();
  projectId = project.id;
  const token = async (scopes: string[], accessLevel: number) =>
    (await createProjectAccessToken({ actor: owner, projectId, name: scopes.join(' '), scopes, accessLevel, expiresAt: undefined })).token;
  tokens.api = await token(['api'], AccessLevel.Developer);
  tokens.readApi = await token(['read_api'], AccessLevel.Developer);
  tokens.readRepository = await token(['read_repository'], AccessLevel.Developer);
  tokens.reporterApi = await token(['api'], AccessLevel.Reporter);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await setPackageSettings();
});

interface CurlResult {
  /** curl's exit code: 0, or 22 when --fail-with-body saw an HTTP error. */
  exitCode: number;
  /** The HTTP status (from --write-out). */
  status: number;
  body: string;
}

/** Runs curl; the response body goes to `output` when given, else it is returned. */
function curl(args: string[], { output }: { output?: string } = {}): Promise<CurlResult> {
  const all = ['--silent', '--show-error', '--fail-with-body', '--write-out', '\n%{http_code}', ...args];
  if (output) all.push('--output', output);
  return new Promise((resolve, reject) => {
    execFile('curl', all, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (exitCode !== 0 && exitCode !== 22) return reject(new Error(`curl failed (${exitCode}): ${stderr}`));
      const cut = stdout.lastIndexOf('\n');
      resolve({ exitCode, status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

const fileUrl = (name: string, version: string, fileName: string, query = '') =>
  `${server().origin}/api/v4/projects/${projectId}/packages/generic/${name}/${version}/${fileName}${query}`;

async function localFile(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, bytes);
  return file;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('generic packages with curl', () => {
  it('uploads with --upload-file, downloads the same bytes, and agrees on the SHA-256', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const source = await localFile('release.tar.gz', bytes);

    const upload = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.api}`,
      '--upload-file',
      source,
      fileUrl('my_package', '1.0.0', 'release.tar.gz'),
    ]);
    expect(upload).toEqual({ exitCode: 0, status: 201, body: '{"message":"201 Created"}' });

    const target = path.join(workDir, 'downloaded.tar.gz');
    const headersFile = path.join(workDir, 'headers.txt');
    const download = await curl(
      ['--header', `PRIVATE-TOKEN: ${tokens.readApi}`, '--dump-header', headersFile, fileUrl('my_package', '1.0.0', 'release.tar.gz')],
      { output: target },
    );
    expect(download.exitCode).toBe(0);
    expect(download.status).toBe(200);
    const downloaded = await readFile(target);
    expect(sha256(downloaded)).toBe(sha256(bytes));
    const headers = (await readFile(headersFile, 'utf8')).toLowerCase();
    expect(headers).toContain(`x-checksum-sha256: ${sha256(bytes)}`);
    expect(headers).toContain('content-type: application/octet-stream');
    expect(headers).toContain('content-disposition: attachment; filename="release.tar.gz"');
    expect(headers).toContain(`content-length: ${bytes.length}`);

    // The package files API reports the same checksum.
    const packages = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.readApi}`,
      `${server().origin}/api/v4/projects/${projectId}/packages?package_name=my_package`,
    ]);
    const [pkg] = JSON.parse(packages.body);
    expect(pkg).toMatchObject({ name: 'my_package', version: '1.0.0', package_type: 'generic', status: 'default' });
    const files = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.readApi}`,
      `${server().origin}/api/v4/projects/${projectId}/packages/${pkg.id}/package_files`,
    ]);
    expect(JSON.parse(files.body)).toEqual([
      expect.objectContaining({ file_name: 'release.tar.gz', size: bytes.length, file_sha256: sha256(bytes) }),
    ]);
  });

  it('answers the package file record for select=package_file', async () => {
    const bytes = Buffer.from('checksum me\n');
    const source = await localFile('notes.txt', bytes);
    const upload = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.api}`,
      '--upload-file',
      source,
      fileUrl('notes', '2.0.0-rc.1', 'notes.txt', '?select=package_file'),
    ]);
    expect(upload.status).toBe(200);
    expect(JSON.parse(upload.body)).toMatchObject({ file_name: 'notes.txt', size: bytes.length, file_sha256: sha256(bytes) });
  });

  it('refuses tokens without the api scope (403 insufficient_scope) and Reporters (403)', async () => {
    const source = await localFile('refused.bin', Buffer.from('nope'));
    const readApi = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.readApi}`,
      '--upload-file',
      source,
      fileUrl('refused', '1.0.0', 'refused.bin'),
    ]);
    expect(readApi.exitCode).toBe(22);
    expect(readApi.status).toBe(403);
    expect(JSON.parse(readApi.body)).toMatchObject({ error: 'insufficient_scope', scope: 'api' });

    const reporter = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.reporterApi}`,
      '--upload-file',
      source,
      fileUrl('refused', '1.0.0', 'refused.bin'),
    ]);
    expect(reporter).toMatchObject({ exitCode: 22, status: 403, body: '{"message":"403 Forbidden"}' });

    const anonymous = await curl(['--upload-file', source, fileUrl('refused', '1.0.0', 'refused.bin')]);
    expect(anonymous).toMatchObject({ exitCode: 22, status: 401, body: '{"message":"401 Unauthorized"}' });

    const download = await curl(['--header', `PRIVATE-TOKEN: ${tokens.readRepository}`, fileUrl('my_package', '1.0.0', 'release.tar.gz')]);
    expect(download.status).toBe(403);
    expect(JSON.parse(download.body)).toMatchObject({ error: 'insufficient_scope', scope: 'api read_api' });
    expect(await packageRowCounts()).toMatchObject({ packages: 2 });
  });

  it('refuses an oversized upload with a clear error and stores nothing', async () => {
    await setPackageSettings({ maxFileSize: 1024 * 1024 });
    const source = await localFile('too-big.bin', randomBytes(2 * 1024 * 1024));
    const before = { rows: await packageRowCounts(), files: await storedFiles() };
    const upload = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.api}`,
      '--upload-file',
      source,
      fileUrl('big', '1.0.0', 'too-big.bin'),
    ]);
    expect(upload).toMatchObject({ exitCode: 22, status: 400, body: '{"message":"400 Bad request - File is too large"}' });
    // Chunked (no Content-Length): refused while streaming.
    const chunked = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.api}`,
      '--header',
      'Transfer-Encoding: chunked',
      '--upload-file',
      source,
      fileUrl('big', '1.0.0', 'too-big.bin'),
    ]);
    expect(chunked).toMatchObject({ exitCode: 22, status: 400, body: '{"message":"400 Bad request - File is too large"}' });
    expect(await packageRowCounts()).toEqual(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it('refuses traversal and invalid names with Grape-style 400s', async () => {
    const source = await localFile('x.txt', Buffer.from('x'));
    const traversal = await curl([
      '--header',
      `PRIVATE-TOKEN: ${tokens.api}`,
      '--upload-file',
      source,
      fileUrl('pkg', '1.0.0', '..%2F..%2F..%2Fetc%2Fpasswd'),
    ]);
    expect(traversal).toMatchObject({ exitCode: 22, status: 400, body: '{"error":"file_name is invalid"}' });
    // A `..` segment, even percent-encoded, is resolved away by URL parsing: no such route.
    for (const dots of ['%2E%2E', '..']) {
      const answer = await curl([
        '--path-as-is',
        '--header',
        `PRIVATE-TOKEN: ${tokens.api}`,
        '--upload-file',
        source,
        fileUrl('pkg', '1.0.0', dots),
      ]);
      expect(answer).toMatchObject({ exitCode: 22, status: 404, body: '{"message":"404 Not Found"}' });
    }
    const slash = await curl(['--header', `PRIVATE-TOKEN: ${tokens.api}`, '--upload-file', source, fileUrl('pkg%2F..', '1.0.0', 'x.txt')]);
    expect(slash).toMatchObject({ status: 400, body: '{"error":"package_name is invalid"}' });
    expect(await storedFiles()).not.toContain('x.txt');
    const version = await curl(['--header', `PRIVATE-TOKEN: ${tokens.api}`, '--upload-file', source, fileUrl('pkg', '1..0', 'x.txt')]);
    expect(version).toMatchObject({ status: 400, body: '{"error":"package_version is invalid"}' });
  });

  it('refuses a duplicate file when the instance does not allow duplicates', async () => {
    const source = await localFile('dup.txt', Buffer.from('dup'));
    const first = await curl(['--header', `PRIVATE-TOKEN: ${tokens.api}`, '--upload-file', source, fileUrl('dup', '1.0.0', 'dup.txt')]);
    expect(first.status).toBe(201);
    await setPackageSettings({ duplicatesAllowed: false });
    const second = await curl(['--header', `PRIVATE-TOKEN: ${tokens.api}`, '--upload-file', source, fileUrl('dup', '1.0.0', 'dup.txt')]);
    expect(second).toMatchObject({ exitCode: 22, status: 400, body: '{"message":"400 Bad request - Duplicate package is not allowed"}' });
  });

  it('stores nothing when the client hangs up before Content-Length bytes arrived', async () => {
    const before = { rows: await packageRowCounts(), files: await storedFiles() };
    const { port, hostname } = new URL(server().origin);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `PUT /api/v4/projects/${projectId}/packages/generic/cut/1.0.0/cut.bin HTTP/1.1\r\nHost: ${hostname}\r\n` +
            `PRIVATE-TOKEN: ${tokens.api}\r\nContent-Length: 100000\r\n\r\n`,
        );
        socket.write(Buffer.alloc(5000, 1), () => setTimeout(() => socket.destroy(), 200));
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    // Give the server a moment to notice and clean up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await packageRowCounts()).toEqual(before.rows);
    expect(await storedFiles()).toEqual(before.files);
  });

  it('takes the token as the password of HTTP Basic (curl --user), as GitLab documents for generic packages', async () => {
    const source = await localFile('basic.txt', Buffer.from('basic auth\n'));
    const upload = await curl(['--user', `ci:${tokens.api}`, '--upload-file', source, fileUrl('basic_pkg', '1.0.0', 'basic.txt')]);
    expect(upload.status).toBe(201);
    const download = await curl(['--user', `anyone:${tokens.readApi}`, fileUrl('basic_pkg', '1.0.0', 'basic.txt')]);
    expect(download).toMatchObject({ status: 200, body: 'basic auth\n' });
    // A wrong password is a bad token (401), and Basic opens no other API route.
    expect((await curl(['--user', 'ci:not-a-token', fileUrl('basic_pkg', '1.0.0', 'basic.txt')])).status).toBe(401);
    expect((await curl(['--user', `ci:${tokens.api}`, `${server().origin}/api/v4/projects/${projectId}/packages`])).status).toBe(404);
  });
});
