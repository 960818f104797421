/** A small commune to test against: one tenant, the Farmers' Association and its Support Fund. */
import type { Ctx } from '../../src/app/context.ts';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import type { App } from '../../src/main/app.ts';

export const TENANT = 'huong-son';
export const FIXED_NOW = new Date('2025-12-20T03:00:00.000Z');
export const ctx: Ctx = { tenant: TENANT, actor: 'thu-quy-hnd', now: () => FIXED_NOW };

export async function seedCommune(app: App): Promise<void> {
  await app.ledger.createTenant({ id: TENANT, name: 'Xã Hương Sơn' }, FIXED_NOW.toISOString());
  await app.ledger.createOrganisation(ctx, {
    id: 'hnd',
    kind: 'farmers',
    nameVi: 'Hội Nông dân xã Hương Sơn',
    nameEn: 'Farmers’ Association',
  });
  await app.ledger.createBook(ctx, {
    code: 'quy-htnd',
    template: 'farmers-support-fund',
    organisation: 'hnd',
  });
  await app.ledger.createBook(ctx, { code: 'vi-nguoi-ngheo', template: 'charity-fund' });
}

/** Capital paid into a general book's cash: cash (111) debited, capital (411) credited. */
export function capitalDraft(book: string, date: string, amount: number): EntryDraft {
  return {
    book,
    date,
    kind: 'capital',
    memo: 'Vốn',
    postings: [
      { account: '111', amount },
      { account: '411', amount: -amount },
    ],
  };
}
