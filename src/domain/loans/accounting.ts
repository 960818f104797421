/**
 * The accounting of loans: which accounts each event moves, for each accounting mode. Every loan
 * posting names the loan id as its party, so the ledger keeps one sub-balance per loan and a loan's
 * booked figures are read straight from the journal.
 *
 * What the books hold for a loan ("booked"): principal per class (current, overdue, extended,
 * frozen), normal interest receivable, overdue interest receivable, and the approved amount not yet
 * disbursed (a memo commitment). The replay (state.ts) says what they should hold ("target");
 * accrual and reclassification entries post the difference, so the books equal the replay on every
 * date the month-end run (or an event) brought them up to.
 *
 * | event            | own fund (farmers-support-fund)                  | entrusted (vbsp-entrusted)                                   |
 * |------------------|--------------------------------------------------|--------------------------------------------------------------|
 * | approval         | Dr 007 commitment / Cr 0082                      | same                                                         |
 * | disbursement     | Dr 1311 / Cr 111 (or 112); Cr 007 / Dr 0082      | Dr 001 / Cr 009 (the bank pays out); Cr 007 / Dr 0082        |
 * | accrual          | Dr 1318 / Cr 5111; overdue Dr 1319 / Cr 5112     | Dr 005 / Cr 0081; overdue Dr 006 / Cr 0081                   |
 * | reclassification | between 1311, 1312, 1313, 1314                   | between 001, 002, 003, 004                                   |
 * | repayment        | Dr 111 / Cr 131x by class, Cr 1318, Cr 1319      | Dr 111 / Cr 3383 principal, Cr 3381 interest; memo Cr 00x by class, Cr 005, Cr 006 / Dr 009, Dr 0081 |
 * | paid at the bank | —                                                | memo lines only                                              |
 * | write-off        | Dr 6112 / Cr 131x, Cr 1318, Cr 1319              | memo Dr 009, Dr 0081 / Cr 00x, Cr 005, Cr 006                |
 * | closure          | Cr 007 / Dr 0082 for any undrawn commitment      | same                                                         |
 * | hand-over        | —                                                | Dr 3381, Dr 3383 / Cr 111                                    |
 */
import type { EntryDraft, PostingDraft } from '../ledger/entry.ts';
import type { EntryKind } from '../ledger/kinds.ts';
import type { Dong } from '../money.ts';
import type { AccountingMode } from './programmes.ts';
import { type LoanPosition, PRINCIPAL_CLASSES, type PrincipalClass } from './state.ts';

export interface LoanChart {
  readonly principal: Readonly<Record<PrincipalClass, string>>;
  readonly interest: string;
  readonly overdueInterest: string;
  readonly commitment: string;
  readonly commitmentContra: string;
  /** own: income accounts; entrusted: the memo contra of interest receivable. */
  readonly interestIncome: string;
  readonly overdueInterestIncome: string;
  /** own: the risk-treatment expense; entrusted: the memo contra of principal. */
  readonly principalContra: string;
  readonly cash: string;
  /** entrusted only: liabilities to the bank for what was collected. */
  readonly collectedInterest: string | null;
  readonly collectedPrincipal: string | null;
}

/**
 * The chart a programme's loans post to: its accounting mode's, except an own-fund programme kept
 * in a `savings-group` book (a savings group's loans from its own fund, issue 7), whose accounts
 * are that book's: the loan box 1111, service charges 5111 (overdue ones too: 5112 is the group's
 * fines), write-offs 6112.
 */
export type ChartKey = AccountingMode | 'group';

export function chartKeyOf(p: {
  readonly accounting: AccountingMode;
  readonly bookTemplate: string;
}): ChartKey {
  return p.accounting === 'own' && p.bookTemplate === 'savings-group' ? 'group' : p.accounting;
}

const OWN_CHART: LoanChart = {
  principal: { current: '1311', overdue: '1312', frozen: '1313', extended: '1314' },
  interest: '1318',
  overdueInterest: '1319',
  commitment: '007',
  commitmentContra: '0082',
  interestIncome: '5111',
  overdueInterestIncome: '5112',
  principalContra: '6112',
  cash: '111',
  collectedInterest: null,
  collectedPrincipal: null,
};

