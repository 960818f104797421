/**
 * The at-risk service (docs/design/risk.md): the watch list as of a date, why a household is on
 * it, the trend by month, the dated settings of the rules, and the steps taken from a shock to
 * help. Reads the registry's and the loans' figures (loans replayed to the day), savings and aid
 * through providers; stores only settings and steps.
 */
import { addDays, addMonths, type BusinessDate, endOfMonth, parseBusinessDate } from '../../domain/dates.ts';
import { LoanMachine, type LoanPosition } from '../../domain/loans/state.ts';
import { parseDong } from '../../domain/money.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import type { PolicyCategory, PovertyStatus, ShockKind } from '../../domain/registry/kinds.ts';
import {
  type Assessment,
  assess,
  type EntryRef,
  type HouseholdFacts,
  type LoanFact,
  REASON_CODES,
  type ReasonCode,
} from '../../domain/risk/rules.ts';
import {
  RISK_SETTINGS,
  type SettingInForce,
  type SettingRow,
  type Settings,
  setting,
  settingDef,
  settingsAsOf,
} from '../../domain/risk/settings.ts';
import {
  episodeStart,
  offeredSteps,
  STEP_KINDS,
  type StepFact,
  type StepKind,
  stepStatus,
} from '../../domain/risk/steps.ts';
import { findLoans } from '../../store/loans-store.ts';
import type { Store } from '../../store/open-store.ts';
import * as q from '../../store/risk-store.ts';
import type { AuditCtx, AuditLog } from '../audit/audit-log.ts';
import { type Ctx, nowIso, today } from '../context.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { inPortfolio, type LoanFile, loadCatalogue, loadFiles, machineOf } from '../loans/loan-file.ts';
import type { Loans } from '../loans/loans.ts';
import type { RiskProviders } from './providers.ts';

export type { RiskProviders } from './providers.ts';

/** A step as the views show it. */
export interface StepView {
  readonly id: string;
  readonly kind: StepKind;
  readonly householdId: string;
  readonly shockId: string | null;
  readonly loanId: string | null;
  readonly loanEventSeq: number | null;
  readonly book: string | null;
  readonly amountDong: number | null;
  readonly entry: EntryRef | null;
  readonly note: string;
  readonly effectiveOn: BusinessDate;
  readonly recordedAt: string;
  readonly actor: string;
}

export interface WatchRow extends Assessment {
  readonly villageId: string;
  readonly villageName: string;
  readonly headName: string | null;
  readonly offered: readonly StepKind[];
  readonly done: readonly StepView[];
  readonly open: readonly StepKind[];
}

export interface WatchList {
  readonly asOf: BusinessDate;
  readonly scoreMin: number;
  readonly providers: { readonly savings: boolean; readonly aid: boolean };
  readonly households: number;
  readonly rows: readonly WatchRow[];
  readonly byVillage: ReadonlyArray<{ villageId: string; villageName: string; listed: number; open: number }>;
  readonly byReason: ReadonlyArray<{ code: ReasonCode; listed: number }>;
}

export interface LoanLine extends LoanFact {
  readonly status: string;
}

export interface WhyView {
  readonly household: q.HouseholdRow;
  readonly asOf: BusinessDate;
  readonly assessment: Assessment;
  readonly settings: readonly SettingInForce[];
  readonly facts: HouseholdFacts;
  readonly loans: readonly LoanLine[];
  readonly providers: { readonly savings: boolean; readonly aid: boolean };
  readonly offered: readonly StepKind[];
  readonly done: readonly StepView[];
  readonly open: readonly StepKind[];
  readonly steps: readonly StepView[];
}

export interface TrendPoint {
  readonly date: BusinessDate;
  readonly listed: number;
  readonly byReason: Readonly<Partial<Record<ReasonCode, number>>>;
}

export interface SettingsView {
  readonly asOf: BusinessDate;
  readonly inForce: readonly (SettingInForce & {
    defaultValue: number;
    min: number;
    max: number;
    unit: string;
  })[];
  readonly history: readonly SettingRow[];
}

