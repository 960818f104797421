/**
 * The one write path of the journal. Every domain operation (a repayment, a meeting, a donation)
 * ends here with one or more entry drafts, posted in one transaction: all or nothing.
 */
import { normalBalance } from '../../domain/ledger/accounts.ts';
import { entryHash, requestHash } from '../../domain/ledger/chain.ts';
import {
  checkDraftAccounts,
  checkDraftShape,
  type Entry,
  type EntryDraft,
  toPostings,
} from '../../domain/ledger/entry.ts';
import { LEDGER_LIMITS } from '../../domain/ledger/limits.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import {
  advanceBookHead,
  applyBalanceDeltas,
  type BalanceDelta,
  type BookRow,
  findBooks,
  findIdempotency,
  insertEntries,
  insertIdempotency,
  readDayNets,
} from '../../store/ledger-store.ts';
import type { EngineKind } from '../../store/migrations/dialect.ts';
import type { Tx } from '../../store/open-store.ts';
import { type Ctx, nowIso } from '../context.ts';
import type { AccountCache } from './account-cache.ts';

/** A draft plus what only the ledger itself may set. */
export interface InternalDraft extends EntryDraft {
  readonly reversesSeq?: number;
}

export interface PostedRef {
  readonly book: string;
  readonly seq: number;
  readonly date: string;
  readonly kind: string;
  readonly hash: string;
}

export interface PostResult {
  readonly entries: readonly PostedRef[];
  /** True when this was a replay of an earlier request with the same key: nothing was written. */
  readonly replayed: boolean;
}

export interface PostOptions {
  readonly idempotencyKey?: string | null | undefined;
  /** What the key fingerprints; defaults to the drafts themselves. */
  readonly requestBody?: unknown;
}

export interface PostEnv {
  readonly kind: EngineKind;
  readonly accounts: AccountCache;
}

function refusedIf(refusals: Refusal[]): void {
  if (refusals.length > 0) throw new RefusedError(refusals);
}

/**
 * Posts drafts inside an open write transaction. Throws RefusedError, having written nothing
 * the caller's transaction will keep, when any draft is refused.
 */
export async function postInTx(
  tx: Tx,
  env: PostEnv,
  ctx: Ctx,
  drafts: readonly InternalDraft[],
  options: PostOptions = {},
): Promise<PostResult> {
  const key = options.idempotencyKey ?? null;
  refusedIf(checkBatch(drafts, key));

  // Lock the books first: on PostgreSQL a racing replay of the same key waits here, then sees
  // the first request's idempotency row below.
  const books = await lockBooks(tx, env, ctx, drafts);

  const fingerprint =
    key === null ? '' : requestHash(options.requestBody ?? { op: 'post', entries: drafts.map(normalise) });
  if (key !== null) {
    const earlier = await findIdempotency(tx, env.kind, ctx.tenant, key);
    if (earlier) {
      if (earlier.requestHash !== fingerprint)
        throw new RefusedError([{ code: 'idempotency_key_reused', field: 'idempotencyKey', value: key }]);
      return { entries: JSON.parse(earlier.result) as PostedRef[], replayed: true };
    }
  }
  refusedIf(await checkAgainstBooks(tx, env, ctx, drafts, books));

  const at = nowIso(ctx);
  const heads = new Map([...books.values()].map((b) => [b.code, { seq: b.headSeq, hash: b.headHash }]));
  const entries: Entry[] = drafts.map((d) => {
    const head = heads.get(d.book)!;
    // Built whole, its hash filled in last: one object an entry (a batch has 10^5).
    const entry: { -readonly [K in keyof Entry]: Entry[K] } = {
      tenant: ctx.tenant,
      book: d.book,
      seq: head.seq + 1,
      date: d.date,
      recordedAt: at,
      kind: d.kind,
      memo: d.memo,
      documentNo: d.documentNo ?? null,
      actor: ctx.actor,
      idempotencyKey: key,
      reversesSeq: d.reversesSeq ?? null,
      postings: toPostings(d.postings),
      prevHash: head.hash,
      hash: '',
    };
    entry.hash = entryHash(head.hash, entry);
    heads.set(d.book, { seq: entry.seq, hash: entry.hash });
    return entry;
  });

  await insertEntries(tx, env.kind, entries);
  for (const [book, head] of heads)
    if (head.seq !== books.get(book)!.headSeq)
      await advanceBookHead(tx, env.kind, ctx.tenant, book, head.seq, head.hash);
  const deltas = balanceDeltas(entries);
  await applyBalanceDeltas(tx, env.kind, ctx.tenant, deltas);
  refusedIf(await checkBalanceRules(tx, env, ctx.tenant, drafts, entries));

  const refs: PostedRef[] = entries.map((e) => ({
    book: e.book,
    seq: e.seq,
    date: e.date,
    kind: e.kind,
    hash: e.hash,
  }));
  if (key !== null)
    await insertIdempotency(tx, env.kind, ctx.tenant, key, fingerprint, JSON.stringify(refs), at);
  return { entries: refs, replayed: false };
}

