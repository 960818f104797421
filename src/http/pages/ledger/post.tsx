/**
 * The posting form of a general entry: date, kind, document number, memo and lines (account,
 * party, debit or credit). It works as a plain form; with htmx, the totals and the checks the
 * ledger will make are shown as one types. Refusals appear next to the field they name; the
 * result is the entry itself (or the proposal, when maker-checker asks for a second person).
 */
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import { fingerprint } from '../../../app/audit/audit-log.ts';
import { toDrafts } from '../../../app/ledger/input.ts';
import { postPayload } from '../../../app/ledger/operations.ts';
import { formatDate } from '../../../domain/dates.ts';
import { checkDraftAccounts, checkDraftShape } from '../../../domain/ledger/entry.ts';
import { ENTRY_KINDS } from '../../../domain/ledger/kinds.ts';
import { LEDGER_LIMITS } from '../../../domain/ledger/limits.ts';
import { parseDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import type { Lang } from '../../../i18n/types.ts';
import { KIND_TEXTS, WEB } from '../../../i18n/web.ts';
import type { AccountRow, BookRow } from '../../../store/ledger-store.ts';
import { policies } from '../../registry.ts';
import {
  ErrorSummary,
  Field,
  FieldErrors,
  FormErrors,
  formKey,
  KeyField,
  newFormKey,
  SelectField,
} from '../forms.tsx';
import { CsrfField, say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { BookParams, bookOf, bookParam } from './books.tsx';
import { bookName, todayOf } from './shared.ts';

const LINES_DEFAULT = 4;
const LINES_MAX = 40;

interface LineValues {
  readonly account: string;
  readonly party: string;
  readonly debit: string;
  readonly credit: string;
}

interface PostValues {
  readonly date: string;
  readonly kind: string;
  readonly memo: string;
  readonly documentNo: string;
  readonly lines: readonly LineValues[];
}

type Get = (name: string) => string | undefined;

function lineCount(get: Get): number {
  const n = Number(get('lines') ?? LINES_DEFAULT);
  return Number.isInteger(n) ? Math.min(LINES_MAX, Math.max(2, n)) : LINES_DEFAULT;
}

function readValues(get: Get, lines: number): PostValues {
  const v = (name: string) => (get(name) ?? '').trim();
  return {
    date: v('date'),
    kind: v('kind') || 'general',
    memo: v('memo'),
    documentNo: v('documentNo'),
    lines: Array.from({ length: lines }, (_, i) => ({
      account: v(`postings[${i}].account`),
      party: v(`postings[${i}].party`),
      debit: v(`postings[${i}].debit`),
      credit: v(`postings[${i}].credit`),
    })),
  };
}

const isEmpty = (l: LineValues) => l.account === '' && l.party === '' && l.debit === '' && l.credit === '';

/** The form's values as the API's entry input, the form line of each posting, and form-level refusals. */
function toEntryInput(book: string, v: PostValues) {
  const lineIndex: number[] = [];
  const refusals: Refusal[] = [];
  const postings: Array<{ account: string; party: string | null; debit?: string; credit?: string }> = [];
  v.lines.forEach((l, i) => {
    if (isEmpty(l)) return;
    if (l.account === '') {
      // Its amount still counts in the totals shown; the line itself is refused.
      refusals.push({ code: 'posting_line_empty', field: `postings[${i}].account`, value: null });
      return;
    }
    lineIndex.push(i);
    postings.push({
      account: l.account,
      party: l.party === '' ? null : l.party,
      ...(l.debit !== '' ? { debit: l.debit } : {}),
      ...(l.credit !== '' ? { credit: l.credit } : {}),
    });
  });
  const input = {
    book,
    date: v.date,
    kind: v.kind,
    memo: v.memo,
    documentNo: v.documentNo === '' ? null : v.documentNo,
    postings,
  };
  return { input, lineIndex, refusals };
}

/** Maps a refusal's field (`postings[2].amount`, counted over non-empty lines) to the form's input. */
function aliasFor(v: PostValues, lineIndex: readonly number[]): (field: string) => string {
  return (field) => {
    const m = /^postings\[(\d+)\]\.(\w+)$/.exec(field);
    if (!m) return field === 'idempotencyKey' ? '_key' : field;
    const i = lineIndex[Number(m[1])] ?? Number(m[1]);
    let name = m[2]!;
    if (name === 'amount') name = v.lines[i]?.credit !== '' && v.lines[i]?.debit === '' ? 'credit' : 'debit';
    return `postings[${i}].${name}`;
  };
}

function formNames(lines: number): string[] {
  const names = ['date', 'kind', 'memo', 'documentNo', 'postings', '_key'];
  for (let i = 0; i < lines; i++)
    for (const k of ['account', 'party', 'debit', 'credit']) names.push(`postings[${i}].${k}`);
  return names;
}

/** Totals as typed (unparseable amounts count as zero; they are refused on their own). */
function totals(v: PostValues): { debit: number; credit: number } {
  let debit = 0;
  let credit = 0;
  for (const l of v.lines) {
    const d = parseDong('debit', l.debit);
    const c = parseDong('credit', l.credit);
    if (l.debit !== '' && d.ok) debit += d.value;
    if (l.credit !== '' && c.ok) credit += c.value;
  }
  return { debit, credit };
}

/** Every check the ledger makes that needs no database: shape, balance, the book's chart. */
function localRefusals(book: string, v: PostValues, accounts: readonly AccountRow[]) {
  const { input, lineIndex, refusals } = toEntryInput(book, v);
  const drafts = toDrafts(input);
  if (!drafts.ok) return { refusals: [...refusals, ...drafts.refusals], lineIndex, drafts: undefined };
  const chart = new Map(accounts.map((a) => [a.code, a]));
  const draft = drafts.value.drafts[0]!;
  const more = [...checkDraftShape(draft), ...checkDraftAccounts(draft, (_b, code) => chart.get(code))];
  return { refusals: [...refusals, ...more], lineIndex, drafts: drafts.value.drafts };
}

const CheckPanel: FC<{ lang: Lang; v: PostValues; errors?: FormErrors }> = ({ lang, v, errors }) => {
  const t = totals(v);
  const difference = t.debit - t.credit;
  const any = v.lines.some((l) => !isEmpty(l));
  return (
    <div class="check" aria-live="polite">
      {any ? (
        <>
          <strong>{say(lang, WEB.checkTotals, t)}</strong> ·{' '}
          {difference === 0 && t.debit > 0 ? (
            <span class="ok">{say(lang, WEB.balanced)}</span>
          ) : (
            <span class="bad">{say(lang, WEB.unbalanced, { difference: Math.abs(difference) })}</span>
          )}
          {errors && errors.count > 0 ? (
            <ul class="small">
              {errors.all.map((r) => (
                <li>{describeForPanel(r, lang)}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <span class="muted">{say(lang, WEB.checkWaiting)}</span>
      )}
    </div>
  );
};

function describeForPanel(r: Refusal, lang: Lang): string {
  // The panel sits under the lines: the field's own words are enough.
  return new FormErrors([r], lang, [r.field]).at(r.field).join('; ') || r.code;
}

function renderForm(
  call: PageCall<{ book: string }, unknown>,
  book: BookRow,
  accounts: readonly AccountRow[],
  v: PostValues,
  key: string,
  errors: FormErrors,
  status: number,
): Promise<Response> {
  const { lang } = call;
  const p = call.me();
  const title = say(lang, WEB.postTitle, { book: book.code });
  const accountOptions = [
    { value: '', label: say(lang, WEB.chooseAccount) },
    ...accounts.map((a) => ({ value: a.code, label: `${a.code} · ${lang === 'vi' ? a.nameVi : a.nameEn}` })),
  ];
  const kindOptions = ENTRY_KINDS.filter((k) => k !== 'reversal').map((k) => ({
    value: k,
    label: KIND_TEXTS[k][lang],
  }));
  return call.render({
    title,
    status,
    scripts: ['htmx'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          <a href={`/books/${book.code}`}>{book.code}</a> · {bookName(book, lang)}
        </p>
        <p class="muted small">{say(lang, WEB.postIntro)}</p>
        <ErrorSummary errors={errors} />
        <form
          method="post"
          action={`/books/${book.code}/post`}
          class="card"
          id="post-form"
          hx-get={`/books/${book.code}/post/check`}
          hx-trigger="input delay:400ms, change"
          hx-target="#check"
          hx-swap="innerHTML"
          hx-params="not _csrf,_key,_action"
          hx-sync="this:replace"
        >
          <CsrfField token={p.csrfToken} />
          <KeyField value={key} />
          <input type="hidden" name="lines" value={String(v.lines.length)} />
          <div class="filters">
            <Field
              name="date"
              label={say(lang, WEB.date)}
              errors={errors}
              value={v.date}
              inputmode="numeric"
              placeholder={say(lang, WEB.datePlaceholder)}
              required
              autofocus={errors.count === 0}
            />
            <SelectField
              name="kind"
              label={say(lang, WEB.kind)}
              errors={errors}
              options={kindOptions}
              value={v.kind}
            />
            <Field
              name="documentNo"
              label={say(lang, WEB.documentNo)}
              errors={errors}
              value={v.documentNo}
              maxlength={LEDGER_LIMITS.documentNoLengthMax}
              placeholder="PT-0042"
            />
            <Field
              name="memo"
              label={say(lang, WEB.memo)}
              errors={errors}
              value={v.memo}
              maxlength={LEDGER_LIMITS.memoLengthMax}
              class="wide"
            />
          </div>
          <div class="lines">
            {v.lines.map((l, i) => (
              <fieldset>
                <legend>{say(lang, WEB.line, { n: i + 1 })}</legend>
                <div class="line-grid">
                  <SelectField
                    name={`postings[${i}].account`}
                    label={say(lang, WEB.account)}
                    errors={errors}
                    options={accountOptions}
                    value={l.account}
                    class="acc"
                  />
                  <Field
                    name={`postings[${i}].party`}
                    label={say(lang, WEB.party)}
                    errors={errors}
                    value={l.party}
                    maxlength={64}
                    class="party"
                  />
                  <Field
                    name={`postings[${i}].debit`}
                    label={say(lang, WEB.debit)}
                    errors={errors}
                    value={l.debit}
                    inputmode="numeric"
                  />
                  <Field
                    name={`postings[${i}].credit`}
                    label={say(lang, WEB.credit)}
                    errors={errors}
                    value={l.credit}
                    inputmode="numeric"
                  />
                </div>
              </fieldset>
            ))}
          </div>
          <p class="hint">{say(lang, WEB.partyHint)}</p>
          <div id="check">
            <CheckPanel lang={lang} v={v} />
          </div>
          <FieldErrors name="postings" errors={errors} />
          <div class="actions">
            {v.lines.length < LINES_MAX ? (
              <button type="submit" name="_action" value="add-line" class="secondary" formnovalidate>
                {say(lang, WEB.addLine)}
              </button>
            ) : null}
            <button type="submit" name="_action" value="post">
              {say(lang, WEB.submitPost)}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

async function chartOf(call: PageCall, book: string): Promise<AccountRow[]> {
  return call.deps.app.ledger.accounts(call.readCtx(), book);
}

const FormQuery = z.object({ lines: z.coerce.number().int().min(2).max(LINES_MAX).optional() }).strict();

/** The check fragment reads the form's fields from the query: names and values bounded. */
const CheckQuery = z
  .record(z.string().max(40), z.string().max(LEDGER_LIMITS.memoLengthMax))
  .refine((o) => Object.keys(o).length <= 8 + 4 * LINES_MAX, 'too many fields');

export function postPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/books/{book}/post',
      area: 'ledger',
      summary: 'The posting form of a general entry',
      params: BookParams,
      query: FormQuery,
      policy: policies.books('write', bookParam),
      handler: async (call) => {
        const book = await bookOf(call, call.params.book);
        const lines = call.query.lines ?? LINES_DEFAULT;
        const v = readValues(() => undefined, lines);
        return renderForm(
          call,
          book,
          await chartOf(call, book.code),
          { ...v, date: formatDate(todayOf(call)) },
          newFormKey(),
          FormErrors.none(call.lang),
          200,
        );
      },
    }),
    page({
      method: 'get',
      path: '/books/{book}/post/check',
      area: 'ledger',
      summary: 'The posting form’s live check (an htmx fragment): totals, difference, refusals',
      params: BookParams,
      query: CheckQuery,
      policy: policies.books('write', bookParam),
      handler: async (call) => {
        const get: Get = (k) => (call.query as Record<string, string>)[k];
        const v = readValues(get, lineCount(get));
        const accounts = await chartOf(call, call.params.book);
        const { refusals, lineIndex } = localRefusals(call.params.book, v, accounts);
        const shown = refusals.filter((r) => r.code !== 'date_invalid' || v.date !== '');
        const errors = new FormErrors(shown, call.lang, formNames(v.lines.length), aliasFor(v, lineIndex));
        return call.c.html(await String(<CheckPanel lang={call.lang} v={v} errors={errors} />));
      },
    }),
    page({
      method: 'post',
      path: '/books/{book}/post',
      area: 'ledger',
      summary: 'Post the entry (maker-checker applies); the result page shows it',
      params: BookParams,
      policy: policies.books('write', bookParam),
      handler: async (call) => {
        const { lang, deps, params } = call;
        const form = call.form!;
        const get: Get = (k) => form.get(k) ?? undefined;
        const book = await bookOf(call, params.book);
        const accounts = await chartOf(call, book.code);
        const v = readValues(get, lineCount(get));
        const key = form.get('_key') ?? newFormKey();
        if (form.get('_action') === 'add-line') {
          const more = { ...v, lines: [...v.lines, { account: '', party: '', debit: '', credit: '' }] };
          return renderForm(call, book, accounts, more, key, FormErrors.none(lang), 200);
        }
        const names = formNames(v.lines.length);
        // Every check that needs no database first, all at once; the ledger makes the rest.
        const { refusals, lineIndex, drafts } = localRefusals(book.code, v, accounts);
        const alias = aliasFor(v, lineIndex);
        const refuse = (list: readonly Refusal[], nextKey = key) =>
          renderForm(call, book, accounts, v, nextKey, new FormErrors(list, lang, names, alias), 422);
        if (refusals.length > 0 || !drafts) return refuse(refusals);
        const idempotencyKey = formKey(form);
        if (!idempotencyKey)
          return refuse(
            [{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }],
            newFormKey(),
          );
        const payload = postPayload(drafts);
        try {
          const reply = await deps.app.operations.submit(call.ctx(), 'ledger.post', payload, {
            key: idempotencyKey,
            requestHash: fingerprint({
              route: 'POST /books/{book}/post',
              user: call.me().username,
              body: payload,
            }),
          });
          if (reply.outcome === 'proposed') {
            const id = (reply.body as { operation: { id: number } }).operation.id;
            return call.redirect(`/approvals/${id}?proposed=1`);
          }
          const first = (reply.body as { entries: Array<{ book: string; seq: number }> }).entries[0]!;
          return call.redirect(`/entries/${first.book}/${first.seq}?posted=1`);
        } catch (e) {
          if (e instanceof RefusedError) {
            if (e.refusals.some((r) => r.code === 'idempotency_key_reused'))
              return refuse([{ code: 'form_key_used', field: '_key', value: null }], newFormKey());
            return refuse(e.refusals);
          }
          throw e;
        }
      },
    }),
  ];
}
