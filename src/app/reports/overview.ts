/**
 * What the overview and the dashboards read from the ledger: each book's key figures as of a day
 * (cash, bank, funds, income, expenses, memo), month-end balances for a chart, the latest
 * entries. All derived from the journal's running totals (ARCHITECTURE §1.6: derived, not
 * duplicated); nothing here writes.
 */
import { addMonths, endOfMonth, makeDate, parts } from '../../domain/dates.ts';
import { normalBalance } from '../../domain/ledger/accounts.ts';
import type { Entry } from '../../domain/ledger/entry.ts';
import { type BookRow, findEntriesBySeq, findReversalOf, readDayNets } from '../../store/ledger-store.ts';
import type { Store } from '../../store/open-store.ts';
import type { Ctx } from '../context.ts';
import type { Ledger, TrialBalanceRow } from '../ledger/ledger.ts';

/** A figure and the accounts it sums (a trace opens their entries). */
export interface Figure {
  readonly amountDong: number;
  readonly accounts: readonly string[];
}

export interface BookFigures {
  readonly book: BookRow;
  readonly asOf: string;
  /** Cash on hand: asset accounts 111x (the savings group's two cash boxes are 1111, 1112). */
  readonly cash: Figure;
  /** Bank deposits: asset accounts 112x. */
  readonly bank: Figure;
  /** Capital and funds: equity on its credit side, plus income less expenses not yet closed. */
  readonly fund: Figure;
  readonly income: Figure;
  readonly expenses: Figure;
  /** Memo accounts on their debit side: loans serviced for VBSP, pledges. */
  readonly memo: Figure;
  readonly rows: readonly TrialBalanceRow[];
}

const isCash = (r: TrialBalanceRow) => r.type === 'asset' && r.account.startsWith('111');
const isBank = (r: TrialBalanceRow) => r.type === 'asset' && r.account.startsWith('112');

function sum(
  rows: readonly TrialBalanceRow[],
  keep: (r: TrialBalanceRow) => boolean,
  side: 'debit' | 'credit',
) {
  const kept = rows.filter(keep);
  return {
    amountDong: kept.reduce((s, r) => s + normalBalance(r.debit, r.credit, side), 0),
    accounts: kept.map((r) => r.account),
  };
}

/** The key figures of each book, as of the end of a day. One grouped read per book. */
export async function bookFigures(
  ledger: Ledger,
  ctx: Ctx,
  books: readonly BookRow[],
  asOf: string,
): Promise<BookFigures[]> {
  const out: BookFigures[] = [];
  for (const book of books) {
    const tb = await ledger.trialBalance(ctx, { book: book.code, asOf });
    const rows = tb.rows;
    const equity = sum(rows, (r) => r.type === 'equity', 'credit');
    const income = sum(rows, (r) => r.type === 'income', 'credit');
    const expenses = sum(rows, (r) => r.type === 'expense', 'debit');
    out.push({
      book,
      asOf,
      cash: sum(rows, isCash, 'debit'),
      bank: sum(rows, isBank, 'debit'),
      fund: {
        amountDong: equity.amountDong + income.amountDong - expenses.amountDong,
        accounts: [...equity.accounts, ...income.accounts, ...expenses.accounts],
      },
      income,
      expenses,
      memo: sum(rows, (r) => r.type === 'memo' && r.normalSide === 'debit', 'debit'),
      rows,
    });
  }
  return out;
}

/** The last `count` month ends up to `asOf` (the last one is `asOf` itself), oldest first. */
export function monthEnds(asOf: string, count: number): string[] {
  const { year, month } = parts(asOf);
  const first = makeDate(year, month, 1);
  const out: string[] = [];
  for (let i = count - 1; i >= 1; i--) out.push(endOfMonth(addMonths(first, -i)));
  out.push(asOf);
  return out;
}

/**
 * Debit-side balances of some accounts of a book at each of `days` (ascending). One query per
 * account: the all-time total and the day nets since the first day, walked backwards.
 */
export async function balancesAt(
  store: Store,
  ctx: Ctx,
  book: string,
  accounts: readonly string[],
  days: readonly string[],
): Promise<number[]> {
  const out = days.map(() => 0);
  if (days.length === 0) return out;
  // The day after the first asked day's predecessor: nets from there on undo the total.
  const since = days[0]!;
  for (const account of accounts) {
    const { total, days: nets } = await readDayNets(
      store.db,
      store.kind,
      ctx.tenant,
      book,
      account,
      '',
      since,
    );
    let balance = total.debit - total.credit;
    let j = nets.length - 1;
    for (let i = days.length - 1; i >= 0; i--) {
      // Remove every day after days[i].
      while (j >= 0 && nets[j]!.day > days[i]!) {
        balance -= nets[j]!.net;
        j -= 1;
      }
      out[i]! += balance;
    }
  }
  return out;
}

/** The latest `count` entries of some books, newest first (by recorded-at, then book and seq). */
export async function latestEntries(
  store: Store,
  ctx: Ctx,
  books: readonly BookRow[],
  count: number,
): Promise<Entry[]> {
  const all: Entry[] = [];
  for (const b of books) {
    if (b.headSeq === 0) continue;
    all.push(
      ...(await findEntriesBySeq(
        store.db,
        ctx.tenant,
        b.code,
        Math.max(1, b.headSeq - count + 1),
        b.headSeq,
      )),
    );
  }
  return all
    .sort((a, b) =>
      a.recordedAt !== b.recordedAt
        ? a.recordedAt < b.recordedAt
          ? 1
          : -1
        : a.book !== b.book
          ? a.book.localeCompare(b.book)
          : b.seq - a.seq,
    )
    .slice(0, count);
}

/** The sequence number of the entry that reverses `book#seq`, if one does. */
export async function reversalOf(
  store: Store,
  ctx: Ctx,
  book: string,
  seq: number,
): Promise<number | undefined> {
  return findReversalOf(store.db, ctx.tenant, book, seq);
}
