/**
 * The ledger core: tenants, organisations, books, accounts, the journal and its running
 * balances. The invariants the database can hold, it holds itself (ARCHITECTURE §1): entries and
 * postings are append-only; an entry must balance, follow its book's head (gapless sequence,
 * chained hash) and fall after the closed period; postings cannot be added to a written entry.
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

/** In foreign-key order; `db copy` handles book heads and the journal itself. */
export const tables = [
  'tenant',
  'organisation',
  'book',
  'account',
  'posting',
  'journal_entry',
  'account_balance',
  'party_balance',
  'idempotency',
  'period_close',
] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const statements = [
    `CREATE TABLE tenant (
       id TEXT NOT NULL PRIMARY KEY,
       name TEXT NOT NULL,
       created_at TEXT NOT NULL)${d.tableEnd}`,
    `CREATE TABLE organisation (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       kind TEXT NOT NULL,
       name_vi TEXT NOT NULL,
       name_en TEXT NOT NULL,
       created_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE book (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       code TEXT NOT NULL,
       organisation_id TEXT,
       template TEXT NOT NULL,
       name_vi TEXT NOT NULL,
       name_en TEXT NOT NULL,
       created_at TEXT NOT NULL,
       head_seq ${I} NOT NULL DEFAULT 0 CHECK (head_seq >= 0),
       head_hash TEXT NOT NULL,
       genesis_hash TEXT NOT NULL,
       locked_through TEXT,
       PRIMARY KEY (tenant_id, code),
       FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE account (
       tenant_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       code TEXT NOT NULL,
       type TEXT NOT NULL CHECK (type IN ('asset','liability','equity','income','expense','memo')),
       normal_side TEXT NOT NULL CHECK (normal_side IN ('debit','credit')),
       name_vi TEXT NOT NULL,
       name_en TEXT NOT NULL,
       party_mode TEXT NOT NULL CHECK (party_mode IN ('none','required')),
       balance_rule TEXT NOT NULL CHECK (balance_rule IN ('none','non_negative')),
       created_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, book_code, code),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    `CREATE TABLE journal_entry (
       tenant_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       seq ${I} NOT NULL CHECK (seq >= 1),
       effective_date TEXT NOT NULL CHECK (length(effective_date) = 10),
       recorded_at TEXT NOT NULL,
       kind TEXT NOT NULL,
       memo TEXT NOT NULL,
       document_no TEXT,
       actor TEXT NOT NULL,
       idempotency_key TEXT,
       reverses_seq ${I},
       posting_count ${I} NOT NULL CHECK (posting_count >= 2),
       prev_hash TEXT NOT NULL,
       hash TEXT NOT NULL,
       PRIMARY KEY (tenant_id, book_code, seq),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code),
       FOREIGN KEY (tenant_id, book_code, reverses_seq) REFERENCES journal_entry(tenant_id, book_code, seq))${d.tableEnd}`,
    // An entry is reversed at most once.
    `CREATE UNIQUE INDEX journal_entry_reverses ON journal_entry (tenant_id, book_code, reverses_seq)
       WHERE reverses_seq IS NOT NULL`,
    // Secondary indexes leave out `seq`: with it, PostgreSQL on fresh statistics may answer a
    // look-up by (tenant, book, seq) through them, scanning a whole book, instead of the key.
    `CREATE INDEX journal_entry_date ON journal_entry (tenant_id, book_code, effective_date)`,
    `CREATE INDEX journal_entry_key ON journal_entry (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    // Postings are written before their entry (the entry's trigger checks that they balance),
    // so the foreign key to the entry is checked at commit.
    `CREATE TABLE posting (
       tenant_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       seq ${I} NOT NULL,
       line ${I} NOT NULL CHECK (line >= 1),
       account_code TEXT NOT NULL,
       party_id TEXT NOT NULL,
       effective_date TEXT NOT NULL,
       amount_dong ${I} NOT NULL CHECK (amount_dong <> 0 AND amount_dong BETWEEN -${AMOUNT_DONG_MAX} AND ${AMOUNT_DONG_MAX}),
       PRIMARY KEY (tenant_id, book_code, seq, line),
       FOREIGN KEY (tenant_id, book_code, seq) REFERENCES journal_entry(tenant_id, book_code, seq)
         DEFERRABLE INITIALLY DEFERRED,
       FOREIGN KEY (tenant_id, book_code, account_code) REFERENCES account(tenant_id, book_code, code))${d.tableEnd}`,
    `CREATE INDEX posting_account ON posting (tenant_id, book_code, account_code, party_id, effective_date)`,
    // Running totals per account (the trial balance reads these) and per party within an account
    // (each borrower, each member): one row per effective day with activity, plus one row dated
    // TOTAL_DAY (9999-12-31) holding the all-time total, so one upsert keeps both and "as of D"
    // (day <= D) never counts the total row. Separate tables, so an account-level read never
    // wades through thousands of party rows.
    ...['account_balance', 'party_balance'].map((table) => {
      const party = table === 'party_balance' ? 'party_id TEXT NOT NULL,' : '';
      const key = table === 'party_balance' ? 'account_code, party_id' : 'account_code';
      return `CREATE TABLE ${table} (
           tenant_id TEXT NOT NULL, book_code TEXT NOT NULL, account_code TEXT NOT NULL, ${party}
           day TEXT NOT NULL,
           debit_dong ${I} NOT NULL CHECK (debit_dong >= 0),
           credit_dong ${I} NOT NULL CHECK (credit_dong >= 0),
           posting_count ${I} NOT NULL CHECK (posting_count >= 0),
           PRIMARY KEY (tenant_id, book_code, ${key}, day))${d.tableEnd}`;
    }),
    `CREATE TABLE idempotency (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       key TEXT NOT NULL,
       request_hash TEXT NOT NULL,
       result TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, key))${d.tableEnd}`,
    `CREATE TABLE period_close (
       tenant_id TEXT NOT NULL,
       book_code TEXT NOT NULL,
       through_date TEXT NOT NULL,
       closed_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       head_seq ${I} NOT NULL,
       head_hash TEXT NOT NULL,
       PRIMARY KEY (tenant_id, book_code, through_date),
       FOREIGN KEY (tenant_id, book_code) REFERENCES book(tenant_id, code))${d.tableEnd}`,
    ...d.appendOnly('journal_entry'),
    ...d.appendOnly('posting'),
    ...d.appendOnly('period_close'),
    ...d.appendOnly('idempotency'),
    ...d.refuseInsertWhen(
      'posting',
      'posting_entry_sealed',
      `EXISTS (SELECT 1 FROM journal_entry e WHERE e.tenant_id = NEW.tenant_id AND e.book_code = NEW.book_code AND e.seq = NEW.seq)`,
      'postings cannot be added to a written entry',
    ),
    ...(d.kind === 'sqlite' ? sqliteJournalTriggers : postgresJournalTriggers),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// The checks an entry insert must pass, BEFORE INSERT, row by row: it follows its predecessor in
// the book (seq − 1 exists, or seq = 1) and links to its hash (or to the book's genesis hash), it
// is dated after the closed period, and one pass over its postings joined to their accounts checks
// count, balance, memo balance and party mode. The book's head is a cache of the last entry, moved
// once per transaction by the application and checked by book_guard; updating it per row would,
// on PostgreSQL, leave one row version per entry and make a bulk import quadratic.
const BOOK = `FROM book b WHERE b.tenant_id = NEW.tenant_id AND b.code = NEW.book_code`;
const PREVIOUS_HASH = `(CASE WHEN NEW.seq = 1 THEN (SELECT b.genesis_hash ${BOOK})
    ELSE (SELECT e.hash FROM journal_entry e WHERE e.tenant_id = NEW.tenant_id AND e.book_code = NEW.book_code AND e.seq = NEW.seq - 1) END)`;
const POSTING_CHECK = `SELECT COUNT(*) AS n, COALESCE(SUM(p.amount_dong), 0) AS total,
         COALESCE(SUM(CASE WHEN a.type = 'memo' THEN p.amount_dong END), 0) AS memo,
         COALESCE(SUM(CASE WHEN (a.party_mode = 'required') = (p.party_id = '') THEN 1 ELSE 0 END), 0) AS bad_party
    FROM posting p JOIN account a ON a.tenant_id = p.tenant_id AND a.book_code = p.book_code AND a.code = p.account_code
   WHERE p.tenant_id = NEW.tenant_id AND p.book_code = NEW.book_code AND p.seq = NEW.seq AND p.line > 0`;
// The head only moves forward, to an entry that exists with that hash; closed periods stay closed;
// the genesis never changes.
const HEAD_GUARD = `NEW.head_seq < OLD.head_seq
    OR (NEW.head_seq = 0 AND NEW.head_hash <> NEW.genesis_hash)
    OR (NEW.head_seq > 0 AND NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.tenant_id = NEW.tenant_id
          AND e.book_code = NEW.code AND e.seq = NEW.head_seq AND e.hash = NEW.head_hash))
    OR NEW.genesis_hash <> OLD.genesis_hash
    OR NEW.locked_through < OLD.locked_through
    OR (OLD.locked_through IS NOT NULL AND NEW.locked_through IS NULL)`;

const sqliteJournalTriggers = [
  `CREATE TRIGGER journal_entry_insert BEFORE INSERT ON journal_entry BEGIN
     SELECT CASE
       WHEN NEW.prev_hash IS NOT ${PREVIOUS_HASH}
         THEN RAISE(ABORT, 'soquy: entry must follow its predecessor in the book (gapless sequence, chained hash)')
     END;
     SELECT CASE
       WHEN NEW.effective_date <= b.locked_through THEN RAISE(ABORT, 'soquy: the period is closed for this date')
     END ${BOOK};
     SELECT CASE
       WHEN n <> NEW.posting_count OR total <> 0 OR memo <> 0 THEN RAISE(ABORT, 'soquy: entry postings do not balance')
       WHEN bad_party <> 0 THEN RAISE(ABORT, 'soquy: posting party does not match the account party mode')
     END FROM (${POSTING_CHECK});
   END`,
  `CREATE TRIGGER book_guard BEFORE UPDATE ON book WHEN ${HEAD_GUARD}
     BEGIN SELECT RAISE(ABORT, 'soquy: the book head only moves forward to a written entry, and closed periods stay closed'); END`,
];

const postgresJournalTriggers = [
  // enable_seqscan off: within a bulk import the planner still believes the tables are as small as
  // their last statistics say, and would scan them whole for every entry.
  `CREATE OR REPLACE FUNCTION soquy_journal_entry_insert() RETURNS trigger LANGUAGE plpgsql
   SET enable_seqscan = off AS $$
   DECLARE c record;
   BEGIN
     IF NEW.prev_hash IS DISTINCT FROM ${PREVIOUS_HASH} THEN
       RAISE EXCEPTION 'soquy: entry must follow its predecessor in the book (gapless sequence, chained hash)'; END IF;
     IF NEW.effective_date <= (SELECT b.locked_through ${BOOK}) THEN
       RAISE EXCEPTION 'soquy: the period is closed for this date'; END IF;
     ${POSTING_CHECK} INTO c;
     IF c.n <> NEW.posting_count OR c.total <> 0 OR c.memo <> 0 THEN
       RAISE EXCEPTION 'soquy: entry postings do not balance'; END IF;
     IF c.bad_party <> 0 THEN
       RAISE EXCEPTION 'soquy: posting party does not match the account party mode'; END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER journal_entry_insert BEFORE INSERT ON journal_entry
     FOR EACH ROW EXECUTE FUNCTION soquy_journal_entry_insert()`,
  `CREATE OR REPLACE FUNCTION soquy_book_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF ${HEAD_GUARD} THEN
       RAISE EXCEPTION 'soquy: the book head only moves forward to a written entry, and closed periods stay closed';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER book_guard BEFORE UPDATE ON book FOR EACH ROW EXECUTE FUNCTION soquy_book_guard()`,
];
