/**
 * Public disclosure (công khai) of a fund over a period, built from the period's donations and
 * spendings: pure. The report carries no beneficiary's name, id or ID number and nothing about a
 * donor who asked to stay anonymous, so no page rendering it can show them
 * (docs/design/funds.md).
 */
import type { BusinessDate } from '../dates.ts';
import type { AidPurpose, DonorKind, MoneyForm, SpendingKind } from './rules.ts';

export interface DonationRecord {
  readonly receiptNo: number;
  readonly date: BusinessDate;
  readonly donorKind: DonorKind;
  readonly donorName: string | null;
  /** The donor asked not to be named. */
  readonly anonymous: boolean;
  readonly form: MoneyForm;
  readonly amountDong: number;
  readonly inKindDescription: string | null;
  readonly pointName: string | null;
  readonly phaseNo: number | null;
}

/** Poverty status of the household on the aid date, or `other`. */
export type BeneficiaryCategory = 'poor' | 'near_poor' | 'other';

export interface SpendingRecord {
  readonly voucherNo: number;
  readonly kind: SpendingKind;
  readonly date: BusinessDate;
  readonly purpose: AidPurpose;
  readonly amountDong: number;
  readonly form: MoneyForm;
  /** Aid only: the beneficiary household (counted, never shown). */
  readonly householdId: string | null;
  readonly category: BeneficiaryCategory | null;
  /** Transfers only: the receiving fund's or body's name. */
  readonly recipient: string | null;
  readonly phaseNo: number | null;
}

export interface DonorLine {
  readonly donorKind: DonorKind;
  readonly donorName: string;
  readonly donations: number;
  readonly amountDong: number;
}

export interface InKindLine {
  readonly date: BusinessDate;
  /** null when the donor is anonymous. */
  readonly donorName: string | null;
  readonly description: string;
  readonly amountDong: number;
}

export interface CountLine {
  readonly key: string;
  readonly count: number;
  readonly amountDong: number;
}

export interface DisclosureReport {
  readonly fund: {
    readonly id: string;
    readonly nameVi: string;
    readonly nameEn: string;
    readonly kind: string;
    readonly purpose: string;
    readonly opensOn: BusinessDate;
    readonly closesOn: BusinessDate;
  };
  readonly from: BusinessDate;
  readonly to: BusinessDate;
  /** Cash, bank and goods the fund held at the end of the day before `from`, from the journal. */
  readonly openingDong: number;
  readonly received: {
    readonly totalDong: number;
    readonly moneyDong: number;
    readonly inKindDong: number;
    /** Named donors of money, largest first. */
    readonly byDonor: readonly DonorLine[];
    /** Anonymous donors, and named ones who asked, as one line. */
    readonly anonymous: { readonly donations: number; readonly amountDong: number };
    readonly inKind: readonly InKindLine[];
    readonly byPoint: readonly CountLine[];
    readonly byPhase: readonly CountLine[];
  };
  readonly spent: {
    readonly totalDong: number;
    readonly byPurpose: ReadonlyArray<CountLine & { readonly households: number }>;
    readonly byCategory: ReadonlyArray<CountLine & { readonly households: number }>;
    readonly transfers: ReadonlyArray<{
      readonly date: BusinessDate;
      readonly recipient: string;
      readonly phaseNo: number | null;
      readonly amountDong: number;
    }>;
  };
  readonly closingDong: number;
  /** The same totals read from the journal (income 511x, expenses 611x of the period). */
  readonly journal: { readonly receivedDong: number; readonly spentDong: number };
  /** Rows and journal agree, and opening + received − spent = closing. */
  readonly reconciled: boolean;
}

function countLines(map: Map<string, { count: number; amount: number }>): CountLine[] {
  return [...map.entries()]
    .map(([key, v]) => ({ key, count: v.count, amountDong: v.amount }))
    .sort((a, b) => b.amountDong - a.amountDong || a.key.localeCompare(b.key));
}

function add(map: Map<string, { count: number; amount: number }>, key: string, amount: number): void {
  const v = map.get(key) ?? { count: 0, amount: 0 };
  v.count += 1;
  v.amount += amount;
  map.set(key, v);
}

