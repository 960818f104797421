/**
 * The savings area's queries. Every query filters by tenant; writes take the transaction of
 * `Store.write`. Integers are checked on read (ARCHITECTURE §1.1).
 */
import { type Kysely, sql } from 'kysely';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import { TOTAL_DAY } from './ledger-store.ts';
import type {
  SavingsAccountTable,
  SavingsCycleTable,
  SavingsGroupLoanTable,
  SavingsMeetingLineTable,
  SavingsMeetingTable,
  SavingsShareOutTable,
} from './savings-schema.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

const ROWS_PER_INSERT = 200;

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : Number(x);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type CycleRow = SavingsCycleTable;
export type MeetingRow = SavingsMeetingTable;
export type LineRow = SavingsMeetingLineTable;
export type GroupLoanRow = SavingsGroupLoanTable;
export type AccountRow = SavingsAccountTable;
export type ShareOutRow = SavingsShareOutTable;

function ints<T extends object>(row: T, keys: readonly (keyof T)[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of keys) if (out[k as string] !== null) out[k as string] = int(out[k as string], String(k));
  return out as T;
}

const CYCLE_INTS = [
  'number',
  'share_price_dong',
  'social_dong',
  'loan_multiple',
  'service_charge_ppm_month',
  'term_months_max',
  'absence_fine_dong',
  'split_owners_ppm',
  'split_board_ppm',
  'split_village_ppm',
] as const;
const MEETING_INTS = [
  'number',
  'counted_loan_cash_dong',
  'counted_social_cash_dong',
  'expected_loan_cash_dong',
  'expected_social_cash_dong',
] as const;
const LINE_INTS = [
  'meeting_no',
  'present',
  'shares',
  'social_dong',
  'repayment_dong',
  'service_charge_dong',
  'fine_dong',
  'grant_dong',
  'deposit_dong',
  'withdrawal_dong',
] as const;
const LOAN_INTS = ['meeting_no', 'amount_dong', 'service_charge_ppm_month', 'term_months'] as const;

// --- cycles -------------------------------------------------------------------------------------

export async function insertCycle(tx: Db, row: CycleRow): Promise<void> {
  await tx.insertInto('savings_cycle').values(row).execute();
}

export async function findCycle(db: Db, tenant: string, id: string): Promise<CycleRow | undefined> {
  const r = await db
    .selectFrom('savings_cycle')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? ints(r, CYCLE_INTS) : undefined;
}

export async function listCycles(db: Db, tenant: string, group?: string): Promise<CycleRow[]> {
  let q = db.selectFrom('savings_cycle').selectAll().where('tenant_id', '=', tenant);
  if (group !== undefined) q = q.where('group_id', '=', group);
  const rows = await q.orderBy('group_id').orderBy('number').execute();
  return rows.map((r) => ints(r, CYCLE_INTS));
}

// --- meetings -----------------------------------------------------------------------------------

export async function insertMeeting(tx: Db, row: MeetingRow): Promise<void> {
  await tx.insertInto('savings_meeting').values(row).execute();
}

export async function insertLines(tx: Db, rows: readonly LineRow[]): Promise<void> {
  for (const part of chunks(rows, ROWS_PER_INSERT))
    await tx.insertInto('savings_meeting_line').values(part).execute();
}

export async function listMeetings(db: Db, tenant: string, cycle: string): Promise<MeetingRow[]> {
  const rows = await db
    .selectFrom('savings_meeting')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('cycle_id', '=', cycle)
    .orderBy('number')
    .execute();
  return rows.map((r) => ints(r, MEETING_INTS));
}

export async function lastMeeting(db: Db, tenant: string, cycle: string): Promise<MeetingRow | undefined> {
  const r = await db
    .selectFrom('savings_meeting')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('cycle_id', '=', cycle)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? ints(r, MEETING_INTS) : undefined;
}

export async function findMeetingByKey(db: Db, tenant: string, key: string): Promise<MeetingRow | undefined> {
  const r = await db
    .selectFrom('savings_meeting')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return r ? ints(r, MEETING_INTS) : undefined;
}

export async function linesOf(
  db: Db,
  tenant: string,
  filter: { cycle?: string; person?: string; meeting?: number },
): Promise<LineRow[]> {
  let q = db.selectFrom('savings_meeting_line').selectAll().where('tenant_id', '=', tenant);
  if (filter.cycle !== undefined) q = q.where('cycle_id', '=', filter.cycle);
  if (filter.person !== undefined) q = q.where('person_id', '=', filter.person);
  if (filter.meeting !== undefined) q = q.where('meeting_no', '=', filter.meeting);
  const rows = await q.orderBy('cycle_id').orderBy('meeting_no').orderBy('person_id').execute();
  return rows.map((r) => ints(r, LINE_INTS));
}

