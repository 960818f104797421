/**
 * The one message catalogue: every text a user sees, in Vietnamese first and English second.
 * Each area keeps its texts in its own module; they meet here.
 */
import { formatDate, isBusinessDate } from '../domain/dates.ts';
import { formatDong, groupDigits } from '../domain/money.ts';
import type { Refusal } from '../domain/refusal.ts';
import { BACKUP_FIELDS, BACKUP_REFUSALS } from './backup.ts';
import { LEDGER_FIELDS, LEDGER_REFUSALS } from './ledger.ts';
import { SERVER_FIELDS, SERVER_REFUSALS } from './server.ts';
import type { Lang, Text } from './types.ts';

export type { Lang, Text } from './types.ts';

export const REFUSAL_TEXTS: Readonly<Record<string, Text>> = {
  ...LEDGER_REFUSALS,
  ...SERVER_REFUSALS,
  ...BACKUP_REFUSALS,
};
export const FIELD_TEXTS: Readonly<Record<string, Text>> = {
  ...LEDGER_FIELDS,
  ...SERVER_FIELDS,
  ...BACKUP_FIELDS,
};

/** Fills `{name}`, `{name:dong}` and `{name:date}` placeholders. */
export function fill(template: string, params: Readonly<Record<string, unknown>>, lang: Lang): string {
  return template.replace(/\{(\w+)(?::(dong|date|int))?\}/g, (_, key: string, format?: string) => {
    const v = params[key];
    if (v === undefined || v === null || v === '') return '';
    if (format === 'dong' && typeof v === 'number') return formatDong(v, lang);
    if (format === 'date' && isBusinessDate(v)) return formatDate(v);
    if (format === 'int' && typeof v === 'number') return groupDigits(v, lang === 'vi' ? '.' : ',');
    return String(v);
  });
}

/** The label of a field path such as `entries[2].postings[0].amount`, in the user's language. */
export function fieldLabel(path: string, lang: Lang): string {
  return path
    .split('.')
    .map((part) => {
      const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
      if (!m) return part;
      const label = FIELD_TEXTS[m[1]!]?.[lang] ?? m[1]!;
      return m[2] === undefined ? label : `${label} ${Number(m[2]) + 1}`;
    })
    .join(' › ');
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '(—)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}

/**
 * One refusal as a sentence naming the field, the value and the rule:
 * `Dòng 7 · Số tiền = "1,5": số tiền phải là số đồng nguyên…`
 */
export function describeRefusal(r: Refusal, lang: Lang): string {
  const rule = REFUSAL_TEXTS[r.code];
  const params = { value: r.value, ...(r.params ?? {}) };
  const text = rule ? fill(rule[lang], params, lang) : r.code;
  const row = r.row === undefined ? '' : `${lang === 'vi' ? 'Dòng' : 'Row'} ${r.row} · `;
  return `${row}${fieldLabel(r.field, lang)} = ${showValue(r.value)}: ${text} [${r.code}]`;
}

/** Plain message texts (not refusals) used by interfaces. */
export function t(text: Text, lang: Lang, params: Readonly<Record<string, unknown>> = {}): string {
  return fill(text[lang], params, lang);
}
