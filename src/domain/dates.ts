/**
 * Business dates (ARCHITECTURE §1.8): `YYYY-MM-DD` strings in the commune's calendar, with no
 * time and no zone. Arithmetic goes through a day number (days since 1970-01-01) computed
 * with Date.UTC, which is exact for whole days.
 */
import { ok, type Result, refuse } from './refusal.ts';

export type BusinessDate = string;

/** The range of dates soquy accepts: wide enough for any history, narrow enough to catch typos. */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2199;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VI = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const MS_PER_DAY = 86_400_000;

function valid(y: number, m: number, d: number): boolean {
  if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(year: number, month: number): number {
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

/** Days since 1970-01-01. */
export function toDayNumber(date: BusinessDate): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(n: number): BusinessDate {
  const d = new Date(n * MS_PER_DAY);
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
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
