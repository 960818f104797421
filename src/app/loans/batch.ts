/**
 * Many repayments in one write (a collection day, the demo loader): the same checks, split,
 * entries and event rows as `Loans.repay` called once per loan, in the order given, but the
 * programmes, the loans' files and the month-end dates are read once and the journal is written
 * in one `postInTx`. The result is the same database as the calls one by one (tested:
 * test/loans/batch.test.ts). A refusal of any repayment refuses the whole batch; nothing is
 * written. One repayment per loan per batch (a second one would need the first one's entries).
 */

import type { EntryDraft } from '../../domain/ledger/entry.ts';
import {
  chartKeyOf,
  figuresEqual,
  principalByClass,
  settlementDraft,
  targetFigures,
} from '../../domain/loans/accounting.ts';
import { allocate, totalOf } from '../../domain/loans/allocation.ts';
import { LOAN_ID, LOAN_LIMITS } from '../../domain/loans/limits.ts';
import { assert, type Refusal, RefusedError } from '../../domain/refusal.ts';
import { findBooks } from '../../store/ledger-store.ts';
import * as q from '../../store/loans-store.ts';
import { type Ctx, nowIso } from '../context.ts';
import { postInTx } from '../ledger/post.ts';
import { bookedAt, catchUpDrafts, loadCatalogue, loadFiles, machineOf, planSync } from './loan-file.ts';
import type { Loans, RepayInput, RepaymentResult } from './loans.ts';
import { dateField, positiveDong, textField } from './validate.ts';

/** A repayment of the batch: as `Loans.repay` takes it, without an idempotency key. */
export type BatchRepayment = Omit<RepayInput, 'idempotencyKey'>;

/** At most this many repayments in one batch (one transaction). */
export const REPAYMENTS_PER_BATCH_MAX = 5_000;

function refused(
  code: string,
  field: string,
  value: unknown,
  params?: Record<string, string | number>,
): never {
  throw new RefusedError([params ? { code, field, value, params } : { code, field, value }]);
}

