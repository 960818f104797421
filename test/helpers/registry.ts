/**
 * Registry fixtures: a commune with organisations and villages, Vietnamese names drawn from a
 * seeded generator, spreadsheets written with exceljs, and a snapshot over every table.
 */
import ExcelJS from '../../src/app/registry/import/exceljs.ts';
import type { App } from '../../src/main/app.ts';
import type { Store } from '../../src/store/open-store.ts';
import { ctx, FIXED_NOW, TENANT } from './fixtures.ts';
import { snapshot } from './snapshot.ts';

export { ctx, FIXED_NOW, TENANT };

/** Every table of every area (the shared snapshot finds them). */
export function snapshotAll(store: Store): Promise<string> {
  return snapshot(store);
}

/** The commune of the tests: tenant, three organisations, three villages. */
export async function seedRegistry(app: App): Promise<void> {
  await app.ledger.createTenant({ id: TENANT, name: 'Xã Hương Sơn' }, FIXED_NOW.toISOString());
  await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
  await app.ledger.createOrganisation(ctx, { id: 'hpn', kind: 'women', nameVi: 'Hội Liên hiệp Phụ nữ' });
  await app.ledger.createOrganisation(ctx, { id: 'ccb', kind: 'veterans', nameVi: 'Hội Cựu chiến binh' });
  for (const name of ['Đức Khê', 'Tuy Lai', 'Yến Vĩ']) await app.registry.addVillage(ctx, { name });
}

/** Names that look real, from the seeded generator the demo commune uses too. */
export {
  FAMILY,
  type FakePerson,
  fakePerson,
  GIVEN_FEMALE,
  GIVEN_MALE,
  MIDDLE_FEMALE,
  MIDDLE_MALE,
  rng,
} from '../../src/app/demo/names.ts';

export type Cell = string | number | Date | null;

/** Writes a workbook of named sheets, each a header row and data rows. */
export async function writeWorkbook(
  path: string,
  sheets: ReadonlyArray<{ name: string; rows: readonly (readonly Cell[])[] }>,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.rows) ws.addRow(row as Cell[]);
  }
  await wb.xlsx.writeFile(path);
}
