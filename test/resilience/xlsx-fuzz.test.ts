/**
 * Must show 3, workbooks: mutated .xlsx fed to every import that reads one (xlsx-importers.ts).
 * Two kinds of mutation: cells (odd values, formulas, errors, dates, huge texts, rows added or
 * removed, the sheet renamed) in a workbook exceljs can still open, and bytes (flipped, cut,
 * overwritten) in the zip itself. Properties as for CSV and JSON: imported whole or refused whole
 * with catalogued reasons, nothing else thrown, the database unchanged on refusal.
 *
 * No import reads .xlsx on main yet, so a reference import that lives only here (a sheet with the
 * journal CSV's columns, imported through the journal import) keeps the harness itself tested.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CellValue } from 'exceljs';
import fc from 'fast-check';
import type { Ctx } from '../../src/app/context.ts';
import { csvField, JOURNAL_CSV_COLUMNS } from '../../src/app/ledger/export.ts';
import { importJournalCsv } from '../../src/app/ledger/import-csv.ts';
import ExcelJS from '../../src/app/registry/import/exceljs.ts';
import { type Refusal, RefusedError } from '../../src/domain/refusal.ts';
import { describeRefusal, REFUSAL_TEXTS } from '../../src/i18n/catalogue.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { seedCommune } from '../helpers/fixtures.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { FUZZ, mutatedBytes, nastyText, runs } from './mutate.ts';
import { XLSX_IMPORTERS, type XlsxImporter } from './xlsx-importers.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('every module under src/ that reads a workbook is listed for the fuzz test', () => {
  const readers = sources(join(ROOT, 'src'))
    .filter((f) => /\.xlsx\.(load|read)\(|readFile\(.*\.xlsx/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));
  const listed = new Set(XLSX_IMPORTERS.map((i) => i.module));
  assert.deepEqual(
    readers.filter((r) => !listed.has(r)),
    [],
    'add these imports to test/resilience/xlsx-importers.ts',
  );
});

/** A sheet with the journal CSV's columns, read with exceljs and imported as a journal CSV. */
const referenceImporter: XlsxImporter = {
  name: 'journal sheet (reference, test only)',
  module: 'test/resilience/xlsx-fuzz.test.ts',
  setUp: async (app) => seedCommune(app),
  sample: async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhật ký');
    ws.addRow([...JOURNAL_CSV_COLUMNS]);
    ws.addRow([1, 'quy-htnd', '02/01/2025', 'capital', 'Vốn huyện cấp', 'PT-01', '111', '', 100_000_000, '']);
    ws.addRow([
      1,
      'quy-htnd',
      '02/01/2025',
      'capital',
      'Vốn huyện cấp',
      'PT-01',
      '4113',
      '',
      '',
      100_000_000,
    ]);
    ws.addRow([
      2,
      'quy-htnd',
      new Date('2025-01-15'),
      'disbursement',
      'Cho vay',
      'PC-01',
      '1311',
      'HH-0001',
      '40.000.000',
      '',
    ]);
    ws.addRow([
      2,
      'quy-htnd',
      new Date('2025-01-15'),
      'disbursement',
      'Cho vay',
      'PC-01',
      '111',
      '',
      '',
      '40.000.000',
    ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
  run: async (app: App, ctx: Ctx, workbook: Buffer) => {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(workbook as unknown as ArrayBuffer);
    } catch (e) {
      throw new RefusedError([
        { code: 'file_unreadable', field: 'file', value: String((e as Error)?.message ?? e).slice(0, 120) },
      ]);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new RefusedError([{ code: 'file_unreadable', field: 'file', value: 'no sheet' }]);
    const lines: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= JOURNAL_CSV_COLUMNS.length; c++) {
        const v = row.getCell(c).value;
        const text =
          v instanceof Date
            ? Number.isNaN(v.getTime())
              ? 'ngày hỏng'
              : v.toISOString().slice(0, 10)
            : v !== null && typeof v === 'object'
              ? 'result' in v
                ? String(v.result ?? '')
                : 'text' in v
                  ? String(v.text)
                  : 'richText' in v
                    ? v.richText.map((r) => r.text).join('')
                    : JSON.stringify(v)
              : String(v ?? '');
        cells.push(csvField(text));
      }
      lines.push(cells.join(','));
    });
    return importJournalCsv(app.store, app.ledger.env, ctx, `${lines.join('\n')}\n`);
  },
};

