/**
 * Who reaches a household and a loan (docs/design/web.md § Registry and loans): the policies the
 * registry and loans routes and pages share. A household or loan one cannot read answers 404,
 * exactly like one that does not exist.
 */
import type { Principal } from '../app/access/access.ts';
import type { BookAction } from '../domain/access/policy.ts';
import { canReadBook, decideBook, mayEver, readsWholeCommune } from '../domain/access/policy.ts';
import { householdExists, householdsReached } from '../store/household-scope-store.ts';
import { findLoans, type LoanRow } from '../store/loans-store.ts';
import type { HttpDeps } from './context.ts';
import { bookMap, type Policy, type PolicyInput, policies } from './registry.ts';

/** The books a scoped reader reads and the organisations they hold a grant on. */
export async function reachOf(
  deps: HttpDeps,
  p: Principal,
): Promise<{ books: string[]; organisations: string[] }> {
  const books = [...(await bookMap(deps, p.tenant)).values()]
    .filter((b) => canReadBook(p.grants, b))
    .map((b) => b.code);
  const organisations = p.grants
    .filter((g) => (g.role === 'treasurer' || g.role === 'viewer') && g.scope.kind === 'organisation')
    .map((g) => g.scope.id);
  return { books, organisations };
}

/** Of `households`, those the principal may read. */
export async function readableHouseholds(
  deps: HttpDeps,
  p: Principal,
  households: readonly string[],
): Promise<Set<string>> {
  if (readsWholeCommune(p.grants)) return new Set(households);
  const reach = await reachOf(deps, p);
  return householdsReached(deps.app.store.db, p.tenant, households, reach);
}

export async function canReadHousehold(deps: HttpDeps, p: Principal, household: string): Promise<boolean> {
  if (!(await householdExists(deps.app.store.db, p.tenant, household))) return false;
  return (await readableHouseholds(deps, p, [household])).has(household);
}

/** `/…/{household}`: readable by the commune's readers and those whose loans or members reach it. */
export function householdPolicy(): Policy {
  return policies.custom(
    'household:read (commune readers; a treasurer or viewer whose books hold a loan of the household or whose organisation has a member in it)',
    async (input: PolicyInput) => {
      const id = (input.params as { household: string }).household;
      return (await canReadHousehold(input.deps, input.principal, id)) ? 'allow' : 'hidden';
    },
  );
}

export async function loanRow(deps: HttpDeps, tenant: string, id: string): Promise<LoanRow | undefined> {
  return (await findLoans(deps.app.store.db, tenant, [id]))[0];
}

/** `/…/loans/{loan}`: the action on the loan's book; an unknown or unreadable loan is 404. */
export function loanPolicy(action: BookAction): Policy {
  return policies.custom(
    `loan:${action} (book:${action} on the loan's book)`,
    async (input: PolicyInput) => {
      const id = (input.params as { loan: string }).loan;
      const row = await loanRow(input.deps, input.principal.tenant, id);
      if (!row) return 'hidden';
      const books = await bookMap(input.deps, input.principal.tenant);
      return decideBook(input.principal.grants, action, books.get(row.book));
    },
    action === 'read' ? undefined : (grants) => mayEver(grants, action),
  );
}

/** The books whose loans a principal sees in the portfolio: null for the whole commune. */
export async function portfolioBooks(deps: HttpDeps, p: Principal): Promise<string[] | null> {
  if (readsWholeCommune(p.grants)) return null;
  return (await reachOf(deps, p)).books;
}
