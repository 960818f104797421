/**
 * The loans' queries. Every query filters by tenant; writes take the transaction of
 * `Store.write`. Integers are checked on read (ARCHITECTURE §1.1).
 */
import { type Kysely, sql } from 'kysely';
import type { AllocationCategory } from '../domain/loans/allocation.ts';
import type { DayCount } from '../domain/loans/interest.ts';
import type { AccountingMode, Programme } from '../domain/loans/programmes.ts';
import type { Quoting, RatePolicy, RateRow } from '../domain/loans/rates.ts';
import type { CustomInstalment, ScheduleMethod, ScheduleTerms } from '../domain/loans/schedule.ts';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import { bulkInsert } from './bulk.ts';
import { TOTAL_DAY } from './ledger-store.ts';
import type { LoanSnapshotTable } from './loans-schema.ts';
import type { EngineKind } from './migrations/dialect.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** Ids per `IN (…)` list: far under both engines' bound-parameter limits. */
const IDS_PER_QUERY = 1_000;
const ROWS_PER_INSERT = 500;

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : (x as number);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// --- programmes ---------------------------------------------------------------------------------

export async function insertProgramme(
  tx: Db,
  tenant: string,
  p: Programme,
  at: string,
  actor: string,
): Promise<void> {
  await tx
    .insertInto('loan_programme')
    .values({
      tenant_id: tenant,
      id: p.id,
      name_vi: p.nameVi,
      name_en: p.nameEn,
      accounting: p.accounting,
      book_template: p.bookTemplate,
      charge: p.charge,
      quoting: p.quoting,
      day_count: p.dayCount,
      overdue_multiplier_ppm: p.overdueMultiplierPpm,
      rate_policy: p.ratePolicy,
      cap_household_dong: p.capHouseholdDong,
      cap_project_dong: p.capProjectDong,
      term_months_max: p.termMonthsMax,
      schedule_method: p.scheduleMethod,
      principal_every_months: p.principalEveryMonths,
      interest_every_months: p.interestEveryMonths,
      grace_principal_months: p.gracePrincipalMonths,
      grace_interest_months: p.graceInterestMonths,
      extension_months_max: p.extensionMonthsMax,
      freeze_months_max: p.freezeMonthsMax,
      allocation_order: p.allocationOrder.join(','),
      requires_source: p.requiresSource ? 1 : 0,
      created_at: at,
      actor,
    })
    .execute();
}

export async function listProgrammes(db: Db, tenant: string): Promise<Programme[]> {
  const rows = await db
    .selectFrom('loan_programme')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    accounting: r.accounting as AccountingMode,
    bookTemplate: r.book_template,
    charge: r.charge as Programme['charge'],
    quoting: r.quoting as Quoting,
    dayCount: r.day_count as DayCount,
    overdueMultiplierPpm: int(r.overdue_multiplier_ppm, 'overdue_multiplier_ppm'),
    ratePolicy: r.rate_policy as RatePolicy,
    capHouseholdDong: r.cap_household_dong === null ? null : int(r.cap_household_dong, 'cap'),
    capProjectDong: r.cap_project_dong === null ? null : int(r.cap_project_dong, 'cap'),
    termMonthsMax: int(r.term_months_max, 'term'),
    scheduleMethod: r.schedule_method as ScheduleMethod,
    principalEveryMonths: int(r.principal_every_months, 'months'),
    interestEveryMonths: int(r.interest_every_months, 'months'),
    gracePrincipalMonths: int(r.grace_principal_months, 'months'),
    graceInterestMonths: int(r.grace_interest_months, 'months'),
    extensionMonthsMax: int(r.extension_months_max, 'months'),
    freezeMonthsMax: int(r.freeze_months_max, 'months'),
    allocationOrder: r.allocation_order.split(',') as AllocationCategory[],
    requiresSource: int(r.requires_source, 'requires_source') === 1,
  }));
}

export async function insertRate(
  tx: Db,
  tenant: string,
  r: RateRow,
  at: string,
  actor: string,
): Promise<void> {
  await tx
    .insertInto('loan_programme_rate')
    .values({
      tenant_id: tenant,
      programme_id: r.programme,
      effective_from: r.from,
      quoted_ppm: r.quotedPpm,
      quoting: r.quoting,
      base_programme_id: r.base?.programme ?? null,
      multiplier_ppm: r.base?.multiplierPpm ?? null,
      document_no: r.documentNo,
      note: r.note,
      created_at: at,
      actor,
    })
    .execute();
}

