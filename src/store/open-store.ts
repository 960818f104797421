/**
 * Opens the database: an embedded SQLite file by default, PostgreSQL when the location is a
 * `postgres://` URL. This is the only module that imports a database driver. Migrations are
 * applied on open.
 */

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  type Migration,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import pg from 'pg';
import { BALANCE_DONG_MAX } from '../domain/money.ts';
import { RefusedError } from '../domain/refusal.ts';
import { writerCheckpoints } from './checkpointer.ts';
import type { EngineKind } from './migrations/dialect.ts';
import { migrationsFor } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { asStorageRefusal } from './storage-errors.ts';

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
  /**
   * Runs `fn` in one read-only transaction, so every read sees the database as of one moment (an
   * audit pack, a portable backup, taken while the server writes). SQLite: a deferred transaction
   * with `query_only` (a WAL reader keeps its snapshot and blocks no writer); PostgreSQL:
   * REPEATABLE READ, READ ONLY.
   */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
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
  readonly onQuery?: (sql: string, durationMs?: number) => void;
  /** Tests only: the migrations to apply instead of soquy's own (upgrade and crash tests). */
  readonly migrations?: Readonly<Record<string, Migration>>;
  /**
   * Tests only, SQLite: the most pages the file may grow to (`max_page_count`), a stand-in for a
   * full disk where no small file system can be mounted.
   */
  readonly maxPageCount?: number;
}

function logOption(options: OpenOptions) {
  const onQuery = options.onQuery;
  return onQuery
    ? {
        log: (event: { query: { sql: string }; queryDurationMillis: number }) =>
          onQuery(event.query.sql, event.queryDurationMillis),
      }
    : {};
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  const store = isPostgresUrl(location)
    ? await openPostgres(location, options)
    : openSqlite(location, options);
  try {
    await migrate(
      store,
      store.kind === 'postgres' ? pgSchema(location, options) : undefined,
      options.migrations ?? migrationsFor(store.kind),
    );
  } catch (e) {
    await store.close();
    throw e;
  }
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

/**
 * Applies the migrations the database lacks, each in its own transaction on both engines (see
 * SoquySqliteDialect). Migrations may arrive out of order: areas are built on branches, and
 * `0002-registry` lands after `0004-server`, so a database made with 0001 + 0004 must still take
 * 0002 (docs/design/resilience.md: a migration depends only on lower-numbered ones that landed
 * before it). A database that has run a migration this code does not know was made by a newer
 * release and is refused by name.
 */
async function migrate(
  store: Store,
  schema: string | undefined,
  migrations: Readonly<Record<string, Migration>>,
): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its bookkeeping tables across every schema unless told which one;
    // name ours so several communes (or test runs) in one database never see each other's.
    ...(schema ? { migrationTableSchema: schema } : {}),
    // Areas were given numbers up front (0002 registry, 0003 loans, 0004 server) and land in any
    // order: a database made after 0004 must still take 0002 and 0003 when they arrive. Each
    // area's migration depends only on 0001, so applying them out of order is safe.
    allowUnorderedMigrations: true,
  });
  const run = async () => {
    try {
      return await migrator.migrateToLatest();
    } catch (e) {
      throw asStorageRefusal(e, store.location);
    }
  };
  let { error, results } = await run();
  for (
    let attempt = 1;
    attempt < MIGRATE_ATTEMPTS_MAX &&
    error &&
    !results?.some((r) => r.status === 'Error') &&
    /(schema|relation) "[^"]*" does not exist/.test(String(error));
    attempt++
  )
    ({ error, results } = await run());
  if (!error) return;
  const newer = /previously executed migration (\S+) is missing/.exec(String(error));
  if (newer)
    throw new RefusedError([
      { code: 'database_newer', field: 'database', value: store.location, params: { migration: newer[1]! } },
    ]);
  const storage = asStorageRefusal((error as { cause?: unknown }).cause ?? error, store.location);
  if (storage instanceof RefusedError) throw storage;
  const failed = results?.find((r) => r.status === 'Error');
  throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
}

// --- SQLite -------------------------------------------------------------------------------

// Compiled once: a template `sql` statement is built and compiled on every call (~10 µs each,
// three of them per write transaction).
const BEGIN_IMMEDIATE = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
const SAVEPOINT = CompiledQuery.raw('savepoint soquy_group_member');
const ROLLBACK_TO = CompiledQuery.raw('rollback to soquy_group_member');
const RELEASE = CompiledQuery.raw('release soquy_group_member');

