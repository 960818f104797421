/**
 * The tunable figures of the at-risk rules: thresholds and weights, each an integer with a
 * default and a range. The commune changes them as dated settings (`risk_setting`); the rules
 * read the value in force on the day they judge.
 */
import type { BusinessDate } from '../dates.ts';
import { AMOUNT_DONG_MAX } from '../money.ts';

export interface SettingDef {
  readonly key: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  /** What the figure is: a weight (points), months, days, đồng or a percentage. */
  readonly unit: 'points' | 'months' | 'days' | 'dong' | 'percent';
}

const W = { unit: 'points', min: 0, max: 1000 } as const;

/** Every setting, in the order the settings page shows them. */
export const RISK_SETTINGS: readonly SettingDef[] = [
  { key: 'score_min', defaultValue: 50, ...W, min: 1 },
  { key: 'w_poor', defaultValue: 50, ...W },
  { key: 'w_near_poor', defaultValue: 30, ...W },
  { key: 'w_escaped', defaultValue: 20, ...W },
  { key: 'escaped_months', defaultValue: 36, unit: 'months', min: 1, max: 120 },
  { key: 'w_shock', defaultValue: 40, ...W },
  { key: 'shock_months', defaultValue: 12, unit: 'months', min: 1, max: 60 },
  { key: 'shock_loss_min_dong', defaultValue: 5_000_000, unit: 'dong', min: 0, max: AMOUNT_DONG_MAX },
  { key: 'w_shock_uncovered', defaultValue: 20, ...W },
  { key: 'w_overdue', defaultValue: 30, ...W },
  { key: 'overdue_long_days', defaultValue: 90, unit: 'days', min: 1, max: 3650 },
  { key: 'w_overdue_long', defaultValue: 20, ...W },
  { key: 'w_frozen', defaultValue: 30, ...W },
  { key: 'debt_months', defaultValue: 3, unit: 'months', min: 1, max: 24 },
  { key: 'debt_income_pct', defaultValue: 40, unit: 'percent', min: 1, max: 1000 },
  { key: 'w_debt', defaultValue: 20, ...W },
  { key: 'w_policy', defaultValue: 10, ...W },
  { key: 'aid_months', defaultValue: 12, unit: 'months', min: 1, max: 60 },
  { key: 'w_aid', defaultValue: 10, ...W },
];

export type SettingKey = string;

const BY_KEY = new Map(RISK_SETTINGS.map((s) => [s.key, s]));

export function settingDef(key: string): SettingDef | undefined {
  return BY_KEY.get(key);
}

/** One dated value as stored. */
export interface SettingRow {
  readonly key: string;
  readonly effectiveFrom: BusinessDate;
  readonly value: number;
  readonly recordedAt: string;
  readonly actor: string;
  readonly note: string | null;
}

/** A value in force: where it came from (a stored row, or the default when none applies). */
export interface SettingInForce {
  readonly key: string;
  readonly value: number;
  /** The row's effective date; null for the built-in default. */
  readonly effectiveFrom: BusinessDate | null;
}

export type Settings = ReadonlyMap<string, SettingInForce>;

/**
 * The settings in force on `asOf`: per key the row with the latest `effectiveFrom <= asOf`
 * (rows with the same date: the one recorded last), else the default.
 */
export function settingsAsOf(rows: readonly SettingRow[], asOf: BusinessDate): Settings {
  const out = new Map<string, SettingInForce>();
  for (const def of RISK_SETTINGS)
    out.set(def.key, { key: def.key, value: def.defaultValue, effectiveFrom: null });
  const best = new Map<string, SettingRow>();
  for (const r of rows) {
    if (r.effectiveFrom > asOf || !BY_KEY.has(r.key)) continue;
    const b = best.get(r.key);
    if (
      !b ||
      r.effectiveFrom > b.effectiveFrom ||
      (r.effectiveFrom === b.effectiveFrom && r.recordedAt >= b.recordedAt)
    )
      best.set(r.key, r);
  }
  for (const [key, r] of best) out.set(key, { key, value: r.value, effectiveFrom: r.effectiveFrom });
  return out;
}

/** The value of `key` (a programmer error if the key is not defined). */
export function setting(s: Settings, key: string): number {
  const v = s.get(key);
  if (!v) throw new Error(`assertion failed: unknown risk setting ${key}`);
  return v.value;
}
