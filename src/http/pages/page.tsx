/**
 * The page registry: each web page is one record (method, path, zod schemas, the same `Policy`
 * as the API routes, an optional menu entry, a handler). `app.ts` mounts every area's pages
 * through `mountPageRoutes`; the authorisation matrix test walks the same list.
 *
 * A page request passes, in order: signed in (else 303 to /sign-in) → one-time password changed
 * (else 303 to /change-password) → form posts: urlencoded body and the session's `_csrf` (403)
 * → the role could ever do this (403) → path and query (404 / 400) → the policy on the named
 * resources (404 hidden, 403 forbidden) → the handler. Failures are HTML pages in the user's
 * language, with the API's status codes.
 */
import type { Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import type { AuditCtx } from '../../app/audit/audit-log.ts';
import type { Ctx } from '../../app/context.ts';
import type { Grant } from '../../domain/access/roles.ts';
import type { Refusal } from '../../domain/refusal.ts';
import { t } from '../../i18n/catalogue.ts';
import { HTTP_ERRORS } from '../../i18n/server.ts';
import type { Lang, Text } from '../../i18n/types.ts';
import { WEB } from '../../i18n/web.ts';
import { actingCtx, type HttpDeps, type HttpEnv } from '../context.ts';
import { HttpError, toHttpError } from '../errors.ts';
import type { Policy } from '../registry.ts';
import { issuesToRefusals } from '../validation.ts';
import { checkFormCsrf, readForm } from './kit.ts';
import { ErrorPage, Layout, type NavLink, renderPage } from './layout.tsx';

export type PageMethod = 'get' | 'post';

/** A menu entry. The page's policy still decides access; `visible` only keeps the menu honest. */
export interface NavEntry {
  readonly label: Text;
  /** Position in the menu, ascending. */
  readonly order: number;
  readonly visible: (grants: readonly Grant[]) => boolean;
}

export interface PageDef<P = unknown, Q = unknown> {
  readonly method: PageMethod;
  /** `/books/{book}/accounts/{account}`, mounted with Hono's `:name`. */
  readonly path: string;
  /** The area that owns the page: `ledger`, `access`, `approvals`, `audit`, `settings`, … */
  readonly area: string;
  readonly summary: string;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly policy: Policy;
  readonly nav?: NavEntry;
  readonly handler: (call: PageCall<P, Q>) => Promise<Response>;
}

/** Keeps the schemas' types flowing into the handler. */
export function page<P = undefined, Q = undefined>(def: PageDef<P, Q>): PageDef {
  return def as unknown as PageDef;
}

export interface RenderOptions {
  readonly title: string;
  readonly body: Child;
  readonly status?: number;
  /** Scripts this page loads (each counted by the JavaScript budget test). */
  readonly scripts?: ReadonlyArray<'htmx' | 'print'>;
}

export interface PageCall<P = unknown, Q = unknown> {
  readonly c: Context<HttpEnv>;
  readonly deps: HttpDeps;
  readonly lang: Lang;
  readonly params: P;
  readonly query: Q;
  /** The form of a POST (urlencoded), undefined on GET. */
  readonly form: URLSearchParams | undefined;
  /** Undefined only on public pages. */
  readonly principal: Principal | undefined;
  /** The signed-in principal (throws on a public page without one). */
  me(): Principal;
  say(text: Text, params?: Readonly<Record<string, unknown>>): string;
  /** A full page in the layout (navigation by role, language switch). */
  render(options: RenderOptions): Promise<Response>;
  /** 303 to a path of this site. */
  redirect(path: string): Response;
  /** A read's context (tenant, user). */
  readCtx(): Ctx;
  /** A write's context (tenant, user, clock, address, browser), for audited services. */
  ctx(): AuditCtx;
}

/** `GET /books/{book}`: the page's name in the matrix and the logs (same shape as the API's). */
export function pageId(p: Pick<PageDef, 'method' | 'path'>): string {
  return `${p.method.toUpperCase()} ${p.path}`;
}

// --- the pipeline --------------------------------------------------------------------------------

function rememberLang(c: Context<HttpEnv>): void {
  const q = c.req.query('lang');
  if (q === 'vi' || q === 'en')
    setCookie(c, 'soquy_lang', q, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
}

/** Where to go after signing in: this page (a local path only). */
function signInLocation(c: Context<HttpEnv>): string {
  const url = new URL(c.req.url);
  const here = `${url.pathname}${url.search}`;
  return c.req.method === 'GET' && here !== '/' ? `/sign-in?next=${encodeURIComponent(here)}` : '/sign-in';
}

function queryObject(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (k !== 'lang') out[k] = v;
  return out;
}

/** The menu a principal sees, in order, with the current page marked. */
export function navFor(
  entries: ReadonlyArray<{ href: string; nav: NavEntry }>,
  principal: Principal | undefined,
  lang: Lang,
  currentPath: string,
): NavLink[] {
  if (!principal || principal.mustChangePassword) return [];
  return entries
    .filter((e) => e.nav.visible(principal.grants))
    .sort((a, b) => a.nav.order - b.nav.order)
    .map((e) => ({
      href: e.href,
      label: t(e.nav.label, lang),
      current: e.href === '/' ? currentPath === '/' : currentPath.startsWith(e.href),
    }));
}

/** Everything a page answer needs to draw the frame. */
export interface Frame {
  readonly nav: ReadonlyArray<{ href: string; nav: NavEntry }>;
}

export async function renderInFrame(
  c: Context<HttpEnv>,
  frame: Frame,
  options: RenderOptions,
): Promise<Response> {
  const lang = c.get('lang');
  const principal = c.get('principal');
  return renderPage(
    c,
    <Layout
      lang={lang}
      title={options.title}
      principal={principal}
      nav={navFor(frame.nav, principal, lang, c.req.path)}
      url={c.req.url}
      scripts={options.scripts ?? []}
    >
      {options.body}
    </Layout>,
    options.status ?? 200,
  );
}

/** An error as an HTML page: the status, the message, and each refusal. */
export async function errorPage(
  c: Context<HttpEnv>,
  frame: Frame,
  status: number,
  message: string,
  refusals: readonly Refusal[] = [],
): Promise<Response> {
  const lang = c.get('lang');
  return renderInFrame(c, frame, {
    title: t(WEB.errorTitle, lang, { status }),
    status,
    body: <ErrorPage lang={lang} status={status} message={message} refusals={refusals} />,
  });
}

/** The HTML answer of an error thrown by a page (or a middleware before it). */
export function pageError(c: Context<HttpEnv>, frame: Frame, e: unknown): Promise<Response> | undefined {
  const h = toHttpError(e);
  if (!h) return undefined;
  const lang = c.get('lang');
  for (const [k, v] of Object.entries(h.headers)) c.header(k, v);
  // A hidden book answers exactly like a missing one: the same words, whichever it is.
  return errorPage(
    c,
    frame,
    h.status,
    t(HTTP_ERRORS[h.code], lang, h.params),
    h.status === 404 ? [] : h.refusals,
  );
}

function parseWith<T>(schema: z.ZodType<T> | undefined, input: unknown, root: string, status: number): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(input);
  if (!r.success) {
    if (status === 404) throw new HttpError(404, 'not_found');
    throw new HttpError(400, 'refused', issuesToRefusals(r.error, input, root), {
      count: r.error.issues.length,
    });
  }
  return r.data;
}

async function runPage(def: PageDef, c: Context<HttpEnv>, deps: HttpDeps, frame: Frame): Promise<Response> {
  const principal = c.get('principal');
  const { policy } = def;
  if (def.method === 'get') rememberLang(c);
  if (policy.signedIn && !principal) return c.redirect(signInLocation(c), 303);
  if (policy.signedIn && principal?.mustChangePassword && !policy.duringPasswordChange)
    return c.redirect('/change-password', 303);

  const form = def.method === 'post' ? await readForm(c) : undefined;
  if (form && principal && policy.signedIn) checkFormCsrf(principal, form);
  if (principal && policy.pre && !policy.pre(principal.grants)) throw new HttpError(403, 'forbidden');

  const params = parseWith(def.params, c.req.param(), 'params', 404);
  const query = parseWith(def.query, queryObject(c), 'query', 400);

  if (principal && policy.decide) {
    const body = form ? Object.fromEntries(form) : undefined;
    const d = await policy.decide({ principal, params, query, body, deps });
    if (typeof d === 'object' || d === 'hidden') throw new HttpError(404, 'not_found');
    if (d === 'forbidden') throw new HttpError(403, 'forbidden');
  }

  const lang = c.get('lang');
  const call: PageCall = {
    c,
    deps,
    lang,
    params,
    query,
    form,
    principal,
    me: () => {
      if (!principal) throw new Error('assertion failed: me() on a public page without a principal');
      return principal;
    },
    say: (text, p = {}) => t(text, lang, p),
    render: (options) => renderInFrame(c, frame, options),
    redirect: (path) => {
      if (!path.startsWith('/') || path.startsWith('//'))
        throw new Error(`assertion failed: redirect to a local path, not ${path}`);
      return c.redirect(path, 303);
    },
    readCtx: () => {
      if (!principal) throw new Error('assertion failed: readCtx() on a public page');
      return { tenant: principal.tenant, actor: principal.username };
    },
    ctx: () => {
      if (!principal) throw new Error('assertion failed: ctx() on a public page');
      return actingCtx(deps, principal, c.get('ip'), c.req.header('user-agent'));
    },
  };
  return def.handler(call);
}

/** The menu entries of a list of pages: each GET page with a `nav`, linked by its path. */
export function navEntries(pages: readonly PageDef[]): Array<{ href: string; nav: NavEntry }> {
  return pages
    .filter((p) => p.method === 'get' && p.nav !== undefined)
    .map((p) => ({ href: p.path, nav: p.nav! }));
}

/** Mounts the pages; errors become HTML pages here, not in the API's JSON `onError`. */
export function mountPageRoutes(app: Hono<HttpEnv>, pages: readonly PageDef[], deps: HttpDeps): Frame {
  const frame: Frame = { nav: navEntries(pages) };
  for (const def of pages) {
    const path = def.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(def.method.toUpperCase(), path, async (c) => {
      try {
        return await runPage(def, c, deps, frame);
      } catch (e) {
        const answer = pageError(c, frame, e);
        if (answer) return answer;
        throw e;
      }
    });
  }
  return frame;
}
