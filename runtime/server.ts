import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  server: Server;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  /** stops accepting connections and resolves once requests in flight have been answered */
  close(): Promise<void>;
}

/** How long shutdown waits for requests in flight before it cuts connections: Twilio's own limit. */
const DRAIN_MS = 15_000;

/**
 * How long an idle connection stays open: longer than a balancer's (60 s on most), so the balancer closes
 * it. Node's 5 s let a webhook sent just as the runtime closed the connection meet a reset.
 */
const KEEP_ALIVE_MS = 65_000;

/** Listens on host:port (0: any free port). */
export function listen(app: Express, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    // a request's headers may take no longer than its idle connection was kept for it
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            // keep-alive connections with no request in flight would hold close() open
            server.closeIdleConnections();
          }),
      });
    });
  });
}
