/**
 * A writer process for the crash and online-backup tests. Opens its own connection and posts,
 * one `ledger.post` (one transaction) per idempotency key, from key 0 upwards; a key already
 * posted replays and posts nothing, so running it again after a kill completes the work.
 *
 *   node --import tsx test/resilience/crash-writer.ts LOCATION MODE COUNT SIZE
 *
 * MODE `batches`: COUNT batches of SIZE small deposits into book `so-a`, keys `batch-<i>`.
 * MODE `meeting`: COUNT multi-entry posts into savings group book `nhom-12`, SIZE entries each
 *   (members' share savings and social-fund contributions), keys `meeting-<i>`.
 * MODE `sheet`: COUNT (≤ 60, a cycle's limit) meeting sheets of savings group `G12` (cycle `G12-C1`, book `to-12`)
 *   recorded through the savings service (`Savings.recordMeeting`: attendance, shares, social fund,
 *   the closing cash check), SIZE members present (≤ 40), keys `sheet-<i>`; each sheet posts two
 *   entries (loan fund and social fund), stored under `savings:meeting:sheet-<i>`.
 *
 * After each key it prints the key's index on a line of its own (its progress). The commune
 * (`crash`, books so-a and nhom-12) is set up by the test: see `setUpCrashCommune`.
 */
import type { Ctx } from '../../src/app/context.ts';
import { addDays } from '../../src/domain/dates.ts';
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import { type App, openApp } from '../../src/main/app.ts';

export const CRASH_TENANT = 'crash';

