/**
 * Interest and fee rates, exactly. A rate is quoted as integer parts per million (ppm) of the
 * amount per year or per month: 6.6 %/year = 66,000 ppm/year; 0.55 %/month = 5,500 ppm/month =
 * 66,000 ppm/year. No floating point ever holds a rate.
 *
 * A programme's rate table is dated: each row applies from its date until the next row. A row is
 * either absolute (a quoted rate) or relative to another programme's rate ("households just out of
 * poverty: 125 % of the poor-household rate"), so a change of the base rate carries over. To stay
 * exact, rates inside computations are BigInt in units of 10^-12 per year (`rate12`): an absolute
 * row gives ppm × 10^6, a relative row base ppm × multiplier ppm, both whole numbers.
 */
import type { BusinessDate } from '../dates.ts';
import { ok, type Result, refuse } from '../refusal.ts';
import { LOAN_LIMITS } from './limits.ts';

export const QUOTINGS = ['year', 'month'] as const;
export type Quoting = (typeof QUOTINGS)[number];

/** 1 = 10^6 ppm. */
export const PPM = 1_000_000;
/** 100 % a year in `rate12` units. */
export const RATE12_ONE = 10n ** 12n;

// "6.6", "6,6", "0.55 %", "130". Up to four decimals of a percent: a whole number of ppm.
const PERCENT = /^(\d{1,7})(?:[.,](\d{1,4}))?$/;

/**
 * Parses a percentage typed by a treasurer ("6,6", "0.55", "130 %") into ppm, exactly. Refuses
 * more than four decimals (not a whole ppm), signs and text. A JavaScript number is read through
 * its shortest decimal form, so 6.6 is "6.6", never 6.5999….
 */
export function parsePercentPpm(field: string, input: unknown, maxPpm: number): Result<number> {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input : null;
  if (text === null) return refuse('rate_invalid', field, input);
  const m = PERCENT.exec(text.trim().replace(/\s*%$/, ''));
  if (!m) return refuse('rate_invalid', field, input);
  const ppm = Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
  if (ppm > maxPpm) return refuse('rate_out_of_range', field, input, { max: formatPercent(maxPpm, 'en') });
  return ok(ppm);
}

