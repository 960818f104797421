/** The fund tables (migration 0005), as Kysely sees them. Keys start with `tenant_id`. */

export interface FundTable {
  tenant_id: string;
  id: string;
  book_code: string;
  organisation_id: string | null;
  kind: string;
  level: string;
  name_vi: string;
  name_en: string;
  purpose: string;
  /** Comma-separated aid purposes the fund may pay; '' = unrestricted. */
  restricted_purposes: string;
  opens_on: string;
  closes_on: string;
  shock_id: string | null;
  household_id: string | null;
  created_at: string;
  actor: string;
}

export interface FundPhaseTable {
  tenant_id: string;
  fund_id: string;
  phase_no: number;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface FundPointTable {
  tenant_id: string;
  fund_id: string;
  id: string;
  name: string;
  village_id: string | null;
}

export interface FundCapTable {
  tenant_id: string;
  purpose: string;
  effective_from: string;
  cap_dong: number;
  document_no: string | null;
  created_at: string;
  actor: string;
}

export interface FundPledgeTable {
  tenant_id: string;
  fund_id: string;
  id: string;
  pledged_on: string;
  donor_kind: string;
  donor_name: string | null;
  anonymous: number;
  amount_dong: number;
  book_code: string;
  seq: number;
  created_at: string;
  actor: string;
}

export interface FundDonationTable {
  tenant_id: string;
  fund_id: string;
  receipt_no: number;
  received_on: string;
  donor_kind: string;
  donor_name: string | null;
  donor_id_no: string | null;
  donor_address: string | null;
  anonymous: number;
  form: string;
  amount_dong: number;
  in_kind_description: string | null;
  point_id: string | null;
  phase_no: number | null;
  pledge_id: string | null;
  memo: string;
  book_code: string;
  seq: number;
  created_at: string;
  actor: string;
}

export interface FundSpendingTable {
  tenant_id: string;
  fund_id: string;
  voucher_no: number;
  kind: string;
  paid_on: string;
  purpose: string;
  household_id: string | null;
  shock_id: string | null;
  recipient_fund_id: string | null;
  recipient_name: string | null;
  form: string;
  amount_dong: number;
  phase_no: number | null;
  memo: string;
  operation_id: number | null;
  proposed_by: string;
  approved_by: string;
  book_code: string;
  seq: number;
  created_at: string;
}

export interface FundsTables {
  fund: FundTable;
  fund_phase: FundPhaseTable;
  fund_point: FundPointTable;
  fund_cap: FundCapTable;
  fund_pledge: FundPledgeTable;
  fund_donation: FundDonationTable;
  fund_spending: FundSpendingTable;
}
