/**
 * Accounts are append-only and their type, party mode and balance rule never change, so a
 * process may keep them in memory and reload a book's chart only when a code is not found.
 */
import type { AccountSpec } from '../../domain/ledger/accounts.ts';
import { listAccounts } from '../../store/ledger-store.ts';
import type { Tx } from '../../store/open-store.ts';

export class AccountCache {
  readonly #books = new Map<string, Map<string, AccountSpec>>();

  /** Loads the charts of `books` when not cached or when `missing` names a code not yet seen. */
  async load(
    db: Tx,
    tenant: string,
    books: Iterable<string>,
    needed: Array<[string, string]> = [],
  ): Promise<void> {
    const toLoad = new Set<string>();
    for (const book of books) if (!this.#books.has(`${tenant}/${book}`)) toLoad.add(book);
    for (const [book, code] of needed) if (!this.#books.get(`${tenant}/${book}`)?.has(code)) toLoad.add(book);
    for (const book of toLoad) {
      const map = new Map<string, AccountSpec>();
      for (const a of await listAccounts(db, tenant, book)) map.set(a.code, a);
      this.#books.set(`${tenant}/${book}`, map);
    }
  }

  get(tenant: string, book: string, code: string): AccountSpec | undefined {
    return this.#books.get(`${tenant}/${book}`)?.get(code);
  }

  forget(tenant: string, book: string): void {
    this.#books.delete(`${tenant}/${book}`);
  }
}
