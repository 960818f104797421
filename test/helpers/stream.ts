/**
 * A deterministic, varied journal for tests that compare soquy with outside tools: capital,
 * loans to households, repayments, donations, aid, and VBSP memo entries, over one year.
 */
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import type { App } from '../../src/main/app.ts';
import { ctx } from './fixtures.ts';

/** A small linear congruential generator: the same seed gives the same journal everywhere. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function postVariedJournal(app: App, entries: number, seed = 7): Promise<void> {
  await app.ledger.createBook(ctx, { code: 'uy-thac-hpn', template: 'vbsp-entrusted' });
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const day = () =>
    `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const households = Array.from({ length: 12 }, (_, i) => `HH-${String(i + 1).padStart(4, '0')}`);
  const drafts: EntryDraft[] = [
    {
      book: 'quy-htnd',
      date: '2025-01-01',
      kind: 'capital',
      memo: 'Vốn tỉnh cấp; đợt 1',
      postings: [
        { account: '112', amount: 2_000_000_000 },
        { account: '4112', amount: -2_000_000_000 },
      ],
    },
  ];
  for (let i = 0; i < entries; i++) {
    const hh = pick(households);
    const amount = 1_000 * (1 + Math.floor(r() * 50_000));
    const kind = pick(['loan', 'repay', 'fee', 'donation', 'aid', 'vbsp'] as const);
    const date = day();
    if (kind === 'loan')
      drafts.push({
        book: 'quy-htnd',
        date,
        kind: 'disbursement',
        memo: `Cho vay hộ ${hh}`,
        postings: [
          { account: '1311', party: hh, amount },
          { account: '112', amount: -amount },
        ],
      });
    else if (kind === 'repay')
      drafts.push({
        book: 'quy-htnd',
        date,
        kind: 'repayment',
        memo: `Thu nợ "${hh}"`,
        documentNo: `PT-${i}`,
        postings: [
          { account: '112', amount },
          { account: '1311', party: hh, amount: -amount },
        ],
      });
    else if (kind === 'fee')
      drafts.push({
        book: 'quy-htnd',
        date,
        kind: 'fee',
        memo: 'Thu phí',
        postings: [
          { account: '1318', party: hh, amount },
          { account: '5111', amount: -amount },
        ],
      });
    else if (kind === 'donation')
      drafts.push({
        book: 'vi-nguoi-ngheo',
        date,
        kind: 'donation',
        memo: 'Ủng hộ Quỹ Vì người nghèo',
        postings: [
          { account: '112', amount },
          { account: '5111', amount: -amount },
        ],
      });
    else if (kind === 'aid')
      drafts.push({
        book: 'vi-nguoi-ngheo',
        date,
        kind: 'aid',
        memo: `Hỗ trợ khẩn cấp hộ ${hh}`,
        postings: [
          { account: '6112', amount },
          { account: '3311', party: hh, amount: -amount },
        ],
      });
    else
      drafts.push({
        book: 'uy-thac-hpn',
        date,
        kind: 'disbursement',
        memo: 'Giải ngân NHCSXH',
        postings: [
          { account: '001', party: hh, amount },
          { account: '009', amount: -amount },
        ],
      });
  }
  await app.ledger.post(ctx, drafts);
}
