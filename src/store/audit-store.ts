/**
 * Queries of the audit log and of stored first responses (idempotent requests). Every query
 * filters by tenant.
 */
import type { Kysely } from 'kysely';
import type { AuditRecord } from '../domain/audit/chain.ts';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import type { EngineKind } from './migrations/dialect.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : (x as number);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * The commune's audit head, created at genesis when missing, and locked until commit on
 * PostgreSQL: every audited write of a commune passes here first, one at a time.
 */
export async function lockAuditHead(
  tx: Db,
  kind: EngineKind,
  tenant: string,
  genesis: string,
): Promise<AuditHead> {
  await tx
    .insertInto('audit_head')
    .values({ tenant_id: tenant, head_seq: 0, head_hash: genesis })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  let q = tx.selectFrom('audit_head').select(['head_seq', 'head_hash']).where('tenant_id', '=', tenant);
  if (kind === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirstOrThrow();
  return { seq: int(row.head_seq, 'head_seq'), hash: row.head_hash };
}

export async function readAuditHead(db: Db, tenant: string): Promise<AuditHead | undefined> {
  const row = await db
    .selectFrom('audit_head')
    .select(['head_seq', 'head_hash'])
    .where('tenant_id', '=', tenant)
    .executeTakeFirst();
  return row && { seq: int(row.head_seq, 'head_seq'), hash: row.head_hash };
}

export async function insertAudit(tx: Db, r: AuditRecord): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      tenant_id: r.tenant,
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      detail: r.detail,
      ip: r.ip,
      user_agent: r.userAgent,
      prev_hash: r.prevHash,
      hash: r.hash,
    })
    .execute();
}

function toRecord(r: Database['audit_log']): AuditRecord {
  return {
    tenant: r.tenant_id,
    seq: int(r.seq, 'seq'),
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    detail: r.detail,
    ip: r.ip,
    userAgent: r.user_agent,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditFilter {
  /** Keyset paging: records after this sequence number. */
  readonly afterSeq?: number | undefined;
  /** ISO timestamps (inclusive bounds on `at`). */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly limit: number;
}

export async function findAudit(db: Db, tenant: string, f: AuditFilter): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenant);
  if (f.afterSeq !== undefined) q = q.where('seq', '>', f.afterSeq);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<=', f.to);
  if (f.actor !== undefined) q = q.where('actor', '=', f.actor);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  return (await q.orderBy('seq').limit(f.limit).execute()).map(toRecord);
}

export async function findAuditBySeq(
  db: Db,
  tenant: string,
  fromSeq: number,
  toSeq: number,
): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .execute();
  return rows.map(toRecord);
}

// --- first responses of keyed requests ------------------------------------------------------------

export interface StoredResponse {
  readonly requestHash: string;
  readonly outcome: string;
  /** JSON text of the first response's body. */
  readonly body: string;
}

export async function findIdempotentRequest(
  db: Db,
  tenant: string,
  key: string,
): Promise<StoredResponse | undefined> {
  const row = await db
    .selectFrom('idempotent_request')
    .select(['request_hash', 'outcome', 'body'])
    .where('tenant_id', '=', tenant)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && { requestHash: row.request_hash, outcome: row.outcome, body: row.body };
}

export async function insertIdempotentRequest(
  tx: Db,
  row: {
    tenant: string;
    key: string;
    requestHash: string;
    actor: string;
    outcome: string;
    body: string;
    at: string;
  },
): Promise<void> {
  await tx
    .insertInto('idempotent_request')
    .values({
      tenant_id: row.tenant,
      key: row.key,
      request_hash: row.requestHash,
      actor: row.actor,
      outcome: row.outcome,
      body: row.body,
      recorded_at: row.at,
    })
    .execute();
}
