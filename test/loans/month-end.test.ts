/**
 * The month-end run and the reports, on every engine: the run brings every loan's books to its
 * replay; running it again posts nothing; a run killed half-way resumes and ends exactly where an
 * uninterrupted run ends; the snapshot it keeps equals a full replay, also after a back-dated
 * payment; reports from the snapshot equal reports by replay.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { aggregateRows, replayRows } from '../../src/app/loans/reports.ts';
import type { App } from '../../src/main/app.ts';
import { readSnapshots, type SnapshotRow } from '../../src/store/loans-store.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { ctx, FSF, lend, seedLoans, VBSP } from './fixture.ts';

/** A small portfolio: on time, one missed instalment, idle since February, frozen, own fund. */
async function seedPortfolio(app: App): Promise<void> {
  await seedLoans(app);
  const poor = { programme: 'vbsp-poor', book: VBSP, termMonths: 12, principalEveryMonths: 1 } as const;
  await lend(app, {
    ...poor,
    id: 'M-01',
    household: 'HH-101',
    amount: 12_000_000,
    date: '2025-01-10',
    group: 'TK-01',
    village: 'duc-khe',
  });
  await lend(app, {
    ...poor,
    id: 'M-02',
    household: 'HH-102',
    amount: 24_000_000,
    date: '2025-01-10',
    group: 'TK-01',
    village: 'duc-khe',
  });
  await lend(app, {
    ...poor,
    id: 'M-03',
    household: 'HH-103',
    amount: 6_000_000,
    date: '2025-01-15',
    group: 'TK-02',
    village: 'thon-1',
  });
  await lend(app, {
    id: 'M-04',
    programme: 'vbsp-near-poor',
    book: VBSP,
    household: 'HH-104',
    amount: 30_000_000,
    date: '2025-01-20',
    termMonths: 36,
    group: 'TK-02',
    village: 'thon-1',
  });
  await lend(app, {
    id: 'M-05',
    programme: 'fsf',
    book: FSF,
    household: 'HH-105',
    amount: 45_000_000,
    date: '2025-01-05',
    termMonths: 36,
    source: 'district',
    group: 'KH-01',
    village: 'duc-khe',
  });
  await lend(app, {
    id: 'M-06',
    programme: 'fsf',
    book: FSF,
    household: 'HH-106',
    amount: 40_000_000,
    date: '2025-01-05',
    termMonths: 24,
    source: 'province',
    group: 'KH-01',
    village: 'thon-1',
  });
  // M-01 pays on time; M-02 misses March; M-03 pays February only (then idle).
  for (const d of ['2025-02-10', '2025-03-10', '2025-04-10', '2025-05-10', '2025-06-10'])
    await payDue(app, 'M-01', d);
  // 24,000,000 × 6.6 % × 31 / 365 = 134,531.51 → 134,532, plus 2,000,000 principal.
  await app.loans.repay(ctx, { loan: 'M-02', date: '2025-02-10', amount: 2_134_532 });
  // 6,000,000 × 6.6 % × 31 / 365 = 33,632.88 → 33,633, plus 500,000 principal.
  await app.loans.repay(ctx, { loan: 'M-03', date: '2025-02-15', amount: 533_633 });
  await app.loans.freeze(ctx, {
    loan: 'M-06',
    date: '2025-03-01',
    months: 12,
    shockId: 'SK-000002',
    cause: 'Lũ cuốn trôi trang trại',
    approver: 'Chủ tịch HND',
    documentNo: 'KN-05',
    lossDong: 60_000_000,
  });
}

/** Pays exactly what falls due on `date` (interest of the period and that day's principal). */
async function payDue(app: App, loan: string, date: string): Promise<void> {
  const v = await app.loans.state(ctx, loan, date);
  await app.loans.repay(ctx, { loan, date, amount: v.dues.interest_due + v.dues.principal_due });
}

