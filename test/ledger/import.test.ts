/**
 * Journal CSV import: all rows or none; a dry run lists every bad row with its column and rule;
 * re-importing the same file posts nothing; an export imports back into a fresh commune with the
 * same trial balance.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exportJournal } from '../../src/app/ledger/export.ts';
import { importJournalCsv } from '../../src/app/ledger/import-csv.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedCommune } from '../helpers/fixtures.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { postVariedJournal } from '../helpers/stream.ts';

const GOOD = `entry,book,date,kind,memo,document_no,account,party,debit,credit
1,quy-htnd,02/01/2025,capital,"Vốn huyện cấp, đợt 1",PT-01,111,,100.000.000,
1,quy-htnd,02/01/2025,capital,"Vốn huyện cấp, đợt 1",PT-01,4113,,,100.000.000
2,quy-htnd,15/01/2025,disbursement,Cho vay hộ Vương Đình Soạn,PC-01,1311,HH-0001,40.000.000,
2,quy-htnd,15/01/2025,disbursement,Cho vay hộ Vương Đình Soạn,PC-01,111,,,40.000.000
3,quy-htnd,2025-02-10,repayment,Thu nợ,PT-02,111,,5.000.000,
3,quy-htnd,2025-02-10,repayment,Thu nợ,PT-02,1311,HH-0001,,5.000.000
`;

// Row numbers as a spreadsheet shows them: the header is row 1.
const BAD = `entry,book,date,kind,memo,document_no,account,party,debit,credit
1,quy-htnd,02/01/2025,capital,Vốn,PT-01,111,,"1,5",
1,quy-htnd,02/01/2025,capital,Vốn,PT-01,4113,,,100
2,quy-htnd,31/02/2025,general,Ngày sai,,111,,100,
2,quy-htnd,31/02/2025,general,Ngày sai,,4113,,,100
3,quy-htnd,2025-03-01,general,Lệch,,111,,100,
3,quy-htnd,2025-03-01,general,Lệch,,4113,,,90
4,quy-htnd,2025-03-01,general,TK lạ,,999,,100,
4,quy-htnd,2025-03-01,general,TK lạ,,4113,,,100
5,quy-htnd,2025-03-01,general,Thiếu đối tượng,,1311,,100,
5,quy-htnd,2025-03-01,general,Thiếu đối tượng,,111,,,100
6,quy-htnd,2025-03-01,general,Cả hai cột,,111,,100,100
6,quy-htnd,2025-03-01,general,Cả hai cột,,4113,,,100
7,so-khong-co,2025-03-01,general,Sổ lạ,,111,,100,
7,so-khong-co,2025-03-01,general,Sổ lạ,,4113,,,100
8,quy-htnd,2025-03-01,hoi-lo,Loại lạ,,111,,100,
8,quy-htnd,2025-03-01,hoi-lo,Loại lạ,,4113,,,100
9,quy-htnd,2025-03-01,general,Chữ,,111,,một trăm,
9,quy-htnd,2025-03-01,general,Chữ,,4113,,,100
`;

for (const engine of ENGINES) {
  describe(`journal CSV import [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedCommune(app);
    });
    after(() => done());

    test('a dry run lists every bad row with its column and rule, and writes nothing', async () => {
      const before = await snapshot(app.store);
      const report = await importJournalCsv(app.store, app.ledger.env, ctx, BAD, { dryRun: true });
      assert.equal(report.rows, 18);
      const found = report.refusals.map((r) => `${r.row}:${r.field}:${r.code}`);
      assert.deepEqual(found, [
        '2:debit:amount_not_whole_dong',
        '4:date:date_invalid',
        '5:date:date_invalid',
        '6:postings:entry_unbalanced',
        '8:account:account_unknown',
        '10:party:party_required',
        '12:debit:debit_or_credit',
        '14:book:book_unknown',
        '16:kind:kind_unknown',
        '17:kind:kind_unknown',
        '18:debit:amount_not_whole_dong',
      ]);
      assert.equal(await snapshot(app.store), before);
    });

    test('a real import of a file with one bad row writes nothing', async () => {
      const before = await snapshot(app.store);
      const oneBad = GOOD.replace('5.000.000,\n', '5.000.000,5\n');
      await assert.rejects(
        importJournalCsv(app.store, app.ledger.env, ctx, oneBad),
        (e: unknown) => e instanceof RefusedError && e.refusals[0]?.row === 6,
      );
      assert.equal(await snapshot(app.store), before);
    });

    test('a good file imports whole; the same file again posts nothing', async () => {
      const report = await importJournalCsv(app.store, app.ledger.env, ctx, GOOD);
      assert.equal(report.entries, 3);
      assert.equal(report.result?.replayed, false);
      // Cash: 100.000.000 − 40.000.000 + 5.000.000 = 65.000.000; HH-0001 owes 35.000.000.
      assert.equal((await app.ledger.balance(ctx, { book: 'quy-htnd', account: '111' })).balance, 65_000_000);
      assert.equal(
        (await app.ledger.balance(ctx, { book: 'quy-htnd', account: '1311', party: 'HH-0001' })).balance,
        35_000_000,
      );
      const before = await snapshot(app.store);
      const again = await importJournalCsv(app.store, app.ledger.env, ctx, GOOD);
      assert.equal(again.result?.replayed, true);
      assert.equal(await snapshot(app.store), before);
    });

    test('an export imports back into a fresh commune with the same trial balance', async () => {
      const source = await freshApp(engine);
      try {
        await seedCommune(source.app);
        await postVariedJournal(source.app, 150);
        let csv = '';
        await exportJournal(source.app.store, ctx, 'csv', (t) => {
          csv += t;
        });
        const target = await freshApp(engine);
        try {
          await seedCommune(target.app);
          await target.app.ledger.createBook(ctx, { code: 'uy-thac-hpn', template: 'vbsp-entrusted' });
          const r = await importJournalCsv(target.app.store, target.app.ledger.env, ctx, csv);
          assert.equal(r.entries, 151);
          const a = await source.app.ledger.trialBalance(ctx, {});
          const b = await target.app.ledger.trialBalance(ctx, {});
          assert.deepEqual(b.rows, a.rows);
        } finally {
          await target.done();
        }
      } finally {
        await source.done();
      }
    });
  });
}
