import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { gitEnvironment } from './repositories';

export interface HttpBackendOptions {
  /** The bare repository. */
  gitDir: string;
  /** `/info/refs`, `/git-upload-pack` or `/git-receive-pack`. */
  pathInfo: string;
  request: Request;
  /** Whether git-receive-pack may run (the caller has authorized a push). */
  allowPush: boolean;
  /** Who is pushing or fetching, for git's reflog; and the client's address. */
  remoteUser: string | null;
  remoteAddress: string | null;
  /** Extra git configuration for this run (`core.hooksPath` …). */
  config?: Record<string, string>;
  /** Extra environment for git and its hooks. */
  env?: Record<string, string>;
  /** Runs after git has exited, before the response body ends (records pushes). */
  onExit?: (code: number | null) => Promise<void>;
}

const LIVE = new Set<number>();
// git runs in its own process group, so it would outlive this process: stop what is left at exit.
process.once('exit', () => {
  for (const pid of LIVE) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** Process ids (= process group ids) of the git http-backend runs still going: for tests and diagnostics. */
export function liveHttpBackends(): number[] {
  return [...LIVE];
}

/** The CGI headers git http-backend writes before its body may not exceed this. */
const MAX_HEADER_BYTES = 64 * 1024;
/** After the client is gone, git gets this long to notice (EOF, broken pipe) before it is killed. */
const KILL_GRACE_MS = 2000;

/**
 * Runs `git http-backend` (CGI) for one request and streams both ways: the request body is piped
 * into git with backpressure, git's output becomes the response body as the client reads it, so
 * neither is ever held whole in memory. git runs in its own process group; when the client
 * disconnects (request aborted, body stream failing, response cancelled) the whole group is
 * stopped, so no git process outlives its request.
 */
export async function runHttpBackend(options: HttpBackendOptions): Promise<Response> {
  const { request } = options;
  const url = new URL(request.url);
  const config = {
    'http.uploadpack': 'true',
    'http.receivepack': options.allowPush ? 'true' : 'false',
    'http.getanyfile': 'false',
    ...options.config,
  };
  const configEnv: Record<string, string> = { GIT_CONFIG_COUNT: String(Object.keys(config).length) };
  Object.entries(config).forEach(([key, value], index) => {
    configEnv[`GIT_CONFIG_KEY_${index}`] = key;
    configEnv[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  const header = (name: string) => request.headers.get(name) ?? '';
  const cgi: Record<string, string> = {
    GIT_PROJECT_ROOT: path.dirname(options.gitDir),
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${path.basename(options.gitDir)}${options.pathInfo}`,
    REQUEST_METHOD: request.method,
    QUERY_STRING: url.search.replace(/^\?/, ''),
    CONTENT_TYPE: header('content-type'),
    REMOTE_USER: options.remoteUser ?? '',
    REMOTE_ADDR: options.remoteAddress ?? '',
    HTTP_CONTENT_ENCODING: header('content-encoding'),
    HTTP_GIT_PROTOCOL: header('git-protocol'),
  };
  const length = header('content-length');
  // Without CONTENT_LENGTH (chunked uploads) git reads the body until EOF.
  if (/^\d+$/.test(length)) cgi.CONTENT_LENGTH = length;

  const child = spawn('git', ['http-backend'], {
    env: { ...gitEnvironment({ ...cgi, ...configEnv, ...options.env }) },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid) LIVE.add(child.pid);
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => resolve(code));
    child.once('error', () => resolve(null));
  }).finally(() => {
    if (child.pid) LIVE.delete(child.pid);
  });
  const stop = stopper(child, exited);
  let afterExit: Promise<void> | null = null;
  const finish = (code: number | null) =>
    (afterExit ??= (options.onExit?.(code) ?? Promise.resolve()).catch((error: unknown) =>
      console.error('Keyhold: after git http-backend', error),
    ));
  const onAbort = () => stop();
  request.signal?.addEventListener('abort', onAbort, { once: true });

  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString('utf8');
  });
  child.stdin?.on('error', () => undefined);

  // The request body flows into git while the response starts flowing out.
  if (request.body) {
    const expected = cgi.CONTENT_LENGTH === undefined ? null : Number(cgi.CONTENT_LENGTH);
    pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), lengthGuard(expected), child.stdin!).catch(() => {
      // The client went away mid-upload, the body was truncated, or git stopped reading: either way
      // this request is over. git waits for missing bytes forever, so it is terminated at once.
      if (child.exitCode === null) stop({ immediately: true });
    });
  } else {
    child.stdin?.end();
  }

  const output = child.stdout![Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await readCgiHead(output);
  if (!head) {
    stop();
    const code = await exited;
    if (stderr.trim()) console.error('Keyhold: git http-backend failed', code, stderr.trim());
    await finish(code);
    return new Response('git http-backend failed\n', { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }

  let finished = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (head.rest.length > 0) controller.enqueue(head.rest);
      },
      async pull(controller) {
        try {
          const next = await output.next();
          if (!next.done) {
            // A Buffer is a Uint8Array: enqueued as is (new Uint8Array(buffer) would copy every chunk).
            controller.enqueue(next.value);
            return;
          }
        } catch {
          // git's output ended badly; the client will see a truncated answer.
        }
        const code = await exited;
        finished = true;
        request.signal?.removeEventListener('abort', onAbort);
        if (code !== 0 && stderr.trim()) console.error('Keyhold: git http-backend exited with', code, stderr.trim());
        await finish(code);
        controller.close();
      },
      async cancel() {
        if (!finished) stop();
        await finish(await exited);
      },
    },
    { highWaterMark: 4 },
  );
  return new Response(request.method === 'HEAD' ? null : body, { status: head.status, headers: head.headers });
}

/**
 * Fails the upload when the body ends before its Content-Length: git http-backend would wait for
 * the missing bytes forever (it loops on EOF), so such a request must end with git stopped.
 * Bytes beyond the declared length are dropped.
 */
function lengthGuard(expected: number | null): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (expected === null) return callback(null, chunk);
      const room = expected - received;
      received += chunk.length;
      callback(null, room <= 0 ? undefined : chunk.length > room ? chunk.subarray(0, room) : chunk);
    },
    flush(callback) {
      callback(expected !== null && received < expected ? new Error(`request body ended after ${received} of ${expected} bytes`) : null);
    },
  });
}

/** Ends git's input and output so it stops by itself; kills its process group if it does not. */
function stopper(child: ChildProcess, exited: Promise<unknown>): (options?: { immediately?: boolean }) => void {
  let stopping = false;
  return ({ immediately = false } = {}) => {
    if (stopping) return;
    stopping = true;
    child.stdin?.destroy();
    child.stdout?.destroy();
    const signal = (name: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, name);
      } catch {
        // Already gone.
      }
    };
    const term = setTimeout(() => signal('SIGTERM'), immediately ? 0 : KILL_GRACE_MS);
    const kill = setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS * 5);
    term.unref();
    kill.unref();
    void exited.then(() => {
      clearTimeout(term);
      clearTimeout(kill);
    });
  };
}

interface CgiHead {
  status: number;
  headers: Headers;
  /** Body bytes that came in the same chunk as the end of the headers. */
  rest: Buffer;
}

/** Reads CGI headers (`Status: 200 OK`, `Content-Type: …`) up to the blank line. */
async function readCgiHead(output: AsyncIterator<Buffer>): Promise<CgiHead | null> {
  let buffered = Buffer.alloc(0);
  for (;;) {
    const crlf = buffered.indexOf('\r\n\r\n');
    const lf = buffered.indexOf('\n\n');
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? { at: crlf, size: 4 } : lf >= 0 ? { at: lf, size: 2 } : null;
    if (end) {
      const headers = new Headers();
      let status = 200;
      for (const line of buffered.subarray(0, end.at).toString('latin1').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
        else headers.append(name, value);
      }
      return { status, headers, rest: buffered.subarray(end.at + end.size) };
    }
    if (buffered.length > MAX_HEADER_BYTES) return null;
    let next: IteratorResult<Buffer>;
    try {
      next = await output.next();
    } catch {
      return null;
    }
    if (next.done) return null;
    buffered = Buffer.concat([buffered, next.value]);
  }
}
