/**
 * Reading a treasurer's spreadsheet: `.xlsx` through exceljs's streaming reader (memory stays
 * flat for 100,000 rows), `.csv` through csv-parse (comma, semicolon or tab, with or without a
 * byte-order mark). Each sheet is recognised by its headers, Vietnamese or English, matched
 * without accents or case; a title row or two above the header is skipped.
 */
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { Refusal } from '../../../domain/refusal.ts';
import { REGISTRY_LIMITS } from '../../../domain/registry/limits.ts';
import { nameKey } from '../../../domain/registry/names.ts';
import ExcelJS, { streamingReaderSafe } from './exceljs.ts';

export type ColumnKey =
  | 'householdId'
  | 'headName'
  | 'village'
  | 'address'
  | 'phone'
  | 'birthYear'
  | 'sex'
  | 'idNumber'
  | 'status'
  | 'decidedOn'
  | 'certificateNo'
  | 'standard'
  | 'incomeDong'
  | 'policies'
  | 'personId'
  | 'fullName'
  | 'relation'
  | 'organisation'
  | 'groupId'
  | 'joinedOn'
  | 'leftOn';

/** The header each column is written with on export, Vietnamese first. */
export const COLUMN_HEADERS: Readonly<Record<ColumnKey, string>> = {
  householdId: 'Mã hộ',
  headName: 'Họ và tên chủ hộ',
  village: 'Thôn',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  birthYear: 'Năm sinh',
  sex: 'Giới tính',
  idNumber: 'Số CCCD',
  status: 'Tình trạng nghèo',
  decidedOn: 'Ngày quyết định',
  certificateNo: 'Số giấy chứng nhận',
  standard: 'Chuẩn nghèo',
  incomeDong: 'Thu nhập bình quân (đ/người/tháng)',
  policies: 'Đối tượng chính sách',
  personId: 'Mã người',
  fullName: 'Họ và tên',
  relation: 'Quan hệ với chủ hộ',
  organisation: 'Tổ chức',
  groupId: 'Mã tổ',
  joinedOn: 'Ngày vào',
  leftOn: 'Ngày ra',
};

/** Other headers treasurers and English users write, as search keys (accents and case ignored). */
const ALIASES: Readonly<Record<ColumnKey, readonly string[]>> = {
  householdId: ['ma ho', 'ma ho gia dinh', 'household id', 'household code', 'household'],
  headName: [
    'ho va ten chu ho',
    'ho ten chu ho',
    'ten chu ho',
    'chu ho',
    'head',
    'head name',
    'head of household',
  ],
  village: ['thon', 'thon xom', 'xom', 'thon to dan pho', 'village'],
  address: ['dia chi', 'address'],
  phone: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'phone', 'phone number'],
  birthYear: ['nam sinh', 'birth year', 'year of birth'],
  sex: ['gioi tinh', 'sex', 'gender'],
  idNumber: [
    'so cccd',
    'cccd',
    'so cmnd',
    'cmnd',
    'so cccd cmnd',
    'cccd cmnd',
    'so dinh danh',
    'id number',
    'national id',
  ],
  status: ['tinh trang ngheo', 'tinh trang', 'phan loai ho', 'poverty status', 'status'],
  decidedOn: ['ngay quyet dinh', 'ngay qd', 'decision date', 'decided on'],
  certificateNo: ['so giay chung nhan', 'so gcn', 'certificate no', 'certificate number'],
  standard: ['chuan ngheo', 'poverty standard', 'standard'],
  incomeDong: [
    'thu nhap binh quan d nguoi thang',
    'thu nhap binh quan',
    'thu nhap binh quan dau nguoi',
    'thu nhap',
    'income',
    'income per person',
  ],
  policies: ['doi tuong chinh sach', 'chinh sach', 'policy', 'policies', 'policy categories'],
  personId: ['ma nguoi', 'ma nhan khau', 'person id'],
  fullName: ['ho va ten', 'ho ten', 'full name', 'name'],
  relation: ['quan he voi chu ho', 'quan he', 'relation', 'relationship'],
  organisation: ['to chuc', 'hoi', 'doan the', 'organisation', 'organization'],
  groupId: ['ma to', 'ma nhom', 'to nhom', 'group id', 'group'],
  joinedOn: ['ngay vao', 'ngay tham gia', 'joined on', 'join date'],
  leftOn: ['ngay ra', 'ngay roi', 'left on', 'leave date'],
};

