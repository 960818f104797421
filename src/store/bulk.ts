/**
 * Multi-row INSERT (optionally with ON CONFLICT) as a compiled query. The query builder costs a
 * few microseconds per value, which on the posting hot path was a third of the time.
 *
 * SQLite: `VALUES (?,…),(?,…)`, the text built once per shape and cached, parameters in one flat
 * array. PostgreSQL: `SELECT * FROM unnest($1::text[], $2::bigint[], …)`, one array parameter per
 * column, so a statement of 10,000 rows has as many parameters as a row has columns and one text
 * per table: PostgreSQL parses and binds far less, and a bulk import posts about 9 % faster
 * (docs/design/ledger-core.md). unnest keeps the arrays' order, so rows arrive as given.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { EngineKind } from './migrations/dialect.ts';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMETERS_MAX = 30_000;
const TEXT_CACHE_MAX = 200;
const texts = new Map<string, string>();

function statementText(kind: EngineKind, head: string, width: number, rows: number, tail: string): string {
  const key = `${kind}\u0000${head}\u0000${width}\u0000${rows}\u0000${tail}`;
  let text = texts.get(key);
  if (text === undefined) {
    let n = 0;
    const row = () =>
      `(${Array.from({ length: width }, () => (kind === 'sqlite' ? '?' : `$${++n}`)).join(',')})`;
    text = `${head} VALUES ${Array.from({ length: rows }, row).join(',')}${tail ? ` ${tail}` : ''}`;
    if (texts.size >= TEXT_CACHE_MAX) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/**
 * Inserts `rows` (each an array in `columns` order) into `table`. `tail` is appended verbatim
 * (an ON CONFLICT clause); table and column names come from code, never from input.
 */
export async function bulkInsert(
  // biome-ignore lint/suspicious/noExplicitAny: any schema; the statement is raw text.
  db: Kysely<any>,
  kind: EngineKind,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<void> {
  const head = `INSERT INTO ${table} (${columns.join(', ')})`;
  if (kind === 'postgres') return unnestInsert(db, table, columns, rows, head, tail);
  const perStatement = Math.max(1, Math.floor(PARAMETERS_MAX / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const end = Math.min(rows.length, i + perStatement);
    const text = statementText(kind, head, columns.length, end - i, tail);
    await db.executeQuery(CompiledQuery.raw(text, flatten(rows, i, end, columns.length)));
  }
}

/** Rows per PostgreSQL statement: large arrays, yet a bounded message. */
const UNNEST_ROWS = 10_000;

/**
 * Column types by table, read once per process. Every schema soquy opens was made by the same
 * migrations, so a table's column types are the same in all of them.
 */
const columnTypes = new Map<string, Map<string, string>>();

/** The types of `columns` of `table`, read again if one is new to this process. */
async function typesOf(
  // biome-ignore lint/suspicious/noExplicitAny: any schema; the statement is raw text.
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
): Promise<string[]> {
  let types = columnTypes.get(table);
  if (!types || columns.some((c) => !types!.has(c))) {
    // The table as the search path finds it: the store's own schema.
    const r = await db.executeQuery<{ name: string; type: string }>(
      CompiledQuery.raw(
        `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
          WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
        [table],
      ),
    );
    types = new Map(r.rows.map((c) => [c.name, c.type]));
    columnTypes.set(table, types);
  }
  return columns.map((c) => {
    const type = types!.get(c);
    if (type === undefined) throw new Error(`bulkInsert: ${table} has no column ${c}`);
    return type;
  });
}

async function unnestInsert(
  // biome-ignore lint/suspicious/noExplicitAny: any schema; the statement is raw text.
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  head: string,
  tail: string,
): Promise<void> {
  const casts = (await typesOf(db, table, columns)).map((type, j) => `$${j + 1}::${type}[]`);
  const text = `${head} SELECT * FROM unnest(${casts.join(', ')})${tail ? ` ${tail}` : ''}`;
  for (let i = 0; i < rows.length; i += UNNEST_ROWS) {
    const end = Math.min(rows.length, i + UNNEST_ROWS);
    const arrays = columns.map((_, j) => {
      const column = new Array<unknown>(end - i);
      for (let k = i; k < end; k++) column[k - i] = rows[k]![j];
      return column;
    });
    await db.executeQuery(CompiledQuery.raw(text, arrays));
  }
}

/** rows[from..to) as one flat parameter array; a plain loop (Array#flat is several times slower). */
function flatten(rows: readonly (readonly unknown[])[], from: number, to: number, width: number): unknown[] {
  const out = new Array<unknown>((to - from) * width);
  let k = 0;
  for (let i = from; i < to; i++) {
    const row = rows[i]!;
    for (let j = 0; j < width; j++) out[k++] = row[j];
  }
  return out;
}
