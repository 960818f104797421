/**
 * Property tests of the ledger invariants (fast-check), on every engine:
 * - random valid entry streams keep every trial balance at zero difference, and every running
 *   balance (now, as of any day, per party) equals a full replay of the stream;
 * - the hash chain verifies after any stream;
 * - reversing every entry brings every balance back to zero;
 * - idempotent replays post nothing;
 * - random bad entries are refused with the right code and leave the content unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { Ctx } from '../../src/app/context.ts';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';

const ctx: Ctx = { tenant: 'prop', actor: 'fast-check', now: () => new Date('2026-01-01T00:00:00Z') };
const RUNS = Number(process.env['SOQUY_PROPERTY_RUNS'] ?? 20);

// A chart with no balance rule, so any balanced stream is valid: two plain accounts, two kept per
// party, and a memo pair that must balance on its own.
const ACCOUNTS = [
  { code: 'A1', type: 'asset', partyMode: 'none' },
  { code: 'A2', type: 'asset', partyMode: 'required' },
  { code: 'L1', type: 'liability', partyMode: 'required' },
  { code: 'I1', type: 'income', partyMode: 'none' },
  { code: 'E1', type: 'expense', partyMode: 'none' },
] as const;
const PARTIES = ['HH-1', 'HH-2', 'HH-3'];
const DAYS = ['2025-01-01', '2025-01-15', '2025-02-01', '2025-02-28', '2025-03-31', '2025-06-30'];

const postingArb = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  party: fc.constantFrom(...PARTIES),
  amount: fc.oneof(fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: -1_000_000_000, max: -1 })),
});

/** An entry of 2–4 postings whose last posting balances the others. */
function entryArb(book: string): fc.Arbitrary<EntryDraft> {
  return fc
    .record({
      date: fc.constantFrom(...DAYS),
      lines: fc.array(postingArb, { minLength: 1, maxLength: 3 }),
      closer: fc.constantFrom(...ACCOUNTS),
      closerParty: fc.constantFrom(...PARTIES),
      memo: fc.string({ maxLength: 30 }),
      withMemoPair: fc.boolean(),
    })
    .filter(({ lines }) => lines.reduce((s, l) => s + l.amount, 0) !== 0)
    .map(({ date, lines, closer, closerParty, memo, withMemoPair }) => {
      const sum = lines.reduce((s, l) => s + l.amount, 0);
      const postings = [
        ...lines.map((l): { account: string; party: string | null; amount: number } => ({
          account: l.account.code,
          party: l.account.partyMode === 'required' ? l.party : null,
          amount: l.amount,
        })),
        { account: closer.code, party: closer.partyMode === 'required' ? closerParty : null, amount: -sum },
      ];
      if (withMemoPair)
        postings.push(
          { account: 'M1', party: closerParty, amount: 1_000 },
          { account: 'M9', party: null, amount: -1_000 },
        );
      return { book, date, kind: 'general' as const, memo, postings };
    });
}

interface Model {
  /** key: account|party|day → net debit */
  readonly net: Map<string, number>;
}

function replay(entries: readonly EntryDraft[]): Model {
  const net = new Map<string, number>();
  const add = (k: string, v: number) => net.set(k, (net.get(k) ?? 0) + v);
  for (const e of entries)
    for (const p of e.postings) {
      add(`${p.account}||${e.date}`, p.amount);
      if (p.party) add(`${p.account}|${p.party}|${e.date}`, p.amount);
    }
  return { net };
}

function modelBalance(m: Model, account: string, party: string, asOf?: string): number {
  let sum = 0;
  for (const [k, v] of m.net) {
    const [a, p, day] = k.split('|') as [string, string, string];
    if (a === account && p === party && (asOf === undefined || day <= asOf)) sum += v;
  }
  return sum;
}

let bookCounter = 0;
async function newBook(app: App): Promise<string> {
  const code = `p-${++bookCounter}`;
  await app.ledger.createBook(ctx, { code, template: 'general' });
  for (const a of ACCOUNTS)
    await app.ledger.addAccount(ctx, {
      book: code,
      code: a.code,
      type: a.type,
      nameVi: a.code,
      partyMode: a.partyMode,
    });
  await app.ledger.addAccount(ctx, {
    book: code,
    code: 'M1',
    type: 'memo',
    nameVi: 'memo',
    partyMode: 'required',
  });
  await app.ledger.addAccount(ctx, {
    book: code,
    code: 'M9',
    type: 'memo',
    nameVi: 'memo contra',
    normalSide: 'credit',
  });
  return code;
}

/** Debit-minus-credit as the ledger reports it, to compare with the model. */
async function ledgerNet(
  app: App,
  book: string,
  account: string,
  party: string,
  asOf?: string,
): Promise<number> {
  const b = await app.ledger.balance(ctx, { book, account, party: party || undefined, asOf });
  return b.debit - b.credit;
}

