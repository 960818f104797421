/**
 * Must show 1: a full cycle worked by hand. Ten members, share price 20,000 đ, social fund
 * 2,000 đ a meeting, loans up to 3 × savings at 1.5 %/month service charge, 12 monthly meetings
 * on the 10th of 2026, two loans, a fine, a social fund grant, an approved cash difference, and
 * the share-out on 20/12/2026.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingLine } from '../../src/domain/savings/meeting.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { refusalsOf, sctx, seedGroup, seedUnion } from './fixture.ts';

// Member i (1-based) buys SHARES[i-1] shares at every meeting she attends: 30 shares a meeting.
const SHARES = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5];

for (const engine of ENGINES) {
  describe(`a savings group's full cycle [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let members: string[];
    let book: string;
    const cycle = 'VS-01-C1';
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedUnion(app);
      ({ members, book } = await seedGroup(app, 'VS-01', 10));
      await app.savings.openCycle(sctx, {
        group: 'VS-01',
        book,
        startedOn: '2026-01-01',
        sharePrice: 20_000,
        social: 2_000,
        loanMultiple: 3,
        serviceCharge: '1,5',
        termMonthsMax: 6,
      });
    });
    after(() => done());

    const m = (i: number) => members[i - 1]!;

    /** The sheet of meeting n (1…12), as the group's secretary writes it. */
    function sheet(n: number): MeetingLine[] {
      return members.map((member, idx) => {
        const i = idx + 1;
        // M10 is absent at meeting 4: no shares, no social fund; fined 10,000 at meeting 5.
        if (i === 10 && n === 4) return { member, present: false };
        const line: Record<string, unknown> = { member, present: true, shares: SHARES[idx], social: 2_000 };
        if (i === 10 && n === 5) line['fine'] = 10_000;
        // M5 borrows 600,000 at meeting 2 (savings 2 × 5 × 20,000 = 200,000; limit 3 × = 600,000),
        // repays 100,000 at meetings 3…8 with 1.5 % of what she owed that month:
        // 9,000 · 7,500 · 6,000 · 4,500 · 3,000 · 1,500 = 31,500.
        if (i === 5 && n === 2) line['newLoan'] = { amount: 600_000, termMonths: 6 };
        if (i === 5 && n >= 3 && n <= 8) {
          line['repayment'] = 100_000;
          line['serviceCharge'] = ((600_000 - (n - 3) * 100_000) * 15) / 1000;
        }
        // M1 borrows 150,000 at meeting 3 (savings 3 × 1 × 20,000 = 60,000; limit 180,000), repays
        // 50,000 at meetings 4, 5, 6 with 2,250 · 1,500 · 750 = 4,500.
        if (i === 1 && n === 3) line['newLoan'] = { amount: 150_000, termMonths: 3 };
        if (i === 1 && n >= 4 && n <= 6) {
          line['repayment'] = 50_000;
          line['serviceCharge'] = ((150_000 - (n - 4) * 50_000) * 15) / 1000;
        }
        // M3 falls ill: the social fund grants her 50,000 at meeting 7.
        if (i === 3 && n === 7) line['grant'] = 50_000;
        return line as unknown as MeetingLine;
      });
    }

    test('twelve meetings, each counted cash equal to what soquy computes (or an approved difference)', async () => {
      let loanCash = 0;
      let socialCash = 0;
      for (let n = 1; n <= 12; n++) {
        const lines = sheet(n);
        // Loan fund: + shares × 20,000 + repayments + service charges + fines − new loans.
        const shares = lines.reduce((s, l) => s + (l.shares ?? 0), 0);
        loanCash +=
          shares * 20_000 +
          lines.reduce(
            (s, l) =>
              s + (l.repayment ?? 0) + (l.serviceCharge ?? 0) + (l.fine ?? 0) - (l.newLoan?.amount ?? 0),
            0,
          );
        socialCash += lines.reduce((s, l) => s + (l.social ?? 0) - (l.grant ?? 0), 0);
        const date = `2026-${String(n).padStart(2, '0')}-10`;
        if (n === 9) {
          // The box is 1,000 short at meeting 9: without an approved entry the sheet is refused,
          // naming the difference; with it, 6118 takes the 1,000 and the register shows it.
          const refusals = await refusalsOf(
            app.savings.recordMeeting(sctx, {
              cycle,
              date,
              lines,
              countedLoanFund: loanCash - 1_000,
              countedSocialFund: socialCash,
            }),
          );
          assert.deepEqual(refusals, [{ code: 'savings_cash_mismatch', field: 'countedLoanFund' }]);
          const r = await app.savings.recordMeeting(sctx, {
            cycle,
            date,
            lines,
            countedLoanFund: loanCash - 1_000,
            countedSocialFund: socialCash,
            difference: { approver: 'Tổ trưởng Nguyễn Thị Hoa', reason: 'Thủ quỹ trả nhầm tiền thừa' },
          });
          assert.equal(r.loanCashDifference, -1_000);
          loanCash -= 1_000;
          continue;
        }
        const r = await app.savings.recordMeeting(sctx, {
          cycle,
          date,
          lines,
          countedLoanFund: loanCash,
          countedSocialFund: socialCash,
          idempotencyKey: `vs01-m${n}`,
        });
        assert.equal(r.number, n);
        assert.equal(r.totals.loanCashExpected, loanCash);
      }
      // Shares: 30 a meeting × 12 − M10's 5 at meeting 4 = 355; savings 355 × 20,000 = 7,100,000.
      // Loan fund: 7,100,000 + service charges (31,500 + 4,500 = 36,000) + fine 10,000 − 1,000 short
      // = 7,145,000. Social fund: (10 × 12 − 1) × 2,000 = 238,000 − grant 50,000 = 188,000.
      assert.equal(loanCash, 7_145_000);
      assert.equal(socialCash, 188_000);
      const bal = async (account: string) => (await app.ledger.balance(sctx, { book, account })).balance;
      assert.equal(await bal('1111'), 7_145_000);
      assert.equal(await bal('1112'), 188_000);
      assert.equal(await bal('3311'), 7_100_000);
      assert.equal(await bal('5111'), 36_000);
      assert.equal(await bal('5112'), 10_000);
      assert.equal(await bal('6118'), 1_000);
      assert.equal(await bal('1311'), 0);
      // A replayed meeting posts nothing and answers the first result.
      const again = await app.savings.recordMeeting(sctx, {
        cycle,
        date: '2026-01-10',
        lines: sheet(1),
        countedLoanFund: 600_000,
        countedSocialFund: 20_000,
        idempotencyKey: 'vs01-m1',
      });
      assert.equal(again.replayed, true);
      assert.equal(again.number, 1);
      const reg = await app.savings.register(sctx, cycle);
      assert.equal(reg.meetings.length, 12);
      assert.deepEqual(reg.meetings[8]!.difference, {
        approver: 'Tổ trưởng Nguyễn Thị Hoa',
        reason: 'Thủ quỹ trả nhầm tiền thừa',
        loanFund: -1_000,
        socialFund: 0,
      });
    });

    test('M5’s loan is a loan-engine loan: schedule, state on any date, statement, portfolio', async () => {
      const id = `${cycle}-L001`;
      // The programme of groups charging 1.5 %/month on the balance: 30E/360, equal principal monthly.
      // Schedule: 100,000 a month from 10/03 to 10/08; charges 600,000 × 1.5 % = 9,000, then
      // 7,500 · 6,000 · 4,500 · 3,000 · 1,500: 31,500, what the sheet collected.
      const sch = await app.loans.schedule(sctx, id);
      assert.deepEqual([sch.totalPrincipal, sch.totalInterest], [600_000, 31_500]);
      // On 20/05 (three instalments paid): 300,000 owed; charge from 10/05 to the end of 20/05,
      // 11 days of 30E/360: 300,000 × 1.5 % × 11 / 30 = 1,650, accrued, not yet due.
      const may = await app.loans.state(sctx, id, '2026-05-20');
      assert.deepEqual([may.outstanding, may.interest.accrued, may.interest.due], [300_000, 1_650, 0]);
      // At the end of 10/08: all paid, 31,500 of charges charged and paid.
      const end = await app.loans.state(sctx, id, '2026-08-10');
      assert.deepEqual([end.outstanding, end.interest.charged, end.interest.paid], [0, 31_500, 31_500]);
      // Its statement: the meeting's approval (commitment), the disbursement, six repayments.
      const st = await app.loans.statement(sctx, id, { to: '2026-12-31' });
      const kinds = st.entries.map((e) => e.kind);
      assert.equal(kinds.filter((k) => k === 'disbursement').length, 1);
      assert.equal(kinds.filter((k) => k === 'repayment').length, 6);
      // The portfolio by programme on 30/06: M5 owes 200,000 (M1 repaid), none overdue.
      const pf = await app.loans.portfolio(sctx, { asOf: '2026-06-30', by: 'programme' });
      const row = pf.rows.find((r) => r.key === 'savings-group-15000')!;
      assert.deepEqual([row.loans, row.outstanding, row.overdueLoans], [1, 200_000, 0]);
    });

    test('the share-out: pool 7,145,000 × shares ÷ 355, rounded down, 4 đ carried to the next cycle', async () => {
      // Shares: M1 12, M2 24, M3 36, M4 48, M5 60, M6 12, M7 24, M8 36, M9 48, M10 55 (= 355).
      // Pool = savings 7,100,000 + service charges 36,000 + fines 10,000 − cash short 1,000
      //      = 7,145,000 (the social fund's 188,000 is not shared out).
      // M1: 7,145,000 × 12 / 355 = 241,521.13 → 241,521    M2: × 24 / 355 = 483,042.25 → 483,042
      // M3: × 36 / 355 = 724,563.38 → 724,563               M4: × 48 / 355 = 966,084.51 → 966,084
      // M5: × 60 / 355 = 1,207,605.63 → 1,207,605           M10: × 55 / 355 = 1,106,971.83 → 1,106,971
      // Σ = 2 × (241,521 + 483,042 + 724,563 + 966,084) + 1,207,605 + 1,106,971 = 7,144,996;
      // remainder 7,145,000 − 7,144,996 = 4 đ, kept by the group (4212) for the next cycle.
      // M5 keeps 10 shares in cycle 2 at 25,000 = 250,000 and takes 957,605 in cash.
      const r = await app.savings.shareOut(sctx, {
        cycle,
        date: '2026-12-20',
        reinvest: { [m(5)]: 10 },
        next: { sharePrice: 25_000, social: 2_000 },
      });
      assert.equal(r.pool, 7_145_000);
      assert.equal(r.totalShares, 355);
      assert.deepEqual(
        r.payouts.map((p) => p.amount),
        [241_521, 483_042, 724_563, 966_084, 1_207_605, 241_521, 483_042, 724_563, 966_084, 1_106_971],
      );
      assert.equal(r.remainder, 4);
      assert.equal(r.cashPaid[m(5)], 957_605);
      assert.equal(r.nextCycle, 'VS-01-C2');
      const bal = async (account: string) => (await app.ledger.balance(sctx, { book, account })).balance;
      // Cash left in the loan box: the 4 đ remainder and M5's 250,000 reinvested.
      assert.equal(await bal('1111'), 250_004);
      assert.equal(await bal('4212'), 4);
      assert.equal(await bal('3311'), 250_000);
      assert.equal(await bal('3318'), 0);
      for (const a of ['5111', '5112', '6118']) assert.equal(await bal(a), 0, a);
      // The social fund is untouched.
      assert.equal(await bal('1112'), 188_000);
      assert.equal(await bal('4121'), 188_000);
      // M5 starts cycle 2 with 10 shares; her savings on the day are 250,000.
      const next = await app.savings.cycle(sctx, 'VS-01-C2');
      assert.equal(next.sharePrice, 25_000);
      const savings = await app.savings.balanceAsOf(sctx, { person: m(5) }, '2026-12-20');
      assert.equal(savings.total, 250_000);
      // Before the share-out she had 60 × 20,000 = 1,200,000.
      assert.equal((await app.savings.balanceAsOf(sctx, { person: m(5) }, '2026-12-10')).total, 1_200_000);
      // A second share-out of the same cycle is refused.
      assert.deepEqual(
        (await refusalsOf(app.savings.shareOut(sctx, { cycle, date: '2026-12-21' }))).map((x) => x.code),
        ['savings_cycle_closed'],
      );
    });

    test('the passbook of M1 and the indicators of Q2 2026', async () => {
      const pb = await app.savings.passbook(sctx, { group: 'VS-01', person: m(1) });
      const c1 = pb.lines.filter((l) => l.cycle === cycle);
      assert.equal(c1.length, 12);
      // After meeting 3: 3 shares, 60,000 savings, 150,000 borrowed.
      assert.deepEqual(
        [c1[2]!.sharesTotal, c1[2]!.shareSavings, c1[2]!.loanOutstanding],
        [3, 60_000, 150_000],
      );
      assert.deepEqual([c1[5]!.loanOutstanding, c1[11]!.shareSavings], [0, 240_000]);
      assert.deepEqual(pb.shareOuts, [{ cycle, date: '2026-12-20', shares: 12, amount: 241_521 }]);
      const ind = await app.savings.indicators(sctx, { quarter: '2026-Q2' });
      const g = ind.groups[0]!;
      // Q2 = meetings 4, 5, 6: 30 lines, 29 present (M10 absent at meeting 4) → 96.7 %.
      assert.equal(g.attendancePct, '96.7');
      assert.equal(g.members, 10);
      assert.equal(g.womenPct, '100.0');
      // Savings at 30/06 (6 meetings): 6 × 30 − 5 = 175 shares × 20,000 = 3,500,000.
      assert.equal(g.savings, 3_500_000);
      // Loans outstanding at 30/06: M5 owes 600,000 − 4 × 100,000 = 200,000; M1 repaid.
      assert.equal(g.loansOutstanding, 200_000);
      assert.equal(g.par30Pct, '0.0');
      // Social fund at 30/06: (60 − 1) × 2,000 = 118,000.
      assert.equal(g.socialFund, 118_000);
      // Q2 income: service charges of meetings 4–6 (M5: 7,500 + 6,000 + 4,500; M1: 2,250 + 1,500 + 750)
      // = 22,500, + the fine 10,000 = 32,500.
      // Assets at 30/06 = loan box + social box + loans outstanding
      //   = (3,500,000 + charges to date 9,000 + 22,500 + fine 10,000 − 200,000 lent) + 118,000 + 200,000
      //   = 3,659,500. ROA = 32,500 × 4 ÷ 3,659,500 = 3.552… % → 3.6 (one decimal, half up).
      assert.equal(g.netIncome, 32_500);
      assert.equal(g.assets, 3_659_500);
      assert.equal(g.roaAnnualisedPct, '3.6');
    });
  });
}
