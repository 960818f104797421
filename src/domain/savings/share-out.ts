/**
 * Share-out at the end of a cycle (chia cuối chu kỳ), BRIEF §4 and WORKED-EXAMPLES B:
 * each member receives ⌊pool × shares ÷ all shares⌋; the remainder (fewer đồng than there are
 * members) stays in the group, carried to the next cycle. Pure and exact (BigInt).
 */
import { PPM } from './limits.ts';

export interface ShareOutInput {
  /** Member (person id) → shares held at the end of the cycle (carry-over included). */
  readonly shares: ReadonlyMap<string, number>;
  /** Savings + service charges + fines + other income − expenses + carried in (never the social fund). */
  readonly pool: number;
  /** Service charges of the cycle (the interest income a split applies to). */
  readonly interestIncome: number;
  /** Optional split of interest income: owners / board / village, ppm, summing to 1,000,000. */
  readonly split?: {
    readonly ownersPpm: number;
    readonly boardPpm: number;
    readonly villagePpm: number;
  } | null;
}

export interface ShareOutResult {
  readonly totalShares: number;
  /** The pool as given. */
  readonly pool: number;
  /** Taken out of the pool by the split. */
  readonly board: number;
  readonly village: number;
  /** What is divided among members: pool − board − village. */
  readonly distributable: number;
  /** Member → payout, in member order. */
  readonly payouts: ReadonlyArray<{
    readonly member: string;
    readonly shares: number;
    readonly amount: number;
  }>;
  /** distributable − Σ payouts: 0 ≤ remainder < number of members holding shares. */
  readonly remainder: number;
}

/** ⌊a × b ÷ c⌋ exactly, for non-negative integers. */
export function mulDivFloor(a: number, b: number, c: number): number {
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

export function shareOut(input: ShareOutInput): ShareOutResult {
  const members = [...input.shares.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  const totalShares = members.reduce((s, [, n]) => s + n, 0);
  const split = input.split ?? null;
  const income = Math.max(0, input.interestIncome);
  const board = split ? mulDivFloor(income, split.boardPpm, PPM) : 0;
  const village = split ? mulDivFloor(income, split.villagePpm, PPM) : 0;
  const distributable = input.pool - board - village;
  if (totalShares === 0 || distributable <= 0)
    return {
      totalShares,
      pool: input.pool,
      board,
      village,
      distributable,
      payouts: members.map(([member, shares]) => ({ member, shares, amount: 0 })),
      remainder: distributable,
    };
  const payouts = members.map(([member, shares]) => ({
    member,
    shares,
    amount: mulDivFloor(distributable, shares, totalShares),
  }));
  const paid = payouts.reduce((s, p) => s + p.amount, 0);
  return {
    totalShares,
    pool: input.pool,
    board,
    village,
    distributable,
    payouts,
    remainder: distributable - paid,
  };
}
