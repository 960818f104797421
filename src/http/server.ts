/**
 * Listens on a real port with @hono/node-server. 127.0.0.1 by default: a commune office PC
 * serves itself; exposing soquy to a network is a decision (HOST=0.0.0.0) behind a TLS proxy.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { HttpEnv } from './context.ts';

export interface Listening {
  /** What to open in a browser: `http://localhost:3000` for a loopback address. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function urlFor(host: string, port: number): string {
  if (LOOPBACK.has(host)) return `http://localhost:${port}`;
  if (host === '0.0.0.0' || host === '::') return `http://<this-computer's-address>:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function listen(http: Hono<HttpEnv>, options: { port: number; host: string }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: http.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        server.off('error', reject);
        resolve({
          url: urlFor(options.host, info.port),
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              // Idle keep-alive sockets would hold close() open; end them.
              (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
              server.close(() => done());
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
