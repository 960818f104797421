/**
 * Web pages' server time (issue 10) on a commune-sized journal: 10^5 entries in one book of an
 * organisation (the shape of bench/ledger.ts: bank, receivables per household, income, expenses
 * over 2025), plus a small second book. Each page is asked through the Hono app in-process
 * (`http.request()`, as a signed-in admin with a cookie), after a warm-up, and p50/p99 of the
 * server time are printed. No figure here is asserted by a test.
 *
 *   npx tsx bench/web.ts            10^5 entries
 *   npx tsx bench/web.ts --quick    10^4 entries, fewer requests
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../src/app/context.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, pageTimer, peakRssMiB, perSecond, type Row, timed } from './harness.ts';
import { entries } from './ledger.ts';
import { adminSession } from './lib/session.ts';

const TENANT = 'bench';
const ctx: Ctx = { tenant: TENANT, actor: 'bench' };

export const run: Bench = async (args) => {
  const quick = args.includes('--quick');
  const size = quick ? 10_000 : 100_000;
  const reps = quick ? 10 : 40;
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-web-'));
  const rows: Row[] = [];
  try {
    const app = await openApp(join(dir, 'web.db'), { synchronous: 'NORMAL' });
    await app.ledger.createTenant({ id: TENANT, name: 'Xã thử' });
    await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
    await app.ledger.createBook(ctx, { code: 'b', template: 'general', organisation: 'hnd' });
    await app.ledger.createBook(ctx, { code: 'quy-nho', template: 'charity-fund', organisation: 'hnd' });
    const seeded = await timed(async () => {
      for (let from = 0; from < size; from += 10_000)
        await app.ledger.post(ctx, [...entries(Math.min(10_000, size - from), 'b', 11 + from, from)]);
      await app.ledger.post(ctx, [
        {
          book: 'quy-nho',
          date: '2025-12-14',
          kind: 'donation',
          memo: 'Ủng hộ',
          postings: [
            { account: '111', amount: 18_000_000 },
            { account: '5111', amount: -18_000_000 },
          ],
        },
      ]);
    });
    rows.push({
      metric: `seeded journal: ${size.toLocaleString('en-US')} entries (book b) + 1 (quy-nho)`,
      value: perSecond(size, seeded.ms),
      note: ms(seeded.ms),
    });

    const { http, cookie } = await adminSession(app, ctx);
    const timer = pageTimer(http, cookie, rows, { warmUp: 3, upper: 0.99 });
    const measure = (label: string, paths: (i: number) => string, note?: string) =>
      timer(label, paths, reps, note);
    const ask = async (path: string) => {
      const r = await http.request(path, { headers: { cookie } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    };

    const first = await timed(() => ask('/org/hnd?asOf=31/12/2025'));
    rows.push({
      metric: 'dashboard, first request after start',
      value: ms(first.ms),
      note: 'loads the chart library and draws both charts',
    });
    await measure('dashboard /org/hnd, same as-of (charts cached)', () => '/org/hnd?asOf=31/12/2025');
    // A different as-of each time: every figure and both charts are computed again.
    await measure(
      'dashboard /org/hnd, a new as-of each time (charts drawn)',
      (i) => `/org/hnd?asOf=${String(1 + ((i + 40) % 28)).padStart(2, '0')}/11/2025`,
    );
    await measure('overview /', () => '/');
    await measure('trial balance as of 30/06/2025', () => '/trial-balance?asOf=30/06/2025');
    await measure('book balances /books/b as of 31/12/2025', () => '/books/b?asOf=31/12/2025');
    await measure(
      'statement of bank 112 for June (at most 2,000 lines shown)',
      () => '/books/b/accounts/112?from=01/06/2025&to=30/06/2025',
    );
    await measure(
      'statement of one household in 1388, whole year',
      (i) => `/books/b/accounts/1388?party=HH-${String((Math.abs(i) * 37) % 2_500).padStart(5, '0')}`,
    );
    await measure('journal, first page of 50', () => '/journal?book=b');
    await measure(
      'trace of one household’s receivable (all its entries)',
      (i) => `/trace?book=b&account=1388&party=HH-${String((Math.abs(i) * 53) % 2_500).padStart(5, '0')}`,
    );
    await measure('trial balance as XLSX', () => '/trial-balance?asOf=30/06/2025&format=xlsx');
    await app.close();
    rows.push({ metric: 'peak memory of this benchmark process', value: `${peakRssMiB()} MiB` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    { title: `Web pages: server time in-process, SQLite, ${size.toLocaleString('en-US')} entries`, rows },
  ];
};

await mainIfEntry(import.meta.url, run);
