/**
 * Maker-checker (kiểm soát hai người): the one gateway of operations that move money. Each area
 * registers a handler per kind of operation; `submit` either does it now or, when the commune's
 * rule for the kind says so, records a proposal that nothing executes until another person
 * approves it. docs/design/server.md describes the flow.
 */
import type { z } from 'zod';
import { ACCESS_LIMITS } from '../../domain/access/limits.ts';
import { isDong } from '../../domain/money.ts';
import { assert, RefusedError } from '../../domain/refusal.ts';
import type { Text } from '../../i18n/types.ts';
import * as q from '../../store/approvals-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import type { AuditCtx, AuditEvent, AuditLog, Keyed, Reply } from '../audit/audit-log.ts';
import { type Ctx, nowIso } from '../context.ts';

/** What an operation touches and how much it moves: what rules, scopes and approvers look at. */
export interface Assessment {
  /** The amount the rule's threshold is compared with (whole đồng, ≥ 0). */
  readonly amountDong: number;
  /** Every book it writes to: the approver needs write access to each. */
  readonly books: readonly string[];
  /** One line for the approver's list. */
  readonly summary: string;
}

export interface OperationHandler<P = unknown> {
  /** `<area>.<verb>`: `ledger.post`, `loans.disburse`, `loans.write_off`, `funds.aid`, … */
  readonly kind: string;
  readonly label: Text;
  /** The payload a proposal stores; parsed again when it is approved. */
  readonly payload: z.ZodType<P>;
  /**
   * Always needs a second person, whatever the commune's threshold rule (funds: aid and transfers
   * are proposed by one user and approved by another, by law of the fund).
   */
  readonly alwaysPropose?: boolean;
  /** Amount, books and summary; refuses a payload naming what does not exist. Reads only. */
  assess(tx: Tx, ctx: Ctx, payload: P): Promise<Assessment>;
  /** Every check `execute` would make, without writing: a proposal must be executable when made. */
  check(tx: Tx, ctx: Ctx, payload: P): Promise<void>;
  /** Does it inside the caller's transaction; returns a JSON result and the audit record of it. */
  execute(
    tx: Tx,
    ctx: Ctx,
    payload: P,
    options: { idempotencyKey: string | null; operationId?: number },
  ): Promise<{ result: unknown; audit: AuditEvent }>;
}

export type OperationStatus = 'proposed' | 'approved' | 'rejected';

export interface OperationView {
  readonly id: number;
  readonly kind: string;
  readonly status: OperationStatus;
  readonly amountDong: number;
  readonly books: readonly string[];
  readonly summary: string;
  readonly payload: unknown;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
  readonly result: unknown;
}

export interface RuleView {
  readonly kind: string;
  /** Operations moving strictly more than this need a second person; 0 = every one. */
  readonly thresholdDong: number;
  readonly setAt: string;
  readonly setBy: string;
}

const LIST_ROWS_MAX = 500;

function view(steps: readonly q.OperationStep[]): OperationView {
  const [p, d] = steps;
  assert(p !== undefined && p.step === 1, 'an operation starts with its proposal');
  return {
    id: p.id,
    kind: p.kind,
    status: d?.status ?? 'proposed',
    amountDong: p.amountDong,
    books: p.books,
    summary: p.summary,
    payload: JSON.parse(p.payload) as unknown,
    proposedBy: p.actor,
    proposedAt: p.at,
    decidedBy: d?.actor ?? null,
    decidedAt: d?.at ?? null,
    note: d?.note ?? null,
    result: d?.result == null ? null : (JSON.parse(d.result) as unknown),
  };
}

export class Operations {
  readonly #handlers = new Map<string, OperationHandler<never>>();

  constructor(
    readonly store: Store,
    readonly audit: AuditLog,
  ) {}

  register<P>(handler: OperationHandler<P>): void {
    assert(!this.#handlers.has(handler.kind), `operation kind ${handler.kind} registered twice`);
    this.#handlers.set(handler.kind, handler as unknown as OperationHandler<never>);
  }

  kinds(): Array<{ kind: string; label: Text }> {
    return [...this.#handlers.values()].map((h) => ({ kind: h.kind, label: h.label }));
  }

  #handler(kind: string): OperationHandler<unknown> {
    const h = this.#handlers.get(kind);
    assert(h !== undefined, `no handler for operation kind ${kind}`);
    return h as OperationHandler<unknown>;
  }

  #parse(h: OperationHandler<unknown>, payload: unknown): unknown {
    const parsed = h.payload.safeParse(payload);
    if (!parsed.success)
      throw new RefusedError([
        {
          code: 'shape_invalid',
          field: 'payload',
          value: null,
          params: { expected: parsed.error.issues[0]?.message ?? '' },
        },
      ]);
    return parsed.data;
  }

