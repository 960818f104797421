/**
 * VBSP transaction-day benchmark: the bank's statement at national-branch scale. 250,000 rows
 * (a province's entrusted loans) read from CSV and checked row by row, reconciled in memory
 * against 250,000 loans of soquy with about 1 % differences, and imported into SQLite through the
 * service (all or nothing, `acceptUnknown`); then one group's collection sheet of 60 borrowers
 * recorded as one transaction (60 repayments through the loan engine). Figures only.
 *
 *   npm run bench -- --only vbsp
 *   npx tsx bench/vbsp.ts [--quick]      (--quick: 25,000 rows)
 *   SOQUY_BENCH_STATEMENT_ROWS=…         another size
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../src/app/context.ts';
import { readStatementFile } from '../src/app/vbsp/statement-file.ts';
import { reconcile, type SoquyLoanFigures } from '../src/domain/vbsp/reconcile.ts';
import { parseStatement } from '../src/domain/vbsp/statement.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, peakRssMiB, perSecond, type Section, timed } from './harness.ts';

const ctx: Ctx = { tenant: 'bench', actor: 'bench', now: () => new Date('2025-12-20T03:00:00Z') };
const HEADER = 'STT,Số khế ước,Người vay,Chương trình,Dư nợ,Nợ quá hạn,Nợ khoanh,Lãi phải thu';

function figures(n: number): SoquyLoanFigures[] {
  const out: SoquyLoanFigures[] = [];
  for (let i = 0; i < n; i++) {
    const outstanding = 10_000_000 + ((i * 7_919) % 90) * 1_000_000;
    out.push({
      loan: `L-${i}`,
      agreementNo: `KU-${String(i).padStart(7, '0')}`,
      household: `HH-${i}`,
      group: `TK-${Math.floor(i / 40)}`,
      programme: 'vbsp-poor',
      outstanding,
      overdue: i % 53 === 0 ? 5_000_000 : 0,
      frozen: 0,
      interestDue: i % 3 === 0 ? 55_000 : 0,
    });
  }
  return out;
}

/** The bank's view of `soquy`: one loan in 100 differs (amount, status, or missing). */
function statementCsv(soquy: readonly SoquyLoanFigures[]): { csv: Buffer; differing: number } {
  const lines = [HEADER];
  let differing = 0;
  soquy.forEach((s, i) => {
    if (i % 100 === 7) {
      differing++;
      return; // missing on the statement
    }
    let outstanding = s.outstanding;
    let overdue = s.overdue;
    if (i % 100 === 13) {
      differing++;
      outstanding -= 1_000_000;
    }
    if (i % 100 === 29 && overdue === 0) {
      differing++;
      overdue = 2_000_000;
    }
    lines.push(
      `${i + 1},${s.agreementNo},Người vay ${i},Hộ nghèo,${outstanding},${overdue},${s.frozen},${s.interestDue}`,
    );
  });
  return { csv: Buffer.from(lines.join('\n'), 'utf8'), differing };
}

