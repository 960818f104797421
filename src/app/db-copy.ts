/**
 * Moving a commune's ledger between stores, with proof: after the copy the target's chains verify,
 * every book ends at the same head hash as in the source, and the trial balances are equal.
 */
import { type CopyReport, copyTenant } from '../store/copy.ts';
import { listTenants } from '../store/ledger-store.ts';
import type { Store } from '../store/open-store.ts';
import { Ledger } from './ledger/ledger.ts';
import { verifyLedger } from './ledger/verify.ts';

export interface CopyOutcome {
  readonly tenant: string;
  readonly report: CopyReport;
  readonly heads: ReadonlyArray<{
    readonly book: string;
    readonly seq: number;
    readonly hash: string;
    readonly same: boolean;
  }>;
  readonly trialBalanceSame: boolean;
  readonly verified: boolean;
}

export async function copyCommunes(from: Store, to: Store, tenant?: string): Promise<CopyOutcome[]> {
  const tenants = tenant === undefined ? (await listTenants(from.db)).map((t) => t.id) : [tenant];
  const source = new Ledger(from);
  const target = new Ledger(to);
  const out: CopyOutcome[] = [];
  for (const id of tenants) {
    const report = await copyTenant(from, to, id);
    const ctx = { tenant: id, actor: 'db-copy' };
    const [a, b] = [await source.books(ctx), await target.books(ctx)];
    const heads = a.map((book) => {
      const copy = b.find((x) => x.code === book.code);
      return {
        book: book.code,
        seq: book.headSeq,
        hash: book.headHash,
        same:
          copy?.headSeq === book.headSeq &&
          copy.headHash === book.headHash &&
          copy.lockedThrough === book.lockedThrough,
      };
    });
    const [ta, tb] = [await source.trialBalance(ctx), await target.trialBalance(ctx)];
    const verification = await verifyLedger(to, ctx);
    out.push({
      tenant: id,
      report,
      heads,
      trialBalanceSame: JSON.stringify(ta) === JSON.stringify(tb),
      verified: verification.ok,
    });
  }
  return out;
}
