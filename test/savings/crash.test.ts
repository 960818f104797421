/**
 * Meeting sheets under SIGKILL (the resilience harness): the writer records 50 meetings of a
 * 20-member group, one transaction each; it is killed at random moments in the middle of the
 * work. After each kill the database opens, verifies, and every meeting is all or nothing (its two
 * entries and its idempotency row together); run again it completes, and once more it posts
 * nothing. SQLite; SOQUY_CRASH_KILLS scales it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openApp } from '../../src/main/app.ts';
import { ENGINES } from '../helpers/engines.ts';
import { TENANT } from '../helpers/fixtures.ts';
import { CRASH_SCALE, type CrashWriter, crashLoop } from '../resilience/crash-harness.ts';
import { sctx, seedGroup, seedUnion } from './fixture.ts';

const WRITER = join(import.meta.dirname, 'crash-meetings.ts');
const COUNT = 50;
const MEMBERS = 20;
const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

const writer: CrashWriter = {
  name: 'savings meeting writer',
  start: (location) =>
    spawn(process.execPath, ['--import', 'tsx', WRITER, location, String(COUNT), String(MEMBERS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  // Each sheet posts two entries: the shares bought and the social fund paid.
  keys: new Map(Array.from({ length: COUNT }, (_, i) => [`savings:meeting:meeting-${i}`, 2])),
  sequential: true,
};

describe('crash: meeting sheets killed with SIGKILL [sqlite]', { skip: sqlite.skip }, () => {
  test(`${COUNT} meetings of ${MEMBERS} members, ${CRASH_SCALE.writerKills} kills: each meeting all or nothing`, {
    timeout: 600_000,
  }, async (t) => {
    const { location, cleanup } = await sqlite.fresh();
    try {
      const app = await openApp(location, { synchronous: 'NORMAL' });
      await seedUnion(app);
      const { book } = await seedGroup(app, 'VS-CR', MEMBERS);
      await app.savings.openCycle(sctx, {
        group: 'VS-CR',
        book,
        startedOn: '2026-01-01',
        sharePrice: 20_000,
        social: 2_000,
      });
      await app.close();
      const report = await crashLoop(writer, location, {
        tenant: TENANT,
        kills: CRASH_SCALE.writerKills,
        seed: CRASH_SCALE.seed + COUNT,
        when: { kind: 'progress', delayMsMax: 25 },
      });
      t.diagnostic(`kills: ${report.kills.map((k) => `${k.at} → ${k.keysPresent}/${COUNT}`).join('; ')}`);
    } finally {
      await cleanup();
    }
  });
});
