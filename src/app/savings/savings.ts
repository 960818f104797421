/**
 * The savings service: savings-group cycles, meetings recorded as one atomic sheet, group loans,
 * share-out, savings accounts with deposits, withdrawals and interest, and the reads (passbook,
 * meeting register, indicators, a member's savings on a date). Every write is one `store.write`
 * whose journal entries go through `postInTx`. See docs/design/savings.md.
 */
import { addDays as addDaysIso, addMonths, isBusinessDate } from '../../domain/dates.ts';
import { requestHash } from '../../domain/ledger/chain.ts';
import type { EntryDraft, PostingDraft } from '../../domain/ledger/entry.ts';
import { DEFAULT_ALLOCATION_ORDER } from '../../domain/loans/allocation.ts';
import type { Programme } from '../../domain/loans/programmes.ts';
import { formatPercent, parsePercentPpm } from '../../domain/loans/rates.ts';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import {
  balanceDays,
  interestOf,
  isVbspInterestDate,
  serviceChargeDue,
} from '../../domain/savings/interest.ts';
import {
  ACC,
  ACC_LOAN_CLASSES,
  ACC_RECEIVABLES,
  PPM,
  SAVINGS_ACCOUNT_KINDS,
  SAVINGS_ID,
  SAVINGS_LIMITS,
} from '../../domain/savings/limits.ts';
import {
  checkSheet,
  type MeetingLine,
  type MemberState,
  type ResolvedLine,
  type SheetTotals,
} from '../../domain/savings/meeting.ts';
import { type ShareOutResult, shareOut } from '../../domain/savings/share-out.ts';
import { findBooks } from '../../store/ledger-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import * as q from '../../store/savings-store.ts';
import { type Ctx, nowIso, today } from '../context.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { postInTx } from '../ledger/post.ts';
import type { Loans } from '../loans/loans.ts';

export const SAVINGS_TEMPLATE = 'savings-group';

// --- inputs and results ---------------------------------------------------------------------------

export interface CycleInput {
  readonly group: string;
  readonly book: string;
  readonly startedOn: string;
  readonly sharePrice: number;
  /** Social fund contribution expected per member per meeting. */
  readonly social?: number;
  /** Loan limit as a multiple of the member's share savings (default 3). */
  readonly loanMultiple?: number;
  /** Service charge per month, percent as typed ("1,5"). */
  readonly serviceCharge?: string | number;
  readonly termMonthsMax?: number;
  readonly absenceFine?: number;
  /** Split of interest income: owners / board / village, percents ("50", "30", "20"). */
  readonly split?: { owners: string | number; board: string | number; village: string | number } | null;
}

export interface CycleView {
  readonly id: string;
  readonly group: string;
  readonly groupName: string;
  readonly book: string;
  readonly number: number;
  readonly startedOn: string;
  readonly sharePrice: number;
  readonly social: number;
  readonly loanMultiple: number;
  readonly serviceChargePpmMonth: number;
  readonly termMonthsMax: number;
  readonly absenceFine: number;
  readonly split: { ownersPpm: number; boardPpm: number; villagePpm: number } | null;
  readonly sharedOutOn: string | null;
  readonly meetings: number;
  readonly lastMeetingOn: string | null;
}

export interface MeetingInput {
  readonly cycle: string;
  readonly date: string;
  readonly lines: readonly MeetingLine[];
  readonly countedLoanFund: number;
  readonly countedSocialFund: number;
  /** An approved difference between counted and computed cash, kept visible. */
  readonly difference?: { readonly approver: string; readonly reason: string } | null;
  readonly idempotencyKey?: string | null;
}

export interface MeetingPreview {
  readonly refusals: readonly Refusal[];
  readonly totals: SheetTotals;
  readonly loanCashBefore: number;
  readonly socialCashBefore: number;
  readonly loanCashDifference: number;
  readonly socialCashDifference: number;
  /** Member → service charge due this month on their open loans (outstanding × rate, half up). */
  readonly serviceChargeDue: Readonly<Record<string, number>>;
  /** Member → fines owed after this meeting's absence fines, before anything paid at it. */
  readonly finesDue: Readonly<Record<string, number>>;
}

export interface MeetingResult {
  readonly cycle: string;
  readonly number: number;
  readonly date: string;
  readonly totals: SheetTotals;
  readonly loanCashDifference: number;
  readonly socialCashDifference: number;
  readonly newLoans: readonly string[];
  readonly entries: readonly string[];
  readonly replayed: boolean;
}

export interface ShareOutInput {
  readonly cycle: string;
  readonly date: string;
  /** Member → shares kept in the next cycle at its share price. */
  readonly reinvest?: Readonly<Record<string, number>>;
  /** The next cycle, opened the same day (needed to reinvest). */
  readonly next?: Omit<CycleInput, 'group' | 'book' | 'startedOn'> | null;
  readonly idempotencyKey?: string | null;
}

export interface ShareOutView extends ShareOutResult {
  readonly cycle: string;
  readonly date: string;
  readonly cashPaid: Readonly<Record<string, number>>;
  readonly reinvested: Readonly<Record<string, number>>;
  readonly nextCycle: string | null;
  readonly socialFundKept: number;
  readonly entries: readonly string[];
}

export interface AccountInput {
  readonly id?: string;
  readonly book: string;
  readonly person: string;
  readonly kind: string;
  /** Percent per year as typed ("0,5"). */
  readonly rate?: string | number;
  readonly openedOn: string;
}

export interface MoveInput {
  readonly account: string;
  readonly date: string;
  readonly amount: number;
  readonly documentNo?: string | null;
  readonly idempotencyKey?: string | null;
}

export interface PassbookLine {
  readonly date: string;
  readonly cycle: string;
  readonly meeting: number;
  readonly present: boolean;
  readonly shares: number;
  readonly shareAmount: number;
  readonly social: number;
  readonly repayment: number;
  readonly serviceCharge: number;
  readonly newLoan: number;
  readonly fine: number;
  /** Absence fine charged at this meeting (owed until paid). */
  readonly absenceFine: number;
  readonly grant: number;
  readonly deposit: number;
  readonly withdrawal: number;
  /** Running totals after this line. */
  readonly sharesTotal: number;
  readonly shareSavings: number;
  readonly loanOutstanding: number;
  /** Fines charged and not yet paid after this line. */
  readonly finesOwed: number;
}

export interface Passbook {
  readonly person: string;
  readonly fullName: string;
  readonly group: string;
  readonly groupName: string;
  readonly lines: readonly PassbookLine[];
  readonly shareOuts: ReadonlyArray<{ cycle: string; date: string; shares: number; amount: number }>;
}

export interface RegisterRow {
  readonly number: number;
  readonly date: string;
  readonly totals: SheetTotals;
  readonly countedLoanFund: number;
  readonly countedSocialFund: number;
  readonly expectedLoanFund: number;
  readonly expectedSocialFund: number;
  readonly difference: { approver: string; reason: string; loanFund: number; socialFund: number } | null;
  readonly entries: readonly string[];
}

export interface Indicators {
  readonly key: string;
  /** The organisation of a group row. */
  readonly organisation?: string;
  readonly name: string;
  readonly groups: number;
  readonly members: number;
  readonly women: number;
  /** Per cent, one decimal, as a string ("96.7"); null when there is nothing to divide by. */
  readonly womenPct: string | null;
  readonly attendancePct: string | null;
  readonly savings: number;
  readonly loansOutstanding: number;
  readonly loansAtRisk: number;
  readonly par30Pct: string | null;
  readonly netIncome: number;
  readonly assets: number;
  readonly roaAnnualisedPct: string | null;
  readonly socialFund: number;
  /** Sums behind the attendance ratio. */
  readonly present: number;
  readonly lines: number;
}

export interface IndicatorReport {
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  readonly groups: readonly Indicators[];
  readonly organisations: readonly Indicators[];
}

// --- helpers ----------------------------------------------------------------------------------------

function throwIf(out: readonly Refusal[]): void {
  if (out.length > 0) throw new RefusedError(out);
}

function refused(
  code: string,
  field: string,
  value: unknown,
  params?: Record<string, string | number>,
): never {
  throw new RefusedError([params ? { code, field, value, params } : { code, field, value }]);
}

function dongField(field: string, v: unknown, out: Refusal[], min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    out.push({ code: 'amount_not_whole_dong', field, value: v ?? null });
    return 0;
  }
  if (v < min || v > AMOUNT_DONG_MAX) {
    out.push({
      code: min > 0 ? 'amount_not_positive' : 'amount_out_of_range',
      field,
      value: v,
      params: { max: AMOUNT_DONG_MAX },
    });
    return 0;
  }
  return v;
}

function intField(field: string, v: unknown, min: number, max: number, out: Refusal[]): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    out.push({ code: 'savings_number_out_of_range', field, value: v ?? null, params: { min, max } });
    return min;
  }
  return v;
}

function dateField(field: string, v: unknown, out: Refusal[]): string {
  if (!isBusinessDate(v)) {
    out.push({ code: 'date_invalid', field, value: v ?? null });
    return '';
  }
  return v;
}

function ppmField(field: string, v: unknown, max: number, out: Refusal[]): number {
  const r = parsePercentPpm(field, v, max);
  if (!r.ok) {
    out.push(...r.refusals);
    return 0;
  }
  return r.value;
}