/** Shares held per member in a cycle (meeting 0 = carried over). */
export async function sharesByMember(db: Db, tenant: string, cycle: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('savings_meeting_line')
    .select(['person_id', sql<number>`SUM(shares)`.as('shares')])
    .where('tenant_id', '=', tenant)
    .where('cycle_id', '=', cycle)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, int(r.shares, 'shares')]));
}

/** Present and all lines of the meetings of the given cycles held in [from, to]. */
export async function attendance(
  db: Db,
  tenant: string,
  cycles: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, { present: number; lines: number; meetings: number }>> {
  const out = new Map<string, { present: number; lines: number; meetings: number }>();
  if (cycles.length === 0) return out;
  const r = await sql<{ cycle_id: string; present: number; lines: number; meetings: number }>`
    SELECT l.cycle_id, SUM(l.present) AS present, COUNT(*) AS lines, COUNT(DISTINCT l.meeting_no) AS meetings
      FROM savings_meeting_line l JOIN savings_meeting m
        ON m.tenant_id = l.tenant_id AND m.cycle_id = l.cycle_id AND m.number = l.meeting_no
     WHERE l.tenant_id = ${tenant} AND l.meeting_no > 0 AND m.held_on >= ${from} AND m.held_on <= ${to}
       AND l.cycle_id IN (${sql.join(cycles)})
     GROUP BY l.cycle_id`.execute(db);
  for (const row of r.rows)
    out.set(row.cycle_id, {
      present: int(row.present, 'present'),
      lines: int(row.lines, 'lines'),
      meetings: int(row.meetings, 'meetings'),
    });
  return out;
}

// --- group loans --------------------------------------------------------------------------------

export async function insertGroupLoans(tx: Db, rows: readonly GroupLoanRow[]): Promise<void> {
  for (const part of chunks(rows, ROWS_PER_INSERT))
    await tx.insertInto('savings_group_loan').values(part).execute();
}

export async function groupLoans(
  db: Db,
  tenant: string,
  filter: { cycle?: string; cycles?: readonly string[] },
): Promise<GroupLoanRow[]> {
  let q = db.selectFrom('savings_group_loan').selectAll().where('tenant_id', '=', tenant);
  if (filter.cycle !== undefined) q = q.where('cycle_id', '=', filter.cycle);
  if (filter.cycles !== undefined) {
    if (filter.cycles.length === 0) return [];
    q = q.where('cycle_id', 'in', filter.cycles);
  }
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ints(r, LOAN_INTS));
}

export async function countGroupLoans(db: Db, tenant: string): Promise<number> {
  const r = await db
    .selectFrom('savings_group_loan')
    .select(sql<number>`COUNT(*)`.as('n'))
    .where('tenant_id', '=', tenant)
    .executeTakeFirst();
  return int(r?.n ?? 0, 'n');
}

// --- share-out ----------------------------------------------------------------------------------

export async function insertShareOut(tx: Db, row: ShareOutRow): Promise<void> {
  await tx.insertInto('savings_share_out').values(row).execute();
}

export async function findShareOut(db: Db, tenant: string, cycle: string): Promise<ShareOutRow | undefined> {
  const r = await db
    .selectFrom('savings_share_out')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('cycle_id', '=', cycle)
    .executeTakeFirst();
  return r ? ints(r, ['pool_dong', 'remainder_dong']) : undefined;
}

// --- savings accounts ---------------------------------------------------------------------------

export async function insertAccount(tx: Db, row: AccountRow): Promise<void> {
  await tx.insertInto('savings_account').values(row).execute();
}

export async function listAccounts(
  db: Db,
  tenant: string,
  filter: { book?: string; person?: string; persons?: readonly string[]; id?: string },
): Promise<AccountRow[]> {
  let q = db.selectFrom('savings_account').selectAll().where('tenant_id', '=', tenant);
  if (filter.book !== undefined) q = q.where('book_code', '=', filter.book);
  if (filter.person !== undefined) q = q.where('person_id', '=', filter.person);
  if (filter.id !== undefined) q = q.where('id', '=', filter.id);
  if (filter.persons !== undefined) {
    if (filter.persons.length === 0) return [];
    q = q.where('person_id', 'in', filter.persons);
  }
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ints(r, ['rate_ppm_year']));
}

export async function countAccounts(db: Db, tenant: string): Promise<number> {
  const r = await db
    .selectFrom('savings_account')
    .select(sql<number>`COUNT(*)`.as('n'))
    .where('tenant_id', '=', tenant)
    .executeTakeFirst();
  return int(r?.n ?? 0, 'n');
}

