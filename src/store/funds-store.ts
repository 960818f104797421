/**
 * The funds' queries (migration 0005). Every query filters by tenant; writes take the transaction
 * of `Store.write`. Integers are checked on read (ARCHITECTURE §1.1).
 */
import { type Kysely, sql } from 'kysely';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import type {
  FundCapTable,
  FundDonationTable,
  FundPhaseTable,
  FundPledgeTable,
  FundPointTable,
  FundSpendingTable,
  FundTable,
} from './funds-schema.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : (x as number);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

export type FundRow = Omit<FundTable, 'tenant_id'>;
export type PhaseRow = Omit<FundPhaseTable, 'tenant_id'>;
export type PointRow = Omit<FundPointTable, 'tenant_id'>;
export type CapRowDb = Omit<FundCapTable, 'tenant_id'>;
export type PledgeRow = Omit<FundPledgeTable, 'tenant_id'>;
export type DonationRow = Omit<FundDonationTable, 'tenant_id'>;
export type SpendingRow = Omit<FundSpendingTable, 'tenant_id'>;

function strip<T extends { tenant_id: string }>(r: T): Omit<T, 'tenant_id'> {
  const { tenant_id: _t, ...rest } = r;
  return rest;
}

function donationOf(r: FundDonationTable): DonationRow {
  return {
    ...strip(r),
    receipt_no: int(r.receipt_no, 'receipt_no'),
    amount_dong: int(r.amount_dong, 'amount_dong'),
    anonymous: int(r.anonymous, 'anonymous'),
    phase_no: r.phase_no === null ? null : int(r.phase_no, 'phase_no'),
    seq: int(r.seq, 'seq'),
  };
}

function spendingOf(r: FundSpendingTable): SpendingRow {
  return {
    ...strip(r),
    voucher_no: int(r.voucher_no, 'voucher_no'),
    amount_dong: int(r.amount_dong, 'amount_dong'),
    phase_no: r.phase_no === null ? null : int(r.phase_no, 'phase_no'),
    operation_id: r.operation_id === null ? null : int(r.operation_id, 'operation_id'),
    seq: int(r.seq, 'seq'),
  };
}

// --- funds ----------------------------------------------------------------------------------------

export async function insertFund(
  tx: Db,
  tenant: string,
  f: FundRow,
  phases: readonly PhaseRow[],
  points: readonly PointRow[],
): Promise<void> {
  await tx
    .insertInto('fund')
    .values({ tenant_id: tenant, ...f })
    .execute();
  if (phases.length > 0)
    await tx
      .insertInto('fund_phase')
      .values(phases.map((p) => ({ tenant_id: tenant, ...p })))
      .execute();
  if (points.length > 0)
    await tx
      .insertInto('fund_point')
      .values(points.map((p) => ({ tenant_id: tenant, ...p })))
      .execute();
}

export async function findFund(db: Db, tenant: string, id: string): Promise<FundRow | undefined> {
  const r = await db
    .selectFrom('fund')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && strip(r);
}

export async function listFunds(db: Db, tenant: string): Promise<FundRow[]> {
  const rows = await db
    .selectFrom('fund')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('opens_on', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(strip);
}

export async function phasesOf(db: Db, tenant: string, fund: string): Promise<PhaseRow[]> {
  const rows = await db
    .selectFrom('fund_phase')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .orderBy('phase_no')
    .execute();
  return rows.map((r) => ({ ...strip(r), phase_no: int(r.phase_no, 'phase_no') }));
}

export async function pointsOf(db: Db, tenant: string, fund: string): Promise<PointRow[]> {
  const rows = await db
    .selectFrom('fund_point')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .orderBy('id')
    .execute();
  return rows.map(strip);
}

// --- caps -----------------------------------------------------------------------------------------

export async function insertCap(tx: Db, tenant: string, c: CapRowDb): Promise<void> {
  await tx
    .insertInto('fund_cap')
    .values({ tenant_id: tenant, ...c })
    .execute();
}

export async function listCaps(db: Db, tenant: string): Promise<CapRowDb[]> {
  const rows = await db
    .selectFrom('fund_cap')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('purpose')
    .orderBy('effective_from')
    .execute();
  return rows.map((r) => ({ ...strip(r), cap_dong: int(r.cap_dong, 'cap_dong') }));
}

// --- pledges --------------------------------------------------------------------------------------

export async function insertPledge(tx: Db, tenant: string, p: PledgeRow): Promise<void> {
  await tx
    .insertInto('fund_pledge')
    .values({ tenant_id: tenant, ...p })
    .execute();
}

export async function findPledge(
  db: Db,
  tenant: string,
  fund: string,
  id: string,
): Promise<PledgeRow | undefined> {
  const r = await db
    .selectFrom('fund_pledge')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { ...strip(r), amount_dong: int(r.amount_dong, 'amount_dong'), seq: int(r.seq, 'seq') };
}

export async function pledgesOf(db: Db, tenant: string, fund: string): Promise<PledgeRow[]> {
  const rows = await db
    .selectFrom('fund_pledge')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .orderBy('pledged_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...strip(r),
    amount_dong: int(r.amount_dong, 'amount_dong'),
    seq: int(r.seq, 'seq'),
  }));
}

