/**
 * Who is acting, for which commune, and what time it is. Every service call takes one; the
 * interfaces build it from the signed-in user or the command line.
 */
import type { BusinessDate } from '../domain/dates.ts';

export interface Ctx {
  /** The commune (tenant) every read and write is scoped to. */
  readonly tenant: string;
  /** The user or process that acts, recorded on every write. */
  readonly actor: string;
  /** The clock; tests fix it. */
  readonly now?: () => Date;
}

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export function nowIso(ctx: Ctx): string {
  return (ctx.now?.() ?? new Date()).toISOString();
}

/** Today's business date in the commune's calendar. */
export function today(ctx: Ctx): BusinessDate {
  return new Date((ctx.now?.() ?? new Date()).getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
