/**
 * Input of the funds service as interfaces hand it over (strings from forms and the command line,
 * numbers from JSON): each parser collects refusals naming field, value and rule.
 */
import { parseBusinessDate } from '../../domain/dates.ts';
import { FUNDS_LIMITS } from '../../domain/funds/rules.ts';
import { parsePartyId, parseSlug } from '../../domain/ledger/codes.ts';
import { parseDong } from '../../domain/money.ts';
import type { Refusal, Result } from '../../domain/refusal.ts';

export function take<T>(into: Refusal[], r: Result<T>, fallback: T): T {
  if (r.ok) return r.value;
  into.push(...r.refusals);
  return fallback;
}

function blank(x: unknown): boolean {
  return x === undefined || x === null || (typeof x === 'string' && x.trim() === '');
}

export function oneOf<T extends string>(
  into: Refusal[],
  list: readonly T[],
  field: string,
  value: unknown,
  fallback: T,
  required = false,
): T {
  if (blank(value)) {
    if (required) into.push({ code: 'value_required', field, value: value ?? null });
    return fallback;
  }
  if ((list as readonly unknown[]).includes(value)) return value as T;
  into.push({ code: 'value_not_allowed', field, value: value ?? null, params: { allowed: list.join(', ') } });
  return fallback;
}

export function text(
  into: Refusal[],
  field: string,
  value: unknown,
  required: boolean,
  max: number = FUNDS_LIMITS.nameLengthMax,
): string | null {
  if (blank(value)) {
    if (required) into.push({ code: 'value_required', field, value: value ?? null });
    return null;
  }
  if (typeof value !== 'string') {
    into.push({ code: 'text_invalid', field, value });
    return null;
  }
  const t = value.trim().normalize('NFC');
  if (t.length > max) {
    into.push({ code: 'text_too_long', field, value: t.slice(0, 40), params: { max } });
    return null;
  }
  return t;
}

export function date(into: Refusal[], field: string, value: unknown, fallback?: string): string {
  if (blank(value) && fallback !== undefined) return fallback;
  if (blank(value)) {
    into.push({ code: 'value_required', field, value: value ?? null });
    return '0000-00-00';
  }
  return take(into, parseBusinessDate(field, value), '0000-00-00');
}

/** A positive whole number of đồng ("1.050.000", 1050000). */
export function amount(into: Refusal[], field: string, value: unknown): number {
  if (blank(value)) {
    into.push({ code: 'value_required', field, value: value ?? null });
    return 0;
  }
  const r = parseDong(field, typeof value === 'number' ? value : String(value));
  if (!r.ok) {
    into.push(...r.refusals);
    return 0;
  }
  if (r.value <= 0) {
    into.push({ code: 'amount_not_positive', field, value });
    return 0;
  }
  return r.value;
}

export function slug(into: Refusal[], field: string, value: unknown): string {
  return take(into, parseSlug(field, value), '');
}

export function partyId(into: Refusal[], field: string, value: unknown): string {
  if (blank(value)) {
    into.push({ code: 'value_required', field, value: value ?? null });
    return '';
  }
  return take(into, parsePartyId(field, value), '');
}

export function optionalPartyId(into: Refusal[], field: string, value: unknown): string | null {
  return blank(value) ? null : take(into, parsePartyId(field, value), null);
}

/** A whole number from 1 to max, optional. */
export function optionalCount(into: Refusal[], field: string, value: unknown, max: number): number | null {
  if (blank(value)) return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    into.push({ code: 'number_out_of_range', field, value, params: { min: 1, max } });
    return null;
  }
  return n;
}

export function bool(value: unknown): boolean {
  return value === true || value === 'true' || value === 'on' || value === '1' || value === 1;
}
