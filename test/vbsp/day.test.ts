/**
 * The transaction day through the service, on every engine: a month of two groups recorded from
 * their collection sheets (form 13/TD), handed over, their fee and commission booked and paid, and
 * the bank's statement reconciled (must show 1 and 2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { entryKind, entryLines, refusedCodes } from '../loans/fixture.ts';
import { csv, ctx, HEADER, LOANS, seedDay, VBSP } from './fixture.ts';

const feb = (id: string) => LOANS.find((l) => l.id === id)!.feb;

for (const engine of ENGINES) {
  describe(`VBSP transaction day [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedDay(app);
    });
    after(() => done());

    test('the calendar lists the point’s day in each month, the 15th', async () => {
      const days = await app.vbsp.calendar(ctx, { from: '2025-02-16', months: 3 });
      assert.deepEqual(
        days.map((d) => [d.point, d.date, d.groups.join(',')]),
        [
          ['dgd-huong-son', '2025-03-15', 'TK-01,TK-02'],
          ['dgd-huong-son', '2025-04-15', 'TK-01,TK-02'],
          ['dgd-huong-son', '2025-05-15', 'TK-01,TK-02'],
        ],
      );
    });

    test('the sheet of February is prefilled from the loans: interest due on 10/02 per borrower', async () => {
      const s = await app.vbsp.sheet(ctx, { group: 'TK-01', month: '2025-02' });
      assert.equal(s.date, '2025-02-15'); // the point's day
      assert.equal(s.book, VBSP);
      assert.equal(s.recorded, null);
      assert.deepEqual(
        s.lines.map((l) => [l.loan, l.agreementNo, l.outstanding, l.interestDue]),
        [
          ['V-01', 'KU-0001', 50_000_000, 280_274],
          ['V-02', 'KU-0002', 30_000_000, 168_164],
          ['V-03', 'KU-0003', 20_000_000, 112_110],
        ],
      );
      // 280,274 + 168,164 + 112,110 = 560,548
      assert.equal(s.totals.interestDue, 560_548);
      assert.ok(
        s.lines.every((l) => l.borrower !== ''),
        'borrowers named from the registry',
      );
    });

    test('a sheet with one bad line is refused whole: nothing written', async () => {
      const before = await snapshot(app.store);
      const codes = await refusedCodes(
        app.vbsp.recordSheet(ctx, {
          group: 'TK-01',
          month: '2025-02',
          date: '2025-02-15',
          lines: [
            { loan: 'V-01', interest: feb('V-01'), savings: 50_000 },
            // 168,165 is one đồng more than V-02 owes.
            { loan: 'V-02', interest: 168_165 },
            { loan: 'V-04', interest: 1_000 }, // TK-02's loan
          ],
        }),
      );
      assert.deepEqual(codes, ['vbsp_interest_exceeds_due', 'vbsp_loan_not_in_group']);
      assert.equal(await snapshot(app.store), before);
    });

    test('must show 2 (part): recording, hand-over with a shortage kept visible', async () => {
      // TK-01 pays everything due and saves; TK-02's V-05 pays nothing this month.
      const r1 = await app.vbsp.recordSheet(ctx, {
        group: 'TK-01',
        month: '2025-02',
        date: '2025-02-15',
        documentNo: '13/TD-TK01-02',
        idempotencyKey: 'sheet-tk01-2025-02',
        lines: [
          { loan: 'V-01', interest: 280_274, savings: 100_000 },
          { loan: 'V-02', interest: 168_164, savings: 50_000 },
          { loan: 'V-03', interest: 112_110, savings: 20_000 },
        ],
      });
      // 280,274 + 168,164 + 112,110 = 560,548 interest; 100,000 + 50,000 + 20,000 = 170,000 savings
      assert.deepEqual(r1.totals, {
        interestDue: 560_548,
        interest: 560_548,
        savings: 170_000,
        principalFromSavings: 0,
      });
      // A replay of the same request posts nothing and answers the same.
      const again = await app.vbsp.recordSheet(ctx, {
        group: 'TK-01',
        month: '2025-02',
        date: '2025-02-15',
        documentNo: '13/TD-TK01-02',
        idempotencyKey: 'sheet-tk01-2025-02',
        lines: [
          { loan: 'V-01', interest: 280_274, savings: 100_000 },
          { loan: 'V-02', interest: 168_164, savings: 50_000 },
          { loan: 'V-03', interest: 112_110, savings: 20_000 },
        ],
      });
      assert.equal(again.replayed, true);
      assert.deepEqual(again.entries, r1.entries);
      // The savings entry: Dr 111 170,000 / Cr 3382 per loan.
      const deposit = [];
      for (const e of r1.entries) if ((await entryKind(app, e)) === 'deposit') deposit.push(e);
      assert.equal(deposit.length, 1);
      assert.deepEqual(await entryLines(app, deposit[0]!), [
        '111=170000',
        '3382:V-01=-100000',
        '3382:V-02=-50000',
        '3382:V-03=-20000',
      ]);
      // Principal from savings before its instalment is due would first settle the interest
      // accrued since 10/02 (the engine's prepayment rule): refused, the sheet keeps to principal.
      assert.deepEqual(
        await refusedCodes(
          app.vbsp.recordSheet(ctx, {
            group: 'TK-02',
            month: '2025-02',
            date: '2025-02-15',
            lines: [{ loan: 'V-04', interest: 224_219, principalFromSavings: 1_000_000 }],
          }),
        ),
        ['vbsp_principal_before_interest'],
      );

      await app.vbsp.recordSheet(ctx, {
        group: 'TK-02',
        month: '2025-02',
        date: '2025-02-15',
        lines: [{ loan: 'V-04', interest: 224_219, savings: 30_000 }],
      });
      assert.deepEqual(
        await refusedCodes(
          app.vbsp.recordSheet(ctx, {
            group: 'TK-02',
            month: '2025-02',
            date: '2025-02-15',
            lines: [{ loan: 'V-05', interest: 56_055 }],
          }),
        ),
        ['vbsp_sheet_exists'],
      );

      // TK-01 hands over 730,000 of the 730,548 expected (560,548 + 170,000): 548 short.
      const h = await app.vbsp.handOver(ctx, {
        group: 'TK-01',
        month: '2025-02',
        date: '2025-02-15',
        counted: 730_000,
      });
      assert.equal(h.expected_dong, 730_548);
      assert.equal(h.difference_dong, -548);
      const [handover, short] = JSON.parse(h.entries) as string[];
      assert.deepEqual(await entryLines(app, handover!), [
        '111=-730548',
        '3381:V-01=280274',
        '3381:V-02=168164',
        '3381:V-03=112110',
        '3382:V-01=100000',
        '3382:V-02=50000',
        '3382:V-03=20000',
      ]);
      // The leader owes the 548 đ (1388) and they are still owed to the bank (3388).
      assert.equal(await entryKind(app, short!), 'cash_difference');
      assert.deepEqual(await entryLines(app, short!), ['1388:TK-01=548', '3388:TK-01=-548']);
      const view = await app.vbsp.sheet(ctx, { group: 'TK-01', month: '2025-02' });
      assert.equal(view.handover?.difference_dong, -548);
      // TK-02 hands over exactly: 224,219 + 30,000 = 254,219.
      const h2 = await app.vbsp.handOver(ctx, {
        group: 'TK-02',
        month: '2025-02',
        date: '2025-02-15',
        counted: 254_219,
      });
      assert.equal(h2.difference_dong, 0);
      assert.equal((JSON.parse(h2.entries) as string[]).length, 1);
    });

    test('must show 2: fee and commission, worked, booked and paid', async () => {
      assert.deepEqual(
        await refusedCodes(app.vbsp.bookFees(ctx, { group: 'TK-01', month: '2025-02', date: '2025-02-15' })),
        ['vbsp_rate_missing'],
      );
      const incomeBefore = -(
        (await app.ledger.trialBalance(ctx, { book: VBSP })).rows.find((r) => r.account === '5111')?.net ?? 0
      );
      await app.vbsp.addFeeRate(ctx, {
        from: '2025-01-01',
        fee: '6,5',
        commission: '12,5',
        note: 'Hợp đồng ủy thác 2025 (ví dụ)',
      });
      await app.vbsp.addFeeRate(ctx, { from: '2025-03-01', fee: '7', commission: '0,0835' });
      // TK-01, February: base = interest collected = 560,548.
      // fee        = 560,548 × 6.5 %  = 36,435.62 → 36,436 (half up)
      // commission = 560,548 × 12.5 % = 70,068.5  → 70,069 (half up: exactly one half rounds up)
      const f = await app.vbsp.bookFees(ctx, { group: 'TK-01', month: '2025-02', date: '2025-02-15' });
      assert.deepEqual(
        [f.base_dong, f.fee_ppm, f.commission_ppm, f.fee_dong, f.commission_dong],
        [560_548, 65_000, 125_000, 36_436, 70_069],
      );
      const [booked] = JSON.parse(f.booked_entries) as string[];
      // Dr 1381 106,505 (36,436 + 70,069) / Cr 5111 36,436 (income) / Cr 3384 TK-01 70,069 (owed to the leader)
      assert.deepEqual(await entryLines(app, booked!), ['1381=106505', '3384:TK-01=-70069', '5111=-36436']);
      // TK-02: base 224,219 (V-05 paid nothing). fee = 224,219 × 6.5 % = 14,574.235 → 14,574;
      // commission = 224,219 × 12.5 % = 28,027.375 → 28,027.
      const f2 = await app.vbsp.bookFees(ctx, { group: 'TK-02', month: '2025-02', date: '2025-02-15' });
      assert.deepEqual([f2.base_dong, f2.fee_dong, f2.commission_dong], [224_219, 14_574, 28_027]);
      assert.deepEqual(
        await refusedCodes(app.vbsp.bookFees(ctx, { group: 'TK-02', month: '2025-02', date: '2025-02-15' })),
        ['vbsp_fee_exists'],
      );
      const paid = await app.vbsp.payFees(ctx, { group: 'TK-01', month: '2025-02', date: '2025-02-15' });
      const [fromBank, toLeader] = JSON.parse(paid.paid_entries!) as string[];
      assert.deepEqual(await entryLines(app, fromBank!), ['111=106505', '1381=-106505']);
      assert.equal(await entryKind(app, toLeader!), 'commission');
      assert.deepEqual(await entryLines(app, toLeader!), ['111=-70069', '3384:TK-01=70069']);
      assert.deepEqual(
        await refusedCodes(app.vbsp.payFees(ctx, { group: 'TK-01', month: '2025-02', date: '2025-02-16' })),
        ['vbsp_fee_paid'],
      );
      // The income account holds both groups' fees: 36,436 + 14,574 = 51,010.
      const tb = await app.ledger.trialBalance(ctx, { book: VBSP });
      assert.equal(tb.rows.find((r) => r.account === '5111')?.net, -(incomeBefore + 51_010));
    });

    test('must show 1: the statement disagrees in three known ways and exactly those come back', async () => {
      // Soquy on 28/02/2025 (end of day): every loan at its amount; interest paid through 10/02 except V-05, which owes 56,055.
      // The bank's statement: KU-0005 is missing, KU-0002 shows 29,000,000 outstanding, and the
      // bank sees 5,000,000 overdue on KU-0001 where soquy has none.
      const file = csv([
        HEADER,
        [1, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', '50.000.000', '5.000.000', 0, 0],
        [2, 'KU-0002', 'Trần Thị Bình', 'Hộ nghèo', '29.000.000', 0, 0, 0],
        [3, 'KU-0003', 'Lê Đình Soạn', 'Hộ nghèo', '20.000.000', 0, 0, 0],
        [4, 'KU-0004', 'Phạm Thị Cúc', 'Hộ nghèo', '40.000.000', 0, 0, 0],
      ]);
      const imported = await app.vbsp.importStatement(ctx, {
        book: VBSP,
        asOf: '2025-02-28',
        fileName: 'sao-ke-02-2025.csv',
        content: file,
      });
      assert.equal(imported.rows, 4);
      const before = await snapshot(app.store);
      const r = await app.vbsp.reconcile(ctx, imported.statement);
      assert.deepEqual(
        r.differences.map((d) => [d.agreementNo, d.kind, d.bank, d.soquy]),
        [
          ['KU-0001', 'overdue_status', 5_000_000, 0],
          ['KU-0002', 'outstanding', 29_000_000, 30_000_000],
          ['KU-0005', 'missing_in_statement', null, 10_000_000],
        ],
      );
      assert.equal(r.matched, 2);
      // 50,000,000 + 30,000,000 + 20,000,000 + 40,000,000 + 10,000,000 = 150,000,000
      assert.equal(r.totals.soquy.outstanding, 150_000_000);
      // 50,000,000 + 29,000,000 + 20,000,000 + 40,000,000 = 139,000,000
      assert.equal(r.totals.bank.outstanding, 139_000_000);
      assert.equal(r.totals.soquy.interestDue, 56_055);
      // Reconciling changes nothing; a difference is resolved by a note.
      assert.equal(await snapshot(app.store), before);
      await app.vbsp.addNote(ctx, {
        statement: imported.statement,
        agreementNo: 'KU-0002',
        kind: 'outstanding',
        note: 'Ngân hàng ghi nhầm 1.000.000 trả gốc của KU-0003; đã báo NHCSXH',
      });
      assert.equal((await app.vbsp.reconcile(ctx, imported.statement)).notes.length, 1);
    });

    test('an agreement the bank has and soquy does not: refused, or kept as a difference when asked', async () => {
      const file = csv([
        HEADER,
        [1, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', '50.000.000', 0, 0, 0],
        [2, 'KU-9999', 'Đỗ Văn Tùng', 'Hộ nghèo', '15.000.000', 0, 0, 0],
      ]);
      assert.deepEqual(
        await refusedCodes(
          app.vbsp.importStatement(ctx, { book: VBSP, asOf: '2025-02-28', fileName: 's.csv', content: file }),
        ),
        ['vbsp_agreement_unknown'],
      );
      const kept = await app.vbsp.importStatement(ctx, {
        book: VBSP,
        asOf: '2025-02-28',
        fileName: 's.csv',
        content: file,
        acceptUnknown: true,
      });
      const r = await app.vbsp.reconcile(ctx, kept.statement);
      assert.deepEqual(
        r.differences.map((d) => [d.agreementNo, d.kind]),
        [
          ['KU-0002', 'missing_in_statement'],
          ['KU-0003', 'missing_in_statement'],
          ['KU-0004', 'missing_in_statement'],
          ['KU-0005', 'missing_in_statement'],
          ['KU-9999', 'missing_in_soquy'],
        ],
      );
    });

    test('the monthly lists: overdue, idle, maturing, and the report by organisation and group', async () => {
      // On 31/03/2025 V-05 has paid nothing since its disbursement: the interest of 10/02 and
      // 10/03 is owed, no principal is overdue (principal falls due every month? no: the
      // programme's default), so it is not on the overdue list; nothing is idle before 3 months.
      const m = await app.vbsp.monthly(ctx, { asOf: '2025-03-31' });
      assert.equal(m.maturingUntil, '2025-06-30');
      assert.equal(m.idleSince, '2024-12-31');
      assert.deepEqual(
        m.idle.map((r) => r.loan_id),
        [],
      );
      // 150,000,000 outstanding in all, one organisation, two groups.
      assert.equal(m.total?.outstanding, 150_000_000);
      assert.deepEqual(
        m.byOrganisation.map((r) => [r.key, r.loans, r.outstanding]),
        [['hnd', 5, 150_000_000]],
      );
      assert.deepEqual(
        m.byGroup.map((r) => [r.key, r.loans, r.outstanding]),
        [
          ['TK-01', 3, 100_000_000],
          ['TK-02', 2, 50_000_000],
        ],
      );
      // By 30/04/2025 nothing was paid or lent since 15/02 on V-05 nor since 10/01: V-05's last
      // transaction is its disbursement, 10/01/2025, more than 3 months before.
      const later = await app.vbsp.monthly(ctx, { asOf: '2025-04-30' });
      assert.deepEqual(
        later.idle.map((r) => r.loan_id),
        ['V-05'],
      );
      // Loans run 36 months: maturing in the 3 months after 30/09/2027 means 10/01/2028 is not, 31/10/2027 + 3 = 31/01/2028 is.
      const end = await app.vbsp.monthly(ctx, { asOf: '2027-10-31' });
      assert.deepEqual(end.maturing.map((r) => [r.loan_id, r.maturity]).slice(0, 1), [
        ['V-01', '2028-01-10'],
      ]);
    });

    test('principal from savings on the instalment day: interest first, then the overdue principal, paid at the bank', async () => {
      // V-01's first principal part, 8,333,333 (50,000,000 / 6 rounded down), fell due on 10/07/2025;
      // on 15/07 it is overdue. The July sheet collects all the interest owed, then the principal
      // from the borrower's savings at the bank.
      const s = await app.vbsp.sheet(ctx, { group: 'TK-01', month: '2025-07' });
      const v01 = s.lines.find((l) => l.loan === 'V-01')!;
      // Interest of 10/02–10/07 unpaid: 253,151 + 280,274 + 271,233 + 280,274 + 271,233 = 1,356,165,
      // plus the overdue interest on 8,333,333, overdue from 11/07, for the 4 days before the
      // 15th (a payment on the 15th owes no interest for that day): 8,333,333 × 0.066 × 1.3 × 4 / 365
      // = 7,835.62 → 7,836. Total 1,356,165 + 7,836 = 1,364,001.
      assert.equal(v01.interestDue, 1_364_001);
      const r = await app.vbsp.recordSheet(ctx, {
        group: 'TK-01',
        month: '2025-07',
        date: '2025-07-15',
        lines: [{ loan: 'V-01', interest: v01.interestDue, principalFromSavings: 8_333_333 }],
      });
      const last = r.entries[r.entries.length - 1]!;
      // Paid at the bank: memo lines only (Cr 002 overdue principal / Dr 009), no cash.
      assert.deepEqual(await entryLines(app, last), ['002:V-01=-8333333', '009=8333333']);
      // 50,000,000 − 8,333,333 = 41,666,667
      assert.equal((await app.loans.state(ctx, 'V-01', '2025-07-15')).outstanding, 41_666_667);
    });
  });
}
