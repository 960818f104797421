/**
 * The savings groups' API: a cycle's meeting register, recording a meeting sheet (whole or
 * refused with every bad line), the share-out, a member's passbook, the quarter's indicators.
 * A cycle is judged by its book: reading it needs read on the book, recording needs write. Every
 * write is audited in the same transaction as the meeting.
 */
import { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import type { Ctx } from '../../app/context.ts';
import { canReadBook } from '../../domain/access/policy.ts';
import { parseBusinessDate } from '../../domain/dates.ts';
import { RefusedError } from '../../domain/refusal.ts';
import type { HttpDeps } from '../context.ts';
import { type PolicyInput, policies, type RouteDef, replyAnswer, route, s } from '../registry.ts';

const V1 = '/api/v1/savings';

function readCtx(p: Principal | undefined): Ctx {
  if (!p) throw new Error('assertion failed: a savings read needs a principal');
  return { tenant: p.tenant, actor: p.username };
}

function date(field: string, value: string): string {
  const r = parseBusinessDate(field, value);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

/** The book a cycle is kept in; an unknown cycle names a book nobody has (→ 404). */
async function cycleBook(input: PolicyInput): Promise<Array<{ field: string; code: string }>> {
  const id = (input.params as { cycle: string }).cycle;
  const book = await input.deps.app.savings.bookOfCycle({ tenant: input.principal.tenant, actor: '-' }, id);
  return [{ field: 'cycle', code: book ?? '-' }];
}

async function groupBooks(input: PolicyInput): Promise<Array<{ field: string; code: string }>> {
  const group = (input.query as { group: string }).group;
  const book = await input.deps.app.savings.bookOfGroup(
    { tenant: input.principal.tenant, actor: '-' },
    group,
  );
  return [{ field: 'group', code: book ?? '-' }];
}

const CycleParams = z.object({ cycle: s.party }).strict();
const amount = z.number().int().min(0);

const Line = z
  .object({
    member: s.party,
    present: z.boolean().optional(),
    shares: z.number().int().optional(),
    social: amount.optional(),
    repayment: amount.optional(),
    serviceCharge: amount.optional(),
    loan: s.party.optional(),
    newLoan: z.object({ amount, termMonths: z.number().int().optional() }).strict().nullable().optional(),
    fine: amount.optional(),
    grant: amount.optional(),
    deposit: amount.optional(),
    withdrawal: amount.optional(),
    account: s.party.optional(),
  })
  .strict();

export const MeetingBody = z
  .object({
    date: s.date,
    lines: z.array(Line).max(60),
    countedLoanFund: amount,
    countedSocialFund: amount,
    difference: z
      .object({ approver: z.string().max(200), reason: z.string().max(200) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

const ShareOutBody = z
  .object({
    date: s.date,
    reinvest: z.record(s.party, z.number().int().min(0)).optional(),
    nextSharePrice: z.number().int().min(1).optional(),
  })
  .strict();

/** The groups (by id) whose book the principal may read. */
async function readableGroups(deps: HttpDeps, p: Principal): Promise<Set<string>> {
  const books = new Map((await deps.app.ledger.books(readCtx(p))).map((b) => [b.code, b]));
  const out = new Set<string>();
  for (const [group, book] of await deps.app.savings.groupBooks(readCtx(p))) {
    const b = books.get(book);
    if (b && canReadBook(p.grants, { code: b.code, organisation: b.organisation })) out.add(group);
  }
  return out;
}

export { readableGroups };

export function savingsRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/cycles/{cycle}/register`,
      tag: 'savings',
      summary: 'The meeting register of a cycle: each meeting’s totals, counted and computed cash',
      params: CycleParams,
      policy: policies.books('read', cycleBook),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => ({
        body: await deps.app.savings.register(readCtx(principal), params.cycle),
      }),
    }),
    route({
      method: 'post',
      path: `${V1}/cycles/{cycle}/meetings`,
      tag: 'savings',
      summary: 'Record a meeting sheet whole; refused with every bad line, or when the counted cash differs',
      params: CycleParams,
      body: MeetingBody,
      policy: policies.books('write', cycleBook),
      idempotency: 'required',
      status: 201,
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const r = await deps.app.savings.recordMeetingInTx(tx, ctx(), {
              ...body,
              cycle: params.cycle,
              date: date('date', body.date),
              difference: body.difference ?? null,
            });
            return {
              value: r,
              audit: [
                {
                  action: 'savings.meeting',
                  target: `cycle:${params.cycle}`,
                  detail: { number: r.number, date: r.date, entries: r.entries.join(' ') },
                },
              ],
            };
          }),
          201,
        ),
    }),
    route({
      method: 'post',
      path: `${V1}/cycles/{cycle}/share-out`,
      tag: 'savings',
      summary:
        'Share out the cycle: the pool × member’s shares ÷ all shares, rounded down; the social fund stays',
      params: CycleParams,
      body: ShareOutBody,
      policy: policies.books('write', cycleBook),
      idempotency: 'required',
      handler: async ({ deps, params, body, ctx, keyed }) =>
        replyAnswer(
          await deps.app.audit.perform(ctx(), keyed, async (tx) => {
            const r = await deps.app.savings.shareOutInTx(tx, ctx(), {
              cycle: params.cycle,
              date: date('date', body.date),
              reinvest: body.reinvest ?? {},
              next: body.nextSharePrice ? { sharePrice: body.nextSharePrice } : null,
            });
            return {
              value: r,
              audit: [
                {
                  action: 'savings.share-out',
                  target: `cycle:${params.cycle}`,
                  detail: { pool: r.pool, remainder: r.remainder, entries: r.entries.join(' ') },
                },
              ],
            };
          }),
          200,
        ),
    }),
    route({
      method: 'get',
      path: `${V1}/passbook`,
      tag: 'savings',
      summary: 'A member’s passbook in a group',
      query: z.object({ group: s.party, person: s.party }).strict(),
      policy: policies.books('read', groupBooks),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => ({
        body: await deps.app.savings.passbook(readCtx(principal), query),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/indicators`,
      tag: 'savings',
      summary: 'SAVIX-style indicators of a quarter, per group and per organisation (readable groups only)',
      query: z.object({ quarter: z.string().max(7), organisation: s.slug.optional() }).strict(),
      policy: policies.readableBooks(),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => {
        const r = await deps.app.savings.indicators(readCtx(principal), {
          quarter: query.quarter,
          ...(query.organisation ? { organisation: query.organisation } : {}),
        });
        const mine = await readableGroups(deps, principal!);
        const groups = r.groups.filter((g) => mine.has(g.key));
        // An organisation's row sums its groups: shown only when every one of them is readable.
        const organisations = r.organisations.filter((o) =>
          r.groups.filter((g) => g.organisation === o.key).every((g) => mine.has(g.key)),
        );
        return { body: { ...r, groups, organisations } };
      },
    }),
  ];
}
