/**
 * The audit log for admins and auditors: who did what, when and from where, filtered and paged;
 * its hash chain verified on request; exported whole as CSV or JSON.
 */
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { AUDIT_FORMATS } from '../../../app/audit/audit-log.ts';
import { decideCommune } from '../../../domain/access/policy.ts';
import type { Refusal } from '../../../domain/refusal.ts';
import { WEB } from '../../../i18n/web.ts';
import { policies } from '../../registry.ts';
import { Pager, qs } from '../components.tsx';
import { FormErrors, fieldId } from '../forms.tsx';
import { say } from '../layout.tsx';
import { dateParam } from '../ledger/shared.ts';
import { type PageCall, type PageDef, page } from '../page.tsx';

const AUDIT_PAGE_ROWS = 100;

const AuditQuery = z
  .object({
    actor: z.string().max(70).optional(),
    action: z.string().max(60).optional(),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    after: z.coerce.number().int().min(0).optional(),
    verify: z.string().max(5).optional(),
  })
  .strict();
type AuditQuery = z.infer<typeof AuditQuery>;

/** The first and last instants of a commune day (UTC+7) as ISO timestamps. */
function dayStart(date: string): string {
  return new Date(`${date}T00:00:00.000+07:00`).toISOString();
}
function dayEnd(date: string): string {
  return new Date(`${date}T23:59:59.999+07:00`).toISOString();
}

async function auditPage(call: PageCall<unknown, AuditQuery>): Promise<Response> {
  const { lang, deps, query } = call;
  const ctx = call.readCtx();
  const from = dateParam('from', query.from);
  const to = dateParam('to', query.to);
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const records = await deps.app.audit.list(ctx, {
    afterSeq: query.after,
    actor: blank(query.actor),
    action: blank(query.action),
    from: from.date ? dayStart(from.date) : undefined,
    to: to.date ? dayEnd(to.date) : undefined,
    limit: AUDIT_PAGE_ROWS,
  });
  const verification = query.verify ? await deps.app.audit.verify(ctx) : undefined;
  const refusals = [from.refusal, to.refusal].filter((r): r is Refusal => r !== undefined);
  const errors = new FormErrors(refusals, lang, ['from', 'to']);
  const keep = { actor: query.actor, action: query.action, from: query.from, to: query.to };
  const last = records[records.length - 1];
  const title = say(lang, WEB.auditTitle);
  const input = (name: 'actor' | 'action' | 'from' | 'to', label: string) => (
    <div>
      <label for={fieldId(name)}>{label}</label>
      <input
        id={fieldId(name)}
        name={name}
        value={query[name] ?? ''}
        inputmode={name === 'from' || name === 'to' ? 'numeric' : undefined}
        placeholder={name === 'from' || name === 'to' ? say(lang, WEB.datePlaceholder) : ''}
        aria-invalid={errors.at(name).length > 0 ? 'true' : undefined}
      />
      {errors.at(name).length > 0 ? <p class="field-error">{errors.at(name).join('; ')}</p> : null}
    </div>
  );
  return call.render({
    title,
    status: refusals.length > 0 ? 422 : 200,
    body: (
      <>
        <h1>{title}</h1>
        <p class="actions no-print">
          <a class="button secondary" href={`/audit${qs({ ...keep, verify: 1 })}`}>
            {say(lang, WEB.auditVerify)}
          </a>
          {say(lang, WEB.exportAs)}:
          <a href="/audit/export?format=csv" download>
            CSV
          </a>
          <a href="/audit/export?format=json" download>
            JSON
          </a>
        </p>
        {verification ? (
          <p
            class={verification.ok ? 'done' : 'error'}
            role="status"
            data-audit-verify={verification.ok ? 'ok' : 'bad'}
          >
            {verification.ok
              ? say(lang, WEB.auditOk, { records: verification.records })
              : say(lang, WEB.auditBad, {
                  seq: verification.firstBad?.seq,
                  detail: `${verification.firstBad?.problem}: ${verification.firstBad?.detail}`,
                })}
          </p>
        ) : null}
        <form method="get" action="/audit" class="filters no-print">
          {input('actor', say(lang, WEB.actor))}
          {input('action', say(lang, WEB.auditAction))}
          {input('from', say(lang, WEB.from))}
          {input('to', say(lang, WEB.to))}
          <div class="actions">
            <button type="submit">{say(lang, WEB.apply)}</button>
            <a href="/audit">{say(lang, WEB.clear)}</a>
          </div>
        </form>
        {records.length === 0 ? (
          <p class="muted">{say(lang, WEB.noRows)}</p>
        ) : (
          <section class="card scroll">
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{say(lang, WEB.auditAt)}</th>
                  <th>{say(lang, WEB.actor)}</th>
                  <th>{say(lang, WEB.auditAction)}</th>
                  <th>{say(lang, WEB.auditTarget)}</th>
                  <th>{say(lang, WEB.auditOutcome)}</th>
                  <th>{say(lang, WEB.auditIp)}</th>
                  <th>{say(lang, WEB.auditDetail)}</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr>
                    <td>{r.seq}</td>
                    <td class="small">{r.at.replace('T', ' ').slice(0, 19)}</td>
                    <td>{r.actor}</td>
                    <td>{r.action}</td>
                    <td>{r.target}</td>
                    <td>{r.outcome}</td>
                    <td class="small">{r.ip ?? ''}</td>
                    <td class="mono">{r.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        <Pager
          lang={lang}
          first={query.after !== undefined ? `/audit${qs(keep)}` : undefined}
          next={
            records.length === AUDIT_PAGE_ROWS && last
              ? `/audit${qs({ ...keep, after: last.seq })}`
              : undefined
          }
        />
      </>
    ),
  });
}

export function auditPages(): PageDef[] {
  return [
    page({
      method: 'get',
      path: '/audit',
      area: 'audit',
      summary: 'The audit log: filters, paging, chain verification',
      query: AuditQuery,
      policy: policies.commune('audit.read'),
      nav: {
        label: WEB.navAudit,
        order: 80,
        visible: (grants) => decideCommune(grants, 'audit.read') === 'allow',
      },
      handler: auditPage,
    }),
    page({
      method: 'get',
      path: '/audit/export',
      area: 'audit',
      summary: 'The whole audit log as CSV or JSON',
      query: z.object({ format: z.enum(AUDIT_FORMATS) }).strict(),
      policy: policies.commune('audit.read'),
      handler: async (call) => {
        const { c, deps, query } = call;
        const acting = call.readCtx();
        c.header(
          'Content-Type',
          query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        );
        c.header('Content-Disposition', `attachment; filename="${acting.tenant}-audit.${query.format}"`);
        c.header('Cache-Control', 'no-store');
        return stream(c, async (out) => {
          await deps.app.audit.export(acting, query.format, (text) => out.write(text).then(() => undefined));
        });
      },
    }),
  ];
}
