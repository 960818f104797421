/**
 * The life of a loan, replayed: worked examples with the arithmetic written out (a missed
 * instalment paid late with overdue interest, a prepayment, an extension, a freeze after a shock,
 * a write-off), and properties of every replay.
 *
 * Convention: VBSP overdue interest is 130 % of the loan's rate (6.6 % → 8.58 %/yr), charged on
 * overdue principal instead of the normal rate, from the day after the missed due date; only the
 * missed instalment is overdue (Decision 976/QĐ-TTg).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { LOAN_CHARTS } from '../../src/domain/loans/accounting.ts';
import {
  ALLOCATION_CATEGORIES,
  allocate,
  checkAllocationOrder,
  DEFAULT_ALLOCATION_ORDER,
} from '../../src/domain/loans/allocation.ts';
import { loanFacts } from '../../src/domain/loans/facts.ts';
import {
  deriveView,
  deriveViews,
  type LoanFact,
  LoanMachine,
  PRINCIPAL_CLASSES,
} from '../../src/domain/loans/state.ts';
import { contract, FSF_RATE } from './contracts.ts';
import { type SimOp, simulate } from './simulate.ts';

const RUNS = Number(process.env['SOQUY_PROPERTY_RUNS'] ?? 100);

describe('one missed instalment, then a late payment with overdue interest', () => {
  // 12,000,000 đ poor-household loan at 6.6 %/yr, lent 10/01/2025, 12 monthly instalments of
  // 1,000,000 đ principal plus interest, due on the 10th.
  const c = contract({ termMonths: 12, principalEveryMonths: 1 });
  const m = new LoanMachine(c);
  m.apply({ kind: 'disburse', date: '2025-01-10', amount: 12_000_000 });

  test('the first instalment is paid on time: 1,000,000 + 67,266 interest', () => {
    // 12,000,000 × 0.066 × 31 / 365 = 67,265.75 → 67,266.
    const p = m.positionAt('2025-02-10');
    assert.deepEqual(
      [p.dues.interest_due, p.dues.principal_due, p.dues.overdue_principal],
      [67_266, 1_000_000, 0],
    );
    const a = allocate(p.dues, DEFAULT_ALLOCATION_ORDER, 1_067_266);
    assert.deepEqual([a.interest, a.principal, a.overdueInterest], [67_266, 1_000_000, 0]);
    m.apply({
      kind: 'repay',
      date: '2025-02-10',
      principal: a.principal,
      interest: a.interest,
      overdueInterest: 0,
    });
  });

  test('the second (10/03) is missed: on 20/03 only that instalment is overdue, 10 days', () => {
    // Interest of 10/02 → 10/03 (28 days) on 11,000,000: 11,000,000 × 0.066 × 28 / 365 = 55,693.15
    // → 55,693, due and unpaid. From 11/03 the 1,000,000 missed is overdue at 8.58 %/yr; the other
    // 10,000,000 stays current. To the end of 20/03 (10 days): 1,000,000 × 0.0858 × 10 / 365 =
    // 2,350.68 → 2,351.
    const v = m.viewAt('2025-03-20');
    assert.deepEqual(v.principal, { current: 10_000_000, overdue: 1_000_000, extended: 0, frozen: 0 });
    assert.equal(v.interest.due, 55_693);
    assert.equal(v.overdueInterest.unpaid, 2_351);
    assert.deepEqual([v.daysPastDue, v.bucket, v.oldestOverdueDue], [10, '1-30', '2025-03-10']);
    assert.deepEqual(
      v.instalments.slice(0, 3).map((i) => [i.due, i.cls, i.daysPastDue]),
      [
        ['2025-02-10', 'paid', 0],
        ['2025-03-10', 'overdue', 10],
        ['2025-04-10', 'current', 0],
      ],
    );
  });

  test('paid on 25/03: overdue interest, interest due, overdue principal, in that order', () => {
    // Overdue interest 11/03 → 25/03 (14 days): 1,000,000 × 0.0858 × 14 / 365 = 3,291.07 → 3,291.
    // Interest accruing since 10/03, not yet due: 11,000,000 × 0.066 × 1 / 365 (10/03, the due day
    // itself is not overdue) + 10,000,000 × 0.066 × 14 / 365 = 1,989.04 + 25,315.07 = 27,304.11
    // → 27,304.
    const p = m.positionAt('2025-03-25');
    assert.deepEqual(p.dues, {
      overdue_interest: 3_291,
      interest_due: 55_693,
      overdue_principal: 1_000_000,
      principal_due: 0,
      accrued_interest: 27_304,
      prepayment: 10_000_000,
    });
    // 3,291 + 55,693 + 1,000,000 = 1,058,984 clears the arrears exactly.
    const a = allocate(p.dues, DEFAULT_ALLOCATION_ORDER, 1_058_984);
    assert.deepEqual(a.parts, {
      overdue_interest: 3_291,
      interest_due: 55_693,
      overdue_principal: 1_000_000,
      principal_due: 0,
      accrued_interest: 0,
      prepayment: 0,
    });
    m.apply({
      kind: 'repay',
      date: '2025-03-25',
      principal: 1_000_000,
      interest: 55_693,
      overdueInterest: 3_291,
    });
    const after = m.viewAt('2025-03-25');
    assert.deepEqual([after.daysPastDue, after.principal.overdue, after.outstanding], [0, 0, 10_000_000]);
  });

  test('the next period’s interest counts the 1,000,000 only while it was current', () => {
    // 10/03 → 10/04: 11,000,000 × 1 day + 10,000,000 × 30 days at 6.6 %:
    // (11,000,000 × 1 + 10,000,000 × 30) × 0.066 / 365 = 56,235.62 → 56,236. The 14 overdue days
    // of the missed 1,000,000 were charged at 8.58 % as overdue interest, not twice.
    assert.equal(m.positionAt('2025-04-10').dues.interest_due, 56_236);
  });

  test('a prepayment pays the next instalments in advance; interest follows the lower balance', () => {
    // On 10/04: interest 56,236 + principal 1,000,000 due, plus 2,000,000 more → prepayment of the
    // instalments due 10/05 and 10/06. Outstanding 12,000,000 − 3 × 1,000,000 − 2,000,000 = 7,000,000.
    const p = m.positionAt('2025-04-10');
    const a = allocate(p.dues, DEFAULT_ALLOCATION_ORDER, 3_056_236);
    assert.deepEqual(
      [a.parts.interest_due, a.parts.principal_due, a.parts.prepayment],
      [56_236, 1_000_000, 2_000_000],
    );
    m.apply({
      kind: 'repay',
      date: '2025-04-10',
      principal: 3_000_000,
      interest: 56_236,
      overdueInterest: 0,
    });
    const may = m.positionAt('2025-05-10');
    // Nothing principal due on 10/05 (paid ahead); interest 7,000,000 × 0.066 × 30 / 365 = 37,972.60 → 37,973.
    assert.deepEqual(
      [may.dues.principal_due, may.dues.interest_due, may.outstanding],
      [0, 37_973, 7_000_000],
    );
    assert.equal(may.instalments.find((i) => i.due === '2025-06-10')!.cls, 'paid');
  });
});

describe('an extension after a missed instalment (gia hạn nợ)', () => {
  // Worked example A's loan: 50,000,000 đ, the first principal part 8,333,333 due 10/07/2025 is
  // not paid (the interest is). On 20/07 the committee extends it 6 months, to 10/01/2026.
  const c = contract();
  const m = new LoanMachine(c);
  m.apply({ kind: 'disburse', date: '2025-01-10', amount: 50_000_000 });
  for (const [d, i] of [
    ['2025-02-10', 280_274],
    ['2025-03-10', 253_151],
    ['2025-04-10', 280_274],
    ['2025-05-10', 271_233],
    ['2025-06-10', 280_274],
    ['2025-07-10', 271_233],
  ] as const)
    m.apply({ kind: 'repay', date: d, principal: 0, interest: i, overdueInterest: 0 });

  test('overdue for 9 days, then extended: the overdue interest stays owed, the principal is current again', () => {
    // 11/07 → 20/07 (9 days) at 8.58 %: 8,333,333 × 0.0858 × 9 / 365 = 17,630.14 → 17,630.
    const before = m.positionAt('2025-07-20');
    assert.deepEqual(
      [before.principal.overdue, before.dues.overdue_interest, before.daysPastDue],
      [8_333_333, 17_630, 10],
    );
    m.apply({ kind: 'extend', date: '2025-07-20', due: '2025-07-10', months: 6 });
    const after = m.viewAt('2025-07-20');
    assert.deepEqual(after.principal, { current: 41_666_667, overdue: 0, extended: 8_333_333, frozen: 0 });
    assert.deepEqual([after.daysPastDue, after.overdueInterest.unpaid], [0, 17_630]);
    // Both the extended part and the second part now fall due on 10/01/2026.
    assert.deepEqual(
      after.instalments.slice(0, 2).map((i) => [i.due, i.principal, i.cls]),
      [
        ['2026-01-10', 8_333_333, 'extended'],
        ['2026-01-10', 8_333_333, 'current'],
      ],
    );
  });

  test('interest for 10/07 → 10/08 is normal on the whole 50,000,000 except the 9 overdue days', () => {
    // 50,000,000 × 1 day (10/07) + 41,666,667 × 9 days + 50,000,000 × 21 days (20/07 → 10/08), at 6.6 %:
    // (50,000,000 + 375,000,003 + 1,050,000,000) × 0.066 / 365 = 266,712.33 → 266,712.
    assert.equal(m.positionAt('2025-08-10').dues.interest_due, 266_712);
  });
});

describe('a freeze after a shock, renewed, then a write-off (khoanh nợ, xóa nợ)', () => {
  // Farmers Support Fund loan: 45,000,000 đ lent 05/01/2025 for 36 months, fee 0.7 %/month on
  // 30E/360 due quarterly; the fee of 05/01–05/10 is paid. A fire on 14/12/2025 (the registry's
  // shock event); the fund freezes the debt from 15/12/2025 for 12 months.
  const c = contract(
    { method: 'bullet', termMonths: 36, interestEveryMonths: 3 },
    { rates: FSF_RATE, dayCount: '30e/360' },
  );
  const m = new LoanMachine(c);
  m.apply({ kind: 'disburse', date: '2025-01-05', amount: 45_000_000 });
  for (const d of ['2025-04-05', '2025-07-05', '2025-10-05'])
    m.apply({ kind: 'repay', date: d, principal: 0, interest: 945_000, overdueInterest: 0 });

  test('frozen: the fee of 05/10 → 15/12 stays owed, nothing accrues, nothing falls due', () => {
    // 05/10 → 15/12 is 70 days (30E/360): 45,000,000 × 8.4 % × 70 / 360 = 735,000.
    m.apply({ kind: 'freeze', date: '2025-12-15', months: 12 });
    const v = m.viewAt('2026-06-30');
    assert.deepEqual(
      [v.status, v.frozenUntil, v.principal.frozen, v.principal.current],
      ['frozen', '2026-12-15', 45_000_000, 0],
    );
    assert.deepEqual([v.interest.due, v.interest.accrued], [0, 735_000]);
    assert.equal(v.daysPastDue, 0);
    // The maturity moves 12 months: 05/01/2028 → 05/01/2029.
    assert.equal(v.maturity, '2029-01-05');
  });

  test('after the freeze the quarter resumes: 70 days before + 20 days after = 945,000', () => {
    // 15/12/2026 → 05/01/2027 is 20 days; 70 + 20 = 90 days: 45,000,000 × 0.007 × 3 = 945,000.
    const p = new LoanMachine(c);
    for (const f of [
      { kind: 'disburse', date: '2025-01-05', amount: 45_000_000 },
      { kind: 'repay', date: '2025-04-05', principal: 0, interest: 945_000, overdueInterest: 0 },
      { kind: 'repay', date: '2025-07-05', principal: 0, interest: 945_000, overdueInterest: 0 },
      { kind: 'repay', date: '2025-10-05', principal: 0, interest: 945_000, overdueInterest: 0 },
      { kind: 'freeze', date: '2025-12-15', months: 12 },
    ] as LoanFact[])
      p.apply(f);
    assert.equal(p.positionAt('2027-01-05').dues.interest_due, 945_000);
  });

  test('a renewal from the day the freeze ends keeps it frozen; a write-off clears the loan', () => {
    m.apply({ kind: 'freeze', date: '2026-12-15', months: 6 });
    const v = m.viewAt('2027-03-01');
    assert.deepEqual([v.status, v.frozenUntil, v.interest.accrued], ['frozen', '2027-06-15', 735_000]);
    // The household head dies; the fund writes off 45,000,000 principal and the 735,000 fee.
    const p = m.positionAt('2027-03-01');
    m.apply({
      kind: 'write_off',
      date: '2027-03-01',
      principal: p.outstanding,
      interest: p.dues.interest_due + p.dues.accrued_interest,
      overdueInterest: 0,
    });
    const w = m.viewAt('2027-03-01');
    assert.deepEqual(
      [w.status, w.outstanding, w.principalWrittenOff, w.interest.writtenOff, w.interest.accrued],
      ['written_off', 0, 45_000_000, 735_000, 0],
    );
  });
});

describe('replay properties', () => {
  const opArb: fc.Arbitrary<SimOp> = fc.record({
    gap: fc.integer({ min: 0, max: 75 }),
    kind: fc.constantFrom(
      'repay',
      'repay',
      'repay_due',
      'repay_due',
      'payoff',
      'extend',
      'freeze',
      'write_off',
      'wait',
    ),
    share: fc.integer({ min: 1, max: 1000 }),
    months: fc.integer({ min: 0, max: 40 }),
  });
  const scenarioArb = fc.record({
    method: fc.constantFrom('equal_principal', 'annuity', 'bullet') as fc.Arbitrary<
      'equal_principal' | 'annuity' | 'bullet'
    >,
    every: fc.constantFrom(1, 3, 6),
    periods: fc.integer({ min: 1, max: 8 }),
    amount: fc.integer({ min: 1_000_000, max: 200_000_000 }),
    mode: fc.constantFrom('own', 'entrusted') as fc.Arbitrary<'own' | 'entrusted'>,
    dc: fc.constantFrom('act/365', '30e/360') as fc.Arbitrary<'act/365' | '30e/360'>,
    ops: fc.array(opArb, { maxLength: 25 }),
  });
  function build(s: {
    method: 'equal_principal' | 'annuity' | 'bullet';
    every: number;
    periods: number;
    dc: 'act/365' | '30e/360';
  }) {
    return contract(
      {
        method: s.method,
        termMonths: s.every * s.periods,
        principalEveryMonths: s.every,
        interestEveryMonths: s.method === 'annuity' ? s.every : 1,
      },
      { rates: FSF_RATE, dayCount: s.dc },
    );
  }

  test('replaying the journal gives the same state as the incremental path, on every day', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const c = build(s);
        const sim = simulate(c, s.mode, s.amount, '2025-01-31', s.ops);
        const facts = loanFacts(LOAN_CHARTS[s.mode], sim.events, sim.lines);
        // The end of each day, after all of that day's operations.
        const endOfDay = new Map(sim.views.map((v) => [v.date, v.view]));
        for (const [date, view] of endOfDay) assert.deepEqual(deriveView(c, facts, date), view);
        // One pass over all dates (the month-end run's way) agrees with one replay per date.
        const dates = [...endOfDay.keys()];
        assert.deepEqual(
          deriveViews(c, facts, dates),
          dates.map((d) => deriveView(c, facts, d)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  test('nothing owed is ever negative; classes sum to the outstanding principal', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const sim = simulate(build(s), s.mode, s.amount, '2025-01-31', s.ops);
        for (const { view: v } of sim.views) {
          assert.ok(v.outstanding >= 0 && v.outstanding <= s.amount);
          assert.equal(
            PRINCIPAL_CLASSES.reduce((x, k) => x + v.principal[k], 0),
            v.outstanding,
          );
          for (const c of ALLOCATION_CATEGORIES) assert.ok(v.dues[c] >= 0, `${c} ${v.dues[c]}`);
          assert.ok(v.interest.due >= 0 && v.interest.accrued >= 0 && v.overdueInterest.unpaid >= 0);
          assert.ok(v.instalments.every((i) => i.unpaid >= 0 && i.paid >= 0));
          assert.deepEqual(v.anomalies, []);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('allocation properties', () => {
  const duesArb = fc.record(
    Object.fromEntries(ALLOCATION_CATEGORIES.map((c) => [c, fc.integer({ min: 0, max: 10 ** 9 })])) as Record<
      (typeof ALLOCATION_CATEGORIES)[number],
      fc.Arbitrary<number>
    >,
  );
  const orderArb = fc
    .shuffledSubarray([...ALLOCATION_CATEGORIES], { minLength: 6, maxLength: 6 })
    .filter((o) => checkAllocationOrder('o', o).ok);

  test('the parts sum to what was paid, each within its due, filled in order', () => {
    fc.assert(
      fc.property(duesArb, orderArb, fc.double({ min: 0, max: 1, noNaN: true }), (dues, order, share) => {
        const total = ALLOCATION_CATEGORIES.reduce((s, c) => s + dues[c], 0);
        // The share only picks a whole amount to pay; no amount is ever a float.
        const amount = Math.floor(total * share);
        const a = allocate(dues, order, amount);
        assert.equal(
          ALLOCATION_CATEGORIES.reduce((s, c) => s + a.parts[c], 0),
          amount,
        );
        assert.equal(a.principal + a.interest + a.overdueInterest, amount);
        let short = false;
        for (const c of order) {
          assert.ok(a.parts[c] >= 0 && a.parts[c] <= dues[c]);
          if (short) assert.equal(a.parts[c], 0, `${c} paid before an earlier category was full`);
          if (a.parts[c] < dues[c]) short = true;
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('orders that would break the oldest-first rule are refused', () => {
    assert.equal(
      checkAllocationOrder('o', [
        'prepayment',
        'overdue_interest',
        'interest_due',
        'overdue_principal',
        'principal_due',
        'accrued_interest',
      ]).ok,
      false,
    );
    assert.equal(
      checkAllocationOrder('o', [
        'overdue_principal',
        'principal_due',
        'overdue_interest',
        'interest_due',
        'accrued_interest',
        'prepayment',
      ]).ok,
      true,
    );
  });
});
