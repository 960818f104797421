/**
 * Commune transaction points (điểm giao dịch xã) open on a fixed day of each month. A day past
 * the end of a short month falls on its last day (the 31st → 30/04, 28/02).
 */
import { type BusinessDate, daysInMonth, makeDate, parts } from '../dates.ts';

export interface PointSchedule {
  readonly id: string;
  readonly dayOfMonth: number;
}

/** The point's day in the month of `date`. */
export function dayInMonth(dayOfMonth: number, year: number, month: number): BusinessDate {
  return makeDate(year, month, Math.min(dayOfMonth, daysInMonth(year, month)));
}

/** The next `count` transaction days of each point on or after `from`, in date order. */
export function upcomingDays(
  points: readonly PointSchedule[],
  from: BusinessDate,
  count: number,
): Array<{ point: string; date: BusinessDate }> {
  const out: Array<{ point: string; date: BusinessDate }> = [];
  const start = parts(from);
  for (const p of points) {
    let n = 0;
    for (let i = 0; n < count && i < count + 1; i++) {
      const index = start.year * 12 + (start.month - 1) + i;
      const date = dayInMonth(p.dayOfMonth, Math.floor(index / 12), (index % 12) + 1);
      if (date < from) continue;
      out.push({ point: p.id, date });
      n++;
    }
  }
  return out.sort((a, b) => (a.date === b.date ? (a.point < b.point ? -1 : 1) : a.date < b.date ? -1 : 1));
}

/** `YYYY-MM` of a date. */
export function monthOf(date: BusinessDate): string {
  return date.slice(0, 7);
}

/** True for `YYYY-MM` with a real month. */
export function isMonth(x: unknown): x is string {
  return typeof x === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(x);
}
