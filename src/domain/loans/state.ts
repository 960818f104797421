/**
 * The state of a loan on any date, derived from its contract and its facts (disbursements,
 * payments, write-offs, extensions, term adjustments, freezes), nothing else. The service reads the
 * money facts from the journal and the rest from the loan's event history, then replays them here.
 *
 * The replay walks time from the first disbursement. Between two breakpoints (a fact, an interest
 * due date, the day after a principal due date, a freeze boundary, a rate change) nothing changes,
 * so it accrues one exact amount per segment (see interest.ts):
 * - normal interest on principal that is neither overdue nor frozen, at the loan's rate;
 * - overdue interest on overdue principal, at the rate × the overdue multiplier (130 % for VBSP),
 *   instead of the normal rate;
 * - nothing on frozen principal (khoanh nợ).
 *
 * Rounding happens once, when an amount becomes owed:
 * - normal interest: at each interest due date the exact accrual of the period [previous due
 *   date, this one) is rounded half up and becomes due; between due dates, the accrual so far is
 *   rounded half up (what a payoff today must pay);
 * - overdue interest: its running exact total is rounded half up whenever it is read; what is owed
 *   is that minus what was paid or written off, so rounding never accumulates.
 *
 * Positions: `positionAt(t)` is the loan at the start of day t after the facts of day t so far
 * (what a repayment on day t is allocated against: day t's interest is not owed on principal paid
 * that day, "first day counted, last not"); `viewAt(d)` is the loan at the end of day d (day d's
 * interest included), what reports and the month-end run show "as of" d.
 */
import { addDays, addMonths, type BusinessDate, daysBetween, maxDate } from '../dates.ts';
import type { Dong } from '../money.ts';
import { assert } from '../refusal.ts';
import { type AgeingBucket, bucketOf } from './ageing.ts';
import { type AllocationCategory, type Dues, zeroDues } from './allocation.ts';
import {
  accrualDen,
  accrualNum,
  type DayCount,
  dayCountDays,
  MULTIPLIER_ONE_PPM,
  roundHalfUp,
} from './interest.ts';
import { loanTimeline, nextRateChange, type RatePolicy, type RateTimeline, rateAt } from './rates.ts';
import { buildSchedule, type CustomInstalment, type ScheduleTerms } from './schedule.ts';

export interface LoanContract {
  readonly id: string;
  readonly terms: ScheduleTerms;
  readonly dayCount: DayCount;
  /** Overdue rate as a multiple of the loan's rate, in ppm (1,300,000 = 130 %). */
  readonly overdueMultiplierPpm: number;
  readonly programmeRates: RateTimeline;
  readonly ratePolicy: RatePolicy;
  readonly allocationOrder: readonly AllocationCategory[];
}

/** Amounts a payment or write-off settled, as the journal records them. Negative in a reversal. */
export interface Settlement {
  readonly principal: Dong;
  readonly interest: Dong;
  readonly overdueInterest: Dong;
}

export type LoanFact =
  | { readonly kind: 'approve'; readonly date: BusinessDate; readonly amount: Dong }
  | { readonly kind: 'disburse'; readonly date: BusinessDate; readonly amount: Dong }
  | ({ readonly kind: 'repay'; readonly date: BusinessDate } & Settlement)
  | ({ readonly kind: 'write_off'; readonly date: BusinessDate } & Settlement)
  /** Moves the unpaid part of the instalment due on `due` by `months` (gia hạn nợ). */
  | {
      readonly kind: 'extend';
      readonly date: BusinessDate;
      readonly due: BusinessDate;
      readonly months: number;
    }
  /** Replaces the unpaid principal due after `date` by `instalments` (điều chỉnh kỳ hạn nợ). */
  | {
      readonly kind: 'adjust';
      readonly date: BusinessDate;
      readonly instalments: readonly CustomInstalment[];
    }
  /** Freezes the loan from `date` for `months` (khoanh nợ); a renewal starts where the last ended. */
  | { readonly kind: 'freeze'; readonly date: BusinessDate; readonly months: number }
  | { readonly kind: 'close'; readonly date: BusinessDate };

export type PrincipalClass = 'current' | 'overdue' | 'extended' | 'frozen';
export const PRINCIPAL_CLASSES: readonly PrincipalClass[] = ['current', 'overdue', 'extended', 'frozen'];

