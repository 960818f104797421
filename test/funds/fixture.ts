/**
 * The commune of the funds tests: Hương Sơn with its Fatherland Front (MTTQ) and Women's Union,
 * two villages, the households the 2025 story names, the commune's caps, and three users: the
 * treasurer who proposes, the chair who approves, and the Women's Union's treasurer.
 */
import assert from 'node:assert/strict';
import type { Ctx } from '../../src/app/context.ts';
import type { AidInput, SpendingView, TransferInput } from '../../src/app/funds/funds.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import type { App } from '../../src/main/app.ts';
import { ctx as baseCtx, FIXED_NOW, TENANT } from '../helpers/fixtures.ts';

export { FIXED_NOW, TENANT };

/** Thủ quỹ MTTQ: records donations and proposes aid. */
export const maker: Ctx = { ...baseCtx, actor: 'thu-quy-mttq' };
/** Chủ tịch MTTQ: approves. */
export const checker: Ctx = { ...baseCtx, actor: 'chu-tich-mttq' };

/** The 22 households whose solidarity houses the For the Poor fund built or repaired. */
export const HOUSE_HOUSEHOLDS = Array.from({ length: 22 }, (_, i) => `HH-N${String(i + 1).padStart(2, '0')}`);
/** The first 7 of them are near-poor (the commune's 7 near-poor households, BRIEF §1). */
export const NEAR_POOR = HOUSE_HOUSEHOLDS.slice(0, 7);
/** The war invalid's family in Đức Khê whose house burned on 14/12/2025. */
export const FIRE_HOUSEHOLD = 'HH-F01';
/** Disadvantaged women the Green House supports. */
export const GREEN_HOUSE_HOUSEHOLDS = ['HH-W01', 'HH-W02'];

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Vũ Văn Em', 'Đỗ Thị Gấm'];

export async function seedFundsCommune(app: App): Promise<void> {
  await app.ledger.createTenant({ id: TENANT, name: 'Xã Hương Sơn' }, FIXED_NOW.toISOString());
  await app.ledger.createOrganisation(maker, {
    id: 'mttq',
    kind: 'fatherland_front',
    nameVi: 'Ủy ban MTTQ Việt Nam xã Hương Sơn',
    nameEn: 'Fatherland Front committee',
  });
  await app.ledger.createOrganisation(maker, { id: 'hpn', kind: 'women', nameVi: 'Hội Liên hiệp Phụ nữ xã' });
  await app.registry.addVillage(maker, { id: 'duc-khe', name: 'Đức Khê' });
  await app.registry.addVillage(maker, { id: 'thon-1', name: 'Thôn 1' });
  const all = [...HOUSE_HOUSEHOLDS, FIRE_HOUSEHOLD, ...GREEN_HOUSE_HOUSEHOLDS, 'HH-X01'];
  for (const [i, id] of all.entries())
    await app.registry.addHousehold(maker, {
      id,
      village: i % 2 === 0 ? 'duc-khe' : 'thon-1',
      head: { fullName: NAMES[i % NAMES.length]! },
    });
  for (const id of NEAR_POOR)
    await app.registry.setStatus(maker, { householdId: id, status: 'near_poor', decidedOn: '2024-12-10' });
  // Caps of the commune (Hanoi 2022: 50,000,000 a solidarity house; the others are local choices).
  await app.funds.setCap(maker, {
    purpose: 'house',
    amount: 50_000_000,
    from: '2022-01-01',
    documentNo: 'QĐ-12/2022',
  });
  await app.funds.setCap(maker, { purpose: 'emergency', amount: 10_000_000, from: '2024-01-01' });
  await app.funds.setCap(maker, { purpose: 'women_children', amount: 10_000_000, from: '2024-01-01' });
}

/** Proposes a spending as the treasurer and approves it as the chair; returns the paid voucher. */
export async function aid(app: App, input: AidInput): Promise<SpendingView> {
  const proposed = await app.funds.proposeAid(maker, input);
  assert.equal(proposed.outcome, 'proposed', 'aid is always proposed first');
  const id = (proposed.body as { operation: { id: number } }).operation.id;
  const approved = await app.operations.approve(checker, id, null);
  return (approved.body as { result: SpendingView }).result;
}

export async function transfer(app: App, input: TransferInput): Promise<SpendingView> {
  const proposed = await app.funds.proposeTransfer(maker, input);
  const id = (proposed.body as { operation: { id: number } }).operation.id;
  const approved = await app.operations.approve(checker, id, null);
  return (approved.body as { result: SpendingView }).result;
}

export async function refusedCodes(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RefusedError) return e.refusals.map((r) => r.code);
    throw e;
  }
  assert.fail('expected a refusal');
}

/** The postings of one journal entry as `account=amount`, sorted. */
export async function entryLines(app: App, ref: string): Promise<string[]> {
  const [book, seq] = ref.split('#');
  const e = await app.ledger.entry(maker, book!, Number(seq));
  return e.postings.map((p) => `${p.account}${p.party ? `:${p.party}` : ''}=${p.amount}`).sort();
}

/** For the Poor 2025 (Quỹ Vì người nghèo): houses, emergency aid and livelihood only. */
export async function openForThePoor(app: App): Promise<void> {
  await app.funds.createFund(maker, {
    id: 'vnn-2025',
    kind: 'for_the_poor',
    organisation: 'mttq',
    nameVi: 'Quỹ Vì người nghèo xã Hương Sơn năm 2025',
    nameEn: 'For the Poor fund 2025',
    purpose: 'Xây, sửa nhà Đại đoàn kết; hỗ trợ khẩn cấp; sinh kế',
    restrictedPurposes: ['house', 'emergency', 'livelihood'],
    opensOn: '2025-01-01',
    closesOn: '2025-12-31',
    phases: [{ name: 'Tháng cao điểm Vì người nghèo', startsOn: '2025-10-17', endsOn: '2025-11-18' }],
  });
}

/** Flood relief 2025 for other provinces, two phases, relief only. */
export async function openFloodRelief(app: App): Promise<void> {
  await app.funds.createFund(maker, {
    id: 'cuu-tro-lu-2025',
    kind: 'relief',
    organisation: 'mttq',
    nameVi: 'Ủng hộ đồng bào bị lũ lụt năm 2025',
    purpose: 'Ủng hộ đồng bào các tỉnh bị thiệt hại do bão lũ',
    restrictedPurposes: ['relief'],
    opensOn: '2025-09-10',
    closesOn: '2025-10-31',
    phases: [
      { name: 'Đợt 1', startsOn: '2025-09-10', endsOn: '2025-09-30' },
      { name: 'Đợt 2', startsOn: '2025-10-01', endsOn: '2025-10-31' },
    ],
  });
}

/** The Women's Union's Green House at 12 collection points, for women and children. */
export async function openGreenHouse(app: App): Promise<void> {
  await app.funds.createFund(maker, {
    id: 'ngoi-nha-xanh-2025',
    kind: 'collection',
    organisation: 'hpn',
    nameVi: 'Ngôi nhà xanh 2025',
    purpose: 'Hỗ trợ phụ nữ, trẻ em có hoàn cảnh khó khăn',
    restrictedPurposes: ['women_children'],
    opensOn: '2025-07-01',
    closesOn: '2025-12-31',
    points: Array.from({ length: 12 }, (_, i) => ({
      id: `diem-${String(i + 1).padStart(2, '0')}`,
      name: `Chi hội ${i + 1}`,
      village: i % 2 === 0 ? 'duc-khe' : 'thon-1',
    })),
  });
}
