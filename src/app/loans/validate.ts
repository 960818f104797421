/**
 * Small validators of the loan service's inputs: each returns refusals naming the field, the value
 * and the rule; none throws.
 * @internal
 */
import { isBusinessDate } from '../../domain/dates.ts';
import { LOAN_LIMITS } from '../../domain/loans/limits.ts';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Refusal } from '../../domain/refusal.ts';

export function dateField(field: string, value: unknown, out: Refusal[]): value is string {
  if (isBusinessDate(value)) return true;
  out.push({ code: 'date_invalid', field, value });
  return false;
}

/** A whole, positive amount of đồng within the posting bound. */
export function positiveDong(field: string, value: unknown, out: Refusal[]): value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    out.push({ code: 'amount_not_whole_dong', field, value });
    return false;
  }
  if (value <= 0) {
    out.push({ code: 'amount_not_positive', field, value });
    return false;
  }
  if (value > AMOUNT_DONG_MAX) {
    out.push({ code: 'amount_out_of_range', field, value, params: { max: AMOUNT_DONG_MAX } });
    return false;
  }
  return true;
}

/** A whole amount ≥ 0 (an assessed loss may be nothing). */
export function nonNegativeDong(field: string, value: unknown, out: Refusal[]): value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    out.push({ code: 'amount_not_whole_dong', field, value });
    return false;
  }
  if (value < 0 || value > AMOUNT_DONG_MAX) {
    out.push({ code: 'amount_out_of_range', field, value, params: { max: AMOUNT_DONG_MAX } });
    return false;
  }
  return true;
}

export function textField(
  field: string,
  value: unknown,
  out: Refusal[],
  opts: { required?: boolean; max?: number; code?: string } = {},
): void {
  const max = opts.max ?? LOAN_LIMITS.textLengthMax;
  if (value === undefined || value === null || value === '') {
    if (opts.required) out.push({ code: opts.code ?? 'text_invalid', field, value: value ?? null });
    return;
  }
  if (typeof value !== 'string' || value.trim() === '') out.push({ code: 'text_invalid', field, value });
  else if (value.length > max)
    out.push({ code: 'text_too_long', field, value: value.slice(0, 40), params: { max } });
}

export function monthsField(
  field: string,
  value: unknown,
  min: number,
  max: number,
  out: Refusal[],
): value is number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) return true;
  out.push({ code: 'months_out_of_range', field, value, params: { min, max } });
  return false;
}
