/**
 * The VBSP transaction day's pages (docs/design/vbsp-day.md): points and the calendar, a group's
 * printable collection sheet (form 13/TD, with the borrowers' signature column), the form that
 * records what was collected, the hand-over, the statement's reconciliation, and the monthly
 * lists with their "as of" date and CSV/XLSX downloads.
 */
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import { fingerprint } from '../../../app/audit/audit-log.ts';
import type { MonthlyLists, SheetView } from '../../../app/vbsp/vbsp.ts';
import { decideBook } from '../../../domain/access/policy.ts';
import { addMonths, formatDate, parseBusinessDate } from '../../../domain/dates.ts';
import { formatDong, parseDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import type { Lang, Text } from '../../../i18n/types.ts';
import { VBSP_DIFFERENCES, VBSP_WEB } from '../../../i18n/vbsp.ts';
import type { SnapshotRow } from '../../../store/loans-store.ts';
import { policies, s } from '../../registry.ts';
import { groupBook, statementBook } from '../../routes/vbsp.ts';
import { AsOfForm, ExportLinks, qs } from '../components.tsx';
import { ErrorSummary, Field, FormErrors, formKey, KeyField, newFormKey } from '../forms.tsx';
import { CsrfField, say } from '../layout.tsx';
import { communeOf } from '../ledger/books.tsx';
import { dateParam, readableBooks, readsSomeBook, todayOf } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { type ReportTable, reportResponse } from '../report.ts';

const SheetParams = z.object({
  group: s.party,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
});
type SheetParams = z.infer<typeof SheetParams>;

const t = (lang: Lang, text: Text, params?: Readonly<Record<string, unknown>>) => say(lang, text, params);
const money = (n: number, lang: Lang) => formatDong(n, lang);

/** Whether the user may write the book (a treasurer: of the book's organisation). */
async function mayWriteBook(call: PageCall, code: string | null): Promise<boolean> {
  if (code === null) return false;
  const book = (await readableBooks(call.deps, call.me())).find((b) => b.code === code);
  return (
    book !== undefined &&
    decideBook(call.me().grants, 'write', { code, organisation: book.organisation }) === 'allow'
  );
}

const sheetHref = (group: string, month: string) => `/vbsp/sheets/${encodeURIComponent(group)}/${month}`;

// --- the overview: points, calendar, statements -------------------------------------------------

async function overviewPage(call: PageCall): Promise<Response> {
  const { lang, deps } = call;
  const ctx = call.readCtx();
  const today = todayOf(call);
  const points = await deps.app.vbsp.points(ctx);
  const days = await deps.app.vbsp.calendar(ctx, { from: today, months: 3 });
  const books = new Set((await readableBooks(deps, call.me())).map((b) => b.code));
  const statements = (await deps.app.vbsp.statements(ctx)).filter((st) => books.has(st.book_code));
  const month = today.slice(0, 7);
  return call.render({
    title: t(lang, VBSP_WEB.title),
    body: (
      <>
        <h1>{t(lang, VBSP_WEB.title)}</h1>
        <p class="actions">
          <a href={`/vbsp/monthly?asOf=${today}`}>{t(lang, VBSP_WEB.monthly)}</a>
        </p>
        <section class="card">
          <h2>{t(lang, VBSP_WEB.points)}</h2>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{t(lang, VBSP_WEB.point)}</th>
                  <th>{t(lang, VBSP_WEB.place)}</th>
                  <th class="num">{t(lang, VBSP_WEB.day)}</th>
                  <th>{t(lang, VBSP_WEB.groups)}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr>
                    <td>{p.name}</td>
                    <td>{p.place}</td>
                    <td class="num">{p.day_of_month}</td>
                    <td>
                      {p.groups.map((g, i) => (
                        <>
                          {i > 0 ? ', ' : ''}
                          <a href={sheetHref(g, month)}>{g}</a>
                        </>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section class="card">
          <h2>{t(lang, VBSP_WEB.calendar)}</h2>
          <ul>
            {days.map((d) => (
              <li>
                <strong>{formatDate(d.date)}</strong> · {d.name} · {d.place}
              </li>
            ))}
          </ul>
        </section>
        <section class="card">
          <h2>{t(lang, VBSP_WEB.statements)}</h2>
          {statements.length === 0 ? <p class="muted">{t(lang, VBSP_WEB.none)}</p> : null}
          <ul>
            {statements.map((st) => (
              <li>
                <a href={`/vbsp/statements/${encodeURIComponent(st.id)}`}>{st.id}</a> · {st.book_code} ·{' '}
                {formatDate(st.as_of)} · {st.file_name} ({st.row_count})
              </li>
            ))}
          </ul>
          <p class="hint">{t(lang, VBSP_WEB.statementsHint)}</p>
        </section>
      </>
    ),
  });
}

// --- the collection sheet (form 13/TD) ------------------------------------------------------------

const SheetDoc: FC<{ lang: Lang; sheet: SheetView; commune: string }> = ({ lang, sheet, commune }) => (
  <div class="doc sheet-13td">
    <div class="head">
      <div>
        <strong>{t(lang, VBSP_WEB.bank)}</strong>
        <br />
        {commune}
      </div>
      <div class="form-no">
        <strong>{t(lang, VBSP_WEB.formNo)}</strong>
      </div>
    </div>
    <h1>{t(lang, VBSP_WEB.sheetTitle)}</h1>
    <p class="dateline">
      {t(lang, VBSP_WEB.group)}: {sheet.group} · {t(lang, VBSP_WEB.month)} {sheet.month.slice(5)}/
      {sheet.month.slice(0, 4)} · {t(lang, VBSP_WEB.collectedOn)} {formatDate(sheet.date)}
      {sheet.point ? ` · ${sheet.point.name}, ${sheet.point.place}` : ''}
    </p>
    {sheet.recorded ? null : <p class="no-print note">{t(lang, VBSP_WEB.notRecorded)}</p>}
    <div class="scroll">
      <table class="sheet">
        <thead>
          <tr>
            <th>{t(lang, VBSP_WEB.no)}</th>
            <th>{t(lang, VBSP_WEB.borrower)}</th>
            <th>{t(lang, VBSP_WEB.agreement)}</th>
            <th class="num">{t(lang, VBSP_WEB.outstanding)}</th>
            <th class="num">{t(lang, VBSP_WEB.interestDue)}</th>
            <th class="num">{t(lang, VBSP_WEB.interest)}</th>
            <th class="num">{t(lang, VBSP_WEB.savings)}</th>
            <th class="num">{t(lang, VBSP_WEB.principal)}</th>
            <th class="sign">{t(lang, VBSP_WEB.signature)}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.lines.map((l) => (
            <tr data-loan={l.loan}>
              <td>{l.line}</td>
              <td>{l.borrower || l.household}</td>
              <td>{l.agreementNo ?? l.loan}</td>
              <td class="num">{money(l.outstanding, lang)}</td>
              <td class="num">{money(l.interestDue, lang)}</td>
              <td class="num">{sheet.recorded ? money(l.interest, lang) : ''}</td>
              <td class="num">{sheet.recorded ? money(l.savings, lang) : ''}</td>
              <td class="num">{sheet.recorded ? money(l.principalFromSavings, lang) : ''}</td>
              <td class="sign" />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colspan={3}>{t(lang, VBSP_WEB.total)}</td>
            <td class="num">
              {money(
                sheet.lines.reduce((a, l) => a + l.outstanding, 0),
                lang,
              )}
            </td>
            <td class="num" data-total="interest-due">
              {money(sheet.totals.interestDue, lang)}
            </td>
            <td class="num">{sheet.recorded ? money(sheet.totals.interest, lang) : ''}</td>
            <td class="num">{sheet.recorded ? money(sheet.totals.savings, lang) : ''}</td>
            <td class="num">{sheet.recorded ? money(sheet.totals.principalFromSavings, lang) : ''}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
    <div class="signs three">
      {[VBSP_WEB.leader, VBSP_WEB.association, VBSP_WEB.officer].map((who) => (
        <div>
          <strong>{t(lang, who)}</strong>
          <em>{t(lang, VBSP_WEB.signHint)}</em>
          <div class="space" />
        </div>
      ))}
    </div>
  </div>
);

interface HandoverForm {
  readonly values: { date: string; counted: string };
  readonly key: string;
  readonly errors: FormErrors;
}

async function sheetPage(
  call: PageCall<SheetParams, { date?: string }>,
  handover?: HandoverForm,
): Promise<Response> {
  const { lang, deps, params } = call;
  const d = dateParam('date', call.query.date);
  const sheet = await deps.app.vbsp.sheet(call.readCtx(), { ...params, ...(d.date ? { date: d.date } : {}) });
  const writer = await mayWriteBook(call, sheet.book);
  const h = sheet.handover;
  const errors = handover?.errors ?? FormErrors.none(lang);
  return call.render({
    title: `13/TD · ${sheet.group} · ${sheet.month}`,
    status: handover && errors.count > 0 ? 422 : 200,
    scripts: ['print'],
    body: (
      <>
        <p class="actions no-print">
          <button type="button" data-print>
            {t(lang, VBSP_WEB.print)}
          </button>
          {writer && !sheet.recorded ? (
            <a
              class="button secondary"
              href={`${sheetHref(sheet.group, sheet.month)}/record${qs({ date: sheet.date })}`}
            >
              {t(lang, VBSP_WEB.record)}
            </a>
          ) : null}
        </p>
        <SheetDoc lang={lang} sheet={sheet} commune={await communeOf(call)} />
        {h ? (
          <section class="card">
            <h2>{t(lang, VBSP_WEB.handover)}</h2>
            <dl class="kv">
              <dt>{t(lang, VBSP_WEB.expected)}</dt>
              <dd>{money(h.expected_dong, lang)}</dd>
              <dt>{t(lang, VBSP_WEB.counted)}</dt>
              <dd>{money(h.counted_dong, lang)}</dd>
              <dt>{t(lang, VBSP_WEB.difference)}</dt>
              <dd class={h.difference_dong === 0 ? 'ok' : 'bad'} data-difference={h.difference_dong}>
                {money(h.difference_dong, lang)}
              </dd>
            </dl>
          </section>
        ) : null}
        {sheet.fee ? (
          <section class="card">
            <h2>{t(lang, VBSP_WEB.fee)}</h2>
            <p>
              {t(lang, VBSP_WEB.feeLine, {
                base: sheet.fee.base_dong,
                fee: sheet.fee.fee_dong,
                commission: sheet.fee.commission_dong,
              })}
            </p>
          </section>
        ) : null}
        {writer && sheet.recorded && !h ? (
          <section class="card no-print">
            <h2>{t(lang, VBSP_WEB.handover)}</h2>
            <ErrorSummary errors={errors} />
            <form method="post" action={`${sheetHref(sheet.group, sheet.month)}/handover`}>
              <CsrfField token={call.me().csrfToken} />
              <KeyField value={handover?.key ?? newFormKey()} />
              <Field
                name="date"
                label={t(lang, VBSP_WEB.date)}
                errors={errors}
                value={handover?.values.date ?? formatDate(sheet.date)}
                inputmode="numeric"
              />
              <Field
                name="counted"
                label={t(lang, VBSP_WEB.counted)}
                errors={errors}
                value={
                  handover?.values.counted ??
                  formatDong(sheet.totals.interest + sheet.totals.savings, lang).replace(/\s*₫$/, '')
                }
                inputmode="numeric"
              />
              <button type="submit">{t(lang, VBSP_WEB.handoverSave)}</button>
            </form>
          </section>
        ) : null}
      </>
    ),
  });
}

// --- recording a sheet -----------------------------------------------------------------------------

interface RecordForm {
  readonly values: Record<string, string>;
  readonly key: string;
  readonly errors: FormErrors;
}

async function recordPage(
  call: PageCall<SheetParams, { date?: string }>,
  form?: RecordForm,
): Promise<Response> {
  const { lang, deps, params } = call;
  const d = dateParam('date', form?.values['date'] ?? call.query.date);
  const sheet = await deps.app.vbsp.sheet(call.readCtx(), { ...params, ...(d.date ? { date: d.date } : {}) });
  if (sheet.recorded) return call.redirect(sheetHref(sheet.group, sheet.month));
  const names = [
    'date',
    'documentNo',
    ...sheet.lines.flatMap((_, i) =>
      ['interest', 'savings', 'principalFromSavings'].map((f) => `lines[${i}].${f}`),
    ),
  ];
  const errors = form?.errors ?? new FormErrors(d.refusal ? [d.refusal] : [], lang, names);
  const v = (name: string, fallback: string) => form?.values[name] ?? fallback;
  return call.render({
    title: t(lang, VBSP_WEB.recordTitle),
    status: errors.count > 0 ? 422 : 200,
    body: (
      <>
        <h1>
          {t(lang, VBSP_WEB.recordTitle)} · {sheet.group} · {sheet.month}
        </h1>
        <ErrorSummary errors={errors} />
        <form method="post" action={`${sheetHref(sheet.group, sheet.month)}/record`}>
          <CsrfField token={call.me().csrfToken} />
          <KeyField value={form?.key ?? newFormKey()} />
          <div class="filters">
            <Field
              name="date"
              label={t(lang, VBSP_WEB.date)}
              errors={errors}
              value={v('date', formatDate(sheet.date))}
              inputmode="numeric"
            />
            <Field
              name="documentNo"
              label={t(lang, VBSP_WEB.documentNo)}
              errors={errors}
              value={v('documentNo', '')}
              maxlength={40}
            />
          </div>
          <div class="lines">
            {sheet.lines.map((l, i) => (
              <fieldset>
                <legend>
                  {l.line}. {l.borrower || l.household} · {l.agreementNo ?? l.loan} ·{' '}
                  {t(lang, VBSP_WEB.interestDue)} {money(l.interestDue, lang)}
                </legend>
                <input type="hidden" name={`lines[${i}].loan`} value={l.loan} />
                <div class="line-grid">
                  <Field
                    name={`lines[${i}].interest`}
                    label={t(lang, VBSP_WEB.interest)}
                    errors={errors}
                    value={v(`lines[${i}].interest`, String(l.interestDue))}
                    inputmode="numeric"
                  />
                  <Field
                    name={`lines[${i}].savings`}
                    label={t(lang, VBSP_WEB.savings)}
                    errors={errors}
                    value={v(`lines[${i}].savings`, '0')}
                    inputmode="numeric"
                  />
                  <Field
                    name={`lines[${i}].principalFromSavings`}
                    label={t(lang, VBSP_WEB.principal)}
                    errors={errors}
                    value={v(`lines[${i}].principalFromSavings`, '0')}
                    inputmode="numeric"
                  />
                </div>
              </fieldset>
            ))}
          </div>
          <button type="submit">{t(lang, VBSP_WEB.save)}</button>
        </form>
      </>
    ),
  });
}

function formValues(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (k !== '_csrf') out[k] = v.trim();
  return out;
}

async function recordPost(call: PageCall<SheetParams, { date?: string }>): Promise<Response> {
  const { lang, deps, params } = call;
  const values = formValues(call.form!);
  const key = values['_key'] ?? newFormKey();
  const out: Refusal[] = [];
  const date = parseBusinessDate('date', values['date'] ?? '');
  if (!date.ok) out.push(...date.refusals);
  const amountOf = (name: string): number | undefined => {
    const raw = values[name];
    if (raw === undefined || raw === '' || raw === '0') return undefined;
    const r = parseDong(name, raw);
    if (!r.ok) {
      out.push(...r.refusals);
      return undefined;
    }
    return r.value;
  };
  const lines: Array<{ loan: string; interest?: number; savings?: number; principalFromSavings?: number }> =
    [];
  for (let i = 0; values[`lines[${i}].loan`] !== undefined && i < 200; i++) {
    const line = {
      loan: values[`lines[${i}].loan`]!,
      interest: amountOf(`lines[${i}].interest`),
      savings: amountOf(`lines[${i}].savings`),
      principalFromSavings: amountOf(`lines[${i}].principalFromSavings`),
    };
    if (line.interest || line.savings || line.principalFromSavings)
      lines.push(
        Object.fromEntries(Object.entries(line).filter(([, x]) => x !== undefined)) as (typeof lines)[number],
      );
  }
  const names = Object.keys(values);
  const again = (refusals: readonly Refusal[], nextKey = key) =>
    recordPage(call, { values, key: nextKey, errors: new FormErrors(refusals, lang, names) });
  if (out.length > 0) return again(out);
  const idempotencyKey = formKey(call.form!);
  if (!idempotencyKey)
    return again(
      [{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }],
      newFormKey(),
    );
  const input = {
    ...params,
    date: date.ok ? date.value : '',
    documentNo: values['documentNo'] || null,
    lines,
  };
  try {
    const plan = await deps.app.vbsp.planSheet(call.ctx(), input);
    if (!('replayed' in plan))
      await deps.app.audit.perform(
        call.ctx(),
        {
          key: `web-${idempotencyKey}`,
          requestHash: fingerprint({
            route: 'POST /vbsp/sheets/{group}/{month}/record',
            user: call.me().username,
            body: input,
          }),
        },
        async (tx) => {
          const r = await deps.app.vbsp.recordSheetInTx(tx, call.ctx(), plan);
          return {
            value: r,
            audit: [
              {
                action: 'vbsp.sheet.record',
                target: `vbsp-sheet:${r.sheet}`,
                detail: { ...r.totals, entries: r.entries },
              },
            ],
          };
        },
      );
    return call.redirect(sheetHref(params.group, params.month));
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    if (e.refusals.some((r) => r.code === 'vbsp_sheet_exists'))
      return call.redirect(sheetHref(params.group, params.month));
    return again([...e.refusals]);
  }
}

async function handoverPost(call: PageCall<SheetParams, { date?: string }>): Promise<Response> {
  const { lang, deps, params } = call;
  const values = formValues(call.form!);
  const form = { date: values['date'] ?? '', counted: values['counted'] ?? '' };
  const key = values['_key'] ?? newFormKey();
  const again = (refusals: readonly Refusal[]) =>
    sheetPage(call, {
      values: form,
      key: newFormKey(),
      errors: new FormErrors(refusals, lang, ['date', 'counted']),
    });
  const out: Refusal[] = [];
  const date = parseBusinessDate('date', form.date);
  if (!date.ok) out.push(...date.refusals);
  const counted = parseDong('counted', form.counted);
  if (!counted.ok) out.push(...counted.refusals);
  if (out.length > 0 || !date.ok || !counted.ok) return again(out);
  const input = { ...params, date: date.value, counted: counted.value };
  try {
    await deps.app.audit.perform(
      call.ctx(),
      {
        key: `web-${key}`,
        requestHash: fingerprint({
          route: 'POST /vbsp/sheets/{group}/{month}/handover',
          user: call.me().username,
          body: input,
        }),
      },
      async (tx) => {
        const h = await deps.app.vbsp.handOver(call.ctx(), input, tx);
        return {
          value: h,
          audit: [{ action: 'vbsp.handover', target: `vbsp-sheet:${h.sheet_id}`, detail: { ...h } }],
        };
      },
    );
    return call.redirect(sheetHref(params.group, params.month));
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    return again([...e.refusals]);
  }
}

// --- reconciliation ------------------------------------------------------------------------------

async function reconciliationPage(
  call: PageCall<{ id: string }, { format?: 'csv' | 'xlsx' }>,
): Promise<Response> {
  const { lang, deps, params, query } = call;
  const r = await deps.app.vbsp.reconcile(call.readCtx(), params.id);
  const title = `${t(lang, VBSP_WEB.reconciliation)} ${r.statement.id}`;
  const kind = (k: string) => VBSP_DIFFERENCES[k]?.[lang] ?? k;
  if (query.format) {
    const table: ReportTable = {
      name: `doi-chieu-${r.statement.id}`,
      title,
      commune: await communeOf(call),
      asOf: r.statement.as_of,
      lines: [`${r.statement.book_code} · ${r.statement.file_name}`],
      columns: [
        { key: 'agreementNo', label: t(lang, VBSP_WEB.agreement), kind: 'text' },
        { key: 'row', label: t(lang, VBSP_WEB.row), kind: 'int' },
        { key: 'kind', label: t(lang, VBSP_WEB.kind), kind: 'text' },
        { key: 'bank', label: t(lang, VBSP_WEB.bankFigure), kind: 'money' },
        { key: 'soquy', label: t(lang, VBSP_WEB.soquyFigure), kind: 'money' },
      ],
      rows: r.differences.map((d) => ({
        agreementNo: d.agreementNo,
        row: d.row,
        kind: kind(d.kind),
        bank: d.bank,
        soquy: d.soquy,
      })),
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
          {r.statement.book_code} · {t(lang, VBSP_WEB.asOf)} {formatDate(r.statement.as_of)} ·{' '}
          {t(lang, VBSP_WEB.file)} {r.statement.file_name}
        </p>
        <p class="note">{t(lang, VBSP_WEB.neverOverwritten)}</p>
        <ExportLinks lang={lang} url={call.c.req.url} />
        <p data-differences={r.differences.length}>
          {t(lang, VBSP_WEB.matched, { matched: r.matched, count: r.differences.length })}
        </p>
        <section class="card">
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{t(lang, VBSP_WEB.agreement)}</th>
                  <th class="num">{t(lang, VBSP_WEB.row)}</th>
                  <th>{t(lang, VBSP_WEB.kind)}</th>
                  <th class="num">{t(lang, VBSP_WEB.bankFigure)}</th>
                  <th class="num">{t(lang, VBSP_WEB.soquyFigure)}</th>
                </tr>
              </thead>
              <tbody>
                {r.differences.map((d) => (
                  <tr data-kind={d.kind}>
                    <td>{d.agreementNo}</td>
                    <td class="num">{d.row ?? ''}</td>
                    <td>{kind(d.kind)}</td>
                    <td class="num">{d.bank === null ? '—' : money(d.bank, lang)}</td>
                    <td class="num">{d.soquy === null ? '—' : money(d.soquy, lang)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colspan={3}>
                    {t(lang, VBSP_WEB.totals)} · {t(lang, VBSP_WEB.outstanding)}
                  </td>
                  <td class="num">{money(r.totals.bank.outstanding, lang)}</td>
                  <td class="num">{money(r.totals.soquy.outstanding, lang)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
        {r.notes.length > 0 ? (
          <section class="card">
            <h2>{t(lang, VBSP_WEB.notes)}</h2>
            <ul>
              {r.notes.map((n) => (
                <li>
                  {n.agreement_no} · {kind(n.kind)} · {n.note}
                  {n.entry_ref ? ` · ${n.entry_ref}` : ''} · {n.actor}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>
    ),
  });
}

// --- monthly lists ------------------------------------------------------------------------------

const LISTS = ['idle', 'overdue', 'frozen', 'maturing', 'organisation', 'group'] as const;
type ListName = (typeof LISTS)[number];

function listTable(m: MonthlyLists, list: ListName, lang: Lang, commune: string): ReportTable {
  const L = (x: Text) => t(lang, x);
  if (list === 'organisation' || list === 'group') {
    const rows = list === 'organisation' ? m.byOrganisation : m.byGroup;
    return {
      name: `vbsp-${list}`,
      title: L(list === 'organisation' ? VBSP_WEB.byOrganisation : VBSP_WEB.byGroup),
      commune,
      asOf: m.asOf,
      columns: [
        {
          key: 'key',
          label: L(list === 'organisation' ? VBSP_WEB.association : VBSP_WEB.group),
          kind: 'text',
        },
        { key: 'loans', label: L(VBSP_WEB.loans), kind: 'int' },
        { key: 'outstanding', label: L(VBSP_WEB.outstanding), kind: 'money' },
        { key: 'overdue', label: L(VBSP_WEB.overdue), kind: 'money' },
        { key: 'frozen', label: L(VBSP_WEB.frozen), kind: 'money' },
      ],
      rows: rows.map((r) => ({
        key: r.key ?? '—',
        loans: r.loans,
        outstanding: r.outstanding,
        overdue: r.overdue,
        frozen: r.frozen,
      })),
      ...(m.total
        ? {
            totals: {
              key: L(VBSP_WEB.total),
              loans: m.total.loans,
              outstanding: m.total.outstanding,
              overdue: m.total.overdue,
              frozen: m.total.frozen,
            },
          }
        : {}),
    };
  }
  const title = {
    idle: VBSP_WEB.idle,
    overdue: VBSP_WEB.overdue,
    frozen: VBSP_WEB.frozen,
    maturing: VBSP_WEB.maturing,
  }[list];
  const extra = {
    idle: {
      key: 'extra',
      label: L(VBSP_WEB.lastTransaction),
      kind: 'date' as const,
      of: (r: SnapshotRow) => r.last_transaction,
    },
    overdue: {
      key: 'extra',
      label: L(VBSP_WEB.daysPastDue),
      kind: 'int' as const,
      of: (r: SnapshotRow) => r.days_past_due,
    },
    frozen: {
      key: 'extra',
      label: L(VBSP_WEB.until),
      kind: 'date' as const,
      of: (r: SnapshotRow) => r.frozen_until,
    },
    maturing: {
      key: 'extra',
      label: L(VBSP_WEB.maturity),
      kind: 'date' as const,
      of: (r: SnapshotRow) => r.maturity,
    },
  }[list];
  return {
    name: `vbsp-${list}`,
    title: L(title),
    commune,
    asOf: m.asOf,
    columns: [
      { key: 'loan', label: L(VBSP_WEB.loan), kind: 'text' },
      { key: 'household', label: L(VBSP_WEB.household), kind: 'text' },
      { key: 'group', label: L(VBSP_WEB.group), kind: 'text' },
      { key: 'outstanding', label: L(VBSP_WEB.outstanding), kind: 'money' },
      { key: 'overdue', label: L(VBSP_WEB.overdue), kind: 'money' },
      { key: extra.key, label: extra.label, kind: extra.kind },
    ],
    rows: m[list].map((r) => ({
      loan: r.loan_id,
      household: r.household_id,
      group: r.group_id,
      outstanding: r.outstanding_dong,
      overdue: r.overdue_dong,
      extra: extra.of(r),
    })),
  };
}

const ReportHtml: FC<{ table: ReportTable; lang: Lang; download: string }> = ({ table, lang, download }) => (
  <section class="card" data-list={table.name}>
    <h2>
      {table.title} ({table.rows.length})
    </h2>
    {table.rows.length === 0 ? (
      <p class="muted">{t(lang, VBSP_WEB.none)}</p>
    ) : (
      <div class="scroll">
        <table>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th class={c.kind === 'money' || c.kind === 'int' ? 'num' : undefined}>{c.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr>
                {table.columns.map((c) => {
                  const v = r[c.key] ?? null;
                  if (c.kind === 'money')
                    return <td class="num">{typeof v === 'number' ? money(v, lang) : ''}</td>;
                  if (c.kind === 'int') return <td class="num">{v ?? ''}</td>;
                  if (c.kind === 'date') return <td>{typeof v === 'string' ? formatDate(v) : ''}</td>;
                  return <td>{v ?? ''}</td>;
                })}
              </tr>
            ))}
          </tbody>
          {table.totals ? (
            <tfoot>
              <tr>
                {table.columns.map((c) => {
                  const v = table.totals![c.key] ?? null;
                  return (
                    <td class={c.kind === 'money' || c.kind === 'int' ? 'num' : undefined}>
                      {typeof v === 'number' && c.kind === 'money' ? money(v, lang) : (v ?? '')}
                    </td>
                  );
                })}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    )}
    <p class="actions no-print">
      {t(lang, VBSP_WEB.exportList)}: <a href={`${download}&format=xlsx`}>Excel (.xlsx)</a>{' '}
      <a href={`${download}&format=csv`}>CSV</a>
    </p>
  </section>
);

const MonthlyQuery = z
  .object({
    asOf: z.string().max(20).optional(),
    list: z.enum(LISTS).optional(),
    format: z.enum(['csv', 'xlsx']).optional(),
  })
  .strict();

async function monthlyPage(call: PageCall<unknown, z.infer<typeof MonthlyQuery>>): Promise<Response> {
  const { lang, deps, query } = call;
  const asOfParam = dateParam('asOf', query.asOf);
  const asOf = asOfParam.date ?? todayOf(call);
  const books = new Set(
    (await readableBooks(deps, call.me())).filter((b) => b.template === 'vbsp-entrusted').map((b) => b.code),
  );
  const m = await deps.app.vbsp.monthly(call.readCtx(), { asOf, books });
  const commune = await communeOf(call);
  if (query.format)
    return reportResponse(
      call.c,
      listTable(m, query.list ?? 'group', lang, commune),
      query.format,
      lang,
      deps.now().toISOString(),
    );
  const title = t(lang, VBSP_WEB.monthly);
  return call.render({
    title,
    status: asOfParam.refusal ? 422 : 200,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {commune} · {t(lang, VBSP_WEB.asOf)} <strong data-as-of={asOf}>{formatDate(asOf)}</strong> ·{' '}
          {formatDate(m.idleSince)} – {formatDate(addMonths(asOf, 3))}
        </p>
        <AsOfForm
          lang={lang}
          action="/vbsp/monthly"
          asOf={asOf}
          error={asOfParam.refusal ? say(lang, { vi: 'ngày không hợp lệ', en: 'not a date' }) : undefined}
        />
        {LISTS.map((list) => (
          <ReportHtml
            table={listTable(m, list, lang, commune)}
            lang={lang}
            download={`/vbsp/monthly${qs({ asOf, list })}`}
          />
        ))}
      </>
    ),
  });
}

export function vbspPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/vbsp',
      area: 'vbsp',
      summary: 'VBSP: transaction points, the calendar of transaction days, imported statements',
      policy: policies.signedIn(),
      nav: { label: VBSP_WEB.nav, order: 55, visible: readsSomeBook },
      handler: overviewPage,
    }),
    page({
      method: 'get',
      path: '/vbsp/sheets/{group}/{month}',
      area: 'vbsp',
      summary: 'A group’s printable collection sheet (form 13/TD) with the signature column; hand-over form',
      params: SheetParams,
      query: z.object({ date: z.string().max(20).optional() }).strict(),
      policy: policies.books('read', groupBook),
      handler: (call) => sheetPage(call),
    }),
    page({
      method: 'get',
      path: '/vbsp/sheets/{group}/{month}/record',
      area: 'vbsp',
      summary: 'The form recording what a group collected (one transaction)',
      params: SheetParams,
      query: z.object({ date: z.string().max(20).optional() }).strict(),
      policy: policies.books('write', groupBook),
      handler: (call) => recordPage(call),
    }),
    page({
      method: 'post',
      path: '/vbsp/sheets/{group}/{month}/record',
      area: 'vbsp',
      summary: 'Record a group’s sheet',
      params: SheetParams,
      policy: policies.books('write', groupBook),
      handler: recordPost,
    }),
    page({
      method: 'post',
      path: '/vbsp/sheets/{group}/{month}/handover',
      area: 'vbsp',
      summary: 'Record the hand-over of a group’s cash; a difference stays visible',
      params: SheetParams,
      policy: policies.books('write', groupBook),
      handler: handoverPost,
    }),
    page({
      method: 'get',
      path: '/vbsp/statements/{id}',
      area: 'vbsp',
      summary: 'A statement’s reconciliation with soquy, per loan; CSV/XLSX',
      params: z.object({ id: z.string().min(1).max(60) }),
      query: z.object({ format: z.enum(['csv', 'xlsx']).optional() }).strict(),
      policy: policies.books('read', statementBook),
      handler: reconciliationPage,
    }),
    page({
      method: 'get',
      path: '/vbsp/monthly',
      area: 'vbsp',
      summary:
        'Monthly lists (idle, overdue, frozen, maturing) and outstanding by organisation and group, as of a date; CSV/XLSX',
      query: MonthlyQuery,
      policy: policies.readableBooks(),
      handler: monthlyPage,
    }),
  ];
}