function pct(num: number, den: number): string | null {
  if (den === 0) return null;
  // One decimal, half up, exact in integers.
  const tenths = Math.floor((num * 2000 + den) / (den * 2));
  return `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}`;
}

function memberStateOf(spans: readonly q.MembershipSpan[], person: string, date: string): MemberState {
  const mine = spans.filter((s) => s.person === person);
  if (mine.length === 0) return 'unknown';
  return mine.some((s) => s.joinedOn <= date && (s.leftOn === null || date < s.leftOn))
    ? 'active'
    : 'inactive';
}

function quarterRange(quarter: string): { from: string; to: string } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const y = Number(m[1]);
  const qn = Number(m[2]);
  const startMonth = (qn - 1) * 3 + 1;
  const from = `${y}-${String(startMonth).padStart(2, '0')}-01`;
  const to = addMonths(from, 3);
  // `to` is the first day of the next quarter; the quarter ends the day before.
  const end = new Date(`${to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() - 1);
  return { from, to: end.toISOString().slice(0, 10) };
}

function cycleView(
  c: q.CycleRow,
  groupName: string,
  share: q.ShareOutRow | undefined,
  meetings: q.MeetingRow[],
): CycleView {
  const real = meetings.filter((m) => m.number > 0);
  return {
    id: c.id,
    group: c.group_id,
    groupName,
    book: c.book_code,
    number: c.number,
    startedOn: c.started_on,
    sharePrice: c.share_price_dong,
    social: c.social_dong,
    loanMultiple: c.loan_multiple,
    serviceChargePpmMonth: c.service_charge_ppm_month,
    termMonthsMax: c.term_months_max,
    absenceFine: c.absence_fine_dong,
    split:
      c.split_owners_ppm === null
        ? null
        : {
            ownersPpm: c.split_owners_ppm,
            boardPpm: c.split_board_ppm ?? 0,
            villagePpm: c.split_village_ppm ?? 0,
          },
    sharedOutOn: share?.held_on ?? null,
    meetings: real.length,
    lastMeetingOn: real[real.length - 1]?.held_on ?? null,
  };
}

function posting(account: string, amount: number, party?: string): PostingDraft {
  return party === undefined ? { account, amount } : { account, party, amount };
}

// --- the service ------------------------------------------------------------------------------------

export class Savings {
  constructor(
    readonly store: Store,
    readonly ledger: Ledger,
    readonly loans: Loans,
  ) {}

  // --- cycles ----------------------------------------------------------------------------------------

  /** Opens a cycle for a group: share price, social fund, loan rules, optional interest split. */
  async openCycle(ctx: Ctx, input: CycleInput): Promise<CycleView> {
    return this.store.write(async (tx) => {
      const id = await this.#openCycleInTx(tx, ctx, input, 0);
      return this.#cycleView(tx, ctx, id);
    });
  }

  async #openCycleInTx(tx: Tx, ctx: Ctx, input: CycleInput, minNumber: number): Promise<string> {
    const out: Refusal[] = [];
    const startedOn = dateField('startedOn', input.startedOn, out);
    const sharePrice = dongField('sharePrice', input.sharePrice, out, 1);
    const social = dongField('social', input.social ?? 0, out);
    const loanMultiple = intField(
      'loanMultiple',
      input.loanMultiple ?? 3,
      0,
      SAVINGS_LIMITS.loanMultipleMax,
      out,
    );
    const charge = ppmField(
      'serviceCharge',
      input.serviceCharge ?? '1,5',
      SAVINGS_LIMITS.serviceChargePpmMonthMax,
      out,
    );
    const term = intField(
      'termMonthsMax',
      input.termMonthsMax ?? 6,
      1,
      SAVINGS_LIMITS.loanTermMonthsMax,
      out,
    );
    const absenceFine = dongField('absenceFine', input.absenceFine ?? 0, out);
    let split: [number, number, number] | null = null;
    if (input.split) {
      split = [
        ppmField('split.owners', input.split.owners, 1_000_000, out),
        ppmField('split.board', input.split.board, 1_000_000, out),
        ppmField('split.village', input.split.village, 1_000_000, out),
      ];
      if (split[0] + split[1] + split[2] !== 1_000_000)
        out.push({
          code: 'savings_split_not_whole',
          field: 'split',
          value: split.map((p) => p / 10_000).join(' / '),
        });
    }
    throwIf(out);
    const group = await q.findGroup(tx, ctx.tenant, input.group);
    if (!group) refused('savings_group_unknown', 'group', input.group);
    if (group.kind !== 'vsla') refused('savings_group_not_vsla', 'group', input.group, { kind: group.kind });
    const [book] = await findBooks(tx, this.store.kind, ctx.tenant, [input.book], true);
    if (!book) refused('book_unknown', 'book', input.book);
    if (book.template !== SAVINGS_TEMPLATE)
      refused('savings_book_template', 'book', input.book, { template: SAVINGS_TEMPLATE });
    if (book.organisation !== null && book.organisation !== group.organisation)
      refused('savings_book_organisation', 'book', input.book, {
        book: book.organisation,
        group: group.organisation,
      });
    const cycles = await q.listCycles(tx, ctx.tenant, input.group);
    const last = cycles[cycles.length - 1];
    if (last) {
      const done = await q.findShareOut(tx, ctx.tenant, last.id);
      if (!done) refused('savings_cycle_open', 'group', input.group, { cycle: last.id });
      if (startedOn < done.held_on)
        refused('savings_date_before', 'startedOn', startedOn, { date: done.held_on });
      if (last.book_code !== input.book)
        refused('savings_book_changed', 'book', input.book, { book: last.book_code });
    }
    const number = Math.max(minNumber, (last?.number ?? 0) + 1);
    const id = `${input.group}-C${number}`;
    await q.insertCycle(tx, {
      tenant_id: ctx.tenant,
      id,
      group_id: input.group,
      book_code: input.book,
      number,
      started_on: startedOn,
      share_price_dong: sharePrice,
      social_dong: social,
      loan_multiple: loanMultiple,
      service_charge_ppm_month: charge,
      term_months_max: term,
      absence_fine_dong: absenceFine,
      split_owners_ppm: split?.[0] ?? null,
      split_board_ppm: split?.[1] ?? null,
      split_village_ppm: split?.[2] ?? null,
      created_at: nowIso(ctx),
      actor: ctx.actor,
    });
    return id;
  }

  async #cycleView(db: Tx, ctx: Ctx, id: string): Promise<CycleView> {
    const c = await q.findCycle(db, ctx.tenant, id);
    if (!c) refused('savings_cycle_unknown', 'cycle', id);
    const group = await q.findGroup(db, ctx.tenant, c.group_id);
    return cycleView(
      c,
      group?.name ?? c.group_id,
      await q.findShareOut(db, ctx.tenant, id),
      await q.listMeetings(db, ctx.tenant, id),
    );
  }

  async cycle(ctx: Ctx, id: string): Promise<CycleView> {
    return this.#cycleView(this.store.db, ctx, id);
  }

  /** The book a cycle is kept in (for access decisions), or undefined. One indexed read. */
  async bookOfCycle(ctx: Ctx, cycle: string): Promise<string | undefined> {
    return (await q.findCycle(this.store.db, ctx.tenant, cycle))?.book_code;
  }

  /** The book a group's cycles are kept in (every cycle of a group uses one book), or undefined. */
  async bookOfGroup(ctx: Ctx, group: string): Promise<string | undefined> {
    return (await q.listCycles(this.store.db, ctx.tenant, group))[0]?.book_code;
  }

  /** Group → book of every group with a cycle (one read), for filtering lists by readable books. */
  async groupBooks(ctx: Ctx): Promise<Map<string, string>> {
    return new Map((await q.listCycles(this.store.db, ctx.tenant)).map((c) => [c.group_id, c.book_code]));
  }

  async cycles(ctx: Ctx, group?: string): Promise<CycleView[]> {
    const rows = await q.listCycles(this.store.db, ctx.tenant, group);
    const out: CycleView[] = [];
    for (const c of rows) out.push(await this.#cycleView(this.store.db, ctx, c.id));
    return out;
  }

  // --- meetings --------------------------------------------------------------------------------------
  /** The members a meeting sheet lists on a date (active in the group), with their names. */
  async sheetMembers(
    ctx: Ctx,
    cycle: string,
    date: string,
  ): Promise<Array<{ person: string; fullName: string }>> {
    const c = await q.findCycle(this.store.db, ctx.tenant, cycle);
    if (!c) refused('savings_cycle_unknown', 'cycle', cycle);
    const spans = await q.groupSpans(this.store.db, ctx.tenant, c.group_id);
    const seen = new Set<string>();
    const out: Array<{ person: string; fullName: string }> = [];
    for (const sp of spans)
      if (memberStateOf(spans, sp.person, date) === 'active' && !seen.has(sp.person)) {
        seen.add(sp.person);
        out.push({ person: sp.person, fullName: sp.fullName });
      }
    return out;
  }

  /** Checks a sheet and computes its totals and the expected cash, writing nothing. */
  async previewMeeting(ctx: Ctx, input: MeetingInput): Promise<MeetingPreview> {
    return this.store.read(async (db) => (await this.#check(db, ctx, input)).preview);
  }

  async #check(db: Tx, ctx: Ctx, input: MeetingInput) {
    const out: Refusal[] = [];
    const date = dateField('date', input.date, out);
    const countedLoan = dongField('countedLoanFund', input.countedLoanFund, out);
    const countedSocial = dongField('countedSocialFund', input.countedSocialFund, out);
    if (!Array.isArray(input.lines)) refused('savings_lines_required', 'lines', null);
    throwIf(out);
    const c = await q.findCycle(db, ctx.tenant, input.cycle);
    if (!c) refused('savings_cycle_unknown', 'cycle', input.cycle);
    const shared = await q.findShareOut(db, ctx.tenant, c.id);
    if (shared) refused('savings_cycle_closed', 'cycle', c.id, { date: shared.held_on });
    const last = await q.lastMeeting(db, ctx.tenant, c.id);
    if (date < c.started_on)
      out.push({ code: 'savings_date_before', field: 'date', value: date, params: { date: c.started_on } });
    if (last && date < last.held_on)
      out.push({ code: 'savings_date_before', field: 'date', value: date, params: { date: last.held_on } });
    if ((last?.number ?? 0) >= SAVINGS_LIMITS.meetingsPerCycleMax)
      out.push({
        code: 'too_many',
        field: 'cycle',
        value: c.id,
        params: { max: SAVINGS_LIMITS.meetingsPerCycleMax },
      });
    const book = c.book_code;
    const spans = await q.groupSpans(db, ctx.tenant, c.group_id);
    const shareSavings = await q.partyNets(db, ctx.tenant, book, ACC.shares, date);
    const principal = await loanNets(db, ctx.tenant, book, date);
    const loans = await q.groupLoans(db, ctx.tenant, { cycle: c.id });
    // Loans kept by the loan engine (every loan since it keeps group loans): their position at the
    // start of the meeting day says what principal and service charge they owe.
    const positions = await this.loans.positionsInTx(
      db,
      ctx,
      loans.map((l) => l.id),
      date,
    );
    const chargeOf = (id: string): number | undefined => {
      const p = positions.get(id);
      return p === undefined
        ? undefined
        : p.dues.overdue_interest + p.dues.interest_due + p.dues.accrued_interest;
    };
    const accounts = await q.listAccounts(db, ctx.tenant, { book });
    const accountNets = await q.partyNets(db, ctx.tenant, book, ACC.savings, date);
    const cash = await q.accountNets(db, ctx.tenant, book, [ACC.loanCash, ACC.socialCash], date);
    const finesOwed = await q.partyNets(db, ctx.tenant, book, ACC.finesOwed, date);
    const compulsory = new Set(accounts.filter((a) => a.kind === 'compulsory').map((a) => a.id));
    const openLoans = new Map<string, Map<string, number>>();
    for (const l of loans) {
      const outstanding = positions.get(l.id)?.outstanding ?? principal.get(l.id) ?? 0;
      if (outstanding <= 0 && (chargeOf(l.id) ?? 0) <= 0) continue;
      const m = openLoans.get(l.person_id) ?? new Map<string, number>();
      m.set(l.id, outstanding);
      openLoans.set(l.person_id, m);
    }
    const accountsOf = new Map<string, Map<string, number>>();
    for (const a of accounts) {
      const m = accountsOf.get(a.person_id) ?? new Map<string, number>();
      m.set(a.id, 0 - (accountNets.get(a.id) ?? 0));
      accountsOf.set(a.person_id, m);
    }
    const checked = checkSheet(input.lines, {
      sharePrice: c.share_price_dong,
      loanMultiple: c.loan_multiple,
      termMonthsMax: c.term_months_max,
      member: (id) => memberStateOf(spans, id, date),
      shareSavings: (m) => 0 - (shareSavings.get(m) ?? 0),
      openLoans: (m) => openLoans.get(m) ?? new Map(),
      accounts: (m) => accountsOf.get(m) ?? new Map(),
      loanCashBefore: cash.get(ACC.loanCash) ?? 0,
      socialCashBefore: cash.get(ACC.socialCash) ?? 0,
      absenceFine: c.absence_fine_dong,
      finesOwed: (m) => finesOwed.get(m) ?? 0,
      compulsory: (a) => compulsory.has(a),
      chargeOwed: chargeOf,
    });
    out.push(...checked.refusals);
    const t = checked.totals;
    const loanDiff = countedLoan - t.loanCashExpected;
    const socialDiff = countedSocial - t.socialCashExpected;
    const approved = input.difference ?? null;
    if ((loanDiff !== 0 || socialDiff !== 0) && approved === null) {
      if (loanDiff !== 0)
        out.push({
          code: 'savings_cash_mismatch',
          field: 'countedLoanFund',
          value: countedLoan,
          params: { expected: t.loanCashExpected, difference: loanDiff },
        });
      if (socialDiff !== 0)
        out.push({
          code: 'savings_cash_mismatch',
          field: 'countedSocialFund',
          value: countedSocial,
          params: { expected: t.socialCashExpected, difference: socialDiff },
        });
    }
    if (approved !== null) {
      for (const f of ['approver', 'reason'] as const) {
        const v = approved[f];
        if (typeof v !== 'string' || v.trim() === '' || v.length > SAVINGS_LIMITS.textLengthMax)
          out.push({ code: 'savings_difference_incomplete', field: `difference.${f}`, value: v ?? null });
      }
      if (loanDiff === 0 && socialDiff === 0)
        out.push({ code: 'savings_difference_none', field: 'difference', value: approved.reason ?? null });
    }
    const due: Record<string, number> = {};
    for (const [member, m] of openLoans) {
      let sum = 0;
      for (const [id, outstanding] of m) {
        const loan = loans.find((l) => l.id === id)!;
        sum += chargeOf(id) ?? serviceChargeDue(outstanding, loan.service_charge_ppm_month, 1);
      }
      due[member] = sum;
    }
    const finesDue: Record<string, number> = {};
    for (const l of checked.lines) {
      const owed = (finesOwed.get(l.member) ?? 0) + l.absenceFine;
      if (owed > 0) finesDue[l.member] = owed;
    }
    const preview: MeetingPreview = {
      refusals: out,
      totals: t,
      loanCashBefore: cash.get(ACC.loanCash) ?? 0,
      socialCashBefore: cash.get(ACC.socialCash) ?? 0,
      loanCashDifference: loanDiff,
      socialCashDifference: socialDiff,
      serviceChargeDue: due,
      finesDue,
    };
    return {
      preview,
      cycle: c,
      last,
      lines: checked.lines,
      loans,
      positions,
      date,
      countedLoan,
      countedSocial,
      approved,
    };
  }

  /**
   * Records a meeting sheet whole: every line, the new loans and the entries, or nothing (every bad
   * line listed). The counted cash must equal the computed cash unless an approved difference is given.
   */
  async recordMeeting(ctx: Ctx, input: MeetingInput): Promise<MeetingResult> {
    return this.store.write((tx) => this.recordMeetingInTx(tx, ctx, input));
  }

  /** `recordMeeting` inside a caller's write transaction (the audited HTTP route). */
  async recordMeetingInTx(tx: Tx, ctx: Ctx, input: MeetingInput): Promise<MeetingResult> {
    const body = { op: 'savings.meeting', ...input, idempotencyKey: undefined };
    {
      const key = input.idempotencyKey ?? null;
      if (key !== null) {
        const earlier = await q.findMeetingByKey(tx, ctx.tenant, key);
        if (earlier) {
          if (earlier.request_hash !== requestHash(body))
            refused('idempotency_key_reused', 'idempotencyKey', key);
          return { ...this.#meetingResult(earlier), replayed: true };
        }
      }
      const c0 = await q.findCycle(tx, ctx.tenant, input.cycle);
      if (c0) await findBooks(tx, this.store.kind, ctx.tenant, [c0.book_code], true);
      const k = await this.#check(tx, ctx, input);
      throwIf(k.preview.refusals);
      const c = k.cycle;
      const number = (k.last?.number ?? 0) + 1;
      const book = c.book_code;
      const date = k.date;
      // New loans get ids in the cycle's sequence.
      let loanSeq = k.loans.length;
      const newLoans: q.GroupLoanRow[] = [];
      const newLoanOf = new Map<string, string>();
      for (const l of k.lines)
        if (l.newLoan) {
          loanSeq += 1;
          const id = `${c.id}-L${String(loanSeq).padStart(3, '0')}`;
          newLoanOf.set(l.member, id);
          newLoans.push({
            tenant_id: ctx.tenant,
            id,
            cycle_id: c.id,
            person_id: l.member,
            meeting_no: number,
            issued_on: date,
            amount_dong: l.newLoan.amount,
            service_charge_ppm_month: c.service_charge_ppm_month,
            term_months: l.newLoan.termMonths,
            due_on: addMonths(date, l.newLoan.termMonths),
          });
        }
      // Legacy loans (recorded before the loan engine kept group loans) are repaid by the
      // meeting's own entry; every other loan goes through the loan engine below.
      const engineLoans = new Set(k.positions.keys());
      const drafts = meetingDrafts(book, c.id, number, date, k.lines, c.share_price_dong, engineLoans, {
        loan: k.preview.loanCashDifference,
        social: k.preview.socialCashDifference,
        note: k.approved ? `${k.approved.reason} (duyệt: ${k.approved.approver})` : '',
      });
      // Money out of the loan box after the money in (a day's balance is checked per call).
      const outflow = (d: EntryDraft) =>
        d.kind === 'withdrawal' ||
        (d.kind === 'cash_difference' && d.postings.some((p) => p.account === ACC.cashShort));
      const refs: string[] = [];
      const post = async (list: EntryDraft[], part: string) => {
        if (list.length === 0) return;
        const posted = await postInTx(tx, this.ledger.env, ctx, list, {
          idempotencyKey: key === null ? null : `savings:meeting:${key}${part}`,
          requestBody: body,
        });
        refs.push(...posted.entries.map((r) => `${r.book}#${r.seq}`));
      };
      await post(
        drafts.filter((d) => !outflow(d)),
        '',
      );
      refs.push(...(await this.#groupLoansInTx(tx, ctx, c, number, date, k.lines, newLoans)));
      await post(drafts.filter(outflow), ':out');
      await q.insertMeeting(tx, {
        tenant_id: ctx.tenant,
        cycle_id: c.id,
        number,
        held_on: date,
        counted_loan_cash_dong: k.countedLoan,
        counted_social_cash_dong: k.countedSocial,
        expected_loan_cash_dong: k.preview.totals.loanCashExpected,
        expected_social_cash_dong: k.preview.totals.socialCashExpected,
        difference_approver: k.approved?.approver ?? null,
        difference_reason: k.approved?.reason ?? null,
        totals: JSON.stringify(k.preview.totals),
        entries: JSON.stringify(refs),
        idempotency_key: key,
        request_hash: key === null ? null : requestHash(body),
        recorded_at: nowIso(ctx),
        actor: ctx.actor,
      });
      await q.insertGroupLoans(tx, newLoans);
      await q.insertLines(
        tx,
        k.lines.map((l) => ({
          tenant_id: ctx.tenant,
          cycle_id: c.id,
          meeting_no: number,
          person_id: l.member,
          present: l.present ? 1 : 0,
          shares: l.shares,
          social_dong: l.social,
          repayment_dong: l.repayment,
          service_charge_dong: l.serviceCharge,
          loan_id: l.loan,
          new_loan_id: newLoanOf.get(l.member) ?? null,
          fine_dong: l.fine,
          absence_fine_dong: l.absenceFine,
          grant_dong: l.grant,
          deposit_dong: l.deposit,
          withdrawal_dong: l.withdrawal,
          account_id: l.account,
        })),
      );
      return {
        cycle: c.id,
        number,
        date,
        totals: k.preview.totals,
        loanCashDifference: k.preview.loanCashDifference,
        socialCashDifference: k.preview.socialCashDifference,
        newLoans: newLoans.map((l) => l.id),
        entries: refs,
        replayed: false,
      };
    }
  }

  /**
   * The meeting's group loans through the loan engine, in the meeting's transaction: each
   * repayment of an engine loan (principal and service charge as the sheet splits them), then
   * each new loan applied for, approved by the meeting and disbursed from the loan box, under the
   * cycle's programme (made at its first loan). Answers the entries posted.
   */
  async #groupLoansInTx(
    tx: Tx,
    ctx: Ctx,
    c: q.CycleRow,
    number: number,
    date: string,
    lines: readonly ResolvedLine[],
    newLoans: readonly q.GroupLoanRow[],
  ): Promise<string[]> {
    const refs: string[] = [];
    const doc = `${c.id}/${number}`;
    const engine = await this.loans.positionsInTx(
      tx,
      ctx,
      lines.flatMap((l) => (l.loan === null ? [] : [l.loan])),
      date,
    );
    for (const l of lines) {
      if (l.loan === null || !engine.has(l.loan) || l.repayment + l.serviceCharge === 0) continue;
      const r = await this.loans.repayInTx(tx, ctx, {
        loan: l.loan,
        date,
        amount: l.repayment + l.serviceCharge,
        split: { principal: l.repayment, interest: l.serviceCharge },
        cashAccount: ACC.loanCash,
        documentNo: doc,
      });
      refs.push(...r.entries);
    }
    if (newLoans.length === 0) return refs;
    const programme = groupProgramme(c.service_charge_ppm_month);
    await this.loans.ensureProgrammeInTx(tx, ctx, programme, {
      // The rate is the programme's identity and never changes: in force from any loan's date.
      from: GROUP_PROGRAMME_FROM,
      quotedPpm: c.service_charge_ppm_month,
      note: `Phí dịch vụ vay quỹ nhóm tiết kiệm theo nội quy chu kỳ: ${formatPercent(c.service_charge_ppm_month, 'vi')}/tháng`,
    });
    const spans = await q.groupSpans(tx, ctx.tenant, c.group_id);
    for (const n of newLoans) {
      const household = spans.find((s) => s.person === n.person_id)!.household;
      await this.loans.applyInTx(tx, ctx, {
        id: n.id,
        programme: programme.id,
        book: c.book_code,
        household,
        amount: n.amount_dong,
        date,
        termMonths: n.term_months,
        group: c.group_id,
        purpose: `Vay quỹ nhóm – thành viên ${n.person_id}`,
        agreementNo: n.id,
      });
      const approved = await this.loans.approve(
        ctx,
        { loan: n.id, date, approver: `Họp nhóm ${doc}`, documentNo: doc },
        tx,
      );
      const paid = await this.loans.disburse(
        ctx,
        { loan: n.id, date, amount: n.amount_dong, cashAccount: ACC.loanCash, documentNo: doc },
        tx,
      );
      refs.push(...approved.entries, ...paid.entries);
    }
    return refs;
  }

  #meetingResult(m: q.MeetingRow): Omit<MeetingResult, 'replayed'> {
    const totals = totalsOf(m.totals);
    return {
      cycle: m.cycle_id,
      number: m.number,
      date: m.held_on,
      totals,
      loanCashDifference: m.counted_loan_cash_dong - m.expected_loan_cash_dong,
      socialCashDifference: m.counted_social_cash_dong - m.expected_social_cash_dong,
      newLoans: [],
      entries: JSON.parse(m.entries) as string[],
    };
  }
  // --- share-out -------------------------------------------------------------------------------------

  /**
   * Shares out a cycle: the distributable pool (savings + service charges + fines + other income −
   * expenses + carried in; never the social fund) × member's shares ÷ all shares, rounded down;
   * the remainder stays in the group (4212). Optionally opens the next cycle with reinvested shares.
   */
  async shareOut(ctx: Ctx, input: ShareOutInput): Promise<ShareOutView> {
    const out: Refusal[] = [];
    const date = dateField('date', input.date, out);
    throwIf(out);
    const body = { op: 'savings.share-out', ...input, idempotencyKey: undefined };
    return this.store.write((tx) => this.#shareOutInTx(tx, ctx, input, date, body));
  }

  /** `shareOut` inside a caller's write transaction (the audited HTTP route). */
  async shareOutInTx(tx: Tx, ctx: Ctx, input: ShareOutInput): Promise<ShareOutView> {
    const out: Refusal[] = [];
    const date = dateField('date', input.date, out);
    throwIf(out);
    return this.#shareOutInTx(tx, ctx, input, date, {
      op: 'savings.share-out',
      ...input,
      idempotencyKey: undefined,
    });
  }

  async #shareOutInTx(
    tx: Tx,
    ctx: Ctx,
    input: ShareOutInput,
    date: string,
    body: unknown,
  ): Promise<ShareOutView> {
    const out: Refusal[] = [];
    {
      const c = await q.findCycle(tx, ctx.tenant, input.cycle);
      if (!c) refused('savings_cycle_unknown', 'cycle', input.cycle);
      await findBooks(tx, this.store.kind, ctx.tenant, [c.book_code], true);
      const done = await q.findShareOut(tx, ctx.tenant, c.id);
      if (done) {
        if (input.idempotencyKey && JSON.parse(done.result).key === input.idempotencyKey)
          return JSON.parse(done.result).view as ShareOutView;
        refused('savings_cycle_closed', 'cycle', c.id, { date: done.held_on });
      }
      const last = await q.lastMeeting(tx, ctx.tenant, c.id);
      if (last && date < last.held_on)
        out.push({ code: 'savings_date_before', field: 'date', value: date, params: { date: last.held_on } });
      const book = c.book_code;
      const owing = await loanNets(tx, ctx.tenant, book, date, true);
      for (const l of await q.groupLoans(tx, ctx.tenant, { cycle: c.id })) {
        const owed = owing.get(l.id) ?? 0;
        if (owed > 0)
          out.push({
            code: 'savings_loans_outstanding',
            field: 'cycle',
            value: l.id,
            params: { member: l.person_id, outstanding: owed },
          });
      }
      // Fines owed are settled before the share-out (the member pays them at a meeting).
      for (const [member, owed] of await q.partyNets(tx, ctx.tenant, book, ACC.finesOwed, date))
        if (owed > 0)
          out.push({
            code: 'savings_fines_outstanding',
            field: 'cycle',
            value: member,
            params: { member, outstanding: owed },
          });
      const shares = await q.sharesByMember(tx, ctx.tenant, c.id);
      const reinvest = input.reinvest ?? {};
      if (Object.keys(reinvest).length > 0 && !input.next)
        out.push({ code: 'savings_next_cycle_required', field: 'next', value: null });
      for (const [m, n] of Object.entries(reinvest)) {
        if (!shares.has(m)) out.push({ code: 'savings_member_unknown', field: `reinvest.${m}`, value: m });
        if (!Number.isInteger(n) || n < 0)
          out.push({
            code: 'savings_number_out_of_range',
            field: `reinvest.${m}`,
            value: n,
            params: { min: 0, max: 1_000_000 },
          });
      }
      throwIf(out);
      const nets = await q.accountNets(
        tx,
        ctx.tenant,
        book,
        [
          ACC.shares,
          ACC.serviceCharges,
          ACC.fines,
          ACC.cashOver,
          ACC.expenses,
          ACC.cashShort,
          ACC.carried,
          ACC.socialFund,
        ],
        date,
      );
      const bal = (a: string) => 0 - (nets.get(a) ?? 0); // credit-normal balance
      const memberSavings = await q.partyNets(tx, ctx.tenant, book, ACC.shares, date);
      // pool = savings + service charges + fines + cash over − expenses − cash short + carried in
      const pool =
        bal(ACC.shares) +
        bal(ACC.serviceCharges) +
        bal(ACC.fines) +
        bal(ACC.cashOver) +
        bal(ACC.expenses) +
        bal(ACC.cashShort) +
        bal(ACC.carried);
      const split =
        c.split_owners_ppm === null
          ? null
          : {
              ownersPpm: c.split_owners_ppm,
              boardPpm: c.split_board_ppm ?? 0,
              villagePpm: c.split_village_ppm ?? 0,
            };
      const result = shareOut({ shares, pool, interestIncome: bal(ACC.serviceCharges), split });
      if (result.totalShares === 0 || result.distributable < 0)
        refused('savings_nothing_to_share', 'cycle', c.id, { pool });
      // The next cycle and reinvested shares.
      let nextId: string | null = null;
      let nextPrice = 0;
      if (input.next) {
        nextId = await this.#openNextCycle(tx, ctx, c, input.next, date);
        nextPrice = (await q.findCycle(tx, ctx.tenant, nextId))!.share_price_dong;
      }
      const cashPaid: Record<string, number> = {};
      const reinvested: Record<string, number> = {};
      for (const p of result.payouts) {
        const n = reinvest[p.member] ?? 0;
        const kept = n * nextPrice;
        if (kept > p.amount)
          out.push({
            code: 'savings_reinvest_exceeds_payout',
            field: `reinvest.${p.member}`,
            value: n,
            params: { payout: p.amount, price: nextPrice },
          });
        reinvested[p.member] = kept;
        cashPaid[p.member] = p.amount - kept;
      }
      throwIf(out);
      const memo = (w: string) => `${w} – chu kỳ ${c.id}`;
      const closing: PostingDraft[] = [
        ...[...memberSavings.entries()]
          .filter(([, v]) => v !== 0)
          .map(([m, v]) => posting(ACC.shares, -v, m)),
        ...[ACC.serviceCharges, ACC.fines, ACC.cashOver, ACC.expenses, ACC.cashShort].map((a) =>
          posting(a, 0 - (nets.get(a) ?? 0)),
        ),
        ...result.payouts
          .filter((p) => p.amount > 0)
          .map((p) => posting(ACC.shareOutPayable, -p.amount, p.member)),
        posting(ACC.otherPayable, -result.board, 'board'),
        posting(ACC.otherPayable, -result.village, 'village-fund'),
        // carried: in (debit what was carried in) and out (credit the remainder), netted
        posting(ACC.carried, 0 - (nets.get(ACC.carried) ?? 0) - result.remainder),
      ].filter((p) => p.amount !== 0);
      const pay: PostingDraft[] = [
        ...result.payouts
          .filter((p) => p.amount > 0)
          .map((p) => posting(ACC.shareOutPayable, p.amount, p.member)),
        posting(ACC.loanCash, -Object.values(cashPaid).reduce((s, v) => s + v, 0)),
        ...Object.entries(reinvested)
          .filter(([, v]) => v > 0)
          .map(([m, v]) => posting(ACC.shares, -v, m)),
      ].filter((p) => p.amount !== 0);
      const drafts: EntryDraft[] = [];
      if (closing.length >= 2)
        drafts.push({
          book,
          date,
          kind: 'share_out',
          memo: memo(
            `Chia cuối chu kỳ: quỹ chia ${result.distributable}, dư ${result.remainder} đ giữ lại chu kỳ sau`,
          ),
          documentNo: `${c.id}/chia`,
          postings: closing,
        });
      if (pay.length >= 2)
        drafts.push({
          book,
          date,
          kind: 'share_out',
          memo: memo('Chi trả chia cuối chu kỳ và cổ phần giữ lại'),
          documentNo: `${c.id}/chi`,
          postings: pay,
        });
      const posted = drafts.length
        ? await postInTx(tx, this.ledger.env, ctx, drafts, {
            idempotencyKey: input.idempotencyKey ? `savings:share-out:${input.idempotencyKey}` : null,
            requestBody: body,
          })
        : { entries: [] };
      const refs = posted.entries.map((r) => `${r.book}#${r.seq}`);
      if (nextId !== null) {
        const carry = Object.entries(reinvest).filter(([, n]) => n > 0);
        if (carry.length > 0) {
          await q.insertMeeting(tx, {
            tenant_id: ctx.tenant,
            cycle_id: nextId,
            number: 0,
            held_on: date,
            counted_loan_cash_dong: 0,
            counted_social_cash_dong: 0,
            expected_loan_cash_dong: 0,
            expected_social_cash_dong: 0,
            difference_approver: null,
            difference_reason: null,
            totals: JSON.stringify({ carriedOver: true }),
            entries: JSON.stringify(refs),
            idempotency_key: null,
            request_hash: null,
            recorded_at: nowIso(ctx),
            actor: ctx.actor,
          });
          await q.insertLines(
            tx,
            carry.map(([m, n]) => ({
              tenant_id: ctx.tenant,
              cycle_id: nextId!,
              meeting_no: 0,
              person_id: m,
              present: 1,
              shares: n,
              social_dong: 0,
              repayment_dong: 0,
              service_charge_dong: 0,
              loan_id: null,
              new_loan_id: null,
              fine_dong: 0,
              absence_fine_dong: 0,
              grant_dong: 0,
              deposit_dong: 0,
              withdrawal_dong: 0,
              account_id: null,
            })),
          );
        }
      }
      const view: ShareOutView = {
        ...result,
        cycle: c.id,
        date,
        cashPaid,
        reinvested,
        nextCycle: nextId,
        socialFundKept: bal(ACC.socialFund),
        entries: refs,
      };
      await q.insertShareOut(tx, {
        tenant_id: ctx.tenant,
        cycle_id: c.id,
        held_on: date,
        pool_dong: result.pool,
        remainder_dong: result.remainder,
        result: JSON.stringify({ key: input.idempotencyKey ?? null, view }),
        entries: JSON.stringify(refs),
        next_cycle_id: nextId,
        recorded_at: nowIso(ctx),
        actor: ctx.actor,
      });
      return view;
    }
  }

  /** Opens the cycle after `c` on the share-out day (the share-out row is written later in the call). */
  async #openNextCycle(
    tx: Tx,
    ctx: Ctx,
    c: q.CycleRow,
    next: NonNullable<ShareOutInput['next']>,
    date: string,
  ): Promise<string> {
    const out: Refusal[] = [];
    const sharePrice = dongField('next.sharePrice', next.sharePrice, out, 1);
    const social = dongField('next.social', next.social ?? c.social_dong, out);
    const loanMultiple = intField(
      'next.loanMultiple',
      next.loanMultiple ?? c.loan_multiple,
      0,
      SAVINGS_LIMITS.loanMultipleMax,
      out,
    );
    const charge =
      next.serviceCharge === undefined
        ? c.service_charge_ppm_month
        : ppmField('next.serviceCharge', next.serviceCharge, SAVINGS_LIMITS.serviceChargePpmMonthMax, out);
    const term = intField(
      'next.termMonthsMax',
      next.termMonthsMax ?? c.term_months_max,
      1,
      SAVINGS_LIMITS.loanTermMonthsMax,
      out,
    );
    const absenceFine = dongField('next.absenceFine', next.absenceFine ?? c.absence_fine_dong, out);
    throwIf(out);
    const id = `${c.group_id}-C${c.number + 1}`;
    await q.insertCycle(tx, {
      tenant_id: ctx.tenant,
      id,
      group_id: c.group_id,
      book_code: c.book_code,
      number: c.number + 1,
      started_on: date,
      share_price_dong: sharePrice,
      social_dong: social,
      loan_multiple: loanMultiple,
      service_charge_ppm_month: charge,
      term_months_max: term,
      absence_fine_dong: absenceFine,
      split_owners_ppm: c.split_owners_ppm,
      split_board_ppm: c.split_board_ppm,
      split_village_ppm: c.split_village_ppm,
      created_at: nowIso(ctx),
      actor: ctx.actor,
    });
    return id;
  }

  // --- savings accounts ------------------------------------------------------------------------------

  /** Opens a savings account (voluntary, compulsory, or VBSP group savings) for a member. */
  async openAccount(ctx: Ctx, input: AccountInput): Promise<q.AccountRow> {
    const out: Refusal[] = [];
    const openedOn = dateField('openedOn', input.openedOn, out);
    if (!(SAVINGS_ACCOUNT_KINDS as readonly string[]).includes(input.kind))
      out.push({
        code: 'value_not_allowed',
        field: 'kind',
        value: input.kind,
        params: { allowed: SAVINGS_ACCOUNT_KINDS.join(', ') },
      });
    const rate =
      input.rate === undefined ? 0 : ppmField('rate', input.rate, SAVINGS_LIMITS.ratePpmYearMax, out);
    if (input.id !== undefined && !SAVINGS_ID.test(input.id))
      out.push({
        code: 'code_invalid',
        field: 'id',
        value: input.id,
        params: { pattern: 'A-Z a-z 0-9 . _ : / -' },
      });
    throwIf(out);
    return this.store.write(async (tx) => {
      const [book] = await findBooks(tx, this.store.kind, ctx.tenant, [input.book], true);
      if (!book) refused('book_unknown', 'book', input.book);
      if (book.template !== SAVINGS_TEMPLATE)
        refused('savings_book_template', 'book', input.book, { template: SAVINGS_TEMPLATE });
      if (!(await q.personExists(tx, ctx.tenant, input.person)))
        refused('savings_member_unknown', 'person', input.person);
      const id = input.id ?? `SA-${String((await q.countAccounts(tx, ctx.tenant)) + 1).padStart(6, '0')}`;
      if ((await q.listAccounts(tx, ctx.tenant, { id })).length > 0) refused('already_exists', 'id', id);
      const row: q.AccountRow = {
        tenant_id: ctx.tenant,
        id,
        book_code: input.book,
        person_id: input.person,
        kind: input.kind,
        rate_ppm_year: rate,
        opened_on: openedOn,
        created_at: nowIso(ctx),
        actor: ctx.actor,
      };
      await q.insertAccount(tx, row);
      return row;
    });
  }

  async accounts(ctx: Ctx, filter: { book?: string; person?: string } = {}) {
    const rows = await q.listAccounts(this.store.db, ctx.tenant, filter);
    const out = [];
    for (const a of rows) {
      const nets = await q.partyNets(this.store.db, ctx.tenant, a.book_code, ACC.savings);
      out.push({ ...a, balance: 0 - (nets.get(a.id) ?? 0) });
    }
    return out;
  }

  /** A deposit at the desk: Dr 1111 / Cr 3312 (account). */
  async deposit(ctx: Ctx, input: MoveInput) {
    return this.#move(ctx, input, 'deposit');
  }

  /** A withdrawal at the desk; above the balance on the date is refused. */
  async withdraw(ctx: Ctx, input: MoveInput) {
    return this.#move(ctx, input, 'withdrawal');
  }

  async #move(ctx: Ctx, input: MoveInput, kind: 'deposit' | 'withdrawal') {
    const out: Refusal[] = [];
    const date = dateField('date', input.date, out);
    const amount = dongField('amount', input.amount, out, 1);
    throwIf(out);
    const body = { op: `savings.${kind}`, ...input, idempotencyKey: undefined };
    return this.store.write(async (tx) => {
      const [a] = await q.listAccounts(tx, ctx.tenant, { id: input.account });
      if (!a) refused('savings_account_unknown', 'account', input.account);
      await findBooks(tx, this.store.kind, ctx.tenant, [a.book_code], true);
      if (date < a.opened_on) refused('savings_date_before', 'date', date, { date: a.opened_on });
      if (kind === 'withdrawal') {
        // Checked against the balance on the date and on every later day with activity.
        const balance =
          0 - ((await q.partyNets(tx, ctx.tenant, a.book_code, ACC.savings, date)).get(a.id) ?? 0);
        const now = 0 - ((await q.partyNets(tx, ctx.tenant, a.book_code, ACC.savings)).get(a.id) ?? 0);
        const max = Math.min(balance, now);
        if (amount > max) refused('savings_withdrawal_exceeds_balance', 'amount', amount, { balance: max });
        if (a.kind === 'compulsory') await this.#compulsoryLock(tx, ctx, a, date, amount);
      }
      const sign = kind === 'deposit' ? 1 : -1;
      const posted = await postInTx(
        tx,
        this.ledger.env,
        ctx,
        [
          {
            book: a.book_code,
            date,
            kind,
            memo: `${kind === 'deposit' ? 'Gửi tiết kiệm' : 'Rút tiết kiệm'} – sổ ${a.id}`,
            documentNo: input.documentNo ?? null,
            postings: [posting(ACC.loanCash, sign * amount), posting(ACC.savings, -sign * amount, a.id)],
          },
        ],
        { idempotencyKey: input.idempotencyKey ?? null, requestBody: body },
      );
      const after = 0 - ((await q.partyNets(tx, ctx.tenant, a.book_code, ACC.savings)).get(a.id) ?? 0);
      return {
        account: a.id,
        amount,
        balance: after,
        entries: posted.entries.map((r) => `${r.book}#${r.seq}`),
        replayed: posted.replayed,
      };
    });
  }

  /**
   * Compulsory savings stay while their owner is an active member of a group kept in the book
   * and owes one of its group loans: refused with `savings_compulsory_locked` then.
   */
  async #compulsoryLock(tx: Tx, ctx: Ctx, a: q.AccountRow, date: string, amount: number): Promise<void> {
    const cycles = (await q.listCycles(tx, ctx.tenant)).filter((c) => c.book_code === a.book_code);
    const groups = [...new Set(cycles.map((c) => c.group_id))];
    let active = false;
    for (const g of groups)
      if (memberStateOf(await q.groupSpans(tx, ctx.tenant, g), a.person_id, date) === 'active') active = true;
    if (!active || cycles.length === 0) return;
    const nets = await loanNets(tx, ctx.tenant, a.book_code, date);
    const loans = await q.groupLoans(tx, ctx.tenant, { cycles: cycles.map((c) => c.id) });
    const owed = loans
      .filter((l) => l.person_id === a.person_id)
      .reduce((s, l) => s + Math.max(0, nets.get(l.id) ?? 0), 0);
    if (owed > 0)
      refused('savings_compulsory_locked', 'amount', amount, { account: a.id, outstanding: owed });
  }

  /**
   * Credits interest to every account of a book with a rate, from its last credit (or opening) to
   * `asOf`: Σ end-of-day balance × days × rate / 365, first day counted and not the last, rounded
   * half up once. VBSP group savings only on 30 June and 31 December.
   */
  async postInterest(ctx: Ctx, input: { book: string; asOf: string }) {
    const out: Refusal[] = [];
    const asOf = dateField('asOf', input.asOf, out);
    throwIf(out);
    return this.store.write(async (tx) => {
      const [book] = await findBooks(tx, this.store.kind, ctx.tenant, [input.book], true);
      if (!book) refused('book_unknown', 'book', input.book);
      const last = await q.lastInterestRun(tx, ctx.tenant, input.book);
      if (last !== undefined && asOf <= last) refused('savings_date_before', 'asOf', asOf, { date: last });
      const accounts = (await q.listAccounts(tx, ctx.tenant, { book: input.book })).filter(
        (a) => a.rate_ppm_year > 0 && a.opened_on < asOf,
      );
      if (accounts.some((a) => a.kind === 'vbsp_group') && !isVbspInterestDate(asOf))
        refused('savings_interest_date_not_allowed', 'asOf', asOf);
      const days = await q.partyDayNets(
        tx,
        ctx.tenant,
        input.book,
        ACC.savings,
        accounts.map((a) => a.id),
        asOf,
      );
      const lines: Array<{
        account: string;
        from: string;
        dongDays: string;
        ratePpmYear: number;
        interest: number;
      }> = [];
      for (const a of accounts) {
        const from = last !== undefined && last > a.opened_on ? last : a.opened_on;
        let running = 0;
        const steps = (days.get(a.id) ?? []).map((d) => {
          running += -d.net;
          // The balance at the end of a day is the one that day earns on (first day counted).
          return { from: d.day, balance: running };
        });
        const dd = balanceDays(steps, from, asOf);
        const interest = interestOf(dd, a.rate_ppm_year);
        lines.push({ account: a.id, from, dongDays: dd.toString(), ratePpmYear: a.rate_ppm_year, interest });
      }
      const total = lines.reduce((s, l) => s + l.interest, 0);
      let refs: string[] = [];
      if (total > 0) {
        const posted = await postInTx(tx, this.ledger.env, ctx, [
          {
            book: input.book,
            date: asOf,
            kind: 'savings_interest',
            memo: `Trả lãi tiết kiệm đến ${asOf}`,
            postings: [
              posting(ACC.expenses, total),
              ...lines.filter((l) => l.interest > 0).map((l) => posting(ACC.savings, -l.interest, l.account)),
            ],
          },
        ]);
        refs = posted.entries.map((r) => `${r.book}#${r.seq}`);
      }
      await q.insertInterestRun(tx, {
        tenant_id: ctx.tenant,
        book_code: input.book,
        as_of: asOf,
        result: JSON.stringify(lines),
        entries: JSON.stringify(refs),
        recorded_at: nowIso(ctx),
        actor: ctx.actor,
      });
      return { book: input.book, asOf, lines, total, entries: refs };
    });
  }

  // --- reads -----------------------------------------------------------------------------------------

  /**
   * A member's savings on a date (end of day), or a household's (its members' summed), over every
   * savings-group book: share savings (3311, party = person) + savings accounts (3312, party =
   * account). The households-at-risk work reads this.
   */
  async balanceAsOf(
    ctx: Ctx,
    who: { person: string } | { household: string },
    asOf: string = today(ctx),
  ): Promise<{ asOf: string; shares: number; accounts: number; total: number; persons: string[] }> {
    const out: Refusal[] = [];
    dateField('asOf', asOf, out);
    throwIf(out);
    const db = this.store.db;
    const persons =
      'person' in who ? [who.person] : await q.personsOfHousehold(db, ctx.tenant, who.household);
    const books = (await findBooks(db, this.store.kind, ctx.tenant, 'all')).filter(
      (b) => b.template === SAVINGS_TEMPLATE,
    );
    const accounts = await q.listAccounts(db, ctx.tenant, { persons });
    let shares = 0;
    let acc = 0;
    for (const b of books) {
      const s = await q.partyNets(db, ctx.tenant, b.code, ACC.shares, asOf);
      for (const p of persons) shares += 0 - (s.get(p) ?? 0);
      const mine = accounts.filter((a) => a.book_code === b.code);
      if (mine.length > 0) {
        const n = await q.partyNets(db, ctx.tenant, b.code, ACC.savings, asOf);
        for (const a of mine) acc += 0 - (n.get(a.id) ?? 0);
      }
    }
    return { asOf, shares, accounts: acc, total: shares + acc, persons };
  }

  /** The group's meeting register of a cycle: one row per meeting with its totals and cash check. */
  async register(ctx: Ctx, cycle: string): Promise<{ cycle: CycleView; meetings: RegisterRow[] }> {
    const view = await this.cycle(ctx, cycle);
    const rows = await q.listMeetings(this.store.db, ctx.tenant, cycle);
    return {
      cycle: view,
      meetings: rows
        .filter((m) => m.number > 0)
        .map((m) => ({
          number: m.number,
          date: m.held_on,
          totals: totalsOf(m.totals),
          countedLoanFund: m.counted_loan_cash_dong,
          countedSocialFund: m.counted_social_cash_dong,
          expectedLoanFund: m.expected_loan_cash_dong,
          expectedSocialFund: m.expected_social_cash_dong,
          difference:
            m.difference_approver === null
              ? null
              : {
                  approver: m.difference_approver,
                  reason: m.difference_reason ?? '',
                  loanFund: m.counted_loan_cash_dong - m.expected_loan_cash_dong,
                  socialFund: m.counted_social_cash_dong - m.expected_social_cash_dong,
                },
          entries: JSON.parse(m.entries) as string[],
        })),
    };
  }

  /** A member's passbook in a group: every meeting line with running shares, savings and loans. */
  async passbook(ctx: Ctx, input: { group: string; person: string }): Promise<Passbook> {
    const db = this.store.db;
    const group = await q.findGroup(db, ctx.tenant, input.group);
    if (!group) refused('savings_group_unknown', 'group', input.group);
    const spans = await q.groupSpans(db, ctx.tenant, input.group);
    const me = spans.find((s) => s.person === input.person);
    if (!me) refused('savings_member_unknown', 'person', input.person);
    const cycles = await q.listCycles(db, ctx.tenant, input.group);
    const lines: PassbookLine[] = [];
    const shareOuts: Array<{ cycle: string; date: string; shares: number; amount: number }> = [];
    for (const c of cycles) {
      const meetings = new Map(
        (await q.listMeetings(db, ctx.tenant, c.id)).map((m) => [m.number, m.held_on]),
      );
      const loans = new Map(
        (await q.groupLoans(db, ctx.tenant, { cycle: c.id })).map((l) => [l.id, l.amount_dong]),
      );
      let sharesTotal = 0;
      let loanOutstanding = 0;
      let finesOwed = 0;
      for (const l of await q.linesOf(db, ctx.tenant, { cycle: c.id, person: input.person })) {
        sharesTotal += l.shares;
        // Fines charged (absence) less fines paid, never below zero: a fine paid with nothing
        // owed was imposed and paid on the spot.
        finesOwed = Math.max(0, finesOwed + l.absence_fine_dong - l.fine_dong);
        const newLoan = l.new_loan_id ? (loans.get(l.new_loan_id) ?? 0) : 0;
        loanOutstanding += newLoan - l.repayment_dong;
        lines.push({
          date: meetings.get(l.meeting_no) ?? c.started_on,
          cycle: c.id,
          meeting: l.meeting_no,
          present: l.present === 1,
          shares: l.shares,
          shareAmount: l.shares * c.share_price_dong,
          social: l.social_dong,
          repayment: l.repayment_dong,
          serviceCharge: l.service_charge_dong,
          newLoan,
          fine: l.fine_dong,
          absenceFine: l.absence_fine_dong,
          grant: l.grant_dong,
          deposit: l.deposit_dong,
          withdrawal: l.withdrawal_dong,
          sharesTotal,
          shareSavings: sharesTotal * c.share_price_dong,
          loanOutstanding,
          finesOwed,
        });
      }
      const so = await q.findShareOut(db, ctx.tenant, c.id);
      if (so) {
        const v = (JSON.parse(so.result) as { view: ShareOutView }).view;
        const p = v.payouts.find((x) => x.member === input.person);
        if (p) shareOuts.push({ cycle: c.id, date: so.held_on, shares: p.shares, amount: p.amount });
      }
    }
    return {
      person: input.person,
      fullName: me.fullName,
      group: group.id,
      groupName: group.name,
      lines,
      shareOuts,
    };
  }

  /**
   * SAVIX-style indicators for a quarter ("2026-Q1"), per group and per organisation: members,
   * % women, attendance, savings, loans outstanding, PAR 30, annualised return on assets, social fund.
   */
  async indicators(ctx: Ctx, input: { quarter: string; organisation?: string }): Promise<IndicatorReport> {
    const range = quarterRange(input.quarter);
    if (!range) refused('savings_quarter_invalid', 'quarter', input.quarter);
    const { from, to } = range;
    return this.store.read(async (db) => {
      const cycles = (await q.listCycles(db, ctx.tenant)).filter((c) => c.started_on <= to);
      const byGroup = new Map<string, q.CycleRow[]>();
      for (const c of cycles) byGroup.set(c.group_id, [...(byGroup.get(c.group_id) ?? []), c]);
      const att = await q.attendance(
        db,
        ctx.tenant,
        cycles.map((c) => c.id),
        from,
        to,
      );
      const loans = await q.groupLoans(db, ctx.tenant, { cycles: cycles.map((c) => c.id) });
      const rows: Array<Indicators & { organisation: string; orgName: string }> = [];
      const books = new Map(
        (await findBooks(db, this.store.kind, ctx.tenant, 'all')).map((b) => [b.code, b]),
      );
      const dayBefore = addDaysIso(from, -1);
      for (const [groupId, cs] of byGroup) {
        const g = await q.findGroup(db, ctx.tenant, groupId);
        if (!g) continue;
        if (input.organisation !== undefined && g.organisation !== input.organisation) continue;
        const book = cs[0]!.book_code;
        const spans = await q.groupSpans(db, ctx.tenant, groupId);
        const active = new Map<string, q.MembershipSpan>();
        for (const s of spans)
          if (s.joinedOn <= to && (s.leftOn === null || to < s.leftOn)) active.set(s.person, s);
        const women = [...active.values()].filter((s) => s.sex === 'female').length;
        let present = 0;
        let lines = 0;
        for (const c of cs) {
          const a = att.get(c.id);
          if (a) {
            present += a.present;
            lines += a.lines;
          }
        }
        const nets = await q.accountNets(
          db,
          ctx.tenant,
          book,
          [
            ACC.loanCash,
            ACC.socialCash,
            ...ACC_LOAN_CLASSES,
            ...ACC_RECEIVABLES,
            ACC.shares,
            ACC.savings,
            ACC.socialFund,
            '112',
          ],
          to,
        );
        const flow = await q.accountNetsBetween(
          db,
          ctx.tenant,
          book,
          [ACC.serviceCharges, ACC.fines, ACC.cashOver, ACC.expenses, ACC.cashShort],
          dayBefore,
          to,
        );
        const principal = await loanNets(db, ctx.tenant, book, to);
        const ids = new Set(cs.map((c) => c.id));
        let atRisk = 0;
        for (const l of loans) {
          if (!ids.has(l.cycle_id)) continue;
          const owed = principal.get(l.id) ?? 0;
          if (owed > 0 && addDaysIso(l.due_on, 30) < to) atRisk += owed;
        }
        const outstanding = ACC_LOAN_CLASSES.reduce((s, a) => s + (nets.get(a) ?? 0), 0);
        // Assets: both boxes, the bank, loans, and what members owe (service charges, fines).
        const assets =
          (nets.get(ACC.loanCash) ?? 0) +
          (nets.get(ACC.socialCash) ?? 0) +
          (nets.get('112') ?? 0) +
          outstanding +
          ACC_RECEIVABLES.reduce((s, a) => s + (nets.get(a) ?? 0), 0);
        const netIncome = -[...flow.values()].reduce((s, v) => s + v, 0);
        rows.push({
          key: groupId,
          name: g.name,
          organisation: g.organisation,
          orgName: books.get(book)?.organisation ?? g.organisation,
          groups: 1,
          members: active.size,
          women,
          womenPct: pct(women, active.size),
          attendancePct: pct(present, lines),
          present,
          lines,
          savings: 0 - (nets.get(ACC.shares) ?? 0) - (nets.get(ACC.savings) ?? 0),
          loansOutstanding: outstanding,
          loansAtRisk: atRisk,
          par30Pct: pct(atRisk, outstanding),
          netIncome,
          assets,
          roaAnnualisedPct: pct(netIncome * 4, assets),
          socialFund: 0 - (nets.get(ACC.socialFund) ?? 0),
        });
      }
      rows.sort((a, b) => (a.key < b.key ? -1 : 1));
      const orgs = new Map<string, Indicators>();
      for (const r of rows) {
        const o = orgs.get(r.organisation);
        const sum = (
          k:
            | 'groups'
            | 'members'
            | 'women'
            | 'present'
            | 'lines'
            | 'savings'
            | 'loansOutstanding'
            | 'loansAtRisk'
            | 'netIncome'
            | 'assets'
            | 'socialFund',
        ) => (o?.[k] ?? 0) + r[k];
        const s = {
          groups: sum('groups'),
          members: sum('members'),
          women: sum('women'),
          present: sum('present'),
          lines: sum('lines'),
          savings: sum('savings'),
          loansOutstanding: sum('loansOutstanding'),
          loansAtRisk: sum('loansAtRisk'),
          netIncome: sum('netIncome'),
          assets: sum('assets'),
          socialFund: sum('socialFund'),
        };
        orgs.set(r.organisation, {
          key: r.organisation,
          name: r.organisation,
          ...s,
          womenPct: pct(s.women, s.members),
          attendancePct: pct(s.present, s.lines),
          par30Pct: pct(s.loansAtRisk, s.loansOutstanding),
          roaAnnualisedPct: pct(s.netIncome * 4, s.assets),
        });
      }
      return {
        quarter: input.quarter,
        from,
        to,
        groups: rows.map(({ orgName: _n, ...r }) => r),
        organisations: [...orgs.values()],
      };
    });
  }
}

