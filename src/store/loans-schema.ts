/** The loan tables (migration 0003), as Kysely sees them. Keys start with `tenant_id`. */

export interface LoanProgrammeTable {
  tenant_id: string;
  id: string;
  name_vi: string;
  name_en: string;
  accounting: string;
  book_template: string;
  charge: string;
  quoting: string;
  day_count: string;
  overdue_multiplier_ppm: number;
  rate_policy: string;
  cap_household_dong: number | null;
  cap_project_dong: number | null;
  term_months_max: number;
  schedule_method: string;
  principal_every_months: number;
  interest_every_months: number;
  grace_principal_months: number;
  grace_interest_months: number;
  extension_months_max: number;
  freeze_months_max: number;
  /** Comma-separated allocation categories. */
  allocation_order: string;
  requires_source: number;
  created_at: string;
  actor: string;
}

export interface LoanProgrammeRateTable {
  tenant_id: string;
  programme_id: string;
  effective_from: string;
  quoted_ppm: number | null;
  quoting: string;
  base_programme_id: string | null;
  multiplier_ppm: number | null;
  document_no: string | null;
  note: string;
  created_at: string;
  actor: string;
}

export interface LoanTable {
  tenant_id: string;
  id: string;
  programme_id: string;
  book_code: string;
  household_id: string;
  organisation_id: string | null;
  group_id: string | null;
  village_id: string | null;
  source: string | null;
  purpose: string;
  agreement_no: string | null;
  amount_applied_dong: number;
  term_months: number;
  schedule_method: string;
  principal_every_months: number;
  interest_every_months: number;
  grace_principal_months: number;
  grace_interest_months: number;
  /** JSON `[{"due":"2026-01-10","principal":5000000},…]` for custom schedules. */
  custom_schedule: string | null;
  day_count: string;
  overdue_multiplier_ppm: number;
  rate_policy: string;
  allocation_order: string;
  applied_on: string;
  created_at: string;
  actor: string;
}

export interface LoanEventTable {
  tenant_id: string;
  loan_id: string;
  seq: number;
  kind: string;
  effective_date: string;
  recorded_at: string;
  actor: string;
  document_no: string | null;
  approver: string | null;
  cause_shock_id: string | null;
  cause_kind: string | null;
  cause_text: string | null;
  loss_dong: number | null;
  /** JSON: what was asked (amounts, months, instalments). */
  params: string;
  /** JSON: what it did (allocation, entries). */
  result: string;
  /** JSON array of the journal sequence numbers the event posted, in its loan's book. */
  entries: string;
  idempotency_key: string | null;
  request_hash: string | null;
}

export interface LoanSnapshotTable {
  tenant_id: string;
  as_of: string;
  loan_id: string;
  book_code: string;
  programme_id: string;
  household_id: string;
  organisation_id: string | null;
  group_id: string | null;
  village_id: string | null;
  source: string | null;
  status: string;
  outstanding_dong: number;
  current_dong: number;
  overdue_dong: number;
  extended_dong: number;
  frozen_dong: number;
  interest_due_dong: number;
  interest_accrued_dong: number;
  overdue_interest_dong: number;
  days_past_due: number;
  bucket: string;
  oldest_overdue_due: string | null;
  frozen_until: string | null;
  last_transaction: string | null;
  maturity: string | null;
  computed_at: string;
}

export interface LoanJobTable {
  tenant_id: string;
  id: string;
  kind: string;
  as_of: string;
  run_no: number;
  status: string;
  cursor: string | null;
  loans_done: number;
  loans_total: number;
  entries_posted: number;
  chunks_done: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  actor: string;
}

export interface LoansTables {
  loan_programme: LoanProgrammeTable;
  loan_programme_rate: LoanProgrammeRateTable;
  loan: LoanTable;
  loan_event: LoanEventTable;
  loan_snapshot: LoanSnapshotTable;
  loan_job: LoanJobTable;
}
