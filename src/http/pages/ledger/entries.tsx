/**
 * One entry: its postings and chain (hash, previous hash, recorded-at, actor), the reversal
 * form for those who write the book, and its printed forms: the cash receipt (phiếu thu,
 * C40-BB) and the payment voucher (phiếu chi, C41-BB), amount in figures and in words.
 */

import type { FC } from 'hono/jsx';
import { z } from 'zod';
import { fingerprint } from '../../../app/audit/audit-log.ts';
import { reversalOf } from '../../../app/reports/overview.ts';
import { decideBook } from '../../../domain/access/policy.ts';
import { formatDate, parseBusinessDate, parts } from '../../../domain/dates.ts';
import type { Entry } from '../../../domain/ledger/entry.ts';
import { groupDigits } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import { amountInWordsVi } from '../../../domain/words.ts';
import { WEB } from '../../../i18n/web.ts';
import type { BookRow } from '../../../store/ledger-store.ts';
import { HttpError } from '../../errors.ts';
import { policies, s } from '../../registry.ts';
import { EntryCard, entryHref, statementHref, traceHref } from '../components.tsx';
import { ErrorSummary, Field, FormErrors, formKey, KeyField, newFormKey } from '../forms.tsx';
import { type PartyName, partyName } from '../households/party-name.ts';
import { CsrfField, say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { bookOf, bookParam, communeOf } from './books.tsx';
import { accountNamer, bookName, orgName, todayOf } from './shared.ts';

const EntryParams = z.object({
  book: s.slug,
  seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
type EntryParams = z.infer<typeof EntryParams>;

async function entryOf(call: PageCall, book: string, seq: number): Promise<Entry> {
  try {
    return await call.deps.app.ledger.entry(call.readCtx(), book, seq);
  } catch (e) {
    if (e instanceof RefusedError) throw new HttpError(404, 'not_found');
    throw e;
  }
}

function mayWrite(call: PageCall, book: BookRow): boolean {
  return (
    decideBook(call.me().grants, 'write', { code: book.code, organisation: book.organisation }) === 'allow'
  );
}

const isCash = (account: string) => account.startsWith('111');

/** What a printed form shows of an entry. */
export interface CashDocument {
  readonly amountDong: number;
  /** True when the entry has no cash line of that direction: the amount is its total debits. */
  readonly fallback: boolean;
  readonly debitAccounts: readonly string[];
  readonly creditAccounts: readonly string[];
  /** The counterpart's party (a household, a member), when a line names one. */
  readonly party: string | null;
}

export function cashDocument(e: Entry, direction: 'in' | 'out'): CashDocument {
  const cash = e.postings.filter(
    (p) => isCash(p.account) && (direction === 'in' ? p.amount > 0 : p.amount < 0),
  );
  const total = e.postings.reduce((sum, p) => sum + Math.max(p.amount, 0), 0);
  const amount = cash.reduce((sum, p) => sum + Math.abs(p.amount), 0);
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    amountDong: amount > 0 ? amount : total,
    fallback: amount === 0,
    debitAccounts: uniq(e.postings.filter((p) => p.amount > 0).map((p) => p.account)),
    creditAccounts: uniq(e.postings.filter((p) => p.amount < 0).map((p) => p.account)),
    party: e.postings.find((p) => p.party !== null && !isCash(p.account))?.party ?? null,
  };
}

function dateLine(date: string): string {
  const { year, month, day } = parts(date);
  return `Ngày ${String(day).padStart(2, '0')} tháng ${String(month).padStart(2, '0')} năm ${year}`;
}

const Dots: FC<{ text?: string | null | undefined }> = ({ text }) => <span class="dots">{text ?? ''}</span>;

/** The layout of forms C40-BB (phiếu thu) and C41-BB (phiếu chi). Vietnamese: a legal form. */
const CashForm: FC<{
  kind: 'receipt' | 'voucher';
  unit: string;
  commune: string;
  entry: Entry;
  doc: CashDocument;
  legalRef: string;
  /** The payer's or payee's name from the registry, when the party is a loan or a household. */
  who?: PartyName | null;
}> = ({ kind, unit, commune, entry, doc, legalRef, who }) => {
  const receipt = kind === 'receipt';
  const words = amountInWordsVi(doc.amountDong);
  const signs = receipt
    ? ['Thủ trưởng đơn vị', 'Kế toán trưởng', 'Người nộp tiền', 'Người lập phiếu', 'Thủ quỹ']
    : ['Thủ trưởng đơn vị', 'Kế toán trưởng', 'Người lập', 'Thủ quỹ', 'Người nhận tiền'];
  return (
    <section class="doc" data-form={receipt ? 'C40-BB' : 'C41-BB'} lang="vi">
      <div class="head">
        <div>
          <p>
            Đơn vị: <strong>{unit}</strong>
          </p>
          <p>{commune}</p>
          <p>
            Mã QHNS: <Dots />
          </p>
        </div>
        <div class="form-no">
          <strong>Mẫu số {receipt ? 'C40-BB' : 'C41-BB'}</strong>
          <br />
          {legalRef}
        </div>
      </div>
      <h1>{receipt ? 'PHIẾU THU' : 'PHIẾU CHI'}</h1>
      <p class="dateline">{dateLine(entry.date)}</p>
      <div class="refs">
        <dl class="kv">
          <dt>Quyển số:</dt>
          <dd>{entry.book}</dd>
          <dt>Số:</dt>
          <dd data-doc-no>{entry.documentNo ?? `${entry.book}#${entry.seq}`}</dd>
          <dt>Nợ:</dt>
          <dd>{doc.debitAccounts.join(', ')}</dd>
          <dt>Có:</dt>
          <dd>{doc.creditAccounts.join(', ')}</dd>
        </dl>
      </div>
      <p>
        {receipt ? 'Họ và tên người nộp tiền: ' : 'Họ và tên người nhận tiền: '}
        <Dots
          text={
            who
              ? `${who.name} (${who.household}${doc.party !== who.household ? ` · ${doc.party}` : ''})`
              : doc.party
          }
        />
      </p>
      <p>
        Địa chỉ: <Dots text={who?.address} />
      </p>
      <p>
        {receipt ? 'Lý do nộp: ' : 'Lý do chi: '}
        {entry.memo}
      </p>
      <p>
        Số tiền: <strong data-amount>{groupDigits(doc.amountDong, '.')} đồng</strong>
      </p>
      <p>
        (Viết bằng chữ):{' '}
        <strong class="words" data-words>
          {words}
        </strong>
      </p>
      <p>
        Kèm theo: <Dots /> chứng từ kế toán.
      </p>
      <div class="signs">
        {signs.map((role, i) => (
          <div>
            <strong>{role.toUpperCase()}</strong>
            <span class="small">{i === 0 ? '(Ký, họ tên, đóng dấu)' : '(Ký, họ tên)'}</span>
            <div class="space" />
          </div>
        ))}
      </div>
      <p>
        Đã nhận đủ số tiền (viết bằng chữ): <span class="words">{words}</span>
      </p>
      <p class="small muted">
        Bút toán {entry.book}#{entry.seq} · mã băm {entry.hash.slice(0, 16)}…
      </p>
    </section>
  );
};

async function printPage(
  call: PageCall<EntryParams, unknown>,
  kind: 'receipt' | 'voucher',
): Promise<Response> {
  const { lang, deps, params } = call;
  const book = await bookOf(call, params.book);
  const entry = await entryOf(call, params.book, params.seq);
  const doc = cashDocument(entry, kind === 'receipt' ? 'in' : 'out');
  const who = doc.party === null ? null : await partyName(deps, call.readCtx(), doc.party);
  const org = book.organisation
    ? (await deps.app.ledger.organisations(call.readCtx())).find((o) => o.id === book.organisation)
    : undefined;
  const commune = await communeOf(call);
  const ref = `${entry.book}#${entry.seq}`;
  const title = say(lang, kind === 'receipt' ? WEB.receiptTitle : WEB.voucherTitle, { ref });
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <div class="no-print">
          <h1>{title}</h1>
          <p class="actions">
            <button type="button" data-print>
              {say(lang, WEB.print)}
            </button>
            <a href={entryHref(entry.book, entry.seq)}>{say(lang, WEB.entryTitle, { ref })}</a>
          </p>
          <p class="muted small">
            {say(lang, WEB.printHint)} {lang === 'en' ? say(lang, WEB.formInVietnamese) : ''}
          </p>
          {doc.fallback ? <p class="note">{say(lang, WEB.noCashLine)}</p> : null}
        </div>
        <CashForm
          kind={kind}
          unit={org ? orgName(org, 'vi') : bookName(book, 'vi')}
          commune={commune}
          entry={entry}
          doc={doc}
          legalRef={WEB.formLegalRef.vi}
          who={who}
        />
      </>
    ),
  });
}

