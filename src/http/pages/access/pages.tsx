/**
 * Signing in and out, changing a one-time password, and the static files every page loads.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { demoSignIns } from '../../../app/demo/marker.ts';
import { ACCESS_LIMITS } from '../../../domain/access/limits.ts';
import { RefusedError } from '../../../domain/refusal.ts';
import { describeRefusal } from '../../../i18n/catalogue.ts';
import { HTTP_ERRORS, PAGES } from '../../../i18n/server.ts';
import { WEB } from '../../../i18n/web.ts';
import type { HttpDeps, HttpEnv } from '../../context.ts';
import { HttpError, toHttpError } from '../../errors.ts';
import { policies } from '../../registry.ts';
import { clearSessionCookie, setSessionCookie, signInTenant } from '../../routes/access.ts';
import {
  ASSET_CACHE_CONTROL,
  htmxAsset,
  SOQUY_JS,
  SOQUY_JS_HREF,
  STYLESHEET,
  STYLESHEET_HREF,
} from '../assets.ts';
import { checkFormCsrf, checkPreSessionToken, issuePreSessionToken } from '../kit.ts';
import { CsrfField, say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { DemoSignIns } from './demo-sign-ins.tsx';

/** A local path to return to after signing in; anything else is ignored. */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/sign-') ? next : '/';
}

function errorText(c: Context<HttpEnv>, e: unknown): { status: number; message: string } {
  const lang = c.get('lang');
  const h = toHttpError(e);
  if (!h) throw e;
  const first = h.refusals[0];
  return {
    status: h.status,
    message: first
      ? describeRefusal(first, lang).replace(/\s*\[\w+\]$/, '')
      : say(lang, HTTP_ERRORS[h.code], h.params),
  };
}

async function signInPage(
  call: PageCall<unknown, { next?: string; 'signed-out'?: string }>,
  error?: string,
  status = 200,
): Promise<Response> {
  const { c, deps, lang } = call;
  const tenants = await deps.app.ledger.tenants();
  // A demo database shows its demo users' sign-ins; a real one has none to show.
  const demos = [];
  for (const t of tenants) {
    const users = await demoSignIns(deps.app.store, t.id);
    if (users.length > 0) demos.push({ commune: t.name, users });
  }
  const token = issuePreSessionToken(c, deps);
  const next = call.form?.get('next') ?? call.query?.next;
  return call.render({
    title: say(lang, PAGES.signIn),
    status,
    body: (
      <>
        <h1>{say(lang, PAGES.signIn)}</h1>
        {call.query?.['signed-out'] ? <p class="done">{say(lang, WEB.signedOut)}</p> : null}
        {tenants.length === 0 ? <p class="note">{say(lang, PAGES.noTenant)}</p> : null}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action="/sign-in" class="card">
          <input type="hidden" name="_csrf" value={token} />
          {next ? <input type="hidden" name="next" value={safeNext(next)} /> : null}
          {tenants.length > 1 ? (
            <>
              <label for="tenant">{say(lang, PAGES.commune)}</label>
              <select id="tenant" name="tenant">
                {tenants.map((t) => (
                  <option value={t.id}>{t.name}</option>
                ))}
              </select>
            </>
          ) : null}
          <label for="username">{say(lang, PAGES.username)}</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            required
            maxlength={40}
            autofocus
          />
          <label for="password">{say(lang, PAGES.password)}</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxlength={ACCESS_LIMITS.passwordLengthMax}
          />
          <button type="submit">{say(lang, PAGES.signIn)}</button>
        </form>
        <p>
          <a href="/api/openapi.json">{say(lang, PAGES.api)}</a>
        </p>
        <DemoSignIns lang={lang} demos={demos} />
      </>
    ),
  });
}

function changePasswordPage(call: PageCall, error?: string, status = 200): Promise<Response> {
  const { lang } = call;
  const p = call.me();
  return call.render({
    title: say(lang, PAGES.changePassword),
    status,
    body: (
      <>
        <h1>{say(lang, PAGES.changePassword)}</h1>
        {p.mustChangePassword ? <p class="note">{say(lang, PAGES.mustChange)}</p> : null}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action="/change-password" class="card">
          <CsrfField token={p.csrfToken} />
          <label for="current">{say(lang, PAGES.currentPassword)}</label>
          <input id="current" name="current" type="password" autocomplete="current-password" required />
          <label for="next">{say(lang, PAGES.newPassword, { min: ACCESS_LIMITS.passwordLengthMin })}</label>
          <input
            id="next"
            name="next"
            type="password"
            autocomplete="new-password"
            required
            minlength={ACCESS_LIMITS.passwordLengthMin}
          />
          <button type="submit">{say(lang, PAGES.changePassword)}</button>
        </form>
      </>
    ),
  });
}

