/**
 * What an auditor needs: trace a figure to the entries that make it, verify the books' hash
 * chains, and download the journal for their own tools (CSV, hledger, Beancount).
 */
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { EXPORT_FORMATS, exportJournal } from '../../../app/ledger/export.ts';
import { verifyLedger } from '../../../app/ledger/verify.ts';
import { decideBook, decideCommune } from '../../../domain/access/policy.ts';
import type { Grant } from '../../../domain/access/roles.ts';
import { formatDong } from '../../../domain/money.ts';
import { VERIFY_PROBLEM_TEXTS, WEB } from '../../../i18n/web.ts';
import type { BookRow } from '../../../store/ledger-store.ts';
import { HttpError } from '../../errors.ts';
import { type PolicyInput, policies, s } from '../../registry.ts';
import { AsOfForm, EntryCard, entryHref, Pager, qs, statementHref } from '../components.tsx';
import { fieldId } from '../forms.tsx';
import { say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { bookOf } from './books.tsx';
import { accountNamer, bookName, dateParam, ruleText, todayOf } from './shared.ts';

const queryBook = (input: PolicyInput) => {
  const book = (input.query as { book?: string }).book;
  return book === undefined || book === '' ? [] : [{ field: 'book', code: book }];
};

/** Verify and export are for those who may verify some book: not viewers, not group leaders. */
export const mayVerifySome = (grants: readonly Grant[]) =>
  grants.some((g) => g.role !== 'viewer' && g.role !== 'group_leader');

async function allBooks(call: PageCall): Promise<BookRow[]> {
  return call.deps.app.ledger.books(call.readCtx());
}

function booksFor(call: PageCall, books: readonly BookRow[], action: 'verify' | 'export'): BookRow[] {
  const grants = call.me().grants;
  return books.filter(
    (b) => decideBook(grants, action, { code: b.code, organisation: b.organisation }) === 'allow',
  );
}

// --- trace ----------------------------------------------------------------------------------------

const TRACE_PAGE_ENTRIES = 25;
/** Statement lines read for one page: enough for 25 entries, even several lines each. */
const TRACE_LINES_READ = 2_000;

const TraceQuery = z
  .object({
    book: s.slug,
    account: s.code,
    party: s.party.optional(),
    asOf: z.string().max(20).optional(),
    after: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}:\d{1,15}$/)
      .optional()
      .describe('keyset: date:seq of the last entry of the previous page'),
  })
  .strict();

/**
 * The figure, then the entries that make it, in date order, 25 to a page: each with its postings
 * (the traced lines marked), its chain, and the balance after it. The statement's index gives the
 * lines (by account and party, then date), so a household's few entries among 10^5 are found
 * directly. On the last page the balance after the last entry must equal the figure.
 */
async function tracePage(call: PageCall<unknown, z.infer<typeof TraceQuery>>): Promise<Response> {
  const { lang, deps, query } = call;
  const ctx = call.readCtx();
  const book = await bookOf(call, query.book);
  const account = (await deps.app.ledger.accounts(ctx, book.code)).find((a) => a.code === query.account);
  if (!account) throw new HttpError(404, 'not_found');
  const asOfParam = dateParam('asOf', query.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const party = query.party;
  const cursor = query.after
    ? { date: query.after.slice(0, 10), seq: Number(query.after.slice(11)) }
    : undefined;
  const balance = await deps.app.ledger.balance(ctx, { book: book.code, account: account.code, party, asOf });
  const st = await deps.app.ledger.statement(ctx, {
    book: book.code,
    account: account.code,
    party,
    from: cursor?.date,
    to: asOf,
    limit: TRACE_LINES_READ,
  });
  // Lines after the cursor, grouped by entry; the running balance after each entry's last line.
  const after = st.lines.filter((l) => !cursor || l.date > cursor.date || l.seq > cursor.seq);
  const seqs: number[] = [];
  const balanceAfter = new Map<number, number>();
  for (const l of after) {
    if (!balanceAfter.has(l.seq)) {
      if (seqs.length === TRACE_PAGE_ENTRIES) break;
      seqs.push(l.seq);
    }
    balanceAfter.set(l.seq, l.balance);
  }
  const more = after.length > 0 && (after.some((l) => !seqs.includes(l.seq)) || st.truncated);
  const entries = [];
  for (const seq of seqs) entries.push(await deps.app.ledger.entry(ctx, book.code, seq));
  const names = await accountNamer(call);
  const last = entries[entries.length - 1];
  const lastBalance = last ? balanceAfter.get(last.seq)! : st.opening;
  const whole = !cursor && !more;
  const agrees = lastBalance === balance.balance && (!whole || after.length === balance.postings);
  const keep = { book: book.code, account: account.code, party, asOf };
  const accName = lang === 'vi' ? account.nameVi : account.nameEn;
  const title = say(lang, WEB.traceTitle);
  return call.render({
    title,
    status: asOfParam.refusal ? 422 : 200,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <section class="card">
          <h2>
            {say(lang, WEB.traceFigure)}: <span data-figure>{formatDong(balance.balance, lang)}</span>
          </h2>
          <p>
            {say(lang, WEB.traceIntro, {
              account: `${account.code} ${accName}`,
              book: `${book.code} (${bookName(book, lang)})`,
              party: party ? ` · ${say(lang, WEB.party)} ${party}` : '',
              asOf,
            })}
          </p>
          <p class="small">
            {say(lang, WEB.traceCounts, {
              count: balance.postings,
              debit: balance.debit,
              credit: balance.credit,
            })}
          </p>
          {cursor ? (
            <p class="small">{say(lang, WEB.traceOpening, { date: cursor.date, balance: st.opening })}</p>
          ) : null}
          {more ? null : (
            <p class={agrees ? 'ok' : 'bad'} data-trace-agrees={agrees ? 'yes' : 'no'}>
              {agrees
                ? say(lang, WEB.traceAgrees, { count: balance.postings })
                : say(lang, WEB.traceDisagrees)}
            </p>
          )}
          <p class="actions no-print">
            <a href={statementHref({ book: book.code, account: account.code, party, to: asOf })}>
              {say(lang, WEB.statement)}
            </a>
            <a href={`/verify${qs({ book: book.code })}`}>{say(lang, WEB.verifyBook)}</a>
          </p>
        </section>
        <AsOfForm
          lang={lang}
          action="/trace"
          asOf={asOf}
          keep={{ book: book.code, account: account.code, party }}
          error={ruleText(asOfParam.refusal, lang)}
        />
        {entries.map((e) => (
          <>
            <EntryCard
              lang={lang}
              entry={e}
              accountName={names}
              highlight={{ account: account.code, party }}
            />
            <p class="small balance-after">
              {say(lang, WEB.traceBalanceAfter, {
                ref: `${e.book}#${e.seq}`,
                balance: balanceAfter.get(e.seq)!,
              })}
            </p>
          </>
        ))}
        <Pager
          lang={lang}
          first={cursor ? `/trace${qs(keep)}` : undefined}
          next={more && last ? `/trace${qs({ ...keep, after: `${last.date}:${last.seq}` })}` : undefined}
        />
      </>
    ),
  });
}