export async function lastInterestRun(db: Db, tenant: string, book: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('savings_interest_run')
    .select('as_of')
    .where('tenant_id', '=', tenant)
    .where('book_code', '=', book)
    .orderBy('as_of', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.as_of;
}

export async function insertInterestRun(tx: Db, row: Database['savings_interest_run']): Promise<void> {
  await tx.insertInto('savings_interest_run').values(row).execute();
}

// --- ledger reads this area needs ---------------------------------------------------------------

/**
 * Net debit − credit per party of one account as of a day (or now): one grouped read of the
 * running totals. Parties with no row are absent.
 */
export async function partyNets(
  db: Db,
  tenant: string,
  book: string,
  account: string,
  asOf?: string,
): Promise<Map<string, number>> {
  const r = await sql<{ party_id: string; net: number }>`
    SELECT party_id, SUM(debit_dong) - SUM(credit_dong) AS net FROM party_balance
     WHERE tenant_id = ${tenant} AND book_code = ${book} AND account_code = ${account}
       AND ${asOf === undefined ? sql`day = ${TOTAL_DAY}` : sql`day <= ${asOf}`}
     GROUP BY party_id`.execute(db);
  return new Map(r.rows.map((row) => [row.party_id, int(row.net, 'net')]));
}

/** Net debit − credit per account of a book as of a day (or now), for the accounts named. */
export async function accountNets(
  db: Db,
  tenant: string,
  book: string,
  accounts: readonly string[],
  asOf?: string,
): Promise<Map<string, number>> {
  const r = await sql<{ account_code: string; net: number }>`
    SELECT account_code, SUM(debit_dong) - SUM(credit_dong) AS net FROM account_balance
     WHERE tenant_id = ${tenant} AND book_code = ${book} AND account_code IN (${sql.join(accounts)})
       AND ${asOf === undefined ? sql`day = ${TOTAL_DAY}` : sql`day <= ${asOf}`}
     GROUP BY account_code`.execute(db);
  const out = new Map<string, number>(accounts.map((a) => [a, 0]));
  for (const row of r.rows) out.set(row.account_code, int(row.net, 'net'));
  return out;
}

/** Net of accounts over the days (from, to]: the activity of a period. */
export async function accountNetsBetween(
  db: Db,
  tenant: string,
  book: string,
  accounts: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const r = await sql<{ account_code: string; net: number }>`
    SELECT account_code, SUM(debit_dong) - SUM(credit_dong) AS net FROM account_balance
     WHERE tenant_id = ${tenant} AND book_code = ${book} AND account_code IN (${sql.join(accounts)})
       AND day > ${from} AND day <= ${to} AND day <> ${TOTAL_DAY}
     GROUP BY account_code`.execute(db);
  const out = new Map<string, number>(accounts.map((a) => [a, 0]));
  for (const row of r.rows) out.set(row.account_code, int(row.net, 'net'));
  return out;
}

/** Day-by-day net of one party on one account up to a day (excluded): the steps of its balance. */
export async function partyDayNets(
  db: Db,
  tenant: string,
  book: string,
  account: string,
  parties: readonly string[],
  before: string,
): Promise<Map<string, Array<{ day: string; net: number }>>> {
  const out = new Map<string, Array<{ day: string; net: number }>>();
  if (parties.length === 0) return out;
  const r = await sql<{ party_id: string; day: string; net: number }>`
    SELECT party_id, day, debit_dong - credit_dong AS net FROM party_balance
     WHERE tenant_id = ${tenant} AND book_code = ${book} AND account_code = ${account}
       AND party_id IN (${sql.join(parties)}) AND day < ${before}
     ORDER BY party_id, day`.execute(db);
  for (const row of r.rows) {
    const list = out.get(row.party_id) ?? [];
    list.push({ day: row.day, net: int(row.net, 'net') });
    out.set(row.party_id, list);
  }
  return out;
}

// --- registry reads -----------------------------------------------------------------------------

export interface GroupFacts {
  readonly id: string;
  readonly organisation: string;
  readonly kind: string;
  readonly name: string;
  readonly village: string;
}

export async function findGroup(db: Db, tenant: string, id: string): Promise<GroupFacts | undefined> {
  const r = await db
    .selectFrom('grp')
    .select(['id', 'organisation_id', 'kind', 'name', 'village_id'])
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? { id: r.id, organisation: r.organisation_id, kind: r.kind, name: r.name, village: r.village_id }
    : undefined;
}

export interface MembershipSpan {
  readonly person: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
  readonly fullName: string;
  readonly sex: string | null;
  readonly household: string;
}

/** Every membership span of a group, with the person's name, sex and household. */
export async function groupSpans(db: Db, tenant: string, group: string): Promise<MembershipSpan[]> {
  const rows = await db
    .selectFrom('group_membership as m')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.person_id'),
    )
    .select(['m.person_id', 'm.joined_on', 'm.left_on', 'p.full_name', 'p.sex', 'p.household_id'])
    .where('m.tenant_id', '=', tenant)
    .where('m.group_id', '=', group)
    .orderBy('m.person_id')
    .execute();
  return rows.map((r) => ({
    person: r.person_id,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
    fullName: r.full_name,
    sex: r.sex,
    household: r.household_id,
  }));
}

export async function personsOfHousehold(db: Db, tenant: string, household: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', tenant)
    .where('household_id', '=', household)
    .execute();
  return rows.map((r) => r.id);
}

export async function personExists(db: Db, tenant: string, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return r !== undefined;
}
