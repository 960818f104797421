/**
 * The loans API: programmes, application, approval, disbursement, repayment (the allocation in
 * the answer), schedule, statement, and the portfolio report. Approval, disbursement and
 * repayment go through maker-checker (`loans.approve`, `loans.disburse`, `loans.repay`); the
 * application is an audited write. A loan is reached through its book's policy (scopes.ts).
 */
import { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import { type Ctx, today } from '../../app/context.ts';
import { loansInTx } from '../../app/loans/operations.ts';
import { portfolioOf } from '../../app/loans/portfolio-scope.ts';
import { PORTFOLIO_BY, type PortfolioBy } from '../../app/loans/reports.ts';
import { parseBusinessDate } from '../../domain/dates.ts';
import { LOAN_ID } from '../../domain/loans/limits.ts';
import { parseDong } from '../../domain/money.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import { policies, type RouteDef, replyAnswer, route, s } from '../registry.ts';
import { loanPolicy, portfolioBooks } from '../scopes.ts';

const V1 = '/api/v1';

export const LoanParams = z.object({ loan: z.string().regex(LOAN_ID) });

/** An amount as a number of đồng or as typed (`1.200.000`). */
const Amount = z.union([z.number(), z.string().max(30)]);

function readCtx(p: Principal | undefined): Ctx {
  if (!p) throw new Error('assertion failed: a loans read needs a principal');
  return { tenant: p.tenant, actor: p.username };
}

/** Dates and amounts as the service wants them; every refusal at once. */
export function parseInputs<K extends string>(
  dates: Partial<Record<K, string | undefined>>,
  amounts: Partial<Record<K, number | string | undefined>>,
): Record<K, string | number | undefined> {
  const out = {} as Record<K, string | number | undefined>;
  const refusals: Refusal[] = [];
  for (const [field, v] of Object.entries(dates) as Array<[K, string | undefined]>) {
    if (v === undefined || v === '') continue;
    const r = parseBusinessDate(field, v);
    if (r.ok) out[field] = r.value;
    else refusals.push(...r.refusals);
  }
  for (const [field, v] of Object.entries(amounts) as Array<[K, number | string | undefined]>) {
    if (v === undefined || v === '') continue;
    if (typeof v === 'number') {
      out[field] = v;
      continue;
    }
    const r = parseDong(field, v);
    if (r.ok) out[field] = r.value;
    else refusals.push(...r.refusals);
  }
  if (refusals.length > 0) throw new RefusedError(refusals);
  return out;
}

const ApplyBody = z
  .object({
    id: z.string().regex(LOAN_ID).optional(),
    programme: z.string().min(1).max(40),
    book: s.slug,
    household: s.party,
    amount: Amount,
    date: s.date.optional(),
    termMonths: z.number().int().min(1).max(360).optional(),
    method: z.string().max(20).optional(),
    principalEveryMonths: z.number().int().min(1).max(360).optional(),
    interestEveryMonths: z.number().int().min(1).max(360).optional(),
    gracePrincipalMonths: z.number().int().min(0).max(360).optional(),
    graceInterestMonths: z.number().int().min(0).max(360).optional(),
    group: z.string().max(64).nullish(),
    village: z.string().max(64).nullish(),
    source: z.string().max(20).nullish(),
    purpose: z.string().max(500).optional(),
    agreementNo: z.string().max(64).nullish(),
  })
  .strict();

const ApproveBody = z
  .object({
    date: s.date.optional(),
    amount: Amount.optional(),
    approver: z.string().min(1).max(100),
    documentNo: z.string().max(40).nullish(),
  })
  .strict();

const DisburseBody = z
  .object({
    date: s.date.optional(),
    amount: Amount,
    cashAccount: z.enum(['111', '112']).optional(),
    documentNo: z.string().max(40).nullish(),
  })
  .strict();

const RepayBody = z
  .object({
    date: s.date.optional(),
    amount: Amount,
    cashAccount: z.enum(['111', '112']).optional(),
    paidAtBank: z.boolean().optional(),
    documentNo: z.string().max(40).nullish(),
  })
  .strict();

const PortfolioQuery = z
  .object({
    asOf: s.date.optional(),
    by: z.enum(PORTFOLIO_BY as [PortfolioBy, ...PortfolioBy[]]).optional(),
  })
  .strict();

/** The book a loan application names: the writer must write it. */
const bodyBook = (input: { body: unknown }) => [
  { field: 'book', code: (input.body as { book: string }).book },
];

export function loanRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/loan-programmes`,
      tag: 'loans',
      summary: 'Loan programmes with their rates over time',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => ({
        body: { programmes: await deps.app.loans.programmes(readCtx(principal)) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/loans`,
      tag: 'loans',
      summary: 'Record a loan application (đơn vay) in a book; moves no money',
      body: ApplyBody,
      policy: policies.books('write', bodyBook),
      idempotency: 'optional',
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) => {
        const c = ctx();
        const v = parseInputs({ date: body.date }, { amount: body.amount });
        const reply = await deps.app.audit.perform(c, keyed, async (tx) => {
          const r = await loansInTx(deps.app.loans, tx).apply(c, {
            ...body,
            amount: v['amount'] as number,
            date: (v['date'] as string | undefined) ?? today(c),
            idempotencyKey: keyed?.key ?? null,
          });
          return {
            value: r,
            audit: [{ action: 'loan.apply', target: `loan:${r.loan}`, detail: { book: body.book } }],
          };
        });
        return replyAnswer(reply, 201);
      },
    }),
    route({
      method: 'get',
      path: `${V1}/loans/{loan}`,
      tag: 'loans',
      summary: 'A loan: contract, programme, events, position as of a day, what the books hold',
      params: LoanParams,
      query: z.object({ asOf: s.date.optional() }).strict(),
      policy: loanPolicy('read'),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => {
        const v = parseInputs({ asOf: query.asOf }, {});
        return {
          body: await deps.app.loans.show(readCtx(principal), params.loan, v['asOf'] as string | undefined),
        };
      },
    }),
    route({
      method: 'post',
      path: `${V1}/loans/{loan}/approve`,
      tag: 'loans',
      summary: 'Approve a loan (phê duyệt); 202 when a second person must approve the operation',
      params: LoanParams,
      body: ApproveBody,
      policy: loanPolicy('write'),
      idempotency: 'required',
      handler: async ({ deps, params, body, ctx, keyed }) => {
        const c = ctx();
        const v = parseInputs({ date: body.date }, { amount: body.amount });
        return replyAnswer(
          await deps.app.operations.submit(
            c,
            'loans.approve',
            {
              loan: params.loan,
              date: (v['date'] as string | undefined) ?? today(c),
              amount: (v['amount'] as number | undefined) ?? null,
              approver: body.approver,
              documentNo: body.documentNo ?? null,
            },
            keyed,
          ),
          200,
        );
      },
    }),
    route({
      method: 'post',
      path: `${V1}/loans/{loan}/disburse`,
      tag: 'loans',
      summary: 'Disburse a tranche (giải ngân); 202 when it needs a second person',
      params: LoanParams,
      body: DisburseBody,
      policy: loanPolicy('write'),
      idempotency: 'required',
      handler: async ({ deps, params, body, ctx, keyed }) => {
        const c = ctx();
        const v = parseInputs({ date: body.date }, { amount: body.amount });
        return replyAnswer(
          await deps.app.operations.submit(
            c,
            'loans.disburse',
            {
              loan: params.loan,
              date: (v['date'] as string | undefined) ?? today(c),
              amount: v['amount'] as number,
              cashAccount: body.cashAccount ?? '111',
              documentNo: body.documentNo ?? null,
            },
            keyed,
          ),
          200,
        );
      },
    }),
    route({
      method: 'post',
      path: `${V1}/loans/{loan}/repayments`,
      tag: 'loans',
      summary:
        'Take a repayment (thu nợ): answers the allocation, principal by class, the balance after and the entries',
      params: LoanParams,
      body: RepayBody,
      policy: loanPolicy('write'),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) => {
        const c = ctx();
        const v = parseInputs({ date: body.date }, { amount: body.amount });
        return replyAnswer(
          await deps.app.operations.submit(
            c,
            'loans.repay',
            {
              loan: params.loan,
              date: (v['date'] as string | undefined) ?? today(c),
              amount: v['amount'] as number,
              cashAccount: body.cashAccount ?? '111',
              paidAtBank: body.paidAtBank ?? false,
              documentNo: body.documentNo ?? null,
            },
            keyed,
          ),
          201,
        );
      },
    }),
    route({
      method: 'get',
      path: `${V1}/loans/{loan}/schedule`,
      tag: 'loans',
      summary: 'Repayment schedule (on-time projection) and the instalments’ state as of a day',
      params: LoanParams,
      query: z.object({ asOf: s.date.optional(), from: s.date.optional() }).strict(),
      policy: loanPolicy('read'),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => {
        const v = parseInputs({ asOf: query.asOf, from: query.from }, {});
        return {
          body: await deps.app.loans.schedule(readCtx(principal), params.loan, {
            ...(v['asOf'] ? { asOf: v['asOf'] as string } : {}),
            ...(v['from'] ? { from: v['from'] as string } : {}),
          }),
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/loans/{loan}/statement`,
      tag: 'loans',
      summary: 'Loan statement (sao kê): disbursements, interest due, payments and their split',
      params: LoanParams,
      query: z.object({ from: s.date.optional(), to: s.date.optional() }).strict(),
      policy: loanPolicy('read'),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => {
        const v = parseInputs({ from: query.from, to: query.to }, {});
        return {
          body: await deps.app.loans.statement(readCtx(principal), params.loan, {
            ...(v['from'] ? { from: v['from'] as string } : {}),
            ...(v['to'] ? { to: v['to'] as string } : {}),
          }),
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/loan-portfolio`,
      tag: 'loans',
      summary:
        'Portfolio as of a day by programme, organisation, group, village, source, book, bucket or status, with PAR30 (only the loans of the books one reads)',
      query: PortfolioQuery,
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => {
        const ctx = readCtx(principal);
        const v = parseInputs({ asOf: query.asOf }, {});
        return {
          body: await portfolioOf(deps.app.store, ctx, {
            asOf: (v['asOf'] as string | undefined) ?? today({ ...ctx, now: deps.now }),
            by: query.by ?? 'programme',
            books: await portfolioBooks(deps, principal!),
          }),
        };
      },
    }),
  ];
}
