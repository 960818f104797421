/**
 * The one message catalogue: every text a user sees, in Vietnamese first and English second.
 * Each area keeps its texts in its own module; they meet here.
 */
import { formatDate, isBusinessDate } from '../domain/dates.ts';
import { formatDong, groupDigits } from '../domain/money.ts';
import type { Refusal } from '../domain/refusal.ts';
import { BACKUP_FIELDS, BACKUP_REFUSALS } from './backup.ts';
import { DEMO_FIELDS, DEMO_REFUSALS } from './demo.ts';
import { FUNDS_FIELDS, FUNDS_REFUSALS } from './funds.ts';
import { LEDGER_FIELDS, LEDGER_REFUSALS } from './ledger.ts';
import { LOANS_FIELDS, LOANS_REFUSALS } from './loans.ts';
import { REGISTRY_FIELDS, REGISTRY_REFUSALS } from './registry.ts';
import { RISK_FIELDS, RISK_REFUSALS } from './risk.ts';
import { SAVINGS_FIELDS, SAVINGS_REFUSALS } from './savings.ts';
import { SERVER_FIELDS, SERVER_REFUSALS } from './server.ts';
import type { Lang, Text } from './types.ts';
import { VBSP_FIELDS, VBSP_REFUSALS } from './vbsp.ts';
import { WEB_FIELDS, WEB_REFUSALS } from './web.ts';

export type { Lang, Text } from './types.ts';

/**
 * Joins the areas' texts. One code, one meaning: a refusal code defined by two areas is a
 * programmer error caught at start-up (and by the tests). Field labels may repeat; the first
 * area's label (the ledger's, then the server's, …) is the one shown.
 */
function merge(
  kind: 'refusal' | 'field',
  parts: ReadonlyArray<Readonly<Record<string, Text>>>,
): Record<string, Text> {
  const out: Record<string, Text> = {};
  for (const part of parts)
    for (const [code, text] of Object.entries(part)) {
      if (out[code] === undefined) out[code] = text;
      else if (kind === 'refusal')
        throw new Error(`the refusal code "${code}" is defined twice in the message catalogue`);
    }
  return out;
}

export const REFUSAL_TEXTS: Readonly<Record<string, Text>> = merge('refusal', [
  LEDGER_REFUSALS,
  SERVER_REFUSALS,
  REGISTRY_REFUSALS,
  LOANS_REFUSALS,
  WEB_REFUSALS,
  BACKUP_REFUSALS,
  VBSP_REFUSALS,
  FUNDS_REFUSALS,
  SAVINGS_REFUSALS,
  RISK_REFUSALS,
  DEMO_REFUSALS,
]);
export const FIELD_TEXTS: Readonly<Record<string, Text>> = merge('field', [
  LEDGER_FIELDS,
  SERVER_FIELDS,
  REGISTRY_FIELDS,
  LOANS_FIELDS,
  WEB_FIELDS,
  BACKUP_FIELDS,
  VBSP_FIELDS,
  FUNDS_FIELDS,
  SAVINGS_FIELDS,
  RISK_FIELDS,
  DEMO_FIELDS,
]);

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

/** A refusal's rule alone, for a message printed next to its field: `số tiền phải là…`. */
export function refusalRule(r: Refusal, lang: Lang): string {
  const rule = REFUSAL_TEXTS[r.code];
  return rule ? fill(rule[lang], { value: r.value, ...(r.params ?? {}) }, lang) : r.code;
}

/** Plain message texts (not refusals) used by interfaces. */
export function t(text: Text, lang: Lang, params: Readonly<Record<string, unknown>> = {}): string {
  return fill(text[lang], params, lang);
}