export async function listRates(db: Db, tenant: string): Promise<RateRow[]> {
  const rows = await db
    .selectFrom('loan_programme_rate')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('programme_id')
    .orderBy('effective_from')
    .execute();
  return rows.map((r) => ({
    programme: r.programme_id,
    from: r.effective_from,
    quotedPpm: r.quoted_ppm === null ? null : int(r.quoted_ppm, 'quoted_ppm'),
    quoting: r.quoting as Quoting,
    base:
      r.base_programme_id === null
        ? null
        : { programme: r.base_programme_id, multiplierPpm: int(r.multiplier_ppm, 'multiplier_ppm') },
    documentNo: r.document_no,
    note: r.note,
  }));
}

// --- loans --------------------------------------------------------------------------------------

/** A loan contract as stored: the terms fixed when it was applied for. */
export interface LoanRow {
  readonly id: string;
  readonly programme: string;
  readonly book: string;
  readonly household: string;
  readonly organisation: string | null;
  readonly group: string | null;
  readonly village: string | null;
  readonly source: string | null;
  readonly purpose: string;
  readonly agreementNo: string | null;
  readonly amountApplied: number;
  readonly terms: ScheduleTerms;
  readonly dayCount: DayCount;
  readonly overdueMultiplierPpm: number;
  readonly ratePolicy: RatePolicy;
  readonly allocationOrder: readonly AllocationCategory[];
  readonly appliedOn: string;
}

/** A loan's row as stored: the one mapping for the service's insert and a bulk load. */
function loanValues(tenant: string, l: LoanRow, at: string, actor: string) {
  return {
    tenant_id: tenant,
    id: l.id,
    programme_id: l.programme,
    book_code: l.book,
    household_id: l.household,
    organisation_id: l.organisation,
    group_id: l.group,
    village_id: l.village,
    source: l.source,
    purpose: l.purpose,
    agreement_no: l.agreementNo,
    amount_applied_dong: l.amountApplied,
    term_months: l.terms.termMonths,
    schedule_method: l.terms.method,
    principal_every_months: l.terms.principalEveryMonths,
    interest_every_months: l.terms.interestEveryMonths,
    grace_principal_months: l.terms.gracePrincipalMonths,
    grace_interest_months: l.terms.graceInterestMonths,
    custom_schedule: l.terms.custom === null ? null : JSON.stringify(l.terms.custom),
    day_count: l.dayCount,
    overdue_multiplier_ppm: l.overdueMultiplierPpm,
    rate_policy: l.ratePolicy,
    allocation_order: l.allocationOrder.join(','),
    applied_on: l.appliedOn,
    created_at: at,
    actor,
  };
}

export async function insertLoan(
  tx: Db,
  tenant: string,
  l: LoanRow,
  at: string,
  actor: string,
): Promise<void> {
  await tx
    .insertInto('loan')
    .values(loanValues(tenant, l, at, actor))
    .execute();
}

/** Many loans in multi-row statements (a bulk load: the benchmark's seeding). */
export async function insertLoans(
  tx: Db,
  kind: EngineKind,
  tenant: string,
  loans: readonly LoanRow[],
  at: string,
  actor: string,
): Promise<void> {
  await bulkRows(
    tx,
    kind,
    'loan',
    loans.map((l) => loanValues(tenant, l, at, actor)),
  );
}

function toLoan(r: Database['loan']): LoanRow {
  return {
    id: r.id,
    programme: r.programme_id,
    book: r.book_code,
    household: r.household_id,
    organisation: r.organisation_id,
    group: r.group_id,
    village: r.village_id,
    source: r.source,
    purpose: r.purpose,
    agreementNo: r.agreement_no,
    amountApplied: int(r.amount_applied_dong, 'amount_applied_dong'),
    terms: {
      method: r.schedule_method as ScheduleMethod,
      termMonths: int(r.term_months, 'term_months'),
      principalEveryMonths: int(r.principal_every_months, 'months'),
      interestEveryMonths: int(r.interest_every_months, 'months'),
      gracePrincipalMonths: int(r.grace_principal_months, 'months'),
      graceInterestMonths: int(r.grace_interest_months, 'months'),
      custom: r.custom_schedule === null ? null : (JSON.parse(r.custom_schedule) as CustomInstalment[]),
    },
    dayCount: r.day_count as DayCount,
    overdueMultiplierPpm: int(r.overdue_multiplier_ppm, 'overdue_multiplier_ppm'),
    ratePolicy: r.rate_policy as RatePolicy,
    allocationOrder: r.allocation_order.split(',') as AllocationCategory[],
    appliedOn: r.applied_on,
  };
}

