/**
 * How a repayment is split. The programme fixes an order of categories; the payment fills each
 * category in turn until it is used up. Default (VBSP practice, Fineract's "penalties, fees,
 * interest, principal" family): overdue interest, interest due, overdue principal, principal due,
 * interest accrued since the last due date, then principal not yet due (prepayment).
 *
 * Two rules keep the split replayable from the journal alone: principal is always paid oldest
 * instalment first (so overdue principal comes before principal due, before prepayment), and
 * interest already due comes before interest still accruing. `checkAllocationOrder` enforces both.
 */
import type { Dong } from '../money.ts';
import { ok, type Result, refuse } from '../refusal.ts';

export const ALLOCATION_CATEGORIES = [
  'overdue_interest', // lãi quá hạn (phí quá hạn)
  'interest_due', // lãi đến hạn chưa trả
  'overdue_principal', // gốc quá hạn
  'principal_due', // gốc đến hạn hôm nay
  'accrued_interest', // lãi tính đến ngày trả, chưa đến hạn
  'prepayment', // gốc trả trước hạn
] as const;
export type AllocationCategory = (typeof ALLOCATION_CATEGORIES)[number];

export const DEFAULT_ALLOCATION_ORDER: readonly AllocationCategory[] = ALLOCATION_CATEGORIES;

export type Dues = Readonly<Record<AllocationCategory, Dong>>;

export function zeroDues(): Record<AllocationCategory, Dong> {
  return {
    overdue_interest: 0,
    interest_due: 0,
    overdue_principal: 0,
    principal_due: 0,
    accrued_interest: 0,
    prepayment: 0,
  };
}

export function totalOf(d: Dues): Dong {
  return ALLOCATION_CATEGORIES.reduce((s, c) => s + d[c], 0);
}

/** Parses "overdue_interest,interest_due,…" and checks it is a valid order. */
export function parseAllocationOrder(field: string, input: unknown): Result<AllocationCategory[]> {
  const list = Array.isArray(input)
    ? input
    : typeof input === 'string'
      ? input
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : null;
  if (list === null) return refuse('allocation_order_invalid', field, input);
  return checkAllocationOrder(field, list);
}

export function checkAllocationOrder(field: string, list: readonly unknown[]): Result<AllocationCategory[]> {
  const all = ALLOCATION_CATEGORIES as readonly unknown[];
  const sameSet = list.length === all.length && all.every((c) => list.includes(c));
  const at = (c: AllocationCategory) => list.indexOf(c);
  if (
    !sameSet ||
    !(at('overdue_principal') < at('principal_due') && at('principal_due') < at('prepayment')) ||
    !(at('interest_due') < at('accrued_interest'))
  )
    return refuse('allocation_order_invalid', field, list.join(','), { categories: all.join(',') });
  return ok(list as AllocationCategory[]);
}

export interface Allocation {
  readonly parts: Dues;
  /** Principal in total, normal interest in total, overdue interest: what the journal records. */
  readonly principal: Dong;
  readonly interest: Dong;
  readonly overdueInterest: Dong;
}

/** Splits `amount` (≤ the total of `dues`) in `order`. */
export function allocate(dues: Dues, order: readonly AllocationCategory[], amount: Dong): Allocation {
  const parts = zeroDues();
  let left = amount;
  for (const c of order) {
    const take = Math.min(left, dues[c]);
    parts[c] = take;
    left -= take;
  }
  if (left !== 0) throw new Error(`assertion failed: allocation left ${left} đ unallocated`);
  return {
    parts,
    principal: parts.overdue_principal + parts.principal_due + parts.prepayment,
    interest: parts.interest_due + parts.accrued_interest,
    overdueInterest: parts.overdue_interest,
  };
}

const PRINCIPAL_PARTS = ['overdue_principal', 'principal_due', 'prepayment'] as const;
const INTEREST_PARTS = ['overdue_interest', 'interest_due', 'accrued_interest'] as const;

/**
 * A payment split as stated (principal, interest) rather than by an order: principal fills
 * overdue, due then later instalments (oldest first, as the replay requires); interest fills
 * overdue interest, interest due, then interest accrued to the day. Each part within what it owes.
 */
export function allocateSplit(dues: Dues, principal: Dong, interest: Dong): Result<Allocation> {
  const owedP = PRINCIPAL_PARTS.reduce((s, c) => s + dues[c], 0);
  const owedI = INTEREST_PARTS.reduce((s, c) => s + dues[c], 0);
  if (principal > owedP)
    return refuse('repayment_exceeds_outstanding', 'split.principal', principal, { max: owedP });
  if (interest > owedI) return refuse('interest_exceeds_owed', 'split.interest', interest, { max: owedI });
  const parts = zeroDues();
  const fill = (cats: readonly AllocationCategory[], amount: Dong) => {
    let left = amount;
    for (const c of cats) {
      const take = Math.min(left, dues[c]);
      parts[c] = take;
      left -= take;
    }
  };
  fill(PRINCIPAL_PARTS, principal);
  fill(INTEREST_PARTS, interest);
  return ok({
    parts,
    principal,
    interest: parts.interest_due + parts.accrued_interest,
    overdueInterest: parts.overdue_interest,
  });
}
