/**
 * `soquy db copy` moves a commune's ledger from its SQLite file to another store (PostgreSQL when
 * it runs, and another SQLite file): the copy has the same trial balance, the same chain hashes,
 * the same closed periods, and `soquy verify` passes on it. Copying twice refuses and writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { App } from '../../src/main/app.ts';
import { cli } from '../helpers/cli.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedCommune } from '../helpers/fixtures.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { postVariedJournal } from '../helpers/stream.ts';

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

for (const target of ENGINES) {
  describe(`db copy from a SQLite file to ${target.kind}`, { skip: target.skip }, () => {
    let source: { app: App; location: string; done: () => Promise<void> };
    let dest: { app: App; location: string; done: () => Promise<void> };
    before(async () => {
      source = await freshApp(sqlite);
      await seedCommune(source.app);
      await postVariedJournal(source.app, 300);
      await source.app.ledger.reverse(ctx, { book: 'quy-htnd', seq: 3, date: '2025-12-31' });
      await source.app.ledger.closePeriod(ctx, { book: 'quy-htnd', through: '2025-06-30' });
      dest = await freshApp(target);
    });
    after(async () => {
      await source.done();
      await dest.done();
    });

    test('the copy has the same trial balance, chain heads and closed periods, and verifies', async () => {
      const r = await cli(['db', 'copy', '--from', source.location, '--to', dest.location, '--json']);
      assert.equal(r.code, 0, r.err + r.out);
      const [outcome] = JSON.parse(r.out);
      assert.equal(outcome.tenant, 'huong-son');
      assert.equal(outcome.report.entries, 302);
      assert.ok(outcome.heads.every((h: { same: boolean }) => h.same));
      assert.equal(outcome.trialBalanceSame, true);
      assert.equal(outcome.verified, true);
      const a = await source.app.ledger.books(ctx);
      const b = await dest.app.ledger.books(ctx);
      assert.deepEqual(b, a);
      assert.deepEqual(
        await dest.app.ledger.trialBalance(ctx, { asOf: '2025-06-30' }),
        await source.app.ledger.trialBalance(ctx, { asOf: '2025-06-30' }),
      );
      assert.deepEqual(
        await dest.app.ledger.journal(ctx, { limit: 1000 }),
        await source.app.ledger.journal(ctx, { limit: 1000 }),
      );
      const v = await cli(['--db', dest.location, 'verify']);
      assert.equal(v.code, 0, v.out);
      // The closed period holds in the copy too.
      const late = await cli([
        '--db',
        dest.location,
        'post',
        '--book',
        'quy-htnd',
        '--date',
        '2025-06-30',
        '--debit',
        '112=1',
        '--credit',
        '4112=1',
      ]);
      assert.equal(late.code, 1);
      assert.match(late.err, /period_closed/);
    });

    test('copying the same commune again is refused and writes nothing', async () => {
      const before = await snapshot(dest.app.store);
      const r = await cli(['db', 'copy', '--from', source.location, '--to', dest.location]);
      assert.equal(r.code, 1);
      assert.match(r.err, /Xã = "huong-son": đã có, không tạo lại \[already_exists\]/);
      assert.equal(await snapshot(dest.app.store), before);
    });
  });
}
