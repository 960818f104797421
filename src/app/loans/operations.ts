/**
 * Loans under maker-checker: approval (phê duyệt), disbursement (giải ngân), repayment (thu nợ)
 * and the risk treatments (gia hạn, khoanh nợ, xóa nợ) as operations of the one gateway (`Operations`, src/app/approvals/), so an approval rule can
 * ask for a second person, and every HTTP write is audited in the same transaction as the loan's
 * event and its journal entries.
 *
 * The handlers run the `Loans` service unchanged, bound to the operation's transaction: a store
 * whose `write` is that transaction (and a registry reading through it, for the borrower and
 * shock checks). `check` runs the operation inside a savepoint and rolls back to it, so a
 * proposal is exactly as executable as the operation itself.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { RefusedError } from '../../domain/refusal.ts';
import { findLoans } from '../../store/loans-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import type { OperationHandler } from '../approvals/operations.ts';
import type { Ctx } from '../context.ts';
import { Registry } from '../registry/registry.ts';
import { CAUSE_KINDS, type LoanResult, Loans, type RepaymentResult, type RiskInput } from './loans.ts';
import { registryParties } from './parties.ts';

/** A store whose writes and reads run in the caller's open transaction. */
export function storeInTx(store: Store, tx: Tx): Store {
  return {
    kind: store.kind,
    location: store.location,
    db: tx,
    write: (fn) => fn(tx),
    read: (fn) => fn(tx),
    close: async () => {},
  };
}

/** The loans service acting inside `tx` (its registry questions answered through `tx` too). */
export function loansInTx(loans: Loans, tx: Tx): Loans {
  const store = storeInTx(loans.store, tx);
  return new Loans(store, loans.ledger, registryParties(new Registry(store)));
}

const Common = {
  loan: z.string().max(64),
  date: z.string().max(10),
  documentNo: z.string().max(40).nullable(),
};

export const LoanApprovePayload = z.object({
  ...Common,
  amount: z.number().int().nullable(),
  approver: z.string().max(100),
});
export type LoanApprovePayload = z.infer<typeof LoanApprovePayload>;

export const LoanDisbursePayload = z.object({
  ...Common,
  amount: z.number().int(),
  cashAccount: z.enum(['111', '112']),
});
export type LoanDisbursePayload = z.infer<typeof LoanDisbursePayload>;

export const LoanRepayPayload = z.object({
  ...Common,
  amount: z.number().int(),
  cashAccount: z.enum(['111', '112']),
  paidAtBank: z.boolean(),
});
export type LoanRepayPayload = z.infer<typeof LoanRepayPayload>;

const Risk = {
  shockId: z.string().max(64).nullable(),
  causeKind: z.enum(CAUSE_KINDS).nullable(),
  cause: z.string().max(500).nullable(),
  lossDong: z.number().int(),
  approver: z.string().max(100),
  documentNo: z.string().max(40),
};

export const LoanExtendPayload = z.object({
  loan: Common.loan,
  date: Common.date,
  ...Risk,
  months: z.number().int(),
  instalment: z.number().int().nullable(),
});
export type LoanExtendPayload = z.infer<typeof LoanExtendPayload>;

export const LoanFreezePayload = z.object({
  loan: Common.loan,
  date: Common.date,
  ...Risk,
  months: z.number().int(),
  renew: z.boolean(),
});
export type LoanFreezePayload = z.infer<typeof LoanFreezePayload>;

export const LoanWriteOffPayload = z.object({
  loan: Common.loan,
  date: Common.date,
  ...Risk,
  principal: z.number().int().nullable(),
  interest: z.boolean(),
});
export type LoanWriteOffPayload = z.infer<typeof LoanWriteOffPayload>;

let savepoints = 0;

/** Runs `fn` and undoes what it wrote, keeping the transaction open; its refusals pass through. */
async function dryRun(tx: Tx, fn: () => Promise<unknown>): Promise<void> {
  const name = sql.raw(`soquy_check_${++savepoints}`);
  await sql`SAVEPOINT ${name}`.execute(tx);
  try {
    await fn();
  } finally {
    await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(tx);
    await sql`RELEASE SAVEPOINT ${name}`.execute(tx);
  }
}

async function loanBook(tx: Tx, ctx: Ctx, loan: string): Promise<string> {
  const [row] = await findLoans(tx, ctx.tenant, [loan]);
  if (!row) throw new RefusedError([{ code: 'loan_unknown', field: 'loan', value: loan }]);
  return row.book;
}

function refsOf(r: LoanResult): string {
  const list = r.entries;
  return list.length === 0 ? `loan:${r.loan}` : `${list.slice(0, 3).join(' ')}${list.length > 3 ? ' …' : ''}`;
}

interface Spec<P> {
  readonly kind: string;
  readonly label: { vi: string; en: string };
  readonly payload: z.ZodType<P>;
  readonly verb: string;
  amount(tx: Tx, ctx: Ctx, p: P): Promise<number>;
  run(loans: Loans, ctx: Ctx, p: P, key: string | null): Promise<LoanResult>;
}

function handler<P extends { loan: string; date: string }>(loans: Loans, spec: Spec<P>): OperationHandler<P> {
  return {
    kind: spec.kind,
    label: spec.label,
    payload: spec.payload,
    assess: async (tx, ctx, p) => {
      const book = await loanBook(tx, ctx, p.loan);
      const amountDong = await spec.amount(tx, ctx, p);
      return {
        amountDong,
        books: [book],
        summary: `${spec.verb} ${p.loan} ${p.date}: ${amountDong} đ`.slice(0, 200),
      };
    },
    check: async (tx, ctx, p) => dryRun(tx, () => spec.run(loansInTx(loans, tx), ctx, p, null)),
    execute: async (tx, ctx, p, { idempotencyKey }) => {
      const result = await spec.run(loansInTx(loans, tx), ctx, p, idempotencyKey);
      return {
        result,
        audit: {
          action: spec.kind,
          target: refsOf(result),
          detail: { loan: result.loan, event: result.event, entries: [...result.entries] },
        },
      };
    },
  };
}

