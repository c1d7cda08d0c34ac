import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A blank page on loopback for the extension's warm-up visit: the audited shop must not be
 * visited before the audit (it would leave cookies behind), and `localhost` is excluded from
 * any --host-resolver-rules mapping, so it is always reachable.
 */
export async function startWarmUpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><title>PolicyLens warm-up</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/warm-up`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
