/**
 * The driver-level part of backups (docs/design/resilience.md): a consistent copy of a SQLite file
 * while other processes write to it, the migrations a file has applied, and whether a file is open
 * in another process. With open-store.ts, the only module that touches the SQLite driver.
 */
import { existsSync, rmSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { RefusedError } from '../domain/refusal.ts';
import { asStorageRefusal } from './storage-errors.ts';

function openReadOnly(file: string): Sqlite.Database {
  if (!existsSync(file))
    throw new RefusedError([{ code: 'database_missing', field: 'database', value: file }]);
  try {
    const db = new Sqlite(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 30000');
    return db;
  } catch (e) {
    throw asStorageRefusal(e, file);
  }
}

/**
 * Writes a consistent snapshot of the SQLite database `source` to `dest` (which must not exist)
 * with VACUUM INTO on a read-only connection: one read transaction, so the copy is the database
 * as of one moment however busy its writers are (in WAL mode they are not blocked), compact, in
 * rollback-journal mode, one self-contained file. SQLite does not fsync the copy; the caller does.
 * On any failure `dest` is removed.
 */
export function snapshotSqlite(source: string, dest: string): void {
  const db = openReadOnly(source);
  try {
    db.prepare('VACUUM INTO ?').run(dest);
  } catch (e) {
    rmSync(dest, { force: true });
    throw asStorageRefusal(e, e && (e as { code?: string }).code === 'SQLITE_FULL' ? dest : source);
  } finally {
    db.close();
  }
}

/** The migrations a SQLite file has applied, by name, read without changing the file. */
export function appliedMigrationsOf(file: string): string[] {
  const db = openReadOnly(file);
  try {
    const table = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`)
      .get();
    if (!table) return [];
    return (
      db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>
    ).map((r) => r.name);
  } catch (e) {
    throw asStorageRefusal(e, file);
  } finally {
    db.close();
  }
}

/**
 * True when another connection (a running server, another command) has the SQLite file open. A
 * connection cannot take a database out of WAL mode while any other connection has it open, so
 * trying to is the probe; when it succeeds the file is left in rollback-journal mode with its WAL
 * folded in, a self-contained file, which is how restore keeps it aside. A file in rollback mode
 * is only found in use while someone holds a lock on it.
 */
export function sqliteInUse(file: string): boolean {
  let db: Sqlite.Database;
  try {
    db = new Sqlite(file, { fileMustExist: true });
  } catch (e) {
    throw asStorageRefusal(e, file);
  }
  try {
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode', { simple: true });
    if (mode === 'wal') return db.pragma('journal_mode = DELETE', { simple: true }) === 'wal';
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw asStorageRefusal(e, file);
  } finally {
    db.close();
  }
}
