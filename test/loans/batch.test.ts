/**
 * `repayMany` (src/app/loans/batch.ts) writes exactly what `Loans.repay` called once per loan
 * writes: the same event rows, the same journal entries (same numbers, same hashes), the same
 * snapshots after a month-end; and a refusal of one repayment refuses the whole batch.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { repayMany } from '../../src/app/loans/batch.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { ctx, FSF, lend, seedLoans, VBSP } from './fixture.ts';

/** Three loans: two VBSP (one paid late, so it owes overdue interest), one Farmers Support Fund. */
async function portfolio(app: App): Promise<void> {
  await seedLoans(app);
  await lend(app, {
    id: 'B-1',
    programme: 'vbsp-poor',
    book: VBSP,
    household: 'HH-001',
    amount: 50_000_000,
    date: '2025-01-10',
    termMonths: 36,
  });
  await lend(app, {
    id: 'B-2',
    programme: 'vbsp-near-poor',
    book: VBSP,
    household: 'HH-002',
    amount: 24_000_000,
    date: '2025-01-15',
    termMonths: 12,
    principalEveryMonths: 1,
  });
  await lend(app, {
    id: 'B-3',
    programme: 'fsf',
    book: FSF,
    household: 'HH-003',
    amount: 45_000_000,
    date: '2025-01-20',
    termMonths: 36,
    source: 'district',
  });
  // A month-end run before the payments: each payment must re-sync it (entries and snapshot).
  await app.loans.monthEnd(ctx, { asOf: '2025-02-28' });
}

const PAYMENTS = [
  // B-1: the interest of 10/01–10/02, due 10/02, paid ten days late.
  { loan: 'B-1', date: '2025-02-20', amount: 1_000_000, documentNo: 'PT-1' },
  // B-2: near-poor, monthly principal 2,000,000 plus interest.
  { loan: 'B-2', date: '2025-02-20', amount: 2_300_000, documentNo: 'PT-2' },
  // B-3: the quarterly fee is not due yet: it pays principal ahead.
  { loan: 'B-3', date: '2025-02-20', amount: 5_000_000, documentNo: 'PT-3' },
];

for (const engine of ENGINES) {
  describe(`repayments in one batch [${engine.kind}]`, { skip: engine.skip }, () => {
    test('the same database as the repayments one by one', async () => {
      const one = await freshApp(engine);
      const many = await freshApp(engine);
      try {
        await portfolio(one.app);
        await portfolio(many.app);
        const single = [];
        for (const p of PAYMENTS) single.push(await one.app.loans.repay(ctx, p));
        const batched = await repayMany(many.app.loans, ctx, PAYMENTS);
        assert.deepEqual(batched, single);
        // Interest and principal were both taken, and the month-end date before was re-synced.
        assert.ok(single[0]!.allocation.interest > 0 && single[1]!.allocation.principal > 0);
        assert.equal(await snapshot(many.app.store), await snapshot(one.app.store));
      } finally {
        await one.done();
        await many.done();
      }
    });

    test('one refused repayment refuses the batch; nothing is written', async () => {
      const { app, done } = await freshApp(engine);
      try {
        await portfolio(app);
        const before = await snapshot(app.store);
        let codes: string[] = [];
        try {
          await repayMany(app.loans, ctx, [
            PAYMENTS[0]!,
            // More than everything B-2 owes.
            { loan: 'B-2', date: '2025-02-20', amount: 900_000_000 },
          ]);
        } catch (e) {
          if (!(e instanceof RefusedError)) throw e;
          codes = e.refusals.map((r) => r.code);
        }
        assert.deepEqual(codes, ['repayment_exceeds_outstanding']);
        assert.equal(await snapshot(app.store), before);
        // Two repayments of one loan in one batch are refused before anything is read.
        await assert.rejects(
          repayMany(app.loans, ctx, [PAYMENTS[0]!, { ...PAYMENTS[0]!, documentNo: 'PT-9' }]),
          (e: unknown) => e instanceof RefusedError && e.refusals[0]!.code === 'already_exists',
        );
      } finally {
        await done();
      }
    });
  });
}
