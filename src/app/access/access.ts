/**
 * People and access: users (argon2id password hashes), their grants, cookie sessions and API
 * tokens. Every change and every sign-in attempt is written to the audit log in the same
 * transaction. docs/design/server.md describes the model.
 */
import { hash, verify } from '@node-rs/argon2';
import { ACCESS_LIMITS, checkNewPassword, parseUsername } from '../../domain/access/limits.ts';
import { formatGrant, type Grant, parseGrant } from '../../domain/access/roles.ts';
import { collect, type Refusal, RefusedError } from '../../domain/refusal.ts';
import * as q from '../../store/access-store.ts';
import { findBooks, findTenant, listOrganisations } from '../../store/ledger-store.ts';
import type { Store } from '../../store/open-store.ts';
import type { AuditCtx, AuditLog } from '../audit/audit-log.ts';
import type { Ctx } from '../context.ts';
import {
  csrfTokenFor,
  newApiToken,
  newSecret,
  oneTimePassword,
  parseApiToken,
  parseSessionCookie,
  sameSecret,
  sessionCookieValue,
  sha256,
} from './secrets.ts';
import { SignInLimiter } from './sign-in-limiter.ts';

/** Who is signed in, as every interface sees them. */
export interface Principal {
  readonly tenant: string;
  readonly username: string;
  readonly displayName: string;
  readonly grants: readonly Grant[];
  readonly mustChangePassword: boolean;
  readonly via: 'session' | 'token';
  /** Cookie sessions only: what unsafe requests must echo (X-CSRF-Token). */
  readonly csrfToken?: string;
  /** Cookie sessions only: SHA-256 of the session secret, to sign out. */
  readonly sessionHash?: string;
}

export interface UserView {
  readonly username: string;
  readonly displayName: string;
  readonly grants: readonly string[];
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface TokenView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface AccessOptions {
  /** argon2 cost; the library's defaults (19 MiB, 2 passes) unless a test lowers them. */
  readonly argon2?: { memoryCost?: number; timeCost?: number };
  readonly sessionTtlMinutes?: number;
  readonly limiter?: SignInLimiter;
}

function throwIf(refusals: Refusal[]): void {
  if (refusals.length > 0) throw new RefusedError(refusals);
}

function text(field: string, value: unknown, max: number, required: boolean): Refusal[] {
  if (value === undefined && !required) return [];
  if (typeof value !== 'string' || value.trim() === '')
    return [{ code: 'text_invalid', field, value: value ?? null }];
  if (value.length > max)
    return [{ code: 'text_too_long', field, value: value.slice(0, 40), params: { max } }];
  return [];
}

function now(ctx: Ctx): Date {
  return ctx.now?.() ?? new Date();
}

export class Access {
  readonly limiter: SignInLimiter;
  readonly #argon2: { memoryCost?: number; timeCost?: number };
  readonly #sessionTtlMs: number;
  /** A hash to verify against when the username is unknown, so both cost the same time. */
  #decoy: Promise<string> | undefined;

  constructor(
    readonly store: Store,
    readonly audit: AuditLog,
    options: AccessOptions = {},
  ) {
    this.limiter = options.limiter ?? new SignInLimiter();
    this.#argon2 = options.argon2 ?? {};
    this.#sessionTtlMs = (options.sessionTtlMinutes ?? ACCESS_LIMITS.sessionTtlMinutes) * 60_000;
  }

  #hash(password: string): Promise<string> {
    return hash(password, this.#argon2);
  }

  // --- users and grants ---------------------------------------------------------------------------

