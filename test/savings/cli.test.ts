/**
 * `soquy savings …` end to end, in-process, on SQLite: a group seeded through the services, a
 * meeting from a JSON sheet (a wrong count refused with exit 1 and the difference in Vietnamese),
 * the register, passbook and indicators in --json, the share-out table.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main.ts';
import { openApp } from '../../src/main/app.ts';
import { plainLines, sctx, seedGroup, seedUnion } from './fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'soquy-savings-cli-'));
const db = join(dir, 'soquy.db');

async function soquy(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--db', db, '--tenant', 'huong-son', '--actor', 'thu-quy', ...args], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: {},
    cwd: dir,
    now: sctx.now,
  });
  return { code, out, err };
}

describe('soquy savings commands', () => {
  let members: string[];
  before(async () => {
    const app = await openApp(db);
    await seedUnion(app);
    ({ members } = await seedGroup(app, 'VS-09', 3));
    await app.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('open a cycle, refuse a miscounted sheet, record it, read the register and passbook', async () => {
    const open = await soquy(
      'savings',
      'cycle-open',
      '--group',
      'VS-09',
      '--book',
      'so-vs-09',
      '--start',
      '01/01/2026',
      '--share-price',
      '20.000',
      '--social',
      '2.000',
      '--json',
    );
    assert.equal(open.code, 0, open.err);
    assert.equal(JSON.parse(open.out).id, 'VS-09-C1');
    // Three members × 2 shares × 20,000 = 120,000; social 3 × 2,000 = 6,000.
    const sheet = join(dir, 'm1.json');
    writeFileSync(
      sheet,
      JSON.stringify({
        lines: plainLines(members, () => 2, 2_000),
        countedLoanFund: 110_000,
        countedSocialFund: 6_000,
      }),
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"lines": [');
    const unreadable = await soquy(
      'savings',
      'meeting',
      '--cycle',
      'VS-09-C1',
      '--date',
      '10/01/2026',
      '--file',
      broken,
    );
    assert.equal(unreadable.code, 1);
    assert.match(unreadable.err, /không đọc được tệp bảng họp/);
    const bad = await soquy(
      'savings',
      'meeting',
      '--cycle',
      'VS-09-C1',
      '--date',
      '10/01/2026',
      '--file',
      sheet,
    );
    assert.equal(bad.code, 1);
    assert.match(bad.err, /120\.000 ₫/);
    assert.match(bad.err, /-10\.000 ₫/);
    writeFileSync(
      sheet,
      JSON.stringify({
        lines: plainLines(members, () => 2, 2_000),
        countedLoanFund: 120_000,
        countedSocialFund: 6_000,
      }),
    );
    const good = await soquy(
      'savings',
      'meeting',
      '--cycle',
      'VS-09-C1',
      '--date',
      '10/01/2026',
      '--file',
      sheet,
    );
    assert.equal(good.code, 0, good.err);
    assert.match(good.out, /Đã ghi buổi họp số 1/);
    const reg = JSON.parse((await soquy('savings', 'register', '--cycle', 'VS-09-C1', '--json')).out);
    assert.equal(reg.meetings[0].totals.shareAmount, 120_000);
    const pb = JSON.parse(
      (await soquy('savings', 'passbook', '--group', 'VS-09', '--person', members[0]!, '--json')).out,
    );
    assert.equal(pb.lines[0].shareSavings, 40_000);
    const bal = JSON.parse((await soquy('savings', 'balance', '--person', members[0]!, '--json')).out);
    assert.equal(bal.total, 40_000);
    const ind = JSON.parse((await soquy('savings', 'indicators', '--quarter', '2026-Q1', '--json')).out);
    assert.equal(ind.groups[0].savings, 120_000);
    const so = await soquy('savings', 'share-out', '--cycle', 'VS-09-C1', '--date', '20/01/2026');
    assert.equal(so.code, 0, so.err);
    // 120,000 × 2 ÷ 6 = 40,000 each; nothing left over; the social fund's 6,000 stays.
    assert.match(so.out, /40\.000/);
    assert.match(so.out, /quỹ xã hội 6\.000 không chia/);
  });
});
