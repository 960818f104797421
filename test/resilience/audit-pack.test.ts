/**
 * The audit pack: one tar an auditor can check on another machine with no database. `soquy
 * verify --pack` passes on a fresh pack (and `tar` and `sha256sum -c` agree), and finds each kind
 * of tampering: a changed byte, a forged entry whose hashes were updated, a doctored report, a
 * missing or added file, an edited audit record. A pack made while another process writes is one
 * consistent moment.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sha256Hex } from '../../src/app/backup/files.ts';
import type { PackManifest } from '../../src/app/backup/pack-format.ts';
import { readTar, type TarFile, writeTar } from '../../src/app/backup/tar.ts';
import { verifyPack } from '../../src/app/backup/verify-pack.ts';
import type { App } from '../../src/main/app.ts';
import { cli } from '../helpers/cli.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedResilienceCommune } from './commune.ts';
import { CRASH_TENANT, setUpCrashCommune } from './crash-writer.ts';

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

/** A pack with one file changed by `edit`; with `rehash`, the manifest and SHA256SUMS follow. */
function doctor(archive: Buffer, name: string, edit: (text: string) => string, rehash: boolean): Buffer {
  const files = readTar(archive).map((f) => ({ name: f.name, data: Buffer.from(f.data) }));
  const target = files.find((f) => f.name === name)!;
  target.data = Buffer.from(edit(target.data.toString('utf8')), 'utf8');
  if (rehash) rehashPack(files);
  return writeTar(files, new Date());
}

function rehashPack(files: Array<{ name: string; data: Buffer }>): void {
  const manifestFile = files.find((f) => f.name === 'manifest.json')!;
  const sumsFile = files.find((f) => f.name === 'SHA256SUMS')!;
  const m = JSON.parse(manifestFile.data.toString('utf8')) as PackManifest;
  const others = files.filter((f) => f.name !== 'manifest.json' && f.name !== 'SHA256SUMS');
  sumsFile.data = Buffer.from(others.map((f) => `${sha256Hex(f.data)}  ${f.name}\n`).join(''), 'utf8');
  const listed = [...others, sumsFile].map((f) => ({
    name: f.name,
    bytes: f.data.length,
    sha256: sha256Hex(f.data),
  }));
  manifestFile.data = Buffer.from(JSON.stringify({ ...m, files: listed }), 'utf8');
}

const codes = async (archive: Uint8Array) => (await verifyPack(archive)).problems.map((p) => p.code);

