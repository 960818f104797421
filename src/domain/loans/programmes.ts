/**
 * Lending programmes: who lends, at which dated rate, under which caps and rules. Seeded from the
 * domain brief (§2 VBSP lending, §3 Farmers Support Fund); a commune adds its own or new rates.
 * Facts marked (check) in the brief are seeded as published and say so in their note.
 */
import type { BusinessDate } from '../dates.ts';
import type { Dong } from '../money.ts';
import { type AllocationCategory, DEFAULT_ALLOCATION_ORDER } from './allocation.ts';
import type { DayCount } from './interest.ts';
import type { Quoting, RatePolicy } from './rates.ts';
import type { ScheduleMethod } from './schedule.ts';

/**
 * `own`: the organisation lends its own fund (Farmers Support Fund): loans are its assets, the
 * fee its income. `entrusted`: it services loans the Social Policy Bank owns (cho vay ủy thác):
 * the loans and their interest sit in memo accounts, and cash collected for the bank is a
 * liability until handed over.
 */
export const ACCOUNTING_MODES = ['own', 'entrusted'] as const;
export type AccountingMode = (typeof ACCOUNTING_MODES)[number];

/** Where a Farmers Support Fund loan's capital came from (Decree 37/2023: tracked apart). */
export const CAPITAL_SOURCES = ['central', 'province', 'district', 'commune'] as const;
export type CapitalSource = (typeof CAPITAL_SOURCES)[number];

export interface Programme {
  readonly id: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly accounting: AccountingMode;
  /** The book template its loans are kept in. */
  readonly bookTemplate: string;
  /** `fee` for the Farmers Support Fund (phí), `interest` otherwise (lãi). */
  readonly charge: 'interest' | 'fee';
  readonly quoting: Quoting;
  readonly dayCount: DayCount;
  readonly overdueMultiplierPpm: number;
  readonly ratePolicy: RatePolicy;
  readonly capHouseholdDong: Dong | null;
  readonly capProjectDong: Dong | null;
  readonly termMonthsMax: number;
  readonly scheduleMethod: ScheduleMethod;
  readonly principalEveryMonths: number;
  readonly interestEveryMonths: number;
  readonly gracePrincipalMonths: number;
  readonly graceInterestMonths: number;
  readonly extensionMonthsMax: number;
  readonly freezeMonthsMax: number;
  readonly allocationOrder: readonly AllocationCategory[];
  /** Loans must name their capital source (Farmers Support Fund). */
  readonly requiresSource: boolean;
}

export interface SeedRate {
  readonly from: BusinessDate;
  readonly quotedPpm?: number;
  readonly base?: { readonly programme: string; readonly multiplierPpm: number };
  readonly note: string;
}

export interface SeedProgramme {
  readonly programme: Programme;
  readonly rates: readonly SeedRate[];
}

const VBSP_DEFAULTS = {
  accounting: 'entrusted',
  bookTemplate: 'vbsp-entrusted',
  charge: 'interest',
  quoting: 'month',
  dayCount: 'act/365',
  overdueMultiplierPpm: 1_300_000, // Decision 976/QĐ-TTg: overdue interest = 130 % of the loan's rate
  ratePolicy: 'fixed_at_disbursement', // (check) new rates apply to new disbursements
  capProjectDong: null,
  scheduleMethod: 'equal_principal',
  principalEveryMonths: 6,
  interestEveryMonths: 1,
  gracePrincipalMonths: 0,
  graceInterestMonths: 0,
  extensionMonthsMax: 12, // short-term extension ≤ 12 months (Decision 50/2010, amended by 08)
  freezeMonthsMax: 36, // debt freeze up to 3 years, renewable
  allocationOrder: DEFAULT_ALLOCATION_ORDER,
  requiresSource: false,
} as const;

const PUBLISHED_2023 = 'VBSP published rate, 2023 (domain brief §2); decision date not confirmed (check)';

function vbsp(
  id: string,
  nameVi: string,
  nameEn: string,
  extra: Partial<Programme>,
  rates: readonly SeedRate[],
): SeedProgramme {
  return {
    programme: {
      ...VBSP_DEFAULTS,
      id,
      nameVi,
      nameEn,
      capHouseholdDong: null,
      termMonthsMax: 120,
      ...extra,
    },
    rates,
  };
}

