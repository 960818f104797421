/** The savings tables (migration 0006), as Kysely sees them. Keys start with `tenant_id`. */

export interface SavingsCycleTable {
  tenant_id: string;
  id: string;
  group_id: string;
  book_code: string;
  number: number;
  started_on: string;
  share_price_dong: number;
  social_dong: number;
  loan_multiple: number;
  service_charge_ppm_month: number;
  term_months_max: number;
  absence_fine_dong: number;
  split_owners_ppm: number | null;
  split_board_ppm: number | null;
  split_village_ppm: number | null;
  created_at: string;
  actor: string;
}

export interface SavingsMeetingTable {
  tenant_id: string;
  cycle_id: string;
  number: number;
  held_on: string;
  counted_loan_cash_dong: number;
  counted_social_cash_dong: number;
  expected_loan_cash_dong: number;
  expected_social_cash_dong: number;
  difference_approver: string | null;
  difference_reason: string | null;
  /** JSON of the sheet's totals. */
  totals: string;
  /** JSON array of `book#seq`. */
  entries: string;
  idempotency_key: string | null;
  request_hash: string | null;
  recorded_at: string;
  actor: string;
}

export interface SavingsGroupLoanTable {
  tenant_id: string;
  id: string;
  cycle_id: string;
  person_id: string;
  meeting_no: number;
  issued_on: string;
  amount_dong: number;
  service_charge_ppm_month: number;
  term_months: number;
  due_on: string;
}

export interface SavingsMeetingLineTable {
  tenant_id: string;
  cycle_id: string;
  meeting_no: number;
  person_id: string;
  present: number;
  shares: number;
  social_dong: number;
  repayment_dong: number;
  service_charge_dong: number;
  loan_id: string | null;
  new_loan_id: string | null;
  fine_dong: number;
  /** The absence fine charged on this line (migration 0010; 0 before it). */
  absence_fine_dong: number;
  grant_dong: number;
  deposit_dong: number;
  withdrawal_dong: number;
  account_id: string | null;
}

export interface SavingsShareOutTable {
  tenant_id: string;
  cycle_id: string;
  held_on: string;
  pool_dong: number;
  remainder_dong: number;
  result: string;
  entries: string;
  next_cycle_id: string | null;
  recorded_at: string;
  actor: string;
}

export interface SavingsAccountTable {
  tenant_id: string;
  id: string;
  book_code: string;
  person_id: string;
  kind: string;
  rate_ppm_year: number;
  opened_on: string;
  created_at: string;
  actor: string;
}

export interface SavingsInterestRunTable {
  tenant_id: string;
  book_code: string;
  as_of: string;
  result: string;
  entries: string;
  recorded_at: string;
  actor: string;
}

export interface SavingsTables {
  savings_cycle: SavingsCycleTable;
  savings_meeting: SavingsMeetingTable;
  savings_group_loan: SavingsGroupLoanTable;
  savings_meeting_line: SavingsMeetingLineTable;
  savings_share_out: SavingsShareOutTable;
  savings_account: SavingsAccountTable;
  savings_interest_run: SavingsInterestRunTable;
}
