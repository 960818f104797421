/**
 * Charts as pictures made on the server: ECharts' server-side SVG renderer, no JavaScript sent to
 * the browser, printable. The SVG is made to fit the pages' Content-Security-Policy (no inline
 * styles): `style="a:b"` attributes become presentation attributes and the hover `<style>` block
 * goes. ECharts escapes the texts it draws (book names, labels).
 *
 * Rendering a chart costs tens of milliseconds; the last charts made are kept by their option, so
 * a dashboard asked for again with the same figures draws none.
 */
import { groupDigits } from '../../domain/money.ts';
import type { Lang } from '../../i18n/types.ts';

interface EchartsModule {
  init(
    dom: null,
    theme: null,
    opts: { renderer: 'svg'; ssr: true; width: number; height: number },
  ): { setOption(o: unknown): void; renderToSVGString(): string; dispose(): void };
}

// The single-file ESM build loads in ~0.1 s; the package's many-module entry takes seconds.
const ECHARTS_BUNDLE = 'echarts/dist/echarts.esm.min.mjs';
let echarts: Promise<EchartsModule> | undefined;

function load(): Promise<EchartsModule> {
  echarts ??= import(ECHARTS_BUNDLE) as Promise<EchartsModule>;
  return echarts;
}

const CACHE_ENTRIES_MAX = 200;
const cache = new Map<string, string>();

function remember(key: string, svg: string): void {
  if (cache.size >= CACHE_ENTRIES_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, svg);
}

/** `style="font-size:12px;font-family:sans-serif;"` → `font-size="12px" font-family="sans-serif"`. */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, decls: string) =>
      decls
        .split(';')
        .map((d) => d.trim())
        .filter((d) => /^[a-z-]+\s*:/.test(d))
        .map((d) => {
          const i = d.indexOf(':');
          return ` ${d.slice(0, i).trim()}="${d
            .slice(i + 1)
            .trim()
            .replaceAll('"', '&quot;')}"`;
        })
        .join(''),
    )
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '');
}

/**
 * Renders an option to SVG. Formatters are functions, which the cache key cannot see: `variant`
 * must name whatever they depend on (the language).
 */
export async function renderChart(
  option: object,
  width: number,
  height: number,
  variant = '',
): Promise<string> {
  const key = JSON.stringify([option, width, height, variant]);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const ec = await load();
  const chart = ec.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    const svg = cspSafeSvg(chart.renderToSVGString()).replace(
      /^<svg /,
      `<svg role="img" preserveAspectRatio="xMinYMin meet" `,
    );
    remember(key, svg);
    return svg;
  } finally {
    chart.dispose();
  }
}

/** Short amounts for an axis: 1,2 tỷ · 350 tr · 12 n. */
export function shortDong(n: number, lang: Lang): string {
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  const dec = (x: number) =>
    (lang === 'vi' ? x.toFixed(1).replace('.', ',') : x.toFixed(1)).replace(/[.,]0$/, '');
  if (abs >= 1e9) return `${sign}${dec(abs / 1e9)} ${lang === 'vi' ? 'tỷ' : 'bn'}`;
  if (abs >= 1e6) return `${sign}${dec(abs / 1e6)} ${lang === 'vi' ? 'tr' : 'm'}`;
  if (abs >= 1e3) return `${sign}${dec(abs / 1e3)} ${lang === 'vi' ? 'n' : 'k'}`;
  return `${sign}${groupDigits(abs, lang === 'vi' ? '.' : ',')}`;
}

const PALETTE = ['#14532d', '#0b5394', '#b7791f', '#7c3aed', '#b91c1c', '#0f766e'];

const GRID = { left: 8, right: 24, top: 30, bottom: 8, containLabel: true };

/** Horizontal bars: one row per label, one bar per named series, each bar labelled with its amount. */
export async function barChart(input: {
  labels: readonly string[];
  series: ReadonlyArray<{ name: string; values: readonly number[] }>;
  lang: Lang;
  width?: number;
}): Promise<string> {
  const { lang } = input;
  const height = Math.max(140, 50 + input.labels.length * 24 * Math.max(1, input.series.length));
  return renderChart(
    {
      color: PALETTE,
      grid: GRID,
      legend: { top: 0, data: input.series.map((s) => s.name) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => shortDong(v, lang) } },
      yAxis: {
        type: 'category',
        data: input.labels,
        inverse: true,
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: input.series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        label: {
          show: true,
          position: 'insideLeft',
          color: '#fff',
          formatter: (p: { value: number }) => shortDong(p.value, lang),
        },
      })),
    },
    input.width ?? 460,
    height,
    lang,
  );
}

/** Lines over labelled points (month ends). */
export async function lineChart(input: {
  labels: readonly string[];
  series: ReadonlyArray<{ name: string; values: readonly number[] }>;
  lang: Lang;
  width?: number;
  height?: number;
}): Promise<string> {
  const { lang } = input;
  return renderChart(
    {
      color: PALETTE,
      grid: GRID,
      legend: { top: 0, data: input.series.map((s) => s.name) },
      xAxis: { type: 'category', data: input.labels, boundaryGap: false },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => shortDong(v, lang) } },
      series: input.series.map((s) => ({ type: 'line', name: s.name, data: s.values, symbolSize: 5 })),
    },
    input.width ?? 460,
    input.height ?? 240,
    lang,
  );
}
