/**
 * A commune with people in every role, and a client that calls the HTTP app in-process
 * (`http.request()`, no port), as a user with a bearer token, as a cookie session, or anonymously.
 *
 *   organisations  hnd (Farmers' Association)      hlhpn (Women's Union)
 *   books          quy-htnd (hnd)                  quy-pn (hlhpn)          vi-nguoi-ngheo (none)
 *   users          admin, admin2 (admin) · thuquy-hnd, lap-hnd (treasurer of hnd)
 *                  thuquy-pn, lap-pn (treasurer of hlhpn) · totruong (group_leader of g-12)
 *                  kiemtoan (auditor) · xem-hnd (viewer of hnd)
 */
import type { Hono } from 'hono';
import type { AuditCtx } from '../../src/app/audit/audit-log.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import type { HttpEnv } from '../../src/http/context.ts';
import type { PageDef } from '../../src/http/pages/page.tsx';
import type { RouteDef } from '../../src/http/registry.ts';
import { type App, openApp } from '../../src/main/app.ts';
import type { EngineCase } from './engines.ts';

export const TENANT = 'huong-son';
export const PASSWORD = 'mật khẩu đủ dài 2025';

/** The clock of the tests: moves only when a test moves it. */
export class Clock {
  #ms: number;
  constructor(iso = '2025-12-20T03:00:00.000Z') {
    this.#ms = new Date(iso).getTime();
  }
  now = (): Date => new Date(this.#ms);
  advance(minutes: number): void {
    this.#ms += minutes * 60_000;
  }
}

export const ROLE_USERS = {
  admin: 'admin',
  treasurer: 'thuquy-hnd',
  group_leader: 'totruong',
  auditor: 'kiemtoan',
  viewer: 'xem-hnd',
} as const;
export type MatrixRole = keyof typeof ROLE_USERS;

/** Households and loans are those of test/helpers/loans-web.ts, when a test seeds them. */
export const OWN = {
  organisation: 'hnd',
  book: 'quy-htnd',
  maker: 'lap-hnd',
  household: 'HH-001',
  loan: 'L-000001',
} as const;
export const OTHER = {
  organisation: 'hlhpn',
  book: 'quy-pn',
  maker: 'lap-pn',
  household: 'HH-002',
  loan: 'L-000002',
} as const;

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers freely
  readonly json: any;
}

export interface CallOptions {
  /** A username (bearer token), a session, or nobody. */
  readonly as?: string | { cookie: string; csrf?: string } | undefined;
  readonly body?: unknown;
  /** A raw body sent as is (malformed JSON, forms). */
  readonly raw?: string;
  readonly key?: string;
  readonly headers?: Record<string, string>;
  /** The client address the server sees. */
  readonly ip?: string;
}

export interface World {
  readonly app: App;
  readonly http: Hono<HttpEnv>;
  readonly routes: readonly RouteDef[];
  /** The web pages (issue 10), registered like the API's routes. */
  readonly pages: readonly PageDef[];
  readonly clock: Clock;
  readonly tokens: Map<string, string>;
  readonly location: string;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** Signs in through the API; answers the cookie and the CSRF token. */
  signIn(username: string, password?: string, ip?: string): Promise<{ cookie: string; csrf: string }>;
  ctx(actor?: string): AuditCtx;
  done(): Promise<void>;
}

const FAST_ARGON2 = { memoryCost: 1024, timeCost: 1 };

export async function freshWorld(engine: EngineCase): Promise<World> {
  const { location, cleanup } = await engine.fresh();
  const clock = new Clock();
  const app = await openApp(location, { synchronous: 'NORMAL', access: { argon2: FAST_ARGON2 } });
  const { http, routes, pages } = buildHttpApp(app, { now: clock.now });
  const ctx = (actor = 'setup'): AuditCtx => ({
    tenant: TENANT,
    actor,
    now: clock.now,
    ip: 'test',
    userAgent: 'test',
  });

  await app.ledger.createTenant({ id: TENANT, name: 'Xã Hương Sơn' }, clock.now().toISOString());
  await app.ledger.createOrganisation(ctx(), {
    id: 'hnd',
    kind: 'farmers',
    nameVi: 'Hội Nông dân',
    nameEn: 'Farmers’ Association',
  });
  await app.ledger.createOrganisation(ctx(), {
    id: 'hlhpn',
    kind: 'women',
    nameVi: 'Hội LHPN',
    nameEn: 'Women’s Union',
  });
  await app.ledger.createBook(ctx(), {
    code: 'quy-htnd',
    template: 'farmers-support-fund',
    organisation: 'hnd',
  });
  await app.ledger.createBook(ctx(), {
    code: 'quy-pn',
    template: 'farmers-support-fund',
    organisation: 'hlhpn',
  });
  await app.ledger.createBook(ctx(), { code: 'vi-nguoi-ngheo', template: 'charity-fund' });
  for (const book of ['quy-htnd', 'quy-pn'])
    await app.ledger.post(ctx(), [
      {
        book,
        date: '2025-01-02',
        kind: 'capital',
        memo: 'Vốn ban đầu',
        postings: [
          { account: '111', amount: 500_000_000 },
          { account: '4113', amount: -500_000_000 },
        ],
      },
    ]);
  const people: Array<[string, string, string | undefined]> = [
    ['admin', 'admin', undefined],
    ['admin2', 'admin', undefined],
    ['thuquy-hnd', 'treasurer', 'organisation:hnd'],
    ['lap-hnd', 'treasurer', 'organisation:hnd'],
    ['thuquy-pn', 'treasurer', 'organisation:hlhpn'],
    ['lap-pn', 'treasurer', 'organisation:hlhpn'],
    ['totruong', 'group_leader', 'group:g-12'],
    ['kiemtoan', 'auditor', undefined],
    ['xem-hnd', 'viewer', 'organisation:hnd'],
  ];
  const tokens = new Map<string, string>();
  for (const [username, role, scope] of people) {
    await app.access.createUser(ctx(), { username, password: PASSWORD, grants: [{ role, scope }] });
    tokens.set(username, (await app.access.createToken(ctx(), { username, name: 'tests' })).token);
  }

  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (typeof o.as === 'string') headers['authorization'] = `Bearer ${tokens.get(o.as)}`;
    else if (o.as) {
      headers['cookie'] = o.as.cookie;
      if (o.as.csrf) headers['x-csrf-token'] = o.as.csrf;
    }
    if (o.key) headers['idempotency-key'] = o.key;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await http.request(
      path,
      { method, headers, ...(body === undefined ? {} : { body }) },
      { incoming: { socket: { remoteAddress: o.ip ?? '10.0.0.1' } } },
    );
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };

  return {
    app,
    http,
    routes,
    pages,
    clock,
    tokens,
    location,
    call,
    ctx,
    signIn: async (username, password = PASSWORD, ip) => {
      const r = await call('POST', '/api/v1/session', {
        body: { username, password },
        ...(ip ? { ip } : {}),
      });
      if (r.status !== 200) throw new Error(`sign-in of ${username} failed: ${r.status} ${r.text}`);
      const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
      return { cookie, csrf: r.json.csrfToken as string };
    },
    done: async () => {
      await app.close();
      await cleanup();
    },
  };
}

/** A balanced entry of `amount` đồng from cash to a borrower's loan (or the reverse). */
export function entryBody(book: string, amount: number, memo = 'Giải ngân', party = 'HH-001') {
  return {
    book,
    date: '2025-03-01',
    kind: 'disbursement',
    memo,
    postings: [
      { account: '1311', party, debit: amount },
      { account: '111', credit: amount },
    ],
  };
}
