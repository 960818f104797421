/**
 * Registry benchmark: import of 100,000 people from one `.xlsx` (25,000 households and their
 * members, as a district would send), rows per second and peak memory (RSS sampled every 20 ms);
 * then search latency over them, p50 and p99 of a few hundred queries typed without accents,
 * with accents, and with a one-letter typo. Figures only; no test asserts on time.
 *
 *   npm run bench -- --only registry          SQLite, and PostgreSQL when reachable
 *   npx tsx bench/registry.ts [--quick]       the same, printed (--quick: 20,000 people)
 *   SOQUY_BENCH_PEOPLE=50000 …                another size
 * PostgreSQL at SOQUY_BENCH_PG, else SOQUY_TEST_PG, else postgres://postgres@127.0.0.1:5432/test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Ctx } from '../src/app/context.ts';
import ExcelJS, { streamingReaderSafe } from '../src/app/registry/import/exceljs.ts';
import { importRegistryFile } from '../src/app/registry/import/import.ts';
import { nameKey } from '../src/domain/registry/names.ts';
import { type App, openApp } from '../src/main/app.ts';
import { fakePerson, rng } from '../test/helpers/registry.ts';
import { type Bench, mainIfEntry, type Section } from './harness.ts';

const PG_URL =
  process.env['SOQUY_BENCH_PG'] ?? process.env['SOQUY_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
let QUERIES_PER_KIND = Number(process.env['SOQUY_BENCH_QUERIES'] ?? 200);
const VILLAGES = ['Đức Khê', 'Tuy Lai', 'Yến Vĩ', 'Phú Yên', 'Hội Xá', 'Phú Lương', 'Hòa Lạc', 'Văn Giang'];
const ctx: Ctx = { tenant: 'bench', actor: 'bench', now: () => new Date('2025-12-20T03:00:00Z') };

/**
 * 25% heads on the households sheet, the rest on the people sheet; a status for every household.
 * Written by exceljs's whole-file writer, whose zip (like Excel's) states entry sizes up front;
 * run in a child process so its memory does not count against the import's.
 */