export async function findLoans(db: Db, tenant: string, ids: readonly string[]): Promise<LoanRow[]> {
  const out: LoanRow[] = [];
  for (const part of chunks(ids, IDS_PER_QUERY)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('loan')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('id', 'in', part)
      .execute();
    out.push(...rows.map(toLoan));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Loans in id order after `cursor`: the month-end job's and the live reports' walk. */
export async function listLoansAfter(
  db: Db,
  tenant: string,
  cursor: string | null,
  limit: number,
): Promise<LoanRow[]> {
  let q = db.selectFrom('loan').selectAll().where('tenant_id', '=', tenant);
  if (cursor !== null) q = q.where('id', '>', cursor);
  return (await q.orderBy('id').limit(limit).execute()).map(toLoan);
}

export async function countLoans(db: Db, tenant: string): Promise<number> {
  const r = await db
    .selectFrom('loan')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenant)
    .executeTakeFirstOrThrow();
  return int(r.n, 'count');
}

/** Ids of a household's loans in a programme, or of a group's (a joint plan's) loans. */
export async function loanIdsWhere(
  db: Db,
  tenant: string,
  where: { household?: string; group?: string; programme: string },
): Promise<string[]> {
  let q = db
    .selectFrom('loan')
    .select('id')
    .where('tenant_id', '=', tenant)
    .where('programme_id', '=', where.programme);
  if (where.household !== undefined) q = q.where('household_id', '=', where.household);
  if (where.group !== undefined) q = q.where('group_id', '=', where.group);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

/** The books that hold loans. */
export async function loanBooks(db: Db, tenant: string): Promise<string[]> {
  const rows = await db
    .selectFrom('loan')
    .select('book_code')
    .distinct()
    .where('tenant_id', '=', tenant)
    .execute();
  return rows.map((r) => r.book_code).sort();
}

/** Ids of the loans of a capital source in a book. */
export async function loanIdsOfSource(
  db: Db,
  tenant: string,
  book: string,
  source: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('loan')
    .select('id')
    .where('tenant_id', '=', tenant)
    .where('book_code', '=', book)
    .where('source', '=', source)
    .execute();
  return rows.map((r) => r.id);
}

// --- events -------------------------------------------------------------------------------------

export interface EventRow {
  readonly loan: string;
  readonly seq: number;
  readonly kind: string;
  readonly date: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly documentNo: string | null;
  readonly approver: string | null;
  readonly causeShockId: string | null;
  readonly causeKind: string | null;
  readonly causeText: string | null;
  readonly lossDong: number | null;
  readonly params: Record<string, unknown>;
  readonly result: Record<string, unknown>;
  /** Journal sequence numbers in the loan's book. */
  readonly entries: readonly number[];
  readonly idempotencyKey: string | null;
  readonly requestHash: string | null;
}

/** A loan event's row as stored: the one mapping for the service's insert and a bulk load. */
function eventValues(tenant: string, e: EventRow) {
  return {
    tenant_id: tenant,
    loan_id: e.loan,
    seq: e.seq,
    kind: e.kind,
    effective_date: e.date,
    recorded_at: e.recordedAt,
    actor: e.actor,
    document_no: e.documentNo,
    approver: e.approver,
    cause_shock_id: e.causeShockId,
    cause_kind: e.causeKind,
    cause_text: e.causeText,
    loss_dong: e.lossDong,
    params: JSON.stringify(e.params),
    result: JSON.stringify(e.result),
    entries: JSON.stringify(e.entries),
    idempotency_key: e.idempotencyKey,
    request_hash: e.requestHash,
  };
}

export async function insertEvent(tx: Db, tenant: string, e: EventRow): Promise<void> {
  await tx.insertInto('loan_event').values(eventValues(tenant, e)).execute();
}

/** Many loan events in multi-row statements (a bulk load: the benchmark's seeding). */
export async function insertEvents(
  tx: Db,
  kind: EngineKind,
  tenant: string,
  events: readonly EventRow[],
): Promise<void> {
  await bulkRows(
    tx,
    kind,
    'loan_event',
    events.map((e) => eventValues(tenant, e)),
  );
}

/** Rows of one mapping (same keys, same order) through bulkInsert. */
async function bulkRows(
  tx: Db,
  kind: EngineKind,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  await bulkInsert(
    tx,
    kind,
    table,
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

function toEvent(r: Database['loan_event']): EventRow {
  return {
    loan: r.loan_id,
    seq: int(r.seq, 'seq'),
    kind: r.kind,
    date: r.effective_date,
    recordedAt: r.recorded_at,
    actor: r.actor,
    documentNo: r.document_no,
    approver: r.approver,
    causeShockId: r.cause_shock_id,
    causeKind: r.cause_kind,
    causeText: r.cause_text,
    lossDong: r.loss_dong === null ? null : int(r.loss_dong, 'loss_dong'),
    params: JSON.parse(r.params) as Record<string, unknown>,
    result: JSON.parse(r.result) as Record<string, unknown>,
    entries: JSON.parse(r.entries) as number[],
    idempotencyKey: r.idempotency_key,
    requestHash: r.request_hash,
  };
}

/** Events of the loans, each loan's in sequence order. */
export async function listEvents(
  db: Db,
  tenant: string,
  loans: readonly string[],
): Promise<Map<string, EventRow[]>> {
  const out = new Map<string, EventRow[]>(loans.map((id) => [id, []]));
  for (const part of chunks(loans, IDS_PER_QUERY)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('loan_event')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('loan_id', 'in', part)
      .orderBy('loan_id')
      .orderBy('seq')
      .execute();
    for (const r of rows) out.get(r.loan_id)?.push(toEvent(r));
  }
  return out;
}

export async function findEventByKey(db: Db, tenant: string, key: string): Promise<EventRow | undefined> {
  const r = await db
    .selectFrom('loan_event')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return r && toEvent(r);
}

// --- the journal, as seen from loans -------------------------------------------------------------

/** One posting on a loan's party with what its entry says. */
export interface LoanPosting {
  readonly party: string;
  readonly seq: number;
  readonly date: string;
  readonly kind: string;
  readonly reversesSeq: number | null;
  readonly account: string;
  readonly amount: number;
}

/**
 * Every posting naming one of `parties` in `book`, in journal order (index `posting_party_seq`),
 * with its entry's kind and reversal link read by key afterwards. Two look-ups, not one join:
 * joined, PostgreSQL hashed the whole journal of the book for every chunk of loans, so a
 * month-end run grew with the square of the portfolio.
 */
export async function loanPostings(
  db: Db,
  tenant: string,
  book: string,
  parties: readonly string[],
): Promise<LoanPosting[]> {
  const out: LoanPosting[] = [];
  for (const part of chunks(parties, IDS_PER_QUERY)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('posting')
      .select(['party_id', 'seq', 'line', 'effective_date', 'account_code', 'amount_dong'])
      .where('tenant_id', '=', tenant)
      .where('book_code', '=', book)
      .where('party_id', 'in', part)
      // A literal, so both engines use the partial index of party postings (migration 0013).
      .where(sql<boolean>`party_id <> ''`)
      .orderBy('party_id')
      .orderBy('seq')
      .orderBy('line')
      .execute();
    const entries = new Map<number, { kind: string; reversesSeq: number | null }>();
    const seqs = [...new Set(rows.map((r) => int(r.seq, 'seq')))];
    for (const some of chunks(seqs, IDS_PER_QUERY))
      for (const e of await db
        .selectFrom('journal_entry')
        .select(['seq', 'kind', 'reverses_seq'])
        .where('tenant_id', '=', tenant)
        .where('book_code', '=', book)
        .where('seq', 'in', some)
        .execute())
        entries.set(int(e.seq, 'seq'), {
          kind: e.kind,
          reversesSeq: e.reverses_seq === null ? null : int(e.reverses_seq, 'reverses_seq'),
        });
    for (const r of rows) {
      const seq = int(r.seq, 'seq');
      const entry = entries.get(seq)!;
      out.push({
        party: r.party_id,
        seq,
        date: r.effective_date,
        kind: entry.kind,
        reversesSeq: entry.reversesSeq,
        account: r.account_code,
        amount: int(r.amount_dong, 'amount_dong'),
      });
    }
  }
  return out;
}

/** Net debit of `accounts` for each of `parties` now (one row per party and account). */
export async function partyNets(
  db: Db,
  tenant: string,
  book: string,
  accounts: readonly string[],
  parties: readonly string[],
): Promise<number> {
  let total = 0;
  for (const part of chunks(parties, IDS_PER_QUERY)) {
    if (part.length === 0) continue;
    const r = await db
      .selectFrom('party_balance')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('debit_dong'), sql.lit(0)).as('debit'),
        eb.fn.coalesce(eb.fn.sum<number>('credit_dong'), sql.lit(0)).as('credit'),
      ])
      .where('tenant_id', '=', tenant)
      .where('book_code', '=', book)
      .where('account_code', 'in', accounts)
      .where('party_id', 'in', part)
      .where('day', '=', TOTAL_DAY)
      .executeTakeFirstOrThrow();
    total += int(r.debit, 'debit') - int(r.credit, 'credit');
  }
  return total;
}

// --- snapshots ----------------------------------------------------------------------------------

export type SnapshotRow = Omit<LoanSnapshotTable, 'tenant_id'>;

export async function upsertSnapshots(tx: Db, tenant: string, rows: readonly SnapshotRow[]): Promise<void> {
  for (const part of chunks(rows, ROWS_PER_INSERT)) {
    if (part.length === 0) continue;
    await tx
      .insertInto('loan_snapshot')
      .values(part.map((r) => ({ tenant_id: tenant, ...r })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'as_of', 'loan_id']).doUpdateSet((eb) => ({
          book_code: eb.ref('excluded.book_code'),
          programme_id: eb.ref('excluded.programme_id'),
          household_id: eb.ref('excluded.household_id'),
          organisation_id: eb.ref('excluded.organisation_id'),
          group_id: eb.ref('excluded.group_id'),
          village_id: eb.ref('excluded.village_id'),
          source: eb.ref('excluded.source'),
          status: eb.ref('excluded.status'),
          outstanding_dong: eb.ref('excluded.outstanding_dong'),
          current_dong: eb.ref('excluded.current_dong'),
          overdue_dong: eb.ref('excluded.overdue_dong'),
          extended_dong: eb.ref('excluded.extended_dong'),
          frozen_dong: eb.ref('excluded.frozen_dong'),
          interest_due_dong: eb.ref('excluded.interest_due_dong'),
          interest_accrued_dong: eb.ref('excluded.interest_accrued_dong'),
          overdue_interest_dong: eb.ref('excluded.overdue_interest_dong'),
          days_past_due: eb.ref('excluded.days_past_due'),
          bucket: eb.ref('excluded.bucket'),
          oldest_overdue_due: eb.ref('excluded.oldest_overdue_due'),
          frozen_until: eb.ref('excluded.frozen_until'),
          last_transaction: eb.ref('excluded.last_transaction'),
          maturity: eb.ref('excluded.maturity'),
          computed_at: eb.ref('excluded.computed_at'),
        })),
      )
      .execute();
  }
}

