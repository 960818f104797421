/**
 * A commune's transaction day to test against: the loans' commune (test/loans/fixture.ts), a
 * transaction point opening on the 15th, and five poor-household loans disbursed on 10/01/2025 at
 * 6.6 %/year with interest due on the 10th of each month, in two savings-and-loan groups:
 *
 * | loan | group | agreement | household | amount |
 * |---|---|---|---|---|
 * | V-01 | TK-01 | KU-0001 | HH-001 | 50,000,000 |
 * | V-02 | TK-01 | KU-0002 | HH-002 | 30,000,000 |
 * | V-03 | TK-01 | KU-0003 | HH-003 | 20,000,000 |
 * | V-04 | TK-02 | KU-0004 | HH-004 | 40,000,000 |
 * | V-05 | TK-02 | KU-0005 | HH-005 | 10,000,000 |
 *
 * Interest due on 10/02/2025 (31 days, balance × 0.066 × 31 / 365, half up):
 * V-01 50,000,000 → 280,273.97 → 280,274; V-02 30,000,000 → 168,164.38 → 168,164;
 * V-03 20,000,000 → 112,109.59 → 112,110; V-04 40,000,000 → 224,219.18 → 224,219;
 * V-05 10,000,000 → 56,054.79 → 56,055.
 */
import type { App } from '../../src/main/app.ts';
import { ctx, lend, seedLoans, VBSP } from '../loans/fixture.ts';

export { ctx, VBSP };

export const LOANS = [
  {
    id: 'V-01',
    group: 'TK-01',
    agreementNo: 'KU-0001',
    household: 'HH-001',
    amount: 50_000_000,
    feb: 280_274,
  },
  {
    id: 'V-02',
    group: 'TK-01',
    agreementNo: 'KU-0002',
    household: 'HH-002',
    amount: 30_000_000,
    feb: 168_164,
  },
  {
    id: 'V-03',
    group: 'TK-01',
    agreementNo: 'KU-0003',
    household: 'HH-003',
    amount: 20_000_000,
    feb: 112_110,
  },
  {
    id: 'V-04',
    group: 'TK-02',
    agreementNo: 'KU-0004',
    household: 'HH-004',
    amount: 40_000_000,
    feb: 224_219,
  },
  {
    id: 'V-05',
    group: 'TK-02',
    agreementNo: 'KU-0005',
    household: 'HH-005',
    amount: 10_000_000,
    feb: 56_055,
  },
] as const;

export async function seedDay(app: App): Promise<void> {
  await seedLoans(app);
  for (const l of LOANS)
    await lend(app, {
      id: l.id,
      programme: 'vbsp-poor',
      book: VBSP,
      household: l.household,
      amount: l.amount,
      date: '2025-01-10',
      termMonths: 36,
      group: l.group,
      village: 'duc-khe',
      organisation: 'hnd',
      agreementNo: l.agreementNo,
    });
  await app.vbsp.addPoint(ctx, {
    id: 'dgd-huong-son',
    name: 'Điểm giao dịch xã Hương Sơn',
    place: 'Nhà văn hóa thôn Đức Khê',
    dayOfMonth: 15,
  });
  await app.vbsp.assignGroup(ctx, { group: 'TK-01', point: 'dgd-huong-son' });
  await app.vbsp.assignGroup(ctx, { group: 'TK-02', point: 'dgd-huong-son' });
}

/** A statement as CSV text from rows of cells (the first row is the header). */
export function csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): Buffer {
  return Buffer.from(
    rows
      .map((r) =>
        r
          .map((c) => (/[",;\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c)))
          .join(','),
      )
      .join('\n'),
    'utf8',
  );
}

export const HEADER = [
  'STT',
  'Số khế ước',
  'Người vay',
  'Chương trình',
  'Dư nợ',
  'Nợ quá hạn',
  'Nợ khoanh',
  'Lãi phải thu',
];
