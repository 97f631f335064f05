import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A ustar archive holding one regular file (enough for an image layer). */
export function tarWithOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  field(0, 100, name);
  field(100, 8, '0000644\0');
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${content.length.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '14000000000\0'); // 2013, any fixed time
  field(156, 1, '0');
  field(257, 8, 'ustar\u000000');
  header.fill(' ', 148, 156);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

export interface OciImage {
  /** The OCI layout directory; `oci:<directory>:<tag>` in skopeo. */
  directory: string;
  tag: string;
  manifestDigest: string;
  layerDigest: string;
}

/** Writes a one-layer OCI image layout by hand (no download, no build tool). */
export function writeOciImage(
  directory: string,
  { tag = 'v1', text = 'hello from keyhold\n' }: { tag?: string; text?: string } = {},
): OciImage {
  const blobs = path.join(directory, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const writeBlob = (data: Buffer) => {
    const digest = sha256(data);
    writeFileSync(path.join(blobs, digest), data);
    return { digest: `sha256:${digest}`, size: data.length };
  };
  const layer = writeBlob(tarWithOneFile('hello.txt', Buffer.from(text)));
  const config = writeBlob(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: {},
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
      }),
    ),
  );
  const manifest = writeBlob(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
      }),
    ),
  );
  writeFileSync(
    path.join(directory, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': tag } },
      ],
    }),
  );
  writeFileSync(path.join(directory, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  return { directory, tag, manifestDigest: manifest.digest, layerDigest: layer.digest };
}