export async function deleteSnapshot(tx: Db, tenant: string, asOf: string, loan: string): Promise<void> {
  await tx
    .deleteFrom('loan_snapshot')
    .where('tenant_id', '=', tenant)
    .where('as_of', '=', asOf)
    .where('loan_id', '=', loan)
    .execute();
}

function toSnapshot(r: LoanSnapshotTable): SnapshotRow {
  const n = (x: number, w: string) => int(x, w);
  return {
    as_of: r.as_of,
    loan_id: r.loan_id,
    book_code: r.book_code,
    programme_id: r.programme_id,
    household_id: r.household_id,
    organisation_id: r.organisation_id,
    group_id: r.group_id,
    village_id: r.village_id,
    source: r.source,
    status: r.status,
    outstanding_dong: n(r.outstanding_dong, 'outstanding'),
    current_dong: n(r.current_dong, 'current'),
    overdue_dong: n(r.overdue_dong, 'overdue'),
    extended_dong: n(r.extended_dong, 'extended'),
    frozen_dong: n(r.frozen_dong, 'frozen'),
    interest_due_dong: n(r.interest_due_dong, 'interest_due'),
    interest_accrued_dong: n(r.interest_accrued_dong, 'interest_accrued'),
    overdue_interest_dong: n(r.overdue_interest_dong, 'overdue_interest'),
    days_past_due: n(r.days_past_due, 'dpd'),
    bucket: r.bucket,
    oldest_overdue_due: r.oldest_overdue_due,
    frozen_until: r.frozen_until,
    last_transaction: r.last_transaction,
    maturity: r.maturity,
    computed_at: r.computed_at,
  };
}

