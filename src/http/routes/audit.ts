/**
 * The audit log over HTTP, for admins and auditors: read a page, export it whole (CSV or JSON),
 * verify its hash chain.
 */
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { AUDIT_FORMATS, auditJson } from '../../app/audit/audit-log.ts';
import { ACCESS_LIMITS } from '../../domain/access/limits.ts';
import { policies, type RouteDef, route } from '../registry.ts';

const V1 = '/api/v1';

export function auditRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/audit`,
      tag: 'audit',
      summary: 'Audit records, oldest first, a page at a time (keyset on seq)',
      query: z
        .object({
          after: z.coerce.number().int().min(0).optional(),
          from: z.string().max(30).optional().describe('ISO timestamp'),
          to: z.string().max(30).optional().describe('ISO timestamp'),
          actor: z.string().max(70).optional(),
          action: z.string().max(60).optional(),
          limit: z.coerce.number().int().min(1).max(ACCESS_LIMITS.auditPageRowsMax).optional(),
        })
        .strict(),
      policy: policies.commune('audit.read'),
      idempotency: 'none',
      handler: async ({ deps, query, ctx }) => {
        const limit = query.limit ?? 100;
        const records = await deps.app.audit.list(ctx(), {
          afterSeq: query.after,
          from: query.from,
          to: query.to,
          actor: query.actor,
          action: query.action,
          limit,
        });
        const last = records[records.length - 1];
        return {
          body: { records: records.map(auditJson), next: records.length === limit && last ? last.seq : null },
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/audit/export`,
      tag: 'audit',
      summary: 'The whole audit log as CSV or JSON',
      query: z.object({ format: z.enum(AUDIT_FORMATS) }).strict(),
      policy: policies.commune('audit.read'),
      idempotency: 'none',
      produces: 'text/csv, application/json',
      handler: async ({ c, deps, query, ctx }) => {
        const acting = ctx();
        c.header(
          'Content-Type',
          query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        );
        c.header('Content-Disposition', `attachment; filename="${acting.tenant}-audit.${query.format}"`);
        return stream(c, async (out) => {
          await deps.app.audit.export(acting, query.format, (text) => out.write(text).then(() => undefined));
        });
      },
    }),
    route({
      method: 'get',
      path: `${V1}/audit/verify`,
      tag: 'audit',
      summary: 'Recompute the audit log’s hash chain',
      policy: policies.commune('audit.read'),
      idempotency: 'none',
      handler: async ({ deps, ctx }) => ({ body: await deps.app.audit.verify(ctx()) }),
    }),
  ];
}
