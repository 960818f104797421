/**
 * The commune transaction day with VBSP (issue 6, docs/design/vbsp-day.md): transaction points and
 * their calendar, the group collection sheet (form 13/TD) prefilled from soquy's figures and
 * recorded as one transaction through the loan engine's repayments, the hand-over of the group's
 * cash, the entrustment fee and group-leader commission, the bank statement's import and its
 * reconciliation with soquy, and the monthly lists.
 */
import { addMonths, type BusinessDate, endOfMonth, isBusinessDate } from '../../domain/dates.ts';
import { requestHash } from '../../domain/ledger/chain.ts';
import { parseSlug } from '../../domain/ledger/codes.ts';
import type { EntryDraft } from '../../domain/ledger/entry.ts';
import { isDong } from '../../domain/money.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import { dayInMonth, isMonth, monthOf, upcomingDays } from '../../domain/vbsp/calendar.ts';
import { type FeeFigures, feesOf, percentToPpm, rateOn } from '../../domain/vbsp/fees.ts';
import { type Reconciliation, reconcile, type SoquyLoanFigures } from '../../domain/vbsp/reconcile.ts';
import { parseStatement, type StatementRow } from '../../domain/vbsp/statement.ts';
import { findBooks } from '../../store/ledger-store.ts';
import type { SnapshotRow } from '../../store/loans-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import * as q from '../../store/vbsp-store.ts';
import { type Ctx, nowIso, today } from '../context.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { postInTx } from '../ledger/post.ts';
import type { Loans } from '../loans/loans.ts';
import { aggregateRows, replayRows } from '../loans/reports.ts';
import { readStatementFile } from './statement-file.ts';

export const VBSP_LIMITS = {
  linesPerSheetMax: 200,
  textLengthMax: 500,
  calendarMonthsMax: 24,
  noteLengthMax: 1000,
} as const;

const ENTRUSTED = 'vbsp-entrusted';
const CASH = '111';
const ID = /^[A-Za-z0-9._:/-]{1,64}$/;

function throwIf(out: Refusal[]): void {
  if (out.length > 0) throw new RefusedError(out);
}

function refused(
  code: string,
  field: string,
  value: unknown,
  params?: Record<string, string | number>,
): never {
  throw new RefusedError([params ? { code, field, value, params } : { code, field, value }]);
}

function text(
  field: string,
  v: unknown,
  out: Refusal[],
  opts: { required?: boolean; max?: number } = {},
): void {
  const max = opts.max ?? VBSP_LIMITS.textLengthMax;
  if (v === undefined || v === null || v === '') {
    if (opts.required) out.push({ code: 'text_invalid', field, value: v ?? null });
    return;
  }
  if (typeof v !== 'string' || v.trim() === '') out.push({ code: 'text_invalid', field, value: v });
  else if (v.length > max) out.push({ code: 'text_too_long', field, value: v.slice(0, 40), params: { max } });
}

function date(field: string, v: unknown, out: Refusal[]): v is string {
  if (isBusinessDate(v)) return true;
  out.push({ code: 'date_invalid', field, value: v ?? null });
  return false;
}

function amount(field: string, v: unknown, out: Refusal[]): v is number {
  if (v === undefined) return true;
  if (!isDong(v) || v < 0) {
    out.push({ code: 'amount_not_whole_dong', field, value: v ?? null });
    return false;
  }
  return true;
}

function refs(entries: ReadonlyArray<{ book: string; seq: number }>): string[] {
  return entries.map((e) => `${e.book}#${e.seq}`);
}

// --- inputs and views ------------------------------------------------------------------------------

export interface PointInput {
  readonly id: string;
  readonly name: string;
  readonly place: string;
  readonly dayOfMonth: number;
}

export interface SheetLineInput {
  readonly loan: string;
  readonly interest?: number;
  readonly savings?: number;
  readonly principalFromSavings?: number;
}

export interface RecordSheetInput {
  readonly group: string;
  readonly month: string;
  readonly date: string;
  readonly documentNo?: string | null;
  readonly lines: readonly SheetLineInput[];
  readonly idempotencyKey?: string | null;
}

/** One borrower's line of form 13/TD. */
export interface SheetLineView {
  readonly line: number;
  readonly loan: string;
  readonly agreementNo: string | null;
  readonly household: string;
  readonly borrower: string;
  readonly outstanding: number;
  /** Interest owed on the day (overdue interest and interest due, unpaid). */
  readonly interestDue: number;
  readonly interest: number;
  readonly savings: number;
  readonly principalFromSavings: number;
}

export interface SheetView {
  readonly group: string;
  readonly month: string;
  readonly book: string | null;
  readonly point: q.PointRow | null;
  /** The collection date: recorded, or the point's day in the month, or the month's last day. */
  readonly date: string;
  readonly recorded: q.SheetRow | null;
  readonly lines: readonly SheetLineView[];
  readonly totals: { interestDue: number; interest: number; savings: number; principalFromSavings: number };
  readonly handover: q.HandoverRow | null;
  readonly fee: q.FeeRow | null;
}

/** A sheet checked against soquy's figures, ready to write (`Vbsp.planSheet`). */
export interface SheetPlan {
  readonly input: RecordSheetInput;
  readonly key: string | null;
  readonly hash: string;
  readonly book: string;
  readonly id: string;
  readonly known: ReadonlyMap<string, SheetLineView>;
}

export interface SheetResult {
  readonly sheet: string;
  readonly entries: readonly string[];
  readonly totals: SheetView['totals'];
  readonly replayed: boolean;
}

