/**
 * The at-risk rules (docs/design/risk.md). Pure: the service gathers one household's figures as
 * of a day (status history, members' policies, shocks, loans replayed to that day, savings and
 * aid when a provider exists) and `assess` says whether it is at risk, why, and which figures
 * (with their sources) produced each reason. Nothing here is stored.
 */
import { addDays, addMonths, type BusinessDate } from '../dates.ts';
import type { Dong } from '../money.ts';
import type { PolicyCategory, PovertyStatus, ShockKind } from '../registry/kinds.ts';
import { statusFlags } from '../registry/poverty.ts';
import { type Settings, setting } from './settings.ts';

/** A journal entry: the book and its sequence number. */
export interface EntryRef {
  readonly book: string;
  readonly seq: number;
}

export interface StatusFact {
  readonly status: PovertyStatus;
  readonly decidedOn: BusinessDate;
  readonly standard: string;
  readonly certificateNo: string | null;
  /** Declared income per person per month (đ), when the decision records it. */
  readonly incomeDong: Dong | null;
}

export interface PolicyFact {
  readonly personId: string;
  readonly personName: string;
  readonly category: PolicyCategory;
  readonly detail: string | null;
  readonly sinceOn: BusinessDate | null;
  readonly untilOn: BusinessDate | null;
}

export interface ShockFact {
  readonly id: string;
  readonly kind: ShockKind;
  readonly occurredOn: BusinessDate;
  readonly description: string;
  readonly lossDong: Dong;
}

/** One loan of the household as the loan engine's replay sees it at the end of the day judged. */
export interface LoanFact {
  readonly id: string;
  readonly book: string;
  readonly programme: string;
  readonly outstandingDong: Dong;
  readonly overduePrincipalDong: Dong;
  readonly overdueInterestDong: Dong;
  readonly interestDueDong: Dong;
  readonly daysPastDue: number;
  readonly frozenDong: Dong;
  readonly frozenUntil: BusinessDate | null;
  /** What falls due by the end of the debt window if nothing is paid (see `debtDueDong`). */
  readonly dueInWindowDong: Dong;
  /** The journal entries naming the loan up to the day judged. */
  readonly entries: readonly EntryRef[];
}

export interface SavingsFact {
  readonly balanceDong: Dong;
  readonly entries: readonly EntryRef[];
}

export interface AidFact {
  readonly date: BusinessDate;
  readonly amountDong: Dong;
  readonly fund: string;
  readonly purpose: string;
  readonly entry: EntryRef | null;
}

/** What the rules look at for one household on one day. */
export interface HouseholdFacts {
  readonly householdId: string;
  readonly statuses: readonly StatusFact[];
  readonly members: number;
  readonly policies: readonly PolicyFact[];
  readonly shocks: readonly ShockFact[];
  readonly loans: readonly LoanFact[];
  /** null: no savings provider (the savings rules are not applied). */
  readonly savings: SavingsFact | null;
  /** null: no aid provider; else the aid received within the aid window. */
  readonly aid: readonly AidFact[] | null;
}

export type ReasonCode =
  | 'risk_poor'
  | 'risk_near_poor'
  | 'risk_escaped'
  | 'risk_shock'
  | 'risk_shock_uncovered'
  | 'risk_overdue'
  | 'risk_overdue_long'
  | 'risk_frozen'
  | 'risk_debt_service'
  | 'risk_policy'
  | 'risk_aid';

export const REASON_CODES: readonly ReasonCode[] = [
  'risk_poor',
  'risk_near_poor',
  'risk_escaped',
  'risk_shock',
  'risk_shock_uncovered',
  'risk_overdue',
  'risk_overdue_long',
  'risk_frozen',
  'risk_debt_service',
  'risk_policy',
  'risk_aid',
];

/** Where a figure comes from, so an auditor can find it. */
export type Source =
  | { readonly kind: 'status'; readonly decidedOn: BusinessDate }
  | { readonly kind: 'policy'; readonly personId: string; readonly category: string }
  | { readonly kind: 'shock'; readonly id: string }
  | { readonly kind: 'loan'; readonly id: string; readonly entries: readonly EntryRef[] }
  | { readonly kind: 'savings'; readonly entries: readonly EntryRef[] }
  | { readonly kind: 'aid'; readonly entries: readonly EntryRef[] }
  | { readonly kind: 'setting'; readonly key: string; readonly effectiveFrom: BusinessDate | null };

/** One figure a reason used: a name, a value, and its source. */
export interface Figure {
  readonly name: string;
  readonly value: number | string | null;
  readonly source: Source | null;
}

export interface Reason {
  readonly code: ReasonCode;
  readonly weight: number;
  /** Parameters of the reason's text (i18n/risk.ts). */
  readonly params: Readonly<Record<string, string | number>>;
  readonly figures: readonly Figure[];
}

