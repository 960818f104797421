/**
 * Fee and commission arithmetic (must show 2, the pure part), the calendar of transaction days and
 * the reconciliation's invariants, without a database.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { upcomingDays } from '../../src/domain/vbsp/calendar.ts';
import { feesOf, percentToPpm, ppmOf, ppmToPercent, rateOn } from '../../src/domain/vbsp/fees.ts';
import { reconcile, type SoquyLoanFigures } from '../../src/domain/vbsp/reconcile.ts';
import type { StatementRow } from '../../src/domain/vbsp/statement.ts';

test('percentages are read exactly into ppm, never rounded', () => {
  assert.equal(percentToPpm('0,08'), 800); // 0.08 % = 0.0008 = 800 ppm
  assert.equal(percentToPpm('12,5'), 125_000);
  assert.equal(percentToPpm('6.5 %'), 65_000);
  assert.equal(percentToPpm('0,0835'), 835);
  assert.equal(percentToPpm('100'), 1_000_000);
  assert.equal(percentToPpm(7), 70_000);
  for (const bad of ['0,00001', '101', '-1', 'một', '', '1,2,3', null])
    assert.equal(percentToPpm(bad), null, String(bad));
  assert.equal(ppmToPercent(835), '0,0835');
  assert.equal(ppmToPercent(125_000, 'en'), '12.5');
});

test('worked examples: fee and commission of one group’s month, rounded half up once each', () => {
  const rate = { from: '2025-01-01', feePpm: 65_000, commissionPpm: 125_000 };
  // base 560,548: fee 560,548 × 0.065 = 36,435.62 → 36,436; commission × 0.125 = 70,068.5 → 70,069
  assert.deepEqual(feesOf(560_548, rate), {
    base: 560_548,
    feePpm: 65_000,
    commissionPpm: 125_000,
    fee: 36_436,
    commission: 70_069,
  });
  // base 224,219: fee 14,574.235 → 14,574; commission 28,027.375 → 28,027
  assert.deepEqual([feesOf(224_219, rate).fee, feesOf(224_219, rate).commission], [14_574, 28_027]);
  // A small group: base 56,055 at 0.0835 %: 56,055 × 0.000835 = 46.805925 → 47
  assert.equal(ppmOf(56_055, 835), 47);
  // Exactly half rounds up: 3 × 50 % = 1.5 → 2; 1 × 50 % = 0.5 → 1; 1 × 49.9999 % → 0
  assert.equal(ppmOf(3, 500_000), 2);
  assert.equal(ppmOf(1, 500_000), 1);
  assert.equal(ppmOf(1, 499_999), 0);
  // Large: 10^13 × 100 % stays exact (BigInt inside).
  assert.equal(ppmOf(10_000_000_000_000, 1_000_000), 10_000_000_000_000);
});

test('the rate in force is the latest dated on or before the day', () => {
  const rates = [
    { from: '2025-03-01', feePpm: 70_000, commissionPpm: 835 },
    { from: '2025-01-01', feePpm: 65_000, commissionPpm: 125_000 },
  ];
  assert.equal(rateOn(rates, '2024-12-31'), undefined);
  assert.equal(rateOn(rates, '2025-02-28')?.feePpm, 65_000);
  assert.equal(rateOn(rates, '2025-03-01')?.feePpm, 70_000);
});

test('property: ppmOf is round-half-up of the exact product, within half a đồng', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000_000_000_000 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      (base, ppm) => {
        const got = BigInt(ppmOf(base, ppm));
        const exact2 = BigInt(base) * BigInt(ppm) * 2n; // twice the exact value, in millionths
        // |got − exact| ≤ ½ and ties go up: 2·got·10⁶ − 2·exact ∈ (−10⁶, 10⁶]
        const diff = got * 2_000_000n - exact2;
        return diff > -1_000_000n && diff <= 1_000_000n;
      },
    ),
  );
});

test('transaction days: the 31st falls on the last day of short months', () => {
  assert.deepEqual(
    upcomingDays([{ id: 'p', dayOfMonth: 31 }], '2025-01-31', 4).map((d) => d.date),
    ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30'],
  );
  assert.deepEqual(
    upcomingDays([{ id: 'p', dayOfMonth: 15 }], '2025-01-16', 2).map((d) => d.date),
    ['2025-02-15', '2025-03-15'],
  );
});

const arbFigures = fc.record({
  outstanding: fc.integer({ min: 0, max: 100_000_000 }),
  overdue: fc.integer({ min: 0, max: 5 }),
  frozen: fc.integer({ min: 0, max: 5 }),
  interestDue: fc.integer({ min: 0, max: 3 }),
});

test('property: a statement equal to soquy has no difference; each change shows exactly once', () => {
  fc.assert(
    fc.property(fc.array(arbFigures, { minLength: 1, maxLength: 30 }), fc.nat(), (figs, pick) => {
      const soquy: SoquyLoanFigures[] = figs.map((f, i) => ({
        loan: `L-${i}`,
        agreementNo: `KU-${String(i).padStart(4, '0')}`,
        household: `HH-${i}`,
        group: null,
        programme: 'vbsp-poor',
        ...f,
      }));
      const bank: StatementRow[] = soquy.map((s, i) => ({
        row: i + 2,
        agreementNo: s.agreementNo,
        borrower: '',
        programme: '',
        outstanding: s.outstanding,
        overdue: s.overdue,
        frozen: s.frozen,
        interestDue: s.interestDue,
      }));
      assert.deepEqual(reconcile(bank, soquy).differences, []);
      const i = pick % bank.length;
      const changed = bank.map((b, j) => (j === i ? { ...b, outstanding: b.outstanding + 1 } : b));
      const d = reconcile(changed, soquy).differences;
      assert.deepEqual(
        d.map((x) => [x.agreementNo, x.kind, x.bank, x.soquy]),
        [[soquy[i]!.agreementNo, 'outstanding', soquy[i]!.outstanding + 1, soquy[i]!.outstanding]],
      );
      const dropped = reconcile(
        bank.filter((_, j) => j !== i),
        soquy,
      ).differences;
      assert.deepEqual(
        dropped.map((x) => x.kind),
        ['missing_in_statement'],
      );
      return true;
    }),
  );
});