  /**
   * Does an operation now, or proposes it when the rule for its kind wants a second person.
   * Answers `{ outcome: 'done', body: result }` or `{ outcome: 'proposed', body: { operation } }`.
   */
  async submit(
    ctx: AuditCtx,
    kind: string,
    payload: unknown,
    keyed: Keyed | null,
  ): Promise<Reply & { replayed: boolean }> {
    const h = this.#handler(kind);
    const p = this.#parse(h, payload);
    const work = async (tx: Tx): Promise<{ reply: Reply; audit: AuditEvent[] }> => {
      const assessment = await h.assess(tx, ctx, p);
      const rule = await q.findRule(tx, ctx.tenant, kind);
      if (!h.alwaysPropose && (rule === undefined || assessment.amountDong <= rule.thresholdDong)) {
        const done = await h.execute(tx, ctx, p, { idempotencyKey: keyed?.key ?? null });
        return { reply: { outcome: 'done', body: done.result }, audit: [done.audit] };
      }
      await h.check(tx, ctx, p);
      const step: q.OperationStep = {
        id: await q.nextOperationId(tx, ctx.tenant),
        step: 1,
        status: 'proposed',
        kind,
        actor: ctx.actor,
        at: nowIso(ctx),
        payload: JSON.stringify(p),
        amountDong: assessment.amountDong,
        books: [...assessment.books],
        summary: assessment.summary,
        idempotencyKey: keyed?.key ?? null,
        note: null,
        result: null,
      };
      await q.insertStep(tx, ctx.tenant, step);
      return {
        reply: { outcome: 'proposed', body: { operation: view([step]) } },
        audit: [
          {
            action: 'approval.propose',
            target: `operation:${step.id}`,
            outcome: 'proposed',
            detail: {
              kind,
              amountDong: step.amountDong,
              books: step.books,
              threshold: rule?.thresholdDong ?? 0,
            },
          },
        ],
      };
    };
    return this.#run(ctx, keyed, work);
  }