/** The programmes a commune starts with. Rates are dated; later rows are added with `rate-add`. */
export const SEED_PROGRAMMES: readonly SeedProgramme[] = [
  vbsp(
    'vbsp-poor',
    'Cho vay hộ nghèo',
    'Poor households',
    { capHouseholdDong: 100_000_000, termMonthsMax: 120 },
    [{ from: '2023-01-01', quotedPpm: 5_500, note: `0,55 %/tháng = 6,6 %/năm. ${PUBLISHED_2023}` }],
  ),
  vbsp(
    'vbsp-poor-30a',
    'Cho vay hộ nghèo huyện 30a',
    'Poor households in "30a" districts',
    { capHouseholdDong: 100_000_000, termMonthsMax: 120, quoting: 'year' },
    [{ from: '2023-01-01', quotedPpm: 33_000, note: `3,3 %/năm. ${PUBLISHED_2023}` }],
  ),
  vbsp(
    'vbsp-near-poor',
    'Cho vay hộ cận nghèo',
    'Near-poor households',
    { capHouseholdDong: 100_000_000, termMonthsMax: 120 },
    [{ from: '2023-01-01', quotedPpm: 6_600, note: `0,66 %/tháng = 7,92 %/năm. ${PUBLISHED_2023}` }],
  ),
  vbsp(
    'vbsp-escaped',
    'Cho vay hộ mới thoát nghèo',
    'Households just out of poverty (≤ 3 years)',
    { capHouseholdDong: 100_000_000, termMonthsMax: 60 },
    [
      {
        from: '2023-01-01',
        base: { programme: 'vbsp-poor', multiplierPpm: 1_250_000 },
        note: `125 % lãi suất cho vay hộ nghèo. ${PUBLISHED_2023}`,
      },
    ],
  ),
  vbsp(
    'vbsp-students',
    'Cho vay học sinh, sinh viên',
    'Students',
    // ≤ 4 million đ a month of study: a monthly cap, not enforced here (check); term = study +
    // 12 months + repayment, so the maximum is generous.
    { termMonthsMax: 240, scheduleMethod: 'bullet', principalEveryMonths: 1 },
    [{ from: '2023-01-01', quotedPpm: 5_500, note: `0,55 %/tháng = 6,6 %/năm. ${PUBLISHED_2023}` }],
  ),
  vbsp(
    'vbsp-water',
    'Cho vay nước sạch và vệ sinh môi trường',
    'Clean water and sanitation',
    // 25 million đ per project since 02/09/2024; the current rate was not confirmed: no rate is
    // seeded, so no loan can be disbursed until one is added (`programme rate-add`).
    { capHouseholdDong: 25_000_000, capProjectDong: 25_000_000, termMonthsMax: 60 },
    [],
  ),
  vbsp(
    'vbsp-disabled-business',
    'Cho vay cơ sở SXKD của thương binh, người khuyết tật',
    'Businesses of war invalids and disabled people',
    { quoting: 'year' },
    [{ from: '2023-01-01', quotedPpm: 33_000, note: `3,3 %/năm. ${PUBLISHED_2023}` }],
  ),
  {
    programme: {
      id: 'fsf',
      nameVi: 'Quỹ Hỗ trợ nông dân',
      nameEn: 'Farmers Support Fund',
      accounting: 'own',
      bookTemplate: 'farmers-support-fund',
      charge: 'fee',
      quoting: 'month',
      // 30E/360: a whole month's fee is exactly 0.7 % of the balance, as the fund quotes it.
      dayCount: '30e/360',
      overdueMultiplierPpm: 1_300_000, // (check) overdue fee taken as 130 %, as for VBSP
      ratePolicy: 'floating', // the H1 2022 cut applied to loans outstanding
      capHouseholdDong: 100_000_000,
      capProjectDong: 2_000_000_000,
      termMonthsMax: 60, // (check) typical loans run 36 months
      scheduleMethod: 'bullet',
      principalEveryMonths: 1,
      interestEveryMonths: 3, // the fee is collected quarterly
      gracePrincipalMonths: 0,
      graceInterestMonths: 0,
      extensionMonthsMax: 12,
      freezeMonthsMax: 36,
      allocationOrder: DEFAULT_ALLOCATION_ORDER,
      requiresSource: true,
    },
    rates: [
      {
        from: '2020-01-01',
        quotedPpm: 7_000,
        note: '0,7 %/tháng (8,4 %/năm); start date not confirmed (check)',
      },
      { from: '2022-01-01', quotedPpm: 6_300, note: 'Giảm phí 6 tháng đầu năm 2022: 0,63 %/tháng' },
      { from: '2022-07-01', quotedPpm: 7_000, note: '0,7 %/tháng từ 01/7/2022' },
    ],
  },
];
