/**
 * Import of a journal CSV: one row per posting, rows sharing an `entry` reference form one entry.
 * The whole file is one transaction: every row goes in or none does. A dry run does the same work,
 * reports every bad row, and rolls back. Re-importing the same file is a replay: nothing new is
 * posted (the file's SHA-256 is its idempotency key unless the caller gives one).
 */
import { parse } from 'csv-parse/sync';
import { parseBusinessDate } from '../../domain/dates.ts';
import { requestHash } from '../../domain/ledger/chain.ts';
import type { EntryDraft, PostingDraft } from '../../domain/ledger/entry.ts';
import { type EntryKind, isEntryKind } from '../../domain/ledger/kinds.ts';
import { LEDGER_LIMITS } from '../../domain/ledger/limits.ts';
import { parseDong } from '../../domain/money.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import type { Store } from '../../store/open-store.ts';
import type { Ctx } from '../context.ts';
import { JOURNAL_CSV_COLUMNS, JOURNAL_CSV_EXTRA_COLUMNS } from './export.ts';
import { checkDrafts, type PostEnv, type PostResult, postInTx } from './post.ts';

export interface ImportReport {
  readonly rows: number;
  readonly entries: number;
  readonly dryRun: boolean;
  /** Empty when the file is good. Rows are numbered as a spreadsheet shows them (header = 1). */
  readonly refusals: readonly Refusal[];
  readonly result?: PostResult;
}

class DryRunRollback extends Error {}

interface ParsedRow {
  readonly row: number;
  readonly entry: string;
  readonly book: string;
  readonly date: string;
  readonly kind: EntryKind;
  readonly memo: string;
  readonly documentNo: string | null;
  readonly posting: PostingDraft;
}

export async function importJournalCsv(
  store: Store,
  env: PostEnv,
  ctx: Ctx,
  text: string,
  options: { dryRun?: boolean; idempotencyKey?: string } = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  const { rows, refusals } = parseRows(text);
  const drafts = groupEntries(rows, refusals);
  if (drafts.length === 0 && refusals.length === 0)
    refusals.push({ code: 'batch_empty', field: 'file', value: 0 });
  if (refusals.length > 0) {
    // Still check the entries against the books, so the report lists every bad row at once.
    if (drafts.length > 0) {
      const more = await store.write(async (tx) =>
        checkDrafts(
          tx,
          env,
          ctx,
          drafts.map((d) => d.draft),
        ),
      );
      refusals.push(...more.map((r) => toRowRefusal(r, drafts)));
    }
    if (!dryRun) throw new RefusedError(dedupe(refusals));
    return { rows: rows.length, entries: drafts.length, dryRun, refusals: dedupe(refusals) };
  }
  const key = options.idempotencyKey ?? `import:${requestHash(text)}`;
  try {
    const result = await store.write(async (tx) => {
      const r = await postInTx(
        tx,
        env,
        ctx,
        drafts.map((d) => d.draft),
        { idempotencyKey: key },
      );
      if (dryRun) throw new DryRunRollback();
      return r;
    });
    return { rows: rows.length, entries: drafts.length, dryRun, refusals: [], result };
  } catch (e) {
    if (e instanceof DryRunRollback)
      return { rows: rows.length, entries: drafts.length, dryRun, refusals: [] };
    if (e instanceof RefusedError) {
      const mapped = e.refusals.map((r) => toRowRefusal(r, drafts));
      if (!dryRun) throw new RefusedError(mapped);
      return { rows: rows.length, entries: drafts.length, dryRun, refusals: mapped };
    }
    throw e;
  }
}