  async #decidable(tx: Tx, ctx: Ctx, id: number): Promise<q.OperationStep> {
    const steps = await q.findOperation(tx, ctx.tenant, id);
    const proposal = steps[0];
    if (!proposal) throw new RefusedError([{ code: 'operation_unknown', field: 'id', value: id }]);
    const decision = steps[1];
    if (decision)
      throw new RefusedError([
        {
          code: 'operation_already_decided',
          field: 'id',
          value: id,
          params: { status: decision.status, by: decision.actor },
        },
      ]);
    if (proposal.actor === ctx.actor)
      throw new RefusedError([
        { code: 'approver_is_proposer', field: 'id', value: id, params: { by: proposal.actor } },
      ]);
    return proposal;
  }

  /**
   * Approves and executes a proposal in one transaction. Journal entries it posts carry
   * `actor = "<proposer>/<approver>"`. A refusal now (a period closed meanwhile, cash gone)
   * rolls everything back; the proposal stays open.
   */
  async approve(ctx: AuditCtx, id: number, keyed: Keyed | null): Promise<Reply & { replayed: boolean }> {
    const work = async (tx: Tx): Promise<{ reply: Reply; audit: AuditEvent[] }> => {
      const proposal = await this.#decidable(tx, ctx, id);
      const h = this.#handler(proposal.kind);
      const p = this.#parse(h, JSON.parse(proposal.payload));
      const done = await h.execute(tx, { ...ctx, actor: `${proposal.actor}/${ctx.actor}` }, p, {
        idempotencyKey: proposal.idempotencyKey,
        operationId: id,
      });
      const decision: q.OperationStep = {
        ...proposal,
        step: 2,
        status: 'approved',
        actor: ctx.actor,
        at: nowIso(ctx),
        payload: '',
        idempotencyKey: keyed?.key ?? null,
        result: JSON.stringify(done.result),
      };
      await q.insertStep(tx, ctx.tenant, decision);
      return {
        reply: { outcome: 'done', body: { operation: view([proposal, decision]), result: done.result } },
        audit: [
          {
            action: 'approval.approve',
            target: `operation:${id}`,
            detail: { kind: proposal.kind, proposedBy: proposal.actor },
          },
          {
            ...done.audit,
            detail: { ...(done.audit.detail ?? {}), operation: id, proposedBy: proposal.actor },
          },
        ],
      };
    };
    return this.#run(ctx, keyed, work);
  }

  async reject(
    ctx: AuditCtx,
    id: number,
    note: string | undefined,
    keyed: Keyed | null,
  ): Promise<Reply & { replayed: boolean }> {
    if (note !== undefined && (typeof note !== 'string' || note.length > ACCESS_LIMITS.rejectReasonLengthMax))
      throw new RefusedError([
        {
          code: 'text_too_long',
          field: 'note',
          value: String(note).slice(0, 40),
          params: { max: ACCESS_LIMITS.rejectReasonLengthMax },
        },
      ]);
    const work = async (tx: Tx): Promise<{ reply: Reply; audit: AuditEvent[] }> => {
      const proposal = await this.#decidable(tx, ctx, id);
      const decision: q.OperationStep = {
        ...proposal,
        step: 2,
        status: 'rejected',
        actor: ctx.actor,
        at: nowIso(ctx),
        payload: '',
        idempotencyKey: keyed?.key ?? null,
        note: note ?? null,
        result: null,
      };
      await q.insertStep(tx, ctx.tenant, decision);
      return {
        reply: { outcome: 'done', body: { operation: view([proposal, decision]) } },
        audit: [
          {
            action: 'approval.reject',
            target: `operation:${id}`,
            detail: { kind: proposal.kind, proposedBy: proposal.actor, note: note ?? null },
          },
        ],
      };
    };
    return this.#run(ctx, keyed, work);
  }

  /** Runs audited work, under the request's key when it has one. */
  async #run(
    ctx: AuditCtx,
    keyed: Keyed | null,
    work: (tx: Tx) => Promise<{ reply: Reply; audit: AuditEvent[] }>,
  ): Promise<Reply & { replayed: boolean }> {
    if (keyed) return this.audit.writeKeyed(ctx, keyed, work);
    const reply = await this.audit.write(ctx, async (tx) => {
      const r = await work(tx);
      return { value: r.reply, audit: r.audit };
    });
    return { ...reply, replayed: false };
  }

  async get(ctx: Ctx, id: number): Promise<OperationView> {
    const steps = await q.findOperation(this.store.db, ctx.tenant, id);
    if (steps.length === 0) throw new RefusedError([{ code: 'operation_unknown', field: 'id', value: id }]);
    return view(steps);
  }

  /** Newest first; `status` keeps only those in that state. */
  async list(
    ctx: Ctx,
    filter: {
      status?: OperationStatus | undefined;
      beforeId?: number | undefined;
      limit?: number | undefined;
    } = {},
  ): Promise<OperationView[]> {
    const limit = Math.min(filter.limit ?? 100, LIST_ROWS_MAX);
    const ops = await q.listOperations(this.store.db, ctx.tenant, {
      beforeId: filter.beforeId,
      limit,
      status: filter.status,
    });
    return ops.map(view);
  }

  async rules(ctx: Ctx): Promise<RuleView[]> {
    return q.listRules(this.store.db, ctx.tenant);
  }

  /** Sets the threshold of a kind; `null` turns maker-checker off for it. */
  async setRule(ctx: AuditCtx, kind: string, thresholdDong: number | null): Promise<RuleView | null> {
    if (!this.#handlers.has(kind))
      throw new RefusedError([
        {
          code: 'value_not_allowed',
          field: 'kind',
          value: kind,
          params: { allowed: [...this.#handlers.keys()].join(', ') },
        },
      ]);
    if (thresholdDong !== null && (!isDong(thresholdDong) || thresholdDong < 0))
      throw new RefusedError([
        { code: 'amount_not_whole_dong', field: 'thresholdDong', value: thresholdDong },
      ]);
    return this.audit.write(ctx, async (tx) => {
      const at = nowIso(ctx);
      if (thresholdDong === null) await q.deleteRule(tx, ctx.tenant, kind);
      else await q.upsertRule(tx, ctx.tenant, kind, thresholdDong, ctx.actor, at);
      return {
        value: thresholdDong === null ? null : { kind, thresholdDong, setAt: at, setBy: ctx.actor },
        audit: [{ action: 'approval.rule', target: `rule:${kind}`, detail: { thresholdDong } }],
      };
    });
  }
}
