import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './certificate';
import { registryConfigFromEnv } from './config';
import { libtrustKeyId } from './key-id';
import {
  GENERATED_CERTIFICATE_FILE,
  GENERATED_KEY_FILE,
  generatedSigningKey,
  generateSigningKeyPem,
  signingKeyFromPem,
} from './signing-key';

const keyPem = await generateSigningKeyPem(2048);
const directory = mkdtempSync(path.join(os.tmpdir(), 'keyhold-registry-key-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the self-signed certificate', () => {
  const pem = selfSignedCertificate(createPrivateKey(keyPem));
  const certificate = new X509Certificate(pem);

  it('is a valid X.509 certificate for the key, signed by itself', () => {
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.subject).toBe('CN=Keyhold registry token issuer');
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.ca).toBe(true);
    expect(certificate.validTo).toBe('Dec 31 23:59:59 9999 GMT');
    expect(() => signingKeyFromPem(keyPem, pem)).not.toThrow();
  });

  it('is the same every time for the same key', () => {
    expect(selfSignedCertificate(createPrivateKey(keyPem))).toBe(pem);
  });

  it.skipIf(spawnSync('openssl', ['version']).status !== 0)('is accepted by openssl', () => {
    const file = path.join(directory, 'check.crt');
    execFileSync('sh', ['-c', 'cat > "$1"', 'sh', file], { input: pem });
    expect(execFileSync('openssl', ['verify', '-CAfile', file, file], { encoding: 'utf8' }).trim()).toBe(`${file}: OK`);
  });

  it('is refused with a key it is not for', async () => {
    const otherPem = await generateSigningKeyPem(2048);
    expect(() => signingKeyFromPem(otherPem, pem)).toThrow(/not for the registry token key/);
  });
});

describe('libtrustKeyId', () => {
  it('is base32 of the first 240 bits of the SHA-256 of the public key, in 12 groups of 4', () => {
    const key = createPrivateKey(keyPem);
    const id = libtrustKeyId(key);
    expect(id).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
    // Decode the base32 again and compare with the digest.
    const bits = id
      .replaceAll(':', '')
      .split('')
      .map((char) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(char).toString(2).padStart(5, '0'))
      .join('');
    const bytes = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
    const digest = createHash('sha256')
      .update(createPublicKey(key).export({ type: 'spki', format: 'der' }))
      .digest();
    expect(bytes).toEqual(digest.subarray(0, 30));
  });
});

describe('generatedSigningKey', () => {
  it('creates the key once into the directory, also when asked twice at once, and finds it again', async () => {
    const [first, concurrent] = await Promise.all([generatedSigningKey(directory), generatedSigningKey(directory)]);
    expect(concurrent.keyId).toBe(first.keyId);
    const second = await generatedSigningKey(directory);
    expect(second.keyId).toBe(first.keyId);
    expect(readFileSync(path.join(directory, GENERATED_CERTIFICATE_FILE), 'utf8')).toBe(first.certificatePem);
    expect(statSync(path.join(directory, GENERATED_KEY_FILE)).mode & 0o777).toBe(0o600);
  });
});

describe('registryConfigFromEnv', () => {
  it('is null without KEYHOLD_REGISTRY_URL: no registry', () => {
    expect(registryConfigFromEnv({})).toBeNull();
  });

  it('reads the address and the defaults', () => {
    expect(registryConfigFromEnv({ KEYHOLD_REGISTRY_URL: 'https://registry.example.com/' })).toEqual({
      host: 'registry.example.com',
      apiUrl: 'https://registry.example.com',
      service: 'container_registry',
      issuer: 'keyhold',
      tokenLifetimeSeconds: 300,
      keyPath: null,
      certificatePath: null,
    });
    expect(
      registryConfigFromEnv({ KEYHOLD_REGISTRY_URL: '127.0.0.1:5000', KEYHOLD_REGISTRY_API_URL: 'http://registry:5000' }),
    ).toMatchObject({
      host: '127.0.0.1:5000',
      apiUrl: 'http://registry:5000',
    });
  });

  it('wants both the key and the certificate, or neither', () => {
    expect(() => registryConfigFromEnv({ KEYHOLD_REGISTRY_URL: 'r.example', KEYHOLD_REGISTRY_KEY_PATH: '/k.pem' })).toThrow(/both/);
  });
});
