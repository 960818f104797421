/**
 * Which households a scoped reader reaches, and a household's loans: the queries behind the web
 * app's household search and household page (docs/design/web.md § Registry and loans).
 */
import type { Kysely } from 'kysely';
import { findLoans, type LoanRow } from './loans-store.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

const IDS_PER_QUERY = 500;

/**
 * Of `households`, those with a loan in one of `books`, or with a member (past or present) in one
 * of `organisations`.
 */
export async function householdsReached(
  db: Db,
  tenant: string,
  households: readonly string[],
  reach: { books: readonly string[]; organisations: readonly string[] },
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < households.length; i += IDS_PER_QUERY) {
    const part = households.slice(i, i + IDS_PER_QUERY);
    if (part.length === 0) continue;
    if (reach.books.length > 0) {
      const rows = await db
        .selectFrom('loan')
        .select('household_id')
        .distinct()
        .where('tenant_id', '=', tenant)
        .where('household_id', 'in', part)
        .where('book_code', 'in', [...reach.books])
        .execute();
      for (const r of rows) out.add(r.household_id);
    }
    if (reach.organisations.length > 0) {
      const rows = await db
        .selectFrom('organisation_membership as m')
        .innerJoin('person as p', (j) =>
          j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.person_id'),
        )
        .select('p.household_id')
        .distinct()
        .where('m.tenant_id', '=', tenant)
        .where('p.household_id', 'in', part)
        .where('m.organisation_id', 'in', [...reach.organisations])
        .execute();
      for (const r of rows) out.add(r.household_id);
    }
  }
  return out;
}

/** The loans of a household, in id order. */
export async function loansOfHousehold(db: Db, tenant: string, household: string): Promise<LoanRow[]> {
  const ids = await db
    .selectFrom('loan')
    .select('id')
    .where('tenant_id', '=', tenant)
    .where('household_id', '=', household)
    .orderBy('id')
    .execute();
  return findLoans(
    db,
    tenant,
    ids.map((r) => r.id),
  );
}

export async function householdExists(db: Db, tenant: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('household')
    .select('id')
    .where('tenant_id', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
