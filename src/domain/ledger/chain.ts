/**
 * The tamper-evident chain (ARCHITECTURE §1.4). Each book's entries carry a gapless sequence and
 * hash = SHA-256( prev_hash + "\n" + canonical(entry) ), hex-encoded, where canonical(entry) is the
 * JSON array below, with no spaces, fields in this fixed order:
 *
 *   ["soquy-entry/1", tenant, book, seq, date, recordedAt, kind, memo, documentNo, actor,
 *    idempotencyKey, reversesSeq, [[line, account, party, amount], ...]]
 *
 * Strings use JSON escaping, absent values are null, amounts are integers. The first entry of a
 * book chains to the genesis hash SHA-256("soquy-genesis/1\n" + tenant + "\n" + book). Anyone can
 * recompute the chain from an export with a few lines of any language; docs/design/ledger-core.md
 * shows how.
 */
import { createHash } from 'node:crypto';
import type { Entry } from './entry.ts';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function genesisHash(tenant: string, book: string): string {
  return sha256Hex(`soquy-genesis/1\n${tenant}\n${book}`);
}

export type HashedContent = Omit<Entry, 'hash' | 'prevHash'>;

export function canonicalEntry(e: HashedContent): string {
  return JSON.stringify([
    'soquy-entry/1',
    e.tenant,
    e.book,
    e.seq,
    e.date,
    e.recordedAt,
    e.kind,
    e.memo,
    e.documentNo,
    e.actor,
    e.idempotencyKey,
    e.reversesSeq,
    e.postings.map((p) => [p.line, p.account, p.party, p.amount]),
  ]);
}

export function entryHash(prevHash: string, e: HashedContent): string {
  return sha256Hex(`${prevHash}\n${canonicalEntry(e)}`);
}

/**
 * The fingerprint of a request for idempotency: the same key with the same body replays the
 * first result; the same key with another body is refused. Computed over the caller's content
 * only (not actor or time), as canonical JSON with sorted keys.
 */
export function requestHash(body: unknown): string {
  return sha256Hex(stableJson(body));
}

export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`).join(',')}}`;
}
