/**
 * What every request carries through the middleware: its language, the signed-in principal,
 * a request id for the logs, the client address. And what the HTTP layer is built from.
 */
import type { Logger } from 'pino';
import type { Principal } from '../app/access/access.ts';
import type { AuditCtx } from '../app/audit/audit-log.ts';
import type { Lang } from '../i18n/types.ts';
import type { App } from '../main/app.ts';

export interface Vars {
  lang: Lang;
  principal: Principal | undefined;
  requestId: string;
  /** The client address; X-Forwarded-For only when `trustProxy` is set. */
  ip: string | null;
}

/** @hono/node-server passes the Node request as `incoming`; in-process tests may pass nothing. */
export interface Bindings {
  incoming?: { socket?: { remoteAddress?: string | undefined } };
}

export type HttpEnv = { Variables: Vars; Bindings: Bindings };

export interface HttpDeps {
  readonly app: App;
  readonly log: Logger;
  /** The clock (sessions, tokens, recorded-at); tests fix it. */
  readonly now: () => Date;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  readonly trustProxy: boolean;
  /** Set the Secure flag on cookies even when the request came over plain HTTP. */
  readonly secureCookies: boolean;
}

/** The acting context of a signed-in request. */
export function actingCtx(
  deps: HttpDeps,
  p: Principal,
  ip: string | null,
  userAgent: string | undefined,
): AuditCtx {
  return { tenant: p.tenant, actor: p.username, now: deps.now, ip, userAgent: userAgent ?? null };
}
