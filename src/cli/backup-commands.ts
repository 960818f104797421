/**
 * Resilience commands: `backup`, `restore`, `audit-pack`, the `--pack` mode of `verify`, and the
 * scheduled backups `serve` runs (docs/design/resilience.md, docs/operations.md).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildAuditPack } from '../app/backup/audit-pack.ts';
import { type BackupResult, backupDatabase } from '../app/backup/backup.ts';
import { writeFileAtomic } from '../app/backup/files.ts';
import { restoreDatabase } from '../app/backup/restore.ts';
import {
  BACKUP_LIMITS,
  BackupSchedule,
  parseInterval,
  parseKeep,
  scheduledBackupName,
} from '../app/backup/schedule.ts';
import { verifyPack } from '../app/backup/verify-pack.ts';
import { RefusedError, type Result } from '../domain/refusal.ts';
import { BACKUP_CLI } from '../i18n/backup.ts';
import { describeRefusal } from '../i18n/catalogue.ts';
import { CLI } from '../i18n/cli.ts';
import { resolveDb } from '../main/app.ts';
import { isPostgresUrl } from '../store/open-store.ts';
import { type CliKit, EXIT, ExitWith } from './kit.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'soquy.js');

/** A location fit to print: a PostgreSQL URL without its password. */
function shown(location: string): string {
  if (!isPostgresUrl(location)) return location;
  const url = new URL(location);
  url.password = '';
  return url.toString();
}

function orRefuse<T>(r: Result<T>): T {
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

/** Where a backup goes when `--out` is not given: backups/ beside the SQLite file, or in the folder. */
function defaultBackupDir(kit: CliKit): string {
  const db = kit.config().db;
  return isPostgresUrl(db) ? resolve(kit.io.cwd, 'backups') : join(dirname(db), 'backups');
}

function printBackup(kit: CliKit, r: BackupResult): void {
  const { io, say } = kit;
  io.out(
    `${say(BACKUP_CLI.backedUp, { file: r.file, bytes: r.manifest.file.bytes, sha256: r.manifest.file.sha256 })}\n`,
  );
  for (const c of r.manifest.communes)
    io.out(
      `${say(BACKUP_CLI.backupCommune, { tenant: c.tenant, books: c.books.length, entries: c.entries, audit: c.audit.headSeq })}\n`,
    );
  if (r.manifest.source.kind === 'postgres') io.out(`${say(BACKUP_CLI.portableNote)}\n`);
}

export function registerBackupCommands(kit: CliKit): void {
  const { program, io, say } = kit;
  const now = () => io.now?.() ?? new Date();

  program
    .command('backup')
    .description(say(BACKUP_CLI.backup))
    .option('--out <file>', say(BACKUP_CLI.optOut))
    .option('--json', say(CLI.optJson))
    .action(async (o: { out?: string; json?: boolean }) => {
      const db = kit.config().db;
      const out = o.out ? resolve(io.cwd, o.out) : join(defaultBackupDir(kit), scheduledBackupName(now()));
      const r = await backupDatabase(db, out, { now, shownLocation: shown(db) });
      if (o.json) return kit.json({ file: r.file, manifestFile: r.manifestFile, manifest: r.manifest });
      printBackup(kit, r);
    });

  program
    .command('restore <file>')
    .description(say(BACKUP_CLI.restore))
    .option('--to <location>', say(BACKUP_CLI.optTo))
    .option('--force', say(BACKUP_CLI.optForce))
    .option('--json', say(CLI.optJson))
    .action(async (file: string, o: { to?: string; force?: boolean; json?: boolean }) => {
      const to = o.to ? resolveDb(o.to, {}, io.cwd) : kit.config().db;
      const r = await restoreDatabase(resolve(io.cwd, file), to, {
        force: o.force ?? false,
        now,
        shownTarget: shown(to),
      });
      if (o.json) return kit.json(r);
      io.out(`${say(BACKUP_CLI.restored, { file: r.file, to: shown(r.to) })}\n`);
      if (r.keptAside) io.out(`${say(BACKUP_CLI.keptAside, { file: r.keptAside })}\n`);
    });

  program
    .command('audit-pack')
    .description(say(BACKUP_CLI.auditPack))
    .requiredOption('--as-of <date>', 'dd/mm/yyyy | yyyy-mm-dd')
    .requiredOption('--out <file.tar>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf: string; out: string; json?: boolean }) => {
      const asOf = kit.date('asOf', o.asOf)!;
      const a = await kit.app();
      const pack = await buildAuditPack(a.store, await kit.ctx(), asOf);
      const out = resolve(io.cwd, o.out);
      writeFileAtomic(out, pack.archive);
      if (o.json) return kit.json({ file: out, manifest: pack.manifest });
      io.out(`${say(BACKUP_CLI.packed, { asOf, file: out, files: pack.manifest.files.length + 1 })}\n`);
    });
}