const nonNegative = (n: number) => (Number.isSafeInteger(n) && n > 0 ? n : 0);

/** What a risk treatment puts at stake, for the approval rule: the principal outstanding that day. */
async function outstandingOn(loans: Loans, tx: Tx, ctx: Ctx, loan: string, date: string): Promise<number> {
  try {
    return (await loansInTx(loans, tx).state(ctx, loan, date)).outstanding;
  } catch (e) {
    // A bad date or loan is refused by the operation itself, with its own message.
    if (e instanceof RefusedError) return 0;
    throw e;
  }
}

function riskOf(p: z.infer<z.ZodObject<typeof Risk>>): RiskInput {
  return {
    shockId: p.shockId,
    causeKind: p.causeKind,
    cause: p.cause,
    lossDong: p.lossDong,
    approver: p.approver,
    documentNo: p.documentNo,
  };
}

/** The operations the loans area registers with `Operations`. */
export function loanOperations(
  loans: Loans,
): [
  OperationHandler<LoanApprovePayload>,
  OperationHandler<LoanDisbursePayload>,
  OperationHandler<LoanRepayPayload>,
  OperationHandler<LoanExtendPayload>,
  OperationHandler<LoanFreezePayload>,
  OperationHandler<LoanWriteOffPayload>,
] {
  return [
    handler<LoanApprovePayload>(loans, {
      kind: 'loans.approve',
      label: { vi: 'Phê duyệt khoản vay', en: 'Approve a loan' },
      payload: LoanApprovePayload,
      verb: 'approve',
      amount: async (tx, ctx, p) => {
        if (p.amount !== null) return nonNegative(p.amount);
        const [row] = await findLoans(tx, ctx.tenant, [p.loan]);
        return row?.amountApplied ?? 0;
      },
      run: (l, ctx, p, key) =>
        l.approve(ctx, {
          loan: p.loan,
          date: p.date,
          documentNo: p.documentNo,
          approver: p.approver,
          ...(p.amount === null ? {} : { amount: p.amount }),
          idempotencyKey: key,
        }),
    }),
    handler<LoanDisbursePayload>(loans, {
      kind: 'loans.disburse',
      label: { vi: 'Giải ngân khoản vay', en: 'Disburse a loan' },
      payload: LoanDisbursePayload,
      verb: 'disburse',
      amount: async (_tx, _ctx, p) => nonNegative(p.amount),
      run: (l, ctx, p, key) =>
        l.disburse(ctx, {
          loan: p.loan,
          date: p.date,
          documentNo: p.documentNo,
          amount: p.amount,
          cashAccount: p.cashAccount,
          idempotencyKey: key,
        }),
    }),
    handler<LoanRepayPayload>(loans, {
      kind: 'loans.repay',
      label: { vi: 'Thu nợ khoản vay', en: 'Take a loan repayment' },
      payload: LoanRepayPayload,
      verb: 'repay',
      amount: async (_tx, _ctx, p) => nonNegative(p.amount),
      run: (l, ctx, p, key): Promise<RepaymentResult> =>
        l.repay(ctx, {
          loan: p.loan,
          date: p.date,
          documentNo: p.documentNo,
          amount: p.amount,
          cashAccount: p.cashAccount,
          paidAtBank: p.paidAtBank,
          idempotencyKey: key,
        }),
    }),
    handler<LoanExtendPayload>(loans, {
      kind: 'loans.extend',
      label: { vi: 'Gia hạn nợ', en: 'Extend a loan' },
      payload: LoanExtendPayload,
      verb: 'extend',
      amount: (tx, ctx, p) => outstandingOn(loans, tx, ctx, p.loan, p.date),
      run: (l, ctx, p, key) =>
        l.extend(ctx, {
          loan: p.loan,
          date: p.date,
          ...riskOf(p),
          months: p.months,
          ...(p.instalment === null ? {} : { instalment: p.instalment }),
          idempotencyKey: key,
        }),
    }),
    handler<LoanFreezePayload>(loans, {
      kind: 'loans.freeze',
      label: { vi: 'Khoanh nợ', en: 'Freeze a loan' },
      payload: LoanFreezePayload,
      verb: 'freeze',
      amount: (tx, ctx, p) => outstandingOn(loans, tx, ctx, p.loan, p.date),
      run: (l, ctx, p, key) =>
        l.freeze(ctx, {
          loan: p.loan,
          date: p.date,
          ...riskOf(p),
          months: p.months,
          renew: p.renew,
          idempotencyKey: key,
        }),
    }),
    handler<LoanWriteOffPayload>(loans, {
      kind: 'loans.write_off',
      label: { vi: 'Xóa nợ', en: 'Write off a loan' },
      payload: LoanWriteOffPayload,
      verb: 'write off',
      amount: async (tx, ctx, p) =>
        p.principal !== null ? nonNegative(p.principal) : outstandingOn(loans, tx, ctx, p.loan, p.date),
      run: (l, ctx, p, key) =>
        l.writeOff(ctx, {
          loan: p.loan,
          date: p.date,
          ...riskOf(p),
          ...(p.principal === null ? {} : { principal: p.principal }),
          interest: p.interest,
          idempotencyKey: key,
        }),
    }),
  ];
}
