/**
 * Loans benchmark: the month-end run over 2,500 (a commune), 100,000 and 1,000,000 loans (loans
 * per second, peak memory), then the portfolio and overdue reports at those sizes.
 *
 *   npx tsx bench/loans.ts                 # 2,500 and 100,000 on SQLite
 *   npx tsx bench/loans.ts --large         # also 1,000,000 (several minutes, ~6 GB of disk)
 *   npx tsx bench/loans.ts --sizes 2500 --engine postgres
 *
 * Seeding: the portfolio is written in bulk (a few thousand loans per transaction) with the same
 * rows and journal entries the service writes (application, approval with its commitment,
 * disbursement, and for two loans in three the first instalment paid on its day with its accrual
 * catch-up), built with the same domain functions and posted through `postInTx`; per-loan checks
 * of the service (caps, household lookups) are skipped. Mix: 60 % poor-household (36 months,
 * principal every 6), 20 % near-poor (12 monthly), 20 % Farmers Support Fund (36 months, fee
 * quarterly); disbursed through January–March 2025; month-end on 30/06/2025.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Ctx } from '../src/app/context.ts';
import { postInTx } from '../src/app/ledger/post.ts';
import { contractOf, loadCatalogue } from '../src/app/loans/loan-file.ts';
import { addMonths, makeDate } from '../src/domain/dates.ts';
import type { EntryDraft } from '../src/domain/ledger/entry.ts';
import {
  disbursementDraft,
  principalByClass,
  settlementDraft,
  syncDrafts,
  targetFigures,
  zeroFigures,
} from '../src/domain/loans/accounting.ts';
import { allocate } from '../src/domain/loans/allocation.ts';
import type { AccountingMode } from '../src/domain/loans/programmes.ts';
import { LoanMachine } from '../src/domain/loans/state.ts';
import { type App, openApp } from '../src/main/app.ts';
import { type EventRow, insertEvents, insertLoans, type LoanRow } from '../src/store/loans-store.ts';
import { type Bench, ms, peakRssMiB, perSecond, type Row, type Section } from './harness.ts';
import { loanPages } from './lib/loan-pages.ts';

export const TENANT = 'bench';
const ctx: Ctx = { tenant: TENANT, actor: 'bench', now: () => new Date('2025-07-01T01:00:00Z') };
const AS_OF = '2025-06-30';
/** Loans per seeding transaction (about 3,000 entries). */
const BATCH = 1_000;

interface Shape {
  readonly programme: string;
  readonly book: string;
  readonly mode: AccountingMode;
  readonly term: number;
  readonly principalEvery: number;
  readonly amount: number;
  readonly source: string | null;
}

const SHAPES: readonly Shape[] = [
  ...Array<Shape>(3).fill({
    programme: 'vbsp-poor',
    book: 'vbsp',
    mode: 'entrusted',
    term: 36,
    principalEvery: 6,
    amount: 50_000_000,
    source: null,
  }),
  {
    programme: 'vbsp-near-poor',
    book: 'vbsp',
    mode: 'entrusted',
    term: 12,
    principalEvery: 1,
    amount: 24_000_000,
    source: null,
  },
  {
    programme: 'fsf',
    book: 'fsf',
    mode: 'own',
    term: 36,
    principalEvery: 1,
    amount: 45_000_000,
    source: 'district',
  },
];

