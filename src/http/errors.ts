/**
 * Every failure becomes one JSON shape, `{ error: { code, message, refusals? } }`, in the
 * request's language, in one place (`onError` in app.ts). Domain refusals carry no HTTP status
 * (STYLE: errors with HTTP codes mix layers); the mapping lives here.
 */
import { type Refusal, RefusedError } from '../domain/refusal.ts';
import { describeRefusal, t } from '../i18n/catalogue.ts';
import { HTTP_ERRORS, type HttpErrorCode } from '../i18n/server.ts';
import type { Lang } from '../i18n/types.ts';

/** An HTTP answer that is not a success; thrown by middleware and handlers, rendered by onError. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    readonly refusals: readonly Refusal[] = [],
    readonly params: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${code}`);
    this.name = 'HttpError';
  }
}

/** Refusals meaning "there is no such thing (that you may see)". */
const NOT_FOUND_CODES = new Set([
  'book_unknown',
  'entry_unknown',
  'operation_unknown',
  'user_unknown',
  'token_unknown',
  'household_unknown',
  'loan_unknown',
]);

/** Refusals meaning "the server's storage failed": not the client's doing, so a 5xx. */
const STORAGE_CODES = new Set([
  'storage_full',
  'storage_io_error',
  'storage_read_only',
  'database_unreadable',
]);

/** The HTTP answer for refusals thrown by a service. */
export function refusalError(e: RefusedError): HttpError {
  const codes = e.refusals.map((r) => r.code);
  const has = (code: string) => codes.includes(code);
  // The refusal names the database file; a client has no business knowing where it lives.
  if (codes.some((c) => STORAGE_CODES.has(c)))
    return new HttpError(
      503,
      'storage_unavailable',
      e.refusals.map((r) => ({ ...r, value: null })),
    );
  if (has('idempotency_key_reused')) return new HttpError(409, 'idempotency_key_reused', e.refusals);
  if (has('operation_already_decided')) return new HttpError(409, 'operation_already_decided', e.refusals);
  if (has('approver_is_proposer')) return new HttpError(403, 'approver_is_proposer', e.refusals);
  if (has('credentials_invalid')) return new HttpError(401, 'unauthenticated', e.refusals);
  if (has('sign_in_locked')) {
    const seconds = Number(e.refusals.find((r) => r.code === 'sign_in_locked')?.params?.['seconds'] ?? 60);
    return new HttpError(429, 'rate_limited', e.refusals, { seconds }, { 'Retry-After': String(seconds) });
  }
  if (codes.length > 0 && codes.every((c) => NOT_FOUND_CODES.has(c)))
    return new HttpError(404, 'not_found', e.refusals);
  return new HttpError(422, 'refused', e.refusals, { count: e.refusals.length });
}

export function toHttpError(e: unknown): HttpError | undefined {
  if (e instanceof HttpError) return e;
  if (e instanceof RefusedError) return refusalError(e);
  return undefined;
}

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly refusals?: ReadonlyArray<Refusal & { readonly message: string }>;
  };
}

export function errorBody(e: HttpError, lang: Lang): ErrorBody {
  const message = t(HTTP_ERRORS[e.code], lang, e.params);
  if (e.refusals.length === 0) return { error: { code: e.code, message } };
  return {
    error: {
      code: e.code,
      message,
      refusals: e.refusals.map((r) => ({ ...r, message: describeRefusal(r, lang) })),
    },
  };
}

/** The one refusal of a hidden or missing book: identical either way, so existence does not leak. */
export function bookNotFound(field: string, value: string): HttpError {
  return new HttpError(404, 'not_found', [{ code: 'book_unknown', field, value }]);
}