// --- verify ---------------------------------------------------------------------------------------

const VerifyQuery = z
  .object({ book: s.slug.or(z.literal('')).optional(), run: z.string().max(5).optional() })
  .strict();

async function verifyPage(call: PageCall<unknown, z.infer<typeof VerifyQuery>>): Promise<Response> {
  const { lang, deps, query } = call;
  const ctx = call.readCtx();
  const named = query.book === '' ? undefined : query.book;
  const verifiable = booksFor(call, await allBooks(call), 'verify');
  const title = say(lang, WEB.verifyTitle);
  let results: Array<Awaited<ReturnType<typeof verifyLedger>>['books'][number]> | undefined;
  if (query.run) {
    if (named !== undefined) results = [...(await verifyLedger(deps.app.store, ctx, named)).books];
    else if (decideCommune(call.me().grants, 'commune.verify') === 'allow')
      results = [...(await verifyLedger(deps.app.store, ctx)).books];
    else {
      results = [];
      for (const b of verifiable) results.push(...(await verifyLedger(deps.app.store, ctx, b.code)).books);
    }
  }
  const allOk = results?.every((b) => b.ok) ?? false;
  return call.render({
    title,
    body: (
      <>
        <h1>{title}</h1>
        <p class="muted">{say(lang, WEB.verifyIntro)}</p>
        <form method="get" action="/verify" class="filters no-print">
          <input type="hidden" name="run" value="1" />
          <div>
            <label for={fieldId('book')}>{say(lang, WEB.book)}</label>
            <select id={fieldId('book')} name="book">
              <option value="">{say(lang, WEB.all)}</option>
              {verifiable.map((b) => (
                <option value={b.code} selected={b.code === named}>
                  {`${b.code} · ${bookName(b, lang)}`}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">{say(lang, WEB.verifyRun)}</button>
          </div>
        </form>
        {results ? (
          <section class="card">
            <p class={allOk ? 'ok' : 'bad'} role="status" data-verify={allOk ? 'ok' : 'bad'}>
              {allOk ? say(lang, WEB.verifyAllOk) : say(lang, WEB.verifySomeBad)}
            </p>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{say(lang, WEB.book)}</th>
                    <th class="num">{say(lang, WEB.headSeq)}</th>
                    <th>{say(lang, WEB.status)}</th>
                    <th>{say(lang, WEB.headHash)}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.map((b) => (
                    <tr data-book={b.book}>
                      <td>
                        <a href={`/books/${b.book}`}>{b.book}</a>
                      </td>
                      <td class="num">{b.headSeq}</td>
                      <td>
                        {b.ok ? (
                          <span class="ok">{say(lang, WEB.verifyOk)}</span>
                        ) : (
                          <>
                            <span class="bad">{say(lang, WEB.verifyBad)}</span> · {say(lang, WEB.firstBad)}:{' '}
                            {b.firstBad && b.firstBad.seq > 0 ? (
                              <a href={entryHref(b.book, b.firstBad.seq)}>{`${b.book}#${b.firstBad.seq}`}</a>
                            ) : (
                              '—'
                            )}{' '}
                            ({VERIFY_PROBLEM_TEXTS[b.firstBad?.problem ?? '']?.[lang] ?? b.firstBad?.problem}
                            ): <span class="mono">{b.firstBad?.detail}</span>
                          </>
                        )}
                      </td>
                      <td class="mono">{b.headHash}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
      </>
    ),
  });
}

// --- export ---------------------------------------------------------------------------------------

const FORMAT_NAMES: Record<(typeof EXPORT_FORMATS)[number], string> = {
  csv: 'CSV',
  hledger: 'hledger',
  beancount: 'Beancount',
};

const ExportQuery = z.object({ book: s.slug.or(z.literal('')).optional() }).strict();

async function exportPage(call: PageCall<unknown, z.infer<typeof ExportQuery>>): Promise<Response> {
  const { lang, query } = call;
  const books = booksFor(call, await allBooks(call), 'export').filter(
    (b) => !query.book || b.code === query.book,
  );
  const commune = decideCommune(call.me().grants, 'commune.export') === 'allow' && !query.book;
  const title = say(lang, WEB.exportTitle);
  const link = (format: string, book?: string) => `/export/download${qs({ format, book })}`;
  return call.render({
    title,
    body: (
      <>
        <h1>{title}</h1>
        <p class="muted">{say(lang, WEB.exportIntro)}</p>
        <section class="card scroll">
          <table>
            <thead>
              <tr>
                <th>{say(lang, WEB.book)}</th>
                {EXPORT_FORMATS.map((f) => (
                  <th>{FORMAT_NAMES[f]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {commune ? (
                <tr>
                  <td>
                    <strong>{say(lang, WEB.wholeCommune)}</strong>
                  </td>
                  {EXPORT_FORMATS.map((f) => (
                    <td>
                      <a href={link(f)} download>
                        {say(lang, WEB.exportAs)}
                      </a>
                    </td>
                  ))}
                </tr>
              ) : null}
              {books.map((b) => (
                <tr>
                  <td>
                    {b.code} <span class="muted small">· {bookName(b, lang)}</span>
                  </td>
                  {EXPORT_FORMATS.map((f) => (
                    <td>
                      <a href={link(f, b.code)} download>
                        {say(lang, WEB.exportAs)}
                      </a>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </>
    ),
  });
}

const DownloadQuery = z.object({ format: z.enum(EXPORT_FORMATS), book: s.slug.optional() }).strict();

export function auditToolPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/trace',
      area: 'ledger',
      summary: 'Trace a balance (book, account, party, as of) to every entry that makes it',
      query: TraceQuery,
      policy: policies.books('read', queryBook),
      handler: tracePage,
    }),
    page({
      method: 'get',
      path: '/verify',
      area: 'ledger',
      summary: 'Verify the hash chains: each book OK or its first bad entry',
      query: VerifyQuery,
      policy: policies.custom(
        'book:verify for a named book; else commune:commune.verify, or the books one may verify',
        async (input) =>
          queryBook(input).length === 0 ? 'allow' : policies.books('verify', queryBook).decide!(input),
        mayVerifySome,
      ),
      nav: { label: WEB.navVerify, order: 60, visible: mayVerifySome },
      handler: verifyPage,
    }),
    page({
      method: 'get',
      path: '/export',
      area: 'ledger',
      summary: 'Downloads of the journal: CSV, hledger, Beancount',
      query: ExportQuery,
      policy: policies.custom(
        'book:export for a named book; lists the commune for commune:commune.export and the books one may export',
        async (input) =>
          queryBook(input).length === 0 ? 'allow' : policies.books('export', queryBook).decide!(input),
        mayVerifySome,
      ),
      nav: { label: WEB.navExport, order: 70, visible: mayVerifySome },
      handler: exportPage,
    }),
    page({
      method: 'get',
      path: '/export/download',
      area: 'ledger',
      summary: 'The journal of a book (or the commune) as CSV, hledger or Beancount',
      query: DownloadQuery,
      policy: policies.custom(
        'book:export for a named book; commune:commune.export for the whole commune',
        async (input) =>
          queryBook(input).length === 0
            ? decideCommune(input.principal.grants, 'commune.export')
            : policies.books('export', queryBook).decide!(input),
        mayVerifySome,
      ),
      handler: async (call) => {
        const { c, deps, query } = call;
        const ctx = call.readCtx();
        const ext = query.format === 'csv' ? 'csv' : query.format === 'hledger' ? 'journal' : 'beancount';
        const name = `${ctx.tenant}${query.book ? `-${query.book}` : ''}.${ext}`;
        c.header(
          'Content-Type',
          query.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8',
        );
        c.header('Content-Disposition', `attachment; filename="${name}"`);
        c.header('Cache-Control', 'no-store');
        return stream(c, async (out) => {
          await exportJournal(
            deps.app.store,
            ctx,
            query.format,
            (text) => out.write(text).then(() => undefined),
            {
              book: query.book,
            },
          );
        });
      },
    }),
  ];
}
