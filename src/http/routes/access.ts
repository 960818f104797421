/**
 * People and access over HTTP: signing in and out, one's own profile, password and API tokens,
 * and (for admins) users and their grants. None of these stores its answer for Idempotency-Key
 * replays: answers carrying a secret (a one-time password, a token) are never kept.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import { ACCESS_LIMITS } from '../../domain/access/limits.ts';
import { formatGrant, ROLES } from '../../domain/access/roles.ts';
import { RefusedError } from '../../domain/refusal.ts';
import type { HttpDeps, HttpEnv } from '../context.ts';
import { SESSION_COOKIE } from '../middleware/principal.ts';
import { policies, type RouteDef, route, s } from '../registry.ts';

const V1 = '/api/v1';

export function meJson(p: Principal) {
  return {
    tenant: p.tenant,
    username: p.username,
    displayName: p.displayName,
    grants: p.grants.map(formatGrant),
    mustChangePassword: p.mustChangePassword,
    via: p.via,
  };
}

/** The commune to sign in to: the one named, else the only one. */
export async function signInTenant(deps: HttpDeps, named: string | undefined): Promise<string> {
  if (named !== undefined) return named;
  const tenants = await deps.app.ledger.tenants();
  if (tenants.length === 1) return tenants[0]!.id;
  throw new RefusedError([
    { code: 'tenant_required', field: 'tenant', value: null, params: { count: tenants.length } },
  ]);
}

function secure(c: Context<HttpEnv>, deps: HttpDeps): boolean {
  return deps.secureCookies || new URL(c.req.url).protocol === 'https:';
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, expiring with the session. */
export function setSessionCookie(
  c: Context<HttpEnv>,
  deps: HttpDeps,
  value: string,
  expiresAt: string,
): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: secure(c, deps),
    expires: new Date(expiresAt),
    maxAge: Math.max(0, Math.floor((new Date(expiresAt).getTime() - deps.now().getTime()) / 1000)),
  });
}

export function clearSessionCookie(c: Context<HttpEnv>, deps: HttpDeps): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(c, deps) });
}

const SignIn = z
  .object({
    tenant: s.slug.optional(),
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(ACCESS_LIMITS.passwordLengthMax),
  })
  .strict();

const GrantInput = z
  .object({
    role: z.enum(ROLES),
    scope: z.string().max(80).optional().describe('organisation:ID | book:CODE | group:ID'),
  })
  .strict();

const UserParams = z.object({ username: z.string().max(40) });

