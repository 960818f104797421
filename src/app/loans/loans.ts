/**
 * The loans service: programmes and rates, the life of a loan (application to closure), risk
 * treatment, reads and reports, and the month-end run. Every step that moves money or a
 * commitment posts through `postInTx` inside the same `store.write` as its event row, so the loan's
 * history and the journal commit together or not at all. See docs/design/loans.md.
 */

import { addMonths, type BusinessDate, isBusinessDate } from '../../domain/dates.ts';
import { requestHash } from '../../domain/ledger/chain.ts';
import { parseSlug } from '../../domain/ledger/codes.ts';
import type { EntryDraft } from '../../domain/ledger/entry.ts';
import {
  bookedFigures,
  chartKeyOf,
  disbursementDraft,
  figuresEqual,
  LOAN_CHARTS,
  principalByClass,
  settlementDraft,
  syncDrafts,
  targetFigures,
} from '../../domain/loans/accounting.ts';
import {
  type Allocation,
  allocate,
  allocateSplit,
  checkAllocationOrder,
  type Dues,
  totalOf,
} from '../../domain/loans/allocation.ts';
import { netByAccount } from '../../domain/loans/facts.ts';
import { DAY_COUNTS } from '../../domain/loans/interest.ts';
import { LOAN_ID, LOAN_LIMITS } from '../../domain/loans/limits.ts';
import {
  ACCOUNTING_MODES,
  CAPITAL_SOURCES,
  type Programme,
  SEED_PROGRAMMES,
} from '../../domain/loans/programmes.ts';
import { type ProjectionRow, projectSchedule } from '../../domain/loans/projection.ts';
import {
  checkRateRow,
  formatPercent,
  PPM,
  parsePercentPpm,
  QUOTINGS,
  RATE_POLICIES,
  type RateRow,
  rate12ToPpm,
  rateAt,
} from '../../domain/loans/rates.ts';
import {
  type CustomInstalment,
  checkScheduleTerms,
  SCHEDULE_METHODS,
  type ScheduleMethod,
  type ScheduleTerms,
} from '../../domain/loans/schedule.ts';
import {
  type HistoryLine,
  type LoanFact,
  type LoanPosition,
  PRINCIPAL_CLASSES,
} from '../../domain/loans/state.ts';
import { assert, type Refusal, RefusedError } from '../../domain/refusal.ts';
import { findBooks, readPartyTotals, readTotals } from '../../store/ledger-store.ts';
import * as q from '../../store/loans-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import { type Ctx, nowIso, today } from '../context.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { type PostedRef, postInTx } from '../ledger/post.ts';
import {
  bookedAt,
  type Catalogue,
  catchUpDrafts,
  type LoanFile,
  loadCatalogue,
  loadFiles,
  machineOf,
  planSync,
} from './loan-file.ts';
import { type MonthEndOptions, type MonthEndResult, runMonthEnd } from './month-end.ts';
import type { LoanParties } from './parties.ts';
import {
  type Classification,
  classification,
  frozenList,
  idleList,
  type ListReport,
  overdueList,
  type Portfolio,
  type PortfolioBy,
  portfolio,
} from './reports.ts';
import { dateField, monthsField, nonNegativeDong, positiveDong, textField } from './validate.ts';

// --- inputs -----------------------------------------------------------------------------------------

export interface ProgrammeInput extends Partial<Omit<Programme, 'id' | 'nameVi' | 'nameEn' | 'accounting'>> {
  readonly id: string;
  readonly nameVi: string;
  readonly nameEn?: string;
  readonly accounting: string;
}

export interface RateInput {
  readonly programme: string;
  readonly from: string;
  /** Percent as typed ("6,6", "0.55"); per `quoting` (default the programme's). */
  readonly rate?: string | number;
  readonly quoting?: string;
  /** A multiple of another programme's rate instead: base programme and percent ("125"). */
  readonly base?: string;
  readonly multiplier?: string | number;
  readonly documentNo?: string | null;
  readonly note?: string;
}

export interface ApplyInput {
  readonly id?: string;
  readonly programme: string;
  readonly book: string;
  readonly household: string;
  readonly amount: number;
  readonly date: string;
  readonly termMonths?: number;
  readonly method?: string;
  readonly principalEveryMonths?: number;
  readonly interestEveryMonths?: number;
  readonly gracePrincipalMonths?: number;
  readonly graceInterestMonths?: number;
  readonly custom?: readonly CustomInstalment[] | null;
  readonly organisation?: string | null;
  readonly group?: string | null;
  readonly village?: string | null;
  readonly source?: string | null;
  readonly purpose?: string;
  readonly agreementNo?: string | null;
  readonly idempotencyKey?: string | null;
}

interface Common {
  readonly loan: string;
  readonly date: string;
  readonly documentNo?: string | null;
  readonly idempotencyKey?: string | null;
}

export interface ApproveInput extends Common {
  readonly amount?: number;
  readonly approver: string;
}

export interface DisburseInput extends Common {
  readonly amount: number;
  /** Cash (111, default) or bank (112) for a loan of the organisation's own fund. */
  readonly cashAccount?: string;
}

export interface RepayInput extends Common {
  readonly amount: number;
  readonly cashAccount?: string;
  /** Entrusted loans: paid straight to the bank at the transaction point (memo lines only). */
  readonly paidAtBank?: boolean;
  /**
   * The split as the payer states it (a savings group's sheet: principal and service charge
   * typed apart) instead of the programme's order: principal oldest instalment first, the charge
   * to overdue, due, then accrued interest. Refused above what each part owes.
   */
  readonly split?: { readonly principal: number; readonly interest: number };
}

/** What every risk treatment records (Decision 50/2010/QĐ-TTg; VBSP regulation 15/QĐ-HĐQT). */
export interface RiskInput {
  /** The registry's shock event (fire, flood, illness, death…), when there is one. */
  readonly shockId?: string | null;
  readonly causeKind?: string | null;
  readonly cause?: string | null;
  readonly lossDong: number;
  readonly approver: string;
  readonly documentNo: string;
}

export const CAUSE_KINDS = ['disaster', 'fire', 'illness', 'accident', 'death', 'epidemic', 'other'] as const;

export interface ExtendInput extends Omit<Common, 'documentNo'>, RiskInput {
  /** 1-based number of the instalment in the current schedule; default the oldest unpaid one. */
  readonly instalment?: number;
  readonly months: number;
}

export interface AdjustInput extends Omit<Common, 'documentNo'> {
  readonly instalments: readonly CustomInstalment[];
  readonly approver: string;
  readonly documentNo: string;
}

export interface FreezeInput extends Omit<Common, 'documentNo' | 'date'>, RiskInput {
  /** The first frozen day; a renewal defaults to the day the current freeze ends. */
  readonly date?: string;
  readonly months: number;
  readonly renew?: boolean;
}

export interface WriteOffInput extends Omit<Common, 'documentNo'>, RiskInput {
  /** Principal to write off; default all of it. */
  readonly principal?: number;
  /** Also write off all unpaid interest (default true). */
  readonly interest?: boolean;
}

export type CloseInput = Common;

// --- results ------------------------------------------------------------------------------------------

export interface LoanResult {
  readonly loan: string;
  readonly event: number;
  readonly entries: readonly string[];
  readonly replayed: boolean;
}

export interface RepaymentResult extends LoanResult {
  readonly amount: number;
  readonly allocation: Allocation;
  /** Principal paid per class of the instalments it settled. */
  readonly principalByClass: Record<string, number>;
  readonly outstandingAfter: number;
}

export interface ProgrammeView extends Programme {
  /** The rows as entered, each with the annual rate it gives on its own date. */
  readonly rates: ReadonlyArray<RateRow & { annualPpm: number | null }>;
  /** The resolved annual rate over time (relative rows follow their base's changes). */
  readonly timeline: ReadonlyArray<{ from: string; annualPpm: number }>;
}

