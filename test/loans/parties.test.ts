/**
 * The default registry lookup (`TableLoanParties`) on every engine: with no registry tables it
 * accepts any id (a database made before the registry); once the registry's `household` and
 * `shock_event` tables exist (created here in the shape the registry's design note gives), it
 * answers from them: archived households and another household's shock are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TableLoanParties } from '../../src/app/loans/parties.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, TENANT } from '../helpers/fixtures.ts';

for (const engine of ENGINES) {
  describe(`loans ask the registry's tables [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
    });
    after(() => done());

    test('without registry tables any well-formed id is accepted', async () => {
      const parties = new TableLoanParties(app.store);
      assert.equal(await parties.householdExists(ctx, 'HH-0001'), true);
      assert.equal(await parties.shockExists(ctx, 'SK-000001', 'HH-0001'), true);
    });

    test('with them, households and shocks are looked up', async () => {
      for (const statement of [
        `CREATE TABLE household (tenant_id TEXT NOT NULL, id TEXT NOT NULL, village_id TEXT, archived_on TEXT, PRIMARY KEY (tenant_id, id))`,
        `CREATE TABLE shock_event (tenant_id TEXT NOT NULL, id TEXT NOT NULL, household_id TEXT, kind TEXT, PRIMARY KEY (tenant_id, id))`,
        `INSERT INTO household VALUES ('${TENANT}', 'HH-0001', 'duc-khe', NULL), ('${TENANT}', 'HH-0002', 'duc-khe', '2025-01-01')`,
        `INSERT INTO shock_event VALUES ('${TENANT}', 'SK-000001', 'HH-0001', 'fire')`,
      ])
        await sql.raw(statement).execute(app.store.db);
      const parties = new TableLoanParties(app.store);
      assert.equal(await parties.householdExists(ctx, 'HH-0001'), true);
      assert.equal(await parties.householdExists(ctx, 'HH-0002'), false); // archived
      assert.equal(await parties.householdExists(ctx, 'HH-9999'), false);
      assert.equal(await parties.householdExists({ ...ctx, tenant: 'other' }, 'HH-0001'), false);
      assert.equal(await parties.shockExists(ctx, 'SK-000001', 'HH-0001'), true);
      assert.equal(await parties.shockExists(ctx, 'SK-000001', 'HH-0003'), false); // another household's
      assert.equal(await parties.shockExists(ctx, 'SK-000009'), false);
    });
  });
}
