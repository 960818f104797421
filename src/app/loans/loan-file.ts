/**
 * A loan's whole file as the service works with it: the contract, its programme and rates, its
 * events and its journal lines, and the facts read from them. Loaded in batches (the month-end
 * job reads hundreds at a time), then replayed in memory.
 * @internal
 */
import type { BusinessDate } from '../../domain/dates.ts';
import type { EntryDraft } from '../../domain/ledger/entry.ts';
import {
  bookedFigures,
  chartKeyOf,
  LOAN_CHARTS,
  type LoanFigures,
  syncDrafts,
  targetFigures,
} from '../../domain/loans/accounting.ts';
import { type JournalLine, loanFacts, netByAccount } from '../../domain/loans/facts.ts';
import type { Programme } from '../../domain/loans/programmes.ts';
import { programmeTimeline, type RateRow, type RateTimeline } from '../../domain/loans/rates.ts';
import {
  type LoanContract,
  type LoanFact,
  LoanMachine,
  type LoanPosition,
  sortFacts,
} from '../../domain/loans/state.ts';
import {
  type EventRow,
  type LoanRow,
  listEvents,
  listProgrammes,
  listRates,
  loanPostings,
  type SnapshotRow,
} from '../../store/loans-store.ts';
import type { Tx } from '../../store/open-store.ts';

export interface Catalogue {
  readonly programmes: ReadonlyMap<string, Programme>;
  readonly rates: readonly RateRow[];
  readonly timelines: ReadonlyMap<string, RateTimeline>;
}

/**
 * Transactions whose catalogue may be read once and kept: a batch of many loan operations in one
 * transaction that adds no programme or rate inside it (the demo loader's batches). Any other
 * transaction reads the catalogue afresh on every call, as before.
 */
const CACHED = new WeakMap<object, Map<string, Catalogue>>();

/** Lets `loadCatalogue` keep what it reads within `tx` (call only if `tx` adds no programme or rate). */
export function cacheCatalogueIn(tx: Tx): void {
  if (!CACHED.has(tx)) CACHED.set(tx, new Map());
}

export async function loadCatalogue(db: Tx, tenant: string): Promise<Catalogue> {
  const cache = CACHED.get(db);
  const kept = cache?.get(tenant);
  if (kept) return kept;
  const catalogue = await readCatalogue(db, tenant);
  cache?.set(tenant, catalogue);
  return catalogue;
}

async function readCatalogue(db: Tx, tenant: string): Promise<Catalogue> {
  const programmes = new Map((await listProgrammes(db, tenant)).map((p) => [p.id, p]));
  const rates = await listRates(db, tenant);
  const timelines = new Map([...programmes.keys()].map((id) => [id, programmeTimeline(id, rates)]));
  return { programmes, rates, timelines };
}

export interface LoanFile {
  readonly row: LoanRow;
  readonly programme: Programme;
  readonly contract: LoanContract;
  readonly events: readonly EventRow[];
  readonly lines: readonly JournalLine[];
  readonly facts: readonly LoanFact[];
}

export function contractOf(row: LoanRow, catalogue: Catalogue): LoanContract {
  return {
    id: row.id,
    terms: row.terms,
    dayCount: row.dayCount,
    overdueMultiplierPpm: row.overdueMultiplierPpm,
    programmeRates: catalogue.timelines.get(row.programme) ?? [],
    ratePolicy: row.ratePolicy,
    allocationOrder: row.allocationOrder,
  };
}

/** Loads the files of `rows` (any books) with three queries per book. */
export async function loadFiles(
  db: Tx,
  tenant: string,
  rows: readonly LoanRow[],
  catalogue: Catalogue,
): Promise<LoanFile[]> {
  const ids = rows.map((r) => r.id);
  const events = await listEvents(db, tenant, ids);
  const lines = new Map<string, JournalLine[]>(ids.map((id) => [id, []]));
  const books = [...new Set(rows.map((r) => r.book))];
  for (const book of books) {
    const parties = rows.filter((r) => r.book === book).map((r) => r.id);
    for (const p of await loanPostings(db, tenant, book, parties)) lines.get(p.party)?.push(p);
  }
  return rows.map((row) => {
    const programme = catalogue.programmes.get(row.programme)!;
    const evs = events.get(row.id) ?? [];
    const ls = lines.get(row.id) ?? [];
    return {
      row,
      programme,
      contract: contractOf(row, catalogue),
      events: evs,
      lines: ls,
      facts: loanFacts(LOAN_CHARTS[chartKeyOf(programme)], evs, ls),
    };
  });
}

/** A machine fed with every fact of the file. */
export function machineOf(file: LoanFile, options: { history?: boolean } = {}): LoanMachine {
  const m = new LoanMachine(file.contract, options);
  for (const f of file.facts) m.apply(f);
  return m;
}

