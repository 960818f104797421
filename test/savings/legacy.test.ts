/**
 * A group loan recorded before the loan engine kept group loans (migration 0010): a
 * `savings_group_loan` row and the meeting's own disbursement entry, no loan-engine `loan`. A
 * later meeting still repays it with its own entry (cash basis, the charge as typed), and the
 * share-out waits for it, then pays out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import * as q from '../../src/store/savings-store.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { refusalsOf, sctx, seedGroup, seedUnion } from './fixture.ts';

for (const engine of ENGINES) {
  describe(`a group loan from before the loan engine [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let m: string[];
    let book: string;
    const cycle = 'VS-06-C1';
    const bal = async (account: string) => (await app.ledger.balance(sctx, { book, account })).balance;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedUnion(app);
      ({ members: m, book } = await seedGroup(app, 'VS-06', 2));
      await app.savings.openCycle(sctx, {
        group: 'VS-06',
        book,
        startedOn: '2026-01-01',
        sharePrice: 10_000,
        social: 0,
        serviceCharge: '1',
      });
      // Meeting 1: both buy 5 shares (100,000 in the box).
      await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-01-10',
        lines: m.map((member) => ({ member, shares: 5 })),
        countedLoanFund: 100_000,
        countedSocialFund: 0,
      });
      // As the meeting of 10/01 used to record a loan of 40,000 to M1: the row and Dr 1311 / Cr 1111.
      const id = `${cycle}-L001`;
      await app.store.write((tx) =>
        q.insertGroupLoans(tx, [
          {
            tenant_id: sctx.tenant,
            id,
            cycle_id: cycle,
            person_id: m[0]!,
            meeting_no: 1,
            issued_on: '2026-01-10',
            amount_dong: 40_000,
            service_charge_ppm_month: 10_000,
            term_months: 3,
            due_on: '2026-04-10',
          },
        ]),
      );
      await app.ledger.post(sctx, [
        {
          book,
          date: '2026-01-10',
          kind: 'disbursement',
          memo: 'Cho vay từ quỹ nhóm – họp VS-06-C1 số 1',
          documentNo: `${cycle}/1`,
          postings: [
            { account: '1311', party: id, amount: 40_000 },
            { account: '1111', party: null, amount: -40_000 },
          ],
        },
      ]);
    });
    after(() => done());

    test('a later meeting repays it with its own entry; the share-out waits for it, then pays out', async () => {
      // Not a loan-engine loan: the sheet shows one month's charge, 40,000 × 1 % = 400.
      const preview = await app.savings.previewMeeting(sctx, {
        cycle,
        date: '2026-02-10',
        lines: [{ member: m[0]! }, { member: m[1]! }],
        countedLoanFund: 60_000,
        countedSocialFund: 0,
      });
      assert.deepEqual(preview.serviceChargeDue, { [m[0]!]: 400 });
      assert.deepEqual(
        (await refusalsOf(app.savings.shareOut(sctx, { cycle, date: '2026-02-01' }))).map((r) => r.code),
        ['savings_loans_outstanding'],
      );
      // M1 repays all 40,000 and a charge of 450 as typed (cash basis, not checked against an engine).
      // Box: 100,000 − 40,000 + 40,450 = 100,450.
      const r = await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-02-10',
        lines: [{ member: m[0]!, repayment: 40_000, serviceCharge: 450 }, { member: m[1]! }],
        countedLoanFund: 100_450,
        countedSocialFund: 0,
      });
      assert.equal(r.entries.length, 1);
      assert.deepEqual([await bal('1311'), await bal('5111'), await bal('1111')], [0, 450, 100_450]);
      // Pool = savings 100,000 + charges 450 = 100,450; each has 5 of 10 shares: 50,225.
      const so = await app.savings.shareOut(sctx, { cycle, date: '2026-02-20' });
      assert.deepEqual(
        so.payouts.map((p) => p.amount),
        [50_225, 50_225],
      );
    });
  });
}
