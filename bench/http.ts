/**
 * HTTP load on loopback against a real server (autocannon): repayments posted per second and
 * p50/p99 latency with 1, 10 and 50 connections, next to the in-process posting rate
 * (`Ledger.post` called directly), with the ratio. Every request is a full API post: bearer
 * token, JSON body, validation, policy, Idempotency-Key, maker-checker rule lookup, posting,
 * audit record and stored response, in one transaction.
 *
 * Bounded in count and time: each run stops at its request count or after `secondsMax`.
 *   npx tsx bench/http.ts            (SQLite, the default deployment)
 *   SOQUY_BENCH_PG=postgres://postgres@127.0.0.1:5432/test npx tsx bench/http.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Ctx } from '../src/app/context.ts';
import { verifyLedger } from '../src/app/ledger/verify.ts';
import type { EntryDraft } from '../src/domain/ledger/entry.ts';
import { type App, openApp } from '../src/main/app.ts';
import type { Row, Section } from './harness.ts';

export interface HttpBenchOptions {
  /** Entries posted in-process (the baseline). */
  readonly inProcessEntries?: number;
  /** Requests per connection count. */
  readonly requests?: Readonly<Record<number, number>>;
  readonly secondsMax?: number;
  /** A PostgreSQL URL to run against instead of a SQLite file. */
  readonly postgres?: string | undefined;
  readonly print?: (line: string) => void;
}

