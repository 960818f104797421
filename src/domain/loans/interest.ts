/**
 * Day counts and exact interest. Circular 14/2017/TT-NHNN: interest = Σ (balance × days held ×
 * annual rate) / 365, counting the first day and not the last ("tính ngày đầu, bỏ ngày cuối").
 *
 * Every accrual is kept as an exact fraction with one fixed denominator per day-count convention,
 *   denominator = basis days × 10^18,
 *   numerator   = balance × rate12 × multiplier ppm × days,
 * so accruals over adjacent intervals add exactly (no rounding until the amount is owed), and
 * rounding happens once, where the design note says (once per interest period; overdue interest
 * on its running total). BigInt, because balance (≤ 10^13) × rate (≤ 10^12) × multiplier (≤ 10^7)
 * × days (≤ 10^5) is far above 2^53.
 */
import { type BusinessDate, daysBetween, parts } from '../dates.ts';
import { assert } from '../refusal.ts';
import { PPM } from './rates.ts';

export const DAY_COUNTS = ['act/365', '30e/360'] as const;
/**
 * `act/365`: actual days over 365 (Circular 14/2017; a leap year still divides by 365).
 * `30e/360`: every month counts 30 days, the 31st counts as the 30th (the "30E/360" or Eurobond
 * convention), over 360: a whole month at 0.7 %/month is exactly 0.7 % of the balance.
 */
export type DayCount = (typeof DAY_COUNTS)[number];

export function basisDays(dc: DayCount): number {
  return dc === 'act/365' ? 365 : 360;
}

/** 30E/360 position of a day: 360 y + 30 (m − 1) + min(d, 30). Differences of it count days. */
function thirtyE(date: BusinessDate): number {
  const { year, month, day } = parts(date);
  return 360 * year + 30 * (month - 1) + Math.min(day, 30);
}

/**
 * Days from `from` (counted) to `to` (not counted) under the convention. Both conventions are a
 * difference of positions, so days(a, c) = days(a, b) + days(b, c) for any a ≤ b ≤ c.
 */
export function dayCountDays(dc: DayCount, from: BusinessDate, to: BusinessDate): number {
  return dc === 'act/365' ? daysBetween(from, to) : thirtyE(to) - thirtyE(from);
}

const E18 = 10n ** 18n;

/** The denominator of every exact accrual under `dc`. */
export function accrualDen(dc: DayCount): bigint {
  return BigInt(basisDays(dc)) * E18;
}

/** Normal-rate multiplier: 100 % of the loan's rate. */
export const MULTIPLIER_ONE_PPM = PPM;

/**
 * The exact accrual numerator for `balance` held `days` at `rate12` (10^-12 a year) times
 * `multiplierPpm` (10^6 = the rate itself; 1,300,000 = the 130 % overdue rate).
 */
export function accrualNum(balance: number, rate12: bigint, multiplierPpm: number, days: number): bigint {
  assert(Number.isSafeInteger(balance) && balance >= 0, 'accrual on a negative balance');
  assert(Number.isInteger(days) && days >= 0, 'accrual over negative days');
  return BigInt(balance) * rate12 * BigInt(multiplierPpm) * BigInt(days);
}

/** num / den rounded half up to a whole đồng; num ≥ 0. */
export function roundHalfUp(num: bigint, den: bigint): number {
  assert(num >= 0n && den > 0n, 'roundHalfUp of a negative amount');
  const q = (2n * num + den) / (2n * den);
  const n = Number(q);
  assert(Number.isSafeInteger(n), 'interest beyond the safe range');
  return n;
}

/** num / den rounded down to a whole đồng; num ≥ 0. */
export function floorDiv(num: bigint, den: bigint): number {
  assert(num >= 0n && den > 0n, 'floorDiv of a negative amount');
  return Number(num / den);
}

/**
 * Interest on one balance over [from, to) at one rate, rounded half up: the figure of a single
 * period with no change inside it (worked example A: 50,000,000 × 6.6 % × 31 / 365 = 280,274).
 */
export function simpleInterest(
  dc: DayCount,
  balance: number,
  rate12: bigint,
  from: BusinessDate,
  to: BusinessDate,
): number {
  return roundHalfUp(
    accrualNum(balance, rate12, MULTIPLIER_ONE_PPM, dayCountDays(dc, from, to)),
    accrualDen(dc),
  );
}
