/**
 * The route registry: each API route is one record (method, path, zod schemas, policy,
 * idempotency, handler). The same record validates requests, enforces the policy and describes
 * the route in the OpenAPI document; the authorisation matrix test walks the same list.
 *
 * A request passes, in order: sign-in (401) → one-time password changed (403) → CSRF for cookie
 * sessions (403) → the role could ever do this (403) → parameters, query, body (400/413/415/422)
 * → Idempotency-Key (428/422) → the policy on the named resources (404 hidden, 403 forbidden)
 * → the handler.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Principal } from '../app/access/access.ts';
import { sameSecret } from '../app/access/secrets.ts';
import { type AuditCtx, fingerprint, type Keyed, type Reply } from '../app/audit/audit-log.ts';
import {
  type BookAction,
  type BookRef,
  type CommuneAction,
  type Decision,
  decideBook,
  decideCommune,
  mayEver,
} from '../domain/access/policy.ts';
import type { Grant } from '../domain/access/roles.ts';
import { LEDGER_LIMITS } from '../domain/ledger/limits.ts';
import type { Lang } from '../i18n/types.ts';
import { actingCtx, type HttpDeps, type HttpEnv } from './context.ts';
import { bookNotFound, HttpError } from './errors.ts';
import { JSON_BODY_BYTES_MAX, readJsonBody } from './middleware/body.ts';
import { issuesToRefusals } from './validation.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** What a policy's decision is made from. */
export interface PolicyInput {
  readonly principal: Principal;
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
  readonly deps: HttpDeps;
}

/**
 * Who may call a route. `describe` is what the OpenAPI document and the matrix print;
 * `pre` refuses (403) a role that could never pass, before the body is read; `decide` judges the
 * resources the request names (`hidden` → 404, `forbidden` → 403).
 */
export interface Policy {
  readonly describe: string;
  readonly signedIn: boolean;
  /** Reachable while the user must still change a one-time password. */
  readonly duringPasswordChange?: boolean;
  readonly pre?: (grants: readonly Grant[]) => boolean;
  readonly decide?: (
    input: PolicyInput,
  ) => Promise<Decision | { decision: 'hidden'; field: string; value: string }>;
}

export interface Call<P, Q, B> {
  readonly c: Context<HttpEnv>;
  readonly deps: HttpDeps;
  readonly lang: Lang;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Undefined only on public routes. */
  readonly principal: Principal | undefined;
  /** The acting context of a signed-in request (throws on public routes). */
  ctx(): AuditCtx;
  /** The request's Idempotency-Key and fingerprint, when it sent one. */
  readonly keyed: Keyed | null;
}

/** A handler's answer: JSON with a status, or a ready Response (CSV, redirects, 204). */
export type Answer =
  | { readonly status?: number; readonly body: unknown; readonly headers?: Record<string, string> }
  | Response;

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  readonly method: Method;
  /** OpenAPI style: `/api/v1/books/{book}`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** Described in the OpenAPI document (not checked at run time). */
  readonly response?: z.ZodType;
  readonly policy: Policy;
  /** `required` on every POST that moves money; honoured when sent on `optional` routes. */
  readonly idempotency: 'required' | 'optional' | 'none';
  readonly bodyLimitBytes?: number;
  /** Status of success; 202 is answered instead when an operation is proposed. */
  readonly status?: 200 | 201 | 204;
  /** The media type of a non-JSON answer (CSV export), for the document. */
  readonly produces?: string;
  readonly handler: (call: Call<P, Q, B>) => Promise<Answer>;
}

/** Keeps the schemas' types flowing into the handler. */
export function route<P = undefined, Q = undefined, B = undefined>(def: RouteDef<P, Q, B>): RouteDef {
  return def as unknown as RouteDef;
}

/** `GET /api/v1/books/{book}`: a route's name in the matrix and the logs. */
export function routeId(r: Pick<RouteDef, 'method' | 'path'>): string {
  return `${r.method.toUpperCase()} ${r.path}`;
}

// --- policies ------------------------------------------------------------------------------------

export const policies = {
  /** Anyone, signed in or not. */
  public: (): Policy => ({ describe: 'public', signedIn: false }),
  /** Any signed-in user; what they see may still be filtered by the handler. */
  signedIn: (opts: { duringPasswordChange?: boolean } = {}): Policy => ({
    describe: 'signed-in',
    signedIn: true,
    ...opts,
  }),
  /** Lists limited to readable books: any signed-in user, filtered by the handler. */
  readableBooks: (): Policy => ({ describe: 'signed-in; lists only readable books', signedIn: true }),
  commune: (action: CommuneAction): Policy => ({
    describe: `commune:${action}`,
    signedIn: true,
    pre: (grants) => decideCommune(grants, action) === 'allow',
  }),
  /** An action on the books a request names (path, query or body). Unknown or unreadable → 404. */
  books: (
    action: BookAction,
    names: (
      input: PolicyInput,
    ) => Promise<Array<{ field: string; code: string }>> | Array<{ field: string; code: string }>,
  ): Policy => ({
    describe: `book:${action}`,
    signedIn: true,
    // A role that can never write (an auditor) is refused before its body is read. Reads are not
    // pre-checked: a book one cannot read answers 404 whoever asks, like one that does not exist.
    ...(action === 'read' ? {} : { pre: (grants: readonly Grant[]) => mayEver(grants, action) }),
    decide: async (input) => {
      const named = await names(input);
      const books = await bookMap(input.deps, input.principal.tenant);
      let worst: Decision = 'allow';
      for (const n of named) {
        const d = decideBook(input.principal.grants, action, books.get(n.code));
        if (d === 'hidden') return { decision: 'hidden', field: n.field, value: n.code };
        if (d === 'forbidden') worst = 'forbidden';
      }
      return worst;
    },
  }),
  /** Anything custom; `describe` must say who may. */
  custom: (describe: string, decide: Policy['decide'], pre?: Policy['pre']): Policy => ({
    describe,
    signedIn: true,
    ...(decide ? { decide } : {}),
    ...(pre ? { pre } : {}),
  }),
};

