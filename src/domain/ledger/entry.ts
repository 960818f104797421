/**
 * Journal entries: a draft is what a caller asks to post; the ledger validates it whole,
 * gives it the next sequence number of its book and chains its hash to the previous entry.
 */
import { isBusinessDate } from '../dates.ts';
import { AMOUNT_DONG_MAX, type Dong, isDong } from '../money.ts';
import type { Refusal } from '../refusal.ts';
import type { AccountSpec } from './accounts.ts';
import { parseAccountCode, parsePartyId, parseSlug } from './codes.ts';
import { type EntryKind, isEntryKind } from './kinds.ts';
import { LEDGER_LIMITS } from './limits.ts';

/** One line of an entry. `amount` is signed: positive debits, negative credits. Never zero. */
export interface PostingDraft {
  readonly account: string;
  readonly party?: string | null | undefined;
  readonly amount: Dong;
}

export interface EntryDraft {
  readonly book: string;
  /** Effective (business) date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: EntryKind;
  readonly memo: string;
  /** Receipt or voucher number (số phiếu thu / phiếu chi), if any. */
  readonly documentNo?: string | null | undefined;
  readonly postings: readonly PostingDraft[];
}

/** A written entry, as stored and as hashed. */
export interface Entry {
  readonly tenant: string;
  readonly book: string;
  readonly seq: number;
  readonly date: string;
  readonly recordedAt: string;
  readonly kind: EntryKind;
  readonly memo: string;
  readonly documentNo: string | null;
  readonly actor: string;
  readonly idempotencyKey: string | null;
  /** The sequence number (same book) of the entry this one reverses. */
  readonly reversesSeq: number | null;
  readonly postings: readonly Posting[];
  readonly prevHash: string;
  readonly hash: string;
}

export interface Posting {
  readonly line: number;
  readonly account: string;
  readonly party: string | null;
  readonly amount: Dong;
}

/** Only what an account lookup tells the validator. */
export type AccountLookup = (book: string, code: string) => AccountSpec | undefined;

/**
 * Checks a draft on its own: shape, bounds, balance. `prefix` names the draft in a batch
 * (`entries[3].`), so each refusal points at the exact field.
 */
export function checkDraftShape(draft: EntryDraft, prefix = ''): Refusal[] {
  const out: Refusal[] = [];
  const f = (name: string) => `${prefix}${name}`;
  const push = (code: string, field: string, value: unknown, params?: Record<string, string | number>) =>
    out.push(params ? { code, field: f(field), value, params } : { code, field: f(field), value });

  const book = parseSlug(f('book'), draft.book);
  if (!book.ok) out.push(...book.refusals);
  if (!isBusinessDate(draft.date)) push('date_invalid', 'date', draft.date);
  if (!isEntryKind(draft.kind)) push('kind_unknown', 'kind', draft.kind);
  if (typeof draft.memo !== 'string') push('text_invalid', 'memo', draft.memo);
  else if (draft.memo.length > LEDGER_LIMITS.memoLengthMax)
    push('text_too_long', 'memo', draft.memo.slice(0, 40), { max: LEDGER_LIMITS.memoLengthMax });
  if (draft.documentNo != null) {
    if (typeof draft.documentNo !== 'string' || draft.documentNo.trim() === '')
      push('text_invalid', 'documentNo', draft.documentNo);
    else if (draft.documentNo.length > LEDGER_LIMITS.documentNoLengthMax)
      push('text_too_long', 'documentNo', draft.documentNo, { max: LEDGER_LIMITS.documentNoLengthMax });
  }
  if (!Array.isArray(draft.postings) || draft.postings.length === 0) {
    push('entry_empty', 'postings', 0, { min: 2 });
    return out;
  }
  if (draft.postings.length < 2)
    push('entry_too_few_postings', 'postings', draft.postings.length, { min: 2 });
  if (draft.postings.length > LEDGER_LIMITS.postingsPerEntryMax)
    push('entry_too_many_postings', 'postings', draft.postings.length, {
      max: LEDGER_LIMITS.postingsPerEntryMax,
    });

  let sum = 0;
  let amountsOk = true;
  draft.postings.forEach((p, i) => {
    const code = parseAccountCode(f(`postings[${i}].account`), p.account);
    if (!code.ok) out.push(...code.refusals);
    if (p.party != null) {
      const party = parsePartyId(f(`postings[${i}].party`), p.party);
      if (!party.ok) out.push(...party.refusals);
    }
    if (!isDong(p.amount)) {
      amountsOk = false;
      push(
        typeof p.amount === 'number' && Number.isInteger(p.amount)
          ? 'amount_out_of_range'
          : 'amount_not_whole_dong',
        `postings[${i}].amount`,
        p.amount,
        { max: AMOUNT_DONG_MAX },
      );
    } else if (p.amount === 0) {
      amountsOk = false;
      push('amount_zero', `postings[${i}].amount`, p.amount);
    } else sum += p.amount;
  });
  if (amountsOk && sum !== 0) push('entry_unbalanced', 'postings', sum, { difference: sum });
  return out;
}

/**
 * Checks a draft against its book's chart: every account exists in that book, parties are given
 * exactly where the account wants one, and memo postings balance among themselves.
 */
export function checkDraftAccounts(draft: EntryDraft, lookup: AccountLookup, prefix = ''): Refusal[] {
  const out: Refusal[] = [];
  let memoSum = 0;
  draft.postings.forEach((p, i) => {
    const field = `${prefix}postings[${i}]`;
    const acc = lookup(draft.book, p.account);
    if (!acc) {
      out.push({
        code: 'account_unknown',
        field: `${field}.account`,
        value: p.account,
        params: { book: draft.book },
      });
      return;
    }
    if (acc.partyMode === 'required' && p.party == null)
      out.push({
        code: 'party_required',
        field: `${field}.party`,
        value: null,
        params: { account: acc.code },
      });
    if (acc.partyMode === 'none' && p.party != null)
      out.push({
        code: 'party_not_allowed',
        field: `${field}.party`,
        value: p.party,
        params: { account: acc.code },
      });
    if (acc.type === 'memo' && isDong(p.amount)) memoSum += p.amount;
  });
  if (out.length === 0 && memoSum !== 0)
    out.push({
      code: 'entry_memo_unbalanced',
      field: `${prefix}postings`,
      value: memoSum,
      params: { difference: memoSum },
    });
  return out;
}

/** Numbers posting lines from 1 and normalises absent parties to null. */
export function toPostings(drafts: readonly PostingDraft[]): Posting[] {
  return drafts.map((p, i) => ({
    line: i + 1,
    account: p.account,
    party: p.party ?? null,
    amount: p.amount,
  }));
}

/** The postings of a reversal: every line negated, in the same order. */
export function reversedPostings(postings: readonly Posting[]): PostingDraft[] {
  return postings.map((p) => ({ account: p.account, party: p.party, amount: -p.amount }));
}
