/**
 * Checks of registry input, each returning a Result that names the field, the value and the
 * rule. Inputs come from the command line, the API and spreadsheet cells, so each parser
 * accepts a string or, where a spreadsheet would give one, a number.
 */
import { ok, type Result, refuse } from '../refusal.ts';
import {
  GROUP_ALIASES,
  GROUP_KINDS,
  type GroupKind,
  isOneOf,
  POLICY_ALIASES,
  POLICY_CATEGORIES,
  POVERTY_STATUSES,
  type PolicyCategory,
  type PovertyStatus,
  SEX_ALIASES,
  SEXES,
  type Sex,
  SHOCK_ALIASES,
  SHOCK_KINDS,
  type ShockKind,
  STATUS_ALIASES,
} from './kinds.ts';
import { REGISTRY_LIMITS } from './limits.ts';
import { cleanName, nameKey } from './names.ts';

/** Text of a cell or flag: numbers as their digits, empty and whitespace as absent (`null`). */
export function cellText(input: unknown): string | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isFinite(input) ? String(input) : null;
  if (typeof input !== 'string') return null;
  const text = input.normalize('NFC').trim();
  return text === '' ? null : text;
}

/** Letters (with their marks), spaces, and the apostrophes, dots and hyphens some names have. */
const NAME_CHARS = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u;

/** A person's full name: letters only, at least one Latin letter (so the search key is not empty). */
export function parseFullName(field: string, input: unknown): Result<string> {
  const text = cellText(input);
  if (text === null) return refuse('value_required', field, input ?? null);
  const name = cleanName(text);
  if (name.length > REGISTRY_LIMITS.nameLengthMax)
    return refuse('text_too_long', field, name.slice(0, 40), { max: REGISTRY_LIMITS.nameLengthMax });
  if (!NAME_CHARS.test(name) || nameKey(name) === '') return refuse('name_invalid', field, input);
  return ok(name);
}

/** Free text such as an address: optional, trimmed, bounded. */
export function parseOptionalText(field: string, input: unknown, max: number): Result<string | null> {
  const text = cellText(input);
  if (text === null) return ok(null);
  const clean = text.replace(/\s+/gu, ' ');
  if (clean.length > max) return refuse('text_too_long', field, clean.slice(0, 40), { max });
  return ok(clean);
}

export function parseRequiredText(field: string, input: unknown, max: number): Result<string> {
  const r = parseOptionalText(field, input, max);
  if (!r.ok) return r;
  return r.value === null ? refuse('value_required', field, input ?? null) : ok(r.value);
}

/** A birth year from 1900 to the current year (`thisYear`, from the caller's clock). */
export function parseBirthYear(field: string, input: unknown, thisYear: number): Result<number | null> {
  const text = cellText(input);
  if (text === null) return ok(null);
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(year) || year < 1900 || year > thisYear)
    return refuse('birth_year_invalid', field, input, { min: 1900, max: thisYear });
  return ok(year);
}

function alias<T extends string>(
  list: readonly T[],
  aliases: Readonly<Record<string, T>>,
  text: string,
): T | undefined {
  if (isOneOf(list, text)) return text;
  return aliases[nameKey(text)];
}

export function parseSex(field: string, input: unknown): Result<Sex | null> {
  const text = cellText(input);
  if (text === null) return ok(null);
  const sex = alias(SEXES, SEX_ALIASES, text);
  return sex ? ok(sex) : refuse('sex_unknown', field, input, { allowed: 'Nam, Nữ' });
}

/**
 * A citizen ID number: the 12 digits of a CCCD or the 9 of an old CMND, spaces and dots
 * ignored. A spreadsheet that stored it as a number dropped its leading zeros (CCCD numbers
 * start with the province code, 001–096): a number of 10–11 digits gets them back.
 */
export function parseIdNumber(field: string, input: unknown): Result<string | null> {
  let text = cellText(input);
  if (text === null) return ok(null);
  text = text.replace(/[\s.]/g, '');
  if (typeof input === 'number' && /^\d{10,11}$/.test(text)) text = text.padStart(12, '0');
  return /^(\d{9}|\d{12})$/.test(text)
    ? ok(text)
    : refuse('id_number_invalid', field, input, { digits: '9, 12' });
}

/**
 * A Vietnamese phone number, kept as 10 digits (mobile) or 11 (landline with area code)
 * starting with 0. "+84 912 345 678", "0912.345.678" and "0912 345 678" are one number; a
 * spreadsheet number that lost its leading 0 gets it back.
 */
export function parsePhone(field: string, input: unknown): Result<string | null> {
  let text = cellText(input);
  if (text === null) return ok(null);
  text = text.replace(/[\s.()-]/g, '');
  if (text.startsWith('+84')) text = `0${text.slice(3)}`;
  else if (text.startsWith('84') && text.length === 11) text = `0${text.slice(2)}`;
  if (typeof input === 'number' && /^[1-9]\d{8,9}$/.test(text)) text = `0${text}`;
  return /^0\d{9,10}$/.test(text) ? ok(text) : refuse('phone_invalid', field, input);
}

export function parseStatus(field: string, input: unknown): Result<PovertyStatus> {
  const text = cellText(input);
  if (text === null) return refuse('value_required', field, input ?? null);
  const status = alias(POVERTY_STATUSES, STATUS_ALIASES, text);
  return status
    ? ok(status)
    : refuse('status_unknown', field, input, { allowed: POVERTY_STATUSES.join(', ') });
}

export function parseShockKind(field: string, input: unknown): Result<ShockKind> {
  const text = cellText(input);
  const kind = text === null ? undefined : alias(SHOCK_KINDS, SHOCK_ALIASES, text);
  return kind
    ? ok(kind)
    : refuse('shock_kind_unknown', field, input ?? null, { allowed: SHOCK_KINDS.join(', ') });
}

export function parseGroupKind(field: string, input: unknown): Result<GroupKind> {
  const text = cellText(input);
  const kind = text === null ? undefined : alias(GROUP_KINDS, GROUP_ALIASES, text);
  return kind
    ? ok(kind)
    : refuse('group_kind_unknown', field, input ?? null, { allowed: GROUP_KINDS.join(', ') });
}

export interface Policy {
  readonly category: PolicyCategory;
  /** The class of a war invalid ("2/4"); otherwise free detail or null. */
  readonly detail: string | null;
}

const WAR_INVALID_CLASS = /^([1-4])\s*\/\s*4$/;

/**
 * Policy categories as a list separated by ";" or ",": "Thương binh 2/4; Khuyết tật". A war
 * invalid's class is required and is one of 1/4 … 4/4 (hạng thương binh).
 */
export function parsePolicies(field: string, input: unknown): Result<Policy[]> {
  const text = cellText(input);
  if (text === null) return ok([]);
  const out: Policy[] = [];
  for (const part of text.split(/[;,]/)) {
    const item = part.trim();
    if (item === '') continue;
    const m = /^(.*?)\s*(?:hạng|hang|class)?\s*(\d\s*\/\s*\d)?$/iu.exec(item);
    const words = (m?.[1] ?? item).trim();
    const category = alias(POLICY_CATEGORIES, POLICY_ALIASES, words);
    if (!category) return refuse('policy_unknown', field, item, { allowed: POLICY_CATEGORIES.join(', ') });
    const detail = m?.[2]?.replace(/\s/g, '') ?? null;
    if (category === 'war_invalid' && (detail === null || !WAR_INVALID_CLASS.test(detail)))
      return refuse('war_invalid_class_invalid', field, item);
    if (out.some((p) => p.category === category)) continue;
    out.push({ category, detail });
  }
  return ok(out);
}
