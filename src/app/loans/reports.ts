/**
 * Portfolio reports as of a date: by programme, organisation, group, village, capital source;
 * the overdue list; loans with no transaction for months; frozen loans with their expiry; the
 * 31 December classification.
 *
 * Where the rows come from: if a month-end run finished for that date, its snapshot (one row per
 * loan, kept exact by every later event; SQL aggregates); otherwise a replay of every loan, a
 * chunk at a time. Both give the same rows (tested). Group and village are the ids stored on the
 * loan when it was applied for; joining the registry's `household`/`grp` tables instead is a
 * merge step (docs/design/loans.md §Reports).
 */
import { addMonths, isBusinessDate } from '../../domain/dates.ts';
import { AGEING_BUCKETS, PAR_DAYS, percentText } from '../../domain/loans/ageing.ts';
import { LOAN_LIMITS } from '../../domain/loans/limits.ts';
import { RefusedError } from '../../domain/refusal.ts';
import * as q from '../../store/loans-store.ts';
import type { Store } from '../../store/open-store.ts';
import { type Ctx, nowIso } from '../context.ts';
import { inPortfolio, loadCatalogue, loadFiles, machineOf, snapshotRow } from './loan-file.ts';

export type PortfolioBy = q.PortfolioDimension | 'all';
export const PORTFOLIO_BY: readonly PortfolioBy[] = [
  ...(Object.keys(q.PORTFOLIO_DIMENSIONS) as q.PortfolioDimension[]),
  'all',
];

export interface PortfolioRow extends q.PortfolioSums {
  /** Outstanding of loans more than 30 days past due over all outstanding, in percent. */
  readonly par30Percent: string;
}

export interface Portfolio {
  readonly asOf: string;
  readonly by: PortfolioBy;
  /** `snapshot` when a finished month-end run covers the date, else `replay`. */
  readonly source: 'snapshot' | 'replay';
  readonly rows: readonly PortfolioRow[];
  readonly total: PortfolioRow;
}

function checkDate(asOf: string): void {
  if (!isBusinessDate(asOf)) throw new RefusedError([{ code: 'date_invalid', field: 'asOf', value: asOf }]);
}

async function snapshotComplete(store: Store, ctx: Ctx, asOf: string): Promise<boolean> {
  return (await q.findJobs(store.db, ctx.tenant, asOf)).some((j) => j.status === 'done');
}

/** Every loan's row at the end of `asOf` by replay, a chunk at a time. */
export async function* replayRows(
  store: Store,
  ctx: Ctx,
  asOf: string,
  chunk = 1_000,
): AsyncGenerator<q.SnapshotRow[]> {
  const catalogue = await loadCatalogue(store.db, ctx.tenant);
  const at = nowIso(ctx);
  let cursor: string | null = null;
  for (;;) {
    const rows = await q.listLoansAfter(store.db, ctx.tenant, cursor, chunk);
    if (rows.length === 0) return;
    cursor = rows[rows.length - 1]!.id;
    const files = await loadFiles(store.db, ctx.tenant, rows, catalogue);
    const out: q.SnapshotRow[] = [];
    for (const f of files) {
      const view = machineOf({ ...f, facts: f.facts.filter((x) => x.date <= asOf) }).viewAt(asOf);
      if (inPortfolio(view, asOf)) out.push(snapshotRow(f, view, at));
    }
    yield out;
  }
}

/** Rows of a date from the snapshot when complete, else by replay (filtered like the SQL does). */
async function rowsAt(
  store: Store,
  ctx: Ctx,
  asOf: string,
  filter: q.SnapshotFilter,
): Promise<{ rows: q.SnapshotRow[]; source: 'snapshot' | 'replay' }> {
  if (await snapshotComplete(store, ctx, asOf))
    return { rows: await q.readSnapshots(store.db, ctx.tenant, asOf, filter), source: 'snapshot' };
  const rows: q.SnapshotRow[] = [];
  for await (const part of replayRows(store, ctx, asOf))
    for (const r of part) {
      if (filter.overdueOnly && r.overdue_dong <= 0) continue;
      if (filter.frozenOnly && r.frozen_dong <= 0) continue;
      if (
        filter.idleSince !== undefined &&
        !(r.outstanding_dong > 0 && (r.last_transaction === null || r.last_transaction <= filter.idleSince))
      )
        continue;
      if (rows.length < filter.limit) rows.push(r);
    }
  return { rows, source: 'replay' };
}

