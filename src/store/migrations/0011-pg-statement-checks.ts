/**
 * PostgreSQL: the journal's insert checks run once per statement over the rows it inserted
 * (a transition table), instead of once per row. The checks are the same as 0001's row triggers:
 * an entry follows its predecessor in the book and links to its hash (or the book's genesis), it
 * is dated after the closed period, its postings (joined to their accounts) match its count,
 * balance, memo balance and party mode; and no posting is added to an entry already written.
 *
 * Why: a batch of a thousand entries ran three look-ups per entry inside a plpgsql function
 * (≈ 0.3 ms an entry, the largest single cost of a month-end run on PostgreSQL). Set-based, the
 * same checks are three joins per statement. The statement is refused whole, as before, with the
 * same messages. SQLite keeps its row triggers (they cost little there, and SQLite has no
 * transition tables).
 */
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './dialect.ts';

export const tables = [] as const;

const ENTRY_CHECKS = `
  IF EXISTS (SELECT 1 FROM new_entries n
       JOIN book b ON b.tenant_id = n.tenant_id AND b.code = n.book_code
       LEFT JOIN journal_entry p ON p.tenant_id = n.tenant_id AND p.book_code = n.book_code AND p.seq = n.seq - 1
      WHERE n.prev_hash IS DISTINCT FROM (CASE WHEN n.seq = 1 THEN b.genesis_hash ELSE p.hash END)) THEN
    RAISE EXCEPTION 'soquy: entry must follow its predecessor in the book (gapless sequence, chained hash)';
  END IF;
  IF EXISTS (SELECT 1 FROM new_entries n
       JOIN book b ON b.tenant_id = n.tenant_id AND b.code = n.book_code
      WHERE n.effective_date <= b.locked_through) THEN
    RAISE EXCEPTION 'soquy: the period is closed for this date';
  END IF;
  -- Each new entry, then its postings (by the primary key), then their accounts: in this order
  -- the plan is a look-up per entry; joined the other way PostgreSQL paired every account with
  -- every new entry first (a batch of 1,400 entries: 0.6 s against 18 ms).
  SELECT
      COALESCE(SUM(CASE WHEN c.n <> c.posting_count OR c.total <> 0 OR c.memo <> 0 THEN 1 ELSE 0 END), 0) AS unbalanced,
      COALESCE(SUM(c.bad_party), 0) AS bad_party
    INTO r
    FROM (
      SELECT n.posting_count, COUNT(p.line) AS n, COALESCE(SUM(p.amount_dong), 0) AS total,
             COALESCE(SUM(CASE WHEN a.type = 'memo' THEN p.amount_dong ELSE 0 END), 0) AS memo,
             COALESCE(SUM(CASE WHEN (a.party_mode = 'required') = (p.party_id = '') THEN 1 ELSE 0 END), 0) AS bad_party
        FROM new_entries n
        LEFT JOIN posting p ON p.tenant_id = n.tenant_id AND p.book_code = n.book_code AND p.seq = n.seq AND p.line > 0
        LEFT JOIN account a ON a.tenant_id = p.tenant_id AND a.book_code = p.book_code AND a.code = p.account_code
       GROUP BY n.tenant_id, n.book_code, n.seq, n.posting_count) c;
  IF r.unbalanced <> 0 THEN RAISE EXCEPTION 'soquy: entry postings do not balance'; END IF;
  IF r.bad_party <> 0 THEN RAISE EXCEPTION 'soquy: posting party does not match the account party mode'; END IF;`;

// The planner knows nothing of a transition table's size and, with hash joins allowed, read the
// whole journal to check a thousand new postings (33 ms at 90,000 entries, growing with the
// book); as index look-ups driven by the new rows it is 4.6 ms whatever the journal's size. JIT
// off: those look-ups never pay back a compilation.
const LOOKUPS = 'SET enable_hashjoin = off SET enable_mergejoin = off SET jit = off';

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  if (d.kind !== 'postgres') return;
  const statements = [
    `DROP TRIGGER journal_entry_insert ON journal_entry`,
    `DROP FUNCTION soquy_journal_entry_insert()`,
    `CREATE FUNCTION soquy_journal_entry_inserted() RETURNS trigger LANGUAGE plpgsql ${LOOKUPS} AS $$
     DECLARE r record;
     BEGIN ${ENTRY_CHECKS}
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER journal_entry_inserted AFTER INSERT ON journal_entry
       REFERENCING NEW TABLE AS new_entries
       FOR EACH STATEMENT EXECUTE FUNCTION soquy_journal_entry_inserted()`,
    `DROP TRIGGER posting_entry_sealed ON posting`,
    `DROP FUNCTION soquy_posting_entry_sealed()`,
    `CREATE FUNCTION soquy_posting_entry_sealed() RETURNS trigger LANGUAGE plpgsql ${LOOKUPS} AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM new_postings n JOIN journal_entry e
                    ON e.tenant_id = n.tenant_id AND e.book_code = n.book_code AND e.seq = n.seq) THEN
         RAISE EXCEPTION 'soquy: postings cannot be added to a written entry';
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER posting_entry_sealed AFTER INSERT ON posting
       REFERENCING NEW TABLE AS new_postings
       FOR EACH STATEMENT EXECUTE FUNCTION soquy_posting_entry_sealed()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