// --- donations ------------------------------------------------------------------------------------

/** The next receipt number of a fund: one more than the last (gapless). */
export async function nextReceiptNo(db: Db, tenant: string, fund: string): Promise<number> {
  const r = await db
    .selectFrom('fund_donation')
    .select(sql<number>`MAX(receipt_no)`.as('n'))
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .executeTakeFirst();
  return (r?.n == null ? 0 : int(r.n, 'receipt_no')) + 1;
}

export async function insertDonation(tx: Db, tenant: string, d: DonationRow): Promise<void> {
  await tx
    .insertInto('fund_donation')
    .values({ tenant_id: tenant, ...d })
    .execute();
}

export async function findDonation(
  db: Db,
  tenant: string,
  fund: string,
  receiptNo: number,
): Promise<DonationRow | undefined> {
  const r = await db
    .selectFrom('fund_donation')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .where('receipt_no', '=', receiptNo)
    .executeTakeFirst();
  return r && donationOf(r);
}

export async function donationsOf(
  db: Db,
  tenant: string,
  fund: string,
  range: { from?: string | undefined; to?: string | undefined; limit: number; after?: number },
): Promise<DonationRow[]> {
  let q = db
    .selectFrom('fund_donation')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund);
  if (range.from !== undefined) q = q.where('received_on', '>=', range.from);
  if (range.to !== undefined) q = q.where('received_on', '<=', range.to);
  if (range.after !== undefined) q = q.where('receipt_no', '>', range.after);
  const rows = await q.orderBy('receipt_no').limit(range.limit).execute();
  return rows.map(donationOf);
}

// --- spendings ------------------------------------------------------------------------------------

export async function nextVoucherNo(db: Db, tenant: string, fund: string): Promise<number> {
  const r = await db
    .selectFrom('fund_spending')
    .select(sql<number>`MAX(voucher_no)`.as('n'))
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .executeTakeFirst();
  return (r?.n == null ? 0 : int(r.n, 'voucher_no')) + 1;
}

export async function insertSpending(tx: Db, tenant: string, s: SpendingRow): Promise<void> {
  await tx
    .insertInto('fund_spending')
    .values({ tenant_id: tenant, ...s })
    .execute();
}

export async function findSpending(
  db: Db,
  tenant: string,
  fund: string,
  voucherNo: number,
): Promise<SpendingRow | undefined> {
  const r = await db
    .selectFrom('fund_spending')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .where('voucher_no', '=', voucherNo)
    .executeTakeFirst();
  return r && spendingOf(r);
}

export async function spendingsOf(
  db: Db,
  tenant: string,
  fund: string,
  range: { from?: string | undefined; to?: string | undefined; limit: number; after?: number },
): Promise<SpendingRow[]> {
  let q = db
    .selectFrom('fund_spending')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund);
  if (range.from !== undefined) q = q.where('paid_on', '>=', range.from);
  if (range.to !== undefined) q = q.where('paid_on', '<=', range.to);
  if (range.after !== undefined) q = q.where('voucher_no', '>', range.after);
  const rows = await q.orderBy('voucher_no').limit(range.limit).execute();
  return rows.map(spendingOf);
}

/** Every aid a household received, from every fund, on or before a day. */
export async function aidOfHousehold(
  db: Db,
  tenant: string,
  household: string,
  asOf: string | undefined,
  limit: number,
): Promise<SpendingRow[]> {
  let q = db
    .selectFrom('fund_spending')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('household_id', '=', household);
  if (asOf !== undefined) q = q.where('paid_on', '<=', asOf);
  const rows = await q.orderBy('paid_on').orderBy('fund_id').orderBy('voucher_no').limit(limit).execute();
  return rows.map(spendingOf);
}

/** What one household has had from one fund for one purpose (the cap counts it). */
export async function aidTotalOf(
  db: Db,
  tenant: string,
  fund: string,
  household: string,
  purpose: string,
): Promise<number> {
  const r = await db
    .selectFrom('fund_spending')
    .select(sql<number>`SUM(amount_dong)`.as('total'))
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .where('household_id', '=', household)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  return r?.total == null ? 0 : int(r.total, 'total');
}

/** Count and sum of a fund's donations and of its spendings (one aggregate each). */
export async function fundTotals(
  db: Db,
  tenant: string,
  fund: string,
): Promise<{ donations: number; receivedDong: number; spendings: number; spentDong: number }> {
  const d = await db
    .selectFrom('fund_donation')
    .select([sql<number>`COUNT(*)`.as('n'), sql<number>`SUM(amount_dong)`.as('total')])
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .executeTakeFirst();
  const s = await db
    .selectFrom('fund_spending')
    .select([sql<number>`COUNT(*)`.as('n'), sql<number>`SUM(amount_dong)`.as('total')])
    .where('tenant_id', '=', tenant)
    .where('fund_id', '=', fund)
    .executeTakeFirst();
  return {
    donations: int(d?.n ?? 0, 'count'),
    receivedDong: d?.total == null ? 0 : int(d.total, 'total'),
    spendings: int(s?.n ?? 0, 'count'),
    spentDong: s?.total == null ? 0 : int(s.total, 'total'),
  };
}