/** Rows without the time they were computed, by loan. */
function strip(rows: readonly SnapshotRow[]): Array<Omit<SnapshotRow, 'computed_at'>> {
  return rows.map(({ computed_at: _, ...r }) => r).sort((a, b) => (a.loan_id < b.loan_id ? -1 : 1));
}

async function replayed(app: App, asOf: string): Promise<SnapshotRow[]> {
  const out: SnapshotRow[] = [];
  for await (const part of replayRows(app.store, ctx, asOf)) out.push(...part);
  return out;
}

async function cached(app: App, asOf: string): Promise<SnapshotRow[]> {
  return readSnapshots(app.store.db, ctx.tenant, asOf, { limit: 1_000_000 });
}

async function booksInStep(app: App, asOf: string): Promise<string[]> {
  const out: string[] = [];
  for (const id of ['M-01', 'M-02', 'M-03', 'M-04', 'M-05', 'M-06'])
    if (!(await app.loans.show(ctx, id, asOf)).booksInStep) out.push(id);
  return out;
}

for (const engine of ENGINES) {
  describe(`month-end run and reports [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedPortfolio(app);
    });
    after(() => done());

    test('brings every loan’s books to its replay, with progress, and keeps the snapshot equal to it', async () => {
      assert.notDeepEqual(await booksInStep(app, '2025-03-31'), []);
      const progress: number[] = [];
      const r = await app.loans.monthEnd(ctx, {
        asOf: '2025-03-31',
        chunkSize: 2,
        onProgress: (p) => progress.push(p.loansDone),
      });
      assert.deepEqual(progress, [2, 4, 6]);
      assert.deepEqual([r.loansDone, r.loansTotal, r.runNo, r.resumed], [6, 6, 1, false]);
      assert.ok(r.entriesPosted > 0);
      assert.deepEqual(await booksInStep(app, '2025-03-31'), []);
      assert.deepEqual(strip(await cached(app, '2025-03-31')), strip(await replayed(app, '2025-03-31')));
      // M-02 missed 10/03: 2,000,000 overdue for 21 days; on the books it sits in 002 now.
      const m2 = (await cached(app, '2025-03-31')).find((x) => x.loan_id === 'M-02')!;
      assert.deepEqual([m2.overdue_dong, m2.days_past_due, m2.bucket], [2_000_000, 21, '1-30']);
      const overdueMemo = await app.ledger.balance(ctx, {
        book: VBSP,
        account: '002',
        party: 'M-02',
        asOf: '2025-03-31',
      });
      assert.equal(overdueMemo.balance, 2_000_000);
    });

    test('running it again posts nothing and changes nothing but the job log', async () => {
      const journal = async () =>
        (await app.ledger.trialBalance(ctx, {})).rows.map((x) => [x.book, x.account, x.net]);
      const before = await journal();
      const snap = strip(await cached(app, '2025-03-31'));
      const again = await app.loans.monthEnd(ctx, { asOf: '2025-03-31', chunkSize: 4 });
      assert.deepEqual([again.entriesPosted, again.runNo, again.loansDone], [0, 2, 6]);
      assert.deepEqual(await journal(), before);
      assert.deepEqual(strip(await cached(app, '2025-03-31')), snap);
    });

    test('a payment recorded late, dated before the run, keeps the run’s date exact', async () => {
      // M-02 pays its March arrears on 28/03, entered after the 31/03 run.
      const p = await app.loans.state(ctx, 'M-02', '2025-03-27');
      const owed = p.dues.overdue_interest + p.dues.interest_due + p.dues.overdue_principal;
      const r = await app.loans.repay(ctx, { loan: 'M-02', date: '2025-03-28', amount: owed });
      assert.equal(r.allocation.principal, 2_000_000);
      assert.deepEqual(await booksInStep(app, '2025-03-31'), []);
      assert.deepEqual(strip(await cached(app, '2025-03-31')), strip(await replayed(app, '2025-03-31')));
      const m2 = (await cached(app, '2025-03-31')).find((x) => x.loan_id === 'M-02')!;
      assert.deepEqual([m2.overdue_dong, m2.days_past_due], [0, 0]);
    });

    test('a run for an earlier date re-syncs the later one too', async () => {
      await app.loans.monthEnd(ctx, { asOf: '2025-02-28' });
      assert.deepEqual(await booksInStep(app, '2025-02-28'), []);
      assert.deepEqual(await booksInStep(app, '2025-03-31'), []);
      assert.deepEqual(strip(await cached(app, '2025-02-28')), strip(await replayed(app, '2025-02-28')));
      assert.deepEqual(strip(await cached(app, '2025-03-31')), strip(await replayed(app, '2025-03-31')));
    });

    test('a run for a date before some events leaves the books exact on its date and after the last event', async () => {
      // M-04 pays on 20/07 what falls due, before anyone runs July's month-end or June's second
      // time; then a run for 15/07 (before that payment) is done.
      const v = await app.loans.state(ctx, 'M-04', '2025-07-20');
      await app.loans.repay(ctx, {
        loan: 'M-04',
        date: '2025-07-20',
        amount: v.dues.interest_due + v.dues.principal_due,
      });
      await app.loans.monthEnd(ctx, { asOf: '2025-07-15' });
      assert.equal((await app.loans.show(ctx, 'M-04', '2025-07-15')).booksInStep, true);
      assert.equal((await app.loans.show(ctx, 'M-04', '2025-07-20', { at: 'start' })).booksInStep, true);
      assert.deepEqual(strip(await cached(app, '2025-07-15')), strip(await replayed(app, '2025-07-15')));
    });

    test('a run for a date inside a closed period is refused before it starts', async () => {
      const other = await freshApp(engine);
      try {
        await seedPortfolio(other.app);
        await other.app.ledger.closePeriod(ctx, { book: VBSP, through: '2025-03-31' });
        const before = await snapshot(other.app.store);
        await assert.rejects(other.app.loans.monthEnd(ctx, { asOf: '2025-03-31' }), /period_closed/);
        assert.equal(await snapshot(other.app.store), before);
      } finally {
        await other.done();
      }
    });

    test('portfolio from the snapshot equals portfolio by replay, by every dimension', async () => {
      await app.loans.monthEnd(ctx, { asOf: '2025-06-30' });
      const rows = await replayed(app, '2025-06-30');
      for (const by of [
        'programme',
        'organisation',
        'group',
        'village',
        'source',
        'book',
        'bucket',
        'status',
      ] as const) {
        const p = await app.loans.portfolio(ctx, { asOf: '2025-06-30', by });
        assert.equal(p.source, 'snapshot');
        const key = (x: { key: string | null }) => x.key ?? '';
        const fromReplay = aggregateRows(rows, by).sort((a, b) => (key(a) < key(b) ? -1 : 1));
        assert.deepEqual(
          p.rows.map(({ par30Percent: _, ...x }) => x),
          fromReplay,
          by,
        );
        assert.deepEqual(
          { ...p.total, par30Percent: undefined },
          { ...aggregateRows(rows, 'all')[0]!, key: 'all', par30Percent: undefined },
        );
      }
      // A date with no run: the same report by replay.
      const live = await app.loans.portfolio(ctx, { asOf: '2025-06-29', by: 'programme' });
      assert.equal(live.source, 'replay');
    });

    test('the portfolio by programme on 30/06/2025, as a treasurer would check it', async () => {
      const p = await app.loans.portfolio(ctx, { asOf: '2025-06-30', by: 'programme' });
      const by = Object.fromEntries(p.rows.map((r) => [r.key, r]));
      // vbsp-poor: M-01 paid 5 of 12 parts (7,000,000 left), M-02 paid 2 (20,000,000), M-03 paid 1
      // (5,500,000): 32,500,000 outstanding.
      assert.deepEqual([by['vbsp-poor']!.loans, by['vbsp-poor']!.outstanding], [3, 32_500_000]);
      assert.deepEqual(
        [by['fsf']!.loans, by['fsf']!.outstanding, by['fsf']!.frozen],
        [2, 85_000_000, 40_000_000],
      );
      assert.equal(p.total.outstanding, 32_500_000 + 30_000_000 + 85_000_000);
      // M-03 missed 15/03: by 30/06 its oldest unpaid part is 107 days past due: PAR30 counts its
      // whole 5,500,000, and every M-0x in vbsp-poor has missed something by June.
      assert.ok(p.total.par30Outstanding >= 5_500_000);
    });

    test('the overdue, idle and frozen lists', async () => {
      const o = await app.loans.overdue(ctx, { asOf: '2025-06-30' });
      assert.equal(o.source, 'snapshot');
      assert.equal(o.rows[0]!.loan_id, 'M-03'); // most days past due first
      assert.equal(o.rows[0]!.oldest_overdue_due, '2025-03-15');
      const idle = await app.loans.idle(ctx, { asOf: '2025-06-30' });
      // Nothing since 30/03 or earlier: M-02 (28/03), M-03 (15/02), and M-04, M-05, M-06 (lent in
      // January, nothing paid yet). M-01 paid on 10/06.
      assert.equal(idle.since, '2025-03-30');
      assert.deepEqual(
        idle.rows.map((r) => [r.loan_id, r.last_transaction]),
        [
          ['M-02', '2025-03-28'],
          ['M-03', '2025-02-15'],
          ['M-04', '2025-01-20'],
          ['M-05', '2025-01-05'],
          ['M-06', '2025-01-05'],
        ],
      );
      const frozen = await app.loans.frozen(ctx, { asOf: '2025-06-30' });
      assert.deepEqual(
        frozen.rows.map((r) => [r.loan_id, r.frozen_until]),
        [['M-06', '2026-03-01']],
      );
    });

    test('the 31 December classification runs the month-end for that day and keeps it', async () => {
      const c = await app.loans.classify(ctx, '2025-12-31');
      assert.ok((await app.loans.jobs(ctx)).some((j) => j.asOf === '2025-12-31' && j.status === 'done'));
      const buckets = c.byBucket.map((b) => b.key);
      assert.ok(buckets.includes('181-360')); // M-03 has not paid since February
      assert.equal(
        c.byBucket.reduce((s, b) => s + b.outstanding, 0),
        c.total.outstanding,
      );
    });
  });

  describe(`month-end resumes after a crash [${engine.kind}]`, { skip: engine.skip }, () => {
    test('a run killed after its second chunk resumes and ends exactly like an uninterrupted run', async () => {
      const a = await freshApp(engine);
      const b = await freshApp(engine);
      try {
        await seedPortfolio(a.app);
        await seedPortfolio(b.app);
        await a.app.loans.monthEnd(ctx, { asOf: '2025-04-30', chunkSize: 2 });
        await assert.rejects(
          b.app.loans.monthEnd(ctx, {
            asOf: '2025-04-30',
            chunkSize: 2,
            beforeCommit: (chunk) => {
              if (chunk === 2) throw new Error('power cut');
            },
          }),
          /power cut/,
        );
        const [stopped] = await b.app.loans.jobs(ctx);
        assert.deepEqual([stopped!.status, stopped!.loansDone, stopped!.cursor], ['running', 2, 'M-02']);
        const resumed = await b.app.loans.monthEnd(ctx, { asOf: '2025-04-30', chunkSize: 2 });
        assert.deepEqual([resumed.resumed, resumed.loansDone, resumed.runNo], [true, 6, 1]);
        // Same journal, balances, snapshot and job log, row for row (the clock is fixed).
        assert.equal(await snapshot(b.app.store), await snapshot(a.app.store));
      } finally {
        await a.done();
        await b.done();
      }
    });
  });
}
