/**
 * The transaction day's queries (docs/design/vbsp-day.md). Every query filters by tenant; writes
 * take the transaction of `Store.write`. Amounts are checked on read.
 */
import type { Kysely } from 'kysely';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import type { Database } from './schema.ts';
import type {
  VbspFeeTable,
  VbspHandoverTable,
  VbspPointTable,
  VbspReconNoteTable,
  VbspSheetLineTable,
  VbspSheetTable,
  VbspStatementRowTable,
  VbspStatementTable,
} from './vbsp-schema.ts';

type Db = Kysely<Database>;
type Row<T> = Omit<T, 'tenant_id'>;

const ROWS_PER_INSERT = 400;

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : Number(x);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

function ints<T extends object>(row: T, keys: readonly (keyof T)[]): T {
  const out = { ...row } as Record<keyof T, unknown>;
  for (const k of keys) out[k] = int(row[k], String(k));
  return out as T;
}

// --- points -------------------------------------------------------------------------------------

export type PointRow = Row<VbspPointTable>;

export async function insertPoint(tx: Db, tenant: string, p: PointRow): Promise<void> {
  await tx
    .insertInto('vbsp_point')
    .values({ tenant_id: tenant, ...p })
    .execute();
}

export async function listPoints(db: Db, tenant: string): Promise<PointRow[]> {
  const rows = await db
    .selectFrom('vbsp_point')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('id')
    .execute();
  return rows.map(({ tenant_id: _, ...r }) => ints(r, ['day_of_month']));
}

export async function insertPointGroup(
  tx: Db,
  tenant: string,
  g: { group_id: string; point_id: string; created_at: string; actor: string },
): Promise<void> {
  await tx
    .insertInto('vbsp_point_group')
    .values({ tenant_id: tenant, ...g })
    .execute();
}

export async function listPointGroups(
  db: Db,
  tenant: string,
): Promise<Array<{ group_id: string; point_id: string }>> {
  return db
    .selectFrom('vbsp_point_group')
    .select(['group_id', 'point_id'])
    .where('tenant_id', '=', tenant)
    .orderBy('group_id')
    .execute();
}

// --- fee rates ----------------------------------------------------------------------------------

export interface FeeRateRow {
  readonly from: string;
  readonly feePpm: number;
  readonly commissionPpm: number;
  readonly documentNo: string | null;
  readonly note: string;
}

export async function insertFeeRate(
  tx: Db,
  tenant: string,
  r: FeeRateRow,
  at: string,
  actor: string,
): Promise<void> {
  await tx
    .insertInto('vbsp_fee_rate')
    .values({
      tenant_id: tenant,
      effective_from: r.from,
      fee_ppm: r.feePpm,
      commission_ppm: r.commissionPpm,
      document_no: r.documentNo,
      note: r.note,
      created_at: at,
      actor,
    })
    .execute();
}

export async function listFeeRates(db: Db, tenant: string): Promise<FeeRateRow[]> {
  const rows = await db
    .selectFrom('vbsp_fee_rate')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('effective_from')
    .execute();
  return rows.map((r) => ({
    from: r.effective_from,
    feePpm: int(r.fee_ppm, 'fee_ppm'),
    commissionPpm: int(r.commission_ppm, 'commission_ppm'),
    documentNo: r.document_no,
    note: r.note,
  }));
}

// --- loans of a group, agreements of a book ------------------------------------------------------

export interface LoanKey {
  readonly id: string;
  readonly agreementNo: string | null;
  readonly household: string;
  readonly group: string | null;
  readonly programme: string;
  readonly book: string;
}

function toKey(r: {
  id: string;
  agreement_no: string | null;
  household_id: string;
  group_id: string | null;
  programme_id: string;
  book_code: string;
}): LoanKey {
  return {
    id: r.id,
    agreementNo: r.agreement_no,
    household: r.household_id,
    group: r.group_id,
    programme: r.programme_id,
    book: r.book_code,
  };
}

const KEY_COLUMNS = ['id', 'agreement_no', 'household_id', 'group_id', 'programme_id', 'book_code'] as const;

export async function loansOfGroup(db: Db, tenant: string, group: string): Promise<LoanKey[]> {
  const rows = await db
    .selectFrom('loan')
    .select(KEY_COLUMNS)
    .where('tenant_id', '=', tenant)
    .where('group_id', '=', group)
    .orderBy('id')
    .execute();
  return rows.map(toKey);
}

