/**
 * The real savings and aid providers of the at-risk rules: the savings area's household balance
 * on a date (issue 7) and the funds area's aid received by a household (issue 8), wired in
 * `main/app.ts`.
 */
import type { AidFact, EntryRef, SavingsFact } from '../../domain/risk/rules.ts';
import type { Funds } from '../funds/funds.ts';
import type { Savings } from '../savings/savings.ts';
import type { AidProvider, SavingsProvider } from './providers.ts';

function entryRef(ref: string): EntryRef | null {
  const m = /^(.+)#(\d+)$/.exec(ref);
  return m ? { book: m[1]!, seq: Number(m[2]) } : null;
}

/** Each household's savings (its members' shares and savings accounts in every group book). */
export function savingsProvider(savings: Savings): SavingsProvider {
  return {
    balances: async (ctx, households, asOf) => {
      const out = new Map<string, SavingsFact>();
      for (const household of households) {
        const b = await savings.balanceAsOf(ctx, { household }, asOf);
        out.set(household, { balanceDong: b.total, entries: [] });
      }
      return out;
    },
  };
}

/** The aid each household received from every fund in [from, to], with its entries. */
export function aidProvider(funds: Funds): AidProvider {
  return {
    received: async (ctx, households, from, to) => {
      const out = new Map<string, AidFact[]>();
      for (const household of households) {
        const r = await funds.aidReceivedByHousehold(ctx, household, to);
        out.set(
          household,
          r.aids
            .filter((a) => a.date >= from && a.date <= to)
            .map((a) => ({
              date: a.date,
              amountDong: a.amountDong,
              fund: a.fund,
              purpose: a.purpose,
              entry: entryRef(a.entry),
            })),
        );
      }
      return out;
    },
  };
}
