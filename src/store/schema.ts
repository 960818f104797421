import type { LoansTables } from './loans-schema.ts';

/**
 * The tables, as Kysely sees them. Every table carries `tenant_id` and every primary and unique
 * key starts with it, so a PostgreSQL cluster can distribute every table by tenant (one commune
 * per shard key) and every query filters by it.
 */
export interface TenantTable {
  id: string;
  name: string;
  created_at: string;
}

export interface OrganisationTable {
  tenant_id: string;
  id: string;
  kind: string;
  name_vi: string;
  name_en: string;
  created_at: string;
}

export interface BookTable {
  tenant_id: string;
  code: string;
  organisation_id: string | null;
  template: string;
  name_vi: string;
  name_en: string;
  created_at: string;
  /** Sequence of the last entry; advanced only by the journal_entry insert trigger. */
  head_seq: number;
  head_hash: string;
  /** Entries dated on or before this day are refused (closed period). */
  locked_through: string | null;
}

export interface AccountTable {
  tenant_id: string;
  book_code: string;
  code: string;
  type: string;
  normal_side: string;
  name_vi: string;
  name_en: string;
  party_mode: string;
  balance_rule: string;
  created_at: string;
}

export interface JournalEntryTable {
  tenant_id: string;
  book_code: string;
  seq: number;
  effective_date: string;
  recorded_at: string;
  kind: string;
  memo: string;
  document_no: string | null;
  actor: string;
  idempotency_key: string | null;
  reverses_seq: number | null;
  posting_count: number;
  prev_hash: string;
  hash: string;
}

export interface PostingTable {
  tenant_id: string;
  book_code: string;
  seq: number;
  line: number;
  account_code: string;
  /** '' when the account has no party dimension (keeps keys and indexes free of NULL). */
  party_id: string;
  effective_date: string;
  amount_dong: number;
}

/** Running totals per account ('' party = the whole account) and per party within it. */
export interface BalanceTable {
  tenant_id: string;
  book_code: string;
  account_code: string;
  party_id: string;
  debit_dong: number;
  credit_dong: number;
  posting_count: number;
}

/** The same totals per effective day, so a balance "as of" a date sums days, not postings. */
export interface BalanceDayTable extends BalanceTable {
  day: string;
}

export interface IdempotencyTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  result: string;
  recorded_at: string;
}

export interface PeriodCloseTable {
  tenant_id: string;
  book_code: string;
  through_date: string;
  closed_at: string;
  actor: string;
  head_seq: number;
  head_hash: string;
}

export interface Database extends LoansTables {
  tenant: TenantTable;
  organisation: OrganisationTable;
  book: BookTable;
  account: AccountTable;
  journal_entry: JournalEntryTable;
  posting: PostingTable;
  balance: BalanceTable;
  balance_day: BalanceDayTable;
  idempotency: IdempotencyTable;
  period_close: PeriodCloseTable;
}
