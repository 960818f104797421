/**
 * Every refusal of the funds is one specific code and writes nothing: the whole database (every
 * table of every area: journal, funds, operations, audit) is the same before and after.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import {
  aid,
  checker,
  entryLines,
  FIRE_HOUSEHOLD,
  HOUSE_HOUSEHOLDS,
  maker,
  openFloodRelief,
  openForThePoor,
  refusedCodes,
  seedFundsCommune,
} from './fixture.ts';

for (const engine of ENGINES) {
  describe(`fund refusals write nothing [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let shockId: string;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedFundsCommune(app);
      await openForThePoor(app);
      await openFloodRelief(app);
      shockId = (
        await app.registry.addShock(maker, {
          householdId: FIRE_HOUSEHOLD,
          kind: 'fire',
          occurredOn: '2025-12-14',
          description: 'Cháy nhà',
          lossDong: 150_000_000,
        })
      ).id;
      await app.funds.createFund(maker, {
        id: 'khan-cap-f01',
        kind: 'emergency',
        nameVi: 'Giúp gia đình bị cháy nhà',
        purpose: 'Khắc phục hậu quả cháy nhà',
        opensOn: '2025-12-14',
        closesOn: '2025-12-31',
        shockId,
      });
      // For the Poor holds 200,000,000 in cash (receipts 1 and 2); flood relief 50,000,000.
      await app.funds.donate(maker, {
        fund: 'vnn-2025',
        date: '2025-10-20',
        donorKind: 'business',
        donorName: 'Công ty A',
        amount: 150_000_000,
      });
      await app.funds.donate(maker, {
        fund: 'vnn-2025',
        date: '2025-10-21',
        donorKind: 'person',
        donorName: 'Ông B',
        amount: 50_000_000,
      });
      await app.funds.donate(maker, {
        fund: 'cuu-tro-lu-2025',
        date: '2025-09-12',
        donorKind: 'person',
        donorName: 'Bà C',
        amount: 50_000_000,
        phase: 1,
      });
      await app.funds.donate(maker, {
        fund: 'khan-cap-f01',
        date: '2025-12-15',
        donorKind: 'person',
        donorName: 'Hàng xóm D',
        amount: 3_000_000,
      });
      // HH-N01 already had 48,000,000 for its house (cap 50,000,000).
      await aid(app, {
        fund: 'vnn-2025',
        household: HOUSE_HOUSEHOLDS[0],
        purpose: 'house',
        amount: 48_000_000,
        date: '2025-11-20',
      });
    });
    after(async () => done());

    async function refusesCleanly(p: () => Promise<unknown>, code: string): Promise<void> {
      const beforeSnap = await snapshot(app.store);
      assert.deepEqual(await refusedCodes(p()), [code]);
      assert.equal(await snapshot(app.store), beforeSnap, `${code} wrote something`);
    }

    test('restricted money is not spent on another purpose', async () => {
      // The flood relief money is for relief only; a solidarity house is refused.
      await refusesCleanly(
        () =>
          app.funds.proposeAid(maker, {
            fund: 'cuu-tro-lu-2025',
            household: HOUSE_HOUSEHOLDS[1],
            purpose: 'house',
            amount: 10_000_000,
            date: '2025-10-01',
          }),
        'funds_purpose_restricted',
      );
      // For the Poor pays houses, emergency aid and livelihood: not a transfer for relief.
      await refusesCleanly(
        () =>
          app.funds.proposeTransfer(maker, {
            fund: 'vnn-2025',
            recipient: 'Huyện',
            purpose: 'relief',
            amount: 1_000_000,
            date: '2025-12-01',
          }),
        'funds_purpose_restricted',
      );
    });

    test('aid above the cap is refused, at the proposal and at the approval', async () => {
      // 50,000,001 > 50,000,000.
      await refusesCleanly(
        () =>
          app.funds.proposeAid(maker, {
            fund: 'vnn-2025',
            household: HOUSE_HOUSEHOLDS[1],
            purpose: 'house',
            amount: 50_000_001,
            date: '2025-12-01',
          }),
        'funds_aid_above_cap',
      );
      // HH-N01 had 48,000,000: 48,000,000 + 3,000,000 = 51,000,000 > 50,000,000; 2,000,000 fits.
      await refusesCleanly(
        () =>
          app.funds.proposeAid(maker, {
            fund: 'vnn-2025',
            household: HOUSE_HOUSEHOLDS[0],
            purpose: 'house',
            amount: 3_000_000,
            date: '2025-12-01',
          }),
        'funds_aid_above_cap',
      );
      // Two proposals of 30,000,000 each for HH-N03 are each within the cap; once the first is
      // paid, approving the second would make 60,000,000: refused, and the proposal stays open.
      const a = await app.funds.proposeAid(maker, {
        fund: 'vnn-2025',
        household: HOUSE_HOUSEHOLDS[2],
        purpose: 'house',
        amount: 30_000_000,
        date: '2025-12-01',
      });
      const b = await app.funds.proposeAid(maker, {
        fund: 'vnn-2025',
        household: HOUSE_HOUSEHOLDS[2],
        purpose: 'house',
        amount: 30_000_000,
        date: '2025-12-02',
      });
      const idOf = (r: { body: unknown }) => (r.body as { operation: { id: number } }).operation.id;
      await app.operations.approve(checker, idOf(a), null);
      await refusesCleanly(() => app.operations.approve(checker, idOf(b), null), 'funds_aid_above_cap');
      assert.equal((await app.operations.get(maker, idOf(b))).status, 'proposed');
    });

    test('the proposer cannot approve their own aid', async () => {
      const p = await app.funds.proposeAid(maker, {
        fund: 'vnn-2025',
        household: HOUSE_HOUSEHOLDS[3],
        purpose: 'house',
        amount: 40_000_000,
        date: '2025-12-01',
      });
      assert.equal(p.outcome, 'proposed');
      const id = (p.body as { operation: { id: number } }).operation.id;
      await refusesCleanly(() => app.operations.approve(maker, id, null), 'approver_is_proposer');
    });

    test('aid is proposed even when the commune set a threshold above it', async () => {
      await app.operations.setRule(maker, 'funds.aid', 1_000_000_000);
      const p = await app.funds.proposeAid(maker, {
        fund: 'vnn-2025',
        household: HOUSE_HOUSEHOLDS[4],
        purpose: 'house',
        amount: 1_000_000,
        date: '2025-12-01',
      });
      assert.equal(p.outcome, 'proposed');
    });

    test('no donation after the close (nor before the opening)', async () => {
      // Flood relief closed on 31/10/2025.
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'cuu-tro-lu-2025',
            date: '2025-11-01',
            donorKind: 'person',
            donorName: 'Bà E',
            amount: 1_000_000,
          }),
        'funds_fund_closed',
      );
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'cuu-tro-lu-2025',
            date: '2025-09-09',
            donorKind: 'person',
            donorName: 'Bà E',
            amount: 1_000_000,
          }),
        'funds_fund_not_open',
      );
      await refusesCleanly(
        () =>
          app.funds.pledge(maker, {
            fund: 'cuu-tro-lu-2025',
            date: '2025-11-02',
            donorKind: 'business',
            donorName: 'Công ty F',
            amount: 5_000_000,
          }),
        'funds_fund_closed',
      );
    });

    test('a receipt number is never used twice nor skipped', async () => {
      // For the Poor issued receipts 1 and 2: the next is 3.
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'vnn-2025',
            date: '2025-11-01',
            donorKind: 'person',
            donorName: 'Ông G',
            amount: 1_000_000,
            receiptNo: 2,
          }),
        'funds_receipt_no_used',
      );
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'vnn-2025',
            date: '2025-11-01',
            donorKind: 'person',
            donorName: 'Ông G',
            amount: 1_000_000,
            receiptNo: 5,
          }),
        'funds_receipt_no_gap',
      );
      const ok = await app.funds.donate(maker, {
        fund: 'vnn-2025',
        date: '2025-11-01',
        donorKind: 'person',
        donorName: 'Ông G',
        amount: 1_000_000,
        receiptNo: 3,
      });
      assert.equal(ok.documentNo, 'PT-vnn-2025-000003');
    });

    test('an emergency appeal pays only its household; cash cannot go below zero', async () => {
      await refusesCleanly(
        () =>
          app.funds.proposeAid(maker, {
            fund: 'khan-cap-f01',
            household: HOUSE_HOUSEHOLDS[5],
            purpose: 'emergency',
            amount: 1_000_000,
            date: '2025-12-16',
          }),
        'funds_beneficiary_not_appeal',
      );
      // The appeal holds 3,000,000: 3,000,001 would overdraw the cash.
      await refusesCleanly(
        () =>
          app.funds.proposeAid(maker, {
            fund: 'khan-cap-f01',
            household: FIRE_HOUSEHOLD,
            purpose: 'emergency',
            amount: 3_000_001,
            date: '2025-12-16',
          }),
        'balance_rule_broken',
      );
    });

    test('bad input names the field: unknown household, named anonymous donor, goods without description', async () => {
      await refusesCleanly(
        () =>
          app.funds.proposeAid(maker, {
            fund: 'vnn-2025',
            household: 'HH-NONE',
            purpose: 'house',
            amount: 1_000_000,
            date: '2025-12-01',
          }),
        'funds_household_unknown',
      );
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'vnn-2025',
            date: '2025-11-01',
            donorKind: 'anonymous',
            donorName: 'Ai đó',
            amount: 1_000,
          }),
        'funds_anonymous_named',
      );
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'vnn-2025',
            date: '2025-11-01',
            donorKind: 'person',
            donorName: 'Ông H',
            form: 'in_kind',
            amount: 1_000,
          }),
        'value_required',
      );
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'vnn-2025',
            date: '2025-11-01',
            donorKind: 'person',
            donorName: 'Ông H',
            amount: '1,5',
          }),
        'amount_not_whole_dong',
      );
      await refusesCleanly(
        () =>
          app.funds.createFund(maker, {
            id: 'khan-cap-x',
            kind: 'emergency',
            nameVi: 'X',
            purpose: 'X',
            opensOn: '2025-12-01',
            closesOn: '2025-12-31',
          }),
        'funds_appeal_needs_shock',
      );
    });

    test('a pledge is a memo until the money comes; a donation against it releases that much', async () => {
      const p = await app.funds.pledge(maker, {
        fund: 'vnn-2025',
        date: '2025-10-25',
        donorKind: 'business',
        donorName: 'Công ty H',
        amount: 10_000_000,
      });
      assert.equal(p.id, 'CK-0001');
      assert.deepEqual(await entryLines(app, p.entry), ['0081:CK-0001=10000000', '0089=-10000000']);
      // 6,000,000 received against it: 10,000,000 − 6,000,000 = 4,000,000 still pledged.
      const d = await app.funds.donate(maker, {
        fund: 'vnn-2025',
        date: '2025-10-30',
        donorKind: 'business',
        donorName: 'Công ty H',
        amount: 6_000_000,
        pledge: p.id,
      });
      assert.deepEqual(await entryLines(app, d.entry), [
        '0081:CK-0001=-6000000',
        '0089=6000000',
        '111=6000000',
        '5111=-6000000',
      ]);
      const f = await app.funds.fund(maker, 'vnn-2025');
      assert.deepEqual(
        f.pledges.map((x) => [x.id, x.amountDong, x.outstandingDong]),
        [['CK-0001', 10_000_000, 4_000_000]],
      );
      await refusesCleanly(
        () =>
          app.funds.donate(maker, {
            fund: 'vnn-2025',
            date: '2025-10-30',
            donorKind: 'business',
            donorName: 'Công ty H',
            amount: 1_000,
            pledge: 'CK-0099',
          }),
        'funds_pledge_unknown',
      );
    });
  });
}