export interface Assessment {
  readonly householdId: string;
  readonly asOf: BusinessDate;
  readonly score: number;
  readonly scoreMin: number;
  readonly listed: boolean;
  readonly reasons: readonly Reason[];
}

function settingFigure(s: Settings, key: string): Figure {
  const v = s.get(key)!;
  return { name: key, value: v.value, source: { kind: 'setting', key, effectiveFrom: v.effectiveFrom } };
}

/** Policy categories that count for `risk_policy`. */
export const POLICY_AT_RISK: ReadonlySet<PolicyCategory> = new Set(['war_invalid', 'disability']);

function policyInForce(p: PolicyFact, asOf: BusinessDate): boolean {
  return (p.sinceOn === null || p.sinceOn <= asOf) && (p.untilOn === null || asOf < p.untilOn);
}

/** The unpaid arrears of a loan on the day: overdue principal, interest due, overdue interest. */
export function arrearsDong(l: LoanFact): Dong {
  return l.overduePrincipalDong + l.interestDueDong + l.overdueInterestDong;
}

/**
 * Assesses one household on `asOf` under `s` (the settings in force that day). Each window
 * includes its last day (asOf) and excludes its start: a shock dated exactly 12 months before
 * `asOf` is outside a 12-month window.
 */
export function assess(f: HouseholdFacts, s: Settings, asOf: BusinessDate): Assessment {
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, weightKey: string, params: Reason['params'], figures: Figure[]) => {
    const weight = setting(s, weightKey);
    if (weight > 0)
      reasons.push({ code, weight, params, figures: [...figures, settingFigure(s, weightKey)] });
  };

  // Status: poor, near-poor, or escaped within the window.
  const flags = statusFlags(f.statuses, asOf);
  const current = f.statuses
    .filter((r) => r.decidedOn <= asOf)
    .sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : 1))
    .at(-1);
  if (current && flags.status === 'poor')
    add('risk_poor', 'w_poor', { decidedOn: current.decidedOn }, [
      { name: 'status', value: 'poor', source: { kind: 'status', decidedOn: current.decidedOn } },
    ]);
  else if (current && flags.status === 'near_poor')
    add('risk_near_poor', 'w_near_poor', { decidedOn: current.decidedOn }, [
      { name: 'status', value: 'near_poor', source: { kind: 'status', decidedOn: current.decidedOn } },
    ]);
  else if (flags.escapedOn !== null) {
    const months = setting(s, 'escaped_months');
    if (asOf < addMonths(flags.escapedOn, months))
      add('risk_escaped', 'w_escaped', { escapedOn: flags.escapedOn, months }, [
        { name: 'escapedOn', value: flags.escapedOn, source: { kind: 'status', decidedOn: flags.escapedOn } },
        settingFigure(s, 'escaped_months'),
      ]);
  }

  // Shocks within the window, the largest loss first.
  const shockFrom = addMonths(asOf, -setting(s, 'shock_months'));
  const lossMin = setting(s, 'shock_loss_min_dong');
  const shocks = f.shocks
    .filter((k) => k.occurredOn > shockFrom && k.occurredOn <= asOf && k.lossDong >= lossMin)
    .sort((a, b) => b.lossDong - a.lossDong || (a.occurredOn < b.occurredOn ? 1 : -1));
  const shock = shocks[0];
  if (shock) {
    const savingsFigures: Figure[] =
      f.savings === null
        ? []
        : [
            {
              name: 'savings',
              value: f.savings.balanceDong,
              source: { kind: 'savings', entries: f.savings.entries },
            },
          ];
    const params: Record<string, string | number> = {
      shock: shock.id,
      kind: shock.kind,
      date: shock.occurredOn,
      loss: shock.lossDong,
    };
    if (f.savings !== null) params['savings'] = f.savings.balanceDong;
    add('risk_shock', 'w_shock', params, [
      { name: 'loss', value: shock.lossDong, source: { kind: 'shock', id: shock.id } },
      ...savingsFigures,
      settingFigure(s, 'shock_months'),
      settingFigure(s, 'shock_loss_min_dong'),
    ]);
    if (f.savings !== null && shock.lossDong > f.savings.balanceDong)
      add(
        'risk_shock_uncovered',
        'w_shock_uncovered',
        { shock: shock.id, loss: shock.lossDong, savings: f.savings.balanceDong },
        [{ name: 'loss', value: shock.lossDong, source: { kind: 'shock', id: shock.id } }, ...savingsFigures],
      );
  }

  // Loans overdue (the one most days past due), long overdue, frozen. A loan is overdue when an
  // instalment's principal is (Decision 976/QĐ-TTg); overdue interest charged before a freeze
  // stays owed but does not make a frozen loan overdue. The amount shown is all its arrears.
  const overdue = f.loans
    .filter((l) => l.overduePrincipalDong > 0)
    .sort((a, b) => b.daysPastDue - a.daysPastDue || (a.id < b.id ? -1 : 1));
  const worst = overdue[0];
  if (worst) {
    const total = overdue.reduce((sum, l) => sum + arrearsDong(l), 0);
    const loanFigures = overdue.map(
      (l): Figure => ({
        name: 'arrears',
        value: arrearsDong(l),
        source: { kind: 'loan', id: l.id, entries: l.entries },
      }),
    );
    add(
      'risk_overdue',
      'w_overdue',
      { loan: worst.id, amount: total, days: worst.daysPastDue, loans: overdue.length },
      loanFigures,
    );
    const longDays = setting(s, 'overdue_long_days');
    if (worst.daysPastDue >= longDays)
      add('risk_overdue_long', 'w_overdue_long', { loan: worst.id, days: worst.daysPastDue, min: longDays }, [
        {
          name: 'daysPastDue',
          value: worst.daysPastDue,
          source: { kind: 'loan', id: worst.id, entries: worst.entries },
        },
        settingFigure(s, 'overdue_long_days'),
      ]);
  }
  const frozen = f.loans.filter((l) => l.frozenDong > 0);
  if (frozen.length > 0) {
    const first = frozen[0]!;
    add(
      'risk_frozen',
      'w_frozen',
      {
        loan: first.id,
        amount: frozen.reduce((sum, l) => sum + l.frozenDong, 0),
        until: first.frozenUntil ?? '',
      },
      frozen.map((l) => ({
        name: 'frozen',
        value: l.frozenDong,
        source: { kind: 'loan', id: l.id, entries: l.entries },
      })),
    );
  }

  // Debt service over the next months against declared income.
  const withIncome = f.statuses
    .filter((r) => r.decidedOn <= asOf && r.incomeDong !== null)
    .sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : 1))
    .at(-1);
  const due = f.loans.reduce((sum, l) => sum + l.dueInWindowDong, 0);
  if (withIncome && f.members > 0 && due > 0) {
    const months = setting(s, 'debt_months');
    const pct = setting(s, 'debt_income_pct');
    // Integer test, no division: due ≥ income × pct / 100  ⇔  due × 100 ≥ income × pct.
    const income = withIncome.incomeDong! * f.members * months;
    if (due * 100 >= income * pct)
      add(
        'risk_debt_service',
        'w_debt',
        {
          due,
          income,
          months,
          until: addMonths(asOf, months),
          // Shown rounded down to a whole percent; the test above is exact.
          pct: income === 0 ? 0 : Math.floor((due * 100) / income),
        },
        [
          ...f.loans
            .filter((l) => l.dueInWindowDong > 0)
            .map(
              (l): Figure => ({
                name: 'dueInWindow',
                value: l.dueInWindowDong,
                source: { kind: 'loan', id: l.id, entries: l.entries },
              }),
            ),
          {
            name: 'incomePerPerson',
            value: withIncome.incomeDong,
            source: { kind: 'status', decidedOn: withIncome.decidedOn },
          },
          { name: 'members', value: f.members, source: null },
          settingFigure(s, 'debt_months'),
          settingFigure(s, 'debt_income_pct'),
        ],
      );
  }

  // Members with disability or war invalidity.
  const policies = f.policies
    .filter((p) => POLICY_AT_RISK.has(p.category) && policyInForce(p, asOf))
    .sort((a, b) =>
      a.category < b.category ? 1 : a.category > b.category ? -1 : a.personId < b.personId ? -1 : 1,
    );
  const policy = policies[0];
  if (policy)
    add(
      'risk_policy',
      'w_policy',
      {
        name: policy.personName,
        category: policy.category,
        detail: policy.detail ?? '',
        people: policies.length,
      },
      policies.map((p) => ({
        name: p.category,
        value: p.detail,
        source: { kind: 'policy', personId: p.personId, category: p.category },
      })),
    );

  // Aid already received within the aid window (provider only).
  if (f.aid !== null) {
    const aidFrom = addMonths(asOf, -setting(s, 'aid_months'));
    const items = f.aid.filter((a) => a.date > aidFrom && a.date <= asOf);
    if (items.length > 0)
      add(
        'risk_aid',
        'w_aid',
        // `from` is the first day counted (the window excludes its start).
        {
          amount: items.reduce((sum, a) => sum + a.amountDong, 0),
          count: items.length,
          from: addDays(aidFrom, 1),
        },
        [
          {
            name: 'aid',
            value: items.reduce((sum, a) => sum + a.amountDong, 0),
            source: { kind: 'aid', entries: items.flatMap((a) => (a.entry ? [a.entry] : [])) },
          },
          settingFigure(s, 'aid_months'),
        ],
      );
  }

  const score = reasons.reduce((sum, r) => sum + r.weight, 0);
  const scoreMin = setting(s, 'score_min');
  return { householdId: f.householdId, asOf, score, scoreMin, listed: score >= scoreMin, reasons };
}
