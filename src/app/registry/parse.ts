/**
 * Checks shared by the service methods and the importer: a person's fields, dates that may not
 * lie in the future, amounts of đồng that may not be negative. Each collects every refusal.
 */
import { type BusinessDate, parseBusinessDate } from '../../domain/dates.ts';
import { parseDong } from '../../domain/money.ts';
import { ok, type Refusal, type Result, refuse } from '../../domain/refusal.ts';
import type { Sex } from '../../domain/registry/kinds.ts';
import { REGISTRY_LIMITS } from '../../domain/registry/limits.ts';
import { nameKey } from '../../domain/registry/names.ts';
import {
  cellText,
  type Policy,
  parseBirthYear,
  parseFullName,
  parseIdNumber,
  parseOptionalText,
  parsePhone,
  parsePolicies,
  parseSex,
} from '../../domain/registry/validate.ts';
import type { PersonInput } from './types.ts';

export interface PersonFields {
  readonly fullName: string;
  readonly nameKey: string;
  readonly birthYear: number | null;
  readonly sex: Sex | null;
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly relation: string | null;
  readonly policies: readonly Policy[];
}

/** Pushes a result's refusals to `into` and returns its value, or `fallback` when refused. */
export function take<T>(into: Refusal[], r: Result<T>, fallback: T): T {
  if (r.ok) return r.value;
  into.push(...r.refusals);
  return fallback;
}

/** A person's fields, checked; field names get `prefix` ("head."). */
export function parsePersonFields(
  prefix: string,
  input: PersonInput,
  thisYear: number,
  refusals: Refusal[],
): PersonFields {
  const fullName = take(refusals, parseFullName(`${prefix}fullName`, input.fullName), '');
  return {
    fullName,
    nameKey: nameKey(fullName),
    birthYear: take(refusals, parseBirthYear(`${prefix}birthYear`, input.birthYear, thisYear), null),
    sex: take(refusals, parseSex(`${prefix}sex`, input.sex), null),
    idNumber: take(refusals, parseIdNumber(`${prefix}idNumber`, input.idNumber), null),
    phone: take(refusals, parsePhone(`${prefix}phone`, input.phone), null),
    relation: take(
      refusals,
      parseOptionalText(`${prefix}relation`, input.relation, REGISTRY_LIMITS.relationLengthMax),
      null,
    ),
    policies: take(refusals, parsePolicies(`${prefix}policies`, input.policies), []),
  };
}

/** A business date, required, not after `today`: the registry records what has happened. */
export function parsePastDate(field: string, input: unknown, today: BusinessDate): Result<BusinessDate> {
  const text = input instanceof Date ? dateFromCell(input) : cellText(input);
  if (text === null) return refuse('value_required', field, input ?? null);
  const r = parseBusinessDate(field, text);
  if (!r.ok) return refuse('date_invalid', field, input);
  if (r.value > today) return refuse('date_in_future', field, r.value, { today });
  return r;
}

/** A date cell from a spreadsheet: exceljs gives a JS Date at midnight UTC of the day shown. */
export function dateFromCell(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.slice(0, 10);
}

/** Whole đồng, zero or more; optional. */
export function parseDongOptional(field: string, input: unknown): Result<number | null> {
  const text = typeof input === 'number' ? input : cellText(input);
  if (text === null) return ok(null);
  const r = parseDong(field, text);
  if (!r.ok) return r;
  if (r.value < 0) return refuse('amount_negative', field, input);
  return ok(r.value);
}

export function parseDongRequired(field: string, input: unknown): Result<number> {
  const r = parseDongOptional(field, input);
  if (!r.ok) return r;
  return r.value === null ? refuse('value_required', field, input ?? null) : ok(r.value);
}
