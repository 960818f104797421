/**
 * Loans ask the registry who may borrow: an unknown or archived household is refused, and a risk
 * treatment's shock must be that household's own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { registryParties } from '../../src/app/loans/parties.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx } from '../helpers/fixtures.ts';
import { seedLoans } from './fixture.ts';

for (const engine of ENGINES) {
  describe(`loans ask the registry [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedLoans(app);
      await app.registry.archiveHousehold(ctx, 'HH-031', { on: '2025-06-30', reason: 'Chuyển đi nơi khác' });
    });
    after(() => done());

    test('households and shocks are looked up in the registry', async () => {
      const parties = registryParties(app.registry);
      assert.equal(await parties.householdExists(ctx, 'HH-004'), true);
      assert.equal(await parties.householdExists(ctx, 'HH-031'), false); // archived
      assert.equal(await parties.householdExists(ctx, 'HH-9999'), false);
      assert.equal(await parties.householdExists({ ...ctx, tenant: 'other' }, 'HH-004'), false);
      assert.equal(await parties.shockExists(ctx, 'SK-000001', 'HH-004'), true); // the fire at HH-004
      assert.equal(await parties.shockExists(ctx, 'SK-000001', 'HH-003'), false); // another household's
      assert.equal(await parties.shockExists(ctx, 'SK-000001'), true);
      assert.equal(await parties.shockExists(ctx, 'SK-000009'), false);
    });
  });
}
