/**
 * The commune of the at-risk scenarios, on top of the loans' fixture (commune, villages Đức Khê and
 * Thôn 1, borrower households, books, programmes):
 *
 * - HH-201, Vương Đình Soạn (war invalid 2/4) and his wife, Đức Khê, near-poor since 10/12/2024
 *   (income 1.400.000 đ a person a month); VBSP near-poor loan R-201 of 30.000.000 đ from
 *   15/09/2025, nothing paid yet (nothing overdue: the first principal falls due 15/03/2026);
 *   the house fire of 14/12/2025, estimated loss 80.000.000 đ; his wife's savings account in the
 *   Women's Union group book holds 6.000.000 đ (deposited 01/06/2025).
 * - HH-202, Thôn 1, poor from 10/12/2022, out of poverty on 15/12/2023 (two years before the
 *   scenario day); VBSP loan R-202 of 20.000.000 đ from 10/01/2025, nothing paid: the first
 *   principal part (3.333.333 đ) overdue since 11/07/2025.
 * - HH-203, Thôn 1, middle living standard; Farmers Support Fund loan R-203 of 10.000.000 đ over
 *   3 months from 01/09/2025, 9.700.000 đ paid on its maturity 01/12/2025: 210.000 đ fee
 *   (10.000.000 × 0,7 % × 3) and 9.490.000 đ principal, so 510.000 đ principal is overdue.
 */
import type { App } from '../../src/main/app.ts';
import { ctx, FSF, lend, seedLoans, VBSP } from '../loans/fixture.ts';

export { ctx, FSF, VBSP };

export const FIRE = 'HH-201';
export const ESCAPED = 'HH-202';
export const WELL_OFF = 'HH-203';

export async function seedRisk(app: App): Promise<{ fireShock: string }> {
  await seedLoans(app);
  const soan = await app.registry.addHousehold(ctx, {
    id: FIRE,
    village: 'duc-khe',
    head: { fullName: 'Vương Đình Soạn', birthYear: 1958, sex: 'male' },
  });
  await app.registry.setPolicy(ctx, soan.headPersonId!, { category: 'war_invalid', detail: '2/4' });
  const wife = await app.registry.addPerson(ctx, {
    householdId: FIRE,
    fullName: 'Nguyễn Thị Hoa',
    relation: 'vợ',
  });
  await app.ledger.createOrganisation(ctx, { id: 'hpn', kind: 'women', nameVi: 'Hội Liên hiệp Phụ nữ xã' });
  await app.ledger.createBook(ctx, { code: 'so-tk-duc-khe', template: 'savings-group', organisation: 'hpn' });
  await app.savings.openAccount(ctx, {
    id: 'SA-201',
    book: 'so-tk-duc-khe',
    person: wife.id,
    kind: 'vbsp_group',
    rate: '3',
    openedOn: '2025-06-01',
  });
  await app.savings.deposit(ctx, { account: 'SA-201', date: '2025-06-01', amount: 6_000_000 });
  await app.registry.setStatus(ctx, {
    householdId: FIRE,
    status: 'near_poor',
    decidedOn: '2024-12-10',
    incomeDong: '1.400.000',
  });
  await lend(app, {
    id: 'R-201',
    programme: 'vbsp-near-poor',
    book: VBSP,
    household: FIRE,
    amount: 30_000_000,
    date: '2025-09-15',
    termMonths: 36,
    village: 'duc-khe',
  });
  const fire = await app.registry.addShock(ctx, {
    householdId: FIRE,
    kind: 'fire',
    occurredOn: '2025-12-14',
    description: 'Cháy nhà lúc rạng sáng, phần lớn tài sản bị thiêu rụi',
    lossDong: 80_000_000,
  });

  await app.registry.addHousehold(ctx, {
    id: ESCAPED,
    village: 'thon-1',
    head: { fullName: 'Trần Văn Tùng' },
  });
  await app.registry.setStatus(ctx, { householdId: ESCAPED, status: 'poor', decidedOn: '2022-12-10' });
  await app.registry.setStatus(ctx, {
    householdId: ESCAPED,
    status: 'recently_escaped',
    decidedOn: '2023-12-15',
  });
  await lend(app, {
    id: 'R-202',
    programme: 'vbsp-escaped',
    book: VBSP,
    household: ESCAPED,
    amount: 20_000_000,
    date: '2025-01-10',
    termMonths: 36,
    village: 'thon-1',
  });

  await app.registry.addHousehold(ctx, {
    id: WELL_OFF,
    village: 'thon-1',
    head: { fullName: 'Lê Quang Minh' },
  });
  await app.registry.setStatus(ctx, { householdId: WELL_OFF, status: 'middle', decidedOn: '2024-12-10' });
  await lend(app, {
    id: 'R-203',
    programme: 'fsf',
    book: FSF,
    household: WELL_OFF,
    amount: 10_000_000,
    date: '2025-09-01',
    termMonths: 3,
    source: 'district',
    village: 'thon-1',
  });
  await app.loans.repay(ctx, { loan: 'R-203', date: '2025-12-01', amount: 9_700_000, documentNo: 'PT-203' });
  return { fireShock: fire.id };
}
