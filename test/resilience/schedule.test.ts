/**
 * Scheduled backups from the server: the interval and the number kept are checked before the
 * server starts; `soquy serve --backup-every 1s --backup-keep 2` (a real process) makes a backup
 * every second in a child process, keeps the newest two (with their manifests), never touches
 * other files, and every backup it keeps restores and verifies.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  backupsToRotate,
  parseInterval,
  parseKeep,
  scheduledBackupName,
} from '../../src/app/backup/schedule.ts';
import { openApp } from '../../src/main/app.ts';
import { cli } from '../helpers/cli.ts';
import { ctx, seedCommune } from '../helpers/fixtures.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'soquy.js');

describe('the schedule of backups', () => {
  test('intervals are written 90s, 30m, 24h, 7d, from 1 s to 366 days', () => {
    assert.deepEqual(parseInterval('e', '24h'), { ok: true, value: 86_400_000 });
    assert.deepEqual(parseInterval('e', '1s'), { ok: true, value: 1_000 });
    assert.deepEqual(parseInterval('e', '7d'), { ok: true, value: 604_800_000 });
    for (const bad of ['0s', '500ms', '24', 'h', '1.5h', '367d', '-1h', ''])
      assert.equal(parseInterval('e', bad).ok, false, bad);
    assert.deepEqual(parseKeep('k', '14'), { ok: true, value: 14 });
    for (const bad of ['0', '-1', '1001', 'x', '1.5']) assert.equal(parseKeep('k', bad).ok, false, bad);
  });

  test('rotation removes the oldest scheduled backups beyond the number kept, and nothing else', () => {
    const names = [
      scheduledBackupName(new Date('2025-12-18T03:00:00Z')),
      scheduledBackupName(new Date('2025-12-20T03:00:00Z')),
      scheduledBackupName(new Date('2025-12-19T03:00:00Z')),
      'soquy-truoc-nang-cap.db',
      'ghi-chu.txt',
      `${scheduledBackupName(new Date('2025-12-17T03:00:00Z'))}.manifest.json`,
    ];
    assert.equal(names[0], 'soquy-2025-12-18T03-00-00-000Z.db');
    assert.deepEqual(backupsToRotate(names, 2), ['soquy-2025-12-18T03-00-00-000Z.db']);
    assert.deepEqual(backupsToRotate(names, 5), []);
  });

  test('a wrong interval is refused before the server starts', async () => {
    const r = await cli([
      '--db',
      join(tmpdir(), 'never.db'),
      'serve',
      '--port',
      '0',
      '--backup-every',
      '10x',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /\[duration_invalid\]/);
  });

  test('soquy serve --backup-every 1s --backup-keep 2: backups every second, the newest two kept, each restores', {
    timeout: 120_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soquy-schedule-'));
    const location = join(dir, 'soquy.db');
    const backups = join(dir, 'sao-luu');
    try {
      const app = await openApp(location, { synchronous: 'NORMAL' });
      await seedCommune(app);
      await app.ledger.post(ctx, [
        {
          book: 'quy-htnd',
          date: '2025-03-01',
          kind: 'capital',
          memo: 'Vốn',
          postings: [
            { account: '111', amount: 10_000_000 },
            { account: '4113', amount: -10_000_000 },
          ],
        },
      ]);
      await app.close();
      const keepMe = join(backups, 'ghi-chu.txt');
      rmSync(backups, { recursive: true, force: true });
      mkdirSync(backups);
      writeFileSync(keepMe, 'không được xóa');

      const server = spawn(
        process.execPath,
        [
          BIN,
          '--db',
          location,
          '--lang',
          'en',
          'serve',
          '--port',
          '0',
          '--backup-every',
          '1s',
          '--backup-keep',
          '2',
          '--backup-dir',
          backups,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent' } },
      );
      let out = '';
      let err = '';
      server.stderr.on('data', (d) => {
        err += d;
      });
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no 4 backups in time: ${out} ${err}`)), 90_000);
        server.stdout.on('data', (d) => {
          out += d;
          if ((out.match(/Scheduled backup done/g) ?? []).length >= 4) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      server.kill('SIGTERM');
      assert.equal(await exited, 0, err);
      assert.match(out, /Backing up every 1s, keeping 2/);
      assert.doesNotMatch(out + err, /FAILED/);

      const files = readdirSync(backups).sort();
      const dbs = files.filter((f) => f.endsWith('.db'));
      assert.equal(dbs.length, 2, files.join(', '));
      for (const db of dbs) {
        assert.ok(files.includes(`${db}.manifest.json`));
        const to = join(dir, `restored-${db}`);
        const r = await cli(['restore', join(backups, db), '--to', to]);
        assert.equal(r.code, 0, r.err);
        assert.equal((await cli(['--db', to, 'verify'])).code, 0);
      }
      assert.ok(existsSync(keepMe), 'rotation touches only scheduled backups');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