/** Headers that carry nothing to import: a row counter, notes. */
const IGNORED = new Set(['stt', 'tt', 'so tt', 'ghi chu', 'note', 'notes', 'no']);

const BY_KEY = new Map<string, ColumnKey>();
for (const [column, keys] of Object.entries(ALIASES) as Array<[ColumnKey, readonly string[]]>) {
  BY_KEY.set(nameKey(COLUMN_HEADERS[column]), column);
  for (const k of keys) BY_KEY.set(k, column);
}

export type SheetKind = 'households' | 'people' | 'statuses' | 'memberships';

/** What each kind of sheet may hold; a sheet is recognised by its required columns. */
export const SHEET_COLUMNS: Readonly<Record<SheetKind, readonly ColumnKey[]>> = {
  households: [
    'householdId',
    'headName',
    'village',
    'address',
    'phone',
    'birthYear',
    'sex',
    'idNumber',
    'status',
    'decidedOn',
    'certificateNo',
    'standard',
    'incomeDong',
    'policies',
  ],
  people: [
    'householdId',
    'personId',
    'fullName',
    'relation',
    'birthYear',
    'sex',
    'idNumber',
    'phone',
    'policies',
  ],
  statuses: ['householdId', 'status', 'decidedOn', 'certificateNo', 'standard', 'incomeDong'],
  memberships: [
    'personId',
    'idNumber',
    'householdId',
    'fullName',
    'organisation',
    'groupId',
    'joinedOn',
    'leftOn',
  ],
};

/** The sheet names the export writes (and a reader sees in Excel's tabs). */
export const SHEET_NAMES: Readonly<Record<SheetKind, string>> = {
  households: 'Hộ',
  people: 'Nhân khẩu',
  statuses: 'Tình trạng nghèo',
  memberships: 'Thành viên',
};

function classify(columns: ReadonlySet<ColumnKey>): SheetKind | null {
  const has = (c: ColumnKey) => columns.has(c);
  if ((has('organisation') || has('groupId')) && has('joinedOn')) return 'memberships';
  if (has('householdId') && has('headName') && has('village')) return 'households';
  if (has('householdId') && has('status') && has('decidedOn') && !has('fullName')) return 'statuses';
  if (has('householdId') && has('fullName')) return 'people';
  return null;
}

/** One data row: its number as the spreadsheet shows it, and its cells by column. */
export interface DataRow {
  readonly row: number;
  readonly cells: Partial<Record<ColumnKey, unknown>>;
}

export interface Sheet {
  readonly name: string;
  readonly kind: SheetKind;
  readonly headerRow: number;
  readonly columns: readonly ColumnKey[];
  readonly rows: readonly DataRow[];
}

export interface ReadResult {
  readonly format: 'xlsx' | 'csv';
  readonly sheets: readonly Sheet[];
  /** Sheets with content but no recognised header: reported, not imported. */
  readonly skipped: readonly string[];
  /** Problems with the file or its headers (row = the header row). */
  readonly refusals: readonly Refusal[];
  readonly rows: number;
}

/** Rows above the header we look through for it (a title, a date line). */
const HEADER_SEARCH_ROWS = 10;

/** A sheet being read: rows arrive one at a time. */
class SheetBuilder {
  #pending: Array<{ row: number; cells: unknown[] }> = [];
  #header: { row: number; map: Array<ColumnKey | null>; kind: SheetKind } | null = null;
  readonly rows: DataRow[] = [];
  readonly refusals: Refusal[] = [];

