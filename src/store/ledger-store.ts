/**
 * The ledger's queries. Every query filters by tenant. Writes take a transaction handle from
 * `Store.write`; reads take either.
 */
import { type Kysely, sql } from 'kysely';
import type {
  AccountSpec,
  AccountType,
  BalanceRule,
  NormalSide,
  PartyMode,
} from '../domain/ledger/accounts.ts';
import type { Entry, Posting } from '../domain/ledger/entry.ts';
import type { EntryKind } from '../domain/ledger/kinds.ts';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import { bulkInsert } from './bulk.ts';
import type { EngineKind } from './migrations/dialect.ts';
import { PreparedText } from './prepared.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** Rows per multi-row INSERT: stays under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_INSERT = 2_000;

function chunks<T>(rows: readonly T[], size = ROWS_PER_INSERT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Reads an integer column and checks it is a safe integer (ARCHITECTURE §1.1: check on read). */
function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : (x as number);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

// --- tenants, organisations, books, accounts --------------------------------------------------

export interface BookRow {
  readonly tenant: string;
  readonly code: string;
  readonly organisation: string | null;
  readonly template: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly headSeq: number;
  readonly headHash: string;
  readonly lockedThrough: string | null;
}

export async function insertTenant(tx: Db, id: string, name: string, at: string): Promise<void> {
  await tx.insertInto('tenant').values({ id, name, created_at: at }).execute();
}

export async function findTenant(db: Db, id: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('tenant').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function listTenants(db: Db): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('tenant').select(['id', 'name']).orderBy('id').execute();
}

export interface OrganisationRow {
  readonly id: string;
  readonly kind: string;
  readonly nameVi: string;
  readonly nameEn: string;
}

export async function insertOrganisation(
  tx: Db,
  tenant: string,
  o: OrganisationRow,
  at: string,
): Promise<void> {
  await tx
    .insertInto('organisation')
    .values({
      tenant_id: tenant,
      id: o.id,
      kind: o.kind,
      name_vi: o.nameVi,
      name_en: o.nameEn,
      created_at: at,
    })
    .execute();
}

export async function listOrganisations(db: Db, tenant: string): Promise<OrganisationRow[]> {
  const rows = await db
    .selectFrom('organisation')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, nameVi: r.name_vi, nameEn: r.name_en }));
}

export async function insertBook(
  tx: Db,
  b: Omit<BookRow, 'headSeq' | 'lockedThrough'>,
  at: string,
): Promise<void> {
  await tx
    .insertInto('book')
    .values({
      tenant_id: b.tenant,
      code: b.code,
      organisation_id: b.organisation,
      template: b.template,
      name_vi: b.nameVi,
      name_en: b.nameEn,
      created_at: at,
      head_seq: 0,
      head_hash: b.headHash,
      genesis_hash: b.headHash,
      locked_through: null,
    })
    .execute();
}

function toBook(r: Database['book']): BookRow {
  return {
    tenant: r.tenant_id,
    code: r.code,
    organisation: r.organisation_id,
    template: r.template,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    headSeq: int(r.head_seq, 'head_seq'),
    headHash: r.head_hash,
    lockedThrough: r.locked_through,
  };
}

/**
 * Reads books; with `lock` on PostgreSQL the rows are locked in code order until commit, which
 * serialises writers per book (gapless sequence) without deadlocks between multi-book writes.
 * SQLite's write transaction already holds the database's single write lock.
 */
export async function findBooks(
  db: Db,
  kind: EngineKind,
  tenant: string,
  codes: readonly string[] | 'all',
  lock = false,
): Promise<BookRow[]> {
  // One book is what nearly every write locks: a fixed text, not a built query (prepared.ts).
  if (codes !== 'all' && codes.length === 1) {
    const text = lock && kind === 'postgres' ? BOOK_FOR_UPDATE : BOOK_ONE;
    return (await text.run<Database['book']>(db, kind, [tenant, codes[0]])).rows.map(toBook);
  }
  let q = db.selectFrom('book').selectAll().where('tenant_id', '=', tenant);
  if (codes !== 'all') {
    if (codes.length === 0) return [];
    q = q.where('code', 'in', codes);
  }
  q = q.orderBy('code');
  if (lock && kind === 'postgres') q = q.forUpdate();
  return (await q.execute()).map(toBook);
}

