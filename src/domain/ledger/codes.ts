/**
 * Identifiers used by the ledger: tenant ids, book codes, account codes, party ids. Kept short,
 * ASCII and case-sensitive so they read well in exports (hledger, beancount) and raw SQL.
 */
import { ok, type Result, refuse } from '../refusal.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;
const ACCOUNT_CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;
const PARTY_ID = /^[0-9A-Za-z][0-9A-Za-z._:/-]{0,63}$/;

/** Tenant ids and book codes: lower-case letters, digits and dashes, up to 40 characters. */
export function parseSlug(field: string, input: unknown): Result<string> {
  return typeof input === 'string' && SLUG.test(input)
    ? ok(input)
    : refuse('code_invalid', field, input, { pattern: 'a-z 0-9 -' });
}

export function parseAccountCode(field: string, input: unknown): Result<string> {
  return typeof input === 'string' && ACCOUNT_CODE.test(input)
    ? ok(input)
    : refuse('code_invalid', field, input, { pattern: 'A-Z a-z 0-9 . _ -' });
}

export function parsePartyId(field: string, input: unknown): Result<string> {
  return typeof input === 'string' && PARTY_ID.test(input)
    ? ok(input)
    : refuse('code_invalid', field, input, { pattern: 'A-Z a-z 0-9 . _ : / -' });
}
