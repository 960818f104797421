/**
 * Maker-checker over HTTP: the operations waiting for a second person, approving and rejecting
 * them, and the rules (per kind, the amount above which approval is needed).
 */
import { z } from 'zod';
import type { OperationView } from '../../app/approvals/operations.ts';
import { ACCESS_LIMITS } from '../../domain/access/limits.ts';
import { canReadBook } from '../../domain/access/policy.ts';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import { RefusedError } from '../../domain/refusal.ts';
import type { HttpDeps } from '../context.ts';
import { bookMap, type PolicyInput, policies, type RouteDef, replyAnswer, route } from '../registry.ts';

const V1 = '/api/v1';

const IdParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** The books an operation touches; an unknown operation is 404. */
async function operationBooks(input: PolicyInput): Promise<Array<{ field: string; code: string }>> {
  const { id } = input.params as { id: number };
  const op = await input.deps.app.operations.get(
    { tenant: input.principal.tenant, actor: input.principal.username },
    id,
  );
  return op.books.map((code) => ({ field: 'id', code }));
}

/** Hidden operations answer exactly like missing ones. */
export function operationPolicy(action: 'read' | 'write') {
  const inner = policies.books(action, operationBooks);
  return policies.custom(
    `book:${action} on every book the operation touches`,
    async (input) => {
      const d = await inner.decide!(input);
      if (typeof d === 'object')
        throw new RefusedError([
          { code: 'operation_unknown', field: 'id', value: (input.params as { id: number }).id },
        ]);
      return d;
    },
    inner.pre,
  );
}

export async function visible(
  deps: HttpDeps,
  p: PolicyInput['principal'],
  ops: OperationView[],
): Promise<OperationView[]> {
  const books = await bookMap(deps, p.tenant);
  return ops.filter((op) =>
    op.books.every((code) => {
      const ref = books.get(code);
      return ref !== undefined && canReadBook(p.grants, ref);
    }),
  );
}

export function approvalRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/approvals`,
      tag: 'approvals',
      summary: 'Operations proposed for approval, newest first (only those on readable books)',
      query: z
        .object({
          status: z.enum(['proposed', 'approved', 'rejected']).optional(),
          before: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(500).optional(),
        })
        .strict(),
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal, query, ctx }) => {
        const ops = await deps.app.operations.list(ctx(), {
          status: query.status,
          beforeId: query.before,
          limit: query.limit,
        });
        return { body: { operations: await visible(deps, principal!, ops) } };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/approvals/{id}`,
      tag: 'approvals',
      summary: 'One operation with its proposal and decision',
      params: IdParams,
      policy: operationPolicy('read'),
      idempotency: 'none',
      handler: async ({ deps, params, ctx }) => ({
        body: { operation: await deps.app.operations.get(ctx(), params.id) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/approvals/{id}/approve`,
      tag: 'approvals',
      summary: 'Approve and execute an operation (another person than the proposer)',
      params: IdParams,
      policy: operationPolicy('write'),
      idempotency: 'required',
      handler: async ({ deps, params, ctx, keyed }) =>
        replyAnswer(await deps.app.operations.approve(ctx(), params.id, keyed), 200),
    }),
    route({
      method: 'post',
      path: `${V1}/approvals/{id}/reject`,
      tag: 'approvals',
      summary: 'Reject an operation, with a note',
      params: IdParams,
      body: z
        .object({ note: z.string().min(1).max(ACCESS_LIMITS.rejectReasonLengthMax).optional() })
        .strict(),
      policy: operationPolicy('write'),
      idempotency: 'required',
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(await deps.app.operations.reject(ctx(), params.id, body.note, keyed), 200),
    }),
    route({
      method: 'get',
      path: `${V1}/approval-rules`,
      tag: 'approvals',
      summary: 'The maker-checker rules of the commune and the kinds of operation',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, ctx }) => ({
        body: { rules: await deps.app.operations.rules(ctx()), kinds: deps.app.operations.kinds() },
      }),
    }),
    route({
      method: 'put',
      path: `${V1}/approval-rules/{kind}`,
      tag: 'approvals',
      summary: 'Set the amount above which a kind of operation needs approval (null: never)',
      params: z.object({ kind: z.string().max(60) }),
      body: z.object({ thresholdDong: z.number().int().min(0).max(AMOUNT_DONG_MAX).nullable() }).strict(),
      policy: policies.commune('rules.manage'),
      idempotency: 'none',
      handler: async ({ deps, params, body, ctx }) => ({
        body: { rule: await deps.app.operations.setRule(ctx(), params.kind, body.thresholdDong) },
      }),
    }),
  ];
}
