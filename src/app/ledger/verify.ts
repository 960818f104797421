/**
 * `soquy verify`: recomputes every book's chain from its genesis, checks each entry balances and
 * that the running totals equal a full replay of the journal. Walks the journal in chunks, so
 * memory stays bounded by the number of (account, party, day) totals, not by the journal.
 */
import { entryHash, genesisHash } from '../../domain/ledger/chain.ts';
import { findBooks, findEntriesBySeq, readAllTotals } from '../../store/ledger-store.ts';
import type { Store } from '../../store/open-store.ts';
import type { Ctx } from '../context.ts';
import { balanceDeltas } from './post.ts';

export type VerifyProblem =
  | 'sequence_gap'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'entry_unbalanced'
  | 'head_mismatch'
  | 'totals_mismatch';

export interface BookVerification {
  readonly book: string;
  readonly entries: number;
  readonly headSeq: number;
  readonly headHash: string;
  readonly ok: boolean;
  /** The first entry that does not check, and why. */
  readonly firstBad?: { readonly seq: number; readonly problem: VerifyProblem; readonly detail: string };
}

export interface Verification {
  readonly ok: boolean;
  readonly books: readonly BookVerification[];
}

const CHUNK_ENTRIES = 5_000;

export async function verifyLedger(store: Store, ctx: Ctx, book?: string): Promise<Verification> {
  const books = await findBooks(store.db, store.kind, ctx.tenant, book === undefined ? 'all' : [book]);
  const out: BookVerification[] = [];
  for (const b of books) out.push(await verifyBook(store, ctx.tenant, b.code, b.headSeq, b.headHash));
  return { ok: out.every((b) => b.ok), books: out };
}

async function verifyBook(
  store: Store,
  tenant: string,
  book: string,
  headSeq: number,
  headHash: string,
): Promise<BookVerification> {
  let prev = genesisHash(tenant, book);
  let expected = 1;
  const replay = new Map<string, { debit: number; credit: number; count: number }>();
  const fail = (seq: number, problem: VerifyProblem, detail: string): BookVerification => ({
    book,
    entries: expected - 1,
    headSeq,
    headHash,
    ok: false,
    firstBad: { seq, problem, detail },
  });
  // Walk past the recorded head too: rows beyond it mean the head was rewound.
  for (;;) {
    const entries = await findEntriesBySeq(store.db, tenant, book, expected, expected + CHUNK_ENTRIES - 1);
    if (entries.length === 0) break;
    for (const e of entries) {
      if (e.seq !== expected) return fail(expected, 'sequence_gap', `expected #${expected}, found #${e.seq}`);
      if (e.prevHash !== prev)
        return fail(
          e.seq,
          'prev_hash_mismatch',
          `stored ${e.prevHash.slice(0, 12)}…, chain ${prev.slice(0, 12)}…`,
        );
      const sum = e.postings.reduce((s, p) => s + p.amount, 0);
      if (sum !== 0 || e.postings.length < 2)
        return fail(e.seq, 'entry_unbalanced', `postings sum to ${sum}`);
      const recomputed = entryHash(prev, e);
      if (recomputed !== e.hash)
        return fail(
          e.seq,
          'hash_mismatch',
          `stored ${e.hash.slice(0, 12)}…, content gives ${recomputed.slice(0, 12)}…`,
        );
      for (const d of balanceDeltas([e])) {
        const k = `${d.account}\u0000${d.party}\u0000${d.day ?? ''}`;
        const r = replay.get(k);
        if (r) {
          r.debit += d.debit;
          r.credit += d.credit;
          r.count += d.count;
        } else replay.set(k, { debit: d.debit, credit: d.credit, count: d.count });
      }
      prev = e.hash;
      expected += 1;
    }
    if (entries.length < CHUNK_ENTRIES) break;
  }
  const last = expected - 1;
  if (last !== headSeq || prev !== headHash)
    return fail(
      Math.min(last, headSeq) + 1,
      'head_mismatch',
      `book head #${headSeq}, chain ends at #${last}`,
    );
  for (const t of await readAllTotals(store.db, tenant, book)) {
    const k = `${t.account}\u0000${t.party}\u0000${t.day ?? ''}`;
    const r = replay.get(k) ?? { debit: 0, credit: 0, count: 0 };
    replay.delete(k);
    if (r.debit !== t.debit || r.credit !== t.credit || r.count !== t.count)
      return fail(
        0,
        'totals_mismatch',
        `${t.account}${t.party ? `/${t.party}` : ''}${t.day ? ` @${t.day}` : ''}: stored ${t.debit}/${t.credit}, replay ${r.debit}/${r.credit}`,
      );
  }
  const missing = replay.keys().next();
  if (!missing.done)
    return fail(0, 'totals_mismatch', `no running total for ${missing.value.replaceAll('\u0000', ' ')}`);
  return { book, entries: last, headSeq, headHash, ok: true };
}
