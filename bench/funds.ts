/**
 * Funds benchmark: donations recorded one by one through the service (each one audited
 * transaction: gapless receipt number, journal entry, donation row, audit record), aid proposed
 * and approved (two transactions each), then the disclosure report over all of them, the fund
 * list and a household's aid. Figures only; no test asserts on time. SQLite file: the bulk with
 * `synchronous=NORMAL` (SOQUY_SQLITE_SYNC), and 300 donations with the default FULL, where each
 * commit waits for the disk.
 *
 *   npm run bench -- --only funds              20,000 donations
 *   npx tsx bench/funds.ts [--quick|--large]   2,000 / 100,000 donations
 *   SOQUY_BENCH_DONATIONS=50000 …              another size
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditCtx } from '../src/app/audit/audit-log.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, peakRssMiB, perSecond, type Section, timed } from './harness.ts';

const maker: AuditCtx = { tenant: 'bench', actor: 'thu-quy', now: () => new Date('2025-12-20T03:00:00Z') };
const checker: AuditCtx = { ...maker, actor: 'chu-tich' };
const HOUSEHOLDS = 200;

function size(args: readonly string[]): number {
  const env = process.env['SOQUY_BENCH_DONATIONS'];
  if (env) return Number(env);
  if (args.includes('--quick')) return 2_000;
  if (args.includes('--large')) return 100_000;
  return 20_000;
}

async function fullSync(dir: string, count: number): Promise<number> {
  const app = await openApp(join(dir, 'full.db'));
  try {
    await app.ledger.createTenant({ id: 'bench', name: 'Xã Hương Sơn' });
    await app.funds.createFund(maker, {
      id: 'vnn',
      kind: 'for_the_poor',
      nameVi: 'Quỹ Vì người nghèo',
      purpose: 'Nhà Đại đoàn kết',
      opensOn: '2025-01-01',
      closesOn: '2025-12-31',
    });
    const t = await timed(async () => {
      for (let i = 0; i < count; i++)
        await app.funds.donate(maker, {
          fund: 'vnn',
          date: '2025-06-01',
          donorKind: 'anonymous',
          amount: 100_000,
        });
    });
    return t.ms;
  } finally {
    await app.close();
  }
}

export const run: Bench = async (args) => {
  const donations = size(args);
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-funds-'));
  const FULL_COUNT = 300;
  const fullMs = await fullSync(dir, FULL_COUNT);
  const app = await openApp(join(dir, 'soquy.db'), { synchronous: 'NORMAL' });
  try {
    await app.ledger.createTenant({ id: 'bench', name: 'Xã Hương Sơn' });
    await app.ledger.createOrganisation(maker, { id: 'mttq', kind: 'fatherland_front', nameVi: 'MTTQ xã' });
    await app.registry.addVillage(maker, { id: 'duc-khe', name: 'Đức Khê' });
    for (let i = 1; i <= HOUSEHOLDS; i++)
      await app.registry.addHousehold(maker, {
        id: `HH-${String(i).padStart(4, '0')}`,
        village: 'duc-khe',
        head: { fullName: 'Nguyễn Văn An' },
      });
    await app.funds.createFund(maker, {
      id: 'vnn',
      kind: 'for_the_poor',
      organisation: 'mttq',
      nameVi: 'Quỹ Vì người nghèo',
      purpose: 'Nhà Đại đoàn kết',
      opensOn: '2025-01-01',
      closesOn: '2025-12-31',
      points: Array.from({ length: 12 }, (_, i) => ({ id: `diem-${i + 1}`, name: `Điểm ${i + 1}` })),
    });

    // Donations spread over the year, a fifth anonymous, one in fifty in kind, at 12 points.
    const donate = await timed(async () => {
      for (let i = 0; i < donations; i++) {
        const day = 1 + (i % 28);
        const month = 1 + (Math.floor(i / 28) % 12);
        await app.funds.donate(maker, {
          fund: 'vnn',
          date: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          donorKind: i % 5 === 0 ? 'anonymous' : 'person',
          donorName: i % 5 === 0 ? undefined : `Người ủng hộ ${i % 3_000}`,
          form: i % 50 === 0 ? 'in_kind' : 'cash',
          inKindDescription: i % 50 === 0 ? 'Gạo, 20 kg' : undefined,
          amount: 100_000 + (i % 20) * 50_000,
          point: `diem-${1 + (i % 12)}`,
        });
      }
    });

    // Aid: each proposed by the treasurer and approved by the chair (two transactions).
    const aids = Math.min(HOUSEHOLDS, Math.max(20, Math.floor(donations / 100)));
    const aid = await timed(async () => {
      for (let i = 0; i < aids; i++) {
        const p = await app.funds.proposeAid(maker, {
          fund: 'vnn',
          household: `HH-${String(1 + i).padStart(4, '0')}`,
          purpose: 'house',
          amount: 1_000_000,
          date: '2025-12-15',
        });
        await app.operations.approve(checker, (p.body as { operation: { id: number } }).operation.id, null);
      }
    });

    const disclosure = await timed(() =>
      app.funds.disclosure(maker, 'vnn', { from: '2025-01-01', to: '2025-12-31' }),
    );
    const again = await timed(() =>
      app.funds.disclosure(maker, 'vnn', { from: '2025-01-01', to: '2025-12-31' }),
    );
    const quarter = await timed(() =>
      app.funds.disclosure(maker, 'vnn', { from: '2025-04-01', to: '2025-06-30' }),
    );
    const list = await timed(() => app.funds.funds(maker));
    const household = await timed(() => app.funds.aidReceivedByHousehold(maker, 'HH-0001', '2025-12-31'));
    const d = disclosure.result;
    const sections: Section[] = [
      {
        title: `Charity funds: ${donations.toLocaleString('en-US')} donations, ${aids} aids (SQLite)`,
        rows: [
          {
            metric: 'donations recorded (synchronous=NORMAL)',
            value: perSecond(donations, donate.ms),
            note: 'one audited transaction each: receipt no., entry, row, audit record',
          },
          {
            metric: 'donations recorded (FULL, the default)',
            value: perSecond(FULL_COUNT, fullMs),
            note: `${FULL_COUNT} donations; each commit waits for the disk`,
          },
          {
            metric: 'aid proposed + approved',
            value: perSecond(aids, aid.ms),
            note: 'two transactions each (maker-checker)',
          },
          {
            metric: 'disclosure report, whole year',
            value: ms(disclosure.ms),
            note: `then ${ms(again.ms)}; ${d.received.byDonor.length} named donors`,
          },
          { metric: 'disclosure report, one quarter', value: ms(quarter.ms) },
          { metric: 'fund list with balances', value: ms(list.ms) },
          { metric: 'aid received by a household', value: ms(household.ms) },
          { metric: 'reconciled with the journal', value: d.reconciled ? 'yes' : 'NO' },
          { metric: 'peak RSS', value: `${peakRssMiB()} MiB` },
        ],
      },
    ];
    return sections;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await mainIfEntry(import.meta.url, run);
