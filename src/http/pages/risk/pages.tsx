/**
 * Households at risk, on the web (docs/design/risk.md): the watch list for the monthly meeting
 * (printable, counts by village and reason, trend by month as a server-rendered chart), the
 * household's "why" view with the figures and journal entries behind each reason and the next
 * steps as forms, and the rules' dated settings.
 */
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import type { StepView, WatchRow, WhyView } from '../../../app/risk/risk.ts';
import { figureText, reasonText, settingText, stepText } from '../../../app/risk/texts.ts';
import { formatDate, isBusinessDate } from '../../../domain/dates.ts';
import { groupDigits } from '../../../domain/money.ts';
import { RefusedError } from '../../../domain/refusal.ts';
import type { Figure, Reason } from '../../../domain/risk/rules.ts';
import type { StepKind } from '../../../domain/risk/steps.ts';
import { RISK_TEXTS } from '../../../i18n/risk.ts';
import type { Lang, Text } from '../../../i18n/types.ts';
import { WEB } from '../../../i18n/web.ts';
import { HouseholdParams, riskPolicies } from '../../routes/risk.ts';
import { renderChart } from '../charts.ts';
import { AsOfForm, entryHref, Money, qs } from '../components.tsx';
import { ErrorSummary, Field, FormErrors, fieldId } from '../forms.tsx';
import { CsrfField, say } from '../layout.tsx';
import { dateParam, ruleText, todayOf } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { REPORT_FORMATS, type ReportTable, reportResponse } from '../report.ts';

const ListQuery = z
  .object({
    asOf: z.string().max(20).optional(),
    village: z.string().max(64).optional(),
    format: z.enum(REPORT_FORMATS).optional(),
  })
  .strict();
const AsOfQuery = z.object({ asOf: z.string().max(20).optional() }).strict();

const T = RISK_TEXTS;

function s(lang: Lang, text: Text, params: Readonly<Record<string, unknown>> = {}): string {
  return say(lang, text, params);
}

const Reasons: FC<{ reasons: readonly Reason[]; lang: Lang }> = ({ reasons, lang }) => (
  <ul class="reasons">
    {reasons.map((r) => (
      <li data-reason={r.code}>
        {reasonText(r, lang)} <span class="muted small">(+{r.weight})</span>
      </li>
    ))}
  </ul>
);

const Steps: FC<{ steps: readonly StepView[]; lang: Lang }> = ({ steps, lang }) =>
  steps.length === 0 ? (
    <>—</>
  ) : (
    <ul>
      {steps.map((x) => (
        <li data-step={x.kind}>
          {stepText(x.kind, lang)} {formatDate(x.effectiveOn)} <span class="muted small">({x.actor})</span>
        </li>
      ))}
    </ul>
  );

function listTable(rows: readonly WatchRow[], lang: Lang, commune: string, asOf: string): ReportTable {
  return {
    name: 'ho-nguy-co',
    title: s(lang, T.title),
    commune,
    asOf,
    columns: [
      { key: 'household', label: s(lang, T.household), kind: 'text' },
      { key: 'village', label: s(lang, T.village), kind: 'text' },
      { key: 'head', label: s(lang, T.head), kind: 'text' },
      { key: 'score', label: s(lang, T.score), kind: 'int' },
      { key: 'reasons', label: s(lang, T.reasons), kind: 'text' },
      { key: 'done', label: s(lang, T.done), kind: 'text' },
      { key: 'open', label: s(lang, T.open), kind: 'text' },
    ],
    rows: rows.map((r) => ({
      household: r.householdId,
      village: r.villageName,
      head: r.headName,
      score: r.score,
      reasons: r.reasons.map((x) => reasonText(x, lang)).join('; '),
      done: r.done.map((x) => `${stepText(x.kind, lang)} ${formatDate(x.effectiveOn)}`).join('; '),
      open: r.open.map((k) => stepText(k, lang)).join('; '),
    })),
  };
}

