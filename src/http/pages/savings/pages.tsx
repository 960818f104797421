/**
 * Savings group pages: the cycles one may read, a cycle's meeting register, the meeting sheet (one
 * screen per meeting, totals and the closing cash check as one types, through htmx; refused whole
 * with every bad line shown), a member's printable passbook, the quarter's indicators.
 */
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import type { MeetingInput, MeetingPreview } from '../../../app/savings/savings.ts';
import { canReadBook } from '../../../domain/access/policy.ts';
import { formatDate, parseBusinessDate } from '../../../domain/dates.ts';
import { formatDong, parseDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import type { MeetingLine } from '../../../domain/savings/meeting.ts';
import { SAVINGS_WEB as W } from '../../../i18n/savings.ts';
import type { Lang } from '../../../i18n/types.ts';
import { WEB } from '../../../i18n/web.ts';
import { type PolicyInput, policies } from '../../registry.ts';
import { readableGroups } from '../../routes/savings.ts';
import { ErrorSummary, Field, FormErrors, formKey, KeyField, newFormKey } from '../forms.tsx';
import { CsrfField, say } from '../layout.tsx';
import { readsSomeBook, todayOf } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';

const CycleParams = z.object({ cycle: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._:/-]{0,63}$/) }).strict();
const FIELDS = [
  'present',
  'shares',
  'social',
  'repayment',
  'serviceCharge',
  'newLoan',
  'fine',
  'grant',
] as const;
type FieldName = (typeof FIELDS)[number];

async function cycleBook(input: PolicyInput): Promise<Array<{ field: string; code: string }>> {
  const id = (input.params as { cycle: string }).cycle;
  const book = await input.deps.app.savings.bookOfCycle({ tenant: input.principal.tenant, actor: '-' }, id);
  return [{ field: 'cycle', code: book ?? '-' }];
}

async function groupBook(input: PolicyInput): Promise<Array<{ field: string; code: string }>> {
  const group = (input.query as { group: string }).group;
  const book = await input.deps.app.savings.bookOfGroup(
    { tenant: input.principal.tenant, actor: '-' },
    group,
  );
  return [{ field: 'group', code: book ?? '-' }];
}

const dong = (n: number, lang: Lang) => formatDong(n, lang);

// --- the meeting sheet ------------------------------------------------------------------------------

interface SheetValues {
  readonly date: string;
  readonly countedLoanFund: string;
  readonly countedSocialFund: string;
  readonly approver: string;
  readonly reason: string;
  readonly rows: ReadonlyArray<{ member: string; name: string } & Record<FieldName, string>>;
}

type Get = (name: string) => string | undefined;

function readSheet(
  get: Get,
  members: ReadonlyArray<{ person: string; fullName: string }>,
  fresh: boolean,
): SheetValues {
  const v = (k: string) => (get(k) ?? '').trim();
  return {
    date: v('date'),
    countedLoanFund: v('countedLoanFund'),
    countedSocialFund: v('countedSocialFund'),
    approver: v('approver'),
    reason: v('reason'),
    rows: members.map((m, i) => {
      const row = Object.fromEntries(FIELDS.map((f) => [f, v(`m[${i}].${f}`)])) as Record<FieldName, string>;
      // A fresh sheet marks everyone present; a submitted one says who was (an unticked box sends nothing).
      if (fresh) row.present = 'on';
      return { member: m.person, name: m.fullName, ...row };
    }),
  };
}

