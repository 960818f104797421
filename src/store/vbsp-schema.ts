/** The transaction day's tables (migration 0007-vbsp-day), as Kysely sees them. */

export interface VbspPointTable {
  tenant_id: string;
  id: string;
  name: string;
  place: string;
  day_of_month: number;
  created_at: string;
  actor: string;
}

export interface VbspPointGroupTable {
  tenant_id: string;
  group_id: string;
  point_id: string;
  created_at: string;
  actor: string;
}

export interface VbspFeeRateTable {
  tenant_id: string;
  effective_from: string;
  fee_ppm: number;
  commission_ppm: number;
  document_no: string | null;
  note: string;
  created_at: string;
  actor: string;
}

export interface VbspSheetTable {
  tenant_id: string;
  id: string;
  group_id: string;
  month: string;
  book_code: string;
  date: string;
  document_no: string | null;
  /** JSON array of entry refs (`book#seq`). */
  entries: string;
  recorded_at: string;
  actor: string;
  idempotency_key: string | null;
  request_hash: string | null;
}

export interface VbspSheetLineTable {
  tenant_id: string;
  sheet_id: string;
  line: number;
  loan_id: string;
  household_id: string;
  interest_due_dong: number;
  interest_dong: number;
  savings_dong: number;
  principal_from_savings_dong: number;
}

export interface VbspHandoverTable {
  tenant_id: string;
  sheet_id: string;
  date: string;
  expected_dong: number;
  counted_dong: number;
  difference_dong: number;
  entries: string;
  note: string;
  recorded_at: string;
  actor: string;
}

export interface VbspFeeTable {
  tenant_id: string;
  group_id: string;
  month: string;
  sheet_id: string;
  base_dong: number;
  fee_ppm: number;
  commission_ppm: number;
  fee_dong: number;
  commission_dong: number;
  booked_on: string;
  booked_entries: string;
  paid_on: string | null;
  paid_entries: string | null;
  recorded_at: string;
  actor: string;
}

export interface VbspStatementTable {
  tenant_id: string;
  id: string;
  book_code: string;
  as_of: string;
  file_name: string;
  row_count: number;
  imported_at: string;
  actor: string;
}

export interface VbspStatementRowTable {
  tenant_id: string;
  statement_id: string;
  row_no: number;
  agreement_no: string;
  borrower: string;
  programme: string;
  outstanding_dong: number;
  overdue_dong: number;
  frozen_dong: number;
  interest_due_dong: number;
}

export interface VbspReconNoteTable {
  tenant_id: string;
  statement_id: string;
  seq: number;
  agreement_no: string;
  kind: string;
  note: string;
  entry_ref: string | null;
  recorded_at: string;
  actor: string;
}

export interface VbspTables {
  vbsp_point: VbspPointTable;
  vbsp_point_group: VbspPointGroupTable;
  vbsp_fee_rate: VbspFeeRateTable;
  vbsp_sheet: VbspSheetTable;
  vbsp_sheet_line: VbspSheetLineTable;
  vbsp_handover: VbspHandoverTable;
  vbsp_fee: VbspFeeTable;
  vbsp_statement: VbspStatementTable;
  vbsp_statement_row: VbspStatementRowTable;
  vbsp_recon_note: VbspReconNoteTable;
}