function owes(r: q.SnapshotRow): boolean {
  return (
    r.outstanding_dong > 0 ||
    r.interest_due_dong > 0 ||
    r.interest_accrued_dong > 0 ||
    r.overdue_interest_dong > 0
  );
}

function keyOf(r: q.SnapshotRow, by: PortfolioBy): string | null {
  if (by === 'all') return 'all';
  return r[q.PORTFOLIO_DIMENSIONS[by]] as string | null;
}

/** The same sums as the SQL aggregate, in memory. */
export function aggregateRows(rows: Iterable<q.SnapshotRow>, by: PortfolioBy): q.PortfolioSums[] {
  const groups = new Map<string | null, { sums: Record<string, number>; households: Set<string> }>();
  for (const r of rows) {
    if (!owes(r)) continue;
    const key = keyOf(r, by);
    let g = groups.get(key);
    if (!g) {
      g = { sums: {}, households: new Set() };
      groups.set(key, g);
    }
    const add = (k: string, v: number) => {
      g!.sums[k] = (g!.sums[k] ?? 0) + v;
    };
    g.households.add(r.household_id);
    add('loans', 1);
    add('outstanding', r.outstanding_dong);
    add('current', r.current_dong);
    add('overdue', r.overdue_dong);
    add('extended', r.extended_dong);
    add('frozen', r.frozen_dong);
    add('interestDue', r.interest_due_dong);
    add('interestAccrued', r.interest_accrued_dong);
    add('overdueInterest', r.overdue_interest_dong);
    add('overdueLoans', r.overdue_dong > 0 ? 1 : 0);
    add('par30Outstanding', r.days_past_due > PAR_DAYS ? r.outstanding_dong : 0);
  }
  return [...groups.entries()].map(([key, g]) => ({
    key,
    loans: g.sums['loans'] ?? 0,
    borrowers: g.households.size,
    outstanding: g.sums['outstanding'] ?? 0,
    current: g.sums['current'] ?? 0,
    overdue: g.sums['overdue'] ?? 0,
    extended: g.sums['extended'] ?? 0,
    frozen: g.sums['frozen'] ?? 0,
    interestDue: g.sums['interestDue'] ?? 0,
    interestAccrued: g.sums['interestAccrued'] ?? 0,
    overdueInterest: g.sums['overdueInterest'] ?? 0,
    overdueLoans: g.sums['overdueLoans'] ?? 0,
    par30Outstanding: g.sums['par30Outstanding'] ?? 0,
  }));
}

function withPar(s: q.PortfolioSums): PortfolioRow {
  return { ...s, par30Percent: percentText(s.par30Outstanding, s.outstanding) };
}

function byKey(a: { key: string | null }, b: { key: string | null }): number {
  if (a.key === b.key) return 0;
  if (a.key === null) return -1;
  if (b.key === null) return 1;
  return a.key < b.key ? -1 : 1;
}

const EMPTY: q.PortfolioSums = {
  key: 'all',
  loans: 0,
  borrowers: 0,
  outstanding: 0,
  current: 0,
  overdue: 0,
  extended: 0,
  frozen: 0,
  interestDue: 0,
  interestAccrued: 0,
  overdueInterest: 0,
  overdueLoans: 0,
  par30Outstanding: 0,
};

