/**
 * A writer process for the concurrency tests: opens its own connection to the database and posts
 * a deterministic mix of entries, printing a JSON summary of what went in and what was refused.
 *
 *   node --import tsx test/store/writer.ts LOCATION WORKER COUNT MODE
 *
 * MODE `mix`: deposits and withdrawals on three shared books, some under keys every worker also
 * sends (racing replays). MODE `race`: one withdrawal of 300.000 đ from book `race`.
 */
import { RefusedError } from '../../src/domain/refusal.ts';
import { openApp } from '../../src/main/app.ts';

const [location, workerText, countText, mode] = process.argv.slice(2) as [string, string, string, string];
const worker = Number(workerText);
const count = Number(countText);
const app = await openApp(location, { synchronous: 'NORMAL', poolSize: 2 });
const ctx = { tenant: 'dong-thoi', actor: `writer-${worker}` };
const summary = {
  worker,
  posted: 0,
  replayed: 0,
  refused: {} as Record<string, number>,
  seqs: [] as Array<[string, number]>,
};

let s = worker * 7919 + 1;
const next = () => {
  s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
  return s;
};

async function attempt(fn: () => ReturnType<typeof app.ledger.post>): Promise<void> {
  try {
    const r = await fn();
    if (r.replayed) summary.replayed += 1;
    else {
      summary.posted += r.entries.length;
      for (const e of r.entries) summary.seqs.push([e.book, e.seq]);
    }
  } catch (e) {
    if (!(e instanceof RefusedError)) throw e;
    const code = e.refusals[0]?.code ?? '?';
    summary.refused[code] = (summary.refused[code] ?? 0) + 1;
  }
}

if (mode === 'race') {
  await attempt(() =>
    app.ledger.post(ctx, [
      {
        book: 'race',
        date: '2025-06-01',
        kind: 'withdrawal',
        memo: `Rút ${worker}`,
        postings: [
          { account: '611', amount: 300_000 },
          { account: '111', amount: -300_000 },
        ],
      },
    ]),
  );
} else {
  for (let i = 0; i < count; i++) {
    const book = ['so-a', 'so-b', 'so-c'][next() % 3]!;
    const amount = 1_000 * (1 + (next() % 500));
    const date = `2025-${String(1 + (next() % 12)).padStart(2, '0')}-${String(1 + (next() % 28)).padStart(2, '0')}`;
    const deposit = next() % 3 !== 0;
    const postings = deposit
      ? [
          { account: '111', amount },
          { account: '511', amount: -amount },
        ]
      : [
          { account: '611', amount },
          { account: '111', amount: -amount },
        ];
    // Every 10th entry is one all workers send under the same key and body: it must post once.
    const shared = i % 10 === 0;
    const draft = shared
      ? {
          book: 'so-a',
          date: '2025-01-01',
          kind: 'deposit' as const,
          memo: `Chung ${i}`,
          postings: [
            { account: '111', amount: 1_000 },
            { account: '511', amount: -1_000 },
          ],
        }
      : {
          book,
          date,
          kind: deposit ? ('deposit' as const) : ('withdrawal' as const),
          memo: `Ghi ${worker}-${i}`,
          postings,
        };
    await attempt(() => app.ledger.post(ctx, [draft], shared ? { idempotencyKey: `chung-${i}` } : {}));
  }
}
await app.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
