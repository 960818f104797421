/**
 * Steps from a shock to help (docs/design/risk.md): which next steps the rules offer a household
 * on a day, and which of them are still open given the steps already recorded. Pure.
 */
import { addMonths, type BusinessDate } from '../dates.ts';
import type { Assessment, HouseholdFacts } from './rules.ts';

export const STEP_KINDS = [
  'emergency_aid', // hỗ trợ khẩn cấp từ quỹ
  'neighbour_appeal', // vận động bà con, hàng xóm
  'loan_extension', // đề nghị gia hạn nợ
  'loan_freeze', // đề nghị khoanh nợ
  'front_note', // ghi chú cho Ban công tác Mặt trận thôn
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A step as recorded (only what the offer/open logic needs). */
export interface StepFact {
  readonly id: string;
  readonly kind: StepKind;
  readonly effectiveOn: BusinessDate;
}

/**
 * The steps the rules allow on `asOf`: aid and an appeal after a shock reason; a loan extension
 * or freeze when the household has a loan outstanding and a shock or overdue reason; a note for
 * the Front committee for any listed household.
 */
export function offeredSteps(a: Assessment, f: HouseholdFacts): StepKind[] {
  const has = (code: string) => a.reasons.some((r) => r.code === code);
  const shock = has('risk_shock');
  const out: StepKind[] = [];
  if (shock) out.push('emergency_aid', 'neighbour_appeal');
  const lending = f.loans.some((l) => l.outstandingDong > 0 && l.frozenDong < l.outstandingDong);
  if (lending && (shock || has('risk_overdue'))) out.push('loan_extension', 'loan_freeze');
  if (a.listed || shock) out.push('front_note');
  return out;
}

/**
 * The first day of the episode steps count for: the oldest shock in the reason's window, else
 * `asOf` less `months`.
 */
export function episodeStart(f: HouseholdFacts, asOf: BusinessDate, months: number): BusinessDate {
  const from = addMonths(asOf, -months);
  const dates = f.shocks.map((k) => k.occurredOn).filter((d) => d > from && d <= asOf);
  return dates.length > 0 ? dates.sort()[0]! : from;
}

/**
 * Steps done in the episode (effective from `since` to `asOf`) and the offered kinds still open.
 * A loan extension and a loan freeze answer the same need: either one closes both.
 */
export function stepStatus(
  offered: readonly StepKind[],
  steps: readonly StepFact[],
  since: BusinessDate,
  asOf: BusinessDate,
): { done: StepFact[]; open: StepKind[] } {
  const done = steps.filter((s) => s.effectiveOn >= since && s.effectiveOn <= asOf);
  const kinds = new Set(done.map((s) => s.kind));
  if (kinds.has('loan_extension') || kinds.has('loan_freeze')) kinds.add('loan_extension').add('loan_freeze');
  return { done, open: offered.filter((k) => !kinds.has(k)) };
}
