/**
 * `npm run bench`: runs every benchmark of the project, each in its own process (so peak memory
 * is its own), prints the figures and writes a dated table to docs/benchmarks.md.
 *
 *   npm run bench                      every benchmark at commune and province scale
 *   npm run bench -- --only ledger     one of them
 *   npm run bench -- --quick           small sizes, for a smoke run
 *   npm run bench -- --scale national  the national run alone (1,000,000 loans on SQLite and the
 *                                      2,500,000-loan national-shaped sample on PostgreSQL; long):
 *                                      writes docs/benchmarks-national.md
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import type { Section } from './harness.ts';

const here = import.meta.dirname;
const args = process.argv.slice(2);
const national = args.includes('--scale') && args[args.indexOf('--scale') + 1] === 'national';
const only = national ? 'loans' : args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'harness.ts'].includes(f))
  .map((f) => basename(f, '.ts'))
  .filter((m) => only === undefined || m === only)
  // bench/ledger.ts grows a journal of 10^6 entries and hands it on to bench/hledger.ts.
  .sort((a, b) => (a === 'ledger' ? -1 : b === 'ledger' ? 1 : a.localeCompare(b)));
const journal = join(here, 'out', 'journal-1e6.db');
mkdirSync(join(here, 'out'), { recursive: true });
rmSync(journal, { force: true });

const started = Date.now();
const all: Array<{ module: string; sections: Section[]; seconds: number; error?: string }> = [];
for (const module of modules) {
  process.stdout.write(`\n▶ bench/${module}.ts …\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${module}.ts`), '--json', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOQUY_BENCH_JOURNAL: journal },
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seconds = Math.round((Date.now() - t0) / 1000);
  const line = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('['))
    .pop();
  if (r.status !== 0 || !line) {
    all.push({ module, sections: [], seconds, error: `exit ${r.status}` });
    process.stdout.write(`  failed (exit ${r.status})\n`);
    continue;
  }
  const sections = JSON.parse(line) as Section[];
  all.push({ module, sections, seconds });
  for (const s of sections) {
    process.stdout.write(`\n## ${s.title}\n`);
    for (const row of s.rows)
      process.stdout.write(`  ${row.metric}: ${row.value}${row.note ? `  (${row.note})` : ''}\n`);
  }
}

rmSync(journal, { force: true });
const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node.js ${process.version}`;
const heading = national
  ? '# Benchmarks: the national run\n\nThe district (100,000 loans) and one file of 1,000,000 loans on SQLite, then the ' +
    '2,500,000-loan national-shaped sample on PostgreSQL: each seeded, closed at month-end and reported on.\n' +
    'The three cases share one process, so each "peak memory of the process" is the peak so far.\n'
  : '# Benchmarks\n';
let md = `${heading}\nProduced by \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\` on ${date}, on ${machine}.\n`;
md += `The run took ${Math.round((Date.now() - started) / 60_000)} minutes; each module's own time is noted above its tables.\n`;
md +=
  'Figures of one run; they move by ±10 % between runs on this shared machine. Tests never assert timings.\n';
for (const m of all) {
  md += `\n<!-- bench/${m.module}.ts, ${m.seconds} s${m.error ? `, ${m.error}` : ''} -->\n`;
  if (m.error) md += `\n## bench/${m.module}.ts\n\nFailed in this run (${m.error}).\n`;
  for (const s of m.sections) {
    md += `\n## ${s.title}\n\n| measure | figure | note |\n|---|---:|---|\n`;
    for (const row of s.rows) md += `| ${row.metric} | ${row.value} | ${row.note ?? ''} |\n`;
    if (s.text) md += `\n${s.text}\n`;
  }
}
const target = national ? 'benchmarks-national.md' : 'benchmarks.md';
if ((national || only === undefined) && !args.includes('--quick')) {
  writeFileSync(join(here, '..', 'docs', target), md);
  process.stdout.write(`\nWrote docs/${target} (${date}).\n`);
} else process.stdout.write('\n(--only or --quick: docs/benchmarks.md left as it was)\n');
process.exitCode = all.some((m) => m.error) ? 1 : 0;