function parseRows(text: string): { rows: ParsedRow[]; refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (e) {
    return {
      rows: [],
      refusals: [
        { code: 'file_unreadable', field: 'file', value: String((e as Error).message).slice(0, 120) },
      ],
    };
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const known = new Set<string>([...JOURNAL_CSV_COLUMNS, ...JOURNAL_CSV_EXTRA_COLUMNS]);
  for (const column of JOURNAL_CSV_COLUMNS)
    if (!header.includes(column))
      refusals.push({ code: 'column_missing', field: column, value: null, row: 1 });
  for (const h of header)
    if (!known.has(h)) refusals.push({ code: 'column_unknown', field: h, value: h, row: 1 });
  if (refusals.length > 0) return { rows: [], refusals };
  if (records.length - 1 > LEDGER_LIMITS.importRowsMax)
    return {
      rows: [],
      refusals: [
        {
          code: 'too_many',
          field: 'file',
          value: records.length - 1,
          params: { max: LEDGER_LIMITS.importRowsMax },
        },
      ],
    };
  const col = Object.fromEntries(JOURNAL_CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof JOURNAL_CSV_COLUMNS)[number],
    number
  >;
  const rows: ParsedRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    const row = i + 1;
    const get = (c: keyof typeof col) => (rec[col[c]] ?? '').trim();
    const bad = (code: string, field: string, value: unknown, params?: Record<string, string | number>) =>
      refusals.push(params ? { code, field, value, row, params } : { code, field, value, row });
    if (rec.length !== header.length) bad('row_width', 'row', rec.length, { expected: header.length });
    const date = parseBusinessDate('date', get('date'));
    if (!date.ok) bad('date_invalid', 'date', get('date'));
    const kind = get('kind') || 'general';
    if (!isEntryKind(kind)) bad('kind_unknown', 'kind', kind);
    const debitText = get('debit');
    const creditText = get('credit');
    let amount = 0;
    if ((debitText === '') === (creditText === ''))
      bad('debit_or_credit', 'debit', `${debitText}|${creditText}`);
    else {
      const field = debitText !== '' ? 'debit' : 'credit';
      const parsed = parseDong(field, debitText !== '' ? debitText : creditText);
      if (!parsed.ok) for (const r of parsed.refusals) refusals.push({ ...r, row });
      else if (parsed.value <= 0) bad('amount_not_positive', field, debitText || creditText);
      else amount = field === 'debit' ? parsed.value : -parsed.value;
    }
    if (get('entry') === '') bad('text_invalid', 'entry', '');
    if (get('account') === '') bad('text_invalid', 'account', '');
    rows.push({
      row,
      entry: get('entry'),
      book: get('book'),
      date: date.ok ? date.value : get('date'),
      kind: kind as EntryKind,
      memo: get('memo'),
      documentNo: get('document_no') || null,
      posting: { account: get('account'), party: get('party') || null, amount },
    });
  }
  return { rows, refusals };
}

interface GroupedDraft {
  readonly draft: EntryDraft;
  readonly rows: readonly number[];
}

function groupEntries(rows: readonly ParsedRow[], refusals: Refusal[]): GroupedDraft[] {
  const groups = new Map<string, ParsedRow[]>();
  for (const r of rows) {
    const g = groups.get(r.entry);
    if (g) g.push(r);
    else groups.set(r.entry, [r]);
  }
  const out: GroupedDraft[] = [];
  for (const g of groups.values()) {
    const first = g[0]!;
    for (const r of g.slice(1))
      for (const field of ['book', 'date', 'kind', 'memo', 'documentNo'] as const)
        if (r[field] !== first[field])
          refusals.push({
            code: 'entry_fields_differ',
            field,
            value: r[field],
            row: r.row,
            params: { entry: r.entry, first: first.row },
          });
    out.push({
      draft: {
        book: first.book,
        date: first.date,
        kind: first.kind,
        memo: first.memo,
        documentNo: first.documentNo,
        postings: g.map((r) => r.posting),
      },
      rows: g.map((r) => r.row),
    });
  }
  return out;
}

/** Maps `entries[3].postings[1].amount` back to the spreadsheet row it came from. */
function toRowRefusal(r: Refusal, drafts: readonly GroupedDraft[]): Refusal {
  const m = /^(?:entries\[(\d+)\]\.)?(?:postings\[(\d+)\]\.)?(.*)$/.exec(r.field);
  const entryIndex = m?.[1] === undefined ? (drafts.length === 1 ? 0 : -1) : Number(m[1]);
  const group = drafts[entryIndex];
  if (!group) return r;
  const row = m?.[2] === undefined ? group.rows[0] : group.rows[Number(m[2])];
  return { ...r, field: m?.[3] || r.field, ...(row === undefined ? {} : { row }) };
}

/** A row already refused while parsing is not refused again for the same field. */
function dedupe(refusals: readonly Refusal[]): Refusal[] {
  const seen = new Set<string>();
  const rowsRefused = new Set(refusals.filter((r) => r.code !== 'amount_zero').map((r) => r.row));
  const out: Refusal[] = [];
  for (const r of refusals) {
    // An amount that failed to parse was carried as zero; its parse refusal already says why.
    if (r.code === 'amount_zero' && rowsRefused.has(r.row)) continue;
    const k = `${r.row ?? ''}\u0000${r.field}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
