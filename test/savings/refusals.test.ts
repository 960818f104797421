/**
 * Must show 3: a meeting sheet with any bad line is refused whole, with every bad line listed
 * (its row, field and rule), and nothing is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { plainLines, refusalsOf, sctx, seedGroup, seedUnion } from './fixture.ts';

for (const engine of ENGINES) {
  describe(`meeting sheet refusals [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let members: string[];
    let book: string;
    const cycle = 'VS-02-C1';
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedUnion(app);
      ({ members, book } = await seedGroup(app, 'VS-02', 6));
      await app.savings.openCycle(sctx, {
        group: 'VS-02',
        book,
        startedOn: '2026-01-01',
        sharePrice: 50_000,
        social: 2_000,
      });
      // Meeting 1: everyone buys 2 shares (100,000 each): 600,000 in the loan box, 12,000 social.
      await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-01-10',
        lines: plainLines(members, () => 2, 2_000),
        countedLoanFund: 600_000,
        countedSocialFund: 12_000,
      });
      // The sixth member leaves on 15/01/2026; the second keeps voluntary savings of 100,000.
      await app.registry.leaveGroup(sctx, { group: 'VS-02', personId: members[5]!, on: '2026-01-15' });
      await app.savings.openAccount(sctx, {
        id: 'SA-M2',
        book,
        person: members[1]!,
        kind: 'voluntary',
        openedOn: '2026-01-10',
      });
      await app.savings.deposit(sctx, { account: 'SA-M2', date: '2026-01-10', amount: 100_000 });
    });
    after(() => done());

    test('five bad lines are all listed, by row, and nothing is written', async () => {
      const head = (await app.ledger.book(sctx, book)).headSeq;
      const lines = [
        { member: members[0]!, shares: 1, social: 2_000 },
        // row 2: withdrawal above the 100,000 balance
        { member: members[1]!, shares: 1, social: 2_000, withdrawal: 150_000 },
        // row 3: more than 5 shares
        { member: members[2]!, shares: 6, social: 2_000 },
        // row 4: a loan above the limit: savings 100,000 + 1 share 50,000 = 150,000; 3 × = 450,000
        { member: members[3]!, shares: 1, social: 2_000, newLoan: { amount: 500_000 } },
        // row 5: a person who is no member of this group
        { member: 'P-999999', shares: 1, social: 2_000 },
        // row 6: the member who left on 15/01
        { member: members[5]!, shares: 1, social: 2_000 },
      ];
      const refusals = await refusalsOf(
        app.savings.recordMeeting(sctx, {
          cycle,
          date: '2026-02-10',
          lines,
          countedLoanFund: 0,
          countedSocialFund: 0,
        }),
      );
      const lineRefusals = refusals.filter((r) => r.row !== undefined);
      assert.deepEqual(lineRefusals, [
        { code: 'savings_withdrawal_exceeds_balance', field: 'withdrawal', row: 2 },
        { code: 'savings_shares_out_of_range', field: 'shares', row: 3 },
        { code: 'savings_loan_over_limit', field: 'newLoan.amount', row: 4 },
        { code: 'savings_member_unknown', field: 'member', row: 5 },
        { code: 'savings_member_inactive', field: 'member', row: 6 },
      ]);
      // The wrong counted cash is named too (the sheet is refused whole, all reasons at once).
      assert.ok(refusals.some((r) => r.code === 'savings_cash_mismatch'));
      assert.equal((await app.ledger.book(sctx, book)).headSeq, head);
      assert.equal((await app.savings.register(sctx, cycle)).meetings.length, 1);
    });

    test('the refusal texts name the limit in Vietnamese and English', async () => {
      const { describeRefusal } = await import('../../src/i18n/catalogue.ts');
      try {
        await app.savings.recordMeeting(sctx, {
          cycle,
          date: '2026-02-10',
          lines: [{ member: members[3]!, shares: 1, newLoan: { amount: 500_000 } }],
          countedLoanFund: 150_000 + 600_000 - 500_000 + 100_000,
          countedSocialFund: 12_000,
        });
        assert.fail('expected a refusal');
      } catch (e) {
        const r = (e as { refusals: never[] }).refusals[0]!;
        assert.match(describeRefusal(r, 'vi'), /hạn mức vay 450\.000 ₫/);
        assert.match(describeRefusal(r, 'en'), /loan limit of 450,000/);
      }
    });

    test('a cycle is kept in a savings-group book of the group’s own organisation', async () => {
      await app.ledger.createBook(sctx, { code: 'so-khac', template: 'savings-group', organisation: 'hnd' });
      await app.registry.addGroup(sctx, {
        id: 'VS-02B',
        kind: 'vsla',
        organisation: 'hlhpn',
        village: 'duc-khe',
        name: 'Tổ tiết kiệm VS-02B',
        foundedOn: '2025-01-01',
      });
      const codes = async (p: Promise<unknown>) => (await refusalsOf(p)).map((r) => r.code);
      const open = (group: string, b: string) =>
        app.savings.openCycle(sctx, { group, book: b, startedOn: '2026-01-01', sharePrice: 10_000 });
      assert.deepEqual(await codes(open('VS-02B', 'so-khac')), ['savings_book_organisation']);
      assert.deepEqual(await codes(open('VS-02B', 'quy-htnd')), ['savings_book_template']);
      assert.deepEqual(await codes(open('VS-02', book)), ['savings_cycle_open']);
    });

    test('a good sheet after the refusals is recorded whole', async () => {
      // 5 active members buy 1 share each: 5 × 50,000 = 250,000; box 700,000 → 950,000.
      const r = await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-02-10',
        lines: plainLines(members.slice(0, 5), () => 1, 2_000),
        countedLoanFund: 950_000,
        countedSocialFund: 22_000,
      });
      assert.equal(r.number, 2);
    });

    test('a withdrawal at the desk above the balance is refused; within it, paid', async () => {
      assert.deepEqual(
        (
          await refusalsOf(
            app.savings.withdraw(sctx, { account: 'SA-M2', date: '2026-02-11', amount: 100_001 }),
          )
        ).map((r) => r.code),
        ['savings_withdrawal_exceeds_balance'],
      );
      const w = await app.savings.withdraw(sctx, { account: 'SA-M2', date: '2026-02-11', amount: 40_000 });
      assert.equal(w.balance, 60_000);
    });
  });
}
