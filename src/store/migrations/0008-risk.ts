/**
 * Households at risk (issue 12): the rules' dated settings and the steps taken for a household.
 * Inputs only: the watch list, its reasons and counts are computed for a date from the figures
 * (docs/design/risk.md), never stored. Both tables are append-only.
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

/** In foreign-key order. */
export const tables = ['risk_setting', 'risk_step'] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const statements = [
    `CREATE TABLE risk_setting (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       key TEXT NOT NULL,
       effective_from TEXT NOT NULL,
       value ${I} NOT NULL CHECK (value BETWEEN 0 AND ${AMOUNT_DONG_MAX}),
       note TEXT,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, key, effective_from, recorded_at))${d.tableEnd}`,
    `CREATE TABLE risk_step (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       seq ${I} NOT NULL CHECK (seq >= 1),
       kind TEXT NOT NULL CHECK (kind IN ('emergency_aid','neighbour_appeal','loan_extension','loan_freeze','front_note')),
       household_id TEXT NOT NULL,
       shock_id TEXT,
       loan_id TEXT,
       loan_event_seq ${I},
       book_code TEXT,
       amount_dong ${I} CHECK (amount_dong BETWEEN 0 AND ${AMOUNT_DONG_MAX}),
       entry_book TEXT,
       entry_seq ${I},
       note TEXT NOT NULL,
       effective_on TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       idempotency_key TEXT,
       PRIMARY KEY (tenant_id, seq),
       UNIQUE (tenant_id, idempotency_key),
       FOREIGN KEY (tenant_id, household_id) REFERENCES household(tenant_id, id))${d.tableEnd}`,
    `CREATE INDEX risk_step_household ON risk_step (tenant_id, household_id, effective_on)`,
    ...d.appendOnly('risk_setting'),
    ...d.appendOnly('risk_step'),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