async function sheetOf60(): Promise<{ ms: number; entries: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-vbsp-'));
  const app = await openApp(join(dir, 'b.db'), { synchronous: 'NORMAL' });
  try {
    await app.ledger.createTenant({ id: 'bench', name: 'Xã' }, '2025-01-01T00:00:00Z');
    await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
    await app.ledger.createBook(ctx, { code: 'vbsp-hnd', template: 'vbsp-entrusted', organisation: 'hnd' });
    await app.loans.seedProgrammes(ctx);
    await app.registry.addVillage(ctx, { id: 'thon', name: 'Thôn' });
    const lines: Array<{ loan: string; interest: number; savings: number }> = [];
    for (let i = 0; i < 60; i++) {
      const household = `HH-${i}`;
      await app.registry.addHousehold(ctx, {
        id: household,
        village: 'thon',
        head: { fullName: 'Nguyễn Văn An' },
      });
      const r = await app.loans.apply(ctx, {
        programme: 'vbsp-poor',
        book: 'vbsp-hnd',
        household,
        amount: 30_000_000,
        date: '2025-01-10',
        termMonths: 36,
        group: 'TK-1',
        agreementNo: `KU-${i}`,
      });
      await app.loans.approve(ctx, {
        loan: r.loan,
        date: '2025-01-10',
        approver: 'Chủ tịch',
        documentNo: 'QĐ',
      });
      await app.loans.disburse(ctx, { loan: r.loan, date: '2025-01-10', amount: 30_000_000 });
      lines.push({ loan: r.loan, interest: 168_164, savings: 50_000 });
    }
    const t = await timed(() =>
      app.vbsp.recordSheet(ctx, { group: 'TK-1', month: '2025-02', date: '2025-02-15', lines }),
    );
    return { ms: t.ms, entries: t.result.entries.length };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importRows(
  csv: Buffer,
  rows: number,
): Promise<{ ms: number; reconcileMs: number; differences: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-vbsp-'));
  const app = await openApp(join(dir, 'b.db'), { synchronous: 'NORMAL' });
  try {
    await app.ledger.createTenant({ id: 'bench', name: 'Xã' }, '2025-01-01T00:00:00Z');
    await app.ledger.createOrganisation(ctx, { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' });
    await app.ledger.createBook(ctx, { code: 'vbsp-hnd', template: 'vbsp-entrusted', organisation: 'hnd' });
    const t = await timed(() =>
      app.vbsp.importStatement(ctx, {
        book: 'vbsp-hnd',
        asOf: '2025-02-28',
        fileName: 'sao-ke.csv',
        content: csv,
        acceptUnknown: true,
      }),
    );
    if (t.result.rows !== rows) throw new Error(`imported ${t.result.rows} of ${rows}`);
    const r = await timed(() => app.vbsp.reconcile(ctx, t.result.statement));
    return { ms: t.ms, reconcileMs: r.ms, differences: r.result.differences.length };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const run: Bench = async (args) => {
  const n = Number(
    process.env['SOQUY_BENCH_STATEMENT_ROWS'] ?? (args.includes('--quick') ? 25_000 : 250_000),
  );
  const soquy = figures(n);
  const { csv, differing } = statementCsv(soquy);
  const known = new Set(soquy.map((s) => s.agreementNo));
  const read = await timed(() => readStatementFile('sao-ke.csv', csv));
  const parsed = await timed(() => parseStatement(read.result.rows, { knownAgreements: known }));
  if (parsed.result.refusals.length > 0) throw new Error(JSON.stringify(parsed.result.refusals[0]));
  const rows = parsed.result.rows.length;
  const rec = await timed(() => reconcile(parsed.result.rows, soquy));
  const sections: Section[] = [
    {
      title: `VBSP statement: ${rows.toLocaleString('en-US')} rows against ${n.toLocaleString('en-US')} loans (in memory)`,
      rows: [
        { metric: 'CSV read (csv-parse)', value: ms(read.ms), note: perSecond(rows, read.ms) },
        {
          metric: 'rows checked (columns, agreements, amounts)',
          value: ms(parsed.ms),
          note: perSecond(rows, parsed.ms),
        },
        { metric: 'reconciliation', value: ms(rec.ms), note: perSecond(rows, rec.ms) },
        {
          metric: 'differences found',
          value: rec.result.differences.length.toLocaleString('en-US'),
          note: `${differing.toLocaleString('en-US')} planted`,
        },
        { metric: 'peak RSS', value: `${peakRssMiB()} MiB` },
      ],
    },
  ];
  const imp = await importRows(csv, rows);
  sections.push({
    title: `VBSP statement import into SQLite (${rows.toLocaleString('en-US')} rows, one transaction)`,
    rows: [
      { metric: 'import (read, check, insert)', value: ms(imp.ms), note: perSecond(rows, imp.ms) },
      {
        metric: 'reconciliation through the service',
        value: ms(imp.reconcileMs),
        note: `${imp.differences.toLocaleString('en-US')} differences (no loans in the book: every row missing in soquy)`,
      },
      { metric: 'peak RSS', value: `${peakRssMiB()} MiB` },
    ],
  });
  const sheet = await sheetOf60();
  sections.push({
    title: 'Collection sheet of 60 borrowers (SQLite, one transaction)',
    rows: [
      { metric: 'record (60 repayments + savings)', value: ms(sheet.ms), note: `${sheet.entries} entries` },
    ],
  });
  return sections;
};

await mainIfEntry(import.meta.url, run);