export interface InstalmentView {
  /** 1-based position in due order. */
  readonly no: number;
  readonly due: BusinessDate;
  readonly principal: Dong;
  readonly paid: Dong;
  readonly unpaid: Dong;
  readonly cls: PrincipalClass | 'paid';
  readonly extended: boolean;
  readonly daysPastDue: number;
}

export type LoanStatus = 'applied' | 'approved' | 'active' | 'frozen' | 'repaid' | 'written_off' | 'closed';

export interface LoanPosition {
  readonly asOf: BusinessDate;
  /** True for an end-of-day view (day `asOf`'s interest included). */
  readonly endOfDay: boolean;
  readonly status: LoanStatus;
  readonly approved: Dong;
  readonly disbursed: Dong;
  readonly firstDisbursed: BusinessDate | null;
  readonly maturity: BusinessDate | null;
  readonly principalPaid: Dong;
  readonly principalWrittenOff: Dong;
  readonly outstanding: Dong;
  readonly principal: Readonly<Record<PrincipalClass, Dong>>;
  readonly interest: {
    /** Rounded normal interest owed so far: closed periods plus the current one to date. */
    readonly charged: Dong;
    readonly paid: Dong;
    readonly writtenOff: Dong;
    /** Of closed periods, unpaid. */
    readonly due: Dong;
    /** Of the current period to date, unpaid. */
    readonly accrued: Dong;
  };
  readonly overdueInterest: {
    readonly charged: Dong;
    readonly paid: Dong;
    readonly writtenOff: Dong;
    readonly unpaid: Dong;
  };
  /** What a payment on this day could settle, per allocation category. */
  readonly dues: Dues;
  readonly instalments: readonly InstalmentView[];
  readonly daysPastDue: number;
  readonly oldestOverdueDue: BusinessDate | null;
  readonly bucket: AgeingBucket;
  readonly frozenUntil: BusinessDate | null;
  readonly lastTransaction: BusinessDate | null;
  readonly closedOn: BusinessDate | null;
  /**
   * Exact accruals to date: numerators over `den`, as decimal strings so the position stays plain
   * JSON (an auditor divides them to check any rounded figure).
   */
  readonly exact: { readonly normal: string; readonly overdue: string; readonly den: string };
  /** Facts that could not apply as recorded (e.g. a manual posting paying more than owed). */
  readonly anomalies: readonly string[];
}

/** One line of a loan's history, for its statement. */
export interface HistoryLine {
  readonly date: BusinessDate;
  readonly kind:
    | 'approval'
    | 'disbursement'
    | 'interest_due'
    | 'overdue'
    | 'repayment'
    | 'write_off'
    | 'extension'
    | 'adjustment'
    | 'freeze'
    | 'closure';
  readonly principal: Dong;
  readonly interest: Dong;
  readonly overdueInterest: Dong;
  /** Outstanding principal after the line. */
  readonly outstanding: Dong;
  readonly detail: string;
}

interface Inst {
  due: BusinessDate;
  principal: Dong;
  paid: Dong;
  extended: boolean;
}

function byDue(a: Inst, b: Inst): number {
  return a.due < b.due ? -1 : a.due > b.due ? 1 : 0;
}

/**
 * Replays a loan. Feed facts in date order with `apply`; read positions with `positionAt` (start
 * of a day) or `viewAt` (end of a day). Moving forward only.
 */
export class LoanMachine {
  readonly #c: LoanContract;
  readonly #den: bigint;
  #rates: RateTimeline = [];
  /** Accrued over [anchor, #date). */
  #date: BusinessDate | null = null;
  #anchor: BusinessDate | null = null;
  #inst: Inst[] = [];
  #interestDates: BusinessDate[] = [];
  #approved = 0;
  #approvedOn: BusinessDate | null = null;
  #disbursed = 0;
  #paidP = 0;
  #woP = 0;
  #paidN = 0;
  #woN = 0;
  #paidO = 0;
  #woO = 0;
  #normal = 0n;
  #periodStart = 0n;
  #chargedDue = 0;
  #overdue = 0n;
  #freezes: Array<{ from: BusinessDate; until: BusinessDate }> = [];
  #closedOn: BusinessDate | null = null;
  #lastMoney: BusinessDate | null = null;
  #modified = false;
  /** The last interest due date whose period has been closed. */
  #closedThrough: BusinessDate = '0000-00-00';
  #anomalies: string[] = [];
  readonly #history: HistoryLine[] | null;

  constructor(contract: LoanContract, options: { history?: boolean } = {}) {
    this.#c = contract;
    this.#den = accrualDen(contract.dayCount);
    this.#history = options.history ? [] : null;
  }

