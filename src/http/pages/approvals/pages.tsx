/**
 * Maker-checker on the web: operations waiting for a second person, their detail, and the
 * approve and reject forms, offered only to someone who writes every book the operation
 * touches and did not propose it.
 */
import type { FC } from 'hono/jsx';
import { z } from 'zod';
import type { OperationView } from '../../../app/approvals/operations.ts';
import { fingerprint } from '../../../app/audit/audit-log.ts';
import { ACCESS_LIMITS } from '../../../domain/access/limits.ts';
import { decideBook } from '../../../domain/access/policy.ts';
import { formatDong } from '../../../domain/money.ts';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import type { Lang } from '../../../i18n/types.ts';
import { STATUS_TEXTS, WEB } from '../../../i18n/web.ts';
import { bookMap, policies } from '../../registry.ts';
import { operationPolicy, visible as visibleOperations } from '../../routes/approvals.ts';
import { entryHref, qs } from '../components.tsx';
import { ErrorSummary, FormErrors, fieldId, formKey, KeyField, newFormKey } from '../forms.tsx';
import { CsrfField, say } from '../layout.tsx';
import { type PageCall, type PageDef, page } from '../page.tsx';

const IdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
type IdParams = z.infer<typeof IdParams>;

const STATUSES = ['proposed', 'approved', 'rejected'] as const;

function kindText(call: PageCall, kind: string): string {
  const found = call.deps.app.operations.kinds().find((k) => k.kind === kind);
  return found ? call.say(found.label) : kind;
}

function statusText(lang: Lang, status: string): string {
  return STATUS_TEXTS[status]?.[lang] ?? status;
}

async function mayDecide(call: PageCall, op: OperationView): Promise<boolean> {
  const p = call.me();
  if (op.status !== 'proposed' || op.proposedBy === p.username) return false;
  const books = await bookMap(call.deps, p.tenant);
  return op.books.every((code) => decideBook(p.grants, 'write', books.get(code)) === 'allow');
}

function at(iso: string | null): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) : '';
}