export const LOAN_CHARTS: Readonly<Record<ChartKey, LoanChart>> = {
  own: OWN_CHART,
  // A savings group's own fund: the association's chart, but the group's cash box is 1111 and it
  // has one service-charge income account for current and overdue charges alike.
  group: { ...OWN_CHART, overdueInterestIncome: '5111', cash: '1111' },
  entrusted: {
    principal: { current: '001', overdue: '002', frozen: '003', extended: '004' },
    interest: '005',
    overdueInterest: '006',
    commitment: '007',
    commitmentContra: '0082',
    interestIncome: '0081',
    overdueInterestIncome: '0081',
    principalContra: '009',
    cash: '111',
    collectedInterest: '3381',
    collectedPrincipal: '3383',
  },
};

/** The loan's figures as the books hold them (or should hold them). */
export interface LoanFigures {
  readonly principal: Readonly<Record<PrincipalClass, Dong>>;
  readonly interest: Dong;
  readonly overdueInterest: Dong;
  readonly commitment: Dong;
}

export function zeroFigures(): LoanFigures {
  return {
    principal: { current: 0, overdue: 0, extended: 0, frozen: 0 },
    interest: 0,
    overdueInterest: 0,
    commitment: 0,
  };
}

/** Net debit balances of the loan's accounts, read from its postings, as figures. */
export function bookedFigures(chart: LoanChart, netByAccount: ReadonlyMap<string, Dong>): LoanFigures {
  const get = (a: string) => netByAccount.get(a) ?? 0;
  return {
    principal: {
      current: get(chart.principal.current),
      overdue: get(chart.principal.overdue),
      extended: get(chart.principal.extended),
      frozen: get(chart.principal.frozen),
    },
    interest: get(chart.interest),
    overdueInterest: get(chart.overdueInterest),
    commitment: get(chart.commitment),
  };
}

/** What the books should hold for a loan in `p`. */
export function targetFigures(p: LoanPosition): LoanFigures {
  const open = p.status !== 'closed';
  return {
    principal: p.principal,
    interest: p.interest.due + p.interest.accrued,
    overdueInterest: Math.max(0, p.overdueInterest.unpaid),
    commitment: open ? Math.max(0, p.approved - p.disbursed) : 0,
  };
}

function line(out: PostingDraft[], account: string, party: string | null, amount: Dong): void {
  if (amount !== 0) out.push({ account, party, amount });
}

/**
 * The entries that bring the books from `booked` to `target`, none when they already agree.
 * Principal moves between classes (reclassification); interest receivable against income (own) or
 * the memo contra (entrusted) (accrual); the commitment against its contra. With `kind`, all lines
 * go in one entry of that kind (a freeze, an extension); else one entry per nature.
 */
export function syncDrafts(
  mode: ChartKey,
  book: string,
  loan: string,
  date: string,
  booked: LoanFigures,
  target: LoanFigures,
  memo: string,
  kind?: EntryKind,
  documentNo: string | null = null,
): EntryDraft[] {
  const c = LOAN_CHARTS[mode];
  const reclass: PostingDraft[] = [];
  // Principal only moves between classes here: its total is what disbursements, repayments and
  // write-offs booked. A difference in total means the loan's accounts were written outside the
  // loan service; it is reported (`principalMismatch`), never papered over.
  if (principalMismatch(booked, target) === 0)
    for (const cls of PRINCIPAL_CLASSES)
      line(reclass, c.principal[cls], loan, target.principal[cls] - booked.principal[cls]);
  const accrual: PostingDraft[] = [];
  const dn = target.interest - booked.interest;
  const dov = target.overdueInterest - booked.overdueInterest;
  line(accrual, c.interest, loan, dn);
  line(accrual, c.overdueInterest, loan, dov);
  if (c.interestIncome === c.overdueInterestIncome) line(accrual, c.interestIncome, null, -(dn + dov));
  else {
    line(accrual, c.interestIncome, null, -dn);
    line(accrual, c.overdueInterestIncome, null, -dov);
  }
  const commitment: PostingDraft[] = [];
  const dc = target.commitment - booked.commitment;
  line(commitment, c.commitment, loan, dc);
  line(commitment, c.commitmentContra, null, -dc);
  const draft = (k: EntryKind, postings: PostingDraft[]): EntryDraft => ({
    book,
    date,
    kind: k,
    memo,
    documentNo,
    postings,
  });
  if (kind !== undefined) {
    const all = [...reclass, ...accrual, ...commitment];
    return all.length === 0 ? [] : [draft(kind, all)];
  }
  const out: EntryDraft[] = [];
  if (reclass.length > 0) out.push(draft('reclassification', reclass));
  if (accrual.length > 0) out.push(draft('interest', accrual));
  if (commitment.length > 0) out.push(draft('commitment', commitment));
  return out;
}

