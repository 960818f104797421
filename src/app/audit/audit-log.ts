/**
 * The audit log: who did what, when and from where, for every write through the server and every
 * sign-in. Each record is appended in the same transaction as the write it describes, so a write
 * without its record (or a record without its write) cannot exist. Records are hash-chained per
 * commune (domain/audit/chain.ts) and the database refuses to change them.
 *
 * `write` is the one audited write path: it locks the commune's audit head first (so the
 * server's writes of one commune run one at a time on PostgreSQL; SQLite has one writer anyway),
 * answers a replayed keyed request from its stored first response, runs the work, appends the
 * records and stores the response of a keyed request.
 */
import { type AuditRecord, auditGenesisHash, auditHash } from '../../domain/audit/chain.ts';
import { requestHash, stableJson } from '../../domain/ledger/chain.ts';
import { RefusedError } from '../../domain/refusal.ts';
import {
  type AuditFilter,
  findAudit,
  findAuditBySeq,
  findIdempotentRequest,
  insertAudit,
  insertIdempotentRequest,
  lockAuditHead,
  readAuditHead,
} from '../../store/audit-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import { type Ctx, nowIso } from '../context.ts';
import { csvField } from '../ledger/export.ts';

/** The acting context of a write that is audited: who, plus where from. */
export interface AuditCtx extends Ctx {
  /** Client address as the server saw it ('cli' for the command line). */
  readonly ip?: string | null | undefined;
  readonly userAgent?: string | null | undefined;
}

export interface AuditEvent {
  readonly action: string;
  readonly target: string;
  /** `ok` unless said otherwise (`failed` sign-ins, `proposed` operations). */
  readonly outcome?: string;
  /** What a reader needs; never a secret. Serialised with sorted keys. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** What a keyed request answered the first time: an outcome word and a JSON body. */
export interface Reply {
  readonly outcome: string;
  readonly body: unknown;
}

/** A request made under an Idempotency-Key: the key and a fingerprint of everything it asked. */
export interface Keyed {
  readonly key: string;
  /** Fingerprint of actor, route, parameters and body (see `fingerprint`). */
  readonly requestHash: string;
}

/** A unit of audited work: what it did and the audit records that say so. */
export type Work<T> = (tx: Tx) => Promise<{ value: T; audit: readonly AuditEvent[] }>;

const USER_AGENT_LENGTH_MAX = 300;
const CHUNK = 5_000;

/** The fingerprint of a keyed request. */
export function fingerprint(parts: unknown): string {
  return requestHash(parts);
}

export class AuditLog {
  constructor(readonly store: Store) {}

  /** Runs an audited write: `fn`'s work and its audit records commit together or not at all. */
  async write<T>(ctx: AuditCtx, fn: Work<T>): Promise<T> {
    return this.store.write(async (tx) => {
      const head = await lockAuditHead(tx, this.store.kind, ctx.tenant, auditGenesisHash(ctx.tenant));
      const { value, audit } = await fn(tx);
      await this.#append(tx, ctx, head, audit);
      return value;
    });
  }

  /**
   * An audited write under an Idempotency-Key. The same key with the same fingerprint answers the
   * first reply again and writes nothing; with another fingerprint it is refused
   * (`idempotency_key_reused`).
   */
  async writeKeyed(
    ctx: AuditCtx,
    keyed: Keyed,
    fn: (tx: Tx) => Promise<{ reply: Reply; audit: readonly AuditEvent[] }>,
  ): Promise<Reply & { replayed: boolean }> {
    return this.store.write(async (tx) => {
      const head = await lockAuditHead(tx, this.store.kind, ctx.tenant, auditGenesisHash(ctx.tenant));
      const earlier = await findIdempotentRequest(tx, ctx.tenant, keyed.key);
      if (earlier) {
        if (earlier.requestHash !== keyed.requestHash)
          throw new RefusedError([
            { code: 'idempotency_key_reused', field: 'idempotencyKey', value: keyed.key },
          ]);
        return { outcome: earlier.outcome, body: JSON.parse(earlier.body) as unknown, replayed: true };
      }
      const { reply, audit } = await fn(tx);
      await this.#append(tx, ctx, head, audit);
      await insertIdempotentRequest(tx, {
        tenant: ctx.tenant,
        key: keyed.key,
        requestHash: keyed.requestHash,
        actor: ctx.actor,
        outcome: reply.outcome,
        body: JSON.stringify(reply.body),
        at: nowIso(ctx),
      });
      return { ...reply, replayed: false };
    });
  }

  /**
   * Runs a unit of work for an interface: under the request's key when it has one (the value is
   * the body of the reply, so it must be plain JSON data), else as a plain audited write.
   */
  async perform<T>(
    ctx: AuditCtx,
    keyed: Keyed | null,
    work: Work<T>,
  ): Promise<Reply & { replayed: boolean }> {
    if (keyed === null) return { outcome: 'done', body: await this.write(ctx, work), replayed: false };
    return this.writeKeyed(ctx, keyed, async (tx) => {
      const { value, audit } = await work(tx);
      return { reply: { outcome: 'done', body: value }, audit };
    });
  }

