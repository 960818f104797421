/** Loan contracts for the pure tests: the seeded programmes' terms with a few knobs. */
import { DEFAULT_ALLOCATION_ORDER } from '../../src/domain/loans/allocation.ts';
import type { DayCount } from '../../src/domain/loans/interest.ts';
import type { RateTimeline } from '../../src/domain/loans/rates.ts';
import type { ScheduleTerms } from '../../src/domain/loans/schedule.ts';
import type { LoanContract } from '../../src/domain/loans/state.ts';

/** ppm a year → the engine's rate units (10^-12 a year). */
export function rate(ppmYear: number): bigint {
  return BigInt(ppmYear) * 1_000_000n;
}

export const POOR_RATE: RateTimeline = [{ from: '2023-01-01', rate12: rate(66_000) }]; // 6.6 %/yr
export const NEAR_POOR_RATE: RateTimeline = [{ from: '2023-01-01', rate12: rate(79_200) }]; // 7.92 %/yr
export const FSF_RATE: RateTimeline = [
  { from: '2020-01-01', rate12: rate(84_000) }, // 0.7 %/month
  { from: '2022-01-01', rate12: rate(75_600) }, // 0.63 %/month, H1 2022
  { from: '2022-07-01', rate12: rate(84_000) },
];

export function terms(t: Partial<ScheduleTerms> = {}): ScheduleTerms {
  return {
    method: 'equal_principal',
    termMonths: 36,
    principalEveryMonths: 6,
    interestEveryMonths: 1,
    gracePrincipalMonths: 0,
    graceInterestMonths: 0,
    custom: null,
    ...t,
  };
}

export function contract(
  t: Partial<ScheduleTerms> = {},
  o: { rates?: RateTimeline; dayCount?: DayCount; overdue?: number } = {},
): LoanContract {
  return {
    id: 'L-TEST',
    terms: terms(t),
    dayCount: o.dayCount ?? 'act/365',
    overdueMultiplierPpm: o.overdue ?? 1_300_000,
    programmeRates: o.rates ?? POOR_RATE,
    ratePolicy: 'floating',
    allocationOrder: DEFAULT_ALLOCATION_ORDER,
  };
}