async function listPage(call: PageCall<unknown, { status?: string }>): Promise<Response> {
  const { lang, deps, query } = call;
  const status = STATUSES.find((x) => x === query.status);
  const all = query.status === 'all';
  const ops = await visibleOperations(
    deps,
    call.me(),
    await deps.app.operations.list(call.readCtx(), {
      status: all ? undefined : (status ?? 'proposed'),
      limit: 200,
    }),
  );
  const current = all ? 'all' : (status ?? 'proposed');
  const title = say(lang, WEB.approvalsTitle);
  return call.render({
    title,
    body: (
      <>
        <h1>{title}</h1>
        <nav class="actions no-print" aria-label={say(lang, WEB.status)}>
          {[...STATUSES, 'all' as const].map((s) => (
            <a href={`/approvals${qs({ status: s })}`} aria-current={s === current ? 'page' : undefined}>
              {s === 'all' ? say(lang, WEB.all) : statusText(lang, s)}
            </a>
          ))}
        </nav>
        {ops.length === 0 ? (
          <p class="muted">{say(lang, WEB.noOperations)}</p>
        ) : (
          <div class="card scroll">
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{say(lang, WEB.operationKind)}</th>
                  <th class="num">{say(lang, WEB.amount)}</th>
                  <th>{say(lang, WEB.summary)}</th>
                  <th>{say(lang, WEB.proposedBy)}</th>
                  <th>{say(lang, WEB.status)}</th>
                </tr>
              </thead>
              <tbody>
                {ops.map((op) => (
                  <tr>
                    <td>
                      <a href={`/approvals/${op.id}`}>{op.id}</a>
                    </td>
                    <td>{kindText(call, op.kind)}</td>
                    <td class="num">{formatDong(op.amountDong, lang)}</td>
                    <td>{op.summary}</td>
                    <td>
                      {op.proposedBy} <span class="muted small">{at(op.proposedAt)}</span>
                    </td>
                    <td>
                      {statusText(lang, op.status)}
                      {op.decidedBy ? <span class="muted small"> · {op.decidedBy}</span> : null}
                    </td>
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

interface PostedLine {
  readonly account: string;
  readonly party: string | null;
  readonly amount: number;
}

/** The entries a `ledger.post` proposal would post, as a table; other kinds as their JSON. */
const Payload: FC<{ lang: Lang; payload: unknown }> = ({ lang, payload }) => {
  const entries = (
    payload as { entries?: Array<{ book: string; date: string; memo: string; postings: PostedLine[] }> }
  )?.entries;
  if (!Array.isArray(entries)) return <pre class="mono">{JSON.stringify(payload, null, 2)}</pre>;
  return (
    <>
      {entries.map((e) => (
        <div class="scroll">
          <p>
            <strong>{e.book}</strong> · {e.date} · {e.memo}
          </p>
          <table>
            <thead>
              <tr>
                <th>{say(lang, WEB.account)}</th>
                <th>{say(lang, WEB.party)}</th>
                <th class="num">{say(lang, WEB.debit)}</th>
                <th class="num">{say(lang, WEB.credit)}</th>
              </tr>
            </thead>
            <tbody>
              {e.postings.map((p) => (
                <tr>
                  <td>{p.account}</td>
                  <td>{p.party ?? ''}</td>
                  <td class="num">{p.amount > 0 ? formatDong(p.amount, lang) : ''}</td>
                  <td class="num">{p.amount < 0 ? formatDong(-p.amount, lang) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
};

async function detailPage(
  call: PageCall<IdParams, { proposed?: string; done?: string }>,
  errors?: FormErrors,
): Promise<Response> {
  const { lang, deps, params, query } = call;
  const op = await deps.app.operations.get(call.readCtx(), params.id);
  const decide = await mayDecide(call, op);
  const own = op.status === 'proposed' && op.proposedBy === call.me().username;
  const title = say(lang, WEB.approvalTitle, { id: op.id });
  const posted = (op.result as { entries?: Array<{ book: string; seq: number }> } | null)?.entries ?? [];
  return call.render({
    title,
    status: errors && errors.count > 0 ? 422 : 200,
    body: (
      <>
        <h1>{title}</h1>
        {query?.proposed ? (
          <p class="note" role="status">
            {say(lang, WEB.proposed, { id: op.id })}
          </p>
        ) : null}
        {query?.done === 'approved' ? <p class="done">{say(lang, WEB.approvedDone, { id: op.id })}</p> : null}
        {query?.done === 'rejected' ? <p class="done">{say(lang, WEB.rejectedDone, { id: op.id })}</p> : null}
        {errors ? <ErrorSummary errors={errors} /> : null}
        <section class="card">
          <dl class="kv">
            <dt>{say(lang, WEB.operationKind)}</dt>
            <dd>{kindText(call, op.kind)}</dd>
            <dt>{say(lang, WEB.amount)}</dt>
            <dd>{formatDong(op.amountDong, lang)}</dd>
            <dt>{say(lang, WEB.books)}</dt>
            <dd>{op.books.join(', ')}</dd>
            <dt>{say(lang, WEB.summary)}</dt>
            <dd>{op.summary}</dd>
            <dt>{say(lang, WEB.proposedBy)}</dt>
            <dd>
              {op.proposedBy} · {at(op.proposedAt)}
            </dd>
            <dt>{say(lang, WEB.status)}</dt>
            <dd data-status={op.status}>{statusText(lang, op.status)}</dd>
            {op.decidedBy ? (
              <>
                <dt>{say(lang, WEB.decidedBy)}</dt>
                <dd>
                  {op.decidedBy} · {at(op.decidedAt)}
                </dd>
              </>
            ) : null}
            {op.note ? (
              <>
                <dt>{say(lang, WEB.note)}</dt>
                <dd>{op.note}</dd>
              </>
            ) : null}
            {posted.length > 0 ? (
              <>
                <dt>{say(lang, WEB.result)}</dt>
                <dd>
                  {posted.map((e) => (
                    <a href={entryHref(e.book, e.seq)}>{`${e.book}#${e.seq} `}</a>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
          <Payload lang={lang} payload={op.payload} />
        </section>
        {own ? <p class="note">{say(lang, WEB.ownProposal)}</p> : null}
        {decide ? (
          <section class="card no-print">
            <form method="post" action={`/approvals/${op.id}/approve`}>
              <CsrfField token={call.me().csrfToken} />
              <KeyField value={newFormKey()} />
              <button type="submit">{say(lang, WEB.approve)}</button>
            </form>
            <form method="post" action={`/approvals/${op.id}/reject`}>
              <CsrfField token={call.me().csrfToken} />
              <KeyField value={newFormKey()} />
              <label for={fieldId('note')}>{say(lang, WEB.rejectReason)}</label>
              <textarea
                id={fieldId('note')}
                name="note"
                maxlength={ACCESS_LIMITS.rejectReasonLengthMax}
                rows={2}
              />
              <button type="submit" class="danger">
                {say(lang, WEB.reject)}
              </button>
            </form>
          </section>
        ) : null}
      </>
    ),
  });
}

/** Refusals the page shows (the operation stays proposed); others become error pages. */
const PAGE_ERRORS = new Set(['approver_is_proposer', 'operation_already_decided', 'operation_unknown']);

async function decision(call: PageCall<IdParams, unknown>, verb: 'approve' | 'reject'): Promise<Response> {
  const { lang, deps, params } = call;
  const form = call.form!;
  const again = (refusals: Refusal[]) =>
    detailPage(
      call as PageCall<IdParams, { proposed?: string; done?: string }>,
      new FormErrors(refusals, lang),
    );
  const key = formKey(form);
  if (!key)
    return again([{ code: 'idempotency_key_required', field: '_key', value: null, params: { max: 128 } }]);
  const note = (form.get('note') ?? '').trim();
  const keyed = {
    key,
    requestHash: fingerprint({
      route: `POST /approvals/{id}/${verb}`,
      user: call.me().username,
      id: params.id,
      note,
    }),
  };
  try {
    if (verb === 'approve') await deps.app.operations.approve(call.ctx(), params.id, keyed);
    else await deps.app.operations.reject(call.ctx(), params.id, note === '' ? undefined : note, keyed);
  } catch (e) {
    if (!(e instanceof RefusedError) || e.refusals.some((r) => PAGE_ERRORS.has(r.code))) throw e;
    return again([...e.refusals]);
  }
  return call.redirect(`/approvals/${params.id}?done=${verb === 'approve' ? 'approved' : 'rejected'}`);
}

export function approvalPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/approvals',
      area: 'approvals',
      summary: 'Operations waiting for a second person (and decided ones), on readable books',
      query: z.object({ status: z.enum([...STATUSES, 'all']).optional() }).strict(),
      policy: policies.readableBooks(),
      nav: {
        label: WEB.navApprovals,
        order: 50,
        visible: (grants) =>
          grants.some((g) => g.role === 'admin' || g.role === 'treasurer' || g.role === 'auditor'),
      },
      handler: listPage,
    }),
    page({
      method: 'get',
      path: '/approvals/{id}',
      area: 'approvals',
      summary: 'One operation: proposal, decision, what it posts; approve and reject forms',
      params: IdParams,
      query: z
        .object({ proposed: z.string().max(5).optional(), done: z.string().max(10).optional() })
        .strict(),
      policy: operationPolicy('read'),
      handler: (call) => detailPage(call),
    }),
    page({
      method: 'post',
      path: '/approvals/{id}/approve',
      area: 'approvals',
      summary: 'Approve and execute an operation (not one’s own)',
      params: IdParams,
      policy: operationPolicy('write'),
      handler: (call) => decision(call, 'approve'),
    }),
    page({
      method: 'post',
      path: '/approvals/{id}/reject',
      area: 'approvals',
      summary: 'Reject an operation with a note',
      params: IdParams,
      policy: operationPolicy('write'),
      handler: (call) => decision(call, 'reject'),
    }),
  ];
}
