/**
 * Both engines: each posting goes into one secondary index instead of two
 * (docs/design/ledger-core.md, "Each posting in one secondary index").
 *
 * `posting_account` keeps the postings without a party (cash, bank, income, …) by account and
 * date; `posting_party_seq` keeps the postings naming a party by party and journal order. Every
 * read by account names a party or reads an account that has none, so it finds its postings in
 * one of the two; a posting written costs one random index page less. Queries must state
 * `party_id = ''` or `party_id <> ''` as literals for either engine to use these indexes.
 */
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './dialect.ts';

export const tables = [] as const;

export async function up(db: Kysely<unknown>, _d: Ddl): Promise<void> {
  const statements = [
    `DROP INDEX posting_account`,
    // (date, seq, line): a statement's order, so a page of it stops reading at its last line.
    `CREATE INDEX posting_account ON posting (tenant_id, book_code, account_code, effective_date, seq, line)
       WHERE party_id = ''`,
    `DROP INDEX posting_party_seq`,
    `CREATE INDEX posting_party_seq ON posting (tenant_id, book_code, party_id, seq, line)
       WHERE party_id <> ''`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
