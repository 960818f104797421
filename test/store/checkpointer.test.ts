/**
 * SQLite checkpoints in a worker thread at synchronous=NORMAL (src/store/checkpointer.ts). Below
 * 8,192 WAL pages the writer never checkpoints by itself, so while the store is open the database
 * file grows only if the worker copied the WAL into it: that is what these tests watch. They also
 * check that a short session, or a store at FULL, never starts a worker, and that closing the
 * store (worker first) folds the whole WAL back into one file that reopens with every entry, its
 * balances and its chain intact.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Ctx } from '../../src/app/context.ts';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import { type App, openApp } from '../../src/main/app.ts';
import { BACKGROUND_CHECKPOINT_AFTER } from '../../src/store/checkpointer.ts';
import { capitalDraft } from '../helpers/fixtures.ts';

const ctx: Ctx = { tenant: 'an-phu', actor: 'thu-quy' };
const dir = mkdtempSync(join(tmpdir(), 'soquy-checkpointer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function fresh(
  name: string,
  synchronous: 'FULL' | 'NORMAL' = 'NORMAL',
): Promise<{ app: App; file: string }> {
  const file = join(dir, name);
  const app = await openApp(file, { synchronous });
  await app.ledger.createTenant({ id: 'an-phu', name: 'Xã An Phú' });
  await app.ledger.createBook(ctx, { code: 'quy', template: 'general' });
  // Capital: 1.000.000.000 đ in cash (cash may not go below zero).
  await app.ledger.post(ctx, [capitalDraft('quy', '2025-01-02', 1_000_000_000)]);
  return { app, file };
}

/** Entry i: household HH-(i mod 7) borrows (i + 1) × 1.000 đ in cash, one entry per commit. */
async function lend(app: App, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await app.ledger.post(ctx, [
      {
        book: 'quy',
        date: '2025-03-01',
        kind: 'general',
        memo: `Cho vay ${i}`,
        postings: [
          { account: '1388', party: `HH-${i % 7}`, amount: (i + 1) * 1_000 },
          { account: '111', amount: -(i + 1) * 1_000 },
        ],
      },
    ]);
}

const size = (file: string) => statSync(file).size;

/** Waits up to `ms` for `ok`; false if it never held. */
async function eventually(ok: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (ok()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return ok();
}

describe('SQLite checkpoints in a worker thread', () => {
  test('a short session starts no worker: the WAL stays out of the database file until close', async () => {
    const { app, file } = await fresh('short.db');
    const before = size(file);
    await lend(app, 20);
    assert.equal(await eventually(() => size(file) !== before, 300), false);
    await app.close();
    assert.ok(size(file) > before, 'closing folds the WAL back into the file');
  });

  test('at synchronous=FULL the writer checkpoints alone, however many commits', async () => {
    const { app, file } = await fresh('full.db', 'FULL');
    const before = size(file);
    await lend(app, BACKGROUND_CHECKPOINT_AFTER + 50);
    assert.equal(await eventually(() => size(file) !== before, 300), false);
    await app.close();
  });

  test('at NORMAL, past the threshold the worker copies the WAL in while the writer goes on; close leaves one whole file', async () => {
    const { app, file } = await fresh('busy.db');
    const before = size(file);
    const n = BACKGROUND_CHECKPOINT_AFTER + 100;
    await lend(app, n);
    assert.ok(
      await eventually(() => size(file) > before, 5_000),
      `the database file grew from ${before} bytes while the store was open`,
    );
    // The writer was never stopped: it still posts, and sees its own entries.
    await lend(app, 10);
    await app.close();
    assert.equal(existsSync(`${file}-wal`), false, 'no WAL left after close');

    const again = await openApp(file);
    try {
      // Lent 1 + 2 + … + n thousand đ, then 1 + … + 10 thousand: n(n+1)/2 + 55, times 1.000 đ.
      const lent = ((n * (n + 1)) / 2 + 55) * 1_000;
      const receivable = await again.ledger.balance(ctx, { book: 'quy', account: '1388' });
      assert.equal(receivable.balance, lent);
      assert.equal(receivable.postings, n + 10);
      const cash = await again.ledger.balance(ctx, { book: 'quy', account: '111' });
      assert.equal(cash.balance, 1_000_000_000 - lent);
      const verification = await verifyLedger(again.store, ctx);
      assert.equal(verification.ok, true);
      assert.equal(verification.books[0]?.entries, n + 11, 'the capital entry and every loan');
    } finally {
      await again.close();
    }
  });
});
