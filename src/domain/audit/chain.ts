/**
 * The audit log's chain, like the journal's (ARCHITECTURE §1.4): each commune's audit records
 * carry a gapless sequence and hash = SHA-256(prev_hash + "\n" + canonical(record)), where
 * canonical(record) is this JSON array, no spaces, fields in this order:
 *
 *   ["soquy-audit/1", tenant, seq, at, actor, action, target, outcome, detail, ip, userAgent]
 *
 * `detail` is the stored JSON text (a string inside the array), absent values are null. The first
 * record chains to SHA-256("soquy-audit-genesis/1\n" + tenant).
 */
import { sha256Hex } from '../ledger/chain.ts';

export interface AuditRecord {
  readonly tenant: string;
  readonly seq: number;
  /** ISO timestamp. */
  readonly at: string;
  readonly actor: string;
  /** `ledger.post`, `session.sign_in`, `user.grant`, … */
  readonly action: string;
  /** What was acted on: `quy-htnd#42`, `user:thuquy`, `operation:7`, … */
  readonly target: string;
  /** `ok`, `failed` (sign-in), `proposed` (maker-checker). */
  readonly outcome: string;
  /** JSON text with what the reader needs to know; never a secret. */
  readonly detail: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export type AuditContent = Omit<AuditRecord, 'prevHash' | 'hash'>;

export function auditGenesisHash(tenant: string): string {
  return sha256Hex(`soquy-audit-genesis/1\n${tenant}`);
}

export function canonicalAudit(r: AuditContent): string {
  return JSON.stringify([
    'soquy-audit/1',
    r.tenant,
    r.seq,
    r.at,
    r.actor,
    r.action,
    r.target,
    r.outcome,
    r.detail,
    r.ip,
    r.userAgent,
  ]);
}

export function auditHash(prevHash: string, r: AuditContent): string {
  return sha256Hex(`${prevHash}\n${canonicalAudit(r)}`);
}