  async #append(tx: Tx, ctx: AuditCtx, head: { seq: number; hash: string }, events: readonly AuditEvent[]) {
    let prev = head;
    const at = nowIso(ctx);
    const ua = ctx.userAgent == null ? null : ctx.userAgent.slice(0, USER_AGENT_LENGTH_MAX);
    for (const e of events) {
      const content = {
        tenant: ctx.tenant,
        seq: prev.seq + 1,
        at,
        actor: ctx.actor,
        action: e.action,
        target: e.target,
        outcome: e.outcome ?? 'ok',
        detail: stableJson(e.detail ?? {}),
        ip: ctx.ip ?? null,
        userAgent: ua,
      };
      const hash = auditHash(prev.hash, content);
      await insertAudit(tx, { ...content, prevHash: prev.hash, hash });
      prev = { seq: content.seq, hash };
    }
  }

  /** Records, oldest first, a page at a time. */
  async list(ctx: Ctx, filter: AuditFilter): Promise<AuditRecord[]> {
    return findAudit(this.store.db, ctx.tenant, filter);
  }

  /** Recomputes the commune's chain from genesis; names the first record that does not check. */
  async verify(ctx: Ctx): Promise<AuditVerification> {
    const head = (await readAuditHead(this.store.db, ctx.tenant)) ?? {
      seq: 0,
      hash: auditGenesisHash(ctx.tenant),
    };
    let prev = auditGenesisHash(ctx.tenant);
    let expected = 1;
    const fail = (seq: number, problem: AuditProblem, detail: string): AuditVerification => ({
      ok: false,
      records: expected - 1,
      headSeq: head.seq,
      headHash: head.hash,
      firstBad: { seq, problem, detail },
    });
    for (;;) {
      const rows = await findAuditBySeq(this.store.db, ctx.tenant, expected, expected + CHUNK - 1);
      if (rows.length === 0) break;
      for (const r of rows) {
        if (r.seq !== expected)
          return fail(expected, 'sequence_gap', `expected #${expected}, found #${r.seq}`);
        if (r.prevHash !== prev)
          return fail(r.seq, 'prev_hash_mismatch', `stored ${r.prevHash.slice(0, 12)}…`);
        const recomputed = auditHash(prev, r);
        if (recomputed !== r.hash)
          return fail(
            r.seq,
            'hash_mismatch',
            `stored ${r.hash.slice(0, 12)}…, content gives ${recomputed.slice(0, 12)}…`,
          );
        prev = r.hash;
        expected += 1;
      }
      if (rows.length < CHUNK) break;
    }
    if (expected - 1 !== head.seq || prev !== head.hash)
      return fail(
        Math.min(expected - 1, head.seq) + 1,
        'head_mismatch',
        `head #${head.seq}, chain ends at #${expected - 1}`,
      );
    return { ok: true, records: expected - 1, headSeq: head.seq, headHash: head.hash };
  }

  /** Streams the whole log as CSV or JSON (an array), oldest first. */
  async export(
    ctx: Ctx,
    format: AuditFormat,
    write: (text: string) => void | Promise<void>,
  ): Promise<number> {
    let after = 0;
    let count = 0;
    await write(format === 'csv' ? `${AUDIT_CSV_COLUMNS.join(',')}\n` : '[');
    for (;;) {
      const rows = await findAudit(this.store.db, ctx.tenant, { afterSeq: after, limit: CHUNK });
      if (rows.length === 0) break;
      let text = '';
      for (const r of rows) {
        text +=
          format === 'csv' ? auditCsvLine(r) : `${count > 0 ? ',' : ''}\n${JSON.stringify(auditJson(r))}`;
        count += 1;
      }
      await write(text);
      after = rows[rows.length - 1]!.seq;
      if (rows.length < CHUNK) break;
    }
    if (format === 'json') await write('\n]\n');
    return count;
  }
}

export const AUDIT_FORMATS = ['csv', 'json'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export type AuditProblem = 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch' | 'head_mismatch';

export interface AuditVerification {
  readonly ok: boolean;
  readonly records: number;
  readonly headSeq: number;
  readonly headHash: string;
  readonly firstBad?: { readonly seq: number; readonly problem: AuditProblem; readonly detail: string };
}

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'target',
  'outcome',
  'detail',
  'ip',
  'user_agent',
  'prev_hash',
  'hash',
] as const;

function auditCsvLine(r: AuditRecord): string {
  return `${[
    r.seq,
    r.at,
    r.actor,
    r.action,
    r.target,
    r.outcome,
    r.detail,
    r.ip,
    r.userAgent,
    r.prevHash,
    r.hash,
  ]
    .map(csvField)
    .join(',')}\n`;
}

/** A record for JSON readers: `detail` parsed back into an object. */
export function auditJson(r: AuditRecord): Record<string, unknown> {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    detail: JSON.parse(r.detail) as unknown,
    ip: r.ip,
    userAgent: r.userAgent,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}
