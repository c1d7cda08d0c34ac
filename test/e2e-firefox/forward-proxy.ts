import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ForwardProxy {
  port: number;
  /** host:port of every CONNECT the browser asked for, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/**
 * Firefox has no --host-resolver-rules: instead it is pointed at this proxy, which tunnels
 * every CONNECT (whatever host it names) to the fixture storefront's HTTPS port. URLs, SNI,
 * cookies and origins keep the vendors' real hostnames; nothing ever reaches the network.
 * Plain-HTTP proxy requests are refused: the fixture speaks HTTPS only.
 */
export async function startForwardProxy(targetPort: number): Promise<ForwardProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`the test proxy tunnels HTTPS only (asked for ${req.url ?? ''})`);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // A browser closing a tunnel mid-response is normal; it must not crash the test run.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
