/**
 * The JSON shape of entries as callers send them (CLI `post --file`, the HTTP API): amounts as
 * numbers or treasurer-typed strings, each posting with `debit`, `credit` or a signed `amount`.
 * One zod schema describes it for validation and for the OpenAPI document.
 */
import { z } from 'zod';
import { parseBusinessDate } from '../../domain/dates.ts';
import type { EntryDraft, PostingDraft } from '../../domain/ledger/entry.ts';
import type { EntryKind } from '../../domain/ledger/kinds.ts';
import { parseDong } from '../../domain/money.ts';
import type { Refusal, Result } from '../../domain/refusal.ts';

const AmountInput = z.union([z.number(), z.string()]).describe('Whole đồng: 1050000 or "1.050.000"');

export const PostingInputSchema = z.object({
  account: z.string(),
  party: z.string().nullish(),
  amount: AmountInput.optional().describe('Signed: positive debits, negative credits'),
  debit: AmountInput.optional(),
  credit: AmountInput.optional(),
});

export const EntryInputSchema = z.object({
  book: z.string(),
  date: z.string().describe('YYYY-MM-DD or dd/mm/yyyy'),
  kind: z.string().default('general'),
  memo: z.string().default(''),
  documentNo: z.string().nullish(),
  postings: z.array(PostingInputSchema),
});

export const PostInputSchema = z.union([
  z.object({ idempotencyKey: z.string().nullish(), entries: z.array(EntryInputSchema) }),
  EntryInputSchema.extend({ idempotencyKey: z.string().nullish() }),
]);

export type PostInput = z.infer<typeof PostInputSchema>;

/** zod's complaints as refusals: the path becomes the field, the rule says what was expected. */
export function zodRefusals(error: z.ZodError, input: unknown): Refusal[] {
  return error.issues.map((issue) => {
    let value: unknown = input;
    for (const key of issue.path)
      value =
        value != null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key as PropertyKey]
          : undefined;
    const field = issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
      .join('');
    return {
      code: 'shape_invalid',
      field: field || 'body',
      value: value ?? null,
      params: { expected: issue.message },
    };
  });
}

/** Converts validated input into drafts, refusing bad amounts and dates with their field paths. */
export function toDrafts(input: unknown): Result<{ drafts: EntryDraft[]; idempotencyKey: string | null }> {
  const parsed = PostInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, refusals: zodRefusals(parsed.error, input) };
  const body = parsed.data;
  const entries = 'entries' in body ? body.entries : [body];
  const refusals: Refusal[] = [];
  const single = entries.length === 1;
  const drafts = entries.map((e, i): EntryDraft => {
    const prefix = single ? '' : `entries[${i}].`;
    const date = parseBusinessDate(`${prefix}date`, e.date);
    if (!date.ok) refusals.push(...date.refusals);
    const postings = e.postings.map((p, j): PostingDraft => {
      const field = `${prefix}postings[${j}]`;
      const given = (['amount', 'debit', 'credit'] as const).filter((k) => p[k] !== undefined);
      if (given.length !== 1) {
        refusals.push({ code: 'debit_or_credit', field: `${field}.amount`, value: given.join('+') || null });
        return { account: p.account, party: p.party ?? null, amount: 0 };
      }
      const k = given[0]!;
      const amount = parseDong(`${field}.${k}`, p[k]);
      if (!amount.ok) {
        refusals.push(...amount.refusals);
        return { account: p.account, party: p.party ?? null, amount: 0 };
      }
      if (k !== 'amount' && amount.value <= 0)
        refusals.push({ code: 'amount_not_positive', field: `${field}.${k}`, value: p[k] });
      return {
        account: p.account,
        party: p.party ?? null,
        amount: k === 'credit' ? -amount.value : amount.value,
      };
    });
    return {
      book: e.book,
      date: date.ok ? date.value : e.date,
      kind: e.kind as EntryKind,
      memo: e.memo,
      documentNo: e.documentNo ?? null,
      postings,
    };
  });
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, value: { drafts, idempotencyKey: body.idempotencyKey ?? null } };
}
