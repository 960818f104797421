/**
 * Concurrent writers, as processes with their own connections, on both engines: 8 writers post
 * 10,000 entries into three shared books. Afterwards every book's sequence is gapless and unique,
 * `verify` passes (chain and running totals equal a full replay), cash never went below zero on
 * any day, and shared idempotency keys posted once. Ten withdrawals of 300.000 đ racing for
 * 1.000.000 đ of cash: exactly three go through, seven get the balance-rule refusal.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';

const ctx = { tenant: 'dong-thoi', actor: 'setup' };
const WRITERS = 8;
const PER_WRITER = 1_250;

interface Summary {
  worker: number;
  posted: number;
  replayed: number;
  refused: Record<string, number>;
  seqs: Array<[string, number]>;
}

function writer(location: string, worker: number, count: number, mode: 'mix' | 'race'): Promise<Summary> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'writer.ts'),
        location,
        String(worker),
        String(count),
        mode,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`writer ${worker} exit ${code}: ${err}`)),
    );
  });
}

for (const engine of ENGINES) {
  describe(`concurrent writers [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let location: string;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, location, done } = await freshApp(engine));
      await app.ledger.createTenant({ id: 'dong-thoi', name: 'Xã thử đồng thời' });
      for (const book of ['so-a', 'so-b', 'so-c', 'race'])
        await app.ledger.createBook(ctx, { code: book, template: 'general' });
      await app.ledger.post(ctx, [
        {
          book: 'race',
          date: '2025-01-01',
          kind: 'capital',
          memo: 'Quỹ 1.000.000',
          postings: [
            { account: '111', amount: 1_000_000 },
            { account: '411', amount: -1_000_000 },
          ],
        },
      ]);
    });
    after(() => done());

    test(`${WRITERS} writer processes post ${WRITERS * PER_WRITER} entries into shared books`, {
      timeout: 600_000,
    }, async () => {
      const summaries = await Promise.all(
        Array.from({ length: WRITERS }, (_, w) => writer(location, w, PER_WRITER, 'mix')),
      );
      const posted = summaries.reduce((s, x) => s + x.posted, 0);
      const replayed = summaries.reduce((s, x) => s + x.replayed, 0);
      const refused = summaries.reduce((s, x) => s + Object.values(x.refused).reduce((a, b) => a + b, 0), 0);
      assert.equal(posted + replayed + refused, WRITERS * PER_WRITER);
      // 125 shared keys, each sent by all 8 writers: posted once, replayed 7 times.
      const sharedPosted = PER_WRITER / 10;
      assert.equal(replayed, sharedPosted * (WRITERS - 1));
      for (const s of summaries)
        for (const code of Object.keys(s.refused)) assert.equal(code, 'balance_rule_broken');

      // Sequence numbers are unique per book, and together cover 1..head with no gap.
      const seen = new Map<string, Set<number>>();
      for (const s of summaries)
        for (const [book, seq] of s.seqs) {
          const set = seen.get(book) ?? new Set<number>();
          assert.ok(!set.has(seq), `${book}#${seq} given twice`);
          set.add(seq);
          seen.set(book, set);
        }
      for (const book of ['so-a', 'so-b', 'so-c']) {
        const head = (await app.ledger.book(ctx, book)).headSeq;
        assert.equal(seen.get(book)?.size, head, `book ${book}`);
      }
      assert.equal(
        posted,
        [...seen.values()].reduce((a, b) => a + b.size, 0),
      );

      const v = await verifyLedger(app.store, ctx);
      assert.equal(v.ok, true, JSON.stringify(v.books.filter((b) => !b.ok)));

      // Cash never below zero on any day: walk each statement's running balance.
      for (const book of ['so-a', 'so-b', 'so-c']) {
        const st = await app.ledger.statement(ctx, { book, account: '111' });
        assert.ok(!st.truncated);
        assert.ok(
          st.lines.every((l) => l.balance >= 0),
          `${book} cash went negative`,
        );
        const bal = await app.ledger.balance(ctx, { book, account: '111' });
        assert.equal(bal.balance, st.closing);
      }
    });

    test('ten withdrawals of 300.000 đ racing for 1.000.000 đ: three go through', {
      timeout: 120_000,
    }, async () => {
      const summaries = await Promise.all(
        Array.from({ length: 10 }, (_, w) => writer(location, 100 + w, 1, 'race')),
      );
      const ok = summaries.filter((s) => s.posted === 1).length;
      const refused = summaries.filter((s) => s.refused['balance_rule_broken'] === 1).length;
      assert.equal(ok, 3);
      assert.equal(refused, 7);
      // 1.000.000 − 3 × 300.000 = 100.000 đ left.
      assert.equal((await app.ledger.balance(ctx, { book: 'race', account: '111' })).balance, 100_000);
      assert.equal((await verifyLedger(app.store, ctx, 'race')).ok, true);
    });
  });
}
