/**
 * Books and accounts: the books one reads, a book's chart with balances as of a date, an
 * account statement with its running balance, each party's balance in an account.
 */
import { z } from 'zod';
import { decideBook } from '../../../domain/access/policy.ts';
import { addDays, formatDate } from '../../../domain/dates.ts';
import { normalBalance } from '../../../domain/ledger/accounts.ts';
import { formatDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import { ACCOUNT_TYPE_TEXTS, WEB } from '../../../i18n/web.ts';
import type { AccountRow, BookRow } from '../../../store/ledger-store.ts';
import { HttpError } from '../../errors.ts';
import { type PolicyInput, policies, s } from '../../registry.ts';
import {
  AsOfForm,
  ExportLinks,
  entryHref,
  qs,
  statementHref,
  TracedAmount,
  traceHref,
} from '../components.tsx';
import { fieldId } from '../forms.tsx';
import { say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { REPORT_FORMATS, type ReportTable, reportResponse } from '../report.ts';
import { bookName, dateParam, orgName, readableBooks, readsSomeBook, ruleText, todayOf } from './shared.ts';

export const bookParam = (input: PolicyInput) => [
  { field: 'book', code: (input.params as { book: string }).book },
];
export const BookParams = z.object({ book: s.slug });
const AccountParams = z.object({ book: s.slug, account: s.code });
const Format = z.enum(REPORT_FORMATS).optional();

/** Rows one statement page shows; a longer range asks for narrower dates. */
export const STATEMENT_ROWS_MAX = 2_000;

export async function bookOf(call: PageCall, code: string): Promise<BookRow> {
  return call.deps.app.ledger.book(call.readCtx(), code);
}

async function accountOf(call: PageCall, book: string, code: string): Promise<AccountRow> {
  const acc = (await call.deps.app.ledger.accounts(call.readCtx(), book)).find((a) => a.code === code);
  if (!acc) throw new HttpError(404, 'not_found');
  return acc;
}

export async function communeOf(call: PageCall): Promise<string> {
  const tenant = call.me().tenant;
  return (await call.deps.app.ledger.tenants()).find((t) => t.id === tenant)?.name ?? tenant;
}

function may(call: PageCall, action: 'write' | 'verify' | 'export', book: BookRow): boolean {
  return (
    decideBook(call.me().grants, action, { code: book.code, organisation: book.organisation }) === 'allow'
  );
}

async function booksPage(call: PageCall): Promise<Response> {
  const { lang, deps } = call;
  const books = await readableBooks(deps, call.me());
  const orgs = new Map((await deps.app.ledger.organisations(call.readCtx())).map((o) => [o.id, o]));
  return call.render({
    title: say(lang, WEB.booksTitle),
    body: (
      <>
        <h1>{say(lang, WEB.booksTitle)}</h1>
        {books.length === 0 ? (
          <p class="note">{say(lang, WEB.noBooks)}</p>
        ) : (
          <div class="card scroll">
            <table>
              <thead>
                <tr>
                  <th>{say(lang, WEB.book)}</th>
                  <th>{say(lang, WEB.bookNameLabel)}</th>
                  <th>{say(lang, WEB.organisation)}</th>
                  <th class="num">{say(lang, WEB.headSeq)}</th>
                  <th>{say(lang, WEB.lockedThrough)}</th>
                  <th class="no-print" />
                </tr>
              </thead>
              <tbody>
                {books.map((b) => {
                  const org = b.organisation ? orgs.get(b.organisation) : undefined;
                  return (
                    <tr>
                      <td>
                        <a href={`/books/${b.code}`}>{b.code}</a>
                      </td>
                      <td>{bookName(b, lang)}</td>
                      <td>{org ? orgName(org, lang) : say(lang, WEB.noOrganisation)}</td>
                      <td class="num">{b.headSeq}</td>
                      <td>{b.lockedThrough ? formatDate(b.lockedThrough) : '—'}</td>
                      <td class="no-print">
                        {may(call, 'write', b) ? (
                          <a href={`/books/${b.code}/post`}>{say(lang, WEB.postEntry)}</a>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

interface BalanceRow {
  readonly account: AccountRow;
  readonly debit: number;
  readonly credit: number;
  readonly balance: number;
}

async function bookPage(
  call: PageCall<{ book: string }, { asOf?: string; format?: 'csv' | 'xlsx' }>,
): Promise<Response> {
  const { lang, deps, params, query } = call;
  const ctx = call.readCtx();
  const book = await bookOf(call, params.book);
  const asOfParam = dateParam('asOf', query.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const accounts = await deps.app.ledger.accounts(ctx, book.code);
  const tb = await deps.app.ledger.trialBalance(ctx, { book: book.code, asOf });
  const totals = new Map(tb.rows.map((r) => [r.account, r]));
  const rows: BalanceRow[] = accounts.map((a) => {
    const t = totals.get(a.code);
    const debit = t?.debit ?? 0;
    const credit = t?.credit ?? 0;
    return { account: a, debit, credit, balance: normalBalance(debit, credit, a.normalSide) };
  });
  const org = book.organisation
    ? (await deps.app.ledger.organisations(ctx)).find((o) => o.id === book.organisation)
    : undefined;
  const title = `${say(lang, WEB.bookTitle, { book: book.code })} · ${bookName(book, lang)}`;
  const L = (t: { vi: string; en: string }) => t[lang];
  if (query.format) {
    const table: ReportTable = {
      name: `balances-${book.code}`,
      title: `${say(lang, WEB.accountsTitle)} · ${title}`,
      commune: await communeOf(call),
      asOf,
      columns: [
        { key: 'account', label: L(WEB.account), kind: 'text' },
        { key: 'name', label: L(WEB.bookNameLabel), kind: 'text' },
        { key: 'type', label: L(WEB.type), kind: 'text' },
        { key: 'debit', label: L(WEB.debit), kind: 'money' },
        { key: 'credit', label: L(WEB.credit), kind: 'money' },
        { key: 'balance', label: L(WEB.balance), kind: 'money' },
      ],
      rows: rows.map((r) => ({
        account: r.account.code,
        name: lang === 'vi' ? r.account.nameVi : r.account.nameEn,
        type: ACCOUNT_TYPE_TEXTS[r.account.type][lang],
        debit: r.debit,
        credit: r.credit,
        balance: r.balance,
      })),
      totals: {
        account: L(WEB.total),
        debit: tb.totalDebit + tb.memoDebit,
        credit: tb.totalCredit + tb.memoCredit,
      },
    };
    return reportResponse(call.c, table, query.format, lang, deps.now().toISOString());
  }
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {org ? orgName(org, lang) : say(lang, WEB.noOrganisation)} ·{' '}
          {say(lang, WEB.asOfLine, { date: asOf })} · {say(lang, WEB.headSeq)}: {book.headSeq}
          {book.lockedThrough ? ` · ${say(lang, WEB.lockedThrough)} ${formatDate(book.lockedThrough)}` : ''}
        </p>
        <p class="actions no-print">
          {may(call, 'write', book) ? (
            <a class="button" href={`/books/${book.code}/post`}>
              {say(lang, WEB.postEntry)}
            </a>
          ) : null}
          <a href={`/journal${qs({ book: book.code })}`}>{say(lang, WEB.navJournal)}</a>
          <a href={`/trial-balance${qs({ book: book.code, asOf })}`}>{say(lang, WEB.navTrialBalance)}</a>
          {may(call, 'verify', book) ? (
            <a href={`/verify${qs({ book: book.code })}`}>{say(lang, WEB.verifyBook)}</a>
          ) : null}
          {may(call, 'export', book) ? (
            <a href={`/export${qs({ book: book.code })}`}>{say(lang, WEB.exportBook)}</a>
          ) : null}
        </p>
        <AsOfForm
          lang={lang}
          action={`/books/${book.code}`}
          asOf={asOf}
          error={ruleText(asOfParam.refusal, lang)}
        />
        <ExportLinks lang={lang} url={call.c.req.url} />
        <section class="card">
          <h2>{say(lang, WEB.accountsTitle)}</h2>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{say(lang, WEB.account)}</th>
                  <th>{say(lang, WEB.bookNameLabel)}</th>
                  <th>{say(lang, WEB.type)}</th>
                  <th class="num">{say(lang, WEB.debit)}</th>
                  <th class="num">{say(lang, WEB.credit)}</th>
                  <th class="num">{say(lang, WEB.balance)}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>
                      <a href={statementHref({ book: book.code, account: r.account.code, to: asOf })}>
                        {r.account.code}
                      </a>
                    </td>
                    <td>
                      {lang === 'vi' ? r.account.nameVi : r.account.nameEn}
                      {r.account.partyMode === 'required' ? (
                        <>
                          {' '}
                          <a
                            class="small no-print"
                            href={`/books/${book.code}/accounts/${r.account.code}/parties${qs({ asOf })}`}
                          >
                            ({say(lang, WEB.perParty)})
                          </a>
                        </>
                      ) : null}
                    </td>
                    <td>{ACCOUNT_TYPE_TEXTS[r.account.type][lang]}</td>
                    <td class="num">{formatDong(r.debit, lang)}</td>
                    <td class="num">{formatDong(r.credit, lang)}</td>
                    <td class="num">
                      <TracedAmount
                        amount={r.balance}
                        lang={lang}
                        href={traceHref({ book: book.code, account: r.account.code, asOf })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </>
    ),
  });
}

const StatementQuery = z
  .object({
    party: z.string().max(64).optional(),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    format: Format,
  })
  .strict();

async function statementPage(
  call: PageCall<{ book: string; account: string }, z.infer<typeof StatementQuery>>,
): Promise<Response> {
  const { lang, deps, params, query } = call;
  const book = await bookOf(call, params.book);
  const account = await accountOf(call, book.code, params.account);
  const fromParam = dateParam('from', query.from);
  const toParam = dateParam('to', query.to);
  const to = toParam.date ?? todayOf(call);
  const from = fromParam.date;
  const party = query.party?.trim() || undefined;
  let statement: Awaited<ReturnType<typeof deps.app.ledger.statement>>;
  try {
    statement = await deps.app.ledger.statement(call.readCtx(), {
      book: book.code,
      account: account.code,
      party,
      from,
      to,
      limit: STATEMENT_ROWS_MAX,
    });
  } catch (e) {
    // A malformed party id: shown next to its input, with an empty statement.
    if (!(e instanceof RefusedError)) throw e;
    statement = {
      book: book.code,
      account: account.code,
      nameVi: account.nameVi,
      nameEn: account.nameEn,
      party: null,
      from: from ?? null,
      to,
      opening: 0,
      closing: 0,
      totalDebit: 0,
      totalCredit: 0,
      lines: [],
      truncated: false,
    };
    return renderStatement(call, book, account, statement, {
      party: e.refusals.find((r) => r.field === 'party'),
    });
  }
  if (query.format) {
    const L = (t: { vi: string; en: string }) => t[lang];
    const table: ReportTable = {
      name: `statement-${book.code}-${account.code}${party ? `-${party}` : ''}`,
      title: say(lang, WEB.statementTitle, {
        account: account.code,
        name: lang === 'vi' ? account.nameVi : account.nameEn,
      }),
      commune: await communeOf(call),
      asOf: to,
      lines: [
        `${L(WEB.book)}: ${book.code} · ${bookName(book, lang)}`,
        ...(party ? [`${L(WEB.party)}: ${party}`] : []),
        `${L(WEB.from)}: ${from ? formatDate(from) : '—'} · ${L(WEB.to)}: ${formatDate(to)}`,
        `${L(WEB.opening)}: ${formatDong(statement.opening, lang)}`,
      ],
      columns: [
        { key: 'date', label: L(WEB.date), kind: 'date' },
        { key: 'entry', label: L(WEB.entry), kind: 'text' },
        { key: 'documentNo', label: L(WEB.documentNo), kind: 'text' },
        { key: 'memo', label: L(WEB.memo), kind: 'text' },
        { key: 'party', label: L(WEB.party), kind: 'text' },
        { key: 'debit', label: L(WEB.debit), kind: 'money' },
        { key: 'credit', label: L(WEB.credit), kind: 'money' },
        { key: 'balance', label: L(WEB.runningBalance), kind: 'money' },
      ],
      rows: statement.lines.map((l) => ({
        date: l.date,
        entry: `${book.code}#${l.seq}`,
        documentNo: l.documentNo,
        memo: l.memo,
        party: l.party,
        debit: l.debit || null,
        credit: l.credit || null,
        balance: l.balance,
      })),
      totals: {
        memo: L(WEB.closing),
        debit: statement.totalDebit,
        credit: statement.totalCredit,
        balance: statement.closing,
      },
    };
    return reportResponse(call.c, table, query.format, lang, deps.now().toISOString());
  }
  return renderStatement(call, book, account, statement, {
    from: fromParam.refusal,
    to: toParam.refusal,
  });
}

async function renderStatement(
  call: PageCall<{ book: string; account: string }, z.infer<typeof StatementQuery>>,
  book: BookRow,
  account: AccountRow,
  st: Awaited<ReturnType<PageCall['deps']['app']['ledger']['statement']>>,
  errors: { party?: Refusal | undefined; from?: Refusal | undefined; to?: Refusal | undefined },
): Promise<Response> {
  const { lang, query } = call;
  const accName = lang === 'vi' ? account.nameVi : account.nameEn;
  const title = say(lang, WEB.statementTitle, { account: account.code, name: accName });
  const bad = errors.party ?? errors.from ?? errors.to;
  const input = (name: 'party' | 'from' | 'to', label: string, value: string | undefined, hint?: string) => {
    const err = ruleText(errors[name], lang);
    return (
      <div>
        <label for={fieldId(name)}>
          {label}
          {hint ? <span class="hint">{hint}</span> : null}
        </label>
        <input
          id={fieldId(name)}
          name={name}
          value={value ?? ''}
          inputmode={name === 'party' ? undefined : 'numeric'}
          placeholder={name === 'party' ? '' : say(lang, WEB.datePlaceholder)}
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={err ? `${fieldId(name)}-error` : undefined}
        />
        {err ? (
          <p class="field-error" id={`${fieldId(name)}-error`}>
            {err}
          </p>
        ) : null}
      </div>
    );
  };
  const showParty = st.party === null;
  return call.render({
    title,
    status: bad ? 422 : 200,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          <a href={`/books/${book.code}`}>{book.code}</a> · {bookName(book, lang)} ·{' '}
          {st.party ? `${say(lang, WEB.party)}: ${st.party}` : say(lang, WEB.allParties)} ·{' '}
          {st.from ? `${formatDate(st.from)} – ` : ''}
          {st.to ? formatDate(st.to) : ''}
        </p>
        <form method="get" action={`/books/${book.code}/accounts/${account.code}`} class="filters no-print">
          {account.partyMode === 'required' ? input('party', say(lang, WEB.party), query.party) : null}
          {input('from', say(lang, WEB.from), query.from ?? (st.from ? formatDate(st.from) : ''))}
          {input('to', say(lang, WEB.to), query.to ?? (st.to ? formatDate(st.to) : ''))}
          <div>
            <button type="submit">{say(lang, WEB.show)}</button>
          </div>
        </form>
        <ExportLinks lang={lang} url={call.c.req.url} />
        <p class="no-print">
          <a href={traceHref({ book: book.code, account: account.code, party: st.party, asOf: st.to })}>
            {say(lang, WEB.traceTitle)}
          </a>
        </p>
        {st.truncated ? <p class="note">{say(lang, WEB.truncated, { limit: STATEMENT_ROWS_MAX })}</p> : null}
        <section class="card scroll">
          <table>
            <thead>
              <tr>
                <th>{say(lang, WEB.date)}</th>
                <th>{say(lang, WEB.entry)}</th>
                <th>{say(lang, WEB.documentNo)}</th>
                <th>{say(lang, WEB.memo)}</th>
                {showParty ? <th>{say(lang, WEB.party)}</th> : null}
                <th class="num">{say(lang, WEB.debit)}</th>
                <th class="num">{say(lang, WEB.credit)}</th>
                <th class="num">{say(lang, WEB.runningBalance)}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{st.from ? formatDate(addDays(st.from, -1)) : ''}</td>
                <td colspan={showParty ? 6 : 5}>
                  <strong>{say(lang, WEB.opening)}</strong>
                </td>
                <td class="num">
                  <strong>{formatDong(st.opening, lang)}</strong>
                </td>
              </tr>
              {st.lines.map((l) => (
                <tr>
                  <td>{formatDate(l.date)}</td>
                  <td>
                    <a href={entryHref(book.code, l.seq)}>{`#${l.seq}`}</a>
                  </td>
                  <td>{l.documentNo ?? ''}</td>
                  <td>{l.memo}</td>
                  {showParty ? <td>{l.party ?? ''}</td> : null}
                  <td class="num">{l.debit ? formatDong(l.debit, lang) : ''}</td>
                  <td class="num">{l.credit ? formatDong(l.credit, lang) : ''}</td>
                  <td class="num">{formatDong(l.balance, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colspan={showParty ? 5 : 4}>{say(lang, WEB.closing)}</td>
                <td class="num">{formatDong(st.totalDebit, lang)}</td>
                <td class="num">{formatDong(st.totalCredit, lang)}</td>
                <td class="num" data-closing>
                  {formatDong(st.closing, lang)}
                </td>
              </tr>
            </tfoot>
          </table>
        </section>
      </>
    ),
  });
}

async function partiesPage(
  call: PageCall<{ book: string; account: string }, { asOf?: string; format?: 'csv' | 'xlsx' }>,
): Promise<Response> {
  const { lang, deps, params, query } = call;
  const book = await bookOf(call, params.book);
  const account = await accountOf(call, book.code, params.account);
  const asOfParam = dateParam('asOf', query.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const rows = (
    await deps.app.ledger.partyBalances(call.readCtx(), { book: book.code, account: account.code, asOf })
  ).filter((r) => r.postings > 0);
  const accName = lang === 'vi' ? account.nameVi : account.nameEn;
  const title = `${say(lang, WEB.partyBalances)} · ${account.code} ${accName}`;
  const sum = (k: 'debit' | 'credit' | 'balance') => rows.reduce((s, r) => s + r[k], 0);
  if (query.format) {
    const L = (t: { vi: string; en: string }) => t[lang];
    return reportResponse(
      call.c,
      {
        name: `parties-${book.code}-${account.code}`,
        title,
        commune: await communeOf(call),
        asOf,
        lines: [`${L(WEB.book)}: ${book.code} · ${bookName(book, lang)}`],
        columns: [
          { key: 'party', label: L(WEB.party), kind: 'text' },
          { key: 'debit', label: L(WEB.debit), kind: 'money' },
          { key: 'credit', label: L(WEB.credit), kind: 'money' },
          { key: 'balance', label: L(WEB.balance), kind: 'money' },
          { key: 'postings', label: L(WEB.postings), kind: 'int' },
        ],
        rows: rows.map((r) => ({
          party: r.party,
          debit: r.debit,
          credit: r.credit,
          balance: r.balance,
          postings: r.postings,
        })),
        totals: { party: L(WEB.total), debit: sum('debit'), credit: sum('credit'), balance: sum('balance') },
      },
      query.format,
      lang,
      deps.now().toISOString(),
    );
  }
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          <a href={`/books/${book.code}`}>{book.code}</a> · {bookName(book, lang)} ·{' '}
          {say(lang, WEB.asOfLine, { date: asOf })}
        </p>
        <AsOfForm
          lang={lang}
          action={`/books/${book.code}/accounts/${account.code}/parties`}
          asOf={asOf}
          error={ruleText(asOfParam.refusal, lang)}
        />
        <ExportLinks lang={lang} url={call.c.req.url} />
        <section class="card scroll">
          <table>
            <thead>
              <tr>
                <th>{say(lang, WEB.party)}</th>
                <th class="num">{say(lang, WEB.debit)}</th>
                <th class="num">{say(lang, WEB.credit)}</th>
                <th class="num">{say(lang, WEB.balance)}</th>
                <th class="num">{say(lang, WEB.postings)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a
                      href={statementHref({
                        book: book.code,
                        account: account.code,
                        party: r.party,
                        to: asOf,
                      })}
                    >
                      {r.party}
                    </a>
                  </td>
                  <td class="num">{formatDong(r.debit, lang)}</td>
                  <td class="num">{formatDong(r.credit, lang)}</td>
                  <td class="num">
                    <TracedAmount
                      amount={r.balance}
                      lang={lang}
                      href={traceHref({ book: book.code, account: account.code, party: r.party, asOf })}
                    />
                  </td>
                  <td class="num">{r.postings}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>{say(lang, WEB.total)}</td>
                <td class="num">{formatDong(sum('debit'), lang)}</td>
                <td class="num">{formatDong(sum('credit'), lang)}</td>
                <td class="num">{formatDong(sum('balance'), lang)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </section>
      </>
    ),
  });
}

const AsOfQuery = z.object({ asOf: z.string().max(20).optional(), format: Format }).strict();

export function bookPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/books',
      area: 'ledger',
      summary: 'The books one reads',
      policy: policies.readableBooks(),
      nav: { label: WEB.navBooks, order: 20, visible: readsSomeBook },
      handler: booksPage,
    }),
    page({
      method: 'get',
      path: '/books/{book}',
      area: 'ledger',
      summary: 'A book: its accounts with balances as of a date; CSV/XLSX',
      params: BookParams,
      query: AsOfQuery,
      policy: policies.books('read', bookParam),
      handler: bookPage,
    }),
    page({
      method: 'get',
      path: '/books/{book}/accounts/{account}',
      area: 'ledger',
      summary: 'Account statement with opening, running and closing balance; CSV/XLSX',
      params: AccountParams,
      query: StatementQuery,
      policy: policies.books('read', bookParam),
      handler: statementPage,
    }),
    page({
      method: 'get',
      path: '/books/{book}/accounts/{account}/parties',
      area: 'ledger',
      summary: 'Each party’s balance in an account as of a date; CSV/XLSX',
      params: AccountParams,
      query: AsOfQuery,
      policy: policies.books('read', bookParam),
      handler: partiesPage,
    }),
  ];
}
