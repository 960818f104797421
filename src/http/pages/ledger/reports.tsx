/**
 * The trial balance as of a date (one book or every book one reads) and the journal browser
 * (filters, keyset paging). Both export to CSV and XLSX; every balance links to its entries.
 */
import { z } from 'zod';
import type { TrialBalance, TrialBalanceRow } from '../../../app/ledger/ledger.ts';
import { readsWholeCommune } from '../../../domain/access/policy.ts';
import { formatDate } from '../../../domain/dates.ts';
import type { Entry } from '../../../domain/ledger/entry.ts';
import { ENTRY_KINDS } from '../../../domain/ledger/kinds.ts';
import { formatDong } from '../../../domain/money.ts';
import type { Refusal } from '../../../domain/refusal.ts';
import type { Lang } from '../../../i18n/types.ts';
import { ACCOUNT_TYPE_TEXTS, KIND_TEXTS, WEB } from '../../../i18n/web.ts';
import type { BookRow } from '../../../store/ledger-store.ts';
import { type PolicyInput, policies, s } from '../../registry.ts';
import { parseRef } from '../../routes/ledger.ts';
import {
  ExportLinks,
  entryAmount,
  entryHref,
  kindLabel,
  Pager,
  qs,
  statementHref,
  TracedAmount,
  traceHref,
} from '../components.tsx';
import { FormErrors, fieldId } from '../forms.tsx';
import { say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { REPORT_FORMATS, type ReportTable, reportResponse } from '../report.ts';
import { communeOf } from './books.tsx';
import { bookName, dateParam, readableBooks, readsSomeBook, todayOf } from './shared.ts';

const queryBook = (input: PolicyInput) => {
  const book = (input.query as { book?: string }).book;
  return book === undefined || book === '' ? [] : [{ field: 'book', code: book }];
};

/** Signed in; a named book must be readable (else 404, as if it did not exist). */
const namedBookPolicy = () =>
  policies.custom('signed-in; a named book needs book:read; else only readable books', async (input) =>
    queryBook(input).length === 0 ? 'allow' : policies.books('read', queryBook).decide!(input),
  );

const Format = z.enum(REPORT_FORMATS).optional();

/** The book filter: every readable book. */
function BookSelect(props: {
  lang: Lang;
  books: readonly BookRow[];
  value: string | undefined;
  allLabel: string;
}) {
  const { lang, books, value, allLabel } = props;
  return (
    <div>
      <label for={fieldId('book')}>{say(lang, WEB.book)}</label>
      <select id={fieldId('book')} name="book">
        <option value="">{allLabel}</option>
        {books.map((b) => (
          <option value={b.code} selected={b.code === value}>
            {`${b.code} · ${bookName(b, lang)}`}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateInput(props: {
  lang: Lang;
  name: string;
  label: string;
  value: string;
  error?: Refusal | undefined;
}) {
  const { lang, name, label, value, error } = props;
  const errors = new FormErrors(error ? [error] : [], lang, [name]);
  const messages = errors.at(name);
  return (
    <div>
      <label for={fieldId(name)}>{label}</label>
      <input
        id={fieldId(name)}
        name={name}
        value={value}
        inputmode="numeric"
        placeholder={say(lang, WEB.datePlaceholder)}
        aria-invalid={messages.length > 0 ? 'true' : undefined}
        aria-describedby={messages.length > 0 ? `${fieldId(name)}-error` : undefined}
      />
      {messages.length > 0 ? (
        <p class="field-error" id={`${fieldId(name)}-error`}>
          {messages.join('; ')}
        </p>
      ) : null}
    </div>
  );
}

// --- trial balance ---------------------------------------------------------------------------------

const TrialBalanceQuery = z
  .object({ book: s.slug.or(z.literal('')).optional(), asOf: z.string().max(20).optional(), format: Format })
  .strict();

async function trialBalanceOf(call: PageCall, book: string | undefined, asOf: string): Promise<TrialBalance> {
  const { deps } = call;
  const ctx = call.readCtx();
  const p = call.me();
  if (book !== undefined || readsWholeCommune(p.grants))
    return deps.app.ledger.trialBalance(ctx, { book, asOf });
  const parts: TrialBalance[] = [];
  for (const b of await readableBooks(deps, p))
    parts.push(await deps.app.ledger.trialBalance(ctx, { book: b.code, asOf }));
  const sum = (k: 'totalDebit' | 'totalCredit' | 'memoDebit' | 'memoCredit') =>
    parts.reduce((t, x) => t + x[k], 0);
  return {
    asOf,
    rows: parts.flatMap((x) => x.rows),
    totalDebit: sum('totalDebit'),
    totalCredit: sum('totalCredit'),
    memoDebit: sum('memoDebit'),
    memoCredit: sum('memoCredit'),
  };
}

/** A balance on the debit side (Dư Nợ) or the credit side (Dư Có). */
const debitSide = (r: TrialBalanceRow) => Math.max(r.net, 0);
const creditSide = (r: TrialBalanceRow) => Math.max(-r.net, 0);

function TrialBalanceTable(props: {
  lang: Lang;
  rows: readonly TrialBalanceRow[];
  asOf: string;
  caption: string;
}) {
  const { lang, rows, asOf, caption } = props;
  const sum = (f: (r: TrialBalanceRow) => number) => rows.reduce((t, r) => t + f(r), 0);
  const d = sum((r) => r.debit);
  const c = sum((r) => r.credit);
  return (
    <section class="card">
      <h2>{caption}</h2>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>{say(lang, WEB.book)}</th>
              <th>{say(lang, WEB.account)}</th>
              <th>{say(lang, WEB.bookNameLabel)}</th>
              <th>{say(lang, WEB.type)}</th>
              <th class="num">{say(lang, WEB.turnoverDebit)}</th>
              <th class="num">{say(lang, WEB.turnoverCredit)}</th>
              <th class="num">{say(lang, WEB.balanceDebit)}</th>
              <th class="num">{say(lang, WEB.balanceCredit)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const href = traceHref({ book: r.book, account: r.account, asOf });
              return (
                <tr>
                  <td>{r.book}</td>
                  <td>
                    <a href={statementHref({ book: r.book, account: r.account, to: asOf })}>{r.account}</a>
                  </td>
                  <td>{lang === 'vi' ? r.nameVi : r.nameEn}</td>
                  <td>{ACCOUNT_TYPE_TEXTS[r.type][lang]}</td>
                  <td class="num">{formatDong(r.debit, lang)}</td>
                  <td class="num">{formatDong(r.credit, lang)}</td>
                  <td class="num">
                    {r.net > 0 ? <TracedAmount amount={debitSide(r)} lang={lang} href={href} /> : ''}
                  </td>
                  <td class="num">
                    {r.net < 0 ? <TracedAmount amount={creditSide(r)} lang={lang} href={href} /> : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td colspan={4}>{say(lang, WEB.total)}</td>
              <td class="num">{formatDong(d, lang)}</td>
              <td class="num">{formatDong(c, lang)}</td>
              <td class="num">{formatDong(sum(debitSide), lang)}</td>
              <td class="num">{formatDong(sum(creditSide), lang)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class={d === c ? 'ok' : 'bad'} data-totals-agree={d === c ? 'yes' : 'no'}>
        {d === c
          ? say(lang, WEB.totalsAgree)
          : say(lang, WEB.totalsDisagree, { difference: Math.abs(d - c) })}
      </p>
    </section>
  );
}

async function trialBalancePage(
  call: PageCall<unknown, z.infer<typeof TrialBalanceQuery>>,
): Promise<Response> {
  const { lang, deps, query } = call;
  const bookCode = query.book === '' ? undefined : query.book;
  const asOfParam = dateParam('asOf', query.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const tb = await trialBalanceOf(call, bookCode, asOf);
  const books = await readableBooks(deps, call.me());
  const onSheet = tb.rows.filter((r) => r.type !== 'memo');
  const memo = tb.rows.filter((r) => r.type === 'memo');
  const title = say(lang, WEB.trialBalanceTitle);
  const L = (t: { vi: string; en: string }) => t[lang];
  if (query.format) {
    const table: ReportTable = {
      name: `trial-balance${bookCode ? `-${bookCode}` : ''}`,
      title,
      commune: await communeOf(call),
      asOf,
      lines: [`${L(WEB.book)}: ${bookCode ?? L(WEB.allBooks)}`],
      columns: [
        { key: 'book', label: L(WEB.book), kind: 'text' },
        { key: 'account', label: L(WEB.account), kind: 'text' },
        { key: 'name', label: L(WEB.bookNameLabel), kind: 'text' },
        { key: 'type', label: L(WEB.type), kind: 'text' },
        { key: 'debit', label: L(WEB.turnoverDebit), kind: 'money' },
        { key: 'credit', label: L(WEB.turnoverCredit), kind: 'money' },
        { key: 'balanceDebit', label: L(WEB.balanceDebit), kind: 'money' },
        { key: 'balanceCredit', label: L(WEB.balanceCredit), kind: 'money' },
      ],
      rows: tb.rows.map((r) => ({
        book: r.book,
        account: r.account,
        name: lang === 'vi' ? r.nameVi : r.nameEn,
        type: ACCOUNT_TYPE_TEXTS[r.type][lang],
        debit: r.debit,
        credit: r.credit,
        balanceDebit: debitSide(r) || null,
        balanceCredit: creditSide(r) || null,
      })),
      totals: {
        book: L(WEB.balanceSheetTotals),
        debit: tb.totalDebit,
        credit: tb.totalCredit,
        balanceDebit: onSheet.reduce((t, r) => t + debitSide(r), 0),
        balanceCredit: onSheet.reduce((t, r) => t + creditSide(r), 0),
      },
    };
    return reportResponse(call.c, table, query.format, lang, deps.now().toISOString());
  }
  return call.render({
    title,
    status: asOfParam.refusal ? 422 : 200,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {await communeOf(call)} · {bookCode ?? say(lang, WEB.allBooks)} ·{' '}
          {say(lang, WEB.asOfLine, { date: asOf })}
        </p>
        <form method="get" action="/trial-balance" class="filters no-print">
          <BookSelect lang={lang} books={books} value={bookCode} allLabel={say(lang, WEB.allBooks)} />
          <DateInput
            lang={lang}
            name="asOf"
            label={say(lang, WEB.asOf)}
            value={formatDate(asOf)}
            error={asOfParam.refusal}
          />
          <div>
            <button type="submit">{say(lang, WEB.show)}</button>
          </div>
        </form>
        <ExportLinks lang={lang} url={call.c.req.url} />
        <TrialBalanceTable
          lang={lang}
          rows={onSheet}
          asOf={asOf}
          caption={say(lang, WEB.balanceSheetTotals)}
        />
        {memo.length > 0 ? (
          <TrialBalanceTable lang={lang} rows={memo} asOf={asOf} caption={say(lang, WEB.memoTotals)} />
        ) : null}
      </>
    ),
  });
}

// --- journal --------------------------------------------------------------------------------------

const JOURNAL_PAGE_ENTRIES = 50;
const JOURNAL_EXPORT_ENTRIES_MAX = 5_000;

const JournalQuery = z
  .object({
    book: s.slug.or(z.literal('')).optional(),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    kind: z.enum(ENTRY_KINDS).or(z.literal('')).optional(),
    account: s.code.or(z.literal('')).optional(),
    party: s.party.or(z.literal('')).optional(),
    documentNo: z.string().max(40).optional(),
    text: z.string().max(100).optional(),
    after: z.string().max(60).optional(),
    format: Format,
  })
  .strict();
type JournalQuery = z.infer<typeof JournalQuery>;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

async function journalPage(call: PageCall<unknown, JournalQuery>): Promise<Response> {
  const { lang, deps, query } = call;
  const p = call.me();
  const from = dateParam('from', query.from);
  const to = dateParam('to', query.to);
  const books = await readableBooks(deps, p);
  let after: { book: string; seq: number } | undefined;
  try {
    after = query.after ? parseRef('after', query.after) : undefined;
  } catch {
    after = undefined;
  }
  const filter = {
    book: blank(query.book),
    books: readsWholeCommune(p.grants) ? undefined : books.map((b) => b.code),
    from: from.date,
    to: to.date,
    kind: blank(query.kind),
    account: blank(query.account),
    party: blank(query.party),
    documentNo: blank(query.documentNo),
    text: blank(query.text),
    after,
  };
  const limit = query.format ? JOURNAL_EXPORT_ENTRIES_MAX : JOURNAL_PAGE_ENTRIES;
  const entries: Entry[] = await deps.app.ledger.journal(call.readCtx(), { ...filter, limit });
  const last = entries[entries.length - 1];
  const title = say(lang, WEB.journalTitle);
  const L = (t: { vi: string; en: string }) => t[lang];
  if (query.format) {
    const table: ReportTable = {
      name: 'journal',
      title,
      commune: await communeOf(call),
      asOf: filter.to ?? null,
      lines: [`${L(WEB.book)}: ${filter.book ?? L(WEB.allBooks)}`],
      columns: [
        { key: 'entry', label: L(WEB.entry), kind: 'text' },
        { key: 'date', label: L(WEB.date), kind: 'date' },
        { key: 'kind', label: L(WEB.kind), kind: 'text' },
        { key: 'documentNo', label: L(WEB.documentNo), kind: 'text' },
        { key: 'memo', label: L(WEB.memo), kind: 'text' },
        { key: 'account', label: L(WEB.account), kind: 'text' },
        { key: 'party', label: L(WEB.party), kind: 'text' },
        { key: 'debit', label: L(WEB.debit), kind: 'money' },
        { key: 'credit', label: L(WEB.credit), kind: 'money' },
        { key: 'actor', label: L(WEB.actor), kind: 'text' },
      ],
      rows: entries.flatMap((e) =>
        e.postings.map((x) => ({
          entry: `${e.book}#${e.seq}`,
          date: e.date,
          kind: kindLabel(e.kind, lang),
          documentNo: e.documentNo,
          memo: e.memo,
          account: x.account,
          party: x.party,
          debit: x.amount > 0 ? x.amount : null,
          credit: x.amount < 0 ? -x.amount : null,
          actor: e.actor,
        })),
      ),
    };
    return reportResponse(call.c, table, query.format, lang, deps.now().toISOString());
  }
  const keep = { ...query, after: undefined, format: undefined };
  const next =
    entries.length === limit && last
      ? `/journal${qs({ ...keep, after: `${last.book}#${last.seq}` })}`
      : undefined;
  const first = after ? `/journal${qs(keep)}` : undefined;
  const text = (name: 'account' | 'party' | 'documentNo' | 'text', label: string) => (
    <div>
      <label for={fieldId(name)}>{label}</label>
      <input
        id={fieldId(name)}
        name={name}
        value={query[name] ?? ''}
        type={name === 'text' ? 'search' : 'text'}
      />
    </div>
  );
  return call.render({
    title,
    status: from.refusal || to.refusal ? 422 : 200,
    scripts: ['htmx', 'print'],
    body: (
      <>
        <h1>{title}</h1>
        <form
          method="get"
          action="/journal"
          class="filters no-print"
          hx-get="/journal"
          hx-target="#results"
          hx-select="#results"
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          <BookSelect lang={lang} books={books} value={filter.book} allLabel={say(lang, WEB.all)} />
          <DateInput
            lang={lang}
            name="from"
            label={say(lang, WEB.from)}
            value={query.from ?? ''}
            error={from.refusal}
          />
          <DateInput
            lang={lang}
            name="to"
            label={say(lang, WEB.to)}
            value={query.to ?? ''}
            error={to.refusal}
          />
          <div>
            <label for={fieldId('kind')}>{say(lang, WEB.kind)}</label>
            <select id={fieldId('kind')} name="kind">
              <option value="">{say(lang, WEB.all)}</option>
              {ENTRY_KINDS.map((k) => (
                <option value={k} selected={k === query.kind}>
                  {KIND_TEXTS[k][lang]}
                </option>
              ))}
            </select>
          </div>
          {text('account', say(lang, WEB.account))}
          {text('party', say(lang, WEB.party))}
          {text('documentNo', say(lang, WEB.documentNo))}
          {text('text', say(lang, WEB.searchMemo))}
          <div class="actions">
            <button type="submit">{say(lang, WEB.apply)}</button>
            <a href="/journal">{say(lang, WEB.clear)}</a>
          </div>
        </form>
        <div id="results">
          <ExportLinks lang={lang} url={call.c.req.url} />
          {entries.length === 0 ? (
            <p class="muted">{say(lang, WEB.noRows)}</p>
          ) : (
            <div class="card scroll">
              <table>
                <thead>
                  <tr>
                    <th>{say(lang, WEB.entry)}</th>
                    <th>{say(lang, WEB.date)}</th>
                    <th>{say(lang, WEB.kind)}</th>
                    <th>{say(lang, WEB.documentNo)}</th>
                    <th>{say(lang, WEB.memo)}</th>
                    <th class="num">{say(lang, WEB.amount)}</th>
                    <th>{say(lang, WEB.actor)}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr>
                      <td>
                        <a href={entryHref(e.book, e.seq)}>{`${e.book}#${e.seq}`}</a>
                      </td>
                      <td>{formatDate(e.date)}</td>
                      <td>{kindLabel(e.kind, lang)}</td>
                      <td>{e.documentNo ?? ''}</td>
                      <td>{e.memo}</td>
                      <td class="num">{formatDong(entryAmount(e), lang)}</td>
                      <td>{e.actor}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager lang={lang} first={first} next={next} />
        </div>
      </>
    ),
  });
}

export function reportPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/trial-balance',
      area: 'ledger',
      summary: 'Trial balance as of a date (a book or every readable book); CSV/XLSX',
      query: TrialBalanceQuery,
      policy: namedBookPolicy(),
      nav: { label: WEB.navTrialBalance, order: 40, visible: readsSomeBook },
      handler: trialBalancePage,
    }),
    page({
      method: 'get',
      path: '/journal',
      area: 'ledger',
      summary: 'Journal browser: filters, keyset paging; CSV/XLSX of the filtered entries',
      query: JournalQuery,
      policy: namedBookPolicy(),
      nav: { label: WEB.navJournal, order: 30, visible: readsSomeBook },
      handler: journalPage,
    }),
  ];
}
