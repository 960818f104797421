/**
 * Backup and restore (must show 4): a seeded commune (a year of varied entries, a reversal, a
 * closed period, users, a token, an approval rule, approved and pending operations, the audit log)
 * backed up with `soquy backup` and restored with `soquy restore` has the identical trial balance
 * (overall, per book, as of a date), chain heads, closed periods and audit head; SQLite to SQLite,
 * the whole content is identical. From PostgreSQL, `soquy backup` makes a portable SQLite export
 * that restores into SQLite or an empty PostgreSQL schema. Restore refuses a backup that does not
 * prove itself and never replaces a database carelessly.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import { sha256Hex } from '../../src/app/backup/files.ts';
import type { BackupManifest } from '../../src/app/backup/manifest.ts';
import { type App, openApp } from '../../src/main/app.ts';
import { migrationsFor } from '../../src/store/migrations/index.ts';
import { cli } from '../helpers/cli.ts';
import { ENGINES, type EngineCase, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { ctx, seedResilienceCommune } from './commune.ts';
import { CRASH_TENANT, setUpCrashCommune } from './crash-writer.ts';

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

/** Everything a treasurer or an auditor would compare after a restore. */
async function figures(app: App) {
  const books = await app.ledger.books(ctx);
  return {
    books,
    trialBalance: await app.ledger.trialBalance(ctx),
    trialBalanceMidYear: await app.ledger.trialBalance(ctx, { asOf: '2025-06-30' }),
    perBook: await Promise.all(books.map((b) => app.ledger.trialBalance(ctx, { book: b.code }))),
    audit: await app.audit.verify(ctx),
  };
}

async function restoredFigures(location: string) {
  const app = await openApp(location, { synchronous: 'NORMAL' });
  try {
    const v = await app.ledger.books(ctx);
    return {
      books: v,
      trialBalance: await app.ledger.trialBalance(ctx),
      trialBalanceMidYear: await app.ledger.trialBalance(ctx, { asOf: '2025-06-30' }),
      perBook: await Promise.all(v.map((b) => app.ledger.trialBalance(ctx, { book: b.code }))),
      audit: await app.audit.verify(ctx),
      snapshot: app.store.kind === 'sqlite' ? await snapshot(app.store) : '',
    };
  } finally {
    await app.close();
  }
}

for (const source of ENGINES) {
  describe(`backup and restore round trip from ${source.kind}`, { skip: source.skip }, () => {
    let world: { app: App; location: string; done: () => Promise<void> };
    let dir: string;
    let manifest: BackupManifest;
    let backupFile: string;
    before(async () => {
      world = await freshApp(source);
      await seedResilienceCommune(world.app);
      dir = mkdtempSync(join(tmpdir(), 'soquy-backup-'));
      backupFile = join(dir, 'sao-luu.db');
      const r = await cli(['--db', world.location, 'backup', '--out', backupFile, '--json']);
      assert.equal(r.code, 0, r.err);
      manifest = JSON.parse(r.out).manifest;
    });
    after(async () => {
      await world.done();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the manifest records every head, the migrations, the version and the hash', async () => {
      const books = await world.app.ledger.books(ctx);
      assert.equal(manifest.format, 'soquy-backup/1');
      assert.equal(manifest.source.kind, source.kind);
      assert.ok(!manifest.source.location.includes('password'));
      assert.deepEqual(manifest.migrations, Object.keys(migrationsFor(source.kind)).sort());
      const [commune] = manifest.communes;
      assert.equal(commune?.tenant, 'huong-son');
      assert.deepEqual(
        commune?.books,
        books.map((b) => ({
          code: b.code,
          headSeq: b.headSeq,
          headHash: b.headHash,
          lockedThrough: b.lockedThrough,
        })),
      );
      const audit = await world.app.audit.verify(ctx);
      assert.deepEqual(commune?.audit, { headSeq: audit.headSeq, headHash: audit.headHash });
      assert.ok(audit.headSeq > 5);
      assert.equal(manifest.file.sha256, sha256Hex(readFileSync(backupFile)));
    });

    for (const target of ENGINES)
      test(`restored into ${target.kind}: identical trial balances, heads, closed periods and audit head`, {
        skip: target.skip,
      }, async () => {
        const { location, cleanup } = await target.fresh();
        try {
          const r = await cli(['restore', backupFile, '--to', location, '--json']);
          assert.equal(r.code, 0, r.err + r.out);
          const want = await figures(world.app);
          const got = await restoredFigures(location);
          assert.deepEqual(got.books, want.books);
          assert.deepEqual(got.trialBalance, want.trialBalance);
          assert.deepEqual(got.trialBalanceMidYear, want.trialBalanceMidYear);
          assert.deepEqual(got.perBook, want.perBook);
          assert.deepEqual(got.audit, want.audit);
          assert.equal(got.audit.ok, true);
          assert.equal((await cli(['--db', location, 'verify'])).code, 0);
          assert.equal((await cli(['--db', location, 'audit', 'verify'])).code, 0);
          if (source.kind === 'sqlite' && target.kind === 'sqlite')
            assert.equal(got.snapshot, await snapshot(world.app.store), 'the whole content is identical');
        } finally {
          await cleanup();
        }
      });
  });
}

