/**
 * A meeting-sheet writer for the crash test: records COUNT meetings of cycle `VS-CR-C1`, each
 * member buying one share and paying 2,000 đ to the social fund, one `recordMeeting` (one
 * transaction) per key `meeting-<i>`; a meeting already recorded replays and writes nothing, so
 * running it again after a kill completes the work. Prints each meeting's index when it is done.
 *
 *   node --import tsx test/savings/crash-meetings.ts LOCATION COUNT MEMBERS
 */
import { addDays } from '../../src/domain/dates.ts';
import { openApp } from '../../src/main/app.ts';
import { plainLines, sctx } from './fixture.ts';

export const CRASH_CYCLE = 'VS-CR-C1';
export const PRICE = 20_000;

const [location, countText, membersText] = process.argv.slice(2);
if (location) {
  const count = Number(countText);
  const n = Number(membersText);
  const members = Array.from({ length: n }, (_, i) => `VS-CR-P${String(i + 1).padStart(2, '0')}`);
  const app = await openApp(location, { synchronous: 'NORMAL' });
  for (let i = 0; i < count; i++) {
    await app.savings.recordMeeting(sctx, {
      cycle: CRASH_CYCLE,
      date: addDays('2026-01-05', i),
      lines: plainLines(members, () => 1, 2_000),
      // After meeting i the boxes hold (i + 1) × members × 20,000 and (i + 1) × members × 2,000.
      countedLoanFund: (i + 1) * n * PRICE,
      countedSocialFund: (i + 1) * n * 2_000,
      idempotencyKey: `meeting-${i}`,
    });
    process.stdout.write(`${i}\n`);
  }
  await app.close();
}
