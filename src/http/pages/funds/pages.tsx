/**
 * Charity and relief funds on the web: the list, a fund's page, the donation form with its
 * printable receipt (phiếu thu), the aid and transfer proposals (approved on /approvals) with
 * their printable vouchers (phiếu chi), the signed-in disclosure report, and the public
 * disclosure page, which needs no sign-in and shows that report and nothing else.
 */
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import { fingerprint } from '../../../app/audit/audit-log.ts';
import type { DonationView, FundView, SpendingView } from '../../../app/funds/funds.ts';
import { decideBook } from '../../../domain/access/policy.ts';
import { formatDate, parts } from '../../../domain/dates.ts';
import { AID_PURPOSES, DONOR_KINDS, MONEY_FORMS } from '../../../domain/funds/rules.ts';
import { formatDong, groupDigits } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import { amountInWordsVi } from '../../../domain/words.ts';
import { FUNDS_WEB, fundsWord } from '../../../i18n/funds.ts';
import { PAGES } from '../../../i18n/server.ts';
import type { Lang } from '../../../i18n/types.ts';
import { WEB } from '../../../i18n/web.ts';
import { HttpError } from '../../errors.ts';
import { policies, s } from '../../registry.ts';
import { fundParam, publicDisclosure } from '../../routes/funds.ts';
import { SOQUY_JS_HREF, STYLESHEET_HREF } from '../assets.ts';
import { entryHref, qs } from '../components.tsx';
import {
  ErrorSummary,
  Field,
  FormErrors,
  formKey,
  Group,
  KeyField,
  newFormKey,
  SelectField,
} from '../forms.tsx';
import { CsrfField, otherLanguageHref, renderPage, say } from '../layout.tsx';
import { readableBookMap, readsSomeBook, todayOf } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';
import { DisclosureBody as DisclosureBodyLazy } from './disclosure.tsx';

const FundParams = z.object({ fund: s.slug });
type FundParams = z.infer<typeof FundParams>;
const NoParams = z.object({ fund: s.slug, no: z.coerce.number().int().min(1).max(1_000_000_000) });
type NoParams = z.infer<typeof NoParams>;
const Range = z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional() }).strict();
type Range = z.infer<typeof Range>;

function t(lang: Lang, k: keyof typeof FUNDS_WEB, p: Record<string, unknown> = {}): string {
  return say(lang, FUNDS_WEB[k], p);
}

export function fundHref(fund: string, rest = ''): string {
  return `/funds/${encodeURIComponent(fund)}${rest}`;
}

async function fundOf(call: PageCall, id: string) {
  try {
    return await call.deps.app.funds.fund(call.readCtx(), id);
  } catch (e) {
    if (e instanceof RefusedError) throw new HttpError(404, 'not_found');
    throw e;
  }
}

function mayWrite(call: PageCall, f: FundView): boolean {
  return decideBook(call.me().grants, 'write', { code: f.book, organisation: f.organisation }) === 'allow';
}

function fundName(f: Pick<FundView, 'nameVi' | 'nameEn'>, lang: Lang): string {
  return lang === 'vi' ? f.nameVi : f.nameEn;
}

// --- list and fund page -----------------------------------------------------------------------------

