/**
 * The whole content of a database as sorted rows, to prove a refused write changed nothing.
 * Every table of soquy's schema is included, whichever area created it.
 */
import { sql } from 'kysely';
import type { Store } from '../../src/store/open-store.ts';

async function soquyTables(store: Store): Promise<string[]> {
  // The catalogue of this store's own schema only: introspecting every schema is slow when many
  // test runs share the database, and fails when another run drops its schema meanwhile.
  const rows =
    store.kind === 'postgres'
      ? (
          await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(store.db)
        ).rows
      : (
          await sql<{
            name: string;
          }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(
            store.db,
          )
        ).rows;
  return rows
    .map((r) => r.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

/** All of soquy's tables, or only those named. */
export async function snapshot(store: Store, only?: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of only ?? (await soquyTables(store))) {
    const rows = (await sql.raw(`/* test */ SELECT * FROM ${table}`).execute(store.db)).rows as Array<
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