/** The books of a commune by code, as the policy sees them. */
export async function bookMap(deps: HttpDeps, tenant: string): Promise<Map<string, BookRef>> {
  const books = await deps.app.ledger.books({ tenant, actor: '-' });
  return new Map(books.map((b) => [b.code, { code: b.code, organisation: b.organisation }]));
}

// --- mounting ------------------------------------------------------------------------------------

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
const UNSAFE = new Set(['post', 'put', 'delete']);

function parseWith<T>(schema: z.ZodType<T> | undefined, input: unknown, root: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(input);
  if (!r.success)
    throw new HttpError(422, 'refused', issuesToRefusals(r.error, input, root), {
      count: r.error.issues.length,
    });
  return r.data;
}

/** The query string as an object, without `lang` (read by the language middleware). */
function queryObject(c: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.req.query())) if (k !== 'lang') out[k] = v;
  return out;
}

/** The anti-forgery check of a cookie session's unsafe request. */
export function checkCsrf(principal: Principal, sent: string | undefined): void {
  if (principal.via !== 'session') return;
  if (!sent || !principal.csrfToken || !sameSecret(sent, principal.csrfToken))
    throw new HttpError(403, 'csrf_token_invalid');
}

async function run(def: RouteDef, c: Context<HttpEnv>, deps: HttpDeps): Promise<Response> {
  const principal = c.get('principal');
  const { policy } = def;
  if (policy.signedIn && !principal) throw new HttpError(401, 'unauthenticated');
  if (principal?.mustChangePassword && !policy.duringPasswordChange && policy.signedIn)
    throw new HttpError(403, 'password_change_required');
  if (principal && policy.signedIn && UNSAFE.has(def.method))
    checkCsrf(principal, c.req.header('x-csrf-token'));
  if (principal && policy.pre && !policy.pre(principal.grants)) throw new HttpError(403, 'forbidden');

  const params = parseWith(def.params, c.req.param(), 'params');
  const query = parseWith(def.query, queryObject(c), 'query');
  const raw = def.body ? await readJsonBody(c, def.bodyLimitBytes ?? JSON_BODY_BYTES_MAX) : undefined;
  const body = parseWith(def.body, raw, 'body');

  let keyed: Keyed | null = null;
  const key = c.req.header('idempotency-key');
  if (def.idempotency !== 'none' && key !== undefined) {
    if (!IDEMPOTENCY_KEY.test(key))
      throw new HttpError(
        422,
        'refused',
        [
          {
            code: 'idempotency_key_required',
            field: 'Idempotency-Key',
            value: key.slice(0, 40),
            params: { max: LEDGER_LIMITS.idempotencyKeyLengthMax },
          },
        ],
        { count: 1 },
      );
    keyed = {
      key,
      requestHash: fingerprint({
        route: routeId(def),
        user: principal?.username ?? null,
        params: c.req.param(),
        query: queryObject(c),
        body: raw ?? null,
      }),
    };
  } else if (def.idempotency === 'required')
    throw new HttpError(428, 'idempotency_key_required', [
      {
        code: 'idempotency_key_required',
        field: 'Idempotency-Key',
        value: null,
        params: { max: LEDGER_LIMITS.idempotencyKeyLengthMax },
      },
    ]);

  if (principal && policy.decide) {
    const d = await policy.decide({ principal, params, query, body, deps });
    if (typeof d === 'object') throw bookNotFound(d.field, d.value);
    if (d === 'hidden') throw new HttpError(404, 'not_found');
    if (d === 'forbidden') throw new HttpError(403, 'forbidden');
  }

  const answer = await def.handler({
    c,
    deps,
    lang: c.get('lang'),
    params,
    query,
    body,
    principal,
    keyed,
    ctx: () => {
      if (!principal) throw new Error('assertion failed: ctx() on a public route');
      return actingCtx(deps, principal, c.get('ip'), c.req.header('user-agent'));
    },
  });
  if (answer instanceof Response) return answer;
  const status = answer.status ?? def.status ?? 200;
  if (status === 204) return c.body(null, 204, answer.headers);
  return c.json(answer.body, status as 200, answer.headers);
}

/** Mounts routes on the app: Hono's `:name` for each `{name}`. */
export function mount(app: Hono<HttpEnv>, routes: readonly RouteDef[], deps: HttpDeps): void {
  for (const def of routes) {
    const path = def.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(def.method.toUpperCase(), path, (c) => run(def, c, deps));
  }
}

/** A write's reply as an answer: 202 when proposed, else the route's success status. */
export function replyAnswer(reply: Reply & { replayed: boolean }, success: 200 | 201): Answer {
  return {
    status: reply.outcome === 'proposed' ? 202 : success,
    body: reply.body,
    ...(reply.replayed ? { headers: { 'Idempotent-Replayed': 'true' } } : {}),
  };
}

/** Schema helpers shared by the route files. */
export const s = {
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a-z 0-9 -'),
  code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/, 'A-Z a-z 0-9 . _ -'),
  party: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._:/-]{0,63}$/, 'A-Z a-z 0-9 . _ : / -'),
  date: z.string().max(10).describe('YYYY-MM-DD or dd/mm/yyyy'),
  limit: z.coerce.number().int().min(1).max(LEDGER_LIMITS.pageRowsMax),
};
