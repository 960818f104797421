/**
 * Savings accounts: deposits, withdrawals, interest by the Circular 14 daily method credited on
 * 30 June and 31 December for VBSP group savings, and the savings of a member or household on a date.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { refusalsOf, sctx, seedGroup, seedUnion } from './fixture.ts';

for (const engine of ENGINES) {
  describe(`savings accounts [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let members: string[];
    let book: string;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedUnion(app);
      ({ members, book } = await seedGroup(app, 'VS-03', 3));
      await app.savings.openAccount(sctx, {
        id: 'SA-VB1',
        book,
        person: members[0]!,
        kind: 'vbsp_group',
        rate: '3',
        openedOn: '2026-01-01',
      });
      await app.savings.deposit(sctx, { account: 'SA-VB1', date: '2026-01-01', amount: 1_000_000 });
      await app.savings.deposit(sctx, { account: 'SA-VB1', date: '2026-03-01', amount: 500_000 });
      await app.savings.withdraw(sctx, { account: 'SA-VB1', date: '2026-05-01', amount: 200_000 });
    });
    after(() => done());

    test('VBSP group savings earn interest only on 30 June and 31 December', async () => {
      assert.deepEqual(
        (await refusalsOf(app.savings.postInterest(sctx, { book, asOf: '2026-06-29' }))).map((r) => r.code),
        ['savings_interest_date_not_allowed'],
      );
    });

    test('interest to 30/06/2026: Σ balance × days × 3 % / 365, rounded once: 18,781 đ', async () => {
      // [01/01, 01/03) 59 days × 1,000,000 = 59,000,000
      // [01/03, 01/05) 61 days × 1,500,000 = 91,500,000
      // [01/05, 30/06) 60 days × 1,300,000 = 78,000,000   (first day counted, the last not)
      // Σ 228,500,000 đồng-days × 0.03 / 365 = 18,780.82 → 18,781 (half up)
      const r = await app.savings.postInterest(sctx, { book, asOf: '2026-06-30' });
      assert.equal(r.total, 18_781);
      assert.equal(r.lines[0]!.dongDays, '228500000');
      const [a] = await app.savings.accounts(sctx, { person: members[0]! });
      assert.equal(a!.balance, 1_318_781);
      // Paid by the group: Dr 6111 / Cr 3312.
      assert.equal((await app.ledger.balance(sctx, { book, account: '6111' })).balance, 18_781);
    });

    test('interest to 31/12/2026 on the credited balance: 184 days × 1,318,781 × 3 % / 365 = 19,944 đ', async () => {
      // 242,655,704 đồng-days × 0.03 / 365 = 19,944.30 → 19,944
      const r = await app.savings.postInterest(sctx, { book, asOf: '2026-12-31' });
      assert.equal(r.total, 19_944);
      assert.deepEqual(
        (await refusalsOf(app.savings.postInterest(sctx, { book, asOf: '2026-12-31' }))).map((x) => x.code),
        ['savings_date_before'],
      );
    });

    test('savings of a member and of her household on a date', async () => {
      const on = await app.savings.balanceAsOf(sctx, { person: members[0]! }, '2026-04-01');
      assert.deepEqual([on.shares, on.accounts, on.total], [0, 1_500_000, 1_500_000]);
      const hh = await app.savings.balanceAsOf(sctx, { household: 'VS-03-H01' }, '2027-01-01');
      assert.equal(hh.total, 1_318_781 + 19_944);
      assert.equal((await app.savings.balanceAsOf(sctx, { person: members[1]! })).total, 0);
    });

    test('a withdrawal back-dated below a later balance is refused', async () => {
      // On 02/01 the balance was 1,000,000: taking 1,100,000 then is refused though today's is larger.
      assert.deepEqual(
        (
          await refusalsOf(
            app.savings.withdraw(sctx, { account: 'SA-VB1', date: '2026-01-02', amount: 1_100_000 }),
          )
        ).map((r) => r.code),
        ['savings_withdrawal_exceeds_balance'],
      );
    });
  });
}
