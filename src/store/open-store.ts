/**
 * Opens the database: an embedded SQLite file by default, PostgreSQL when the location is a
 * `postgres://` URL. This is the only module that imports a database driver. Migrations are
 * applied on open.
 */

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { BALANCE_DONG_MAX } from '../domain/money.ts';
import type { EngineKind } from './migrations/dialect.ts';
import { migrationsFor } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** A Kysely handle bound to one open transaction. */
export type Tx = Kysely<Database>;

export interface Store {
  readonly kind: EngineKind;
  /** Where the data lives, without any password. */
  readonly location: string;
  readonly db: Kysely<Database>;
  /**
   * Runs `fn` in one write transaction: all of it commits or none of it does. On SQLite the
   * transaction takes the write lock at its start (BEGIN IMMEDIATE), so writers from other
   * processes queue instead of failing half-way; on PostgreSQL, rows are locked as read.
   */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: the schema to use (created if missing); tests use one per run. */
  readonly schema?: string;
  /** PostgreSQL only: connections in the pool. */
  readonly poolSize?: number;
  /** SQLite only: `FULL` (default, survives power loss) or `NORMAL` (survives a crash of the process). */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  const store = isPostgresUrl(location)
    ? await openPostgres(location, options)
    : openSqlite(location, options);
  await migrate(store);
  return store;
}

async function migrate(store: Store): Promise<void> {
  // Kysely's migrator looks for its own tables in every schema unless told which one: another
  // soquy schema in the same PostgreSQL database (a test run, a bench) would make it skip creating
  // them in ours. Pin it to the schema this store works in.
  const schema =
    store.kind === 'postgres'
      ? ((await sql<{ s: string }>`SELECT current_schema() AS s`.execute(store.db)).rows[0]?.s ?? undefined)
      : undefined;
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrationsFor(store.kind) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
}

// --- SQLite -------------------------------------------------------------------------------

/** Statements prepared once per SQL text: Kysely prepares on every call, which costs ~10 µs. */
const STATEMENT_CACHE_MAX = 1_000;

function openSqlite(file: string, options: OpenOptions): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Sqlite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 30000');
  const cache = new Map<string, Sqlite.Statement>();
  const database = {
    close: () => raw.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        if (cache.size >= STATEMENT_CACHE_MAX) cache.clear();
        statement = raw.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    kind: 'sqlite',
    location: file,
    db,
    write: (fn) =>
      db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (e) {
          if (raw.inTransaction) await sql`rollback`.execute(conn);
          throw e;
        }
      }),
    close: () => db.destroy(),
  };
}

// --- PostgreSQL ---------------------------------------------------------------------------

/** BIGINT and NUMERIC arrive as text; amounts must come back as safe integers or not at all. */
function parseSafeInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || Math.abs(n) > BALANCE_DONG_MAX)
    throw new Error(`integer out of safe range: ${text}`);
  return n;
}

const PG_TYPES = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return parseSafeInteger;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

async function openPostgres(url: string, options: OpenOptions): Promise<Store> {
  const parsed = new URL(url);
  const schema = options.schema ?? parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`bad schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: options.poolSize ?? 10,
    types: PG_TYPES,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) {
    const client = await pool.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(parsed.toString());
  safe.password = '';
  return {
    kind: 'postgres',
    location: `${safe.toString()}${schema ? ` (schema ${schema})` : ''}`,
    db,
    write: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}
