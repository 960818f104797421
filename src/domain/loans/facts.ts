/**
 * A loan's facts, read from the journal and its event history. Money comes from the journal only:
 * every posting on the loan's accounts names the loan as party, so a disbursement is the principal
 * its entry debits, a repayment what its entry credits to principal and interest receivable, a
 * write-off likewise. Reversals (`soquy reverse`) of such entries count negated. Changes of terms
 * (approval, extension, adjustment, freeze, closure) come from the loan's events, which also say
 * which journal entries each one posted, so same-day facts keep the order they happened in.
 *
 * Entries of other kinds on the loan's accounts (accruals, reclassifications, commitments) are
 * outputs of the replay, not inputs: they are what the books hold, compared with what the replay
 * says they should hold.
 */
import type { BusinessDate } from '../dates.ts';
import type { Dong } from '../money.ts';
import type { LoanChart } from './accounting.ts';
import type { CustomInstalment } from './schedule.ts';
import { type LoanFact, PRINCIPAL_CLASSES } from './state.ts';

export interface JournalLine {
  readonly seq: number;
  readonly date: BusinessDate;
  readonly kind: string;
  readonly reversesSeq: number | null;
  readonly account: string;
  readonly amount: Dong;
}

export interface EventRecord {
  readonly seq: number;
  readonly kind: string;
  readonly date: BusinessDate;
  readonly params: Readonly<Record<string, unknown>>;
  readonly entries: readonly number[];
}

/** Entry kinds whose loan postings are facts (inputs of the replay). */
const FACT_KINDS = new Set(['disbursement', 'repayment', 'write_off']);

interface EntryLines {
  readonly seq: number;
  readonly date: BusinessDate;
  readonly kind: string;
  readonly reversesSeq: number | null;
  readonly net: Map<string, Dong>;
}

function groupEntries(lines: readonly JournalLine[]): Map<number, EntryLines> {
  const out = new Map<number, EntryLines>();
  for (const l of lines) {
    let e = out.get(l.seq);
    if (!e) {
      e = { seq: l.seq, date: l.date, kind: l.kind, reversesSeq: l.reversesSeq, net: new Map() };
      out.set(l.seq, e);
    }
    e.net.set(l.account, (e.net.get(l.account) ?? 0) + l.amount);
  }
  return out;
}

/** The fact an entry records, with `sign` −1 for its reversal. */
function factOf(
  chart: LoanChart,
  kind: string,
  date: BusinessDate,
  net: Map<string, Dong>,
  sign: number,
): LoanFact | null {
  const get = (a: string) => net.get(a) ?? 0;
  // Credits are negative; `0 - x` never yields −0, which deep equality would tell from 0.
  const credit = (x: number) => 0 - sign * x;
  const principal = PRINCIPAL_CLASSES.reduce((s, c) => s + get(chart.principal[c]), 0);
  if (kind === 'disbursement') return { kind: 'disburse', date, amount: 0 + sign * principal };
  if (kind === 'repayment' || kind === 'write_off')
    return {
      kind: kind === 'repayment' ? 'repay' : 'write_off',
      date,
      principal: credit(principal),
      interest: credit(get(chart.interest)),
      overdueInterest: credit(get(chart.overdueInterest)),
    };
  return null;
}

/**
 * The facts of a loan in the order they happened: each event's in sequence, money from its
 * entries; then journal entries no event claims (reversals, hand-posted repayments), by date.
 */
export function loanFacts(
  chart: LoanChart,
  events: readonly EventRecord[],
  lines: readonly JournalLine[],
): LoanFact[] {
  const entries = groupEntries(lines);
  const claimed = new Set<number>();
  const facts: LoanFact[] = [];
  for (const ev of events) {
    for (const seq of ev.entries) claimed.add(seq);
    switch (ev.kind) {
      case 'approve':
        facts.push({ kind: 'approve', date: ev.date, amount: Number(ev.params['amount']) });
        break;
      case 'disburse':
      case 'repay':
      case 'write_off':
        for (const seq of ev.entries) {
          const e = entries.get(seq);
          const f = e ? factOf(chart, e.kind, e.date, e.net, 1) : null;
          if (f) facts.push(f);
        }
        break;
      case 'extend':
        facts.push({
          kind: 'extend',
          date: ev.date,
          due: String(ev.params['due']),
          months: Number(ev.params['months']),
        });
        break;
      case 'adjust':
        facts.push({
          kind: 'adjust',
          date: ev.date,
          instalments: ev.params['instalments'] as CustomInstalment[],
        });
        break;
      case 'freeze':
        facts.push({ kind: 'freeze', date: ev.date, months: Number(ev.params['months']) });
        break;
      case 'close':
        facts.push({ kind: 'close', date: ev.date });
        break;
    }
  }
  const loose: LoanFact[] = [];
  for (const e of entries.values()) {
    if (claimed.has(e.seq)) continue;
    if (e.kind === 'reversal' && e.reversesSeq !== null) {
      const original = entries.get(e.reversesSeq);
      if (original && FACT_KINDS.has(original.kind)) {
        // The reversal's own postings are the negation; read them as the original kind.
        const f = factOf(chart, original.kind, e.date, e.net, 1);
        if (f) loose.push(f);
      }
    } else {
      const f = factOf(chart, e.kind, e.date, e.net, 1);
      if (f) loose.push(f);
    }
  }
  // Stable: events' facts keep their order; loose ones come after the events of the same day.
  return [...facts, ...loose]
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.date < b.f.date ? -1 : a.f.date > b.f.date ? 1 : a.i - b.i))
    .map((x) => x.f);
}

/** Net debit per account of the loan's postings dated on or before `asOf` (all when undefined). */
export function netByAccount(lines: readonly JournalLine[], asOf?: BusinessDate): Map<string, Dong> {
  const out = new Map<string, Dong>();
  for (const l of lines)
    if (asOf === undefined || l.date <= asOf) out.set(l.account, (out.get(l.account) ?? 0) + l.amount);
  return out;
}
