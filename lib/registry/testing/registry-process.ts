import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** The registry binary Debian's `docker-registry` package installs (CNCF Distribution 2.8). */
export const REGISTRY_BINARY = process.env.KEYHOLD_TEST_REGISTRY_BINARY || 'docker-registry';

/** Whether a program is on the PATH. */
export function hasProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v "$1"`, 'sh', name], { stdio: 'ignore' }).status === 0;
}

/** A TCP port that is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RegistryProcessOptions {
  /** A directory for the configuration and the image storage. */
  directory: string;
  /** Keyhold's token endpoint, e.g. `http://127.0.0.1:3000/jwt/auth`. */
  realm: string;
  service: string;
  issuer: string;
  /** PEM certificate(s) of the keys the registry trusts. */
  certificatePem: string;
}

/** The registry's config.yml for token authentication against Keyhold (also shown in the README). */
export function registryConfigYaml(options: {
  port: number;
  storage: string;
  realm: string;
  service: string;
  issuer: string;
  rootCertBundle: string;
}) {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${options.storage}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${options.port}`,
    `  secret: ${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`,
    'auth:',
    '  token:',
    `    realm: ${options.realm}`,
    `    service: ${options.service}`,
    `    issuer: ${options.issuer}`,
    `    rootcertbundle: ${options.rootCertBundle}`,
    '',
  ].join('\n');
}

export interface RegistryProcess {
  /** `127.0.0.1:<port>`, as image references name it. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts a registry on a free port that trusts the given certificate, and waits until it answers. */
export async function startRegistryProcess(options: RegistryProcessOptions): Promise<RegistryProcess> {
  const port = await freePort();
  const storage = path.join(options.directory, 'storage');
  mkdirSync(storage, { recursive: true });
  const bundle = path.join(options.directory, 'keyhold.crt');
  writeFileSync(bundle, options.certificatePem);
  const configFile = path.join(options.directory, 'config.yml');
  writeFileSync(configFile, registryConfigYaml({ port, storage, rootCertBundle: bundle, ...options }));
  let output = '';
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${REGISTRY_BINARY} exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 401) break; // up, and asking for a token
      throw new Error(`unexpected status ${response.status} from ${url}/v2/`);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${REGISTRY_BINARY} did not start: ${String(error)}\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    host: `127.0.0.1:${port}`,
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
