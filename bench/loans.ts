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
import type { EventRow, LoanRow } from '../src/store/loans-store.ts';

export const TENANT = 'bench';
const ctx: Ctx = { tenant: TENANT, actor: 'bench', now: () => new Date('2025-07-01T01:00:00Z') };
const AS_OF = '2025-06-30';
/**
 * Loans per seeding transaction. PostgreSQL gets smaller ones: the ledger advances the book's
 * head with one UPDATE per entry, and thousands of updates of one row in one transaction make
 * each next lookup walk a long version chain.
 */
const BATCH = { sqlite: 2_000, postgres: 200 } as const;

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

export async function seed(app: App, n: number, log: (s: string) => void): Promise<void> {
  const batch = BATCH[app.store.kind];
  await app.ledger.createTenant({ id: TENANT, name: 'Bench commune' }, '2024-01-01T00:00:00Z');
  await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
  await app.ledger.createBook(ctx, { code: 'vbsp', template: 'vbsp-entrusted', organisation: 'hnd' });
  await app.ledger.createBook(ctx, { code: 'fsf', template: 'farmers-support-fund', organisation: 'hnd' });
  await app.loans.seedProgrammes(ctx);
  await app.ledger.post(ctx, [
    {
      book: 'fsf',
      date: '2024-12-01',
      kind: 'capital',
      memo: 'Vốn',
      postings: [
        { account: '111', amount: 9_000_000_000_000 },
        { account: '4113', amount: -9_000_000_000_000 },
      ],
    },
  ]);
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
      for (let k = 0; k < loans.length; k += 100)
        await tx
          .insertInto('loan')
          .values(
            loans.slice(k, k + 100).map((l) => ({
              tenant_id: TENANT,
              id: l.id,
              programme_id: l.programme,
              book_code: l.book,
              household_id: l.household,
              organisation_id: l.organisation,
              group_id: l.group,
              village_id: l.village,
              source: l.source,
              purpose: l.purpose,
              agreement_no: l.agreementNo,
              amount_applied_dong: l.amountApplied,
              term_months: l.terms.termMonths,
              schedule_method: l.terms.method,
              principal_every_months: l.terms.principalEveryMonths,
              interest_every_months: l.terms.interestEveryMonths,
              grace_principal_months: 0,
              grace_interest_months: 0,
              custom_schedule: null,
              day_count: l.dayCount,
              overdue_multiplier_ppm: l.overdueMultiplierPpm,
              rate_policy: l.ratePolicy,
              allocation_order: l.allocationOrder.join(','),
              applied_on: l.appliedOn,
              created_at: '2025-07-01T01:00:00Z',
              actor: 'bench',
            })),
          )
          .execute();
      for (let k = 0; k < events.length; k += 200)
        await tx
          .insertInto('loan_event')
          .values(
            events.slice(k, k + 200).map((e) => ({
              tenant_id: TENANT,
              loan_id: e.loan,
              seq: e.seq,
              kind: e.kind,
              effective_date: e.date,
              recorded_at: e.recordedAt,
              actor: e.actor,
              document_no: null,
              approver: e.approver,
              cause_shock_id: null,
              cause_kind: null,
              cause_text: null,
              loss_dong: null,
              params: JSON.stringify(e.params),
              result: '{}',
              entries: JSON.stringify(seqs.get(`${e.loan}#${e.seq}`) ?? []),
              idempotency_key: null,
              request_hash: null,
            })),
          )
          .execute();
    });
    if (app.store.kind === 'postgres' && (from / batch) % 20 === 0) await sql`ANALYZE`.execute(app.store.db);
    if ((from + count) % 100_000 === 0) log(`  seeded ${(from + count).toLocaleString('en-US')} loans`);
  }
  const ms = performance.now() - t0;
  log(`  seeding: ${n.toLocaleString('en-US')} loans in ${(ms / 1000).toFixed(1)} s (${rate(n, ms)})`);
  // After a bulk load, PostgreSQL has no statistics until autovacuum gets to it and plans the
  // loan queries as if the tables were empty (nested loops over everything): analyse, as any
  // import should. SQLite plans from its indexes alone.
  if (app.store.kind === 'postgres') await sql`ANALYZE`.execute(app.store.db);
}

export interface BenchFigures {
  readonly engine: string;
  readonly loans: number;
  readonly monthEnd: { seconds: number; loansPerSecond: number; entries: number; peakRssMb: number };
  readonly monthEndRerun: { seconds: number; loansPerSecond: number; entries: number };
  readonly portfolioMs: number;
  readonly overdueMs: number;
  readonly overdueRows: number;
  readonly portfolioReplayMs: number | null;
}

export async function run(
  options: { sizes?: readonly number[]; engine?: 'sqlite' | 'postgres'; log?: (s: string) => void } = {},
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
      await seed(app, n, log);
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
      t = performance.now();
      const second = await app.loans.monthEnd(ctx, { asOf: AS_OF, chunkSize: 1_000 });
      const ms2 = performance.now() - t;
      log(
        `  month-end rerun (idempotent): ${(ms2 / 1000).toFixed(1)} s, ${rate(n, ms2)}, ${second.entriesPosted} entries`,
      );
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
      out.push({
        engine,
        loans: n,
        monthEnd: {
          seconds: ms1 / 1000,
          loansPerSecond: (n * 1000) / ms1,
          entries: first.entriesPosted,
          peakRssMb: Math.round(peak / 1_048_576),
        },
        monthEndRerun: {
          seconds: ms2 / 1000,
          loansPerSecond: (n * 1000) / ms2,
          entries: second.entriesPosted,
        },
        portfolioMs,
        overdueMs,
        overdueRows: o.rows.length,
        portfolioReplayMs,
      });
    } finally {
      await app.close();
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
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