describe('restore refuses what does not prove itself', { skip: sqlite.skip }, () => {
  let dir: string;
  let world: { app: App; location: string; done: () => Promise<void> };
  let backupFile: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'soquy-restore-'));
    world = await freshApp(sqlite);
    await seedResilienceCommune(world.app, 60);
    backupFile = join(dir, 'b.db');
    assert.equal((await cli(['--db', world.location, 'backup', '--out', backupFile])).code, 0);
  });
  after(async () => {
    await world.done();
    rmSync(dir, { recursive: true, force: true });
  });

  const copyBackup = (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, readFileSync(backupFile));
    writeFileSync(`${file}.manifest.json`, readFileSync(`${backupFile}.manifest.json`));
    return file;
  };
  const restore = (file: string, to: string, ...more: string[]) =>
    cli(['restore', file, '--to', to, ...more]);

  test('one changed byte: refused by its hash, nothing created', async () => {
    const file = copyBackup('flipped.db');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100]! ^= 0x01;
    writeFileSync(file, bytes);
    const to = join(dir, 'never.db');
    const r = await restore(file, to);
    assert.equal(r.code, 1);
    assert.match(r.err, /\[backup_hash_mismatch\]/);
    assert.equal(existsSync(to), false);
  });

  test('without its manifest: refused, saying which file is missing', async () => {
    const file = copyBackup('alone.db');
    rmSync(`${file}.manifest.json`);
    const r = await restore(file, join(dir, 'never.db'));
    assert.equal(r.code, 1);
    assert.match(r.err, /alone\.db\.manifest\.json.*\[backup_manifest_missing\]/);
  });

  test('a memo rewritten inside the backup, hash updated to match: refused by the chain', async () => {
    const file = copyBackup('forged.db');
    const db = new Sqlite(file);
    db.exec('DROP TRIGGER journal_entry_no_update');
    db.prepare(`UPDATE journal_entry SET memo = 'sửa lén' WHERE book_code = 'quy-htnd' AND seq = 5`).run();
    db.close();
    const m = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as BackupManifest;
    const bytes = readFileSync(file);
    writeFileSync(
      `${file}.manifest.json`,
      JSON.stringify({ ...m, file: { ...m.file, bytes: bytes.length, sha256: sha256Hex(bytes) } }),
    );
    const to = join(dir, 'never.db');
    const r = await restore(file, to);
    assert.equal(r.code, 1);
    assert.match(r.err, /quy-htnd.*#5.*\[backup_chain_broken\]/);
    assert.equal(existsSync(to), false);
  });

  test('a manifest that claims other heads: refused', async () => {
    const file = copyBackup('heads.db');
    const m = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as BackupManifest;
    m.communes[0]!.books[0]!.headSeq += 1;
    writeFileSync(`${file}.manifest.json`, JSON.stringify(m));
    const r = await restore(file, join(dir, 'never.db'));
    assert.equal(r.code, 1);
    assert.match(r.err, /\[backup_heads_differ\]/);
  });

  test('an existing database needs --force; with it, the old file is kept aside whole', async () => {
    const to = join(dir, 'live.db');
    const other = await openApp(to, { synchronous: 'NORMAL' });
    await other.ledger.createTenant({ id: 'xa-khac', name: 'Xã khác' });
    const before = await snapshot(other.store);
    await other.close();
    const refused = await restore(backupFile, to);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /\[restore_target_exists\]/);
    const r = await cli(['restore', backupFile, '--to', to, '--force', '--json']);
    assert.equal(r.code, 0, r.err);
    const { keptAside } = JSON.parse(r.out);
    const aside = await openApp(keptAside, { synchronous: 'NORMAL' });
    assert.equal(await snapshot(aside.store), before);
    await aside.close();
    const now = await openApp(to, { synchronous: 'NORMAL' });
    assert.equal(await snapshot(now.store), await snapshot(world.app.store));
    await now.close();
  });

  test('a database open in another program (a running server) is not replaced, even with --force', async () => {
    const to = join(dir, 'busy.db');
    const server = await openApp(to, { synchronous: 'NORMAL' });
    try {
      await server.ledger.createTenant({ id: 'dang-chay', name: 'Đang chạy' });
      const before = await snapshot(server.store);
      const r = await restore(backupFile, to, '--force');
      assert.equal(r.code, 1);
      assert.match(r.err, /\[database_in_use\]/);
      assert.equal(await snapshot(server.store), before);
    } finally {
      await server.close();
    }
  });

  test('backup never overwrites a file, and says so when there is no database', async () => {
    const exists = await cli(['--db', world.location, 'backup', '--out', backupFile]);
    assert.equal(exists.code, 1);
    assert.match(exists.err, /\[backup_out_exists\]/);
    const missing = await cli(['--db', join(dir, 'khong-co.db'), 'backup', '--out', join(dir, 'x.db')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /\[database_missing\]/);
  });
});

