/**
 * The portfolio report (as of a day, by a dimension, PAR30, CSV/XLSX, a chart of the classes),
 * the dashboard's loan figures (outstanding from the books, overdue and PAR30 from the
 * portfolio), and the programmes-and-rates settings page.
 */
import { raw } from 'hono/html';
import { z } from 'zod';
import { loansInTx } from '../../../app/loans/operations.ts';
import { portfolioOf } from '../../../app/loans/portfolio-scope.ts';
import { PORTFOLIO_BY, type Portfolio, type PortfolioBy } from '../../../app/loans/reports.ts';
import { canReadBook } from '../../../domain/access/policy.ts';
import { addDays, formatDate, parseBusinessDate } from '../../../domain/dates.ts';
import { LOAN_CHARTS } from '../../../domain/loans/accounting.ts';
import { formatPercent } from '../../../domain/loans/rates.ts';
import { formatDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import type { Lang } from '../../../i18n/types.ts';
import { WEB } from '../../../i18n/web.ts';
import { BY_TEXTS, WEB_LOANS } from '../../../i18n/web-loans.ts';
import { policies } from '../../registry.ts';
import { portfolioBooks } from '../../scopes.ts';
import { barChart } from '../charts.ts';
import { AsOfForm, ExportLinks, qs, traceHref } from '../components.tsx';
import { ErrorSummary, Field, FormErrors, type Option, SelectField } from '../forms.tsx';
import type { DashboardChart, DashboardSlot, SlotFigure } from '../home/slots.ts';
import { CsrfField, say } from '../layout.tsx';
import { dateParam, readableBooks, ruleText, todayOf } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { REPORT_FORMATS, type ReportTable, reportResponse } from '../report.ts';

export function portfolioHref(q: { asOf?: string; by?: string; organisation?: string }): string {
  return `/loan-portfolio${qs(q)}`;
}

const PortfolioQuery = z
  .object({
    asOf: z.string().max(20).optional(),
    by: z.enum(PORTFOLIO_BY as [PortfolioBy, ...PortfolioBy[]]).optional(),
    organisation: z.string().max(40).optional(),
    format: z.enum(REPORT_FORMATS).optional(),
  })
  .strict();

/** The books of a portfolio: those one reads (all for commune readers), of one organisation if named. */
async function booksFor(call: PageCall, organisation: string | undefined): Promise<string[] | null> {
  const p = call.me();
  const scope = await portfolioBooks(call.deps, p);
  if (organisation === undefined) return scope;
  const books = (await readableBooks(call.deps, p)).filter((b) => b.organisation === organisation);
  return books.map((b) => b.code).filter((c) => scope === null || scope.includes(c));
}

function keyLabel(by: PortfolioBy, key: string | null, lang: Lang): string {
  if (key === null) return say(lang, WEB_LOANS.noKey);
  if (by === 'all') return say(lang, BY_TEXTS['all']!);
  return key;
}

function portfolioTable(pf: Portfolio, lang: Lang, commune: string): ReportTable {
  const L = (t: { vi: string; en: string }) => t[lang];
  const row = (r: Portfolio['rows'][number]) => ({
    key: keyLabel(pf.by, r.key, lang),
    loans: r.loans,
    borrowers: r.borrowers,
    outstanding: r.outstanding,
    current: r.current,
    overdue: r.overdue,
    extended: r.extended,
    frozen: r.frozen,
    interestDue: r.interestDue + r.interestAccrued,
    overdueInterest: r.overdueInterest,
    overdueLoans: r.overdueLoans,
    par30: r.par30Percent,
  });
  return {
    name: `portfolio-${pf.by}`,
    title: L(WEB_LOANS.portfolioTitle),
    commune,
    asOf: pf.asOf,
    lines: [`${L(WEB_LOANS.by)}: ${L(BY_TEXTS[pf.by]!)}`],
    columns: [
      { key: 'key', label: L(BY_TEXTS[pf.by]!), kind: 'text' },
      { key: 'loans', label: L(WEB_LOANS.loansCount), kind: 'int' },
      { key: 'borrowers', label: L(WEB_LOANS.borrowers), kind: 'int' },
      { key: 'outstanding', label: L(WEB_LOANS.outstanding), kind: 'money' },
      { key: 'current', label: L(WEB_LOANS.current), kind: 'money' },
      { key: 'overdue', label: L(WEB_LOANS.overdue), kind: 'money' },
      { key: 'extended', label: L(WEB_LOANS.extended), kind: 'money' },
      { key: 'frozen', label: L(WEB_LOANS.frozen), kind: 'money' },
      { key: 'interestDue', label: L(WEB_LOANS.interest), kind: 'money' },
      { key: 'overdueInterest', label: L(WEB_LOANS.overdueInterest), kind: 'money' },
      { key: 'overdueLoans', label: L(WEB_LOANS.overdueLoans), kind: 'int' },
      { key: 'par30', label: L(WEB_LOANS.par30), kind: 'text' },
    ],
    rows: pf.rows.map(row),
    totals: { ...row(pf.total), key: L(WEB_LOANS.total) },
  };
}

async function communeName(call: PageCall): Promise<string> {
  const tenant = call.me().tenant;
  return (await call.deps.app.ledger.tenants()).find((t) => t.id === tenant)?.name ?? tenant;
}

async function portfolioPage(call: PageCall<unknown, z.infer<typeof PortfolioQuery>>): Promise<Response> {
  const { lang, deps, query } = call;
  const asOfParam = dateParam('asOf', query.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const by = query.by ?? 'programme';
  const books = await booksFor(call, query.organisation);
  const pf = await portfolioOf(deps.app.store, call.readCtx(), { asOf, by, books });
  const commune = await communeName(call);
  const table = portfolioTable(pf, lang, commune);
  if (query.format) return reportResponse(call.c, table, query.format, lang, deps.now().toISOString());
  const title = say(lang, WEB_LOANS.portfolioTitle);
  const chart =
    pf.rows.length === 0
      ? null
      : await barChart({
          lang,
          labels: pf.rows.map((r) => keyLabel(by, r.key, lang)),
          series: [
            { name: say(lang, WEB_LOANS.current), values: pf.rows.map((r) => r.current) },
            { name: say(lang, WEB_LOANS.overdue), values: pf.rows.map((r) => r.overdue) },
            { name: say(lang, WEB_LOANS.frozen), values: pf.rows.map((r) => r.frozen + r.extended) },
          ],
        });
  const byOptions: Option[] = PORTFOLIO_BY.map((b) => ({ value: b, label: say(lang, BY_TEXTS[b]!) }));
  const cols = table.columns;
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {commune}
          {query.organisation ? ` · ${query.organisation}` : ''} · {say(lang, WEB.asOfLine, { date: asOf })}
        </p>
        <AsOfForm
          lang={lang}
          action="/loan-portfolio"
          asOf={asOf}
          keep={{ organisation: query.organisation }}
          error={ruleText(asOfParam.refusal, lang)}
        >
          <SelectField
            name="by"
            label={say(lang, WEB_LOANS.by)}
            errors={FormErrors.none(lang)}
            options={byOptions}
            value={by}
          />
        </AsOfForm>
        <ExportLinks lang={lang} url={call.c.req.url} />
        <p class="muted small" data-source={pf.source}>
          {pf.source === 'snapshot'
            ? say(lang, WEB_LOANS.sourceSnapshot, { date: asOf })
            : say(lang, WEB_LOANS.sourceReplay)}
        </p>
        <section class="card">
          <div class="scroll">
            <table data-portfolio>
              <thead>
                <tr>
                  {cols.map((c) => (
                    <th class={c.kind === 'text' && c.key === 'key' ? undefined : 'num'}>{c.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r) => (
                  <tr>
                    {cols.map((c) => (
                      <td class={c.key === 'key' ? undefined : 'num'}>
                        {c.kind === 'money' ? formatDong(r[c.key] as number, lang) : String(r[c.key] ?? '')}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-total>
                  {cols.map((c) => (
                    <td class={c.key === 'key' ? undefined : 'num'}>
                      {c.kind === 'money'
                        ? formatDong(table.totals![c.key] as number, lang)
                        : String(table.totals![c.key] ?? '')}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
        {chart ? (
          <figure class="card chart">
            <figcaption>
              <h2>{say(lang, WEB_LOANS.chartClasses)}</h2>
            </figcaption>
            <div
              role="img"
              aria-label={say(lang, WEB.chartAlt, { title: say(lang, WEB_LOANS.chartClasses) })}
            >
              {raw(chart)}
            </div>
          </figure>
        ) : null}
      </>
    ),
  });
}

// --- dashboard slots --------------------------------------------------------------------------------

function monthEndNote(call: PageCall, pf: Portfolio, asOf: string): { note?: string } {
  return pf.asOf === asOf ? {} : { note: say(call.lang, WEB_LOANS.figureOfMonthEnd, { date: pf.asOf }) };
}

interface OrgLoanFigures {
  /** Principal the books hold, per (book, account) with a balance. */
  readonly principal: ReadonlyArray<{ book: string; account: string; amount: number }>;
  readonly portfolio: Portfolio;
}

const cache = new WeakMap<object, Map<string, Promise<OrgLoanFigures>>>();

/** The organisation's loan figures as of a day, computed once per request. */
function orgFigures(call: PageCall, org: string, asOf: string): Promise<OrgLoanFigures> {
  let byKey = cache.get(call);
  if (!byKey) {
    byKey = new Map();
    cache.set(call, byKey);
  }
  const key = `${org}\u0000${asOf}`;
  let f = byKey.get(key);
  if (!f) {
    f = (async () => {
      const ctx = call.readCtx();
      const p = call.me();
      const programmes = await call.deps.app.loans.programmes(ctx);
      const modeOf = new Map(programmes.map((pr) => [pr.bookTemplate, pr.accounting]));
      const books = (await readableBooks(call.deps, p)).filter(
        (b) => b.organisation === org && modeOf.has(b.template) && canReadBook(p.grants, b),
      );
      const principal: Array<{ book: string; account: string; amount: number }> = [];
      for (const b of books) {
        const chart = LOAN_CHARTS[modeOf.get(b.template)!];
        for (const account of Object.values(chart.principal)) {
          const bal = await call.deps.app.ledger
            .balance(ctx, { book: b.code, account, asOf })
            .catch((e: unknown) => {
              if (e instanceof RefusedError) return null; // an account the book's chart lacks
              throw e;
            });
          if (bal && bal.balance !== 0) principal.push({ book: b.code, account, amount: bal.balance });
        }
      }
      // The month-end run of the day, or of a day at most a month before it, when there is one:
      // its snapshot answers in milliseconds where a replay of a province's loans takes seconds.
      // The figure then says which day it is of.
      const runs = await call.deps.app.loans.jobs(ctx, 500);
      const run = runs.find((j) => j.status === 'done' && j.asOf <= asOf && addDays(j.asOf, 31) >= asOf);
      const portfolio = await portfolioOf(call.deps.app.store, ctx, {
        asOf: run?.asOf ?? asOf,
        by: 'all',
        books: books.map((b) => b.code),
      });
      return { principal, portfolio };
    })();
    byKey.set(key, f);
  }
  return f;
}

/** The dashboard's loan figures: outstanding (the books), overdue and PAR30 (the portfolio). */
export function loanSlots(): DashboardSlot[] {
  return [
    {
      id: 'loans.outstanding',
      label: WEB.slotOutstanding,
      pendingArea: WEB.areaLoans,
      figure: async (call, org, asOf): Promise<SlotFigure> => {
        const f = await orgFigures(call, org, asOf);
        const amount = f.principal.reduce((s, x) => s + x.amount, 0);
        const only = f.principal.length === 1 ? f.principal[0]! : undefined;
        return {
          amountDong: amount,
          href: only
            ? traceHref({ book: only.book, account: only.account, asOf })
            : portfolioHref({ asOf, by: 'book', organisation: org }),
        };
      },
    },
    {
      id: 'loans.overdue',
      label: WEB.slotOverdue,
      pendingArea: WEB.areaLoans,
      figure: async (call, org, asOf) => {
        const pf = (await orgFigures(call, org, asOf)).portfolio;
        return {
          amountDong: pf.total.overdue,
          href: portfolioHref({ asOf: pf.asOf, by: 'bucket', organisation: org }),
          ...monthEndNote(call, pf, asOf),
        };
      },
    },
    {
      id: 'loans.par30',
      label: WEB.slotPar30,
      pendingArea: WEB.areaLoans,
      figure: async (call, org, asOf) => {
        const pf = (await orgFigures(call, org, asOf)).portfolio;
        const t = pf.total;
        return {
          amountDong: t.par30Outstanding,
          ratioPpm: t.outstanding === 0 ? 0 : Math.round((t.par30Outstanding * 1_000_000) / t.outstanding),
          href: portfolioHref({ asOf: pf.asOf, by: 'bucket', organisation: org }),
          ...monthEndNote(call, pf, asOf),
        };
      },
    },
  ];
}

/** Outstanding of the organisation's loans by class (current, overdue, extended, frozen). */
export function loanCharts(): DashboardChart[] {
  return [
    {
      id: 'loans.classes',
      title: WEB_LOANS.chartClasses,
      svg: async (call, org, asOf) => {
        const t = (await orgFigures(call, org, asOf)).portfolio.total;
        if (t.outstanding === 0) return null;
        const { lang } = call;
        return barChart({
          lang,
          labels: [
            say(lang, WEB_LOANS.current),
            say(lang, WEB_LOANS.overdue),
            say(lang, WEB_LOANS.extended),
            say(lang, WEB_LOANS.frozen),
          ],
          series: [
            { name: say(lang, WEB_LOANS.outstanding), values: [t.current, t.overdue, t.extended, t.frozen] },
          ],
        });
      },
    },
  ];
}

// --- programmes and rates ---------------------------------------------------------------------------

const RATE_FIELDS = ['programme', 'from', 'rate', 'quoting', 'documentNo', 'note'];

async function programmesPage(
  call: PageCall,
  values: Record<string, string> = {},
  errors?: FormErrors,
): Promise<Response> {
  const { lang, deps } = call;
  const p = call.me();
  const programmes = await deps.app.loans.programmes(call.readCtx());
  const admin = p.grants.some((g) => g.role === 'admin');
  const title = say(lang, WEB_LOANS.programmesTitle);
  const e = errors ?? FormErrors.none(lang);
  return call.render({
    title,
    status: errors ? 422 : 200,
    body: (
      <>
        <h1>{title}</h1>
        {programmes.map((pr) => (
          <section class="card" data-programme={pr.id}>
            <h2>
              {lang === 'vi' ? pr.nameVi : pr.nameEn} <span class="muted small">({pr.id})</span>
            </h2>
            <dl class="kv small">
              <dt>{say(lang, WEB_LOANS.accounting)}</dt>
              <dd>{say(lang, pr.accounting === 'own' ? WEB_LOANS.own : WEB_LOANS.entrusted)}</dd>
              <dt>{say(lang, WEB_LOANS.capHousehold)}</dt>
              <dd>{pr.capHouseholdDong === null ? '—' : formatDong(pr.capHouseholdDong, lang)}</dd>
              <dt>{say(lang, WEB_LOANS.term)}</dt>
              <dd>{say(lang, WEB_LOANS.months, { n: pr.termMonthsMax })}</dd>
            </dl>
            {pr.rates.length === 0 ? (
              <p class="note">{say(lang, WEB_LOANS.noRate)}</p>
            ) : (
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th>{say(lang, WEB_LOANS.rateFrom)}</th>
                      <th class="num">{say(lang, WEB_LOANS.quoted)}</th>
                      <th class="num">{say(lang, WEB_LOANS.annual)}</th>
                      <th>{say(lang, WEB_LOANS.note)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pr.rates.map((r) => (
                      <tr>
                        <td>{formatDate(r.from)}</td>
                        <td class="num">
                          {r.quotedPpm === null
                            ? `${r.base?.programme ?? ''} × ${formatPercent(r.base?.multiplierPpm ?? 0, lang)}`
                            : `${formatPercent(r.quotedPpm, lang)}/${say(lang, r.quoting === 'month' ? WEB_LOANS.perMonth : WEB_LOANS.perYear)}`}
                        </td>
                        <td class="num">{r.annualPpm === null ? '—' : formatPercent(r.annualPpm, lang)}</td>
                        <td class="small">{r.note ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
        {admin ? (
          <form method="post" action="/settings/loan-programmes" class="card no-print" id="rate-form">
            <h2>{say(lang, programmes.length === 0 ? WEB_LOANS.seedProgrammes : WEB_LOANS.addRate)}</h2>
            <ErrorSummary errors={e} />
            <CsrfField token={p.csrfToken} />
            {programmes.length === 0 ? (
              <input type="hidden" name="_action" value="seed" />
            ) : (
              <div class="filters">
                <SelectField
                  name="programme"
                  label={say(lang, WEB_LOANS.programme)}
                  errors={e}
                  options={programmes.map((pr) => ({ value: pr.id, label: pr.id }))}
                  value={values['programme']}
                />
                <Field
                  name="from"
                  label={say(lang, WEB_LOANS.rateFrom)}
                  errors={e}
                  value={values['from']}
                  required
                />
                <Field
                  name="rate"
                  label={say(lang, WEB_LOANS.ratePercent)}
                  errors={e}
                  value={values['rate']}
                  inputmode="decimal"
                  placeholder="0,55"
                  required
                />
                <SelectField
                  name="quoting"
                  label={say(lang, WEB_LOANS.quoting)}
                  errors={e}
                  options={[
                    { value: 'month', label: say(lang, WEB_LOANS.perMonth) },
                    { value: 'year', label: say(lang, WEB_LOANS.perYear) },
                  ]}
                  value={values['quoting']}
                />
                <Field
                  name="documentNo"
                  label={say(lang, WEB_LOANS.documentNo)}
                  errors={e}
                  value={values['documentNo']}
                />
                <Field
                  name="note"
                  label={say(lang, WEB_LOANS.note)}
                  errors={e}
                  value={values['note']}
                  class="wide"
                />
              </div>
            )}
            <button type="submit">
              {say(lang, programmes.length === 0 ? WEB_LOANS.seedProgrammes : WEB_LOANS.addRate)}
            </button>
          </form>
        ) : null}
      </>
    ),
  });
}

export function portfolioPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/loan-portfolio',
      area: 'loans',
      summary: 'Loan portfolio as of a day by a dimension, with PAR30 and a chart; CSV/XLSX',
      query: PortfolioQuery,
      policy: policies.readableBooks(),
      nav: {
        label: WEB_LOANS.navPortfolio,
        order: 16,
        visible: (grants) => grants.some((g) => g.role !== 'group_leader'),
      },
      handler: portfolioPage,
    }),
    page({
      method: 'get',
      path: '/settings/loan-programmes',
      area: 'settings',
      summary: 'Loan programmes and their rates over time (an admin adds rates)',
      policy: policies.signedIn(),
      nav: {
        label: WEB_LOANS.navProgrammes,
        order: 92,
        visible: (grants) =>
          grants.some((g) => g.role === 'admin' || g.role === 'treasurer' || g.role === 'auditor'),
      },
      handler: (call) => programmesPage(call),
    }),
    page({
      method: 'post',
      path: '/settings/loan-programmes',
      area: 'settings',
      summary: 'Add the standard programmes, or a dated rate to a programme (audited)',
      policy: policies.commune('rules.manage'),
      handler: async (call) => {
        const { lang, deps } = call;
        const form = call.form!;
        const c = call.ctx();
        const values: Record<string, string> = {};
        for (const k of RATE_FIELDS) values[k] = (form.get(k) ?? '').trim();
        try {
          if (form.get('_action') === 'seed') {
            await deps.app.audit.write(c, async (tx) => {
              const r = await loansInTx(deps.app.loans, tx).seedProgrammes(c);
              return {
                value: r,
                audit: [{ action: 'loans.seed_programmes', target: 'programmes', detail: r }],
              };
            });
            return call.redirect('/settings/loan-programmes');
          }
          const refusals: Refusal[] = [];
          const from = parseBusinessDate('from', values['from']);
          if (!from.ok) refusals.push(...from.refusals);
          if (refusals.length > 0 || !from.ok)
            return programmesPage(call, values, new FormErrors(refusals, lang, RATE_FIELDS));
          await deps.app.audit.write(c, async (tx) => {
            const r = await loansInTx(deps.app.loans, tx).addRate(c, {
              programme: values['programme']!,
              from: from.value,
              rate: values['rate']!,
              quoting: values['quoting'] || undefined,
              documentNo: values['documentNo'] === '' ? null : values['documentNo']!,
              ...(values['note'] ? { note: values['note'] } : {}),
            } as Parameters<typeof deps.app.loans.addRate>[1]);
            return {
              value: r,
              audit: [
                {
                  action: 'loans.add_rate',
                  target: `programme:${values['programme']}`,
                  detail: { from: from.value, rate: values['rate'], quoting: values['quoting'] },
                },
              ],
            };
          });
          return call.redirect(`/settings/loan-programmes#${encodeURIComponent(values['programme'] ?? '')}`);
        } catch (e) {
          if (e instanceof RefusedError)
            return programmesPage(call, values, new FormErrors(e.refusals, lang, RATE_FIELDS));
          throw e;
        }
      },
    }),
  ];
}
