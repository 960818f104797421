/**
 * The cycle's rules applied: the absence fine is charged to a member recorded absent (a debt until
 * she pays it), and compulsory savings stay locked while their owner owes a group loan, unless she
 * has left the group. Three members, share price 10,000 đ, social fund 1,000 đ, absence fine
 * 5,000 đ, service charge 2 %/month, meetings on the 10th of 2026.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { refusalsOf, sctx, seedGroup, seedUnion } from './fixture.ts';

for (const engine of ENGINES) {
  describe(`the cycle's rules: absence fines and locked compulsory savings [${engine.kind}]`, {
    skip: engine.skip,
  }, () => {
    let app: App;
    let done: () => Promise<void>;
    let m: string[];
    let book: string;
    const cycle = 'VS-05-C1';
    const bal = async (account: string) => (await app.ledger.balance(sctx, { book, account })).balance;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedUnion(app);
      ({ members: m, book } = await seedGroup(app, 'VS-05', 3));
      await app.savings.openCycle(sctx, {
        group: 'VS-05',
        book,
        startedOn: '2026-01-01',
        sharePrice: 10_000,
        social: 1_000,
        loanMultiple: 3,
        serviceCharge: '2',
        termMonthsMax: 6,
        absenceFine: 5_000,
      });
      for (const [id, person, amount] of [
        ['SA-C1', m[0]!, 100_000],
        ['SA-C3', m[2]!, 50_000],
      ] as const) {
        await app.savings.openAccount(sctx, { id, book, person, kind: 'compulsory', openedOn: '2026-01-02' });
        await app.savings.deposit(sctx, { account: id, date: '2026-01-02', amount });
      }
    });
    after(() => done());

    test('meeting 1: the absent member is charged the fine, owed, not cash', async () => {
      // M1 buys 2 shares (savings 20,000; limit 3 × = 60,000) and borrows 60,000 over 2 months;
      // M3 buys 1 share (limit 30,000) and borrows 12,000 over 1 month; M2 is absent.
      // Loan box: 150,000 deposited at the desk + 30,000 shares − 72,000 lent = 108,000.
      const lines = [
        { member: m[0]!, shares: 2, social: 1_000, newLoan: { amount: 60_000, termMonths: 2 } },
        { member: m[1]!, present: false },
        { member: m[2]!, shares: 1, social: 1_000, newLoan: { amount: 12_000, termMonths: 1 } },
      ];
      const preview = await app.savings.previewMeeting(sctx, {
        cycle,
        date: '2026-01-10',
        lines,
        countedLoanFund: 108_000,
        countedSocialFund: 2_000,
      });
      assert.deepEqual(preview.finesDue, { [m[1]!]: 5_000 });
      const r = await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-01-10',
        lines,
        countedLoanFund: 108_000,
        countedSocialFund: 2_000,
      });
      assert.equal(r.totals.absenceFines, 5_000);
      assert.equal(r.totals.fines, 0);
      // Dr 1381 (M2) 5,000 / Cr 5112 5,000: income at the meeting, her debt until paid.
      assert.equal(await bal('1381'), 5_000);
      assert.equal(await bal('5112'), 5_000);
      assert.equal(await bal('1111'), 108_000);
    });

    test('compulsory savings are locked at the desk while the member owes a loan, free once she leaves', async () => {
      for (const [account, owed] of [
        ['SA-C1', 60_000],
        ['SA-C3', 12_000],
      ] as const) {
        const refusals = await refusalsOf(
          app.savings.withdraw(sctx, { account, date: '2026-01-15', amount: 10_000 }),
        );
        assert.deepEqual(
          refusals,
          [{ code: 'savings_compulsory_locked', field: 'amount' }],
          `${account} ${owed}`,
        );
      }
      // M3 leaves the group on 01/02 (her 12,000 still owed): her compulsory savings are hers.
      await app.registry.leaveGroup(sctx, { group: 'VS-05', personId: m[2]!, on: '2026-02-01' });
      const w = await app.savings.withdraw(sctx, { account: 'SA-C3', date: '2026-02-02', amount: 50_000 });
      assert.equal(w.balance, 0);
      // Loan box: 108,000 − 50,000 = 58,000.
      assert.equal(await bal('1111'), 58_000);
    });

    test('meeting 2: a withdrawal of compulsory savings is refused whole; the fine paid settles the debt first', async () => {
      const base = [
        { member: m[0]!, shares: 1, social: 1_000, repayment: 30_000, serviceCharge: 1_200 },
        { member: m[1]!, shares: 1, social: 1_000, fine: 7_000 },
      ];
      const refusals = await refusalsOf(
        app.savings.recordMeeting(sctx, {
          cycle,
          date: '2026-02-10',
          lines: [{ ...base[0]!, withdrawal: 10_000 }, base[1]!],
          countedLoanFund: 106_200,
          countedSocialFund: 4_000,
        }),
      );
      // After repaying 30,000 she still owes 30,000: locked.
      // The loan engine says what the charge is on 10/02: 60,000 × 2 % × 30 / 30 = 1,200; more is refused.
      const over = await refusalsOf(
        app.savings.recordMeeting(sctx, {
          cycle,
          date: '2026-02-10',
          lines: [{ ...base[0]!, serviceCharge: 1_500 }, base[1]!],
          countedLoanFund: 116_500,
          countedSocialFund: 4_000,
        }),
      );
      assert.deepEqual(over, [
        { code: 'savings_service_charge_exceeds_due', field: 'serviceCharge', row: 1 },
      ]);
      assert.deepEqual(refusals, [{ code: 'savings_compulsory_locked', field: 'withdrawal', row: 1 }]);
      // M1 repays 30,000 + 60,000 × 2 % = 1,200; M2 pays 7,000: the 5,000 she owes and a 2,000
      // fine imposed on the spot. Loan box: 58,000 + 20,000 + 31,200 + 7,000 = 116,200.
      await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-02-10',
        lines: base,
        countedLoanFund: 116_200,
        countedSocialFund: 4_000,
      });
      assert.equal(await bal('1381'), 0);
      // 5112: 5,000 charged at meeting 1 + 2,000 on the spot = 7,000.
      assert.equal(await bal('5112'), 7_000);
      assert.equal(await bal('1111'), 116_200);
    });

    test('meeting 3: repaid, the compulsory savings may be withdrawn; absent again, fined again', async () => {
      // M1 repays the last 30,000 + 30,000 × 2 % = 600 and withdraws 10,000 in the same sheet
      // (she owes nothing after it), and buys 1 share. M2 is absent: 5,000 owed.
      // Loan box: 116,200 + 10,000 + 30,600 − 10,000 = 146,800.
      await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-03-10',
        lines: [
          {
            member: m[0]!,
            shares: 1,
            social: 1_000,
            repayment: 30_000,
            serviceCharge: 600,
            withdrawal: 10_000,
          },
          { member: m[1]!, present: false },
        ],
        countedLoanFund: 146_800,
        countedSocialFund: 5_000,
      });
      assert.equal(await bal('1111'), 146_800);
      assert.equal(await bal('1381'), 5_000);
      // 5112: 7,000 + 5,000 = 12,000.
      assert.equal(await bal('5112'), 12_000);
      const w = await app.savings.withdraw(sctx, { account: 'SA-C1', date: '2026-03-11', amount: 20_000 });
      // 100,000 − 10,000 − 20,000 = 70,000.
      assert.equal(w.balance, 70_000);
    });

    test('the passbook and the register show the fines; the share-out waits for fines and loans', async () => {
      const pb = await app.savings.passbook(sctx, { group: 'VS-05', person: m[1]! });
      assert.deepEqual(
        pb.lines.map((l) => [l.absenceFine, l.fine, l.finesOwed]),
        [
          [5_000, 0, 5_000],
          [0, 7_000, 0],
          [5_000, 0, 5_000],
        ],
      );
      const reg = await app.savings.register(sctx, cycle);
      assert.deepEqual(
        reg.meetings.map((x) => [x.totals.absenceFines, x.totals.fines]),
        [
          [5_000, 0],
          [0, 7_000],
          [5_000, 0],
        ],
      );
      // M3's loan (12,000 over one month, due 10/02) is a loan-engine loan: overdue like any loan.
      // On 20/03: 38 days past due (10/02 → 20/03); the charge due on 10/02 was
      // 12,000 × 2 % = 240, unpaid.
      const m3 = await app.loans.state(sctx, `${cycle}-L002`, '2026-03-20');
      assert.deepEqual(
        [m3.outstanding, m3.principal.overdue, m3.daysPastDue, m3.interest.due],
        [12_000, 12_000, 38, 240],
      );
      const od = await app.loans.overdue(sctx, { asOf: '2026-03-20' });
      assert.deepEqual(
        od.rows.map((r) => r.loan_id),
        [`${cycle}-L002`],
      );
      const codes = (await refusalsOf(app.savings.shareOut(sctx, { cycle, date: '2026-03-20' }))).map(
        (r) => r.code,
      );
      // M3 left owing 12,000; M2 owes her 5,000 fine.
      assert.deepEqual(codes.sort(), ['savings_fines_outstanding', 'savings_loans_outstanding']);
    });
  });
}
