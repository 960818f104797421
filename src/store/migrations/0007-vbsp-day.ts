/**
 * The commune transaction day with VBSP (issue 6): transaction points and their groups, dated
 * fee and commission rates, collection sheets (form 13/TD) and their lines, hand-overs, the fee
 * and commission of each group's month, imported bank statements and the notes that resolve
 * reconciliation differences. Money lives in the journal; these tables hold events and terms.
 * docs/design/vbsp-day.md explains each table.
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

/** In foreign-key order. */
export const tables = [
  'vbsp_point',
  'vbsp_point_group',
  'vbsp_fee_rate',
  'vbsp_sheet',
  'vbsp_sheet_line',
  'vbsp_handover',
  'vbsp_fee',
  'vbsp_statement',
  'vbsp_statement_row',
  'vbsp_recon_note',
] as const;

const DONG = `BETWEEN 0 AND ${AMOUNT_DONG_MAX}`;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const statements = [
    `CREATE TABLE vbsp_point (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       name TEXT NOT NULL,
       place TEXT NOT NULL,
       day_of_month ${I} NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE vbsp_point_group (
       tenant_id TEXT NOT NULL,
       group_id TEXT NOT NULL,
       point_id TEXT NOT NULL,
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, group_id),
       FOREIGN KEY (tenant_id, point_id) REFERENCES vbsp_point(tenant_id, id))${d.tableEnd}`,
    `CREATE INDEX vbsp_point_group_point ON vbsp_point_group (tenant_id, point_id)`,
    `CREATE TABLE vbsp_fee_rate (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       effective_from TEXT NOT NULL,
       fee_ppm ${I} NOT NULL CHECK (fee_ppm BETWEEN 0 AND 1000000),
       commission_ppm ${I} NOT NULL CHECK (commission_ppm BETWEEN 0 AND 1000000),
       document_no TEXT,
       note TEXT NOT NULL,
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, effective_from))${d.tableEnd}`,
    `CREATE TABLE vbsp_sheet (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       group_id TEXT NOT NULL,
       month TEXT NOT NULL,
       book_code TEXT NOT NULL,
       date TEXT NOT NULL,
       document_no TEXT,
       entries TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       idempotency_key TEXT,
       request_hash TEXT,
       PRIMARY KEY (tenant_id, id),
       UNIQUE (tenant_id, group_id, month),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    `CREATE INDEX vbsp_sheet_book ON vbsp_sheet (tenant_id, book_code, month)`,
    `CREATE INDEX vbsp_sheet_key ON vbsp_sheet (tenant_id, idempotency_key)`,
    `CREATE TABLE vbsp_sheet_line (
       tenant_id TEXT NOT NULL,
       sheet_id TEXT NOT NULL,
       line ${I} NOT NULL CHECK (line >= 1),
       loan_id TEXT NOT NULL,
       household_id TEXT NOT NULL,
       interest_due_dong ${I} NOT NULL CHECK (interest_due_dong ${DONG}),
       interest_dong ${I} NOT NULL CHECK (interest_dong ${DONG}),
       savings_dong ${I} NOT NULL CHECK (savings_dong ${DONG}),
       principal_from_savings_dong ${I} NOT NULL CHECK (principal_from_savings_dong ${DONG}),
       PRIMARY KEY (tenant_id, sheet_id, line),
       UNIQUE (tenant_id, sheet_id, loan_id),
       FOREIGN KEY (tenant_id, sheet_id) REFERENCES vbsp_sheet(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE vbsp_handover (
       tenant_id TEXT NOT NULL,
       sheet_id TEXT NOT NULL,
       date TEXT NOT NULL,
       expected_dong ${I} NOT NULL CHECK (expected_dong ${DONG}),
       counted_dong ${I} NOT NULL CHECK (counted_dong ${DONG}),
       difference_dong ${I} NOT NULL,
       entries TEXT NOT NULL,
       note TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, sheet_id),
       FOREIGN KEY (tenant_id, sheet_id) REFERENCES vbsp_sheet(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE vbsp_fee (
       tenant_id TEXT NOT NULL,
       group_id TEXT NOT NULL,
       month TEXT NOT NULL,
       sheet_id TEXT NOT NULL,
       base_dong ${I} NOT NULL CHECK (base_dong ${DONG}),
       fee_ppm ${I} NOT NULL,
       commission_ppm ${I} NOT NULL,
       fee_dong ${I} NOT NULL CHECK (fee_dong ${DONG}),
       commission_dong ${I} NOT NULL CHECK (commission_dong ${DONG}),
       booked_on TEXT NOT NULL,
       booked_entries TEXT NOT NULL,
       paid_on TEXT,
       paid_entries TEXT,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, group_id, month),
       FOREIGN KEY (tenant_id, sheet_id) REFERENCES vbsp_sheet(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE vbsp_statement (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       as_of TEXT NOT NULL,
       file_name TEXT NOT NULL,
       row_count ${I} NOT NULL,
       imported_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    `CREATE TABLE vbsp_statement_row (
       tenant_id TEXT NOT NULL,
       statement_id TEXT NOT NULL,
       row_no ${I} NOT NULL,
       agreement_no TEXT NOT NULL,
       borrower TEXT NOT NULL,
       programme TEXT NOT NULL,
       outstanding_dong ${I} NOT NULL CHECK (outstanding_dong ${DONG}),
       overdue_dong ${I} NOT NULL CHECK (overdue_dong ${DONG}),
       frozen_dong ${I} NOT NULL CHECK (frozen_dong ${DONG}),
       interest_due_dong ${I} NOT NULL CHECK (interest_due_dong ${DONG}),
       PRIMARY KEY (tenant_id, statement_id, row_no),
       UNIQUE (tenant_id, statement_id, agreement_no),
       FOREIGN KEY (tenant_id, statement_id) REFERENCES vbsp_statement(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE vbsp_recon_note (
       tenant_id TEXT NOT NULL,
       statement_id TEXT NOT NULL,
       seq ${I} NOT NULL CHECK (seq >= 1),
       agreement_no TEXT NOT NULL,
       kind TEXT NOT NULL,
       note TEXT NOT NULL,
       entry_ref TEXT,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, statement_id, seq),
       FOREIGN KEY (tenant_id, statement_id) REFERENCES vbsp_statement(tenant_id, id))${d.tableEnd}`,
    ...[
      'vbsp_point',
      'vbsp_point_group',
      'vbsp_fee_rate',
      'vbsp_sheet',
      'vbsp_sheet_line',
      'vbsp_handover',
      'vbsp_statement',
      'vbsp_statement_row',
      'vbsp_recon_note',
    ].flatMap((t) => d.appendOnly(t)),
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
