import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '@/db/schema';
import { db } from '@/db/client';
import { AccessLevel } from '@/lib/access-levels';
import { addDays, utcDate } from '@/lib/dates';
import { createProjectAccessToken, revokeProjectAccessToken } from '@/lib/tokens/project-access-tokens';
import { withFreshDatabase } from '@/tests/database';
import { groupProject } from '@/tests/token-factories';
import { selfSignedCertificate } from './certificate';
import type { RegistryConfig } from './config';
import { generateSigningKeyPem, signingKeyFromPem, type RegistrySigningKey } from './signing-key';
import { listProjectRepositories } from './registry-api';
import { startRegistryAuthServer, type RegistryAuthServer } from './testing/auth-server';
import { writeOciImage, type OciImage } from './testing/oci-image';
import { hasProgram, REGISTRY_BINARY, startRegistryProcess, type RegistryProcess } from './testing/registry-process';
import { skopeo } from './testing/skopeo';

// A real CNCF Distribution registry (Debian's docker-registry) that trusts Keyhold's key, and real
// skopeo pushing and pulling a small OCI image built here: the whole token protocol end to end.
const missing = [REGISTRY_BINARY, 'skopeo'].filter((program) => !hasProgram(program));
const inCI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const skip = missing.length > 0 && !inCI;
if (skip)
  console.warn(
    `Skipping the container registry integration tests: ${missing.join(' and ')} not installed (apt-get install docker-registry skopeo).`,
  );

withFreshDatabase();

