/**
 * Plain-text exports of the journal for auditors and their tools: CSV (the same columns `import`
 * reads, plus the chain), hledger and Beancount. Streams book by book in chunks; `write` receives
 * text pieces.
 */
import type { AccountType } from '../../domain/ledger/accounts.ts';
import type { Entry } from '../../domain/ledger/entry.ts';
import { findBooks, findEntriesBySeq, listAccounts } from '../../store/ledger-store.ts';
import type { Store } from '../../store/open-store.ts';
import type { Ctx } from '../context.ts';

export const EXPORT_FORMATS = ['csv', 'hledger', 'beancount'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Columns of the journal CSV, shared with the importer. */
export const JOURNAL_CSV_COLUMNS = [
  'entry',
  'book',
  'date',
  'kind',
  'memo',
  'document_no',
  'account',
  'party',
  'debit',
  'credit',
] as const;
/** Columns the export adds after them, which the importer ignores. */
export const JOURNAL_CSV_EXTRA_COLUMNS = [
  'seq',
  'reverses_seq',
  'recorded_at',
  'actor',
  'idempotency_key',
  'hash',
] as const;

const CHUNK = 5_000;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

interface AccountInfo {
  type: AccountType;
  side: string;
  nameVi: string;
}

export async function exportJournal(
  store: Store,
  ctx: Ctx,
  format: ExportFormat,
  write: (text: string) => void | Promise<void>,
  options: { book?: string | undefined } = {},
): Promise<{ entries: number }> {
  const books = await findBooks(
    store.db,
    store.kind,
    ctx.tenant,
    options.book === undefined ? 'all' : [options.book],
  );
  const accounts = new Map<string, AccountInfo>();
  for (const a of await listAccounts(store.db, ctx.tenant, options.book))
    accounts.set(`${a.book}/${a.code}`, { type: a.type, side: a.normalSide, nameVi: a.nameVi });
  const fmt = FORMATTERS[format]();
  await write(fmt.header(ctx.tenant, accounts));
  let count = 0;
  for (const b of books) {
    for (let from = 1; from <= b.headSeq; from += CHUNK) {
      const entries = await findEntriesBySeq(store.db, ctx.tenant, b.code, from, from + CHUNK - 1);
      let text = '';
      for (const e of entries) text += fmt.entry(e, accounts);
      count += entries.length;
      await write(text);
    }
  }
  return { entries: count };
}

interface Formatter {
  header(tenant: string, accounts: Map<string, AccountInfo>): string;
  entry(e: Entry, accounts: Map<string, AccountInfo>): string;
}

const csv: Formatter = {
  header: () => `${[...JOURNAL_CSV_COLUMNS, ...JOURNAL_CSV_EXTRA_COLUMNS].join(',')}\n`,
  entry: (e) =>
    e.postings
      .map((p) =>
        [
          `${e.book}#${e.seq}`,
          e.book,
          e.date,
          e.kind,
          e.memo,
          e.documentNo,
          p.account,
          p.party,
          p.amount > 0 ? p.amount : '',
          p.amount < 0 ? -p.amount : '',
          e.seq,
          e.reversesSeq,
          e.recordedAt,
          e.actor,
          e.idempotencyKey,
          e.hash,
        ]
          .map((v) => csvField(v === '' ? null : v))
          .join(','),
      )
      .join('\n') + '\n',
};

// hledger: plain integers (no digit grouping) so every version reads 1000 as one thousand đồng;
// account names are type:book:code[:party]; `;` starts a comment there, so text is kept off it.
const HLEDGER_ROOT: Record<AccountType, string> = {
  asset: 'assets',
  liability: 'liabilities',
  equity: 'equity',
  income: 'income',
  expense: 'expenses',
  memo: 'memo',
};

export function hledgerAccount(book: string, code: string, party: string | null, type: AccountType): string {
  return `${HLEDGER_ROOT[type]}:${book}:${code}${party ? `:${party}` : ''}`;
}

function plainText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replaceAll(';', ',')
    .trim();
}

const hledger: Formatter = {
  header: (tenant, accounts) => {
    let out = `; soquy journal export, commune ${tenant}. Amounts in whole đồng.\ncommodity 1000. VND\n\n`;
    for (const [key, a] of accounts) {
      const [book, code] = key.split('/') as [string, string];
      out += `account ${hledgerAccount(book, code, null, a.type)}  ; ${plainText(a.nameVi)}\n`;
    }
    return `${out}\n`;
  },
  entry: (e, accounts) => {
    let out = `${e.date} * ${e.documentNo ? `(${plainText(e.documentNo).replaceAll(')', ']')}) ` : ''}${plainText(e.memo) || e.kind}  ; book:${e.book}, seq:${e.seq}, kind:${e.kind}, hash:${e.hash}\n`;
    for (const p of e.postings) {
      const a = accounts.get(`${e.book}/${p.account}`)!;
      out += `    ${hledgerAccount(e.book, p.account, p.party, a.type)}  ${p.amount} VND\n`;
    }
    return `${out}\n`;
  },
};

// Beancount: five roots only, components start with a capital or a digit and hold letters,
// digits and dashes. Memo accounts go under Assets:Offbalance / Liabilities:Offbalance by side,
// where they net to zero.
function beanComponent(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9-]/g, '-');
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

export function beancountAccount(
  book: string,
  code: string,
  party: string | null,
  a: { type: AccountType; side: string },
): string {
  const root =
    a.type === 'memo'
      ? a.side === 'debit'
        ? 'Assets:Offbalance'
        : 'Liabilities:Offbalance'
      : {
          asset: 'Assets',
          liability: 'Liabilities',
          equity: 'Equity',
          income: 'Income',
          expense: 'Expenses',
        }[a.type];
  return `${root}:${beanComponent(book)}:${beanComponent(code)}${party ? `:${beanComponent(party)}` : ''}`;
}

function beanString(text: string): string {
  return `"${text
    .replace(/[\r\n]+/g, ' ')
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')}"`;
}

function beancount(): Formatter {
  const opened = new Set<string>();
  return {
    header: (tenant) =>
      `; soquy journal export, commune ${tenant}. Amounts in whole đồng.\noption "operating_currency" "VND"\n\n`,
    entry: (e, accounts) => {
      let out = '';
      // Beancount wants every account opened before use; party sub-accounts are opened on the fly.
      for (const p of e.postings) {
        const name = beancountAccount(e.book, p.account, p.party, accounts.get(`${e.book}/${p.account}`)!);
        if (!opened.has(name)) {
          opened.add(name);
          out += `1900-01-01 open ${name} VND\n`;
        }
      }
      out += `${e.date} * ${beanString(e.documentNo ?? '')} ${beanString(e.memo || e.kind)}\n  book: ${beanString(e.book)}\n  seq: ${e.seq}\n  hash: ${beanString(e.hash)}\n`;
      for (const p of e.postings)
        out += `  ${beancountAccount(e.book, p.account, p.party, accounts.get(`${e.book}/${p.account}`)!)}  ${p.amount} VND\n`;
      return `${out}\n`;
    },
  };
}

const FORMATTERS: Record<ExportFormat, () => Formatter> = {
  csv: () => csv,
  hledger: () => hledger,
  beancount,
};
