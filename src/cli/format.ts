/** Plain-text tables for the terminal: columns aligned, numbers right-aligned, Vietnamese grouping. */
import { formatDate, isBusinessDate } from '../domain/dates.ts';
import { groupDigits } from '../domain/money.ts';
import type { Lang } from '../i18n/types.ts';

export type Cell = string | number | null | undefined;

export function money(n: number, lang: Lang): string {
  return groupDigits(n, lang === 'vi' ? '.' : ',');
}

export function date(d: string | null | undefined): string {
  return d && isBusinessDate(d) ? formatDate(d) : (d ?? '');
}

function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

export function table(headers: readonly string[], rows: readonly Cell[][], lang: Lang): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? money(c, lang) : (c ?? ''))));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] == null),
  );
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - width(c)));
        return numeric[i] ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}
