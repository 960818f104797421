/**
 * SQLite: the party totals become a WITHOUT ROWID table, stored in the order of its primary key
 * (docs/design/ledger-core.md, "Clustered party totals").
 *
 * Why: a rowid table keeps its rows in one b-tree and its primary key in a second. Every posting
 * to a party wrote both, and a party's day row and its all-time row (which share a key prefix)
 * landed on different pages. Clustered on the key, one b-tree is written and a party's rows sit
 * side by side: a one-entry commit writes about two WAL pages fewer. Every read of the table goes
 * by a prefix of that key, so every read is now a range of one b-tree.
 *
 * Journal entries and postings stay rowid tables. Clustered too, they saved two pages more, but
 * their reads go by secondary indexes that do not cover every column, and SQLite then preferred
 * the covering primary key: a loan's postings were read by scanning the whole book (15 → 452 µs
 * a repayment on 1,000 loans, growing with the book).
 *
 * How: the table (0001's definition, no index or trigger of its own, read by no trigger or view)
 * is copied in key order into a clustered twin, the old one dropped and the twin renamed.
 * PostgreSQL tables are heaps; nothing changes there.
 */
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './dialect.ts';

export const tables = [] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  if (d.kind !== 'sqlite') return;
  const statements = [
    `CREATE TABLE party_balance_clustered (
       tenant_id TEXT NOT NULL, book_code TEXT NOT NULL, account_code TEXT NOT NULL, party_id TEXT NOT NULL,
       day TEXT NOT NULL,
       debit_dong INTEGER NOT NULL CHECK (debit_dong >= 0),
       credit_dong INTEGER NOT NULL CHECK (credit_dong >= 0),
       posting_count INTEGER NOT NULL CHECK (posting_count >= 0),
       PRIMARY KEY (tenant_id, book_code, account_code, party_id, day)) STRICT, WITHOUT ROWID`,
    // In key order: each row lands after the last, the twin being a b-tree in that order.
    `INSERT INTO party_balance_clustered SELECT * FROM party_balance
      ORDER BY tenant_id, book_code, account_code, party_id, day`,
    `DROP TABLE party_balance`,
    `ALTER TABLE party_balance_clustered RENAME TO party_balance`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
