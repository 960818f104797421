/**
 * Ledger core benchmark (issue 2): posting throughput against the ceiling of raw better-sqlite3
 * prepared inserts of the same rows with the same hashing, and the cost of a trial balance and a
 * balance look-up as the journal grows from 10^4 to 10^6 entries.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { Ctx } from '../src/app/context.ts';
import { entryHash, genesisHash } from '../src/domain/ledger/chain.ts';
import type { EntryDraft } from '../src/domain/ledger/entry.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, peakRssMiB, perSecond, type Row, ratio, timed } from './harness.ts';

const ctx: Ctx = { tenant: 'bench', actor: 'bench' };
const HOUSEHOLDS = 2_500;

/** Deterministic entries of 2–4 postings over 2025, touching cash, bank, loans per household. */
export function* entries(count: number, book: string, seed = 1): Generator<EntryDraft> {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s;
  };
  for (let i = 0; i < count; i++) {
    const n = 2 + (next() % 3);
    const amount = 1_000 * (1 + (next() % 50_000));
    const day = 1 + (i * 365) / count;
    const date = new Date(Date.UTC(2025, 0, Math.floor(day))).toISOString().slice(0, 10);
    const hh = `HH-${String(next() % HOUSEHOLDS).padStart(5, '0')}`;
    const postings =
      n === 2
        ? [
            { account: '1388', party: hh, amount },
            { account: '411', amount: -amount },
          ]
        : n === 3
          ? [
              { account: '112', amount },
              { account: '1388', party: hh, amount: -amount + 1_000 },
              { account: '511', amount: -1_000 },
            ]
          : [
              { account: '611', amount: 2_000 },
              { account: '1388', party: hh, amount: amount - 2_000 },
              { account: '3388', party: hh, amount: -1_000 },
              { account: '411', amount: -amount + 1_000 },
            ];
    yield { book, date, kind: 'general', memo: `Bút toán thử ${i}`, documentNo: `CT-${i}`, postings };
  }
}

async function freshLedger(dir: string, name: string) {
  const app = await openApp(join(dir, `${name}.db`));
  await app.ledger.createTenant({ id: 'bench', name: 'Xã thử' });
  await app.ledger.createBook(ctx, { code: 'b', template: 'general' });
  return app;
}

