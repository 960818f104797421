/**
 * `soquy verify --pack FILE`: checks an audit pack with no database (docs/design/resilience.md).
 * Every file against the manifest's size and SHA-256; each book's chain recomputed from
 * journal.csv up to the recorded head; the audit chain from audit-log.csv; the trial balances
 * recomputed from the journal (entries dated on or before the as-of date) against the packed JSON
 * and CSV. Every problem is a refusal with a catalogue code; nothing here throws on bad input.
 */
import { parse } from 'csv-parse';
import { auditGenesisHash, auditHash } from '../../domain/audit/chain.ts';
import { entryHash, genesisHash } from '../../domain/ledger/chain.ts';
import type { Posting } from '../../domain/ledger/entry.ts';
import type { EntryKind } from '../../domain/ledger/kinds.ts';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Refusal } from '../../domain/refusal.ts';
import { AUDIT_CSV_COLUMNS } from '../audit/audit-log.ts';
import { JOURNAL_CSV_COLUMNS, JOURNAL_CSV_EXTRA_COLUMNS } from '../ledger/export.ts';
import { sha256Hex } from './files.ts';
import {
  ACCOUNTS_CSV_COLUMNS,
  type ChainHeads,
  ChainHeadsSchema,
  PACK_FILES,
  type PackedTrialBalance,
  type PackManifest,
  PackManifestSchema,
  TRIAL_BALANCE_CSV_COLUMNS,
  TrialBalanceSchema,
} from './pack-format.ts';
import { readTar, TarError, type TarFile } from './tar.ts';

export const PACK_LIMITS = {
  /** Problems reported; past this the pack is plainly bad and more lines help nobody. */
  problemsMax: 50,
  /** Rows of one journal entry in the CSV (postings per entry). */
  postingsPerEntryMax: 1_000,
} as const;

export interface PackVerification {
  readonly ok: boolean;
  readonly problems: readonly Refusal[];
  readonly tenant: string | null;
  readonly asOf: string | null;
  readonly files: number;
  readonly books: number;
  readonly entries: number;
  readonly auditRecords: number;
}

class Problems {
  readonly list: Refusal[] = [];
  add(code: string, field: string, value: unknown, params: Record<string, string | number> = {}): void {
    if (this.list.length < PACK_LIMITS.problemsMax) this.list.push({ code, field, value, params });
  }
  get full(): boolean {
    return this.list.length >= PACK_LIMITS.problemsMax;
  }
}

const short = (text: string) => (text.length > 16 ? `${text.slice(0, 12)}…` : text);