async function listPage(call: PageCall): Promise<Response> {
  const { lang, deps } = call;
  const readable = await readableBookMap(deps, call.me());
  const funds = (await deps.app.funds.funds(call.readCtx())).filter((f) => readable.has(f.book));
  const title = t(lang, 'listTitle');
  return call.render({
    title,
    body: (
      <>
        <h1>{title}</h1>
        {funds.length === 0 ? (
          <p class="muted">{t(lang, 'noFunds')}</p>
        ) : (
          <div class="card scroll">
            <table>
              <thead>
                <tr>
                  <th>{say(lang, WEB.book)}</th>
                  <th>{t(lang, 'purpose')}</th>
                  <th>{t(lang, 'period')}</th>
                  <th class="num">{t(lang, 'balance')}</th>
                </tr>
              </thead>
              <tbody>
                {funds.map((f) => (
                  <tr>
                    <td>
                      <a href={fundHref(f.id)}>{fundName(f, lang)}</a>
                      <span class="muted small"> · {fundsWord(f.kind, lang)}</span>
                    </td>
                    <td>{f.purpose}</td>
                    <td>
                      {formatDate(f.opensOn)} – {formatDate(f.closesOn)}{' '}
                      <span class="muted small">{t(lang, f.open ? 'open' : 'closed')}</span>
                    </td>
                    <td class="num">{formatDong(f.balanceDong, lang)}</td>
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

async function fundPage(call: PageCall<FundParams, unknown>): Promise<Response> {
  const { lang, deps, params } = call;
  const f = await fundOf(call, params.fund);
  const donations = await deps.app.funds.donations(call.readCtx(), f.id);
  const spendings = await deps.app.funds.spendings(call.readCtx(), f.id);
  const write = mayWrite(call, f);
  const w = (k: string) => fundsWord(k, lang);
  return call.render({
    title: fundName(f, lang),
    body: (
      <>
        <h1>{fundName(f, lang)}</h1>
        <p class="actions no-print">
          {write ? <a href={fundHref(f.id, '/donate')}>{t(lang, 'donate')}</a> : null}
          {write ? <a href={fundHref(f.id, '/spend')}>{t(lang, 'spend')}</a> : null}
          <a href={fundHref(f.id, '/disclosure')}>{t(lang, 'disclosure')}</a>
          <a href={`/public/${call.me().tenant}/funds/${f.id}`}>{t(lang, 'publicLink')}</a>
        </p>
        <dl class="kv card">
          <dt>{t(lang, 'purpose')}</dt>
          <dd>{f.purpose}</dd>
          <dt>{t(lang, 'restricted')}</dt>
          <dd>{f.restrictedPurposes.map(w).join(', ') || t(lang, 'unrestricted')}</dd>
          <dt>{t(lang, 'period')}</dt>
          <dd>
            {formatDate(f.opensOn)} – {formatDate(f.closesOn)} ({t(lang, f.open ? 'open' : 'closed')})
          </dd>
          {f.householdId ? (
            <>
              <dt>{t(lang, 'household')}</dt>
              <dd>
                {f.householdId} ({f.shockId})
              </dd>
            </>
          ) : null}
          <dt>{t(lang, 'received')}</dt>
          <dd class="num">{formatDong(f.receivedDong, lang)}</dd>
          <dt>{t(lang, 'spent')}</dt>
          <dd class="num">{formatDong(f.spentDong, lang)}</dd>
          <dt>{t(lang, 'balance')}</dt>
          <dd class="num" data-balance>
            {formatDong(f.balanceDong, lang)}
          </dd>
        </dl>
        {f.phases.length > 0 ? (
          <p>
            {t(lang, 'phases')}:{' '}
            {f.phases
              .map((p) => `${p.phaseNo}. ${p.name} (${formatDate(p.startsOn)} – ${formatDate(p.endsOn)})`)
              .join('; ')}
          </p>
        ) : null}
        {f.points.length > 0 ? (
          <p>
            {t(lang, 'points')}: {f.points.map((p) => p.name).join(', ')}
          </p>
        ) : null}
        <h2>{t(lang, 'donations')}</h2>
        <div class="card scroll">
          <table>
            <thead>
              <tr>
                <th>{t(lang, 'receipt')}</th>
                <th>{say(lang, WEB.date)}</th>
                <th>{t(lang, 'donor')}</th>
                <th>{t(lang, 'form')}</th>
                <th class="num">{say(lang, WEB.amount)}</th>
              </tr>
            </thead>
            <tbody>
              {donations
                .slice(-200)
                .reverse()
                .map((d) => (
                  <tr>
                    <td>
                      <a href={fundHref(f.id, `/receipts/${d.receiptNo}`)}>{d.documentNo}</a>
                    </td>
                    <td>{formatDate(d.date)}</td>
                    <td>
                      {d.donorName ?? w('anonymous')}
                      {d.anonymous && d.donorName ? (
                        <span class="muted small"> ({w('anonymous')})</span>
                      ) : null}
                    </td>
                    <td>{d.inKindDescription ? `${w(d.form)}: ${d.inKindDescription}` : w(d.form)}</td>
                    <td class="num">{formatDong(d.amountDong, lang)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        <h2>{t(lang, 'spendings')}</h2>
        <div class="card scroll">
          <table>
            <thead>
              <tr>
                <th>{t(lang, 'voucher')}</th>
                <th>{say(lang, WEB.date)}</th>
                <th>{t(lang, 'purpose')}</th>
                <th>
                  {t(lang, 'household')} / {t(lang, 'recipient')}
                </th>
                <th class="num">{say(lang, WEB.amount)}</th>
              </tr>
            </thead>
            <tbody>
              {spendings
                .slice(-200)
                .reverse()
                .map((x) => (
                  <tr>
                    <td>
                      <a href={fundHref(f.id, `/vouchers/${x.voucherNo}`)}>{x.documentNo}</a>
                    </td>
                    <td>{formatDate(x.date)}</td>
                    <td>{w(x.purpose)}</td>
                    <td>{x.household ?? x.recipient}</td>
                    <td class="num">{formatDong(x.amountDong, lang)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </>
    ),
  });
}

// --- donation form and receipt -------------------------------------------------------------------------

const DONATION_FIELDS = [
  'date',
  'donorKind',
  'donorName',
  'donorIdNo',
  'donorAddress',
  'anonymous',
  'form',
  'amount',
  'inKindDescription',
  'point',
  'phase',
  'receiptNo',
  'memo',
] as const;

function options(lang: Lang, list: readonly string[], blank = false) {
  return [
    ...(blank ? [{ value: '', label: '—' }] : []),
    ...list.map((v) => ({ value: v, label: fundsWord(v, lang) })),
  ];
}

async function donatePage(
  call: PageCall<FundParams, unknown>,
  state: { values: Record<string, string>; key: string; errors: FormErrors } | undefined = undefined,
): Promise<Response> {
  const { lang, params } = call;
  const f = await fundOf(call, params.fund);
  const values = state?.values ?? { date: formatDate(todayOf(call)), donorKind: 'person', form: 'cash' };
  const errors = state?.errors ?? FormErrors.none(lang);
  const title = `${t(lang, 'donate')}: ${fundName(f, lang)}`;
  const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <Field name={name} label={label} errors={errors} value={values[name]} {...extra} />
  );
  return call.render({
    title,
    status: errors.count > 0 ? 422 : 200,
    body: (
      <>
        <h1>{title}</h1>
        <ErrorSummary errors={errors} />
        <form method="post" action={fundHref(f.id, '/donate')} class="card">
          <CsrfField token={call.me().csrfToken} />
          <KeyField value={state?.key ?? newFormKey()} />
          <div class="filters">
            {field('date', say(lang, WEB.date), {
              inputmode: 'numeric',
              placeholder: say(lang, WEB.datePlaceholder),
              required: true,
            })}
            <SelectField
              name="donorKind"
              label={t(lang, 'donor')}
              errors={errors}
              options={options(lang, DONOR_KINDS)}
              value={values['donorKind']}
            />
            {field('donorName', say(lang, { vi: 'Họ tên, tên đơn vị', en: 'Name' }), {
              class: 'wide',
              maxlength: 200,
            })}
            {field('donorIdNo', say(lang, { vi: 'Số CCCD', en: 'ID number' }), { maxlength: 20 })}
            {field('donorAddress', say(lang, { vi: 'Địa chỉ', en: 'Address' }), {
              class: 'wide',
              maxlength: 200,
            })}
            <div>
              <label for="f-anonymous">
                <input
                  id="f-anonymous"
                  type="checkbox"
                  name="anonymous"
                  value="1"
                  checked={values['anonymous'] === '1'}
                />{' '}
                {say(lang, { vi: 'Không công khai tên', en: 'Do not disclose the name' })}
                <span class="hint">{t(lang, 'anonymousHint')}</span>
              </label>
            </div>
            <SelectField
              name="form"
              label={t(lang, 'form')}
              errors={errors}
              options={options(lang, MONEY_FORMS)}
              value={values['form']}
            />
            {field('amount', say(lang, WEB.amount), {
              inputmode: 'numeric',
              required: true,
              placeholder: '1.000.000',
            })}
            {field('inKindDescription', t(lang, 'goods'), {
              class: 'wide',
              maxlength: 500,
              hint: t(lang, 'goodsHint'),
            })}
            {f.points.length > 0 ? (
              <SelectField
                name="point"
                label={t(lang, 'points')}
                errors={errors}
                options={[
                  { value: '', label: '—' },
                  ...f.points.map((p) => ({ value: p.id, label: p.name })),
                ]}
                value={values['point']}
              />
            ) : null}
            {f.phases.length > 0 ? (
              <SelectField
                name="phase"
                label={t(lang, 'phases')}
                errors={errors}
                options={[
                  { value: '', label: '—' },
                  ...f.phases.map((p) => ({ value: String(p.phaseNo), label: p.name })),
                ]}
                value={values['phase']}
              />
            ) : null}
            {field('receiptNo', t(lang, 'receipt'), { inputmode: 'numeric', hint: t(lang, 'receiptNoHint') })}
            {field('memo', say(lang, WEB.memo), { class: 'wide', maxlength: 500 })}
          </div>
          <button type="submit">{t(lang, 'submitDonation')}</button>
        </form>
      </>
    ),
  });
}

function formValues(form: URLSearchParams, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = (form.get(n) ?? '').trim();
  return out;
}

function blankToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

async function donatePost(call: PageCall<FundParams, unknown>): Promise<Response> {
  const { lang, deps, params } = call;
  const form = call.form!;
  const values = formValues(form, DONATION_FIELDS);
  const key = form.get('_key') ?? newFormKey();
  const again = (refusals: readonly Refusal[], nextKey = key) =>
    donatePage(call, {
      values,
      key: nextKey,
      errors: new FormErrors(refusals, lang, [...DONATION_FIELDS, '_key']),
    });
  await fundOf(call, params.fund);
  const idempotencyKey = formKey(form);
  if (!idempotencyKey)
    return again(
      [{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }],
      newFormKey(),
    );
  const input = {
    fund: params.fund,
    date: values['date'],
    donorKind: values['donorKind'],
    donorName: blankToUndefined(values['donorName']),
    donorIdNo: blankToUndefined(values['donorIdNo']),
    donorAddress: blankToUndefined(values['donorAddress']),
    anonymous: values['anonymous'] === '1',
    form: values['form'],
    amount: values['amount'],
    inKindDescription: blankToUndefined(values['inKindDescription']),
    point: blankToUndefined(values['point']),
    phase: blankToUndefined(values['phase']),
    receiptNo: blankToUndefined(values['receiptNo']),
    memo: blankToUndefined(values['memo']),
  };
  try {
    const reply = await deps.app.audit.perform(
      call.ctx(),
      {
        key: idempotencyKey,
        requestHash: fingerprint({
          route: 'POST /funds/{fund}/donate',
          user: call.me().username,
          body: input,
        }),
      },
      deps.app.funds.donateWork(call.ctx(), { ...input, idempotencyKey }),
    );
    const d = reply.body as DonationView;
    return call.redirect(fundHref(params.fund, `/receipts/${d.receiptNo}?done=1`));
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    if (e.refusals.some((r) => r.code === 'idempotency_key_reused'))
      return again([{ code: 'form_key_used', field: '_key', value: null }], newFormKey());
    return again(e.refusals);
  }
}

function dateLine(date: string): string {
  const { year, month, day } = parts(date);
  return `Ngày ${String(day).padStart(2, '0')} tháng ${String(month).padStart(2, '0')} năm ${year}`;
}

const Dots: FC<{ text?: string | null | undefined }> = ({ text }) => <span class="dots">{text ?? ''}</span>;

/** Forms C40-BB (phiếu thu) and C41-BB (phiếu chi) for a fund. Vietnamese: a legal form. */
const FundDocument: FC<{
  kind: 'receipt' | 'voucher';
  unit: string;
  commune: string;
  fund: FundView;
  documentNo: string;
  date: string;
  person: string | null;
  address: string | null;
  reason: string;
  amountDong: number;
  entry: string;
  note?: string | undefined;
}> = (p) => {
  const receipt = p.kind === 'receipt';
  const words = amountInWordsVi(p.amountDong);
  const signs = receipt
    ? ['Thủ trưởng đơn vị', 'Kế toán trưởng', 'Người nộp tiền', 'Người lập phiếu', 'Thủ quỹ']
    : ['Thủ trưởng đơn vị', 'Kế toán trưởng', 'Người lập', 'Thủ quỹ', 'Người nhận tiền'];
  const [book, seq] = p.entry.split('#');
  return (
    <section class="doc" data-form={receipt ? 'C40-BB' : 'C41-BB'} lang="vi">
      <div class="head">
        <div>
          <p>
            Đơn vị: <strong>{p.unit}</strong>
          </p>
          <p>{p.commune}</p>
        </div>
        <div class="form-no">
          <strong>Mẫu số {receipt ? 'C40-BB' : 'C41-BB'}</strong>
          <br />
          {WEB.formLegalRef.vi}
        </div>
      </div>
      <h1>{receipt ? 'PHIẾU THU' : 'PHIẾU CHI'}</h1>
      <p class="dateline">{dateLine(p.date)}</p>
      <dl class="kv refs">
        <dt>Quỹ:</dt>
        <dd>{p.fund.nameVi}</dd>
        <dt>Số:</dt>
        <dd data-doc-no>{p.documentNo}</dd>
      </dl>
      <p>
        {receipt ? 'Họ và tên người nộp tiền: ' : 'Họ và tên người nhận tiền: '}
        <Dots text={p.person} />
      </p>
      <p>
        Địa chỉ: <Dots text={p.address} />
      </p>
      <p>
        {receipt ? 'Lý do nộp: ' : 'Lý do chi: '}
        {p.reason}
      </p>
      <p>
        Số tiền: <strong data-amount>{groupDigits(p.amountDong, '.')} đồng</strong>
        {p.note ? ` (${p.note})` : ''}
      </p>
      <p>
        (Viết bằng chữ):{' '}
        <strong class="words" data-words>
          {words}
        </strong>
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
      <p class="small muted">
        Bút toán <a href={entryHref(book!, Number(seq))}>{p.entry}</a>
      </p>
    </section>
  );
};

async function unitOf(call: PageCall, f: FundView): Promise<{ unit: string; commune: string }> {
  const tenant = call.me().tenant;
  const commune = (await call.deps.app.ledger.tenants()).find((x) => x.id === tenant)?.name ?? tenant;
  const org = f.organisation
    ? (await call.deps.app.ledger.organisations(call.readCtx())).find((o) => o.id === f.organisation)
    : undefined;
  return { unit: org?.nameVi ?? f.nameVi, commune };
}

async function receiptPage(call: PageCall<NoParams, { done?: string }>): Promise<Response> {
  const { lang, deps, params } = call;
  let r: { fund: FundView; donation: DonationView };
  try {
    r = await deps.app.funds.receipt(call.readCtx(), params.fund, params.no);
  } catch (e) {
    if (e instanceof RefusedError) throw new HttpError(404, 'not_found');
    throw e;
  }
  const d = r.donation;
  const title = `${t(lang, 'receipt')} ${d.documentNo}`;
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <div class="no-print">
          <h1>{title}</h1>
          {call.query.done ? (
            <p class="ok" role="status">
              {say(lang, { vi: 'Đã ghi nhận ủng hộ.', en: 'Donation recorded.' })}
            </p>
          ) : null}
          <p class="actions">
            <button type="button" data-print>
              {say(lang, WEB.print)}
            </button>
            <a href={fundHref(r.fund.id)}>{fundName(r.fund, lang)}</a>
          </p>
        </div>
        <FundDocument
          kind="receipt"
          {...(await unitOf(call, r.fund))}
          fund={r.fund}
          documentNo={d.documentNo}
          date={d.date}
          person={d.donorName ?? 'Nhà hảo tâm ẩn danh'}
          address={d.donorAddress}
          reason={d.memo}
          amountDong={d.amountDong}
          entry={d.entry}
          note={d.inKindDescription ? `hiện vật: ${d.inKindDescription}` : undefined}
        />
      </>
    ),
  });
}

// --- spending: aid and transfer proposals, vouchers ------------------------------------------------------

const AID_FIELDS = ['date', 'household', 'purpose', 'amount', 'form', 'shockId', 'memo'] as const;
const TRANSFER_FIELDS = ['date', 'recipient', 'purpose', 'amount', 'form', 'phase', 'memo'] as const;

async function spendPage(
  call: PageCall<FundParams, unknown>,
  state:
    | { which: 'aid' | 'transfer'; values: Record<string, string>; key: string; errors: FormErrors }
    | undefined = undefined,
): Promise<Response> {
  const { lang, params } = call;
  const f = await fundOf(call, params.fund);
  const today = formatDate(todayOf(call));
  const title = `${t(lang, 'spend')}: ${fundName(f, lang)}`;
  const purposes = f.restrictedPurposes.length > 0 ? f.restrictedPurposes : AID_PURPOSES;
  const formOf = (which: 'aid' | 'transfer') => {
    const mine = state?.which === which;
    const values = mine ? state.values : { date: today, form: 'cash', household: f.householdId ?? '' };
    const errors = mine ? state.errors : FormErrors.none(lang);
    const field = (name: string, label: string, extra: Record<string, unknown> = {}) => (
      <Field
        name={name}
        id={`${which}-${name}`}
        label={label}
        errors={errors}
        value={values[name]}
        {...extra}
      />
    );
    return (
      <Group legend={t(lang, which === 'aid' ? 'aidTitle' : 'transferTitle')}>
        <ErrorSummary errors={errors} />
        <form method="post" action={fundHref(f.id, `/${which}`)}>
          <CsrfField token={call.me().csrfToken} />
          <KeyField value={mine ? state.key : newFormKey()} />
          <div class="filters">
            {field('date', say(lang, WEB.date), { inputmode: 'numeric', required: true })}
            {which === 'aid'
              ? field('household', t(lang, 'household'), { required: true, placeholder: 'HH-0001' })
              : field('recipient', t(lang, 'recipient'), { required: true, class: 'wide' })}
            <SelectField
              name="purpose"
              label={t(lang, 'purpose')}
              errors={errors}
              options={options(lang, purposes)}
              value={values['purpose']}
            />
            {field('amount', say(lang, WEB.amount), { inputmode: 'numeric', required: true })}
            <SelectField
              name="form"
              label={t(lang, 'form')}
              errors={errors}
              options={options(lang, which === 'aid' ? MONEY_FORMS : ['cash', 'bank'])}
              value={values['form']}
            />
            {which === 'aid' ? (
              field('shockId', say(lang, { vi: 'Sự kiện rủi ro', en: 'Shock event' }), {
                value: values['shockId'] ?? f.shockId ?? '',
              })
            ) : f.phases.length > 0 ? (
              <SelectField
                name="phase"
                label={t(lang, 'phases')}
                errors={errors}
                options={[
                  { value: '', label: '—' },
                  ...f.phases.map((p) => ({ value: String(p.phaseNo), label: p.name })),
                ]}
                value={values['phase']}
              />
            ) : null}
            {field('memo', say(lang, WEB.memo), { class: 'wide', maxlength: 500 })}
          </div>
          <button type="submit">{t(lang, which === 'aid' ? 'submitAid' : 'submitTransfer')}</button>
        </form>
      </Group>
    );
  };
  return call.render({
    title,
    status: state && state.errors.count > 0 ? 422 : 200,
    body: (
      <>
        <h1>{title}</h1>
        <p class="note">{t(lang, 'makerChecker')}</p>
        {formOf('aid')}
        {formOf('transfer')}
      </>
    ),
  });
}

async function spendPost(call: PageCall<FundParams, unknown>, which: 'aid' | 'transfer'): Promise<Response> {
  const { lang, deps, params } = call;
  const form = call.form!;
  const names = which === 'aid' ? AID_FIELDS : TRANSFER_FIELDS;
  const values = formValues(form, names);
  const key = form.get('_key') ?? newFormKey();
  const again = (refusals: readonly Refusal[], nextKey = key) =>
    spendPage(call, {
      which,
      values,
      key: nextKey,
      errors: new FormErrors(refusals, lang, [...names, '_key']),
    });
  await fundOf(call, params.fund);
  const idempotencyKey = formKey(form);
  if (!idempotencyKey)
    return again(
      [{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }],
      newFormKey(),
    );
  const keyed = {
    key: idempotencyKey,
    requestHash: fingerprint({
      route: `POST /funds/{fund}/${which}`,
      user: call.me().username,
      body: values,
    }),
  };
  try {
    const reply =
      which === 'aid'
        ? await deps.app.funds.proposeAid(
            call.ctx(),
            {
              fund: params.fund,
              household: values['household'],
              purpose: values['purpose'],
              amount: values['amount'],
              date: values['date'],
              form: values['form'],
              shockId: blankToUndefined(values['shockId']),
              memo: blankToUndefined(values['memo']),
            },
            keyed,
          )
        : await deps.app.funds.proposeTransfer(
            call.ctx(),
            {
              fund: params.fund,
              recipient: values['recipient'],
              purpose: values['purpose'],
              amount: values['amount'],
              date: values['date'],
              form: values['form'],
              phase: blankToUndefined(values['phase']),
              memo: blankToUndefined(values['memo']),
            },
            keyed,
          );
    const id = (reply.body as { operation: { id: number } }).operation.id;
    return call.redirect(`/approvals/${id}?proposed=1`);
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    if (e.refusals.some((r) => r.code === 'idempotency_key_reused'))
      return again([{ code: 'form_key_used', field: '_key', value: null }], newFormKey());
    return again(e.refusals);
  }
}

async function voucherPage(call: PageCall<NoParams, unknown>): Promise<Response> {
  const { lang, deps, params } = call;
  let r: { fund: FundView; spending: SpendingView; payee: { name: string | null; address: string | null } };
  try {
    r = await deps.app.funds.voucher(call.readCtx(), params.fund, params.no);
  } catch (e) {
    if (e instanceof RefusedError) throw new HttpError(404, 'not_found');
    throw e;
  }
  const x = r.spending;
  const title = `${t(lang, 'voucher')} ${x.documentNo}`;
  return call.render({
    title,
    scripts: ['print'],
    body: (
      <>
        <div class="no-print">
          <h1>{title}</h1>
          <p class="muted small">{t(lang, 'paidBy', { by: x.proposedBy, approver: x.approvedBy })}</p>
          <p class="actions">
            <button type="button" data-print>
              {say(lang, WEB.print)}
            </button>
            <a href={fundHref(r.fund.id)}>{fundName(r.fund, lang)}</a>
            {x.operation ? <a href={`/approvals/${x.operation}`}>#{x.operation}</a> : null}
          </p>
        </div>
        <FundDocument
          kind="voucher"
          {...(await unitOf(call, r.fund))}
          fund={r.fund}
          documentNo={x.documentNo}
          date={x.date}
          person={r.payee.name}
          address={r.payee.address}
          reason={`${fundsWord(x.purpose, 'vi')}${x.household ? ` – hộ ${x.household}` : ''}${x.memo ? `: ${x.memo}` : ''}`}
          amountDong={x.amountDong}
          entry={x.entry}
          note={x.form === 'in_kind' ? 'bằng hiện vật' : undefined}
        />
      </>
    ),
  });
}

// --- disclosure: signed in, and public -------------------------------------------------------------------

async function disclosurePage(call: PageCall<FundParams, Range>): Promise<Response> {
  const { lang, deps, params, query } = call;
  const f = await fundOf(call, params.fund);
  let d: Awaited<ReturnType<typeof deps.app.funds.disclosure>>;
  const errors: Refusal[] = [];
  try {
    d = await deps.app.funds.disclosure(call.readCtx(), f.id, {
      from: blankToUndefined(query.from),
      to: blankToUndefined(query.to),
    });
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    errors.push(...e.refusals);
    d = await deps.app.funds.disclosure(call.readCtx(), f.id, {});
  }
  const formErrors = new FormErrors(errors, lang, ['from', 'to']);
  const title = t(lang, 'disclosureTitle', { name: fundName(f, lang) });
  return call.render({
    title,
    scripts: ['print'],
    status: errors.length > 0 ? 400 : 200,
    body: (
      <>
        <h1>{title}</h1>
        <p>{t(lang, 'disclosurePeriod', { from: d.from, to: d.to })}</p>
        <form method="get" action={fundHref(f.id, '/disclosure')} class="filters no-print">
          <ErrorSummary errors={formErrors} />
          <Field
            name="from"
            label={say(lang, WEB.from)}
            errors={formErrors}
            value={query.from ?? formatDate(d.from)}
            inputmode="numeric"
          />
          <Field
            name="to"
            label={say(lang, WEB.to)}
            errors={formErrors}
            value={query.to ?? formatDate(d.to)}
            inputmode="numeric"
          />
          <button type="submit">{t(lang, 'show')}</button>
          <button type="button" data-print>
            {say(lang, WEB.print)}
          </button>
          <a href={`/public/${call.me().tenant}/funds/${f.id}${qs({ from: d.from, to: d.to })}`}>
            {t(lang, 'publicLink')}
          </a>
        </form>
        <DisclosureBodyLazy d={d} lang={lang} />
      </>
    ),
  });
}

/**
 * The public page: its own bare frame (no menu, no sign-in link, no other page linked), the
 * commune's name, the report, a print button and the language switch.
 */
async function publicPage(call: PageCall<{ tenant: string; fund: string }, Range>): Promise<Response> {
  const { lang, deps, params, query, c } = call;
  const d = await publicDisclosure(deps, params.tenant, params.fund, {
    from: blankToUndefined(query.from),
    to: blankToUndefined(query.to),
  });
  const commune =
    (await deps.app.ledger.tenants()).find((x) => x.id === params.tenant)?.name ?? params.tenant;
  const title = t(lang, 'disclosureTitle', { name: lang === 'vi' ? d.fund.nameVi : d.fund.nameEn });
  c.header('Cache-Control', 'no-store');
  return renderPage(
    c,
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${commune}`}</title>
        <link rel="stylesheet" href={STYLESHEET_HREF} />
        <script src={SOQUY_JS_HREF} defer />
      </head>
      <body class="public">
        <main id="main">
          <p class="no-print">
            <a href={otherLanguageHref(c.req.url, lang)} hreflang={lang === 'vi' ? 'en' : 'vi'}>
              {say(lang, PAGES.language)}
            </a>{' '}
            <button type="button" data-print>
              {say(lang, WEB.print)}
            </button>
          </p>
          <p>{commune}</p>
          <h1>{title}</h1>
          <p>{t(lang, 'disclosurePeriod', { from: d.from, to: d.to })}</p>
          <DisclosureBodyLazy d={d} lang={lang} />
        </main>
      </body>
    </html>,
  );
}

export function fundsPages(): PageDef[] {
  const read = policies.books('read', fundParam);
  const write = policies.books('write', fundParam);
  return [
    page({
      method: 'get',
      path: '/funds',
      area: 'funds',
      summary: 'Charity and relief funds the user may read, with balances',
      policy: policies.readableBooks(),
      nav: { label: FUNDS_WEB.nav, order: 45, visible: readsSomeBook },
      handler: listPage,
    }),
    page({
      method: 'get',
      path: '/funds/{fund}',
      area: 'funds',
      summary: 'One fund: terms, totals, donations, spendings',
      params: FundParams,
      policy: read,
      handler: fundPage,
    }),
    page({
      method: 'get',
      path: '/funds/{fund}/donate',
      area: 'funds',
      summary: 'Donation form',
      params: FundParams,
      policy: write,
      handler: (call) => donatePage(call),
    }),
    page({
      method: 'post',
      path: '/funds/{fund}/donate',
      area: 'funds',
      summary: 'Record a donation, then its receipt',
      params: FundParams,
      policy: write,
      handler: donatePost,
    }),
    page({
      method: 'get',
      path: '/funds/{fund}/receipts/{no}',
      area: 'funds',
      summary: 'Printable receipt (phiếu thu, C40-BB) of a donation',
      params: NoParams,
      query: z.object({ done: z.string().max(2).optional() }).strict(),
      policy: read,
      handler: receiptPage,
    }),
    page({
      method: 'get',
      path: '/funds/{fund}/spend',
      area: 'funds',
      summary: 'Aid and transfer proposal forms',
      params: FundParams,
      policy: write,
      handler: (call) => spendPage(call),
    }),
    page({
      method: 'post',
      path: '/funds/{fund}/aid',
      area: 'funds',
      summary: 'Propose aid (approved on /approvals)',
      params: FundParams,
      policy: write,
      handler: (call) => spendPost(call, 'aid'),
    }),
    page({
      method: 'post',
      path: '/funds/{fund}/transfer',
      area: 'funds',
      summary: 'Propose a transfer (approved on /approvals)',
      params: FundParams,
      policy: write,
      handler: (call) => spendPost(call, 'transfer'),
    }),
    page({
      method: 'get',
      path: '/funds/{fund}/vouchers/{no}',
      area: 'funds',
      summary: 'Printable voucher (phiếu chi, C41-BB) of an aid or transfer',
      params: NoParams,
      policy: read,
      handler: voucherPage,
    }),
    page({
      method: 'get',
      path: '/funds/{fund}/disclosure',
      area: 'funds',
      summary: 'Disclosure report of a fund over a period (printable)',
      params: FundParams,
      query: Range,
      policy: read,
      handler: disclosurePage,
    }),
    page({
      method: 'get',
      path: '/public/{tenant}/funds/{fund}',
      area: 'funds',
      summary: 'Public disclosure of one fund: no sign-in, the report and nothing else',
      params: z.object({ tenant: s.slug, fund: s.slug }),
      query: Range,
      policy: policies.public(),
      handler: publicPage,
    }),
  ];
}