function normalise(d: InternalDraft): unknown {
  return {
    book: d.book,
    date: d.date,
    kind: d.kind,
    memo: d.memo,
    documentNo: d.documentNo ?? null,
    reversesSeq: d.reversesSeq ?? null,
    postings: d.postings.map((p) => ({ account: p.account, party: p.party ?? null, amount: p.amount })),
  };
}

function checkBatch(drafts: readonly InternalDraft[], key: string | null): Refusal[] {
  const out: Refusal[] = [];
  if (
    key !== null &&
    (typeof key !== 'string' || key.length === 0 || key.length > LEDGER_LIMITS.idempotencyKeyLengthMax)
  )
    out.push({
      code: 'text_too_long',
      field: 'idempotencyKey',
      value: key,
      params: { max: LEDGER_LIMITS.idempotencyKeyLengthMax },
    });
  if (drafts.length === 0) out.push({ code: 'batch_empty', field: 'entries', value: 0 });
  if (drafts.length > LEDGER_LIMITS.entriesPerBatchMax)
    out.push({
      code: 'batch_too_large',
      field: 'entries',
      value: drafts.length,
      params: { max: LEDGER_LIMITS.entriesPerBatchMax },
    });
  const single = drafts.length === 1;
  drafts.forEach((d, i) => {
    out.push(...checkDraftShape(d, single ? '' : `entries[${i}].`));
  });
  return out;
}

async function lockBooks(
  tx: Tx,
  env: PostEnv,
  ctx: Ctx,
  drafts: readonly InternalDraft[],
): Promise<Map<string, BookRow>> {
  const codes = [...new Set(drafts.map((d) => d.book))].sort();
  return new Map((await findBooks(tx, env.kind, ctx.tenant, codes, true)).map((b) => [b.code, b]));
}

/**
 * Every check a batch must pass before it is written, except the balance rules (which need the
 * batch applied): shape, bounds, balance, books, closed periods, accounts and parties. Returns
 * all refusals, so a dry run can list every bad line at once.
 */
export async function checkDrafts(
  tx: Tx,
  env: PostEnv,
  ctx: Ctx,
  drafts: readonly InternalDraft[],
): Promise<Refusal[]> {
  const single = drafts.length === 1;
  const shape: Refusal[] = [];
  const misshapen = new Set<number>();
  drafts.forEach((d, i) => {
    const r = checkDraftShape(d, single ? '' : `entries[${i}].`);
    if (r.length > 0) misshapen.add(i);
    shape.push(...r);
  });
  const books = await lockBooks(tx, env, ctx, drafts);
  if (drafts.length > LEDGER_LIMITS.entriesPerBatchMax)
    shape.push({
      code: 'batch_too_large',
      field: 'entries',
      value: drafts.length,
      params: { max: LEDGER_LIMITS.entriesPerBatchMax },
    });
  return [...shape, ...(await checkAgainstBooks(tx, env, ctx, drafts, books, misshapen))];
}

async function checkAgainstBooks(
  tx: Tx,
  env: PostEnv,
  ctx: Ctx,
  drafts: readonly InternalDraft[],
  books: Map<string, BookRow>,
  skip: ReadonlySet<number> = new Set(),
): Promise<Refusal[]> {
  await env.accounts.load(
    tx,
    ctx.tenant,
    books.keys(),
    drafts.flatMap((d) =>
      books.has(d.book) ? d.postings.map((p): [string, string] => [d.book, p.account]) : [],
    ),
  );
  const out: Refusal[] = [];
  const single = drafts.length === 1;
  drafts.forEach((d, i) => {
    if (skip.has(i)) return;
    const prefix = single ? '' : `entries[${i}].`;
    const book = books.get(d.book);
    if (!book) {
      out.push({ code: 'book_unknown', field: `${prefix}book`, value: d.book });
      return;
    }
    if (book.lockedThrough !== null && d.date <= book.lockedThrough)
      out.push({
        code: 'period_closed',
        field: `${prefix}date`,
        value: d.date,
        params: { book: d.book, lockedThrough: book.lockedThrough },
      });
    out.push(...checkDraftAccounts(d, (b, code) => env.accounts.get(ctx.tenant, b, code), prefix));
  });
  return out;
}

