/**
 * Repayment schedules: when principal falls due, and on which days interest (or the fee) falls
 * due. A schedule is built from the contract terms, the amount lent and the day of the first
 * disbursement (the anchor); every due date is the anchor plus whole months (`addMonths`, a day
 * past the end of a month clamped to its last day), counted from the anchor each time so dates
 * never drift (31/01 → 28/02 → 31/03).
 *
 * Rounding (docs/design/loans.md §Rounding):
 * - equal principal: each part is the amount divided by the number of parts, rounded down; the
 *   last part takes the remainder (50,000,000 / 6 → 5 × 8,333,333 + 8,333,335);
 * - annuity: the equal instalment A = P·r·(1+r)^n / ((1+r)^n − 1), with r = annual rate × months
 *   per period / 12, computed exactly in integers and rounded half up to the đồng; each period's
 *   interest is the daily interest on the projected balance, rounded half up; its principal is
 *   A minus that interest; the last instalment takes whatever principal remains;
 * - bullet: the whole amount at maturity;
 * - custom: as agreed; if less is lent than agreed, the last parts shrink.
 * Principal parts always sum exactly to the amount lent.
 */
import { addMonths, type BusinessDate } from '../dates.ts';
import type { Dong } from '../money.ts';
import type { Refusal } from '../refusal.ts';
import {
  accrualDen,
  accrualNum,
  type DayCount,
  dayCountDays,
  MULTIPLIER_ONE_PPM,
  roundHalfUp,
} from './interest.ts';
import { LOAN_LIMITS } from './limits.ts';

export const SCHEDULE_METHODS = ['equal_principal', 'annuity', 'bullet', 'custom'] as const;
export type ScheduleMethod = (typeof SCHEDULE_METHODS)[number];

export interface CustomInstalment {
  readonly due: BusinessDate;
  readonly principal: Dong;
}

export interface ScheduleTerms {
  readonly method: ScheduleMethod;
  readonly termMonths: number;
  /** Months between principal instalments (equal principal, annuity). */
  readonly principalEveryMonths: number;
  /** Months between interest (fee) due dates; the maturity is always one too. */
  readonly interestEveryMonths: number;
  /** No principal falls due in the first months (ân hạn gốc). */
  readonly gracePrincipalMonths: number;
  /** No interest falls due in the first months: it accrues and is due on the first date after. */
  readonly graceInterestMonths: number;
  /** The agreed instalments of a custom schedule, by date. */
  readonly custom: readonly CustomInstalment[] | null;
}

export interface Instalment {
  readonly due: BusinessDate;
  readonly principal: Dong;
}

export interface Schedule {
  /** Principal instalments in due order; their principal sums to the amount lent. */
  readonly instalments: readonly Instalment[];
  /** Days on which interest accrued since the previous one falls due, ascending. */
  readonly interestDates: readonly BusinessDate[];
  readonly maturity: BusinessDate;
}

function monthsField(field: string, value: number, min: number, max: number, out: Refusal[]): void {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    out.push({ code: 'months_out_of_range', field, value, params: { min, max } });
}

/** Checks terms on their own (the programme's own limits are checked by the service). */
export function checkScheduleTerms(t: ScheduleTerms): Refusal[] {
  const out: Refusal[] = [];
  const max = LOAN_LIMITS.termMonthsMax;
  monthsField('termMonths', t.termMonths, 1, max, out);
  monthsField('principalEveryMonths', t.principalEveryMonths, 1, max, out);
  monthsField('interestEveryMonths', t.interestEveryMonths, 1, max, out);
  monthsField('gracePrincipalMonths', t.gracePrincipalMonths, 0, max, out);
  monthsField('graceInterestMonths', t.graceInterestMonths, 0, max, out);
  if (out.length > 0) return out;
  if (t.gracePrincipalMonths >= t.termMonths || t.graceInterestMonths >= t.termMonths)
    out.push({
      code: 'grace_too_long',
      field: 'gracePrincipalMonths',
      value: Math.max(t.gracePrincipalMonths, t.graceInterestMonths),
      params: { term: t.termMonths },
    });
  if (t.method === 'equal_principal' || t.method === 'annuity') {
    if ((t.termMonths - t.gracePrincipalMonths) % t.principalEveryMonths !== 0)
      out.push({
        code: 'term_not_multiple',
        field: 'principalEveryMonths',
        value: t.principalEveryMonths,
        params: { months: t.termMonths - t.gracePrincipalMonths },
      });
  }
  if (t.method === 'annuity' && t.interestEveryMonths !== t.principalEveryMonths)
    out.push({
      code: 'annuity_periods_differ',
      field: 'interestEveryMonths',
      value: t.interestEveryMonths,
      params: { principalEveryMonths: t.principalEveryMonths },
    });
  if (t.method === 'custom') {
    const list = t.custom ?? [];
    if (list.length === 0 || list.length > LOAN_LIMITS.instalmentsMax)
      out.push({
        code: 'custom_schedule_invalid',
        field: 'custom',
        value: list.length,
        params: { max: LOAN_LIMITS.instalmentsMax },
      });
    list.forEach((c, i) => {
      if (i > 0 && c.due <= list[i - 1]!.due)
        out.push({ code: 'custom_dates_not_ascending', field: `custom[${i}].due`, value: c.due });
      if (!Number.isSafeInteger(c.principal) || c.principal <= 0)
        out.push({ code: 'amount_not_positive', field: `custom[${i}].principal`, value: c.principal });
    });
  } else if (t.custom !== null && t.custom.length > 0)
    out.push({
      code: 'custom_schedule_invalid',
      field: 'custom',
      value: t.custom.length,
      params: { max: 0 },
    });
  return out;
}