  get date(): BusinessDate | null {
    return this.#date;
  }

  /** True once an extension, adjustment or freeze changed the schedule. */
  get modified(): boolean {
    return this.#modified;
  }

  get history(): readonly HistoryLine[] {
    return this.#history ?? [];
  }

  /** The current schedule: instalments in due order and the remaining interest due dates. */
  schedule(): { instalments: InstalmentView[]; interestDates: readonly BusinessDate[] } {
    return {
      instalments: this.#instalmentViews(this.#date ?? '1900-01-01'),
      interestDates: this.#interestDates,
    };
  }

  get rates(): RateTimeline {
    return this.#rates;
  }

  // --- time ---------------------------------------------------------------------------------------

  /** Accrues up to the start of `day`, closing the interest periods that end on or before it. */
  advanceTo(day: BusinessDate): void {
    if (this.#date === null) return;
    assert(day >= this.#date, `loan ${this.#c.id}: cannot go back from ${this.#date} to ${day}`);
    while (this.#date < day) {
      let next = day;
      const interest = this.#nextInterestDate();
      if (interest !== undefined && interest < next) next = interest;
      const brk = this.#nextBreak(this.#date);
      if (brk !== undefined && brk < next) next = brk;
      const seg = this.#segment(this.#date, next);
      this.#normal += seg.normal;
      this.#overdue += seg.overdue;
      this.#noteOverdueStarts(this.#date, next);
      this.#date = next;
      this.#closePeriods();
    }
  }

  #nextInterestDate(): BusinessDate | undefined {
    const now = this.#date!;
    for (const d of this.#interestDates) if (d > now) return d;
    return undefined;
  }

  /** Interest dates up to #date not yet closed are closed now: their period's interest is due. */
  #closePeriods(): void {
    const now = this.#date!;
    for (const d of this.#interestDates) {
      if (d > now) break;
      if (d <= this.#closedThrough) continue;
      const amount = roundHalfUp(this.#normal - this.#periodStart, this.#den);
      this.#chargedDue += amount;
      this.#periodStart = this.#normal;
      this.#closedThrough = d;
      this.#log(d, 'interest_due', 0, amount, 0, '');
    }
  }

  #frozenAt(day: BusinessDate): { from: BusinessDate; until: BusinessDate } | undefined {
    return this.#freezes.find((f) => f.from <= day && day < f.until);
  }

  /** The first day after `day` on which accrual or classification can change. */
  #nextBreak(day: BusinessDate): BusinessDate | undefined {
    let next: BusinessDate | undefined;
    const consider = (d: BusinessDate | undefined) => {
      if (d !== undefined && d > day && (next === undefined || d < next)) next = d;
    };
    for (const i of this.#inst) if (i.principal > i.paid) consider(addDays(i.due, 1));
    for (const f of this.#freezes) {
      consider(f.from);
      consider(f.until);
    }
    consider(nextRateChange(this.#rates, day));
    return next;
  }

  /** Overdue principal on `day`: unpaid parts of instalments due before it (never while frozen). */
  #overdueOn(day: BusinessDate): Dong {
    if (this.#frozenAt(day)) return 0;
    let sum = 0;
    for (const i of this.#inst) if (i.due < day) sum += i.principal - i.paid;
    return sum;
  }

  #outstanding(): Dong {
    return this.#disbursed - this.#paidP - this.#woP;
  }

  /** Exact accruals over [from, to), during which nothing changes. */
  #segment(from: BusinessDate, to: BusinessDate): { normal: bigint; overdue: bigint } {
    if (this.#frozenAt(from)) return { normal: 0n, overdue: 0n };
    const rate = rateAt(this.#rates, from) ?? 0n;
    const days = dayCountDays(this.#c.dayCount, from, to);
    const overdue = this.#overdueOn(from);
    const current = Math.max(0, this.#outstanding() - overdue);
    return {
      normal: accrualNum(current, rate, MULTIPLIER_ONE_PPM, days),
      overdue: accrualNum(overdue, rate, this.#c.overdueMultiplierPpm, days),
    };
  }

  #noteOverdueStarts(from: BusinessDate, to: BusinessDate): void {
    if (!this.#history) return;
    for (const i of this.#inst) {
      const start = addDays(i.due, 1);
      if (i.principal > i.paid && start > from && start <= to && !this.#frozenAt(start))
        this.#log(start, 'overdue', i.principal - i.paid, 0, 0, i.due);
    }
  }

  // --- facts --------------------------------------------------------------------------------------

  apply(fact: LoanFact): void {
    if (this.#date !== null) this.advanceTo(fact.date);
    switch (fact.kind) {
      case 'approve':
        this.#approved = fact.amount;
        this.#approvedOn = fact.date;
        this.#log(fact.date, 'approval', fact.amount, 0, 0, '');
        return;
      case 'disburse':
        this.#disburse(fact.date, fact.amount);
        return;
      case 'repay':
      case 'write_off':
        this.#settle(fact);
        return;
      case 'extend':
        this.#extend(fact.due, fact.months, fact.date);
        return;
      case 'adjust':
        this.#adjust(fact.instalments, fact.date);
        return;
      case 'freeze':
        this.#freeze(fact.months, fact.date);
        return;
      case 'close':
        this.#closedOn = fact.date;
        this.#log(fact.date, 'closure', 0, 0, 0, '');
        return;
    }
  }

  #disburse(date: BusinessDate, amount: Dong): void {
    if (this.#anchor === null) {
      this.#anchor = date;
      this.#date = date;
      this.#rates = loanTimeline(this.#c.programmeRates, this.#c.ratePolicy, date);
    }
    this.#disbursed += amount;
    this.#lastMoney = date;
    const s = buildSchedule(
      this.#c.terms,
      this.#disbursed,
      this.#anchor,
      this.#c.dayCount,
      rateAt(this.#rates, this.#anchor) ?? 0n,
    );
    this.#inst = s.instalments.map((i) => ({ due: i.due, principal: i.principal, paid: 0, extended: false }));
    this.#waterfall(this.#paidP + this.#woP);
    this.#interestDates = [...s.interestDates];
    this.#log(date, 'disbursement', amount, 0, 0, '');
  }

  #settle(f: { kind: 'repay' | 'write_off'; date: BusinessDate } & Settlement): void {
    this.#waterfall(f.principal);
    if (f.kind === 'repay') {
      this.#paidP += f.principal;
      this.#paidN += f.interest;
      this.#paidO += f.overdueInterest;
      this.#lastMoney = f.date;
    } else {
      this.#woP += f.principal;
      this.#woN += f.interest;
      this.#woO += f.overdueInterest;
    }
    this.#log(
      f.date,
      f.kind === 'repay' ? 'repayment' : 'write_off',
      f.principal,
      f.interest,
      f.overdueInterest,
      '',
    );
  }

  /** Pays principal into instalments oldest first (a negative amount unpays newest first). */
  #waterfall(amount: Dong): void {
    let left = amount;
    if (left >= 0) {
      for (const i of this.#inst) {
        if (left === 0) break;
        const take = Math.min(left, i.principal - i.paid);
        i.paid += take;
        left -= take;
      }
    } else {
      for (let k = this.#inst.length - 1; k >= 0 && left < 0; k--) {
        const i = this.#inst[k]!;
        const give = Math.min(-left, i.paid);
        i.paid -= give;
        left += give;
      }
    }
    if (left !== 0) this.#anomalies.push(`principal ${amount} could not be applied in full (${left} left)`);
  }

  /** Splits off the paid part of an instalment so that its unpaid part can move. */
  #splitPaid(index: number): Inst {
    const i = this.#inst[index]!;
    if (i.paid === 0) return i;
    const moving: Inst = { due: i.due, principal: i.principal - i.paid, paid: 0, extended: i.extended };
    i.principal = i.paid;
    this.#inst.splice(index + 1, 0, moving);
    return moving;
  }

  #extend(due: BusinessDate, months: number, date: BusinessDate): void {
    const index = this.#inst.findIndex((i) => i.due === due && i.principal > i.paid);
    if (index < 0) {
      this.#anomalies.push(`extension of ${due}: no unpaid instalment due that day`);
      return;
    }
    const moving = this.#splitPaid(index);
    moving.due = addMonths(due, months);
    moving.extended = true;
    this.#inst.sort(byDue);
    this.#modified = true;
    this.#extendInterestDates();
    this.#log(date, 'extension', moving.principal, 0, 0, `${due}→${moving.due}`);
  }

  #adjust(instalments: readonly CustomInstalment[], date: BusinessDate): void {
    const kept: Inst[] = [];
    for (const i of this.#inst) {
      if (i.due <= date || i.paid >= i.principal) kept.push(i);
      else if (i.paid > 0) kept.push({ ...i, principal: i.paid });
    }
    for (const n of instalments) kept.push({ due: n.due, principal: n.principal, paid: 0, extended: false });
    this.#inst = kept.sort(byDue);
    this.#modified = true;
    this.#extendInterestDates();
    this.#log(
      date,
      'adjustment',
      instalments.reduce((s, i) => s + i.principal, 0),
      0,
      0,
      '',
    );
  }

  #freeze(months: number, date: BusinessDate): void {
    const until = addMonths(date, months);
    this.#freezes.push({ from: date, until });
    for (let k = 0; k < this.#inst.length; k++) {
      if (this.#inst[k]!.principal <= this.#inst[k]!.paid) continue;
      const moving = this.#splitPaid(k);
      const shifted = addMonths(moving.due, months);
      moving.due = maxDate(shifted, until);
      if (moving !== this.#inst[k]) k++;
    }
    this.#inst.sort(byDue);
    // Interest due dates after today move with the freeze; none falls inside it.
    this.#interestDates = [
      ...new Set(this.#interestDates.map((d) => (d > date ? addMonths(d, months) : d))),
    ].sort();
    this.#modified = true;
    this.#extendInterestDates();
    this.#log(date, 'freeze', this.#outstanding(), 0, 0, until);
  }

  /**
   * After the maturity moved later: interest keeps falling due every `interestEveryMonths` from
   * the old maturity, and on the new one. Dates already passed are not added.
   */
  #extendInterestDates(): void {
    const maturity = this.#maturity();
    if (maturity === null) return;
    const last = this.#interestDates[this.#interestDates.length - 1];
    if (last !== undefined && last >= maturity) return;
    const now = this.#date!;
    const every = this.#c.terms.interestEveryMonths;
    const from = last ?? this.#anchor!;
    for (let k = 1; ; k++) {
      const d = addMonths(from, k * every);
      if (d >= maturity) break;
      if (d > now) this.#interestDates.push(d);
    }
    if (maturity > now) this.#interestDates.push(maturity);
    this.#interestDates = [...new Set(this.#interestDates)].sort();
  }

  #maturity(): BusinessDate | null {
    let m: BusinessDate | null = null;
    for (const i of this.#inst) if (m === null || i.due > m) m = i.due;
    return m;
  }

  #log(
    date: BusinessDate,
    kind: HistoryLine['kind'],
    principal: Dong,
    interest: Dong,
    overdueInterest: Dong,
    detail: string,
  ): void {
    this.#history?.push({
      date,
      kind,
      principal,
      interest,
      overdueInterest,
      outstanding: this.#outstanding(),
      detail,
    });
  }