/** The running-total changes of a batch: per account, per party, per day and all-time. */
export function balanceDeltas(entries: readonly Entry[]): BalanceDelta[] {
  // Nested maps (book → account → party), each level holding its all-time row and its day rows
  // by date: a posting costs a few look-ups by the strings it already has, no key built per
  // posting (a 10^5-entry import moves ~10^6 rows).
  const books = new Map<string, Map<string, Level>>();
  const out: BalanceDelta[] = [];
  for (const e of entries) {
    let accounts = books.get(e.book);
    if (accounts === undefined) {
      accounts = new Map();
      books.set(e.book, accounts);
    }
    for (const p of e.postings) {
      let level = accounts.get(p.account);
      if (level === undefined) {
        level = newLevel(out, e.book, p.account, '');
        accounts.set(p.account, level);
      }
      addToLevel(out, level, e.date, p.amount);
      if (p.party !== null) {
        let party = level.parties.get(p.party);
        if (party === undefined) {
          party = newLevel(out, e.book, p.account, p.party);
          level.parties.set(p.party, party);
        }
        addToLevel(out, party, e.date, p.amount);
      }
    }
  }
  return out;
}

interface Level {
  readonly total: BalanceDelta;
  readonly days: Map<string, BalanceDelta>;
  /** Under an account's level, its parties' own. */
  readonly parties: Map<string, Level>;
}

function deltaRow(out: BalanceDelta[], book: string, account: string, party: string, day: string | null) {
  const d: BalanceDelta = { book, account, party, day, debit: 0, credit: 0, count: 0 };
  out.push(d);
  return d;
}

function newLevel(out: BalanceDelta[], book: string, account: string, party: string): Level {
  return { total: deltaRow(out, book, account, party, null), days: new Map(), parties: new Map() };
}

function addToLevel(out: BalanceDelta[], level: Level, date: string, amount: number): void {
  let day = level.days.get(date);
  if (day === undefined) {
    day = deltaRow(out, level.total.book, level.total.account, level.total.party, date);
    level.days.set(date, day);
  }
  bump(level.total, amount);
  bump(day, amount);
}

function bump(d: BalanceDelta, amount: number): void {
  if (amount > 0) d.debit += amount;
  else d.credit -= amount;
  d.count += 1;
}

/**
 * "Cash never below zero" holds on every day from the earliest one this batch touched, not only
 * today: a back-dated withdrawal that would have overdrawn the cash box last month is refused.
 * Walks the day totals backwards from the current balance.
 *
 * Only the accounts (and parties) this batch moves against their normal side are read. The rule
 * is inductive: it held on every day before this transaction (every earlier write was checked the
 * same way, and an account's rule is fixed when it is created), and a batch that only adds to a
 * balance raises it on every day from its date on, so it cannot break the rule. A receipt of cash
 * costs no read; a payment still walks the days.
 */
async function checkBalanceRules(
  tx: Tx,
  env: PostEnv,
  tenant: string,
  drafts: readonly InternalDraft[],
  entries: readonly Entry[],
): Promise<Refusal[]> {
  const watched = new Map<
    string,
    {
      book: string;
      account: string;
      party: string;
      from: string;
      entry: number;
      line: number;
      amount: number;
      lowers: boolean;
    }
  >();
  const single = drafts.length === 1;
  entries.forEach((e, i) => {
    e.postings.forEach((p, j) => {
      const acc = env.accounts.get(tenant, e.book, p.account);
      if (acc?.balanceRule !== 'non_negative') return;
      const lowers = (acc.normalSide === 'debit' ? p.amount : -p.amount) < 0;
      for (const party of p.party === null ? [''] : ['', p.party]) {
        const k = `${e.book}\u0000${p.account}\u0000${party}`;
        const w = watched.get(k);
        if (!w)
          watched.set(k, {
            book: e.book,
            account: p.account,
            party,
            from: e.date,
            entry: i,
            line: j,
            amount: p.amount,
            lowers,
          });
        else {
          if (e.date < w.from) w.from = e.date;
          // The field named in a refusal is the first posting that lowers the balance.
          if (lowers && !w.lowers) Object.assign(w, { entry: i, line: j, amount: p.amount, lowers });
        }
      }
    });
  });
  const out: Refusal[] = [];
  for (const w of watched.values()) {
    if (!w.lowers) continue;
    const acc = env.accounts.get(tenant, w.book, w.account)!;
    const { total, days } = await readDayNets(tx, env.kind, tenant, w.book, w.account, w.party, w.from);
    let after = normalBalance(total.debit, total.credit, acc.normalSide);
    for (let i = days.length - 1; i >= 0; i--) {
      const day = days[i]!;
      if (after < 0) {
        out.push({
          code: 'balance_rule_broken',
          field: `${single ? '' : `entries[${w.entry}].`}postings[${w.line}].amount`,
          value: w.amount,
          params: { book: w.book, account: w.account, party: w.party, date: day.day, balance: after },
        });
        break;
      }
      after -= acc.normalSide === 'debit' ? day.net : -day.net;
    }
  }
  return out;
}