export interface HttpBenchRow {
  readonly connections: number;
  readonly requests: number;
  readonly ok: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface HttpBenchResult {
  readonly engine: string;
  readonly inProcessPerSecond: number;
  readonly rows: readonly HttpBenchRow[];
  /** Loan repayments: `Loans.repay` in process, then `POST /api/v1/loans/{loan}/repayments`. */
  readonly inProcessLoanPerSecond: number;
  readonly loanRows: readonly HttpBenchRow[];
}

const TENANT = 'bench';
const BOOK = 'quy-htnd';
const BORROWERS = 500;

function repayment(i: number): EntryDraft {
  return {
    book: BOOK,
    date: '2025-06-15',
    kind: 'repayment',
    memo: `Thu nợ hộ HH-${i % BORROWERS}`,
    documentNo: `PT-${i}`,
    postings: [
      { account: '111', amount: 100_000 },
      { account: '1311', party: `HH-${i % BORROWERS}`, amount: -100_000 },
    ],
  };
}

async function seed(app: App, ctx: Ctx): Promise<string> {
  await app.ledger.createTenant({ id: TENANT, name: 'Xã thử tải' });
  await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
  await app.ledger.createBook(ctx, { code: BOOK, template: 'farmers-support-fund', organisation: 'hnd' });
  await app.ledger.post(ctx, [
    {
      book: BOOK,
      date: '2025-01-02',
      kind: 'capital',
      memo: 'Vốn',
      postings: [
        { account: '111', amount: 1_000_000_000_000 },
        { account: '4113', amount: -1_000_000_000_000 },
      ],
    },
  ]);
  // Every borrower owes enough for all the repayments to come.
  const loans: EntryDraft[] = [];
  for (let i = 0; i < BORROWERS; i++)
    loans.push({
      book: BOOK,
      date: '2025-02-01',
      kind: 'disbursement',
      memo: `Giải ngân HH-${i}`,
      postings: [
        { account: '1311', party: `HH-${i}`, amount: 1_000_000_000 },
        { account: '111', amount: -1_000_000_000 },
      ],
    });
  await app.ledger.post(ctx, loans);
  // A rule that these repayments stay under: the lookup is part of every post.
  await app.operations.setRule({ ...ctx, ip: 'bench' }, 'ledger.post', 50_000_000);
  await app.access.createUser(
    { ...ctx, ip: 'bench' },
    {
      username: 'thuquy',
      password: 'mật khẩu thử tải dài',
      grants: [{ role: 'treasurer', scope: 'organisation:hnd' }],
    },
  );
  return (await app.access.createToken({ ...ctx, ip: 'bench' }, { username: 'thuquy', name: 'bench' })).token;
}

const LOANS = 200;
const loanId = (n: number) => `L-${String(1 + (n % LOANS)).padStart(6, '0')}`;

/** Loans of the Farmers Support Fund through the services: household, apply, approve, disburse. */
async function seedLoans(app: App, ctx: Ctx): Promise<void> {
  await app.loans.seedProgrammes(ctx);
  await app.registry.addVillage(ctx, { id: 'duc-khe', name: 'Đức Khê' });
  const given = ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Khánh', 'Long', 'Minh', 'Nam', 'Phúc'];
  for (let n = 0; n < LOANS; n++) {
    const household = `HV-${String(n + 1).padStart(4, '0')}`;
    const letter = 'ABCDEFGHIKLMNOPQRSTUVXY'[n % 23]!;
    await app.registry.addHousehold(ctx, {
      id: household,
      village: 'duc-khe',
      head: { fullName: `Nguyễn Văn ${given[n % given.length]} ${letter}`, birthYear: 1970 },
    });
    const id = loanId(n);
    await app.loans.apply(ctx, {
      id,
      programme: 'fsf',
      book: BOOK,
      household,
      amount: 50_000_000,
      date: '2025-01-10',
      termMonths: 36,
      source: 'district',
      purpose: 'Nuôi bò',
    });
    await app.loans.approve(ctx, {
      loan: id,
      date: '2025-01-12',
      approver: 'Chủ tịch Hội',
      documentNo: `QĐ-${n}`,
    });
    await app.loans.disburse(ctx, {
      loan: id,
      date: '2025-01-15',
      amount: 50_000_000,
      documentNo: `PC-${n}`,
    });
  }
}

async function freshLocation(
  postgres: string | undefined,
): Promise<{ location: string; cleanup: () => Promise<void> }> {
  if (postgres) {
    const schema = `bench_http_${process.pid}_${Date.now().toString(36)}`;
    const url = new URL(postgres);
    url.searchParams.set('schema', schema);
    return {
      location: url.toString(),
      cleanup: async () => {
        const c = new pg.Client({ connectionString: postgres });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-http-'));
  return {
    location: join(dir, 'soquy.db'),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function run(options: HttpBenchOptions = {}): Promise<HttpBenchResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const inProcess = options.inProcessEntries ?? 2_000;
  const requests = options.requests ?? { 1: 1_000, 10: 2_000, 50: 2_000 };
  const secondsMax = options.secondsMax ?? 15;
  const { location, cleanup } = await freshLocation(options.postgres);
  const app = await openApp(location);
  const ctx: Ctx = { tenant: TENANT, actor: 'bench' };
  const engine = app.store.kind;
  try {
    const token = await seed(app, ctx);

    // Baseline: the ledger itself, one entry per transaction, no HTTP, no audit.
    let i = 0;
    const started = performance.now();
    for (; i < inProcess; i++) await app.ledger.post(ctx, [repayment(i)], { idempotencyKey: `direct-${i}` });
    const inProcessPerSecond = inProcess / ((performance.now() - started) / 1000);

    // The same for loan repayments: the loans service (allocation, accrual, the entries), no HTTP.
    await seedLoans(app, ctx);
    const loanStarted = performance.now();
    for (let n = 0; n < inProcess; n++)
      await app.loans.repay(ctx, {
        loan: loanId(n),
        date: '2025-06-15',
        amount: 10_000,
        idempotencyKey: `direct-l-${n}`,
      });
    const inProcessLoanPerSecond = inProcess / ((performance.now() - loanStarted) / 1000);

    // The server runs in its own process, as `soquy serve` does: the load generator must not
    // share its event loop (on SQLite the two processes share the file; only the server writes).
    await app.close();
    const server = await spawnServer(location);
    const rows: HttpBenchRow[] = [];
    const loanRows: HttpBenchRow[] = [];
    const failures: string[] = [];
    try {
      const post = (path: string, body: (n: number) => string) =>
        rounds(server.url, token, path, body, requests, secondsMax, failures, () => ++i);
      rows.push(
        ...(await post('/api/v1/entries', (n) => {
          const d = repayment(n);
          return JSON.stringify({
            ...d,
            postings: [
              { account: '111', debit: 100_000 },
              { account: '1311', party: d.postings[1]!.party, credit: 100_000 },
            ],
          });
        })),
      );
      loanRows.push(
        ...(await post('/api/v1/loans/{loan}/repayments', (n) =>
          JSON.stringify({ date: '15/06/2025', amount: 10_000, documentNo: `PT-L-${n}` }),
        )),
      );
    } finally {
      // SIGTERM: the server finishes what it was doing and closes the store.
      await server.stop();
    }
    const after = await openApp(location);

    print(
      `\nHTTP posting on loopback (${engine}; ${app.store.location.replace(/.*\//, '')}): repayments, one entry per request`,
    );
    print(`in-process Ledger.post: ${inProcessPerSecond.toFixed(0)} entries/s (${inProcess} entries)`);
    print('connections  requests  2xx     posted/s  p50 ms  p99 ms  in-process ÷ HTTP');
    for (const r of rows)
      print(
        `${String(r.connections).padStart(11)}  ${String(r.requests).padStart(8)}  ${String(r.ok).padStart(6)}  ${r.perSecond.toFixed(0).padStart(8)}  ${r.p50Ms.toFixed(1).padStart(6)}  ${r.p99Ms.toFixed(1).padStart(6)}  ${(inProcessPerSecond / r.perSecond).toFixed(2).padStart(17)}`,
      );
    print(`in-process Loans.repay: ${inProcessLoanPerSecond.toFixed(0)} repayments/s (${inProcess})`);
    for (const r of loanRows)
      print(
        `loan repayments by HTTP, ${r.connections} connections: ${r.perSecond.toFixed(0)}/s (${r.ok} of ${r.requests}), p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, in-process ÷ HTTP ${(inProcessLoanPerSecond / r.perSecond).toFixed(2)}`,
      );
    for (const f of failures) print(`unexpected answer: ${f}`);
    const verify = await after.audit.verify(ctx);
    const ledger = await verifyLedger(after.store, ctx);
    await after.close();
    print(
      `audit chain: ${verify.records} records, ${verify.ok ? 'verifies' : `DOES NOT VERIFY ${JSON.stringify(verify.firstBad)}`}; journal ${ledger.ok ? 'verifies' : 'DOES NOT VERIFY'}`,
    );
    return { engine, inProcessPerSecond, rows, inProcessLoanPerSecond, loanRows };
  } finally {
    await app.close().catch(() => {});
    await cleanup();
  }
}

/**
 * A warm-up round (not reported: the server compiles its code on first use), then one round per
 * connection count, each request a new Idempotency-Key and body; `{loan}` in the path takes a loan
 * of the seed in turn.
 */
async function rounds(
  url: string,
  token: string,
  path: string,
  body: (n: number) => string,
  requests: Readonly<Record<number, number>>,
  secondsMax: number,
  failures: string[],
  next: () => number,
): Promise<HttpBenchRow[]> {
  const rows: HttpBenchRow[] = [];
  const list = [
    [10, 300, false] as const,
    ...Object.entries(requests).map(([c, a]) => [Number(c), a, true] as const),
  ];
  for (const [connections, amount, reported] of list) {
    // Without a callback autocannon answers an instance that is also a promise of the result.
    const instance = autocannon({
      url: `${url}${path.replace('{loan}', loanId(0))}`,
      method: 'POST',
      connections,
      amount,
      timeout: 30,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [
        {
          // A new key and a new document number for every request: each is a new repayment.
          setupRequest: (req) => {
            const n = next();
            return {
              ...req,
              path: path.replace('{loan}', loanId(n)),
              headers: { ...req.headers, 'idempotency-key': `http-${n}` },
              body: body(n),
            };
          },
          onResponse: (status, text) => {
            if (status >= 300 && failures.length < 3) failures.push(`${status} ${text.slice(0, 200)}`);
          },
        },
      ],
    }) as unknown as Promise<autocannon.Result> & { stop(): void };
    const timer = setTimeout(() => instance.stop(), secondsMax * 1000);
    const result = await instance;
    clearTimeout(timer);
    const ok = result['2xx'];
    if (reported)
      rows.push({
        connections,
        requests: result.requests.sent,
        ok,
        perSecond: ok / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
      });
  }
  return rows;
}

const BIN = join(import.meta.dirname, '../bin/soquy.js');

/** `soquy serve --port 0` on the database; resolves once it prints its address. */
function spawnServer(location: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: { ...process.env, SOQUY_DB: location, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${m[1]}`,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error(`the server exited: ${out}`)));
  });
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--json')) {
  // Called by bench/run.ts: the figures as the harness's sections, the progress on stderr.
  const quick = process.argv.includes('--quick');
  const r = await run({
    postgres: process.env['SOQUY_BENCH_PG'],
    print: (line) => process.stderr.write(`${line}\n`),
    ...(quick ? { inProcessEntries: 300, requests: { 1: 200, 10: 300, 50: 300 }, secondsMax: 5 } : {}),
  });
  const rows: Row[] = [
    {
      metric: 'in process (Ledger.post, one entry per transaction)',
      value: `${Math.round(r.inProcessPerSecond).toLocaleString('en-US')}/s`,
    },
    ...r.rows.map((x) => ({
      metric: `HTTP API, ${x.connections} connection${x.connections > 1 ? 's' : ''} (${x.ok.toLocaleString('en-US')} of ${x.requests.toLocaleString('en-US')} requests)`,
      value: `${Math.round(x.perSecond).toLocaleString('en-US')}/s`,
      note: `p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms`,
    })),
  ];
  const loanRows: Row[] = [
    {
      metric: 'in process (Loans.repay: allocation, accrual, entries; one per transaction)',
      value: `${Math.round(r.inProcessLoanPerSecond).toLocaleString('en-US')}/s`,
    },
    ...r.loanRows.map((x) => ({
      metric: `POST /api/v1/loans/{loan}/repayments, ${x.connections} connection${x.connections > 1 ? 's' : ''} (${x.ok.toLocaleString('en-US')} of ${x.requests.toLocaleString('en-US')})`,
      value: `${Math.round(x.perSecond).toLocaleString('en-US')}/s`,
      note: `p50 ${x.p50Ms} ms, p99 ${x.p99Ms} ms; in process ÷ HTTP ${(r.inProcessLoanPerSecond / x.perSecond).toFixed(2)}`,
    })),
  ];
  const sections: Section[] = [
    { title: `HTTP API on loopback: posting repayment entries (${r.engine})`, rows },
    {
      title: `HTTP API on loopback: loan repayments through the loans service (${r.engine})`,
      rows: loanRows,
    },
  ];
  process.stdout.write(`${JSON.stringify(sections)}\n`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  await run({ postgres: process.env['SOQUY_BENCH_PG'] });
}