/** The form's values as the service's input, plus the refusals of amounts that do not parse. */
function toInput(cycle: string, v: SheetValues): { input: MeetingInput; refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  const money = (field: string, text: string): number | undefined => {
    if (text === '') return undefined;
    const r = parseDong(field, text);
    if (!r.ok) {
      refusals.push(...r.refusals);
      return undefined;
    }
    return r.value;
  };
  const lines: MeetingLine[] = v.rows.map((r, i) => {
    const at = (f: FieldName) => money(`m[${i}].${f}`, r[f]);
    const sharesText = r.shares;
    let shares: number | undefined;
    if (sharesText !== '') {
      shares = Number(sharesText);
      if (!/^\d{1,3}$/.test(sharesText)) {
        refusals.push({
          code: 'savings_shares_out_of_range',
          field: `m[${i}].shares`,
          value: sharesText,
          params: { max: 5 },
        });
        shares = undefined;
      }
    }
    const loan = at('newLoan');
    const line: Record<string, unknown> = { member: r.member, present: r.present === 'on' };
    if (shares !== undefined) line['shares'] = shares;
    for (const f of ['social', 'repayment', 'serviceCharge', 'fine', 'grant'] as const) {
      const a = at(f);
      if (a !== undefined) line[f] = a;
    }
    if (loan !== undefined && loan > 0) line['newLoan'] = { amount: loan };
    return line as unknown as MeetingLine;
  });
  const date = parseBusinessDate('date', v.date);
  if (!date.ok) refusals.push(...date.refusals);
  const counted = (field: string, text: string) => money(field, text) ?? 0;
  return {
    input: {
      cycle,
      date: date.ok ? date.value : v.date,
      lines,
      countedLoanFund: counted('countedLoanFund', v.countedLoanFund),
      countedSocialFund: counted('countedSocialFund', v.countedSocialFund),
      difference: v.approver !== '' || v.reason !== '' ? { approver: v.approver, reason: v.reason } : null,
    },
    refusals,
  };
}

/** A line's refusal (`shares`, row 3) names the sheet's input (`m[2].shares`). */
function placeRefusals(list: readonly Refusal[]): Refusal[] {
  return list.map((r) => {
    if (r.row === undefined) return r;
    const f = r.field === 'newLoan.amount' || r.field === 'newLoan.termMonths' ? 'newLoan' : r.field;
    const name = (FIELDS as readonly string[]).includes(f)
      ? f
      : f === 'withdrawal' || f === 'member'
        ? 'present'
        : f;
    return { ...r, field: `m[${r.row - 1}].${name}` };
  });
}

function sheetNames(rows: number): string[] {
  const names = ['date', 'countedLoanFund', 'countedSocialFund', 'approver', 'reason', '_key'];
  for (let i = 0; i < rows; i++) for (const f of FIELDS) names.push(`m[${i}].${f}`);
  return names;
}

