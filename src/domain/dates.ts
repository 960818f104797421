/**
 * Business dates (ARCHITECTURE §1.8): `YYYY-MM-DD` strings in the commune's calendar, with no
 * time and no zone. Arithmetic goes through a day number (days since 1970-01-01), computed on
 * the Gregorian calendar exactly as Date.UTC would.
 */
import { ok, type Result, refuse } from './refusal.ts';

export type BusinessDate = string;

/** The range of dates soquy accepts: wide enough for any history, narrow enough to catch typos. */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2199;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VI = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function valid(y: number, m: number, d: number): boolean {
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  if (month >= 1 && month <= 12) return MONTH_DAYS[month - 1]!;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function makeDate(y: number, m: number, d: number): BusinessDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** True when `x` is a real calendar date written `YYYY-MM-DD` within the accepted years. */
export function isBusinessDate(x: unknown): x is BusinessDate {
  if (typeof x !== 'string') return false;
  const m = ISO.exec(x);
  return m !== null && valid(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Parses `YYYY-MM-DD` or the Vietnamese `dd/mm/yyyy`. */
export function parseBusinessDate(field: string, input: unknown): Result<BusinessDate> {
  if (typeof input !== 'string') return refuse('date_invalid', field, input);
  const text = input.trim();
  if (isBusinessDate(text)) return ok(text);
  const m = VI.exec(text);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (valid(y, mo, d)) return ok(makeDate(y, mo, d));
  }
  return refuse('date_invalid', field, input, {
    min: `${DATE_YEAR_MIN}-01-01`,
    max: `${DATE_YEAR_MAX}-12-31`,
  });
}

export function parts(date: BusinessDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

// Day numbers by arithmetic on the proleptic Gregorian calendar (H. Hinnant's days_from_civil
// and civil_from_days, in eras of 400 years that start on 1 March): the same numbers as Date.UTC
// (test/domain/money-dates.test.ts compares every day of the accepted years), without a Date
// object or slicing the text. A loan's replay converts dates millions of times at province scale.
const DIGIT_0 = 48;

/** Days since 1970-01-01. */
export function toDayNumber(date: BusinessDate): number {
  if (date.length !== 10) return Number.NaN;
  // No helper closure: tsx names every closure it creates, a cost on each call.
  const y =
    (date.charCodeAt(0) - DIGIT_0) * 1000 +
    (date.charCodeAt(1) - DIGIT_0) * 100 +
    (date.charCodeAt(2) - DIGIT_0) * 10 +
    (date.charCodeAt(3) - DIGIT_0);
  const m = (date.charCodeAt(5) - DIGIT_0) * 10 + (date.charCodeAt(6) - DIGIT_0);
  const d = (date.charCodeAt(8) - DIGIT_0) * 10 + (date.charCodeAt(9) - DIGIT_0);
  if (!(y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return Number.NaN;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yearOfEra = yy - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function fromDayNumber(n: number): BusinessDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return makeDate(yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to`, counting the first day and not the last (Circular 14/2017). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Adds calendar months; a day past the end of the target month is clamped (31/01 + 1 → 28/02). */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return makeDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** `14/12/2025` for Vietnamese, `14/12/2025` for English too (the commune's convention). */
export function formatDate(date: BusinessDate): string {
  const { year, month, day } = parts(date);
  return `${pad(day, 2)}/${pad(month, 2)}/${year}`;
}

export function minDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a < b ? a : b;
}

export function maxDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a > b ? a : b;
}

/** The last day of the month of `date`. */
export function endOfMonth(date: BusinessDate): BusinessDate {
  const { year, month } = parts(date);
  return makeDate(year, month, daysInMonth(year, month));
}
