/**
 * `soquy db copy` from a database another process is writing to: the copy is one consistent
 * moment of the source (its journal and its running totals agree, so it verifies), however busy
 * the writer. Read table by table, a copy paired the journal of one moment with the totals of a
 * later one and failed verification.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../helpers/cli.ts';
import { ENGINES } from '../helpers/engines.ts';
import { setUpCrashCommune } from './crash-writer.ts';

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

for (const target of ENGINES)
  test(`db copy to ${target.kind} while a writer process posts into the source: the copy verifies`, {
    skip: sqlite.skip || target.skip,
    timeout: 120_000,
  }, async () => {
    const source = await sqlite.fresh();
    try {
      await setUpCrashCommune(source.location);
      const writer = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'crash-writer.ts'),
          source.location,
          'meeting',
          '100000',
          '40',
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const ended = new Promise((resolve) => writer.on('exit', resolve));
      try {
        // Let it write a while first, so there is a journal to copy as it grows.
        await new Promise<void>((resolve) => {
          let lines = 0;
          writer.stdout.on('data', (d: Buffer) => {
            lines += String(d).split('\n').length - 1;
            if (lines >= 30) resolve();
          });
        });
        for (let i = 0; i < 2; i++) {
          const to = await target.fresh();
          try {
            const r = await cli(['db', 'copy', '--from', source.location, '--to', to.location, '--json']);
            assert.equal(r.code, 0, r.out + r.err);
            const [outcome] = JSON.parse(r.out);
            assert.equal(outcome.verified, true);
            assert.ok(outcome.heads.every((h: { same: boolean }) => h.same));
          } finally {
            await to.cleanup();
          }
        }
      } finally {
        writer.kill('SIGKILL');
        await ended;
      }
    } finally {
      await source.cleanup();
    }
  });
