/**
 * A loan driven the way the service drives it, in memory: each operation is checked like the
 * service checks it, brought up to date (catch-up entries), applied, and booked with the same
 * accounting functions, into a list of journal lines and events. Tests then replay those lines
 * from scratch and compare with the incremental machine that took the operations one by one.
 */
import { addDays, type BusinessDate } from '../../src/domain/dates.ts';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import {
  bookedFigures,
  disbursementDraft,
  figuresEqual,
  LOAN_CHARTS,
  principalByClass,
  settlementDraft,
  syncDrafts,
  targetFigures,
} from '../../src/domain/loans/accounting.ts';
import { allocate, totalOf } from '../../src/domain/loans/allocation.ts';
import { type EventRecord, type JournalLine, netByAccount } from '../../src/domain/loans/facts.ts';
import type { AccountingMode } from '../../src/domain/loans/programmes.ts';
import {
  type LoanContract,
  type LoanFact,
  LoanMachine,
  type LoanPosition,
} from '../../src/domain/loans/state.ts';

export type SimKind = 'repay' | 'repay_due' | 'payoff' | 'extend' | 'freeze' | 'write_off' | 'wait';
export interface SimOp {
  readonly gap: number;
  readonly kind: SimKind;
  /** Share of what is owed, in thousandths. */
  readonly share: number;
  readonly months: number;
}

export interface Simulation {
  readonly events: EventRecord[];
  readonly lines: JournalLine[];
  /** The incremental machine's view at the end of each operation's day. */
  readonly views: Array<{ date: BusinessDate; view: LoanPosition }>;
}

export function simulate(
  contract: LoanContract,
  mode: AccountingMode,
  amount: number,
  start: BusinessDate,
  ops: readonly SimOp[],
): Simulation {
  const m = new LoanMachine(contract);
  const events: EventRecord[] = [];
  const lines: JournalLine[] = [];
  const views: Simulation['views'] = [];
  let seq = 0;
  const book = (drafts: EntryDraft[]): number[] =>
    drafts.map((d) => {
      seq += 1;
      for (const p of d.postings)
        if (p.party === contract.id)
          lines.push({
            seq,
            date: d.date,
            kind: d.kind,
            reversesSeq: null,
            account: p.account,
            amount: p.amount,
          });
      return seq;
    });
  const chart = LOAN_CHARTS[mode];
  const run = (
    kind: string,
    date: BusinessDate,
    fact: LoanFact,
    params: Record<string, unknown>,
    own: (before: LoanPosition, after: LoanPosition) => EntryDraft[],
  ) => {
    const before = m.positionAt(date);
    const catchUp = syncDrafts(
      mode,
      'b',
      contract.id,
      date,
      bookedFigures(chart, netByAccount(lines, date)),
      targetFigures(before),
      'sync',
    );
    m.apply(fact);
    const after = m.positionAt(date);
    const entries = [...book(catchUp), ...book(own(before, after))];
    events.push({ seq: events.length + 1, kind, date, params, entries });
    const booked = bookedFigures(chart, netByAccount(lines, date));
    if (!figuresEqual(booked, targetFigures(after)))
      throw new Error(
        `books ${JSON.stringify(booked)} ≠ replay ${JSON.stringify(targetFigures(after))} after ${kind} on ${date}`,
      );
  };
  const same = (kind: 'extension' | 'freeze' | 'commitment') => (b: LoanPosition, a: LoanPosition) =>
    syncDrafts(mode, 'b', contract.id, b.asOf, targetFigures(b), targetFigures(a), kind, kind);

  run('approve', start, { kind: 'approve', date: start, amount }, { amount }, same('commitment'));
  run('disburse', start, { kind: 'disburse', date: start, amount }, { amount }, () => [
    disbursementDraft(mode, 'b', contract.id, start, amount, '111', amount, 'd', null),
  ]);
  views.push({ date: start, view: m.viewAt(start) });

  let date = start;
  for (const op of ops) {
    date = addDays(date, op.gap);
    const p = m.positionAt(date);
    const owed = totalOf(p.dues);
    const settle = (
      kind: 'repay' | 'write_off',
      principal: number,
      interest: number,
      overdueInterest: number,
      before: LoanPosition,
    ) =>
      settlementDraft({
        mode,
        book: 'b',
        loan: contract.id,
        date,
        kind: kind === 'repay' ? 'repayment' : 'write_off',
        memo: kind,
        documentNo: null,
        principal: principalByClass(before, principal),
        interest,
        overdueInterest,
        cashAccount: '111',
        paidAtBank: false,
      });
    if ((op.kind === 'repay' || op.kind === 'payoff' || op.kind === 'repay_due') && owed > 0) {
      const dueNow =
        p.dues.overdue_interest + p.dues.interest_due + p.dues.overdue_principal + p.dues.principal_due;
      const amountPaid =
        op.kind === 'payoff'
          ? owed
          : op.kind === 'repay_due'
            ? dueNow
            : Math.max(1, Math.floor((owed * op.share) / 1000));
      if (amountPaid > 0) {
        const a = allocate(p.dues, contract.allocationOrder, amountPaid);
        run(
          'repay',
          date,
          {
            kind: 'repay',
            date,
            principal: a.principal,
            interest: a.interest,
            overdueInterest: a.overdueInterest,
          },
          { amount: amountPaid },
          (b) => [settle('repay', a.principal, a.interest, a.overdueInterest, b)],
        );
      }
    } else if (op.kind === 'extend' && p.frozenUntil === null && p.outstanding > 0) {
      const target = p.instalments.find((i) => i.unpaid > 0);
      if (target) {
        const months = 1 + (op.months % 12);
        run(
          'extend',
          date,
          { kind: 'extend', date, due: target.due, months },
          { due: target.due, months },
          same('extension'),
        );
      }
    } else if (op.kind === 'freeze' && p.frozenUntil === null && p.outstanding > 0) {
      const months = 1 + (op.months % 36);
      run('freeze', date, { kind: 'freeze', date, months }, { months }, same('freeze'));
    } else if (op.kind === 'write_off' && owed > 0) {
      const principal = Math.floor((p.outstanding * op.share) / 1000);
      const interest = p.dues.interest_due + p.dues.accrued_interest;
      const overdueInterest = p.dues.overdue_interest;
      if (principal + interest + overdueInterest > 0)
        run('write_off', date, { kind: 'write_off', date, principal, interest, overdueInterest }, {}, (b) => [
          settle('write_off', principal, interest, overdueInterest, b),
        ]);
    }
    views.push({ date, view: m.viewAt(date) });
  }
  return { events, lines, views };
}
