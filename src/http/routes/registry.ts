/**
 * The registry's API as the web app and its clients read it: household search (accents, case
 * and one typo per word forgiven), a household with its members, poverty history, shocks and the
 * loans one may see, its poverty history and its shocks. Households reach a user through
 * `householdPolicy` (scopes.ts): another organisation's treasurer gets 404.
 */
import { z } from 'zod';
import type { Principal } from '../../app/access/access.ts';
import type { Ctx } from '../../app/context.ts';
import type { HouseholdDetail } from '../../app/registry/types.ts';
import { canReadBook } from '../../domain/access/policy.ts';
import { parseBusinessDate } from '../../domain/dates.ts';
import { RefusedError } from '../../domain/refusal.ts';
import { loansOfHousehold } from '../../store/household-scope-store.ts';
import type { LoanRow } from '../../store/loans-store.ts';
import type { HttpDeps } from '../context.ts';
import { bookMap, policies, type RouteDef, route, s } from '../registry.ts';
import { householdPolicy, readableHouseholds } from '../scopes.ts';

const V1 = '/api/v1';

export const HouseholdParams = z.object({ household: s.party });

const SEARCH_LIMIT_MAX = 100;
/** Hits looked at before keeping those a scoped reader may see. */
const SEARCH_SCOPED_POOL = 500;

function readCtx(p: Principal | undefined): Ctx {
  if (!p) throw new Error('assertion failed: a registry read needs a principal');
  return { tenant: p.tenant, actor: p.username };
}

function dateOrUndefined(field: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const r = parseBusinessDate(field, value);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

export const SearchQuery = z
  .object({
    q: z.string().min(1).max(100),
    village: z.string().max(64).optional(),
    status: z.string().max(40).optional(),
    asOf: s.date.optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).optional(),
  })
  .strict();

/** The registry's search, kept to the households the principal may read. */
export async function searchHouseholds(deps: HttpDeps, p: Principal, query: z.infer<typeof SearchQuery>) {
  const limit = query.limit ?? 20;
  const asOf = dateOrUndefined('asOf', query.asOf);
  const result = await deps.app.registry.search(readCtx(p), query.q, {
    ...(query.village ? { village: query.village } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(asOf ? { asOf } : {}),
    limit: SEARCH_SCOPED_POOL,
  });
  const allowed = await readableHouseholds(deps, p, [...new Set(result.hits.map((h) => h.householdId))]);
  const hits = result.hits.filter((h) => allowed.has(h.householdId));
  return { ...result, hits: hits.slice(0, limit), more: hits.length > limit };
}

/** The loans of a household held in books the principal reads. */
export async function visibleLoans(deps: HttpDeps, p: Principal, household: string): Promise<LoanRow[]> {
  const books = await bookMap(deps, p.tenant);
  return (await loansOfHousehold(deps.app.store.db, p.tenant, household)).filter((l) => {
    const b = books.get(l.book);
    return b !== undefined && canReadBook(p.grants, b);
  });
}

/** A household and the loans one may see, each with its position as of the day. */
export async function householdWithLoans(
  deps: HttpDeps,
  p: Principal,
  id: string,
  asOf: string | undefined,
): Promise<{ household: HouseholdDetail; loans: Array<{ loan: LoanRow; position: unknown }> }> {
  const ctx = readCtx(p);
  const household = await deps.app.registry.household(ctx, id, asOf ? { asOf } : {});
  const loans = [];
  for (const loan of await visibleLoans(deps, p, id))
    loans.push({ loan, position: await deps.app.loans.state(ctx, loan.id, household.asOf) });
  return { household, loans };
}

export function registryRoutes(): RouteDef[] {
  return [
    route({
      method: 'get',
      path: `${V1}/households`,
      tag: 'registry',
      summary:
        'Search people and their households by name (accents, case and one typo per word forgiven), id, ID number or phone; only households one may read',
      query: SearchQuery,
      policy: policies.custom('signed-in; lists only the households one may read', undefined),
      idempotency: 'none',
      handler: async ({ deps, principal, query }) => ({
        body: await searchHouseholds(deps, principal!, query),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/households/{household}`,
      tag: 'registry',
      summary:
        'A household: members, poverty status and flags, shocks, memberships, and the loans one may see',
      params: HouseholdParams,
      query: z.object({ asOf: s.date.optional() }).strict(),
      policy: householdPolicy(),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => ({
        body: await householdWithLoans(
          deps,
          principal!,
          params.household,
          dateOrUndefined('asOf', query.asOf),
        ),
      }),
    }),
    route({
      method: 'get',
      path: `${V1}/households/{household}/poverty`,
      tag: 'registry',
      summary: 'Poverty status history of a household and its flags as of a day',
      params: HouseholdParams,
      query: z.object({ asOf: s.date.optional() }).strict(),
      policy: householdPolicy(),
      idempotency: 'none',
      handler: async ({ deps, principal, params, query }) => {
        const ctx = readCtx(principal);
        const asOf = dateOrUndefined('asOf', query.asOf);
        return {
          body: {
            history: await deps.app.registry.statusHistory(ctx, params.household),
            flags: await deps.app.registry.statusFlags(ctx, params.household, asOf),
          },
        };
      },
    }),
    route({
      method: 'get',
      path: `${V1}/households/{household}/shocks`,
      tag: 'registry',
      summary: 'Shocks of a household (fire, flood, illness, death…) with their estimated loss',
      params: HouseholdParams,
      policy: householdPolicy(),
      idempotency: 'none',
      handler: async ({ deps, principal, params }) => ({
        body: {
          shocks: await deps.app.registry.shocks(readCtx(principal), { householdId: params.household }),
        },
      }),
    }),
  ];
}
