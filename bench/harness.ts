/**
 * Shared pieces of the benchmarks: timing, peak memory, result tables. Each bench module exports
 * `run(args)` returning sections; `bench/run.ts` runs each module in its own process (so peak
 * memory is that bench's own) and writes docs/benchmarks.md.
 */
import { performance } from 'node:perf_hooks';

export interface Row {
  readonly metric: string;
  readonly value: string;
  readonly note?: string;
}

export interface Section {
  readonly title: string;
  readonly rows: readonly Row[];
  readonly text?: string;
}

export type Bench = (args: readonly string[]) => Promise<Section[]>;

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/** Peak resident memory of this process so far, in MiB. */
export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function perSecond(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en-US')} /s`;
}

export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

export function ratio(a: number, b: number): string {
  return `${((a / b) * 100).toFixed(0)} %`;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs a bench module when it is the entry point: prints its sections as JSON on stdout. */
export async function mainIfEntry(url: string, bench: Bench): Promise<void> {
  if (process.argv[1] && url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
    const sections = await bench(process.argv.slice(2));
    if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(sections)}\n`);
    else
      for (const s of sections)
        process.stdout.write(
          `\n## ${s.title}\n${s.rows.map((r) => `  ${r.metric}: ${r.value}${r.note ? `  (${r.note})` : ''}`).join('\n')}\n`,
        );
  }
}

/** Something that answers a request in process (the Hono app's `request`). */
export interface InProcessHttp {
  request(path: string, init?: { headers?: Record<string, string> }): Response | Promise<Response>;
}

/**
 * Server time of pages asked in process with a session cookie: `measure` asks `paths(-1)`,
 * `paths(-2)`… to warm up (`warmUp` times, when n > 1), then n times, and pushes the median and
 * p95 (or p99; or the one time) to `rows`.
 * A page that does not answer 200 stops the benchmark.
 */
export function pageTimer(
  http: InProcessHttp,
  cookie: string,
  rows: Row[],
  options: { warmUp?: number; upper?: 0.95 | 0.99 } = {},
) {
  const warmUp = options.warmUp ?? 1;
  const upper = options.upper ?? 0.95;
  const names = upper === 0.99 ? 'p50 / p99' : 'median / p95';
  const ask = async (path: string): Promise<number> => {
    const t0 = performance.now();
    const r = await http.request(path, { headers: { cookie } });
    await r.arrayBuffer();
    const elapsed = performance.now() - t0;
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return elapsed;
  };
  return async (label: string, paths: (i: number) => string, n: number, note?: string): Promise<void> => {
    if (n > 1) for (let i = 0; i < warmUp; i++) await ask(paths(-1 - i));
    const times: number[] = [];
    for (let i = 0; i < n; i++) times.push(await ask(paths(i)));
    times.sort((a, b) => a - b);
    rows.push({
      metric: n > 1 ? `${label}: ${names} (${n} requests)` : `${label} (one request)`,
      value: n > 1 ? `${ms(quantile(times, 0.5))} / ${ms(quantile(times, upper))}` : ms(times[0]!),
      ...(note ? { note } : {}),
    });
  };
}
