/**
 * Every database an earlier release made opens with this code: each fixture in test/fixtures/db
 * (one per release, made by scripts/make-fixture-db.ts and never regenerated) is copied, opened
 * (the migrations it lacks run), verified (ledger chains, running totals, audit chain) and its
 * figures compared with the ones stored beside it; then it takes new entries, backs up and
 * restores. Into PostgreSQL, `soquy db copy` of the upgraded file gives the same figures.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { sha256Hex } from '../../src/app/backup/files.ts';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import { openApp } from '../../src/main/app.ts';
import { migrationsFor } from '../../src/store/migrations/index.ts';
import { cli } from '../helpers/cli.ts';
import { ENGINES } from '../helpers/engines.ts';
import { lateMigrations } from './migration-lists.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'db');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^v\d+\.\d+\.\d+(-[a-z0-9-]+)?\.db$/.test(f))
  .sort();

test('the fixtures of earlier states are all here', () => {
  for (const name of [
    'v0.1.0-before-registry.db',
    'v0.1.0-registry-loans.db',
    'v0.1.0-before-clustered-journal.db',
  ])
    assert.ok(fixtures.includes(name), `fixtures: ${fixtures.join(', ')}`);
});

for (const name of fixtures) {
  describe(`a database made by ${name.replace(/\.db$/, '')}`, () => {
    const figures = JSON.parse(readFileSync(join(FIXTURES, name.replace(/\.db$/, '.json')), 'utf8'));
    const ctx = { tenant: figures.tenant as string, actor: 'nang-cap' };
    let dir: string;
    let location: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'soquy-upgrade-'));
      location = join(dir, name);
      copyFileSync(join(FIXTURES, name), location);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('the fixture is the file its release made (never regenerated)', () => {
      assert.equal(sha256Hex(readFileSync(join(FIXTURES, name))), figures.file.sha256);
    });

    test('opens with this code, upgrades, verifies, and shows the figures its release recorded', async () => {
      const app = await openApp(location, { synchronous: 'NORMAL' });
      try {
        const applied = (await app.store.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute()) as Array<{ name: string }>;
        assert.deepEqual(
          applied.map((r) => r.name).sort(),
          Object.keys(migrationsFor('sqlite')).sort(),
          'every migration of this release is applied',
        );
        const v = await verifyLedger(app.store, ctx);
        assert.equal(v.ok, true, JSON.stringify(v.books.filter((b) => !b.ok)));
        const audit = await app.audit.verify(ctx);
        assert.equal(audit.ok, true);
        assert.deepEqual({ headSeq: audit.headSeq, headHash: audit.headHash }, figures.audit);
        const books = await app.ledger.books(ctx);
        assert.deepEqual(
          books.map((b) => ({
            code: b.code,
            headSeq: b.headSeq,
            headHash: b.headHash,
            lockedThrough: b.lockedThrough,
          })),
          figures.books,
        );
        assert.deepEqual(await app.ledger.trialBalance(ctx), figures.trialBalance);
        assert.deepEqual(
          await app.ledger.trialBalance(ctx, { asOf: '2025-06-30' }),
          figures.trialBalanceAsOf,
        );
        for (const b of books)
          assert.deepEqual(await app.ledger.trialBalance(ctx, { book: b.code }), figures.perBook[b.code]);
        // Areas that had data then (fixtures record what their release had).
        if (figures.registry) {
          assert.deepEqual(
            (await app.registry.households(ctx)).map((h) => h.id),
            figures.registry.households,
          );
          assert.deepEqual(await app.registry.statusHistory(ctx, 'HH-0001'), figures.registry.statusHH0001);
        }
        for (const [loan, state] of Object.entries(figures.loans ?? {}))
          assert.deepEqual(await app.loans.state(ctx, loan, '2025-12-31'), state, `loan ${loan}`);
      } finally {
        await app.close();
      }
    });

    test('takes new entries, honours its closed period, backs up and restores', async () => {
      const post = (date: string) =>
        cli([
          '--db',
          location,
          'post',
          '--book',
          'quy-htnd',
          '--date',
          date,
          '--kind',
          'repayment',
          '--debit',
          '112=1.000.000',
          '--credit',
          '1311:HH-0001=1.000.000',
        ]);
      assert.equal((await post('2025-12-20')).code, 0);
      const closed = await post('2025-06-30');
      assert.equal(closed.code, 1);
      assert.match(closed.err, /\[period_closed\]/);
      assert.equal((await cli(['--db', location, 'verify'])).code, 0);
      const backup = join(dir, 'b.db');
      assert.equal((await cli(['--db', location, 'backup', '--out', backup])).code, 0);
      const restored = join(dir, 'r.db');
      const r = await cli(['restore', backup, '--to', restored]);
      assert.equal(r.code, 0, r.err);
    });

    test('its party totals are clustered on their key; the journal keeps every guard (0012, 0013)', async () => {
      const app = await openApp(location, { synchronous: 'NORMAL' });
      await app.close();
      const db = new Sqlite(location);
      try {
        const create = (table: string) =>
          (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(table) as { sql: string }).sql;
        assert.match(create('party_balance'), /STRICT, WITHOUT ROWID$/);
        // Read by secondary indexes that do not cover their columns: rowid tables (see 0012).
        for (const table of ['journal_entry', 'posting', 'account_balance'])
          assert.doesNotMatch(create(table), /WITHOUT ROWID/, table);
        const names = (type: string) =>
          (
            db.prepare('SELECT name FROM sqlite_schema WHERE type = ? ORDER BY name').all(type) as Array<{
              name: string;
            }>
          )
            .map((r) => r.name)
            .filter((n) => /^(journal_entry|posting|party_balance|book)/.test(n));
        assert.deepEqual(names('trigger'), [
          'book_guard',
          'journal_entry_insert',
          'journal_entry_no_delete',
          'journal_entry_no_update',
          'posting_entry_sealed',
          'posting_no_delete',
          'posting_no_update',
        ]);
        assert.deepEqual(names('index'), [
          'journal_entry_date',
          'journal_entry_key',
          'journal_entry_reverses',
          'posting_account',
          'posting_party_seq',
        ]);
        // Migration 0013: each posting in one of the two partial indexes, and every posting in one.
        assert.match(create('posting_account'), /WHERE party_id = ''$/);
        assert.match(create('posting_party_seq'), /WHERE party_id <> ''$/);
        const count = (text: string) => (db.prepare(text).get() as { n: number }).n;
        assert.equal(
          count(`SELECT COUNT(*) AS n FROM posting INDEXED BY posting_account WHERE party_id = ''`) +
            count(`SELECT COUNT(*) AS n FROM posting INDEXED BY posting_party_seq WHERE party_id <> ''`),
          count('SELECT COUNT(*) AS n FROM posting'),
        );
        db.pragma('foreign_keys = ON');
        assert.throws(
          () => db.prepare('UPDATE posting SET amount_dong = amount_dong + 1').run(),
          /append-only/,
        );
        assert.throws(() => db.prepare('DELETE FROM journal_entry').run(), /append-only/);
        // A posting added to an entry already written, and one whose entry never comes.
        const p = db.prepare('SELECT * FROM posting LIMIT 1').get() as Record<string, unknown>;
        const insert = db.prepare(
          `INSERT INTO posting (tenant_id, book_code, seq, line, account_code, party_id, effective_date, amount_dong)
           VALUES (@tenant_id, @book_code, @seq, 99, @account_code, @party_id, @effective_date, @amount_dong)`,
        );
        assert.throws(() => insert.run(p), /postings cannot be added to a written entry/);
        assert.throws(() => db.transaction(() => insert.run({ ...p, seq: 1_000_000 }))(), /FOREIGN KEY/);
        assert.deepEqual(db.pragma('foreign_key_check'), []);
        // The rebuilt party totals keep their checks and their key.
        const totals = db.prepare(
          `INSERT INTO party_balance VALUES ('t', 'b', '1311', 'HH-X', '2025-01-01', ?, 0, 1)`,
        );
        assert.throws(() => totals.run(-1), /CHECK constraint failed: debit_dong >= 0/);
        totals.run(5);
        assert.throws(() => totals.run(5), /UNIQUE constraint failed: party_balance/);
      } finally {
        db.close();
      }
    });

    test('takes a migration numbered below ones it has (as 0002-registry will arrive after 0004)', async () => {
      const late = join(dir, 'late.db');
      copyFileSync(join(FIXTURES, name), late);
      const app = await openApp(late, { synchronous: 'NORMAL', migrations: lateMigrations('sqlite') });
      try {
        assert.equal((await verifyLedger(app.store, ctx)).ok, true);
        assert.deepEqual(await app.ledger.trialBalance(ctx), figures.trialBalance);
      } finally {
        await app.close();
      }
    });

    const postgres = ENGINES.find((e) => e.kind === 'postgres')!;
    test('copied into PostgreSQL with db copy: the same figures', { skip: postgres.skip }, async () => {
      const fresh = join(dir, 'pristine.db');
      copyFileSync(join(FIXTURES, name), fresh);
      const { location: url, cleanup } = await postgres.fresh();
      try {
        const r = await cli(['db', 'copy', '--from', fresh, '--to', url, '--json']);
        assert.equal(r.code, 0, r.err + r.out);
        const app = await openApp(url);
        try {
          assert.deepEqual(await app.ledger.trialBalance(ctx), figures.trialBalance);
          assert.equal((await verifyLedger(app.store, ctx)).ok, true);
        } finally {
          await app.close();
        }
      } finally {
        await cleanup();
      }
    });
  });
}
