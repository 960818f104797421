/**
 * The bank's per-loan statement (sao kê): one row per loan. Pure: takes the rows of a sheet as
 * cells (from .xlsx or .csv, read in app/vbsp) and returns the statement rows or every refusal,
 * each naming its row. Nothing here knows soquy's loans except through `knownAgreements`.
 */
import { isDong } from '../money.ts';
import type { Refusal } from '../refusal.ts';
import { nameKey } from '../registry/names.ts';

export const STATEMENT_COLUMNS = [
  'agreementNo',
  'borrower',
  'programme',
  'outstanding',
  'overdue',
  'frozen',
  'interestDue',
] as const;
export type StatementColumn = (typeof STATEMENT_COLUMNS)[number];

/** Headers accepted for each column (compared by `nameKey`: accents, case and spacing ignored). */
const HEADERS: Readonly<Record<StatementColumn, readonly string[]>> = {
  agreementNo: ['Số khế ước', 'Khế ước', 'Số KƯ', 'Agreement no', 'Agreement number', 'Agreement'],
  borrower: ['Người vay', 'Tên người vay', 'Họ tên người vay', 'Khách hàng', 'Borrower'],
  programme: ['Chương trình', 'Chương trình cho vay', 'Programme', 'Program'],
  outstanding: ['Dư nợ', 'Dư nợ gốc', 'Outstanding'],
  overdue: ['Nợ quá hạn', 'Quá hạn', 'Overdue'],
  frozen: ['Nợ khoanh', 'Khoanh nợ', 'Frozen'],
  interestDue: ['Lãi phải thu', 'Lãi tồn', 'Lãi đến hạn', 'Interest due'],
};
const BY_KEY = new Map<string, StatementColumn>(
  STATEMENT_COLUMNS.flatMap((c) => HEADERS[c].map((h) => [nameKey(h), c] as const)),
);
/** Columns a statement may carry that we read past (a running number, a village, a note). */
const IGNORED = new Set(
  ['stt', 'tt', 'no', 'thon', 'to', 'ghi chu', 'note', 'village', 'group', 'ma to'].map(nameKey),
);

export const STATEMENT_LIMITS = {
  rowsMax: 300_000,
  headerSearchRows: 10,
  agreementLengthMax: 40,
  textLengthMax: 200,
} as const;

export const STATEMENT_HEADER_TEXT: Readonly<Record<StatementColumn, string>> = {
  agreementNo: 'Số khế ước',
  borrower: 'Người vay',
  programme: 'Chương trình',
  outstanding: 'Dư nợ',
  overdue: 'Nợ quá hạn',
  frozen: 'Nợ khoanh',
  interestDue: 'Lãi phải thu',
};

export interface StatementRow {
  /** The row number as the spreadsheet shows it. */
  readonly row: number;
  readonly agreementNo: string;
  readonly borrower: string;
  readonly programme: string;
  readonly outstanding: number;
  readonly overdue: number;
  readonly frozen: number;
  readonly interestDue: number;
}

export interface ParsedStatement {
  readonly rows: readonly StatementRow[];
  readonly refusals: readonly Refusal[];
}

function blank(c: unknown): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

function text(c: unknown): string {
  if (c === null || c === undefined) return '';
  return String(c).trim();
}

/**
 * An amount as the bank prints it: a whole number cell, or text of digits grouped by "." "," or
 * spaces ("1.050.000"). Decimals ("1050000,5", 1050000.5), text ("một triệu"), negatives and
 * blanks (for the amounts) are refused: the bank's amounts are whole đồng.
 */
function amount(c: unknown): number | null {
  if (typeof c === 'number') return isDong(c) && c >= 0 ? c : null;
  if (typeof c !== 'string') return null;
  const t = c.trim().replace(/\s*(₫|đ|vnd|vnđ)$/iu, '');
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return isDong(n) ? n : null;
  }
  const m = /^\d{1,3}(([.,\s])\d{3})(\2\d{3})*$/.exec(t);
  if (!m) return null;
  const n = Number(t.replace(/[.,\s]/g, ''));
  return isDong(n) ? n : null;
}

const AMOUNT_COLUMNS = ['outstanding', 'overdue', 'frozen', 'interestDue'] as const;

/**
 * Reads a statement from its rows of cells (row numbers as shown). Every problem is a refusal
 * naming its row: header (missing, unknown or repeated columns), agreement numbers (blank, too
 * long, repeated, unknown to soquy unless `acceptUnknown`), amounts (not whole đồng ≥ 0),
 * overdue + frozen above outstanding, too many rows.
 */