const BOOK_ONE = new PreparedText('SELECT * FROM book WHERE tenant_id = ? AND code = ?');
const BOOK_FOR_UPDATE = new PreparedText('SELECT * FROM book WHERE tenant_id = ? AND code = ? FOR UPDATE');

export async function insertAccounts(
  tx: Db,
  tenant: string,
  book: string,
  accounts: readonly AccountSpec[],
  at: string,
): Promise<void> {
  for (const part of chunks(accounts, 500)) {
    await tx
      .insertInto('account')
      .values(
        part.map((a) => ({
          tenant_id: tenant,
          book_code: book,
          code: a.code,
          type: a.type,
          normal_side: a.normalSide,
          name_vi: a.nameVi,
          name_en: a.nameEn,
          party_mode: a.partyMode,
          balance_rule: a.balanceRule,
          created_at: at,
        })),
      )
      .execute();
  }
}

export interface AccountRow extends AccountSpec {
  readonly book: string;
}

export async function listAccounts(db: Db, tenant: string, book?: string): Promise<AccountRow[]> {
  let q = db.selectFrom('account').selectAll().where('tenant_id', '=', tenant);
  if (book !== undefined) q = q.where('book_code', '=', book);
  const rows = await q.orderBy('book_code').orderBy('code').execute();
  return rows.map((r) => ({
    book: r.book_code,
    code: r.code,
    type: r.type as AccountType,
    normalSide: r.normal_side as NormalSide,
    nameVi: r.name_vi,
    nameEn: r.name_en,
    partyMode: r.party_mode as PartyMode,
    balanceRule: r.balance_rule as BalanceRule,
  }));
}

// --- idempotency ------------------------------------------------------------------------------

export async function findIdempotency(
  db: Db,
  kind: EngineKind,
  tenant: string,
  key: string,
): Promise<{ requestHash: string; result: string } | undefined> {
  const [row] = (
    await FIND_IDEMPOTENCY.run<{ request_hash: string; result: string }>(db, kind, [tenant, key])
  ).rows;
  return row && { requestHash: row.request_hash, result: row.result };
}

// Fixed texts (prepared.ts): every keyed write runs both.
const FIND_IDEMPOTENCY = new PreparedText(
  'SELECT request_hash, result FROM idempotency WHERE tenant_id = ? AND key = ?',
);
const INSERT_IDEMPOTENCY = new PreparedText(
  'INSERT INTO idempotency (tenant_id, key, request_hash, result, recorded_at) VALUES (?, ?, ?, ?, ?)',
);

export async function insertIdempotency(
  tx: Db,
  kind: EngineKind,
  tenant: string,
  key: string,
  requestHash: string,
  result: string,
  at: string,
): Promise<void> {
  await INSERT_IDEMPOTENCY.run(tx, kind, [tenant, key, requestHash, result, at]);
}

// --- journal ----------------------------------------------------------------------------------