export function batchDrafts(i: number, size: number): EntryDraft[] {
  return Array.from({ length: size }, (_, j) => {
    const amount = 1_000 * (1 + ((i * 31 + j * 7) % 900));
    return {
      book: 'so-a',
      date: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (j % 28)).padStart(2, '0')}`,
      kind: 'deposit',
      memo: `Lô ${i}, dòng ${j}`,
      documentNo: `PT-${i}-${j}`,
      postings: [
        { account: '111', amount },
        { account: '511', amount: -amount },
      ],
    };
  });
}

export function meetingDrafts(i: number, size: number): EntryDraft[] {
  const date = `2025-${String(1 + (i % 12)).padStart(2, '0')}-14`;
  return Array.from({ length: size }, (_, j) => {
    const member = `TV-${String(1 + (j % 30)).padStart(3, '0')}`;
    const amount = 10_000 * (1 + ((i + j) % 20));
    return j % 3 === 2
      ? {
          book: 'nhom-12',
          date,
          kind: 'deposit',
          memo: `Họp nhóm kỳ ${i}: quỹ xã hội ${member}`,
          postings: [
            { account: '1112', amount },
            { account: '4121', amount: -amount },
          ],
        }
      : {
          book: 'nhom-12',
          date,
          kind: 'deposit',
          memo: `Họp nhóm kỳ ${i}: tiết kiệm cổ phần ${member}`,
          postings: [
            { account: '1111', amount },
            { account: '3311', party: member, amount: -amount },
          ],
        };
  });
}

/** The `crash` commune the writer processes post into. */
export async function setUpCrashCommune(location: string): Promise<void> {
  const app = await openApp(location, { synchronous: 'NORMAL' });
  try {
    await app.ledger.createTenant({ id: CRASH_TENANT, name: 'Xã thử sự cố' });
    const c = { tenant: CRASH_TENANT, actor: 'setup' };
    await app.ledger.createBook(c, { code: 'so-a', template: 'general' });
    await app.ledger.createBook(c, { code: 'nhom-12', template: 'savings-group' });
    // The savings group the `sheet` writer records meetings of: 40 members, one cycle.
    await app.ledger.createOrganisation(c, { id: 'hlhpn', kind: 'womens_union', nameVi: 'Hội Phụ nữ xã' });
    await app.registry.addVillage(c, { id: 'duc-khe', name: 'Đức Khê' });
    await app.registry.addGroup(c, {
      id: 'G12',
      kind: 'vsla',
      organisation: 'hlhpn',
      village: 'duc-khe',
      name: 'Tổ tiết kiệm 12',
      foundedOn: '2024-12-01',
    });
    for (const [i, person] of SHEET_MEMBERS.entries()) {
      await app.registry.addHousehold(c, {
        id: `HH-${person}`,
        village: 'duc-khe',
        head: { id: person, fullName: `Nguyễn Thị ${GIVEN[i % GIVEN.length]} ${LETTERS[i % 26]}`, sex: 'Nữ' },
      });
      await app.registry.joinGroup(c, { group: 'G12', personId: person, on: '2024-12-01' });
    }
    await app.ledger.createBook(c, { code: 'to-12', template: 'savings-group', organisation: 'hlhpn' });
    await app.savings.openCycle(c, {
      group: 'G12',
      book: 'to-12',
      startedOn: '2025-01-01',
      sharePrice: SHARE_PRICE,
      social: SOCIAL,
    });
  } finally {
    await app.close();
  }
}

const GIVEN = ['Lan', 'Hoa', 'Mai', 'Cúc', 'Hằng', 'Thu', 'Hà', 'Nga'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SHEET_MEMBERS = Array.from({ length: 40 }, (_, i) => `TV-${String(i + 1).padStart(3, '0')}`);
const SHARE_PRICE = 20_000;
const SOCIAL = 2_000;

/**
 * Meeting `i` (0-based) of cycle G12-C1 with the first `size` members: member j buys 1 + (j mod 5)
 * shares at 20.000 đ and pays 2.000 đ into the social fund. Nothing goes out, so after meeting i
 * the counted cash is (i + 1) × what one meeting brings in: loan fund (i + 1) × 20.000 × Σ shares,
 * social fund (i + 1) × 2.000 × size.
 */
async function recordSheet(app: App, ctx: Ctx, i: number, size: number): Promise<void> {
  const members = SHEET_MEMBERS.slice(0, size);
  const shares = members.reduce((s, _, j) => s + 1 + (j % 5), 0);
  await app.savings.recordMeeting(ctx, {
    cycle: 'G12-C1',
    date: addDays('2025-01-01', i + 1),
    lines: members.map((member, j) => ({ member, shares: 1 + (j % 5), social: SOCIAL })),
    countedLoanFund: (i + 1) * SHARE_PRICE * shares,
    countedSocialFund: (i + 1) * SOCIAL * size,
    idempotencyKey: `sheet-${i}`,
  });
}

interface Writer {
  /** The key the entries carry in the journal. */
  key(i: number): string;
  /** Entries one key holds. */
  entries(size: number): number;
  write(app: App, ctx: Ctx, i: number, size: number): Promise<void>;
}

const posting = (key: (i: number) => string, drafts: (i: number, size: number) => EntryDraft[]): Writer => ({
  key,
  entries: (size) => size,
  write: async (app, ctx, i, size) => {
    await app.ledger.post(ctx, drafts(i, size), { idempotencyKey: key(i) });
  },
});

export const WRITERS = {
  batches: posting((i) => `batch-${i}`, batchDrafts),
  meeting: posting((i) => `meeting-${i}`, meetingDrafts),
  sheet: {
    key: (i: number) => `savings:meeting:sheet-${i}`,
    entries: () => 2,
    write: recordSheet,
  },
} as const satisfies Record<string, Writer>;
export type WriterMode = keyof typeof WRITERS;

if (process.argv[1]?.endsWith('crash-writer.ts')) {
  const [location, mode, countText, sizeText] = process.argv.slice(2) as [string, WriterMode, string, string];
  const writer = WRITERS[mode];
  const app = await openApp(location, { poolSize: 1 });
  const ctx = { tenant: CRASH_TENANT, actor: `writer-${mode}` };
  for (let i = 0; i < Number(countText); i++) {
    await writer.write(app, ctx, i, Number(sizeText));
    // Progress, so the test can kill the process in the middle of its work (see crash-harness.ts).
    process.stdout.write(`${i}\n`);
  }
  await app.close();
  process.stdout.write('done\n');
}
