/**
 * Concurrent writes inside one process (docs/design/group-commit.md). On SQLite, callers who
 * arrive while a write is in flight share the next commit, each in its own savepoint; on
 * PostgreSQL each has its own transaction. Either way every caller gets the answer it would have
 * got alone: a refused write leaves nothing and spoils no one else's, the balance rules see the
 * writes before them, and the chain and running totals stay equal to a full replay.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import { type App, openApp } from '../../src/main/app.ts';
import { ENGINES } from '../helpers/engines.ts';

const ctx = { tenant: 'nhom', actor: 'thu-quy' };

const withdrawal = (i: number): EntryDraft => ({
  book: 'quy',
  date: '2025-03-01',
  kind: 'general',
  memo: `Chi ${i}`,
  postings: [
    { account: '111', amount: -300_000 },
    { account: '611', amount: 300_000 },
  ],
});
const receipt = (i: number, amount: number): EntryDraft => ({
  book: 'quy',
  date: '2025-03-02',
  kind: 'general',
  memo: `Thu ${i}`,
  postings: [
    { account: '111', amount },
    { account: '411', amount: -amount },
  ],
});

for (const engine of ENGINES) {
  describe(`concurrent writes in one process [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let cleanup: () => Promise<void>;
    let commits = 0;
    before(async () => {
      const fresh = await engine.fresh();
      cleanup = fresh.cleanup;
      app = await openApp(fresh.location, {
        onQuery: (text) => {
          if (text.trim().toLowerCase() === 'commit') commits += 1;
        },
      });
      await app.ledger.createTenant({ id: 'nhom', name: 'Xã thử ghi đồng thời' });
      await app.ledger.createBook(ctx, { code: 'quy', template: 'general' });
      // Cash 1.000.000 đ on 01/01/2025.
      await app.ledger.post(
        ctx,
        [receipt(0, 1_000_000)].map((d) => ({ ...d, date: '2025-01-01' })),
      );
    });
    after(async () => {
      await app.close();
      await cleanup();
    });

    test('ten withdrawals of 300.000 đ from 1.000.000 đ at once: three go through, in order', async () => {
      const before = commits;
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => app.ledger.post(ctx, [withdrawal(i + 1)])),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      // 1.000.000 − 3 × 300.000 = 100.000 đ; a fourth would leave −200.000 đ.
      assert.equal(ok.length, 3);
      for (const r of refused) {
        assert.ok(r.reason instanceof RefusedError);
        assert.equal(r.reason.refusals[0]?.code, 'balance_rule_broken');
      }
      const cash = await app.ledger.balance(ctx, { book: 'quy', account: '111' });
      assert.equal(cash.balance, 100_000);
      if (engine.kind === 'sqlite') {
        // First come, first served: the first three callers are the ones that went through, with
        // sequence numbers 2, 3, 4 after the opening receipt. (PostgreSQL's pooled connections
        // take the book's lock in whatever order they get there.)
        assert.deepEqual(
          results.slice(0, 3).map((r) => (r.status === 'fulfilled' ? r.value.entries[0]?.seq : null)),
          [2, 3, 4],
        );
        // The first caller found the writer idle and committed alone; the other nine queued and
        // shared one commit (two of them kept, seven rolled back to their savepoints).
        assert.equal(commits - before, 2);
      }
      const v = await verifyLedger(app.store, ctx);
      assert.equal(v.ok, true, JSON.stringify(v));
    });

    test('a write that fails after writing leaves nothing; the others in its group stand', async () => {
      const head = (await app.ledger.book(ctx, 'quy')).headSeq;
      const boom = app.store.write(async (tx) => {
        await sql`INSERT INTO tenant (id, name, created_at) VALUES ('tam', 'tạm', '2025-01-01')`.execute(tx);
        throw new Error('hỏng giữa chừng');
      });
      const [a, b, c] = await Promise.allSettled([
        app.ledger.post(ctx, [receipt(1, 50_000)]),
        boom,
        app.ledger.post(ctx, [receipt(2, 70_000)]),
      ]);
      assert.equal(a.status, 'fulfilled');
      assert.equal(b.status, 'rejected');
      assert.match(String((b as PromiseRejectedResult).reason), /hỏng giữa chừng/);
      assert.equal(c.status, 'fulfilled');
      const tenants = await app.store.db.selectFrom('tenant').select('id').where('id', '=', 'tam').execute();
      assert.deepEqual(tenants, []);
      // 100.000 + 50.000 + 70.000 đ, two entries after the head.
      assert.equal((await app.ledger.balance(ctx, { book: 'quy', account: '111' })).balance, 220_000);
      assert.equal((await app.ledger.book(ctx, 'quy')).headSeq, head + 2);
      assert.equal((await verifyLedger(app.store, ctx)).ok, true);
    });

    test('a group whose commit fails: each caller gets its own answer', async () => {
      const head = (await app.ledger.book(ctx, 'quy')).headSeq;
      // A posting with no entry passes its own insert (postings go in before their entry) and
      // fails only at COMMIT, on the deferred foreign key to journal_entry.
      const orphan = () =>
        app.store.write(async (tx) => {
          await sql`INSERT INTO posting (tenant_id, book_code, seq, line, account_code, party_id, effective_date, amount_dong)
                  VALUES ('nhom', 'quy', 999, 1, '111', '', '2025-03-03', 5000)`.execute(tx);
          return 'viết xong';
        });
      const [a, b, c, d] = await Promise.allSettled([
        app.ledger.post(ctx, [receipt(3, 10_000)]),
        app.ledger.post(ctx, [receipt(4, 20_000)]),
        orphan(),
        app.ledger.post(ctx, [receipt(5, 30_000)]),
      ]);
      assert.equal(a.status, 'fulfilled');
      assert.equal(b.status, 'fulfilled');
      assert.equal(c.status, 'rejected');
      assert.match(String((c as PromiseRejectedResult).reason), /FOREIGN KEY|foreign key/);
      assert.equal(d.status, 'fulfilled');
      // 220.000 + 10.000 + 20.000 + 30.000 đ; the orphan posting is nowhere.
      assert.equal((await app.ledger.balance(ctx, { book: 'quy', account: '111' })).balance, 280_000);
      assert.equal((await app.ledger.book(ctx, 'quy')).headSeq, head + 3);
      const orphans = await app.store.db
        .selectFrom('posting')
        .select('seq')
        .where('tenant_id', '=', 'nhom')
        .where('seq', '=', 999)
        .execute();
      assert.deepEqual(orphans, []);
      assert.equal((await verifyLedger(app.store, ctx)).ok, true);
    });

    test('200 concurrent receipts and payments: every caller answered, totals equal a replay', async () => {
      const start = (await app.ledger.balance(ctx, { book: 'quy', account: '111' })).balance;
      const drafts = Array.from({ length: 200 }, (_, i) =>
        i % 4 === 3
          ? {
              ...withdrawal(i),
              date: '2025-03-05',
              postings: withdrawal(i).postings.map((p) => ({ ...p, amount: p.amount / 60 })),
            }
          : receipt(i, 1_000 * (i + 1)),
      );
      const results = await Promise.allSettled(drafts.map((d) => app.ledger.post(ctx, [d])));
      assert.deepEqual(
        results.filter((r) => r.status === 'rejected').map((r) => String(r.reason)),
        [],
      );
      // Receipts: 1.000 × (i + 1) for the 150 i with i mod 4 ≠ 3, that is 1.000 × (1 + … + 200)
      // less 1.000 × (4 + 8 + … + 200) = 20.100.000 − 5.100.000 = 15.000.000 đ; payments: 50 × 5.000 đ,
      // less than the 280.000 đ in the box, so no order of arrival breaks the cash rule.
      const receipts = drafts.reduce((s, _, i) => (i % 4 === 3 ? s : s + 1_000 * (i + 1)), 0);
      assert.equal(receipts, 15_000_000);
      const cash = await app.ledger.balance(ctx, { book: 'quy', account: '111' });
      assert.equal(cash.balance, start + 15_000_000 - 50 * 5_000);
      const seqs = results.map((r) => (r.status === 'fulfilled' ? r.value.entries[0]!.seq : 0));
      assert.equal(new Set(seqs).size, 200);
      assert.equal((await verifyLedger(app.store, ctx)).ok, true);
    });

    test('property: any mix of concurrent receipts, payments and failing writes keeps the books equal to a replay', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              fc.record({ op: fc.constant('in' as const), amount: fc.integer({ min: 1, max: 500 }) }),
              fc.record({ op: fc.constant('out' as const), amount: fc.integer({ min: 1, max: 500 }) }),
              fc.record({ op: fc.constant('throw' as const), amount: fc.constant(0) }),
            ),
            { minLength: 1, maxLength: 40 },
          ),
          async (ops) => {
            const cash = async () => (await app.ledger.balance(ctx, { book: 'quy', account: '111' })).balance;
            const before = await cash();
            const head = (await app.ledger.book(ctx, 'quy')).headSeq;
            const results = await Promise.allSettled(
              ops.map((o, i) =>
                o.op === 'throw'
                  ? app.store.write(async (tx) => {
                      await sql`INSERT INTO tenant (id, name, created_at) VALUES (${`tam-${i}`}, 'tạm', '2025-01-01')`.execute(
                        tx,
                      );
                      throw new Error('hỏng');
                    })
                  : app.ledger.post(ctx, [
                      {
                        book: 'quy',
                        date: '2025-04-01',
                        kind: 'general',
                        memo: `${o.op} ${i}`,
                        postings: [
                          { account: '111', amount: (o.op === 'in' ? 1 : -1) * o.amount * 1_000 },
                          { account: '411', amount: (o.op === 'in' ? -1 : 1) * o.amount * 1_000 },
                        ],
                      },
                    ]),
              ),
            );
            // Cash moves by exactly the writes that were answered "done"; no failing write leaves
            // a row; the book's head moves by the number of entries answered "done".
            let moved = 0;
            let done = 0;
            results.forEach((r, i) => {
              const o = ops[i]!;
              if (o.op === 'throw') assert.equal(r.status, 'rejected');
              else if (r.status === 'fulfilled') {
                done += 1;
                moved += (o.op === 'in' ? 1 : -1) * o.amount * 1_000;
              } else assert.equal((r.reason as RefusedError).refusals[0]?.code, 'balance_rule_broken');
            });
            assert.equal(await cash(), before + moved);
            assert.ok((await cash()) >= 0);
            assert.equal((await app.ledger.book(ctx, 'quy')).headSeq, head + done);
            const stray = await app.store.db
              .selectFrom('tenant')
              .select('id')
              .where('id', 'like', 'tam-%')
              .execute();
            assert.deepEqual(stray, []);
          },
        ),
        { numRuns: 25 },
      );
      assert.equal((await verifyLedger(app.store, ctx)).ok, true);
    });
  });
}