export interface SnapshotFilter {
  readonly overdueOnly?: boolean;
  readonly frozenOnly?: boolean;
  readonly idleSince?: string;
  readonly limit: number;
}

/** Snapshot rows of a date, filtered in SQL: the overdue, frozen and idle lists. */
export async function readSnapshots(
  db: Db,
  tenant: string,
  asOf: string,
  f: SnapshotFilter,
): Promise<SnapshotRow[]> {
  let q = db
    .selectFrom('loan_snapshot')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('as_of', '=', asOf);
  if (f.overdueOnly) q = q.where('overdue_dong', '>', 0);
  if (f.frozenOnly) q = q.where('frozen_dong', '>', 0);
  if (f.idleSince !== undefined) {
    const since = f.idleSince;
    q = q
      .where('outstanding_dong', '>', 0)
      .where((eb) => eb.or([eb('last_transaction', 'is', null), eb('last_transaction', '<=', since)]));
  }
  const rows = await q.orderBy('loan_id').limit(f.limit).execute();
  return rows.map(toSnapshot);
}

export const PORTFOLIO_DIMENSIONS = {
  programme: 'programme_id',
  organisation: 'organisation_id',
  group: 'group_id',
  village: 'village_id',
  source: 'source',
  book: 'book_code',
  bucket: 'bucket',
  status: 'status',
} as const;
export type PortfolioDimension = keyof typeof PORTFOLIO_DIMENSIONS;

