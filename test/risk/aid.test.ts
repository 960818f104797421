/**
 * Aid already received, from the funds area: the Fatherland Front pays the fire household
 * 5.000.000 đ of emergency aid from the For the Poor fund (proposed by the treasurer, approved by
 * the chair); the household's why view then shows it with its journal entry, and the emergency-aid
 * step links that entry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Ctx } from '../../src/app/context.ts';
import type { SpendingView } from '../../src/app/funds/funds.ts';
import { reasonText } from '../../src/app/risk/texts.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, FIRE, seedRisk } from './fixture.ts';

const maker: Ctx = { ...ctx, actor: 'thu-quy-mttq' };
const checker: Ctx = { ...ctx, actor: 'chu-tich-mttq' };

for (const engine of ENGINES) {
  describe(`aid received, from the funds area [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let fireShock: string;
    let paid: SpendingView;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      ({ fireShock } = await seedRisk(app));
      await app.ledger.createOrganisation(maker, {
        id: 'mttq',
        kind: 'fatherland_front',
        nameVi: 'Ủy ban MTTQ xã',
      });
      await app.funds.setCap(maker, { purpose: 'emergency', amount: 10_000_000, from: '2024-01-01' });
      await app.funds.createFund(maker, {
        id: 'vnn-2025',
        kind: 'for_the_poor',
        organisation: 'mttq',
        nameVi: 'Quỹ Vì người nghèo xã năm 2025',
        purpose: 'Hỗ trợ khẩn cấp',
        restrictedPurposes: ['emergency'],
        opensOn: '2025-01-01',
        closesOn: '2025-12-31',
      });
      await app.funds.donate(maker, {
        fund: 'vnn-2025',
        date: '2025-11-01',
        donorKind: 'anonymous',
        amount: 20_000_000,
      });
      const proposed = await app.funds.proposeAid(maker, {
        fund: 'vnn-2025',
        household: FIRE,
        purpose: 'emergency',
        amount: 5_000_000,
        date: '2025-12-15',
        shockId: fireShock,
      });
      const id = (proposed.body as { operation: { id: number } }).operation.id;
      paid = ((await app.operations.approve(checker, id, null)).body as { result: SpendingView }).result;
    });
    after(() => done());

    test('the aid is a reason with its entry; the emergency-aid step links that entry', async () => {
      const why = await app.risk.why(ctx, FIRE, { asOf: '2025-12-20' });
      const aid = why.assessment.reasons.find((r) => r.code === 'risk_aid');
      assert.ok(aid, 'aid received is a reason');
      assert.equal(aid.weight, 10);
      // The aid window: 12 months back from 20/12/2025, from 21/12/2024.
      assert.equal(reasonText(aid, 'vi'), 'Đã nhận hỗ trợ 5.000.000 ₫ (1 lần) từ 21/12/2024');
      const [book, seq] = paid.entry.split('#');
      assert.deepEqual(aid.figures[0]!.source, { kind: 'aid', entries: [{ book, seq: Number(seq) }] });
      // Before the payment there was no aid.
      const before = await app.risk.why(ctx, FIRE, { asOf: '2025-12-14' });
      assert.equal(
        before.assessment.reasons.find((r) => r.code === 'risk_aid'),
        undefined,
      );

      const step = await app.risk.recordStep(ctx, {
        household: FIRE,
        kind: 'emergency_aid',
        date: '2025-12-15',
        book: 'vnn-2025',
        amount: 5_000_000,
        entry: paid.entry,
        shockId: fireShock,
      });
      assert.deepEqual(step.entry, { book, seq: Number(seq) });
    });
  });
}
