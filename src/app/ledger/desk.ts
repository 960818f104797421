/**
 * The ledger's set-up writes as the server performs them (organisations, books, accounts,
 * closing a period): each is a unit of audited work, run by `AuditLog.perform` in one
 * transaction with its audit record, under the request's Idempotency-Key when it has one.
 * Money moves through `Operations` (maker-checker) instead.
 */
import type { AuditCtx, Work } from '../audit/audit-log.ts';
import type { AccountInput, BookInput, Ledger } from './ledger.ts';

export class LedgerDesk {
  constructor(readonly ledger: Ledger) {}

  createOrganisation(
    ctx: AuditCtx,
    o: { id: string; kind: string; nameVi: string; nameEn?: string | undefined },
  ): Work<{ id: string; kind: string; nameVi: string; nameEn: string }> {
    return async (tx) => {
      await this.ledger.createOrganisationInTx(tx, ctx, o);
      return {
        value: { id: o.id, kind: o.kind, nameVi: o.nameVi, nameEn: o.nameEn ?? o.nameVi },
        audit: [
          { action: 'ledger.organisation.create', target: `organisation:${o.id}`, detail: { kind: o.kind } },
        ],
      };
    };
  }

  createBook(ctx: AuditCtx, input: BookInput) {
    return (async (tx) => {
      const book = await this.ledger.createBookInTx(tx, ctx, input);
      return {
        value: book,
        audit: [
          {
            action: 'ledger.book.create',
            target: `book:${book.code}`,
            detail: { template: book.template, organisation: book.organisation },
          },
        ],
      };
    }) satisfies Work<unknown>;
  }

  addAccount(ctx: AuditCtx, input: AccountInput) {
    return (async (tx) => {
      const spec = await this.ledger.addAccountInTx(tx, ctx, input);
      return {
        value: { book: input.book, ...spec },
        audit: [
          {
            action: 'ledger.account.create',
            target: `account:${input.book}/${spec.code}`,
            detail: { type: spec.type },
          },
        ],
      };
    }) satisfies Work<unknown>;
  }

  closePeriod(ctx: AuditCtx, input: { book: string; through: string }) {
    return (async (tx) => {
      const closed = await this.ledger.closePeriodInTx(tx, ctx, input);
      return {
        value: { book: input.book, ...closed },
        audit: [{ action: 'ledger.close_period', target: `book:${input.book}`, detail: { ...closed } }],
      };
    }) satisfies Work<unknown>;
  }
}
