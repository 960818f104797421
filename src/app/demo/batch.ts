/**
 * Many service calls in one transaction: the demo loader runs the same services users call (same
 * checks, same entries, same event rows), but groups a few hundred of them per `store.write` so an
 * empty database becomes a commune in seconds rather than minutes. A refusal anywhere in a batch
 * rolls the whole batch back (the loader treats it as a bug and stops).
 */

import type { Store, Tx } from '../../store/open-store.ts';
import { Ledger } from '../ledger/ledger.ts';
import { Loans } from '../loans/loans.ts';
import { registryParties } from '../loans/parties.ts';
import { Registry } from '../registry/registry.ts';

/** A store whose every write and read runs inside the one open transaction `tx`. */
export function storeInTx(store: Store, tx: Tx): Store {
  return {
    kind: store.kind,
    location: store.location,
    db: tx,
    write: (fn) => fn(tx),
    read: (fn) => fn(tx),
    close: async () => {},
  };
}

/** The services a batch uses, bound to one transaction. */
export interface BatchServices {
  readonly tx: Tx;
  readonly ledger: Ledger;
  readonly registry: Registry;
  readonly loans: Loans;
}

/** Runs `fn` with the services bound to one write transaction of `store`. */
export function inOneTransaction<T>(store: Store, fn: (s: BatchServices) => Promise<T>): Promise<T> {
  return store.write(async (tx) => {
    const inner = storeInTx(store, tx);
    const ledger = new Ledger(inner);
    const registry = new Registry(inner);
    const loans = new Loans(inner, ledger, registryParties(registry));
    return fn({ tx, ledger, registry, loans });
  });
}
