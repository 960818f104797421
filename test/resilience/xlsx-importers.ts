/**
 * Every import of soquy that reads .xlsx, for xlsx-fuzz.test.ts to feed mutated workbooks to.
 * xlsx-fuzz.test.ts fails while a module under src/ reads workbooks without being listed here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../../src/app/context.ts';
import ExcelJS from '../../src/app/registry/import/exceljs.ts';
import { importRegistryFile } from '../../src/app/registry/import/import.ts';
import type { App } from '../../src/main/app.ts';
import { seedRegistry } from '../helpers/registry.ts';
import { seedDay as seedVbspDay, VBSP, HEADER as VBSP_HEADER } from '../vbsp/fixture.ts';

export interface XlsxImporter {
  readonly name: string;
  /** The module under src/ that reads the workbook, relative to the project (`src/app/…`). */
  readonly module: string;
  /** Sets up what the import needs in a fresh commune `huong-son` (organisations, villages). */
  setUp(app: App, ctx: Ctx): Promise<void>;
  /** A good workbook for the import: where every mutation starts. */
  sample(): Promise<Buffer>;
  /** Runs the import for real (not a dry run); refuses by throwing RefusedError. */
  run(app: App, ctx: Ctx, workbook: Buffer): Promise<unknown>;
}

/** The registry's import (households, people, poverty decisions, memberships) takes a file path. */
const registryImport: XlsxImporter = {
  name: 'registry import',
  module: 'src/app/registry/import/sheets.ts',
  setUp: (app) => seedRegistry(app),
  sample: async () => {
    const wb = new ExcelJS.Workbook();
    const households = wb.addWorksheet('Danh sách hộ');
    households.addRow(['DANH SÁCH HỘ GIA ĐÌNH XÃ HƯƠNG SƠN NĂM 2025']);
    households.addRow([
      'STT',
      'Mã hộ',
      'Họ và tên chủ hộ',
      'Thôn',
      'Năm sinh',
      'Giới tính',
      'Số CCCD',
      'Tình trạng nghèo',
      'Ngày quyết định',
      'Số giấy chứng nhận',
    ]);
    const heads = ['Vương Đình Soạn', 'Nguyễn Thị Hoa', 'Lê Văn Tám', 'Phạm Thị Lan'];
    for (const [i, name] of heads.entries())
      households.addRow([
        i + 1,
        `HS-${String(i + 1).padStart(4, '0')}`,
        name,
        ['Đức Khê', 'Tuy Lai', 'Yến Vĩ'][i % 3],
        1960 + i * 5,
        i % 2 === 0 ? 'Nam' : 'Nữ',
        `00108${String(i + 1).padStart(7, '0')}`,
        i === 0 ? 'Hộ nghèo' : 'Không thuộc diện',
        '15/12/2024',
        i === 0 ? 'GCN-2024/0001' : null,
      ]);
    const people = wb.addWorksheet('Nhân khẩu');
    people.addRow(['Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', 'Giới tính', 'Số CCCD']);
    people.addRow(['HS-0001', 'Vương Thị Mai', 'Vợ', 1962, 'Nữ', null]);
    people.addRow(['HS-0002', 'Trần Văn Nam', 'Chồng', 1963, 'Nam', null]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
  run: async (app, ctx, workbook) => {
    const dir = mkdtempSync(join(tmpdir(), 'soquy-xlsx-'));
    try {
      const file = join(dir, 'ho-gia-dinh.xlsx');
      writeFileSync(file, workbook);
      return await importRegistryFile(app.registry, ctx, file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** The VBSP statement (sao kê): the first sheet, one row per loan, read from a buffer. */
const vbspStatementImport: XlsxImporter = {
  name: 'VBSP statement import',
  module: 'src/app/vbsp/statement-file.ts',
  setUp: (app) => seedVbspDay(app),
  sample: async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sao kê');
    ws.addRow(['SAO KÊ DƯ NỢ ỦY THÁC ĐẾN NGÀY 28/02/2025']);
    ws.addRow(VBSP_HEADER);
    ws.addRow([1, 'KU-0001', 'Nguyễn Văn An', 'Hộ nghèo', 50_000_000, 0, 0, 280_274]);
    ws.addRow([2, 'KU-0002', 'Trần Thị Bình', 'Hộ nghèo', '30.000.000', 0, 0, '168.164']);
    ws.addRow([3, 'KU-0005', 'Vương Thị Hoa', 'Hộ nghèo', 10_000_000, 1_000_000, 0, 56_055]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
  run: (app, ctx, workbook) =>
    app.vbsp.importStatement(ctx, {
      book: VBSP,
      asOf: '2025-02-28',
      fileName: 'sao-ke.xlsx',
      content: workbook,
    }),
};

export const XLSX_IMPORTERS: readonly XlsxImporter[] = [registryImport, vbspStatementImport];