function reverseForm(
  call: PageCall<EntryParams, unknown>,
  entry: Entry,
  values: { date: string; memo: string },
  key: string,
  errors: FormErrors,
) {
  const { lang } = call;
  return (
    <section class="card no-print" id="reverse">
      <h2>{say(lang, WEB.reverseTitle)}</h2>
      <p class="muted small">{say(lang, WEB.reverseIntro)}</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${entryHref(entry.book, entry.seq)}/reverse`}>
        <CsrfField token={call.me().csrfToken} />
        <KeyField value={key} />
        <div class="filters">
          <Field
            name="date"
            label={say(lang, WEB.date)}
            errors={errors}
            value={values.date}
            inputmode="numeric"
            placeholder={say(lang, WEB.datePlaceholder)}
          />
          <Field
            name="memo"
            label={say(lang, WEB.memo)}
            errors={errors}
            value={values.memo}
            class="wide"
            maxlength={500}
          />
        </div>
        <button type="submit" class="danger">
          {say(lang, WEB.reverseSubmit)}
        </button>
      </form>
    </section>
  );
}

async function entryPage(
  call: PageCall<EntryParams, { posted?: string }>,
  reverse?: { values: { date: string; memo: string }; key: string; errors: FormErrors },
): Promise<Response> {
  const { lang, deps, params } = call;
  const book = await bookOf(call, params.book);
  const entry = await entryOf(call, params.book, params.seq);
  const ref = `${entry.book}#${entry.seq}`;
  const reversedBy = await reversalOf(deps.app.store, call.readCtx(), entry.book, entry.seq);
  const names = await accountNamer(call);
  const canReverse = mayWrite(call, book) && entry.kind !== 'reversal' && reversedBy === undefined;
  const receipt = cashDocument(entry, 'in');
  const voucher = cashDocument(entry, 'out');
  return call.render({
    title: say(lang, WEB.entryTitle, { ref }),
    status: reverse && reverse.errors.count > 0 ? 422 : 200,
    body: (
      <>
        <h1>{say(lang, WEB.entryTitle, { ref })}</h1>
        <p class="sub">
          <a href={`/books/${book.code}`}>{book.code}</a> · {bookName(book, lang)}
        </p>
        {call.query?.posted ? (
          <p class="done" role="status">
            {say(lang, WEB.posted, { ref })}
          </p>
        ) : null}
        <p class="actions no-print">
          {!receipt.fallback || voucher.fallback ? (
            <a class="button secondary" href={`${entryHref(entry.book, entry.seq)}/receipt`}>
              {say(lang, WEB.printReceipt)}
            </a>
          ) : null}
          {!voucher.fallback || receipt.fallback ? (
            <a class="button secondary" href={`${entryHref(entry.book, entry.seq)}/voucher`}>
              {say(lang, WEB.printVoucher)}
            </a>
          ) : null}
        </p>
        {reversedBy !== undefined ? (
          <p class="note">
            <a href={entryHref(entry.book, reversedBy)}>
              {say(lang, WEB.reversedBy, { ref: `${entry.book}#${reversedBy}` })}
            </a>
          </p>
        ) : null}
        <EntryCard lang={lang} entry={entry} accountName={names} heading="h2" />
        <section class="card no-print">
          <h2>{say(lang, WEB.statement)}</h2>
          <ul>
            {[...new Set(entry.postings.map((p) => p.account))].map((account) => (
              <li>
                <a href={statementHref({ book: entry.book, account, to: entry.date })}>
                  {account} · {names(entry.book, account) ?? ''}
                </a>{' '}
                ·{' '}
                <a href={traceHref({ book: entry.book, account, asOf: entry.date })}>
                  {say(lang, WEB.trace)}
                </a>
              </li>
            ))}
          </ul>
        </section>
        {canReverse
          ? reverseForm(
              call,
              entry,
              reverse?.values ?? { date: formatDate(todayOf(call)), memo: '' },
              reverse?.key ?? newFormKey(),
              reverse?.errors ?? FormErrors.none(lang),
            )
          : null}
      </>
    ),
  });
}

export function entryPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/entries/{book}/{seq}',
      area: 'ledger',
      summary: 'One entry: postings, hash chain, recorded-at, actor; reversal form for writers',
      params: EntryParams,
      query: z.object({ posted: z.string().max(5).optional() }).strict(),
      policy: policies.books('read', bookParam),
      handler: (call) => entryPage(call),
    }),
    page({
      method: 'get',
      path: '/entries/{book}/{seq}/receipt',
      area: 'ledger',
      summary: 'Printable cash receipt (phiếu thu, form C40-BB), amount in words',
      params: EntryParams,
      policy: policies.books('read', bookParam),
      handler: (call) => printPage(call, 'receipt'),
    }),
    page({
      method: 'get',
      path: '/entries/{book}/{seq}/voucher',
      area: 'ledger',
      summary: 'Printable payment voucher (phiếu chi, form C41-BB), amount in words',
      params: EntryParams,
      policy: policies.books('read', bookParam),
      handler: (call) => printPage(call, 'voucher'),
    }),
    page({
      method: 'post',
      path: '/entries/{book}/{seq}/reverse',
      area: 'ledger',
      summary: 'Reverse an entry (maker-checker applies)',
      params: EntryParams,
      policy: policies.books('write', bookParam),
      handler: async (call) => {
        const { lang, deps, params } = call;
        const form = call.form!;
        const values = { date: (form.get('date') ?? '').trim(), memo: (form.get('memo') ?? '').trim() };
        const key = form.get('_key') ?? newFormKey();
        const names = ['date', 'memo', '_key'];
        const again = (refusals: Refusal[], nextKey = key) =>
          entryPage(call as unknown as PageCall<EntryParams, { posted?: string }>, {
            values,
            key: nextKey,
            errors: new FormErrors(refusals, lang, names, (f) => (f === 'seq' ? '_key' : f)),
          });
        await entryOf(call, params.book, params.seq);
        const date = parseBusinessDate('date', values.date === '' ? formatDate(todayOf(call)) : values.date);
        if (!date.ok) return again(date.refusals);
        const idempotencyKey = formKey(form);
        if (!idempotencyKey)
          return again(
            [{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }],
            newFormKey(),
          );
        const payload = {
          book: params.book,
          seq: params.seq,
          date: date.value,
          memo: values.memo === '' ? null : values.memo,
        };
        try {
          const reply = await deps.app.operations.submit(call.ctx(), 'ledger.reverse', payload, {
            key: idempotencyKey,
            requestHash: fingerprint({
              route: 'POST /entries/{book}/{seq}/reverse',
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
          if (!(e instanceof RefusedError)) throw e;
          if (e.refusals.some((r) => r.code === 'idempotency_key_reused'))
            return again([{ code: 'form_key_used', field: '_key', value: null }], newFormKey());
          return again([...e.refusals]);
        }
      },
    }),
  ];
}
