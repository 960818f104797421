/**
 * The whole content of a database as sorted rows, to prove a refused write changed nothing.
 * Every table of soquy's schema is included, whichever area created it.
 */
import { sql } from 'kysely';
import type { Store } from '../../src/store/open-store.ts';

async function soquyTables(store: Store): Promise<string[]> {
  let schema: string | undefined;
  if (store.kind === 'postgres')
    schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(store.db)).rows[0]?.s;
  const tables = await store.db.introspection.getTables();
  return tables
    .filter((t) => !t.name.startsWith('kysely_') && (schema === undefined || t.schema === schema))
    .map((t) => t.name)
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
