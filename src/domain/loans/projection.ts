/**
 * The schedule as a treasurer prints it: for each due date, the interest (or fee) and principal
 * due if every earlier instalment was paid on its day. Computed by replaying the loan with a
 * payment of exactly what is due on each due date, so the printed figures are, by construction,
 * what the engine will ask for when the borrower pays on time.
 */
import { type BusinessDate, daysBetween } from '../dates.ts';
import type { Dong } from '../money.ts';
import { type LoanContract, LoanMachine } from './state.ts';

export interface ProjectionRow {
  readonly no: number;
  readonly date: BusinessDate;
  /** Days since the previous row (or the first disbursement). */
  readonly days: number;
  /** Outstanding principal during the period. */
  readonly balance: Dong;
  readonly interest: Dong;
  readonly principal: Dong;
  readonly total: Dong;
  readonly balanceAfter: Dong;
}

export interface Projection {
  readonly rows: readonly ProjectionRow[];
  readonly totalInterest: Dong;
  readonly totalPrincipal: Dong;
}

/** Projects the on-time schedule of a loan lent in `tranches` (dated, ascending). */
export function projectSchedule(
  contract: LoanContract,
  tranches: ReadonlyArray<{ readonly date: BusinessDate; readonly amount: Dong }>,
): Projection {
  const m = new LoanMachine(contract);
  const pending = [...tranches].sort((a, b) => (a.date < b.date ? -1 : 1));
  const rows: ProjectionRow[] = [];
  if (pending.length === 0) return { rows, totalInterest: 0, totalPrincipal: 0 };
  let prev = pending[0]!.date;
  let totalInterest = 0;
  let totalPrincipal = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const now = m.date;
    const s = m.schedule();
    const dues = [...s.interestDates, ...s.instalments.filter((i) => i.unpaid > 0).map((i) => i.due)]
      .filter((d) => now === null || d > now)
      .sort();
    const nextDue = dues[0];
    const nextTranche = pending[0];
    if (nextTranche && (nextDue === undefined || nextTranche.date <= nextDue)) {
      m.apply({ kind: 'disburse', date: nextTranche.date, amount: nextTranche.amount });
      pending.shift();
      continue;
    }
    if (nextDue === undefined) break;
    const p = m.positionAt(nextDue);
    const interest = p.dues.overdue_interest + p.dues.interest_due;
    const principal = p.dues.overdue_principal + p.dues.principal_due;
    if (interest + principal > 0)
      m.apply({
        kind: 'repay',
        date: nextDue,
        principal,
        interest: p.dues.interest_due,
        overdueInterest: p.dues.overdue_interest,
      });
    rows.push({
      no: rows.length + 1,
      date: nextDue,
      days: daysBetween(prev, nextDue),
      balance: p.outstanding,
      interest,
      principal,
      total: interest + principal,
      balanceAfter: p.outstanding - principal,
    });
    totalInterest += interest;
    totalPrincipal += principal;
    prev = nextDue;
    if (p.outstanding - principal === 0 && pending.length === 0) break;
  }
  return { rows, totalInterest, totalPrincipal };
}