/** Most callers one group commit takes (docs/design/group-commit.md). */
export const GROUP_MAX = 64;

interface Waiting {
  readonly fn: (tx: Tx) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * SQLite's writer with group commit (docs/design/group-commit.md). A caller who finds the writer
 * idle runs alone: BEGIN IMMEDIATE, fn, COMMIT. Callers who arrive while it is busy queue, and the
 * next transaction takes up to GROUP_MAX of them, each inside its own savepoint: one that throws
 * is rolled back to its savepoint and refused at once, the rest are answered after the one
 * COMMIT. If the group cannot commit (or an error ends its transaction), nothing of it stays and
 * each member not yet refused runs again alone, so every caller gets the answer it would have got
 * without the group.
 */
function sqliteWriter(
  db: Kysely<Database>,
  raw: Sqlite.Database,
  file: string,
  committed: () => void,
): Store['write'] {
  const queue: Waiting[] = [];
  let busy = false;

  const alone = async (conn: Tx, fn: (tx: Tx) => Promise<unknown>): Promise<unknown> => {
    await conn.executeQuery(BEGIN_IMMEDIATE);
    try {
      const result = await fn(conn);
      await conn.executeQuery(COMMIT);
      committed();
      return result;
    } catch (e) {
      // SQLite rolls some failures back by itself (a full disk at COMMIT); roll back the rest.
      if (raw.inTransaction) await conn.executeQuery(ROLLBACK);
      throw asStorageRefusal(e, file);
    }
  };
  const eachAlone = async (conn: Tx, members: readonly Waiting[]): Promise<void> => {
    for (const w of members) await alone(conn, w.fn).then(w.resolve, w.reject);
  };

  /**
   * Undoes a failed member back to its savepoint. False when the group's transaction is gone
   * (the error ended it, or the rollback failed and it was ended here): what the group wrote so
   * far is lost and its members must run again alone.
   */
  const undoMember = async (conn: Tx): Promise<boolean> => {
    if (!raw.inTransaction) return false;
    try {
      await conn.executeQuery(ROLLBACK_TO);
      await conn.executeQuery(RELEASE);
      return true;
    } catch {
      if (raw.inTransaction) await conn.executeQuery(ROLLBACK);
      return false;
    }
  };

  const together = async (conn: Tx, group: readonly Waiting[]): Promise<void> => {
    try {
      await conn.executeQuery(BEGIN_IMMEDIATE);
    } catch (e) {
      for (const w of group) w.reject(asStorageRefusal(e, file));
      return;
    }
    const kept: Array<{ w: Waiting; result: unknown }> = [];
    for (const [i, w] of group.entries()) {
      try {
        await conn.executeQuery(SAVEPOINT);
        const result = await w.fn(conn);
        await conn.executeQuery(RELEASE);
        kept.push({ w, result });
      } catch (e) {
        if (!(await undoMember(conn))) return eachAlone(conn, [...kept.map((k) => k.w), ...group.slice(i)]);
        w.reject(asStorageRefusal(e, file));
      }
    }
    try {
      await conn.executeQuery(COMMIT);
      committed();
    } catch {
      if (raw.inTransaction) await conn.executeQuery(ROLLBACK);
      return eachAlone(
        conn,
        kept.map((k) => k.w),
      );
    }
    for (const k of kept) k.w.resolve(k.result);
  };

  // Never rejects: every failure is answered to the callers it concerns.
  const drain = async (): Promise<void> => {
    busy = true;
    while (queue.length > 0) {
      const group = queue.splice(0, GROUP_MAX);
      try {
        await db.connection().execute(async (conn) => {
          if (group.length === 1) await eachAlone(conn, group);
          else await together(conn, group);
        });
      } catch (e) {
        // The connection itself failed (the store was closed): answer whoever is unanswered
        // (a promise already settled ignores this).
        for (const w of group) w.reject(e);
      }
    }
    busy = false;
  };

  return <T>(fn: (tx: Tx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!busy) void drain();
    });
}

/** Statements prepared once per SQL text: Kysely prepares on every call, which costs ~10 µs. */
const STATEMENT_CACHE_MAX = 1_000;

