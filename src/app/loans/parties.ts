/**
 * Who borrows and what befell them belong to the commune registry (issue 4), built in parallel.
 * Loans only need two questions answered, so they ask them through this small interface; the
 * composition root can wire the registry service here at merge.
 *
 * `TableLoanParties` is the default: it asks the registry's tables (`household`, `shock_event`)
 * when they exist in the database, and accepts any well-formed id when they do not (a database
 * made before the registry existed): loans then record the id for the registry to resolve later.
 */
import { sql } from 'kysely';
import type { Store } from '../../store/open-store.ts';
import type { Ctx } from '../context.ts';

export interface LoanParties {
  /** The household (the borrower) exists and is not archived. */
  householdExists(ctx: Ctx, id: string): Promise<boolean>;
  /** The shock event (fire, flood, illness, death…) exists; its household, when known, matches. */
  shockExists(ctx: Ctx, id: string, household?: string): Promise<boolean>;
}

export class TableLoanParties implements LoanParties {
  readonly #store: Store;
  readonly #columns = new Map<string, Set<string> | null>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The columns of a table, or null when the table does not exist. Cached per process. */
  async #table(name: string): Promise<Set<string> | null> {
    if (this.#columns.has(name)) return this.#columns.get(name)!;
    const db = this.#store.db;
    const rows =
      this.#store.kind === 'sqlite'
        ? ((await sql.raw(`SELECT name FROM pragma_table_info('${name}')`).execute(db)).rows as Array<{
            name: string;
          }>)
        : ((
            await sql`SELECT column_name AS name FROM information_schema.columns
                   WHERE table_schema = current_schema() AND table_name = ${name}`.execute(db)
          ).rows as Array<{ name: string }>);
    const cols = rows.length === 0 ? null : new Set(rows.map((r) => r.name));
    // Only a table that exists is cached: one created later (the registry's migration) is seen.
    if (cols !== null) this.#columns.set(name, cols);
    return cols;
  }

  async householdExists(ctx: Ctx, id: string): Promise<boolean> {
    const cols = await this.#table('household');
    if (cols === null) return true;
    const archived = cols.has('archived_on') ? sql` AND archived_on IS NULL` : sql``;
    const r =
      await sql`SELECT 1 AS one FROM household WHERE tenant_id = ${ctx.tenant} AND id = ${id}${archived}`.execute(
        this.#store.db,
      );
    return r.rows.length > 0;
  }

  async shockExists(ctx: Ctx, id: string, household?: string): Promise<boolean> {
    const cols = await this.#table('shock_event');
    if (cols === null) return true;
    const same =
      household !== undefined && cols.has('household_id')
        ? sql` AND (household_id IS NULL OR household_id = ${household})`
        : sql``;
    const r =
      await sql`SELECT 1 AS one FROM shock_event WHERE tenant_id = ${ctx.tenant} AND id = ${id}${same}`.execute(
        this.#store.db,
      );
    return r.rows.length > 0;
  }
}
