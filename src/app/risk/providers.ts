/**
 * Where the at-risk rules get savings and aid figures. The savings (issue 7) and funds (issue 8)
 * areas own those figures; they provide them through these two small interfaces, wired in
 * `main/app.ts`. Without a provider the rules that need it are not applied (never an invented
 * figure): `Risk` reports which providers it has.
 */
import type { BusinessDate } from '../../domain/dates.ts';
import type { AidFact, SavingsFact } from '../../domain/risk/rules.ts';
import type { Ctx } from '../context.ts';

export interface SavingsProvider {
  /**
   * Each household's savings balance at the end of `asOf` (all its members' savings in every
   * book), with the journal entries that make it. A household with none may be left out (0).
   */
  balances(
    ctx: Ctx,
    households: readonly string[],
    asOf: BusinessDate,
  ): Promise<ReadonlyMap<string, SavingsFact>>;
}

export interface AidProvider {
  /** Aid paid to each household with an effective date in [from, to], with its entry. */
  received(
    ctx: Ctx,
    households: readonly string[],
    from: BusinessDate,
    to: BusinessDate,
  ): Promise<ReadonlyMap<string, readonly AidFact[]>>;
}

export interface RiskProviders {
  readonly savings?: SavingsProvider | undefined;
  readonly aid?: AidProvider | undefined;
}