export interface StepInput {
  readonly household: string;
  readonly kind: unknown;
  /** The day the step was taken (default today). */
  readonly date?: unknown;
  readonly note?: unknown;
  readonly shockId?: string | null | undefined;
  /** Emergency aid: the fund's book, the amount decided, and the aid payment's entry once paid. */
  readonly book?: string | null | undefined;
  readonly amount?: unknown;
  readonly entry?: string | null | undefined;
  /** Loan steps: the loan and what the loan engine's treatment needs. */
  readonly loan?: string | null | undefined;
  readonly months?: unknown;
  readonly instalment?: number | undefined;
  readonly lossDong?: unknown;
  readonly approver?: string | undefined;
  readonly documentNo?: string | undefined;
  readonly idempotencyKey?: string | null | undefined;
}

interface Loaded {
  readonly reg: q.RegistryFacts;
  readonly files: ReadonlyMap<string, LoanFile[]>;
  readonly settingRows: readonly SettingRow[];
  readonly steps: readonly q.StepRow[];
  /** The steps by household, oldest first. */
  readonly stepsOf: ReadonlyMap<string, readonly q.StepRow[]>;
}

const SHOCK_TO_CAUSE: Readonly<Record<ShockKind, string>> = {
  fire: 'fire',
  flood: 'disaster',
  storm: 'disaster',
  illness: 'illness',
  accident: 'accident',
  death: 'death',
  crop_loss: 'disaster',
  livestock_loss: 'epidemic',
};

function refused(
  code: string,
  field: string,
  value: unknown,
  params?: Record<string, string | number>,
): never {
  throw new RefusedError([params ? { code, field, value, params } : { code, field, value }]);
}