for (const engine of ENGINES) {
  describe(`ledger properties [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await app.ledger.createTenant({ id: 'prop', name: 'Xã thử' });
    });
    after(() => done());

    test('random valid streams: trial balance zero, balances equal a full replay, chain verifies', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArb('x'), { minLength: 1, maxLength: 25 }),
          fc.boolean(),
          async (stream, oneBatch) => {
            const book = await newBook(app);
            const entries = stream.map((e) => ({ ...e, book }));
            if (oneBatch) await app.ledger.post(ctx, entries);
            else for (const e of entries) await app.ledger.post(ctx, [e]);
            const tb = await app.ledger.trialBalance(ctx, { book });
            assert.equal(tb.totalDebit, tb.totalCredit);
            assert.equal(tb.memoDebit, tb.memoCredit);
            const model = replay(entries);
            for (const a of [...ACCOUNTS.map((x) => x.code), 'M1', 'M9']) {
              for (const asOf of [undefined, ...DAYS]) {
                assert.equal(
                  await ledgerNet(app, book, a, '', asOf),
                  modelBalance(model, a, '', asOf),
                  `${a} as of ${asOf}`,
                );
              }
            }
            for (const a of ['A2', 'L1', 'M1'])
              for (const party of PARTIES)
                for (const asOf of [undefined, '2025-02-01'])
                  assert.equal(
                    await ledgerNet(app, book, a, party, asOf),
                    modelBalance(model, a, party, asOf),
                    `${a}/${party} as of ${asOf}`,
                  );
            const v = await verifyLedger(app.store, ctx, book);
            assert.equal(v.ok, true, JSON.stringify(v.books[0]?.firstBad));
            assert.equal(v.books[0]!.entries, entries.length);
          },
        ),
        { numRuns: RUNS },
      );
    });

    test('reversing every entry brings every balance back to zero', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(entryArb('x'), { minLength: 1, maxLength: 12 }), async (stream) => {
          const book = await newBook(app);
          const posted = await app.ledger.post(
            ctx,
            stream.map((e) => ({ ...e, book })),
          );
          for (const ref of posted.entries)
            await app.ledger.reverse(ctx, { book, seq: ref.seq, date: '2025-12-31' });
          const tb = await app.ledger.trialBalance(ctx, { book });
          for (const row of tb.rows) assert.equal(row.net, 0, `${row.account} not back to zero`);
          for (const a of ['A2', 'L1'])
            for (const p of PARTIES) assert.equal(await ledgerNet(app, book, a, p), 0);
          assert.equal((await verifyLedger(app.store, ctx, book)).ok, true);
        }),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    });

    test('idempotent replays post nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArb('x'), { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
          async (stream, picks) => {
            const book = await newBook(app);
            const first = [];
            for (const [i, e] of stream.entries())
              first.push(await app.ledger.post(ctx, [{ ...e, book }], { idempotencyKey: `${book}-${i}` }));
            const before = await snapshot(app.store);
            for (const pick of picks) {
              const i = pick % stream.length;
              const again = await app.ledger.post(ctx, [{ ...stream[i]!, book }], {
                idempotencyKey: `${book}-${i}`,
              });
              assert.equal(again.replayed, true);
              assert.deepEqual(again.entries, first[i]!.entries);
            }
            assert.equal(await snapshot(app.store), before);
          },
        ),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    });

    const mutations: Array<[string, (e: EntryDraft) => EntryDraft]> = [
      [
        'entry_unbalanced',
        (e) => ({
          ...e,
          postings: e.postings.map((p, i) =>
            i === 0 ? { ...p, amount: p.amount + 1 === 0 ? 2 : p.amount + 1 } : p,
          ),
        }),
      ],
      [
        'account_unknown',
        (e) => ({
          ...e,
          postings: e.postings.map((p, i) => (i === 0 ? { ...p, account: 'ZZ9', party: null } : p)),
        }),
      ],
      [
        'amount_not_whole_dong',
        (e) => ({
          ...e,
          postings: e.postings.map((p, i) => (i === 0 ? { ...p, amount: p.amount + 0.5 } : p)),
        }),
      ],
      ['date_invalid', (e) => ({ ...e, date: '2025-13-01' })],
      ['entry_empty', (e) => ({ ...e, postings: [] })],
      [
        'party_required',
        (e) => ({
          ...e,
          postings: [
            { account: 'A2', amount: 5 },
            { account: 'A1', amount: -5 },
          ],
        }),
      ],
      ['book_unknown', (e) => ({ ...e, book: 'khong-co-so' })],
      [
        'amount_out_of_range',
        (e) => ({
          ...e,
          postings: [
            { account: 'A1', amount: 1e14 },
            { account: 'I1', amount: -1e14 },
          ],
        }),
      ],
    ];

    test('random bad entries are refused with the right code and change nothing', async () => {
      const book = await newBook(app);
      await app.ledger.post(ctx, [
        {
          book,
          date: '2025-01-01',
          kind: 'general',
          memo: 'mở sổ',
          postings: [
            { account: 'A1', amount: 10 },
            { account: 'I1', amount: -10 },
          ],
        },
      ]);
      await fc.assert(
        fc.asyncProperty(entryArb('x'), fc.constantFrom(...mutations), async (entry, [code, mutate]) => {
          const before = await snapshot(app.store);
          const bad = mutate({ ...entry, book });
          try {
            await app.ledger.post(ctx, [bad]);
            assert.fail(`expected ${code}`);
          } catch (e) {
            if (!(e instanceof RefusedError)) throw e;
            assert.ok(
              e.refusals.some((r) => r.code === code),
              `expected ${code}, got ${e.refusals.map((r) => r.code).join(',')}`,
            );
          }
          assert.equal(await snapshot(app.store), before);
        }),
        { numRuns: RUNS * 2 },
      );
    });
  });
}