export async function loansOfBook(db: Db, tenant: string, book: string): Promise<LoanKey[]> {
  const rows = await db
    .selectFrom('loan')
    .select(KEY_COLUMNS)
    .where('tenant_id', '=', tenant)
    .where('book_code', '=', book)
    .orderBy('id')
    .execute();
  return rows.map(toKey);
}

/** The head's name of each household named (the registry's), where it has one. */
export async function householdNames(
  db: Db,
  tenant: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('household')
      .innerJoin('person', (j) =>
        j
          .onRef('person.tenant_id', '=', 'household.tenant_id')
          .onRef('person.id', '=', 'household.head_person_id'),
      )
      .select(['household.id as id', 'person.full_name as name'])
      .where('household.tenant_id', '=', tenant)
      .where('household.id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

// --- sheets -------------------------------------------------------------------------------------

export type SheetRow = Row<VbspSheetTable>;
export type SheetLineRow = Row<Omit<VbspSheetLineTable, 'sheet_id'>>;

export async function insertSheet(
  tx: Db,
  tenant: string,
  s: SheetRow,
  lines: readonly SheetLineRow[],
): Promise<void> {
  await tx
    .insertInto('vbsp_sheet')
    .values({ tenant_id: tenant, ...s })
    .execute();
  for (let i = 0; i < lines.length; i += ROWS_PER_INSERT)
    await tx
      .insertInto('vbsp_sheet_line')
      .values(lines.slice(i, i + ROWS_PER_INSERT).map((l) => ({ tenant_id: tenant, sheet_id: s.id, ...l })))
      .execute();
}

export async function findSheet(
  db: Db,
  tenant: string,
  by: { id: string } | { group: string; month: string } | { key: string },
): Promise<SheetRow | undefined> {
  let q = db.selectFrom('vbsp_sheet').selectAll().where('tenant_id', '=', tenant);
  if ('id' in by) q = q.where('id', '=', by.id);
  else if ('key' in by) q = q.where('idempotency_key', '=', by.key);
  else q = q.where('group_id', '=', by.group).where('month', '=', by.month);
  const r = await q.executeTakeFirst();
  if (!r) return undefined;
  const { tenant_id: _, ...rest } = r;
  return rest;
}

export async function listSheets(
  db: Db,
  tenant: string,
  where: { month?: string; book?: string } = {},
): Promise<SheetRow[]> {
  let q = db.selectFrom('vbsp_sheet').selectAll().where('tenant_id', '=', tenant);
  if (where.month !== undefined) q = q.where('month', '=', where.month);
  if (where.book !== undefined) q = q.where('book_code', '=', where.book);
  const rows = await q.orderBy('month').orderBy('group_id').execute();
  return rows.map(({ tenant_id: _, ...r }) => r);
}

export async function sheetLines(db: Db, tenant: string, sheet: string): Promise<SheetLineRow[]> {
  const rows = await db
    .selectFrom('vbsp_sheet_line')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('sheet_id', '=', sheet)
    .orderBy('line')
    .execute();
  return rows.map(({ tenant_id: _t, sheet_id: _s, ...r }) =>
    ints(r, ['line', 'interest_due_dong', 'interest_dong', 'savings_dong', 'principal_from_savings_dong']),
  );
}

// --- hand-overs and fees --------------------------------------------------------------------------

export type HandoverRow = Row<VbspHandoverTable>;

export async function insertHandover(tx: Db, tenant: string, h: HandoverRow): Promise<void> {
  await tx
    .insertInto('vbsp_handover')
    .values({ tenant_id: tenant, ...h })
    .execute();
}

export async function findHandover(db: Db, tenant: string, sheet: string): Promise<HandoverRow | undefined> {
  const r = await db
    .selectFrom('vbsp_handover')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('sheet_id', '=', sheet)
    .executeTakeFirst();
  if (!r) return undefined;
  const { tenant_id: _, ...rest } = r;
  return ints(rest, ['expected_dong', 'counted_dong', 'difference_dong']);
}

export async function listHandovers(db: Db, tenant: string): Promise<HandoverRow[]> {
  const rows = await db
    .selectFrom('vbsp_handover')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('date')
    .orderBy('sheet_id')
    .execute();
  return rows.map(({ tenant_id: _, ...r }) => ints(r, ['expected_dong', 'counted_dong', 'difference_dong']));
}

export type FeeRow = Row<VbspFeeTable>;

export async function insertFee(tx: Db, tenant: string, f: FeeRow): Promise<void> {
  await tx
    .insertInto('vbsp_fee')
    .values({ tenant_id: tenant, ...f })
    .execute();
}

const FEE_INTS = ['base_dong', 'fee_ppm', 'commission_ppm', 'fee_dong', 'commission_dong'] as const;

export async function findFee(
  db: Db,
  tenant: string,
  group: string,
  month: string,
): Promise<FeeRow | undefined> {
  const r = await db
    .selectFrom('vbsp_fee')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('group_id', '=', group)
    .where('month', '=', month)
    .executeTakeFirst();
  if (!r) return undefined;
  const { tenant_id: _, ...rest } = r;
  return ints(rest, FEE_INTS);
}

export async function listFees(db: Db, tenant: string, month?: string): Promise<FeeRow[]> {
  let q = db.selectFrom('vbsp_fee').selectAll().where('tenant_id', '=', tenant);
  if (month !== undefined) q = q.where('month', '=', month);
  const rows = await q.orderBy('month').orderBy('group_id').execute();
  return rows.map(({ tenant_id: _, ...r }) => ints(r, FEE_INTS));
}

/** Sets the payment of a booked fee once (the WHERE makes a second payment change nothing). */
export async function markFeePaid(
  tx: Db,
  tenant: string,
  group: string,
  month: string,
  paidOn: string,
  entries: string,
): Promise<boolean> {
  const r = await tx
    .updateTable('vbsp_fee')
    .set({ paid_on: paidOn, paid_entries: entries })
    .where('tenant_id', '=', tenant)
    .where('group_id', '=', group)
    .where('month', '=', month)
    .where('paid_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- statements -----------------------------------------------------------------------------------

export type StatementRow = Row<VbspStatementTable>;
export type StatementLineRow = Row<Omit<VbspStatementRowTable, 'statement_id'>>;

export async function insertStatement(
  tx: Db,
  tenant: string,
  s: StatementRow,
  rows: readonly StatementLineRow[],
): Promise<void> {
  await tx
    .insertInto('vbsp_statement')
    .values({ tenant_id: tenant, ...s })
    .execute();
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await tx
      .insertInto('vbsp_statement_row')
      .values(
        rows.slice(i, i + ROWS_PER_INSERT).map((r) => ({ tenant_id: tenant, statement_id: s.id, ...r })),
      )
      .execute();
}

export async function findStatement(db: Db, tenant: string, id: string): Promise<StatementRow | undefined> {
  const r = await db
    .selectFrom('vbsp_statement')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  const { tenant_id: _, ...rest } = r;
  return ints(rest, ['row_count']);
}

export async function listStatements(db: Db, tenant: string): Promise<StatementRow[]> {
  const rows = await db
    .selectFrom('vbsp_statement')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('imported_at', 'desc')
    .execute();
  return rows.map(({ tenant_id: _, ...r }) => ints(r, ['row_count']));
}

export async function countStatements(db: Db, tenant: string): Promise<number> {
  const r = await db
    .selectFrom('vbsp_statement')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenant)
    .executeTakeFirstOrThrow();
  return int(r.n, 'count');
}

export async function statementLines(db: Db, tenant: string, id: string): Promise<StatementLineRow[]> {
  const rows = await db
    .selectFrom('vbsp_statement_row')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('statement_id', '=', id)
    .orderBy('row_no')
    .execute();
  return rows.map(({ tenant_id: _t, statement_id: _s, ...r }) =>
    ints(r, ['row_no', 'outstanding_dong', 'overdue_dong', 'frozen_dong', 'interest_due_dong']),
  );
}

export type ReconNoteRow = Row<Omit<VbspReconNoteTable, 'statement_id'>>;

export async function insertReconNote(
  tx: Db,
  tenant: string,
  statement: string,
  n: ReconNoteRow,
): Promise<void> {
  await tx
    .insertInto('vbsp_recon_note')
    .values({ tenant_id: tenant, statement_id: statement, ...n })
    .execute();
}

export async function reconNotes(db: Db, tenant: string, statement: string): Promise<ReconNoteRow[]> {
  const rows = await db
    .selectFrom('vbsp_recon_note')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('statement_id', '=', statement)
    .orderBy('seq')
    .execute();
  return rows.map(({ tenant_id: _t, statement_id: _s, ...r }) => ints(r, ['seq']));
}
