// The production server (`npm start`): Next.js's request handler behind a plain Node HTTP server.
// Next alone keeps an `X-Forwarded-For` the client sent, and the failed-authentication ban, audit
// events and token last-use would then believe it. Here every request's X-Forwarded-For is
// replaced by the one address Keyhold trusts: the socket's peer, or with KEYHOLD_TRUSTED_PROXIES=n
// (n reverse proxies in front) the address the outermost of them saw.
//
//   PORT=3000 HOSTNAME=0.0.0.0 KEYHOLD_TRUSTED_PROXIES=1 npm start
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { trustedClientAddress } from './trusted-client-address.mjs';

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '0.0.0.0';
const trustedProxies = Number(process.env.KEYHOLD_TRUSTED_PROXIES || 0);
if (!Number.isInteger(trustedProxies) || trustedProxies < 0) {
  console.error('KEYHOLD_TRUSTED_PROXIES must be a whole number (0 when clients reach Keyhold directly)');
  process.exit(1);
}

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, '..'), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  const forwarded = request.headers['x-forwarded-for'];
  const address = trustedClientAddress(
    Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    request.socket.remoteAddress,
    trustedProxies,
  );
  delete request.headers['x-real-ip'];
  if (address) request.headers['x-forwarded-for'] = address;
  else delete request.headers['x-forwarded-for'];
  void handle(request, response);
});
server.listen(port, hostname, () => console.log(`Keyhold ready on http://${hostname}:${port}`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    // Open keep-alive connections would hold close() up: end them.
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
