/**
 * A savings group with an open cycle in an organisation, made through the services, for the HTTP
 * tests (the authorisation matrix, the savings API test, the browser test). Dates are in 2025
 * (the HTTP tests' clock stands at 20/12/2025).
 */
import type { Ctx } from '../../src/app/context.ts';
import type { App } from '../../src/main/app.ts';

let n = 0;

export async function vslaCycle(
  app: App,
  ctx: Ctx,
  organisation: string,
  members = 1,
  rules: { absenceFine?: number } = {},
): Promise<{ cycle: string; group: string; book: string; persons: string[] }> {
  n += 1;
  const tag = `${organisation}-${process.pid.toString(36)}-${n}`;
  const village = `tv-${tag}`.toLowerCase();
  await app.registry.addVillage(ctx, { id: village, name: `Thôn ${tag}` });
  const persons: string[] = [];
  for (let i = 1; i <= members; i++) {
    const person = `PV-${tag}-${i}`;
    await app.registry.addHousehold(ctx, {
      id: `HV-${tag}-${i}`,
      village,
      head: { id: person, fullName: `Lê Thị Hoa ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}`, sex: 'Nữ' },
    });
    persons.push(person);
  }
  const group = `GV-${tag}`;
  await app.registry.addGroup(ctx, {
    id: group,
    kind: 'vsla',
    organisation,
    village,
    name: `Tổ TK ${tag}`,
    foundedOn: '2025-01-01',
  });
  for (const p of persons) await app.registry.joinGroup(ctx, { group, personId: p, on: '2025-10-01' });
  const book = `sv-${tag}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);
  await app.ledger.createBook(ctx, { code: book, template: 'savings-group', organisation });
  const c = await app.savings.openCycle(ctx, {
    group,
    book,
    startedOn: '2025-11-01',
    sharePrice: 20_000,
    social: 2_000,
    ...rules,
  });
  return { cycle: c.id, group, book, persons };
}
