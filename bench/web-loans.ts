/**
 * Web pages of the registry and loans (issue 10, second round): server time of the
 * organisation's dashboard (with its loan figures), a household page and the portfolio report,
 * in-process through the Hono app as a signed-in admin, on a commune (2,500 loans) and on 100,000
 * loans (province scale, on PostgreSQL, is timed by bench/loans.ts with the same pages). The loans are seeded in bulk by bench/loans.ts's seeder (the rows and
 * entries the service writes); 200 of their households are registered in the registry.
 *
 * Each page is measured twice: on a day with no month-end run (the portfolio figures are a replay
 * of every loan) and on 30/06/2025 after its month-end run (the figures come from the snapshot).
 * At 100,000 loans the replay is timed once (it takes seconds): the dashboard on an arbitrary day
 * is a report, not a page to open often. No figure here is asserted by a test.
 *
 *   npx tsx bench/web-loans.ts            2,500 loans (as in `npm run bench`)
 *   npx tsx bench/web-loans.ts --large    2,500 and 100,000 loans
 *   npx tsx bench/web-loans.ts --quick    2,500 loans, fewer requests
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, peakRssMiB, perSecond, type Row, timed } from './harness.ts';
import { loanPages } from './lib/loan-pages.ts';
import { seed } from './loans.ts';

async function scale(loans: number, reps: number, replayReps: number): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-web-loans-'));
  const rows: Row[] = [];
  // Each figure is also said on stderr as it is measured: a long run stopped half-way keeps them.
  const push = rows.push.bind(rows);
  rows.push = (...items: Row[]) => {
    for (const r of items)
      process.stderr.write(`  [${loans}] ${r.metric}: ${r.value}${r.note ? `  (${r.note})` : ''}\n`);
    return push(...items);
  };
  try {
    const app = await openApp(join(dir, 'web-loans.db'), { synchronous: 'NORMAL' });
    const seeded = await timed(() => seed(app, loans, () => {}));
    rows.push({
      metric: `seeded ${loans.toLocaleString('en-US')} loans (bulk, with their entries)`,
      value: perSecond(loans, seeded.ms),
      note: ms(seeded.ms),
    });
    await loanPages(app, loans, { reps, replayReps, runMonthEnd: true }, rows);
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export const run: Bench = async (args) => {
  const quick = args.includes('--quick');
  const sections = [
    {
      title: 'Registry and loans pages: server time in-process, SQLite, a commune (2,500 loans)',
      rows: await scale(2_500, quick ? 10 : 30, quick ? 3 : 10),
    },
  ];
  // 100,000 loans on SQLite on request (`--large`): the default run times the same pages at
  // province scale on PostgreSQL inside bench/loans.ts, without a second large seeding.
  if (!quick && args.includes('--large'))
    sections.push({
      title: 'Registry and loans pages: server time in-process, SQLite, 100,000 loans',
      rows: await scale(100_000, 10, 1),
    });
  sections[sections.length - 1]!.rows.push({
    metric: 'peak memory of this benchmark process',
    value: `${peakRssMiB()} MiB`,
  });
  return sections;
};

await mainIfEntry(import.meta.url, run);