export async function verifyPack(archive: Uint8Array): Promise<PackVerification> {
  const problems = new Problems();
  const result = (m: PackManifest | null, counts: Partial<PackVerification> = {}): PackVerification => ({
    ok: problems.list.length === 0,
    problems: problems.list,
    tenant: m?.tenant ?? null,
    asOf: m?.asOf ?? null,
    files: counts.files ?? 0,
    books: counts.books ?? 0,
    entries: counts.entries ?? 0,
    auditRecords: counts.auditRecords ?? 0,
  });

  let files: TarFile[];
  try {
    files = readTar(archive).map((f) => ({ name: f.name.replace(/^\.\//, ''), data: f.data }));
  } catch (e) {
    if (!(e instanceof TarError)) throw e;
    problems.add('pack_unreadable', 'pack', null, { detail: e.message.slice(0, 120) });
    return result(null);
  }
  const byName = new Map(files.map((f) => [f.name, f.data]));
  const manifest = parseJson(
    byName.get(PACK_FILES.manifest),
    PackManifestSchema,
    PACK_FILES.manifest,
    problems,
  );
  if (!manifest) return result(null);

  checkFiles(manifest, byName, problems);
  const text = (name: string): string | undefined => {
    const data = byName.get(name);
    return data === undefined ? undefined : Buffer.from(data).toString('utf8');
  };
  const heads = parseJson(byName.get(PACK_FILES.headsJson), ChainHeadsSchema, PACK_FILES.headsJson, problems);
  if (heads && stableHeads(heads) !== stableHeads(manifest.heads))
    problems.add('pack_heads_differ', 'pack', PACK_FILES.headsJson, {
      what: PACK_FILES.headsJson,
      actual: 'chain-heads.json',
      actualHash: '',
      expected: 'manifest.json',
      expectedHash: '',
    });

  const accounts = await readAccounts(text(PACK_FILES.accounts), problems);
  const journal = await recomputeJournal(text(PACK_FILES.journalCsv), manifest, problems);
  compareHeads(manifest.heads, journal.heads, problems);
  if (accounts && !journal.unreadable) {
    const books = [null, ...manifest.books] as const;
    for (const book of books) {
      const recomputed = trialBalanceOf(journal.totals, accounts, book, manifest.asOf);
      compareTrialBalance(
        PACK_FILES.trialBalance(book, 'json'),
        // A missing report is already named by checkFiles.
        parseJson(
          byName.get(PACK_FILES.trialBalance(book, 'json')),
          TrialBalanceSchema,
          PACK_FILES.trialBalance(book, 'json'),
          problems,
          false,
        ),
        recomputed,
        problems,
      );
      const csv = await trialBalanceFromCsv(
        text(PACK_FILES.trialBalance(book, 'csv')),
        book,
        manifest,
        problems,
      );
      if (csv) compareTrialBalance(PACK_FILES.trialBalance(book, 'csv'), csv, recomputed, problems, true);
    }
  }
  const auditRecords = await recomputeAudit(text(PACK_FILES.auditLog), manifest, problems);
  return result(manifest, {
    files: manifest.files.length,
    books: manifest.books.length,
    entries: journal.entries,
    auditRecords,
  });
}

function stableHeads(h: ChainHeads): string {
  return JSON.stringify([
    h.tenant,
    h.books.map((b) => [b.book, b.headSeq, b.headHash]),
    [h.audit.headSeq, h.audit.headHash],
  ]);
}

function parseJson<T>(
  data: Uint8Array | undefined,
  schema: {
    safeParse(
      x: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  },
  name: string,
  problems: Problems,
  reportMissing = true,
): T | null {
  if (data === undefined) {
    if (reportMissing) problems.add('pack_file_missing', 'pack', name);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (e) {
    problems.add('pack_manifest_invalid', 'pack', name, {
      detail: String((e as Error).message).slice(0, 120),
    });
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.add('pack_manifest_invalid', 'pack', name, {
      detail: `${name} ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? ''}`.slice(0, 160),
    });
    return null;
  }
  return parsed.data;
}

function checkFiles(manifest: PackManifest, byName: Map<string, Uint8Array>, problems: Problems): void {
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of manifest.files) {
    const data = byName.get(f.name);
    if (data === undefined) {
      problems.add('pack_file_missing', 'pack', f.name);
      continue;
    }
    const actual = sha256Hex(data);
    if (actual !== f.sha256 || data.length !== f.bytes)
      problems.add('pack_file_hash_mismatch', 'pack', f.name, {
        expected: short(f.sha256),
        actual: short(actual),
      });
  }
  for (const name of byName.keys())
    if (name !== PACK_FILES.manifest && !listed.has(name)) problems.add('pack_file_unlisted', 'pack', name);
  const required = [
    PACK_FILES.journalCsv,
    PACK_FILES.accounts,
    PACK_FILES.headsJson,
    PACK_FILES.auditLog,
    ...[null, ...manifest.books].flatMap((b) => [
      PACK_FILES.trialBalance(b, 'json'),
      PACK_FILES.trialBalance(b, 'csv'),
    ]),
  ];
  for (const name of required)
    if (!listed.has(name) && !byName.has(name)) problems.add('pack_file_missing', 'pack', name);
}

/** The records of a CSV text after its header, which must be exactly `columns`. */
async function* csvRecords(
  text: string | undefined,
  file: string,
  columns: readonly string[],
  problems: Problems,
): AsyncGenerator<{ row: number; get: (column: string) => string }> {
  if (text === undefined) return;
  const parser = parse({ relax_column_count: true, bom: true, skip_empty_lines: true });
  const feed = async () => {
    // In slices, so a large journal never becomes one array of arrays. The reader may stop early
    // (a bad header, a parse error) and destroy the parser: stop feeding then, and never wait for
    // a 'drain' that will not come.
    const slice = 1 << 20;
    for (let i = 0; i < text.length; i += slice) {
      if (parser.destroyed) return;
      if (!parser.write(text.slice(i, i + slice)))
        await new Promise<void>((resolve) => {
          const go = () => {
            parser.off('drain', go);
            parser.off('close', go);
            resolve();
          };
          parser.on('drain', go);
          parser.on('close', go);
        });
    }
    if (!parser.destroyed) parser.end();
  };
  const feeding = feed().catch(() => {});
  let row = 0;
  let index: Map<string, number> | undefined;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (index === undefined) {
        if (record.join(',') !== columns.join(',')) {
          problems.add('pack_csv_invalid', 'pack', file, {
            file,
            row: 1,
            detail: `header is not ${columns.join(',')}`.slice(0, 160),
          });
          return;
        }
        index = new Map(columns.map((c, i) => [c, i]));
        continue;
      }
      if (record.length !== columns.length) {
        problems.add('pack_csv_invalid', 'pack', file, {
          file,
          row,
          detail: `${record.length} columns, ${columns.length} expected`,
        });
        return;
      }
      const map = index;
      yield { row, get: (c: string) => record[map.get(c)!]! };
    }
  } catch (e) {
    problems.add('pack_csv_invalid', 'pack', file, {
      file,
      row: row + 1,
      detail: String((e as Error).message).slice(0, 120),
    });
  } finally {
    parser.destroy();
    await feeding;
  }
}

interface AccountInfo {
  readonly type: string;
  readonly normalSide: string;
  readonly nameVi: string;
  readonly nameEn: string;
}

async function readAccounts(
  text: string | undefined,
  problems: Problems,
): Promise<Map<string, AccountInfo> | null> {
  if (text === undefined) return null;
  const out = new Map<string, AccountInfo>();
  for await (const r of csvRecords(text, PACK_FILES.accounts, ACCOUNTS_CSV_COLUMNS, problems))
    out.set(`${r.get('book')}\u0000${r.get('code')}`, {
      type: r.get('type'),
      normalSide: r.get('normal_side'),
      nameVi: r.get('name_vi'),
      nameEn: r.get('name_en'),
    });
  return out;
}

interface Totals {
  debit: number;
  credit: number;
  count: number;
}

interface JournalRecompute {
  readonly heads: Map<string, { seq: number; hash: string }>;
  /** `book\0account` → totals of postings dated on or before the as-of date. */
  readonly totals: Map<string, Totals>;
  readonly entries: number;
  readonly unreadable: boolean;
}

const INTEGER = /^(0|[1-9][0-9]{0,15})$/;

function amountOf(debit: string, credit: string): number | null {
  if ((debit === '') === (credit === '')) return null;
  const text = debit !== '' ? debit : credit;
  if (!INTEGER.test(text)) return null;
  const n = Number(text);
  if (n <= 0 || n > AMOUNT_DONG_MAX) return null;
  return debit !== '' ? n : -n;
}

async function recomputeJournal(
  text: string | undefined,
  manifest: PackManifest,
  problems: Problems,
): Promise<JournalRecompute> {
  const heads = new Map<string, { seq: number; hash: string }>();
  for (const b of manifest.books) heads.set(b, { seq: 0, hash: genesisHash(manifest.tenant, b) });
  const totals = new Map<string, Totals>();
  const broken = new Set<string>();
  let entries = 0;
  let unreadable = text === undefined;
  const columns = [...JOURNAL_CSV_COLUMNS, ...JOURNAL_CSV_EXTRA_COLUMNS];
  type Row = { row: number; get: (c: string) => string };
  let group: Row[] = [];

  const bad = (book: string, seq: number | string, problem: string) => {
    broken.add(book);
    problems.add('pack_chain_broken', 'pack', `${book}#${seq}`, { book, seq: String(seq), problem });
  };
  const finish = (rows: Row[]) => {
    const first = rows[0]!;
    const book = first.get('book');
    if (broken.has(book)) return;
    const head = heads.get(book);
    if (!head) return bad(book, first.get('seq'), 'book_not_in_manifest');
    const seq = INTEGER.test(first.get('seq')) ? Number(first.get('seq')) : -1;
    if (seq !== head.seq + 1) return bad(book, first.get('seq'), `sequence_gap (expected #${head.seq + 1})`);
    if (first.get('entry') !== `${book}#${seq}`) return bad(book, seq, 'entry_ref_mismatch');
    const fields = [
      'book',
      'seq',
      'date',
      'kind',
      'memo',
      'document_no',
      'recorded_at',
      'actor',
      'idempotency_key',
      'reverses_seq',
      'hash',
    ];
    if (rows.some((r) => fields.some((f) => r.get(f) !== first.get(f))))
      return bad(book, seq, 'entry_rows_differ');
    const postings: Posting[] = [];
    for (const [i, r] of rows.entries()) {
      const amount = amountOf(r.get('debit'), r.get('credit'));
      if (amount === null) return bad(book, seq, `amount_invalid (row ${r.row})`);
      postings.push({ line: i + 1, account: r.get('account'), party: r.get('party') || null, amount });
    }
    const reverses = first.get('reverses_seq');
    if (reverses !== '' && !INTEGER.test(reverses)) return bad(book, seq, 'reverses_seq_invalid');
    const content = {
      tenant: manifest.tenant,
      book,
      seq,
      date: first.get('date'),
      recordedAt: first.get('recorded_at'),
      kind: first.get('kind') as EntryKind,
      memo: first.get('memo'),
      documentNo: first.get('document_no') || null,
      actor: first.get('actor'),
      idempotencyKey: first.get('idempotency_key') || null,
      reversesSeq: reverses === '' ? null : Number(reverses),
      postings,
    };
    const hash = entryHash(head.hash, content);
    if (hash !== first.get('hash')) return bad(book, seq, 'hash_mismatch');
    if (postings.reduce((s, p) => s + p.amount, 0) !== 0) return bad(book, seq, 'entry_unbalanced');
    heads.set(book, { seq, hash });
    entries += 1;
    if (content.date <= manifest.asOf)
      for (const p of postings) {
        const k = `${book}\u0000${p.account}`;
        const t = totals.get(k) ?? { debit: 0, credit: 0, count: 0 };
        if (p.amount > 0) t.debit += p.amount;
        else t.credit -= p.amount;
        t.count += 1;
        totals.set(k, t);
      }
  };

  let rows = 0;
  for await (const r of csvRecords(text, PACK_FILES.journalCsv, columns, problems)) {
    rows += 1;
    if (
      group.length > 0 &&
      (r.get('entry') !== group[0]!.get('entry') || group.length >= PACK_LIMITS.postingsPerEntryMax)
    ) {
      finish(group);
      group = [];
      if (problems.full) break;
    }
    group.push(r);
  }
  if (group.length > 0 && !problems.full) finish(group);
  if (text !== undefined && rows === 0 && manifest.heads.books.some((b) => b.headSeq > 0)) unreadable = true;
  return { heads, totals, entries, unreadable };
}

function compareHeads(
  recorded: ChainHeads,
  found: Map<string, { seq: number; hash: string }>,
  problems: Problems,
): void {
  for (const b of recorded.books) {
    const f = found.get(b.book);
    if (!f || f.seq !== b.headSeq || f.hash !== b.headHash)
      problems.add('pack_heads_differ', 'pack', b.book, {
        what: b.book,
        actual: f?.seq ?? 0,
        actualHash: short(f?.hash ?? ''),
        expected: b.headSeq,
        expectedHash: short(b.headHash),
      });
  }
}

function trialBalanceOf(
  totals: Map<string, Totals>,
  accounts: Map<string, AccountInfo>,
  book: string | null,
  asOf: string,
): PackedTrialBalance {
  const rows: PackedTrialBalance['rows'] = [];
  let totalDebit = 0;
  let totalCredit = 0;
  let memoDebit = 0;
  let memoCredit = 0;
  for (const [key, t] of totals) {
    const [b, account] = key.split('\u0000') as [string, string];
    if (book !== null && b !== book) continue;
    if (t.count === 0) continue;
    const a = accounts.get(key);
    rows.push({
      book: b,
      account,
      nameVi: a?.nameVi ?? '?',
      nameEn: a?.nameEn ?? '?',
      type: a?.type ?? '?',
      normalSide: a?.normalSide ?? '?',
      debit: t.debit,
      credit: t.credit,
      net: t.debit - t.credit,
    });
    if (a?.type === 'memo') {
      memoDebit += t.debit;
      memoCredit += t.credit;
    } else {
      totalDebit += t.debit;
      totalCredit += t.credit;
    }
  }
  return { asOf, rows, totalDebit, totalCredit, memoDebit, memoCredit };
}

async function trialBalanceFromCsv(
  text: string | undefined,
  book: string | null,
  manifest: PackManifest,
  problems: Problems,
): Promise<PackedTrialBalance | null> {
  if (text === undefined) return null;
  const file = PACK_FILES.trialBalance(book, 'csv');
  const rows: PackedTrialBalance['rows'] = [];
  for await (const r of csvRecords(text, file, TRIAL_BALANCE_CSV_COLUMNS, problems)) {
    const numbers = ['debit', 'credit', 'net'].map((c) => r.get(c));
    if (!numbers.every((n) => /^-?(0|[1-9][0-9]{0,15})$/.test(n))) {
      problems.add('pack_csv_invalid', 'pack', file, {
        file,
        row: r.row,
        detail: 'debit, credit and net must be integers',
      });
      return null;
    }
    const [debit, credit, net] = numbers.map(Number) as [number, number, number];
    rows.push({
      book: r.get('book'),
      account: r.get('account'),
      nameVi: r.get('name_vi'),
      nameEn: r.get('name_en'),
      type: r.get('type'),
      normalSide: r.get('normal_side'),
      debit,
      credit,
      net,
    });
  }
  return { asOf: manifest.asOf, rows, totalDebit: 0, totalCredit: 0, memoDebit: 0, memoCredit: 0 };
}

type TbRow = PackedTrialBalance['rows'][number];
const ROW_FIELDS = [
  'book',
  'account',
  'nameVi',
  'nameEn',
  'type',
  'normalSide',
  'debit',
  'credit',
  'net',
] as const;

function sameRow(a: TbRow | undefined, b: TbRow | undefined): boolean {
  return a !== undefined && b !== undefined && ROW_FIELDS.every((f) => a[f] === b[f]);
}

function compareTrialBalance(
  report: string,
  packed: PackedTrialBalance | null,
  recomputed: PackedTrialBalance,
  problems: Problems,
  rowsOnly = false,
): void {
  if (!packed) return;
  const differences: string[] = [];
  const key = (r: { book: string; account: string }) => `${r.book}/${r.account}`;
  const mine = new Map(recomputed.rows.map((r) => [key(r), r]));
  const theirs = new Map(packed.rows.map((r) => [key(r), r]));
  for (const k of new Set([...mine.keys(), ...theirs.keys()])) {
    const a = theirs.get(k);
    const b = mine.get(k);
    if (!sameRow(a, b))
      differences.push(`${k}: ${a ? `${a.debit}/${a.credit}` : '—'} ≠ ${b ? `${b.debit}/${b.credit}` : '—'}`);
  }
  if (!rowsOnly) {
    for (const t of ['totalDebit', 'totalCredit', 'memoDebit', 'memoCredit'] as const)
      if (packed[t] !== recomputed[t]) differences.push(`${t}: ${packed[t]} ≠ ${recomputed[t]}`);
    if (packed.asOf !== recomputed.asOf) differences.push(`asOf: ${packed.asOf} ≠ ${recomputed.asOf}`);
  }
  if (differences.length > 0)
    problems.add('pack_trial_balance_differs', 'pack', report, {
      report,
      detail: `${differences.slice(0, 3).join('; ')}${differences.length > 3 ? ` (+${differences.length - 3})` : ''}`,
    });
}

async function recomputeAudit(
  text: string | undefined,
  manifest: PackManifest,
  problems: Problems,
): Promise<number> {
  const tenant = manifest.tenant;
  let prev = auditGenesisHash(tenant);
  let seq = 0;
  const bad = (at: number | string, problem: string) =>
    problems.add('pack_audit_broken', 'pack', `#${at}`, { seq: String(at), problem });
  let ok = true;
  for await (const r of csvRecords(text, PACK_FILES.auditLog, AUDIT_CSV_COLUMNS, problems)) {
    const n = INTEGER.test(r.get('seq')) ? Number(r.get('seq')) : -1;
    if (n !== seq + 1) {
      bad(r.get('seq'), `sequence_gap (expected #${seq + 1})`);
      ok = false;
      break;
    }
    if (r.get('prev_hash') !== prev) {
      bad(n, 'prev_hash_mismatch');
      ok = false;
      break;
    }
    // A CSV cannot tell an empty text from none: try both where the field is empty.
    const ips = r.get('ip') === '' ? [null, ''] : [r.get('ip')];
    const agents = r.get('user_agent') === '' ? [null, ''] : [r.get('user_agent')];
    const content = {
      tenant,
      seq: n,
      at: r.get('at'),
      actor: r.get('actor'),
      action: r.get('action'),
      target: r.get('target'),
      outcome: r.get('outcome'),
      detail: r.get('detail'),
    };
    const hash = r.get('hash');
    const matches = ips.some((ip) =>
      agents.some((userAgent) => auditHash(prev, { ...content, ip, userAgent }) === hash),
    );
    if (!matches) {
      bad(n, 'hash_mismatch');
      ok = false;
      break;
    }
    prev = hash;
    seq = n;
  }
  if (
    ok &&
    text !== undefined &&
    (seq !== manifest.heads.audit.headSeq || prev !== manifest.heads.audit.headHash)
  )
    problems.add('pack_heads_differ', 'pack', 'audit', {
      what: 'audit',
      actual: seq,
      actualHash: short(prev),
      expected: manifest.heads.audit.headSeq,
      expectedHash: short(manifest.heads.audit.headHash),
    });
  return seq;
}