  /**
   * Creates a user. Without a password a one-time password is made, returned once, and must be
   * changed at first sign-in.
   */
  async createUser(
    ctx: AuditCtx,
    input: {
      username: string;
      displayName?: string | undefined;
      password?: string | undefined;
      grants?: readonly { role: string; scope?: string | undefined }[];
    },
  ): Promise<{ username: string; oneTimePassword: string | null }> {
    const refusals: Refusal[] = [
      ...collect(parseUsername('username', input.username)),
      ...text('displayName', input.displayName, ACCESS_LIMITS.displayNameLengthMax, false),
    ];
    if (input.password !== undefined) refusals.push(...collect(checkNewPassword('password', input.password)));
    const grants: Grant[] = [];
    (input.grants ?? []).forEach((g, i) => {
      const r = parseGrant(g.role, g.scope);
      if (r.ok) grants.push(r.value);
      else refusals.push(...r.refusals.map((x) => ({ ...x, field: `grants[${i}].${x.field}` })));
    });
    throwIf(refusals);
    const oneTime = input.password === undefined ? oneTimePassword() : null;
    const passwordHash = await this.#hash(input.password ?? oneTime!);
    await this.audit.write(ctx, async (tx) => {
      if (await q.findUser(tx, ctx.tenant, input.username))
        throw new RefusedError([{ code: 'already_exists', field: 'username', value: input.username }]);
      await this.#checkScopes(tx, ctx.tenant, grants, (i) => `grants[${i}].scope`);
      const at = new Date(now(ctx)).toISOString();
      await q.insertUser(tx, {
        tenant: ctx.tenant,
        username: input.username,
        displayName: input.displayName ?? input.username,
        passwordHash,
        mustChange: oneTime !== null,
        at,
      });
      for (const g of dedupe(grants)) await q.insertGrant(tx, ctx.tenant, input.username, g, ctx.actor, at);
      return {
        value: undefined,
        audit: [
          {
            action: 'user.create',
            target: `user:${input.username}`,
            detail: { grants: dedupe(grants).map(formatGrant), oneTimePassword: oneTime !== null },
          },
        ],
      };
    });
    return { username: input.username, oneTimePassword: oneTime };
  }

