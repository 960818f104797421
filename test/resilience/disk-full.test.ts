/**
 * Must show 2: a full disk. On a small tmpfs (when this test may mount one: it runs as root) and
 * with SQLite's `max_page_count` (always), writes are refused with `storage_full` — a sentence,
 * not a crash or a stack, from the ledger, the command line and the HTTP API alike — nothing
 * committed is lost and nothing half-written appears; once space is freed, writing resumes and
 * `soquy verify` passes. (PostgreSQL's disk full, SQLSTATE 53100, maps to the same refusal; it
 * cannot be provoked here.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import { type App, openApp } from '../../src/main/app.ts';
import { cli, cliProcess } from '../helpers/cli.ts';
import type { EngineCase } from '../helpers/engines.ts';
import { freshWorld, type World } from '../helpers/http.ts';
import { snapshot } from '../helpers/snapshot.ts';

const ctx = { tenant: 'huong-son', actor: 'thu-quy' };

function batch(i: number, size = 40): EntryDraft[] {
  return Array.from({ length: size }, (_, j) => ({
    book: 'quy-htnd',
    date: '2025-05-01',
    kind: 'deposit',
    memo: `Đợt ${i} dòng ${j}: ${'ghi chú dài để đầy đĩa nhanh hơn '.repeat(4)}`,
    postings: [
      { account: '111', amount: 1_000 + j },
      { account: '4113', amount: -(1_000 + j) },
    ],
  }));
}

/**
 * Posts batches of 40 entries until one is refused for a full disk, checking that the refusal
 * changed nothing; then single entries until one is refused too (the disk is full to the brim).
 * Answers the number of batches and single entries that went in, and the content at the end.
 */
async function fillUntilRefused(app: App): Promise<{ batches: number; singles: number; before: string }> {
  const batches = await postUntilRefused(app, 'day', 40);
  const singles = await postUntilRefused(app, 'single', 1);
  return { batches: batches.count, singles: singles.count, before: singles.before };
}

async function postUntilRefused(
  app: App,
  prefix: string,
  size: number,
): Promise<{ count: number; before: string }> {
  for (let i = 0; i < 10_000; i++) {
    const before = await snapshot(app.store);
    try {
      await app.ledger.post(ctx, batch(i, size), { idempotencyKey: `${prefix}-${i}` });
    } catch (e) {
      assert.ok(e instanceof RefusedError, `a full disk must be a refusal, not ${String(e)}`);
      assert.deepEqual(
        e.refusals.map((r) => r.code),
        ['storage_full'],
      );
      assert.equal(await snapshot(app.store), before, 'the refused batch left nothing behind');
      return { count: i, before };
    }
  }
  throw new Error('the disk never filled up');
}

function mountTmpfs(dir: string, size: string): string | null {
  if (process.getuid?.() !== 0) return 'not running as root';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0 ? null : `mount failed: ${r.stderr.trim()}`;
}

const mountDir = mkdtempSync(join(tmpdir(), 'soquy-full-'));
const mountProblem = mountTmpfs(mountDir, '4m');
if (mountProblem !== null) process.stderr.write(`\n*** tmpfs disk-full test SKIPPED: ${mountProblem}\n\n`);

