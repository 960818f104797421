/**
 * Savings groups and savings accounts (issue 7): cycles with their rules, meetings and their
 * lines, group loans, share-outs, savings accounts and interest runs. All append-only; balances
 * are the journal's (3311 per member, 3312 per account, 1311 per loan).
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

/** In foreign-key order, for `db copy`. */
export const tables = [
  'savings_cycle',
  'savings_meeting',
  'savings_group_loan',
  'savings_meeting_line',
  'savings_share_out',
  'savings_account',
  'savings_interest_run',
] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const DONG = `${I} NOT NULL CHECK`;
  const amt = (c: string) => `${c} ${DONG} (${c} BETWEEN 0 AND ${AMOUNT_DONG_MAX})`;
  const date = (c: string) => `${c} TEXT NOT NULL CHECK (length(${c}) = 10)`;
  const statements = [
    `CREATE TABLE savings_cycle (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       group_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       number ${I} NOT NULL CHECK (number >= 1),
       ${date('started_on')},
       share_price_dong ${I} NOT NULL CHECK (share_price_dong > 0 AND share_price_dong <= ${AMOUNT_DONG_MAX}),
       ${amt('social_dong')},
       loan_multiple ${I} NOT NULL CHECK (loan_multiple BETWEEN 0 AND 10),
       service_charge_ppm_month ${I} NOT NULL CHECK (service_charge_ppm_month BETWEEN 0 AND 100000),
       term_months_max ${I} NOT NULL CHECK (term_months_max BETWEEN 1 AND 24),
       ${amt('absence_fine_dong')},
       split_owners_ppm ${I},
       split_board_ppm ${I},
       split_village_ppm ${I},
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       CHECK ((split_owners_ppm IS NULL) OR (split_owners_ppm + split_board_ppm + split_village_ppm = 1000000)),
       PRIMARY KEY (tenant_id, id),
       UNIQUE (tenant_id, group_id, number),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    `CREATE INDEX savings_cycle_book ON savings_cycle (tenant_id, book_code)`,
    `CREATE TABLE savings_meeting (
       tenant_id TEXT NOT NULL,
       cycle_id TEXT NOT NULL,
       number ${I} NOT NULL CHECK (number >= 0),
       ${date('held_on')},
       counted_loan_cash_dong ${I} NOT NULL,
       counted_social_cash_dong ${I} NOT NULL,
       expected_loan_cash_dong ${I} NOT NULL,
       expected_social_cash_dong ${I} NOT NULL,
       difference_approver TEXT,
       difference_reason TEXT,
       totals TEXT NOT NULL,
       entries TEXT NOT NULL,
       idempotency_key TEXT,
       request_hash TEXT,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, cycle_id, number),
       FOREIGN KEY (tenant_id, cycle_id) REFERENCES savings_cycle(tenant_id, id))${d.tableEnd}`,
    `CREATE UNIQUE INDEX savings_meeting_key ON savings_meeting (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    `CREATE TABLE savings_group_loan (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       cycle_id TEXT NOT NULL,
       person_id TEXT NOT NULL,
       meeting_no ${I} NOT NULL,
       ${date('issued_on')},
       amount_dong ${I} NOT NULL CHECK (amount_dong > 0 AND amount_dong <= ${AMOUNT_DONG_MAX}),
       service_charge_ppm_month ${I} NOT NULL,
       term_months ${I} NOT NULL CHECK (term_months BETWEEN 1 AND 24),
       ${date('due_on')},
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, cycle_id, meeting_no) REFERENCES savings_meeting(tenant_id, cycle_id, number))${d.tableEnd}`,
    `CREATE INDEX savings_group_loan_cycle ON savings_group_loan (tenant_id, cycle_id, person_id)`,
    `CREATE TABLE savings_meeting_line (
       tenant_id TEXT NOT NULL,
       cycle_id TEXT NOT NULL,
       meeting_no ${I} NOT NULL,
       person_id TEXT NOT NULL,
       present ${I} NOT NULL CHECK (present IN (0, 1)),
       shares ${I} NOT NULL CHECK (shares >= 0),
       ${amt('social_dong')},
       ${amt('repayment_dong')},
       ${amt('service_charge_dong')},
       loan_id TEXT,
       new_loan_id TEXT,
       ${amt('fine_dong')},
       ${amt('grant_dong')},
       ${amt('deposit_dong')},
       ${amt('withdrawal_dong')},
       account_id TEXT,
       PRIMARY KEY (tenant_id, cycle_id, meeting_no, person_id),
       FOREIGN KEY (tenant_id, cycle_id, meeting_no) REFERENCES savings_meeting(tenant_id, cycle_id, number))${d.tableEnd}`,
    `CREATE INDEX savings_line_person ON savings_meeting_line (tenant_id, person_id)`,
    `CREATE TABLE savings_share_out (
       tenant_id TEXT NOT NULL,
       cycle_id TEXT NOT NULL,
       ${date('held_on')},
       pool_dong ${I} NOT NULL,
       remainder_dong ${I} NOT NULL,
       result TEXT NOT NULL,
       entries TEXT NOT NULL,
       next_cycle_id TEXT,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, cycle_id),
       FOREIGN KEY (tenant_id, cycle_id) REFERENCES savings_cycle(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE savings_account (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       person_id TEXT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('voluntary','compulsory','vbsp_group')),
       rate_ppm_year ${I} NOT NULL CHECK (rate_ppm_year BETWEEN 0 AND 1000000),
       ${date('opened_on')},
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    `CREATE INDEX savings_account_person ON savings_account (tenant_id, person_id)`,
    `CREATE INDEX savings_account_book ON savings_account (tenant_id, book_code)`,
    `CREATE TABLE savings_interest_run (
       tenant_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       ${date('as_of')},
       result TEXT NOT NULL,
       entries TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, book_code, as_of),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
  for (const t of tables) for (const s of d.appendOnly(t)) await sql.raw(s).execute(db);
}