export async function writeCommune(
  path: string,
  people: number,
): Promise<{ households: number; rows: number }> {
  const r = rng(7);
  const wb = new ExcelJS.Workbook();
  const hs = wb.addWorksheet('Hộ');
  hs.addRow([
    'Mã hộ',
    'Họ và tên chủ hộ',
    'Thôn',
    'Năm sinh',
    'Giới tính',
    'Số CCCD',
    'Điện thoại',
    'Tình trạng nghèo',
    'Ngày quyết định',
    'Thu nhập bình quân',
  ]);
  const households = Math.ceil(people / 4);
  const members: Array<[string, string, number, string]> = [];
  for (let i = 1; i <= households; i++) {
    const id = `HB-${String(i).padStart(6, '0')}`;
    const head = fakePerson(r, i % 3 === 0 ? 'Nữ' : 'Nam', [1940, 1995]);
    hs.addRow([
      id,
      head.fullName,
      VILLAGES[i % VILLAGES.length]!,
      head.birthYear,
      head.sex,
      `0${String(10 + (i % 80)).padStart(2, '0')}${head.sex === 'Nam' ? 0 : 1}${String(head.birthYear).slice(2)}${String(i).padStart(6, '0')}`,
      i % 3 === 0 ? `09${String(i).padStart(8, '0')}` : null,
      i % 40 === 0 ? 'Hộ nghèo' : i % 15 === 0 ? 'Hộ cận nghèo' : 'Không thuộc diện',
      '15/12/2024',
      `${1 + (i % 3)}.${String(i % 1000).padStart(3, '0')}.000`,
    ]);
    for (let k = 0; k < 3 && members.length + i < people; k++) {
      const m = fakePerson(r, undefined, [1950, 2022]);
      members.push([id, m.fullName, m.birthYear, m.sex]);
    }
  }
  const ps = wb.addWorksheet('Nhân khẩu');
  ps.addRow(['Mã hộ', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Quan hệ với chủ hộ']);
  for (const [id, name, year, sex] of members) ps.addRow([id, name, year, sex, 'Con']);
  await wb.xlsx.writeFile(path);
  return { households, rows: households + members.length };
}

/** Writes the commune file in a child process (same loader, same generator). */
function writeCommuneApart(path: string, people: number): { households: number; rows: number } {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--write', path, String(people)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.status !== 0) throw new Error(`writing the commune file failed (${child.status})`);
  return JSON.parse(child.stdout) as { households: number; rows: number };
}

/** Peak resident memory while `fn` runs, sampled every 20 ms. */
async function withPeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; peakRssMb: number; baseRssMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakRssMb: Math.round(peak / 1e6), baseRssMb: Math.round(base / 1e6) };
  } finally {
    clearInterval(timer);
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(
  app: App,
  queries: readonly string[],
): Promise<{ p50Ms: number; p99Ms: number; maxMs: number }> {
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await app.registry.search(ctx, q, { limit: 20 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(times.at(-1)!),
  };
}

/** One letter of the longest word changed (a substitution inside it). */
function typo(key: string, r: () => number): string {
  const words = key.split(' ');
  let best = 0;
  for (let i = 1; i < words.length; i++) if (words[i]!.length > words[best]!.length) best = i;
  const w = words[best]!;
  const at = 1 + Math.floor(r() * (w.length - 1));
  words[best] = w.slice(0, at) + (w[at] === 'x' ? 'z' : 'x') + w.slice(at + 1);
  return words.join(' ');
}

async function benchEngine(location: string, file: string, rows: number, label: string) {
  const app = await openApp(location);
  try {
    await app.ledger.createTenant({ id: ctx.tenant, name: 'Xã thử' });
    const started = performance.now();
    const imported = await withPeakRss(() => importRegistryFile(app.registry, ctx, file));
    const seconds = (performance.now() - started) / 1000;
    const report = imported.value;
    const again = performance.now();
    const second = await importRegistryFile(app.registry, ctx, file);
    const reimportSeconds = (performance.now() - again) / 1000;
    // Queries from people actually stored.
    const r = rng(11);
    const sample = await app.registry.search(ctx, '', { limit: 10_000 });
    const pick = () => sample.hits[Math.floor(r() * sample.hits.length)]!.fullName;
    const plain = Array.from({ length: QUERIES_PER_KIND }, () => nameKey(pick()));
    const accented = Array.from({ length: QUERIES_PER_KIND }, pick);
    const typos = Array.from({ length: QUERIES_PER_KIND }, () => typo(nameKey(pick()), r));
    await latency(app, plain.slice(0, 20)); // warm-up: caches, prepared statements
    return {
      engine: label,
      import: {
        rows,
        people: report.created.people,
        households: report.created.households,
        seconds: Math.round(seconds * 100) / 100,
        rowsPerSecond: Math.round(rows / seconds),
        peoplePerSecond: Math.round(report.created.people / seconds),
        peakRssMb: imported.peakRssMb,
        rssBeforeMb: imported.baseRssMb,
        reimportNoOpSeconds: Math.round(reimportSeconds * 100) / 100,
        reimportChanged: second.created.people + second.updated.people,
      },
      search: {
        withoutAccents: await latency(app, plain),
        withAccents: await latency(app, accented),
        oneLetterTypo: await latency(app, typos),
        queriesPerKind: QUERIES_PER_KIND,
      },
    };
  } finally {
    await app.close();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

type EngineFigures = Awaited<ReturnType<typeof benchEngine>>;

function sections(
  people: number,
  file: { rows: number; bytes: number; writeSeconds: number },
  results: EngineFigures[],
): Section[] {
  const out: Section[] = [];
  for (const r of results) {
    const i = r.import;
    out.push({
      title: `Registry import, ${people.toLocaleString('en-US')} people from one .xlsx (${r.engine})`,
      rows: [
        {
          metric: 'rows (households + people sheets)',
          value: i.rows.toLocaleString('en-US'),
          note: `${Math.round(file.bytes / 1024)} KiB file`,
        },
        {
          metric: 'import, one transaction',
          value: `${i.seconds} s`,
          note: streamingReaderSafe ? 'streaming reader' : 'whole-file reader',
        },
        { metric: 'rows per second', value: `${i.rowsPerSecond.toLocaleString('en-US')} /s` },
        {
          metric: 'peak memory (RSS, sampled every 20 ms)',
          value: `${i.peakRssMb} MB`,
          note: `${i.rssBeforeMb} MB before the import`,
        },
        {
          metric: 're-import of the same file (no change)',
          value: `${i.reimportNoOpSeconds} s`,
          note: `${i.reimportChanged} records changed`,
        },
      ],
    });
    const q = r.search;
    out.push({
      title: `Registry search over ${people.toLocaleString('en-US')} people (${r.engine})`,
      rows: [
        {
          metric: 'without accents, p50 / p99',
          value: `${q.withoutAccents.p50Ms} / ${q.withoutAccents.p99Ms} ms`,
          note: `${q.queriesPerKind} queries`,
        },
        { metric: 'with accents, p50 / p99', value: `${q.withAccents.p50Ms} / ${q.withAccents.p99Ms} ms` },
        {
          metric: 'one-letter typo, p50 / p99',
          value: `${q.oneLetterTypo.p50Ms} / ${q.oneLetterTypo.p99Ms} ms`,
        },
      ],
    });
  }
  return out;
}

export const run: Bench = async (args) => {
  const quick = args.includes('--quick');
  const people = Number(process.env['SOQUY_BENCH_PEOPLE'] ?? (quick ? 20_000 : 100_000));
  if (quick) QUERIES_PER_KIND = Math.min(QUERIES_PER_KIND, 50);
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-registry-'));
  try {
    const path = join(dir, 'commune.xlsx');
    const t = performance.now();
    const { rows } = writeCommuneApart(path, people);
    const file = {
      rows,
      bytes: statSync(path).size,
      writeSeconds: Math.round((performance.now() - t) / 10) / 100,
    };
    const results = [await benchEngine(join(dir, 'bench.db'), path, rows, 'SQLite')];
    if (await postgresReachable()) {
      const schema = `bench_registry_${process.pid}`;
      const url = new URL(PG_URL);
      url.searchParams.set('schema', schema);
      try {
        results.push(await benchEngine(url.toString(), path, rows, 'PostgreSQL'));
      } finally {
        const client = new pg.Client({ connectionString: PG_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
    }
    return sections(people, file, results);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[2] === '--write') {
  const written = await writeCommune(process.argv[3]!, Number(process.argv[4]));
  process.stdout.write(JSON.stringify(written));
} else await mainIfEntry(import.meta.url, run);