/**
 * Each group loan's principal in a book on a date (end of day), over every principal class the
 * loan engine keeps (current, overdue, frozen, extended): party = loan id.
 */
async function loanNets(
  db: Tx,
  tenant: string,
  book: string,
  date?: string,
  withCharges = false,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const account of withCharges
    ? [...ACC_LOAN_CLASSES, ACC.charges, ACC.overdueCharges]
    : ACC_LOAN_CLASSES)
    for (const [party, v] of await q.partyNets(db, tenant, book, account, date))
      out.set(party, (out.get(party) ?? 0) + v);
  return out;
}

/** The entries of one meeting: one per kind of movement, each naming the meeting. */
export function meetingDrafts(
  book: string,
  cycle: string,
  number: number,
  date: string,
  lines: readonly ResolvedLine[],
  sharePrice: number,
  engineLoans: ReadonlySet<string>,
  difference: { loan: number; social: number; note: string },
): EntryDraft[] {
  const memo = (what: string) => `${what} – họp ${cycle} số ${number}`;
  const docNo = `${cycle}/${number}`;
  const drafts: EntryDraft[] = [];
  const add = (kind: EntryDraft['kind'], what: string, postings: PostingDraft[]) => {
    const nonZero = postings.filter((p) => p.amount !== 0);
    if (nonZero.length >= 2)
      drafts.push({ book, date, kind, memo: memo(what), documentNo: docNo, postings: nonZero });
  };
  const sum = (f: (l: ResolvedLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  add('share_purchase', 'Mua cổ phần', [
    posting(
      ACC.loanCash,
      sum((l) => l.shares * sharePrice),
    ),
    ...lines.filter((l) => l.shares > 0).map((l) => posting(ACC.shares, -l.shares * sharePrice, l.member)),
  ]);
  add('social_fund', 'Góp quỹ xã hội', [
    posting(
      ACC.socialCash,
      sum((l) => l.social),
    ),
    posting(ACC.socialFund, -sum((l) => l.social)),
  ]);
  add('grant', 'Chi trợ cấp quỹ xã hội', [
    posting(
      ACC.socialFund,
      sum((l) => l.grant),
    ),
    posting(ACC.socialCash, -sum((l) => l.grant)),
  ]);
  // Loans recorded before the loan engine kept group loans (cash basis, as then); new loans and
  // the repayments of engine loans are the loan engine's entries.
  const legacy = lines.filter((l) => l.loan !== null && !engineLoans.has(l.loan));
  add('repayment', 'Thu nợ và phí dịch vụ', [
    posting(
      ACC.loanCash,
      legacy.reduce((s, l) => s + l.repayment + l.serviceCharge, 0),
    ),
    ...legacy.filter((l) => l.repayment > 0).map((l) => posting(ACC.loans, -l.repayment, l.loan!)),
    posting(ACC.serviceCharges, -legacy.reduce((s, l) => s + l.serviceCharge, 0)),
  ]);
  // Absence fines are charged at the meeting (VSLA practice): income now, a debt of the member
  // until paid. A fine paid settles what she owes first; the rest is a fine imposed and paid on
  // the spot.
  add('fine', 'Phạt vắng họp', [
    ...lines.filter((l) => l.absenceFine > 0).map((l) => posting(ACC.finesOwed, l.absenceFine, l.member)),
    posting(ACC.fines, -sum((l) => l.absenceFine)),
  ]);
  add('fine', 'Thu tiền phạt', [
    posting(
      ACC.loanCash,
      sum((l) => l.fine),
    ),
    ...lines.filter((l) => l.fineOnDebt > 0).map((l) => posting(ACC.finesOwed, -l.fineOnDebt, l.member)),
    posting(ACC.fines, -sum((l) => l.fine - l.fineOnDebt)),
  ]);
  add('deposit', 'Gửi tiết kiệm', [
    posting(
      ACC.loanCash,
      sum((l) => l.deposit),
    ),
    ...lines.filter((l) => l.deposit > 0).map((l) => posting(ACC.savings, -l.deposit, l.account!)),
  ]);
  add('withdrawal', 'Rút tiết kiệm', [
    ...lines.filter((l) => l.withdrawal > 0).map((l) => posting(ACC.savings, l.withdrawal, l.account!)),
    posting(ACC.loanCash, -sum((l) => l.withdrawal)),
  ]);
  if (difference.loan > 0)
    add('cash_difference', `Thừa quỹ cho vay: ${difference.note}`, [
      posting(ACC.loanCash, difference.loan),
      posting(ACC.cashOver, -difference.loan),
    ]);
  if (difference.loan < 0)
    add('cash_difference', `Thiếu quỹ cho vay: ${difference.note}`, [
      posting(ACC.cashShort, -difference.loan),
      posting(ACC.loanCash, difference.loan),
    ]);
  if (difference.social !== 0)
    add('cash_difference', `${difference.social > 0 ? 'Thừa' : 'Thiếu'} quỹ xã hội: ${difference.note}`, [
      posting(ACC.socialCash, difference.social),
      posting(ACC.socialFund, -difference.social),
    ]);
  return drafts;
}

const GROUP_PROGRAMME_FROM = '2000-01-01';

/**
 * The loan-engine programme of savings groups' loans at one service charge: own fund kept in a
 * savings-group book (its accounts: loan box 1111, loans 1311–1314, service charges 1318/1319 →
 * 5111), the charge per month on the balance (30E/360: a whole month is exactly the rate), equal
 * principal and the charge monthly, no surcharge when overdue. One programme per charge, shared
 * by every cycle with that rule (e.g. `savings-group-15000`, 1.5 %/month), not one per cycle: the
 * loan engine reads the whole programme table at each event, and a commune with a thousand
 * cycles made every meeting three times slower. The cycle's maximum term and loan limit are the
 * sheet's checks; the programme allows the savings limit's maximum term.
 */
export function groupProgramme(ppmPerMonth: number): Programme {
  const rate = (lang: 'vi' | 'en') => formatPercent(ppmPerMonth, lang);
  return {
    id: `savings-group-${ppmPerMonth}`,
    nameVi: `Vay quỹ nhóm tiết kiệm – phí ${rate('vi')}/tháng`,
    nameEn: `Savings group loans – charge ${rate('en')}/month`,
    accounting: 'own',
    bookTemplate: SAVINGS_TEMPLATE,
    charge: 'fee',
    quoting: 'month',
    dayCount: '30e/360',
    overdueMultiplierPpm: PPM,
    ratePolicy: 'fixed_at_disbursement',
    capHouseholdDong: null,
    capProjectDong: null,
    termMonthsMax: SAVINGS_LIMITS.loanTermMonthsMax,
    scheduleMethod: 'equal_principal',
    principalEveryMonths: 1,
    interestEveryMonths: 1,
    gracePrincipalMonths: 0,
    graceInterestMonths: 0,
    extensionMonthsMax: 12,
    freezeMonthsMax: 36,
    allocationOrder: DEFAULT_ALLOCATION_ORDER,
    requiresSource: false,
  };
}

/** A meeting's stored totals; those recorded before absence fines were applied (0010) lack them. */
function totalsOf(json: string): SheetTotals {
  return { absenceFines: 0, ...(JSON.parse(json) as Partial<SheetTotals>) } as SheetTotals;
}