export function parseStatement(
  input: Iterable<{ row: number; cells: readonly unknown[] }>,
  options: { knownAgreements: ReadonlySet<string>; acceptUnknown?: boolean },
): ParsedStatement {
  const refusals: Refusal[] = [];
  const rows: StatementRow[] = [];
  let header: Array<StatementColumn | null> | null = null;
  let headerRow = 0;
  let looked = 0;
  const seen = new Map<string, number>();
  for (const { row, cells } of input) {
    if (cells.every(blank)) continue;
    if (header === null) {
      looked++;
      const keys = cells.map((c) => (typeof c === 'string' ? nameKey(c) : ''));
      const cols = keys.map((k) => BY_KEY.get(k) ?? null);
      if (!cols.includes('agreementNo')) {
        if (looked >= STATEMENT_LIMITS.headerSearchRows) break;
        continue;
      }
      headerRow = row;
      const used = new Set<StatementColumn>();
      header = cols.map((col, i) => {
        if (col === null) {
          if (keys[i] !== '' && !IGNORED.has(keys[i]!))
            refusals.push({
              code: 'vbsp_column_unknown',
              field: 'header',
              value: text(cells[i]),
              row,
              params: { allowed: STATEMENT_COLUMNS.map((c) => STATEMENT_HEADER_TEXT[c]).join(', ') },
            });
          return null;
        }
        if (used.has(col)) {
          refusals.push({ code: 'vbsp_column_duplicate', field: col, value: text(cells[i]), row });
          return null;
        }
        used.add(col);
        return col;
      });
      for (const c of STATEMENT_COLUMNS)
        if (!used.has(c))
          refusals.push({ code: 'vbsp_column_missing', field: c, value: STATEMENT_HEADER_TEXT[c], row });
      // A wrong header: its rows would only repeat it, one refusal per cell.
      if (refusals.length > 0) break;
      continue;
    }
    if (rows.length + 1 > STATEMENT_LIMITS.rowsMax) {
      refusals.push({
        code: 'too_many',
        field: 'file',
        value: row,
        params: { max: STATEMENT_LIMITS.rowsMax },
      });
      break;
    }
    const cell: Partial<Record<StatementColumn, unknown>> = {};
    header.forEach((col, i) => {
      if (col !== null) cell[col] = cells[i] ?? null;
    });
    let good = true;
    const agreementNo = text(cell.agreementNo);
    if (agreementNo === '' || agreementNo.length > STATEMENT_LIMITS.agreementLengthMax) {
      refusals.push({
        code: 'vbsp_agreement_invalid',
        field: 'agreementNo',
        value: agreementNo,
        row,
        params: { max: STATEMENT_LIMITS.agreementLengthMax },
      });
      good = false;
    } else {
      const first = seen.get(agreementNo);
      if (first !== undefined) {
        refusals.push({
          code: 'vbsp_agreement_duplicate',
          field: 'agreementNo',
          value: agreementNo,
          row,
          params: { first },
        });
        good = false;
      } else seen.set(agreementNo, row);
      if (!options.knownAgreements.has(agreementNo) && !options.acceptUnknown) {
        refusals.push({ code: 'vbsp_agreement_unknown', field: 'agreementNo', value: agreementNo, row });
        good = false;
      }
    }
    const amounts: Record<string, number> = {};
    for (const c of AMOUNT_COLUMNS) {
      const v = amount(cell[c]);
      if (v === null) {
        refusals.push({ code: 'vbsp_amount_invalid', field: c, value: cell[c] ?? null, row });
        good = false;
      } else amounts[c] = v;
    }
    for (const c of ['borrower', 'programme'] as const)
      if (text(cell[c]).length > STATEMENT_LIMITS.textLengthMax) {
        refusals.push({
          code: 'text_too_long',
          field: c,
          value: text(cell[c]).slice(0, 40),
          row,
          params: { max: STATEMENT_LIMITS.textLengthMax },
        });
        good = false;
      }
    if (good && amounts['overdue']! + amounts['frozen']! > amounts['outstanding']!) {
      refusals.push({
        code: 'vbsp_parts_exceed_outstanding',
        field: 'overdue',
        value: amounts['overdue']! + amounts['frozen']!,
        row,
        params: { outstanding: amounts['outstanding']! },
      });
      good = false;
    }
    if (good)
      rows.push({
        row,
        agreementNo,
        borrower: text(cell.borrower),
        programme: text(cell.programme),
        outstanding: amounts['outstanding']!,
        overdue: amounts['overdue']!,
        frozen: amounts['frozen']!,
        interestDue: amounts['interestDue']!,
      });
  }
  if (header === null)
    refusals.push({
      code: 'vbsp_header_missing',
      field: 'header',
      value: null,
      params: { columns: STATEMENT_COLUMNS.map((c) => STATEMENT_HEADER_TEXT[c]).join(', ') },
    });
  else if (rows.length === 0 && refusals.length === 0)
    refusals.push({ code: 'vbsp_statement_empty', field: 'file', value: null, row: headerRow });
  return { rows, refusals };
}
