/**
 * The demo commune (issue 11): the marker that says a commune is a demo, with the sign-ins of its
 * demo users (shown on the sign-in page of a demo database only; a real database has no row), and
 * indexes that let a loan's postings, and a household's or a group's loans, be read in order
 * without scanning a whole book or the whole loan table.
 */
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './dialect.ts';

export const tables = ['demo_commune'] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const statements = [
    `CREATE TABLE demo_commune (
       tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenant(id),
       seed ${I} NOT NULL,
       loaded_at TEXT NOT NULL,
       sign_ins TEXT NOT NULL)${d.tableEnd}`,
    // A loan's file reads its postings by party in (seq, line) order: with (party) alone, SQLite
    // preferred the primary key for the order and scanned the whole book for each loan.
    `CREATE INDEX posting_party_seq ON posting (tenant_id, book_code, party_id, seq, line)`,
    `DROP INDEX IF EXISTS posting_party`,
    // The caps look up a household's (or a group's) loans of a programme in id order: the same.
    `CREATE INDEX loan_household_id ON loan (tenant_id, household_id, id)`,
    `DROP INDEX IF EXISTS loan_household`,
    `CREATE INDEX loan_group_id ON loan (tenant_id, group_id, id)`,
    `DROP INDEX IF EXISTS loan_group`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