  // --- reading ------------------------------------------------------------------------------------

  /** The loan at the start of `day`, after the facts of that day applied so far. */
  positionAt(day: BusinessDate): LoanPosition {
    this.advanceTo(day);
    return this.#position(day, false);
  }

  /** The loan at the end of `day`: day `day`'s interest included, its due dates not yet passed. */
  viewAt(day: BusinessDate): LoanPosition {
    this.advanceTo(day);
    return this.#position(day, true);
  }

  #instalmentViews(day: BusinessDate): InstalmentView[] {
    const frozen = this.#frozenAt(day) !== undefined;
    return this.#inst.map((i, k) => {
      const unpaid = i.principal - i.paid;
      const overdue = unpaid > 0 && !frozen && i.due < day;
      const cls: InstalmentView['cls'] =
        unpaid === 0 ? 'paid' : frozen ? 'frozen' : overdue ? 'overdue' : i.extended ? 'extended' : 'current';
      return {
        no: k + 1,
        due: i.due,
        principal: i.principal,
        paid: i.paid,
        unpaid,
        cls,
        extended: i.extended,
        daysPastDue: overdue ? daysBetween(i.due, day) : 0,
      };
    });
  }

  #position(day: BusinessDate, endOfDay: boolean): LoanPosition {
    let normal = this.#normal;
    let overdueExact = this.#overdue;
    if (endOfDay && this.#date !== null) {
      const seg = this.#segment(day, addDays(day, 1));
      normal += seg.normal;
      overdueExact += seg.overdue;
    }
    const accruedCurrent = roundHalfUp(normal - this.#periodStart, this.#den);
    const settledN = this.#paidN + this.#woN;
    const due = Math.max(0, this.#chargedDue - settledN);
    const advance = Math.max(0, settledN - this.#chargedDue);
    const anomalies = [...this.#anomalies];
    let accrued = accruedCurrent - advance;
    if (accrued < 0) {
      anomalies.push(`interest paid ${-accrued} beyond what had accrued`);
      accrued = 0;
    }
    const chargedO = roundHalfUp(overdueExact, this.#den);
    const unpaidO = chargedO - this.#paidO - this.#woO;

    const instalments = this.#instalmentViews(day);
    const principal: Record<PrincipalClass, Dong> = { current: 0, overdue: 0, extended: 0, frozen: 0 };
    const dues = zeroDues();
    let oldest: BusinessDate | null = null;
    for (const i of instalments) {
      if (i.cls === 'paid') continue;
      principal[i.cls] += i.unpaid;
      if (i.cls === 'overdue') {
        dues.overdue_principal += i.unpaid;
        if (oldest === null) oldest = i.due;
      } else if (i.cls !== 'frozen' && i.due === day) dues.principal_due += i.unpaid;
      else dues.prepayment += i.unpaid;
    }
    dues.overdue_interest = Math.max(0, unpaidO);
    dues.interest_due = due;
    dues.accrued_interest = accrued;

    const frozen = this.#frozenAt(day);
    const outstanding = this.#outstanding();
    const daysPastDue = oldest === null ? 0 : daysBetween(oldest, day);
    const owesInterest = due + accrued + Math.max(0, unpaidO) > 0;
    const status: LoanStatus =
      this.#closedOn !== null && this.#closedOn <= day
        ? 'closed'
        : this.#anchor === null
          ? this.#approvedOn !== null
            ? 'approved'
            : 'applied'
          : outstanding > 0 || owesInterest
            ? frozen
              ? 'frozen'
              : 'active'
            : this.#woP > 0
              ? 'written_off'
              : 'repaid';
    return {
      asOf: day,
      endOfDay,
      status,
      approved: this.#approved,
      disbursed: this.#disbursed,
      firstDisbursed: this.#anchor,
      maturity: this.#maturity(),
      principalPaid: this.#paidP,
      principalWrittenOff: this.#woP,
      outstanding,
      principal,
      interest: {
        charged: this.#chargedDue + accruedCurrent,
        paid: this.#paidN,
        writtenOff: this.#woN,
        due,
        accrued,
      },
      overdueInterest: { charged: chargedO, paid: this.#paidO, writtenOff: this.#woO, unpaid: unpaidO },
      dues,
      instalments,
      daysPastDue,
      oldestOverdueDue: oldest,
      bucket: bucketOf(daysPastDue),
      frozenUntil: frozen?.until ?? null,
      lastTransaction: this.#lastMoney,
      closedOn: this.#closedOn,
      exact: { normal: String(normal), overdue: String(overdueExact), den: String(this.#den) },
      anomalies,
    };
  }
}

/** Orders facts by date, keeping the given order within a day. */
export function sortFacts(facts: readonly LoanFact[]): LoanFact[] {
  return facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.date < b.f.date ? -1 : a.f.date > b.f.date ? 1 : a.i - b.i))
    .map((x) => x.f);
}

/** The loan at the end of `asOf`, from its facts dated on or before it. */
export function deriveView(
  contract: LoanContract,
  facts: readonly LoanFact[],
  asOf: BusinessDate,
): LoanPosition {
  const m = new LoanMachine(contract);
  for (const f of sortFacts(facts)) {
    if (f.date > asOf) break;
    m.apply(f);
  }
  return m.viewAt(asOf);
}

/** The loan at the start of `day` after all its facts so far (all dated on or before `day`). */
export function derivePosition(
  contract: LoanContract,
  facts: readonly LoanFact[],
  day: BusinessDate,
): LoanPosition {
  const m = new LoanMachine(contract);
  for (const f of sortFacts(facts)) {
    assert(f.date <= day, `fact of ${f.date} after ${day}`);
    m.apply(f);
  }
  return m.positionAt(day);
}

/** Views at several dates (ascending) in one pass: the incremental path. */
export function deriveViews(
  contract: LoanContract,
  facts: readonly LoanFact[],
  dates: readonly BusinessDate[],
): LoanPosition[] {
  const m = new LoanMachine(contract);
  const sorted = sortFacts(facts);
  let k = 0;
  return dates.map((d) => {
    while (k < sorted.length && sorted[k]!.date <= d) m.apply(sorted[k++]!);
    return m.viewAt(d);
  });
}
