/**
 * A database made before loans existed (migration 0001 only) upgrades in place: migration 0003
 * adds the loan tables and the loan accounts to the books already made from the Farmers Support
 * Fund and VBSP templates, and loans then work in those books. SQLite only: the point is the
 * migration's SQL, which is the same text on both engines (the PostgreSQL suites run it on fresh
 * schemas).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { openApp } from '../../src/main/app.ts';
import { migrationsFor } from '../../src/store/migrations/index.ts';
import { ctx, TENANT } from '../helpers/fixtures.ts';

test('books made before migration 0003 get the loan accounts, with their types and sides', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-upgrade-'));
  const file = join(dir, 'old.db');
  try {
    const raw = new Sqlite(file);
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const only0001 = { '0001-ledger-core': migrationsFor('sqlite')['0001-ledger-core']! };
    const r = await new Migrator({
      db: old,
      provider: { getMigrations: async () => only0001 },
    }).migrateToLatest();
    assert.equal(r.error, undefined);
    raw.exec(`INSERT INTO tenant VALUES ('${TENANT}', 'Xã Hương Sơn', '2024-01-01T00:00:00Z')`);
    raw.exec(`INSERT INTO book (tenant_id, code, organisation_id, template, name_vi, name_en, created_at, head_seq, head_hash, genesis_hash)
              VALUES ('${TENANT}', 'quy-cu', NULL, 'farmers-support-fund', 'Quỹ cũ', 'Old fund', '2024-01-01T00:00:00Z', 0, 'x', 'x'),
                     ('${TENANT}', 'vbsp-cu', NULL, 'vbsp-entrusted', 'Ủy thác cũ', 'Old VBSP', '2024-01-01T00:00:00Z', 0, 'x', 'x')`);
    await old.destroy();

    const app = await openApp(file);
    try {
      const codes = async (book: string) => (await app.ledger.accounts(ctx, book)).map((a) => a.code);
      assert.deepEqual(await codes('quy-cu'), ['007', '0082', '1314', '1319']);
      assert.deepEqual(await codes('vbsp-cu'), ['004', '005', '006', '007', '0081', '0082']);
      const memo = (await app.ledger.accounts(ctx, 'vbsp-cu')).find((a) => a.code === '0081')!;
      assert.deepEqual([memo.type, memo.normalSide, memo.partyMode], ['memo', 'credit', 'none']);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
