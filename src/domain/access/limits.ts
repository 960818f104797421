/**
 * Every limit of people and access, named and checked (STYLE: put a limit on everything).
 */
import { ok, type Result, refuse } from '../refusal.ts';

export const ACCESS_LIMITS = {
  /** Two usernames joined by "/" (maker/checker, the actor of an approved entry) fit in 64. */
  usernameLengthMax: 31,
  displayNameLengthMax: 100,
  /** Long enough for a passphrase a treasurer can remember ("ba con trâu ăn cỏ bên sông"). */
  passwordLengthMin: 10,
  /** argon2 hashes whatever it is given; a bound keeps a megabyte "password" from costing CPU. */
  passwordLengthMax: 200,
  /** A cookie session lasts one working day, then the user signs in again. */
  sessionTtlMinutes: 8 * 60,
  /** API tokens expire after this many days unless created with another expiry. */
  tokenTtlDaysDefault: 365,
  tokenTtlDaysMax: 3 * 365,
  tokenNameLengthMax: 60,
  tokensPerUserMax: 20,
  grantsPerUserMax: 50,
  /** Sign-in failures allowed per username within the window before it locks for the window. */
  signInFailuresPerUserMax: 5,
  /** Per client address: a shared office PC makes several users' failures add up. */
  signInFailuresPerIpMax: 30,
  signInWindowMinutes: 15,
  /** Entries of the audit log per page of the API. */
  auditPageRowsMax: 10_000,
  rejectReasonLengthMax: 500,
} as const;

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,30}$/;

/** Usernames: lower-case ASCII letters, digits, `.`, `_`, `-`; 2 to 31 characters. */
export function parseUsername(field: string, input: unknown): Result<string> {
  return typeof input === 'string' && USERNAME.test(input)
    ? ok(input)
    : refuse('username_invalid', field, input, { max: ACCESS_LIMITS.usernameLengthMax });
}

/** A new password: its length only (long passphrases beat composition rules). */
export function checkNewPassword(field: string, input: unknown): Result<string> {
  if (typeof input !== 'string') return refuse('text_invalid', field, null);
  // Never echo a password back in a refusal: the value is reported as its length.
  if ([...input].length < ACCESS_LIMITS.passwordLengthMin)
    return refuse('password_too_short', field, `(${[...input].length})`, {
      min: ACCESS_LIMITS.passwordLengthMin,
    });
  if ([...input].length > ACCESS_LIMITS.passwordLengthMax)
    return refuse('password_too_long', field, `(${[...input].length})`, {
      max: ACCESS_LIMITS.passwordLengthMax,
    });
  return ok(input);
}
