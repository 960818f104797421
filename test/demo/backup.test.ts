/**
 * Backup and restore round trip on the demo commune (issue 13, must show 4): the whole of Hương
 * Sơn's 2025 — registry, loans of three programmes, fund books, users, the audit log — backed up
 * with `soquy backup` while open and restored with `soquy restore`, into SQLite and into an empty
 * PostgreSQL schema. The restored database has the same chain heads, the same trial balances
 * (overall, per book, mid-year), the same loan portfolio on 31/12/2025, a verifying audit chain,
 * and `soquy verify` passes; SQLite to SQLite the whole content is identical.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../src/app/demo/load.ts';
import { type App, openApp } from '../../src/main/app.ts';
import { cli } from '../helpers/cli.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';

const ctx = { tenant: 'huong-son', actor: 'kiemtra', now: () => new Date('2026-01-05T03:00:00Z') };
const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

/** What a treasurer or an auditor compares after a restore. */
async function figures(app: App) {
  const books = await app.ledger.books(ctx);
  return {
    books,
    trialBalance: await app.ledger.trialBalance(ctx),
    trialBalanceMidYear: await app.ledger.trialBalance(ctx, { asOf: '2025-06-30' }),
    perBook: await Promise.all(books.map((b) => app.ledger.trialBalance(ctx, { book: b.code }))),
    portfolio: await app.loans.portfolio(ctx, { asOf: '2025-12-31', by: 'organisation' }),
    audit: await app.audit.verify(ctx),
  };
}

describe('backup and restore round trip on the demo commune', { skip: sqlite.skip }, () => {
  let world: { app: App; location: string; done: () => Promise<void> };
  let dir: string;
  let backupFile: string;
  before(async () => {
    world = await freshApp(sqlite);
    await loadDemo(world.app);
    dir = mkdtempSync(join(tmpdir(), 'soquy-demo-backup-'));
    backupFile = join(dir, 'huong-son.db');
    const r = await cli(['--db', world.location, 'backup', '--out', backupFile, '--json']);
    assert.equal(r.code, 0, r.err);
  });
  after(async () => {
    await world.done();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const target of ENGINES)
    test(`restored into ${target.kind}: the same heads, trial balances, portfolio and audit head`, {
      skip: target.skip,
      timeout: 900_000,
    }, async () => {
      const { location, cleanup } = await target.fresh();
      try {
        const r = await cli(['restore', backupFile, '--to', location, '--json']);
        assert.equal(r.code, 0, r.err + r.out);
        const want = await figures(world.app);
        // The demo is a living commune, not an empty one.
        assert.ok(want.books.length >= 5 && want.books.every((b) => b.headSeq > 0));
        assert.ok(want.portfolio.total.outstanding > 100_000_000_000);
        const app = await openApp(location, { synchronous: 'NORMAL' });
        try {
          const got = await figures(app);
          assert.deepEqual(got.books, want.books);
          assert.deepEqual(got.trialBalance, want.trialBalance);
          assert.deepEqual(got.trialBalanceMidYear, want.trialBalanceMidYear);
          assert.deepEqual(got.perBook, want.perBook);
          assert.deepEqual(got.portfolio, want.portfolio);
          assert.deepEqual(got.audit, want.audit);
          assert.equal(got.audit.ok, true);
          if (target.kind === 'sqlite')
            assert.equal(await snapshot(app.store), await snapshot(world.app.store), 'the whole content');
        } finally {
          await app.close();
        }
        assert.equal((await cli(['--db', location, 'verify'])).code, 0);
      } finally {
        await cleanup();
      }
    });
});
