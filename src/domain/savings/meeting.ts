/**
 * A meeting sheet (one screen per meeting): each member's line, checked whole, and the cash each
 * box should hold at the end. Pure: the service gathers the facts (who is a member, what each
 * loan owes, each account's balance) and this decides.
 */
import { AMOUNT_DONG_MAX } from '../money.ts';
import type { Refusal } from '../refusal.ts';
import { SAVINGS_LIMITS } from './limits.ts';

export interface MeetingLine {
  readonly member: string;
  readonly present?: boolean | undefined;
  readonly shares?: number | undefined;
  readonly social?: number | undefined;
  /** Principal repaid on `loan` (default: the member's only open loan). */
  readonly repayment?: number | undefined;
  readonly serviceCharge?: number | undefined;
  readonly loan?: string | undefined;
  readonly newLoan?: { readonly amount: number; readonly termMonths?: number | undefined } | null | undefined;
  readonly fine?: number | undefined;
  readonly grant?: number | undefined;
  readonly deposit?: number | undefined;
  readonly withdrawal?: number | undefined;
  /** Savings account for deposit/withdrawal (default: the member's only account in the book). */
  readonly account?: string | undefined;
}

export type MemberState = 'active' | 'inactive' | 'unknown';

/** What the service knows when the sheet is checked. */
export interface SheetFacts {
  readonly sharePrice: number;
  readonly loanMultiple: number;
  readonly termMonthsMax: number;
  readonly member: (id: string) => MemberState;
  /** Share savings (3311) of a member before the meeting. */
  readonly shareSavings: (member: string) => number;
  /** Open loans of a member: id → outstanding principal. */
  readonly openLoans: (member: string) => ReadonlyMap<string, number>;
  /** Savings accounts of a member in the book: id → balance. */
  readonly accounts: (member: string) => ReadonlyMap<string, number>;
  readonly loanCashBefore: number;
  readonly socialCashBefore: number;
  /** The cycle's absence fine (0: none): charged to every member recorded absent. */
  readonly absenceFine?: number;
  /** Fines a member owes before the meeting (1381): a fine paid settles these first. */
  readonly finesOwed?: (member: string) => number;
  /**
   * Service charge a loan owes at the meeting (the loan engine's overdue, due and accrued
   * interest at the start of the day); undefined for a loan recorded before the loan engine kept
   * group loans, whose charge is typed freely.
   */
  readonly chargeOwed?: (loan: string) => number | undefined;
  /** True for a `compulsory` savings account (locked while its owner owes a loan). */
  readonly compulsory?: (account: string) => boolean;
}

export interface SheetTotals {
  readonly present: number;
  readonly shares: number;
  readonly shareAmount: number;
  readonly social: number;
  readonly repayment: number;
  readonly serviceCharge: number;
  readonly newLoans: number;
  readonly fines: number;
  /** Absence fines charged (owed, not cash: Dr 1381 / Cr 5112). */
  readonly absenceFines: number;
  readonly grants: number;
  readonly deposits: number;
  readonly withdrawals: number;
  /** What each box should hold after the meeting. */
  readonly loanCashExpected: number;
  readonly socialCashExpected: number;
}

/** One resolved line: defaults filled, loan and account chosen. */
export interface ResolvedLine {
  readonly member: string;
  readonly present: boolean;
  readonly shares: number;
  readonly social: number;
  readonly repayment: number;
  readonly serviceCharge: number;
  readonly loan: string | null;
  readonly newLoan: { readonly amount: number; readonly termMonths: number } | null;
  readonly fine: number;
  /** The absence fine charged on this line (the cycle's rule; 0 when present). */
  readonly absenceFine: number;
  /** The part of `fine` that settles fines owed (earlier ones and today's absence fine). */
  readonly fineOnDebt: number;
  readonly grant: number;
  readonly deposit: number;
  readonly withdrawal: number;
  readonly account: string | null;
}

const AMOUNT_FIELDS = [
  'social',
  'repayment',
  'serviceCharge',
  'fine',
  'grant',
  'deposit',
  'withdrawal',
] as const;

