/**
 * The life of loans through the service, on every engine: each step's journal entry (the accounts
 * an auditor would look for), the worked examples end to end, risk treatments with their cause,
 * approver, document and loss, closure, and the VBSP hand-over.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { ctx, entryKind, entryLines, FSF, lend, refusedCodes, seedLoans, VBSP } from './fixture.ts';

for (const engine of ENGINES) {
  describe(`loan lifecycle [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedLoans(app);
    });
    after(() => done());

    test('worked example A through the service: 36 on-time payments, 5,768,218 đ interest', async () => {
      const id = await lend(app, {
        id: 'A-01',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-001',
        amount: 50_000_000,
        date: '2025-01-10',
        termMonths: 36,
        group: 'TK-01',
        village: 'duc-khe',
      });
      // Approval books the commitment; disbursement turns it into the bank's loan (memo accounts:
      // the bank owns it): Dr 001 / Cr 009, and Cr 007 / Dr 0082.
      const events = (await app.loans.show(ctx, id, '2025-01-10')).events;
      assert.deepEqual(
        events.map((e) => [e.kind, e.approver]),
        [
          ['apply', null],
          ['approve', 'Chủ tịch Hội Nông dân xã'],
          ['disburse', null],
        ],
      );
      assert.deepEqual(await entryLines(app, `${VBSP}#${events[1]!.entries[0]}`), [
        '007:A-01=50000000',
        '0082=-50000000',
      ]);
      assert.deepEqual(await entryLines(app, `${VBSP}#${events[2]!.entries[0]}`), [
        '001:A-01=50000000',
        '007:A-01=-50000000',
        '0082=50000000',
        '009=-50000000',
      ]);

      const s = await app.loans.schedule(ctx, id);
      assert.equal(s.totalInterest, 5_768_218);
      // The first payment: 280,274 đ interest, booked as accrued (Dr 005 / Cr 0081) then collected
      // for the bank: Dr 111 / Cr 3381 (a liability until handed over), memo Cr 005 / Dr 0081.
      const first = await app.loans.repay(ctx, {
        loan: id,
        date: '2025-02-10',
        amount: 280_274,
        documentNo: 'PT-0001',
      });
      assert.deepEqual(first.allocation.parts, {
        overdue_interest: 0,
        interest_due: 280_274,
        overdue_principal: 0,
        principal_due: 0,
        accrued_interest: 0,
        prepayment: 0,
      });
      assert.deepEqual(first.entries.length, 2);
      assert.equal(await entryKind(app, first.entries[0]!), 'interest');
      assert.deepEqual(await entryLines(app, first.entries[0]!), ['005:A-01=280274', '0081=-280274']);
      assert.equal(await entryKind(app, first.entries[1]!), 'repayment');
      assert.deepEqual(await entryLines(app, first.entries[1]!), [
        '005:A-01=-280274',
        '0081=280274',
        '111=280274',
        '3381:A-01=-280274',
      ]);
      for (const row of s.projection.slice(1)) {
        const r = await app.loans.repay(ctx, { loan: id, date: row.date, amount: row.total });
        assert.equal(r.allocation.interest, row.interest, row.date);
        assert.equal(r.allocation.principal, row.principal, row.date);
      }
      const end = await app.loans.state(ctx, id, '2028-01-10');
      assert.deepEqual(
        [end.status, end.outstanding, end.interest.paid, end.principalPaid],
        ['repaid', 0, 5_768_218, 50_000_000],
      );
      // Principal went to 3383, interest to 3381: 55,768,218 đ to hand over to the bank.
      const handed = await app.loans.handOver(ctx, { book: VBSP, date: '2028-01-10', documentNo: 'GNT-01' });
      assert.deepEqual([handed.total, handed.loans], [55_768_218, 1]);
      const collected = await app.ledger.balance(ctx, { book: VBSP, account: '3381', party: id });
      assert.equal(collected.balance, 0);
      assert.deepEqual(await refusedCodes(app.loans.handOver(ctx, { book: VBSP, date: '2028-01-10' })), [
        'nothing_to_hand_over',
      ]);
      const closed = await app.loans.close(ctx, { loan: id, date: '2028-01-15' });
      assert.deepEqual(closed.entries, []); // nothing left to move: the closure is an event only
      assert.deepEqual(
        await refusedCodes(app.loans.repay(ctx, { loan: id, date: '2028-02-01', amount: 1 })),
        ['loan_closed'],
      );
    });

    test('a missed instalment: only it turns overdue, then the late payment clears it in order', async () => {
      const id = await lend(app, {
        id: 'B-01',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-002',
        amount: 12_000_000,
        date: '2025-01-10',
        termMonths: 12,
        principalEveryMonths: 1,
        group: 'TK-01',
        village: 'duc-khe',
      });
      await app.loans.repay(ctx, { loan: id, date: '2025-02-10', amount: 1_067_266 });
      // 20/03: the 10/03 instalment is 10 days overdue; 1,000,000 × 8.58 % × 10 / 365 = 2,351.
      const v = await app.loans.state(ctx, id, '2025-03-20');
      assert.deepEqual(
        [v.principal.overdue, v.principal.current, v.daysPastDue, v.overdueInterest.unpaid, v.interest.due],
        [1_000_000, 10_000_000, 10, 2_351, 55_693],
      );
      const overdue = await app.loans.overdue(ctx, { asOf: '2025-03-20' });
      assert.deepEqual(
        overdue.rows.map((r) => [r.loan_id, r.overdue_dong, r.days_past_due, r.bucket]),
        [['B-01', 1_000_000, 10, '1-30']],
      );

      // 25/03: 3,291 overdue interest + 55,693 interest due + 1,000,000 overdue principal.
      const r = await app.loans.repay(ctx, {
        loan: id,
        date: '2025-03-25',
        amount: 1_058_984,
        documentNo: 'PT-0101',
      });
      assert.deepEqual(r.allocation.parts, {
        overdue_interest: 3_291,
        interest_due: 55_693,
        overdue_principal: 1_000_000,
        principal_due: 0,
        accrued_interest: 0,
        prepayment: 0,
      });
      assert.deepEqual(r.principalByClass, { current: 0, overdue: 1_000_000, extended: 0, frozen: 0 });
      // Catch-up first: the missed part moves to overdue (001 → 002), interest accrued to the day
      // (55,693 due + 27,304 accruing = 82,997) and overdue interest (3,291) are booked.
      assert.deepEqual(r.entries.length, 3);
      assert.deepEqual(await entryLines(app, r.entries[0]!), ['001:B-01=-1000000', '002:B-01=1000000']);
      assert.deepEqual(await entryLines(app, r.entries[1]!), [
        '005:B-01=82997',
        '006:B-01=3291',
        '0081=-86288',
      ]);
      assert.deepEqual(await entryLines(app, r.entries[2]!), [
        '002:B-01=-1000000',
        '005:B-01=-55693',
        '006:B-01=-3291',
        '0081=58984',
        '009=1000000',
        '111=1058984',
        '3381:B-01=-58984',
        '3383:B-01=-1000000',
      ]);
      const after = await app.loans.state(ctx, id, '2025-03-25');
      assert.deepEqual([after.daysPastDue, after.principal.overdue, after.outstanding], [0, 0, 10_000_000]);

      // A prepayment on 10/04: interest 56,236 + principal due 1,000,000 + 2,000,000 ahead.
      const pre = await app.loans.repay(ctx, { loan: id, date: '2025-04-10', amount: 3_056_236 });
      assert.deepEqual(
        [
          pre.allocation.parts.interest_due,
          pre.allocation.parts.principal_due,
          pre.allocation.parts.prepayment,
          pre.outstandingAfter,
        ],
        [56_236, 1_000_000, 2_000_000, 7_000_000],
      );
      const may = await app.loans.state(ctx, id, '2025-05-10');
      assert.deepEqual([may.dues.principal_due, may.interest.due], [0, 37_973]);
    });

    test('an extension records its cause and moves the extended principal to its own class', async () => {
      const id = await lend(app, {
        id: 'C-01',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-003',
        amount: 50_000_000,
        date: '2025-01-10',
        termMonths: 36,
        group: 'TK-02',
        village: 'thon-1',
      });
      for (const [d, i] of [
        ['2025-02-10', 280_274],
        ['2025-03-10', 253_151],
        ['2025-04-10', 280_274],
        ['2025-05-10', 271_233],
        ['2025-06-10', 280_274],
        ['2025-07-10', 271_233],
      ] as const)
        await app.loans.repay(ctx, { loan: id, date: d, amount: i });
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(
          app.loans.extend(ctx, {
            loan: id,
            date: '2025-07-20',
            months: 6,
            approver: 'Giám đốc PGD NHCSXH',
            documentNo: 'GH-01',
            lossDong: 20_000_000,
          }),
        ),
        ['risk_cause_required'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.loans.extend(ctx, {
            loan: id,
            date: '2025-07-20',
            months: 13,
            cause: 'Hạn hán',
            approver: 'Giám đốc PGD',
            documentNo: 'GH-01',
            lossDong: 20_000_000,
          }),
        ),
        ['months_out_of_range'],
      );
      assert.equal(await snapshot(app.store), before);
      const r = await app.loans.extend(ctx, {
        loan: id,
        date: '2025-07-20',
        months: 6,
        cause: 'Hạn hán, mất mùa lúa',
        causeKind: 'disaster',
        approver: 'Giám đốc PGD NHCSXH',
        documentNo: 'GH-01',
        lossDong: 20_000_000,
      });
      assert.deepEqual([r.due, r.newDue], ['2025-07-10', '2026-01-10']);
      const ext = r.entries.at(-1)!;
      assert.equal(await entryKind(app, ext), 'extension');
      assert.deepEqual(await entryLines(app, ext), ['002:C-01=-8333333', '004:C-01=8333333']);
      const ev = (await app.loans.show(ctx, id, '2025-07-20')).events.at(-1)!;
      assert.deepEqual(
        [ev.kind, ev.causeText, ev.causeKind, ev.approver, ev.documentNo, ev.lossDong],
        ['extend', 'Hạn hán, mất mùa lúa', 'disaster', 'Giám đốc PGD NHCSXH', 'GH-01', 20_000_000],
      );
      const v = await app.loans.state(ctx, id, '2025-07-31');
      assert.deepEqual(
        [v.principal.extended, v.principal.overdue, v.overdueInterest.unpaid],
        [8_333_333, 0, 17_630],
      );
    });

    test('a freeze after a fire, renewed, then a write-off and closure (Farmers Support Fund)', async () => {
      const id = await lend(app, {
        id: 'D-01',
        programme: 'fsf',
        book: FSF,
        household: 'HH-004',
        amount: 45_000_000,
        date: '2025-01-05',
        termMonths: 36,
        source: 'district',
        group: 'KH-01',
        village: 'duc-khe',
      });
      // Own fund: the loan is the fund's asset, paid out of its cash: Dr 1311 / Cr 111.
      const disb = (await app.loans.show(ctx, id, '2025-01-05')).events.at(-1)!;
      assert.deepEqual(await entryLines(app, `${FSF}#${disb.entries[0]}`), [
        '007:D-01=-45000000',
        '0082=45000000',
        '111=-45000000',
        '1311:D-01=45000000',
      ]);
      for (const d of ['2025-04-05', '2025-07-05', '2025-10-05']) {
        const r = await app.loans.repay(ctx, { loan: id, date: d, amount: 945_000 });
        assert.equal(r.allocation.parts.interest_due, 945_000);
      }
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(
          app.loans.freeze(ctx, {
            loan: id,
            date: '2025-12-15',
            months: 12,
            approver: 'Chủ tịch HND',
            documentNo: 'KN-01',
            lossDong: 120_000_000,
          }),
        ),
        ['risk_cause_required'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.loans.freeze(ctx, {
            loan: id,
            date: '2025-12-15',
            months: 12,
            shockId: 'SK-000001',
            approver: '',
            documentNo: '',
            lossDong: 120_000_000,
          }),
        ),
        ['approver_required', 'document_required'],
      );
      assert.equal(await snapshot(app.store), before);
      // The registry's shock event SK-000001: the fire of 14/12/2025 at Duc Khe.
      const f = await app.loans.freeze(ctx, {
        loan: id,
        date: '2025-12-15',
        months: 12,
        shockId: 'SK-000001',
        cause: 'Cháy nhà 14/12/2025',
        causeKind: 'fire',
        approver: 'Chủ tịch HND',
        documentNo: 'KN-01',
        lossDong: 120_000_000,
      });
      assert.deepEqual([f.from, f.until], ['2025-12-15', '2026-12-15']);
      // Catch-up books the fee of 05/10 → 15/12 (70 days, 735,000 đ), then the freeze moves the
      // principal to the frozen class: Dr 1313 / Cr 1311.
      assert.deepEqual(await entryLines(app, f.entries[0]!), ['1318:D-01=735000', '5111=-735000']);
      assert.equal(await entryKind(app, f.entries[1]!), 'freeze');
      assert.deepEqual(await entryLines(app, f.entries[1]!), ['1311:D-01=-45000000', '1313:D-01=45000000']);
      const ev = (await app.loans.show(ctx, id, '2025-12-15')).events.at(-1)!;
      assert.deepEqual(
        [ev.causeShockId, ev.lossDong, ev.approver, ev.documentNo],
        ['SK-000001', 120_000_000, 'Chủ tịch HND', 'KN-01'],
      );

      const frozen = await app.loans.frozen(ctx, { asOf: '2026-06-30' });
      assert.deepEqual(
        frozen.rows.map((r) => [r.loan_id, r.frozen_dong, r.frozen_until]),
        [['D-01', 45_000_000, '2026-12-15']],
      );
      const mid = await app.loans.state(ctx, id, '2026-06-30');
      assert.deepEqual([mid.status, mid.interest.accrued, mid.interest.due], ['frozen', 735_000, 0]);
      assert.deepEqual(
        await refusedCodes(
          app.loans.freeze(ctx, {
            loan: id,
            date: '2026-06-30',
            months: 6,
            cause: 'x',
            approver: 'a',
            documentNo: 'd',
            lossDong: 0,
          }),
        ),
        ['loan_already_frozen'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.loans.freeze(ctx, {
            loan: id,
            renew: true,
            date: '2026-12-01',
            months: 6,
            shockId: 'SK-000001',
            approver: 'Chủ tịch HND',
            documentNo: 'KN-02',
            lossDong: 120_000_000,
          }),
        ),
        ['renewal_not_contiguous'],
      );
      const renewed = await app.loans.freeze(ctx, {
        loan: id,
        date: '2026-12-15',
        renew: true,
        months: 6,
        shockId: 'SK-000001',
        approver: 'Chủ tịch HND',
        documentNo: 'KN-02',
        lossDong: 120_000_000,
      });
      assert.deepEqual([renewed.from, renewed.until], ['2026-12-15', '2027-06-15']);

      const w = await app.loans.writeOff(ctx, {
        loan: id,
        date: '2027-03-01',
        cause: 'Chủ hộ qua đời',
        causeKind: 'death',
        approver: 'Ban đại diện HND tỉnh',
        documentNo: 'XN-01',
        lossDong: 45_735_000,
      });
      assert.deepEqual([w.principal, w.interest, w.overdueInterest], [45_000_000, 735_000, 0]);
      assert.equal(await entryKind(app, w.entries.at(-1)!), 'write_off');
      assert.deepEqual(await entryLines(app, w.entries.at(-1)!), [
        '1313:D-01=-45000000',
        '1318:D-01=-735000',
        '6112=45735000',
      ]);
      const wo = await app.loans.state(ctx, id, '2027-03-01');
      assert.deepEqual([wo.status, wo.outstanding], ['written_off', 0]);
      await app.loans.close(ctx, { loan: id, date: '2027-03-01', documentNo: 'TT-01' });
      assert.equal((await app.loans.state(ctx, id, '2027-03-02')).status, 'closed');
    });

    test('a term adjustment reschedules the unpaid principal within the maturity (điều chỉnh kỳ hạn nợ)', async () => {
      // 12,000,000 over 12 months, 1,000,000 a month; on 20/01/2025 the household's income is
      // seasonal, so the 12 parts become 6,000,000 on 10/06, 5,000,000 on 10/12 and 1,000,000 on
      // 10/01/2026 (the maturity): the same total, no later than the maturity.
      const id = await lend(app, {
        id: 'F-01',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-006',
        amount: 12_000_000,
        date: '2025-01-10',
        termMonths: 12,
        principalEveryMonths: 1,
        group: 'TK-02',
        village: 'thon-1',
      });
      const adjust = (instalments: Array<{ due: string; principal: number }>) =>
        app.loans.adjust(ctx, {
          loan: id,
          date: '2025-01-20',
          instalments,
          approver: 'Tổ trưởng, PGD NHCSXH',
          documentNo: 'ĐC-01',
        });
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(
          adjust([
            { due: '2025-06-10', principal: 6_000_000 },
            { due: '2025-12-10', principal: 5_000_000 },
          ]),
        ),
        ['adjustment_sum_mismatch'],
      );
      assert.deepEqual(
        await refusedCodes(
          adjust([
            { due: '2025-06-10', principal: 6_000_000 },
            { due: '2026-02-10', principal: 6_000_000 },
          ]),
        ),
        ['adjustment_date_invalid'],
      );
      assert.equal(await snapshot(app.store), before);
      const r = await adjust([
        { due: '2025-06-10', principal: 6_000_000 },
        { due: '2025-12-10', principal: 5_000_000 },
        { due: '2026-01-10', principal: 1_000_000 },
      ]);
      // Nothing changes class, so the only entry is the catch-up of the interest accrued to 20/01.
      assert.deepEqual(r.entries.length, 1);
      assert.equal(await entryKind(app, r.entries[0]!), 'interest');
      const s = await app.loans.state(ctx, id, '2025-02-10');
      assert.deepEqual(
        s.instalments.map((i) => [i.due, i.principal]),
        [
          ['2025-06-10', 6_000_000],
          ['2025-12-10', 5_000_000],
          ['2026-01-10', 1_000_000],
        ],
      );
      // Interest still falls due monthly: 12,000,000 × 6.6 % × 31 / 365 = 67,266 on 10/02.
      assert.deepEqual([s.dues.principal_due, s.interest.due], [0, 67_266]);
      const ev = (await app.loans.show(ctx, id, '2025-02-10')).events.at(-1)!;
      assert.deepEqual([ev.kind, ev.approver, ev.documentNo], ['adjust', 'Tổ trưởng, PGD NHCSXH', 'ĐC-01']);
    });

    test('a repayment reversed in the ledger (soquy reverse) counts as undone', async () => {
      const id = await lend(app, {
        id: 'G-01',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-007',
        amount: 12_000_000,
        date: '2025-01-10',
        termMonths: 12,
        principalEveryMonths: 1,
      });
      const paid = await app.loans.repay(ctx, { loan: id, date: '2025-02-10', amount: 1_067_266 });
      const [, seq] = paid.entries.at(-1)!.split('#');
      await app.ledger.reverse(ctx, {
        book: VBSP,
        seq: Number(seq),
        date: '2025-02-12',
        memo: 'Nhập nhầm phiếu thu',
      });
      // Undone from 12/02: the 10/02 instalment and its interest are owed again, and overdue.
      const v = await app.loans.state(ctx, id, '2025-02-12');
      assert.deepEqual(
        [v.outstanding, v.principal.overdue, v.interest.due, v.daysPastDue],
        [12_000_000, 1_000_000, 67_266, 2],
      );
      // The books hold it too, once brought up to the day.
      await app.loans.monthEnd(ctx, { asOf: '2025-02-12' });
      assert.equal((await app.loans.show(ctx, id, '2025-02-12')).booksInStep, true);
    });

    test('a loan approved for less than it disburses is closed with its commitment released', async () => {
      const r = await app.loans.apply(ctx, {
        id: 'E-01',
        programme: 'fsf',
        book: FSF,
        household: 'HH-005',
        amount: 30_000_000,
        date: '2025-02-01',
        termMonths: 12,
        source: 'province',
        group: 'KH-01',
        village: 'thon-1',
      });
      await app.loans.approve(ctx, {
        loan: r.loan,
        date: '2025-02-02',
        amount: 20_000_000,
        approver: 'Chủ tịch HND',
      });
      await app.loans.disburse(ctx, { loan: r.loan, date: '2025-02-05', amount: 12_000_000 });
      // A second tranche before the first principal date; then repaid in full early and closed.
      await app.loans.disburse(ctx, { loan: r.loan, date: '2025-03-05', amount: 3_000_000 });
      const p = await app.loans.state(ctx, r.loan, '2025-03-05');
      assert.deepEqual([p.disbursed, p.approved], [15_000_000, 20_000_000]);
      const owed = await app.loans.state(ctx, r.loan, '2025-06-04');
      // Pay everything owed at the start of 05/06: principal + fee accrued to 04/06 inclusive.
      const pay = owed.outstanding + owed.interest.due + owed.interest.accrued;
      const paid = await app.loans.repay(ctx, { loan: r.loan, date: '2025-06-05', amount: pay });
      assert.equal(paid.outstandingAfter, 0);
      const c = await app.loans.close(ctx, { loan: r.loan, date: '2025-06-05' });
      // 5,000,000 approved and never disbursed: the commitment is released (Cr 007 / Dr 0082).
      assert.deepEqual(await entryLines(app, c.entries[0]!), ['007:E-01=-5000000', '0082=5000000']);
    });
  });
}
