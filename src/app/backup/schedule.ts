/**
 * Scheduled backups from the server (`soquy serve --backup-every 24h --backup-keep 14`): the
 * interval, the file names, and which old backups rotation removes. The scheduler runs one
 * backup at a time; what a backup *is* (a child `soquy backup` process) is the caller's.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ok, type Result, refuse } from '../../domain/refusal.ts';
import { manifestPathOf } from './manifest.ts';

export const BACKUP_LIMITS = {
  /** Shorter is a mistake (tests use 1 s). */
  everyMsMin: 1_000,
  everyMsMax: 366 * 24 * 3_600_000,
  keepMin: 1,
  keepMax: 1_000,
  keepDefault: 14,
} as const;

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `24h`, `30m`, `90s`, `7d` in milliseconds, within the limits. */
export function parseInterval(field: string, text: string): Result<number> {
  const m = /^\s*(\d{1,6})\s*([smhd])\s*$/.exec(text);
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!]! : Number.NaN;
  if (!(ms >= BACKUP_LIMITS.everyMsMin && ms <= BACKUP_LIMITS.everyMsMax))
    return refuse('duration_invalid', field, text, { min: '1s', max: '366d' });
  return ok(ms);
}

export function parseKeep(field: string, text: string): Result<number> {
  const n = Number(text);
  if (!/^\d{1,4}$/.test(text.trim()) || n < BACKUP_LIMITS.keepMin || n > BACKUP_LIMITS.keepMax)
    return refuse('number_out_of_range', field, text, {
      min: BACKUP_LIMITS.keepMin,
      max: BACKUP_LIMITS.keepMax,
    });
  return ok(n);
}

const SCHEDULED_NAME = /^soquy-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/;

/** `soquy-2025-12-20T03-00-00-000Z.db`: sorts by time, and no other file matches. */
export function scheduledBackupName(now: Date): string {
  return `soquy-${now.toISOString().replace(/[:.]/g, '-')}.db`;
}

/** The scheduled backups beyond the newest `keep`, oldest first. Other files are never named. */
export function backupsToRotate(names: readonly string[], keep: number): string[] {
  const ours = names.filter((n) => SCHEDULED_NAME.test(n)).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}

/** Removes the scheduled backups of `dir` beyond the newest `keep`, each with its manifest. */
export function rotateBackups(dir: string, keep: number): string[] {
  const removed = backupsToRotate(readdirSync(dir), keep);
  for (const name of removed) {
    rmSync(manifestPathOf(join(dir, name)), { force: true });
    rmSync(join(dir, name), { force: true });
  }
  return removed;
}

export interface ScheduleOptions {
  readonly everyMs: number;
  readonly keep: number;
  readonly dir: string;
  /** Makes one backup into the given file; rejects when it failed. */
  readonly run: (file: string) => Promise<void>;
  readonly onDone?: (file: string, rotated: readonly string[]) => void;
  readonly onError?: (error: unknown) => void;
  readonly now?: () => Date;
}

/** Runs a backup every `everyMs` (the first one interval after start), one at a time. */
export class BackupSchedule {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(readonly options: ScheduleOptions) {}

  start(): void {
    this.#arm();
  }

  #arm(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#once().finally(() => {
        this.#running = undefined;
        this.#arm();
      });
    }, this.options.everyMs);
    // A pending backup never keeps a stopping process alive.
    this.#timer.unref();
  }

  async #once(): Promise<void> {
    const o = this.options;
    const file = join(o.dir, scheduledBackupName(o.now?.() ?? new Date()));
    try {
      await o.run(file);
      o.onDone?.(file, rotateBackups(o.dir, o.keep));
    } catch (e) {
      o.onError?.(e);
    }
  }

  /** Stops the schedule and waits for a backup under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}
