/**
 * Failures of the storage itself (a full disk, an I/O error, a file that is not a database) as
 * refusals with a code from the catalogue, so the interfaces say what happened and what to do
 * instead of printing a driver's message or a stack. The transaction that met one is rolled back
 * whole; nothing committed before is touched.
 */
import { type Refusal, RefusedError } from '../domain/refusal.ts';

/** Driver and system error codes, by what they mean to the person at the keyboard. */
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100']);
const IO = new Set(['EIO', '58030']);
const UNREADABLE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'EROFS', 'EACCES', 'EPERM']);

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The refusal for a storage failure, or undefined when `e` is something else. */
export function storageRefusal(e: unknown, location: string): Refusal | undefined {
  const code = codeOf(e);
  if (code === undefined) return undefined;
  const refusal = (name: string): Refusal => ({ code: name, field: 'database', value: location });
  if (FULL.has(code)) return refusal('storage_full');
  if (IO.has(code) || code.startsWith('SQLITE_IOERR')) return refusal('storage_io_error');
  if (UNREADABLE.has(code) || code.startsWith('SQLITE_CORRUPT')) return refusal('database_unreadable');
  if (READ_ONLY.has(code) || code.startsWith('SQLITE_READONLY')) return refusal('storage_read_only');
  return undefined;
}

/** `e` itself, or a RefusedError when it is a storage failure. */
export function asStorageRefusal(e: unknown, location: string): unknown {
  const r = storageRefusal(e, location);
  return r === undefined ? e : new RefusedError([r]);
}
