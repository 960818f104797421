/**
 * Charity and relief funds over HTTP: funds and campaigns, donations with their receipts,
 * pledges, aid and transfers (always proposed; approved through /operations), the caps, what a
 * household received, and the disclosure — also public, without sign-in, for one fund and
 * nothing else. A fund is a book (same code), so the book policies decide who reads and writes.
 */
import { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import type { Ctx } from '../../app/context.ts';
import { canReadBook, decideCreateBook } from '../../domain/access/policy.ts';
import { parseBusinessDate } from '../../domain/dates.ts';
import { AID_PURPOSES, DONOR_KINDS, FUND_KINDS, FUND_LEVELS, MONEY_FORMS } from '../../domain/funds/rules.ts';
import { RefusedError } from '../../domain/refusal.ts';
import { HttpError } from '../errors.ts';
import { bookMap, type PolicyInput, policies, type RouteDef, replyAnswer, route, s } from '../registry.ts';

const V1 = '/api/v1';

function readCtx(p: Principal | undefined): Ctx {
  if (!p) throw new Error('assertion failed: a funds read needs a principal');
  return { tenant: p.tenant, actor: p.username };
}

export const fundParam = (input: PolicyInput) => [
  { field: 'fund', code: (input.params as { fund: string }).fund },
];

const FundParams = z.object({ fund: s.slug });
const NoParams = z.object({ fund: s.slug, no: z.coerce.number().int().min(1).max(1_000_000_000) });
const Range = z.object({ from: s.date.optional(), to: s.date.optional() }).strict();
const amount = z.union([z.number().int(), z.string().max(30)]);
const text = (max = 200) => z.string().max(max);

const FundInput = z
  .object({
    id: s.slug,
    kind: z.enum(FUND_KINDS),
    level: z.enum(FUND_LEVELS).optional(),
    nameVi: text(),
    nameEn: text().optional(),
    purpose: text(500),
    restrictedPurposes: z.array(z.enum(AID_PURPOSES)).max(AID_PURPOSES.length).optional(),
    opensOn: s.date,
    closesOn: s.date,
    organisation: s.slug.nullish(),
    shockId: s.party.optional(),
    phases: z
      .array(z.object({ name: text(), startsOn: s.date, endsOn: s.date }).strict())
      .max(20)
      .optional(),
    points: z
      .array(z.object({ id: s.slug, name: text(), village: s.slug.optional() }).strict())
      .max(100)
      .optional(),
  })
  .strict();

const DonationInput = z
  .object({
    date: s.date,
    donorKind: z.enum(DONOR_KINDS),
    donorName: text().optional(),
    donorIdNo: text(20).optional(),
    donorAddress: text().optional(),
    anonymous: z.boolean().optional(),
    form: z.enum(MONEY_FORMS).optional(),
    amount,
    inKindDescription: text(500).optional(),
    point: s.slug.optional(),
    phase: z.number().int().min(1).max(20).optional(),
    pledge: s.party.optional(),
    receiptNo: z.number().int().min(1).optional(),
    memo: text(500).optional(),
  })
  .strict();

const PledgeInput = z
  .object({
    date: s.date,
    donorKind: z.enum(DONOR_KINDS),
    donorName: text().optional(),
    anonymous: z.boolean().optional(),
    amount,
  })
  .strict();

const AidInput = z
  .object({
    household: s.party,
    purpose: z.enum(AID_PURPOSES),
    amount,
    date: s.date,
    form: z.enum(MONEY_FORMS).optional(),
    shockId: s.party.optional(),
    memo: text(500).optional(),
  })
  .strict();

const TransferInput = z
  .object({
    recipient: text(),
    purpose: z.enum(AID_PURPOSES),
    amount,
    date: s.date,
    form: z.enum(['cash', 'bank']).optional(),
    phase: z.number().int().min(1).max(20).optional(),
    memo: text(500).optional(),
  })
  .strict();

const CapInput = z
  .object({ purpose: z.enum(AID_PURPOSES), amount, from: s.date, documentNo: text(60).optional() })
  .strict();

/** Funds whose book the principal may read. */
async function readableFundIds(input: {
  deps: PolicyInput['deps'];
  principal: Principal;
}): Promise<Set<string>> {
  const books = await bookMap(input.deps, input.principal.tenant);
  return new Set(
    [...books.values()].filter((b) => canReadBook(input.principal.grants, b)).map((b) => b.code),
  );
}

/** What the public answer of a disclosure is: the report alone, for a commune and fund. */
export async function publicDisclosure(
  deps: PolicyInput['deps'],
  tenant: string,
  fund: string,
  range: { from?: string | undefined; to?: string | undefined },
) {
  if (!(await deps.app.ledger.tenants()).some((t) => t.id === tenant)) throw new HttpError(404, 'not_found');
  try {
    return await deps.app.funds.disclosure({ tenant, actor: 'public' }, fund, range);
  } catch (e) {
    if (e instanceof RefusedError && e.refusals[0]?.code === 'funds_fund_unknown')
      throw new HttpError(404, 'not_found');
    throw e;
  }
}

export function fundsRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/funds`,
      tag: 'funds',
      summary: 'Funds and campaigns the user may read, with their balances',
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => {
        const ids = await readableFundIds({ deps, principal: principal! });
        return {
          body: { funds: (await deps.app.funds.funds(readCtx(principal))).filter((f) => ids.has(f.book)) },
        };
      },
    }),
    route({
      method: 'post',
      path: `${V1}/funds`,
      tag: 'funds',
      summary: 'Open a fund or campaign (its own book); an emergency appeal names a shock',
      policy: policies.custom(
        'admin; treasurer of the fund’s organisation',
        async ({ principal, body }) =>
          decideCreateBook(principal.grants, (body as { organisation?: string | null }).organisation ?? null),
        (grants) => grants.some((g) => g.role === 'admin' || g.role === 'treasurer'),
      ),
      idempotency: 'optional',
      body: FundInput,
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, deps.app.funds.createFundWork(ctx(), body)),
          201,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/funds/{fund}`,
      tag: 'funds',
      summary: 'One fund: terms, phases, points, pledges, totals and balance',
      params: FundParams,
      policy: policies.books('read', fundParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => ({
        body: await deps.app.funds.fund(readCtx(principal), params.fund),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/funds/{fund}/donations`,
      tag: 'funds',
      summary: 'Donations of a fund in a period (receipt order)',
      params: FundParams,
      query: Range,
      policy: policies.books('read', fundParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => ({
        body: {
          donations: await deps.app.funds.donations(readCtx(principal), params.fund, dateRange(query)),
        },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/funds/{fund}/donations`,
      tag: 'funds',
      summary: 'Record a donation and issue its receipt (phiếu thu), the fund’s next number',
      params: FundParams,
      body: DonationInput,
      policy: policies.books('write', fundParam),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(
            ctx(),
            keyed,
            deps.app.funds.donateWork(ctx(), {
              ...body,
              fund: params.fund,
              idempotencyKey: keyed?.key ?? null,
            }),
          ),
          201,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/funds/{fund}/donations/{no}`,
      tag: 'funds',
      summary: 'One receipt (phiếu thu)',
      params: NoParams,
      policy: policies.books('read', fundParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => ({
        body: await deps.app.funds.receipt(readCtx(principal), params.fund, params.no),
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/funds/{fund}/pledges`,
      tag: 'funds',
      summary: 'Record a pledge (memo until the money arrives)',
      params: FundParams,
      body: PledgeInput,
      policy: policies.books('write', fundParam),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(
            ctx(),
            keyed,
            deps.app.funds.pledgeWork(ctx(), { ...body, fund: params.fund }),
          ),
          201,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/funds/{fund}/spendings`,
      tag: 'funds',
      summary: 'Aid and transfers paid from a fund in a period (voucher order)',
      params: FundParams,
      query: Range,
      policy: policies.books('read', fundParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => ({
        body: {
          spendings: await deps.app.funds.spendings(readCtx(principal), params.fund, dateRange(query)),
        },
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/funds/{fund}/spendings/{no}`,
      tag: 'funds',
      summary: 'One voucher (phiếu chi) with its payee',
      params: NoParams,
      policy: policies.books('read', fundParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => ({
        body: await deps.app.funds.voucher(readCtx(principal), params.fund, params.no),
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/funds/{fund}/aid`,
      tag: 'funds',
      summary:
        'Propose aid to a household (always 202: another user approves it at /operations/{id}/approve)',
      params: FundParams,
      body: AidInput,
      policy: policies.books('write', fundParam),
      idempotency: 'required',
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(await deps.app.funds.proposeAid(ctx(), { ...body, fund: params.fund }, keyed), 200),
    }),
    route({
      method: 'post',
      path: `${V1}/funds/{fund}/transfers`,
      tag: 'funds',
      summary: 'Propose sending money to another level (always 202: another user approves it)',
      params: FundParams,
      body: TransferInput,
      policy: policies.books('write', fundParam),
      idempotency: 'required',
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(await deps.app.funds.proposeTransfer(ctx(), { ...body, fund: params.fund }, keyed), 200),
    }),
    route({
      method: 'get',
      path: `${V1}/funds/{fund}/disclosure`,
      tag: 'funds',
      summary: 'Disclosure of a fund over a period (công khai): received, spent, balances',
      params: FundParams,
      query: Range,
      policy: policies.books('read', fundParam),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => ({
        body: await deps.app.funds.disclosure(readCtx(principal), params.fund, query),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/fund-caps`,
      tag: 'funds',
      summary: 'The commune’s caps per household and aid purpose, dated',
      policy: policies.signedIn(),
      idempotency: 'none',
      handler: async ({ deps, principal }) => ({
        body: { caps: await deps.app.funds.caps(readCtx(principal)) },
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/fund-caps`,
      tag: 'funds',
      summary: 'Set the cap of an aid purpose from a date (admin)',
      body: CapInput,
      policy: policies.commune('rules.manage'),
      idempotency: 'optional',
      status: 201,
      handler: async ({ deps, body, ctx, keyed }) =>
        replyAnswer(await deps.app.audit.perform(ctx(), keyed, deps.app.funds.setCapWork(ctx(), body)), 201),
    }),
    route({
      method: 'get',
      path: `${V1}/households/{household}/aid`,
      tag: 'funds',
      summary: 'Aid a household received from the funds the user may read, as of a day',
      params: z.object({ household: s.party }),
      query: z.object({ asOf: s.date.optional() }).strict(),
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => {
        const ids = await readableFundIds({ deps, principal: principal! });
        const all = await deps.app.funds.aidReceivedByHousehold(
          readCtx(principal),
          params.household,
          query.asOf,
        );
        const aids = all.aids.filter((a) => ids.has(a.fund));
        return { body: { ...all, aids, totalDong: aids.reduce((t, a) => t + a.amountDong, 0) } };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/public/{tenant}/funds/{fund}/disclosure`,
      tag: 'funds',
      summary: 'Public disclosure of one fund (no sign-in): the report only, no personal data',
      params: z.object({ tenant: s.slug, fund: s.slug }),
      query: Range,
      policy: policies.public(),
      idempotency: 'none',
      handler: async ({ deps, params, query }) => ({
        body: await publicDisclosure(deps, params.tenant, params.fund, query),
      }),
    }),
  ];
}

function dateRange(q: { from?: string | undefined; to?: string | undefined }): {
  from?: string;
  to?: string;
} {
  const r: { from?: string; to?: string } = {};
  for (const k of ['from', 'to'] as const) {
    const v = q[k];
    if (v === undefined) continue;
    const parsed = parseBusinessDate(k, v);
    if (!parsed.ok) throw new RefusedError(parsed.refusals);
    r[k] = parsed.value;
  }
  return r;
}
