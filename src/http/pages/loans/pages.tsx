/**
 * Loan pages: the loan (contract, position, events) with the forms its writer uses next
 * (approve, disburse, take a repayment), the result of each event (a repayment's allocation, the
 * balance after, the receipt to print), the schedule, the statement, and the application form.
 * Writes go through maker-checker (`loans.approve`, `loans.disburse`, `loans.repay`): a large
 * amount may be proposed for a second person instead (the approvals page).
 */
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import { fingerprint } from '../../../app/audit/audit-log.ts';
import type { LoanView } from '../../../app/loans/loans.ts';
import { loansInTx } from '../../../app/loans/operations.ts';
import { decideBook } from '../../../domain/access/policy.ts';
import { type BusinessDate, formatDate, parseBusinessDate } from '../../../domain/dates.ts';
import { ALLOCATION_CATEGORIES, type Allocation } from '../../../domain/loans/allocation.ts';
import { LOAN_ID } from '../../../domain/loans/limits.ts';
import { CAPITAL_SOURCES } from '../../../domain/loans/programmes.ts';
import { formatPercent } from '../../../domain/loans/rates.ts';
import { formatDong, parseDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import type { Lang } from '../../../i18n/types.ts';
import { WEB } from '../../../i18n/web.ts';
import { EVENT_TEXTS, HISTORY_TEXTS, WEB_LOANS } from '../../../i18n/web-loans.ts';
import { bookMap, policies, s } from '../../registry.ts';
import { canReadHousehold, loanPolicy } from '../../scopes.ts';
import { entryHref, traceHref } from '../components.tsx';
import {
  ErrorSummary,
  Field,
  FormErrors,
  formKey,
  KeyField,
  newFormKey,
  type Option,
  SelectField,
} from '../forms.tsx';
import { householdHref, loanHref, term } from '../households/pages.tsx';
import { CsrfField, say } from '../layout.tsx';
import { readableBooks, todayOf } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';

type Call<Q = unknown> = PageCall<{ loan: string }, Q>;

const LoanParams = z.object({ loan: z.string().regex(LOAN_ID) });

type WriteForm = 'approve' | 'disburse' | 'repay';

interface FormState {
  readonly form: WriteForm;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FormErrors;
  readonly key: string;
}

const FORM_FIELDS: Record<WriteForm, readonly string[]> = {
  approve: ['date', 'amount', 'approver', 'documentNo', '_key'],
  disburse: ['date', 'amount', 'cashAccount', 'documentNo', '_key'],
  repay: ['date', 'amount', 'cashAccount', 'paidAtBank', 'documentNo', '_key'],
};

function canWriteBook(
  call: PageCall,
  books: Map<string, { code: string; organisation: string | null }>,
  book: string,
) {
  return decideBook(call.me().grants, 'write', books.get(book)) === 'allow';
}

/** The allocation of a repayment, category by category, in the programme's order. */
export const AllocationTable: FC<{ lang: Lang; allocation: Allocation; amount: number }> = ({
  lang,
  allocation,
  amount,
}) => (
  <table data-allocation>
    <caption class="small muted">{say(lang, WEB_LOANS.allocation, { amount })}</caption>
    <thead>
      <tr>
        <th>{say(lang, WEB_LOANS.category)}</th>
        <th class="num">{say(lang, WEB.amount)}</th>
      </tr>
    </thead>
    <tbody>
      {ALLOCATION_CATEGORIES.map((c) => (
        <tr data-part={c}>
          <td>{term(c, lang)}</td>
          <td class="num">{formatDong(allocation.parts[c], lang)}</td>
        </tr>
      ))}
    </tbody>
    <tfoot>
      <tr>
        <th>{say(lang, WEB_LOANS.total)}</th>
        <td class="num">{formatDong(amount, lang)}</td>
      </tr>
    </tfoot>
  </table>
);

const PositionBox: FC<{ lang: Lang; v: LoanView }> = ({ lang, v }) => {
  const p = v.position;
  const owed = Object.values(p.dues).reduce((a, b) => a + b, 0);
  return (
    <section class="figures" aria-label={say(lang, WEB_LOANS.outstanding)}>
      <div class="figure">
        <span class="label">{say(lang, WEB_LOANS.outstanding)}</span>
        <span class="value" data-outstanding>
          {formatDong(p.outstanding, lang)}
        </span>
      </div>
      <div class="figure">
        <span class="label">{say(lang, WEB_LOANS.interestDue)}</span>
        <span class="value">{formatDong(p.interest.due, lang)}</span>
      </div>
      <div class="figure">
        <span class="label">{say(lang, WEB_LOANS.interestAccrued)}</span>
        <span class="value">{formatDong(p.interest.accrued, lang)}</span>
      </div>
      <div class="figure">
        <span class="label">{say(lang, WEB_LOANS.overdueInterest)}</span>
        <span class="value">{formatDong(p.overdueInterest.unpaid, lang)}</span>
      </div>
      <div class="figure">
        <span class="label">{say(lang, WEB_LOANS.daysPastDue)}</span>
        <span class="value">{p.daysPastDue}</span>
        {owed > 0 ? <span class="hint">{say(lang, WEB_LOANS.owedToday, { amount: owed })}</span> : null}
      </div>
    </section>
  );
};

function cashOptions(lang: Lang): Option[] {
  return [
    { value: '111', label: say(lang, WEB_LOANS.cash) },
    { value: '112', label: say(lang, WEB_LOANS.bank) },
  ];
}

const WriteFormView: FC<{
  call: Call;
  v: LoanView;
  form: WriteForm;
  state: FormState | undefined;
  today: string;
}> = ({ call, v, form, state, today }) => {
  const { lang } = call;
  const own = state?.form === form ? state : undefined;
  const errors = own?.errors ?? FormErrors.none(lang);
  const val = (k: string, d = '') => own?.values[k] ?? d;
  const title = {
    approve: WEB_LOANS.approveTitle,
    disburse: WEB_LOANS.disburseTitle,
    repay: WEB_LOANS.repayTitle,
  }[form];
  const submit = {
    approve: WEB_LOANS.submitApprove,
    disburse: WEB_LOANS.submitDisburse,
    repay: WEB_LOANS.submitRepay,
  }[form];
  const id = (n: string) => `${form}-${n}`;
  const remaining = v.position.approved - v.position.disbursed;
  return (
    <form method="post" action={loanHref(v.loan.id, `/${form}`)} class="card" id={`${form}-form`}>
      <h2>{say(lang, title)}</h2>
      {own ? <ErrorSummary errors={errors} /> : null}
      <CsrfField token={call.me().csrfToken} />
      <KeyField value={own?.key ?? newFormKey()} />
      <div class="filters">
        <Field
          name="date"
          id={id('date')}
          label={say(lang, WEB_LOANS.date)}
          errors={errors}
          value={val('date', formatDate(today))}
          inputmode="numeric"
          placeholder={say(lang, WEB.datePlaceholder)}
          required
        />
        <Field
          name="amount"
          id={id('amount')}
          label={say(lang, WEB_LOANS.amount)}
          hint={say(lang, WEB_LOANS.amountHint)}
          errors={errors}
          value={val(
            'amount',
            form === 'disburse' && remaining > 0 ? formatDong(remaining, 'vi').replace(' ₫', '') : '',
          )}
          inputmode="numeric"
          required={form !== 'approve'}
        />
        {form === 'approve' ? (
          <Field
            name="approver"
            id={id('approver')}
            label={say(lang, WEB_LOANS.approver)}
            errors={errors}
            value={val('approver')}
            maxlength={100}
            required
          />
        ) : (
          <SelectField
            name="cashAccount"
            label={say(lang, WEB_LOANS.cashAccount)}
            errors={errors}
            options={cashOptions(lang)}
            value={val('cashAccount', '111')}
          />
        )}
        <Field
          name="documentNo"
          id={id('documentNo')}
          label={say(lang, WEB_LOANS.documentNo)}
          errors={errors}
          value={val('documentNo')}
          maxlength={40}
          placeholder={form === 'repay' ? 'PT-0042' : form === 'disburse' ? 'PC-0042' : 'QĐ-12'}
        />
      </div>
      {form === 'repay' && v.programme.accounting === 'entrusted' ? (
        <label>
          <input type="checkbox" name="paidAtBank" value="1" checked={val('paidAtBank') === '1'} />{' '}
          {say(lang, WEB_LOANS.paidAtBank)}
        </label>
      ) : null}
      <p class="hint">{say(lang, WEB_LOANS.writeHint)}</p>
      <button type="submit">{say(lang, submit)}</button>
    </form>
  );
};

async function loanPage(call: Call, state?: FormState): Promise<Response> {
  const { lang, deps, params } = call;
  const ctx = call.readCtx();
  const today = todayOf(call);
  const v = await deps.app.loans.show(ctx, params.loan, today);
  const books = await bookMap(deps, ctx.tenant);
  const writer = canWriteBook(call, books, v.loan.book);
  const seesHousehold = await canReadHousehold(deps, call.me(), v.loan.household);
  const p = v.position;
  const title = say(lang, WEB_LOANS.loanTitle, { id: v.loan.id });
  const forms: WriteForm[] = [];
  if (writer && p.closedOn === null) {
    if (!v.events.some((e) => e.kind === 'approve')) forms.push('approve');
    else if (p.approved > p.disbursed && (p.instalments[0] === undefined || today < p.instalments[0].due))
      forms.push('disburse');
    if (p.firstDisbursed !== null) forms.push('repay');
  }
  return call.render({
    title,
    status: state ? 422 : 200,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {seesHousehold ? (
            <a href={householdHref(v.loan.household)}>{v.loan.household}</a>
          ) : (
            v.loan.household
          )}{' '}
          · {lang === 'vi' ? v.programme.nameVi : v.programme.nameEn} · {term(p.status, lang)} ·{' '}
          {say(lang, WEB.asOfLine, { date: today })}
        </p>
        <PositionBox lang={lang} v={v} />
        <p class="actions no-print">
          <a class="button secondary" href={loanHref(v.loan.id, '/schedule')}>
            {say(lang, WEB_LOANS.schedule)}
          </a>
          <a class="button secondary" href={loanHref(v.loan.id, '/statement')}>
            {say(lang, WEB_LOANS.statement)}
          </a>
          <a
            class="button secondary"
            href={traceHref({
              book: v.loan.book,
              account: v.programme.accounting === 'own' ? '1311' : '001',
              party: v.loan.id,
            })}
          >
            {say(lang, WEB.trace)}
          </a>
        </p>
        {forms.map((f) => (
          <WriteFormView call={call} v={v} form={f} state={state} today={today} />
        ))}
        <section class="card">
          <dl class="kv">
            <dt>{say(lang, WEB_LOANS.book)}</dt>
            <dd>
              <a href={`/books/${encodeURIComponent(v.loan.book)}`}>{v.loan.book}</a>
            </dd>
            <dt>{say(lang, WEB_LOANS.agreementNo)}</dt>
            <dd>{v.loan.agreementNo ?? '—'}</dd>
            <dt>{say(lang, WEB_LOANS.purpose)}</dt>
            <dd>{v.loan.purpose || '—'}</dd>
            <dt>{say(lang, WEB_LOANS.applied)}</dt>
            <dd>{formatDong(v.loan.amountApplied, lang)}</dd>
            <dt>{say(lang, WEB_LOANS.approved)}</dt>
            <dd>{formatDong(p.approved, lang)}</dd>
            <dt>{say(lang, WEB_LOANS.disbursed)}</dt>
            <dd>{formatDong(p.disbursed, lang)}</dd>
            <dt>{say(lang, WEB_LOANS.term)}</dt>
            <dd>{say(lang, WEB_LOANS.months, { n: v.loan.terms.termMonths })}</dd>
            <dt>{say(lang, WEB_LOANS.maturity)}</dt>
            <dd>{p.maturity ? formatDate(p.maturity) : '—'}</dd>
            <dt>{say(lang, WEB_LOANS.source)}</dt>
            <dd>{v.loan.source ?? '—'}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="events-h">
          <h2 id="events-h">{say(lang, WEB_LOANS.events)}</h2>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{say(lang, WEB_LOANS.date)}</th>
                  <th>{say(lang, WEB_LOANS.event)}</th>
                  <th>{say(lang, WEB_LOANS.documentNo)}</th>
                  <th>{say(lang, WEB.actor)}</th>
                  <th>{say(lang, WEB_LOANS.entries)}</th>
                </tr>
              </thead>
              <tbody>
                {v.events.map((e) => (
                  <tr>
                    <td>
                      <a href={loanHref(v.loan.id, `/events/${e.seq}`)}>{e.seq}</a>
                    </td>
                    <td>{formatDate(e.date)}</td>
                    <td>{EVENT_TEXTS[e.kind]?.[lang] ?? e.kind}</td>
                    <td>{e.documentNo ?? ''}</td>
                    <td>{e.actor}</td>
                    <td>
                      {e.entries.map((seq) => (
                        <>
                          <a href={entryHref(v.loan.book, seq)}>{`#${seq}`}</a>{' '}
                        </>
                      ))}
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

/** The form's values, and the service's inputs parsed from them (refusals name the inputs). */
function readWriteForm(form: URLSearchParams, kind: WriteForm) {
  const values: Record<string, string> = {};
  for (const k of FORM_FIELDS[kind]) values[k] = (form.get(k) ?? '').trim();
  const refusals: Refusal[] = [];
  let date: BusinessDate | undefined;
  const d = parseBusinessDate('date', values['date']);
  if (d.ok) date = d.value;
  else refusals.push(...d.refusals);
  let amount: number | undefined;
  if (values['amount'] !== '' || kind !== 'approve') {
    const a = parseDong('amount', values['amount']);
    if (a.ok) amount = a.value;
    else refusals.push(...a.refusals);
  }
  return { values, refusals, date, amount };
}

function writeHandler(kind: WriteForm) {
  return async (call: Call): Promise<Response> => {
    const { lang, deps, params } = call;
    const form = call.form!;
    const { values, refusals, date, amount } = readWriteForm(form, kind);
    const key = form.get('_key') ?? newFormKey();
    const refuse = (list: readonly Refusal[], nextKey = key) =>
      loanPage(call, {
        form: kind,
        values,
        errors: new FormErrors(list, lang, FORM_FIELDS[kind], (f) => (f === 'idempotencyKey' ? '_key' : f)),
        key: nextKey,
      });
    if (refusals.length > 0) return refuse(refusals);
    const idempotencyKey = formKey(form);
    if (!idempotencyKey)
      return refuse(
        [{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }],
        newFormKey(),
      );
    const documentNo = values['documentNo'] === '' ? null : values['documentNo']!;
    const cashAccount = values['cashAccount'] === '112' ? '112' : '111';
    const payload =
      kind === 'approve'
        ? {
            loan: params.loan,
            date: date!,
            amount: amount ?? null,
            approver: values['approver']!,
            documentNo,
          }
        : kind === 'disburse'
          ? { loan: params.loan, date: date!, amount: amount!, cashAccount, documentNo }
          : {
              loan: params.loan,
              date: date!,
              amount: amount!,
              cashAccount,
              paidAtBank: values['paidAtBank'] === '1',
              documentNo,
            };
    try {
      const reply = await deps.app.operations.submit(call.ctx(), `loans.${kind}`, payload, {
        key: idempotencyKey,
        requestHash: fingerprint({
          route: `POST /loans/{loan}/${kind}`,
          user: call.me().username,
          body: payload,
        }),
      });
      if (reply.outcome === 'proposed') {
        const id = (reply.body as { operation: { id: number } }).operation.id;
        return call.redirect(`/approvals/${id}?proposed=1`);
      }
      const event = (reply.body as { event: number }).event;
      return call.redirect(loanHref(params.loan, `/events/${event}?done=1`));
    } catch (e) {
      if (e instanceof RefusedError) {
        if (e.refusals.some((r) => r.code === 'idempotency_key_reused'))
          return refuse([{ code: 'form_key_used', field: '_key', value: null }], newFormKey());
        return refuse(e.refusals);
      }
      throw e;
    }
  };
}

async function eventPage(call: PageCall<{ loan: string; seq: number }, { done?: string | undefined }>) {
  const { lang, deps, params } = call;
  const ctx = call.readCtx();
  const v = await deps.app.loans.show(ctx, params.loan, todayOf(call));
  const e = v.events.find((x) => x.seq === params.seq);
  if (!e) throw new RefusedError([{ code: 'loan_unknown', field: 'event', value: params.seq }]);
  const entries = await Promise.all(e.entries.map((seq) => deps.app.ledger.entry(ctx, v.loan.book, seq)));
  const r = e.result as {
    amount?: number;
    allocation?: Allocation;
    outstandingAfter?: number;
    principalByClass?: Record<string, number>;
  };
  const title =
    e.kind === 'repay'
      ? say(lang, WEB_LOANS.repaidTitle, { id: v.loan.id })
      : say(lang, WEB_LOANS.eventTitle, { id: v.loan.id, seq: e.seq });
  const cashIn = (x: (typeof entries)[number]) =>
    x.postings.some((pp) => (pp.account === '111' || pp.account === '112') && pp.amount > 0);
  const cashOut = (x: (typeof entries)[number]) =>
    x.postings.some((pp) => (pp.account === '111' || pp.account === '112') && pp.amount < 0);
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          <a href={loanHref(v.loan.id)}>{v.loan.id}</a> · {EVENT_TEXTS[e.kind]?.[lang] ?? e.kind} ·{' '}
          {formatDate(e.date)} · {e.actor}
        </p>
        {call.query.done ? <p class="done">{say(lang, WEB_LOANS.recorded)}</p> : null}
        {r.allocation && r.amount !== undefined ? (
          <section class="card">
            <AllocationTable lang={lang} allocation={r.allocation} amount={r.amount} />
            <p>
              {say(lang, WEB_LOANS.balanceNow)}:{' '}
              <strong data-balance-after>{formatDong(r.outstandingAfter ?? 0, lang)}</strong>
            </p>
          </section>
        ) : null}
        <section class="card">
          <h2>{say(lang, WEB_LOANS.entries)}</h2>
          <ul>
            {entries.map((x) => (
              <li>
                <a href={entryHref(x.book, x.seq)}>{`${x.book}#${x.seq}`}</a> · {x.memo}
                {cashIn(x) ? (
                  <>
                    {' '}
                    <a class="button" href={`${entryHref(x.book, x.seq)}/receipt`}>
                      {say(lang, WEB_LOANS.printReceipt)}
                    </a>
                  </>
                ) : null}
                {cashOut(x) ? (
                  <>
                    {' '}
                    <a class="button" href={`${entryHref(x.book, x.seq)}/voucher`}>
                      {say(lang, WEB_LOANS.printVoucher)}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </>
    ),
  });
}

async function schedulePage(call: Call) {
  const { lang, deps, params } = call;
  const sch = await deps.app.loans.schedule(call.readCtx(), params.loan, { asOf: todayOf(call) });
  const title = `${say(lang, WEB_LOANS.schedule)} · ${sch.loan}`;
  const states = new Map((sch.position?.instalments ?? []).map((i) => [i.due, i]));
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          <a href={loanHref(sch.loan)}>{sch.loan}</a>
          {sch.annualRatePpm !== null
            ? ` · ${say(lang, WEB_LOANS.rate, { rate: formatPercent(sch.annualRatePpm, lang).replace(' %', '') })}`
            : ''}
        </p>
        {sch.position === null ? (
          <p class="note">
            {say(lang, WEB_LOANS.hypothetical, { amount: sch.amount, date: sch.firstDisbursement })}
          </p>
        ) : null}
        <p class="actions no-print">
          <button type="button" class="secondary" data-print>
            {say(lang, WEB.print)}
          </button>
        </p>
        <section class="card">
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{say(lang, WEB_LOANS.instalment)}</th>
                  <th>{say(lang, WEB_LOANS.due)}</th>
                  <th class="num">{say(lang, WEB_LOANS.principal)}</th>
                  <th class="num">{say(lang, WEB_LOANS.interest)}</th>
                  <th class="num">{say(lang, WEB_LOANS.total)}</th>
                  <th class="num">{say(lang, WEB_LOANS.balanceAfter)}</th>
                  <th>{say(lang, WEB_LOANS.status)}</th>
                </tr>
              </thead>
              <tbody>
                {sch.projection.map((row) => {
                  const st = states.get(row.date);
                  return (
                    <tr>
                      <td>{row.no}</td>
                      <td>{formatDate(row.date)}</td>
                      <td class="num">{formatDong(row.principal, lang)}</td>
                      <td class="num">{formatDong(row.interest, lang)}</td>
                      <td class="num">{formatDong(row.total, lang)}</td>
                      <td class="num">{formatDong(row.balanceAfter, lang)}</td>
                      <td>{st ? term(st.cls, lang) : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th colspan={2}>{say(lang, WEB_LOANS.total)}</th>
                  <td class="num">{formatDong(sch.totalPrincipal, lang)}</td>
                  <td class="num">{formatDong(sch.totalInterest, lang)}</td>
                  <td class="num">{formatDong(sch.totalPrincipal + sch.totalInterest, lang)}</td>
                  <td colspan={2} />
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      </>
    ),
  });
}

async function statementPage(call: Call) {
  const { lang, deps, params } = call;
  const ctx = call.readCtx();
  const st = await deps.app.loans.statement(ctx, params.loan, { to: todayOf(call) });
  const book = (await deps.app.loans.show(ctx, params.loan, todayOf(call))).loan.book;
  const title = `${say(lang, WEB_LOANS.statement)} · ${st.loan}`;
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          <a href={loanHref(st.loan)}>{st.loan}</a> · {say(lang, WEB.asOfLine, { date: todayOf(call) })}
        </p>
        <p class="actions no-print">
          <button type="button" class="secondary" data-print>
            {say(lang, WEB.print)}
          </button>
        </p>
        <section class="card">
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>{say(lang, WEB_LOANS.date)}</th>
                  <th>{say(lang, WEB_LOANS.event)}</th>
                  <th class="num">{say(lang, WEB_LOANS.principal)}</th>
                  <th class="num">{say(lang, WEB_LOANS.interest)}</th>
                  <th class="num">{say(lang, WEB_LOANS.overdueInterest)}</th>
                  <th class="num">{say(lang, WEB_LOANS.outstanding)}</th>
                </tr>
              </thead>
              <tbody>
                {st.history.map((h) => (
                  <tr>
                    <td>{formatDate(h.date)}</td>
                    <td>{HISTORY_TEXTS[h.kind]?.[lang] ?? h.kind}</td>
                    <td class="num">{h.principal === 0 ? '' : formatDong(h.principal, lang)}</td>
                    <td class="num">{h.interest === 0 ? '' : formatDong(h.interest, lang)}</td>
                    <td class="num">{h.overdueInterest === 0 ? '' : formatDong(h.overdueInterest, lang)}</td>
                    <td class="num">{formatDong(h.outstanding, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section class="card">
          <h2>{say(lang, WEB_LOANS.entries)}</h2>
          <p>
            {st.entries.map((e) => (
              <>
                <a href={entryHref(book, e.seq)}>{`${book}#${e.seq}`}</a> ({formatDate(e.date)}){' '}
              </>
            ))}
          </p>
        </section>
      </>
    ),
  });
}

// --- application ------------------------------------------------------------------------------------

const APPLY_FIELDS = [
  'programme',
  'book',
  'household',
  'amount',
  'date',
  'termMonths',
  'source',
  'purpose',
  'agreementNo',
];

async function applyForm(
  call: PageCall<unknown, unknown>,
  values: Record<string, string>,
  errors: FormErrors,
  status: number,
): Promise<Response> {
  const { lang, deps } = call;
  const p = call.me();
  const ctx = call.readCtx();
  const programmes = await deps.app.loans.programmes(ctx);
  const books = (await readableBooks(deps, p)).filter(
    (b) =>
      programmes.some((pr) => pr.bookTemplate === b.template) &&
      decideBook(p.grants, 'write', { code: b.code, organisation: b.organisation }) === 'allow',
  );
  const title = say(lang, WEB_LOANS.applyTitle);
  return call.render({
    title,
    status,
    body: (
      <>
        <h1>{title}</h1>
        <ErrorSummary errors={errors} />
        <form method="post" action="/loans/new" class="card" id="apply-form">
          <CsrfField token={p.csrfToken} />
          <div class="filters">
            <Field
              name="household"
              label={say(lang, WEB_LOANS.household)}
              errors={errors}
              value={values['household']}
              maxlength={64}
              required
            />
            <SelectField
              name="programme"
              label={say(lang, WEB_LOANS.programme)}
              errors={errors}
              options={programmes.map((pr) => ({
                value: pr.id,
                label: lang === 'vi' ? pr.nameVi : pr.nameEn,
              }))}
              value={values['programme']}
            />
            <SelectField
              name="book"
              label={say(lang, WEB_LOANS.book)}
              errors={errors}
              options={books.map((b) => ({
                value: b.code,
                label: `${b.code} · ${lang === 'vi' ? b.nameVi : b.nameEn}`,
              }))}
              value={values['book']}
            />
            <Field
              name="amount"
              label={say(lang, WEB_LOANS.amount)}
              hint={say(lang, WEB_LOANS.amountHint)}
              errors={errors}
              value={values['amount']}
              inputmode="numeric"
              required
            />
            <Field
              name="date"
              label={say(lang, WEB_LOANS.date)}
              errors={errors}
              value={values['date'] || formatDate(todayOf(call))}
              inputmode="numeric"
              required
            />
            <Field
              name="termMonths"
              label={say(lang, WEB_LOANS.termMonths)}
              errors={errors}
              value={values['termMonths']}
              inputmode="numeric"
            />
            <SelectField
              name="source"
              label={say(lang, WEB_LOANS.source)}
              errors={errors}
              options={[{ value: '', label: '—' }, ...CAPITAL_SOURCES.map((c) => ({ value: c, label: c }))]}
              value={values['source']}
            />
            <Field
              name="agreementNo"
              label={say(lang, WEB_LOANS.agreementNo)}
              errors={errors}
              value={values['agreementNo']}
              maxlength={64}
            />
            <Field
              name="purpose"
              label={say(lang, WEB_LOANS.purpose)}
              errors={errors}
              value={values['purpose']}
              maxlength={500}
              class="wide"
            />
          </div>
          <button type="submit">{say(lang, WEB_LOANS.submitApply)}</button>
        </form>
      </>
    ),
  });
}

const applyPolicy = policies.custom(
  'book:write on the book named in the form (a treasurer or admin)',
  async (input) => {
    const book = (input.body as { book?: string } | undefined)?.book;
    if (book === undefined) return 'allow';
    const books = await bookMap(input.deps, input.principal.tenant);
    return decideBook(input.principal.grants, 'write', books.get(book));
  },
  (grants) => grants.some((g) => g.role === 'admin' || g.role === 'treasurer'),
);

export function loanPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/loans/new',
      area: 'loans',
      summary: 'The loan application form',
      query: z.object({ household: s.party.optional() }).strict(),
      policy: applyPolicy,
      handler: (call) =>
        applyForm(call, { household: call.query.household ?? '' }, FormErrors.none(call.lang), 200),
    }),
    page({
      method: 'post',
      path: '/loans/new',
      area: 'loans',
      summary: 'Record a loan application (audited); the loan page follows',
      policy: applyPolicy,
      handler: async (call) => {
        const { lang, deps } = call;
        const form = call.form!;
        const values: Record<string, string> = {};
        for (const k of APPLY_FIELDS) values[k] = (form.get(k) ?? '').trim();
        const refusals: Refusal[] = [];
        const d = parseBusinessDate('date', values['date']);
        if (!d.ok) refusals.push(...d.refusals);
        const a = parseDong('amount', values['amount']);
        if (!a.ok) refusals.push(...a.refusals);
        const term = values['termMonths'] === '' ? undefined : Number(values['termMonths']);
        if (term !== undefined && !Number.isSafeInteger(term))
          refusals.push({
            code: 'type_invalid',
            field: 'termMonths',
            value: values['termMonths'],
            params: { expected: 'integer' },
          });
        const again = (list: readonly Refusal[]) =>
          applyForm(call, values, new FormErrors(list, lang, APPLY_FIELDS), 422);
        if (refusals.length > 0 || !d.ok || !a.ok) return again(refusals);
        const c = call.ctx();
        try {
          const r = await deps.app.audit.write(c, async (tx) => {
            const done = await loansInTx(deps.app.loans, tx).apply(c, {
              programme: values['programme']!,
              book: values['book']!,
              household: values['household']!,
              amount: a.value,
              date: d.value,
              ...(term === undefined ? {} : { termMonths: term }),
              source: values['source'] === '' ? null : values['source']!,
              purpose: values['purpose']!,
              agreementNo: values['agreementNo'] === '' ? null : values['agreementNo']!,
            });
            return {
              value: done,
              audit: [
                { action: 'loan.apply', target: `loan:${done.loan}`, detail: { book: values['book'] } },
              ],
            };
          });
          return call.redirect(loanHref(r.loan));
        } catch (e) {
          if (e instanceof RefusedError) return again(e.refusals);
          throw e;
        }
      },
    }),
    page({
      method: 'get',
      path: '/loans/{loan}',
      area: 'loans',
      summary: 'A loan: position, contract, events; the forms its writer uses next',
      params: LoanParams,
      query: z.object({ asOf: z.string().max(20).optional() }).strict(),
      policy: loanPolicy('read'),
      handler: (call) => loanPage(call),
    }),
    ...(['approve', 'disburse', 'repay'] as const).map((kind) =>
      page({
        method: 'post',
        path: `/loans/{loan}/${kind}`,
        area: 'loans',
        summary: `${kind === 'approve' ? 'Approve' : kind === 'disburse' ? 'Disburse' : 'Take a repayment on'} a loan (maker-checker applies)`,
        params: LoanParams,
        policy: loanPolicy('write'),
        handler: writeHandler(kind),
      }),
    ),
    page({
      method: 'get',
      path: '/loans/{loan}/events/{seq}',
      area: 'loans',
      summary:
        'One event of a loan: a repayment’s allocation and balance after, its entries, receipt to print',
      params: z.object({ loan: z.string().regex(LOAN_ID), seq: z.coerce.number().int().min(1).max(100_000) }),
      query: z.object({ done: z.string().max(2).optional() }).strict(),
      policy: loanPolicy('read'),
      handler: eventPage,
    }),
    page({
      method: 'get',
      path: '/loans/{loan}/schedule',
      area: 'loans',
      summary: 'The repayment schedule, printable',
      params: LoanParams,
      policy: loanPolicy('read'),
      handler: schedulePage,
    }),
    page({
      method: 'get',
      path: '/loans/{loan}/statement',
      area: 'loans',
      summary: 'The loan statement (sao kê), printable',
      params: LoanParams,
      policy: loanPolicy('read'),
      handler: statementPage,
    }),
  ];
}
