/**
 * A writer process for the crash and online-backup tests. Opens its own connection and posts,
 * one `ledger.post` (one transaction) per idempotency key, from key 0 upwards; a key already
 * posted replays and posts nothing, so running it again after a kill completes the work.
 *
 *   node --import tsx test/resilience/crash-writer.ts LOCATION MODE COUNT SIZE
 *
 * MODE `batches`: COUNT batches of SIZE small deposits into book `so-a`, keys `batch-<i>`.
 * MODE `meeting`: COUNT meeting sheets of savings group `nhom-12`, SIZE entries each (members'
 *   share savings and social-fund contributions), keys `meeting-<i>`. The savings-meeting service
 *   does not exist yet; a multi-entry `ledger.post` is what recording a meeting sheet will do.
 *
 * After each key it prints the key's index on a line of its own (its progress). The commune
 * (`crash`, books so-a and nhom-12) is set up by the test: see `setUpCrashCommune`.
 */
import type { EntryDraft } from '../../src/domain/ledger/entry.ts';
import { openApp } from '../../src/main/app.ts';

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
  } finally {
    await app.close();
  }
}

export const WRITERS = {
  batches: { key: (i: number) => `batch-${i}`, drafts: batchDrafts },
  meeting: { key: (i: number) => `meeting-${i}`, drafts: meetingDrafts },
} as const;
export type WriterMode = keyof typeof WRITERS;

if (process.argv[1]?.endsWith('crash-writer.ts')) {
  const [location, mode, countText, sizeText] = process.argv.slice(2) as [string, WriterMode, string, string];
  const writer = WRITERS[mode];
  const app = await openApp(location, { poolSize: 1 });
  const ctx = { tenant: CRASH_TENANT, actor: `writer-${mode}` };
  for (let i = 0; i < Number(countText); i++) {
    await app.ledger.post(ctx, writer.drafts(i, Number(sizeText)), { idempotencyKey: writer.key(i) });
    // Progress, so the test can kill the process in the middle of its work (see crash-harness.ts).
    process.stdout.write(`${i}\n`);
  }
  await app.close();
  process.stdout.write('done\n');
}