function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n * 1000) / ms).toLocaleString('en-US')}/s`;

export async function seed(app: App, n: number, log: (s: string) => void): Promise<number> {
  const batch = BATCH;
  let analysedAt = 0;
  await app.ledger.createTenant({ id: TENANT, name: 'Bench commune' }, '2024-01-01T00:00:00Z');
  await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
  await app.ledger.createBook(ctx, { code: 'vbsp', template: 'vbsp-entrusted', organisation: 'hnd' });
  await app.ledger.createBook(ctx, { code: 'fsf', template: 'farmers-support-fund', organisation: 'hnd' });
  await app.loans.seedProgrammes(ctx);
  // The fund's capital: one loan in five is the fund's, 45,000,000 đ each, so 9,000,000,000,000 đ
  // (the largest amount one posting may carry is 10^13) lends 200,000 of them, a million loans of
  // the mix; one capital entry per million loans (cash never goes below zero).
  await app.ledger.post(
    ctx,
    Array.from({ length: Math.max(1, Math.ceil(n / 1_000_000)) }, () => ({
      book: 'fsf',
      date: '2024-12-01',
      kind: 'capital',
      memo: 'Vốn',
      postings: [
        { account: '111', amount: 9_000_000_000_000 },
        { account: '4113', amount: -9_000_000_000_000 },
      ],
    })),
  );
  const catalogue = await loadCatalogue(app.store.db, TENANT);
  const t0 = performance.now();
  for (let from = 0; from < n; from += batch) {
    const count = Math.min(batch, n - from);
    await app.store.write(async (tx) => {
      const loans: LoanRow[] = [];
      const drafts: EntryDraft[] = [];
      const owners: Array<{ loan: string; event: number }> = [];
      const events: EventRow[] = [];
      for (let k = 0; k < count; k++) {
        const i = from + k;
        const s = SHAPES[i % SHAPES.length]!;
        const id = `L-${String(i + 1).padStart(7, '0')}`;
        const day = makeDate(2025, 1 + (i % 3), 1 + (i % 28));
        const p = catalogue.programmes.get(s.programme)!;
        const row: LoanRow = {
          id,
          programme: s.programme,
          book: s.book,
          household: `HH-${String(i + 1).padStart(7, '0')}`,
          organisation: 'hnd',
          group: `G-${String(Math.floor(i / 25)).padStart(5, '0')}`,
          village: `V-${String(i % 40).padStart(2, '0')}`,
          source: s.source,
          purpose: '',
          agreementNo: null,
          amountApplied: s.amount,
          terms: {
            method: s.programme === 'fsf' ? 'bullet' : 'equal_principal',
            termMonths: s.term,
            principalEveryMonths: s.principalEvery,
            interestEveryMonths: s.programme === 'fsf' ? 3 : 1,
            gracePrincipalMonths: 0,
            graceInterestMonths: 0,
            custom: null,
          },
          dayCount: p.dayCount,
          overdueMultiplierPpm: p.overdueMultiplierPpm,
          ratePolicy: p.ratePolicy,
          allocationOrder: p.allocationOrder,
          appliedOn: day,
        };
        loans.push(row);
        const m = new LoanMachine(contractOf(row, catalogue));
        const memo = `Khế ước ${id}`;
        const push = (event: number, list: EntryDraft[]) => {
          for (const d of list) {
            drafts.push(d);
            owners.push({ loan: id, event });
          }
        };
        m.apply({ kind: 'approve', date: day, amount: s.amount });
        const approved = m.positionAt(day);
        push(
          2,
          syncDrafts(s.mode, s.book, id, day, zeroFigures(), targetFigures(approved), memo, 'commitment'),
        );
        m.apply({ kind: 'disburse', date: day, amount: s.amount });
        push(3, [disbursementDraft(s.mode, s.book, id, day, s.amount, '111', s.amount, memo, null)]);
        const base = (
          seq: number,
          kind: string,
          date: string,
          params: Record<string, unknown>,
        ): EventRow => ({
          loan: id,
          seq,
          kind,
          date,
          recordedAt: '2025-07-01T01:00:00Z',
          actor: 'bench',
          documentNo: null,
          approver: seq === 2 ? 'Chủ tịch' : null,
          causeShockId: null,
          causeKind: null,
          causeText: null,
          lossDong: null,
          params,
          result: {},
          entries: [],
          idempotencyKey: null,
          requestHash: null,
        });
        events.push(
          base(1, 'apply', day, { amount: s.amount }),
          base(2, 'approve', day, { amount: s.amount }),
          base(3, 'disburse', day, { amount: s.amount }),
        );
        if (i % 3 !== 2) {
          // The first interest (fee) date, paid exactly: catch-up accrual, then the repayment.
          const due = addMonths(day, row.terms.interestEveryMonths);
          const afterDisbursement = targetFigures(m.positionAt(day));
          const before = m.positionAt(due);
          const owed = before.dues.interest_due + before.dues.principal_due;
          push(4, syncDrafts(s.mode, s.book, id, due, afterDisbursement, targetFigures(before), memo));
          const a = allocate(before.dues, row.allocationOrder, owed);
          push(4, [
            settlementDraft({
              mode: s.mode,
              book: s.book,
              loan: id,
              date: due,
              kind: 'repayment',
              memo,
              documentNo: null,
              principal: principalByClass(before, a.principal),
              interest: a.interest,
              overdueInterest: a.overdueInterest,
              cashAccount: '111',
              paidAtBank: false,
            }),
          ]);
          events.push(base(4, 'repay', due, { amount: owed }));
        }
      }
      const posted = await postInTx(tx, app.ledger.env, ctx, drafts);
      const seqs = new Map<string, number[]>();
      posted.entries.forEach((e, k) => {
        const key = `${owners[k]!.loan}#${owners[k]!.event}`;
        seqs.set(key, [...(seqs.get(key) ?? []), e.seq]);
      });
      await insertLoans(tx, app.store.kind, TENANT, loans, '2025-07-01T01:00:00Z', 'bench');
      await insertEvents(
        tx,
        app.store.kind,
        TENANT,
        events.map((e) => ({ ...e, entries: seqs.get(`${e.loan}#${e.seq}`) ?? [] })),
      );
    });
    // PostgreSQL plans from statistics: refresh them each time the portfolio has doubled since
    // they were last taken (a dozen times up to 2.5 million loans), as a bulk import should.
    if (app.store.kind === 'postgres' && from + count >= 2 * analysedAt) {
      await sql`ANALYZE`.execute(app.store.db);
      analysedAt = from + count;
    }
    if ((from + count) % 100_000 === 0) log(`  seeded ${(from + count).toLocaleString('en-US')} loans`);
  }
  const ms = performance.now() - t0;
  log(`  seeding: ${n.toLocaleString('en-US')} loans in ${(ms / 1000).toFixed(1)} s (${rate(n, ms)})`);
  // After a bulk load, PostgreSQL has no statistics until autovacuum gets to it and plans the
  // loan queries as if the tables were empty (nested loops over everything): analyse, as any
  // import should. SQLite plans from its indexes alone.
  if (app.store.kind === 'postgres') await sql`ANALYZE`.execute(app.store.db);
  return (performance.now() - t0) / 1000;
}

