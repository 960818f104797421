/**
 * Tamper evidence: someone with raw database access drops the append-only trigger and edits a
 * posting or a memo behind soquy's back. `soquy verify` (the real command, as a process) exits
 * non-zero and names the book and the first entry that no longer matches its hash.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { App } from '../../src/main/app.ts';
import { cliProcess } from '../helpers/cli.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedCommune, TENANT } from '../helpers/fixtures.ts';
import { postVariedJournal } from '../helpers/stream.ts';

for (const engine of ENGINES) {
  describe(`tamper evidence [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let location: string;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, location, done } = await freshApp(engine));
      await seedCommune(app);
      await postVariedJournal(app, 60);
    });
    after(() => done());

    const dropTriggers = async () => {
      if (engine.kind === 'sqlite') {
        await sql.raw('DROP TRIGGER IF EXISTS posting_no_update').execute(app.store.db);
        await sql.raw('DROP TRIGGER IF EXISTS journal_entry_no_update').execute(app.store.db);
      } else {
        await sql.raw('DROP TRIGGER IF EXISTS posting_append_only ON posting').execute(app.store.db);
        await sql
          .raw('DROP TRIGGER IF EXISTS journal_entry_append_only ON journal_entry')
          .execute(app.store.db);
      }
    };

    test('verify passes on an untouched ledger (exit 0)', () => {
      const r = cliProcess(['--db', location, 'verify']);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /quy-htnd: \d+ bút toán, chuỗi băm và số dư khớp/);
    });

    test('a posting changed behind soquy is found: verify exits 3 naming the book and entry', async () => {
      const seq = 7;
      const entry = await app.ledger.entry(ctx, 'quy-htnd', seq);
      await dropTriggers();
      // Move 1.000 đ between the two postings: the entry still balances, so only the hash can tell.
      await sql
        .raw(
          `UPDATE posting SET amount_dong = amount_dong + (CASE WHEN line = 1 THEN 1000 ELSE -1000 END)
           WHERE tenant_id = '${TENANT}' AND book_code = 'quy-htnd' AND seq = ${seq}`,
        )
        .execute(app.store.db);
      assert.equal(entry.postings.length, 2);
      const r = cliProcess(['--db', location, 'verify', '--book', 'quy-htnd']);
      assert.equal(r.code, 3);
      assert.match(r.out, new RegExp(`Sổ quy-htnd: SAI tại bút toán #${seq} \\(hash_mismatch\\)`));
      const json = cliProcess(['--db', location, '--lang', 'en', 'verify', '--json']);
      assert.equal(json.code, 3);
      const report = JSON.parse(json.out) as {
        ok: boolean;
        books: Array<{ book: string; ok: boolean; firstBad?: { seq: number; problem: string } }>;
      };
      assert.equal(report.ok, false);
      const bad = report.books.find((b) => b.book === 'quy-htnd')!;
      assert.deepEqual(bad.firstBad && { seq: bad.firstBad.seq, problem: bad.firstBad.problem }, {
        seq,
        problem: 'hash_mismatch',
      });
      // The other books still verify.
      assert.ok(report.books.filter((b) => b.book !== 'quy-htnd').every((b) => b.ok));
    });

    test('a memo rewritten behind soquy is found at its entry', async () => {
      await sql
        .raw(
          `UPDATE journal_entry SET memo = 'đã sửa' WHERE tenant_id = '${TENANT}' AND book_code = 'vi-nguoi-ngheo' AND seq = 3`,
        )
        .execute(app.store.db);
      const r = cliProcess(['--db', location, '--lang', 'en', 'verify', '--book', 'vi-nguoi-ngheo']);
      assert.equal(r.code, 3);
      assert.match(r.out, /Book vi-nguoi-ngheo: FAILS at entry #3 \(hash_mismatch\)/);
    });
  });
}
