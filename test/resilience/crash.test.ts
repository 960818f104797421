/**
 * Must show 1: real writer processes killed with SIGKILL at random (seeded) moments, many times.
 * After each kill the database opens, is intact, `soquy verify` passes, and every entry is either
 * fully present or fully absent (counted per idempotency key); running the writer again completes
 * the work without duplicates.
 *
 *   - `soquy import` of a journal CSV of 10^5 entries (one transaction, one key);
 *   - many small batches, each one `ledger.post` under its own key;
 *   - meeting sheets: the savings-meeting service does not exist yet, so a multi-entry
 *     `ledger.post` (what recording a sheet will do) stands in; the harness takes any writer.
 *
 * Bounded for the everyday suite (CRASH_SCALE: 6 kills of the import, 8 of each writer on
 * SQLite, 4 of the meeting writer on PostgreSQL); scale a long run with SOQUY_CRASH_KILLS=50
 * SOQUY_CRASH_ENTRIES=1000000 SOQUY_CRASH_SEED=….
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { CRASH_SCALE, type CrashReport, type CrashWriter, crashLoop, runToEnd } from './crash-harness.ts';
import { CRASH_TENANT, setUpCrashCommune, WRITERS, type WriterMode } from './crash-writer.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'soquy.js');
const WRITER = join(import.meta.dirname, 'crash-writer.ts');

function journalCsv(entries: number): string {
  const parts = ['entry,book,date,kind,memo,document_no,account,party,debit,credit\n'];
  for (let i = 1; i <= entries; i++) {
    const date = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const amount = 1_000 * (1 + (i % 997));
    parts.push(
      `${i},so-a,${date},deposit,Thu quỹ ${i},PT-${i},111,,${amount},\n${i},so-a,${date},deposit,Thu quỹ ${i},PT-${i},511,,,${amount}\n`,
    );
  }
  return parts.join('');
}

function importWriter(file: string, entries: number, extra: readonly string[] = []): CrashWriter {
  return {
    name: 'soquy import',
    start: (location) =>
      spawn(
        process.execPath,
        [BIN, '--db', location, '--tenant', CRASH_TENANT, 'import', file, '--key', 'import-1', ...extra],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, SOQUY_ACTOR: 'nhap-lieu' },
        },
      ),
    keys: new Map([['import-1', entries]]),
    sequential: true,
  };
}

function processWriter(mode: WriterMode, count: number, size: number): CrashWriter {
  return {
    name: `${mode} writer`,
    start: (location) =>
      spawn(process.execPath, ['--import', 'tsx', WRITER, location, mode, String(count), String(size)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    keys: new Map(
      Array.from({ length: count }, (_, i) => [WRITERS[mode].key(i), WRITERS[mode].entries(size)]),
    ),
    sequential: true,
  };
}

function describeKills(r: CrashReport, keys: number): string {
  return r.kills
    .map((k) => `${k.at} → ${k.finishedFirst ? 'ended first, ' : ''}${k.keysPresent}/${keys} keys`)
    .join('; ');
}

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

describe('crash: soquy import of a journal CSV killed with SIGKILL [sqlite]', { skip: sqlite.skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'soquy-crash-import-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test(`${CRASH_SCALE.importEntries} entries, ${CRASH_SCALE.importKills} kills: all or nothing, then complete once`, {
    timeout: 900_000,
  }, async (t) => {
    const { location, cleanup } = await sqlite.fresh();
    try {
      await setUpCrashCommune(location);
      const file = join(dir, 'nhat-ky.csv');
      writeFileSync(file, journalCsv(CRASH_SCALE.importEntries));
      const writer = importWriter(file, CRASH_SCALE.importEntries);
      const pristine = join(dir, 'before-import.db');
      copyFileSync(location, pristine);
      const reset = async () => {
        for (const suffix of ['-wal', '-shm']) rmSync(`${location}${suffix}`, { force: true });
        copyFileSync(pristine, location);
      };
      // How long an import takes here and now: one complete run, then back to before it.
      const started = Date.now();
      await runToEnd(writer, location);
      const work = Date.now() - started;
      await reset();
      const report = await crashLoop(writer, location, {
        tenant: CRASH_TENANT,
        kills: CRASH_SCALE.importKills,
        seed: CRASH_SCALE.seed,
        // From parsing through writing to the commit. A kill that comes after the commit (this
        // machine is shared; a run may be quicker than the first) is followed by a fresh start.
        when: { kind: 'time', windowMs: [Math.round(work * 0.25), Math.round(work * 0.95)] },
        reset,
      });
      t.diagnostic(`a whole import took ${work} ms; kills: ${describeKills(report, 1)}`);
    } finally {
      await cleanup();
    }
  });
});

for (const engine of ENGINES) {
  const kills = engine.kind === 'sqlite' ? CRASH_SCALE.writerKills : CRASH_SCALE.postgresKills;
  // On PostgreSQL the server rolls back a dead client's transaction: one writer shows it.
  const writers =
    engine.kind === 'sqlite'
      ? ([
          ['batches', 600, 10],
          ['meeting', 200, 40],
          ['sheet', 60, 40],
        ] as const)
      : ([
          ['meeting', 200, 40],
          ['sheet', 30, 40],
        ] as const);
  describe(`crash: writers killed with SIGKILL [${engine.kind}]`, { skip: engine.skip }, () => {
    for (const [mode, count, size] of writers)
      test(`${mode}: ${count} keys of ${size} entries, ${kills} kills; each key all or nothing, then complete once`, {
        timeout: 600_000,
      }, async (t) => {
        const { location, cleanup } = await engine.fresh();
        try {
          await setUpCrashCommune(location);
          const report = await crashLoop(processWriter(mode, count, size), location, {
            tenant: CRASH_TENANT,
            kills,
            seed: CRASH_SCALE.seed + count,
            when: { kind: 'progress', delayMsMax: 25 },
          });
          t.diagnostic(`kills: ${describeKills(report, count)}`);
        } finally {
          await cleanup();
        }
      });
  });
}