export function accessRoutes(): RouteDef[] {
  return [
    route({
      method: 'post',
      path: `${V1}/session`,
      tag: 'access',
      summary: 'Sign in: sets the session cookie; answers the CSRF token to send as X-CSRF-Token',
      body: SignIn,
      policy: policies.public(),
      idempotency: 'none',
      handler: async ({ c, deps, body }) => {
        const tenant = await signInTenant(deps, body.tenant);
        const r = await deps.app.access.signIn(
          {
            tenant,
            actor: body.username,
            now: deps.now,
            ip: c.get('ip'),
            userAgent: c.req.header('user-agent') ?? null,
          },
          { username: body.username, password: body.password },
        );
        setSessionCookie(c, deps, r.cookie, r.expiresAt);
        return { body: { user: meJson(r.principal), csrfToken: r.csrfToken, expiresAt: r.expiresAt } };
      },
    }),
    route({
      method: 'delete',
      path: `${V1}/session`,
      tag: 'access',
      summary: 'Sign out (ends the cookie session)',
      policy: policies.signedIn({ duringPasswordChange: true }),
      idempotency: 'none',
      status: 204,
      handler: async ({ c, deps, principal, ctx }) => {
        if (principal!.sessionHash !== undefined)
          await deps.app.access.signOut(ctx(), principal!.sessionHash);
        clearSessionCookie(c, deps);
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/me`,
      tag: 'access',
      summary: 'The signed-in user, their grants and (cookie sessions) the CSRF token',
      policy: policies.signedIn({ duringPasswordChange: true }),
      idempotency: 'none',
      handler: async ({ principal }) => ({
        body: { user: meJson(principal!), csrfToken: principal!.csrfToken ?? null },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/me/password`,
      tag: 'access',
      summary: 'Change one’s own password (other sessions are signed out)',
      body: z
        .object({ current: z.string().max(ACCESS_LIMITS.passwordLengthMax), next: z.string().max(1000) })
        .strict(),
      policy: policies.signedIn({ duringPasswordChange: true }),
      idempotency: 'none',
      status: 204,
      handler: async ({ deps, principal, body, ctx }) => {
        await deps.app.access.changePassword(ctx(), body, principal!.sessionHash);
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/me/tokens`,
      tag: 'access',
      summary: 'One’s own API tokens (never the secrets)',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal, ctx }) => ({
        body: { tokens: await deps.app.access.tokens(ctx(), principal!.username) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/me/tokens`,
      tag: 'access',
      summary: 'Create an API token for oneself (the token is in this answer only)',
      body: z
        .object({
          name: z.string().min(1).max(ACCESS_LIMITS.tokenNameLengthMax),
          ttlDays: z.number().int().min(1).max(ACCESS_LIMITS.tokenTtlDaysMax).optional(),
        })
        .strict(),
      policy: policies.signedIn(),
      idempotency: 'none',
      status: 201,
      handler: async ({ deps, principal, body, ctx }) => ({
        body: {
          token: await deps.app.access.createToken(ctx(), {
            username: principal!.username,
            name: body.name,
            ttlDays: body.ttlDays,
          }),
        },
      }),
    }),
    route({
      method: 'delete',
      path: `${V1}/me/tokens/{id}`,
      tag: 'access',
      summary: 'Revoke one of one’s own API tokens',
      params: z.object({ id: z.string().max(20) }),
      policy: policies.signedIn(),
      idempotency: 'none',
      status: 204,
      handler: async ({ deps, principal, params, ctx }) => {
        await deps.app.access.revokeToken(ctx(), principal!.username, params.id);
        return { status: 204, body: null };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/users`,
      tag: 'access',
      summary: 'Users of the commune and their grants',
      policy: policies.commune('users.manage'),
      idempotency: 'none',
      handler: async ({ deps, ctx }) => ({ body: { users: await deps.app.access.users(ctx()) } }),
    }),
    route({
      method: 'post',
      path: `${V1}/users`,
      tag: 'access',
      summary: 'Add a user; without a password a one-time password is answered (shown once)',
      body: z
        .object({
          username: z.string().max(40),
          displayName: z.string().min(1).max(ACCESS_LIMITS.displayNameLengthMax).optional(),
          password: z.string().max(1000).optional(),
          grants: z.array(GrantInput).max(ACCESS_LIMITS.grantsPerUserMax).optional(),
        })
        .strict(),
      policy: policies.commune('users.manage'),
      idempotency: 'none',
      status: 201,
      handler: async ({ deps, body, ctx }) => {
        const created = await deps.app.access.createUser(ctx(), body);
        return {
          body: {
            user: await deps.app.access.user(ctx(), created.username),
            oneTimePassword: created.oneTimePassword,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: `${V1}/users/{username}/grants`,
      tag: 'access',
      summary: 'Grant a role in a scope',
      params: UserParams,
      body: GrantInput,
      policy: policies.commune('users.manage'),
      idempotency: 'none',
      handler: async ({ deps, params, body, ctx }) => ({
        body: { user: await deps.app.access.grant(ctx(), params.username, body.role, body.scope) },
      }),
    }),
    route({
      method: 'delete',
      path: `${V1}/users/{username}/grants`,
      tag: 'access',
      summary: 'Revoke a role (role and scope in the query)',
      params: UserParams,
      query: GrantInput,
      policy: policies.commune('users.manage'),
      idempotency: 'none',
      handler: async ({ deps, params, query, ctx }) => ({
        body: { user: await deps.app.access.revoke(ctx(), params.username, query.role, query.scope) },
      }),
    }),
  ];
}