  constructor(readonly name: string) {}

  get hasContent(): boolean {
    return this.#pending.length > 0;
  }

  add(row: number, cells: unknown[]): void {
    if (cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '')))
      return;
    if (this.#header) {
      const out: Partial<Record<ColumnKey, unknown>> = {};
      this.#header.map.forEach((column, i) => {
        if (column !== null) out[column] = cells[i] ?? null;
      });
      this.rows.push({ row, cells: out });
      return;
    }
    if (this.#pending.length >= HEADER_SEARCH_ROWS) return;
    this.#pending.push({ row, cells });
    this.#tryHeader(row, cells);
  }

  #tryHeader(row: number, cells: unknown[]): void {
    const keys = cells.map((c) =>
      typeof c === 'string' ? nameKey(c) : typeof c === 'number' ? String(c) : '',
    );
    const columns = keys.map((k) => BY_KEY.get(k) ?? null);
    const kind = classify(new Set(columns.filter((c): c is ColumnKey => c !== null)));
    if (!kind) return;
    const allowed = new Set(SHEET_COLUMNS[kind]);
    const seen = new Set<ColumnKey>();
    const map = columns.map((column, i) => {
      const text = String(cells[i] ?? '').trim();
      if (column === null) {
        if (keys[i] !== '' && !IGNORED.has(keys[i]!))
          this.refusals.push({
            code: 'column_unknown',
            field: kind,
            value: text,
            row,
            params: {
              sheet: this.name,
              allowed: SHEET_COLUMNS[kind].map((c) => COLUMN_HEADERS[c]).join(', '),
            },
          });
        return null;
      }
      if (!allowed.has(column)) {
        this.refusals.push({
          code: 'column_not_in_sheet',
          field: `${kind}.${column}`,
          value: text,
          row,
          params: { sheet: this.name },
        });
        return null;
      }
      if (seen.has(column)) {
        this.refusals.push({
          code: 'column_duplicate',
          field: `${kind}.${column}`,
          value: text,
          row,
          params: { sheet: this.name },
        });
        return null;
      }
      seen.add(column);
      return column;
    });
    this.#header = { row, map, kind };
  }

  /** The sheet, or null when no header was recognised (an instructions sheet, a chart). */
  finish(): Sheet | null {
    if (!this.#header) return null;
    return {
      name: this.name,
      kind: this.#header.kind,
      headerRow: this.#header.row,
      columns: this.#header.map.filter((c): c is ColumnKey => c !== null),
      rows: this.rows,
    };
  }
}

/** What exceljs gives for a cell, reduced to text, number, boolean or Date. */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o['richText']))
    return (o['richText'] as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('result' in o) return cellValue(o['result']);
  if ('text' in o) return cellValue(o['text']);
  if ('error' in o) return String(o['error']);
  return null;
}

function tooMany(rows: number): Refusal {
  return { code: 'too_many', field: 'file', value: rows, params: { max: REGISTRY_LIMITS.importRowsMax } };
}

/**
 * Reads a workbook row by row with the streaming reader (memory stays flat), unless that reader
 * is not safe for it: when exceljs loaded before our UTF-8 fix (see ./exceljs.ts), or when the
 * zip was itself written as a stream (entries with data descriptors, general-purpose flag bit 3,
 * as exceljs's own streaming writer and some other tools make them), which the streaming
 * reader's unzipper reads unreliably (it lost xl/workbook.xml in about 1 read in 20). Excel and
 * LibreOffice write sizes up front. Any failure of the streaming reader falls back to the
 * whole-file reader, which reads the zip's central directory.
 */
export async function readXlsx(path: string): Promise<ReadResult> {
  if (!streamingReaderSafe || writtenAsStream(path) || !(await zipIsWhole(path))) return readXlsxWhole(path);
  const streamed = await readXlsxStreaming(path);
  return streamed.refusals.some((r) => r.code === 'file_unreadable') ? readXlsxWhole(path) : streamed;
}

