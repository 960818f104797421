/**
 * Queries of maker-checker: approval rules and the append-only history of pending operations.
 */
import type { Kysely } from 'kysely';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : (x as number);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

export interface RuleRow {
  readonly kind: string;
  readonly thresholdDong: number;
  readonly setAt: string;
  readonly setBy: string;
}

export async function listRules(db: Db, tenant: string): Promise<RuleRow[]> {
  const rows = await db
    .selectFrom('approval_rule')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    thresholdDong: int(r.threshold_dong, 'threshold_dong'),
    setAt: r.set_at,
    setBy: r.set_by,
  }));
}

export async function findRule(db: Db, tenant: string, kind: string): Promise<RuleRow | undefined> {
  return (await listRules(db, tenant)).find((r) => r.kind === kind);
}

export async function upsertRule(
  tx: Db,
  tenant: string,
  kind: string,
  thresholdDong: number,
  by: string,
  at: string,
): Promise<void> {
  await tx
    .insertInto('approval_rule')
    .values({ tenant_id: tenant, kind, threshold_dong: thresholdDong, set_at: at, set_by: by })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'kind'])
        .doUpdateSet({ threshold_dong: thresholdDong, set_at: at, set_by: by }),
    )
    .execute();
}

export async function deleteRule(tx: Db, tenant: string, kind: string): Promise<void> {
  await tx.deleteFrom('approval_rule').where('tenant_id', '=', tenant).where('kind', '=', kind).execute();
}

export interface OperationStep {
  readonly id: number;
  readonly step: 1 | 2;
  readonly status: 'proposed' | 'approved' | 'rejected';
  readonly kind: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: string;
  readonly amountDong: number;
  readonly books: readonly string[];
  readonly summary: string;
  readonly idempotencyKey: string | null;
  readonly note: string | null;
  readonly result: string | null;
}

function toStep(r: Database['pending_operation']): OperationStep {
  const books = JSON.parse(r.books) as unknown;
  assert(
    Array.isArray(books) && books.every((b) => typeof b === 'string'),
    'pending_operation.books is a list of codes',
  );
  return {
    id: int(r.id, 'id'),
    step: int(r.step, 'step') as 1 | 2,
    status: r.status as OperationStep['status'],
    kind: r.kind,
    actor: r.actor,
    at: r.at,
    payload: r.payload,
    amountDong: int(r.amount_dong, 'amount_dong'),
    books: books as string[],
    summary: r.summary,
    idempotencyKey: r.idempotency_key,
    note: r.note,
    result: r.result,
  };
}

export async function insertStep(tx: Db, tenant: string, s: OperationStep): Promise<void> {
  await tx
    .insertInto('pending_operation')
    .values({
      tenant_id: tenant,
      id: s.id,
      step: s.step,
      status: s.status,
      kind: s.kind,
      actor: s.actor,
      at: s.at,
      payload: s.payload,
      amount_dong: s.amountDong,
      books: JSON.stringify(s.books),
      summary: s.summary,
      idempotency_key: s.idempotencyKey,
      note: s.note,
      result: s.result,
    })
    .execute();
}

export async function nextOperationId(tx: Db, tenant: string): Promise<number> {
  const row = await tx
    .selectFrom('pending_operation')
    .select((eb) => eb.fn.max('id').as('max'))
    .where('tenant_id', '=', tenant)
    .executeTakeFirst();
  return row?.max == null ? 1 : int(row.max, 'id') + 1;
}

/** The steps of one operation, proposal first. */
export async function findOperation(db: Db, tenant: string, id: number): Promise<OperationStep[]> {
  const rows = await db
    .selectFrom('pending_operation')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .orderBy('step')
    .execute();
  return rows.map(toStep);
}

/** Operations, newest first, each as its steps; `afterId` pages backwards. */
export async function listOperations(
  db: Db,
  tenant: string,
  f: {
    beforeId?: number | undefined;
    limit: number;
    status?: 'proposed' | 'approved' | 'rejected' | undefined;
  },
): Promise<OperationStep[][]> {
  let q = db
    .selectFrom('pending_operation as p')
    .select('p.id')
    .where('p.tenant_id', '=', tenant)
    .where('p.step', '=', f.status === undefined || f.status === 'proposed' ? 1 : 2);
  if (f.status !== undefined && f.status !== 'proposed') q = q.where('p.status', '=', f.status);
  if (f.status === 'proposed')
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('pending_operation as d')
            .select('d.id')
            .whereRef('d.tenant_id', '=', 'p.tenant_id')
            .whereRef('d.id', '=', 'p.id')
            .where('d.step', '=', 2),
        ),
      ),
    );
  if (f.beforeId !== undefined) q = q.where('p.id', '<', f.beforeId);
  const ids = (await q.orderBy('p.id', 'desc').limit(f.limit).execute()).map((r) => int(r.id, 'id'));
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('pending_operation')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('id', 'in', ids)
    .orderBy('id', 'desc')
    .orderBy('step')
    .execute();
  const out = new Map<number, OperationStep[]>();
  for (const r of rows.map(toStep)) {
    const list = out.get(r.id) ?? [];
    list.push(r);
    out.set(r.id, list);
  }
  return [...out.values()];
}
