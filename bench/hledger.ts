/**
 * soquy against hledger on the same journal (issue 11): 10^6 entries posted in soquy (SQLite),
 * exported to an hledger journal (`soquy export --format hledger`), then `hledger balance` on that
 * file against `soquy trial-balance` on the database, each run as a command, wall time and peak
 * memory (GNU time's maximum resident set size), and the ratio.
 *
 *   npm run bench -- --only hledger            10^6 entries
 *   npx tsx bench/hledger.ts --quick           10^5 entries
 *   SOQUY_BENCH_HLEDGER_ENTRIES=300000 …       another size
 *
 * Needs `hledger` on the PATH (Debian: apt-get install hledger); without it the section says so.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Ctx } from '../src/app/context.ts';
import { exportJournal } from '../src/app/ledger/export.ts';
import { openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, perSecond, type Row, timed } from './harness.ts';
import { entries } from './ledger.ts';

const ctx: Ctx = { tenant: 'bench', actor: 'bench' };
const BIN = resolve(import.meta.dirname, '..', 'bin', 'soquy.js');

/** Runs a command under GNU time; answers its wall time and peak memory. */
function measured(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], {
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { wallMs, peakMiB: Math.round(kb / 1024), stdout: r.stdout };
}

export const run: Bench = async (args) => {
  const n = Number(
    process.env['SOQUY_BENCH_HLEDGER_ENTRIES'] ?? (args.includes('--quick') ? 100_000 : 1_000_000),
  );
  const title = `soquy and hledger on one journal of ${n.toLocaleString('en-US')} entries (SQLite)`;
  const version = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0)
    return [
      { title, rows: [{ metric: 'hledger', value: 'not installed', note: 'apt-get install hledger' }] },
    ];
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-hledger-'));
  const rows: Row[] = [];
  try {
    // `npm run bench` runs bench/ledger.ts first and hands on its journal of 10^6 entries.
    const handed = process.env['SOQUY_BENCH_JOURNAL'];
    const reuse = handed !== undefined && existsSync(handed) && n === 1_000_000;
    const db = reuse ? handed : join(dir, 'soquy.db');
    const app = await openApp(db, { synchronous: 'NORMAL' });
    if (reuse) {
      const head = await app.ledger.book(ctx, 'b');
      if (head.headSeq !== n) throw new Error(`the handed journal holds ${head.headSeq} entries, not ${n}`);
      rows.push({
        metric: `the journal: ${n.toLocaleString('en-US')} entries`,
        value: 'bench/ledger.ts',
        note: 'grown by the ledger benchmark of this run (its posting rate is there)',
      });
    } else {
      await app.ledger.createTenant({ id: 'bench', name: 'Xã thử' });
      await app.ledger.createBook(ctx, { code: 'b', template: 'general' });
      const { ms: postMs } = await timed(async () => {
        for (let from = 0; from < n; from += 50_000)
          await app.ledger.post(ctx, [...entries(Math.min(50_000, n - from), 'b', 11 + from, from)]);
      });
      rows.push({
        metric: `posting ${n.toLocaleString('en-US')} entries (batches of 50,000)`,
        value: perSecond(n, postMs),
        note: ms(postMs),
      });
    }
    const file = join(dir, 'journal.hledger');
    const fd = openSync(file, 'w');
    const { ms: exportMs } = await timed(() =>
      exportJournal(app.store, ctx, 'hledger', (text) => {
        writeSync(fd, text);
      }),
    );
    closeSync(fd);
    await app.close();
    rows.push({
      metric: 'export to an hledger journal (in process)',
      value: ms(exportMs),
      note: `${Math.round(statSync(file).size / 1_048_576)} MiB`,
    });
    const env = { ...process.env, SOQUY_DB: db, SOQUY_TENANT: 'bench', LOG_LEVEL: 'warn' };
    const tb = measured(process.execPath, [BIN, 'trial-balance', '--json'], env);
    const hl = measured('hledger', ['balance', '-f', file]);
    // Both must agree: hledger's total of every account is zero, as soquy's trial balance is.
    const soquyRows = (JSON.parse(tb.stdout) as { rows: unknown[] }).rows.length;
    rows.push(
      {
        metric: '`soquy trial-balance` (a command: start, open, read, print)',
        value: ms(tb.wallMs),
        note: `peak ${tb.peakMiB} MiB; ${soquyRows} accounts`,
      },
      {
        metric: '`hledger balance` on the exported journal',
        value: ms(hl.wallMs),
        note: `peak ${hl.peakMiB} MiB; ${version.stdout.trim()}`,
      },
      {
        metric: 'hledger balance ÷ soquy trial-balance (time)',
        value: `${(hl.wallMs / tb.wallMs).toFixed(1)} ×`,
      },
      {
        metric: 'hledger balance ÷ soquy trial-balance (peak memory)',
        value: `${(hl.peakMiB / tb.peakMiB).toFixed(1)} ×`,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [{ title, rows }];
};

await mainIfEntry(import.meta.url, run);
