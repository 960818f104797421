/**
 * The demo's charity and relief funds (issue 8) carried out through `app.funds`, the service the
 * treasurers use: the funds with their phases and collection points, the commune's caps, donations
 * with their receipts, aid proposed by the organisation's treasurer and approved by the admin
 * (maker-checker), the flood relief sent on to the district. Runs after the loans' batches (the
 * fire's shock is registered there). docs/design/demo.md.
 */
import type { App } from '../../main/app.ts';
import type { Ctx } from '../context.ts';
import type { AidInput, TransferInput } from '../funds/funds.ts';
import { BOOKS, type CommunePlan, HOUSE_REPAIR_DONG, SOLIDARITY_HOUSE_DONG } from './plan.ts';

/** The treasurer who proposes, the admin who approves (src/app/demo/marker.ts). */
const CHECKER = 'quantri';

export async function loadFunds(
  app: App,
  plan: CommunePlan,
  on: (date: string, actor?: string) => Ctx,
  fire: { readonly household: string; readonly shockId: string },
): Promise<void> {
  const funds = app.funds;
  const mttq = (date: string) => on(date, 'thuquy-mttq');
  const hpn = (date: string) => on(date, 'thuquy-hpn');
  /** Proposed by `maker`, approved by the admin: what the two users do on the fund's page. */
  const approved = async (ctx: Ctx, proposal: Promise<{ body: unknown }>) => {
    const id = ((await proposal).body as { operation: { id: number } }).operation.id;
    await app.operations.approve({ ...ctx, actor: CHECKER }, id, null);
  };
  const aid = (ctx: Ctx, input: AidInput) => approved(ctx, funds.proposeAid(ctx, input));
  const transfer = (ctx: Ctx, input: TransferInput) => approved(ctx, funds.proposeTransfer(ctx, input));

  // The commune's caps (Hanoi 2022: 50,000,000 a solidarity house; the others are local choices).
  const setup = on('2024-01-02', 'quantri');
  await funds.setCap(setup, { purpose: 'house', amount: SOLIDARITY_HOUSE_DONG, from: '2022-01-01' });
  await funds.setCap(setup, { purpose: 'emergency', amount: 10_000_000, from: '2024-01-01' });
  await funds.setCap(setup, { purpose: 'women_children', amount: 10_000_000, from: '2024-01-01' });

  // --- For the Poor: 2023's balance brought forward, the campaign months of 2024 and 2025 ----------
  await funds.createFund(setup, {
    id: BOOKS.forThePoor,
    kind: 'for_the_poor',
    organisation: 'mttq',
    nameVi: 'Quỹ Vì người nghèo xã Hương Sơn',
    nameEn: 'For the Poor fund',
    purpose: 'Xây, sửa nhà Đại đoàn kết; hỗ trợ khẩn cấp; sinh kế',
    restrictedPurposes: ['house', 'emergency', 'livelihood'],
    opensOn: '2024-01-01',
    closesOn: '2025-12-31',
    phases: [
      { name: 'Tháng cao điểm Vì người nghèo 2024', startsOn: '2024-10-17', endsOn: '2024-11-18' },
      { name: 'Tháng cao điểm Vì người nghèo 2025', startsOn: '2025-10-17', endsOn: '2025-11-18' },
    ],
  });
  await app.ledger.post(mttq('2024-01-02'), [
    {
      book: BOOKS.forThePoor,
      date: '2024-01-02',
      kind: 'opening',
      memo: 'Số dư Quỹ Vì người nghèo năm 2023 chuyển sang',
      documentNo: null,
      postings: [
        { account: '111', amount: 620_000_000 },
        { account: '4311', amount: -620_000_000 },
      ],
    },
  ]);

  await funds.createFund(on('2025-09-10', 'thuquy-mttq'), {
    id: BOOKS.flood,
    kind: 'relief',
    organisation: 'mttq',
    nameVi: 'Ủng hộ đồng bào bị lũ lụt năm 2025',
    nameEn: 'Flood relief 2025',
    purpose: 'Ủng hộ đồng bào các tỉnh bị thiệt hại do bão lũ',
    restrictedPurposes: ['relief'],
    opensOn: '2025-09-10',
    closesOn: '2025-10-31',
    phases: [
      { name: 'Đợt 1', startsOn: '2025-09-10', endsOn: '2025-09-30' },
      { name: 'Đợt 2', startsOn: '2025-10-01', endsOn: '2025-10-31' },
    ],
  });

  const pointIds = plan.greenHousePoints.map((_, k) => `diem-${String(k + 1).padStart(2, '0')}`);
  await funds.createFund(hpn('2025-01-02'), {
    id: BOOKS.greenHouse,
    kind: 'collection',
    organisation: 'hpn',
    nameVi: 'Ngôi nhà xanh 2025',
    nameEn: 'Green House 2025',
    purpose: 'Hỗ trợ phụ nữ, trẻ em có hoàn cảnh khó khăn',
    restrictedPurposes: ['women_children'],
    opensOn: '2025-01-01',
    closesOn: '2025-12-31',
    points: plan.greenHousePoints.map((name, k) => ({ id: pointIds[k], name })),
  });

  // --- the year in date order: donations, houses, Green House aid, flood transfers -----------------
  type Step = { date: string; rank: number; run: () => Promise<unknown> };
  const steps: Step[] = [];
  const phaseOf = (fund: string, date: string): number | undefined => {
    if (fund === BOOKS.flood) return date <= '2025-09-30' ? 1 : 2;
    if (fund === BOOKS.forThePoor) {
      const md = date.slice(5);
      if (md >= '10-17' && md <= '11-18') return date < '2025-01-01' ? 1 : 2;
    }
    return undefined;
  };
  for (const d of plan.donations) {
    const green = d.book === BOOKS.greenHouse;
    const org = !d.donor.startsWith('Ông/bà ');
    steps.push({
      date: d.date,
      rank: 0,
      run: () =>
        funds.donate(green ? hpn(d.date) : mttq(d.date), {
          fund: d.book,
          date: d.date,
          donorKind: green || org ? 'organisation' : 'person',
          donorName: green ? `Hội viên ${d.donor}` : d.donor,
          form: 'cash',
          amount: d.amount,
          point: green ? pointIds[plan.greenHousePoints.indexOf(d.donor)] : undefined,
          phase: phaseOf(d.book, d.date),
          memo: d.documentNo,
        }),
    });
  }
  for (const h of plan.houses)
    steps.push({
      date: h.date,
      rank: 1,
      run: () =>
        aid(mttq(h.date), {
          fund: BOOKS.forThePoor,
          household: h.household,
          purpose: 'house',
          amount: h.repair ? HOUSE_REPAIR_DONG : SOLIDARITY_HOUSE_DONG,
          date: h.date,
          memo: h.repair ? 'Sửa nhà Đại đoàn kết' : 'Xây nhà Đại đoàn kết',
        }),
    });
  plan.shape.floodPhases.forEach((amount, k) => {
    const date = k === 0 ? '2025-09-30' : '2025-10-20';
    steps.push({
      date,
      rank: 1,
      run: () =>
        transfer(mttq(date), {
          fund: BOOKS.flood,
          recipient: 'Ban Cứu trợ Ủy ban MTTQ Việt Nam huyện Mỹ Đức',
          purpose: 'relief',
          amount,
          date,
          phase: k + 1,
          memo: `Chuyển tiền ủng hộ đồng bào bị lũ lụt (đợt ${k + 1})`,
        }),
    });
  });
  // Green House: support to disadvantaged women and children, twice a year.
  const greenTotal = plan.donations
    .filter((d) => d.book === BOOKS.greenHouse)
    .reduce((x, d) => x + d.amount, 0);
  plan.households
    .filter((h) => h.statuses.some((s) => s.status === 'near_poor'))
    .slice(0, 6)
    .forEach((h, k) => {
      const date = k < 3 ? '2025-06-01' : '2025-12-20';
      steps.push({
        date,
        rank: 1,
        run: () =>
          aid(hpn(date), {
            fund: BOOKS.greenHouse,
            household: h.id,
            purpose: 'women_children',
            amount: Math.floor(greenTotal / 12 / 100_000) * 100_000,
            date,
            memo: 'Hỗ trợ phụ nữ, trẻ em hoàn cảnh khó khăn',
          }),
      });
    });
  steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank));
  for (const s of steps) await s.run();

  // --- the fire of 14/12/2025: emergency aid, the appeal from the shock, the neighbours' gifts ------
  await aid(mttq('2025-12-15'), {
    fund: BOOKS.forThePoor,
    household: fire.household,
    purpose: 'emergency',
    amount: 10_000_000,
    date: '2025-12-15',
    shockId: fire.shockId,
    memo: 'Hỗ trợ khẩn cấp gia đình bị cháy nhà',
  });
  await funds.createFund(mttq('2025-12-15'), {
    id: BOOKS.fire,
    kind: 'emergency',
    organisation: 'mttq',
    nameVi: 'Ủng hộ gia đình bị cháy nhà thôn Đục Khê',
    nameEn: 'Appeal for the family whose house burned in Đục Khê',
    purpose: 'Giúp gia đình thương binh khắc phục hậu quả cháy nhà ngày 14/12/2025',
    opensOn: '2025-12-14',
    closesOn: '2025-12-31',
    shockId: fire.shockId,
  });
  const givers: Array<[string, string, number]> = [
    ['organisation', 'Nhân dân thôn Đục Khê', 42_500_000],
    ['person', 'Họ hàng gia đình', 15_000_000],
    ['person', 'Bà con lối xóm', 12_300_000],
    ['organisation', 'Chi hội Cựu chiến binh thôn Đục Khê', 5_000_000],
    ['organisation', 'Chi hội Phụ nữ thôn Đục Khê', 6_200_000],
    ['organisation', 'Đoàn Thanh niên xã', 3_500_000],
  ];
  let raised = 0;
  for (const [k, [kind, donor, amount]] of givers.entries()) {
    const date = `2025-12-${15 + k}`;
    raised += amount;
    await funds.donate(mttq(date), {
      fund: BOOKS.fire,
      date,
      donorKind: kind,
      donorName: donor,
      form: 'cash',
      amount,
    });
  }
  await aid(mttq('2025-12-22'), {
    fund: BOOKS.fire,
    household: fire.household,
    purpose: 'emergency',
    amount: raised,
    date: '2025-12-22',
    shockId: fire.shockId,
    memo: 'Trao tiền ủng hộ của bà con, họ hàng, lối xóm và các đoàn thể',
  });
}
