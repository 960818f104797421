/**
 * Money is whole Vietnamese đồng. VND has no minor unit, so every amount is a JavaScript
 * safe integer; no floating point ever touches one (ARCHITECTURE §1.1).
 */
import { type Result, refuse } from './refusal.ts';

/** An amount in whole đồng. A plain number, always a safe integer within the bounds below. */
export type Dong = number;

/**
 * The largest amount one posting may carry: 10^13 đ (ten thousand billion đồng). A whole
 * commune's portfolio is about 1.7 × 10^11 đ, so this is a guard against typos and overflow,
 * not a business cap. Sums of up to ~900 such amounts still fit in a safe integer.
 */
export const AMOUNT_DONG_MAX = 10_000_000_000_000;

/** The largest balance or running total we accept on read or write (2^53 − 1). */
export const BALANCE_DONG_MAX = Number.MAX_SAFE_INTEGER;

/** True when `x` is an integer amount in [-AMOUNT_DONG_MAX, AMOUNT_DONG_MAX]. */
export function isDong(x: unknown): x is Dong {
  return typeof x === 'number' && Number.isSafeInteger(x) && Math.abs(x) <= AMOUNT_DONG_MAX;
}

/** True when `x` is a safe integer, the bound for balances and totals. */
export function isBalanceDong(x: unknown): x is Dong {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

// Plain digits, or digits grouped in threes by one separator: "1050000", "1.050.000",
// "1,050,000", "1 050 000". A lone "1.5" or "1,5" is a decimal and is refused.
const GROUPED = /^(\d{1,3}(?:([.,\s])\d{3})?(?:\2\d{3})*|\d+)$/;
const CURRENCY_SUFFIX = /\s*(₫|đ|đồng|dong|vnd|VND|VNĐ)$/u;

/**
 * Parses a treasurer-typed amount of đồng. Accepts "1.050.000", "1,050,000", "1050000",
 * "-5.000", an optional "đ"/"₫"/"VND" suffix. Refuses decimals, text and out-of-range values.
 */
export function parseDong(field: string, input: unknown): Result<Dong> {
  if (typeof input === 'number') {
    return isDong(input) ? { ok: true, value: input } : refuse('amount_not_whole_dong', field, input);
  }
  if (typeof input !== 'string') return refuse('amount_not_whole_dong', field, input);
  let text = input.trim().replace(CURRENCY_SUFFIX, '').trim();
  let sign = 1;
  if (text.startsWith('-')) {
    sign = -1;
    text = text.slice(1).trim();
  }
  if (text === '' || !GROUPED.test(text)) return refuse('amount_not_whole_dong', field, input);
  const digits = text.replace(/[.,\s]/g, '');
  if (digits.length > 16) return refuse('amount_out_of_range', field, input, { max: AMOUNT_DONG_MAX });
  const value = sign * Number(digits);
  if (!isDong(value)) return refuse('amount_out_of_range', field, input, { max: AMOUNT_DONG_MAX });
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Groups the digits of an integer in threes with `sep`. */
export function groupDigits(n: number, sep: string): string {
  const negative = n < 0;
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return negative ? `-${out}` : out;
}

/** "1.050.000.000 ₫" in Vietnamese, "1,050,000,000 ₫" in English. */
export function formatDong(n: Dong, lang: 'vi' | 'en' = 'vi'): string {
  return `${groupDigits(n, lang === 'vi' ? '.' : ',')} ₫`;
}