for (const engine of ENGINES) {
  describe(`audit pack [${engine.kind}]`, { skip: engine.skip }, () => {
    let world: { app: App; location: string; done: () => Promise<void> };
    let dir: string;
    let packFile: string;
    let pack: Buffer;
    before(async () => {
      world = await freshApp(engine);
      await seedResilienceCommune(world.app);
      dir = mkdtempSync(join(tmpdir(), 'soquy-pack-'));
      packFile = join(dir, 'kiem-toan.tar');
      const r = await cli(['--db', world.location, 'audit-pack', '--as-of', '30/09/2025', '--out', packFile]);
      assert.equal(r.code, 0, r.err);
      pack = readFileSync(packFile);
    });
    after(async () => {
      await world.done();
      rmSync(dir, { recursive: true, force: true });
    });

    test('verify --pack passes without any database, and tar and sha256sum agree', async () => {
      const r = await cli(['verify', '--pack', packFile, '--json']);
      assert.equal(r.code, 0, r.out + r.err);
      const v = JSON.parse(r.out);
      assert.equal(v.ok, true);
      assert.equal(v.books, 3);
      const books = await world.app.ledger.books(ctx);
      assert.equal(
        v.entries,
        books.reduce((s, b) => s + b.headSeq, 0),
      );
      assert.equal(v.auditRecords, (await world.app.audit.verify(ctx)).headSeq);
      const out = join(dir, 'x');
      mkdirSync(out);
      assert.equal(spawnSync('tar', ['-xf', packFile, '-C', out]).status, 0);
      const sums = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
      assert.equal(sums.status, 0, sums.stdout + sums.stderr);
      const tb = JSON.parse(readFileSync(join(out, 'reports', 'trial-balance.json'), 'utf8'));
      assert.deepEqual(tb, await world.app.ledger.trialBalance(ctx, { asOf: '2025-09-30' }));
      const text = (await cli(['verify', '--pack', packFile, '--lang', 'en'])).out;
      // 16 = journal ×2, accounts, heads ×2, audit log, README, SHA256SUMS, trial balances (all + 3 books) ×2.
      assert.match(text, /The audit pack checks: 16 files match their hashes; the chains of 3 books/);
    });

    test('one changed byte is found by its hash (and, in the journal, by the chain too)', async () => {
      const hledger = doctor(pack, 'journal.hledger', (t) => t.replace('Thu phí', 'Thu phi'), false);
      assert.deepEqual(await codes(hledger), ['pack_file_hash_mismatch']);
      const journal = await codes(doctor(pack, 'journal.csv', (t) => t.replace('Thu phí', 'Thu phi'), false));
      assert.equal(journal[0], 'pack_file_hash_mismatch');
      assert.ok(journal.includes('pack_chain_broken'), String(journal));
    });

    test('an entry forged in the journal, hashes updated to match, is found by the chain', async () => {
      const bad = doctor(pack, 'journal.csv', (t) => t.replace('Thu phí', 'Thu phi'), true);
      const c = await codes(bad);
      assert.ok(c.includes('pack_chain_broken'), String(c));
      assert.ok(c.includes('pack_heads_differ'), String(c));
    });

    test('a doctored trial balance, hashes updated to match, differs from the journal', async () => {
      const bad = doctor(
        pack,
        'reports/trial-balance-quy-htnd.json',
        (t) => t.replace(/"totalDebit": (\d+)/, (_, n) => `"totalDebit": ${Number(n) + 1000}`),
        true,
      );
      assert.deepEqual(await codes(bad), ['pack_trial_balance_differs']);
      const csv = doctor(
        pack,
        'reports/trial-balance.csv',
        (t) =>
          t.replace(
            /\n(quy-htnd,112,[^\n]*,)(\d+),(-?\d+)\n/,
            (_, a, c, n) => `\n${a}${Number(c) + 1},${Number(n) - 1}\n`,
          ),
        true,
      );
      assert.deepEqual(await codes(csv), ['pack_trial_balance_differs']);
    });

    test('an audit record edited, hashes updated to match, breaks the audit chain', async () => {
      const bad = doctor(pack, 'audit-log.csv', (t) => t.replace('10.0.0.7', '10.0.0.8'), true);
      assert.deepEqual(await codes(bad), ['pack_audit_broken']);
    });

    test('a missing file and an added file are both named', async () => {
      const files: TarFile[] = readTar(pack).filter((f) => f.name !== 'accounts.csv');
      files.push({ name: 'ghi-chu.txt', data: Buffer.from('thêm vào') });
      const c = await codes(writeTar(files, new Date()));
      assert.deepEqual(c.sort(), ['pack_file_missing', 'pack_file_unlisted']);
    });

    test('what is not a pack is said to be unreadable', async () => {
      assert.deepEqual(await codes(Buffer.from('không phải tar')), ['pack_unreadable']);
      assert.deepEqual(await codes(pack.subarray(0, 1000)), ['pack_unreadable']);
      const r = await cli(['verify', '--pack', join(dir, 'khong-co.tar')]);
      assert.equal(r.code, 1);
      assert.match(r.err, /\[file_unreadable\]/);
    });
  });
}

describe('an audit pack made while another process writes', { skip: sqlite.skip }, () => {
  test('is one consistent moment: its chains end at its heads and its reports match', {
    timeout: 120_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soquy-pack-online-'));
    const { location, cleanup } = await sqlite.fresh();
    try {
      await setUpCrashCommune(location);
      const writer = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'crash-writer.ts'),
          location,
          'meeting',
          '100000',
          '25',
        ],
        { stdio: 'ignore' },
      );
      const ended = new Promise((resolve) => writer.on('exit', resolve));
      try {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        for (let i = 0; i < 2; i++) {
          const file = join(dir, `p${i}.tar`);
          const r = await cli([
            '--db',
            location,
            '--tenant',
            CRASH_TENANT,
            'audit-pack',
            '--as-of',
            '2025-12-31',
            '--out',
            file,
          ]);
          assert.equal(r.code, 0, r.err);
          const v = await verifyPack(readFileSync(file));
          assert.deepEqual(v.problems, []);
          assert.equal(v.entries % 25, 0, 'whole meeting sheets only');
        }
      } finally {
        writer.kill('SIGKILL');
        await ended;
      }
    } finally {
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('an edited pack written back by GNU tar (./ names, directory entries) still checks', {
  skip: sqlite.skip,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-pack-gnu-'));
  const world = await freshApp(sqlite);
  try {
    await seedResilienceCommune(world.app, 30);
    const file = join(dir, 'a.tar');
    assert.equal(
      (await cli(['--db', world.location, 'audit-pack', '--as-of', '2025-12-31', '--out', file])).code,
      0,
    );
    const out = join(dir, 'x');
    mkdirSync(out);
    assert.equal(spawnSync('tar', ['-xf', file, '-C', out]).status, 0);
    const again = join(dir, 'b.tar');
    assert.equal(spawnSync('tar', ['-cf', again, '-C', out, '.']).status, 0);
    assert.deepEqual((await verifyPack(readFileSync(again))).problems, []);
    writeFileSync(join(out, 'journal.csv'), `${readFileSync(join(out, 'journal.csv'), 'utf8')}\n`);
    assert.equal(spawnSync('tar', ['-cf', again, '-C', out, '.']).status, 0);
    assert.deepEqual(await codes(readFileSync(again)), ['pack_file_hash_mismatch']);
  } finally {
    await world.done();
    rmSync(dir, { recursive: true, force: true });
  }
});