/** Number of principal instalments of a generated schedule. */
export function principalCount(t: ScheduleTerms): number {
  if (t.method === 'bullet') return 1;
  if (t.method === 'custom') return t.custom?.length ?? 0;
  return (t.termMonths - t.gracePrincipalMonths) / t.principalEveryMonths;
}

/** `amount` in `n` parts, each rounded down, the remainder in the last. */
export function equalParts(amount: Dong, n: number): Dong[] {
  const part = Math.floor(amount / n);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? amount - part * (n - 1) : part));
}

/**
 * The equal instalment of an annuity: P·r·(1+r)^n / ((1+r)^n − 1), r = rate12 × months / (12 ×
 * 10^12), exactly, rounded half up. With a zero rate it is P / n rounded half up.
 */
export function annuityInstalment(amount: Dong, rate12: bigint, monthsPerPeriod: number, n: number): Dong {
  const q = 12n * 10n ** 12n;
  const a = rate12 * BigInt(monthsPerPeriod);
  if (a === 0n) return roundHalfUp(BigInt(amount), BigInt(n));
  const grown = (q + a) ** BigInt(n);
  const num = BigInt(amount) * a * grown;
  const den = q * (grown - q ** BigInt(n));
  return roundHalfUp(num, den);
}

function datesEvery(anchor: BusinessDate, startMonths: number, every: number, count: number): BusinessDate[] {
  return Array.from({ length: count }, (_, k) => addMonths(anchor, startMonths + (k + 1) * every));
}

/** The interest grid: every `every` months from the anchor up to the maturity, and the maturity. */
export function interestGrid(
  anchor: BusinessDate,
  every: number,
  graceMonths: number,
  maturity: BusinessDate,
): BusinessDate[] {
  const out: BusinessDate[] = [];
  for (let k = 1; ; k++) {
    const d = addMonths(anchor, k * every);
    if (d >= maturity) break;
    if (k * every > graceMonths) out.push(d);
  }
  out.push(maturity);
  return out;
}

/** Fits agreed parts to what was actually lent: shrink from the end, or add to the last part. */
function fitParts(parts: readonly Instalment[], amount: Dong): Instalment[] {
  const out = parts.map((p) => ({ ...p }));
  let diff = out.reduce((s, p) => s + p.principal, 0) - amount;
  for (let i = out.length - 1; i >= 0 && diff > 0; i--) {
    const cut = Math.min(diff, out[i]!.principal);
    out[i] = { due: out[i]!.due, principal: out[i]!.principal - cut };
    diff -= cut;
  }
  if (diff < 0 && out.length > 0) {
    const last = out[out.length - 1]!;
    out[out.length - 1] = { due: last.due, principal: last.principal - diff };
  }
  return out.filter((p) => p.principal > 0);
}

/**
 * Builds the schedule of `amount` lent from `anchor`. `rate12` (the annual rate on the anchor day)
 * is only used by the annuity, whose principal parts depend on the projected interest.
 */
export function buildSchedule(
  t: ScheduleTerms,
  amount: Dong,
  anchor: BusinessDate,
  dayCount: DayCount,
  rate12: bigint,
): Schedule {
  let instalments: Instalment[];
  if (t.method === 'custom') {
    instalments = fitParts(t.custom ?? [], amount);
  } else if (t.method === 'bullet') {
    instalments = [{ due: addMonths(anchor, t.termMonths), principal: amount }];
  } else {
    const n = principalCount(t);
    const dates = datesEvery(anchor, t.gracePrincipalMonths, t.principalEveryMonths, n);
    const parts =
      t.method === 'equal_principal'
        ? equalParts(amount, n)
        : annuityParts(amount, rate12, dayCount, addMonths(anchor, t.gracePrincipalMonths), dates, t);
    instalments = dates.map((due, i) => ({ due, principal: parts[i]! }));
  }
  const maturity = instalments.length > 0 ? instalments[instalments.length - 1]!.due : anchor;
  return {
    instalments,
    interestDates: interestGrid(anchor, t.interestEveryMonths, t.graceInterestMonths, maturity),
    maturity,
  };
}

/**
 * Principal parts of an annuity: period k's interest is the daily interest on the projected
 * balance over [due(k−1), due(k)), rounded half up, and its principal A − interest (never below
 * zero nor above the balance); the last part is the balance left.
 */
function annuityParts(
  amount: Dong,
  rate12: bigint,
  dayCount: DayCount,
  start: BusinessDate,
  dates: readonly BusinessDate[],
  t: ScheduleTerms,
): Dong[] {
  const a = annuityInstalment(amount, rate12, t.principalEveryMonths, dates.length);
  const parts: Dong[] = [];
  let balance = amount;
  let from = start;
  dates.forEach((due, i) => {
    if (i === dates.length - 1) {
      parts.push(balance);
      return;
    }
    const interest = roundHalfUp(
      accrualNum(balance, rate12, MULTIPLIER_ONE_PPM, dayCountDays(dayCount, from, due)),
      accrualDen(dayCount),
    );
    const principal = Math.min(balance, Math.max(0, a - interest));
    parts.push(principal);
    balance -= principal;
    from = due;
  });
  return parts;
}
