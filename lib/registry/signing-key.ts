import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/db/open';
import { selfSignedCertificate } from './certificate';
import type { RegistryConfig } from './config';
import { libtrustKeyId } from './key-id';

/** The key that signs registry tokens, the certificate the registry trusts, and the `kid` it expects. */
export interface RegistrySigningKey {
  privateKey: KeyObject;
  /** PEM; the registry's `auth.token.rootcertbundle` must contain it. */
  certificatePem: string;
  keyId: string;
}

export const GENERATED_KEY_FILE = 'registry-token.key';
export const GENERATED_CERTIFICATE_FILE = 'registry-token.crt';

/** Checks that the certificate is for the key and derives the key ID. */
export function signingKeyFromPem(keyPem: string, certificatePem: string): RegistrySigningKey {
  const privateKey = createPrivateKey(keyPem);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('The registry token key must be an RSA key (tokens are signed RS256)');
  const certificate = new X509Certificate(certificatePem);
  const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });
  if (!spki(certificate.publicKey).equals(spki(createPublicKey(privateKey)))) {
    throw new Error('The registry token certificate is not for the registry token key');
  }
  return { privateKey, certificatePem, keyId: libtrustKeyId(privateKey) };
}

/** A new RSA key in PKCS#8 PEM (GitLab uses 4096 bits), generated off the event loop. */
export async function generateSigningKeyPem(modulusLength = 4096): Promise<string> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Writes `content` to `file` only if it does not exist yet; true if this call created it. */
function createExclusively(file: string, content: string, mode: number): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, content, { mode });
  try {
    linkSync(temporary, file); // atomic, and fails if another process won the race
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * The key generated once into `directory`, with its certificate beside it. Only the key is created
 * exclusively; the certificate is a pure function of it, so concurrent writers write equal files.
 */
export async function generatedSigningKey(directory: string): Promise<RegistrySigningKey> {
  mkdirSync(directory, { recursive: true });
  const keyFile = path.join(directory, GENERATED_KEY_FILE);
  const certificateFile = path.join(directory, GENERATED_CERTIFICATE_FILE);
  let keyPem: string;
  try {
    keyPem = readFileSync(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    createExclusively(keyFile, await generateSigningKeyPem(), 0o600);
    keyPem = readFileSync(keyFile, 'utf8');
  }
  const certificatePem = selfSignedCertificate(createPrivateKey(keyPem));
  let existing: string | null = null;
  try {
    existing = readFileSync(certificateFile, 'utf8');
  } catch {
    existing = null;
  }
  if (existing !== certificatePem) {
    const temporary = `${certificateFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, certificatePem, { mode: 0o644 });
    renameSync(temporary, certificateFile);
  }
  return signingKeyFromPem(keyPem, certificatePem);
}

const cache = new Map<string, Promise<RegistrySigningKey>>();

/** The signing key the configuration names, or the one generated into the data directory (read once per process). */
export function registrySigningKey(config: Pick<RegistryConfig, 'keyPath' | 'certificatePath'>): Promise<RegistrySigningKey> {
  const cacheKey = config.keyPath ? `${config.keyPath}\n${config.certificatePath}` : `generated:${dataDir()}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = (async () =>
      config.keyPath && config.certificatePath
        ? signingKeyFromPem(readFileSync(config.keyPath, 'utf8'), readFileSync(config.certificatePath, 'utf8'))
        : generatedSigningKey(dataDir()))();
    // A failure (unreadable file …) is not cached: the next request tries again.
    key.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, key);
  }
  return key;
}
