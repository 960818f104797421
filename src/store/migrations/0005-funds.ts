/**
 * Charity and relief funds (issue 8): funds and campaigns (each one ledger book), their phases and
 * collection points, the commune's dated caps per aid purpose, pledges, donations with their
 * gapless receipt numbers, and spendings (aid to households, transfers to other levels) with
 * their gapless voucher numbers. Append-only: money lives in the journal, these rows are the
 * events and the terms (docs/design/funds.md).
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

const POSITIVE = `BETWEEN 1 AND ${AMOUNT_DONG_MAX}`;
const DATE = (col: string) => `${col} TEXT NOT NULL CHECK (length(${col}) = 10)`;

/** In foreign-key order, for `db copy`. */
export const tables = [
  'fund',
  'fund_phase',
  'fund_point',
  'fund_cap',
  'fund_pledge',
  'fund_donation',
  'fund_spending',
] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const statements = [
    `CREATE TABLE fund (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       organisation_id TEXT,
       kind TEXT NOT NULL CHECK (kind IN ('for_the_poor','relief','emergency','collection')),
       level TEXT NOT NULL CHECK (level IN ('commune','district','province','central')),
       name_vi TEXT NOT NULL,
       name_en TEXT NOT NULL,
       purpose TEXT NOT NULL,
       restricted_purposes TEXT NOT NULL,
       ${DATE('opens_on')},
       ${DATE('closes_on')},
       shock_id TEXT,
       household_id TEXT,
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       CHECK (closes_on >= opens_on),
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    `CREATE UNIQUE INDEX fund_book ON fund (tenant_id, book_code)`,
    `CREATE TABLE fund_phase (
       tenant_id TEXT NOT NULL,
       fund_id TEXT NOT NULL,
       phase_no ${I} NOT NULL CHECK (phase_no BETWEEN 1 AND 100),
       name TEXT NOT NULL,
       ${DATE('starts_on')},
       ${DATE('ends_on')},
       CHECK (ends_on >= starts_on),
       PRIMARY KEY (tenant_id, fund_id, phase_no),
       FOREIGN KEY (tenant_id, fund_id) REFERENCES fund(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE fund_point (
       tenant_id TEXT NOT NULL,
       fund_id TEXT NOT NULL,
       id TEXT NOT NULL,
       name TEXT NOT NULL,
       village_id TEXT,
       PRIMARY KEY (tenant_id, fund_id, id),
       FOREIGN KEY (tenant_id, fund_id) REFERENCES fund(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE fund_cap (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       purpose TEXT NOT NULL,
       ${DATE('effective_from')},
       cap_dong ${I} NOT NULL CHECK (cap_dong ${POSITIVE}),
       document_no TEXT,
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, purpose, effective_from))${d.tableEnd}`,
    `CREATE TABLE fund_pledge (
       tenant_id TEXT NOT NULL,
       fund_id TEXT NOT NULL,
       id TEXT NOT NULL,
       ${DATE('pledged_on')},
       donor_kind TEXT NOT NULL CHECK (donor_kind IN ('person','organisation','business','anonymous')),
       donor_name TEXT,
       anonymous ${I} NOT NULL CHECK (anonymous IN (0, 1)),
       amount_dong ${I} NOT NULL CHECK (amount_dong ${POSITIVE}),
       book_code TEXT NOT NULL,
       seq ${I} NOT NULL,
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, fund_id, id),
       FOREIGN KEY (tenant_id, fund_id) REFERENCES fund(tenant_id, id))${d.tableEnd}`,
    // receipt_no is the printed phiếu thu number: gapless per fund (checked in code, and the
    // primary key refuses a number used twice).
    `CREATE TABLE fund_donation (
       tenant_id TEXT NOT NULL,
       fund_id TEXT NOT NULL,
       receipt_no ${I} NOT NULL CHECK (receipt_no >= 1),
       ${DATE('received_on')},
       donor_kind TEXT NOT NULL CHECK (donor_kind IN ('person','organisation','business','anonymous')),
       donor_name TEXT,
       donor_id_no TEXT,
       donor_address TEXT,
       anonymous ${I} NOT NULL CHECK (anonymous IN (0, 1)),
       form TEXT NOT NULL CHECK (form IN ('cash','bank','in_kind')),
       amount_dong ${I} NOT NULL CHECK (amount_dong ${POSITIVE}),
       in_kind_description TEXT,
       point_id TEXT,
       phase_no ${I},
       pledge_id TEXT,
       memo TEXT NOT NULL,
       book_code TEXT NOT NULL,
       seq ${I} NOT NULL,
       created_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       CHECK ((form = 'in_kind') = (in_kind_description IS NOT NULL)),
       CHECK (donor_kind <> 'anonymous' OR donor_name IS NULL),
       PRIMARY KEY (tenant_id, fund_id, receipt_no),
       FOREIGN KEY (tenant_id, fund_id) REFERENCES fund(tenant_id, id))${d.tableEnd}`,
    `CREATE INDEX fund_donation_date ON fund_donation (tenant_id, fund_id, received_on)`,
    `CREATE TABLE fund_spending (
       tenant_id TEXT NOT NULL,
       fund_id TEXT NOT NULL,
       voucher_no ${I} NOT NULL CHECK (voucher_no >= 1),
       kind TEXT NOT NULL CHECK (kind IN ('aid','transfer')),
       ${DATE('paid_on')},
       purpose TEXT NOT NULL,
       household_id TEXT,
       shock_id TEXT,
       recipient_fund_id TEXT,
       recipient_name TEXT,
       form TEXT NOT NULL CHECK (form IN ('cash','bank','in_kind')),
       amount_dong ${I} NOT NULL CHECK (amount_dong ${POSITIVE}),
       phase_no ${I},
       memo TEXT NOT NULL,
       operation_id ${I},
       proposed_by TEXT NOT NULL,
       approved_by TEXT NOT NULL,
       book_code TEXT NOT NULL,
       seq ${I} NOT NULL,
       created_at TEXT NOT NULL,
       CHECK ((kind = 'aid') = (household_id IS NOT NULL)),
       CHECK (proposed_by <> approved_by),
       PRIMARY KEY (tenant_id, fund_id, voucher_no),
       FOREIGN KEY (tenant_id, fund_id) REFERENCES fund(tenant_id, id))${d.tableEnd}`,
    `CREATE INDEX fund_spending_household ON fund_spending (tenant_id, household_id)`,
    `CREATE INDEX fund_spending_date ON fund_spending (tenant_id, fund_id, paid_on)`,
    ...tables.flatMap((t) => d.appendOnly(t)),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
