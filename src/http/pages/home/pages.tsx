/**
 * The overview (`/`: the organisations and books one reads, with their cash and funds, and the
 * latest entries) and the dashboard of an organisation (`/org/{org}`), as of a date, with
 * charts and the slots the loans and savings areas will fill.
 */
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import {
  type BookFigures,
  balancesAt,
  bookFigures,
  latestEntries,
  monthEnds,
} from '../../../app/reports/overview.ts';
import { formatGrant } from '../../../domain/access/roles.ts';
import { formatDate } from '../../../domain/dates.ts';
import type { Entry } from '../../../domain/ledger/entry.ts';
import { percentText } from '../../../domain/loans/ageing.ts';
import { formatDong } from '../../../domain/money.ts';
import type { Lang } from '../../../i18n/types.ts';
import { ROLE_TEXTS, WEB } from '../../../i18n/web.ts';
import type { BookRow } from '../../../store/ledger-store.ts';
import { policies } from '../../registry.ts';
import { barChart, lineChart } from '../charts.ts';
import {
  AsOfForm,
  ExportLinks,
  entryAmount,
  entryHref,
  FigureBox,
  kindLabel,
  qs,
  TracedAmount,
  traceHref,
} from '../components.tsx';
import { say } from '../layout.tsx';
import {
  bookName,
  canReadOrganisation,
  dateParam,
  organisationPolicy,
  orgName,
  readableBooks,
  ruleText,
  todayOf,
} from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { REPORT_FORMATS, type ReportTable, reportResponse } from '../report.ts';
import { type DashboardChart, type DashboardSlot, mergeSlots } from './slots.ts';

const LATEST_ENTRIES = 10;
const CHART_MONTHS = 12;
const LINE_SERIES_MAX = 5;

/** Where a figure of one book is traced: its only account's entries, else the book's balances. */
function figureHref(f: BookFigures, key: 'cash' | 'bank' | 'fund' | 'income' | 'expenses' | 'memo'): string {
  const fig = f[key];
  if (fig.accounts.length === 1)
    return traceHref({ book: f.book.code, account: fig.accounts[0]!, asOf: f.asOf });
  return `/books/${encodeURIComponent(f.book.code)}${qs({ asOf: f.asOf })}`;
}

/** Where a total over books is traced: the one book's figure, or the table of books below. */
function totalHref(
  figures: readonly BookFigures[],
  key: 'cash' | 'bank' | 'fund' | 'income' | 'expenses',
): string {
  const used = figures.filter((f) => f[key].accounts.length > 0);
  return used.length === 1 ? figureHref(used[0]!, key) : '#books';
}

function total(
  figures: readonly BookFigures[],
  key: 'cash' | 'bank' | 'fund' | 'income' | 'expenses' | 'memo',
) {
  return figures.reduce((s, f) => s + f[key].amountDong, 0);
}

