/**
 * The registry and loan pages a treasurer opens, timed in process through the Hono app as a
 * signed-in admin on a portfolio seeded by bench/loans.ts's seeder: used by bench/web-loans.ts
 * (a commune, 100,000 loans) and by bench/loans.ts at province scale (PostgreSQL).
 *
 * Each page is measured on a day with no month-end run (the portfolio figures are a replay of
 * every loan) and on 30/06/2025 after its month-end run (the figures come from the snapshot).
 */
import type { Ctx } from '../../src/app/context.ts';
import type { App } from '../../src/main/app.ts';
import { ms, pageTimer, perSecond, type Row, timed } from '../harness.ts';
import { adminSession } from './session.ts';

/** The commune bench/loans.ts's seeder writes (not imported: bench/loans.ts imports this file). */
const TENANT = 'bench';
const ctx: Ctx = { tenant: TENANT, actor: 'bench', now: () => new Date('2025-07-01T01:00:00Z') };
const HOUSEHOLDS = 200;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Vương', 'Đỗ', 'Bùi', 'Hoàng'];
const MIDDLE = ['Văn', 'Thị', 'Đình', 'Hữu', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Soạn', 'Cúc', 'Dũng', 'Hoa', 'Minh', 'Lan', 'Tùng', 'Tám', 'Hải'];
const nameOf = (i: number) =>
  `${FAMILY[i % FAMILY.length]} ${MIDDLE[Math.floor(i / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(i / 40) % GIVEN.length]}`;

export interface PageOptions {
  readonly reps: number;
  /** Requests of the pages that replay every loan (seconds each at province scale). */
  readonly replayReps: number;
  /**
   * Also the portfolio page on the replay day (default true). It replays every loan as the
   * dashboard does, so at province scale, where one replay takes half a minute, the default run
   * times the dashboard alone.
   */
  readonly portfolioReplay?: boolean;
  /** Runs the month-end of 30/06/2025 between the two rounds (false: it has run). */
  readonly runMonthEnd: boolean;
}

export async function loanPages(app: App, loans: number, o: PageOptions, rows: Row[]): Promise<void> {
  const { reps, replayReps } = o;
  await app.registry.addVillage(ctx, { id: 'thon-1', name: 'Thôn 1' });
  for (let i = 1; i <= HOUSEHOLDS; i++)
    await app.registry.addHousehold(ctx, {
      id: `HH-${String(i).padStart(7, '0')}`,
      village: 'thon-1',
      head: { fullName: nameOf(i) },
    });
  const { http, cookie } = await adminSession(app, ctx);
  const measure = pageTimer(http, cookie, rows);
  const household = (i: number) =>
    `/households/HH-${String(1 + ((Math.abs(i) * 37) % HOUSEHOLDS)).padStart(7, '0')}`;

  // A day with no month-end run: every loan replayed.
  await measure(
    'dashboard /org/hnd on 29/06/2025, no month-end (replay)',
    () => '/org/hnd?asOf=29/06/2025',
    replayReps,
  );
  if (o.portfolioReplay ?? true)
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

  if (o.runMonthEnd) {
    const run = await timed(() => app.loans.monthEnd(ctx, { asOf: '2025-06-30', chunkSize: 1_000 }));
    rows.push({ metric: 'month-end run for 30/06/2025', value: ms(run.ms), note: perSecond(loans, run.ms) });
  }
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
}
