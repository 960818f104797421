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
  /** Called with the text of every statement run (tests use it to check tenant scoping). */
  readonly onQuery?: (sql: string) => void;
}

function logOption(options: OpenOptions) {
  const onQuery = options.onQuery;
  return onQuery ? { log: (event: { query: { sql: string } }) => onQuery(event.query.sql) } : {};
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  const store = isPostgresUrl(location)
    ? await openPostgres(location, options)
    : openSqlite(location, options);
  await migrate(store, store.kind === 'postgres' ? pgSchema(location, options) : undefined);
  return store;
}

/**
 * Kysely's migrator still introspects every schema of the database to find its tables; when
 * another process drops a schema at that moment (test runs sharing one PostgreSQL), PostgreSQL
 * answers `schema "…"` or `relation "…" does not exist` about a schema that is not ours. No
 * migration ran yet (none reports an error), so trying again is safe.
 */
const MIGRATE_ATTEMPTS_MAX = 5;

/** The PostgreSQL schema soquy's tables live in: `?schema=` or the option, else `public`. */
function pgSchema(location: string, options: OpenOptions): string {
  return options.schema ?? new URL(location).searchParams.get('schema') ?? 'public';
}

async function migrate(store: Store, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrationsFor(store.kind) },
    // Kysely looks for its bookkeeping tables across every schema unless told which one;
    // name ours so several communes (or test runs) in one database never see each other's.
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Areas were given numbers up front (0002 registry, 0003 loans, 0004 server) and land in any
    // order: a database made after 0004 must still take 0002 and 0003 when they arrive. Each
    // area's migration depends only on 0001, so applying them out of order is safe.
    allowUnorderedMigrations: true,
  });
  let { error, results } = await migrator.migrateToLatest();
  for (
    let attempt = 1;
    attempt < MIGRATE_ATTEMPTS_MAX &&
    error &&
    !results?.some((r) => r.status === 'Error') &&
    /(schema|relation) "[^"]*" does not exist/.test(String(error));
    attempt++
  )
    ({ error, results } = await migrator.migrateToLatest());
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
  raw.pragma('cache_size = -65536');
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), ...logOption(options) });
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
    ...(schema ? { options: `-c search_path=${schema} ${process.env['SOQUY_PG_OPTIONS'] ?? ''}` } : {}),
  });
  if (schema) {
    const client = await pool.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      client.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...logOption(options) });
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
