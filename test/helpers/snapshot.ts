/** The whole content of a database as sorted rows, to prove a refused write changed nothing. */
import { sql } from 'kysely';
import type { Store } from '../../src/store/open-store.ts';

const TABLES = [
  'tenant',
  'organisation',
  'book',
  'account',
  'journal_entry',
  'posting',
  'balance',
  'balance_day',
  'idempotency',
  'period_close',
  // loans (migration 0003)
  'loan_programme',
  'loan_programme_rate',
  'loan',
  'loan_event',
  'loan_snapshot',
  'loan_job',
];

export async function snapshot(store: Store, tables: readonly string[] = TABLES): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) {
    const rows = (await sql.raw(`SELECT * FROM ${table}`).execute(store.db)).rows as Array<
      Record<string, unknown>
    >;
    const lines = rows
      .map((r) =>
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => [k, r[k]]),
        ),
      )
      .sort();
    parts.push(`${table}:${lines.length}\n${lines.join('\n')}`);
  }
  return parts.join('\n');
}
