/**
 * Who is asking: a bearer token (API clients) or the session cookie (pages, the web app). Sets
 * `principal` (undefined when neither is valid: expired, revoked, unknown); routes decide whether
 * they need one. Pages and the API share this middleware.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { HttpDeps, HttpEnv } from '../context.ts';

export const SESSION_COOKIE = 'soquy_session';

export function principalMiddleware(deps: HttpDeps): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    const at = deps.now();
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S{1,300})$/i.exec(authorization);
      c.set('principal', m ? await deps.app.access.fromApiToken(m[1]!, at) : undefined);
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      c.set(
        'principal',
        cookie && cookie.length <= 200 ? await deps.app.access.fromSessionCookie(cookie, at) : undefined,
      );
    }
    await next();
  };
}
