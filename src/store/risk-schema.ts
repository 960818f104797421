/** The at-risk tables (migration 0008), as Kysely sees them. Keys start with `tenant_id`. */

export interface RiskSettingTable {
  tenant_id: string;
  key: string;
  effective_from: string;
  value: number;
  note: string | null;
  recorded_at: string;
  actor: string;
}

export interface RiskStepTable {
  tenant_id: string;
  seq: number;
  kind: string;
  household_id: string;
  shock_id: string | null;
  loan_id: string | null;
  loan_event_seq: number | null;
  book_code: string | null;
  amount_dong: number | null;
  entry_book: string | null;
  entry_seq: number | null;
  note: string;
  effective_on: string;
  recorded_at: string;
  actor: string;
  idempotency_key: string | null;
}

export interface RiskTables {
  risk_setting: RiskSettingTable;
  risk_step: RiskStepTable;
}
