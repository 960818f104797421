/**
 * Households and loans on top of the HTTP world (test/helpers/http.ts), seeded through the
 * services:
 *
 *   villages    Đức Khê (duc-khe), Tuy Lai (tuy-lai)
 *   HH-001      Vương Đình Soạn, Đức Khê: poor since 15/01/2024; a fire on 14/12/2025 (loss
 *               30.000.000 ₫); loan L-000001 of the Farmers Support Fund in quy-htnd (hnd):
 *               12.000.000 ₫ lent on 10/03/2025, bullet over 36 months, fee 0,7 %/month due
 *               quarterly (10/06, 10/09, 10/12/2025 …), nothing paid yet
 *   HH-002      Trần Thị Hoa, Tuy Lai: loan L-000002 in quy-pn (hlhpn), 8.000.000 ₫ on 10/03/2025
 *   HH-003      Nguyễn Văn Tám, Đức Khê: member of hnd since 01/01/2024, no loan
 *   HH-004      Lê Thị Cúc, Tuy Lai: no loan, no membership (only the commune's readers see her)
 */
import type { App } from '../../src/main/app.ts';
import type { World } from './http.ts';

export const HOUSEHOLDS = {
  soan: 'HH-001',
  hoa: 'HH-002',
  tam: 'HH-003',
  cuc: 'HH-004',
} as const;

export const LOANS = { own: 'L-000001', other: 'L-000002' } as const;

async function household(
  app: App,
  w: World,
  id: string,
  village: string,
  fullName: string,
  birthYear: number,
): Promise<void> {
  await app.registry.addHousehold(w.ctx(), { id, village, head: { fullName, birthYear } });
}

/** Lends through the services, as the treasurer of the book's organisation. */
async function lend(w: World, id: string, book: string, household: string, amount: number, actor: string) {
  const app = w.app;
  const ctx = w.ctx(actor);
  await app.loans.apply(ctx, {
    id,
    programme: 'fsf',
    book,
    household,
    amount,
    date: '2025-03-01',
    termMonths: 36,
    source: 'district',
    purpose: 'Nuôi bò',
  });
  await app.loans.approve(ctx, {
    loan: id,
    date: '2025-03-05',
    approver: 'Chủ tịch Hội',
    documentNo: `QĐ-${id}`,
  });
  await app.loans.disburse(ctx, { loan: id, date: '2025-03-10', amount, documentNo: `PC-${id}` });
}

export async function seedHouseholdsAndLoans(w: World): Promise<void> {
  const app = w.app;
  await app.registry.addVillage(w.ctx(), { id: 'duc-khe', name: 'Đức Khê' });
  await app.registry.addVillage(w.ctx(), { id: 'tuy-lai', name: 'Tuy Lai' });
  await household(app, w, HOUSEHOLDS.soan, 'duc-khe', 'Vương Đình Soạn', 1968);
  await household(app, w, HOUSEHOLDS.hoa, 'tuy-lai', 'Trần Thị Hoa', 1975);
  await household(app, w, HOUSEHOLDS.tam, 'duc-khe', 'Nguyễn Văn Tám', 1980);
  await household(app, w, HOUSEHOLDS.cuc, 'tuy-lai', 'Lê Thị Cúc', 1959);
  await app.registry.addPerson(w.ctx(), {
    householdId: HOUSEHOLDS.soan,
    fullName: 'Vương Thị Lan',
    birthYear: 1972,
    relation: 'Vợ',
  });
  await app.registry.setStatus(w.ctx(), {
    householdId: HOUSEHOLDS.soan,
    status: 'poor',
    decidedOn: '2024-01-15',
    certificateNo: 'GCN-2024-017',
    incomeDong: 1_200_000,
  });
  await app.registry.addShock(w.ctx(), {
    householdId: HOUSEHOLDS.soan,
    kind: 'fire',
    occurredOn: '2025-12-14',
    description: 'Cháy chuồng bò',
    lossDong: 30_000_000,
  });
  const tam = await app.registry.household(w.ctx(), HOUSEHOLDS.tam);
  await app.registry.joinOrganisation(w.ctx(), {
    organisation: 'hnd',
    personId: tam.headPersonId!,
    on: '2024-01-01',
  });
  await app.loans.seedProgrammes(w.ctx());
  await lend(w, LOANS.own, 'quy-htnd', HOUSEHOLDS.soan, 12_000_000, 'thuquy-hnd');
  await lend(w, LOANS.other, 'quy-pn', HOUSEHOLDS.hoa, 8_000_000, 'thuquy-pn');
}