function dateOr(field: string, input: unknown, fallback: BusinessDate): BusinessDate {
  if (input === undefined || input === null || input === '') return fallback;
  const r = parseBusinessDate(field, input);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

function stepView(s: q.StepRow): StepView {
  return {
    id: `RS-${String(s.seq).padStart(6, '0')}`,
    kind: s.kind as StepKind,
    householdId: s.householdId,
    shockId: s.shockId,
    loanId: s.loanId,
    loanEventSeq: s.loanEventSeq,
    book: s.book,
    amountDong: s.amountDong,
    entry: s.entryBook !== null && s.entrySeq !== null ? { book: s.entryBook, seq: s.entrySeq } : null,
    note: s.note,
    effectiveOn: s.effectiveOn,
    recordedAt: s.recordedAt,
    actor: s.actor,
  };
}

/**
 * A loan replayed forward through ascending dates: the facts up to each date are applied, then the
 * loan is read at the end of that day (reading at b then c gives what reading at c does,
 * docs/design/loans.md). Null before the first disbursement.
 */
class LoanCursor {
  readonly #file: LoanFile;
  readonly #m: LoanMachine;
  #next = 0;
  #lent = false;
  #last: BusinessDate | null = null;

  constructor(file: LoanFile) {
    this.#file = file;
    this.#m = new LoanMachine(file.contract);
  }

  view(day: BusinessDate): LoanPosition | null {
    if (this.#last !== null && day < this.#last) throw new Error('assertion failed: LoanCursor dates ascend');
    const facts = this.#file.facts;
    while (this.#next < facts.length && facts[this.#next]!.date <= day) {
      const f = facts[this.#next++]!;
      if (f.kind === 'disburse') this.#lent = true;
      this.#m.apply(f);
    }
    if (!this.#lent) return null;
    this.#last = day;
    return this.#m.viewAt(day);
  }
}

export class Risk {
  readonly #providers: RiskProviders;

  constructor(
    readonly store: Store,
    readonly audit: AuditLog,
    readonly ledger: Ledger,
    readonly loans: Loans,
    providers: RiskProviders = {},
  ) {
    this.#providers = providers;
  }

  /** Which providers are wired: without one, its rules are not applied. */
  get providers(): { savings: boolean; aid: boolean } {
    return { savings: this.#providers.savings !== undefined, aid: this.#providers.aid !== undefined };
  }

  // --- reading the figures ------------------------------------------------------------------------

  async #load(ctx: Ctx, ids: readonly string[] | null): Promise<Loaded> {
    const db = this.store.db;
    const reg = await q.registryFacts(db, ctx.tenant, ids);
    const loanIds = [...reg.loans.values()].flat();
    const files = new Map<string, LoanFile[]>();
    if (loanIds.length > 0) {
      const rows = await findLoans(db, ctx.tenant, loanIds);
      const catalogue = await loadCatalogue(db, ctx.tenant);
      for (const f of await loadFiles(db, ctx.tenant, rows, catalogue)) {
        const list = files.get(f.row.household) ?? [];
        list.push(f);
        files.set(f.row.household, list);
      }
    }
    const settingRows = await q.listSettings(db, ctx.tenant);
    const steps = await q.listSteps(db, ctx.tenant, ids);
    const stepsOf = new Map<string, q.StepRow[]>();
    for (const x of steps) stepsOf.set(x.householdId, [...(stepsOf.get(x.householdId) ?? []), x]);
    return { reg, files, settingRows, steps, stepsOf };
  }

  /**
   * Each loan of the household in the portfolio at the end of `asOf`, replayed to that day. With
   * `cursors` (the trend: dates ascending) each loan's replay continues from the last date read
   * instead of starting over; the debt window is then read (on a replay of its own) only when
   * `window` says the debt rule can use it (a declared income).
   */
  #loanFacts(
    files: readonly LoanFile[],
    asOf: BusinessDate,
    s: Settings,
    opts: { cursors?: Map<string, LoanCursor>; window?: boolean } = {},
  ): LoanLine[] {
    const out: LoanLine[] = [];
    const end = addMonths(asOf, setting(s, 'debt_months'));
    for (const file of files) {
      let v: LoanPosition | null;
      let m: LoanMachine | null = null;
      if (opts.cursors) {
        let cursor = opts.cursors.get(file.row.id);
        if (!cursor) {
          cursor = new LoanCursor(file);
          opts.cursors.set(file.row.id, cursor);
        }
        v = cursor.view(asOf);
      } else {
        const facts = file.facts.filter((f) => f.date <= asOf);
        m = facts.some((f) => f.kind === 'disburse') ? machineOf({ ...file, facts }) : null;
        v = m ? m.viewAt(asOf) : null;
      }
      if (v === null || !inPortfolio(v, asOf) || v.outstanding === 0) continue;
      // What falls due by `end` if nothing is paid from `asOf` on: the same replay read later.
      let dueInWindow = 0;
      if (opts.window !== false) {
        const w = (m ?? machineOf({ ...file, facts: file.facts.filter((f) => f.date <= asOf) })).viewAt(end);
        const principalDue = w.instalments
          .filter((i) => i.due <= end && i.cls !== 'paid' && i.cls !== 'frozen')
          .reduce((sum, i) => sum + i.unpaid, 0);
        dueInWindow = principalDue + w.interest.due + w.overdueInterest.unpaid;
      }
      // The trend counts households and never shows figures: no entry lists there.
      const seqs = opts.cursors
        ? []
        : [...new Set(file.lines.filter((l) => l.date <= asOf).map((l) => l.seq))].sort((a, b) => a - b);
      out.push({
        id: file.row.id,
        book: file.row.book,
        programme: file.row.programme,
        status: v.status,
        outstandingDong: v.outstanding,
        overduePrincipalDong: v.principal.overdue,
        overdueInterestDong: v.overdueInterest.unpaid,
        interestDueDong: v.interest.due,
        daysPastDue: v.daysPastDue,
        frozenDong: v.principal.frozen,
        frozenUntil: v.frozenUntil,
        dueInWindowDong: dueInWindow,
        entries: seqs.map((seq) => ({ book: file.row.book, seq })),
      });
    }
    return out;
  }

  async #evaluate(
    ctx: Ctx,
    data: Loaded,
    asOf: BusinessDate,
    full = false,
    cursors?: Map<string, LoanCursor>,
  ): Promise<
    Array<{
      household: q.HouseholdRow;
      facts: HouseholdFacts;
      loans: LoanLine[];
      assessment: Assessment;
      settings: Settings;
    }>
  > {
    const s = settingsAsOf(data.settingRows, asOf);
    const group = <T extends { householdId: string }>(rows: readonly T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) {
        const list = m.get(r.householdId) ?? [];
        list.push(r);
        m.set(r.householdId, list);
      }
      return m;
    };
    const statuses = group(data.reg.statuses);
    const policies = group(data.reg.policies);
    const shocks = group(data.reg.shocks);
    // First without savings and aid (as when no provider is wired).
    const first = data.reg.households
      .filter((h) => h.archivedOn === null || h.archivedOn > asOf)
      .map((h) => {
        const hasIncome =
          (data.reg.members.get(h.id) ?? 0) > 0 &&
          (statuses.get(h.id) ?? []).some((r) => r.decidedOn <= asOf && r.incomeDong !== null);
        const loans = this.#loanFacts(
          data.files.get(h.id) ?? [],
          asOf,
          s,
          cursors ? { cursors, window: hasIncome } : {},
        );
        const facts: HouseholdFacts = {
          householdId: h.id,
          statuses: (statuses.get(h.id) ?? []).map((r) => ({
            status: r.status as PovertyStatus,
            decidedOn: r.decidedOn,
            standard: r.standard,
            certificateNo: r.certificateNo,
            incomeDong: r.incomeDong,
          })),
          members: data.reg.members.get(h.id) ?? 0,
          policies: (policies.get(h.id) ?? []).map((p) => ({ ...p, category: p.category as PolicyCategory })),
          shocks: (shocks.get(h.id) ?? []).map((k) => ({
            id: k.id,
            kind: k.kind as ShockKind,
            occurredOn: k.occurredOn,
            description: k.description,
            lossDong: k.lossDong,
          })),
          loans,
          savings: null,
          aid: null,
        };
        return { household: h, facts, loans, assessment: assess(facts, s, asOf), settings: s };
      });
    if (!this.#providers.savings && !this.#providers.aid) return first;
    // Then the providers are asked about the households whose verdict their figures can change
    // (every household when `full`, the why view): savings for those with a shock reason (the
    // only rule that reads them), aid for those that aid's weight could bring to the threshold.
    const scoreMin = setting(s, 'score_min');
    const reach = setting(s, 'w_shock_uncovered') + setting(s, 'w_aid');
    const hasShock = (a: Assessment) => a.reasons.some((r) => r.code === 'risk_shock');
    const savingsIds = this.#providers.savings
      ? first.filter((e) => full || hasShock(e.assessment)).map((e) => e.household.id)
      : [];
    const aidIds = this.#providers.aid
      ? first.filter((e) => full || e.assessment.score + reach >= scoreMin).map((e) => e.household.id)
      : [];
    const savings =
      savingsIds.length > 0 ? await this.#providers.savings!.balances(ctx, savingsIds, asOf) : new Map();
    const aidFrom = addDays(addMonths(asOf, -setting(s, 'aid_months')), 1);
    const aid =
      aidIds.length > 0 ? await this.#providers.aid!.received(ctx, aidIds, aidFrom, asOf) : new Map();
    const askedSavings = new Set(savingsIds);
    const askedAid = new Set(aidIds);
    return first.map((e) => {
      const id = e.household.id;
      if (!askedSavings.has(id) && !askedAid.has(id)) return e;
      const facts: HouseholdFacts = {
        ...e.facts,
        savings: askedSavings.has(id) ? (savings.get(id) ?? { balanceDong: 0, entries: [] }) : null,
        aid: askedAid.has(id) ? (aid.get(id) ?? []) : null,
      };
      return { ...e, facts, assessment: assess(facts, s, asOf) };
    });
  }

  #steps(data: Loaded, householdId: string): StepView[] {
    return (data.stepsOf.get(householdId) ?? []).map(stepView);
  }

  #stepState(
    data: Loaded,
    e: { facts: HouseholdFacts; assessment: Assessment; settings: Settings },
    asOf: BusinessDate,
  ) {
    const offered = offeredSteps(e.assessment, e.facts);
    const views = this.#steps(data, e.facts.householdId);
    const facts: StepFact[] = views.map((v) => ({ id: v.id, kind: v.kind, effectiveOn: v.effectiveOn }));
    const since = episodeStart(e.facts, asOf, setting(e.settings, 'shock_months'));
    const st = stepStatus(offered, facts, since, asOf);
    const doneIds = new Set(st.done.map((d) => d.id));
    return { offered, done: views.filter((v) => doneIds.has(v.id)), open: st.open, steps: views };
  }

  // --- views --------------------------------------------------------------------------------------

  /** The watch list as of the end of `asOf`, highest score first, with counts by village and reason. */
  async list(ctx: Ctx, input: { asOf?: unknown; village?: string | undefined } = {}): Promise<WatchList> {
    const asOf = dateOr('asOf', input.asOf, today(ctx));
    const data = await this.#load(ctx, null);
    const evaluated = await this.#evaluate(ctx, data, asOf);
    const rows: WatchRow[] = [];
    for (const e of evaluated) {
      if (!e.assessment.listed) continue;
      if (input.village !== undefined && input.village !== '' && e.household.villageId !== input.village)
        continue;
      const st = this.#stepState(data, e, asOf);
      rows.push({
        ...e.assessment,
        villageId: e.household.villageId,
        villageName: e.household.villageName,
        headName: e.household.headName,
        offered: st.offered,
        done: st.done,
        open: st.open,
      });
    }
    rows.sort((a, b) => b.score - a.score || (a.householdId < b.householdId ? -1 : 1));
    const villages = new Map<
      string,
      { villageId: string; villageName: string; listed: number; open: number }
    >();
    for (const r of rows) {
      const v = villages.get(r.villageId) ?? {
        villageId: r.villageId,
        villageName: r.villageName,
        listed: 0,
        open: 0,
      };
      v.listed++;
      if (r.open.length > 0) v.open++;
      villages.set(r.villageId, v);
    }
    const byReason = REASON_CODES.map((code) => ({
      code,
      listed: rows.filter((r) => r.reasons.some((x) => x.code === code)).length,
    })).filter((x) => x.listed > 0);
    const scoreMin = setting(settingsAsOf(data.settingRows, asOf), 'score_min');
    return {
      asOf,
      scoreMin,
      providers: this.providers,
      households: evaluated.length,
      rows,
      byVillage: [...villages.values()].sort((a, b) => (a.villageName < b.villageName ? -1 : 1)),
      byReason,
    };
  }

  /** Why a household is (or is not) on the list: every reason, its figures and their sources. */
  async why(ctx: Ctx, householdId: string, input: { asOf?: unknown } = {}): Promise<WhyView> {
    const asOf = dateOr('asOf', input.asOf, today(ctx));
    const data = await this.#load(ctx, [householdId]);
    const [e] = await this.#evaluate(ctx, data, asOf, true);
    if (!e || data.reg.households[0]?.id !== householdId)
      refused('risk_household_unknown', 'household', householdId);
    const st = this.#stepState(data, e, asOf);
    return {
      household: e.household,
      asOf,
      assessment: e.assessment,
      settings: [...e.settings.values()],
      facts: e.facts,
      loans: e.loans,
      providers: this.providers,
      ...st,
    };
  }

  /** Households listed at each month end over `months` months, the last point being `asOf`. */
  async trend(ctx: Ctx, input: { asOf?: unknown; months?: number } = {}): Promise<TrendPoint[]> {
    const asOf = dateOr('asOf', input.asOf, today(ctx));
    const months = input.months ?? 12;
    if (!Number.isInteger(months) || months < 1 || months > 36)
      refused('risk_months_out_of_range', 'months', months, { min: 1, max: 36 });
    const data = await this.#load(ctx, null);
    const dates: BusinessDate[] = [];
    for (let k = months - 1; k >= 1; k--) dates.push(endOfMonth(addMonths(asOf, -k)));
    dates.push(asOf);
    const out: TrendPoint[] = [];
    // Dates ascend: each loan's replay continues from one month end to the next.
    const cursors = new Map<string, LoanCursor>();
    for (const date of dates) {
      const evaluated = (await this.#evaluate(ctx, data, date, false, cursors)).filter(
        (e) => e.assessment.listed,
      );
      const byReason: Partial<Record<ReasonCode, number>> = {};
      for (const e of evaluated)
        for (const r of e.assessment.reasons) byReason[r.code] = (byReason[r.code] ?? 0) + 1;
      out.push({ date, listed: evaluated.length, byReason });
    }
    return out;
  }

  // --- settings -----------------------------------------------------------------------------------

  async settings(ctx: Ctx, input: { asOf?: unknown } = {}): Promise<SettingsView> {
    const asOf = dateOr('asOf', input.asOf, today(ctx));
    const history = await q.listSettings(this.store.db, ctx.tenant);
    const s = settingsAsOf(history, asOf);
    return {
      asOf,
      inForce: RISK_SETTINGS.map((d) => ({
        ...s.get(d.key)!,
        defaultValue: d.defaultValue,
        min: d.min,
        max: d.max,
        unit: d.unit,
      })),
      history,
    };
  }

  /**
   * Sets a rule's figure from `effectiveFrom` on (today or later: a list already printed for an
   * earlier day stays reproducible).
   */
  async setSetting(
    ctx: AuditCtx,
    input: { key: string; value: unknown; effectiveFrom: unknown; note?: unknown },
  ): Promise<SettingRow> {
    const out: Refusal[] = [];
    const def = settingDef(input.key);
    if (!def) out.push({ code: 'risk_setting_unknown', field: 'key', value: input.key });
    const value =
      typeof input.value === 'string' && /^[0-9.]+$/.test(input.value.trim())
        ? Number(input.value.trim().replace(/\./g, ''))
        : input.value;
    if (def && (typeof value !== 'number' || !Number.isInteger(value) || value < def.min || value > def.max))
      out.push({
        code: 'risk_setting_out_of_range',
        field: 'value',
        value: input.value,
        params: { min: def.min, max: def.max },
      });
    const date = parseBusinessDate('effectiveFrom', input.effectiveFrom);
    if (!date.ok) out.push(...date.refusals);
    else if (date.value < today(ctx))
      out.push({
        code: 'risk_setting_backdated',
        field: 'effectiveFrom',
        value: date.value,
        params: { today: today(ctx) },
      });
    const note =
      typeof input.note === 'string' && input.note.trim() !== '' ? input.note.trim().slice(0, 500) : null;
    if (out.length > 0 || !date.ok) throw new RefusedError(out);
    const row: SettingRow = {
      key: input.key,
      effectiveFrom: date.value,
      value: value as number,
      note,
      recordedAt: nowIso(ctx),
      actor: ctx.actor,
    };
    await this.audit.write(ctx, async (tx) => {
      await q.insertSetting(tx, ctx.tenant, row);
      return {
        value: null,
        audit: [
          {
            action: 'risk.setting',
            target: row.key,
            detail: { value: row.value, effectiveFrom: row.effectiveFrom },
          },
        ],
      };
    });
    return row;
  }

  // --- steps --------------------------------------------------------------------------------------

  async steps(ctx: Ctx, householdId: string): Promise<StepView[]> {
    return (await q.listSteps(this.store.db, ctx.tenant, [householdId])).map(stepView);
  }

  /**
   * Records a step for a household. Loan steps run the loan engine's risk treatment first (its
   * own transaction, keyed from the step's key so a retry replays it), then record the step.
   */
  async recordStep(ctx: AuditCtx, input: StepInput): Promise<StepView> {
    const key = input.idempotencyKey ?? null;
    if (key !== null) {
      const earlier = await q.findStepByKey(this.store.db, ctx.tenant, key);
      if (earlier) {
        if (earlier.householdId !== input.household || earlier.kind !== input.kind)
          refused('idempotency_key_reused', 'idempotencyKey', key);
        return stepView(earlier);
      }
    }
    const kind = input.kind;
    if (typeof kind !== 'string' || !(STEP_KINDS as readonly string[]).includes(kind))
      refused('risk_step_kind_unknown', 'kind', kind, { allowed: STEP_KINDS.join(', ') });
    const stepKind = kind as StepKind;
    const date = dateOr('date', input.date, today(ctx));
    const why = await this.why(ctx, input.household, { asOf: date });
    if (!why.offered.includes(stepKind))
      refused('risk_step_not_offered', 'kind', kind, { offered: why.offered.join(', ') || '—' });
    const out: Refusal[] = [];
    const shock =
      input.shockId === undefined || input.shockId === null || input.shockId === ''
        ? null
        : (why.facts.shocks.find((k) => k.id === input.shockId) ??
          refused('risk_shock_not_households', 'shockId', input.shockId, { household: input.household }));
    const note = typeof input.note === 'string' ? input.note.trim().slice(0, 2000) : '';
    let book: string | null = null;
    let amount: number | null = null;
    let entry: EntryRef | null = null;
    let loanId: string | null = null;
    let loanEventSeq: number | null = null;

    if (stepKind === 'emergency_aid') {
      if (!input.book) out.push({ code: 'risk_book_required', field: 'book', value: input.book ?? null });
      else book = (await this.ledger.book(ctx, input.book)).code;
      const a = parseDong('amount', input.amount);
      if (!a.ok) out.push(...a.refusals);
      else if (a.value <= 0) out.push({ code: 'risk_amount_required', field: 'amount', value: input.amount });
      else amount = a.value;
      if (input.entry) {
        const m = /^([^#\s]+)#(\d+)$/.exec(input.entry);
        if (!m) out.push({ code: 'risk_entry_invalid', field: 'entry', value: input.entry });
        else {
          await this.ledger.entry(ctx, m[1]!, Number(m[2]));
          entry = { book: m[1]!, seq: Number(m[2]) };
        }
      }
    }
    if (stepKind === 'neighbour_appeal' || stepKind === 'front_note') {
      if (note === '') out.push({ code: 'risk_note_required', field: 'note', value: input.note ?? null });
    }
    if (out.length > 0) throw new RefusedError(out);

    if (stepKind === 'loan_extension' || stepKind === 'loan_freeze') {
      const loan = why.loans.find((l) => l.id === input.loan);
      if (!loan)
        refused('risk_loan_not_households', 'loan', input.loan ?? null, { household: input.household });
      loanId = loan.id;
      const lossIn = input.lossDong ?? shock?.lossDong;
      const loss = parseDong('lossDong', lossIn);
      if (!loss.ok) throw new RefusedError(loss.refusals);
      const months = typeof input.months === 'string' ? Number(input.months) : input.months;
      const treatment = {
        loan: loan.id,
        shockId: shock?.id ?? null,
        causeKind: shock ? SHOCK_TO_CAUSE[shock.kind] : 'other',
        cause: note || (shock ? shock.description : null),
        lossDong: loss.value,
        approver: input.approver ?? '',
        documentNo: input.documentNo ?? '',
        months: months as number,
        idempotencyKey: key === null ? null : `risk:${key}`,
      };
      const r =
        stepKind === 'loan_extension'
          ? await this.loans.extend(ctx, {
              ...treatment,
              date,
              ...(input.instalment === undefined ? {} : { instalment: input.instalment }),
            })
          : await this.loans.freeze(ctx, { ...treatment, date });
      loanEventSeq = r.event;
    }

    return this.audit.write(ctx, async (tx) => {
      const seq = await q.nextStepSeq(tx, ctx.tenant);
      const row: q.StepRow = {
        seq,
        kind: stepKind,
        householdId: input.household,
        shockId: shock?.id ?? null,
        loanId,
        loanEventSeq,
        book,
        amountDong: amount,
        entryBook: entry?.book ?? null,
        entrySeq: entry?.seq ?? null,
        note,
        effectiveOn: date,
        recordedAt: nowIso(ctx),
        actor: ctx.actor,
        idempotencyKey: key,
      };
      await q.insertStep(tx, ctx.tenant, row);
      const view = stepView(row);
      return {
        value: view,
        audit: [
          {
            action: 'risk.step',
            target: input.household,
            detail: { step: view.id, kind: stepKind, loan: loanId, event: loanEventSeq, book, amount },
          },
        ],
      };
    });
  }
}
