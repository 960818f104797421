/**
 * A Women's Union savings group to test against: the union, a village, `n` member households
 * (heads are the members; the last one is a man, so % women is checkable), a VSLA group and its
 * book made from the `savings-group` template.
 */
import { RefusedError } from '../../src/domain/refusal.ts';
import type { MeetingLine } from '../../src/domain/savings/meeting.ts';
import type { App } from '../../src/main/app.ts';
import { ctx, seedCommune } from '../helpers/fixtures.ts';

export { ctx };

export const WU = 'hlhpn';

export async function seedUnion(app: App): Promise<void> {
  await seedCommune(app);
  await app.ledger.createOrganisation(ctx, {
    id: WU,
    kind: 'womens_union',
    nameVi: 'Hội Liên hiệp Phụ nữ xã Hương Sơn',
    nameEn: 'Women’s Union',
  });
  await app.registry.addVillage(ctx, { id: 'duc-khe', name: 'Đức Khê' });
}

const GIVEN = ['Lan', 'Hoa', 'Cúc', 'Mai', 'Đào', 'Hồng', 'Huệ', 'Thu', 'Hạnh', 'Nga', 'Yến', 'Loan'];

/** A group `g` with members `${g}-P01…` joined on `joinedOn`; its book is `so-${g}`. */
export async function seedGroup(
  app: App,
  g: string,
  n: number,
  opts: { joinedOn?: string; lastIsMan?: boolean } = {},
): Promise<{ group: string; book: string; members: string[] }> {
  const members: string[] = [];
  for (let i = 1; i <= n; i++) {
    const pid = `${g}-P${String(i).padStart(2, '0')}`;
    const man = opts.lastIsMan === true && i === n;
    await app.registry.addHousehold(ctx, {
      id: `${g}-H${String(i).padStart(2, '0')}`,
      village: 'duc-khe',
      head: {
        id: pid,
        fullName: man ? `Nguyễn Văn ${GIVEN[i % GIVEN.length]}` : `Nguyễn Thị ${GIVEN[i % GIVEN.length]}`,
        sex: man ? 'Nam' : 'Nữ',
      },
    });
    members.push(pid);
  }
  await app.registry.addGroup(ctx, {
    id: g,
    kind: 'vsla',
    organisation: WU,
    village: 'duc-khe',
    name: `Tổ tiết kiệm ${g}`,
    foundedOn: '2025-01-01',
  });
  for (const m of members)
    await app.registry.joinGroup(ctx, { group: g, personId: m, on: opts.joinedOn ?? '2025-12-01' });
  const book = `so-${g.toLowerCase()}`;
  await app.ledger.createBook(ctx, { code: book, template: 'savings-group', organisation: WU });
  return { group: g, book, members };
}

/** Lines where every member is present and buys `shares(i)` shares and pays the social fund. */
export function plainLines(
  members: readonly string[],
  shares: (i: number) => number,
  social: number,
): MeetingLine[] {
  return members.map((member, i) => ({ member, present: true, shares: shares(i), social }));
}

/** The savings tests act in 2026–2027: a clock after the cycle they record. */
export const sctx = { ...ctx, now: () => new Date('2027-01-15T03:00:00.000Z') };

/** Refusals of a call that must be refused. */
export async function refusalsOf(
  p: Promise<unknown>,
): Promise<Array<{ code: string; field: string; row?: number }>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RefusedError)
      return e.refusals.map((r) =>
        r.row === undefined ? { code: r.code, field: r.field } : { code: r.code, field: r.field, row: r.row },
      );
    throw e;
  }
  throw new Error('expected a refusal');
}
