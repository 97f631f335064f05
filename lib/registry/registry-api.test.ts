import { createPrivateKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './certificate';
import type { RegistryConfig } from './config';
import { decodeRegistryToken } from './jwt';
import { listProjectRepositories } from './registry-api';
import { generateSigningKeyPem, signingKeyFromPem } from './signing-key';
import { freePort } from './testing/registry-process';

const keyPem = await generateSigningKeyPem(2048);
const key = signingKeyFromPem(keyPem, selfSignedCertificate(createPrivateKey(keyPem)));
const config = (apiUrl: string): RegistryConfig => ({
  host: 'registry.test',
  apiUrl,
  service: 'container_registry',
  issuer: 'keyhold',
  tokenLifetimeSeconds: 300,
  keyPath: null,
  certificatePath: null,
});

// A stand-in for the registry's API: two catalog pages and tags, and it records the tokens it gets.
const seen: { path: string; access: unknown }[] = [];
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    seen.push({ path: request.url ?? '', access: decodeRegistryToken(token).claims.access });
    response.setHeader('content-type', 'application/json');
    if (request.url === '/v2/_catalog?n=100') {
      response.setHeader('link', '</v2/_catalog?last=acme%2Fapi&n=100>; rel="next"');
      response.end(JSON.stringify({ repositories: ['acme/api', 'acme/api-other/x'] }));
    } else if (request.url === '/v2/_catalog?last=acme%2Fapi&n=100') {
      response.end(JSON.stringify({ repositories: ['acme/api/web', 'zeta/y'] }));
    } else if (request.url === '/v2/acme/api/tags/list') {
      response.end(JSON.stringify({ name: 'acme/api', tags: ['v2', 'latest', 'v1'] }));
    } else if (request.url === '/v2/acme/api/web/tags/list') {
      response.end(JSON.stringify({ name: 'acme/api/web', tags: null }));
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('listProjectRepositories', () => {
  it("reads every catalog page, keeps the project's repositories and asks each for its tags", async () => {
    expect(await listProjectRepositories({ config: config(url), key, projectPath: 'Acme/API' })).toEqual({
      status: 'ok',
      repositories: [
        { name: 'acme/api', tags: ['latest', 'v1', 'v2'] },
        { name: 'acme/api/web', tags: [] },
      ],
    });
    expect(seen[0]).toEqual({ path: '/v2/_catalog?n=100', access: [{ type: 'registry', name: 'catalog', actions: ['*'] }] });
    expect(seen.at(-1)?.access).toEqual([
      { type: 'repository', name: 'acme/api', actions: ['pull'] },
      { type: 'repository', name: 'acme/api/web', actions: ['pull'] },
    ]);
  });

  it('says the registry is unreachable instead of failing', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await listProjectRepositories({ config: config(closed), key, projectPath: 'acme/api', timeoutMs: 2000 })).toEqual({
      status: 'unreachable',
      message: expect.stringMatching(new RegExp(`^The container registry at ${closed} could not be reached \\(.+\\)\\.$`)),
    });
  });
});
