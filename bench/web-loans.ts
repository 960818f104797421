/**
 * Web pages of the registry and loans (issue 10, second round): server time of the
 * organisation's dashboard (with its loan figures), a household page and the portfolio report,
 * in-process through the Hono app as a signed-in admin, on a commune (2,500 loans) and at province
 * scale (100,000 loans). The loans are seeded in bulk by bench/loans.ts's seeder (the rows and
 * entries the service writes); 200 of their households are registered in the registry.
 *
 * Each page is measured twice: on a day with no month-end run (the portfolio figures are a replay
 * of every loan) and on 30/06/2025 after its month-end run (the figures come from the snapshot).
 * At province scale the replay is timed once (it takes seconds): the dashboard on an arbitrary day
 * is a report, not a page to open often. No figure here is asserted by a test.
 *
 *   npx tsx bench/web-loans.ts            2,500 and 100,000 loans
 *   npx tsx bench/web-loans.ts --quick    2,500 loans, fewer requests
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../src/app/context.ts';
import { buildHttpApp } from '../src/http/app.ts';
import { SESSION_COOKIE } from '../src/http/middleware/principal.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, pageTimer, peakRssMiB, perSecond, type Row, timed } from './harness.ts';
import { seed, TENANT } from './loans.ts';

const ctx: Ctx = { tenant: TENANT, actor: 'bench', now: () => new Date('2025-07-01T01:00:00Z') };
const PASSWORD = 'mật khẩu của bài đo 2025';
const HOUSEHOLDS = 200;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Vương', 'Đỗ', 'Bùi', 'Hoàng'];
const MIDDLE = ['Văn', 'Thị', 'Đình', 'Hữu', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Soạn', 'Cúc', 'Dũng', 'Hoa', 'Minh', 'Lan', 'Tùng', 'Tám', 'Hải'];
const nameOf = (i: number) =>
  `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(i / 40) % GIVEN.length]}`;

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
    await app.registry.addVillage(ctx, { id: 'thon-1', name: 'Thôn 1' });
    for (let i = 1; i <= HOUSEHOLDS; i++)
      await app.registry.addHousehold(ctx, {
        id: `HH-${String(i).padStart(7, '0')}`,
        village: 'thon-1',
        head: { fullName: nameOf(i) },
      });
    const auditCtx = { ...ctx, ip: 'bench', userAgent: 'bench' };
    await app.access.createUser(auditCtx, {
      username: 'quantri',
      password: PASSWORD,
      grants: [{ role: 'admin' }],
    });
    const signed = await app.access.signIn(auditCtx, { username: 'quantri', password: PASSWORD });
    const cookie = `${SESSION_COOKIE}=${signed.cookie}`;
    const { http } = buildHttpApp(app, { now: ctx.now! });

    const measure = pageTimer(http, cookie, rows);
    const household = (i: number) =>
      `/households/HH-${String(1 + ((Math.abs(i) * 37) % HOUSEHOLDS)).padStart(7, '0')}`;

    // A day with no month-end run: every loan replayed.
    await measure(
      'dashboard /org/hnd on 29/06/2025, no month-end (replay)',
      () => '/org/hnd?asOf=29/06/2025',
      replayReps,
    );
    await measure(
      'portfolio by programme on 29/06/2025 (replay)',
      () => '/loan-portfolio?asOf=29/06/2025&by=programme',
      replayReps,
    );
    await measure(
      'household page (members, status, its loan replayed)',
      (i) => `${household(i)}?asOf=29/06/2025`,
      reps,
    );
    await measure('household search “vuong dinh soan”', () => '/households?q=vuong+dinh+soan', reps);

    const run = await timed(() => app.loans.monthEnd(ctx, { asOf: '2025-06-30', chunkSize: 1_000 }));
    rows.push({ metric: 'month-end run for 30/06/2025', value: ms(run.ms), note: perSecond(loans, run.ms) });
    await measure('dashboard /org/hnd on 30/06/2025 (snapshot)', () => '/org/hnd?asOf=30/06/2025', reps);
    await measure(
      'dashboard /org/hnd on 15/07/2025 (loan figures of the 30/06 month-end, labelled so)',
      () => '/org/hnd?asOf=15/07/2025',
      reps,
    );
    await measure(
      'portfolio by village on 30/06/2025 (snapshot)',
      () => '/loan-portfolio?asOf=30/06/2025&by=village',
      reps,
    );
    await measure(
      'portfolio as XLSX (snapshot)',
      () => '/loan-portfolio?asOf=30/06/2025&by=village&format=xlsx',
      Math.min(reps, 10),
    );
    await measure(
      'loan page',
      (i) => `/loans/L-${String(1 + ((Math.abs(i) * 101) % loans)).padStart(7, '0')}`,
      reps,
    );
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
  if (!quick)
    sections.push({
      title: 'Registry and loans pages: server time in-process, SQLite, province scale (100,000 loans)',
      rows: await scale(100_000, 10, 1),
    });
  sections[sections.length - 1]!.rows.push({
    metric: 'peak memory of this benchmark process',
    value: `${peakRssMiB()} MiB`,
  });
  return sections;
};

await mainIfEntry(import.meta.url, run);