export interface BenchFigures {
  readonly engine: string;
  readonly loans: number;
  readonly seedSeconds: number;
  readonly monthEnd: { seconds: number; loansPerSecond: number; entries: number; peakRssMb: number };
  /** Null when not run (the default run's province case: the commune's shows the same path). */
  readonly monthEndRerun: { seconds: number; loansPerSecond: number; entries: number } | null;
  readonly portfolioMs: number;
  readonly overdueMs: number;
  readonly overdueRows: number;
  readonly portfolioReplayMs: number | null;
  /** Server time of the pages (bench/lib/loan-pages.ts), when asked for. */
  readonly pages: Row[];
}

export async function run(
  options: {
    sizes?: readonly number[];
    engine?: 'sqlite' | 'postgres';
    log?: (s: string) => void;
    /** Also time the registry and loan pages on the seeded portfolio (after its month-end). */
    pages?: boolean;
    /** Run the month-end a second time, which must post nothing (default true). */
    rerun?: boolean;
    /** With `pages`: also the portfolio page on a day with no month-end (default true). */
    portfolioReplay?: boolean;
  } = {},
): Promise<BenchFigures[]> {
  const sizes = options.sizes ?? [2_500, 100_000];
  const engine = options.engine ?? 'sqlite';
  const log = options.log ?? ((s: string) => process.stdout.write(`${s}\n`));
  const out: BenchFigures[] = [];
  const dir = join('bench', 'out');
  mkdirSync(dir, { recursive: true });
  for (const n of sizes) {
    log(`\nloans: ${n.toLocaleString('en-US')} on ${engine}`);
    const location =
      engine === 'sqlite'
        ? join(dir, `loans-${n}.db`)
        : `${process.env['SOQUY_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test'}?schema=bench_loans_${n}`;
    if (engine === 'sqlite') for (const x of ['', '-wal', '-shm']) rmSync(`${location}${x}`, { force: true });
    else {
      const pg = await import('pg');
      const c = new pg.default.Client({ connectionString: location.replace(/\?schema=.*/, '') });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS bench_loans_${n} CASCADE`);
      await c.end();
    }
    const app = await openApp(location, { synchronous: 'NORMAL' });
    try {
      const seedSeconds = await seed(app, n, log);
      const mem = peakRss();
      let t = performance.now();
      let last = 0;
      const first = await app.loans.monthEnd(ctx, {
        asOf: AS_OF,
        chunkSize: 1_000,
        onProgress: (p) => {
          if (p.loansDone - last >= Math.max(50_000, n / 10) || p.loansDone === p.loansTotal) {
            last = p.loansDone;
            log(
              `  month-end: ${p.loansDone.toLocaleString('en-US')}/${p.loansTotal.toLocaleString('en-US')} loans, ${p.entriesPosted.toLocaleString('en-US')} entries`,
            );
          }
        },
      });
      const ms1 = performance.now() - t;
      const peak = mem.stop();
      log(
        `  month-end run: ${(ms1 / 1000).toFixed(1)} s, ${rate(n, ms1)}, ${first.entriesPosted.toLocaleString('en-US')} entries, peak RSS ${mb(peak)}`,
      );
      let monthEndRerun: BenchFigures['monthEndRerun'] = null;
      if (options.rerun ?? true) {
        t = performance.now();
        const second = await app.loans.monthEnd(ctx, { asOf: AS_OF, chunkSize: 1_000 });
        const ms2 = performance.now() - t;
        log(
          `  month-end rerun (idempotent): ${(ms2 / 1000).toFixed(1)} s, ${rate(n, ms2)}, ${second.entriesPosted} entries`,
        );
        monthEndRerun = {
          seconds: ms2 / 1000,
          loansPerSecond: (n * 1000) / ms2,
          entries: second.entriesPosted,
        };
      }
      t = performance.now();
      const p = await app.loans.portfolio(ctx, { asOf: AS_OF, by: 'programme' });
      const portfolioMs = performance.now() - t;
      t = performance.now();
      const o = await app.loans.overdue(ctx, { asOf: AS_OF });
      const overdueMs = performance.now() - t;
      log(
        `  portfolio by programme (snapshot): ${portfolioMs.toFixed(0)} ms; outstanding ${p.total.outstanding.toLocaleString('en-US')} đ, PAR30 ${p.total.par30Percent} %`,
      );
      log(
        `  overdue list (snapshot): ${overdueMs.toFixed(0)} ms, ${o.rows.length.toLocaleString('en-US')} loans`,
      );
      let portfolioReplayMs: number | null = null;
      if (n <= 100_000) {
        t = performance.now();
        await app.loans.portfolio(ctx, { asOf: '2025-06-29', by: 'village' });
        portfolioReplayMs = performance.now() - t;
        log(
          `  portfolio by village on a day with no run (replay of every loan): ${portfolioReplayMs.toFixed(0)} ms`,
        );
      }
      const pages: Row[] = [];
      if (options.pages)
        await loanPages(
          app,
          n,
          { reps: 10, replayReps: 1, runMonthEnd: false, portfolioReplay: options.portfolioReplay ?? true },
          pages,
        );
      out.push({
        engine,
        pages,
        loans: n,
        seedSeconds,
        monthEnd: {
          seconds: ms1 / 1000,
          loansPerSecond: (n * 1000) / ms1,
          entries: first.entriesPosted,
          peakRssMb: Math.round(peak / 1_048_576),
        },
        monthEndRerun,
        portfolioMs,
        overdueMs,
        overdueRows: o.rows.length,
        portfolioReplayMs,
      });
    } finally {
      await app.close();
      // Leave nothing behind: the file, or the schema in the shared test database.
      if (engine === 'sqlite')
        for (const x of ['', '-wal', '-shm']) rmSync(`${location}${x}`, { force: true });
      else {
        const pg = await import('pg');
        const c = new pg.default.Client({ connectionString: location.replace(/\?schema=.*/, '') });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS bench_loans_${n} CASCADE`);
        await c.end();
      }
    }
  }
  return out;
}