/** Backups taken while another process writes: each is one consistent moment and verifies. */
describe('online backups while a writer process posts', { skip: sqlite.skip }, () => {
  test('three backups during the writes each restore, verify, and hold whole batches only', {
    timeout: 120_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soquy-online-'));
    const { location, cleanup } = await (sqlite as EngineCase).fresh();
    try {
      await setUpCrashCommune(location);
      const writer = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'crash-writer.ts'),
          location,
          'batches',
          '100000',
          '20',
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const ended = new Promise((resolve) => writer.on('exit', resolve));
      // The writer prints the index of each batch it has committed: each backup waits until the
      // writer has committed more since the last one, however slowly the process starts here.
      let written = -1;
      writer.stdout.setEncoding('utf8');
      writer.stdout.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (/^\d+$/.test(line)) written = Number(line);
      });
      const progressPast = async (index: number) => {
        const until = Date.now() + 90_000;
        while (written <= index + 2 && Date.now() < until)
          await new Promise((resolve) => setTimeout(resolve, 50));
        assert.ok(written > index + 2, `the writer stalled at batch ${written}`);
      };
      const counts: number[] = [];
      try {
        let seen = -1;
        for (let i = 0; i < 3; i++) {
          await progressPast(seen);
          seen = written;
          const file = join(dir, `b${i}.db`);
          const r = await cli(['--db', location, 'backup', '--out', file, '--json']);
          assert.equal(r.code, 0, r.err);
          const to = join(dir, `r${i}.db`);
          assert.equal((await cli(['restore', file, '--to', to])).code, 0);
          const app = await openApp(to, { synchronous: 'NORMAL' });
          const head = (await app.ledger.book({ tenant: CRASH_TENANT, actor: 't' }, 'so-a')).headSeq;
          await app.close();
          assert.equal(head % 20, 0, `a backup holds whole batches of 20, found ${head} entries`);
          counts.push(head);
        }
      } finally {
        writer.kill('SIGKILL');
        await ended;
      }
      assert.ok(counts[2]! > counts[0]!, `the writer kept writing during the backups: ${counts}`);
    } finally {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