export interface LoanView {
  readonly loan: q.LoanRow;
  readonly programme: Programme;
  readonly events: readonly q.EventRow[];
  readonly position: LoanPosition;
  readonly booked: ReturnType<typeof bookedFigures>;
  /** True when the books hold what the replay says as of the position's date. */
  readonly booksInStep: boolean;
}

export interface ScheduleView {
  readonly loan: string;
  readonly amount: number;
  readonly firstDisbursement: BusinessDate;
  readonly annualRatePpm: number | null;
  readonly projection: readonly ProjectionRow[];
  readonly totalInterest: number;
  readonly totalPrincipal: number;
  readonly position: LoanPosition | null;
}

export interface StatementView {
  readonly loan: string;
  readonly history: readonly HistoryLine[];
  readonly events: readonly q.EventRow[];
  readonly entries: ReadonlyArray<{
    seq: number;
    date: string;
    kind: string;
    lines: Array<{ account: string; amount: number }>;
  }>;
}

// --- the service ----------------------------------------------------------------------------------------

function throwIf(refusals: Refusal[]): void {
  if (refusals.length > 0) throw new RefusedError(refusals);
}

function refused(
  code: string,
  field: string,
  value: unknown,
  params?: Record<string, string | number>,
): never {
  throw new RefusedError([params ? { code, field, value, params } : { code, field, value }]);
}

type EventKind = 'approve' | 'disburse' | 'repay' | 'extend' | 'adjust' | 'freeze' | 'write_off' | 'close';

interface OpPlan<R> {
  readonly fact: LoanFact | null;
  /** The event's own entries, from the positions before and after it. */
  drafts(before: LoanPosition, after: LoanPosition): EntryDraft[];
  result(before: LoanPosition, after: LoanPosition): R;
  readonly params: Record<string, unknown>;
  readonly risk?: RiskInput;
  readonly approver?: string | null;
  readonly documentNo?: string | null;
}

interface OpSpec<R> {
  readonly kind: EventKind;
  /** Run inside this transaction instead of a new one. */
  readonly tx?: Tx | undefined;
  readonly loan: string;
  readonly date: string;
  readonly key: string | null;
  readonly body: unknown;
  plan(file: LoanFile, before: LoanPosition, tx: Tx): Promise<OpPlan<R>>;
}

export class Loans {
  readonly #parties: LoanParties;

  constructor(
    readonly store: Store,
    readonly ledger: Ledger,
    parties: LoanParties,
  ) {
    this.#parties = parties;
  }

  // --- programmes -----------------------------------------------------------------------------------

  /** Adds the seeded VBSP programmes and the Farmers Support Fund (those missing), with their rates. */
  async seedProgrammes(ctx: Ctx): Promise<{ created: string[] }> {
    return this.store.write(async (tx) => {
      const existing = new Set((await q.listProgrammes(tx, ctx.tenant)).map((p) => p.id));
      const at = nowIso(ctx);
      const created: string[] = [];
      for (const seed of SEED_PROGRAMMES) {
        if (existing.has(seed.programme.id)) continue;
        await q.insertProgramme(tx, ctx.tenant, seed.programme, at, ctx.actor);
        created.push(seed.programme.id);
      }
      for (const seed of SEED_PROGRAMMES) {
        if (!created.includes(seed.programme.id)) continue;
        for (const r of seed.rates)
          await q.insertRate(
            tx,
            ctx.tenant,
            {
              programme: seed.programme.id,
              from: r.from,
              quotedPpm: r.quotedPpm ?? null,
              quoting: seed.programme.quoting,
              base: r.base ?? null,
              documentNo: null,
              note: r.note,
            },
            at,
            ctx.actor,
          );
      }
      return { created };
    });
  }