const LatestEntries: FC<{ lang: Lang; entries: readonly Entry[] }> = ({ lang, entries }) => (
  <section class="card">
    <h2>{say(lang, WEB.recentEntries)}</h2>
    {entries.length === 0 ? (
      <p class="muted">{say(lang, WEB.noRows)}</p>
    ) : (
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>{say(lang, WEB.entry)}</th>
              <th>{say(lang, WEB.date)}</th>
              <th>{say(lang, WEB.kind)}</th>
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
                <td>{e.memo}</td>
                <td class="num">{formatDong(entryAmount(e), lang)}</td>
                <td>{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </section>
);

/** Books with their figures; each amount opens its entries. */
const BooksTable: FC<{ lang: Lang; figures: readonly BookFigures[]; withFlows?: boolean }> = ({
  lang,
  figures,
  withFlows = false,
}) => (
  <div class="scroll">
    <table>
      <thead>
        <tr>
          <th>{say(lang, WEB.book)}</th>
          <th class="num">{say(lang, WEB.cash)}</th>
          <th class="num">{say(lang, WEB.bank)}</th>
          <th class="num">{say(lang, WEB.fund)}</th>
          {withFlows ? (
            <>
              <th class="num">{say(lang, WEB.income)}</th>
              <th class="num">{say(lang, WEB.expenses)}</th>
              <th class="num">{say(lang, WEB.memoAccounts)}</th>
            </>
          ) : null}
          <th class="num">{say(lang, WEB.headSeq)}</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr id={`b-${f.book.code}`}>
            <td>
              <a href={`/books/${encodeURIComponent(f.book.code)}${qs({ asOf: f.asOf })}`}>{f.book.code}</a>
              <br />
              <span class="muted small">{bookName(f.book, lang)}</span>
            </td>
            <td class="num">
              <TracedAmount amount={f.cash.amountDong} lang={lang} href={figureHref(f, 'cash')} />
            </td>
            <td class="num">
              <TracedAmount amount={f.bank.amountDong} lang={lang} href={figureHref(f, 'bank')} />
            </td>
            <td class="num">
              <TracedAmount amount={f.fund.amountDong} lang={lang} href={figureHref(f, 'fund')} />
            </td>
            {withFlows ? (
              <>
                <td class="num">
                  <TracedAmount amount={f.income.amountDong} lang={lang} href={figureHref(f, 'income')} />
                </td>
                <td class="num">
                  <TracedAmount amount={f.expenses.amountDong} lang={lang} href={figureHref(f, 'expenses')} />
                </td>
                <td class="num">
                  <TracedAmount amount={f.memo.amountDong} lang={lang} href={figureHref(f, 'memo')} />
                </td>
              </>
            ) : null}
            <td class="num">
              <a href={`/journal${qs({ book: f.book.code })}`}>{f.book.headSeq}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

async function communeName(call: PageCall): Promise<string> {
  const tenant = call.me().tenant;
  return (await call.deps.app.ledger.tenants()).find((t) => t.id === tenant)?.name ?? tenant;
}

async function overview(call: PageCall): Promise<Response> {
  const { lang, deps } = call;
  const p = call.me();
  const ctx = call.readCtx();
  const asOf = todayOf(call);
  const books = await readableBooks(deps, p);
  const allBooks = await deps.app.ledger.books(ctx);
  const orgs = (await deps.app.ledger.organisations(ctx)).filter((o) =>
    canReadOrganisation(p, o.id, allBooks),
  );
  const figures = await bookFigures(deps.app.ledger, ctx, books, asOf);
  const byOrg = (org: string | null) => figures.filter((f) => f.book.organisation === org);
  const entries = await latestEntries(deps.app.store, ctx, books, LATEST_ENTRIES);
  return call.render({
    title: say(lang, WEB.navHome),
    body: (
      <>
        <h1>{say(lang, WEB.hello, { name: p.displayName })}</h1>
        <p class="sub">
          {say(lang, WEB.yourRoles)}:{' '}
          {p.grants
            .map((g) => {
              const role = ROLE_TEXTS[g.role]?.[lang] ?? g.role;
              return g.scope.kind === 'commune' ? role : `${role} (${formatGrant(g).split('@')[1]})`;
            })
            .join(', ') || '—'}
          {' · '}
          {say(lang, WEB.asOfLine, { date: asOf })}
        </p>
        {books.length === 0 ? <p class="note">{say(lang, WEB.noBooks)}</p> : null}
        {orgs.map((o) => (
          <section class="card">
            <h2>
              <a href={`/org/${encodeURIComponent(o.id)}`}>{orgName(o, lang)}</a>
            </h2>
            {byOrg(o.id).length > 0 ? <BooksTable lang={lang} figures={byOrg(o.id)} /> : null}
            <p>
              <a href={`/org/${encodeURIComponent(o.id)}`} class="button secondary">
                {say(lang, WEB.openDashboard)}
              </a>
            </p>
          </section>
        ))}
        {byOrg(null).length > 0 ? (
          <section class="card">
            <h2>{say(lang, WEB.noOrganisation)}</h2>
            <BooksTable lang={lang} figures={byOrg(null)} />
          </section>
        ) : null}
        {books.length > 0 ? <LatestEntries lang={lang} entries={entries} /> : null}
      </>
    ),
  });
}

function monthLabel(day: string): string {
  return `${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

async function dashboardCharts(
  call: PageCall,
  figures: readonly BookFigures[],
  asOf: string,
): Promise<string[]> {
  const { lang, deps } = call;
  if (figures.length === 0) return [];
  const labels = figures.map((f) => f.book.code);
  const bars = await barChart({
    lang,
    labels,
    series: [
      { name: say(lang, WEB.totalCash), values: figures.map((f) => f.cash.amountDong + f.bank.amountDong) },
      { name: say(lang, WEB.fund), values: figures.map((f) => f.fund.amountDong) },
    ],
  });
  const days = monthEnds(asOf, CHART_MONTHS);
  const perBook: Array<{ name: string; values: number[] }> = [];
  for (const f of figures)
    perBook.push({
      name: f.book.code,
      values: await balancesAt(
        deps.app.store,
        call.readCtx(),
        f.book.code,
        [...f.cash.accounts, ...f.bank.accounts],
        days,
      ),
    });
  const series =
    perBook.length <= LINE_SERIES_MAX
      ? perBook
      : [
          {
            name: say(lang, WEB.totalCash),
            values: days.map((_, i) => perBook.reduce((s, b) => s + b.values[i]!, 0)),
          },
        ];
  const line = await lineChart({ lang, labels: days.map(monthLabel), series });
  return [bars, line];
}

const Chart: FC<{ lang: Lang; title: string; svg: string }> = ({ lang, title, svg }) => (
  <figure class="card chart">
    <figcaption>
      <h2>{title}</h2>
    </figcaption>
    <div role="img" aria-label={say(lang, WEB.chartAlt, { title })}>
      {raw(svg)}
    </div>
  </figure>
);

const SlotBox: FC<{
  call: PageCall;
  slot: DashboardSlot;
  value: { amount: number; href?: string; ratioPpm?: number; note?: string } | null;
}> = ({ call, slot, value }) => (
  <div class="figure slot" data-slot={slot.id}>
    <span class="label">{call.say(slot.label)}</span>
    {value?.note ? <span class="hint">{value.note}</span> : null}
    {value && value.ratioPpm !== undefined ? (
      <>
        <span class="value">
          {value.href ? (
            <a href={value.href}>{percentText(value.ratioPpm, 1_000_000, call.lang)} %</a>
          ) : (
            `${percentText(value.ratioPpm, 1_000_000, call.lang)} %`
          )}
        </span>
        <span class="hint">{formatDong(value.amount, call.lang)}</span>
      </>
    ) : value ? (
      <span class="value">
        <TracedAmount amount={value.amount} lang={call.lang} href={value.href} />
      </span>
    ) : (
      <>
        <span class="value">—</span>
        <span class="why">{call.say(WEB.slotPending, { area: call.say(slot.pendingArea) })}</span>
      </>
    )}
  </div>
);

function dashboardTable(
  figures: readonly BookFigures[],
  lang: Lang,
  title: string,
  commune: string,
  asOf: string,
) {
  const L = (t: { vi: string; en: string }) => t[lang];
  return {
    name: 'dashboard',
    title,
    commune,
    asOf,
    columns: [
      { key: 'book', label: L(WEB.book), kind: 'text' },
      { key: 'name', label: L(WEB.bookNameLabel), kind: 'text' },
      { key: 'cash', label: L(WEB.cash), kind: 'money' },
      { key: 'bank', label: L(WEB.bank), kind: 'money' },
      { key: 'fund', label: L(WEB.fund), kind: 'money' },
      { key: 'income', label: L(WEB.income), kind: 'money' },
      { key: 'expenses', label: L(WEB.expenses), kind: 'money' },
      { key: 'memo', label: L(WEB.memoAccounts), kind: 'money' },
      { key: 'entries', label: L(WEB.headSeq), kind: 'int' },
    ],
    rows: figures.map((f) => ({
      book: f.book.code,
      name: bookName(f.book, lang),
      cash: f.cash.amountDong,
      bank: f.bank.amountDong,
      fund: f.fund.amountDong,
      income: f.income.amountDong,
      expenses: f.expenses.amountDong,
      memo: f.memo.amountDong,
      entries: f.book.headSeq,
    })),
    totals: {
      book: L(WEB.total),
      cash: total(figures, 'cash'),
      bank: total(figures, 'bank'),
      fund: total(figures, 'fund'),
      income: total(figures, 'income'),
      expenses: total(figures, 'expenses'),
      memo: total(figures, 'memo'),
    },
  } satisfies ReportTable;
}

const DashboardQuery = z
  .object({ asOf: z.string().max(20).optional(), format: z.enum(REPORT_FORMATS).optional() })
  .strict();

export function homePages(
  options: { slots?: readonly DashboardSlot[]; charts?: readonly DashboardChart[] } = {},
): PageDef[] {
  const slots = mergeSlots(options.slots ?? []);
  const areaCharts = options.charts ?? [];
  return [
    page({
      method: 'get',
      path: '/',
      area: 'home',
      summary: 'Overview: organisations and books one reads, their cash and funds, the latest entries',
      policy: policies.signedIn(),
      nav: { label: WEB.navHome, order: 10, visible: () => true },
      handler: overview,
    }),
    page({
      method: 'get',
      path: '/org/{org}',
      area: 'home',
      summary: 'Dashboard of an organisation as of a date, with charts; CSV/XLSX',
      params: z.object({ org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/) }),
      query: DashboardQuery,
      policy: organisationPolicy(),
      handler: async (call) => {
        const { lang, deps, params, query } = call;
        const p = call.me();
        const ctx = call.readCtx();
        const asOfParam = dateParam('asOf', query.asOf);
        const asOf = asOfParam.date ?? todayOf(call);
        const org = (await deps.app.ledger.organisations(ctx)).find((o) => o.id === params.org)!;
        const books: BookRow[] = (await readableBooks(deps, p)).filter((b) => b.organisation === params.org);
        const figures = await bookFigures(deps.app.ledger, ctx, books, asOf);
        const title = say(lang, WEB.dashboardTitle, { org: orgName(org, lang) });
        const commune = await communeName(call);
        if (query.format)
          return reportResponse(
            call.c,
            dashboardTable(figures, lang, title, commune, asOf),
            query.format,
            lang,
            deps.now().toISOString(),
          );
        const slotValues = await Promise.all(
          slots.map(async (s) => {
            const v = s.figure ? await s.figure(call, params.org, asOf) : null;
            return v
              ? {
                  amount: v.amountDong,
                  ...(v.href ? { href: v.href } : {}),
                  ...(v.ratioPpm !== undefined ? { ratioPpm: v.ratioPpm } : {}),
                  ...(v.note ? { note: v.note } : {}),
                }
              : null;
          }),
        );
        const [bars, line] = await dashboardCharts(call, figures, asOf);
        const extra = (
          await Promise.all(areaCharts.map(async (ch) => ({ ch, svg: await ch.svg(call, params.org, asOf) })))
        ).filter((x): x is { ch: DashboardChart; svg: string } => x.svg !== null);
        const entries = await latestEntries(deps.app.store, ctx, books, LATEST_ENTRIES);
        return call.render({
          title,
          scripts: ['print'],
          body: (
            <>
              <h1>{title}</h1>
              <p class="sub">
                {commune} · {say(lang, WEB.asOfLine, { date: asOf })}
              </p>
              <AsOfForm
                lang={lang}
                action={`/org/${params.org}`}
                asOf={asOf}
                error={ruleText(asOfParam.refusal, lang)}
              />
              <ExportLinks lang={lang} url={call.c.req.url} />
              {books.length === 0 ? <p class="note">{say(lang, WEB.noBooks)}</p> : null}
              <section class="figures" aria-label={title}>
                <FigureBox
                  label={say(lang, WEB.cash)}
                  amount={total(figures, 'cash')}
                  lang={lang}
                  href={totalHref(figures, 'cash')}
                />
                <FigureBox
                  label={say(lang, WEB.bank)}
                  amount={total(figures, 'bank')}
                  lang={lang}
                  href={totalHref(figures, 'bank')}
                />
                <FigureBox
                  label={say(lang, WEB.fund)}
                  amount={total(figures, 'fund')}
                  lang={lang}
                  href={totalHref(figures, 'fund')}
                  hint={say(lang, WEB.fundHint)}
                />
                <FigureBox
                  label={say(lang, WEB.income)}
                  amount={total(figures, 'income')}
                  lang={lang}
                  href={totalHref(figures, 'income')}
                />
                <FigureBox
                  label={say(lang, WEB.expenses)}
                  amount={total(figures, 'expenses')}
                  lang={lang}
                  href={totalHref(figures, 'expenses')}
                />
              </section>
              <section class="card" aria-labelledby="loans-h">
                <h2 id="loans-h">{say(lang, WEB.loansSection)}</h2>
                <div class="figures">
                  {slots.map((s, i) => (
                    <SlotBox call={call} slot={s} value={slotValues[i] ?? null} />
                  ))}
                </div>
                {extra.map(({ ch, svg }) => (
                  <div class="chart" data-chart={ch.id}>
                    <h3>{say(lang, ch.title)}</h3>
                    <div role="img" aria-label={say(lang, WEB.chartAlt, { title: say(lang, ch.title) })}>
                      {raw(svg)}
                    </div>
                  </div>
                ))}
              </section>
              {bars && line ? (
                <div class="grid two">
                  <Chart lang={lang} title={say(lang, WEB.chartBalances)} svg={bars} />
                  <Chart lang={lang} title={say(lang, WEB.chartCash)} svg={line} />
                </div>
              ) : null}
              {figures.length > 0 ? (
                <section class="card" id="books">
                  <h2>{say(lang, WEB.booksTitle)}</h2>
                  <BooksTable lang={lang} figures={figures} withFlows />
                </section>
              ) : null}
              <LatestEntries lang={lang} entries={entries} />
            </>
          ),
        });
      },
    }),
  ];
}
