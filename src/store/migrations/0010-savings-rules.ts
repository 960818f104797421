/**
 * Savings groups, second part (issue 7): the absence fine charged on a meeting line, and the
 * accounts savings-group books need for fines owed and for group loans kept by the loan engine
 * (overdue, frozen and extended principal, overdue service charge, write-off expense, the memo
 * commitment), added to the charts of books made before this migration. No existing row changes.
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

export const tables = [] as const;

/** Accounts added to `savings-group` books made before 0010 (copied, frozen here). */
const NEW_ACCOUNTS: ReadonlyArray<
  [code: string, type: string, side: string, vi: string, en: string, party: string, rule: string]
> = [
  [
    '1312',
    'asset',
    'debit',
    'Cho vay thành viên – quá hạn',
    'Loans to members – overdue',
    'required',
    'none',
  ],
  [
    '1313',
    'asset',
    'debit',
    'Cho vay thành viên – khoanh nợ',
    'Loans to members – frozen',
    'required',
    'none',
  ],
  [
    '1314',
    'asset',
    'debit',
    'Cho vay thành viên – gia hạn nợ',
    'Loans to members – extended',
    'required',
    'none',
  ],
  [
    '1319',
    'asset',
    'debit',
    'Phí dịch vụ quá hạn phải thu',
    'Overdue service charges receivable',
    'required',
    'none',
  ],
  ['1381', 'asset', 'debit', 'Tiền phạt phải thu', 'Fines receivable', 'required', 'non_negative'],
  ['6112', 'expense', 'debit', 'Chi xóa nợ vay thành viên', 'Member loans written off', 'none', 'none'],
  [
    '007',
    'memo',
    'debit',
    'Cam kết cho vay chưa giải ngân',
    'Loan commitments not disbursed',
    'required',
    'none',
  ],
  ['0082', 'memo', 'credit', 'Cam kết cho vay (đối ứng)', 'Loan commitments (contra)', 'none', 'none'],
];

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const statements = [
    // The absence fine charged to the member on this line (the cycle's rule, when absent).
    `ALTER TABLE savings_meeting_line ADD COLUMN absence_fine_dong ${d.int} NOT NULL DEFAULT 0
       CHECK (absence_fine_dong BETWEEN 0 AND ${AMOUNT_DONG_MAX})`,
    ...NEW_ACCOUNTS.map(
      ([code, type, side, vi, en, party, rule]) =>
        `INSERT INTO account (tenant_id, book_code, code, type, normal_side, name_vi, name_en, party_mode, balance_rule, created_at)
         SELECT b.tenant_id, b.code, ${quote(code)}, ${quote(type)}, ${quote(side)}, ${quote(vi)}, ${quote(en)}, ${quote(party)}, ${quote(rule)}, b.created_at
           FROM book b WHERE b.template = 'savings-group'
            AND NOT EXISTS (SELECT 1 FROM account a WHERE a.tenant_id = b.tenant_id AND a.book_code = b.code AND a.code = ${quote(code)})`,
    ),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
