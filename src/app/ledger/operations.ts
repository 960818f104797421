/**
 * The ledger's operations under maker-checker: posting entries and reversing one. Registered
 * with `Operations` (src/app/approvals/); loans and funds register theirs the same way.
 */
import { z } from 'zod';
import type { EntryDraft } from '../../domain/ledger/entry.ts';
import type { EntryKind } from '../../domain/ledger/kinds.ts';
import { RefusedError } from '../../domain/refusal.ts';
import { findEntry } from '../../store/ledger-store.ts';
import type { OperationHandler } from '../approvals/operations.ts';
import type { Ledger } from './ledger.ts';
import { checkDrafts, type PostedRef, postInTx } from './post.ts';

/** Drafts as `toDrafts` makes them: amounts already whole đồng, dates already `YYYY-MM-DD`. */
const DraftSchema = z.object({
  book: z.string(),
  date: z.string(),
  kind: z.string(),
  memo: z.string(),
  documentNo: z.string().nullable(),
  postings: z.array(
    z.object({ account: z.string(), party: z.string().nullable(), amount: z.number().int() }),
  ),
});

export const LedgerPostPayload = z.object({ entries: z.array(DraftSchema).min(1) });
export type LedgerPostPayload = z.infer<typeof LedgerPostPayload>;

export const LedgerReversePayload = z.object({
  book: z.string(),
  seq: z.number().int(),
  date: z.string(),
  memo: z.string().nullable(),
});
export type LedgerReversePayload = z.infer<typeof LedgerReversePayload>;

/** The payload of `ledger.post` from drafts (absent parties and document numbers become null). */
export function postPayload(drafts: readonly EntryDraft[]): LedgerPostPayload {
  return {
    entries: drafts.map((d) => ({
      book: d.book,
      date: d.date,
      kind: d.kind,
      memo: d.memo,
      documentNo: d.documentNo ?? null,
      postings: d.postings.map((p) => ({ account: p.account, party: p.party ?? null, amount: p.amount })),
    })),
  };
}

/** What the API answers for posted entries: `book#seq` references with their hashes. */
export function postedBody(refs: readonly PostedRef[]): { entries: Array<PostedRef & { ref: string }> } {
  return { entries: refs.map((r) => ({ ref: `${r.book}#${r.seq}`, ...r })) };
}

function debitTotal(postings: readonly { amount: number }[]): number {
  return postings.reduce((s, p) => s + Math.max(p.amount, 0), 0);
}

function targetOf(refs: readonly PostedRef[]): string {
  const list = refs.map((r) => `${r.book}#${r.seq}`);
  return list.length <= 3 ? list.join(' ') : `${list.slice(0, 3).join(' ')} …(+${list.length - 3})`;
}

export function ledgerOperations(
  ledger: Ledger,
): [OperationHandler<LedgerPostPayload>, OperationHandler<LedgerReversePayload>] {
  const drafts = (p: LedgerPostPayload): EntryDraft[] =>
    p.entries.map((e) => ({ ...e, kind: e.kind as EntryKind }));
  const post: OperationHandler<LedgerPostPayload> = {
    kind: 'ledger.post',
    label: { vi: 'Ghi bút toán', en: 'Post entries' },
    payload: LedgerPostPayload,
    // The amount of a batch is its largest entry: a meeting's forty small repayments are not one
    // large disbursement.
    assess: async (_tx, _ctx, p) => ({
      amountDong: Math.max(...p.entries.map((e) => debitTotal(e.postings))),
      books: [...new Set(p.entries.map((e) => e.book))].sort(),
      summary:
        p.entries.length === 1
          ? `${p.entries[0]!.book} ${p.entries[0]!.date} ${p.entries[0]!.kind}: ${p.entries[0]!.memo}`.slice(
              0,
              200,
            )
          : `${p.entries.length} × ${p.entries[0]!.kind}: ${p.entries[0]!.memo}`.slice(0, 200),
    }),
    check: async (tx, ctx, p) => {
      const refusals = await checkDrafts(tx, ledger.env, ctx, drafts(p));
      if (refusals.length > 0) throw new RefusedError(refusals);
    },
    execute: async (tx, ctx, p, { idempotencyKey }) => {
      const r = await postInTx(tx, ledger.env, ctx, drafts(p), { idempotencyKey });
      return {
        result: postedBody(r.entries),
        audit: {
          action: 'ledger.post',
          target: targetOf(r.entries),
          detail: { entries: r.entries.map((e) => `${e.book}#${e.seq}`), replayedByLedger: r.replayed },
        },
      };
    },
  };
  const reverse: OperationHandler<LedgerReversePayload> = {
    kind: 'ledger.reverse',
    label: { vi: 'Đảo bút toán', en: 'Reverse an entry' },
    payload: LedgerReversePayload,
    assess: async (tx, ctx, p) => {
      const e = await findEntry(tx, ctx.tenant, p.book, p.seq);
      if (!e)
        throw new RefusedError([
          { code: 'entry_unknown', field: 'seq', value: p.seq, params: { book: p.book } },
        ]);
      return {
        amountDong: debitTotal(e.postings),
        books: [p.book],
        summary: `${p.book}#${p.seq}: ${e.memo}`.slice(0, 200),
      };
    },
    check: async (tx, ctx, p) => {
      await ledger.checkReversalInTx(tx, ctx, { book: p.book, seq: p.seq, date: p.date });
    },
    execute: async (tx, ctx, p, { idempotencyKey }) => {
      const r = await ledger.reverseInTx(tx, ctx, {
        book: p.book,
        seq: p.seq,
        date: p.date,
        memo: p.memo ?? undefined,
        idempotencyKey,
      });
      return {
        result: postedBody(r.entries),
        audit: {
          action: 'ledger.reverse',
          target: `${p.book}#${p.seq}`,
          detail: { reversal: r.entries.map((e) => `${e.book}#${e.seq}`), replayedByLedger: r.replayed },
        },
      };
    },
  };
  return [post, reverse];
}
