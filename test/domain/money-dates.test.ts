/** Parsing and formatting of money and dates as treasurers type and read them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  DATE_YEAR_MAX,
  DATE_YEAR_MIN,
  daysBetween,
  daysInMonth,
  formatDate,
  fromDayNumber,
  parseBusinessDate,
  toDayNumber,
} from '../../src/domain/dates.ts';
import { AMOUNT_DONG_MAX, formatDong, parseDong } from '../../src/domain/money.ts';

test('amounts typed with dots, commas or spaces as thousands separators are whole đồng', () => {
  const ok = (s: string) => {
    const r = parseDong('amount', s);
    assert.ok(r.ok, s);
    return r.value;
  };
  assert.equal(ok('1.050.000.000'), 1_050_000_000);
  assert.equal(ok('1,050,000'), 1_050_000);
  assert.equal(ok('1 200 000'), 1_200_000);
  assert.equal(ok('313000000'), 313_000_000);
  assert.equal(ok('5.000 đ'), 5_000);
  assert.equal(ok('18.000.000 ₫'), 18_000_000);
  assert.equal(ok('-250.000'), -250_000);
  assert.equal(ok('0'), 0);
});

test('decimals, mixed separators, text and huge values are refused', () => {
  for (const s of [
    '1,5',
    '1.5',
    '1.050,50',
    '1.05.000',
    '12.34.567',
    'một triệu',
    '',
    '1e6',
    '10.000.000.000.000.000',
    '1.000,000',
  ])
    assert.equal(parseDong('amount', s).ok, false, s);
  assert.equal(parseDong('amount', 1.5).ok, false);
  assert.equal(parseDong('amount', AMOUNT_DONG_MAX + 1).ok, false);
});

test('formatting: 1.050.000.000 ₫ in Vietnamese, 1,050,000,000 ₫ in English', () => {
  assert.equal(formatDong(1_050_000_000), '1.050.000.000 ₫');
  assert.equal(formatDong(1_050_000_000, 'en'), '1,050,000,000 ₫');
  assert.equal(formatDong(-5_000), '-5.000 ₫');
  assert.equal(formatDong(999), '999 ₫');
});

test('formatting then parsing gives back every amount', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -AMOUNT_DONG_MAX, max: AMOUNT_DONG_MAX }),
      fc.constantFrom('vi' as const, 'en' as const),
      (n, lang) => {
        const r = parseDong('x', formatDong(n, lang));
        assert.ok(r.ok);
        assert.equal(r.value, n);
      },
    ),
  );
});

test('dates as dd/mm/yyyy or yyyy-mm-dd; impossible dates refused', () => {
  assert.deepEqual(parseBusinessDate('d', '14/12/2025'), { ok: true, value: '2025-12-14' });
  assert.deepEqual(parseBusinessDate('d', '1/2/2025'), { ok: true, value: '2025-02-01' });
  assert.deepEqual(parseBusinessDate('d', '2024-02-29'), { ok: true, value: '2024-02-29' });
  for (const s of ['29/02/2025', '2025-13-01', '31/04/2025', '14-12-2025', '2025/12/14', '1899-12-31', ''])
    assert.equal(parseBusinessDate('d', s).ok, false, s);
  assert.equal(formatDate('2025-12-14'), '14/12/2025');
});

test('day counting: first day counted, last not (Circular 14/2017)', () => {
  // 10/01/2025 → 10/02/2025: 31 days; 10/02 → 10/03: 28 days (2025 is not a leap year).
  assert.equal(daysBetween('2025-01-10', '2025-02-10'), 31);
  assert.equal(daysBetween('2025-02-10', '2025-03-10'), 28);
  assert.equal(daysBetween('2024-02-10', '2024-03-10'), 29);
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
  assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
  assert.equal(addMonths('2025-01-10', 36), '2028-01-10');
  assert.equal(addMonths('2025-03-31', -1), '2025-02-28');
});

test('day numbers agree with Date.UTC on every day of the accepted years (1900–2199)', () => {
  // The calendar arithmetic in dates.ts against JavaScript's own, each day both ways: 300 years of
  // 365 days and 73 leap days (1904 to 2196 every fourth year, 74, less 2100; 2000 is one) make
  // 109,573 days. Then the length of every month.
  const MS_PER_DAY = 86_400_000;
  const first = Date.UTC(DATE_YEAR_MIN, 0, 1) / MS_PER_DAY;
  const last = Date.UTC(DATE_YEAR_MAX, 11, 31) / MS_PER_DAY;
  let days = 0;
  for (let n = first; n <= last; n++, days++) {
    const text = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    if (fromDayNumber(n) !== text) assert.fail(`fromDayNumber(${n}) = ${fromDayNumber(n)}, not ${text}`);
    if (toDayNumber(text) !== n) assert.fail(`toDayNumber(${text}) = ${toDayNumber(text)}, not ${n}`);
  }
  assert.equal(days, 109_573);
  for (let y = DATE_YEAR_MIN; y <= DATE_YEAR_MAX; y++)
    for (let m = 1; m <= 12; m++) assert.equal(daysInMonth(y, m), new Date(Date.UTC(y, m, 0)).getUTCDate());
  assert.deepEqual(
    [1900, 2000, 2024, 2025, 2100].map((y) => daysInMonth(y, 2)),
    [28, 29, 29, 28, 28],
  );
  assert.equal(toDayNumber('1970-01-01'), 0);
  assert.equal(fromDayNumber(-1), '1969-12-31');
  assert.ok(Number.isNaN(toDayNumber('14/12/2025')));
});