/** "6,6 %" in Vietnamese, "6.6 %" in English; trailing zeros dropped. */
export function formatPercent(ppm: number, lang: 'vi' | 'en'): string {
  const whole = Math.trunc(ppm / 10_000);
  const frac = String(ppm % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? (lang === 'vi' ? ',' : '.') + frac : ''} %`;
}

export function annualPpm(quotedPpm: number, quoting: Quoting): number {
  return quoting === 'month' ? quotedPpm * 12 : quotedPpm;
}

/** One row of a programme's rate table. Exactly one of `quotedPpm` or `base` is set. */
export interface RateRow {
  readonly programme: string;
  readonly from: BusinessDate;
  readonly quotedPpm: number | null;
  readonly quoting: Quoting;
  /** Relative rows: this rate is `multiplierPpm` of the base programme's rate on the same day. */
  readonly base: { readonly programme: string; readonly multiplierPpm: number } | null;
  readonly documentNo: string | null;
  readonly note: string;
}

/** Rate in force from `from` on, in units of 10^-12 a year. Sorted by `from`, no duplicates. */
export type RateTimeline = ReadonlyArray<{ readonly from: BusinessDate; readonly rate12: bigint }>;

function rowsOf(rows: readonly RateRow[], programme: string): RateRow[] {
  return rows.filter((r) => r.programme === programme).sort((a, b) => (a.from < b.from ? -1 : 1));
}

function absoluteAt(rows: readonly RateRow[], day: BusinessDate): number | undefined {
  let ppm: number | undefined;
  for (const r of rows) {
    if (r.from > day) break;
    ppm = r.quotedPpm === null ? undefined : annualPpm(r.quotedPpm, r.quoting);
  }
  return ppm;
}

/**
 * The dated annual rate of a programme, resolving relative rows against their base (one level:
 * a base programme's rows are absolute, which `checkRelativeRow` enforces when a row is added).
 */
export function programmeTimeline(programme: string, all: readonly RateRow[]): RateTimeline {
  const own = rowsOf(all, programme);
  const bases = new Set(own.flatMap((r) => (r.base ? [r.base.programme] : [])));
  const baseRows = new Map([...bases].map((b) => [b, rowsOf(all, b)]));
  const days = new Set(own.map((r) => r.from));
  for (const rows of baseRows.values()) for (const r of rows) days.add(r.from);
  const out: Array<{ from: BusinessDate; rate12: bigint }> = [];
  for (const day of [...days].sort()) {
    let row: RateRow | undefined;
    for (const r of own) if (r.from <= day) row = r;
    if (!row) continue;
    let rate12: bigint | undefined;
    if (row.base) {
      const basePpm = absoluteAt(baseRows.get(row.base.programme) ?? [], day);
      if (basePpm !== undefined) rate12 = BigInt(basePpm) * BigInt(row.base.multiplierPpm);
    } else rate12 = BigInt(annualPpm(row.quotedPpm!, row.quoting)) * BigInt(PPM);
    if (rate12 === undefined) continue;
    if (out.length > 0 && out[out.length - 1]!.rate12 === rate12) continue;
    out.push({ from: day, rate12 });
  }
  return out;
}

/** The annual rate in force on `day`, or undefined before the first row. */
export function rateAt(timeline: RateTimeline, day: BusinessDate): bigint | undefined {
  let rate: bigint | undefined;
  for (const r of timeline) {
    if (r.from > day) break;
    rate = r.rate12;
  }
  return rate;
}

/** The day after `day` on which the rate next changes, if any. */
export function nextRateChange(timeline: RateTimeline, day: BusinessDate): BusinessDate | undefined {
  for (const r of timeline) if (r.from > day) return r.from;
  return undefined;
}

/**
 * A loan's own rate timeline: the programme's table (`floating`), or the rate in force on the
 * first disbursement, held for the life of the loan (`fixed_at_disbursement`).
 */
export function loanTimeline(
  programme: RateTimeline,
  policy: RatePolicy,
  firstDisbursement: BusinessDate | null,
): RateTimeline {
  if (policy === 'floating' || firstDisbursement === null) return programme;
  const rate = rateAt(programme, firstDisbursement);
  return rate === undefined ? [] : [{ from: firstDisbursement, rate12: rate }];
}

export const RATE_POLICIES = ['floating', 'fixed_at_disbursement'] as const;
export type RatePolicy = (typeof RATE_POLICIES)[number];

/** `rate12` as ppm a year, for display: exact when it is whole, else rounded down. */
export function rate12ToPpm(rate12: bigint): number {
  return Number(rate12 / BigInt(PPM));
}

/** Checks a rate row before it is added. */
export function checkRateRow(row: RateRow, all: readonly RateRow[]): Result<RateRow> {
  if (row.base === null) {
    if (row.quotedPpm === null || annualPpm(row.quotedPpm, row.quoting) > LOAN_LIMITS.ratePpmYearMax)
      return refuse('rate_out_of_range', 'rate', row.quotedPpm, {
        max: formatPercent(LOAN_LIMITS.ratePpmYearMax, 'en'),
      });
    return ok(row);
  }
  // One level only: the base's rows are absolute, and a programme others follow stays absolute.
  if (
    row.base.programme === row.programme ||
    all.some((r) => r.base?.programme === row.programme) ||
    rowsOf(all, row.base.programme).some((r) => r.base !== null)
  )
    return refuse('rate_base_invalid', 'base', row.base.programme, { programme: row.programme });
  if (row.base.multiplierPpm <= 0 || row.base.multiplierPpm > LOAN_LIMITS.multiplierPpmMax)
    return refuse('rate_out_of_range', 'multiplier', row.base.multiplierPpm, {
      max: formatPercent(LOAN_LIMITS.multiplierPpmMax, 'en'),
    });
  return ok(row);
}
