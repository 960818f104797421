/**
 * The at-risk household of the web tests, in the HTTP world (test/helpers/http.ts): HH-201,
 * Vương Đình Soạn (war invalid 2/4), Đức Khê, near-poor since 10/12/2024, the fire of 14/12/2025
 * (80.000.000 đ), and a VBSP near-poor loan R-201 of 30.000.000 đ from 15/09/2025.
 */
import type { World } from '../helpers/http.ts';
import { ctx, lend, VBSP } from '../loans/fixture.ts';

export const FIRE = 'HH-201';

export async function seedWebRisk(w: World): Promise<void> {
  await w.app.registry.addVillage(ctx, { id: 'duc-khe', name: 'Đức Khê' });
  const h = await w.app.registry.addHousehold(ctx, {
    id: FIRE,
    village: 'duc-khe',
    head: { fullName: 'Vương Đình Soạn' },
  });
  await w.app.registry.setPolicy(ctx, h.headPersonId!, { category: 'war_invalid', detail: '2/4' });
  await w.app.registry.setStatus(ctx, { householdId: FIRE, status: 'near_poor', decidedOn: '2024-12-10' });
  await w.app.registry.addShock(ctx, {
    householdId: FIRE,
    kind: 'fire',
    occurredOn: '2025-12-14',
    description: 'Cháy nhà',
    lossDong: 80_000_000,
  });
  await w.app.ledger.createBook(ctx, { code: VBSP, template: 'vbsp-entrusted', organisation: 'hnd' });
  await w.app.loans.seedProgrammes(ctx);
  await lend(w.app, {
    id: 'R-201',
    programme: 'vbsp-near-poor',
    book: VBSP,
    household: FIRE,
    amount: 30_000_000,
    date: '2025-09-15',
    termMonths: 36,
  });
}