/** `soquy verify --pack FILE`: no database is opened. Exit 3 when the pack does not check. */
export async function verifyPackCommand(kit: CliKit, file: string, json: boolean): Promise<void> {
  const { io, lang, say } = kit;
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch {
    throw new RefusedError([{ code: 'file_unreadable', field: 'pack', value: file }]);
  }
  const v = await verifyPack(bytes);
  if (json) kit.json(v);
  else if (v.ok)
    io.out(
      `${say(BACKUP_CLI.packOk, { files: v.files, books: v.books, entries: v.entries, asOf: v.asOf ?? '' })}\n`,
    );
  else {
    io.out(`${say(BACKUP_CLI.packBad, { count: v.problems.length })}\n`);
    for (const p of v.problems) io.out(`  ${describeRefusal(p, lang)}\n`);
  }
  if (!v.ok) throw new ExitWith(EXIT.verifyFailed);
}

export interface ScheduleFlags {
  readonly backupEvery?: string;
  readonly backupKeep?: string;
  readonly backupDir?: string;
}

/**
 * The server's scheduled backups, when `--backup-every` (or SOQUY_BACKUP_EVERY) asks for them;
 * the settings are checked here, before the server listens, and the schedule starts with it.
 * Each backup is a `soquy backup` child process: the server's event loop and database connection
 * are never held up, and a failing backup cannot take the server down.
 */
export function backupSchedule(
  kit: CliKit,
  flags: ScheduleFlags,
): { start(): void; stop(): Promise<void> } | undefined {
  const { io, say } = kit;
  const everyText = flags.backupEvery ?? io.env['SOQUY_BACKUP_EVERY'];
  if (everyText === undefined || everyText === '') return undefined;
  const everyMs = orRefuse(parseInterval('backupEvery', everyText));
  const keep = orRefuse(
    parseKeep(
      'backupKeep',
      flags.backupKeep ?? io.env['SOQUY_BACKUP_KEEP'] ?? String(BACKUP_LIMITS.keepDefault),
    ),
  );
  const dirText = flags.backupDir ?? io.env['SOQUY_BACKUP_DIR'];
  const dir = dirText ? resolve(io.cwd, dirText) : defaultBackupDir(kit);
  const config = kit.config();
  const run = (file: string) =>
    new Promise<void>((done, fail) => {
      const child = spawn(
        process.execPath,
        [BIN, '--lang', kit.lang, 'backup', '--out', file],
        // The location goes by environment, not argv: a PostgreSQL URL may carry a password that
        // `ps` would show to every user of the machine.
        { env: { ...process.env, ...io.env, SOQUY_DB: config.db }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('error', fail);
      child.on('exit', (code) =>
        code === 0 ? done() : fail(new Error(err.trim().slice(0, 500) || `exit ${code}`)),
      );
    });
  const schedule = new BackupSchedule({
    everyMs,
    keep,
    dir,
    run,
    onDone: (file) => io.out(`${say(BACKUP_CLI.scheduledDone, { file })}\n`),
    onError: (e) =>
      io.err(`${say(BACKUP_CLI.scheduledFailed, { message: e instanceof Error ? e.message : String(e) })}\n`),
  });
  return {
    start: () => {
      schedule.start();
      io.out(`${say(BACKUP_CLI.scheduled, { every: everyText, keep, dir })}\n`);
    },
    stop: () => schedule.stop(),
  };
}
