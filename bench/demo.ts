/**
 * The demo commune (issue 11): `npm start` in an empty folder until the demo's sign-in page is
 * served (the first-start figure, ≤ 30 s wanted), and the loader in process — its operations,
 * time and peak memory — with the commune's reports on the loaded database.
 *
 *   npm run bench -- --only demo
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_SEED, loadDemo } from '../src/app/demo/load.ts';
import { planCommune } from '../src/app/demo/plan.ts';
import { buildHttpApp } from '../src/http/app.ts';
import { SESSION_COOKIE } from '../src/http/middleware/principal.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, pageTimer, peakRssMiB, type Row, timed } from './harness.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'soquy.js');

/** Spawns `soquy start` in an empty folder; answers the milliseconds until the demo's sign-in page. */
async function firstStart(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const k of ['SOQUY_DB', 'DATABASE_URL', 'SOQUY_TENANT', 'SOQUY_NO_DEMO', 'PORT']) delete env[k];
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  try {
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', () => {
        const m = /http:\/\/localhost:(\d+)/.exec(out);
        if (m) done(`http://127.0.0.1:${m[1]}`);
      });
      child.once('exit', (code) => fail(new Error(`soquy start exited (${code})`)));
    });
    const html = await (await fetch(`${url}/sign-in`)).text();
    if (!html.includes('thuquy-hnd')) throw new Error('the sign-in page shows no demo user');
    return performance.now() - t0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The pages a treasurer opens most, on the loaded demo, as of 31/12/2025 (after the demo's
 * month-end runs, so loan figures come from the snapshot) and on a day with no run (replay).
 */
async function demoPages(app: Awaited<ReturnType<typeof openApp>>, tenant: string): Promise<Row[]> {
  const rows: Row[] = [];
  const now = () => new Date('2026-01-05T02:00:00Z');
  const signed = await app.access.signIn(
    { tenant, actor: 'bench', ip: 'bench', userAgent: 'bench', now },
    { username: 'thuquy-hnd', password: 'demo-thuquy-hnd' },
  );
  const { http } = buildHttpApp(app, { now });
  const measure = pageTimer(http, `${SESSION_COOKIE}=${signed.cookie}`, rows);
  const plan = planCommune(DEMO_SEED);
  const hnd = new Set(plan.groups.filter((g) => g.organisation === 'hnd').map((g) => g.id));
  const borrowers = plan.loans.filter((l) => hnd.has(l.group)).map((l) => l.household);
  const household = (i: number) => borrowers[(Math.abs(i) * 97) % borrowers.length]!;
  await measure('dashboard /org/hnd as of 31/12/2025', () => '/org/hnd?asOf=31/12/2025', 30);
  await measure(
    'dashboard /org/hnd as of 20/12/2025 (no month-end that day: replay)',
    () => '/org/hnd?asOf=20/12/2025',
    5,
  );
  await measure(
    'household page of a borrower (members, poverty history, loans, savings, aid)',
    (i) => `/households/${encodeURIComponent(household(i))}?asOf=31/12/2025`,
    30,
  );
  await measure(
    'household page of the Đục Khê fire family',
    () => `/households/${encodeURIComponent(plan.fire.household)}?asOf=31/12/2025`,
    10,
  );
  await measure(
    'portfolio report by village as of 31/12/2025',
    () => '/loan-portfolio?asOf=31/12/2025&by=village',
    30,
  );
  await measure(
    'portfolio report as .xlsx',
    () => '/loan-portfolio?asOf=31/12/2025&by=village&format=xlsx',
    10,
  );
  await measure('household search “nguyen van” (no accents)', () => '/households?q=nguyen+van', 30);
  return rows;
}

export const run: Bench = async () => {
  const rows: Row[] = [];
  rows.push({
    metric: '`npm start` in an empty folder until the demo’s sign-in page (goal ≤ 30 s)',
    value: ms(await firstStart()),
  });
  const pages: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-demo-'));
  try {
    const app = await openApp(join(dir, 'soquy.db'));
    const { ms: loadMs, result } = await timed(() => loadDemo(app));
    rows.push(
      {
        metric: 'loading the demo in process (SQLite, synchronous=FULL)',
        value: ms(loadMs),
        note: `${result.households.toLocaleString('en-US')} households, ${result.loans.toLocaleString('en-US')} loans, ${result.repayments.toLocaleString('en-US')} repayments`,
      },
      { metric: 'peak memory of the loading process', value: `${peakRssMiB()} MiB` },
    );
    const ctx = { tenant: result.tenant, actor: 'bench' };
    const p = await timed(() => app.loans.portfolio(ctx, { asOf: '2025-12-31', by: 'book' }));
    rows.push({ metric: 'portfolio by book as of 31/12/2025 (snapshot)', value: ms(p.ms) });
    const tb = await timed(() => app.ledger.trialBalance(ctx, {}));
    rows.push({
      metric: 'trial balance of every book',
      value: ms(tb.ms),
      note: `${tb.result.rows.length} accounts`,
    });
    pages.push(...(await demoPages(app, result.tenant)));
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    { title: 'The demo commune: first start and loading (Hương Sơn 2025)', rows },
    {
      title:
        'Pages of the demo commune: server time in process (SQLite, signed in as the Farmers’ Association treasurer)',
      rows: pages,
    },
  ];
};

await mainIfEntry(import.meta.url, run);