/** The books' figures for the loan as of `asOf`, with `extra` drafts (not yet posted) counted. */
export function bookedAt(file: LoanFile, asOf: BusinessDate, extra: readonly EntryDraft[] = []): LoanFigures {
  const net = netByAccount(file.lines, asOf);
  for (const d of extra)
    if (d.date <= asOf)
      for (const p of d.postings)
        if (p.party === file.row.id) net.set(p.account, (net.get(p.account) ?? 0) + p.amount);
  return bookedFigures(LOAN_CHARTS[chartKeyOf(file.programme)], net);
}

/** True when the loan is in the portfolio at the end of `day`: lent by then, not closed. */
export function inPortfolio(view: LoanPosition, day: BusinessDate): boolean {
  return (
    view.firstDisbursed !== null &&
    view.firstDisbursed <= day &&
    (view.closedOn === null || view.closedOn > day)
  );
}

export function snapshotRow(file: LoanFile, v: LoanPosition, computedAt: string): SnapshotRow {
  const r = file.row;
  return {
    as_of: v.asOf,
    loan_id: r.id,
    book_code: r.book,
    programme_id: r.programme,
    household_id: r.household,
    organisation_id: r.organisation,
    group_id: r.group,
    village_id: r.village,
    source: r.source,
    status: v.status,
    outstanding_dong: v.outstanding,
    current_dong: v.principal.current,
    overdue_dong: v.principal.overdue,
    extended_dong: v.principal.extended,
    frozen_dong: v.principal.frozen,
    interest_due_dong: v.interest.due,
    interest_accrued_dong: v.interest.accrued,
    overdue_interest_dong: Math.max(0, v.overdueInterest.unpaid),
    days_past_due: v.daysPastDue,
    bucket: v.bucket,
    oldest_overdue_due: v.oldestOverdueDue,
    frozen_until: v.frozenUntil,
    last_transaction: v.lastTransaction,
    maturity: v.maturity,
    computed_at: computedAt,
  };
}

export interface SyncPlan {
  readonly drafts: EntryDraft[];
  /** Per date: the snapshot row to write, or null to remove the loan from that date's snapshot. */
  readonly snapshots: Array<{ asOf: BusinessDate; row: SnapshotRow | null }>;
}

function syncMemo(row: LoanRow, day: BusinessDate): string {
  const [y, m, d] = day.split('-');
  return `Tính lãi, phân loại nợ đến ngày ${d}/${m}/${y} – khế ước ${row.agreementNo ?? row.id}`;
}

/**
 * Brings the books of a loan to its replay at the end of each of `dates` (ascending): one set of
 * accrual/reclassification entries per date where they differ, and the snapshot row of each date.
 * `facts` are the loan's facts (with any new one); `already` are drafts of this same write that
 * come before (an event and its catch-up), counted as booked.
 */
export function planSync(
  file: LoanFile,
  facts: readonly LoanFact[],
  dates: readonly BusinessDate[],
  already: readonly EntryDraft[],
  computedAt: string,
): SyncPlan {
  const drafts: EntryDraft[] = [];
  const snapshots: SyncPlan['snapshots'] = [];
  if (dates.length === 0) return { drafts, snapshots };
  const m = new LoanMachine(file.contract);
  const sorted = sortFacts(facts);
  let k = 0;
  for (const day of dates) {
    while (k < sorted.length && sorted[k]!.date <= day) m.apply(sorted[k++]!);
    const view = m.viewAt(day);
    if (!inPortfolio(view, day)) {
      snapshots.push({ asOf: day, row: null });
      continue;
    }
    const booked = bookedAt(file, day, [...already, ...drafts]);
    drafts.push(
      ...syncDrafts(
        chartKeyOf(file.programme),
        file.row.book,
        file.row.id,
        day,
        booked,
        targetFigures(view),
        syncMemo(file.row, day),
      ),
    );
    snapshots.push({ asOf: day, row: snapshotRow(file, view, computedAt) });
  }
  // A run for a date before some of the loan's events (June's run done in July, after July's
  // payments): those events' catch-ups had brought the books to their own day, and the entries
  // just planned shift every later day. Re-anchor the books at the last event, so they hold the
  // loan's position there again, as they did before.
  const lastFact = sorted[sorted.length - 1]?.date;
  const lastDate = dates[dates.length - 1]!;
  if (drafts.length > 0 && lastFact !== undefined && lastFact > lastDate) {
    while (k < sorted.length) m.apply(sorted[k++]!);
    const position = m.positionAt(lastFact);
    drafts.push(
      ...syncDrafts(
        chartKeyOf(file.programme),
        file.row.book,
        file.row.id,
        lastFact,
        bookedAt(file, lastFact, [...already, ...drafts]),
        targetFigures(position),
        syncMemo(file.row, lastFact),
      ),
    );
  }
  return { drafts, snapshots };
}

/** The catch-up entries that bring the books to the loan's position at the start of `day`. */
export function catchUpDrafts(file: LoanFile, before: LoanPosition, day: BusinessDate): EntryDraft[] {
  return syncDrafts(
    chartKeyOf(file.programme),
    file.row.book,
    file.row.id,
    day,
    bookedAt(file, day),
    targetFigures(before),
    syncMemo(file.row, day),
  );
}
