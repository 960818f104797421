/**
 * Savings interest, Circular 14/2017 daily method: Σ end-of-day balance × rate / 365 over the days
 * of [from, to), the first day counted and not the last, as one exact fraction rounded half up once.
 */
import { daysBetween } from '../dates.ts';
import { PPM } from './limits.ts';

/** A balance that holds from `from` (inclusive) until the next step. */
export interface BalanceStep {
  readonly from: string;
  readonly balance: number;
}

/** Exact numerator Σ balance × days (đồng-days) over [from, to). Steps ascending, may start before `from`. */
export function balanceDays(steps: readonly BalanceStep[], from: string, to: string): bigint {
  let sum = 0n;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const next = steps[i + 1]?.from ?? to;
    const a = s.from > from ? s.from : from;
    const b = next < to ? next : to;
    if (b > a) sum += BigInt(s.balance) * BigInt(daysBetween(a, b));
  }
  return sum;
}

/** round-half-up(đồng-days × rate ppm ÷ (10⁶ × 365)). */
export function interestOf(dongDays: bigint, ratePpmYear: number): number {
  const num = dongDays * BigInt(ratePpmYear);
  const den = BigInt(PPM) * 365n;
  return Number((num * 2n + den) / (den * 2n));
}

/** Service charge due for `months` at ppm per month on a balance, rounded half up once. */
export function serviceChargeDue(balance: number, ppmPerMonth: number, months: number): number {
  const num = BigInt(balance) * BigInt(ppmPerMonth) * BigInt(months);
  const den = BigInt(PPM);
  return Number((num * 2n + den) / (den * 2n));
}

/** Whether a date is a VBSP savings interest date (30 June or 31 December). */
export function isVbspInterestDate(date: string): boolean {
  return date.endsWith('-06-30') || date.endsWith('-12-31');
}