/** Writes entries and their postings; postings first, so each entry's trigger sees them. */
export async function insertEntries(tx: Db, kind: EngineKind, entries: readonly Entry[]): Promise<void> {
  const postings: unknown[][] = [];
  for (const e of entries)
    for (const p of e.postings)
      postings.push([e.tenant, e.book, e.seq, p.line, p.account, p.party ?? '', e.date, p.amount]);
  // PostgreSQL plans the entry trigger's look-ups (the predecessor, the postings) and the
  // posting → entry foreign-key checks from table statistics. On a fresh table those say "nearly
  // empty", every index that matches looks as cheap as the key, and a large first import scans a
  // whole book per entry. So in a large batch that would more than double what the statistics
  // last counted, they are refreshed (ANALYZE sees this transaction's own rows) after the
  // postings, after the first chunk of entries and at the end. Once the tables are large next to
  // the batch, the statistics still hold and ANALYZE (a third of a second each) is skipped.
  const analyze =
    kind === 'postgres' &&
    entries.length >= ANALYZE_BATCH_MIN &&
    (await statisticsCount(tx, 'journal_entry')) < entries.length;
  await bulkInsert(tx, kind, 'posting', POSTING_COLUMNS, postings);
  if (analyze) await sql`ANALYZE posting`.execute(tx);
  const rows = entries.map((e) => [
    e.tenant,
    e.book,
    e.seq,
    e.date,
    e.recordedAt,
    e.kind,
    e.memo,
    e.documentNo,
    e.actor,
    e.idempotencyKey,
    e.reversesSeq,
    e.postings.length,
    e.prevHash,
    e.hash,
  ]);
  const first = analyze ? ANALYZE_BATCH_MIN : rows.length;
  await bulkInsert(tx, kind, 'journal_entry', ENTRY_COLUMNS, rows.slice(0, first));
  if (analyze) {
    await sql`ANALYZE journal_entry`.execute(tx);
    await bulkInsert(tx, kind, 'journal_entry', ENTRY_COLUMNS, rows.slice(first));
    await sql`ANALYZE journal_entry`.execute(tx);
  }
}

const ANALYZE_BATCH_MIN = 1_000;

/** PostgreSQL: the rows the planner's statistics count for a table of the current schema (-1: never analysed). */
async function statisticsCount(tx: Db, table: string): Promise<number> {
  const r = await sql<{
    n: number | string | null;
  }>`SELECT reltuples AS n FROM pg_class WHERE oid = to_regclass(${table})`.execute(tx);
  return Number(r.rows[0]?.n ?? -1);
}

const POSTING_COLUMNS = [
  'tenant_id',
  'book_code',
  'seq',
  'line',
  'account_code',
  'party_id',
  'effective_date',
  'amount_dong',
];
const ENTRY_COLUMNS = [
  'tenant_id',
  'book_code',
  'seq',
  'effective_date',
  'recorded_at',
  'kind',
  'memo',
  'document_no',
  'actor',
  'idempotency_key',
  'reverses_seq',
  'posting_count',
  'prev_hash',
  'hash',
];

export interface EntryFilter {
  readonly book?: string | undefined;
  /** Only these books (the ones a user may read); an empty list finds nothing. */
  readonly books?: readonly string[] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly kind?: string | undefined;
  readonly account?: string | undefined;
  readonly party?: string | undefined;
  readonly documentNo?: string | undefined;
  readonly text?: string | undefined;
  /** Keyset paging: entries after this (book, seq). */
  readonly after?: { book: string; seq: number } | undefined;
  readonly limit: number;
}

type EntryRow = Database['journal_entry'];

