/**
 * The portfolio of the loans held in some books: the same rows and sums as `portfolio()` (snapshot
 * when a finished month-end covers the date, else a replay), kept to the loans of the named
 * books. The web app's treasurers see their own organisation's portfolio this way.
 */
import { isBusinessDate } from '../../domain/dates.ts';
import { PAR_DAYS, percentText } from '../../domain/loans/ageing.ts';
import { RefusedError } from '../../domain/refusal.ts';
import * as q from '../../store/loans-store.ts';
import type { Store } from '../../store/open-store.ts';
import type { Ctx } from '../context.ts';
import {
  aggregateRows,
  PORTFOLIO_BY,
  type Portfolio,
  type PortfolioBy,
  portfolio,
  replayRows,
} from './reports.ts';

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

/** `books` null: every loan of the commune (`portfolio()` itself). */
export async function portfolioOf(
  store: Store,
  ctx: Ctx,
  input: { asOf: string; by: PortfolioBy; books: readonly string[] | null },
): Promise<Portfolio> {
  // Validates the date and the dimension (and answers the whole commune directly).
  if (input.books === null) return portfolio(store, ctx, input);
  if (!isBusinessDate(input.asOf))
    throw new RefusedError([{ code: 'date_invalid', field: 'asOf', value: input.asOf }]);
  if (!PORTFOLIO_BY.includes(input.by))
    throw new RefusedError([
      {
        code: 'value_not_allowed',
        field: 'by',
        value: input.by,
        params: { allowed: PORTFOLIO_BY.join(', ') },
      },
    ]);
  const books = new Set(input.books);
  let source: Portfolio['source'];
  let grouped: q.PortfolioSums[];
  let total: q.PortfolioSums;
  const jobs = await q.findJobs(store.db, ctx.tenant, input.asOf);
  if (jobs.some((j) => j.status === 'done')) {
    // The snapshot's sums in SQL, over the loans of those books: the same sums `portfolio()` makes.
    source = 'snapshot';
    const list = [...books];
    grouped = await q.aggregateSnapshots(store.db, ctx.tenant, input.asOf, input.by, PAR_DAYS, list);
    total = (await q.aggregateSnapshots(store.db, ctx.tenant, input.asOf, 'all', PAR_DAYS, list))[0] ?? EMPTY;
  } else {
    source = 'replay';
    const rows: q.SnapshotRow[] = [];
    for await (const part of replayRows(store, ctx, input.asOf))
      for (const r of part) if (books.has(r.book_code)) rows.push(r);
    grouped = aggregateRows(rows, input.by);
    total = aggregateRows(rows, 'all')[0] ?? EMPTY;
  }
  grouped.sort((a, b) =>
    a.key === b.key ? 0 : a.key === null ? -1 : b.key === null ? 1 : a.key < b.key ? -1 : 1,
  );
  const withPar = (s: q.PortfolioSums) => ({
    ...s,
    par30Percent: percentText(s.par30Outstanding, s.outstanding),
  });
  return {
    asOf: input.asOf,
    by: input.by,
    source,
    rows: grouped.map(withPar),
    total: withPar({ ...total, key: 'all' }),
  };
}
