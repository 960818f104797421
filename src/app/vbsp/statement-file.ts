/**
 * Reads the bank's statement file into rows of cells: `.xlsx` (the first worksheet with content,
 * whole-file reader: statements are a few thousand rows) or `.csv` (comma, semicolon or tab; UTF-8
 * with or without BOM). A file that cannot be read is one refusal; nothing else is judged here.
 */
import { parse } from 'csv-parse/sync';
import type { Refusal } from '../../domain/refusal.ts';
import { STATEMENT_LIMITS } from '../../domain/vbsp/statement.ts';
import ExcelJS from '../registry/import/exceljs.ts';

/** 64 MiB: a 300,000-row statement is about 30 MB as CSV. */
export const STATEMENT_BYTES_MAX = 64 * 1024 * 1024;

export interface StatementCells {
  readonly rows: Array<{ row: number; cells: unknown[] }>;
  readonly refusals: Refusal[];
}

function unreadable(e: unknown): StatementCells {
  return {
    rows: [],
    refusals: [
      { code: 'file_unreadable', field: 'file', value: String((e as Error)?.message ?? e).slice(0, 120) },
    ],
  };
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

export async function readStatementFile(fileName: string, content: Buffer): Promise<StatementCells> {
  if (content.length > STATEMENT_BYTES_MAX)
    return {
      rows: [],
      refusals: [
        { code: 'too_many', field: 'file', value: content.length, params: { max: STATEMENT_BYTES_MAX } },
      ],
    };
  if (/\.xlsx$/i.test(fileName)) return readXlsx(content);
  if (/\.csv$/i.test(fileName)) return readCsv(content);
  return {
    rows: [],
    refusals: [{ code: 'format_unknown', field: 'file', value: fileName.replace(/^.*[\\/]/, '') }],
  };
}

async function readXlsx(content: Buffer): Promise<StatementCells> {
  const rows: Array<{ row: number; cells: unknown[] }> = [];
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
    if (!ws) return { rows, refusals: [] };
    if (ws.actualRowCount > STATEMENT_LIMITS.rowsMax + STATEMENT_LIMITS.headerSearchRows)
      return {
        rows,
        refusals: [
          {
            code: 'too_many',
            field: 'file',
            value: ws.actualRowCount,
            params: { max: STATEMENT_LIMITS.rowsMax },
          },
        ],
      };
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
      const cells: unknown[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
      rows.push({ row: n, cells });
    });
  } catch (e) {
    return unreadable(e);
  }
  return { rows, refusals: [] };
}

function readCsv(content: Buffer): StatementCells {
  try {
    const text = content.toString('utf8').replace(/^\uFEFF/, '');
    const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
    const delimiter = [';', '\t', ','].reduce((best, d) =>
      firstLine.split(d).length > firstLine.split(best).length ? d : best,
    );
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
    return { rows: records.map((cells, i) => ({ row: i + 1, cells })), refusals: [] };
  } catch (e) {
    return unreadable(e);
  }
}