async function communeName(call: PageCall): Promise<string> {
  const tenants = await call.deps.app.ledger.tenants();
  return tenants.find((x) => x.id === call.me().tenant)?.name ?? call.me().tenant;
}

async function listPage(call: PageCall<unknown, z.infer<typeof ListQuery>>): Promise<Response> {
  const { lang, deps, query } = call;
  const asOfParam = dateParam('asOf', query.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const ctx = call.readCtx();
  const list = await deps.app.risk.list(ctx, { asOf, village: query.village });
  const commune = await communeName(call);
  if (query.format)
    return reportResponse(
      call.c,
      listTable(list.rows, lang, commune, asOf),
      query.format,
      lang,
      deps.now().toISOString(),
    );
  const trend = await deps.app.risk.trend(ctx, { asOf, months: 12 });
  // Counts, not amounts: whole numbers on the axis (ECharts SVG, made CSP-clean by renderChart).
  const chart = await renderChart(
    {
      color: ['#b91c1c'],
      grid: { left: 8, right: 24, top: 30, bottom: 8, containLabel: true },
      legend: { top: 0, data: [s(lang, T.listedCount)] },
      xAxis: { type: 'category', data: trend.map((p) => formatDate(p.date).slice(3)), boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'line', name: s(lang, T.listedCount), data: trend.map((p) => p.listed), symbolSize: 5 },
      ],
    },
    460,
    240,
    lang,
  );
  const villages = await deps.app.registry.villages(ctx);
  const title = s(lang, T.title);
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {commune} · {s(lang, WEB.asOfLine, { date: asOf })} · {s(lang, T.score)} ≥ {list.scoreMin}
        </p>
        <AsOfForm lang={lang} action="/risk" asOf={asOf} error={ruleText(asOfParam.refusal, lang)}>
          <div>
            <label for={fieldId('village')}>{s(lang, T.village)}</label>
            <select id={fieldId('village')} name="village">
              <option value="">—</option>
              {villages.map((v) => (
                <option value={v.id} selected={v.id === query.village}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
        </AsOfForm>
        <p class="actions no-print">
          <a href={`/risk${qs({ asOf, village: query.village, format: 'xlsx' })}`} download>
            Excel (.xlsx)
          </a>
          <a href={`/risk${qs({ asOf, village: query.village, format: 'csv' })}`} download>
            CSV
          </a>
          <button type="button" class="secondary" data-print>
            {s(lang, T.print)}
          </button>
          <a href={`/risk/settings${qs({ asOf })}`}>{s(lang, T.settings)}</a>
        </p>
        {list.providers.savings ? null : <p class="note">{s(lang, T.noSavings)}</p>}
        {list.providers.aid ? null : <p class="note">{s(lang, T.noAid)}</p>}
        {list.rows.length === 0 ? (
          <p class="note">{s(lang, T.none, { asOf })}</p>
        ) : (
          <section class="card scroll">
            <table data-risk-list>
              <thead>
                <tr>
                  <th>{s(lang, T.household)}</th>
                  <th>{s(lang, T.village)}</th>
                  <th class="num">{s(lang, T.score)}</th>
                  <th>{s(lang, T.reasons)}</th>
                  <th>{s(lang, T.done)}</th>
                  <th>{s(lang, T.open)}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr data-household={r.householdId}>
                    <td>
                      <a href={`/risk/households/${encodeURIComponent(r.householdId)}${qs({ asOf })}`}>
                        {r.householdId}
                      </a>
                      <br />
                      {r.headName ?? ''}
                    </td>
                    <td>{r.villageName}</td>
                    <td class="num">{r.score}</td>
                    <td>
                      <Reasons reasons={r.reasons} lang={lang} />
                    </td>
                    <td>
                      <Steps steps={r.done} lang={lang} />
                    </td>
                    <td>{r.open.map((k) => stepText(k, lang)).join('; ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        <section class="card scroll">
          <h2>{s(lang, T.byVillage)}</h2>
          <table data-by-village>
            <thead>
              <tr>
                <th>{s(lang, T.village)}</th>
                <th class="num">{s(lang, T.listedCount)}</th>
                <th class="num">{s(lang, T.openCount)}</th>
              </tr>
            </thead>
            <tbody>
              {list.byVillage.map((v) => (
                <tr>
                  <td>{v.villageName}</td>
                  <td class="num">{v.listed}</td>
                  <td class="num">{v.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section class="card scroll">
          <h2>{s(lang, T.byReason)}</h2>
          <table data-by-reason>
            <thead>
              <tr>
                <th>{s(lang, T.reasons)}</th>
                <th class="num">{s(lang, T.listedCount)}</th>
              </tr>
            </thead>
            <tbody>
              {list.byReason.map((x) => (
                <tr>
                  <td>{reasonLabel(x.code, lang)}</td>
                  <td class="num">{x.listed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <figure class="card chart">
          <figcaption>
            <h2>{s(lang, T.trend)}</h2>
          </figcaption>
          <div role="img" aria-label={s(lang, WEB.chartAlt, { title: s(lang, T.trend) })}>
            {raw(chart)}
          </div>
        </figure>
      </>
    ),
  });
}

const REASON_LABELS: Readonly<Record<string, Text>> = {
  risk_poor: { vi: 'Hộ nghèo', en: 'Poor' },
  risk_near_poor: { vi: 'Hộ cận nghèo', en: 'Near-poor' },
  risk_escaped: { vi: 'Mới thoát nghèo', en: 'Recently escaped' },
  risk_shock: { vi: 'Gặp rủi ro', en: 'Shock' },
  risk_shock_uncovered: { vi: 'Thiệt hại vượt tiết kiệm', en: 'Loss above savings' },
  risk_overdue: { vi: 'Nợ quá hạn', en: 'Overdue' },
  risk_overdue_long: { vi: 'Quá hạn lâu', en: 'Long overdue' },
  risk_frozen: { vi: 'Khoanh nợ', en: 'Frozen loan' },
  risk_debt_service: { vi: 'Nợ phải trả cao', en: 'High debt service' },
  risk_policy: { vi: 'Thương binh, khuyết tật', en: 'War invalid, disability' },
  risk_aid: { vi: 'Đã nhận hỗ trợ', en: 'Aid received' },
};

function reasonLabel(code: string, lang: Lang): string {
  return REASON_LABELS[code]?.[lang] ?? code;
}

const SourceCell: FC<{ f: Figure; lang: Lang }> = ({ f, lang }) => {
  const src = f.source;
  if (src === null) return <>—</>;
  switch (src.kind) {
    case 'loan':
    case 'savings':
    case 'aid':
      return (
        <>
          {src.kind === 'loan' ? `${s(lang, T.loans)} ${src.id}: ` : ''}
          {src.entries.map((e, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={entryHref(e.book, e.seq)} data-entry={`${e.book}#${e.seq}`}>
                {e.book}#{e.seq}
              </a>
            </>
          ))}
        </>
      );
    case 'setting':
      return (
        <>
          {settingText(src.key, lang)} (
          {src.effectiveFrom ? formatDate(src.effectiveFrom) : s(lang, T.defaultValue)})
        </>
      );
    case 'status':
      return <>{s(lang, { vi: 'Quyết định {d:date}', en: 'Decision of {d:date}' }, { d: src.decidedOn })}</>;
    case 'shock':
      return <>{src.id}</>;
    case 'policy':
      return <>{src.personId}</>;
  }
};

function figureValue(f: Figure, lang: Lang): string {
  if (typeof f.value === 'number')
    return f.name.endsWith('Dong') ||
      ['loss', 'savings', 'arrears', 'frozen', 'dueInWindow', 'incomePerPerson', 'aid'].includes(f.name)
      ? `${groupDigits(f.value, lang === 'vi' ? '.' : ',')} ₫`
      : groupDigits(f.value, lang === 'vi' ? '.' : ',');
  if (f.value === null) return '—';
  return isBusinessDate(f.value) ? formatDate(f.value) : figureText(f.value, lang);
}

interface StepFormState {
  readonly kind?: string;
  readonly errors?: FormErrors;
  readonly values?: Readonly<Record<string, string>>;
}

const STEP_NAMES = [
  'date',
  'note',
  'book',
  'amount',
  'entry',
  'loan',
  'months',
  'lossDong',
  'approver',
  'documentNo',
];

const StepForm: FC<{ call: PageCall; why: WhyView; kind: StepKind; state: StepFormState }> = ({
  call,
  why,
  kind,
  state,
}) => {
  const { lang } = call;
  const errors = state.kind === kind && state.errors ? state.errors : FormErrors.none(lang);
  const v = state.kind === kind ? (state.values ?? {}) : {};
  const id = (name: string) => fieldId(`${kind}-${name}`);
  const shock = why.assessment.reasons.find((r) => r.code === 'risk_shock');
  const shockId = typeof shock?.params['shock'] === 'string' ? shock.params['shock'] : '';
  const loanStep = kind === 'loan_extension' || kind === 'loan_freeze';
  return (
    <form
      method="post"
      action={`/risk/households/${encodeURIComponent(why.household.id)}/steps`}
      data-step-form={kind}
    >
      <h3>{stepText(kind, lang)}</h3>
      <CsrfField token={call.me().csrfToken} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="shockId" value={shockId} />
      <input type="hidden" name="asOf" value={why.asOf} />
      <div class="filters">
        <Field
          id={id('date')}
          name="date"
          label={s(lang, WEB.date)}
          errors={errors}
          value={v['date'] ?? formatDate(why.asOf)}
          inputmode="numeric"
        />
        {kind === 'emergency_aid' ? (
          <>
            <Field
              id={id('book')}
              name="book"
              label={s(lang, WEB.book)}
              errors={errors}
              value={v['book'] ?? ''}
            />
            <Field
              id={id('amount')}
              name="amount"
              label={`${s(lang, WEB.amount)} (₫)`}
              errors={errors}
              value={v['amount'] ?? ''}
              inputmode="numeric"
            />
            <Field
              id={id('entry')}
              name="entry"
              label={s(lang, {
                vi: 'Bút toán chi (sổ#số, nếu đã chi)',
                en: 'Payment entry (book#seq, once paid)',
              })}
              errors={errors}
              value={v['entry'] ?? ''}
            />
          </>
        ) : null}
        {loanStep ? (
          <>
            <div>
              <label for={id('loan')}>{s(lang, T.loans)}</label>
              <select id={id('loan')} name="loan">
                {why.loans.map((l) => (
                  <option value={l.id} selected={l.id === v['loan']}>
                    {l.id} · {groupDigits(l.outstandingDong, lang === 'vi' ? '.' : ',')} ₫
                  </option>
                ))}
              </select>
            </div>
            <Field
              id={id('months')}
              name="months"
              label={s(lang, { vi: 'Số tháng', en: 'Months' })}
              errors={errors}
              value={v['months'] ?? (kind === 'loan_extension' ? '6' : '12')}
              inputmode="numeric"
            />
            <Field
              id={id('lossDong')}
              name="lossDong"
              label={`${s(lang, { vi: 'Thiệt hại thẩm định', en: 'Assessed loss' })} (₫)`}
              errors={errors}
              value={
                v['lossDong'] ??
                (typeof shock?.params['loss'] === 'number'
                  ? groupDigits(shock.params['loss'], lang === 'vi' ? '.' : ',')
                  : '')
              }
              inputmode="numeric"
            />
            <Field
              id={id('approver')}
              name="approver"
              label={s(lang, { vi: 'Người phê duyệt', en: 'Approver' })}
              errors={errors}
              value={v['approver'] ?? ''}
            />
            <Field
              id={id('documentNo')}
              name="documentNo"
              label={s(lang, { vi: 'Số quyết định', en: 'Decision no.' })}
              errors={errors}
              value={v['documentNo'] ?? ''}
            />
          </>
        ) : null}
        <Field
          id={id('note')}
          name="note"
          label={s(lang, { vi: 'Nội dung', en: 'Note' })}
          errors={errors}
          value={v['note'] ?? ''}
        />
      </div>
      <button type="submit">{s(lang, T.record)}</button>
    </form>
  );
};

async function whyPage(
  call: PageCall<z.infer<typeof HouseholdParams>, z.infer<typeof AsOfQuery>>,
  asOfIn: string | undefined,
  state: StepFormState & { status?: number } = {},
): Promise<Response> {
  const { lang, deps, params } = call;
  const asOf = asOfIn ?? todayOf(call);
  const why = await deps.app.risk.why(call.readCtx(), params.household, { asOf });
  const a = why.assessment;
  const title = `${why.household.id} — ${why.household.headName ?? ''}`;
  const writer = call.me().grants.some((g) => g.role === 'admin' || g.role === 'treasurer');
  return call.render({
    title,
    status: state.status ?? 200,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {why.household.villageName} ·{' '}
          {s(lang, a.listed ? T.listed : T.notListed, { asOf, score: a.score, min: a.scoreMin })}
        </p>
        <AsOfForm
          lang={lang}
          action={`/risk/households/${encodeURIComponent(why.household.id)}`}
          asOf={asOf}
        />
        {state.errors ? <ErrorSummary errors={state.errors} /> : null}
        <section class="card scroll">
          <h2>{s(lang, T.reasons)}</h2>
          {a.reasons.length === 0 ? <p>—</p> : null}
          {a.reasons.map((r) => (
            <div data-reason={r.code}>
              <h3>
                {reasonText(r, lang)} <span class="muted small">(+{r.weight})</span>
              </h3>
              <table>
                <thead>
                  <tr>
                    <th>{s(lang, T.figures)}</th>
                    <th class="num">{s(lang, { vi: 'Giá trị', en: 'Value' })}</th>
                    <th>{s(lang, T.source)}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.figures.map((f) => (
                    <tr>
                      <td>
                        {f.source?.kind === 'setting' ? settingText(f.name, lang) : figureText(f.name, lang)}
                      </td>
                      <td class="num">{figureValue(f, lang)}</td>
                      <td>
                        <SourceCell f={f} lang={lang} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          {why.providers.savings ? null : <p class="note">{s(lang, T.noSavings)}</p>}
          {why.providers.aid ? null : <p class="note">{s(lang, T.noAid)}</p>}
        </section>
        {why.loans.length > 0 ? (
          <section class="card scroll">
            <h2>{s(lang, T.loans)}</h2>
            <table data-loans>
              <thead>
                <tr>
                  <th>{s(lang, T.loans)}</th>
                  <th class="num">{s(lang, { vi: 'Dư nợ', en: 'Outstanding' })}</th>
                  <th class="num">{s(lang, { vi: 'Quá hạn', en: 'Overdue' })}</th>
                  <th class="num">{s(lang, { vi: 'Lãi đến hạn chưa trả', en: 'Interest due, unpaid' })}</th>
                  <th class="num">{s(lang, { vi: 'Ngày quá hạn', en: 'Days past due' })}</th>
                  <th>{s(lang, T.entries)}</th>
                </tr>
              </thead>
              <tbody>
                {why.loans.map((l) => (
                  <tr>
                    <td>
                      {l.id} <span class="muted small">({l.programme})</span>
                    </td>
                    <td class="num">
                      <Money amount={l.outstandingDong} lang={lang} />
                    </td>
                    <td class="num">
                      <Money
                        amount={l.overduePrincipalDong + l.overdueInterestDong + l.interestDueDong}
                        lang={lang}
                      />
                    </td>
                    <td class="num">{l.daysPastDue}</td>
                    <td>
                      {l.entries.map((e, i) => (
                        <>
                          {i > 0 ? ', ' : ''}
                          <a href={entryHref(e.book, e.seq)}>
                            {e.book}#{e.seq}
                          </a>
                        </>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <section class="card">
          <h2>{s(lang, T.steps)}</h2>
          <Steps steps={why.steps} lang={lang} />
          <p>
            <strong>{s(lang, T.open)}:</strong> {why.open.map((k) => stepText(k, lang)).join('; ') || '—'}
          </p>
        </section>
        {writer && why.offered.length > 0 ? (
          <section class="card no-print">
            <h2>{s(lang, T.nextSteps)}</h2>
            {why.offered.map((k) => (
              <StepForm call={call} why={why} kind={k} state={state} />
            ))}
          </section>
        ) : null}
      </>
    ),
  });
}

async function settingsPage(
  call: PageCall<unknown, z.infer<typeof AsOfQuery>>,
  state: {
    errors?: FormErrors;
    key?: string;
    values?: Record<string, string>;
    saved?: string;
    status?: number;
  } = {},
): Promise<Response> {
  const { lang, deps } = call;
  // A POST has no query: the settings in force today.
  const asOfParam = dateParam('asOf', call.query?.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const view = await deps.app.risk.settings(call.readCtx(), { asOf });
  const admin = call.me().grants.some((g) => g.role === 'admin');
  const title = s(lang, T.settings);
  return call.render({
    title,
    status: state.status ?? 200,
    body: (
      <>
        <h1>{title}</h1>
        <AsOfForm lang={lang} action="/risk/settings" asOf={asOf} error={ruleText(asOfParam.refusal, lang)} />
        {state.saved ? (
          <p class="done" role="status">
            {state.saved}
          </p>
        ) : null}
        {state.errors ? <ErrorSummary errors={state.errors} /> : null}
        <section class="card scroll">
          <table data-settings>
            <thead>
              <tr>
                <th>{s(lang, { vi: 'Thông số', en: 'Setting' })}</th>
                <th class="num">{s(lang, { vi: 'Giá trị', en: 'Value' })}</th>
                <th>{s(lang, { vi: 'Từ ngày', en: 'From' })}</th>
                {admin ? <th class="no-print" /> : null}
              </tr>
            </thead>
            <tbody>
              {view.inForce.map((x) => {
                const errors = state.key === x.key && state.errors ? state.errors : FormErrors.none(lang);
                return (
                  <tr data-setting={x.key}>
                    <td>
                      {settingText(x.key, lang)} <span class="muted small">({x.key})</span>
                    </td>
                    <td class="num">{groupDigits(x.value, lang === 'vi' ? '.' : ',')}</td>
                    <td>{x.effectiveFrom ? formatDate(x.effectiveFrom) : s(lang, T.defaultValue)}</td>
                    {admin ? (
                      <td class="no-print">
                        <form method="post" action="/risk/settings" class="inline">
                          <CsrfField token={call.me().csrfToken} />
                          <input type="hidden" name="key" value={x.key} />
                          <Field
                            id={fieldId(`${x.key}-value`)}
                            name="value"
                            label={s(lang, { vi: 'Giá trị mới', en: 'New value' })}
                            errors={errors}
                            value={state.key === x.key ? state.values?.['value'] : ''}
                            inputmode="numeric"
                          />
                          <Field
                            id={fieldId(`${x.key}-from`)}
                            name="effectiveFrom"
                            label={s(lang, { vi: 'Áp dụng từ', en: 'Effective from' })}
                            errors={errors}
                            value={state.key === x.key ? state.values?.['effectiveFrom'] : ''}
                            inputmode="numeric"
                          />
                          <button type="submit" class="secondary">
                            {s(lang, T.record)}
                          </button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        {view.history.length > 0 ? (
          <section class="card scroll">
            <h2>{s(lang, { vi: 'Lịch sử thay đổi', en: 'History' })}</h2>
            <table>
              <tbody>
                {view.history.map((h) => (
                  <tr>
                    <td>{settingText(h.key, lang)}</td>
                    <td class="num">{groupDigits(h.value, lang === 'vi' ? '.' : ',')}</td>
                    <td>{formatDate(h.effectiveFrom)}</td>
                    <td>
                      {h.actor} <span class="muted small">{h.recordedAt}</span>
                    </td>
                    <td>{h.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </>
    ),
  });
}

export function riskPages(): PageDef[] {
  const readable = (grants: Parameters<NonNullable<ReturnType<typeof riskPolicies.read>['pre']>>[0]) =>
    riskPolicies.read().pre!(grants);
  return [
    page({
      method: 'get',
      path: '/risk',
      area: 'risk',
      summary: 'Households at risk as of a date: the list for the monthly meeting, counts, trend',
      query: ListQuery,
      policy: riskPolicies.read(),
      nav: { label: RISK_TEXTS.title, order: 45, visible: readable },
      handler: (call) => listPage(call),
    }),
    page({
      method: 'get',
      path: '/risk/households/{household}',
      area: 'risk',
      summary: 'Why a household is at risk: figures, journal entries, steps done and open, next steps',
      params: HouseholdParams,
      query: AsOfQuery,
      policy: riskPolicies.read(),
      handler: (call) => whyPage(call, dateParam('asOf', call.query.asOf).date),
    }),
    page({
      method: 'post',
      path: '/risk/households/{household}/steps',
      area: 'risk',
      summary: 'Record a next step for a household',
      params: HouseholdParams,
      policy: riskPolicies.step(),
      handler: async (call) => {
        const form = call.form!;
        const values: Record<string, string> = {};
        for (const name of [...STEP_NAMES, 'kind', 'shockId', 'asOf'])
          values[name] = (form.get(name) ?? '').trim();
        const asOf = dateParam('asOf', values['asOf']).date;
        try {
          await call.deps.app.risk.recordStep(call.ctx(), {
            household: call.params.household,
            kind: values['kind'],
            date: values['date'] || undefined,
            note: values['note'],
            shockId: values['shockId'] || null,
            book: values['book'] || null,
            amount: values['amount'] || undefined,
            entry: values['entry'] || null,
            loan: values['loan'] || null,
            months: values['months'] ? Number(values['months']) : undefined,
            lossDong: values['lossDong'] || undefined,
            approver: values['approver'] || undefined,
            documentNo: values['documentNo'] || undefined,
          });
        } catch (e) {
          if (!(e instanceof RefusedError)) throw e;
          return whyPage(call as never, asOf, {
            kind: values['kind'],
            errors: new FormErrors([...e.refusals], call.lang, STEP_NAMES),
            values,
            status: 422,
          });
        }
        return call.redirect(`/risk/households/${encodeURIComponent(call.params.household)}${qs({ asOf })}`);
      },
    }),
    page({
      method: 'get',
      path: '/risk/settings',
      area: 'risk',
      summary: 'The warning rules’ settings in force on a date, and their history',
      query: AsOfQuery,
      policy: riskPolicies.read(),
      handler: (call) => settingsPage(call),
    }),
    page({
      method: 'post',
      path: '/risk/settings',
      area: 'risk',
      summary: 'Set a rule’s threshold or weight from an effective date',
      policy: riskPolicies.settings(),
      handler: async (call) => {
        const form = call.form!;
        const values = {
          key: (form.get('key') ?? '').trim(),
          value: (form.get('value') ?? '').trim(),
          effectiveFrom: (form.get('effectiveFrom') ?? '').trim(),
        };
        try {
          const r = await call.deps.app.risk.setSetting(call.ctx(), values);
          return settingsPage(call as never, {
            saved: call.say(T.settingSet, {
              key: settingText(r.key, call.lang),
              value: r.value,
              from: r.effectiveFrom,
            }),
          });
        } catch (e) {
          if (!(e instanceof RefusedError)) throw e;
          return settingsPage(call as never, {
            key: values.key,
            values,
            errors: new FormErrors([...e.refusals], call.lang, ['value', 'effectiveFrom']),
            status: 422,
          });
        }
      },
    }),
  ];
}
