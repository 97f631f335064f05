import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';

/** RFC 5280's "no well-defined expiration date" (99991231235959Z) and a fixed start. */
const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('9999-12-31T23:59:59Z');

export interface SelfSignedCertificateOptions {
  /** The subject's and issuer's common name. */
  commonName?: string;
}

/**
 * A self-signed X.509 v3 certificate (PEM) for an RSA key, signed with SHA-256. It is a pure
 * function of the key: the serial number comes from the public key, the validity is fixed and
 * RSA PKCS#1 v1.5 signatures are deterministic. So several processes that find the same key write
 * the very same certificate, and only the key needs to be created exactly once.
 */
export function selfSignedCertificate(
  privateKey: KeyObject,
  { commonName = 'Keyhold registry token issuer' }: SelfSignedCertificateOptions = {},
) {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const serial = createHash('sha256').update(spki).digest().subarray(0, 16);
  serial[0] = serial[0]! & 0x7f;
  const algorithm = sequence(objectIdentifier(SHA256_WITH_RSA), nullValue());
  const name = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))));
  const extensions = sequence(
    sequence(objectIdentifier(BASIC_CONSTRAINTS), boolean(true), octetString(sequence(boolean(true)))),
    // digitalSignature (bit 0) and keyCertSign (bit 5): 1000 0100, the last two bits unused.
    sequence(objectIdentifier(KEY_USAGE), boolean(true), octetString(bitString(Buffer.from([0x84]), 2))),
  );
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(NOT_BEFORE), time(NOT_AFTER)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
