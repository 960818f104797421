/**
 * Security headers on every answer, and the cross-site check of unsafe requests: a browser
 * sending a POST from another site (Origin of another host, or Sec-Fetch-Site: cross-site) is
 * refused before anything runs. Together with the CSRF token of cookie sessions.
 */
import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../context.ts';
import { HttpError } from '../errors.ts';

/** No inline script, no framing, nothing from other origins. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'same-origin');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (c.req.path.startsWith('/api/')) h.set('Cache-Control', 'no-store');
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginOnly(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      if (c.req.header('sec-fetch-site') === 'cross-site') throw new HttpError(403, 'csrf_token_invalid');
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== 'null') {
        let host: string | undefined;
        try {
          host = new URL(origin).host;
        } catch {
          host = undefined;
        }
        if (host !== (c.req.header('host') ?? new URL(c.req.url).host))
          throw new HttpError(403, 'csrf_token_invalid');
      } else if (origin === 'null') throw new HttpError(403, 'csrf_token_invalid');
    }
    await next();
  };
}