/** CRC-32 (IEEE), as zip entries carry it; zlib.crc32 needs Node 22. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(crc: number, chunk: Buffer): number {
  let c = ~crc >>> 0;
  for (const byte of chunk) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * True when the zip is whole: its central directory reads, and every entry is stored or
 * deflated, at a local header that agrees, and inflates to the size and CRC-32 the directory
 * records. The streaming reader's unzipper never settles on a damaged zip (an unknown compression
 * method, a corrupt deflate stream: found by test/resilience/xlsx-fuzz.test.ts): the import
 * waited for ever (a CLI run ended with Node's "unsettled top-level await", a server request
 * hung). A zip that is not whole goes to the whole-file reader, which refuses it as
 * `file_unreadable`. One inflating pass, entry by entry, in flat memory; ZIP64 archives take the
 * whole-file path.
 */
async function zipIsWhole(path: string): Promise<boolean> {
  const fd = openSync(path, 'r');
  const entries: Array<{ method: number; start: number; compressed: number; size: number; crc: number }> = [];
  try {
    const fileSize = fstatSync(fd).size;
    const tailLength = Math.min(fileSize, 65_557);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, fileSize - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > tail.length) return false;
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0 || directoryOffset + directorySize > fileSize) return false;
    const directory = Buffer.alloc(directorySize);
    if (readSync(fd, directory, 0, directorySize, directoryOffset) < directorySize) return false;
    const local = Buffer.alloc(30);
    for (let i = 0, p = 0; i < count; i++) {
      if (p + 46 > directory.length || directory.readUInt32LE(p) !== 0x02014b50) return false;
      const method = directory.readUInt16LE(p + 10);
      const offset = directory.readUInt32LE(p + 42);
      if ((method !== 0 && method !== 8) || offset + 30 > fileSize) return false;
      if (readSync(fd, local, 0, 30, offset) < 30) return false;
      if (local.readUInt32LE(0) !== 0x04034b50 || local.readUInt16LE(8) !== method) return false;
      const start = offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const compressed = directory.readUInt32LE(p + 20);
      if (start + compressed > fileSize) return false;
      entries.push({
        method,
        start,
        compressed,
        size: directory.readUInt32LE(p + 24),
        crc: directory.readUInt32LE(p + 16),
      });
      p +=
        46 + directory.readUInt16LE(p + 28) + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    }
  } finally {
    closeSync(fd);
  }
  for (const e of entries) {
    if (e.compressed === 0) {
      if (e.size !== 0) return false;
      continue;
    }
    const raw = createReadStream(path, { start: e.start, end: e.start + e.compressed - 1 });
    const data = e.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    let crc = 0;
    let size = 0;
    try {
      for await (const chunk of data as AsyncIterable<Buffer>) {
        crc = crc32(crc, chunk);
        size += chunk.length;
        if (size > e.size) break;
      }
    } catch {
      raw.destroy();
      return false;
    }
    raw.destroy();
    if (size !== e.size || crc !== e.crc) return false;
  }
  return true;
}

/** True when the first zip entry has a data descriptor (sizes written after the data). */
function writtenAsStream(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    if (readSync(fd, head, 0, 8, 0) < 8 || head.readUInt32LE(0) !== 0x04034b50) return false;
    return (head.readUInt16LE(6) & 0x8) !== 0;
  } finally {
    closeSync(fd);
  }
}

async function readXlsxWhole(path: string): Promise<ReadResult> {
  const sheets: Sheet[] = [];
  const skipped: string[] = [];
  const refusals: Refusal[] = [];
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    for (const ws of wb.worksheets) {
      const builder = new SheetBuilder(ws.name);
      ws.eachRow({ includeEmpty: false }, (row, n) => {
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        builder.add(n, cells);
      });
      const built = builder.finish();
      refusals.push(...builder.refusals);
      if (built) sheets.push(built);
      else if (builder.hasContent) skipped.push(builder.name);
    }
  } catch (e) {
    return {
      format: 'xlsx',
      sheets: [],
      skipped: [],
      refusals: [
        { code: 'file_unreadable', field: 'file', value: String((e as Error).message).slice(0, 120) },
      ],
      rows: 0,
    };
  }
  return finish('xlsx', sheets, skipped, refusals);
}