  async addProgramme(ctx: Ctx, input: ProgrammeInput): Promise<Programme> {
    const out: Refusal[] = [];
    if (!parseSlug('id', input.id).ok)
      out.push({ code: 'code_invalid', field: 'id', value: input.id, params: { pattern: 'a-z 0-9 -' } });
    textField('nameVi', input.nameVi, out, { required: true, max: LOAN_LIMITS.nameLengthMax });
    textField('nameEn', input.nameEn, out, { max: LOAN_LIMITS.nameLengthMax });
    const oneOf = (field: string, list: readonly string[], v: unknown) => {
      if (!list.includes(v as string))
        out.push({ code: 'value_not_allowed', field, value: v, params: { allowed: list.join(', ') } });
    };
    oneOf('accounting', ACCOUNTING_MODES, input.accounting);
    const accounting = input.accounting as Programme['accounting'];
    const p: Programme = {
      id: input.id,
      nameVi: input.nameVi,
      nameEn: input.nameEn ?? input.nameVi,
      accounting,
      bookTemplate: input.bookTemplate ?? (accounting === 'own' ? 'farmers-support-fund' : 'vbsp-entrusted'),
      charge: input.charge ?? (accounting === 'own' ? 'fee' : 'interest'),
      quoting: input.quoting ?? 'year',
      dayCount: input.dayCount ?? 'act/365',
      overdueMultiplierPpm: input.overdueMultiplierPpm ?? 1_300_000,
      ratePolicy: input.ratePolicy ?? 'floating',
      capHouseholdDong: input.capHouseholdDong ?? null,
      capProjectDong: input.capProjectDong ?? null,
      termMonthsMax: input.termMonthsMax ?? 60,
      scheduleMethod: input.scheduleMethod ?? 'equal_principal',
      principalEveryMonths: input.principalEveryMonths ?? 1,
      interestEveryMonths: input.interestEveryMonths ?? 1,
      gracePrincipalMonths: input.gracePrincipalMonths ?? 0,
      graceInterestMonths: input.graceInterestMonths ?? 0,
      extensionMonthsMax: input.extensionMonthsMax ?? 12,
      freezeMonthsMax: input.freezeMonthsMax ?? 36,
      allocationOrder: input.allocationOrder ?? SEED_PROGRAMMES[0]!.programme.allocationOrder,
      requiresSource: input.requiresSource ?? false,
    };
    oneOf('bookTemplate', ['farmers-support-fund', 'vbsp-entrusted'], p.bookTemplate);
    oneOf('charge', ['interest', 'fee'], p.charge);
    oneOf('quoting', QUOTINGS, p.quoting);
    oneOf('dayCount', DAY_COUNTS, p.dayCount);
    oneOf('ratePolicy', RATE_POLICIES, p.ratePolicy);
    oneOf('scheduleMethod', SCHEDULE_METHODS, p.scheduleMethod);
    if (
      !Number.isSafeInteger(p.overdueMultiplierPpm) ||
      p.overdueMultiplierPpm < PPM ||
      p.overdueMultiplierPpm > LOAN_LIMITS.multiplierPpmMax
    )
      out.push({
        code: 'rate_out_of_range',
        field: 'overdueMultiplier',
        value: p.overdueMultiplierPpm,
        params: { max: formatPercent(LOAN_LIMITS.multiplierPpmMax, 'en') },
      });
    for (const [field, v] of [
      ['capHousehold', p.capHouseholdDong],
      ['capProject', p.capProjectDong],
    ] as const)
      if (v !== null) positiveDong(field, v, out);
    monthsField('termMonthsMax', p.termMonthsMax, 1, LOAN_LIMITS.termMonthsMax, out);
    monthsField('extensionMonthsMax', p.extensionMonthsMax, 1, LOAN_LIMITS.treatmentMonthsMax, out);
    monthsField('freezeMonthsMax', p.freezeMonthsMax, 1, LOAN_LIMITS.treatmentMonthsMax, out);
    const order = checkAllocationOrder('allocationOrder', p.allocationOrder);
    if (!order.ok) out.push(...order.refusals);
    if (out.length === 0) out.push(...checkScheduleTerms(this.#defaultTerms(p, p.termMonthsMax)));
    throwIf(out);
    await this.store.write(async (tx) => {
      if ((await q.listProgrammes(tx, ctx.tenant)).some((x) => x.id === p.id))
        refused('already_exists', 'id', p.id);
      await q.insertProgramme(tx, ctx.tenant, p, nowIso(ctx), ctx.actor);
    });
    return p;
  }

  /** Adds a dated row to a programme's rate table: it applies from its date on. */
  async addRate(ctx: Ctx, input: RateInput): Promise<RateRow> {
    const out: Refusal[] = [];
    dateField('from', input.from, out);
    textField('note', input.note, out);
    textField('documentNo', input.documentNo, out, { max: 40 });
    return this.store.write(async (tx) => {
      const programmes = await q.listProgrammes(tx, ctx.tenant);
      const p = programmes.find((x) => x.id === input.programme);
      if (!p) out.push({ code: 'programme_unknown', field: 'programme', value: input.programme });
      const quoting = (input.quoting ?? p?.quoting ?? 'year') as RateRow['quoting'];
      if (!(QUOTINGS as readonly string[]).includes(quoting))
        out.push({
          code: 'value_not_allowed',
          field: 'quoting',
          value: input.quoting,
          params: { allowed: QUOTINGS.join(', ') },
        });
      let quotedPpm: number | null = null;
      let base: RateRow['base'] = null;
      if (input.base !== undefined && input.base !== null) {
        if (!programmes.some((x) => x.id === input.base))
          out.push({ code: 'programme_unknown', field: 'base', value: input.base });
        // "125" (per cent of the base rate) is 1,250,000 ppm: the multiplier itself.
        const m = parsePercentPpm('multiplier', input.multiplier, LOAN_LIMITS.multiplierPpmMax);
        if (!m.ok) out.push(...m.refusals);
        else base = { programme: input.base, multiplierPpm: m.value };
      } else {
        const r = parsePercentPpm(
          'rate',
          input.rate,
          quoting === 'month' ? Math.floor(LOAN_LIMITS.ratePpmYearMax / 12) : LOAN_LIMITS.ratePpmYearMax,
        );
        if (!r.ok) out.push(...r.refusals);
        else quotedPpm = r.value;
      }
      throwIf(out);
      const row: RateRow = {
        programme: input.programme,
        from: input.from,
        quotedPpm,
        quoting,
        base,
        documentNo: input.documentNo ?? null,
        note: input.note ?? '',
      };
      const all = await q.listRates(tx, ctx.tenant);
      const checked = checkRateRow(row, all);
      if (!checked.ok) throw new RefusedError(checked.refusals);
      if (all.some((r) => r.programme === row.programme && r.from === row.from))
        refused('already_exists', 'from', row.from, { programme: row.programme });
      await q.insertRate(tx, ctx.tenant, row, nowIso(ctx), ctx.actor);
      return row;
    });
  }

  async programmes(ctx: Ctx): Promise<ProgrammeView[]> {
    const cat = await loadCatalogue(this.store.db, ctx.tenant);
    return [...cat.programmes.values()].map((p) => ({
      ...p,
      rates: cat.rates
        .filter((r) => r.programme === p.id)
        .map((r) => {
          const timeline = cat.timelines.get(p.id) ?? [];
          const rate = rateAt(timeline, r.from);
          return { ...r, annualPpm: rate === undefined ? null : rate12ToPpm(rate) };
        }),
      timeline: (cat.timelines.get(p.id) ?? []).map((t) => ({
        from: t.from,
        annualPpm: rate12ToPpm(t.rate12),
      })),
    }));
  }

  #defaultTerms(p: Programme, termMonths: number): ScheduleTerms {
    return {
      method: p.scheduleMethod,
      termMonths,
      principalEveryMonths: p.principalEveryMonths,
      interestEveryMonths: p.interestEveryMonths,
      gracePrincipalMonths: p.gracePrincipalMonths,
      graceInterestMonths: p.graceInterestMonths,
      custom: null,
    };
  }

  // --- application ---------------------------------------------------------------------------------

  /** Records an application (đơn vay): the contract terms, checked against the programme. */
  /** An application inside the caller's transaction (a savings group's meeting sheet). */
  async applyInTx(tx: Tx, ctx: Ctx, input: ApplyInput): Promise<LoanResult> {
    return this.apply(ctx, input, tx);
  }

  async apply(ctx: Ctx, input: ApplyInput, inTx?: Tx): Promise<LoanResult> {
    const out: Refusal[] = [];
    dateField('date', input.date, out);
    positiveDong('amount', input.amount, out);
    if (input.id !== undefined && !LOAN_ID.test(input.id))
      out.push({
        code: 'code_invalid',
        field: 'id',
        value: input.id,
        params: { pattern: 'A-Z a-z 0-9 . _ : / -' },
      });
    if (typeof input.household !== 'string' || !LOAN_ID.test(input.household))
      out.push({
        code: 'code_invalid',
        field: 'household',
        value: input.household,
        params: { pattern: 'A-Z a-z 0-9 . _ : / -' },
      });
    for (const f of ['organisation', 'group', 'village', 'agreementNo'] as const)
      textField(f, input[f], out, { max: 64 });
    textField('purpose', input.purpose, out);
    throwIf(out);
    // Inside a caller's transaction the caller names a borrower it read from the registry in
    // that transaction (a savings group's member's household); asking the registry here would
    // wait on the caller's own write lock.
    if (inTx === undefined && !(await this.#parties.householdExists(ctx, input.household)))
      refused('borrower_unknown', 'household', input.household);
    const body = { op: 'loan.apply', ...input, idempotencyKey: undefined };
    const run = async (tx: Tx): Promise<LoanResult> => {
      const [book] = await findBooks(tx, this.store.kind, ctx.tenant, [input.book], true);
      const replay = await this.#replay(tx, ctx, input.idempotencyKey, body);
      if (replay) return replay as LoanResult;
      if (!book) refused('book_unknown', 'book', input.book);
      const cat = await loadCatalogue(tx, ctx.tenant);
      const p = cat.programmes.get(input.programme);
      if (!p) refused('programme_unknown', 'programme', input.programme);
      if (book.template !== p.bookTemplate)
        out.push({
          code: 'book_template_mismatch',
          field: 'book',
          value: input.book,
          params: { template: p.bookTemplate },
        });
      const terms: ScheduleTerms = {
        method: (input.method ?? p.scheduleMethod) as ScheduleMethod,
        termMonths: input.termMonths ?? p.termMonthsMax,
        principalEveryMonths: input.principalEveryMonths ?? p.principalEveryMonths,
        interestEveryMonths: input.interestEveryMonths ?? p.interestEveryMonths,
        gracePrincipalMonths: input.gracePrincipalMonths ?? p.gracePrincipalMonths,
        graceInterestMonths: input.graceInterestMonths ?? p.graceInterestMonths,
        custom: input.custom ?? null,
      };
      if (!(SCHEDULE_METHODS as readonly string[]).includes(terms.method))
        out.push({
          code: 'value_not_allowed',
          field: 'method',
          value: terms.method,
          params: { allowed: SCHEDULE_METHODS.join(', ') },
        });
      else out.push(...checkScheduleTerms(terms));
      if (Number.isSafeInteger(terms.termMonths) && terms.termMonths > p.termMonthsMax)
        out.push({
          code: 'term_too_long',
          field: 'termMonths',
          value: terms.termMonths,
          params: { max: p.termMonthsMax },
        });
      if (terms.method === 'custom' && terms.custom) {
        const sum = terms.custom.reduce((s, c) => s + c.principal, 0);
        if (sum !== input.amount)
          out.push({
            code: 'custom_sum_mismatch',
            field: 'custom',
            value: sum,
            params: { expected: input.amount },
          });
        const last = terms.custom[terms.custom.length - 1];
        if (last && isBusinessDate(input.date) && last.due > addMonths(input.date, terms.termMonths + 12))
          out.push({
            code: 'custom_beyond_term',
            field: 'custom',
            value: last.due,
            params: { term: terms.termMonths },
          });
        terms.custom.forEach((c, i) => {
          if (!isBusinessDate(c.due) || c.due <= input.date)
            out.push({ code: 'date_invalid', field: `custom[${i}].due`, value: c.due });
        });
      }
      const source = input.source ?? null;
      if (p.requiresSource && source === null)
        out.push({
          code: 'source_required',
          field: 'source',
          value: null,
          params: { allowed: CAPITAL_SOURCES.join(', ') },
        });
      if (source !== null && !(CAPITAL_SOURCES as readonly string[]).includes(source))
        out.push({
          code: 'value_not_allowed',
          field: 'source',
          value: source,
          params: { allowed: CAPITAL_SOURCES.join(', ') },
        });
      if (p.capHouseholdDong !== null && input.amount > p.capHouseholdDong)
        out.push({
          code: 'household_cap_exceeded',
          field: 'amount',
          value: input.amount,
          params: { cap: p.capHouseholdDong, other: 0 },
        });
      throwIf(out);
      const id = input.id ?? (await this.#nextLoanId(tx, ctx.tenant));
      if ((await q.findLoans(tx, ctx.tenant, [id])).length > 0) refused('already_exists', 'id', id);
      const row: q.LoanRow = {
        id,
        programme: p.id,
        book: book.code,
        household: input.household,
        organisation: input.organisation ?? book.organisation,
        group: input.group ?? null,
        village: input.village ?? null,
        source,
        purpose: input.purpose ?? '',
        agreementNo: input.agreementNo ?? null,
        amountApplied: input.amount,
        terms,
        dayCount: p.dayCount,
        overdueMultiplierPpm: p.overdueMultiplierPpm,
        ratePolicy: p.ratePolicy,
        allocationOrder: p.allocationOrder,
        appliedOn: input.date,
      };
      const at = nowIso(ctx);
      await q.insertLoan(tx, ctx.tenant, row, at, ctx.actor);
      await q.insertEvent(tx, ctx.tenant, {
        loan: id,
        seq: 1,
        kind: 'apply',
        date: input.date,
        recordedAt: at,
        actor: ctx.actor,
        documentNo: null,
        approver: null,
        causeShockId: null,
        causeKind: null,
        causeText: null,
        lossDong: null,
        params: { amount: input.amount },
        result: { loan: id, event: 1, entries: [] },
        entries: [],
        idempotencyKey: input.idempotencyKey ?? null,
        requestHash: input.idempotencyKey ? requestHash(body) : null,
      });
      return { loan: id, event: 1, entries: [], replayed: false };
    };
    return inTx === undefined ? this.store.write(run) : run(inTx);
  }

  async #nextLoanId(tx: Tx, tenant: string): Promise<string> {
    for (let n = (await q.countLoans(tx, tenant)) + 1; ; n++) {
      const id = `L-${String(n).padStart(6, '0')}`;
      if ((await q.findLoans(tx, tenant, [id])).length === 0) return id;
    }
  }

  /** Answers a replayed request (same key, same body) with its first result; refuses another body. */
  async #replay(
    tx: Tx,
    ctx: Ctx,
    key: string | null | undefined,
    body: unknown,
  ): Promise<unknown | undefined> {
    if (key == null) return undefined;
    const earlier = await q.findEventByKey(tx, ctx.tenant, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash(body)) refused('idempotency_key_reused', 'idempotencyKey', key);
    return { ...earlier.result, replayed: true };
  }

  // --- lifecycle ---------------------------------------------------------------------------------------

  /** Approves (phê duyệt) up to the amount applied for; books the commitment. */
  async approve(ctx: Ctx, input: ApproveInput, inTx?: Tx): Promise<LoanResult> {
    const out: Refusal[] = [];
    textField('approver', input.approver, out, { required: true, max: 100, code: 'approver_required' });
    textField('documentNo', input.documentNo, out, { max: 40 });
    if (input.amount !== undefined) positiveDong('amount', input.amount, out);
    throwIf(out);
    return this.#operate(ctx, {
      kind: 'approve',
      tx: inTx,
      loan: input.loan,
      date: input.date,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.approve', ...input, idempotencyKey: undefined },
      plan: async (f, _before, tx) => {
        if (f.events.some((e) => e.kind === 'approve')) refused('loan_already_approved', 'loan', f.row.id);
        const amount = input.amount ?? f.row.amountApplied;
        if (amount > f.row.amountApplied)
          refused('amount_exceeds_applied', 'amount', amount, { applied: f.row.amountApplied });
        await this.#checkCaps(tx, ctx, f, amount, 'amount');
        return {
          fact: { kind: 'approve', date: input.date, amount },
          params: { amount },
          approver: input.approver,
          documentNo: input.documentNo ?? null,
          drafts: (b, a) =>
            this.#eventSync(
              f,
              input.date,
              b,
              a,
              'commitment',
              `Phê duyệt cho vay – khế ước ${f.row.agreementNo ?? f.row.id}`,
              input.documentNo ?? null,
            ),
          result: () => ({ amount }),
        };
      },
    });
  }

  /** Disburses a tranche (giải ngân): all tranches before the first principal due date. */
  async disburse(ctx: Ctx, input: DisburseInput, inTx?: Tx): Promise<LoanResult & { amount: number }> {
    const out: Refusal[] = [];
    positiveDong('amount', input.amount, out);
    textField('documentNo', input.documentNo, out, { max: 40 });
    throwIf(out);
    return this.#operate(ctx, {
      kind: 'disburse',
      tx: inTx,
      loan: input.loan,
      date: input.date,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.disburse', ...input, idempotencyKey: undefined },
      plan: async (f, before, tx) => {
        if (!f.events.some((e) => e.kind === 'approve')) refused('loan_not_approved', 'loan', f.row.id);
        const remaining = before.approved - before.disbursed;
        if (input.amount > remaining)
          refused('disbursement_exceeds_approved', 'amount', input.amount, {
            remaining,
            approved: before.approved,
          });
        if (before.firstDisbursed !== null) {
          const firstDue = before.instalments[0]?.due;
          if (firstDue !== undefined && input.date >= firstDue)
            refused('disbursement_past_term', 'date', input.date, { firstDue });
          const m = machineOf(f);
          if (m.modified) refused('tranche_after_modification', 'date', input.date);
        }
        const timeline = f.contract.programmeRates;
        if (rateAt(timeline, input.date) === undefined)
          refused('rate_missing', 'date', input.date, { programme: f.row.programme });
        await this.#checkCaps(tx, ctx, f, before.approved, 'amount');
        await this.#checkSourceCapital(tx, ctx, f, input.amount);
        const cash = cashAccountOf(f.programme, input.cashAccount);
        return {
          fact: { kind: 'disburse', date: input.date, amount: input.amount },
          params: { amount: input.amount, cashAccount: cash },
          documentNo: input.documentNo ?? null,
          drafts: () => [
            disbursementDraft(
              chartKeyOf(f.programme),
              f.row.book,
              f.row.id,
              input.date,
              input.amount,
              cash,
              input.amount,
              `Giải ngân ${f.programme.nameVi} – khế ước ${f.row.agreementNo ?? f.row.id} – hộ ${f.row.household}`,
              input.documentNo ?? null,
            ),
          ],
          result: () => ({ amount: input.amount }),
        };
      },
    });
  }

  /** A repayment inside the caller's transaction (one collection sheet: all its lines or none). */
  async repayInTx(tx: Tx, ctx: Ctx, input: RepayInput): Promise<RepaymentResult> {
    return this.repay(ctx, input, tx);
  }

  /** Takes a repayment, split in the programme's order; returns the split. */
  async repay(ctx: Ctx, input: RepayInput, inTx?: Tx): Promise<RepaymentResult> {
    const out: Refusal[] = [];
    positiveDong('amount', input.amount, out);
    textField('documentNo', input.documentNo, out, { max: 40 });
    throwIf(out);
    return this.#operate(ctx, {
      kind: 'repay',
      tx: inTx,
      loan: input.loan,
      date: input.date,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.repay', ...input, idempotencyKey: undefined },
      plan: async (f, before) => {
        if (before.firstDisbursed === null) refused('loan_not_disbursed', 'loan', f.row.id);
        const max = totalOf(before.dues);
        if (input.amount > max) refused('repayment_exceeds_outstanding', 'amount', input.amount, { max });
        if (input.paidAtBank && f.programme.accounting !== 'entrusted')
          refused('paid_at_bank_not_entrusted', 'paidAtBank', true);
        const cash = cashAccountOf(f.programme, input.cashAccount);
        const allocation =
          input.split === undefined
            ? allocate(before.dues, f.contract.allocationOrder, input.amount)
            : splitOrRefuse(before.dues, input.amount, input.split);
        const byClass = principalByClass(before, allocation.principal);
        return {
          fact: {
            kind: 'repay',
            date: input.date,
            principal: allocation.principal,
            interest: allocation.interest,
            overdueInterest: allocation.overdueInterest,
          },
          params: { amount: input.amount, cashAccount: cash, paidAtBank: input.paidAtBank ?? false },
          documentNo: input.documentNo ?? null,
          drafts: () => [
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
          ],
          result: (_b, a) => ({
            amount: input.amount,
            allocation,
            principalByClass: byClass,
            outstandingAfter: a.outstanding,
          }),
        };
      },
    });
  }

  /** Extends one instalment (gia hạn nợ): its unpaid principal falls due `months` later. */
  async extend(ctx: Ctx, input: ExtendInput): Promise<LoanResult & { due: string; newDue: string }> {
    await this.#checkRisk(ctx, input);
    return this.#operate(ctx, {
      kind: 'extend',
      loan: input.loan,
      date: input.date,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.extend', ...input, idempotencyKey: undefined },
      plan: async (f, before) => {
        const out: Refusal[] = [];
        monthsField('months', input.months, 1, f.programme.extensionMonthsMax, out);
        throwIf(out);
        if (before.outstanding <= 0) refused('nothing_outstanding', 'loan', f.row.id);
        if (before.frozenUntil !== null)
          refused('loan_frozen', 'loan', f.row.id, { until: before.frozenUntil });
        const unpaid = before.instalments.filter((i) => i.unpaid > 0);
        const target = input.instalment === undefined ? unpaid[0] : before.instalments[input.instalment - 1];
        if (!target)
          refused('instalment_unknown', 'instalment', input.instalment ?? null, {
            count: before.instalments.length,
          });
        if (target.unpaid === 0) refused('instalment_paid', 'instalment', input.instalment ?? target.no);
        const newDue = addMonths(target.due, input.months);
        return {
          fact: { kind: 'extend', date: input.date, due: target.due, months: input.months },
          params: { due: target.due, months: input.months, newDue, amount: target.unpaid },
          risk: input,
          drafts: (b, a) =>
            this.#eventSync(
              f,
              input.date,
              b,
              a,
              'extension',
              `Gia hạn nợ kỳ ${target.due} đến ${newDue} – khế ước ${f.row.agreementNo ?? f.row.id}`,
              input.documentNo,
            ),
          result: () => ({ due: target.due, newDue }),
        };
      },
    });
  }

  /** Reschedules the unpaid principal due after `date` (điều chỉnh kỳ hạn nợ), within the term. */
  async adjust(ctx: Ctx, input: AdjustInput): Promise<LoanResult> {
    const out: Refusal[] = [];
    textField('approver', input.approver, out, { required: true, max: 100, code: 'approver_required' });
    textField('documentNo', input.documentNo, out, { required: true, max: 40, code: 'document_required' });
    if (
      !Array.isArray(input.instalments) ||
      input.instalments.length === 0 ||
      input.instalments.length > LOAN_LIMITS.instalmentsMax
    )
      out.push({
        code: 'custom_schedule_invalid',
        field: 'instalments',
        value: input.instalments?.length ?? 0,
        params: { max: LOAN_LIMITS.instalmentsMax },
      });
    else
      input.instalments.forEach((c, i) => {
        dateField(`instalments[${i}].due`, c.due, out);
        positiveDong(`instalments[${i}].principal`, c.principal, out);
        if (i > 0 && c.due <= input.instalments[i - 1]!.due)
          out.push({ code: 'custom_dates_not_ascending', field: `instalments[${i}].due`, value: c.due });
      });
    throwIf(out);
    return this.#operate(ctx, {
      kind: 'adjust',
      loan: input.loan,
      date: input.date,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.adjust', ...input, idempotencyKey: undefined },
      plan: async (f, before) => {
        if (before.frozenUntil !== null)
          refused('loan_frozen', 'loan', f.row.id, { until: before.frozenUntil });
        const replaced = before.instalments
          .filter((i) => i.due > input.date)
          .reduce((s, i) => s + i.unpaid, 0);
        const sum = input.instalments.reduce((s, i) => s + i.principal, 0);
        if (replaced === 0) refused('nothing_outstanding', 'loan', f.row.id);
        if (sum !== replaced) refused('adjustment_sum_mismatch', 'instalments', sum, { expected: replaced });
        const maturity = before.maturity!;
        input.instalments.forEach((c, i) => {
          if (c.due <= input.date || c.due > maturity)
            out.push({
              code: 'adjustment_date_invalid',
              field: `instalments[${i}].due`,
              value: c.due,
              params: { from: input.date, maturity },
            });
        });
        throwIf(out);
        return {
          fact: { kind: 'adjust', date: input.date, instalments: input.instalments },
          params: { instalments: input.instalments },
          approver: input.approver,
          documentNo: input.documentNo,
          drafts: (b, a) =>
            this.#eventSync(
              f,
              input.date,
              b,
              a,
              'adjustment',
              `Điều chỉnh kỳ hạn nợ – khế ước ${f.row.agreementNo ?? f.row.id}`,
              input.documentNo,
            ),
          result: () => ({}),
        };
      },
    });
  }

  /** Freezes the debt (khoanh nợ) for `months`: no interest accrues, nothing falls due. Renewable. */
  async freeze(ctx: Ctx, input: FreezeInput): Promise<LoanResult & { from: string; until: string }> {
    await this.#checkRisk(ctx, input);
    let date = input.date;
    if (input.renew) {
      // A renewal starts the day the last freeze ends (that day itself is no longer frozen).
      const { file } = await this.#file(ctx, input.loan);
      const last = file.events.filter((e) => e.kind === 'freeze').at(-1);
      const until = typeof last?.params['until'] === 'string' ? last.params['until'] : null;
      if (until === null) refused('loan_not_frozen', 'loan', input.loan);
      if (input.date !== undefined && input.date !== until)
        refused('renewal_not_contiguous', 'date', input.date, { until });
      date = until;
    }
    const from = date ?? '';
    return this.#operate(ctx, {
      kind: 'freeze',
      loan: input.loan,
      date: from,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.freeze', ...input, date: from, idempotencyKey: undefined },
      plan: async (f, before) => {
        const out: Refusal[] = [];
        monthsField('months', input.months, 1, f.programme.freezeMonthsMax, out);
        throwIf(out);
        if (before.outstanding <= 0) refused('nothing_outstanding', 'loan', f.row.id);
        if (before.frozenUntil !== null)
          refused('loan_already_frozen', 'date', from, { until: before.frozenUntil });
        const until = addMonths(from, input.months);
        return {
          fact: { kind: 'freeze', date: from, months: input.months },
          params: { months: input.months, until, renewal: input.renew ?? false, amount: before.outstanding },
          risk: input,
          drafts: (b, a) =>
            this.#eventSync(
              f,
              from,
              b,
              a,
              'freeze',
              `Khoanh nợ đến ${until} – khế ước ${f.row.agreementNo ?? f.row.id}`,
              input.documentNo,
            ),
          result: () => ({ from, until }),
        };
      },
    });
  }

  /** Writes off (xóa nợ) principal, and by default all unpaid interest. */
  async writeOff(
    ctx: Ctx,
    input: WriteOffInput,
  ): Promise<LoanResult & { principal: number; interest: number; overdueInterest: number }> {
    await this.#checkRisk(ctx, input);
    const out: Refusal[] = [];
    if (input.principal !== undefined) nonNegativeDong('principal', input.principal, out);
    throwIf(out);
    return this.#operate(ctx, {
      kind: 'write_off',
      loan: input.loan,
      date: input.date,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.write_off', ...input, idempotencyKey: undefined },
      plan: async (f, before) => {
        const principal = input.principal ?? before.outstanding;
        if (principal > before.outstanding)
          refused('write_off_exceeds_outstanding', 'principal', principal, { max: before.outstanding });
        const withInterest = input.interest ?? true;
        const interest = withInterest ? before.dues.interest_due + before.dues.accrued_interest : 0;
        const overdueInterest = withInterest ? before.dues.overdue_interest : 0;
        if (principal + interest + overdueInterest === 0) refused('nothing_outstanding', 'loan', f.row.id);
        const byClass = principalByClass(before, principal);
        return {
          fact: { kind: 'write_off', date: input.date, principal, interest, overdueInterest },
          params: { principal, interest, overdueInterest },
          risk: input,
          drafts: () => [
            settlementDraft({
              mode: chartKeyOf(f.programme),
              book: f.row.book,
              loan: f.row.id,
              date: input.date,
              kind: 'write_off',
              memo: `Xóa nợ – khế ước ${f.row.agreementNo ?? f.row.id} – hộ ${f.row.household}`,
              documentNo: input.documentNo,
              principal: byClass,
              interest,
              overdueInterest,
              cashAccount: '111',
              paidAtBank: false,
            }),
          ],
          result: () => ({ principal, interest, overdueInterest }),
        };
      },
    });
  }

  /** Closes (tất toán) a settled loan; cancels any commitment never disbursed. */
  async close(ctx: Ctx, input: CloseInput): Promise<LoanResult> {
    const out: Refusal[] = [];
    textField('documentNo', input.documentNo, out, { max: 40 });
    throwIf(out);
    return this.#operate(ctx, {
      kind: 'close',
      loan: input.loan,
      date: input.date,
      key: input.idempotencyKey ?? null,
      body: { op: 'loan.close', ...input, idempotencyKey: undefined },
      plan: async (f, before) => {
        const interest = totalOf(before.dues) - before.outstanding;
        if (before.outstanding > 0 || interest > 0)
          refused('loan_not_settled', 'loan', f.row.id, { principal: before.outstanding, interest });
        return {
          fact: { kind: 'close', date: input.date },
          params: {},
          documentNo: input.documentNo ?? null,
          drafts: (b, a) =>
            this.#eventSync(
              f,
              input.date,
              b,
              a,
              'commitment',
              `Tất toán, hủy cam kết chưa giải ngân – khế ước ${f.row.agreementNo ?? f.row.id}`,
              input.documentNo ?? null,
            ),
          result: () => ({}),
        };
      },
    });
  }

  /**
   * Hands the cash collected for the bank over at the transaction point (nộp tiền thu hộ):
   * every loan's interest (3381) and principal (3383) collected by `date`, against cash.
   */
  async handOver(
    ctx: Ctx,
    input: { book: string; date: string; documentNo?: string | null; idempotencyKey?: string | null },
  ): Promise<{ entries: string[]; total: number; loans: number; replayed: boolean }> {
    const out: Refusal[] = [];
    dateField('date', input.date, out);
    textField('documentNo', input.documentNo, out, { max: 40 });
    throwIf(out);
    return this.store.write(async (tx) => {
      const [book] = await findBooks(tx, this.store.kind, ctx.tenant, [input.book], true);
      if (!book) refused('book_unknown', 'book', input.book);
      if (book.template !== 'vbsp-entrusted') refused('book_not_entrusted', 'book', input.book);
      const chart = LOAN_CHARTS.entrusted;
      const lines: Array<{ account: string; party: string; amount: number }> = [];
      for (const account of [chart.collectedInterest!, chart.collectedPrincipal!]) {
        // Liabilities: the balance owed to the bank is credit minus debit.
        for (const b of await readPartyTotals(tx, ctx.tenant, input.book, account, input.date))
          if (b.credit - b.debit > 0) lines.push({ account, party: b.party, amount: b.credit - b.debit });
      }
      if (lines.length === 0) refused('nothing_to_hand_over', 'book', input.book, { date: input.date });
      const drafts: EntryDraft[] = [];
      const perEntry = 998;
      let total = 0;
      for (let i = 0; i < lines.length; i += perEntry) {
        const part = lines.slice(i, i + perEntry);
        const sum = part.reduce((s, l) => s + l.amount, 0);
        total += sum;
        drafts.push({
          book: input.book,
          date: input.date,
          kind: 'handover',
          memo: 'Nộp tiền lãi, gốc thu hộ cho NHCSXH tại điểm giao dịch xã',
          documentNo: input.documentNo ?? null,
          postings: [
            ...part.map((l) => ({ account: l.account, party: l.party, amount: l.amount })),
            { account: chart.cash, amount: -sum },
          ],
        });
      }
      const posted = await postInTx(tx, this.ledger.env, ctx, drafts, {
        idempotencyKey: input.idempotencyKey,
        requestBody: {
          op: 'loans.handover',
          book: input.book,
          date: input.date,
          documentNo: input.documentNo ?? null,
        },
      });
      return {
        entries: posted.entries.map((e) => `${e.book}#${e.seq}`),
        total,
        loans: new Set(lines.map((l) => l.party)).size,
        replayed: posted.replayed,
      };
    });
  }

  // --- the common write path ------------------------------------------------------------------------------

  /** The event's own entry: the books moved from `before`'s figures to `after`'s, as one entry. */
  #eventSync(
    f: LoanFile,
    date: string,
    before: LoanPosition,
    after: LoanPosition,
    kind: 'commitment' | 'extension' | 'adjustment' | 'freeze',
    memo: string,
    documentNo: string | null,
  ): EntryDraft[] {
    return syncDrafts(
      chartKeyOf(f.programme),
      f.row.book,
      f.row.id,
      date,
      targetFigures(before),
      targetFigures(after),
      memo,
      kind,
      documentNo,
    );
  }

  async #checkRisk(ctx: Ctx, r: RiskInput & { loan: string }): Promise<void> {
    const out: Refusal[] = [];
    textField('approver', r.approver, out, { required: true, max: 100, code: 'approver_required' });
    textField('documentNo', r.documentNo, out, { required: true, max: 40, code: 'document_required' });
    textField('cause', r.cause, out);
    if (r.lossDong === undefined || r.lossDong === null)
      out.push({ code: 'loss_required', field: 'lossDong', value: null });
    else nonNegativeDong('lossDong', r.lossDong, out);
    if (r.causeKind != null && !(CAUSE_KINDS as readonly string[]).includes(r.causeKind))
      out.push({
        code: 'value_not_allowed',
        field: 'causeKind',
        value: r.causeKind,
        params: { allowed: CAUSE_KINDS.join(', ') },
      });
    const hasShock = typeof r.shockId === 'string' && r.shockId !== '';
    const hasCause = typeof r.cause === 'string' && r.cause.trim() !== '';
    if (!hasShock && !hasCause) out.push({ code: 'risk_cause_required', field: 'cause', value: null });
    if (hasShock && !LOAN_ID.test(r.shockId!))
      out.push({
        code: 'code_invalid',
        field: 'shockId',
        value: r.shockId,
        params: { pattern: 'A-Z a-z 0-9 . _ : / -' },
      });
    throwIf(out);
    if (hasShock) {
      const [loan] = await q.findLoans(this.store.db, ctx.tenant, [r.loan]);
      if (!(await this.#parties.shockExists(ctx, r.shockId!, loan?.household)))
        refused('shock_not_borrowers', 'shockId', r.shockId);
    }
  }

  /** Per household and per project (joint group plan): outstanding plus commitments within the caps. */
  async #checkCaps(tx: Tx, ctx: Ctx, f: LoanFile, thisLoanTotal: number, field: string): Promise<void> {
    const chart = LOAN_CHARTS[chartKeyOf(f.programme)];
    const accounts = [...PRINCIPAL_CLASSES.map((c) => chart.principal[c]), chart.commitment];
    const cap = f.programme.capHouseholdDong;
    if (cap !== null) {
      const others = (
        await q.loanIdsWhere(tx, ctx.tenant, { household: f.row.household, programme: f.row.programme })
      ).filter((id) => id !== f.row.id);
      const other = await q.partyNets(tx, ctx.tenant, f.row.book, accounts, others);
      if (other + thisLoanTotal > cap)
        refused('household_cap_exceeded', field, thisLoanTotal, { cap, other });
    }
    const project = f.programme.capProjectDong;
    if (project !== null && f.row.group !== null) {
      const others = (
        await q.loanIdsWhere(tx, ctx.tenant, { group: f.row.group, programme: f.row.programme })
      ).filter((id) => id !== f.row.id);
      const other = await q.partyNets(tx, ctx.tenant, f.row.book, accounts, others);
      if (other + thisLoanTotal > project)
        refused('project_cap_exceeded', field, thisLoanTotal, { cap: project, other });
    }
  }

  /** Farmers Support Fund: loans of a capital source never exceed that source's capital. */
  async #checkSourceCapital(tx: Tx, ctx: Ctx, f: LoanFile, amount: number): Promise<void> {
    if (f.programme.accounting !== 'own' || f.row.source === null) return;
    const capitalAccount = { central: '4111', province: '4112', district: '4113', commune: '4114' }[
      f.row.source
    ];
    if (capitalAccount === undefined) return;
    const chart = LOAN_CHARTS.own;
    // Capital accounts are credit-normal: the source's capital is credit minus debit.
    const t = await readTotals(tx, ctx.tenant, f.row.book, capitalAccount, '');
    const capital = t.credit - t.debit;
    const ids = await q.loanIdsOfSource(tx, ctx.tenant, f.row.book, f.row.source);
    const lent = await q.partyNets(
      tx,
      ctx.tenant,
      f.row.book,
      PRINCIPAL_CLASSES.map((c) => chart.principal[c]),
      ids,
    );
    if (lent + amount > capital)
      refused('source_capital_exceeded', 'amount', amount, { source: f.row.source, capital, lent });
  }

  async #operate<R extends object>(ctx: Ctx, spec: OpSpec<R>): Promise<LoanResult & R> {
    const out: Refusal[] = [];
    dateField('date', spec.date, out);
    if (typeof spec.loan !== 'string' || !LOAN_ID.test(spec.loan))
      out.push({ code: 'loan_unknown', field: 'loan', value: spec.loan });
    throwIf(out);
    // `spec.tx`: inside a caller's transaction (a VBSP collection sheet: all its repayments or none).
    const run = async (tx: Tx): Promise<LoanResult & R> => {
      const [row] = await q.findLoans(tx, ctx.tenant, [spec.loan]);
      if (!row) refused('loan_unknown', 'loan', spec.loan);
      const [book] = await findBooks(tx, this.store.kind, ctx.tenant, [row.book], true);
      assert(book !== undefined, `book ${row.book} of loan ${row.id}`);
      const replay = await this.#replay(tx, ctx, spec.key, spec.body);
      if (replay) return replay as LoanResult & R;
      const cat = await loadCatalogue(tx, ctx.tenant);
      const [file] = await loadFiles(tx, ctx.tenant, [row], cat);
      const f = file!;
      if (f.events.length >= LOAN_LIMITS.eventsPerLoanMax)
        refused('too_many', 'loan', f.row.id, { max: LOAN_LIMITS.eventsPerLoanMax });
      const closed = f.events.find((e) => e.kind === 'close');
      if (closed) refused('loan_closed', 'loan', f.row.id, { closedOn: closed.date });
      const last = f.events[f.events.length - 1]!;
      if (spec.date < last.date) refused('loan_event_back_dated', 'date', spec.date, { last: last.date });
      if (book.lockedThrough !== null && spec.date <= book.lockedThrough)
        refused('period_closed', 'date', spec.date, { book: book.code, lockedThrough: book.lockedThrough });

      const machine = machineOf(f);
      const before = machine.positionAt(spec.date);
      const plan = await spec.plan(f, before, tx);
      const catchUp = catchUpDrafts(f, before, spec.date);
      let after = before;
      if (plan.fact) {
        machine.apply(plan.fact);
        after = machine.positionAt(spec.date);
      }
      const own = plan.drafts(before, after);
      // The books after this event must hold exactly the replay's figures: a bug here would
      // otherwise leave the journal and the loan's state apart.
      const bookedAfter = bookedAt(f, spec.date, [...catchUp, ...own]);
      assert(
        figuresEqual(bookedAfter, targetFigures(after)),
        `loan ${f.row.id}: books ${JSON.stringify(bookedAfter)} ≠ replay ${JSON.stringify(targetFigures(after))}`,
      );
      const facts = plan.fact ? [...f.facts, plan.fact] : f.facts;
      const at = nowIso(ctx);
      const later = await q.syncDates(tx, ctx.tenant, spec.date);
      const resync = planSync(f, facts, later, [...catchUp, ...own], at);
      const drafts = [...catchUp, ...own, ...resync.drafts];
      let refs: readonly PostedRef[] = [];
      if (drafts.length > 0) {
        const posted = await postInTx(tx, this.ledger.env, ctx, drafts, {
          idempotencyKey: spec.key,
          requestBody: spec.body,
        });
        refs = posted.entries;
      }
      const seq = last.seq + 1;
      const core = {
        loan: f.row.id,
        event: seq,
        entries: refs.map((r) => `${r.book}#${r.seq}`),
        replayed: false,
      };
      const result = { ...core, ...plan.result(before, after) } as LoanResult & R;
      const risk = plan.risk;
      await q.insertEvent(tx, ctx.tenant, {
        loan: f.row.id,
        seq,
        kind: spec.kind,
        date: spec.date,
        recordedAt: at,
        actor: ctx.actor,
        documentNo: risk?.documentNo ?? plan.documentNo ?? null,
        approver: risk?.approver ?? plan.approver ?? null,
        causeShockId: risk?.shockId ?? null,
        causeKind: risk?.causeKind ?? null,
        causeText: risk?.cause ?? null,
        lossDong: risk?.lossDong ?? null,
        params: plan.params,
        result: result as unknown as Record<string, unknown>,
        entries: refs.map((r) => r.seq),
        idempotencyKey: spec.key,
        requestHash: spec.key === null ? null : requestHash(spec.body),
      });
      for (const s of resync.snapshots) {
        if (s.row === null) await q.deleteSnapshot(tx, ctx.tenant, s.asOf, f.row.id);
        else await q.upsertSnapshots(tx, ctx.tenant, [s.row]);
      }
      return result;
    };
    return spec.tx ? run(spec.tx) : this.store.write(run);
  }

  // --- reads ----------------------------------------------------------------------------------------

  async #file(
    ctx: Ctx,
    id: string,
    db: Tx = this.store.db,
  ): Promise<{ file: LoanFile; catalogue: Catalogue }> {
    const [row] = await q.findLoans(db, ctx.tenant, [id]);
    if (!row) refused('loan_unknown', 'loan', id);
    const catalogue = await loadCatalogue(db, ctx.tenant);
    const [file] = await loadFiles(db, ctx.tenant, [row], catalogue);
    return { file: file!, catalogue };
  }

  /**
   * Adds a programme (with its one dated rate) inside the caller's transaction unless it exists:
   * a savings group's cycle programme, made at its first loan. Answers whether it was added.
   */
  async ensureProgrammeInTx(
    tx: Tx,
    ctx: Ctx,
    p: Programme,
    rate: { from: string; quotedPpm: number; note: string },
  ): Promise<boolean> {
    if ((await q.listProgrammes(tx, ctx.tenant)).some((x) => x.id === p.id)) return false;
    const at = nowIso(ctx);
    await q.insertProgramme(tx, ctx.tenant, p, at, ctx.actor);
    await q.insertRate(
      tx,
      ctx.tenant,
      {
        programme: p.id,
        from: rate.from,
        quotedPpm: rate.quotedPpm,
        quoting: p.quoting,
        base: null,
        documentNo: null,
        note: rate.note,
      },
      at,
      ctx.actor,
    );
    return true;
  }

  /**
   * Loans' positions at the start of `date` (what a payment that day is taken against), read in
   * the caller's transaction; ids that are not loans are left out.
   */
  async positionsInTx(
    tx: Tx,
    ctx: Ctx,
    ids: readonly string[],
    date: string,
  ): Promise<Map<string, LoanPosition>> {
    const out = new Map<string, LoanPosition>();
    if (ids.length === 0) return out;
    const rows = await q.findLoans(tx, ctx.tenant, ids);
    if (rows.length === 0) return out;
    const cat = await loadCatalogue(tx, ctx.tenant);
    for (const f of await loadFiles(tx, ctx.tenant, rows, cat))
      out.set(f.row.id, machineOf({ ...f, facts: f.facts.filter((x) => x.date <= date) }).positionAt(date));
    return out;
  }

  /** The loan at the end of `asOf` (default today), replayed from its contract and the journal. */
  async state(ctx: Ctx, id: string, asOf?: string): Promise<LoanPosition> {
    const day = asOf ?? today(ctx);
    const out: Refusal[] = [];
    dateField('asOf', day, out);
    throwIf(out);
    const { file } = await this.#file(ctx, id);
    const m = machineOf({ ...file, facts: file.facts.filter((f) => f.date <= day) });
    return m.viewAt(day);
  }

  /**
   * The contract, programme, events, position and what the books hold, as of the end of `asOf`
   * (or, with `at: 'start'`, its start after that day's events: where each event leaves the books).
   */
  async show(ctx: Ctx, id: string, asOf?: string, opts: { at?: 'start' | 'end' } = {}): Promise<LoanView> {
    const day = asOf ?? today(ctx);
    const { file } = await this.#file(ctx, id);
    const m = machineOf({ ...file, facts: file.facts.filter((f) => f.date <= day) });
    const position = opts.at === 'start' ? m.positionAt(day) : m.viewAt(day);
    const booked = bookedFigures(LOAN_CHARTS[chartKeyOf(file.programme)], netByAccount(file.lines, day));
    return {
      loan: file.row,
      programme: file.programme,
      events: file.events,
      position,
      booked,
      booksInStep: figuresEqual(booked, targetFigures(position)),
    };
  }

  /**
   * The schedule: the on-time projection from the actual tranches (or, before disbursement, of
   * the approved or applied amount lent on `from`), and the instalments' state today.
   */
  async schedule(ctx: Ctx, id: string, opts: { from?: string; asOf?: string } = {}): Promise<ScheduleView> {
    const { file } = await this.#file(ctx, id);
    const tranches = file.facts.flatMap((f) =>
      f.kind === 'disburse' ? [{ date: f.date, amount: f.amount }] : [],
    );
    const approved = file.facts.find((f) => f.kind === 'approve');
    const hypothetical = tranches.length === 0;
    const plan = hypothetical
      ? [
          {
            date: opts.from ?? today(ctx),
            amount: approved?.kind === 'approve' ? approved.amount : file.row.amountApplied,
          },
        ]
      : tranches;
    const projection = projectSchedule(file.contract, plan);
    const rate = rateAt(file.contract.programmeRates, plan[0]!.date);
    const day = opts.asOf ?? today(ctx);
    return {
      loan: file.row.id,
      amount: plan.reduce((s, t) => s + t.amount, 0),
      firstDisbursement: plan[0]!.date,
      annualRatePpm: rate === undefined ? null : rate12ToPpm(rate),
      projection: projection.rows,
      totalInterest: projection.totalInterest,
      totalPrincipal: projection.totalPrincipal,
      position: hypothetical
        ? null
        : machineOf({ ...file, facts: file.facts.filter((f) => f.date <= day) }).viewAt(day),
    };
  }

  /** The loan's history (sao kê): disbursements, interest due, payments and their split, treatments. */
  async statement(ctx: Ctx, id: string, opts: { from?: string; to?: string } = {}): Promise<StatementView> {
    const { file } = await this.#file(ctx, id);
    const to = opts.to ?? today(ctx);
    const m = machineOf({ ...file, facts: file.facts.filter((f) => f.date <= to) }, { history: true });
    m.advanceTo(to);
    const inRange = (d: string) => (opts.from === undefined || d >= opts.from) && d <= to;
    const bySeq = new Map<
      number,
      { seq: number; date: string; kind: string; lines: Array<{ account: string; amount: number }> }
    >();
    for (const l of file.lines) {
      if (!inRange(l.date)) continue;
      let e = bySeq.get(l.seq);
      if (!e) {
        e = { seq: l.seq, date: l.date, kind: l.kind, lines: [] };
        bySeq.set(l.seq, e);
      }
      e.lines.push({ account: l.account, amount: l.amount });
    }
    return {
      loan: file.row.id,
      history: m.history.filter((h) => inRange(h.date)),
      events: file.events.filter((e) => inRange(e.date)),
      entries: [...bySeq.values()],
    };
  }

  // --- month-end and reports ---------------------------------------------------------------------

  /** Brings every loan's accrual and classification to the end of `asOf`; resumable, idempotent. */
  async monthEnd(ctx: Ctx, opts: MonthEndOptions): Promise<MonthEndResult> {
    return runMonthEnd(this.store, this.ledger.env, ctx, opts);
  }

  async jobs(ctx: Ctx, limit = 50): Promise<q.JobRow[]> {
    return q.listJobs(this.store.db, ctx.tenant, limit);
  }

  async portfolio(ctx: Ctx, input: { asOf: string; by: PortfolioBy }): Promise<Portfolio> {
    return portfolio(this.store, ctx, input);
  }

  async overdue(ctx: Ctx, input: { asOf: string; limit?: number }): Promise<ListReport> {
    return overdueList(this.store, ctx, input);
  }

  async idle(
    ctx: Ctx,
    input: { asOf: string; months?: number; limit?: number },
  ): Promise<ListReport & { since: string }> {
    return idleList(this.store, ctx, input);
  }

  async frozen(ctx: Ctx, input: { asOf: string; limit?: number }): Promise<ListReport> {
    return frozenList(this.store, ctx, input);
  }

  /**
   * The classification of `asOf` (the yearly one on 31 December): runs the month-end job for the
   * date first unless a finished run covers it, so the snapshot is kept.
   */
  async classify(ctx: Ctx, asOf: string, opts: Omit<MonthEndOptions, 'asOf'> = {}): Promise<Classification> {
    const runs = await q.findJobs(this.store.db, ctx.tenant, asOf);
    if (!runs.some((r) => r.status === 'done')) await this.monthEnd(ctx, { ...opts, asOf });
    return classification(this.store, ctx, asOf);
  }
}

/** The cash (or bank) account a disbursement or repayment moves: the chart's cash box or 112. */
function cashAccountOf(p: Programme, asked: string | undefined): string {
  const cash = LOAN_CHARTS[chartKeyOf(p)].cash;
  const v = asked ?? cash;
  if (v !== cash && v !== '112') refused('value_not_allowed', 'cashAccount', v, { allowed: `${cash}, 112` });
  return v;
}

/** A stated split of a payment, checked against what each part owes. */
function splitOrRefuse(
  dues: Dues,
  amount: number,
  split: { principal: number; interest: number },
): Allocation {
  if (split.principal + split.interest !== amount)
    refused('split_mismatch', 'split', split.principal + split.interest, {
      amount,
      sum: split.principal + split.interest,
    });
  const r = allocateSplit(dues, split.principal, split.interest);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}