describe('a full disk (a 4 MB tmpfs)', { skip: mountProblem ?? false }, () => {
  let world: World;
  const location = join(mountDir, 'soquy.db');
  const ballast = join(mountDir, 'ballast');
  before(async () => {
    const engine: EngineCase = {
      kind: 'sqlite',
      skip: false,
      fresh: async () => ({ location, cleanup: async () => {} }),
    };
    world = await freshWorld(engine);
    // Leave about 400 KB free, held by a ballast file that "freeing space" removes.
    const free = (s: ReturnType<typeof statfsSync>) => Number(s.bavail) * Number(s.bsize);
    writeFileSync(ballast, Buffer.alloc(Math.max(0, free(statfsSync(mountDir)) - 400_000)));
  });
  after(async () => {
    await world?.done();
    spawnSync('umount', [mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  test('writes are refused whole, with storage_full, in every interface; freed space lets them resume', {
    timeout: 120_000,
  }, async () => {
    const entriesBefore = (await world.app.ledger.book(ctx, 'quy-htnd')).headSeq;
    const { batches, singles, before } = await fillUntilRefused(world.app);
    assert.ok(batches > 0, 'some batches went in before the disk filled');

    // The command line, as a real process: exit 1, the sentence, no stack. (A batch as large as
    // the one refused: a smaller write may still fit in the last pages.)
    const json = join(tmpdir(), `soquy-full-${process.pid}.json`);
    writeFileSync(json, JSON.stringify({ entries: batch(50_000) }));
    const post = cliProcess(['--db', location, 'post', '--file', json]);
    rmSync(json);
    assert.equal(post.code, 1, post.err);
    assert.match(post.err, /ổ đĩa đã đầy.*\[storage_full\]/);
    assert.doesNotMatch(post.err, /\n\s+at |Lỗi hệ thống/);

    // The HTTP API: 503 with the code, the database's whereabouts not given away.
    const r = await world.call('POST', '/api/v1/entries', {
      as: 'admin',
      key: 'http-1',
      body: { entries: batch(99_999) },
    });
    assert.equal(r.status, 503, r.text);
    assert.equal(r.json.error.code, 'storage_unavailable');
    assert.equal(r.json.error.refusals[0].code, 'storage_full');
    assert.ok(!r.text.includes(mountDir));

    // A backup onto the full disk is refused and leaves no half file.
    const b = await cli(['--db', location, 'backup', '--out', join(mountDir, 'b.db')]);
    assert.equal(b.code, 1, b.err);
    assert.match(b.err, /\[storage_full\]/);
    assert.deepEqual(
      readdirSync(mountDir).filter((f) => f.startsWith('b.db')),
      [],
    );

    // Nothing committed was lost, nothing refused appeared.
    assert.equal(await snapshot(world.app.store), before);
    assert.equal((await cli(['--db', location, 'verify'])).code, 0);

    // Free space: writing resumes, and every batch is there once.
    rmSync(ballast);
    await world.app.ledger.post(ctx, batch(batches), { idempotencyKey: `day-${batches}` });
    const head = (await world.app.ledger.book(ctx, 'quy-htnd')).headSeq;
    assert.equal(head, entriesBefore + (batches + 1) * 40 + singles);
    const v = await cli(['--db', location, 'verify']);
    assert.equal(v.code, 0, v.out);
    assert.ok(existsSync(location));
  });
});

describe('a full database file (SQLite max_page_count)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'soquy-pages-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('writes are refused whole with storage_full; committed entries stay; a bigger limit resumes', async () => {
    const location = join(dir, 'soquy.db');
    const setup = await openApp(location, { synchronous: 'NORMAL' });
    await setup.ledger.createTenant({ id: 'huong-son', name: 'Xã Hương Sơn' });
    await setup.ledger.createBook(ctx, { code: 'quy-htnd', template: 'farmers-support-fund' });
    const pages = (await sql<{ page_count: number }>`PRAGMA page_count`.execute(setup.store.db)).rows[0]!
      .page_count;
    await setup.close();

    const capped = await openApp(location, { synchronous: 'NORMAL', maxPageCount: pages + 40 });
    const { batches, singles, before } = await fillUntilRefused(capped);
    assert.ok(batches > 0);
    await capped.close();

    const roomy = await openApp(location, { synchronous: 'NORMAL' });
    try {
      assert.equal(await snapshot(roomy.store), before, 'reopened: nothing committed lost');
      await roomy.ledger.post(ctx, batch(batches), { idempotencyKey: `day-${batches}` });
      assert.equal((await roomy.ledger.book(ctx, 'quy-htnd')).headSeq, (batches + 1) * 40 + singles);
      // Replaying a batch that went in before the disk filled posts nothing.
      const replay = await roomy.ledger.post(ctx, batch(0), { idempotencyKey: 'day-0' });
      assert.equal(replay.replayed, true);
    } finally {
      await roomy.close();
    }
    assert.equal((await cli(['--db', location, 'verify'])).code, 0);
  });
});
