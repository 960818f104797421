/**
 * SQLite's durability settings: WAL, synchronous FULL unless SOQUY_SQLITE_SYNC=NORMAL asks for
 * less (docs/decisions/0001-sqlite-durability.md), and a wrong value is refused, not ignored.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openApp, storeOptionsFromEnv } from '../../src/main/app.ts';
import { cli } from '../helpers/cli.ts';

describe('SQLite durability settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-durability-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function pragmas(env: Record<string, string>): Promise<{ sync: number; mode: string }> {
    const app = await openApp(join(dir, 'a.db'), storeOptionsFromEnv(env));
    try {
      const sync = (await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(app.store.db)).rows[0]!;
      const mode = (await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(app.store.db)).rows[0]!;
      return { sync: sync.synchronous, mode: mode.journal_mode };
    } finally {
      await app.close();
    }
  }

  test('WAL with synchronous FULL by default (2 = FULL)', async () => {
    assert.deepEqual(await pragmas({}), { sync: 2, mode: 'wal' });
  });

  test('SOQUY_SQLITE_SYNC=NORMAL gives synchronous NORMAL (1)', async () => {
    assert.deepEqual(await pragmas({ SOQUY_SQLITE_SYNC: 'normal' }), { sync: 1, mode: 'wal' });
  });

  test('a wrong SOQUY_SQLITE_SYNC is refused by the command, not silently ignored', async () => {
    const r = await cli(['--db', join(dir, 'b.db'), 'book', 'list'], { SOQUY_SQLITE_SYNC: 'OFF' });
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /SOQUY_SQLITE_SYNC = "OFF".*\[value_not_allowed\]/);
  });
});
