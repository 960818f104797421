/**
 * Reports as files: one table (title, commune, as-of date, columns, rows, totals) written as CSV
 * or as an Excel workbook. Treasurers live in Excel: CSV is UTF-8 with a byte-order mark so Excel
 * reads the accents; XLSX cells are numbers and dates, not text.
 */
import type { Context } from 'hono';
import { csvField } from '../../app/ledger/export.ts';
import { formatDate, isBusinessDate } from '../../domain/dates.ts';
import type { Lang } from '../../i18n/types.ts';

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type CellKind = 'text' | 'money' | 'date' | 'int';
export type Cell = string | number | null;

export interface ReportColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: CellKind;
}

export interface ReportTable {
  /** File name stem: `trial-balance`, `statement-quy-htnd-111`. */
  readonly name: string;
  readonly title: string;
  readonly commune: string;
  /** The as-of date of the figures (`YYYY-MM-DD`); null for a list with no date. */
  readonly asOf: string | null;
  /** Other lines of the title block (book, account, period). */
  readonly lines?: readonly string[];
  readonly columns: readonly ReportColumn[];
  readonly rows: ReadonlyArray<Readonly<Record<string, Cell>>>;
  readonly totals?: Readonly<Record<string, Cell>>;
}

const BOM = '\uFEFF';

function csvCell(kind: CellKind, v: Cell): string {
  if (v === null || v === undefined) return '';
  if (kind === 'date' && typeof v === 'string' && isBusinessDate(v)) return formatDate(v);
  return csvField(v);
}

/** One header row, then the rows, then the totals row (if any). Amounts are plain integers. */
export function toCsv(table: ReportTable): string {
  const line = (cells: string[]) => `${cells.join(',')}\r\n`;
  let out = BOM + line(table.columns.map((c) => csvField(c.label)));
  for (const row of table.rows) out += line(table.columns.map((c) => csvCell(c.kind, row[c.key] ?? null)));
  if (table.totals) out += line(table.columns.map((c) => csvCell(c.kind, table.totals![c.key] ?? null)));
  return out;
}

type ExcelJs = typeof import('exceljs');
let excel: Promise<ExcelJs> | undefined;

/** exceljs is large; loaded on the first export, not at start. */
function loadExcel(): Promise<ExcelJs> {
  excel ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelJs }).default ?? m) as ExcelJs);
  return excel;
}

function excelDate(v: string): Date {
  return new Date(`${v}T00:00:00Z`);
}

/** A workbook of one sheet: the title block, the table, the totals; amounts formatted `#,##0`. */
export async function toXlsx(table: ReportTable, lang: Lang, printedAt: string): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'soquy';
  wb.created = new Date(printedAt);
  const ws = wb.addWorksheet(table.name.slice(0, 31));
  const head = [
    table.title,
    table.commune,
    ...(table.lines ?? []),
    ...(table.asOf ? [`${lang === 'vi' ? 'Tính đến ngày' : 'As of'} ${formatDate(table.asOf)}`] : []),
    `${lang === 'vi' ? 'In lúc' : 'Printed'} ${printedAt}`,
  ];
  head.forEach((text, i) => {
    const row = ws.addRow([text]);
    if (i === 0) row.font = { bold: true, size: 14 };
  });
  ws.addRow([]);
  const header = ws.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  const toCell = (c: ReportColumn, v: Cell) =>
    v === null || v === undefined
      ? null
      : c.kind === 'date' && typeof v === 'string' && isBusinessDate(v)
        ? excelDate(v)
        : v;
  for (const r of table.rows) ws.addRow(table.columns.map((c) => toCell(c, r[c.key] ?? null)));
  if (table.totals) {
    const t = ws.addRow(table.columns.map((c) => toCell(c, table.totals![c.key] ?? null)));
    t.font = { bold: true };
  }
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.kind === 'money' || c.kind === 'int') col.numFmt = '#,##0';
    if (c.kind === 'date') col.numFmt = 'dd/mm/yyyy';
    col.width = c.kind === 'text' ? Math.min(50, Math.max(12, c.label.length + 2)) : 16;
  });
  ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 12, 14);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The file name: `<name>-<as-of>.<ext>`, ASCII only. */
export function reportFileName(table: ReportTable, format: ReportFormat): string {
  const stem = `${table.name}${table.asOf ? `-${table.asOf}` : ''}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${stem}.${format}`;
}

/** Answers the table as a download. */
export async function reportResponse(
  c: Context,
  table: ReportTable,
  format: ReportFormat,
  lang: Lang,
  printedAt: string,
): Promise<Response> {
  const name = reportFileName(table, format);
  const headers = {
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  };
  if (format === 'csv')
    return c.body(toCsv(table), 200, { ...headers, 'Content-Type': 'text/csv; charset=utf-8' });
  const body = await toXlsx(table, lang, printedAt);
  return c.body(new Uint8Array(body), 200, {
    ...headers,
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