export interface MonthlyLists {
  readonly asOf: string;
  readonly idleSince: string;
  readonly maturingUntil: string;
  readonly idle: readonly SnapshotRow[];
  readonly overdue: readonly SnapshotRow[];
  readonly frozen: readonly SnapshotRow[];
  readonly maturing: readonly SnapshotRow[];
  readonly byOrganisation: ReturnType<typeof aggregateRows>;
  readonly byGroup: ReturnType<typeof aggregateRows>;
  readonly total: ReturnType<typeof aggregateRows>[number] | null;
}

export interface StatementPlan {
  readonly book: string;
  readonly asOf: string;
  readonly fileName: string;
  readonly rows: readonly StatementRow[];
}

export interface StatementImport {
  readonly statement: string;
  readonly rows: number;
}

export interface ReconciliationView extends Reconciliation {
  readonly statement: q.StatementRow;
  readonly notes: readonly q.ReconNoteRow[];
}

// --- the service -------------------------------------------------------------------------------

export class Vbsp {
  constructor(
    readonly store: Store,
    readonly ledger: Ledger,
    readonly loans: Loans,
  ) {}

  /** Runs `fn` in the caller's transaction (an audited HTTP write) or a new one. */
  #run<T>(inTx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return inTx ? fn(inTx) : this.store.write(fn);
  }

  // --- points and calendar ---------------------------------------------------------------------------

  async addPoint(ctx: Ctx, input: PointInput, inTx?: Tx): Promise<q.PointRow> {
    const out: Refusal[] = [];
    if (!parseSlug('id', input.id).ok)
      out.push({ code: 'code_invalid', field: 'id', value: input.id, params: { pattern: 'a-z 0-9 -' } });
    text('name', input.name, out, { required: true, max: 200 });
    text('place', input.place, out, { required: true, max: 200 });
    if (!Number.isInteger(input.dayOfMonth) || input.dayOfMonth < 1 || input.dayOfMonth > 31)
      out.push({ code: 'vbsp_day_invalid', field: 'dayOfMonth', value: input.dayOfMonth ?? null });
    throwIf(out);
    const row: q.PointRow = {
      id: input.id,
      name: input.name.trim(),
      place: input.place.trim(),
      day_of_month: input.dayOfMonth,
      created_at: nowIso(ctx),
      actor: ctx.actor,
    };
    return this.#run(inTx, async (tx) => {
      if ((await q.listPoints(tx, ctx.tenant)).some((p) => p.id === input.id))
        refused('already_exists', 'id', input.id);
      await q.insertPoint(tx, ctx.tenant, row);
      return row;
    });
  }

  /** A group hands over at this point (once: a group belongs to one point). */
  async assignGroup(ctx: Ctx, input: { group: string; point: string }, inTx?: Tx): Promise<void> {
    const out: Refusal[] = [];
    if (typeof input.group !== 'string' || !ID.test(input.group))
      out.push({
        code: 'code_invalid',
        field: 'group',
        value: input.group ?? null,
        params: { pattern: 'A-Z a-z 0-9 . _ : / -' },
      });
    throwIf(out);
    await this.#run(inTx, async (tx) => {
      if (!(await q.listPoints(tx, ctx.tenant)).some((p) => p.id === input.point))
        refused('vbsp_point_unknown', 'point', input.point);
      const had = (await q.listPointGroups(tx, ctx.tenant)).find((g) => g.group_id === input.group);
      if (had) refused('vbsp_group_has_point', 'group', input.group, { point: had.point_id });
      await q.insertPointGroup(tx, ctx.tenant, {
        group_id: input.group,
        point_id: input.point,
        created_at: nowIso(ctx),
        actor: ctx.actor,
      });
    });
  }

  async points(ctx: Ctx): Promise<Array<q.PointRow & { groups: string[] }>> {
    const groups = await q.listPointGroups(this.store.db, ctx.tenant);
    return (await q.listPoints(this.store.db, ctx.tenant)).map((p) => ({
      ...p,
      groups: groups.filter((g) => g.point_id === p.id).map((g) => g.group_id),
    }));
  }

  /** The transaction days of every point in the next `months` months from `from` (default today). */
  async calendar(
    ctx: Ctx,
    input: { from?: string; months?: number } = {},
  ): Promise<Array<{ point: string; name: string; place: string; date: string; groups: string[] }>> {
    const from = input.from ?? today(ctx);
    const months = input.months ?? 3;
    const out: Refusal[] = [];
    date('from', from, out);
    if (!Number.isInteger(months) || months < 1 || months > VBSP_LIMITS.calendarMonthsMax)
      out.push({
        code: 'months_out_of_range',
        field: 'months',
        value: months,
        params: { min: 1, max: VBSP_LIMITS.calendarMonthsMax },
      });
    throwIf(out);
    const points = await this.points(ctx);
    const byId = new Map(points.map((p) => [p.id, p]));
    return upcomingDays(
      points.map((p) => ({ id: p.id, dayOfMonth: p.day_of_month })),
      from,
      months,
    ).map((d) => {
      const p = byId.get(d.point)!;
      return { point: p.id, name: p.name, place: p.place, date: d.date, groups: p.groups };
    });
  }

  // --- fee and commission rates ------------------------------------------------------------------------

  /** A dated row of rates (percent text or number, ≤ 4 decimals): fee to the association, commission to leaders. */
  async addFeeRate(
    ctx: Ctx,
    input: {
      from: string;
      fee: string | number;
      commission: string | number;
      documentNo?: string | null;
      note?: string;
    },
    inTx?: Tx,
  ): Promise<q.FeeRateRow> {
    const out: Refusal[] = [];
    date('from', input.from, out);
    const feePpm = percentToPpm(input.fee);
    const commissionPpm = percentToPpm(input.commission);
    if (feePpm === null) out.push({ code: 'vbsp_percent_invalid', field: 'fee', value: input.fee ?? null });
    if (commissionPpm === null)
      out.push({ code: 'vbsp_percent_invalid', field: 'commission', value: input.commission ?? null });
    text('documentNo', input.documentNo, out, { max: 40 });
    text('note', input.note, out);
    throwIf(out);
    const row: q.FeeRateRow = {
      from: input.from,
      feePpm: feePpm!,
      commissionPpm: commissionPpm!,
      documentNo: input.documentNo ?? null,
      note: input.note ?? '',
    };
    return this.#run(inTx, async (tx) => {
      if ((await q.listFeeRates(tx, ctx.tenant)).some((r) => r.from === input.from))
        refused('already_exists', 'from', input.from);
      await q.insertFeeRate(tx, ctx.tenant, row, nowIso(ctx), ctx.actor);
      return row;
    });
  }

  async feeRates(ctx: Ctx): Promise<q.FeeRateRow[]> {
    return q.listFeeRates(this.store.db, ctx.tenant);
  }

  // --- the collection sheet (form 13/TD) -----------------------------------------------------------------

  /** A group's sheet for a month: as recorded, or prefilled from soquy's figures on its date. */
  async sheet(ctx: Ctx, input: { group: string; month: string; date?: string }): Promise<SheetView> {
    const out: Refusal[] = [];
    if (!isMonth(input.month))
      out.push({ code: 'vbsp_month_invalid', field: 'month', value: input.month ?? null });
    if (input.date !== undefined) date('date', input.date, out);
    if (typeof input.group !== 'string' || !ID.test(input.group))
      out.push({ code: 'vbsp_group_unknown', field: 'group', value: input.group ?? null });
    throwIf(out);
    const db = this.store.db;
    const recorded = (await q.findSheet(db, ctx.tenant, { group: input.group, month: input.month })) ?? null;
    const pointOf = (await q.listPointGroups(db, ctx.tenant)).find((g) => g.group_id === input.group);
    const point = pointOf
      ? ((await q.listPoints(db, ctx.tenant)).find((p) => p.id === pointOf.point_id) ?? null)
      : null;
    const [y, m] = input.month.split('-').map(Number) as [number, number];
    const day =
      recorded?.date ??
      input.date ??
      (point ? dayInMonth(point.day_of_month, y, m) : endOfMonth(`${input.month}-01`));
    const loans = await this.#groupLoans(ctx, input.group);
    const names = await q.householdNames(db, ctx.tenant, [...new Set(loans.map((l) => l.household))]);
    const recordedLines = recorded ? await q.sheetLines(db, ctx.tenant, recorded.id) : [];
    const byLoan = new Map(recordedLines.map((l) => [l.loan_id, l]));
    const lines: SheetLineView[] = [];
    for (const l of loans) {
      const r = byLoan.get(l.id);
      const view = await this.loans.show(ctx, l.id, day, { at: 'start' });
      const p = view.position;
      const owed = p.dues.overdue_interest + p.dues.interest_due;
      if (!r && p.outstanding === 0 && owed === 0) continue;
      if (!r && p.firstDisbursed === null) continue;
      lines.push({
        line: r?.line ?? lines.length + 1,
        loan: l.id,
        agreementNo: l.agreementNo,
        household: l.household,
        borrower: names.get(l.household) ?? '',
        outstanding: p.outstanding,
        interestDue: r?.interest_due_dong ?? owed,
        interest: r?.interest_dong ?? 0,
        savings: r?.savings_dong ?? 0,
        principalFromSavings: r?.principal_from_savings_dong ?? 0,
      });
    }
    lines.sort((a, b) => a.line - b.line);
    return {
      group: input.group,
      month: input.month,
      book: recorded?.book_code ?? loans[0]?.book ?? null,
      point,
      date: day,
      recorded,
      lines,
      totals: totalsOf(lines),
      handover: recorded ? ((await q.findHandover(db, ctx.tenant, recorded.id)) ?? null) : null,
      fee: (await q.findFee(db, ctx.tenant, input.group, input.month)) ?? null,
    };
  }

  /** The entrusted book a group's loans are in, or null (what the HTTP policy checks). */
  async bookOfGroup(ctx: Ctx, group: string): Promise<string | null> {
    try {
      return (await this.#groupLoans(ctx, group))[0]!.book;
    } catch (e) {
      if (e instanceof RefusedError) return null;
      throw e;
    }
  }

  /** The book of an imported statement, or null. */
  async bookOfStatement(ctx: Ctx, id: string): Promise<string | null> {
    return (await q.findStatement(this.store.db, ctx.tenant, id))?.book_code ?? null;
  }

  async #groupLoans(ctx: Ctx, group: string): Promise<q.LoanKey[]> {
    const loans = await q.loansOfGroup(this.store.db, ctx.tenant, group);
    if (loans.length === 0) refused('vbsp_group_unknown', 'group', group);
    const books = await findBooks(this.store.db, this.store.kind, ctx.tenant, [
      ...new Set(loans.map((l) => l.book)),
    ]);
    const entrusted = new Set(books.filter((b) => b.template === ENTRUSTED).map((b) => b.code));
    const mine = loans.filter((l) => entrusted.has(l.book));
    if (mine.length === 0) refused('vbsp_group_unknown', 'group', group);
    const bookSet = new Set(mine.map((l) => l.book));
    if (bookSet.size > 1)
      refused('vbsp_group_books_differ', 'group', group, { books: [...bookSet].join(', ') });
    return mine;
  }

  /**
   * Records what was collected on a group's sheet, as one transaction: each line's interest is a
   * repayment through the loan engine (cash into 111, owed to the bank on 3381), the savings one
   * entry (111 / 3382 per loan), principal from savings a repayment paid at the bank. A bad line
   * refuses the whole sheet.
   */
  async recordSheet(ctx: Ctx, input: RecordSheetInput): Promise<SheetResult> {
    const plan = await this.planSheet(ctx, input);
    if ('replayed' in plan) return plan;
    return this.store.write((tx) => this.recordSheetInTx(tx, ctx, plan));
  }

  /**
   * Everything a sheet needs that is read before its transaction: the checks of every line
   * against the sheet prefilled on its date. A replayed request answers its first result.
   */
  async planSheet(ctx: Ctx, input: RecordSheetInput): Promise<SheetPlan | SheetResult> {
    const out: Refusal[] = [];
    if (!isMonth(input.month))
      out.push({ code: 'vbsp_month_invalid', field: 'month', value: input.month ?? null });
    date('date', input.date, out);
    text('documentNo', input.documentNo, out, { max: 40 });
    if (!Array.isArray(input.lines) || input.lines.length === 0)
      out.push({ code: 'vbsp_sheet_empty', field: 'lines', value: null });
    else if (input.lines.length > VBSP_LIMITS.linesPerSheetMax)
      out.push({
        code: 'too_many',
        field: 'lines',
        value: input.lines.length,
        params: { max: VBSP_LIMITS.linesPerSheetMax },
      });
    throwIf(out);
    if (monthOf(input.date) !== input.month)
      refused('vbsp_date_outside_month', 'date', input.date, { month: input.month });
    const key = input.idempotencyKey ?? null;
    const body = { op: 'vbsp.sheet', ...input, idempotencyKey: undefined };
    const hash = requestHash(body);
    if (key !== null) {
      const earlier = await q.findSheet(this.store.db, ctx.tenant, { key });
      if (earlier) return this.#replayed(ctx, earlier, hash);
    }
    const prefilled = await this.sheet(ctx, { group: input.group, month: input.month, date: input.date });
    if (prefilled.recorded) refused('vbsp_sheet_exists', 'month', input.month, { group: input.group });
    const known = new Map(prefilled.lines.map((l) => [l.loan, l]));
    const seen = new Set<string>();
    input.lines.forEach((l, i) => {
      const field = `lines[${i}]`;
      if (!known.has(l?.loan))
        out.push({
          code: 'vbsp_loan_not_in_group',
          field: `${field}.loan`,
          value: l?.loan ?? null,
          params: { group: input.group },
        });
      else if (seen.has(l.loan))
        out.push({ code: 'duplicate_in_file', field: `${field}.loan`, value: l.loan });
      seen.add(l?.loan);
      amount(`${field}.interest`, l?.interest, out);
      amount(`${field}.savings`, l?.savings, out);
      amount(`${field}.principalFromSavings`, l?.principalFromSavings, out);
      const due = known.get(l?.loan)?.interestDue;
      if (due !== undefined && isDong(l?.interest) && l.interest > due)
        out.push({
          code: 'vbsp_interest_exceeds_due',
          field: `${field}.interest`,
          value: l.interest,
          params: { max: due },
        });
    });
    throwIf(out);
    const book = prefilled.book!;
    const id = `${input.month}/${input.group}`;
    return { input, key, hash, book, id, known };
  }

  /** Writes a planned sheet inside `tx`: its repayments, savings, principal from savings and rows. */
  async recordSheetInTx(tx: Tx, ctx: Ctx, plan: SheetPlan): Promise<SheetResult> {
    const { input, key, hash, book, id, known } = plan;
    const [bookRow] = await findBooks(tx, this.store.kind, ctx.tenant, [book], true);
    if (bookRow?.lockedThrough && input.date <= bookRow.lockedThrough)
      refused('period_closed', 'date', input.date, { book, lockedThrough: bookRow.lockedThrough });
    if (await q.findSheet(tx, ctx.tenant, { group: input.group, month: input.month }))
      refused('vbsp_sheet_exists', 'month', input.month, { group: input.group });
    const entries: string[] = [];
    const doc = input.documentNo ?? null;
    for (const [i, l] of input.lines.entries()) {
      if (!l.interest) continue;
      const r = await this.loans.repayInTx(tx, ctx, {
        loan: l.loan,
        date: input.date,
        amount: l.interest,
        documentNo: doc,
      });
      // Interest only: anything reaching principal means more was written than interest owed.
      if (r.allocation.principal !== 0)
        refused('vbsp_interest_exceeds_due', `lines[${i}].interest`, l.interest, {
          max: l.interest - r.allocation.principal,
        });
      entries.push(...r.entries);
    }
    const savings = input.lines.filter((l) => (l.savings ?? 0) > 0);
    if (savings.length > 0) {
      const total = savings.reduce((s, l) => s + l.savings!, 0);
      const posted = await postInTx(tx, this.ledger.env, ctx, [
        {
          book,
          date: input.date,
          kind: 'deposit',
          memo: `Tiết kiệm thu qua tổ ${input.group} – tháng ${input.month}`,
          documentNo: doc,
          postings: [
            { account: CASH, amount: total },
            ...savings.map((l) => ({ account: '3382', party: l.loan, amount: -l.savings! })),
          ],
        },
      ]);
      entries.push(...refs(posted.entries));
    }
    for (const [i, l] of input.lines.entries()) {
      if (!l.principalFromSavings) continue;
      const r = await this.loans.repayInTx(tx, ctx, {
        loan: l.loan,
        date: input.date,
        amount: l.principalFromSavings,
        documentNo: doc,
        paidAtBank: true,
      });
      if (r.allocation.interest + r.allocation.overdueInterest !== 0)
        refused(
          'vbsp_principal_before_interest',
          `lines[${i}].principalFromSavings`,
          l.principalFromSavings,
          {
            interest: r.allocation.interest + r.allocation.overdueInterest,
          },
        );
      entries.push(...r.entries);
    }
    const lines: q.SheetLineRow[] = input.lines.map((l, i) => ({
      line: i + 1,
      loan_id: l.loan,
      household_id: known.get(l.loan)!.household,
      interest_due_dong: known.get(l.loan)!.interestDue,
      interest_dong: l.interest ?? 0,
      savings_dong: l.savings ?? 0,
      principal_from_savings_dong: l.principalFromSavings ?? 0,
    }));
    await q.insertSheet(
      tx,
      ctx.tenant,
      {
        id,
        group_id: input.group,
        month: input.month,
        book_code: book,
        date: input.date,
        document_no: doc,
        entries: JSON.stringify(entries),
        recorded_at: nowIso(ctx),
        actor: ctx.actor,
        idempotency_key: key,
        request_hash: key === null ? null : hash,
      },
      lines,
    );
    return {
      sheet: id,
      entries,
      totals: {
        interestDue: lines.reduce((s, l) => s + l.interest_due_dong, 0),
        interest: lines.reduce((s, l) => s + l.interest_dong, 0),
        savings: lines.reduce((s, l) => s + l.savings_dong, 0),
        principalFromSavings: lines.reduce((s, l) => s + l.principal_from_savings_dong, 0),
      },
      replayed: false,
    };
  }

  async #replayed(ctx: Ctx, sheet: q.SheetRow, hash: string): Promise<SheetResult> {
    if (sheet.request_hash !== hash)
      refused('idempotency_key_reused', 'idempotencyKey', sheet.idempotency_key);
    const lines = await q.sheetLines(this.store.db, ctx.tenant, sheet.id);
    return {
      sheet: sheet.id,
      entries: JSON.parse(sheet.entries) as string[],
      totals: {
        interestDue: lines.reduce((s, l) => s + l.interest_due_dong, 0),
        interest: lines.reduce((s, l) => s + l.interest_dong, 0),
        savings: lines.reduce((s, l) => s + l.savings_dong, 0),
        principalFromSavings: lines.reduce((s, l) => s + l.principal_from_savings_dong, 0),
      },
      replayed: true,
    };
  }

  async #recordedSheet(db: Tx, ctx: Ctx, group: string, month: string): Promise<q.SheetRow> {
    const out: Refusal[] = [];
    if (!isMonth(month)) out.push({ code: 'vbsp_month_invalid', field: 'month', value: month ?? null });
    throwIf(out);
    const s = await q.findSheet(db, ctx.tenant, { group, month });
    if (!s) refused('vbsp_sheet_missing', 'month', month, { group });
    return s;
  }

  // --- hand-over ------------------------------------------------------------------------------------

  /**
   * The group's cash handed over at the transaction point: the sheet's interest (3381) and savings
   * (3382) per loan against cash. A difference between the cash counted and the sheet stays
   * visible: short — the leader owes it (1388, party the group) and it is still owed to the bank
   * (3388, party the group); over — kept in cash, owed back to the group (3388).
   */
  async handOver(
    ctx: Ctx,
    input: { group: string; month: string; date: string; counted: number; note?: string },
    inTx?: Tx,
  ): Promise<q.HandoverRow> {
    const out: Refusal[] = [];
    date('date', input.date, out);
    if (!isDong(input.counted) || input.counted < 0)
      out.push({ code: 'amount_not_whole_dong', field: 'counted', value: input.counted ?? null });
    text('note', input.note, out);
    throwIf(out);
    return this.#run(inTx, async (tx) => {
      const sheet = await this.#recordedSheet(tx, ctx, input.group, input.month);
      if (input.date < sheet.date)
        refused('vbsp_date_before_sheet', 'date', input.date, { sheet: sheet.date });
      if (await q.findHandover(tx, ctx.tenant, sheet.id))
        refused('vbsp_handover_exists', 'month', input.month, { group: input.group });
      const lines = await q.sheetLines(tx, ctx.tenant, sheet.id);
      const expected = lines.reduce((s, l) => s + l.interest_dong + l.savings_dong, 0);
      if (expected === 0) refused('nothing_to_hand_over', 'month', input.month, { date: input.date });
      const memo = `Nộp tiền tổ ${input.group} tháng ${input.month} tại điểm giao dịch xã`;
      const drafts: EntryDraft[] = [
        {
          book: sheet.book_code,
          date: input.date,
          kind: 'handover',
          memo,
          documentNo: sheet.document_no,
          postings: [
            ...lines
              .filter((l) => l.interest_dong > 0)
              .map((l) => ({ account: '3381', party: l.loan_id, amount: l.interest_dong })),
            ...lines
              .filter((l) => l.savings_dong > 0)
              .map((l) => ({ account: '3382', party: l.loan_id, amount: l.savings_dong })),
            { account: CASH, amount: -expected },
          ],
        },
      ];
      const difference = input.counted - expected;
      if (difference < 0)
        drafts.push({
          book: sheet.book_code,
          date: input.date,
          kind: 'cash_difference',
          memo: `Tổ ${input.group} nộp thiếu ${-difference} đ so với bảng kê 13/TD tháng ${input.month}`,
          postings: [
            { account: '1388', party: input.group, amount: -difference },
            { account: '3388', party: input.group, amount: difference },
          ],
        });
      else if (difference > 0)
        drafts.push({
          book: sheet.book_code,
          date: input.date,
          kind: 'cash_difference',
          memo: `Tổ ${input.group} nộp thừa ${difference} đ so với bảng kê 13/TD tháng ${input.month}`,
          postings: [
            { account: CASH, amount: difference },
            { account: '3388', party: input.group, amount: -difference },
          ],
        });
      const posted = await postInTx(tx, this.ledger.env, ctx, drafts);
      const row: q.HandoverRow = {
        sheet_id: sheet.id,
        date: input.date,
        expected_dong: expected,
        counted_dong: input.counted,
        difference_dong: difference,
        entries: JSON.stringify(refs(posted.entries)),
        note: input.note ?? '',
        recorded_at: nowIso(ctx),
        actor: ctx.actor,
      };
      await q.insertHandover(tx, ctx.tenant, row);
      return row;
    });
  }

  async handovers(ctx: Ctx): Promise<q.HandoverRow[]> {
    return q.listHandovers(this.store.db, ctx.tenant);
  }

  // --- fee and commission ---------------------------------------------------------------------------

  /** What the fee and commission of a group's month would be (nothing written). */
  async computeFees(
    ctx: Ctx,
    input: { group: string; month: string },
  ): Promise<FeeFigures & { rateFrom: string }> {
    const sheet = await this.#recordedSheet(this.store.db, ctx, input.group, input.month);
    return this.#fees(this.store.db, ctx, sheet);
  }

  async #fees(db: Tx, ctx: Ctx, sheet: q.SheetRow): Promise<FeeFigures & { rateFrom: string }> {
    const rates = await q.listFeeRates(db, ctx.tenant);
    const rate = rateOn(rates, sheet.date);
    if (!rate) refused('vbsp_rate_missing', 'date', sheet.date);
    const base = (await q.sheetLines(db, ctx.tenant, sheet.id)).reduce((s, l) => s + l.interest_dong, 0);
    return { ...feesOf(base, rate), rateFrom: rate.from };
  }

  /** Books the month's fee (income 5111) and commission (owed to the leader, 3384) as due from the bank (1381). */
  async bookFees(
    ctx: Ctx,
    input: { group: string; month: string; date: string },
    inTx?: Tx,
  ): Promise<q.FeeRow> {
    const out: Refusal[] = [];
    date('date', input.date, out);
    throwIf(out);
    return this.#run(inTx, async (tx) => {
      const sheet = await this.#recordedSheet(tx, ctx, input.group, input.month);
      if (input.date < sheet.date)
        refused('vbsp_date_before_sheet', 'date', input.date, { sheet: sheet.date });
      if (await q.findFee(tx, ctx.tenant, input.group, input.month))
        refused('vbsp_fee_exists', 'month', input.month, { group: input.group });
      const f = await this.#fees(tx, ctx, sheet);
      let entries: string[] = [];
      if (f.fee + f.commission > 0) {
        const postings = [{ account: '1381', amount: f.fee + f.commission }];
        if (f.fee > 0) postings.push({ account: '5111', amount: -f.fee });
        const withParty =
          f.commission > 0 ? [{ account: '3384', party: input.group, amount: -f.commission }] : [];
        const posted = await postInTx(tx, this.ledger.env, ctx, [
          {
            book: sheet.book_code,
            date: input.date,
            kind: 'fee',
            memo: `Phí ủy thác và hoa hồng tổ ${input.group} tháng ${input.month}`,
            postings: [...postings, ...withParty],
          },
        ]);
        entries = refs(posted.entries);
      }
      const row: q.FeeRow = {
        group_id: input.group,
        month: input.month,
        sheet_id: sheet.id,
        base_dong: f.base,
        fee_ppm: f.feePpm,
        commission_ppm: f.commissionPpm,
        fee_dong: f.fee,
        commission_dong: f.commission,
        booked_on: input.date,
        booked_entries: JSON.stringify(entries),
        paid_on: null,
        paid_entries: null,
        recorded_at: nowIso(ctx),
        actor: ctx.actor,
      };
      await q.insertFee(tx, ctx.tenant, row);
      return row;
    });
  }

  /** The bank pays the fee and commission (111 / 1381); the commission goes to the leader (3384 / 111). */
  async payFees(
    ctx: Ctx,
    input: { group: string; month: string; date: string },
    inTx?: Tx,
  ): Promise<q.FeeRow> {
    const out: Refusal[] = [];
    date('date', input.date, out);
    throwIf(out);
    return this.#run(inTx, async (tx) => {
      const fee = await q.findFee(tx, ctx.tenant, input.group, input.month);
      if (!fee) refused('vbsp_fee_missing', 'month', input.month, { group: input.group });
      if (fee.paid_on !== null) refused('vbsp_fee_paid', 'month', input.month, { paidOn: fee.paid_on });
      if (input.date < fee.booked_on)
        refused('vbsp_date_before_sheet', 'date', input.date, { sheet: fee.booked_on });
      const sheet = (await q.findSheet(tx, ctx.tenant, { id: fee.sheet_id }))!;
      const drafts: EntryDraft[] = [];
      const total = fee.fee_dong + fee.commission_dong;
      if (total > 0)
        drafts.push({
          book: sheet.book_code,
          date: input.date,
          kind: 'fee',
          memo: `NHCSXH trả phí ủy thác, hoa hồng tổ ${input.group} tháng ${input.month}`,
          postings: [
            { account: CASH, amount: total },
            { account: '1381', amount: -total },
          ],
        });
      if (fee.commission_dong > 0)
        drafts.push({
          book: sheet.book_code,
          date: input.date,
          kind: 'commission',
          memo: `Chi hoa hồng tổ trưởng tổ ${input.group} tháng ${input.month}`,
          postings: [
            { account: '3384', party: input.group, amount: fee.commission_dong },
            { account: CASH, amount: -fee.commission_dong },
          ],
        });
      const entries =
        drafts.length > 0 ? refs((await postInTx(tx, this.ledger.env, ctx, drafts)).entries) : [];
      await q.markFeePaid(tx, ctx.tenant, input.group, input.month, input.date, JSON.stringify(entries));
      return { ...fee, paid_on: input.date, paid_entries: JSON.stringify(entries) };
    });
  }

  async fees(ctx: Ctx, month?: string): Promise<q.FeeRow[]> {
    return q.listFees(this.store.db, ctx.tenant, month);
  }

  // --- the bank's statement --------------------------------------------------------------------------

  /**
   * Imports the bank's per-loan statement of a book at a date (.xlsx or .csv). Every bad row is
   * refused with its number and nothing is written; soquy's figures are never touched.
   */
  async importStatement(
    ctx: Ctx,
    input: { book: string; asOf: string; fileName: string; content: Buffer; acceptUnknown?: boolean },
  ): Promise<StatementImport> {
    const plan = await this.planStatement(ctx, input);
    return this.store.write((tx) => this.importStatementInTx(tx, ctx, plan));
  }

  /** Reads and checks a statement file (nothing written): its rows, or every refusal. */
  async planStatement(
    ctx: Ctx,
    input: { book: string; asOf: string; fileName: string; content: Buffer; acceptUnknown?: boolean },
  ): Promise<StatementPlan> {
    const out: Refusal[] = [];
    date('asOf', input.asOf, out);
    text('fileName', input.fileName, out, { required: true, max: 200 });
    throwIf(out);
    const [book] = await findBooks(this.store.db, this.store.kind, ctx.tenant, [input.book]);
    if (!book) refused('book_unknown', 'book', input.book);
    if (book.template !== ENTRUSTED) refused('book_not_entrusted', 'book', input.book);
    const loans = await q.loansOfBook(this.store.db, ctx.tenant, input.book);
    const known = new Set(loans.map((l) => l.agreementNo).filter((a): a is string => a !== null));
    const read = await readStatementFile(input.fileName, input.content);
    if (read.refusals.length > 0) throw new RefusedError(read.refusals);
    const parsed = parseStatement(read.rows, {
      knownAgreements: known,
      acceptUnknown: input.acceptUnknown ?? false,
    });
    if (parsed.refusals.length > 0) throw new RefusedError(parsed.refusals);
    return { book: input.book, asOf: input.asOf, fileName: input.fileName, rows: parsed.rows };
  }

  async importStatementInTx(tx: Tx, ctx: Ctx, plan: StatementPlan): Promise<StatementImport> {
    const input = plan;
    const parsed = plan;
    const n = (await q.countStatements(tx, ctx.tenant)) + 1;
    const id = `SK-${input.asOf}-${String(n).padStart(4, '0')}`;
    await q.insertStatement(
      tx,
      ctx.tenant,
      {
        id,
        book_code: input.book,
        as_of: input.asOf,
        file_name: input.fileName,
        row_count: parsed.rows.length,
        imported_at: nowIso(ctx),
        actor: ctx.actor,
      },
      parsed.rows.map((r) => ({
        row_no: r.row,
        agreement_no: r.agreementNo,
        borrower: r.borrower,
        programme: r.programme,
        outstanding_dong: r.outstanding,
        overdue_dong: r.overdue,
        frozen_dong: r.frozen,
        interest_due_dong: r.interestDue,
      })),
    );
    return { statement: id, rows: parsed.rows.length };
  }

  async statements(ctx: Ctx): Promise<q.StatementRow[]> {
    return q.listStatements(this.store.db, ctx.tenant);
  }

  /** Soquy's figures of every loan of `book` at the end of `asOf` that owes something. */
  async soquyFigures(ctx: Ctx, book: string, asOf: string): Promise<SoquyLoanFigures[]> {
    const keys = new Map((await q.loansOfBook(this.store.db, ctx.tenant, book)).map((l) => [l.id, l]));
    const out: SoquyLoanFigures[] = [];
    for await (const part of replayRows(this.store, ctx, asOf))
      for (const r of part) {
        const k = keys.get(r.loan_id);
        if (!k) continue;
        const interestDue = r.interest_due_dong + r.overdue_interest_dong;
        if (r.outstanding_dong === 0 && interestDue === 0) continue;
        out.push({
          loan: r.loan_id,
          agreementNo: k.agreementNo ?? r.loan_id,
          household: r.household_id,
          group: r.group_id,
          programme: r.programme_id,
          outstanding: r.outstanding_dong,
          overdue: r.overdue_dong,
          frozen: r.frozen_dong,
          interestDue,
        });
      }
    return out;
  }

  /** Every difference between an imported statement and soquy, per loan, with the notes made. */
  async reconcile(ctx: Ctx, statementId: string): Promise<ReconciliationView> {
    const statement = await q.findStatement(this.store.db, ctx.tenant, statementId);
    if (!statement) refused('vbsp_statement_unknown', 'statement', statementId);
    const bank: StatementRow[] = (await q.statementLines(this.store.db, ctx.tenant, statementId)).map(
      (r) => ({
        row: r.row_no,
        agreementNo: r.agreement_no,
        borrower: r.borrower,
        programme: r.programme,
        outstanding: r.outstanding_dong,
        overdue: r.overdue_dong,
        frozen: r.frozen_dong,
        interestDue: r.interest_due_dong,
      }),
    );
    const soquy = await this.soquyFigures(ctx, statement.book_code, statement.as_of);
    return {
      statement,
      ...reconcile(bank, soquy),
      notes: await q.reconNotes(this.store.db, ctx.tenant, statementId),
    };
  }

  /** A note resolving a difference (an entry or loan event made the ordinary way, or why none is needed). */
  async addNote(
    ctx: Ctx,
    input: { statement: string; agreementNo: string; kind: string; note: string; entry?: string | null },
    inTx?: Tx,
  ): Promise<q.ReconNoteRow> {
    const out: Refusal[] = [];
    text('agreementNo', input.agreementNo, out, { required: true, max: 40 });
    text('kind', input.kind, out, { required: true, max: 40 });
    text('note', input.note, out, { required: true, max: VBSP_LIMITS.noteLengthMax });
    if (input.entry != null && !/^[a-z0-9-]+#\d+$/.test(input.entry))
      out.push({ code: 'entry_ref_invalid', field: 'entry', value: input.entry });
    throwIf(out);
    return this.#run(inTx, async (tx) => {
      const statement = await q.findStatement(tx, ctx.tenant, input.statement);
      if (!statement) refused('vbsp_statement_unknown', 'statement', input.statement);
      const notes = await q.reconNotes(tx, ctx.tenant, input.statement);
      const row: q.ReconNoteRow = {
        seq: notes.length + 1,
        agreement_no: input.agreementNo,
        kind: input.kind,
        note: input.note,
        entry_ref: input.entry ?? null,
        recorded_at: nowIso(ctx),
        actor: ctx.actor,
      };
      await q.insertReconNote(tx, ctx.tenant, input.statement, row);
      return row;
    });
  }

  // --- monthly lists and report ------------------------------------------------------------------------

  /**
   * The lists practitioners watch, from one replay of the entrusted loans at the end of `asOf`:
   * no transaction for 3+ months, overdue, frozen with expiry, maturing in the next 3 months; and
   * outstanding and overdue by entrusting organisation and by group.
   */
  async monthly(ctx: Ctx, input: { asOf: string; books?: ReadonlySet<string> }): Promise<MonthlyLists> {
    const out: Refusal[] = [];
    date('asOf', input.asOf, out);
    throwIf(out);
    const books = await findBooks(this.store.db, this.store.kind, ctx.tenant, 'all');
    const entrusted = new Set(
      books
        .filter((b) => b.template === ENTRUSTED && (input.books === undefined || input.books.has(b.code)))
        .map((b) => b.code),
    );
    const idleSince = addMonths(input.asOf, -3);
    const maturingUntil = addMonths(input.asOf, 3);
    const rows: SnapshotRow[] = [];
    for await (const part of replayRows(this.store, ctx, input.asOf))
      for (const r of part) if (entrusted.has(r.book_code)) rows.push(r);
    const owing = rows.filter((r) => r.outstanding_dong > 0);
    const byId = (a: SnapshotRow, b: SnapshotRow) => (a.loan_id < b.loan_id ? -1 : 1);
    return {
      asOf: input.asOf,
      idleSince,
      maturingUntil,
      idle: owing.filter((r) => r.last_transaction === null || r.last_transaction <= idleSince).sort(byId),
      overdue: rows
        .filter((r) => r.overdue_dong > 0)
        .sort((a, b) => b.days_past_due - a.days_past_due || byId(a, b)),
      frozen: rows
        .filter((r) => r.frozen_dong > 0)
        .sort((a, b) => ((a.frozen_until ?? '') < (b.frozen_until ?? '') ? -1 : 1)),
      maturing: owing
        .filter((r) => r.maturity !== null && r.maturity > input.asOf && r.maturity <= maturingUntil)
        .sort((a, b) => (a.maturity! < b.maturity! ? -1 : a.maturity! > b.maturity! ? 1 : byId(a, b))),
      byOrganisation: aggregateRows(rows, 'organisation').sort((a, b) =>
        String(a.key) < String(b.key) ? -1 : 1,
      ),
      byGroup: aggregateRows(rows, 'group').sort((a, b) => (String(a.key) < String(b.key) ? -1 : 1)),
      total: aggregateRows(rows, 'all')[0] ?? null,
    };
  }
}

function totalsOf(lines: readonly SheetLineView[]): SheetView['totals'] {
  return {
    interestDue: lines.reduce((s, l) => s + l.interestDue, 0),
    interest: lines.reduce((s, l) => s + l.interest, 0),
    savings: lines.reduce((s, l) => s + l.savings, 0),
    principalFromSavings: lines.reduce((s, l) => s + l.principalFromSavings, 0),
  };
}

export type { BusinessDate };
