/**
 * The name (and address) a printed form shows for a posting's party: a loan's party is the loan
 * id, whose borrower is a household of the registry; a household id names the household itself.
 * Anything else (a member id of another area) stays as the id, with a line to write a name by hand.
 */
import type { Ctx } from '../../../app/context.ts';
import { RefusedError } from '../../../domain/refusal.ts';
import type { HttpDeps } from '../../context.ts';
import { loanRow } from '../../scopes.ts';

export interface PartyName {
  readonly name: string;
  readonly address: string | null;
  readonly household: string;
}

export async function partyName(deps: HttpDeps, ctx: Ctx, party: string): Promise<PartyName | null> {
  const loan = await loanRow(deps, ctx.tenant, party);
  const household = loan?.household ?? party;
  try {
    const h = await deps.app.registry.household(ctx, household);
    if (h.headName === null) return null;
    return { name: h.headName, address: h.address ?? h.villageName, household: h.id };
  } catch (e) {
    if (e instanceof RefusedError) return null;
    throw e;
  }
}
