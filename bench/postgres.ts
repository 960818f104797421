/**
 * PostgreSQL benchmark (issue 3): posting throughput with 1, 4 and 16 concurrent writers, beside
 * the raw ceiling of plain inserts of the same rows (same hashing, one transaction per entry) on
 * the same server with the same concurrency; and the cost of reads on a larger journal.
 *
 * Writers run as concurrent tasks, each on its own pooled connection. "Own book" is the province
 * case (every commune writes its own books); "one shared book" is the worst case, where the
 * book's chain serialises every writer.
 */
import pg from 'pg';
import type { Ctx } from '../src/app/context.ts';
import { entryHash, genesisHash } from '../src/domain/ledger/chain.ts';
import type { EntryDraft } from '../src/domain/ledger/entry.ts';
import { type App, openApp } from '../src/main/app.ts';
import {
  type Bench,
  mainIfEntry,
  ms,
  peakRssMiB,
  perSecond,
  quantile,
  type Row,
  ratio,
  timed,
} from './harness.ts';
import { entries } from './ledger.ts';

const URL_BASE =
  process.env['SOQUY_BENCH_PG'] ?? process.env['SOQUY_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ctx: Ctx = { tenant: 'bench', actor: 'bench' };

async function withSchema<T>(schema: string, fn: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: URL_BASE });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  try {
    const url = new URL(URL_BASE);
    url.searchParams.set('schema', schema);
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function ledgerWithBooks(url: string, books: number, poolSize: number): Promise<App> {
  const app = await openApp(url, { poolSize });
  await app.ledger.createTenant({ id: 'bench', name: 'Xã thử' });
  for (let b = 0; b < books; b++) await app.ledger.createBook(ctx, { code: `b${b}`, template: 'general' });
  return app;
}

/** `writers` tasks post `perWriter` entries each; returns elapsed ms and per-post latencies. */
async function drive(
  writers: number,
  perWriter: number,
  post: (w: number, d: EntryDraft) => Promise<unknown>,
  bookOf: (w: number) => string,
) {
  const latencies: number[] = [];
  const { ms: elapsed } = await timed(() =>
    Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (const d of entries(perWriter, bookOf(w), 11 + w)) {
          const t0 = performance.now();
          await post(w, d);
          latencies.push(performance.now() - t0);
        }
      }),
    ),
  );
  latencies.sort((a, b) => a - b);
  return { elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

/** The ceiling: plain tables, one transaction per entry, the same rows and hashing. */
async function rawCeiling(url: string, writers: number, perWriter: number, shared: boolean) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema')!;
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: writers,
    options: `-c search_path=${schema}`,
  });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await pool.query(`CREATE TABLE journal_entry (tenant_id TEXT NOT NULL, book_code TEXT NOT NULL, seq BIGINT NOT NULL, effective_date TEXT NOT NULL,
      recorded_at TEXT NOT NULL, kind TEXT NOT NULL, memo TEXT NOT NULL, document_no TEXT, actor TEXT NOT NULL, idempotency_key TEXT,
      reverses_seq BIGINT, posting_count BIGINT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (tenant_id, book_code, seq));
    CREATE TABLE posting (tenant_id TEXT NOT NULL, book_code TEXT NOT NULL, seq BIGINT NOT NULL, line BIGINT NOT NULL, account_code TEXT NOT NULL,
      party_id TEXT NOT NULL, effective_date TEXT NOT NULL, amount_dong BIGINT NOT NULL, PRIMARY KEY (tenant_id, book_code, seq, line));
    CREATE INDEX posting_account ON posting (tenant_id, book_code, account_code, party_id, effective_date, seq);
    CREATE TABLE head (book_code TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);`);
  const bookOf = (w: number) => (shared ? 'b0' : `b${w}`);
  for (let w = 0; w < (shared ? 1 : writers); w++)
    await pool.query('INSERT INTO head VALUES ($1, 0, $2)', [bookOf(w), genesisHash('bench', bookOf(w))]);
  const result = await drive(
    writers,
    perWriter,
    async (_w, d) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // The chain still needs the previous hash: lock the head, as any chained ledger must.
        const head = (
          await client.query('SELECT seq, hash FROM head WHERE book_code = $1 FOR UPDATE', [d.book])
        ).rows[0];
        const seq = Number(head.seq) + 1;
        const at = new Date().toISOString();
        const postings = d.postings.map((p, i) => ({
          line: i + 1,
          account: p.account,
          party: p.party ?? null,
          amount: p.amount,
        }));
        const hash = entryHash(head.hash, {
          tenant: 'bench',
          book: d.book,
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
        });
        const values = postings
          .map((_, i) => `($1,$2,$3,$${4 + i * 5},$${5 + i * 5},$${6 + i * 5},$${7 + i * 5},$${8 + i * 5})`)
          .join(',');
        await client.query(`INSERT INTO posting VALUES ${values}`, [
          'bench',
          d.book,
          seq,
          ...postings.flatMap((p) => [p.line, p.account, p.party ?? '', d.date, p.amount]),
        ]);
        await client.query(
          'INSERT INTO journal_entry VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)',
          [
            'bench',
            d.book,
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
            head.hash,
            hash,
          ],
        );
        await client.query('UPDATE head SET seq = $2, hash = $3 WHERE book_code = $1', [d.book, seq, hash]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
    bookOf,
  );
  await pool.end();
  return result;
}

