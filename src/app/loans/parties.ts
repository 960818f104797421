/**
 * Who borrows and what befell them belong to the commune registry. Loans only need two questions
 * answered, so they ask them through this small interface, which the composition root wires to the
 * registry service (`registryParties`); tests may answer it themselves.
 */

import type { Ctx } from '../context.ts';
import type { Registry } from '../registry/registry.ts';

export interface LoanParties {
  /** The household (the borrower) exists and is not archived. */
  householdExists(ctx: Ctx, id: string): Promise<boolean>;
  /** The shock event (fire, flood, illness, death…) exists; its household, when known, matches. */
  shockExists(ctx: Ctx, id: string, household?: string): Promise<boolean>;
}

/** The registry answers for loans. */
export function registryParties(registry: Registry): LoanParties {
  return {
    householdExists: (ctx, id) => registry.isActiveHousehold(ctx, id),
    shockExists: async (ctx, id, household) => {
      const shock = await registry.findShock(ctx, id);
      return shock !== undefined && (household === undefined || shock.householdId === household);
    },
  };
}