/** A donor shown by name: not anonymous by kind and not by request. */
export function isDisclosedDonor(d: Pick<DonationRecord, 'donorKind' | 'anonymous' | 'donorName'>): boolean {
  return d.donorKind !== 'anonymous' && !d.anonymous && d.donorName !== null;
}

export function buildDisclosure(input: {
  fund: DisclosureReport['fund'];
  from: BusinessDate;
  to: BusinessDate;
  openingDong: number;
  closingDong: number;
  donations: readonly DonationRecord[];
  spendings: readonly SpendingRecord[];
  journal: DisclosureReport['journal'];
}): DisclosureReport {
  let money = 0;
  let inKindTotal = 0;
  const donors = new Map<string, DonorLine>();
  const anonymous = { donations: 0, amountDong: 0 };
  const inKind: InKindLine[] = [];
  const byPoint = new Map<string, { count: number; amount: number }>();
  const byPhase = new Map<string, { count: number; amount: number }>();
  for (const d of input.donations) {
    const named = isDisclosedDonor(d);
    if (d.form === 'in_kind') {
      inKindTotal += d.amountDong;
      inKind.push({
        date: d.date,
        donorName: named ? d.donorName : null,
        description: d.inKindDescription ?? '',
        amountDong: d.amountDong,
      });
    } else {
      money += d.amountDong;
      if (named) {
        const key = `${d.donorKind}\u0000${d.donorName}`;
        const line = donors.get(key) ?? {
          donorKind: d.donorKind,
          donorName: d.donorName!,
          donations: 0,
          amountDong: 0,
        };
        donors.set(key, {
          ...line,
          donations: line.donations + 1,
          amountDong: line.amountDong + d.amountDong,
        });
      } else {
        anonymous.donations += 1;
        anonymous.amountDong += d.amountDong;
      }
    }
    if (d.pointName !== null) add(byPoint, d.pointName, d.amountDong);
    if (d.phaseNo !== null) add(byPhase, String(d.phaseNo), d.amountDong);
  }

  let spent = 0;
  const purposes = new Map<string, { count: number; amount: number; households: Set<string> }>();
  const categories = new Map<string, { count: number; amount: number; households: Set<string> }>();
  const transfers: Array<DisclosureReport['spent']['transfers'][number]> = [];
  const bump = (
    m: Map<string, { count: number; amount: number; households: Set<string> }>,
    key: string,
    s: SpendingRecord,
  ) => {
    const v = m.get(key) ?? { count: 0, amount: 0, households: new Set<string>() };
    v.count += 1;
    v.amount += s.amountDong;
    if (s.householdId !== null) v.households.add(s.householdId);
    m.set(key, v);
  };
  for (const s of input.spendings) {
    spent += s.amountDong;
    if (s.kind === 'transfer')
      transfers.push({
        date: s.date,
        recipient: s.recipient ?? '',
        phaseNo: s.phaseNo,
        amountDong: s.amountDong,
      });
    else {
      bump(purposes, s.purpose, s);
      bump(categories, s.category ?? 'other', s);
    }
  }
  const withHouseholds = (m: typeof purposes) =>
    [...m.entries()]
      .map(([key, v]) => ({ key, count: v.count, amountDong: v.amount, households: v.households.size }))
      .sort((a, b) => b.amountDong - a.amountDong || a.key.localeCompare(b.key));

  const received = money + inKindTotal;
  return {
    fund: input.fund,
    from: input.from,
    to: input.to,
    openingDong: input.openingDong,
    received: {
      totalDong: received,
      moneyDong: money,
      inKindDong: inKindTotal,
      byDonor: [...donors.values()].sort(
        (a, b) => b.amountDong - a.amountDong || a.donorName.localeCompare(b.donorName),
      ),
      anonymous,
      inKind,
      byPoint: countLines(byPoint),
      byPhase: countLines(byPhase).sort((a, b) => Number(a.key) - Number(b.key)),
    },
    spent: {
      totalDong: spent,
      byPurpose: withHouseholds(purposes),
      byCategory: withHouseholds(categories),
      transfers,
    },
    closingDong: input.closingDong,
    journal: input.journal,
    reconciled:
      input.journal.receivedDong === received &&
      input.journal.spentDong === spent &&
      input.openingDong + received - spent === input.closingDong,
  };
}
