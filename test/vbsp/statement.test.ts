/**
 * Must show 3: bad statement files — wrong columns, unknown agreement numbers, duplicate rows,
 * amounts with decimals or text — are refused row by row and change nothing, from .csv and .xlsx,
 * on every engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from '../../src/app/registry/import/exceljs.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import { describeRefusal } from '../../src/i18n/catalogue.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { csv, ctx, HEADER, seedDay, VBSP } from './fixture.ts';

async function refusals(p: Promise<unknown>): Promise<Array<[number | undefined, string, string, unknown]>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RefusedError) return e.refusals.map((r) => [r.row, r.code, r.field, r.value]);
    throw e;
  }
  return assert.fail('expected a refusal');
}

async function xlsx(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sao kê');
  ws.addRow(['SAO KÊ DƯ NỢ ỦY THÁC ĐẾN NGÀY 28/02/2025 – HỘI NÔNG DÂN XÃ HƯƠNG SƠN']);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const engine of ENGINES) {
  describe(`VBSP statement import refusals [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let before0: string;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedDay(app);
      before0 = await snapshot(app.store);
    });
    after(() => done());

    const run = (fileName: string, content: Buffer) =>
      app.vbsp.importStatement(ctx, { book: VBSP, asOf: '2025-02-28', fileName, content });

    test('wrong columns: an unknown column and two missing ones, named at the header row', async () => {
      const file = csv([
        ['STT', 'Số khế ước', 'Người vay', 'Số CCCD', 'Dư nợ', 'Lãi phải thu'],
        [1, 'KU-0001', 'Nguyễn Văn An', '001080000001', '50.000.000', 0],
      ]);
      assert.deepEqual(await refusals(run('s.csv', file)), [
        [1, 'vbsp_column_unknown', 'header', 'Số CCCD'],
        [1, 'vbsp_column_missing', 'programme', 'Chương trình'],
        [1, 'vbsp_column_missing', 'overdue', 'Nợ quá hạn'],
        [1, 'vbsp_column_missing', 'frozen', 'Nợ khoanh'],
      ]);
      assert.deepEqual(
        await refusals(
          run(
            's.csv',
            csv([
              ['Họ tên', 'Số tiền'],
              ['A', 1],
            ]),
          ),
        ),
        [[undefined, 'vbsp_header_missing', 'header', null]],
      );
    });

    test('unknown agreements, duplicates, decimals and text: every bad row named, nothing written', async () => {
      const file = csv([
        HEADER,
        [1, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', '50.000.000', 0, 0, 0],
        [2, 'KU-0404', 'Không có', 'Hộ nghèo', '10.000.000', 0, 0, 0],
        [3, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', '50.000.000', 0, 0, 0],
        [4, 'KU-0002', 'Trần Thị Bình', 'Hộ nghèo', '30000000,5', 0, 0, 0],
        [5, 'KU-0003', 'Lê Đình Soạn', 'Hộ nghèo', 'hai mươi triệu', 0, 0, '1.5'],
        [6, 'KU-0004', 'Phạm Thị Cúc', 'Hộ nghèo', '-40.000.000', 0, 0, 0],
        [7, 'KU-0005', 'Vương Thị Hoa', 'Hộ nghèo', '10.000.000', '8.000.000', '5.000.000', 0],
        [8, '', 'Không số', 'Hộ nghèo', '1.000.000', 0, 0, 0],
      ]);
      assert.deepEqual(await refusals(run('sao-ke.csv', file)), [
        [3, 'vbsp_agreement_unknown', 'agreementNo', 'KU-0404'],
        [4, 'vbsp_agreement_duplicate', 'agreementNo', 'KU-0001'],
        [5, 'vbsp_amount_invalid', 'outstanding', '30000000,5'],
        [6, 'vbsp_amount_invalid', 'outstanding', 'hai mươi triệu'],
        [6, 'vbsp_amount_invalid', 'interestDue', '1.5'],
        [7, 'vbsp_amount_invalid', 'outstanding', '-40.000.000'],
        // 8,000,000 overdue + 5,000,000 frozen = 13,000,000 > 10,000,000 outstanding
        [8, 'vbsp_parts_exceed_outstanding', 'overdue', 13_000_000],
        [9, 'vbsp_agreement_invalid', 'agreementNo', ''],
      ]);
      assert.equal(await snapshot(app.store), before0);
      assert.deepEqual(await app.vbsp.statements(ctx), []);
    });

    test('from .xlsx: a decimal number cell and a text amount are refused with their row', async () => {
      const file = await xlsx([
        HEADER,
        [1, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', 50_000_000, 0, 0, 0],
        [2, 'KU-0002', 'Trần Thị Bình', 'Hộ nghèo', 30_000_000.5, 0, 0, 0],
        [3, 'KU-0003', 'Lê Đình Soạn', 'Hộ nghèo', 20_000_000, 0, 0, 'không'],
        [4, 'KU-0002', 'Trần Thị Bình', 'Hộ nghèo', 30_000_000, 0, 0, 0],
      ]);
      // Row 1 is the title, row 2 the header: data rows are 3–6 as Excel shows them.
      assert.deepEqual(await refusals(run('sao-ke.xlsx', file)), [
        [4, 'vbsp_amount_invalid', 'outstanding', 30_000_000.5],
        [5, 'vbsp_amount_invalid', 'interestDue', 'không'],
        [6, 'vbsp_agreement_duplicate', 'agreementNo', 'KU-0002'],
      ]);
      assert.deepEqual(await refusals(run('sao-ke.xlsx', Buffer.from('PK\u0003\u0004 not a zip'))), [
        [
          undefined,
          'file_unreadable',
          'file',
          (await refusals(run('sao-ke.xlsx', Buffer.from('PK\u0003\u0004 not a zip'))))[0]![3],
        ],
      ]);
      assert.deepEqual(
        (await refusals(run('sao-ke.pdf', Buffer.from('%PDF')))).map((r) => r[1]),
        ['format_unknown'],
      );
      assert.equal(await snapshot(app.store), before0);
    });

    test('a refusal reads in Vietnamese and English with its row, field and value', async () => {
      const file = csv([HEADER, [1, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', '50000000,5', 0, 0, 0]]);
      try {
        await run('s.csv', file);
        assert.fail('expected a refusal');
      } catch (e) {
        const r = (e as RefusedError).refusals[0]!;
        assert.match(
          describeRefusal(r, 'vi'),
          /^Dòng 2 · Dư nợ = "50000000,5": số tiền phải là số đồng nguyên/,
        );
        assert.match(
          describeRefusal(r, 'en'),
          /^Row 2 · Outstanding = "50000000,5": an amount must be whole đồng/,
        );
      }
    });

    test('a good .xlsx statement imports; its figures are kept as the bank printed them', async () => {
      const file = await xlsx([
        HEADER,
        [1, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', 50_000_000, 0, 0, '280.274'],
        [2, 'KU-0002', 'Trần Thị Bình', 'Hộ nghèo', '30.000.000', 0, 0, 168_164],
      ]);
      const r = await run('sao-ke.xlsx', file);
      assert.equal(r.rows, 2);
      const rec = await app.vbsp.reconcile(ctx, r.statement);
      // Nothing paid in February in this commune: soquy owes the same interest as the bank says.
      assert.deepEqual(
        rec.differences.map((d) => [d.agreementNo, d.kind]),
        [
          ['KU-0003', 'missing_in_statement'],
          ['KU-0004', 'missing_in_statement'],
          ['KU-0005', 'missing_in_statement'],
        ],
      );
    });
  });
}
