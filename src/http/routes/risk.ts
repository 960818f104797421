/**
 * Households at risk over HTTP (docs/design/risk.md): the watch list as of a date, why a
 * household is on it, the trend by month, the rules' dated settings, and the steps taken.
 *
 * Who: the list names households and their troubles, so it is read by those who see the whole
 * commune (admin, auditor, commune-wide viewer) and by treasurers, who act on it. Steps are
 * recorded by admins and treasurers; a loan step also needs write on the loan's book. Settings
 * are the admin's.
 */
import { z } from 'zod';
import { decideBook, readsWholeCommune } from '../../domain/access/policy.ts';
import type { Grant } from '../../domain/access/roles.ts';
import { bookMap, type Policy, type PolicyInput, policies, type RouteDef, route } from '../registry.ts';

const V1 = '/api/v1';

export const HouseholdParams = z.object({
  household: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._:/-]{0,63}$/),
});
const DateText = z.string().max(20);

function readsRisk(grants: readonly Grant[]): boolean {
  return readsWholeCommune(grants) || grants.some((g) => g.role === 'treasurer' || g.role === 'admin');
}

function recordsSteps(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.role === 'treasurer' || g.role === 'admin');
}

/** A loan step needs write on the loan's book; an unknown loan is left to the service's refusal. */
async function decideStep(input: PolicyInput) {
  const body = (input.body ?? {}) as Record<string, unknown>;
  const loan = typeof body['loan'] === 'string' && body['loan'] !== '' ? body['loan'] : null;
  if (loan === null) return 'allow' as const;
  const ctx = { tenant: input.principal.tenant, actor: input.principal.username };
  let book: string;
  try {
    book = (await input.deps.app.loans.show(ctx, loan)).loan.book;
  } catch {
    return 'allow' as const;
  }
  const books = await bookMap(input.deps, input.principal.tenant);
  const d = decideBook(input.principal.grants, 'write', books.get(book));
  return d === 'hidden' ? ('forbidden' as const) : d;
}

export const riskPolicies = {
  read: (): Policy =>
    policies.custom('risk:read (admin, auditor, commune-wide viewer, treasurer)', undefined, readsRisk),
  step: (): Policy =>
    policies.custom(
      'risk:step (admin, treasurer; a loan step: write on the loan’s book)',
      decideStep,
      recordsSteps,
    ),
  settings: (): Policy =>
    policies.custom('risk:settings (admin)', undefined, (grants) => grants.some((g) => g.role === 'admin')),
};

const StepBody = z
  .object({
    kind: z.string().max(40),
    date: DateText.optional(),
    note: z.string().max(2000).optional(),
    shockId: z.string().max(64).optional(),
    book: z.string().max(64).optional(),
    amount: z.union([z.number(), z.string().max(30)]).optional(),
    entry: z.string().max(100).optional(),
    loan: z.string().max(64).optional(),
    months: z.number().int().optional(),
    instalment: z.number().int().optional(),
    lossDong: z.union([z.number(), z.string().max(30)]).optional(),
    approver: z.string().max(200).optional(),
    documentNo: z.string().max(100).optional(),
  })
  .strict();

export function riskRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/risk/list`,
      tag: 'risk',
      summary:
        'Households at risk as of a date, with reasons, steps done and open, counts by village and reason',
      query: z.object({ asOf: DateText.optional(), village: z.string().max(64).optional() }).strict(),
      policy: riskPolicies.read(),
      idempotency: 'none',
      handler: async ({ deps, query, ctx }) => ({
        body: await deps.app.risk.list(ctx(), { asOf: query.asOf, village: query.village }),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/risk/trend`,
      tag: 'risk',
      summary: 'Households listed at each month end',
      query: z
        .object({ asOf: DateText.optional(), months: z.coerce.number().int().min(1).max(36).optional() })
        .strict(),
      policy: riskPolicies.read(),
      idempotency: 'none',
      handler: async ({ deps, query, ctx }) => ({
        body: await deps.app.risk.trend(ctx(), {
          asOf: query.asOf,
          ...(query.months ? { months: query.months } : {}),
        }),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/risk/households/{household}`,
      tag: 'risk',
      summary: 'Why a household is (or is not) at risk: reasons, figures, sources (journal entries), steps',
      params: HouseholdParams,
      query: z.object({ asOf: DateText.optional() }).strict(),
      policy: riskPolicies.read(),
      idempotency: 'none',
      handler: async ({ deps, params, query, ctx }) => ({
        body: await deps.app.risk.why(ctx(), params.household, { asOf: query.asOf }),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/risk/households/{household}/steps`,
      tag: 'risk',
      summary: 'Steps recorded for a household',
      params: HouseholdParams,
      policy: riskPolicies.read(),
      idempotency: 'none',
      handler: async ({ deps, params, ctx }) => ({
        body: await deps.app.risk.steps(ctx(), params.household),
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/risk/households/{household}/steps`,
      tag: 'risk',
      summary:
        'Record a step (emergency aid, appeal, loan extension or freeze through the loan engine, Front note)',
      params: HouseholdParams,
      body: StepBody,
      policy: riskPolicies.step(),
      idempotency: 'optional',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) => ({
        status: 201,
        body: await deps.app.risk.recordStep(ctx(), {
          ...body,
          household: params.household,
          idempotencyKey: keyed?.key ?? null,
        }),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/risk/settings`,
      tag: 'risk',
      summary: 'The rules’ settings in force on a date, and their history',
      query: z.object({ asOf: DateText.optional() }).strict(),
      policy: riskPolicies.read(),
      idempotency: 'none',
      handler: async ({ deps, query, ctx }) => ({
        body: await deps.app.risk.settings(ctx(), { asOf: query.asOf }),
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/risk/settings`,
      tag: 'risk',
      summary: 'Set a rule’s threshold or weight from an effective date (today or later)',
      body: z
        .object({
          key: z.string().max(40),
          value: z.union([z.number(), z.string().max(30)]),
          effectiveFrom: DateText,
          note: z.string().max(500).optional(),
        })
        .strict(),
      policy: riskPolicies.settings(),
      idempotency: 'none',
      status: 201,
      handler: async ({ deps, body, ctx }) => ({
        status: 201,
        body: await deps.app.risk.setSetting(ctx(), body),
      }),
    }),
  ];
}