/** Odd things a treasurer's spreadsheet can hold in a cell. */
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  nastyText,
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.date({ noInvalidDate: true }),
  fc.constantFrom<CellValue>(
    null,
    true,
    { formula: '1/0', result: { error: '#DIV/0!' } } as CellValue,
    { formula: 'SUM(A1:A2)', result: 7 } as CellValue,
    { error: '#N/A' } as CellValue,
    { richText: [{ text: '1.000' }, { text: '.000' }] } as CellValue,
    { text: 'liên kết', hyperlink: 'https://example.org' } as CellValue,
    'x'.repeat(5_000),
  ),
);

type CellOp =
  | { kind: 'set'; row: number; col: number; value: CellValue }
  | { kind: 'addRow'; values: CellValue[] }
  | { kind: 'spliceRow'; row: number }
  | { kind: 'rename'; name: string };

const cellOp: fc.Arbitrary<CellOp> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    row: fc.integer({ min: 1, max: 8 }),
    col: fc.integer({ min: 1, max: 12 }),
    value: cellValue,
  }),
  fc.record({ kind: fc.constant('addRow' as const), values: fc.array(cellValue, { maxLength: 12 }) }),
  fc.record({ kind: fc.constant('spliceRow' as const), row: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('rename' as const), name: fc.string({ minLength: 1, maxLength: 20 }) }),
);

async function mutateCells(sample: Buffer, ops: readonly CellOp[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(sample as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  for (const op of ops) {
    if (op.kind === 'set') ws.getCell(op.row, op.col).value = op.value;
    else if (op.kind === 'addRow') ws.addRow(op.values);
    else if (op.kind === 'spliceRow') ws.spliceRows(op.row, 1);
    else
      try {
        ws.name = op.name;
      } catch {
        // exceljs refuses some sheet names itself; the workbook keeps its name.
      }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function assertCatalogued(refusals: readonly Refusal[]): void {
  assert.ok(refusals.length > 0);
  for (const r of refusals) {
    assert.ok(REFUSAL_TEXTS[r.code], `refusal code ${r.code} has no text`);
    assert.ok(describeRefusal(r, 'vi').endsWith(`[${r.code}]`));
  }
}

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

for (const importer of [referenceImporter, ...XLSX_IMPORTERS])
  for (const engine of importer === referenceImporter ? [sqlite] : ENGINES)
    describe(`fuzz: mutated workbooks into ${importer.name} [${engine.kind}]`, { skip: engine.skip }, () => {
      let app: App;
      let done: () => Promise<void>;
      let sample: Buffer;
      const ctx: Ctx = { tenant: 'huong-son', actor: 'fuzz' };
      before(async () => {
        ({ app, done } = await freshApp(engine));
        await importer.setUp(app, ctx);
        sample = await importer.sample();
      });
      after(() => done());

      const check = async (workbook: Buffer) => {
        const before = await snapshot(app.store);
        try {
          await importer.run(app, ctx, workbook);
        } catch (e) {
          if (!(e instanceof RefusedError))
            throw new Error(`not a refusal: ${(e as Error)?.stack ?? String(e)}`);
          assertCatalogued(e.refusals);
          assert.equal(await snapshot(app.store), before, 'a refused workbook wrote something');
        }
      };
      const n = engine.kind === 'sqlite' ? 1 : 0.25;

      test('the sample workbook imports', async () => {
        await importer.run(app, ctx, sample);
      });

      test('cells mutated: imported whole or refused whole', { timeout: 300_000 }, () =>
        fc.assert(
          fc.asyncProperty(fc.array(cellOp, { minLength: 1, maxLength: 6 }), async (ops) =>
            check(await mutateCells(sample, ops)),
          ),
          { numRuns: runs(60 * n), seed: FUZZ.seed, endOnFailure: true, includeErrorInReport: true },
        ),
      );

      test('bytes mutated: refused whole, never a crash', { timeout: 300_000 }, async () => {
        const bytes = mutatedBytes(sample);
        await fc.assert(fc.asyncProperty(bytes, check), {
          numRuns: runs(60 * n),
          seed: FUZZ.seed,
          endOnFailure: true,
          includeErrorInReport: true,
        });
      });
    });
