/**
 * Entrustment fee (phí ủy thác, to the association) and group-leader commission (hoa hồng, to the
 * leader of a savings-and-loan group): dated percentages of what the group collected. The brief
 * found no current rates (domain/BRIEF.md §2, *check*), so none is seeded: each commune enters
 * the rates of its contract with the bank, dated, in ppm (0,08 % = 800 ppm).
 *
 * Rounding: each amount once, half up, from the exact product base × ppm / 10⁶.
 */
import type { BusinessDate } from '../dates.ts';
import type { Dong } from '../money.ts';

export const PPM = 1_000_000;

/** The largest rate accepted for either: 100 % of the base. */
export const FEE_PPM_MAX = PPM;

export interface FeeRate {
  readonly from: BusinessDate;
  /** Entrustment fee, ppm of the base. */
  readonly feePpm: number;
  /** Group leaders' commission, ppm of the base. */
  readonly commissionPpm: number;
}

/** The row in force on `date`: the latest `from` on or before it, or undefined. */
export function rateOn(rates: readonly FeeRate[], date: BusinessDate): FeeRate | undefined {
  let found: FeeRate | undefined;
  for (const r of rates) if (r.from <= date && (found === undefined || r.from > found.from)) found = r;
  return found;
}

/** round-half-up(base × ppm / 10⁶) for base ≥ 0, exactly (BigInt: base × ppm can pass 2⁵³). */
export function ppmOf(base: Dong, ppm: number): Dong {
  const n = BigInt(base) * BigInt(ppm);
  const q = n / BigInt(PPM);
  const r = n % BigInt(PPM);
  return Number(r * 2n >= BigInt(PPM) ? q + 1n : q);
}

export interface FeeFigures {
  readonly base: Dong;
  readonly feePpm: number;
  readonly commissionPpm: number;
  readonly fee: Dong;
  readonly commission: Dong;
}

/** The fee and commission of one group's month, from what it collected. */
export function feesOf(base: Dong, rate: FeeRate): FeeFigures {
  return {
    base,
    feePpm: rate.feePpm,
    commissionPpm: rate.commissionPpm,
    fee: ppmOf(base, rate.feePpm),
    commission: ppmOf(base, rate.commissionPpm),
  };
}

/**
 * Parses a percentage typed by a treasurer ("0,08", "0.08", "12", "12,5 %") into ppm, exactly:
 * at most four decimals of a percent; anything else is null (never rounded).
 */
export function percentToPpm(input: unknown): number | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return null;
    input = String(input);
  }
  if (typeof input !== 'string') return null;
  const m = /^(\d{1,3})(?:[.,](\d{1,4}))?\s*%?$/.exec(input.trim());
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = (m[2] ?? '').padEnd(4, '0');
  const ppm = whole * 10_000 + Number(frac);
  return ppm > FEE_PPM_MAX ? null : ppm;
}

/** ppm as a percent with a decimal comma (vi) or point (en): 800 → "0,08". */
export function ppmToPercent(ppm: number, lang: 'vi' | 'en' = 'vi'): string {
  const whole = Math.floor(ppm / 10_000);
  const frac = String(ppm % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}${lang === 'vi' ? ',' : '.'}${frac}`;
}