describe.skipIf(skip)('container registry with a real registry and skopeo', () => {
  let directory: string;
  let keyhold: RegistryAuthServer;
  let registry: RegistryProcess;
  let image: OciImage;
  let config: RegistryConfig;
  let key: RegistrySigningKey;

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`${missing.join(' and ')} not installed: CI must run these tests (.ci/run installs them)`);
    directory = mkdtempSync(path.join(os.tmpdir(), 'keyhold-registry-'));
    const keyPem = await generateSigningKeyPem(2048);
    key = signingKeyFromPem(keyPem, selfSignedCertificate(createPrivateKey(keyPem)));
    config = {
      host: 'unused',
      apiUrl: 'unused',
      service: 'container_registry',
      issuer: 'keyhold-test',
      tokenLifetimeSeconds: 300,
      keyPath: null,
      certificatePath: null,
    };
    keyhold = await startRegistryAuthServer({ config, key });
    registry = await startRegistryProcess({
      directory: path.join(directory, 'registry'),
      realm: `${keyhold.origin}/jwt/auth`,
      service: config.service,
      issuer: config.issuer,
      certificatePem: key.certificatePem,
    });
    image = writeOciImage(path.join(directory, 'image'));
    config = { ...config, host: registry.host, apiUrl: registry.url };
  });

  afterAll(async () => {
    await registry?.stop();
    await keyhold?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  const expiresAt = () => addDays(utcDate(new Date()), 30);

  async function projectWithToken(scopes: string[], accessLevel: number = AccessLevel.Developer) {
    const { owner, project } = await groupProject();
    const { token, accessToken } = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: `registry ${scopes.join(' ')}`,
      scopes,
      accessLevel,
      expiresAt: expiresAt(),
    });
    return { owner, project, token, accessToken };
  }

  async function tokenFor(project: { id: number }, owner: Awaited<ReturnType<typeof groupProject>>['owner'], scopes: string[]) {
    const created = await createProjectAccessToken({
      actor: owner,
      projectId: project.id,
      name: `registry ${scopes.join(' ')}`,
      scopes,
      accessLevel: AccessLevel.Developer,
      expiresAt: expiresAt(),
    });
    return created;
  }

  const reference = (repository: string, tag = image.tag) => `docker://${registry.host}/${repository}:${tag}`;

  function push(repository: string, token: string) {
    return skopeo(directory, [
      'copy',
      '--dest-tls-verify=false',
      '--dest-creds',
      `any:${token}`,
      `oci:${image.directory}:${image.tag}`,
      reference(repository),
    ]);
  }

  function pull(repository: string, credentials: string | null) {
    const target = mkdtempSync(path.join(directory, 'pulled-'));
    return skopeo(directory, [
      'copy',
      '--src-tls-verify=false',
      ...(credentials ? ['--src-creds', credentials] : ['--src-no-creds']),
      reference(repository),
      `oci:${target}:pulled`,
    ]).then((result) => ({ ...result, target }));
  }

  it('pushes with a write_registry token, and pulls the same image back with a read_registry token', async () => {
    const { owner, project, token } = await projectWithToken(['write_registry']);
    const repository = `${project.fullPath}/app`;
    const pushed = await push(repository, token);
    expect(pushed.output).not.toMatch(/denied|unauthorized/i);
    expect(pushed.ok).toBe(true);

    const reader = await tokenFor(project, owner, ['read_registry']);
    const pulled = await pull(repository, `any:${reader.token}`);
    expect(pulled.ok, pulled.output).toBe(true);
    const index = JSON.parse(readFileSync(path.join(pulled.target, 'index.json'), 'utf8'));
    expect(index.manifests).toHaveLength(1);
    // The registry serves it under the project's path, to the reader too.
    const inspected = await skopeo(directory, ['inspect', '--tls-verify=false', '--creds', `any:${reader.token}`, reference(repository)]);
    expect(inspected.ok, inspected.output).toBe(true);
    expect(JSON.parse(inspected.output).Name).toBe(`${registry.host}/${repository}`);
  });

  it('refuses a push with a read_registry token', async () => {
    const { project, token } = await projectWithToken(['read_registry']);
    const pushed = await push(`${project.fullPath}/app`, token);
    expect(pushed.ok).toBe(false);
    expect(pushed.output).toMatch(/requested access to the resource is denied/);
  });

  it('refuses a push by a Reporter even with write_registry', async () => {
    const { project, token } = await projectWithToken(['write_registry'], AccessLevel.Reporter);
    const pushed = await push(`${project.fullPath}/app`, token);
    expect(pushed.ok).toBe(false);
    expect(pushed.output).toMatch(/requested access to the resource is denied/);
  });

  it('refuses a pull with a read_repository-only token, and any pull after the token is revoked', async () => {
    const { owner, project, token } = await projectWithToken(['write_registry']);
    const repository = `${project.fullPath}/app`;
    expect((await push(repository, token)).ok).toBe(true);

    const gitOnly = await tokenFor(project, owner, ['read_repository']);
    const refused = await pull(repository, `any:${gitOnly.token}`);
    expect(refused.ok).toBe(false);
    expect(refused.output).toMatch(/Requesting bearer token: invalid status code from registry 403/);

    const reader = await tokenFor(project, owner, ['read_registry']);
    expect((await pull(repository, `any:${reader.token}`)).ok).toBe(true);
    await revokeProjectAccessToken({ actor: owner, projectId: project.id, tokenId: reader.accessToken.id });
    const afterRevoke = await pull(repository, `any:${reader.token}`);
    expect(afterRevoke.ok).toBe(false);
    expect(afterRevoke.output).toMatch(/HTTP Basic: Access denied/);
  });

  it("refuses a project A token pushing into project B's repository", async () => {
    const a = await projectWithToken(['write_registry']);
    const b = await projectWithToken(['write_registry']);
    expect((await push(`${a.project.fullPath}/app`, a.token)).ok).toBe(true);
    const intoB = await push(`${b.project.fullPath}/app`, a.token);
    expect(intoB.ok).toBe(false);
    expect(intoB.output).toMatch(/requested access to the resource is denied/);
    // …and B's own token still can.
    expect((await push(`${b.project.fullPath}/app`, b.token)).ok).toBe(true);
  });

  it('lets anyone pull from a public project without credentials, but not from a private one', async () => {
    const { project, token } = await projectWithToken(['write_registry']);
    const repository = `${project.fullPath}/app`;
    expect((await push(repository, token)).ok).toBe(true);
    const privately = await pull(repository, null);
    expect(privately.ok).toBe(false);
    expect(privately.output).toMatch(/requested access to the resource is denied/);
    await (await db()).update(projects).set({ visibility: 'public' }).where(eq(projects.id, project.id));
    const publicly = await pull(repository, null);
    expect(publicly.ok, publicly.output).toBe(true);
  });

  it("lists a project's images and tags from the registry's API with a Keyhold-signed token", async () => {
    const { project, token } = await projectWithToken(['write_registry']);
    const other = await projectWithToken(['write_registry']);
    expect((await push(project.fullPath, token)).ok).toBe(true);
    expect((await push(`${project.fullPath}/tools/cli`, token)).ok).toBe(true);
    expect((await push(`${other.project.fullPath}/app`, other.token)).ok).toBe(true);
    expect(await listProjectRepositories({ config, key, projectPath: project.fullPath })).toEqual({
      status: 'ok',
      repositories: [
        { name: project.fullPath, tags: ['v1'] },
        { name: `${project.fullPath}/tools/cli`, tags: ['v1'] },
      ],
    });
  });

  it('says why it cannot list images when the registry does not trust the key', async () => {
    const otherPem = await generateSigningKeyPem(2048);
    const stranger = signingKeyFromPem(otherPem, selfSignedCertificate(createPrivateKey(otherPem)));
    const listing = await listProjectRepositories({ config, key: stranger, projectPath: 'any/project' });
    expect(listing).toEqual({ status: 'unreachable', message: expect.stringMatching(/refused Keyhold's token \(HTTP 401\)/) });
  });
});