function toEntry(r: EntryRow, postings: Posting[]): Entry {
  return {
    tenant: r.tenant_id,
    book: r.book_code,
    seq: int(r.seq, 'seq'),
    date: r.effective_date,
    recordedAt: r.recorded_at,
    kind: r.kind as EntryKind,
    memo: r.memo,
    documentNo: r.document_no,
    actor: r.actor,
    idempotencyKey: r.idempotency_key,
    reversesSeq: r.reverses_seq === null ? null : int(r.reverses_seq, 'reverses_seq'),
    postings,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Entries matching a filter, ordered by book and sequence, with their postings. */
export async function findEntries(db: Db, tenant: string, f: EntryFilter): Promise<Entry[]> {
  let q = db.selectFrom('journal_entry as e').selectAll('e').where('e.tenant_id', '=', tenant);
  if (f.book !== undefined) q = q.where('e.book_code', '=', f.book);
  if (f.books !== undefined) {
    if (f.books.length === 0) return [];
    q = q.where('e.book_code', 'in', f.books);
  }
  if (f.from !== undefined) q = q.where('e.effective_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('e.effective_date', '<=', f.to);
  if (f.kind !== undefined) q = q.where('e.kind', '=', f.kind);
  if (f.documentNo !== undefined) q = q.where('e.document_no', '=', f.documentNo);
  if (f.text !== undefined) q = q.where('e.memo', 'like', `%${f.text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  if (f.account !== undefined || f.party !== undefined) {
    const { account, party } = f;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('posting as p')
          .select(sql.lit(1).as('one'))
          .whereRef('p.tenant_id', '=', 'e.tenant_id')
          .whereRef('p.book_code', '=', 'e.book_code')
          .whereRef('p.seq', '=', 'e.seq')
          .$if(account !== undefined, (s) => s.where('p.account_code', '=', account as string))
          .$if(party !== undefined, (s) => s.where('p.party_id', '=', party as string)),
      ),
    );
  }
  if (f.after) {
    const { book, seq } = f.after;
    q = q.where((eb) =>
      eb.or([eb('e.book_code', '>', book), eb.and([eb('e.book_code', '=', book), eb('e.seq', '>', seq)])]),
    );
  }
  const rows = await q.orderBy('e.book_code').orderBy('e.seq').limit(f.limit).execute();
  return attachPostings(db, tenant, rows);
}

/** Entries of one book with seq in [fromSeq, toSeq], in order: the chain walk of verify and export. */
export async function findEntriesBySeq(
  db: Db,
  tenant: string,
  book: string,
  fromSeq: number,
  toSeq: number,
): Promise<Entry[]> {
  const rows = await db
    .selectFrom('journal_entry')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('book_code', '=', book)
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .orderBy('seq')
    .execute();
  return attachPostings(db, tenant, rows, { book, fromSeq, toSeq });
}

async function attachPostings(
  db: Db,
  tenant: string,
  rows: EntryRow[],
  range?: { book: string; fromSeq: number; toSeq: number },
): Promise<Entry[]> {
  if (rows.length === 0) return [];
  const byKey = new Map<string, Posting[]>();
  for (const r of rows) byKey.set(`${r.book_code}\u0000${r.seq}`, []);
  let pq = db
    .selectFrom('posting')
    .select(['book_code', 'seq', 'line', 'account_code', 'party_id', 'amount_dong'])
    .where('tenant_id', '=', tenant);
  if (range) {
    pq = pq
      .where('book_code', '=', range.book)
      .where('seq', '>=', range.fromSeq)
      .where('seq', '<=', range.toSeq);
  } else {
    pq = pq.where((eb) =>
      eb.or(
        [...new Set(rows.map((r) => r.book_code))].map((book) =>
          eb.and([
            eb('book_code', '=', book),
            eb(
              'seq',
              'in',
              rows.filter((r) => r.book_code === book).map((r) => r.seq),
            ),
          ]),
        ),
      ),
    );
  }
  const postings = await pq.orderBy('book_code').orderBy('seq').orderBy('line').execute();
  for (const p of postings) {
    byKey.get(`${p.book_code}\u0000${p.seq}`)?.push({
      line: int(p.line, 'line'),
      account: p.account_code,
      party: p.party_id === '' ? null : p.party_id,
      amount: int(p.amount_dong, 'amount_dong'),
    });
  }
  return rows.map((r) => toEntry(r, byKey.get(`${r.book_code}\u0000${r.seq}`) ?? []));
}

export async function findEntry(
  db: Db,
  tenant: string,
  book: string,
  seq: number,
): Promise<Entry | undefined> {
  const [e] = await findEntriesBySeq(db, tenant, book, seq, seq);
  return e;
}

export async function findReversalOf(
  db: Db,
  tenant: string,
  book: string,
  seq: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('journal_entry')
    .select('seq')
    .where('tenant_id', '=', tenant)
    .where('book_code', '=', book)
    .where('reverses_seq', '=', seq)
    .executeTakeFirst();
  return row ? int(row.seq, 'seq') : undefined;
}

// --- running balances -------------------------------------------------------------------------

export interface BalanceDelta {
  readonly book: string;
  readonly account: string;
  /** '' for the account as a whole. */
  readonly party: string;
  /** `null` for the all-time total row, else the effective day. */
  readonly day: string | null;
  debit: number;
  credit: number;
  count: number;
}

/** The day of the row holding an account's (or party's) all-time total; after every real date. */
export const TOTAL_DAY = '9999-12-31';

type Level = { readonly table: 'account_balance' | 'party_balance'; readonly party: boolean };
const ACCOUNT_LEVEL: Level = { table: 'account_balance', party: false };
const PARTY_LEVEL: Level = { table: 'party_balance', party: true };
const levelOf = (party: string): Level => (party === '' ? ACCOUNT_LEVEL : PARTY_LEVEL);

/** Adds deltas to the running totals: one multi-row upsert per table and chunk. */
export async function applyBalanceDeltas(
  tx: Db,
  kind: EngineKind,
  tenant: string,
  deltas: readonly BalanceDelta[],
): Promise<void> {
  for (const level of [ACCOUNT_LEVEL, PARTY_LEVEL]) {
    const rows = deltas
      .filter((d) => (d.party !== '') === level.party)
      .map((d) => [
        tenant,
        d.book,
        d.account,
        ...(level.party ? [d.party] : []),
        d.day ?? TOTAL_DAY,
        d.debit,
        d.credit,
        d.count,
      ]);
    if (rows.length === 0) continue;
    const key = ['tenant_id', 'book_code', 'account_code', ...(level.party ? ['party_id'] : []), 'day'];
    const t = level.table;
    await bulkInsert(
      tx,
      kind,
      t,
      [...key, 'debit_dong', 'credit_dong', 'posting_count'],
      rows,
      `ON CONFLICT (${key.join(', ')}) DO UPDATE SET debit_dong = ${t}.debit_dong + excluded.debit_dong,
         credit_dong = ${t}.credit_dong + excluded.credit_dong, posting_count = ${t}.posting_count + excluded.posting_count`,
    );
  }
}

export interface Totals {
  readonly debit: number;
  readonly credit: number;
  readonly count: number;
}

const ZERO: Totals = { debit: 0, credit: 0, count: 0 };

function totalsOf(r: { debit: unknown; credit: unknown; count: unknown } | undefined): Totals {
  return r
    ? {
        debit: int(r.debit ?? 0, 'debit'),
        credit: int(r.credit ?? 0, 'credit'),
        count: int(r.count ?? 0, 'count'),
      }
    : ZERO;
}

/** `day = TOTAL_DAY` for "now", else the day rows up to and including `asOf`. */
function dayFilter(asOf: string | undefined) {
  return asOf === undefined ? sql`day = ${TOTAL_DAY}` : sql`day <= ${asOf}`;
}

/**
 * Totals of one account (party '' = the whole account) or one party in it, as of a day or now.
 * "Now" reads one row; "as of" sums the day rows up to the day: a cost bounded by the days with
 * activity, never by the number of postings.
 */
export async function readTotals(
  db: Db,
  tenant: string,
  book: string,
  account: string,
  party: string,
  asOf?: string,
): Promise<Totals> {
  const level = levelOf(party);
  const r = await sql<{ debit: number; credit: number; count: number }>`
    SELECT SUM(debit_dong) AS debit, SUM(credit_dong) AS credit, SUM(posting_count) AS count
      FROM ${sql.table(level.table)}
     WHERE tenant_id = ${tenant} AND book_code = ${book} AND account_code = ${account}
       ${level.party ? sql`AND party_id = ${party}` : sql``} AND ${dayFilter(asOf)}`.execute(db);
  return totalsOf(r.rows[0]);
}

export interface AccountTotals extends Totals {
  readonly book: string;
  readonly account: string;
}

/** Whole-account totals of one book or all books, now or as of a day. */
export async function readAccountTotals(
  db: Db,
  tenant: string,
  book: string | undefined,
  asOf?: string,
): Promise<AccountTotals[]> {
  const r = await sql<{
    book_code: string;
    account_code: string;
    debit: number;
    credit: number;
    count: number;
  }>`
    SELECT book_code, account_code, SUM(debit_dong) AS debit, SUM(credit_dong) AS credit, SUM(posting_count) AS count
      FROM account_balance
     WHERE tenant_id = ${tenant} ${book === undefined ? sql`` : sql`AND book_code = ${book}`} AND ${dayFilter(asOf)}
     GROUP BY book_code, account_code`.execute(db);
  return r.rows.map((row) => ({ book: row.book_code, account: row.account_code, ...totalsOf(row) }));
}

/** Party sub-balances of one account, now or as of a day. */
export async function readPartyTotals(
  db: Db,
  tenant: string,
  book: string,
  account: string,
  asOf?: string,
): Promise<Array<Totals & { party: string }>> {
  const r = await sql<{ party_id: string; debit: number; credit: number; count: number }>`
    SELECT party_id, SUM(debit_dong) AS debit, SUM(credit_dong) AS credit, SUM(posting_count) AS count
      FROM party_balance
     WHERE tenant_id = ${tenant} AND book_code = ${book} AND account_code = ${account} AND ${dayFilter(asOf)}
     GROUP BY party_id ORDER BY party_id`.execute(db);
  return r.rows.map((row) => ({ party: row.party_id, ...totalsOf(row) }));
}

/**
 * The all-time total and the net debit-minus-credit of each day from `fromDay` on, ascending:
 * what a balance-rule check walks. One query: the total row sorts after every day.
 */
export async function readDayNets(
  db: Db,
  kind: EngineKind,
  tenant: string,
  book: string,
  account: string,
  party: string,
  fromDay: string,
): Promise<{ total: Totals; days: Array<{ day: string; net: number }> }> {
  const r = await (party === '' ? ACCOUNT_DAY_NETS : PARTY_DAY_NETS).run<{
    day: string;
    debit_dong: number;
    credit_dong: number;
    posting_count: number;
  }>(db, kind, party === '' ? [tenant, book, account, fromDay] : [tenant, book, account, party, fromDay]);
  let total = ZERO;
  const days: Array<{ day: string; net: number }> = [];
  for (const row of r.rows) {
    if (row.day === TOTAL_DAY)
      total = totalsOf({ debit: row.debit_dong, credit: row.credit_dong, count: row.posting_count });
    else days.push({ day: row.day, net: int(row.debit_dong, 'debit') - int(row.credit_dong, 'credit') });
  }
  return { total, days };
}

const ACCOUNT_DAY_NETS = new PreparedText(
  `SELECT day, debit_dong, credit_dong, posting_count FROM account_balance
    WHERE tenant_id = ? AND book_code = ? AND account_code = ? AND day >= ? ORDER BY day`,
);
const PARTY_DAY_NETS = new PreparedText(
  `SELECT day, debit_dong, credit_dong, posting_count FROM party_balance
    WHERE tenant_id = ? AND book_code = ? AND account_code = ? AND party_id = ? AND day >= ? ORDER BY day`,
);

/** Every running-total row of a book, for the replay check of `verify`. */
export async function readAllTotals(
  db: Db,
  tenant: string,
  book: string,
): Promise<Array<Totals & { account: string; party: string; day: string | null }>> {
  const out: Array<Totals & { account: string; party: string; day: string | null }> = [];
  for (const level of [ACCOUNT_LEVEL, PARTY_LEVEL]) {
    const r = await sql<{
      account_code: string;
      party_id?: string;
      day: string;
      debit_dong: number;
      credit_dong: number;
      posting_count: number;
    }>`
      SELECT * FROM ${sql.table(level.table)} WHERE tenant_id = ${tenant} AND book_code = ${book}`.execute(
      db,
    );
    for (const row of r.rows)
      out.push({
        account: row.account_code,
        party: row.party_id ?? '',
        day: row.day === TOTAL_DAY ? null : row.day,
        debit: int(row.debit_dong, 'debit'),
        credit: int(row.credit_dong, 'credit'),
        count: int(row.posting_count, 'count'),
      });
  }
  return out;
}

/**
 * Postings of one account (and party) between two days, in date and sequence order. The literal
 * `party_id` terms let each engine use the partial index that holds these postings (migration
 * 0013): a named party's postings are in `posting_party_seq`, an account without parties in
 * `posting_account`; a party account across all its parties is read by the book's key.
 */
export async function findAccountPostings(
  db: Db,
  tenant: string,
  book: string,
  account: string,
  partyMode: PartyMode,
  party: string | undefined,
  from: string | undefined,
  to: string | undefined,
  limit: number,
): Promise<
  Array<{
    seq: number;
    line: number;
    party: string | null;
    date: string;
    amount: number;
    kind: string;
    memo: string;
    documentNo: string | null;
  }>
> {
  let q = db
    .selectFrom('posting as p')
    .innerJoin('journal_entry as e', (j) =>
      j
        .onRef('e.tenant_id', '=', 'p.tenant_id')
        .onRef('e.book_code', '=', 'p.book_code')
        .onRef('e.seq', '=', 'p.seq'),
    )
    .select([
      'p.seq',
      'p.line',
      'p.party_id',
      'p.effective_date',
      'p.amount_dong',
      'e.kind',
      'e.memo',
      'e.document_no',
    ])
    .where('p.tenant_id', '=', tenant)
    .where('p.book_code', '=', book)
    .where('p.account_code', '=', account);
  if (party !== undefined) q = q.where('p.party_id', '=', party).where(sql<boolean>`p.party_id <> ''`);
  else if (partyMode === 'none') q = q.where(sql<boolean>`p.party_id = ''`);
  if (from !== undefined) q = q.where('p.effective_date', '>=', from);
  if (to !== undefined) q = q.where('p.effective_date', '<=', to);
  const rows = await q.orderBy('p.effective_date').orderBy('p.seq').orderBy('p.line').limit(limit).execute();
  return rows.map((r) => ({
    seq: int(r.seq, 'seq'),
    line: int(r.line, 'line'),
    party: r.party_id === '' ? null : r.party_id,
    date: r.effective_date,
    amount: int(r.amount_dong, 'amount'),
    kind: r.kind,
    memo: r.memo,
    documentNo: r.document_no,
  }));
}

/** Moves a book's head to its last written entry; once per writing transaction. */
export async function advanceBookHead(
  tx: Db,
  kind: EngineKind,
  tenant: string,
  book: string,
  seq: number,
  hash: string,
): Promise<void> {
  await ADVANCE_HEAD.run(tx, kind, [seq, hash, tenant, book]);
}

const ADVANCE_HEAD = new PreparedText(
  'UPDATE book SET head_seq = ?, head_hash = ? WHERE tenant_id = ? AND code = ?',
);

// --- periods ------------------------------------------------------------------------------------

export async function closePeriod(
  tx: Db,
  book: BookRow,
  through: string,
  actor: string,
  at: string,
): Promise<void> {
  await tx
    .insertInto('period_close')
    .values({
      tenant_id: book.tenant,
      book_code: book.code,
      through_date: through,
      closed_at: at,
      actor,
      head_seq: book.headSeq,
      head_hash: book.headHash,
    })
    .execute();
  await tx
    .updateTable('book')
    .set({ locked_through: through })
    .where('tenant_id', '=', book.tenant)
    .where('code', '=', book.code)
    .execute();
}

export async function listPeriodCloses(
  db: Db,
  tenant: string,
  book: string,
): Promise<Array<{ through: string; closedAt: string; actor: string; headSeq: number; headHash: string }>> {
  const rows = await db
    .selectFrom('period_close')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('book_code', '=', book)
    .orderBy('through_date')
    .execute();
  return rows.map((r) => ({
    through: r.through_date,
    closedAt: r.closed_at,
    actor: r.actor,
    headSeq: int(r.head_seq, 'head_seq'),
    headHash: r.head_hash,
  }));
}
