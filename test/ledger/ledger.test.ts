/**
 * The ledger core on every engine: posting, refusals that write nothing, reversals, closed
 * periods, balances as of a date, statements, trial balances, idempotency and the database's own
 * refusal to change the journal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedCommune } from '../helpers/fixtures.ts';
import { snapshot } from '../helpers/snapshot.ts';

const capital: EntryDraft = {
  book: 'quy-htnd',
  date: '2025-01-02',
  kind: 'capital',
  memo: 'Huyện cấp vốn Quỹ HTND',
  documentNo: 'PT-001',
  postings: [
    { account: '111', amount: 100_000_000 },
    { account: '4113', amount: -100_000_000 },
  ],
};

function loan(party: string, date: string, amount: number): EntryDraft {
  return {
    book: 'quy-htnd',
    date,
    kind: 'disbursement',
    memo: `Giải ngân cho hộ ${party}`,
    postings: [
      { account: '1311', party, amount },
      { account: '111', amount: -amount },
    ],
  };
}

async function refusedCodes(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RefusedError) return e.refusals.map((r) => r.code);
    throw e;
  }
  assert.fail('expected a refusal');
}

for (const engine of ENGINES) {
  describe(`ledger core [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedCommune(app);
      await app.ledger.post(ctx, [capital], { idempotencyKey: 'cap-1' });
      await app.ledger.post(ctx, [loan('HH-001', '2025-01-15', 50_000_000)]);
      await app.ledger.post(ctx, [loan('HH-002', '2025-02-03', 30_000_000)]);
    });
    after(() => done());

    test('entries get gapless sequence numbers and chained hashes per book', async () => {
      const entries = await app.ledger.journal(ctx, { book: 'quy-htnd' });
      assert.deepEqual(
        entries.map((e) => e.seq),
        [1, 2, 3],
      );
      assert.equal(entries[1]!.prevHash, entries[0]!.hash);
      assert.equal(entries[2]!.prevHash, entries[1]!.hash);
      assert.match(entries[0]!.hash, /^[0-9a-f]{64}$/);
      const v = await verifyLedger(app.store, ctx);
      assert.equal(v.ok, true);
    });

    test('cash after capital 100,000,000 and loans 50,000,000 + 30,000,000 is 20,000,000', async () => {
      // 100.000.000 − 50.000.000 − 30.000.000 = 20.000.000 đ in the cash box.
      const cash = await app.ledger.balance(ctx, { book: 'quy-htnd', account: '111' });
      assert.equal(cash.balance, 20_000_000);
      assert.equal(cash.debit, 100_000_000);
      assert.equal(cash.credit, 80_000_000);
      const loans = await app.ledger.balance(ctx, { book: 'quy-htnd', account: '1311' });
      assert.equal(loans.balance, 80_000_000);
      const hh1 = await app.ledger.balance(ctx, { book: 'quy-htnd', account: '1311', party: 'HH-001' });
      assert.equal(hh1.balance, 50_000_000);
    });

    test('balance as of a date counts only entries dated on or before it', async () => {
      // On 31/01/2025 only HH-001's loan was out: cash 100.000.000 − 50.000.000 = 50.000.000.
      const jan = await app.ledger.balance(ctx, { book: 'quy-htnd', account: '111', asOf: '2025-01-31' });
      assert.equal(jan.balance, 50_000_000);
      const before = await app.ledger.balance(ctx, { book: 'quy-htnd', account: '111', asOf: '2025-01-01' });
      assert.equal(before.balance, 0);
      const parties = await app.ledger.partyBalances(ctx, {
        book: 'quy-htnd',
        account: '1311',
        asOf: '2025-01-31',
      });
      assert.deepEqual(
        parties.map((p) => [p.party, p.balance]),
        [['HH-001', 50_000_000]],
      );
    });

    test('statement shows the opening balance and a running balance after each line', async () => {
      const s = await app.ledger.statement(ctx, { book: 'quy-htnd', account: '111', from: '2025-01-10' });
      // Opening on 10/01: 100.000.000; then −50.000.000 → 50.000.000; −30.000.000 → 20.000.000.
      assert.equal(s.opening, 100_000_000);
      assert.deepEqual(
        s.lines.map((l) => [l.date, l.credit, l.balance]),
        [
          ['2025-01-15', 50_000_000, 50_000_000],
          ['2025-02-03', 30_000_000, 20_000_000],
        ],
      );
      assert.equal(s.closing, 20_000_000);
      assert.equal(s.totalCredit, 80_000_000);
    });

    test('trial balance of a book and across books sums to zero difference', async () => {
      const tb = await app.ledger.trialBalance(ctx, { book: 'quy-htnd' });
      assert.equal(tb.totalDebit, tb.totalCredit);
      assert.equal(tb.totalDebit, 180_000_000); // 100 + 50 + 30 million of debits
      const byAccount = Object.fromEntries(tb.rows.map((r) => [r.account, r.net]));
      assert.deepEqual(byAccount, { '111': 20_000_000, '1311': 80_000_000, '4113': -100_000_000 });
      const all = await app.ledger.trialBalance(ctx, {});
      assert.equal(all.totalDebit, all.totalCredit);
    });

    test('a replay with the same key returns the first entry and posts nothing', async () => {
      const before = await snapshot(app.store);
      const again = await app.ledger.post(ctx, [capital], { idempotencyKey: 'cap-1' });
      assert.equal(again.replayed, true);
      assert.equal(again.entries[0]!.seq, 1);
      assert.equal(await snapshot(app.store), before);
    });

    test('the same key with another body is refused and writes nothing', async () => {
      const before = await snapshot(app.store);
      const other = { ...capital, memo: 'khác' };
      assert.deepEqual(await refusedCodes(app.ledger.post(ctx, [other], { idempotencyKey: 'cap-1' })), [
        'idempotency_key_reused',
      ]);
      assert.equal(await snapshot(app.store), before);
    });

    const bad: Array<[string, EntryDraft, string]> = [
      [
        'unbalanced',
        {
          ...capital,
          postings: [
            { account: '111', amount: 100 },
            { account: '4113', amount: -99 },
          ],
        },
        'entry_unbalanced',
      ],
      [
        'unknown account',
        {
          ...capital,
          postings: [
            { account: '999', amount: 100 },
            { account: '4113', amount: -100 },
          ],
        },
        'account_unknown',
      ],
      ['wrong book', { ...capital, book: 'khong-co' }, 'book_unknown'],
      [
        'account of another book',
        {
          ...capital,
          book: 'vi-nguoi-ngheo',
          postings: [
            { account: '111', amount: 100 },
            { account: '4113', amount: -100 },
          ],
        },
        'account_unknown',
      ],
      [
        'fractional amount',
        {
          ...capital,
          postings: [
            { account: '111', amount: 100.5 },
            { account: '4113', amount: -100.5 },
          ],
        },
        'amount_not_whole_dong',
      ],
      [
        'amount out of range',
        {
          ...capital,
          postings: [
            { account: '111', amount: 2e13 },
            { account: '4113', amount: -2e13 },
          ],
        },
        'amount_out_of_range',
      ],
      ['bad date', { ...capital, date: '2025-02-30' }, 'date_invalid'],
      ['empty entry', { ...capital, postings: [] }, 'entry_empty'],
      ['one posting', { ...capital, postings: [{ account: '111', amount: 0 }] }, 'entry_too_few_postings'],
      [
        'zero posting',
        {
          ...capital,
          postings: [
            { account: '111', amount: 0 },
            { account: '4113', amount: 0 },
          ],
        },
        'amount_zero',
      ],
      [
        'missing party',
        {
          ...capital,
          postings: [
            { account: '1311', amount: 5 },
            { account: '111', amount: -5 },
          ],
        },
        'party_required',
      ],
      [
        'party where none belongs',
        {
          ...capital,
          postings: [
            { account: '111', party: 'HH-001', amount: 5 },
            { account: '4113', amount: -5 },
          ],
        },
        'party_not_allowed',
      ],
      ['unknown kind', { ...capital, kind: 'bribe' as EntryDraft['kind'] }, 'kind_unknown'],
      ['memo too long', { ...capital, memo: 'x'.repeat(501) }, 'text_too_long'],
      ['cash below zero', loan('HH-003', '2025-03-01', 20_000_001), 'balance_rule_broken'],
      // Back-dated: on 20/01 cash was 50.000.000, so a 25.000.000 loan that day leaves 25.000.000;
      // but the 30.000.000 loan of 03/02 would then overdraw it to −5.000.000. The rule holds on
      // every day from the entry's date on, not only today.
      ['back-dated overdraft', loan('HH-004', '2025-01-20', 25_000_000), 'balance_rule_broken'],
    ];
    for (const [name, draft, code] of bad) {
      test(`refuses ${name} with ${code} and writes nothing`, async () => {
        const before = await snapshot(app.store);
        const codes = await refusedCodes(app.ledger.post(ctx, [draft]));
        assert.ok(codes.includes(code), `got ${codes.join(', ')}`);
        assert.equal(await snapshot(app.store), before);
      });
    }

    test('a batch that takes cash in and pays more out is refused at the paying posting', async () => {
      // Cash is 20.000.000 from 03/02 on. On 10/03 the batch receives 1.000.000 and lends
      // 21.000.001: 20.000.000 + 1.000.000 − 21.000.001 = −1 at the end of 10/03. Only postings
      // that lower a balance can break "never below zero", so the refusal names the loan's cash line.
      const before = await snapshot(app.store);
      const receipt: EntryDraft = { ...capital, date: '2025-03-10', documentNo: 'PT-009' };
      const postings = (amount: number) => [
        { account: '111', amount },
        { account: '4113', amount: -amount },
      ];
      try {
        await app.ledger.post(ctx, [
          { ...receipt, postings: postings(1_000_000) },
          loan('HH-006', '2025-03-10', 21_000_001),
        ]);
        assert.fail('expected a refusal');
      } catch (e) {
        assert.ok(e instanceof RefusedError);
        assert.deepEqual(
          e.refusals.map((r) => [r.code, r.field, r.value, r.params?.['balance']]),
          [['balance_rule_broken', 'entries[1].postings[1].amount', -21_000_001, -1]],
        );
      }
      assert.equal(await snapshot(app.store), before);
    });

    test('a batch with one bad entry writes none of them', async () => {
      const before = await snapshot(app.store);
      const codes = await refusedCodes(
        app.ledger.post(ctx, [loan('HH-010', '2025-03-01', 1_000_000), { ...capital, date: 'hôm qua' }]),
      );
      assert.deepEqual(codes, ['date_invalid']);
      assert.equal(await snapshot(app.store), before);
    });

    test('too many postings in one entry is refused by name', async () => {
      const postings = Array.from({ length: 1002 }, (_, i) => ({
        account: '111',
        amount: i % 2 === 0 ? 1 : -1,
      }));
      assert.deepEqual(await refusedCodes(app.ledger.post(ctx, [{ ...capital, postings }])), [
        'entry_too_many_postings',
      ]);
    });

    test('a reversal negates every posting, links to its original and restores balances', async () => {
      const tbBefore = await app.ledger.trialBalance(ctx, { book: 'quy-htnd' });
      const posted = await app.ledger.post(ctx, [loan('HH-005', '2025-03-05', 5_000_000)]);
      const seq = posted.entries[0]!.seq;
      const r = await app.ledger.reverse(ctx, { book: 'quy-htnd', seq, date: '2025-03-06' });
      const rev = await app.ledger.entry(ctx, 'quy-htnd', r.entries[0]!.seq);
      assert.equal(rev.kind, 'reversal');
      assert.equal(rev.reversesSeq, seq);
      assert.deepEqual(
        rev.postings.map((p) => p.amount),
        [-5_000_000, 5_000_000],
      );
      const hh5 = await app.ledger.balance(ctx, { book: 'quy-htnd', account: '1311', party: 'HH-005' });
      assert.equal(hh5.balance, 0);
      const tbAfter = await app.ledger.trialBalance(ctx, { book: 'quy-htnd' });
      assert.deepEqual(
        tbAfter.rows.map((x) => [x.account, x.net]),
        tbBefore.rows.map((x) => [x.account, x.net]),
      );
      assert.deepEqual(
        await refusedCodes(app.ledger.reverse(ctx, { book: 'quy-htnd', seq, date: '2025-03-07' })),
        ['entry_already_reversed'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.ledger.reverse(ctx, { book: 'quy-htnd', seq: r.entries[0]!.seq, date: '2025-03-07' }),
        ),
        ['entry_is_reversal'],
      );
    });

    test('closing a period refuses entries dated inside it, and it cannot be reopened', async () => {
      const closed = await app.ledger.closePeriod(ctx, { book: 'vi-nguoi-ngheo', through: '2025-06-30' });
      assert.equal(closed.headSeq, 0);
      const donation: EntryDraft = {
        book: 'vi-nguoi-ngheo',
        date: '2025-06-30',
        kind: 'donation',
        memo: 'Ủng hộ',
        postings: [
          { account: '111', amount: 500_000 },
          { account: '5111', amount: -500_000 },
        ],
      };
      assert.deepEqual(await refusedCodes(app.ledger.post(ctx, [donation])), ['period_closed']);
      await app.ledger.post(ctx, [{ ...donation, date: '2025-07-01' }]);
      assert.deepEqual(
        await refusedCodes(app.ledger.closePeriod(ctx, { book: 'vi-nguoi-ngheo', through: '2025-05-31' })),
        ['period_already_closed'],
      );
      const closes = await app.ledger.periodCloses(ctx, 'vi-nguoi-ngheo');
      assert.equal(closes.length, 1);
    });

    test('the database itself refuses UPDATE and DELETE of entries and postings', async () => {
      for (const statement of [
        `UPDATE posting SET amount_dong = amount_dong + 1 WHERE seq = 1`,
        `DELETE FROM posting WHERE seq = 1`,
        `UPDATE journal_entry SET memo = 'sửa' WHERE seq = 1`,
        `DELETE FROM journal_entry WHERE seq = 1`,
      ]) {
        await assert.rejects(
          sql.raw(`/* test */ ${statement}`).execute(app.store.db),
          /append-only/,
          statement,
        );
      }
      // Nor can it add a posting to a written entry, or an entry that skips the sequence.
      await assert.rejects(
        sql
          .raw(`/* test */ INSERT INTO posting VALUES ('huong-son','quy-htnd',1,9,'111','','2025-01-02',5)`)
          .execute(app.store.db),
        /written entry/,
      );
    });

    test('the database refuses an unbalanced entry written behind the service', async () => {
      const head = await app.ledger.book(ctx, 'quy-htnd');
      const seq = head.headSeq + 1;
      await assert.rejects(
        app.store.write(async (tx) => {
          await sql
            .raw(
              `/* test */ INSERT INTO posting VALUES ('huong-son','quy-htnd',${seq},1,'111','','2025-12-01',7)`,
            )
            .execute(tx);
          await sql
            .raw(
              `/* test */ INSERT INTO posting VALUES ('huong-son','quy-htnd',${seq},2,'4113','','2025-12-01',-6)`,
            )
            .execute(tx);
          await sql
            .raw(
              `/* test */ INSERT INTO journal_entry VALUES ('huong-son','quy-htnd',${seq},'2025-12-01','x','general','',NULL,'a',NULL,NULL,2,'${head.headHash}','h')`,
            )
            .execute(tx);
        }),
        /do not balance/,
      );
      await assert.rejects(
        app.store.write(async (tx) => {
          await sql
            .raw(
              `/* test */ INSERT INTO posting VALUES ('huong-son','quy-htnd',${seq + 1},1,'111','','2025-12-01',7)`,
            )
            .execute(tx);
          await sql
            .raw(
              `/* test */ INSERT INTO posting VALUES ('huong-son','quy-htnd',${seq + 1},2,'4113','','2025-12-01',-7)`,
            )
            .execute(tx);
          await sql
            .raw(
              `/* test */ INSERT INTO journal_entry VALUES ('huong-son','quy-htnd',${seq + 1},'2025-12-01','x','general','',NULL,'a',NULL,NULL,2,'${head.headHash}','h')`,
            )
            .execute(tx);
        }),
        /gapless/,
      );
      assert.equal((await verifyLedger(app.store, ctx)).ok, true);
    });
  });
}