/**
 * Kysely's SQLite adapter declares DDL non-transactional, so its Migrator ran SQLite migrations
 * statement by statement with no transaction: a process killed (or a disk filling up) half-way
 * through one left tables without the migration's record, and every later start failed on
 * "table already exists". SQLite's DDL is transactional; say so.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely begins SQLite transactions with a deferred BEGIN, which takes the write lock only at the
 * first write: two processes migrating a new file at once could then both read "nothing applied"
 * and one fail. BEGIN IMMEDIATE queues the second behind the first (busy_timeout), which then sees
 * the migrations done.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class SoquySqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Settings that change speed, never durability or results; exported so the benchmark's raw
 * better-sqlite3 ceiling runs with exactly the same ones.
 *
 * - 64 MiB page cache.
 * - Checkpoint the WAL every 8,192 pages (32 MiB) instead of SQLite's 1,000. A one-entry commit
 *   dirties ~20 pages (the entry, its postings, the posting indexes, the running totals, the
 *   book head), so the default checkpointed every ~50 commits, each copying pages back into the
 *   database and syncing it; most of those pages (the book, the totals, the hot index leaves) are
 *   the same ones again, so a longer interval writes each once per checkpoint. Commits still sync
 *   the WAL as `synchronous` says; a crash replays the WAL on open.
 * - After a checkpoint, a WAL file larger than 64 MiB is cut back to that size.
 * - Temporary files in memory. A group commit runs each caller in a savepoint, and SQLite keeps the
 *   original of every page a savepoint changes in a sub-journal, which it spills to a temporary
 *   file past 64 KiB: a one-entry caller changes about 16 pages (64 KiB), so nearly every member
 *   wrote and read a temporary file. In memory, 16 callers at synchronous=NORMAL post ~20 % more
 *   (system time per entry 70 → 30 µs; docs/design/group-commit.md). The sub-journal lives only
 *   until its savepoint is released. Sorts and temporary indexes larger than the page cache stay
 *   in memory too, instead of spilling to a file; no query of soquy's sorts more than a report's
 *   rows.
 */
export const SQLITE_TUNING: readonly string[] = [
  'cache_size = -65536',
  'wal_autocheckpoint = 8192',
  'journal_size_limit = 67108864',
  'temp_store = MEMORY',
];

function openSqlite(file: string, options: OpenOptions): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Sqlite(file);
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold for a moment.
    raw.pragma('busy_timeout = 30000');
    raw.pragma('journal_mode = WAL');
    raw.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    raw.pragma('foreign_keys = ON');
    for (const pragma of SQLITE_TUNING) raw.pragma(pragma);
    if (options.maxPageCount !== undefined)
      raw.pragma(`max_page_count = ${Math.trunc(options.maxPageCount)}`);
  } catch (e) {
    raw.close();
    throw asStorageRefusal(e, file);
  }
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
  const db = new Kysely<Database>({
    dialect: new SoquySqliteDialect({ database }),
    ...logOption(options),
  });
  // At synchronous=NORMAL, a store that keeps writing checkpoints in a worker (checkpointer.ts).
  const checkpoints = writerCheckpoints(file, options.synchronous ?? 'FULL');
  return {
    kind: 'sqlite',
    location: file,
    db,
    write: sqliteWriter(db, raw, file, checkpoints.committed),
    read: (fn) =>
      db.connection().execute(async (conn) => {
        raw.pragma('query_only = 1');
        await sql`begin`.execute(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (e) {
          if (raw.inTransaction) await sql`rollback`.execute(conn);
          throw asStorageRefusal(e, file);
        } finally {
          raw.pragma('query_only = 0');
        }
      }),
    // The worker's connection first: the last one to close folds the WAL back into the file.
    close: async () => {
      await checkpoints.stop();
      await db.destroy();
    },
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
  // A pooled connection that sits idle can still fail (the server restarts, a failover, an
  // administrator ends it): pg reports it as an 'error' event on the pool, and an unhandled
  // 'error' event ends the Node process. pg has already dropped the broken client; the next
  // query takes a fresh one, so there is nothing else to do.
  pool.on('error', () => {});
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
  const safeLocation = `${safe.toString()}${schema ? ` (schema ${schema})` : ''}`;
  return {
    kind: 'postgres',
    location: safeLocation,
    db,
    write: async (fn) => {
      try {
        return await db.transaction().execute(fn);
      } catch (e) {
        throw asStorageRefusal(e, safeLocation);
      }
    },
    read: (fn) =>
      db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn),
    close: () => db.destroy(),
  };
}
