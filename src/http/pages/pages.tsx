/**
 * The few pages of the server itself: sign in, change a one-time password, sign out, and a plain
 * landing page (the user's books and a few entries). The web app (issue 10) adds its pages next
 * to these, with the same layout, principal and catalogue.
 */
import type { Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { ACCESS_LIMITS } from '../../domain/access/limits.ts';
import { canReadBook } from '../../domain/access/policy.ts';
import { formatGrant } from '../../domain/access/roles.ts';
import { formatDate } from '../../domain/dates.ts';
import { formatDong } from '../../domain/money.ts';
import { RefusedError } from '../../domain/refusal.ts';
import { describeRefusal } from '../../i18n/catalogue.ts';
import { HTTP_ERRORS, PAGES } from '../../i18n/server.ts';
import type { HttpDeps, HttpEnv } from '../context.ts';
import { HttpError, toHttpError } from '../errors.ts';
import { clearSessionCookie, setSessionCookie, signInTenant } from '../routes/access.ts';
import { checkFormCsrf, checkPreSessionToken, issuePreSessionToken, pagePrincipal, readForm } from './kit.ts';
import { CsrfField, Layout, renderPage, STYLESHEET, say } from './layout.tsx';

/** Remembers a `?lang=` choice for the next pages. */
function rememberLang(c: Context<HttpEnv>): void {
  const q = c.req.query('lang');
  if (q === 'vi' || q === 'en')
    setCookie(c, 'soquy_lang', q, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
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
  c: Context<HttpEnv>,
  deps: HttpDeps,
  error?: string,
  status = 200,
): Promise<Response> {
  const lang = c.get('lang');
  const tenants = await deps.app.ledger.tenants();
  const token = issuePreSessionToken(c, deps);
  return renderPage(
    c,
    <Layout lang={lang} title={say(lang, PAGES.signIn)}>
      <h1>{say(lang, PAGES.signIn)}</h1>
      {tenants.length === 0 ? <p class="note">{say(lang, PAGES.noTenant)}</p> : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/sign-in" class="card">
        <input type="hidden" name="_csrf" value={token} />
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
        <input id="username" name="username" autocomplete="username" required maxlength={40} autofocus />
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
    </Layout>,
    status,
  );
}

function changePasswordPage(c: Context<HttpEnv>, error?: string, status = 200): Response | Promise<Response> {
  const lang = c.get('lang');
  const p = pagePrincipal(c, { duringPasswordChange: true });
  if (p instanceof Response) return p;
  return renderPage(
    c,
    <Layout lang={lang} title={say(lang, PAGES.changePassword)} principal={p}>
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
    </Layout>,
    status,
  );
}

async function homePage(c: Context<HttpEnv>, deps: HttpDeps): Promise<Response> {
  const lang = c.get('lang');
  const p = pagePrincipal(c);
  if (p instanceof Response) return p;
  const ctx = { tenant: p.tenant, actor: p.username };
  const books = (await deps.app.ledger.books(ctx)).filter((b) =>
    canReadBook(p.grants, { code: b.code, organisation: b.organisation }),
  );
  const organisations = await deps.app.ledger.organisations(ctx);
  const entries =
    books.length === 0
      ? []
      : await deps.app.ledger.journal(ctx, { books: books.map((b) => b.code), limit: 20 });
  return renderPage(
    c,
    <Layout lang={lang} title={say(lang, PAGES.appName)} principal={p}>
      <h1>{say(lang, PAGES.hello, { name: p.displayName })}</h1>
      <p>
        {say(lang, PAGES.roles)}: {p.grants.map(formatGrant).join(', ') || '—'}
      </p>
      <section class="card">
        <h2>{say(lang, PAGES.books)}</h2>
        {books.length === 0 ? (
          <p>{say(lang, PAGES.noBooks)}</p>
        ) : (
          <ul>
            {books.map((b) => (
              <li>
                <strong>{b.code}</strong> — {lang === 'vi' ? b.nameVi : b.nameEn} (#{b.headSeq})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>{say(lang, PAGES.organisations)}</h2>
        <ul>
          {organisations.map((o) => (
            <li>{lang === 'vi' ? o.nameVi : o.nameEn}</li>
          ))}
        </ul>
      </section>
      {entries.length > 0 ? (
        <section class="card">
          <h2>{say(lang, PAGES.recentEntries)}</h2>
          <table>
            <thead>
              <tr>
                <th>{say(lang, PAGES.hEntry)}</th>
                <th>{say(lang, PAGES.hDate)}</th>
                <th>{say(lang, PAGES.hMemo)}</th>
                <th>{say(lang, PAGES.hAmount)}</th>
                <th>{say(lang, PAGES.hActor)}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{`${e.book}#${e.seq}`}</td>
                  <td>{formatDate(e.date)}</td>
                  <td>{e.memo}</td>
                  <td class="num">
                    {formatDong(
                      e.postings.reduce((s, x) => s + Math.max(x.amount, 0), 0),
                      lang,
                    )}
                  </td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <p>
        <a href="/change-password">{say(lang, PAGES.changePassword)}</a> ·{' '}
        <a href="/api/openapi.json">{say(lang, PAGES.api)}</a>
      </p>
    </Layout>,
  );
}

/** Mounts the pages. */
export function mountPages(app: Hono<HttpEnv>, deps: HttpDeps): void {
  app.get('/assets/soquy.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get('/', async (c) => {
    rememberLang(c);
    return homePage(c, deps);
  });

  app.get('/sign-in', async (c) => {
    rememberLang(c);
    if (c.get('principal')) return c.redirect('/', 303);
    return signInPage(c, deps);
  });

  app.post('/sign-in', async (c) => {
    const lang = c.get('lang');
    const form = await readForm(c);
    if (!checkPreSessionToken(c, form)) return signInPage(c, deps, say(lang, PAGES.formExpired), 403);
    const username = form.get('username') ?? '';
    try {
      const tenant = await signInTenant(deps, form.get('tenant') ?? undefined);
      const r = await deps.app.access.signIn(
        {
          tenant,
          actor: username,
          now: deps.now,
          ip: c.get('ip'),
          userAgent: c.req.header('user-agent') ?? null,
        },
        { username, password: form.get('password') ?? '' },
      );
      setSessionCookie(c, deps, r.cookie, r.expiresAt);
      return c.redirect(r.principal.mustChangePassword ? '/change-password' : '/', 303);
    } catch (e) {
      const { status, message } = errorText(c, e);
      if (status === 429) c.header('Retry-After', String(toHttpError(e)?.headers?.['Retry-After'] ?? 60));
      return signInPage(c, deps, message, status);
    }
  });

  app.post('/sign-out', async (c) => {
    const p = c.get('principal');
    if (p) {
      checkFormCsrf(p, await readForm(c));
      if (p.sessionHash)
        await deps.app.access.signOut(
          {
            tenant: p.tenant,
            actor: p.username,
            now: deps.now,
            ip: c.get('ip'),
            userAgent: c.req.header('user-agent') ?? null,
          },
          p.sessionHash,
        );
    }
    clearSessionCookie(c, deps);
    return c.redirect('/sign-in', 303);
  });

  app.get('/change-password', (c) => changePasswordPage(c));

  app.post('/change-password', async (c) => {
    const p = pagePrincipal(c, { duringPasswordChange: true });
    if (p instanceof Response) return p;
    const form = await readForm(c);
    checkFormCsrf(p, form);
    try {
      await deps.app.access.changePassword(
        {
          tenant: p.tenant,
          actor: p.username,
          now: deps.now,
          ip: c.get('ip'),
          userAgent: c.req.header('user-agent') ?? null,
        },
        { current: form.get('current') ?? '', next: form.get('next') ?? '' },
        p.sessionHash,
      );
      return c.redirect('/', 303);
    } catch (e) {
      if (e instanceof RefusedError || e instanceof HttpError) {
        const { status, message } = errorText(c, e);
        return changePasswordPage(c, message, status);
      }
      throw e;
    }
  });
}
