/**
 * `soquy backup`: a verified, self-contained copy of the database with a manifest of its chain
 * heads (docs/design/resilience.md). Never opens the live SQLite file through `openStore`: that
 * would run migrations, and a backup taken before an upgrade must be the file as the old release
 * left it.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { RefusedError } from '../../domain/refusal.ts';
import { appliedMigrationsOf, snapshotSqlite } from '../../store/backup.ts';
import { isPostgresUrl, openStore, type Store } from '../../store/open-store.ts';
import { asStorageRefusal } from '../../store/storage-errors.ts';
import { copyCommunes } from '../db-copy.ts';
import { fsyncDir, fsyncFile, removeSqliteFiles, sha256OfFile, writeFileAtomic } from './files.ts';
import {
  BACKUP_FORMAT,
  type BackupManifest,
  type CommuneHeads,
  manifestPathOf,
  verifiedHeads,
} from './manifest.ts';
import { SOQUY_VERSION } from './version.ts';

export interface BackupOptions {
  /** The clock of the manifest's `createdAt`; tests fix it. */
  readonly now?: () => Date;
  /** PostgreSQL only: the location as shown (without a password). */
  readonly shownLocation?: string;
}

export interface BackupResult {
  readonly file: string;
  readonly manifestFile: string;
  readonly manifest: BackupManifest;
}

/**
 * Backs up the database at `location` (a SQLite file or a `postgres://` URL) into `out`, a new
 * SQLite file, and writes `out.manifest.json`. Refuses when `out` exists, and writes nothing when
 * the copy does not verify.
 */
export async function backupDatabase(
  location: string,
  out: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const manifestFile = manifestPathOf(out);
  for (const path of [out, manifestFile])
    if (existsSync(path)) throw new RefusedError([{ code: 'backup_out_exists', field: 'out', value: path }]);
  const partial = `${out}.partial`;
  const scratch = `${out}.scratch`;
  try {
    mkdirSync(dirname(out), { recursive: true });
    removeSqliteFiles(partial);
    if (isPostgresUrl(location)) await portableCopy(location, scratch, partial);
    else snapshotSqlite(location, partial);
    const migrations = appliedMigrationsOf(partial);
    const communes = await verifyCopy(partial, scratch);
    fsyncFile(partial);
    const { sha256, bytes } = await sha256OfFile(partial);
    renameSync(partial, out);
    fsyncDir(dirname(out));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      soquyVersion: SOQUY_VERSION,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      source: {
        kind: isPostgresUrl(location) ? 'postgres' : 'sqlite',
        location: options.shownLocation ?? (isPostgresUrl(location) ? 'postgres' : location),
      },
      file: { name: basename(out), bytes, sha256 },
      migrations,
      communes,
    };
    writeFileAtomic(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    return { file: out, manifestFile, manifest };
  } catch (e) {
    throw asStorageRefusal(e, out);
  } finally {
    removeSqliteFiles(partial);
    removeSqliteFiles(scratch);
  }
}

/**
 * Opens a scratch copy of a backup file with the current code (pending migrations run on the
 * copy, never on the backup) and verifies every commune. Answers the heads, or throws the
 * refusals naming every chain that fails.
 */
export async function verifyCopy(file: string, scratch: string): Promise<CommuneHeads[]> {
  removeSqliteFiles(scratch);
  copyFileSync(file, scratch);
  let store: Store | undefined;
  try {
    store = await openStore(scratch, { synchronous: 'NORMAL' });
    const { communes, problems } = await verifiedHeads(store);
    if (problems.length > 0) throw new RefusedError(problems);
    return communes;
  } finally {
    await store?.close();
    removeSqliteFiles(scratch);
  }
}

/**
 * PostgreSQL: every commune copied into a scratch SQLite file inside one REPEATABLE READ, READ
 * ONLY transaction (a consistent snapshot while the server writes); the scratch file's triggers
 * re-check every entry. Then snapshotted into `partial` (compact, rollback-journal mode).
 */
async function portableCopy(url: string, scratch: string, partial: string): Promise<void> {
  removeSqliteFiles(scratch);
  const source = await openStore(url);
  let target: Store | undefined;
  try {
    target = await openStore(scratch, { synchronous: 'NORMAL' });
    const to = target;
    const outcomes = await source.read((tx) => copyCommunes({ ...source, db: tx }, to));
    const bad = outcomes.filter((o) => !o.verified || !o.trialBalanceSame || o.heads.some((h) => !h.same));
    if (bad.length > 0)
      throw new RefusedError(
        bad.map((o) => ({
          code: 'backup_chain_broken',
          field: 'backup',
          value: o.tenant,
          params: {
            tenant: o.tenant,
            book: o.heads.find((h) => !h.same)?.book ?? '*',
            seq: 0,
            problem: 'copy',
          },
        })),
      );
  } finally {
    await target?.close();
    await source.close();
  }
  snapshotSqlite(scratch, partial);
  removeSqliteFiles(scratch);
}
