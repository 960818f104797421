/**
 * Reconciliation of the bank's statement with soquy's own figures, per loan. Pure and exact:
 * every difference is listed, none is "fixed" here (soquy never takes the bank's figures).
 */
import type { Dong } from '../money.ts';
import type { StatementRow } from './statement.ts';

/** Soquy's side of one loan at the statement's date (end of day). */
export interface SoquyLoanFigures {
  readonly loan: string;
  readonly agreementNo: string;
  readonly household: string;
  readonly group: string | null;
  readonly programme: string;
  readonly outstanding: Dong;
  readonly overdue: Dong;
  readonly frozen: Dong;
  /** Interest due and unpaid plus overdue interest unpaid. */
  readonly interestDue: Dong;
}

export const DIFFERENCE_KINDS = [
  'missing_in_soquy',
  'missing_in_statement',
  'outstanding',
  'overdue',
  'overdue_status',
  'frozen',
  'frozen_status',
  'interest_due',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export interface Difference {
  readonly agreementNo: string;
  readonly kind: DifferenceKind;
  readonly loan: string | null;
  /** The statement's row number, when the loan is on it. */
  readonly row: number | null;
  readonly bank: Dong | null;
  readonly soquy: Dong | null;
}

export interface Reconciliation {
  readonly matched: number;
  readonly differences: readonly Difference[];
  readonly totals: { readonly bank: Totals; readonly soquy: Totals };
}

interface Totals {
  loans: number;
  outstanding: Dong;
  overdue: Dong;
  frozen: Dong;
  interestDue: Dong;
}

function zero(): Totals {
  return { loans: 0, outstanding: 0, overdue: 0, frozen: 0, interestDue: 0 };
}

function add(t: Totals, x: { outstanding: Dong; overdue: Dong; frozen: Dong; interestDue: Dong }): void {
  t.loans++;
  t.outstanding += x.outstanding;
  t.overdue += x.overdue;
  t.frozen += x.frozen;
  t.interestDue += x.interestDue;
}

/** A part (overdue, frozen): a status difference when only one side has it, else an amount one. */
function part(
  out: Difference[],
  base: Omit<Difference, 'kind' | 'bank' | 'soquy'>,
  amountKind: DifferenceKind,
  statusKind: DifferenceKind,
  bank: Dong,
  soquy: Dong,
): void {
  if (bank === soquy) return;
  out.push({ ...base, kind: bank === 0 || soquy === 0 ? statusKind : amountKind, bank, soquy });
}

/**
 * Every difference between `bank` and `soquy`, ordered by agreement number then kind (the order
 * of DIFFERENCE_KINDS). Soquy's loans that owe nothing and are not on the statement are not a
 * difference.
 */
export function reconcile(bank: readonly StatementRow[], soquy: readonly SoquyLoanFigures[]): Reconciliation {
  const totals = { bank: zero(), soquy: zero() };
  const ours = new Map<string, SoquyLoanFigures>();
  for (const s of soquy) {
    ours.set(s.agreementNo, s);
    add(totals.soquy, s);
  }
  const out: Difference[] = [];
  const onStatement = new Set<string>();
  let matched = 0;
  for (const b of bank) {
    add(totals.bank, b);
    onStatement.add(b.agreementNo);
    const s = ours.get(b.agreementNo);
    const base = { agreementNo: b.agreementNo, loan: s?.loan ?? null, row: b.row };
    if (!s) {
      out.push({ ...base, kind: 'missing_in_soquy', bank: b.outstanding, soquy: null });
      continue;
    }
    const before = out.length;
    if (b.outstanding !== s.outstanding)
      out.push({ ...base, kind: 'outstanding', bank: b.outstanding, soquy: s.outstanding });
    part(out, base, 'overdue', 'overdue_status', b.overdue, s.overdue);
    part(out, base, 'frozen', 'frozen_status', b.frozen, s.frozen);
    if (b.interestDue !== s.interestDue)
      out.push({ ...base, kind: 'interest_due', bank: b.interestDue, soquy: s.interestDue });
    if (out.length === before) matched++;
  }
  for (const s of soquy)
    if (!onStatement.has(s.agreementNo))
      out.push({
        agreementNo: s.agreementNo,
        kind: 'missing_in_statement',
        loan: s.loan,
        row: null,
        bank: null,
        soquy: s.outstanding,
      });
  const order = new Map<string, number>(DIFFERENCE_KINDS.map((k, i) => [k, i]));
  out.sort((a, b) =>
    a.agreementNo === b.agreementNo
      ? order.get(a.kind)! - order.get(b.kind)!
      : a.agreementNo < b.agreementNo
        ? -1
        : 1,
  );
  return { matched, differences: out, totals };
}
