/**
 * `soquy restore`: puts a backup back, only when it proves itself. The manifest must be there and
 * well formed, the file's size and SHA-256 must match it, and a scratch copy (opened with the
 * current code, so an older backup is upgraded on the copy) must verify, every chain, with the
 * heads the manifest recorded. Only then is anything replaced: an existing database needs
 * `--force`, is refused while another program has it open, and is renamed aside, never deleted.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import { sqliteInUse } from '../../store/backup.ts';
import { listTenants } from '../../store/ledger-store.ts';
import { isPostgresUrl, openStore, type Store } from '../../store/open-store.ts';
import { asStorageRefusal } from '../../store/storage-errors.ts';
import { copyCommunes } from '../db-copy.ts';
import { fsyncDir, fsyncFile, removeSqliteFiles, sha256OfFile } from './files.ts';
import {
  type BackupManifest,
  BackupManifestSchema,
  type CommuneHeads,
  headDifferences,
  manifestPathOf,
  verifiedHeads,
} from './manifest.ts';

export interface RestoreOptions {
  /** Replace an existing SQLite database (kept aside under another name). */
  readonly force?: boolean;
  readonly now?: () => Date;
  /** PostgreSQL only: the target as shown (without a password). */
  readonly shownTarget?: string;
}

export interface RestoreResult {
  readonly file: string;
  readonly to: string;
  readonly communes: readonly CommuneHeads[];
  /** Where the database that was replaced now lives, if one was. */
  readonly keptAside: string | null;
}

const refused = (code: string, field: string, value: unknown, params?: Record<string, string | number>) =>
  new RefusedError([params ? { code, field, value, params } : { code, field, value }]);

/** The manifest beside a backup file, checked against the schema. */
export function readManifest(file: string): BackupManifest {
  const path = manifestPathOf(file);
  if (!existsSync(path))
    throw refused('backup_manifest_missing', 'manifest', path, { manifest: basename(path) });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw refused('backup_manifest_invalid', 'manifest', path, {
      detail: String((e as Error).message).slice(0, 120),
    });
  }
  const parsed = BackupManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused('backup_manifest_invalid', 'manifest', path, {
      detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 120),
    });
  }
  return parsed.data;
}

/** Checks the backup file against its manifest: size and SHA-256. */
async function checkHash(file: string, manifest: BackupManifest): Promise<void> {
  if (!existsSync(file)) throw refused('file_unreadable', 'backup', file);
  const { sha256, bytes } = await sha256OfFile(file);
  if (sha256 !== manifest.file.sha256 || bytes !== manifest.file.bytes)
    throw refused('backup_hash_mismatch', 'backup', file, {
      expected: `${manifest.file.sha256.slice(0, 16)}… (${manifest.file.bytes} B)`,
      actual: `${sha256.slice(0, 16)}… (${bytes} B)`,
    });
}

/** Verifies an opened copy of the backup against the manifest; throws every problem at once. */
async function proveCopy(store: Store, manifest: BackupManifest): Promise<CommuneHeads[]> {
  const { communes, problems } = await verifiedHeads(store);
  const all: Refusal[] = [...problems, ...headDifferences(manifest.communes, communes)];
  if (all.length > 0) throw new RefusedError(all);
  return communes;
}

/** A damaged file (the reason to restore) cannot be open in a running soquy: not in use. */
function inUse(file: string): boolean {
  try {
    return sqliteInUse(file);
  } catch (e) {
    if (e instanceof RefusedError && e.refusals[0]?.code === 'database_unreadable') return false;
    throw e;
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export async function restoreDatabase(
  file: string,
  to: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const manifest = readManifest(file);
  await checkHash(file, manifest);
  return isPostgresUrl(to)
    ? restoreIntoPostgres(file, to, manifest, options)
    : restoreIntoSqlite(file, to, manifest, options);
}

async function restoreIntoSqlite(
  file: string,
  to: string,
  manifest: BackupManifest,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const exists = existsSync(to);
  if (exists && !options.force) throw refused('restore_target_exists', 'database', to);
  const now = options.now?.() ?? new Date();
  mkdirSync(dirname(to), { recursive: true });
  // The scratch copy sits beside the target, so putting it in place is a rename on one file system.
  const scratch = join(dirname(to), `.${basename(to)}.restoring-${stamp(now)}`);
  try {
    removeSqliteFiles(scratch);
    copyFileSync(file, scratch);
    const store = await openStore(scratch, { synchronous: 'FULL' });
    let communes: CommuneHeads[];
    try {
      communes = await proveCopy(store, manifest);
    } finally {
      // Closing the last connection folds the WAL back into the file: one self-contained file.
      await store.close();
    }
    fsyncFile(scratch);
    let keptAside: string | null = null;
    if (exists) {
      if (inUse(to)) throw refused('database_in_use', 'database', to);
      keptAside = `${to}.before-restore-${stamp(now)}`;
      for (const suffix of ['-wal', '-shm', '-journal', ''])
        if (existsSync(`${to}${suffix}`)) renameSync(`${to}${suffix}`, `${keptAside}${suffix}`);
    }
    renameSync(scratch, to);
    fsyncDir(dirname(to));
    return { file, to, communes, keptAside };
  } catch (e) {
    throw asStorageRefusal(e, to);
  } finally {
    removeSqliteFiles(scratch);
  }
}

/**
 * Into PostgreSQL a restore is a verified copy of each commune into a store that does not have
 * it yet: nothing there is ever replaced (drop the commune's schema first to start again).
 */
async function restoreIntoPostgres(
  file: string,
  to: string,
  manifest: BackupManifest,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const now = options.now?.() ?? new Date();
  const scratch = join(dirname(file), `.${basename(file)}.restoring-${stamp(now)}`);
  let source: Store | undefined;
  let target: Store | undefined;
  try {
    removeSqliteFiles(scratch);
    copyFileSync(file, scratch);
    source = await openStore(scratch, { synchronous: 'NORMAL' });
    const communes = await proveCopy(source, manifest);
    target = await openStore(to);
    const present = new Set((await listTenants(target.db)).map((t) => t.id));
    const clashes = communes.filter((c) => present.has(c.tenant));
    if (clashes.length > 0)
      throw new RefusedError(
        clashes.map((c) => ({ code: 'already_exists', field: 'tenant', value: c.tenant })),
      );
    const outcomes = await copyCommunes(source, target);
    const bad = outcomes.filter((o) => !o.verified || !o.trialBalanceSame || o.heads.some((h) => !h.same));
    if (bad.length > 0)
      throw new RefusedError(
        bad.map((o) => ({
          code: 'backup_chain_broken',
          field: 'database',
          value: o.tenant,
          params: {
            tenant: o.tenant,
            book: o.heads.find((h) => !h.same)?.book ?? '*',
            seq: 0,
            problem: 'copy',
          },
        })),
      );
    return { file, to: options.shownTarget ?? target.location, communes, keptAside: null };
  } catch (e) {
    throw asStorageRefusal(e, file);
  } finally {
    await source?.close();
    await target?.close();
    removeSqliteFiles(scratch);
  }
}
