/**
 * Expected failures are values, not exceptions (STYLE: TigerBeetle). A refusal names one
 * specific code from a fixed list, the field, the value and the parameters of the rule, so the
 * message catalogue can say, in the user's language, what was wrong and why.
 */

/** One reason an input was refused. `row` is set for file imports (1-based data row). */
export interface Refusal {
  readonly code: string;
  readonly field: string;
  readonly value: unknown;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly row?: number;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly refusals: Refusal[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function refuse<T = never>(
  code: string,
  field: string,
  value: unknown,
  params?: Record<string, string | number>,
): Result<T> {
  return { ok: false, refusals: [params ? { code, field, value, params } : { code, field, value }] };
}

/**
 * Thrown by application services to abandon a transaction when input is refused; interfaces
 * (CLI, HTTP) catch it and render each refusal. It is an expected outcome, never a bug.
 */
export class RefusedError extends Error {
  readonly refusals: readonly Refusal[];
  constructor(refusals: readonly Refusal[]) {
    const first = refusals[0];
    super(first ? `${first.code}: ${first.field}=${JSON.stringify(first.value)}` : 'refused');
    this.name = 'RefusedError';
    this.refusals = refusals;
  }
}

/** Unwraps a result or throws its refusals. */
export function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new RefusedError(result.refusals);
  return result.value;
}

/** Collects refusals of several checks; returns them all (never stops at the first). */
export function collect(...results: Array<Result<unknown>>): Refusal[] {
  const out: Refusal[] = [];
  for (const r of results) if (!r.ok) out.push(...r.refusals);
  return out;
}

/** Programmer errors: an invariant that must hold. Never caught. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