export interface PortfolioSums {
  readonly key: string | null;
  readonly loans: number;
  readonly borrowers: number;
  readonly outstanding: number;
  readonly current: number;
  readonly overdue: number;
  readonly extended: number;
  readonly frozen: number;
  readonly interestDue: number;
  readonly interestAccrued: number;
  readonly overdueInterest: number;
  readonly overdueLoans: number;
  readonly par30Outstanding: number;
}

/** Sums of a date's snapshot by one dimension (or over all rows), in SQL (loans with something owed). */
export async function aggregateSnapshots(
  db: Db,
  tenant: string,
  asOf: string,
  by: PortfolioDimension | 'all',
  parDays: number,
  /** Only the loans of these books (the web app's scoped portfolios); all when absent. */
  books?: readonly string[],
): Promise<PortfolioSums[]> {
  if (books !== undefined && books.length === 0) return [];
  const sum = (c: string) => sql<number>`COALESCE(SUM(${sql.ref(c)}), 0)`;
  const key =
    by === 'all' ? sql<string | null>`${sql.lit('all')}` : sql.ref<string | null>(PORTFOLIO_DIMENSIONS[by]);
  const base = db
    .selectFrom('loan_snapshot')
    .select([
      key.as('key'),
      sql<number>`COUNT(*)`.as('loans'),
      sql<number>`COUNT(DISTINCT household_id)`.as('borrowers'),
      sum('outstanding_dong').as('outstanding'),
      sum('current_dong').as('current'),
      sum('overdue_dong').as('overdue'),
      sum('extended_dong').as('extended'),
      sum('frozen_dong').as('frozen'),
      sum('interest_due_dong').as('interest_due'),
      sum('interest_accrued_dong').as('interest_accrued'),
      sum('overdue_interest_dong').as('overdue_interest'),
      sql<number>`COALESCE(SUM(CASE WHEN overdue_dong > 0 THEN 1 ELSE 0 END), 0)`.as('overdue_loans'),
      sql<number>`COALESCE(SUM(CASE WHEN days_past_due > ${sql.lit(parDays)} THEN outstanding_dong ELSE 0 END), 0)`.as(
        'par',
      ),
    ])
    .where('tenant_id', '=', tenant)
    .where('as_of', '=', asOf)
    .where((eb) =>
      eb.or([
        eb('outstanding_dong', '>', 0),
        eb('interest_due_dong', '>', 0),
        eb('interest_accrued_dong', '>', 0),
        eb('overdue_interest_dong', '>', 0),
      ]),
    );
  const scoped = books === undefined ? base : base.where('book_code', 'in', [...books]);
  const rows =
    by === 'all' ? await scoped.execute() : await scoped.groupBy(sql.ref(PORTFOLIO_DIMENSIONS[by])).execute();
  return rows
    .filter((r) => by !== 'all' || int(r.loans, 'loans') > 0)
    .map((r) => ({
      key: r.key,
      loans: int(r.loans, 'loans'),
      borrowers: int(r.borrowers, 'borrowers'),
      outstanding: int(r.outstanding, 'outstanding'),
      current: int(r.current, 'current'),
      overdue: int(r.overdue, 'overdue'),
      extended: int(r.extended, 'extended'),
      frozen: int(r.frozen, 'frozen'),
      interestDue: int(r.interest_due, 'interest_due'),
      interestAccrued: int(r.interest_accrued, 'interest_accrued'),
      overdueInterest: int(r.overdue_interest, 'overdue_interest'),
      overdueLoans: int(r.overdue_loans, 'overdue_loans'),
      par30Outstanding: int(r.par, 'par'),
    }));
}