/** @internal The streaming path alone (tests). */
export async function readXlsxStreaming(path: string): Promise<ReadResult> {
  const sheets: Sheet[] = [];
  const skipped: string[] = [];
  const refusals: Refusal[] = [];
  let rows = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1]);
    for await (const ws of reader) {
      const sheet = ws as unknown as { name?: string; id?: number } & AsyncIterable<{
        number: number;
        values: unknown;
      }>;
      const builder = new SheetBuilder(sheet.name ?? `Sheet${sheet.id ?? sheets.length + 1}`);
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        const cells: unknown[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        builder.add(row.number, cells);
        if (++rows > REGISTRY_LIMITS.importRowsMax + HEADER_SEARCH_ROWS) break;
      }
      const built = builder.finish();
      refusals.push(...builder.refusals);
      if (built) sheets.push(built);
      else if (builder.hasContent) skipped.push(builder.name);
      if (rows > REGISTRY_LIMITS.importRowsMax + HEADER_SEARCH_ROWS) break;
    }
  } catch (e) {
    return {
      format: 'xlsx',
      sheets: [],
      skipped: [],
      refusals: [
        { code: 'file_unreadable', field: 'file', value: String((e as Error).message).slice(0, 120) },
      ],
      rows: 0,
    };
  }
  return finish('xlsx', sheets, skipped, refusals);
}

export function readCsv(path: string, name = 'csv'): ReadResult {
  let records: string[][];
  try {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
    const delimiter = [';', '\t', ','].reduce((best, d) =>
      firstLine.split(d).length > firstLine.split(best).length ? d : best,
    );
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as string[][];
  } catch (e) {
    return {
      format: 'csv',
      sheets: [],
      skipped: [],
      refusals: [
        { code: 'file_unreadable', field: 'file', value: String((e as Error).message).slice(0, 120) },
      ],
      rows: 0,
    };
  }
  if (records.length > REGISTRY_LIMITS.importRowsMax + HEADER_SEARCH_ROWS)
    return {
      format: 'csv',
      sheets: [],
      skipped: [],
      refusals: [tooMany(records.length - 1)],
      rows: records.length - 1,
    };
  const builder = new SheetBuilder(name);
  for (const [i, r] of records.entries()) builder.add(i + 1, r);
  const sheet = builder.finish();
  return finish('csv', sheet ? [sheet] : [], [], builder.refusals);
}

function finish(format: 'xlsx' | 'csv', sheets: Sheet[], skipped: string[], refusals: Refusal[]): ReadResult {
  const rows = sheets.reduce((s, x) => s + x.rows.length, 0);
  if (rows > REGISTRY_LIMITS.importRowsMax)
    return { format, sheets: [], skipped, refusals: [tooMany(rows)], rows };
  // Nothing recognised at all: say so, naming the sheets we looked at.
  if (sheets.length === 0 && refusals.length === 0)
    refusals.push({ code: 'sheet_unknown', field: 'file', value: skipped.join(', ') || null });
  return { format, sheets, skipped, refusals, rows };
}

/** Reads a `.xlsx` or `.csv` file by its extension. */
export async function readSpreadsheet(path: string): Promise<ReadResult> {
  if (/\.xlsx$/i.test(path)) return readXlsx(path);
  if (/\.csv$/i.test(path)) return readCsv(path, path.replace(/^.*[\\/]/, ''));
  return {
    format: 'csv',
    sheets: [],
    skipped: [],
    refusals: [{ code: 'format_unknown', field: 'file', value: path.replace(/^.*[\\/]/, '') }],
    rows: 0,
  };
}
