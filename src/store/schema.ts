import type { DemoTables } from './demo-schema.ts';
import type { FundsTables } from './funds-schema.ts';
import type { LoansTables } from './loans-schema.ts';
import type { RegistryTables } from './registry-schema.ts';
import type { RiskTables } from './risk-schema.ts';
import type { SavingsTables } from './savings-schema.ts';

/**
 * The tables, as Kysely sees them. Every table carries `tenant_id` and every primary and unique
 * key starts with it, so a PostgreSQL cluster can distribute every table by tenant (one commune
 * per shard key) and every query filters by it.
 */
import type { ServerTables } from './server-schema.ts';
import type { VbspTables } from './vbsp-schema.ts';

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
  /** Sequence of the last entry, moved forward once per writing transaction (book_guard checks it). */
  head_seq: number;
  head_hash: string;
  /** The hash the first entry chains to: SHA-256("soquy-genesis/1\n" + tenant + "\n" + code). */
  genesis_hash: string;
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

/**
 * Running totals of a whole account: one row per effective day with activity and one row dated
 * TOTAL_DAY with the all-time total.
 */
export interface AccountBalanceTable {
  tenant_id: string;
  book_code: string;
  account_code: string;
  day: string;
  debit_dong: number;
  credit_dong: number;
  posting_count: number;
}

/** The same for one party (household, member, book) within an account. */
export interface PartyBalanceTable extends AccountBalanceTable {
  party_id: string;
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

export interface Database
  extends ServerTables,
    RegistryTables,
    LoansTables,
    VbspTables,
    FundsTables,
    SavingsTables,
    RiskTables,
    DemoTables {
  tenant: TenantTable;
  organisation: OrganisationTable;
  book: BookTable;
  account: AccountTable;
  journal_entry: JournalEntryTable;
  posting: PostingTable;
  account_balance: AccountBalanceTable;
  party_balance: PartyBalanceTable;
  idempotency: IdempotencyTable;
  period_close: PeriodCloseTable;
}
