/**
 * The 2025 story of Hương Sơn (BRIEF §1, §5): the For the Poor fund builds or repairs 22
 * solidarity houses for more than 1.05 billion đ, flood relief of more than 313 million đ is sent
 * in two phases, a war invalid's house burns on 14/12 and gets emergency aid at once and then the
 * neighbours' contributions, and the Women's Union collects at 12 Green House points. The
 * disclosure reports say exactly what went in and out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import {
  aid,
  checker,
  entryLines,
  FIRE_HOUSEHOLD,
  GREEN_HOUSE_HOUSEHOLDS,
  HOUSE_HOUSEHOLDS,
  maker,
  NEAR_POOR,
  openFloodRelief,
  openForThePoor,
  openGreenHouse,
  seedFundsCommune,
  transfer,
} from './fixture.ts';

for (const engine of ENGINES) {
  describe(`the 2025 story of the commune's funds [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let shockId: string;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedFundsCommune(app);
      shockId = (
        await app.registry.addShock(maker, {
          householdId: FIRE_HOUSEHOLD,
          kind: 'fire',
          occurredOn: '2025-12-14',
          description: 'Cháy nhà, gia đình thương binh thôn Đức Khê',
          lossDong: 150_000_000,
        })
      ).id;
    });
    after(async () => done());

    test('For the Poor: donations in, 22 solidarity houses and the fire aid out, disclosure exact', async () => {
      await openForThePoor(app);
      const f = 'vnn-2025';
      // Received: 500,000,000 (business, bank) + 300,000,000 (organisation, bank)
      //         + 40 × 5,000,000 = 200,000,000 (people, cash) + 100,000,000 (anonymous, cash)
      //         + 50,000,000 (a named person who asked not to be named, cash) = 1,150,000,000.
      const first = await app.funds.donate(maker, {
        fund: f,
        date: '2025-10-20',
        donorKind: 'business',
        donorName: 'Công ty TNHH Xây dựng Hương Sơn',
        form: 'bank',
        amount: '500.000.000',
        phase: 1,
      });
      assert.equal(first.receiptNo, 1);
      assert.equal(first.documentNo, 'PT-vnn-2025-000001');
      assert.deepEqual(await entryLines(app, first.entry), ['112=500000000', '5111=-500000000']);
      await app.funds.donate(maker, {
        fund: f,
        date: '2025-10-25',
        donorKind: 'organisation',
        donorName: 'Ngân hàng Nông nghiệp chi nhánh Mỹ Đức',
        form: 'bank',
        amount: 300_000_000,
        phase: 1,
      });
      for (let i = 1; i <= 40; i++)
        await app.funds.donate(maker, {
          fund: f,
          date: '2025-11-0' + String(1 + (i % 9)),
          donorKind: 'person',
          donorName: `Cán bộ, hội viên số ${i}`,
          form: 'cash',
          amount: 5_000_000,
        });
      await app.funds.donate(maker, {
        fund: f,
        date: '2025-11-10',
        donorKind: 'anonymous',
        amount: 100_000_000,
      });
      const hidden = await app.funds.donate(maker, {
        fund: f,
        date: '2025-11-12',
        donorKind: 'person',
        donorName: 'Trần Văn Kín',
        donorIdNo: '001085012345',
        anonymous: true,
        amount: 50_000_000,
      });
      // Receipts are gapless: 2 + 40 + 1 + 1 = 44.
      assert.equal(hidden.receiptNo, 44);

      // Houses: 21 × 48,000,000 = 1,008,000,000 + one repair of 44,000,000 = 1,052,000,000.
      // The first 16 by bank (16 × 48,000,000 = 768,000,000), the rest in cash.
      for (const [i, hh] of HOUSE_HOUSEHOLDS.entries()) {
        const v = await aid(app, {
          fund: f,
          household: hh,
          purpose: 'house',
          amount: i === 21 ? 44_000_000 : 48_000_000,
          date: '2025-12-01',
          form: i < 16 ? 'bank' : 'cash',
          memo: i === 21 ? 'Sửa nhà' : 'Xây nhà Đại đoàn kết',
        });
        assert.equal(v.voucherNo, i + 1);
        assert.equal(v.proposedBy, maker.actor);
        assert.equal(v.approvedBy, checker.actor);
      }
      // The fire: 5,000,000 emergency aid in cash the same day, linked to the shock.
      const fire = await aid(app, {
        fund: f,
        household: FIRE_HOUSEHOLD,
        purpose: 'emergency',
        amount: 5_000_000,
        date: '2025-12-14',
        shockId,
      });
      assert.deepEqual(await entryLines(app, fire.entry), ['111=-5000000', '6112=5000000']);
      assert.equal(fire.documentNo, 'PC-vnn-2025-000023');
      const entry = await app.ledger.entry(maker, 'vnn-2025', Number(fire.entry.split('#')[1]));
      assert.equal(entry.actor, 'thu-quy-mttq/chu-tich-mttq');

      const d = await app.funds.disclosure(maker, f, { from: '2025-01-01', to: '2025-12-31' });
      assert.equal(d.openingDong, 0);
      assert.equal(d.received.totalDong, 1_150_000_000);
      assert.equal(d.received.inKindDong, 0);
      assert.deepEqual(
        d.received.byDonor.slice(0, 2).map((l) => [l.donorName, l.amountDong]),
        [
          ['Công ty TNHH Xây dựng Hương Sơn', 500_000_000],
          ['Ngân hàng Nông nghiệp chi nhánh Mỹ Đức', 300_000_000],
        ],
      );
      assert.equal(d.received.byDonor.length, 2 + 40);
      // Anonymous: 100,000,000 + 50,000,000 (asked) = 150,000,000 in 2 donations.
      assert.deepEqual(d.received.anonymous, { donations: 2, amountDong: 150_000_000 });
      assert.ok(!d.received.byDonor.some((l) => l.donorName === 'Trần Văn Kín'));
      assert.deepEqual(d.received.byPhase, [{ key: '1', count: 2, amountDong: 800_000_000 }]);
      // Spent: 1,052,000,000 houses + 5,000,000 emergency = 1,057,000,000.
      assert.equal(d.spent.totalDong, 1_057_000_000);
      assert.deepEqual(
        d.spent.byPurpose.map((l) => [l.key, l.count, l.households, l.amountDong]),
        [
          ['house', 22, 22, 1_052_000_000],
          ['emergency', 1, 1, 5_000_000],
        ],
      );
      // Near-poor: 7 × 48,000,000 = 336,000,000; other: 14 × 48,000,000 + 44,000,000 + 5,000,000
      // = 721,000,000 over 15 house households and the fire household.
      assert.deepEqual(
        d.spent.byCategory.map((l) => [l.key, l.households, l.amountDong]),
        [
          ['other', 16, 721_000_000],
          ['near_poor', NEAR_POOR.length, 336_000_000],
        ],
      );
      // Closing: 1,150,000,000 − 1,057,000,000 = 93,000,000
      // (cash 350,000,000 − 6 × 48,000,000 + … : bank 800 − 768 = 32 million, cash 61 million).
      assert.equal(d.closingDong, 93_000_000);
      assert.deepEqual(d.journal, { receivedDong: 1_150_000_000, spentDong: 1_057_000_000 });
      assert.equal(d.reconciled, true);
      const cash = await app.ledger.balance(maker, { book: f, account: '111' });
      const bank = await app.ledger.balance(maker, { book: f, account: '112' });
      assert.deepEqual([cash.balance, bank.balance], [61_000_000, 32_000_000]);
    });

    test('flood relief: 313,500,000 collected and sent on in two phases, nothing left', async () => {
      await openFloodRelief(app);
      const f = 'cuu-tro-lu-2025';
      // Phase 1: 45,500,000 + 35,000,000 + 20 × 5,000,000 = 180,500,000.
      await app.funds.donate(maker, {
        fund: f,
        date: '2025-09-12',
        donorKind: 'organisation',
        donorName: 'Cán bộ, công chức xã',
        amount: 45_500_000,
        phase: 1,
      });
      await app.funds.donate(maker, {
        fund: f,
        date: '2025-09-15',
        donorKind: 'organisation',
        donorName: 'Trường THCS Hương Sơn',
        amount: 35_000_000,
        phase: 1,
      });
      for (let i = 1; i <= 20; i++)
        await app.funds.donate(maker, {
          fund: f,
          date: '2025-09-20',
          donorKind: 'person',
          donorName: `Người dân thôn Đức Khê ${i}`,
          amount: 5_000_000,
          phase: 1,
        });
      const p1 = await transfer(app, {
        fund: f,
        recipient: 'Ban Cứu trợ UBMTTQ Việt Nam huyện Mỹ Đức',
        purpose: 'relief',
        amount: 180_500_000,
        date: '2025-09-30',
        phase: 1,
      });
      assert.deepEqual(await entryLines(app, p1.entry), ['111=-180500000', '6116=180500000']);
      // Phase 2: 100,000,000 (bank) + 33,000,000 (cash) = 133,000,000.
      await app.funds.donate(maker, {
        fund: f,
        date: '2025-10-05',
        donorKind: 'business',
        donorName: 'Công ty CP May Hương Sơn',
        form: 'bank',
        amount: 100_000_000,
        phase: 2,
      });
      await app.funds.donate(maker, {
        fund: f,
        date: '2025-10-08',
        donorKind: 'organisation',
        donorName: 'Hội Liên hiệp Phụ nữ xã',
        amount: 33_000_000,
        phase: 2,
      });
      await transfer(app, {
        fund: f,
        recipient: 'Ban Cứu trợ UBMTTQ Việt Nam huyện Mỹ Đức',
        purpose: 'relief',
        amount: 100_000_000,
        date: '2025-10-31',
        form: 'bank',
        phase: 2,
      });
      await transfer(app, {
        fund: f,
        recipient: 'Ban Cứu trợ UBMTTQ Việt Nam huyện Mỹ Đức',
        purpose: 'relief',
        amount: 33_000_000,
        date: '2025-10-31',
        phase: 2,
      });
      const d = await app.funds.disclosure(maker, f, { from: '2025-09-10', to: '2025-12-31' });
      // 180,500,000 + 133,000,000 = 313,500,000 in; the same out; closing 0.
      assert.equal(d.received.totalDong, 313_500_000);
      assert.deepEqual(
        d.received.byPhase.map((l) => [l.key, l.count, l.amountDong]),
        [
          ['1', 22, 180_500_000],
          ['2', 2, 133_000_000],
        ],
      );
      assert.equal(d.spent.totalDong, 313_500_000);
      assert.deepEqual(
        d.spent.transfers.map((t) => [t.phaseNo, t.amountDong]),
        [
          [1, 180_500_000],
          [2, 100_000_000],
          [2, 33_000_000],
        ],
      );
      assert.deepEqual(d.spent.byPurpose, []);
      assert.equal(d.closingDong, 0);
      assert.equal(d.reconciled, true);
      // Phase 1 alone (10/09 – 30/09): 180,500,000 in and out.
      const p1only = await app.funds.disclosure(maker, f, { from: '2025-09-10', to: '2025-09-30' });
      assert.deepEqual(
        [p1only.received.totalDong, p1only.spent.totalDong, p1only.closingDong],
        [180_500_000, 180_500_000, 0],
      );
    });

    test('the fire: an emergency appeal from the shock, neighbours give, all of it reaches the family', async () => {
      const appeal = await app.funds.createFund(maker, {
        id: 'khan-cap-f01',
        kind: 'emergency',
        organisation: 'mttq',
        nameVi: 'Vận động giúp gia đình thương binh bị cháy nhà',
        purpose: 'Giúp gia đình khắc phục hậu quả cháy nhà ngày 14/12/2025',
        opensOn: '2025-12-14',
        closesOn: '2025-12-31',
        shockId,
      });
      assert.equal(appeal.householdId, FIRE_HOUSEHOLD);
      assert.deepEqual(appeal.restrictedPurposes, ['emergency']);
      const f = appeal.id;
      // Neighbours and relatives: 2,000,000 + 1,500,000 + 5,000,000 + 6,500,000 + 1,000,000
      // (anonymous) = 16,000,000 in money; 50 bags of cement valued 4,500,000 in kind.
      const gifts: Array<[string, string | undefined, number]> = [
        ['person', 'Nguyễn Văn Hàng (hàng xóm)', 2_000_000],
        ['person', 'Lê Thị Xóm (hàng xóm)', 1_500_000],
        ['person', 'Phạm Văn Họ (họ hàng)', 5_000_000],
        ['organisation', 'Nhân dân thôn Đức Khê', 6_500_000],
        ['anonymous', undefined, 1_000_000],
      ];
      for (const [kind, name, amount] of gifts)
        await app.funds.donate(maker, {
          fund: f,
          date: '2025-12-15',
          donorKind: kind,
          donorName: name,
          amount,
        });
      const cement = await app.funds.donate(maker, {
        fund: f,
        date: '2025-12-16',
        donorKind: 'business',
        donorName: 'Cửa hàng VLXD Minh Phát',
        form: 'in_kind',
        inKindDescription: '50 bao xi măng PCB40',
        amount: 4_500_000,
      });
      assert.deepEqual(await entryLines(app, cement.entry), ['1521=4500000', '5112=-4500000']);
      // Handed over: all 16,000,000 in cash (above the 10,000,000 emergency cap, which does not
      // bind an appeal paying its own household) and the cement.
      await aid(app, {
        fund: f,
        household: FIRE_HOUSEHOLD,
        purpose: 'emergency',
        amount: 16_000_000,
        date: '2025-12-18',
        shockId,
      });
      const goods = await aid(app, {
        fund: f,
        household: FIRE_HOUSEHOLD,
        purpose: 'emergency',
        amount: 4_500_000,
        date: '2025-12-18',
        form: 'in_kind',
        shockId,
      });
      assert.deepEqual(await entryLines(app, goods.entry), ['1521=-4500000', '6112=4500000']);

      const d = await app.funds.disclosure(maker, f, { to: '2025-12-20' });
      assert.equal(d.received.moneyDong, 16_000_000);
      assert.equal(d.received.inKindDong, 4_500_000);
      assert.deepEqual(d.received.inKind, [
        {
          date: '2025-12-16',
          donorName: 'Cửa hàng VLXD Minh Phát',
          description: '50 bao xi măng PCB40',
          amountDong: 4_500_000,
        },
      ]);
      assert.deepEqual(d.received.anonymous, { donations: 1, amountDong: 1_000_000 });
      assert.equal(d.spent.totalDong, 20_500_000);
      assert.equal(d.closingDong, 0);
      assert.equal(d.reconciled, true);

      // The household's page: every aid it received. 5,000,000 (For the Poor) + 16,000,000
      // + 4,500,000 (appeal) = 25,500,000.
      const h = await app.funds.aidReceivedByHousehold(maker, FIRE_HOUSEHOLD, '2025-12-31');
      assert.equal(h.totalDong, 25_500_000);
      assert.deepEqual(
        h.aids.map((a) => [a.fund, a.date, a.amountDong, a.shock]),
        [
          ['vnn-2025', '2025-12-14', 5_000_000, shockId],
          ['khan-cap-f01', '2025-12-18', 16_000_000, shockId],
          ['khan-cap-f01', '2025-12-18', 4_500_000, shockId],
        ],
      );
      // As of the day of the fire only the For the Poor aid had arrived.
      assert.equal(
        (await app.funds.aidReceivedByHousehold(maker, FIRE_HOUSEHOLD, '2025-12-14')).totalDong,
        5_000_000,
      );
    });

    test('the Green House: 12 points collect 18,000,000, two women are supported', async () => {
      await openGreenHouse(app);
      const f = 'ngoi-nha-xanh-2025';
      // Each point: a box of 1,000,000 (anonymous) and a member's 500,000: 12 × 1,500,000 = 18,000,000.
      for (let i = 1; i <= 12; i++) {
        const point = `diem-${String(i).padStart(2, '0')}`;
        await app.funds.donate(maker, {
          fund: f,
          date: '2025-09-01',
          donorKind: 'anonymous',
          amount: 1_000_000,
          point,
        });
        await app.funds.donate(maker, {
          fund: f,
          date: '2025-09-02',
          donorKind: 'person',
          donorName: `Hội viên chi hội ${i}`,
          amount: 500_000,
          point,
        });
      }
      for (const hh of GREEN_HOUSE_HOUSEHOLDS)
        await aid(app, {
          fund: f,
          household: hh,
          purpose: 'women_children',
          amount: 6_000_000,
          date: '2025-12-05',
        });
      const act = await app.funds.fundActivity(maker, f, { from: '2025-07-01', to: '2025-12-31' });
      assert.equal(act.receivedDong, 18_000_000);
      assert.equal(act.spentDong, 12_000_000);
      assert.equal(act.donations.length, 24);
      const d = await app.funds.disclosure(maker, f, { to: '2025-12-31' });
      assert.equal(d.received.byPoint.length, 12);
      assert.ok(d.received.byPoint.every((p) => p.count === 2 && p.amountDong === 1_500_000));
      assert.deepEqual(d.received.anonymous, { donations: 12, amountDong: 12_000_000 });
      // 18,000,000 − 12,000,000 = 6,000,000 left for next year.
      assert.equal(d.closingDong, 6_000_000);
      assert.equal(d.reconciled, true);
      const list = await app.funds.funds(maker);
      assert.deepEqual(list.map((x) => [x.id, x.balanceDong]).sort(), [
        ['cuu-tro-lu-2025', 0],
        ['khan-cap-f01', 0],
        ['ngoi-nha-xanh-2025', 6_000_000],
        ['vnn-2025', 93_000_000],
      ]);
    });
  });
}
