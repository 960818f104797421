/**
 * Builds the Hono app from the services: middleware, every area's routes (one file each in
 * routes/), the OpenAPI document generated from them, the pages, and the one place where errors
 * become answers. No port here: `server.ts` listens, tests call `http.request()` in-process.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import pino, { type Logger } from 'pino';
import type { App } from '../main/app.ts';
import type { HttpDeps, HttpEnv } from './context.ts';
import { errorBody, HttpError, toHttpError } from './errors.ts';
import { principalMiddleware } from './middleware/principal.ts';
import { requestContext } from './middleware/request-log.ts';
import { sameOriginOnly, securityHeaders } from './middleware/security.ts';
import { openApiDocument } from './openapi.ts';
import { accessPages } from './pages/access/pages.tsx';
import { approvalPages } from './pages/approvals/pages.tsx';
import { auditPages } from './pages/audit/pages.tsx';
import { fundsAidSection } from './pages/funds/household-section.tsx';
import { fundsPages } from './pages/funds/pages.tsx';
import { homePages } from './pages/home/pages.tsx';
import type { DashboardSlot } from './pages/home/slots.ts';
import { type HouseholdSection, householdPages } from './pages/households/pages.tsx';
import { ledgerPages } from './pages/ledger/pages.ts';
import { loanPages } from './pages/loans/pages.tsx';
import { loanCharts, loanSlots, portfolioPages } from './pages/loans/portfolio.tsx';
import { errorPage, mountPageRoutes, type PageDef, pageError } from './pages/page.tsx';
import { riskPages } from './pages/risk/pages.tsx';
import { savingsSection } from './pages/savings/household-section.tsx';
import { savingsPages } from './pages/savings/pages.tsx';
import { settingsPages } from './pages/settings/pages.tsx';
import { vbspPages } from './pages/vbsp/pages.tsx';
import { mount, policies, type RouteDef, route } from './registry.ts';
import { accessRoutes } from './routes/access.ts';
import { approvalRoutes } from './routes/approvals.ts';
import { auditRoutes } from './routes/audit.ts';
import { fundsRoutes } from './routes/funds.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { loanRoutes } from './routes/loans.ts';
import { registryRoutes } from './routes/registry.ts';
import { riskRoutes } from './routes/risk.ts';
import { savingsRoutes } from './routes/savings.ts';
import { vbspRoutes } from './routes/vbsp.ts';

export const API_VERSION = '0.1.0';

export interface HttpOptions {
  readonly log?: Logger;
  readonly now?: () => Date;
  readonly trustProxy?: boolean;
  readonly secureCookies?: boolean;
  /** Dashboard figures other areas provide (savings); the loans area's are built in. */
  readonly slots?: readonly DashboardSlot[];
  /** Sections of the household page other areas provide (savings, aid received). */
  readonly householdSections?: readonly HouseholdSection[];
}

function metaRoutes(all: () => readonly RouteDef[]): RouteDef[] {
  let document: unknown;
  return [
    route({
      method: 'get',
      path: '/api/openapi.json',
      tag: 'meta',
      summary: 'This document',
      policy: policies.public(),
      idempotency: 'none',
      handler: async () => {
        document ??= openApiDocument(all(), API_VERSION);
        return { body: document };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/health',
      tag: 'meta',
      summary: 'The server answers (no database details)',
      policy: policies.public(),
      idempotency: 'none',
      handler: async () => ({ body: { ok: true, version: API_VERSION } }),
    }),
  ];
}

/**
 * Every API route, by area. An area adds its file here (registry, loans, funds); the
 * authorisation matrix test then requires an expectation for each of its routes.
 */
export function apiRoutes(): RouteDef[] {
  const routes: RouteDef[] = [];
  routes.push(
    ...metaRoutes(() => routes),
    ...accessRoutes(),
    ...ledgerRoutes(),
    ...approvalRoutes(),
    ...auditRoutes(),
    ...fundsRoutes(),
    ...vbspRoutes(),
    ...savingsRoutes(),
    ...riskRoutes(),
    ...registryRoutes(),
    ...loanRoutes(),
  );
  return routes;
}

/**
 * Every web page, by area (src/http/pages/<area>/). An area adds its list here; the
 * authorisation matrix test then requires an expectation for each of its pages.
 */
export function pageRoutes(
  options: { slots?: readonly DashboardSlot[]; householdSections?: readonly HouseholdSection[] } = {},
): PageDef[] {
  return [
    ...accessPages(),
    ...homePages({ slots: [...loanSlots(), ...(options.slots ?? [])], charts: loanCharts() }),
    // Funds' section (aid received) always; other areas' sections as wired.
    ...householdPages({ sections: [savingsSection, fundsAidSection, ...(options.householdSections ?? [])] }),
    ...portfolioPages(),
    ...loanPages(),
    ...ledgerPages(),
    ...approvalPages(),
    ...settingsPages(),
    ...auditPages(),
    ...fundsPages(),
    ...savingsPages(),
    ...riskPages(),
    ...vbspPages(),
  ];
}

export function buildHttpApp(
  app: App,
  options: HttpOptions = {},
): { http: Hono<HttpEnv>; routes: readonly RouteDef[]; pages: readonly PageDef[]; deps: HttpDeps } {
  const deps: HttpDeps = {
    app,
    log: options.log ?? pino({ level: 'silent' }),
    now: options.now ?? (() => new Date()),
    trustProxy: options.trustProxy ?? false,
    secureCookies: options.secureCookies ?? false,
  };
  const http = new Hono<HttpEnv>();
  http.use('*', requestContext(deps), securityHeaders(), sameOriginOnly(), principalMiddleware(deps));
  // Pages and their files travel compressed to old phones; the API answers as it always did.
  const compressed = compress();
  http.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : compressed(c, next)));
  const routes = apiRoutes();
  mount(http, routes, deps);
  const pages = pageRoutes({
    slots: options.slots ?? [],
    householdSections: options.householdSections ?? [],
  });
  const frame = mountPageRoutes(http, pages, deps);

  http.notFound((c) => {
    const e = new HttpError(404, 'not_found');
    if (c.req.path.startsWith('/api/')) return c.json(errorBody(e, c.get('lang') ?? 'vi'), 404);
    return errorPage(c, frame, 404, errorBody(e, c.get('lang') ?? 'vi').error.message);
  });

  // The one place errors become answers: expected ones with their code (an HTML page outside
  // the API), anything else as a generic 500 with the request id (the stack goes to the log,
  // never to the client).
  http.onError((err, c) => {
    const lang = c.get('lang') ?? 'vi';
    const known = toHttpError(err);
    if (known && !c.req.path.startsWith('/api/')) return pageError(c, frame, known)!;
    if (known) return c.json(errorBody(known, lang), known.status as 400, known.headers);
    const requestId = c.get('requestId') ?? '-';
    deps.log.error({ req: requestId, err }, 'internal error');
    const body = errorBody(new HttpError(500, 'internal_error', [], { requestId }), lang);
    if (!c.req.path.startsWith('/api/')) return errorPage(c, frame, 500, body.error.message);
    return c.json(body, 500);
  });
  return { http, routes, pages, deps };
}
