/**
 * Households at risk: the watch list, one household's "why" and the 12-month trend over a commune
 * of 2,500 households (≈ 40 % with a loan, 10 % near-poor or recently escaped, 2 % with a shock in
 * the year), seeded through the services on SQLite. `--quick`: 300 households.
 *
 *   npx tsx bench/risk.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../src/app/context.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, peakRssMiB, timed } from './harness.ts';

const NAMES = ['An', 'Bình', 'Cúc', 'Dũng', 'Hoa', 'Lan', 'Minh', 'Soạn', 'Tùng', 'Yến'];
const ctx: Ctx = { tenant: 'bench', actor: 'bench', now: () => new Date('2025-12-20T03:00:00Z') };

export const run: Bench = async (args) => {
  const households = args.includes('--quick') ? 300 : args.includes('--medium') ? 1_000 : 2_500;
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-risk-'));
  const app = await openApp(join(dir, 'soquy.db'), { synchronous: 'NORMAL' });
  try {
    await app.ledger.createTenant({ id: 'bench', name: 'Xã' }, '2024-01-01T00:00:00Z');
    await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
    await app.ledger.createBook(ctx, { code: 'vbsp', template: 'vbsp-entrusted', organisation: 'hnd' });
    await app.loans.seedProgrammes(ctx);
    for (const v of ['Đức Khê', 'Tuy Lai', 'Yến Vĩ', 'Thôn 1'])
      await app.registry.addVillage(ctx, { name: v });
    const villages = (await app.registry.villages(ctx)).map((v) => v.id);
    const seed = await timed(async () => {
      let loans = 0;
      for (let i = 0; i < households; i++) {
        const id = `HH-${String(i + 1).padStart(5, '0')}`;
        await app.registry.addHousehold(ctx, {
          id,
          village: villages[i % villages.length]!,
          head: { fullName: `Nguyễn Văn ${NAMES[i % NAMES.length]}` },
        });
        if (i % 10 === 0)
          await app.registry.setStatus(ctx, {
            householdId: id,
            status: i % 20 === 0 ? 'near_poor' : 'recently_escaped',
            decidedOn: '2024-12-10',
            incomeDong: 1_400_000,
          });
        if (i % 50 === 0)
          await app.registry.addShock(ctx, {
            householdId: id,
            kind: 'flood',
            occurredOn: '2025-09-20',
            description: 'Lũ',
            lossDong: 30_000_000,
          });
        if (i % 5 < 2) {
          const loan = `L-${i}`;
          await app.loans.apply(ctx, {
            id: loan,
            programme: 'vbsp-poor',
            book: 'vbsp',
            household: id,
            amount: 30_000_000,
            date: '2025-01-10',
            termMonths: 36,
          });
          await app.loans.approve(ctx, { loan, date: '2025-01-10', approver: 'PGD', documentNo: `QĐ-${i}` });
          await app.loans.disburse(ctx, { loan, date: '2025-01-10', amount: 30_000_000 });
          loans++;
        }
      }
      return loans;
    });
    const list = await timed(() => app.risk.list(ctx, { asOf: '2025-12-20' }));
    const again = await timed(() => app.risk.list(ctx, { asOf: '2025-12-20' }));
    const why = await timed(() => app.risk.why(ctx, 'HH-00001', { asOf: '2025-12-20' }));
    const trend = await timed(() => app.risk.trend(ctx, { asOf: '2025-12-20', months: 12 }));
    return [
      {
        title: `Households at risk (SQLite, ${households.toLocaleString('en-US')} households, ${seed.result.toLocaleString('en-US')} loans)`,
        rows: [
          { metric: 'seeding through the services', value: ms(seed.ms) },
          {
            metric: 'watch list as of 20/12/2025',
            value: ms(list.ms),
            note: `${list.result.rows.length} listed; again ${ms(again.ms)}`,
          },
          { metric: 'why (one household)', value: ms(why.ms) },
          { metric: 'trend, 12 month ends', value: ms(trend.ms) },
          { metric: 'peak RSS', value: `${peakRssMiB()} MiB` },
        ],
      },
    ];
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await mainIfEntry(import.meta.url, run);