export const run: Bench = async (args) => {
  const quick = args.includes('--quick');
  const perWriterTotal = quick ? 400 : 1_000;
  const rows: Row[] = [];
  for (const shared of [false, true]) {
    for (const writers of [1, 4, 16]) {
      if (shared && writers === 1) continue;
      const perWriter = Math.ceil(perWriterTotal / writers);
      const label = `${writers} writer${writers > 1 ? 's' : ''}, ${shared ? 'one shared book' : 'own book each'}`;
      const ours = await withSchema(`bench_ours_${writers}_${shared ? 's' : 'o'}`, async (url) => {
        const app = await ledgerWithBooks(url, shared ? 1 : writers, writers);
        const r = await drive(
          writers,
          perWriter,
          (_w, d) => app.ledger.post(ctx, [d]),
          (w) => (shared ? 'b0' : `b${w}`),
        );
        await app.close();
        return r;
      });
      const raw = await withSchema(`bench_raw_${writers}_${shared ? 's' : 'o'}`, (url) =>
        rawCeiling(url, writers, perWriter, shared),
      );
      const n = writers * perWriter;
      rows.push(
        {
          metric: `posting, ${label} (${n.toLocaleString('en-US')} entries)`,
          value: perSecond(n, ours.elapsed),
          note: `p50 ${ms(ours.p50)}, p99 ${ms(ours.p99)}`,
        },
        {
          metric: `raw inserts ceiling, ${label}`,
          value: perSecond(n, raw.elapsed),
          note: `p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)}`,
        },
        { metric: `posting ÷ raw ceiling, ${label}`, value: ratio(raw.elapsed, ours.elapsed) },
      );
    }
  }
  // A batch import and reads on a larger journal.
  await withSchema('bench_reads', async (url) => {
    const app = await ledgerWithBooks(url, 1, 4);
    const size = quick ? 20_000 : 100_000;
    const { ms: importMs } = await timed(async () => {
      for (let from = 0; from < size; from += 50_000)
        await app.ledger.post(ctx, [...entries(Math.min(50_000, size - from), 'b0', 5 + from, from)]);
    });
    rows.push({
      metric: `batch import, ${size.toLocaleString('en-US')} entries in chunks of 50,000`,
      value: perSecond(size, importMs),
      note: ms(importMs),
    });
    const reps = 100;
    const tb = await timed(async () => {
      for (let i = 0; i < reps; i++) await app.ledger.trialBalance(ctx, { book: 'b0', asOf: '2025-06-30' });
    });
    const bal = await timed(async () => {
      for (let i = 0; i < reps; i++)
        await app.ledger.balance(ctx, {
          book: 'b0',
          account: '1388',
          party: `HH-${String(i).padStart(5, '0')}`,
          asOf: '2025-06-30',
        });
    });
    rows.push(
      {
        metric: `trial balance as of 30/06/2025, ${size.toLocaleString('en-US')} entries`,
        value: ms(tb.ms / reps),
      },
      {
        metric: `one party balance as of 30/06/2025, ${size.toLocaleString('en-US')} entries`,
        value: ms(bal.ms / reps),
      },
    );
    await app.close();
  });
  rows.push({ metric: 'peak memory of this benchmark process', value: `${peakRssMiB()} MiB` });
  return [{ title: 'Ledger core on PostgreSQL (127.0.0.1, synchronous_commit on)', rows }];
};

await mainIfEntry(import.meta.url, run);
