/**
 * Interest, exactly: rates parsed without floats, day counts, and the additivity of accruals.
 *
 * The property that holds (docs/design/loans.md §Rounding): accruals are exact fractions over one
 * denominator per day count, so accrual over [a, c] equals accrual over [a, b] plus [b, c]
 * exactly, for any a ≤ b ≤ c and any balances, rates and breaks in between. Rounded amounts can
 * differ by one đồng (round(x + y) − round(x) − round(y) ∈ {−1, 0, 1}), which is why the engine
 * rounds once per interest period, and overdue interest only on its running total: splitting a
 * period at any date (a report, a month-end run) never changes what is owed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, daysBetween, fromDayNumber, toDayNumber } from '../../src/domain/dates.ts';
import {
  accrualDen,
  accrualNum,
  dayCountDays,
  roundHalfUp,
  simpleInterest,
} from '../../src/domain/loans/interest.ts';
import {
  formatPercent,
  parsePercentPpm,
  programmeTimeline,
  type RateRow,
  rateAt,
} from '../../src/domain/loans/rates.ts';
import { LoanMachine } from '../../src/domain/loans/state.ts';
import { contract, rate } from './contracts.ts';

const RUNS = Number(process.env['SOQUY_PROPERTY_RUNS'] ?? 100);

const dayArb = fc
  .integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2035-12-31') })
  .map(fromDayNumber);
const threeDays = fc.tuple(dayArb, dayArb, dayArb).map((d) => [...d].sort() as [string, string, string]);

describe('rates are exact', () => {
  test('percentages parse to whole parts per million, never floats', () => {
    const ppm = (x: unknown) => {
      const r = parsePercentPpm('rate', x, 1_000_000);
      return r.ok ? r.value : r.refusals[0]!.code;
    };
    assert.equal(ppm('6,6'), 66_000); // 6.6 %/yr
    assert.equal(ppm('0.55'), 5_500); // 0.55 %/month
    assert.equal(ppm('7,92 %'), 79_200);
    assert.equal(ppm(6.6), 66_000); // read through its shortest decimal form "6.6"
    assert.equal(ppm('0.0001'), 1);
    assert.equal(ppm('6.60001'), 'rate_invalid'); // not a whole ppm
    assert.equal(ppm('-1'), 'rate_invalid');
    assert.equal(ppm('sáu'), 'rate_invalid');
    assert.equal(ppm('101'), 'rate_out_of_range');
    assert.equal(formatPercent(79_200, 'vi'), '7,92 %');
    assert.equal(formatPercent(82_500, 'en'), '8.25 %');
  });

  const rows: RateRow[] = [
    {
      programme: 'poor',
      from: '2023-01-01',
      quotedPpm: 5_500,
      quoting: 'month',
      base: null,
      documentNo: null,
      note: '',
    },
    {
      programme: 'poor',
      from: '2026-01-01',
      quotedPpm: 5_000,
      quoting: 'month',
      base: null,
      documentNo: null,
      note: '',
    },
    {
      programme: 'escaped',
      from: '2024-01-01',
      quotedPpm: null,
      quoting: 'year',
      base: { programme: 'poor', multiplierPpm: 1_250_000 },
      documentNo: null,
      note: '',
    },
  ];

  test('a rate change applies from its date; a relative rate follows its base', () => {
    const poor = programmeTimeline('poor', rows);
    assert.equal(rateAt(poor, '2022-12-31'), undefined);
    assert.equal(rateAt(poor, '2025-12-31'), rate(66_000)); // 0.55 %/month × 12
    assert.equal(rateAt(poor, '2026-01-01'), rate(60_000));
    const escaped = programmeTimeline('escaped', rows);
    assert.equal(rateAt(escaped, '2023-06-01'), undefined); // its own table starts in 2024
    assert.equal(rateAt(escaped, '2024-06-01'), rate(82_500)); // 125 % × 6.6 % = 8.25 %
    assert.equal(rateAt(escaped, '2026-06-01'), rate(75_000)); // 125 % × 6.0 %
  });
});

describe('day counts', () => {
  test('act/365 counts the first day and not the last; 30E/360 counts every month as 30 days', () => {
    assert.equal(dayCountDays('act/365', '2025-02-10', '2025-03-10'), 28);
    assert.equal(dayCountDays('30e/360', '2025-02-10', '2025-03-10'), 30);
    assert.equal(dayCountDays('30e/360', '2025-01-31', '2025-02-28'), 28); // the 31st counts as the 30th
    assert.equal(dayCountDays('30e/360', '2025-01-05', '2025-04-05'), 90);
  });

  test('50,000,000 × 6.6 % × 31 / 365 = 280,273.97 → 280,274 (one period, rounded half up)', () => {
    assert.equal(simpleInterest('act/365', 50_000_000, rate(66_000), '2025-01-10', '2025-02-10'), 280_274);
  });

  test('days(a, c) = days(a, b) + days(b, c) under both conventions', () => {
    fc.assert(
      fc.property(threeDays, ([a, b, c]) => {
        for (const dc of ['act/365', '30e/360'] as const)
          assert.equal(dayCountDays(dc, a, c), dayCountDays(dc, a, b) + dayCountDays(dc, b, c));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('accrual over [a, c] = accrual over [a, b] + [b, c]', () => {
  const money = fc.integer({ min: 0, max: 10 ** 13 });
  const ppm = fc.integer({ min: 0, max: 1_000_000 });
  const mult = fc.constantFrom(1_000_000, 1_300_000, 1_250_000);

  test('exactly, on the unrounded fractions', () => {
    fc.assert(
      fc.property(threeDays, money, ppm, mult, ([a, b, c], balance, p, m) => {
        for (const dc of ['act/365', '30e/360'] as const) {
          const at = (x: string, y: string) => accrualNum(balance, rate(p), m, dayCountDays(dc, x, y));
          assert.equal(at(a, c), at(a, b) + at(b, c));
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('rounded pieces differ from the rounded whole by at most one đồng', () => {
    fc.assert(
      fc.property(threeDays, money, ppm, ([a, b, c], balance, p) => {
        const den = accrualDen('act/365');
        const at = (x: string, y: string) => accrualNum(balance, rate(p), 1_000_000, daysBetween(x, y));
        const diff = roundHalfUp(at(a, c), den) - roundHalfUp(at(a, b), den) - roundHalfUp(at(b, c), den);
        assert.ok(diff >= -1 && diff <= 1, `difference ${diff}`);
      }),
      { numRuns: RUNS },
    );
  });

  test('in a loan with breaks (payments, overdue, a rate change), stopping at b changes nothing', () => {
    // The same loan read at c directly, and read at b first (a report, a month-end run) then at c:
    // the exact accruals and every rounded figure agree, because rounding happens only when an
    // amount becomes owed, never at a reading.
    const c = contract(
      { termMonths: 12, principalEveryMonths: 1 },
      {
        rates: [
          { from: '2020-01-01', rate12: rate(66_000) },
          { from: '2025-06-01', rate12: rate(60_000) },
        ],
      },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        (db, dc, pays) => {
          const start = '2025-01-10';
          const b = addDays('2025-02-10', db);
          const end = addDays(b, dc);
          const feed = (m: LoanMachine) => {
            m.apply({ kind: 'disburse', date: start, amount: 12_000_000 });
            if (pays)
              m.apply({
                kind: 'repay',
                date: '2025-02-10',
                principal: 1_000_000,
                interest: 67_266,
                overdueInterest: 0,
              });
          };
          const once = new LoanMachine(c);
          feed(once);
          const direct = once.viewAt(end);
          const twice = new LoanMachine(c);
          feed(twice);
          const mid = twice.viewAt(b);
          const later = twice.viewAt(end);
          assert.equal(later.exact.normal, direct.exact.normal);
          assert.equal(later.exact.overdue, direct.exact.overdue);
          assert.deepEqual(later.dues, direct.dues);
          assert.deepEqual(later.interest, direct.interest);
          assert.equal(
            later.overdueInterest.charged,
            roundHalfUp(BigInt(later.exact.overdue), BigInt(later.exact.den)),
          );
          assert.ok(BigInt(mid.exact.normal) <= BigInt(later.exact.normal));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