export async function portfolio(
  store: Store,
  ctx: Ctx,
  input: { asOf: string; by: PortfolioBy },
): Promise<Portfolio> {
  checkDate(input.asOf);
  if (!PORTFOLIO_BY.includes(input.by))
    throw new RefusedError([
      {
        code: 'value_not_allowed',
        field: 'by',
        value: input.by,
        params: { allowed: PORTFOLIO_BY.join(', ') },
      },
    ]);
  let rows: q.PortfolioSums[];
  let total: q.PortfolioSums;
  let source: Portfolio['source'];
  if (await snapshotComplete(store, ctx, input.asOf)) {
    source = 'snapshot';
    rows = await q.aggregateSnapshots(store.db, ctx.tenant, input.asOf, input.by, PAR_DAYS);
    total = (await q.aggregateSnapshots(store.db, ctx.tenant, input.asOf, 'all', PAR_DAYS))[0] ?? EMPTY;
  } else {
    source = 'replay';
    const all: q.SnapshotRow[] = [];
    for await (const part of replayRows(store, ctx, input.asOf)) all.push(...part);
    rows = aggregateRows(all, input.by);
    total = aggregateRows(all, 'all')[0] ?? EMPTY;
  }
  return {
    asOf: input.asOf,
    by: input.by,
    source,
    rows: rows.sort(byKey).map(withPar),
    total: withPar({ ...total, key: 'all' }),
  };
}

export interface ListReport {
  readonly asOf: string;
  readonly source: 'snapshot' | 'replay';
  readonly rows: readonly q.SnapshotRow[];
}

/** Loans with overdue principal, most days past due first. */
export async function overdueList(
  store: Store,
  ctx: Ctx,
  input: { asOf: string; limit?: number },
): Promise<ListReport> {
  checkDate(input.asOf);
  const { rows, source } = await rowsAt(store, ctx, input.asOf, {
    overdueOnly: true,
    limit: input.limit ?? LOAN_LIMITS.reportRowsMax,
  });
  rows.sort(
    (a, b) =>
      b.days_past_due - a.days_past_due ||
      b.overdue_dong - a.overdue_dong ||
      (a.loan_id < b.loan_id ? -1 : 1),
  );
  return { asOf: input.asOf, source, rows };
}

/** Loans with something outstanding and no repayment or disbursement for `months` (default 3). */
export async function idleList(
  store: Store,
  ctx: Ctx,
  input: { asOf: string; months?: number; limit?: number },
): Promise<ListReport & { since: string }> {
  checkDate(input.asOf);
  const since = addMonths(input.asOf, -(input.months ?? 3));
  const { rows, source } = await rowsAt(store, ctx, input.asOf, {
    idleSince: since,
    limit: input.limit ?? LOAN_LIMITS.reportRowsMax,
  });
  return { asOf: input.asOf, since, source, rows };
}

/** Frozen loans with the day their freeze ends, soonest first. */
export async function frozenList(
  store: Store,
  ctx: Ctx,
  input: { asOf: string; limit?: number },
): Promise<ListReport> {
  checkDate(input.asOf);
  const { rows, source } = await rowsAt(store, ctx, input.asOf, {
    frozenOnly: true,
    limit: input.limit ?? LOAN_LIMITS.reportRowsMax,
  });
  rows.sort((a, b) => ((a.frozen_until ?? '') < (b.frozen_until ?? '') ? -1 : 1));
  return { asOf: input.asOf, source, rows };
}

export interface Classification {
  readonly asOf: string;
  readonly byBucket: readonly PortfolioRow[];
  readonly byStatus: readonly PortfolioRow[];
  readonly total: PortfolioRow;
}

/** The classification of a date (31 December: the yearly one), from that date's snapshot. */
export async function classification(store: Store, ctx: Ctx, asOf: string): Promise<Classification> {
  const byBucket = await portfolio(store, ctx, { asOf, by: 'bucket' });
  const byStatus = await portfolio(store, ctx, { asOf, by: 'status' });
  const order = new Map<string, number>(AGEING_BUCKETS.map((b, i) => [b, i]));
  return {
    asOf,
    byBucket: [...byBucket.rows].sort(
      (a, b) => (order.get(a.key ?? '') ?? 9) - (order.get(b.key ?? '') ?? 9),
    ),
    byStatus: byStatus.rows,
    total: byBucket.total,
  };
}