/** True when the books hold exactly `target`. */
export function figuresEqual(a: LoanFigures, b: LoanFigures): boolean {
  return (
    PRINCIPAL_CLASSES.every((k) => a.principal[k] === b.principal[k]) &&
    a.interest === b.interest &&
    a.overdueInterest === b.overdueInterest &&
    a.commitment === b.commitment
  );
}

/** Target minus booked principal in total: zero unless the loan's accounts were written by hand. */
export function principalMismatch(booked: LoanFigures, target: LoanFigures): Dong {
  return PRINCIPAL_CLASSES.reduce((s, k) => s + target.principal[k] - booked.principal[k], 0);
}

/** Principal of a payment split by the class of the instalments it pays, oldest first. */
export function principalByClass(p: LoanPosition, amount: Dong): Record<PrincipalClass, Dong> {
  const out: Record<PrincipalClass, Dong> = { current: 0, overdue: 0, extended: 0, frozen: 0 };
  let left = amount;
  for (const i of p.instalments) {
    if (left === 0) break;
    if (i.cls === 'paid') continue;
    const take = Math.min(left, i.unpaid);
    out[i.cls] += take;
    left -= take;
  }
  if (left !== 0) throw new Error(`assertion failed: ${left} đ of principal beyond the instalments`);
  return out;
}

export interface SettlementDraftInput {
  readonly mode: ChartKey;
  readonly book: string;
  readonly loan: string;
  readonly date: string;
  readonly kind: 'repayment' | 'write_off';
  readonly memo: string;
  readonly documentNo: string | null;
  readonly principal: Readonly<Record<PrincipalClass, Dong>>;
  readonly interest: Dong;
  readonly overdueInterest: Dong;
  /** Repayment into this cash or bank account (own fund, or collected by the association). */
  readonly cashAccount: string;
  /** Entrusted repayment paid straight to the bank at the transaction point: memo lines only. */
  readonly paidAtBank: boolean;
}

/** A repayment or a write-off: the loan's accounts credited, the counter-legs per mode. */
export function settlementDraft(s: SettlementDraftInput): EntryDraft {
  const c = LOAN_CHARTS[s.mode];
  const postings: PostingDraft[] = [];
  const principal = PRINCIPAL_CLASSES.reduce((sum, k) => sum + s.principal[k], 0);
  const total = principal + s.interest + s.overdueInterest;
  if (s.mode !== 'entrusted') {
    line(postings, s.kind === 'repayment' ? s.cashAccount : c.principalContra, null, total);
  } else if (s.kind === 'repayment' && !s.paidAtBank) {
    line(postings, s.cashAccount, null, total);
    line(postings, c.collectedPrincipal!, s.loan, -principal);
    line(postings, c.collectedInterest!, s.loan, -(s.interest + s.overdueInterest));
  }
  for (const cls of PRINCIPAL_CLASSES) line(postings, c.principal[cls], s.loan, -s.principal[cls]);
  line(postings, c.interest, s.loan, -s.interest);
  line(postings, c.overdueInterest, s.loan, -s.overdueInterest);
  if (s.mode === 'entrusted') {
    line(postings, c.principalContra, null, principal);
    line(postings, c.interestIncome, null, s.interest + s.overdueInterest);
  }
  return { book: s.book, date: s.date, kind: s.kind, memo: s.memo, documentNo: s.documentNo, postings };
}

/** A disbursement: the principal lent as current, paid from cash (own) or by the bank (entrusted). */
export function disbursementDraft(
  mode: ChartKey,
  book: string,
  loan: string,
  date: string,
  amount: Dong,
  cashAccount: string,
  commitmentUsed: Dong,
  memo: string,
  documentNo: string | null,
): EntryDraft {
  const c = LOAN_CHARTS[mode];
  const postings: PostingDraft[] = [];
  line(postings, c.principal.current, loan, amount);
  line(postings, mode !== 'entrusted' ? cashAccount : c.principalContra, null, -amount);
  line(postings, c.commitment, loan, -commitmentUsed);
  line(postings, c.commitmentContra, null, commitmentUsed);
  return { book, date, kind: 'disbursement', memo, documentNo, postings };
}

/** The net debit of each loan account after `drafts`, added to `net`. */
export function addDraftsToNet(net: Map<string, Dong>, drafts: readonly EntryDraft[], loan: string): void {
  for (const d of drafts)
    for (const p of d.postings)
      if (p.party === loan) net.set(p.account, (net.get(p.account) ?? 0) + p.amount);
}
