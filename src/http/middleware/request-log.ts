/**
 * One log line per request (pino): request id, method, path without the query, status, time,
 * user and client address. Never headers, cookies, tokens or bodies.
 */
import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { HttpDeps, HttpEnv } from '../context.ts';
import { pickLang } from './lang.ts';

function clientIp(c: Parameters<MiddlewareHandler<HttpEnv>>[0], trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return c.env?.incoming?.socket?.remoteAddress ?? null;
}

export function requestContext(deps: HttpDeps): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = randomBytes(6).toString('hex');
    c.set('requestId', requestId);
    c.set('ip', clientIp(c, deps.trustProxy));
    // `?lang=` wins, then the language a page remembered, then the browser's.
    c.set(
      'lang',
      pickLang(c.req.query('lang') ?? getCookie(c, 'soquy_lang'), c.req.header('accept-language')),
    );
    c.set('principal', undefined);
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    deps.log.info(
      {
        req: requestId,
        method: c.req.method,
        path: c.req.path.slice(0, 200),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        user: c.get('principal')?.username ?? null,
        ip: c.get('ip'),
      },
      'request',
    );
  };
}