/** The three scales of issue 11, in the harness's form (`npm run bench`). */
export const bench: Bench = async (args) => {
  const quick = args.includes('--quick');
  const scale = args.includes('--scale') ? args[args.indexOf('--scale') + 1] : undefined;
  // The default run (issue 11): a commune and a province. The national run (`--scale national`,
  // long) is a district and the 1,000,000 of issue 5 on SQLite, then the national-shaped sample.
  const cases: Array<{
    name: string;
    engine: 'sqlite' | 'postgres';
    n: number;
    pages?: boolean;
    /** Leaves out what repeats a path the commune case already times (about a minute here). */
    short?: boolean;
  }> =
    scale === 'national'
      ? [
          { name: 'district', engine: 'sqlite', n: 100_000 },
          { name: 'national (one engine’s file)', engine: 'sqlite', n: 1_000_000 },
          { name: 'national-shaped sample', engine: 'postgres', n: 2_500_000 },
        ]
      : [
          { name: 'commune', engine: 'sqlite', n: 2_500 },
          // At this size one month-end rerun takes ~40 s and one replay page ~30 s: the province
          // shows the month-end and one replay page (the dashboard); the rerun and the portfolio's
          // replay are in the commune's tables and in the national run.
          { name: 'province', engine: 'postgres', n: quick ? 10_000 : 250_000, pages: true, short: true },
        ];
  const sections: Section[] = [];
  for (const c of cases) {
    const title = `Loans at ${c.name} scale: ${c.n.toLocaleString('en-US')} loans, month-end and reports (${c.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`;
    let f: BenchFigures;
    try {
      [f] = (await run({
        sizes: [c.n],
        engine: c.engine,
        pages: c.pages ?? false,
        rerun: !c.short,
        portfolioReplay: !c.short,
        log: (s) => process.stderr.write(`${s}\n`),
      })) as [BenchFigures];
    } catch (e) {
      sections.push({
        title,
        rows: [{ metric: 'not measured', value: '—', note: (e as Error).message.slice(0, 200) }],
      });
      continue;
    }
    const rows: Row[] = [
      {
        metric: 'seeding (bulk, same rows and entries as the service)',
        value: perSecond(c.n, f.seedSeconds * 1000),
        note: ms(f.seedSeconds * 1000),
      },
      {
        metric: 'month-end run 30/06/2025 (accruals, classification, snapshot)',
        value: ms(f.monthEnd.seconds * 1000),
        note: `${Math.round(f.monthEnd.loansPerSecond).toLocaleString('en-US')} loans/s, ${f.monthEnd.entries.toLocaleString('en-US')} entries`,
      },
      { metric: 'peak memory during the month-end run', value: `${f.monthEnd.peakRssMb} MiB` },
      ...(f.monthEndRerun === null
        ? []
        : [
            {
              metric: 'month-end rerun (posts nothing)',
              value: ms(f.monthEndRerun.seconds * 1000),
              note: `${Math.round(f.monthEndRerun.loansPerSecond).toLocaleString('en-US')} loans/s`,
            },
          ]),
      { metric: 'portfolio by programme (from the snapshot)', value: ms(f.portfolioMs) },
      {
        metric: 'overdue list (from the snapshot)',
        value: ms(f.overdueMs),
        note: `${f.overdueRows.toLocaleString('en-US')} loans`,
      },
      ...(f.portfolioReplayMs === null
        ? []
        : [
            {
              metric: 'portfolio by village on a day with no run (replay of every loan)',
              value: ms(f.portfolioReplayMs),
            },
          ]),
      { metric: 'peak memory of the process (seeding included)', value: `${peakRssMiB()} MiB` },
    ];
    sections.push({ title, rows });
    if (f.pages.length > 0)
      sections.push({
        title: `Registry and loans pages at ${c.name} scale: server time in process, ${c.n.toLocaleString('en-US')} loans (${c.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
        rows: f.pages,
      });
  }
  return sections;
};

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(await bench(process.argv.slice(2)))}\n`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sizes = at('--sizes')?.split(',').map(Number) ?? [
    2_500,
    100_000,
    ...(args.includes('--large') || process.env['SOQUY_BENCH_LARGE'] === '1' ? [1_000_000] : []),
  ];
  const engine = at('--engine') === 'postgres' ? 'postgres' : 'sqlite';
  const figures = await run({ sizes, engine });
  process.stdout.write(`\n${JSON.stringify(figures, null, 2)}\n`);
}
