/**
 * Schedules: worked examples a treasurer can redo by hand, and properties of every schedule.
 * Convention (docs/design/loans.md §Rounding): Circular 14/2017 daily interest, balance × annual
 * rate × days / 365, first day counted and last not, rounded half up once per period; equal
 * principal parts rounded down with the remainder in the last part.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addMonths } from '../../src/domain/dates.ts';
import { projectSchedule } from '../../src/domain/loans/projection.ts';
import {
  annuityInstalment,
  buildSchedule,
  checkScheduleTerms,
  equalParts,
} from '../../src/domain/loans/schedule.ts';
import { contract, FSF_RATE, NEAR_POOR_RATE, rate, terms } from './contracts.ts';

const RUNS = Number(process.env['SOQUY_PROPERTY_RUNS'] ?? 100);

describe('worked example A: 50,000,000 đ poor-household loan, 36 months, principal every 6 months', () => {
  // 50,000,000 đ lent 10/01/2025 at 6.6 %/yr; interest due on the 10th of each month; principal in
  // 6 equal parts every 6 months: 50,000,000 / 6 = 8,333,333.33 → 5 × 8,333,333 and the last
  // 50,000,000 − 5 × 8,333,333 = 8,333,335.
  const p = projectSchedule(contract(), [{ date: '2025-01-10', amount: 50_000_000 }]);
  const row = (n: number) => p.rows[n - 1]!;

  test('period interest: balance × 6.6 % × days / 365, rounded half up once per period', () => {
    // 1: 50,000,000 × 0.066 × 31 / 365 = 280,273.97 → 280,274
    assert.deepEqual(
      [row(1).date, row(1).days, row(1).balance, row(1).interest],
      ['2025-02-10', 31, 50_000_000, 280_274],
    );
    // 2: 50,000,000 × 0.066 × 28 / 365 = 253,150.68 → 253,151 (February)
    assert.deepEqual([row(2).days, row(2).interest], [28, 253_151]);
    // 3: 31 days → 280,274; 4: 30 days: 50,000,000 × 0.066 × 30 / 365 = 271,232.88 → 271,233
    assert.deepEqual([row(3).interest, row(4).interest, row(5).interest], [280_274, 271_233, 280_274]);
    // 6 (10/07/2025): 30 days → 271,233, and the first principal part 8,333,333 falls due.
    assert.deepEqual(
      [row(6).date, row(6).interest, row(6).principal, row(6).balanceAfter],
      ['2025-07-10', 271_233, 8_333_333, 41_666_667],
    );
    // 7: 41,666,667 × 0.066 × 31 / 365 = 233,561.64 → 233,562
    assert.deepEqual([row(7).balance, row(7).interest, row(7).principal], [41_666_667, 233_562, 0]);
  });

  test('the last period and the totals: interest 5,768,218 đ, principal exactly 50,000,000 đ', () => {
    // 36 (10/01/2028): 8,333,335 × 0.066 × 31 / 365 = 46,712.35 → 46,712, with the last part 8,333,335.
    assert.deepEqual(
      [
        row(36).date,
        row(36).days,
        row(36).balance,
        row(36).interest,
        row(36).principal,
        row(36).balanceAfter,
      ],
      ['2028-01-10', 31, 8_333_335, 46_712, 8_333_335, 0],
    );
    assert.equal(p.rows.length, 36);
    assert.equal(p.totalInterest, 5_768_218);
    assert.equal(p.totalPrincipal, 50_000_000);
    assert.deepEqual(
      p.rows.filter((r) => r.principal > 0).map((r) => r.principal),
      [8_333_333, 8_333_333, 8_333_333, 8_333_333, 8_333_333, 8_333_335],
    );
  });
});

describe('annuity: 12,000,000 đ near-poor loan at 7.92 %/yr, 12 equal monthly instalments', () => {
  // r = 7.92 % / 12 = 0.66 % a month; A = P·r·(1+r)^12 / ((1+r)^12 − 1)
  //   = 12,000,000 × 0.0066 × 1.0066^12 / (1.0066^12 − 1) = 1,043,417.33 → 1,043,417 (half up).
  // Each month: interest = balance × 7.92 % × days / 365, half up; principal = 1,043,417 − interest;
  // the last instalment takes the principal left.
  const c = contract(
    { method: 'annuity', termMonths: 12, principalEveryMonths: 1 },
    { rates: NEAR_POOR_RATE },
  );
  const p = projectSchedule(c, [{ date: '2025-03-15', amount: 12_000_000 }]);

  test('the instalment is computed exactly and rounded half up', () => {
    assert.equal(annuityInstalment(12_000_000, rate(79_200), 1, 12), 1_043_417);
  });

  test('every instalment but the last is 1,043,417 đ; the figures month by month', () => {
    // 1 (15/04/2025, 31 days): 12,000,000 × 0.0792 = 950,400; × 31 = 29,462,400; / 365 = 80,718.90
    // → 80,719. Principal 1,043,417 − 80,719 = 962,698.
    assert.deepEqual(
      [p.rows[0]!.interest, p.rows[0]!.principal, p.rows[0]!.total],
      [80_719, 962_698, 1_043_417],
    );
    // 2 (30 days): 11,037,302 × 0.0792 × 30 / 365 = 71,848.27 → 71,848; principal 971,569.
    assert.deepEqual(
      [p.rows[1]!.balance, p.rows[1]!.interest, p.rows[1]!.principal],
      [11_037_302, 71_848, 971_569],
    );
    for (const r of p.rows.slice(0, 11)) assert.equal(r.total, 1_043_417);
    // 12 (15/03/2026, 28 days): 1,039,994 × 0.0792 × 28 / 365 = 6,318.52 → 6,319; total 1,046,313.
    assert.deepEqual(
      [p.rows[11]!.balance, p.rows[11]!.interest, p.rows[11]!.principal, p.rows[11]!.total],
      [1_039_994, 6_319, 1_039_994, 1_046_313],
    );
    assert.equal(p.totalInterest, 523_900);
    assert.equal(p.totalPrincipal, 12_000_000);
  });
});

describe('Farmers Support Fund: bullet loan, fee 0.7 %/month collected quarterly (30E/360)', () => {
  const c = contract(
    { method: 'bullet', termMonths: 36, interestEveryMonths: 3 },
    { rates: FSF_RATE, dayCount: '30e/360' },
  );

  test('each quarter: 45,000,000 × 0.7 % × 3 = 945,000 đ; the whole amount at maturity', () => {
    const p = projectSchedule(c, [{ date: '2025-01-05', amount: 45_000_000 }]);
    assert.equal(p.rows.length, 12);
    assert.ok(p.rows.every((r) => r.interest === 945_000));
    assert.deepEqual([p.rows[11]!.date, p.rows[11]!.principal], ['2028-01-05', 45_000_000]);
    assert.equal(p.totalInterest, 11_340_000);
  });

  test('the H1 2022 cut to 0.63 %/month applies from 01/01/2022, inside a quarter', () => {
    // Lent 15/11/2021; first quarter to 15/02/2022 is 90 days (30E/360): 46 at 8.4 %/yr
    // (15/11 → 01/01) and 44 at 7.56 %/yr (01/01 → 15/02):
    // 45,000,000 × (0.084 × 46 + 0.0756 × 44) / 360 = 45,000,000 × 7.1904 / 360 = 898,800.
    const p = projectSchedule(c, [{ date: '2021-11-15', amount: 45_000_000 }]);
    assert.equal(p.rows[0]!.interest, 898_800);
    // Second quarter 15/02 → 15/05/2022 all at 0.63 %: 45,000,000 × 0.0063 × 3 = 850,500.
    assert.equal(p.rows[1]!.interest, 850_500);
    // Third 15/05 → 15/08: 46 days at 7.56 % and 44 at 8.4 %: 45,000,000 × (3.4776 + 3.696) / 360 = 896,700.
    assert.equal(p.rows[2]!.interest, 896_700);
  });
});

describe('other schedules', () => {
  test('equal principal monthly after 6 months of grace: 18 parts of 1,333,333 and 1,333,339', () => {
    const s = buildSchedule(
      terms({ termMonths: 24, principalEveryMonths: 1, gracePrincipalMonths: 6 }),
      24_000_000,
      '2025-01-10',
      'act/365',
      rate(66_000),
    );
    assert.equal(s.instalments.length, 18);
    assert.equal(s.instalments[0]!.due, '2025-08-10');
    assert.deepEqual([s.instalments[0]!.principal, s.instalments[17]!.principal], [1_333_333, 1_333_339]);
    assert.equal(s.interestDates.length, 24);
  });

  test('interest grace: no interest falls due in the first 3 months; the 4th month collects it', () => {
    const c = contract({ termMonths: 12, principalEveryMonths: 12, graceInterestMonths: 3 });
    const p = projectSchedule(c, [{ date: '2025-01-10', amount: 10_000_000 }]);
    // 10/01 → 10/05/2025 is 120 days: 10,000,000 × 0.066 × 120 / 365 = 216,986.30 → 216,986.
    assert.deepEqual([p.rows[0]!.date, p.rows[0]!.days, p.rows[0]!.interest], ['2025-05-10', 120, 216_986]);
  });

  test('a custom schedule keeps its dates; if less is lent, the last parts shrink', () => {
    const custom = [
      { due: '2025-06-30', principal: 4_000_000 },
      { due: '2025-12-31', principal: 6_000_000 },
    ];
    const s = buildSchedule(
      terms({ method: 'custom', termMonths: 12, custom }),
      7_000_000,
      '2025-01-02',
      'act/365',
      rate(66_000),
    );
    assert.deepEqual(s.instalments, [
      { due: '2025-06-30', principal: 4_000_000 },
      { due: '2025-12-31', principal: 3_000_000 },
    ]);
  });

  test('terms that cannot make a schedule are refused with their own codes', () => {
    assert.deepEqual(
      checkScheduleTerms(terms({ termMonths: 36, principalEveryMonths: 7 })).map((r) => r.code),
      ['term_not_multiple'],
    );
    assert.deepEqual(
      checkScheduleTerms(terms({ method: 'annuity', principalEveryMonths: 3, interestEveryMonths: 1 })).map(
        (r) => r.code,
      ),
      ['annuity_periods_differ'],
    );
    assert.deepEqual(
      checkScheduleTerms(terms({ termMonths: 0 })).map((r) => r.code),
      ['months_out_of_range'],
    );
    assert.deepEqual(
      checkScheduleTerms(terms({ gracePrincipalMonths: 36 })).map((r) => r.code),
      ['grace_too_long'],
    );
  });
});

describe('schedule properties', () => {
  const termsArb = fc
    .record({
      method: fc.constantFrom('equal_principal', 'annuity', 'bullet') as fc.Arbitrary<
        'equal_principal' | 'annuity' | 'bullet'
      >,
      every: fc.constantFrom(1, 2, 3, 6, 12),
      periods: fc.integer({ min: 1, max: 40 }),
      grace: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ method, every, periods, grace }) =>
      terms({
        method,
        termMonths: grace * every + periods * every,
        principalEveryMonths: every,
        interestEveryMonths: method === 'annuity' ? every : 1,
        gracePrincipalMonths: grace * every,
      }),
    );

  test('principal parts sum exactly to the amount lent, none negative, dates ascending', () => {
    fc.assert(
      fc.property(
        termsArb,
        fc.integer({ min: 1, max: 5_000_000_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (t, amount, ppm) => {
          const s = buildSchedule(t, amount, '2025-01-31', 'act/365', rate(ppm));
          assert.equal(
            s.instalments.reduce((x, i) => x + i.principal, 0),
            amount,
          );
          assert.ok(s.instalments.every((i) => i.principal >= 0 && Number.isSafeInteger(i.principal)));
          for (let k = 1; k < s.instalments.length; k++)
            assert.ok(s.instalments[k - 1]!.due < s.instalments[k]!.due);
          assert.equal(s.maturity, addMonths('2025-01-31', t.termMonths));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('equal parts: all equal but the last, which carries a remainder smaller than the number of parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 13 }), fc.integer({ min: 1, max: 360 }), (amount, n) => {
        const parts = equalParts(amount, n);
        const part = Math.floor(amount / n);
        assert.ok(parts.slice(0, -1).every((p) => p === part));
        assert.ok(parts[n - 1]! - part >= 0 && parts[n - 1]! - part < n);
      }),
      { numRuns: RUNS },
    );
  });

  test('an on-time projection pays exactly the principal lent and ends at zero', () => {
    fc.assert(
      fc.property(termsArb, fc.integer({ min: 1_000_000, max: 500_000_000 }), (t, amount) => {
        const p = projectSchedule(contract(t), [{ date: '2025-01-10', amount }]);
        assert.equal(p.totalPrincipal, amount);
        assert.equal(p.rows[p.rows.length - 1]!.balanceAfter, 0);
      }),
      { numRuns: Math.min(RUNS, 40) },
    );
  });
});
