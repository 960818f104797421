/**
 * Form reading and the anti-forgery checks of form posts: the session's token in `_csrf` for a
 * signed-in user, a double-submit cookie for the sign-in form. The page pipeline (page.tsx) uses
 * them; sign-in and sign-out too.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Principal } from '../../app/access/access.ts';
import { newSecret, sameSecret } from '../../app/access/secrets.ts';
import type { HttpDeps, HttpEnv } from '../context.ts';
import { HttpError } from '../errors.ts';
import { readBodyText } from '../middleware/body.ts';

/** Forms are small; a larger body is refused before it is read. */
export const FORM_BODY_BYTES_MAX = 64 * 1024;

/** A urlencoded form's fields (multipart is not used by these pages). */
export async function readForm(c: Context<HttpEnv>): Promise<URLSearchParams> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'unsupported_media_type');
  return new URLSearchParams(await readBodyText(c, FORM_BODY_BYTES_MAX));
}

/** A form post of a signed-in user must carry the session's token in `_csrf`. */
export function checkFormCsrf(principal: Principal, form: URLSearchParams): void {
  const sent = form.get('_csrf') ?? '';
  if (principal.via === 'session' && (!principal.csrfToken || !sameSecret(sent, principal.csrfToken)))
    throw new HttpError(403, 'csrf_token_invalid');
}

/** Before a session exists (the sign-in form): a double-submit token in a strict cookie. */
export const PRE_SESSION_COOKIE = 'soquy_pre';

export function issuePreSessionToken(c: Context<HttpEnv>, deps: HttpDeps): string {
  const token = newSecret();
  setCookie(c, PRE_SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/sign-in',
    maxAge: 3600,
    secure: deps.secureCookies || new URL(c.req.url).protocol === 'https:',
  });
  return token;
}

export function checkPreSessionToken(c: Context<HttpEnv>, form: URLSearchParams): boolean {
  const cookie = getCookie(c, PRE_SESSION_COOKIE) ?? '';
  const sent = form.get('_csrf') ?? '';
  return cookie.length > 0 && sameSecret(cookie, sent);
}