function asset(c: Context<HttpEnv>, body: string | Buffer, type: string, href: string): Response {
  // The versioned URL never changes content: cache it for a year. An unversioned or stale one briefly.
  const current = new URL(href, 'http://x').searchParams.get('v');
  c.header('Cache-Control', c.req.query('v') === current ? ASSET_CACHE_CONTROL : 'public, max-age=300');
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, { 'Content-Type': type });
}

const AssetQuery = z.object({ v: z.string().max(40).optional() }).strict();
const SignInQuery = z.object({
  next: z.string().max(500).optional(),
  'signed-out': z.string().max(5).optional(),
});

function auditCtxOf(deps: HttpDeps, c: Context<HttpEnv>, tenant: string, actor: string) {
  return { tenant, actor, now: deps.now, ip: c.get('ip'), userAgent: c.req.header('user-agent') ?? null };
}

export function accessPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/assets/soquy.css',
      area: 'access',
      summary: 'The stylesheet (mobile first, print layout)',
      query: AssetQuery,
      policy: policies.public(),
      handler: async ({ c }) => asset(c, STYLESHEET, 'text/css; charset=utf-8', STYLESHEET_HREF),
    }),
    page({
      method: 'get',
      path: '/assets/htmx.min.js',
      area: 'access',
      summary: 'htmx, from node_modules',
      query: AssetQuery,
      policy: policies.public(),
      handler: async ({ c }) =>
        asset(c, htmxAsset().body, 'text/javascript; charset=utf-8', htmxAsset().href),
    }),
    page({
      method: 'get',
      path: '/assets/soquy.js',
      area: 'access',
      summary: 'The print button',
      query: AssetQuery,
      policy: policies.public(),
      handler: async ({ c }) => asset(c, SOQUY_JS, 'text/javascript; charset=utf-8', SOQUY_JS_HREF),
    }),
    page({
      method: 'get',
      path: '/sign-in',
      area: 'access',
      summary: 'The sign-in form',
      query: SignInQuery,
      policy: policies.public(),
      handler: async (call) => {
        if (call.principal) return call.redirect(safeNext(call.query.next));
        return signInPage(call);
      },
    }),
    page({
      method: 'post',
      path: '/sign-in',
      area: 'access',
      summary: 'Sign in: sets the session cookie, then goes where the user was going',
      query: SignInQuery,
      policy: policies.public(),
      handler: async (call) => {
        const { c, deps, lang } = call;
        const form = call.form!;
        if (!checkPreSessionToken(c, form)) return signInPage(call, say(lang, PAGES.formExpired), 403);
        const username = form.get('username') ?? '';
        try {
          const tenant = await signInTenant(deps, form.get('tenant') || undefined);
          const r = await deps.app.access.signIn(auditCtxOf(deps, c, tenant, username), {
            username,
            password: form.get('password') ?? '',
          });
          setSessionCookie(c, deps, r.cookie, r.expiresAt);
          return call.redirect(
            r.principal.mustChangePassword ? '/change-password' : safeNext(form.get('next')),
          );
        } catch (e) {
          const { status, message } = errorText(c, e);
          if (status === 429) c.header('Retry-After', String(toHttpError(e)?.headers?.['Retry-After'] ?? 60));
          return signInPage(call, message, status);
        }
      },
    }),
    page({
      method: 'post',
      path: '/sign-out',
      area: 'access',
      summary: 'Sign out (ends the cookie session)',
      policy: policies.public(),
      handler: async (call) => {
        const { c, deps } = call;
        const p = call.principal;
        if (p) {
          // Public page: the pipeline does not check the token, so it is checked here.
          checkFormCsrf(p, call.form!);
          if (p.sessionHash)
            await deps.app.access.signOut(auditCtxOf(deps, c, p.tenant, p.username), p.sessionHash);
        }
        clearSessionCookie(c, deps);
        return call.redirect('/sign-in?signed-out=1');
      },
    }),
    page({
      method: 'get',
      path: '/change-password',
      area: 'access',
      summary: 'The password form (forced after a one-time password)',
      policy: policies.signedIn({ duringPasswordChange: true }),
      handler: async (call) => changePasswordPage(call),
    }),
    page({
      method: 'post',
      path: '/change-password',
      area: 'access',
      summary: 'Change one’s password',
      policy: policies.signedIn({ duringPasswordChange: true }),
      handler: async (call) => {
        const p = call.me();
        const form = call.form!;
        try {
          await call.deps.app.access.changePassword(
            call.ctx(),
            { current: form.get('current') ?? '', next: form.get('next') ?? '' },
            p.sessionHash,
          );
          return call.redirect('/');
        } catch (e) {
          if (e instanceof RefusedError || e instanceof HttpError) {
            const { status, message } = errorText(call.c, e);
            return changePasswordPage(call, message, status);
          }
          throw e;
        }
      },
    }),
  ];
}
