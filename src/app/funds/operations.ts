/**
 * The funds' operations under maker-checker: aid to a household and a transfer to another level.
 * Both say `alwaysPropose`: whatever the commune's threshold, one user proposes and another
 * approves (docs/design/funds.md). Registered with `Operations` by the composition root.
 */
import { z } from 'zod';
import { AID_PURPOSES, MONEY_FORMS } from '../../domain/funds/rules.ts';
import { RefusedError } from '../../domain/refusal.ts';
import { findFund } from '../../store/funds-store.ts';
import type { OperationHandler } from '../approvals/operations.ts';
import type { Funds, SpendingPayload } from './funds.ts';

export const SpendingPayloadSchema = z.object({
  fund: z.string(),
  kind: z.enum(['aid', 'transfer']),
  household: z.string().nullable(),
  shockId: z.string().nullable(),
  recipient: z.string().nullable(),
  purpose: z.enum(AID_PURPOSES),
  amountDong: z.number().int().positive(),
  date: z.string(),
  form: z.enum(MONEY_FORMS),
  phase: z.number().int().nullable(),
  memo: z.string(),
}) satisfies z.ZodType<SpendingPayload>;

export function fundsOperations(funds: Funds): OperationHandler<SpendingPayload>[] {
  const handler = (kind: 'aid' | 'transfer'): OperationHandler<SpendingPayload> => ({
    kind: `funds.${kind}`,
    label:
      kind === 'aid'
        ? { vi: 'Chi hỗ trợ hộ gia đình (quỹ)', en: 'Aid to a household (fund)' }
        : { vi: 'Chuyển tiền quỹ lên cấp trên, nơi khác', en: 'Fund transfer to another level' },
    payload: SpendingPayloadSchema,
    alwaysPropose: true,
    assess: async (tx, ctx, p) => {
      const f = await findFund(tx, ctx.tenant, p.fund);
      if (!f) throw new RefusedError([{ code: 'funds_fund_unknown', field: 'fund', value: p.fund }]);
      const who = p.kind === 'aid' ? `hộ ${p.household}` : `${p.recipient}`;
      return {
        amountDong: p.amountDong,
        books: [f.book_code],
        summary: `${f.id} ${p.date} ${p.purpose} → ${who}: ${p.memo}`.slice(0, 200),
      };
    },
    check: async (tx, ctx, p) => {
      if (p.kind !== kind) throw new RefusedError([{ code: 'shape_invalid', field: 'kind', value: p.kind }]);
      await funds.checkSpendingFullyInTx(tx, ctx, p);
    },
    execute: async (tx, ctx, p, options) => {
      const s = await funds.executeSpendingInTx(tx, ctx, p, options);
      return {
        result: s,
        audit: {
          action: `funds.${kind}`,
          target: `voucher:${s.documentNo}`,
          detail: { amountDong: s.amountDong, purpose: s.purpose, entry: s.entry },
        },
      };
    },
  });
  return [handler('aid'), handler('transfer')];
}
