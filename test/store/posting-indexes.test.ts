/**
 * Each posting is in one secondary index (migration 0013): postings naming a party in
 * `posting_party_seq`, postings without one in `posting_account`. Both indexes are partial, and an
 * engine uses a partial index only when the query's own text implies its condition. So this test
 * runs the real reads (a household's statement, the cash book, a loan's postings), takes the
 * statement text each engine received, and reads its plan: a rewrite that loses the literal
 * `party_id` term would scan the whole book and fail here, not only in a benchmark. The figures
 * are checked too, including the one read no index serves (a party account across all parties).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompiledQuery } from 'kysely';
import type { Ctx } from '../../src/app/context.ts';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import type { App } from '../../src/main/app.ts';
import { loanPostings } from '../../src/store/loans-store.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { capitalDraft } from '../helpers/fixtures.ts';

const ctx: Ctx = { tenant: 'an-phu', actor: 'thu-quy' };

/** Cash out to a household's receivable (a loan), or back in when `amount` is negative. */
const money = (date: string, party: string, amount: number, memo: string): EntryDraft => ({
  book: 'quy',
  date,
  kind: 'general',
  memo,
  postings: [
    { account: '1388', party, amount },
    { account: '111', amount: -amount },
  ],
});

for (const engine of ENGINES)
  describe(`each posting in one secondary index (${engine.kind})`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    const seen: string[] = [];
    before(async () => {
      ({ app, done } = await freshApp(engine, { onQuery: (text) => seen.push(text) }));
      await app.ledger.createTenant({ id: 'an-phu', name: 'Xã An Phú' });
      await app.ledger.createBook(ctx, { code: 'quy', template: 'general' });
      // Capital 10.000.000 đ in cash; two households lent from it, one repays part.
      await app.ledger.post(ctx, [
        capitalDraft('quy', '2025-01-02', 10_000_000),
        money('2025-01-05', 'HH-1', 3_000_000, 'Cho hộ HH-1 vay'),
        money('2025-01-06', 'HH-2', 2_000_000, 'Cho hộ HH-2 vay'),
        money('2025-02-05', 'HH-1', -1_000_000, 'Hộ HH-1 trả một phần'),
      ]);
    });
    after(() => done());

    /** The plan of the last statement on `posting` run by `read`, with these parameters. */
    async function planOf(read: () => Promise<unknown>, parameters: unknown[]): Promise<string> {
      seen.length = 0;
      await read();
      const text = seen.filter((s) => /from "posting"/i.test(s)).pop();
      assert.ok(text, `no statement on posting among ${seen.length}`);
      return app.store.write(async (tx) => {
        if (engine.kind === 'sqlite') {
          const r = await tx.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`EXPLAIN QUERY PLAN ${text}`, parameters),
          );
          return r.rows.map((row) => row.detail).join('\n');
        }
        // On four rows PostgreSQL would rightly read the heap; without that choice it shows
        // which index it can use.
        await tx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
        const r = await tx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`EXPLAIN ${text}`, parameters),
        );
        return r.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    }

    test('a household’s statement in 1388 reads posting_party_seq', async () => {
      // HH-1: lent 3.000.000 on 05/01, repaid 1.000.000 on 05/02 → 2.000.000 owed.
      const s = await app.ledger.statement(ctx, { book: 'quy', account: '1388', party: 'HH-1' });
      assert.deepEqual(
        s.lines.map((l) => [l.date, l.debit, l.credit, l.balance]),
        [
          ['2025-01-05', 3_000_000, 0, 3_000_000],
          ['2025-02-05', 0, 1_000_000, 2_000_000],
        ],
      );
      const plan = await planOf(
        () => app.ledger.statement(ctx, { book: 'quy', account: '1388', party: 'HH-1' }),
        ['an-phu', 'quy', '1388', 'HH-1', 501],
      );
      assert.match(plan, /posting_party_seq/, plan);
    });

    test('the cash book (111, no parties) reads posting_account', async () => {
      // 10.000.000 − 3.000.000 − 2.000.000 + 1.000.000 = 6.000.000 đ.
      const s = await app.ledger.statement(ctx, { book: 'quy', account: '111' });
      assert.deepEqual(
        s.lines.map((l) => l.balance),
        [10_000_000, 7_000_000, 5_000_000, 6_000_000],
      );
      const plan = await planOf(
        () => app.ledger.statement(ctx, { book: 'quy', account: '111' }),
        ['an-phu', 'quy', '111', 501],
      );
      assert.match(plan, /posting_account/, plan);
    });

    test('a loan’s postings in journal order read posting_party_seq', async () => {
      const rows = await loanPostings(app.store.db, 'an-phu', 'quy', ['HH-1', 'HH-2']);
      // HH-1: +3.000.000 (seq 2), −1.000.000 (seq 4); HH-2: +2.000.000 (seq 3). Cash lines are not
      // a party's and do not appear.
      assert.deepEqual(
        rows.map((r) => [r.party, r.seq, r.amount]),
        [
          ['HH-1', 2, 3_000_000],
          ['HH-1', 4, -1_000_000],
          ['HH-2', 3, 2_000_000],
        ],
      );
      const plan = await planOf(
        () => loanPostings(app.store.db, 'an-phu', 'quy', ['HH-1', 'HH-2']),
        ['an-phu', 'quy', 'HH-1', 'HH-2'],
      );
      assert.match(plan, /posting_party_seq/, plan);
    });

    test('1388 across every household (no index) still lists every line in date order', async () => {
      // 3.000.000 (HH-1) + 2.000.000 (HH-2) − 1.000.000 (HH-1) = 4.000.000 đ receivable.
      const s = await app.ledger.statement(ctx, { book: 'quy', account: '1388' });
      assert.deepEqual(
        s.lines.map((l) => [l.date, l.party, l.balance]),
        [
          ['2025-01-05', 'HH-1', 3_000_000],
          ['2025-01-06', 'HH-2', 5_000_000],
          ['2025-02-05', 'HH-1', 4_000_000],
        ],
      );
    });
  });