// --- the month-end job --------------------------------------------------------------------------

export interface JobRow {
  readonly id: string;
  readonly kind: 'month_end';
  readonly asOf: string;
  readonly runNo: number;
  readonly status: 'running' | 'done';
  readonly cursor: string | null;
  readonly loansDone: number;
  readonly loansTotal: number;
  readonly entriesPosted: number;
  readonly chunksDone: number;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly actor: string;
}

function toJob(r: Database['loan_job']): JobRow {
  return {
    id: r.id,
    kind: r.kind as 'month_end',
    asOf: r.as_of,
    runNo: int(r.run_no, 'run_no'),
    status: r.status as JobRow['status'],
    cursor: r.cursor,
    loansDone: int(r.loans_done, 'loans_done'),
    loansTotal: int(r.loans_total, 'loans_total'),
    entriesPosted: int(r.entries_posted, 'entries_posted'),
    chunksDone: int(r.chunks_done, 'chunks_done'),
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    actor: r.actor,
  };
}

/** Runs of the month-end job for a date, latest first. */
export async function findJobs(db: Db, tenant: string, asOf: string): Promise<JobRow[]> {
  const rows = await db
    .selectFrom('loan_job')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('kind', '=', 'month_end')
    .where('as_of', '=', asOf)
    .orderBy('run_no', 'desc')
    .execute();
  return rows.map(toJob);
}

export async function listJobs(db: Db, tenant: string, limit: number): Promise<JobRow[]> {
  const rows = await db
    .selectFrom('loan_job')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('as_of', 'desc')
    .orderBy('run_no', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toJob);
}

/** The dates the month-end job has run for (or is running for), on or after `from`: kept in step. */
export async function syncDates(db: Db, tenant: string, from: string): Promise<string[]> {
  const rows = await db
    .selectFrom('loan_job')
    .select('as_of')
    .distinct()
    .where('tenant_id', '=', tenant)
    .where('kind', '=', 'month_end')
    .where('as_of', '>=', from)
    .orderBy('as_of')
    .execute();
  return rows.map((r) => r.as_of);
}

export async function insertJob(tx: Db, tenant: string, j: JobRow): Promise<void> {
  await tx
    .insertInto('loan_job')
    .values({
      tenant_id: tenant,
      id: j.id,
      kind: j.kind,
      as_of: j.asOf,
      run_no: j.runNo,
      status: j.status,
      cursor: j.cursor,
      loans_done: j.loansDone,
      loans_total: j.loansTotal,
      entries_posted: j.entriesPosted,
      chunks_done: j.chunksDone,
      started_at: j.startedAt,
      updated_at: j.updatedAt,
      finished_at: j.finishedAt,
      actor: j.actor,
    })
    .execute();
}

export async function updateJob(
  tx: Db,
  tenant: string,
  id: string,
  set: Partial<
    Pick<
      JobRow,
      'status' | 'cursor' | 'loansDone' | 'entriesPosted' | 'chunksDone' | 'updatedAt' | 'finishedAt'
    >
  >,
): Promise<void> {
  await tx
    .updateTable('loan_job')
    .set({
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(set.cursor !== undefined ? { cursor: set.cursor } : {}),
      ...(set.loansDone !== undefined ? { loans_done: set.loansDone } : {}),
      ...(set.entriesPosted !== undefined ? { entries_posted: set.entriesPosted } : {}),
      ...(set.chunksDone !== undefined ? { chunks_done: set.chunksDone } : {}),
      ...(set.updatedAt !== undefined ? { updated_at: set.updatedAt } : {}),
      ...(set.finishedAt !== undefined ? { finished_at: set.finishedAt } : {}),
    })
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .execute();
}