/** Takes every repayment of `inputs` in one transaction; returns their results in order. */
export async function repayMany(
  loans: Loans,
  ctx: Ctx,
  inputs: readonly BatchRepayment[],
): Promise<RepaymentResult[]> {
  const out: Refusal[] = [];
  if (inputs.length > REPAYMENTS_PER_BATCH_MAX)
    out.push({
      code: 'too_many',
      field: 'repayments',
      value: inputs.length,
      params: { max: REPAYMENTS_PER_BATCH_MAX },
    });
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    positiveDong(`repayments[${i}].amount`, input.amount, out);
    textField(`repayments[${i}].documentNo`, input.documentNo, out, { max: 40 });
    dateField(`repayments[${i}].date`, input.date, out);
    if (typeof input.loan !== 'string' || !LOAN_ID.test(input.loan))
      out.push({ code: 'loan_unknown', field: `repayments[${i}].loan`, value: input.loan });
    else if (seen.has(input.loan))
      out.push({ code: 'already_exists', field: `repayments[${i}].loan`, value: input.loan });
    seen.add(input.loan);
  });
  if (out.length > 0) throw new RefusedError(out);
  if (inputs.length === 0) return [];
  const store = loans.store;
  return store.write(async (tx) => {
    const rows = await q.findLoans(
      tx,
      ctx.tenant,
      inputs.map((i) => i.loan),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const input of inputs) if (!byId.has(input.loan)) refused('loan_unknown', 'loan', input.loan);
    const books = new Map(
      (await findBooks(tx, store.kind, ctx.tenant, [...new Set(rows.map((r) => r.book))], true)).map((b) => [
        b.code,
        b,
      ]),
    );
    const catalogue = await loadCatalogue(tx, ctx.tenant);
    const files = new Map(
      (
        await loadFiles(
          tx,
          ctx.tenant,
          inputs.map((i) => byId.get(i.loan)!),
          catalogue,
        )
      ).map((f) => [f.row.id, f]),
    );
    const at = nowIso(ctx);
    const syncCache = new Map<string, string[]>();
    const drafts: EntryDraft[] = [];
    const plans = [];
    for (const input of inputs) {
      const f = files.get(input.loan)!;
      const book = books.get(f.row.book);
      assert(book !== undefined, `book ${f.row.book} of loan ${f.row.id}`);
      if (f.events.length >= LOAN_LIMITS.eventsPerLoanMax)
        refused('too_many', 'loan', f.row.id, { max: LOAN_LIMITS.eventsPerLoanMax });
      const closed = f.events.find((e) => e.kind === 'close');
      if (closed) refused('loan_closed', 'loan', f.row.id, { closedOn: closed.date });
      const last = f.events[f.events.length - 1]!;
      if (input.date < last.date) refused('loan_event_back_dated', 'date', input.date, { last: last.date });
      if (book.lockedThrough !== null && input.date <= book.lockedThrough)
        refused('period_closed', 'date', input.date, { book: book.code, lockedThrough: book.lockedThrough });
      const machine = machineOf(f);
      const before = machine.positionAt(input.date);
      // The checks and the split of `Loans.repay`.
      if (before.firstDisbursed === null) refused('loan_not_disbursed', 'loan', f.row.id);
      const max = totalOf(before.dues);
      if (input.amount > max) refused('repayment_exceeds_outstanding', 'amount', input.amount, { max });
      if (input.paidAtBank && f.programme.accounting !== 'entrusted')
        refused('paid_at_bank_not_entrusted', 'paidAtBank', true);
      const cash = input.cashAccount ?? '111';
      if (cash !== '111' && cash !== '112')
        refused('value_not_allowed', 'cashAccount', cash, { allowed: '111, 112' });
      const allocation = allocate(before.dues, f.contract.allocationOrder, input.amount);
      const byClass = principalByClass(before, allocation.principal);
      const fact = {
        kind: 'repay' as const,
        date: input.date,
        principal: allocation.principal,
        interest: allocation.interest,
        overdueInterest: allocation.overdueInterest,
      };
      const catchUp = catchUpDrafts(f, before, input.date);
      machine.apply(fact);
      const after = machine.positionAt(input.date);
      const own = [
        settlementDraft({
          mode: chartKeyOf(f.programme),
          book: f.row.book,
          loan: f.row.id,
          date: input.date,
          kind: 'repayment',
          memo: `Thu nợ – khế ước ${f.row.agreementNo ?? f.row.id} – hộ ${f.row.household}`,
          documentNo: input.documentNo ?? null,
          principal: byClass,
          interest: allocation.interest,
          overdueInterest: allocation.overdueInterest,
          cashAccount: cash,
          paidAtBank: input.paidAtBank ?? false,
        }),
      ];
      const bookedAfter = bookedAt(f, input.date, [...catchUp, ...own]);
      assert(
        figuresEqual(bookedAfter, targetFigures(after)),
        `loan ${f.row.id}: books ${JSON.stringify(bookedAfter)} ≠ replay ${JSON.stringify(targetFigures(after))}`,
      );
      let later = syncCache.get(input.date);
      if (later === undefined) {
        later = await q.syncDates(tx, ctx.tenant, input.date);
        syncCache.set(input.date, later);
      }
      const resync = planSync(f, [...f.facts, fact], later, [...catchUp, ...own], at);
      const mine = [...catchUp, ...own, ...resync.drafts];
      plans.push({
        input,
        file: f,
        seq: last.seq + 1,
        first: drafts.length,
        count: mine.length,
        cash,
        allocation,
        byClass,
        outstandingAfter: after.outstanding,
        snapshots: resync.snapshots,
      });
      drafts.push(...mine);
    }
    const posted = drafts.length > 0 ? (await postInTx(tx, loans.ledger.env, ctx, drafts)).entries : [];
    const results: RepaymentResult[] = [];
    for (const p of plans) {
      const refs = posted.slice(p.first, p.first + p.count);
      const result: RepaymentResult = {
        loan: p.file.row.id,
        event: p.seq,
        entries: refs.map((r) => `${r.book}#${r.seq}`),
        replayed: false,
        amount: p.input.amount,
        allocation: p.allocation,
        principalByClass: p.byClass,
        outstandingAfter: p.outstandingAfter,
      };
      await q.insertEvent(tx, ctx.tenant, {
        loan: p.file.row.id,
        seq: p.seq,
        kind: 'repay',
        date: p.input.date,
        recordedAt: at,
        actor: ctx.actor,
        documentNo: p.input.documentNo ?? null,
        approver: null,
        causeShockId: null,
        causeKind: null,
        causeText: null,
        lossDong: null,
        params: { amount: p.input.amount, cashAccount: p.cash, paidAtBank: p.input.paidAtBank ?? false },
        result: result as unknown as Record<string, unknown>,
        entries: refs.map((r) => r.seq),
        idempotencyKey: null,
        requestHash: null,
      });
      for (const s of p.snapshots) {
        if (s.row === null) await q.deleteSnapshot(tx, ctx.tenant, s.asOf, p.file.row.id);
        else await q.upsertSnapshots(tx, ctx.tenant, [s.row]);
      }
      results.push(result);
    }
    return results;
  });
}
