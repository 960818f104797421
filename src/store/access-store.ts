/**
 * Queries of users, grants, sessions and API tokens. Every query filters by tenant; secrets are
 * looked up by their SHA-256, never stored in clear.
 */
import type { Kysely } from 'kysely';
import type { Grant, Role, ScopeKind } from '../domain/access/roles.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

export interface UserRow {
  readonly tenant: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly disabledAt: string | null;
  readonly createdAt: string;
}

function toUser(r: Database['app_user']): UserRow {
  return {
    tenant: r.tenant_id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    mustChangePassword: Number(r.must_change_password) === 1,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
  };
}

export async function insertUser(
  tx: Db,
  u: {
    tenant: string;
    username: string;
    displayName: string;
    passwordHash: string;
    mustChange: boolean;
    at: string;
  },
): Promise<void> {
  await tx
    .insertInto('app_user')
    .values({
      tenant_id: u.tenant,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      must_change_password: u.mustChange ? 1 : 0,
      disabled_at: null,
      created_at: u.at,
      password_changed_at: u.at,
    })
    .execute();
}

export async function findUser(db: Db, tenant: string, username: string): Promise<UserRow | undefined> {
  const row = await db
    .selectFrom('app_user')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('username', '=', username)
    .executeTakeFirst();
  return row && toUser(row);
}

export async function listUsers(db: Db, tenant: string): Promise<UserRow[]> {
  const rows = await db
    .selectFrom('app_user')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('username')
    .execute();
  return rows.map(toUser);
}

export async function setPassword(
  tx: Db,
  tenant: string,
  username: string,
  passwordHash: string,
  mustChange: boolean,
  at: string,
): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, password_changed_at: at })
    .where('tenant_id', '=', tenant)
    .where('username', '=', username)
    .execute();
}

export async function setDisabled(
  tx: Db,
  tenant: string,
  username: string,
  at: string | null,
): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ disabled_at: at })
    .where('tenant_id', '=', tenant)
    .where('username', '=', username)
    .execute();
}

// --- grants ------------------------------------------------------------------------------------

export async function listGrants(
  db: Db,
  tenant: string,
  username?: string,
): Promise<Array<Grant & { username: string }>> {
  let q = db
    .selectFrom('user_grant')
    .select(['username', 'role', 'scope_kind', 'scope_id'])
    .where('tenant_id', '=', tenant);
  if (username !== undefined) q = q.where('username', '=', username);
  const rows = await q
    .orderBy('username')
    .orderBy('role')
    .orderBy('scope_kind')
    .orderBy('scope_id')
    .execute();
  return rows.map((r) => ({
    username: r.username,
    role: r.role as Role,
    scope: { kind: r.scope_kind as ScopeKind, id: r.scope_id },
  }));
}

export async function insertGrant(
  tx: Db,
  tenant: string,
  username: string,
  g: Grant,
  by: string,
  at: string,
): Promise<void> {
  await tx
    .insertInto('user_grant')
    .values({
      tenant_id: tenant,
      username,
      role: g.role,
      scope_kind: g.scope.kind,
      scope_id: g.scope.id,
      granted_at: at,
      granted_by: by,
    })
    .execute();
}

export async function deleteGrant(tx: Db, tenant: string, username: string, g: Grant): Promise<number> {
  const r = await tx
    .deleteFrom('user_grant')
    .where('tenant_id', '=', tenant)
    .where('username', '=', username)
    .where('role', '=', g.role)
    .where('scope_kind', '=', g.scope.kind)
    .where('scope_id', '=', g.scope.id)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Users of the commune holding an active admin grant. */
export async function countAdmins(db: Db, tenant: string): Promise<number> {
  const row = await db
    .selectFrom('user_grant as g')
    .innerJoin('app_user as u', (j) =>
      j.onRef('u.tenant_id', '=', 'g.tenant_id').onRef('u.username', '=', 'g.username'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('g.tenant_id', '=', tenant)
    .where('g.role', '=', 'admin')
    .where('u.disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- sessions ----------------------------------------------------------------------------------

export async function insertSession(
  tx: Db,
  s: {
    tenant: string;
    secretHash: string;
    username: string;
    at: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('session')
    .values({
      tenant_id: s.tenant,
      secret_hash: s.secretHash,
      username: s.username,
      created_at: s.at,
      expires_at: s.expiresAt,
      revoked_at: null,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function findSession(
  db: Db,
  tenant: string,
  secretHash: string,
): Promise<{ username: string; expiresAt: string; revokedAt: string | null } | undefined> {
  const row = await db
    .selectFrom('session')
    .select(['username', 'expires_at', 'revoked_at'])
    .where('tenant_id', '=', tenant)
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst();
  return row && { username: row.username, expiresAt: row.expires_at, revokedAt: row.revoked_at };
}

export async function revokeSession(tx: Db, tenant: string, secretHash: string, at: string): Promise<void> {
  await tx
    .updateTable('session')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenant)
    .where('secret_hash', '=', secretHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Signs a user out everywhere (password changed, user disabled). */
export async function revokeUserSessions(
  tx: Db,
  tenant: string,
  username: string,
  at: string,
  except?: string,
): Promise<void> {
  let q = tx
    .updateTable('session')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenant)
    .where('username', '=', username)
    .where('revoked_at', 'is', null);
  if (except !== undefined) q = q.where('secret_hash', '<>', except);
  await q.execute();
}

// --- API tokens --------------------------------------------------------------------------------

export interface TokenRow {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly secretHash: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

function toToken(r: Database['api_token']): TokenRow {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    secretHash: r.secret_hash,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

export async function insertToken(tx: Db, tenant: string, t: TokenRow): Promise<void> {
  await tx
    .insertInto('api_token')
    .values({
      tenant_id: tenant,
      id: t.id,
      username: t.username,
      name: t.name,
      secret_hash: t.secretHash,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
      revoked_at: t.revokedAt,
    })
    .execute();
}

export async function findToken(db: Db, tenant: string, id: string): Promise<TokenRow | undefined> {
  const row = await db
    .selectFrom('api_token')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toToken(row);
}

export async function listTokens(db: Db, tenant: string, username: string): Promise<TokenRow[]> {
  const rows = await db
    .selectFrom('api_token')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('username', '=', username)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toToken);
}

export async function revokeToken(tx: Db, tenant: string, id: string, at: string): Promise<void> {
  await tx
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