/** The ceiling: the same rows through raw prepared statements, same hashing, no checks. */
function rawCeiling(file: string, drafts: readonly EntryDraft[], perCommit: boolean): number {
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE journal_entry (tenant_id TEXT NOT NULL, book_code TEXT NOT NULL, seq INTEGER NOT NULL, effective_date TEXT NOT NULL,
      recorded_at TEXT NOT NULL, kind TEXT NOT NULL, memo TEXT NOT NULL, document_no TEXT, actor TEXT NOT NULL, idempotency_key TEXT,
      reverses_seq INTEGER, posting_count INTEGER NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (tenant_id, book_code, seq)) STRICT;
    CREATE TABLE posting (tenant_id TEXT NOT NULL, book_code TEXT NOT NULL, seq INTEGER NOT NULL, line INTEGER NOT NULL, account_code TEXT NOT NULL,
      party_id TEXT NOT NULL, effective_date TEXT NOT NULL, amount_dong INTEGER NOT NULL, PRIMARY KEY (tenant_id, book_code, seq, line)) STRICT;
    CREATE INDEX posting_account ON posting (tenant_id, book_code, account_code, party_id, effective_date, seq);
    CREATE INDEX journal_entry_date ON journal_entry (tenant_id, book_code, effective_date, seq);`);
  const insEntry = db.prepare('INSERT INTO journal_entry VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const insPosting = db.prepare('INSERT INTO posting VALUES (?,?,?,?,?,?,?,?)');
  let prev = genesisHash('bench', 'b');
  let seq = 0;
  const write = (d: EntryDraft) => {
    seq += 1;
    const at = new Date().toISOString();
    const postings = d.postings.map((p, i) => ({
      line: i + 1,
      account: p.account,
      party: p.party ?? null,
      amount: p.amount,
    }));
    const content = {
      tenant: 'bench',
      book: 'b',
      seq,
      date: d.date,
      recordedAt: at,
      kind: d.kind,
      memo: d.memo,
      documentNo: d.documentNo ?? null,
      actor: 'bench',
      idempotencyKey: null,
      reversesSeq: null,
      postings,
    };
    const hash = entryHash(prev, content);
    for (const p of postings)
      insPosting.run('bench', 'b', seq, p.line, p.account, p.party ?? '', d.date, p.amount);
    insEntry.run(
      'bench',
      'b',
      seq,
      d.date,
      at,
      d.kind,
      d.memo,
      d.documentNo ?? null,
      'bench',
      null,
      null,
      postings.length,
      prev,
      hash,
    );
    prev = hash;
  };
  const t0 = performance.now();
  if (perCommit) {
    const tx = db.transaction(write);
    for (const d of drafts) tx(d);
  } else db.transaction(() => drafts.forEach(write))();
  const elapsed = performance.now() - t0;
  db.close();
  return elapsed;
}

export const run: Bench = async (args) => {
  const quick = args.includes('--quick');
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-'));
  const rows: Row[] = [];
  try {
    // 1. One batch of 10^5 entries, one transaction.
    const batchN = quick ? 10_000 : 100_000;
    const batch = [...entries(batchN, 'b')];
    const rawBatchMs = rawCeiling(join(dir, 'raw-batch.db'), batch, false);
    const app = await freshLedger(dir, 'batch');
    const { ms: batchMs } = await timed(() => app.ledger.post(ctx, batch));
    const postings = batch.reduce((s, e) => s + e.postings.length, 0);
    rows.push(
      {
        metric: `batch import, ${batchN.toLocaleString('en-US')} entries (${postings.toLocaleString('en-US')} postings), one transaction`,
        value: perSecond(batchN, batchMs),
        note: ms(batchMs),
      },
      {
        metric: 'raw better-sqlite3 ceiling, same rows and hashing, one transaction',
        value: perSecond(batchN, rawBatchMs),
        note: ms(rawBatchMs),
      },
      { metric: 'batch import as share of the raw ceiling (goal ≥ 50 %)', value: ratio(rawBatchMs, batchMs) },
    );
    await app.close();

    // 2. One entry per commit (synchronous = FULL: each commit is durable).
    const singleN = quick ? 2_000 : 20_000;
    const singles = [...entries(singleN, 'b', 2)];
    const rawSingleMs = rawCeiling(join(dir, 'raw-single.db'), singles, true);
    const app2 = await freshLedger(dir, 'single');
    const { ms: singleMs } = await timed(async () => {
      for (const d of singles) await app2.ledger.post(ctx, [d]);
    });
    rows.push(
      {
        metric: `one entry per commit, ${singleN.toLocaleString('en-US')} commits (goal ≥ 5,000 /s)`,
        value: perSecond(singleN, singleMs),
        note: ms(singleMs),
      },
      {
        metric: 'raw ceiling, one entry per commit',
        value: perSecond(singleN, rawSingleMs),
        note: ms(rawSingleMs),
      },
      { metric: 'single-entry commits as share of the raw ceiling', value: ratio(rawSingleMs, singleMs) },
    );
    await app2.close();

    // 3. Reads as the journal grows: they must not grow with it.
    const sizes = quick ? [10_000, 30_000] : [10_000, 100_000, 1_000_000];
    const app3 = await freshLedger(dir, 'growth');
    let have = 0;
    for (const size of sizes) {
      const add = [...entries(size - have, 'b', 3 + have)];
      for (let i = 0; i < add.length; i += 100_000) await app3.ledger.post(ctx, add.slice(i, i + 100_000));
      have = size;
      const reps = 200;
      const tbNow = await timed(async () => {
        for (let i = 0; i < reps; i++) await app3.ledger.trialBalance(ctx, { book: 'b' });
      });
      const tbAsOf = await timed(async () => {
        for (let i = 0; i < reps; i++) await app3.ledger.trialBalance(ctx, { book: 'b', asOf: '2025-06-30' });
      });
      const bal = await timed(async () => {
        for (let i = 0; i < reps; i++)
          await app3.ledger.balance(ctx, {
            book: 'b',
            account: '1388',
            party: `HH-${String(i % HOUSEHOLDS).padStart(5, '0')}`,
          });
      });
      const balAsOf = await timed(async () => {
        for (let i = 0; i < reps; i++)
          await app3.ledger.balance(ctx, {
            book: 'b',
            account: '1388',
            party: `HH-${String(i % HOUSEHOLDS).padStart(5, '0')}`,
            asOf: '2025-06-30',
          });
      });
      const n = size.toLocaleString('en-US');
      rows.push(
        { metric: `trial balance now, ${n} entries`, value: ms(tbNow.ms / reps) },
        { metric: `trial balance as of 30/06/2025, ${n} entries`, value: ms(tbAsOf.ms / reps) },
        { metric: `one party balance now, ${n} entries`, value: ms(bal.ms / reps) },
        { metric: `one party balance as of 30/06/2025, ${n} entries`, value: ms(balAsOf.ms / reps) },
      );
    }
    await app3.close();
    rows.push({ metric: 'peak memory of this benchmark process', value: `${peakRssMiB()} MiB` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [{ title: 'Ledger core on SQLite (WAL, synchronous=FULL)', rows }];
};

await mainIfEntry(import.meta.url, run);
