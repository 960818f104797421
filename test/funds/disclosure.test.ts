/**
 * The disclosure report, pure: whatever the donations and spendings, its lines add up to its
 * totals, and no line names a donor who asked to stay anonymous (fast-check). A worked example
 * with the arithmetic in the comment.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  buildDisclosure,
  type DonationRecord,
  type SpendingRecord,
} from '../../src/domain/funds/disclosure.ts';
import { AID_PURPOSES, DONOR_KINDS, MONEY_FORMS } from '../../src/domain/funds/rules.ts';

const FUND = {
  id: 'f',
  nameVi: 'Quỹ',
  nameEn: 'Fund',
  kind: 'relief',
  purpose: 'p',
  opensOn: '2025-01-01',
  closesOn: '2025-12-31',
};

const donation = (i: number) =>
  fc
    .record({
      donorKind: fc.constantFrom(...DONOR_KINDS),
      anonymous: fc.boolean(),
      form: fc.constantFrom(...MONEY_FORMS),
      amountDong: fc.integer({ min: 1, max: 1_000_000_000 }),
      point: fc.option(fc.constantFrom('Điểm 1', 'Điểm 2'), { nil: null }),
      phaseNo: fc.option(fc.constantFrom(1, 2), { nil: null }),
      sameName: fc.boolean(),
    })
    .map(
      (d): DonationRecord => ({
        receiptNo: i + 1,
        date: '2025-06-01',
        donorKind: d.donorKind,
        // Hidden donors have names of their own; named ones may share one.
        donorName:
          d.donorKind === 'anonymous'
            ? null
            : d.anonymous
              ? `Kín ${i}`
              : d.sameName
                ? 'Công ty A'
                : `Người ${i}`,
        anonymous: d.anonymous,
        form: d.form,
        amountDong: d.amountDong,
        inKindDescription: d.form === 'in_kind' ? 'gạo' : null,
        pointName: d.point,
        phaseNo: d.phaseNo,
      }),
    );

const spending = (i: number) =>
  fc
    .record({
      transfer: fc.boolean(),
      purpose: fc.constantFrom(...AID_PURPOSES),
      amountDong: fc.integer({ min: 1, max: 1_000_000_000 }),
      household: fc.constantFrom('HH-1', 'HH-2', 'HH-3'),
      category: fc.constantFrom('poor', 'near_poor', 'other') as fc.Arbitrary<'poor' | 'near_poor' | 'other'>,
    })
    .map(
      (s): SpendingRecord => ({
        voucherNo: i + 1,
        kind: s.transfer ? 'transfer' : 'aid',
        date: '2025-07-01',
        purpose: s.purpose,
        amountDong: s.amountDong,
        form: 'cash',
        householdId: s.transfer ? null : s.household,
        category: s.transfer ? null : s.category,
        recipient: s.transfer ? 'Huyện' : null,
        phaseNo: null,
      }),
    );

const list = <T>(make: (i: number) => fc.Arbitrary<T>) =>
  fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => make(i))));

test('lines add up to totals and no anonymous donor is named, whatever the input', () => {
  fc.assert(
    fc.property(list(donation), list(spending), fc.integer({ min: 0, max: 1e12 }), (ds, ss, opening) => {
      const received = ds.reduce((s, d) => s + d.amountDong, 0);
      const spent = ss.reduce((s, x) => s + x.amountDong, 0);
      const r = buildDisclosure({
        fund: FUND,
        from: '2025-01-01',
        to: '2025-12-31',
        openingDong: opening,
        closingDong: opening + received - spent,
        donations: ds,
        spendings: ss,
        journal: { receivedDong: received, spentDong: spent },
      });
      const named = r.received.byDonor.reduce((s, l) => s + l.amountDong, 0);
      assert.equal(named + r.received.anonymous.amountDong, r.received.moneyDong);
      assert.equal(
        r.received.inKind.reduce((s, l) => s + l.amountDong, 0),
        r.received.inKindDong,
      );
      assert.equal(r.received.totalDong, received);
      const purposes = r.spent.byPurpose.reduce((s, l) => s + l.amountDong, 0);
      assert.equal(purposes + r.spent.transfers.reduce((s, l) => s + l.amountDong, 0), spent);
      assert.equal(
        r.spent.byCategory.reduce((s, l) => s + l.amountDong, 0),
        purposes,
      );
      assert.equal(r.reconciled, true);
      const shown = JSON.stringify(r);
      for (const d of ds)
        if (d.anonymous || d.donorKind === 'anonymous')
          assert.ok(d.donorName === null || !shown.includes(d.donorName));
      assert.ok(!/HH-\d/.test(shown), 'a household id is shown');
    }),
    { numRuns: 200 },
  );
});

test('worked example: two named, one hidden, goods; two houses and a transfer', () => {
  const d = (
    no: number,
    name: string | null,
    amount: number,
    extra: Partial<DonationRecord> = {},
  ): DonationRecord => ({
    receiptNo: no,
    date: '2025-10-20',
    donorKind: name === null ? 'anonymous' : 'person',
    donorName: name,
    anonymous: false,
    form: 'cash',
    amountDong: amount,
    inKindDescription: null,
    pointName: null,
    phaseNo: null,
    ...extra,
  });
  const r = buildDisclosure({
    fund: FUND,
    from: '2025-01-01',
    to: '2025-12-31',
    openingDong: 10_000_000,
    // 10,000,000 + (3,000,000 + 2,000,000 + 1,000,000 + 4,000,000 + 500,000) − (5,000,000 × 2 + 500,000)
    // = 10,000,000 + 10,500,000 − 10,500,000 = 10,000,000
    closingDong: 10_000_000,
    donations: [
      d(1, 'Ông A', 3_000_000),
      d(2, 'Ông A', 2_000_000),
      d(3, 'Bà Kín', 1_000_000, { anonymous: true }),
      d(4, null, 4_000_000),
      d(5, 'Cửa hàng B', 500_000, { form: 'in_kind', inKindDescription: '10 bao xi măng' }),
    ],
    spendings: [1, 2]
      .map(
        (no): SpendingRecord => ({
          voucherNo: no,
          kind: 'aid',
          date: '2025-11-01',
          purpose: 'house',
          amountDong: 5_000_000,
          form: 'cash',
          householdId: `HH-${no}`,
          category: no === 1 ? 'poor' : 'other',
          recipient: null,
          phaseNo: null,
        }),
      )
      .concat([
        {
          voucherNo: 3,
          kind: 'transfer',
          date: '2025-11-02',
          purpose: 'relief',
          amountDong: 500_000,
          form: 'cash',
          householdId: null,
          category: null,
          recipient: 'Huyện',
          phaseNo: null,
        },
      ]),
    journal: { receivedDong: 10_500_000, spentDong: 10_500_000 },
  });
  // Ông A: 3,000,000 + 2,000,000 = 5,000,000 in 2; hidden: 1,000,000 + 4,000,000 = 5,000,000 in 2.
  assert.deepEqual(r.received.byDonor, [
    { donorKind: 'person', donorName: 'Ông A', donations: 2, amountDong: 5_000_000 },
  ]);
  assert.deepEqual(r.received.anonymous, { donations: 2, amountDong: 5_000_000 });
  assert.deepEqual(
    [r.received.moneyDong, r.received.inKindDong, r.received.totalDong],
    [10_000_000, 500_000, 10_500_000],
  );
  assert.deepEqual(r.spent.byPurpose, [{ key: 'house', count: 2, households: 2, amountDong: 10_000_000 }]);
  assert.equal(r.spent.totalDong, 10_500_000);
  assert.equal(r.reconciled, true);
  assert.ok(!JSON.stringify(r).includes('Bà Kín'));
  // A journal that says otherwise is not reconciled.
  assert.equal(
    buildDisclosure({
      fund: FUND,
      from: '2025-01-01',
      to: '2025-12-31',
      openingDong: 0,
      closingDong: 1,
      donations: [d(1, 'X', 1)],
      spendings: [],
      journal: { receivedDong: 2, spentDong: 0 },
    }).reconciled,
    false,
  );
});