const CheckPanel: FC<{ lang: Lang; p: MeetingPreview | null; counted: boolean }> = ({ lang, p, counted }) => {
  if (!p) return <span class="muted">{say(lang, W.checkWaiting)}</span>;
  const off = p.loanCashDifference !== 0 || p.socialCashDifference !== 0;
  const lineRefusals = p.refusals.filter((r) => r.code !== 'savings_cash_mismatch');
  return (
    <div class="check" aria-live="polite">
      <p>
        <strong>{say(lang, W.totals, { ...p.totals })}</strong>
      </p>
      <p>{say(lang, W.expected, { loan: p.totals.loanCashExpected, social: p.totals.socialCashExpected })}</p>
      {Object.keys(p.serviceChargeDue).length > 0 ? (
        <p class="muted small">
          {say(lang, W.chargeDue, {
            list: Object.entries(p.serviceChargeDue)
              .map(([m, due]) => `${m} ${dong(due, lang)}`)
              .join(' · '),
          })}
        </p>
      ) : null}
      {Object.keys(p.finesDue).length > 0 ? (
        <p class="muted small">
          {say(lang, W.finesDue, {
            list: Object.entries(p.finesDue)
              .map(([m, due]) => `${m} ${dong(due, lang)}`)
              .join(' · '),
          })}
        </p>
      ) : null}
      {counted ? (
        off ? (
          <p class="bad">
            {say(lang, W.cashOff, { loan: p.loanCashDifference, social: p.socialCashDifference })}
          </p>
        ) : (
          <p class="ok">{say(lang, W.cashOk)}</p>
        )
      ) : null}
      {lineRefusals.length > 0 ? (
        <ul class="small">
          {new FormErrors(placeRefusals(lineRefusals), lang).all.map((r) => (
            <li>
              {r.row !== undefined ? `${say(lang, WEB.line, { n: r.row })}: ` : ''}
              {new FormErrors([r], lang, [r.field]).at(r.field).join('; ') || r.code}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};

async function renderSheet(
  call: PageCall<{ cycle: string }, unknown>,
  v: SheetValues,
  key: string,
  errors: FormErrors,
  status: number,
  preview: MeetingPreview | null,
): Promise<Response> {
  const { lang } = call;
  const cycle = await call.deps.app.savings.cycle(call.readCtx(), call.params.cycle);
  const title = say(lang, W.meetingTitle, { cycle: cycle.id });
  const cell = (i: number, f: FieldName, label: string) => (
    <Field
      name={`m[${i}].${f}`}
      label={label}
      errors={errors}
      value={v.rows[i]![f]}
      inputmode="numeric"
      class="num"
    />
  );
  return call.render({
    title,
    status,
    scripts: ['htmx'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {cycle.groupName} · {say(lang, W.sharePrice)} {dong(cycle.sharePrice, lang)} ·{' '}
          <a href={`/savings/cycles/${cycle.id}`}>{say(lang, W.registerTitle, { cycle: cycle.id })}</a>
        </p>
        <p class="muted small">{say(lang, W.meetingIntro)}</p>
        <ErrorSummary errors={errors} />
        <form
          method="post"
          action={`/savings/cycles/${cycle.id}/meeting`}
          class="card"
          id="meeting-form"
          hx-get={`/savings/cycles/${cycle.id}/meeting/check`}
          hx-trigger="input delay:400ms, change"
          hx-target="#check"
          hx-swap="innerHTML"
          hx-params="not _csrf,_key"
          hx-sync="this:replace"
        >
          <CsrfField token={call.me().csrfToken} />
          <KeyField value={key} />
          <div class="filters">
            <Field
              name="date"
              label={say(lang, W.date)}
              errors={errors}
              value={v.date}
              inputmode="numeric"
              placeholder={say(lang, WEB.datePlaceholder)}
              required
            />
          </div>
          <div class="lines">
            {v.rows.map((r, i) => (
              <fieldset>
                <legend>
                  {i + 1}. {r.name} <span class="muted small">({r.member})</span>
                </legend>
                <div class="line-grid">
                  <div>
                    <label for={`present-${i}`}>{say(lang, W.present)}</label>
                    <input
                      id={`present-${i}`}
                      type="checkbox"
                      name={`m[${i}].present`}
                      checked={r.present === 'on'}
                    />
                  </div>
                  {cell(i, 'shares', say(lang, W.shares))}
                  {cell(i, 'social', say(lang, W.social))}
                  {cell(i, 'repayment', say(lang, W.repayment))}
                  {cell(i, 'serviceCharge', say(lang, W.serviceCharge))}
                  {cell(i, 'newLoan', say(lang, W.newLoan))}
                  {cell(i, 'fine', say(lang, W.fine))}
                  {cell(i, 'grant', say(lang, W.grant))}
                </div>
              </fieldset>
            ))}
          </div>
          <div class="filters">
            <Field
              name="countedLoanFund"
              label={say(lang, W.loanFund)}
              errors={errors}
              value={v.countedLoanFund}
              inputmode="numeric"
              required
            />
            <Field
              name="countedSocialFund"
              label={say(lang, W.socialFund)}
              errors={errors}
              value={v.countedSocialFund}
              inputmode="numeric"
              required
            />
            <Field
              name="approver"
              label={say(lang, W.approver)}
              errors={errors}
              value={v.approver}
              maxlength={200}
            />
            <Field
              name="reason"
              label={say(lang, W.reason)}
              errors={errors}
              value={v.reason}
              maxlength={200}
              class="wide"
            />
          </div>
          <div id="check">
            <CheckPanel
              lang={lang}
              p={preview}
              counted={v.countedLoanFund !== '' || v.countedSocialFund !== ''}
            />
          </div>
          <div class="actions">
            <button type="submit" id="record-meeting">
              {say(lang, W.submit)}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

async function preview(call: PageCall, input: MeetingInput): Promise<MeetingPreview | null> {
  try {
    return await call.deps.app.savings.previewMeeting(call.readCtx(), input);
  } catch (e) {
    if (e instanceof RefusedError) return null;
    throw e;
  }
}

// --- the other pages ----------------------------------------------------------------------------------

async function cyclesPage(call: PageCall): Promise<Response> {
  const { lang } = call;
  const p = call.me();
  const books = new Map((await call.deps.app.ledger.books(call.readCtx())).map((b) => [b.code, b]));
  const cycles = (await call.deps.app.savings.cycles(call.readCtx())).filter((c) => {
    const b = books.get(c.book);
    return b !== undefined && canReadBook(p.grants, { code: b.code, organisation: b.organisation });
  });
  return call.render({
    title: say(lang, W.cyclesTitle),
    body: (
      <>
        <h1>{say(lang, W.cyclesTitle)}</h1>
        <p class="actions no-print">
          <a href="/savings/indicators">{say(lang, W.indicatorsLink)}</a>
        </p>
        {cycles.length === 0 ? (
          <p class="note">{say(lang, W.noCycles)}</p>
        ) : (
          <div class="card scroll">
            <table>
              <thead>
                <tr>
                  <th>{say(lang, W.cycle)}</th>
                  <th>{say(lang, W.group)}</th>
                  <th>{say(lang, W.started)}</th>
                  <th class="num">{say(lang, W.sharePrice)}</th>
                  <th class="num">{say(lang, W.meetings)}</th>
                  <th>{say(lang, W.sharedOut)}</th>
                </tr>
              </thead>
              <tbody>
                {cycles.map((c) => (
                  <tr>
                    <td>
                      <a href={`/savings/cycles/${c.id}`}>{c.id}</a>
                    </td>
                    <td>{c.groupName}</td>
                    <td>{formatDate(c.startedOn)}</td>
                    <td class="num">{dong(c.sharePrice, lang)}</td>
                    <td class="num">{c.meetings}</td>
                    <td>{c.sharedOutOn ? formatDate(c.sharedOutOn) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  });
}

async function registerPage(call: PageCall<{ cycle: string }, { recorded?: string }>): Promise<Response> {
  const { lang } = call;
  const r = await call.deps.app.savings.register(call.readCtx(), call.params.cycle);
  const c = r.cycle;
  const members = await call.deps.app.savings.sheetMembers(call.readCtx(), c.id, todayOf(call));
  const title = say(lang, W.registerTitle, { cycle: c.id });
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {c.groupName} · {say(lang, W.sharePrice)} {dong(c.sharePrice, lang)} · {say(lang, W.started)}{' '}
          {formatDate(c.startedOn)}
        </p>
        {call.query.recorded ? (
          <p class="ok" role="status">
            {say(lang, W.recorded, { n: call.query.recorded })}
          </p>
        ) : null}
        <p class="actions no-print">
          {c.sharedOutOn === null ? (
            <a href={`/savings/cycles/${c.id}/meeting`}>{say(lang, W.newMeeting)}</a>
          ) : null}
          <button type="button" class="secondary" data-print>
            {say(lang, W.print)}
          </button>
        </p>
        <div class="card scroll">
          <table>
            <thead>
              <tr>
                <th class="num">{say(lang, W.no)}</th>
                <th>{say(lang, W.date)}</th>
                <th class="num">{say(lang, W.present)}</th>
                <th class="num">{say(lang, W.shares)}</th>
                <th class="num">{say(lang, W.social)}</th>
                <th class="num">{say(lang, W.repayment)}</th>
                <th class="num">{say(lang, W.serviceCharge)}</th>
                <th class="num">{say(lang, W.newLoan)}</th>
                <th class="num">{say(lang, W.fine)}</th>
                <th class="num">{say(lang, W.absenceFine)}</th>
                <th class="num">{say(lang, W.grant)}</th>
                <th class="num">{say(lang, W.loanFund)}</th>
                <th class="num">{say(lang, W.socialFund)}</th>
                <th>{say(lang, W.difference)}</th>
              </tr>
            </thead>
            <tbody>
              {r.meetings.map((m) => (
                <tr>
                  <td class="num">{m.number}</td>
                  <td>{formatDate(m.date)}</td>
                  <td class="num">{m.totals.present}</td>
                  <td class="num">{m.totals.shares}</td>
                  <td class="num">{dong(m.totals.social, lang)}</td>
                  <td class="num">{dong(m.totals.repayment, lang)}</td>
                  <td class="num">{dong(m.totals.serviceCharge, lang)}</td>
                  <td class="num">{dong(m.totals.newLoans, lang)}</td>
                  <td class="num">{dong(m.totals.fines, lang)}</td>
                  <td class="num">{dong(m.totals.absenceFines, lang)}</td>
                  <td class="num">{dong(m.totals.grants, lang)}</td>
                  <td class="num">{dong(m.countedLoanFund, lang)}</td>
                  <td class="num">{dong(m.countedSocialFund, lang)}</td>
                  <td>
                    {m.difference
                      ? `${dong(m.difference.loanFund, lang)} / ${dong(m.difference.socialFund, lang)} – ${m.difference.reason} (${m.difference.approver})`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>{say(lang, W.passbook)}</h2>
        <ul class="no-print">
          {members.map((m) => (
            <li>
              <a
                href={`/savings/passbook?group=${encodeURIComponent(c.group)}&person=${encodeURIComponent(m.person)}`}
              >
                {m.fullName}
              </a>
            </li>
          ))}
        </ul>
      </>
    ),
  });
}

async function passbookPage(call: PageCall<unknown, { group: string; person: string }>): Promise<Response> {
  const { lang } = call;
  const pb = await call.deps.app.savings.passbook(call.readCtx(), call.query);
  const title = say(lang, W.passbookTitle, { name: pb.fullName });
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <p class="sub">
          {pb.groupName} · {pb.person}
        </p>
        <p class="actions no-print">
          <button type="button" class="secondary" data-print>
            {say(lang, W.print)}
          </button>
        </p>
        <div class="card scroll">
          <table>
            <thead>
              <tr>
                <th>{say(lang, W.date)}</th>
                <th>{say(lang, W.cycle)}</th>
                <th class="num">{say(lang, W.shares)}</th>
                <th class="num">{say(lang, W.social)}</th>
                <th class="num">{say(lang, W.newLoan)}</th>
                <th class="num">{say(lang, W.repayment)}</th>
                <th class="num">{say(lang, W.serviceCharge)}</th>
                <th class="num">{say(lang, W.fine)}</th>
                <th class="num">{say(lang, W.absenceFine)}</th>
                <th class="num">{say(lang, W.finesOwed)}</th>
                <th class="num">{say(lang, W.total)}</th>
                <th class="num">{say(lang, W.savings)}</th>
                <th class="num">{say(lang, W.owed)}</th>
              </tr>
            </thead>
            <tbody>
              {pb.lines.map((l) => (
                <tr>
                  <td>{formatDate(l.date)}</td>
                  <td>
                    {l.cycle} / {l.meeting}
                  </td>
                  <td class="num">{l.shares}</td>
                  <td class="num">{dong(l.social, lang)}</td>
                  <td class="num">{dong(l.newLoan, lang)}</td>
                  <td class="num">{dong(l.repayment, lang)}</td>
                  <td class="num">{dong(l.serviceCharge, lang)}</td>
                  <td class="num">{dong(l.fine, lang)}</td>
                  <td class="num">{dong(l.absenceFine, lang)}</td>
                  <td class="num">{dong(l.finesOwed, lang)}</td>
                  <td class="num">{l.sharesTotal}</td>
                  <td class="num">{dong(l.shareSavings, lang)}</td>
                  <td class="num">{dong(l.loanOutstanding, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pb.shareOuts.length > 0 ? (
          <>
            <h2>{say(lang, W.shareOuts)}</h2>
            <ul>
              {pb.shareOuts.map((s) => (
                <li>
                  {s.cycle} · {formatDate(s.date)} · {s.shares} · {dong(s.amount, lang)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </>
    ),
  });
}

function currentQuarter(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

async function indicatorsPage(call: PageCall<unknown, { quarter?: string }>): Promise<Response> {
  const { lang } = call;
  const p = call.me();
  const quarter = call.query.quarter ?? currentQuarter(todayOf(call));
  const r = await call.deps.app.savings.indicators(call.readCtx(), { quarter });
  const readable = await readableGroups(call.deps, p);
  const groups = r.groups.filter((g) => readable.has(g.key));
  const orgs = r.organisations.filter((o) =>
    r.groups.filter((g) => g.organisation === o.key).every((g) => readable.has(g.key)),
  );
  const title = say(lang, W.indicatorsTitle, { quarter });
  const row = (g: (typeof r.groups)[number]) => (
    <tr>
      <td>{g.name}</td>
      <td class="num">{g.members}</td>
      <td class="num">{g.womenPct ?? '—'}</td>
      <td class="num">{g.attendancePct ?? '—'}</td>
      <td class="num">{dong(g.savings, lang)}</td>
      <td class="num">{dong(g.loansOutstanding, lang)}</td>
      <td class="num">{g.par30Pct ?? '—'}</td>
      <td class="num">{g.roaAnnualisedPct ?? '—'}</td>
      <td class="num">{dong(g.socialFund, lang)}</td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th>{say(lang, W.group)}</th>
        <th class="num">{say(lang, W.members)}</th>
        <th class="num">{say(lang, W.women)}</th>
        <th class="num">{say(lang, W.attendance)}</th>
        <th class="num">{say(lang, W.savings)}</th>
        <th class="num">{say(lang, W.loans)}</th>
        <th class="num">{say(lang, W.par)}</th>
        <th class="num">{say(lang, W.roa)}</th>
        <th class="num">{say(lang, W.socialBalance)}</th>
      </tr>
    </thead>
  );
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <h1>{title}</h1>
        <form method="get" action="/savings/indicators" class="filters no-print">
          <div>
            <label for="quarter">{say(lang, W.quarter)}</label>
            <input id="quarter" name="quarter" value={quarter} maxlength={7} />
          </div>
          <div class="actions">
            <button type="submit">{say(lang, W.show)}</button>
            <button type="button" class="secondary" data-print>
              {say(lang, W.print)}
            </button>
          </div>
        </form>
        <div class="card scroll">
          <table>
            {head}
            <tbody>{groups.map(row)}</tbody>
          </table>
        </div>
        <h2>{say(lang, W.byOrganisation)}</h2>
        <div class="card scroll">
          <table>
            {head}
            <tbody>{orgs.map(row)}</tbody>
          </table>
        </div>
      </>
    ),
  });
}

const CheckQuery = z
  .record(z.string().max(40), z.string().max(200))
  .refine((o) => Object.keys(o).length <= 8 + FIELDS.length * 60, 'too many fields');

export function savingsPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/savings',
      area: 'savings',
      summary: 'Savings groups and their cycles (readable books only)',
      policy: policies.readableBooks(),
      nav: { label: W.nav, order: 60, visible: readsSomeBook },
      handler: cyclesPage,
    }),
    page({
      method: 'get',
      path: '/savings/cycles/{cycle}',
      area: 'savings',
      summary: 'A cycle’s meeting register (printable)',
      params: CycleParams,
      query: z.object({ recorded: z.string().max(4).optional() }).strict(),
      policy: policies.books('read', cycleBook),
      handler: registerPage,
    }),
    page({
      method: 'get',
      path: '/savings/cycles/{cycle}/meeting',
      area: 'savings',
      summary: 'The meeting sheet: one line per member, totals and the closing cash check as one types',
      params: CycleParams,
      policy: policies.books('write', cycleBook),
      handler: async (call) => {
        const today = todayOf(call);
        const members = await call.deps.app.savings.sheetMembers(call.readCtx(), call.params.cycle, today);
        const v = { ...readSheet(() => undefined, members, true), date: formatDate(today) };
        return renderSheet(call, v, newFormKey(), FormErrors.none(call.lang), 200, null);
      },
    }),
    page({
      method: 'get',
      path: '/savings/cycles/{cycle}/meeting/check',
      area: 'savings',
      summary:
        'The meeting sheet’s live check (an htmx fragment): totals, expected cash, differences, refusals',
      params: CycleParams,
      query: CheckQuery,
      policy: policies.books('write', cycleBook),
      handler: async (call) => {
        const get: Get = (k) => (call.query as Record<string, string>)[k];
        const date = parseBusinessDate('date', get('date') ?? '');
        const members = await call.deps.app.savings.sheetMembers(
          call.readCtx(),
          call.params.cycle,
          date.ok ? date.value : todayOf(call),
        );
        const v = readSheet(get, members, false);
        const { input } = toInput(call.params.cycle, v);
        const p = await preview(call, input);
        const counted = v.countedLoanFund !== '' || v.countedSocialFund !== '';
        return call.c.html(await String(<CheckPanel lang={call.lang} p={p} counted={counted} />));
      },
    }),
    page({
      method: 'post',
      path: '/savings/cycles/{cycle}/meeting',
      area: 'savings',
      summary: 'Record the meeting sheet whole, or show it again with every bad line',
      params: CycleParams,
      policy: policies.books('write', cycleBook),
      handler: async (call) => {
        const form = call.form!;
        const get: Get = (k) => form.get(k) ?? undefined;
        const date = parseBusinessDate('date', get('date') ?? '');
        const members = await call.deps.app.savings.sheetMembers(
          call.readCtx(),
          call.params.cycle,
          date.ok ? date.value : todayOf(call),
        );
        const v = readSheet(get, members, false);
        const key = form.get('_key') ?? newFormKey();
        const { input, refusals } = toInput(call.params.cycle, v);
        const names = sheetNames(v.rows.length);
        const refuse = async (list: readonly Refusal[], nextKey = key) =>
          renderSheet(
            call,
            v,
            nextKey,
            new FormErrors(placeRefusals(list), call.lang, names),
            422,
            await preview(call, input),
          );
        if (refusals.length > 0) return refuse(refusals);
        const idempotencyKey = formKey(form);
        if (!idempotencyKey)
          return refuse(
            [{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }],
            newFormKey(),
          );
        try {
          const ctx = call.ctx();
          const r = await call.deps.app.audit.write(ctx, async (tx) => {
            const value = await call.deps.app.savings.recordMeetingInTx(tx, ctx, {
              ...input,
              idempotencyKey,
            });
            return {
              value,
              audit: [
                {
                  action: 'savings.meeting',
                  target: `cycle:${value.cycle}`,
                  detail: { number: value.number, date: value.date, entries: value.entries.join(' ') },
                },
              ],
            };
          });
          return call.redirect(`/savings/cycles/${r.cycle}?recorded=${r.number}`);
        } catch (e) {
          if (e instanceof RefusedError) {
            if (e.refusals.some((x) => x.code === 'idempotency_key_reused'))
              return refuse([{ code: 'form_key_used', field: '_key', value: null }], newFormKey());
            return refuse(e.refusals);
          }
          throw e;
        }
      },
    }),
    page({
      method: 'get',
      path: '/savings/passbook',
      area: 'savings',
      summary: 'A member’s passbook (printable)',
      query: z.object({ group: z.string().max(64), person: z.string().max(64) }).strict(),
      policy: policies.books('read', groupBook),
      handler: passbookPage,
    }),
    page({
      method: 'get',
      path: '/savings/indicators',
      area: 'savings',
      summary: 'Quarterly SAVIX-style indicators per group and organisation (readable groups only)',
      query: z.object({ quarter: z.string().max(7).optional() }).strict(),
      policy: policies.readableBooks(),
      handler: indicatorsPage,
    }),
  ];
}
