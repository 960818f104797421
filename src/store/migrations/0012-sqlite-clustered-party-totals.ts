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
 * How: the table is copied, in key order, into a clustered twin, the old one dropped and the twin
 * renamed; triggers of other tables that read it would be dropped first and made again from
 * their stored text (there are none today). PostgreSQL tables are heaps; nothing changes there.
 */
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './dialect.ts';

export const tables = [] as const;

const TABLE = 'party_balance';

interface SchemaObject {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string;
}

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  if (d.kind !== 'sqlite') return;
  const run = (text: string) => sql.raw(text).execute(db);
  const { rows } = await sql<SchemaObject>`SELECT type, name, tbl_name, sql FROM sqlite_schema
     WHERE sql IS NOT NULL ORDER BY rowid`.execute(db);
  const mentions = (o: SchemaObject) => new RegExp(`\\b${TABLE}\\b`).test(o.sql);
  const indexes = rows.filter((o) => o.type === 'index' && o.tbl_name === TABLE);
  const triggers = rows.filter((o) => o.type === 'trigger' && (o.tbl_name === TABLE || mentions(o)));
  if (rows.some((o) => o.type === 'view' && mentions(o)))
    throw new Error(`0012: a view reads ${TABLE}; this migration does not rebuild views`);
  const create = rows.find((o) => o.type === 'table' && o.name === TABLE)?.sql;
  if (!create || !/\)\s*STRICT\s*$/.test(create))
    throw new Error(`0012: ${TABLE} is not the STRICT table 0001 made`);
  const key = /PRIMARY KEY \(([^)]+)\)/.exec(create)?.[1];
  if (!key?.startsWith('tenant_id')) throw new Error(`0012: ${TABLE} has no key by tenant`);

  for (const t of triggers) await run(`DROP TRIGGER ${t.name}`);
  await run(
    `${create.replace(new RegExp(`^CREATE TABLE ${TABLE}\\b`), `CREATE TABLE ${TABLE}_clustered`)}, WITHOUT ROWID`,
  );
  // In key order: each row lands after the last, the twin being a b-tree in that order.
  await run(`INSERT INTO ${TABLE}_clustered SELECT * FROM ${TABLE} ORDER BY ${key}`);
  await run(`DROP TABLE ${TABLE}`);
  await run(`ALTER TABLE ${TABLE}_clustered RENAME TO ${TABLE}`);
  for (const o of [...indexes, ...triggers]) await run(o.sql);
}