  async users(ctx: Ctx): Promise<UserView[]> {
    const [users, grants] = await Promise.all([
      q.listUsers(this.store.db, ctx.tenant),
      q.listGrants(this.store.db, ctx.tenant),
    ]);
    return users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      grants: grants.filter((g) => g.username === u.username).map(formatGrant),
      mustChangePassword: u.mustChangePassword,
      disabled: u.disabledAt !== null,
      createdAt: u.createdAt,
    }));
  }

  async user(ctx: Ctx, username: string): Promise<UserView> {
    const view = (await this.users(ctx)).find((u) => u.username === username);
    if (!view) throw new RefusedError([{ code: 'user_unknown', field: 'username', value: username }]);
    return view;
  }

  async grant(ctx: AuditCtx, username: string, role: string, scope?: string): Promise<UserView> {
    const g = parseGrant(role, scope);
    if (!g.ok) throw new RefusedError(g.refusals);
    await this.audit.write(ctx, async (tx) => {
      await this.#requireUser(tx, ctx.tenant, username);
      await this.#checkScopes(tx, ctx.tenant, [g.value], () => 'scope');
      const held = await q.listGrants(tx, ctx.tenant, username);
      if (held.some((h) => formatGrant(h) === formatGrant(g.value)))
        throw new RefusedError([{ code: 'already_exists', field: 'role', value: formatGrant(g.value) }]);
      if (held.length >= ACCESS_LIMITS.grantsPerUserMax)
        throw new RefusedError([
          { code: 'too_many', field: 'role', value: role, params: { max: ACCESS_LIMITS.grantsPerUserMax } },
        ]);
      await q.insertGrant(tx, ctx.tenant, username, g.value, ctx.actor, new Date(now(ctx)).toISOString());
      return {
        value: undefined,
        audit: [
          { action: 'user.grant', target: `user:${username}`, detail: { grant: formatGrant(g.value) } },
        ],
      };
    });
    return this.user(ctx, username);
  }

  async revoke(ctx: AuditCtx, username: string, role: string, scope?: string): Promise<UserView> {
    const g = parseGrant(role, scope);
    if (!g.ok) throw new RefusedError(g.refusals);
    await this.audit.write(ctx, async (tx) => {
      await this.#requireUser(tx, ctx.tenant, username);
      if (g.value.role === 'admin' && username === ctx.actor)
        throw new RefusedError([{ code: 'cannot_revoke_own_admin', field: 'role', value: role }]);
      const removed = await q.deleteGrant(tx, ctx.tenant, username, g.value);
      if (removed === 0)
        throw new RefusedError([{ code: 'grant_unknown', field: 'role', value: formatGrant(g.value) }]);
      return {
        value: undefined,
        audit: [
          { action: 'user.revoke', target: `user:${username}`, detail: { grant: formatGrant(g.value) } },
        ],
      };
    });
    return this.user(ctx, username);
  }

  /** An organisation or book scope must name one that exists (groups are the registry's). */
  async #checkScopes(
    tx: Store['db'],
    tenant: string,
    grants: readonly Grant[],
    field: (i: number) => string,
  ): Promise<void> {
    const refusals: Refusal[] = [];
    const orgs = new Set((await listOrganisations(tx, tenant)).map((o) => o.id));
    for (const [i, g] of grants.entries()) {
      const missing =
        (g.scope.kind === 'organisation' && !orgs.has(g.scope.id)) ||
        (g.scope.kind === 'book' &&
          (await findBooks(tx, this.store.kind, tenant, [g.scope.id])).length === 0);
      if (missing)
        refusals.push({ code: 'scope_unknown', field: field(i), value: `${g.scope.kind}:${g.scope.id}` });
    }
    throwIf(refusals);
  }

  async #requireUser(tx: Store['db'], tenant: string, username: string): Promise<q.UserRow> {
    const u = await q.findUser(tx, tenant, username);
    if (!u) throw new RefusedError([{ code: 'user_unknown', field: 'username', value: username }]);
    return u;
  }

  /**
   * First start: a commune with no admin gets user `admin` (created, or given the role) with a
   * one-time password, returned to be printed once. Null when the commune has an admin already.
   */
  async bootstrapAdmin(ctx: AuditCtx): Promise<string | null> {
    if ((await q.countAdmins(this.store.db, ctx.tenant)) > 0) return null;
    const password = oneTimePassword();
    const passwordHash = await this.#hash(password);
    const created = await this.audit.write(ctx, async (tx) => {
      if ((await q.countAdmins(tx, ctx.tenant)) > 0) return { value: false, audit: [] };
      const at = new Date(now(ctx)).toISOString();
      const admin: Grant = { role: 'admin', scope: { kind: 'commune', id: '' } };
      const existing = await q.findUser(tx, ctx.tenant, 'admin');
      if (existing) {
        await q.setPassword(tx, ctx.tenant, 'admin', passwordHash, true, at);
        await q.setDisabled(tx, ctx.tenant, 'admin', null);
        if (!(await q.listGrants(tx, ctx.tenant, 'admin')).some((g) => g.role === 'admin'))
          await q.insertGrant(tx, ctx.tenant, 'admin', admin, ctx.actor, at);
      } else {
        await q.insertUser(tx, {
          tenant: ctx.tenant,
          username: 'admin',
          displayName: 'Quản trị',
          passwordHash,
          mustChange: true,
          at,
        });
        await q.insertGrant(tx, ctx.tenant, 'admin', admin, ctx.actor, at);
      }
      return {
        value: true,
        audit: [{ action: 'user.bootstrap_admin', target: 'user:admin', detail: { oneTimePassword: true } }],
      };
    });
    return created ? password : null;
  }

  // --- passwords and sessions ---------------------------------------------------------------------

  /**
   * Checks a username and password and opens a session. Refused the same way (`credentials_invalid`)
   * for an unknown user, a wrong password and a disabled user; refused with `sign_in_locked`
   * while the rate limit holds. Every attempt on an existing commune is audited.
   */
  async signIn(
    ctx: AuditCtx,
    input: { username: string; password: string },
  ): Promise<{ cookie: string; csrfToken: string; expiresAt: string; principal: Principal }> {
    const at = now(ctx);
    const ip = ctx.ip ?? 'unknown';
    const wait = this.limiter.retryAfterSeconds(ip, ctx.tenant, input.username, at.getTime());
    if (wait > 0)
      throw new RefusedError([
        { code: 'sign_in_locked', field: 'username', value: input.username, params: { seconds: wait } },
      ]);
    const tenantExists = (await findTenant(this.store.db, ctx.tenant)) !== undefined;
    const user = tenantExists ? await q.findUser(this.store.db, ctx.tenant, input.username) : undefined;
    const passwordOk =
      typeof input.password === 'string' &&
      input.password.length <= ACCESS_LIMITS.passwordLengthMax &&
      (await verify(user?.passwordHash ?? (await this.#decoyHash()), input.password));
    const ok = user !== undefined && user.disabledAt === null && passwordOk;
    const auditCtx = { ...ctx, actor: input.username.slice(0, ACCESS_LIMITS.usernameLengthMax) || '-' };
    if (!ok) {
      this.limiter.failed(ip, ctx.tenant, input.username, at.getTime());
      if (tenantExists)
        await this.audit.write(auditCtx, async () => ({
          value: undefined,
          audit: [
            {
              action: 'session.sign_in',
              target: `user:${auditCtx.actor}`,
              outcome: 'failed',
              detail: {
                reason:
                  user === undefined
                    ? 'unknown_user'
                    : user.disabledAt !== null
                      ? 'disabled'
                      : 'wrong_password',
              },
            },
          ],
        }));
      throw new RefusedError([{ code: 'credentials_invalid', field: 'password', value: null }]);
    }
    this.limiter.succeeded(ctx.tenant, input.username);
    const secret = newSecret();
    const secretHash = sha256(secret);
    const expiresAt = new Date(at.getTime() + this.#sessionTtlMs).toISOString();
    await this.audit.write(auditCtx, async (tx) => {
      await q.insertSession(tx, {
        tenant: ctx.tenant,
        secretHash,
        username: input.username,
        at: at.toISOString(),
        expiresAt,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent == null ? null : ctx.userAgent.slice(0, 300),
      });
      return {
        value: undefined,
        audit: [{ action: 'session.sign_in', target: `user:${input.username}`, detail: { expiresAt } }],
      };
    });
    const grants = await q.listGrants(this.store.db, ctx.tenant, input.username);
    const csrfToken = csrfTokenFor(secret);
    return {
      cookie: sessionCookieValue(ctx.tenant, secret),
      csrfToken,
      expiresAt,
      principal: {
        tenant: ctx.tenant,
        username: user.username,
        displayName: user.displayName,
        grants,
        mustChangePassword: user.mustChangePassword,
        via: 'session',
        csrfToken,
        sessionHash: secretHash,
      },
    };
  }

  #decoyHash(): Promise<string> {
    this.#decoy ??= this.#hash(newSecret());
    return this.#decoy;
  }

  /** The principal of a session cookie, or undefined when it is unknown, expired or revoked. */
  async fromSessionCookie(cookie: string, at: Date): Promise<Principal | undefined> {
    const parsed = parseSessionCookie(cookie);
    if (!parsed) return undefined;
    const secretHash = sha256(parsed.secret);
    const s = await q.findSession(this.store.db, parsed.tenant, secretHash);
    if (!s || s.revokedAt !== null || s.expiresAt <= at.toISOString()) return undefined;
    const p = await this.#principal(parsed.tenant, s.username, 'session');
    return p && { ...p, csrfToken: csrfTokenFor(parsed.secret), sessionHash: secretHash };
  }

  /** The principal of a bearer token, or undefined when it is unknown, expired or revoked. */
  async fromApiToken(token: string, at: Date): Promise<Principal | undefined> {
    const parsed = parseApiToken(token);
    if (!parsed) return undefined;
    const t = await q.findToken(this.store.db, parsed.tenant, parsed.id);
    if (!t || t.revokedAt !== null || (t.expiresAt !== null && t.expiresAt <= at.toISOString()))
      return undefined;
    if (!sameSecret(t.secretHash, sha256(parsed.secret))) return undefined;
    return this.#principal(parsed.tenant, t.username, 'token');
  }

  async #principal(
    tenant: string,
    username: string,
    via: 'session' | 'token',
  ): Promise<Principal | undefined> {
    const [user, grants] = await Promise.all([
      q.findUser(this.store.db, tenant, username),
      q.listGrants(this.store.db, tenant, username),
    ]);
    if (!user || user.disabledAt !== null) return undefined;
    return {
      tenant,
      username,
      displayName: user.displayName,
      grants,
      mustChangePassword: user.mustChangePassword,
      via,
    };
  }

  async signOut(ctx: AuditCtx, sessionHash: string): Promise<void> {
    await this.audit.write(ctx, async (tx) => {
      await q.revokeSession(tx, ctx.tenant, sessionHash, new Date(now(ctx)).toISOString());
      return { value: undefined, audit: [{ action: 'session.sign_out', target: `user:${ctx.actor}` }] };
    });
  }

  /**
   * Changes one's own password (the current one is required). Other sessions of the user are
   * signed out; the one making the change stays.
   */
  async changePassword(
    ctx: AuditCtx,
    input: { current: string; next: string },
    keepSession?: string,
  ): Promise<void> {
    throwIf(collect(checkNewPassword('next', input.next)));
    const user = await q.findUser(this.store.db, ctx.tenant, ctx.actor);
    if (
      !user ||
      typeof input.current !== 'string' ||
      input.current.length > ACCESS_LIMITS.passwordLengthMax ||
      !(await verify(user.passwordHash, input.current))
    )
      throw new RefusedError([{ code: 'password_wrong', field: 'current', value: null }]);
    if (input.next === input.current)
      throw new RefusedError([{ code: 'password_unchanged', field: 'next', value: null }]);
    const passwordHash = await this.#hash(input.next);
    await this.audit.write(ctx, async (tx) => {
      const at = new Date(now(ctx)).toISOString();
      await q.setPassword(tx, ctx.tenant, ctx.actor, passwordHash, false, at);
      await q.revokeUserSessions(tx, ctx.tenant, ctx.actor, at, keepSession);
      return { value: undefined, audit: [{ action: 'user.password', target: `user:${ctx.actor}` }] };
    });
  }

  /** Sets a password from the operator's command line (`soquy user passwd`); must be changed at sign-in. */
  async resetPassword(ctx: AuditCtx, username: string): Promise<string> {
    const password = oneTimePassword();
    const passwordHash = await this.#hash(password);
    await this.audit.write(ctx, async (tx) => {
      await this.#requireUser(tx, ctx.tenant, username);
      const at = new Date(now(ctx)).toISOString();
      await q.setPassword(tx, ctx.tenant, username, passwordHash, true, at);
      await q.revokeUserSessions(tx, ctx.tenant, username, at);
      return { value: undefined, audit: [{ action: 'user.password_reset', target: `user:${username}` }] };
    });
    return password;
  }

  // --- API tokens ---------------------------------------------------------------------------------

  /** A new bearer token for `username`, shown once. */
  async createToken(
    ctx: AuditCtx,
    input: { username: string; name: string; ttlDays?: number | undefined },
  ): Promise<TokenView & { token: string }> {
    const ttl = input.ttlDays ?? ACCESS_LIMITS.tokenTtlDaysDefault;
    const refusals = text('name', input.name, ACCESS_LIMITS.tokenNameLengthMax, true);
    if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > ACCESS_LIMITS.tokenTtlDaysMax)
      refusals.push({
        code: 'number_out_of_range',
        field: 'ttlDays',
        value: ttl,
        params: { min: 1, max: ACCESS_LIMITS.tokenTtlDaysMax },
      });
    throwIf(refusals);
    const t = newApiToken(ctx.tenant);
    const at = now(ctx);
    const row: q.TokenRow = {
      id: t.id,
      username: input.username,
      name: input.name,
      secretHash: sha256(t.secret),
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + ttl * 86_400_000).toISOString(),
      revokedAt: null,
    };
    await this.audit.write(ctx, async (tx) => {
      await this.#requireUser(tx, ctx.tenant, input.username);
      const live = (await q.listTokens(tx, ctx.tenant, input.username)).filter((x) => x.revokedAt === null);
      if (live.length >= ACCESS_LIMITS.tokensPerUserMax)
        throw new RefusedError([
          {
            code: 'too_many',
            field: 'name',
            value: input.name,
            params: { max: ACCESS_LIMITS.tokensPerUserMax },
          },
        ]);
      await q.insertToken(tx, ctx.tenant, row);
      return {
        value: undefined,
        audit: [
          {
            action: 'token.create',
            target: `token:${t.id}`,
            detail: { user: input.username, name: input.name, expiresAt: row.expiresAt },
          },
        ],
      };
    });
    return {
      id: row.id,
      name: row.name,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      revokedAt: null,
      token: t.token,
    };
  }

  async tokens(ctx: Ctx, username: string): Promise<TokenView[]> {
    return (await q.listTokens(this.store.db, ctx.tenant, username)).map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
      revokedAt: t.revokedAt,
    }));
  }

  async revokeToken(ctx: AuditCtx, username: string, id: string): Promise<void> {
    await this.audit.write(ctx, async (tx) => {
      const t = await q.findToken(tx, ctx.tenant, id);
      if (!t || t.username !== username)
        throw new RefusedError([{ code: 'token_unknown', field: 'id', value: id }]);
      await q.revokeToken(tx, ctx.tenant, id, new Date(now(ctx)).toISOString());
      return {
        value: undefined,
        audit: [{ action: 'token.revoke', target: `token:${id}`, detail: { user: username } }],
      };
    });
  }
}

function dedupe(grants: readonly Grant[]): Grant[] {
  const seen = new Map<string, Grant>();
  for (const g of grants) seen.set(formatGrant(g), g);
  return [...seen.values()];
}
