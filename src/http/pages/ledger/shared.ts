/**
 * What the ledger's pages share: the books a user reads, names in the user's language, dates
 * typed in filters, and the policy of an organisation's pages.
 */
import type { Principal } from '../../../app/access/access.ts';
import { today } from '../../../app/context.ts';
import { canReadBook, readsWholeCommune } from '../../../domain/access/policy.ts';
import type { Grant } from '../../../domain/access/roles.ts';
import { parseBusinessDate } from '../../../domain/dates.ts';
import type { Refusal } from '../../../domain/refusal.ts';
import { refusalRule } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import type { BookRow, OrganisationRow } from '../../../store/ledger-store.ts';
import type { HttpDeps } from '../../context.ts';
import { type Policy, type PolicyInput, policies } from '../../registry.ts';
import { readableBooks } from '../../routes/ledger.ts';
import type { PageCall } from '../page.tsx';

export { readableBooks };

/** Whether the menu offers the book pages: every role but the group leader's reads some book. */
export function readsSomeBook(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.role !== 'group_leader');
}

export function bookName(b: Pick<BookRow, 'nameVi' | 'nameEn'>, lang: Lang): string {
  return lang === 'vi' ? b.nameVi : b.nameEn;
}

export function orgName(o: Pick<OrganisationRow, 'nameVi' | 'nameEn'>, lang: Lang): string {
  return lang === 'vi' ? o.nameVi : o.nameEn;
}

/** Today in the commune's calendar, by the server's clock. */
export function todayOf(call: PageCall): string {
  return today({ tenant: '-', actor: '-', now: call.deps.now });
}

export interface DateParam {
  readonly date: string | undefined;
  /** The refusal of a date that does not parse, shown next to its input. */
  readonly refusal?: Refusal;
}

/** A date typed in a filter (`14/12/2025` or `2025-12-14`); empty is undefined. */
export function dateParam(field: string, raw: string | undefined): DateParam {
  if (raw === undefined || raw.trim() === '') return { date: undefined };
  const r = parseBusinessDate(field, raw);
  return r.ok ? { date: r.value } : { date: undefined, refusal: r.refusals[0]! };
}

export function ruleText(r: Refusal | undefined, lang: Lang): string | undefined {
  return r ? refusalRule(r, lang) : undefined;
}

/** Account names of every book of the commune, in the user's language. */
export async function accountNamer(
  call: PageCall,
): Promise<(book: string, code: string) => string | undefined> {
  const all = await call.deps.app.ledger.accounts(call.readCtx());
  const names = new Map(
    all.map((a) => [`${a.book}\u0000${a.code}`, call.lang === 'vi' ? a.nameVi : a.nameEn]),
  );
  return (book, code) => names.get(`${book}\u0000${code}`);
}

/**
 * An organisation's pages are readable by whoever reads the whole commune, holds a treasurer or
 * viewer grant on the organisation, or reads one of its books. Anyone else gets the answer of an
 * organisation that does not exist.
 */
export function canReadOrganisation(p: Principal, org: string, books: readonly BookRow[]): boolean {
  return (
    readsWholeCommune(p.grants) ||
    p.grants.some(
      (g) =>
        (g.role === 'treasurer' || g.role === 'viewer') &&
        g.scope.kind === 'organisation' &&
        g.scope.id === org,
    ) ||
    books.some((b) => b.organisation === org && canReadBook(p.grants, b))
  );
}

export function organisationPolicy(): Policy {
  return policies.custom(
    'organisation:read (commune readers; treasurers and viewers of the organisation or of one of its books)',
    async (input: PolicyInput) => {
      const org = (input.params as { org: string }).org;
      const ctx = { tenant: input.principal.tenant, actor: input.principal.username };
      const orgs = await input.deps.app.ledger.organisations(ctx);
      if (!orgs.some((o) => o.id === org)) return 'hidden';
      const books = await input.deps.app.ledger.books(ctx);
      return canReadOrganisation(input.principal, org, books) ? 'allow' : 'hidden';
    },
  );
}

/** The books of the commune a principal reads, by code. */
export async function readableBookMap(deps: HttpDeps, p: Principal): Promise<Map<string, BookRow>> {
  return new Map((await readableBooks(deps, p)).map((b) => [b.code, b]));
}