function amountOk(field: string, v: unknown, row: number, out: Refusal[]): number {
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    out.push({ code: 'amount_not_whole_dong', field, value: v, row });
    return 0;
  }
  if (v < 0 || v > AMOUNT_DONG_MAX) {
    out.push({ code: 'amount_out_of_range', field, value: v, row, params: { max: AMOUNT_DONG_MAX } });
    return 0;
  }
  return v;
}

/**
 * Checks every line (all refusals, each with its 1-based `row`) and computes the totals. The
 * sheet is good when `refusals` is empty.
 */
export function checkSheet(
  lines: readonly MeetingLine[],
  facts: SheetFacts,
): { refusals: Refusal[]; lines: ResolvedLine[]; totals: SheetTotals } {
  const out: Refusal[] = [];
  const resolved: ResolvedLine[] = [];
  if (lines.length > SAVINGS_LIMITS.linesPerMeetingMax)
    out.push({
      code: 'too_many',
      field: 'lines',
      value: lines.length,
      params: { max: SAVINGS_LIMITS.linesPerMeetingMax },
    });
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const row = i + 1;
    const member = typeof l.member === 'string' ? l.member : '';
    const state = member === '' ? 'unknown' : facts.member(member);
    if (state === 'unknown')
      out.push({ code: 'savings_member_unknown', field: 'member', value: l.member ?? null, row });
    else if (state === 'inactive')
      out.push({ code: 'savings_member_inactive', field: 'member', value: member, row });
    if (seen.has(member)) out.push({ code: 'savings_member_duplicate', field: 'member', value: member, row });
    seen.add(member);
    const present = l.present !== false;
    let shares = 0;
    if (l.shares !== undefined && l.shares !== null) {
      if (!Number.isInteger(l.shares) || l.shares < 0 || l.shares > SAVINGS_LIMITS.sharesPerMeetingMax)
        out.push({
          code: 'savings_shares_out_of_range',
          field: 'shares',
          value: l.shares,
          row,
          params: { max: SAVINGS_LIMITS.sharesPerMeetingMax },
        });
      else shares = l.shares;
    }
    if (!present && shares > 0)
      out.push({ code: 'savings_absent_buys_shares', field: 'shares', value: shares, row });
    const a = Object.fromEntries(
      AMOUNT_FIELDS.map((f) => [f, amountOk(f, (l as unknown as Record<string, unknown>)[f], row, out)]),
    ) as Record<(typeof AMOUNT_FIELDS)[number], number>;
    const known = state !== 'unknown';
    // The loan repaid.
    let loan: string | null = null;
    const open = known ? facts.openLoans(member) : new Map<string, number>();
    if (a.repayment > 0 || a.serviceCharge > 0 || l.loan !== undefined) {
      if (l.loan !== undefined) {
        if (!open.has(l.loan))
          out.push({ code: 'savings_loan_not_members', field: 'loan', value: l.loan, row });
        else loan = l.loan;
      } else if (open.size === 1) loan = [...open.keys()][0]!;
      else if (known)
        out.push({
          code: 'savings_loan_required',
          field: 'loan',
          value: null,
          row,
          params: { open: open.size },
        });
      if (loan !== null && a.repayment > open.get(loan)!)
        out.push({
          code: 'savings_repayment_exceeds_outstanding',
          field: 'repayment',
          value: a.repayment,
          row,
          params: { max: open.get(loan)! },
        });
      const owedCharge = loan === null ? undefined : facts.chargeOwed?.(loan);
      if (owedCharge !== undefined && a.serviceCharge > owedCharge)
        out.push({
          code: 'savings_service_charge_exceeds_due',
          field: 'serviceCharge',
          value: a.serviceCharge,
          row,
          params: { max: owedCharge, loan: loan! },
        });
    }
    // A new loan within the limit: outstanding + new ≤ multiple × share savings after this meeting.
    let newLoan: ResolvedLine['newLoan'] = null;
    if (l.newLoan) {
      const amount = amountOk('newLoan.amount', l.newLoan.amount, row, out);
      const term = l.newLoan.termMonths ?? facts.termMonthsMax;
      if (!Number.isInteger(term) || term < 1 || term > facts.termMonthsMax)
        out.push({
          code: 'savings_loan_term_too_long',
          field: 'newLoan.termMonths',
          value: term,
          row,
          params: { max: facts.termMonthsMax },
        });
      if (amount <= 0)
        out.push({ code: 'amount_not_positive', field: 'newLoan.amount', value: l.newLoan.amount, row });
      if (known && amount > 0) {
        const savings = facts.shareSavings(member) + shares * facts.sharePrice;
        const outstanding = [...open.values()].reduce((s, v) => s + v, 0) - a.repayment;
        const limit = facts.loanMultiple * savings;
        if (outstanding + amount > limit)
          out.push({
            code: 'savings_loan_over_limit',
            field: 'newLoan.amount',
            value: amount,
            row,
            params: { limit, multiple: facts.loanMultiple, savings, outstanding },
          });
      }
      newLoan = { amount, termMonths: term };
    }
    // Savings account for a deposit or withdrawal.
    let account: string | null = null;
    if (a.deposit > 0 || a.withdrawal > 0) {
      const accounts = known ? facts.accounts(member) : new Map<string, number>();
      if (l.account !== undefined) {
        if (!accounts.has(l.account))
          out.push({ code: 'savings_account_not_members', field: 'account', value: l.account, row });
        else account = l.account;
      } else if (accounts.size === 1) account = [...accounts.keys()][0]!;
      else if (known)
        out.push({
          code: 'savings_account_required',
          field: 'account',
          value: null,
          row,
          params: { open: accounts.size },
        });
      if (account !== null && a.withdrawal > 0 && facts.compulsory?.(account) === true) {
        // Compulsory savings are the loan's guarantee (VBSP practice): locked while the member
        // owes a group loan after this meeting's repayment and new loan; she may withdraw once
        // the loan is repaid, or when she leaves the group (at the desk).
        const owed = [...open.values()].reduce((s, v) => s + v, 0) - a.repayment + (newLoan?.amount ?? 0);
        if (owed > 0)
          out.push({
            code: 'savings_compulsory_locked',
            field: 'withdrawal',
            value: a.withdrawal,
            row,
            params: { account, outstanding: owed },
          });
      }
      if (account !== null) {
        const balance = accounts.get(account)! + a.deposit;
        if (a.withdrawal > balance)
          out.push({
            code: 'savings_withdrawal_exceeds_balance',
            field: 'withdrawal',
            value: a.withdrawal,
            row,
            params: { balance },
          });
      }
    }
    const absenceFine = present ? 0 : (facts.absenceFine ?? 0);
    const owedFines = (known ? (facts.finesOwed?.(member) ?? 0) : 0) + absenceFine;
    const fineOnDebt = Math.min(a.fine, owedFines);
    resolved.push({ member, present, shares, ...a, absenceFine, fineOnDebt, loan, newLoan, account });
  });
  const sum = (f: (l: ResolvedLine) => number) => resolved.reduce((s, l) => s + f(l), 0);
  const sharesTotal = sum((l) => l.shares);
  const totals = {
    present: sum((l) => (l.present ? 1 : 0)),
    shares: sharesTotal,
    shareAmount: sharesTotal * facts.sharePrice,
    social: sum((l) => l.social),
    repayment: sum((l) => l.repayment),
    serviceCharge: sum((l) => l.serviceCharge),
    newLoans: sum((l) => l.newLoan?.amount ?? 0),
    fines: sum((l) => l.fine),
    absenceFines: sum((l) => l.absenceFine),
    grants: sum((l) => l.grant),
    deposits: sum((l) => l.deposit),
    withdrawals: sum((l) => l.withdrawal),
  };
  const loanCashExpected =
    facts.loanCashBefore +
    totals.shareAmount +
    totals.repayment +
    totals.serviceCharge +
    totals.fines +
    totals.deposits -
    totals.newLoans -
    totals.withdrawals;
  const socialCashExpected = facts.socialCashBefore + totals.social - totals.grants;
  if (socialCashExpected < 0)
    out.push({
      code: 'savings_grant_exceeds_fund',
      field: 'grant',
      value: totals.grants,
      params: { available: facts.socialCashBefore + totals.social },
    });
  if (loanCashExpected < 0)
    out.push({
      code: 'savings_cash_insufficient',
      field: 'newLoan.amount',
      value: totals.newLoans,
      params: { available: loanCashExpected + totals.newLoans },
    });
  return { refusals: out, lines: resolved, totals: { ...totals, loanCashExpected, socialCashExpected } };
}
