/**
 * `soquy vbsp …` end to end, in-process, on SQLite: a point and its calendar, a sheet shown and
 * recorded, the hand-over, the fee, a statement imported and reconciled, the monthly lists; a
 * refused import exits 1, says why row by row in Vietnamese and writes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main.ts';
import { openApp } from '../../src/main/app.ts';
import { csv, HEADER, seedDay } from './fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'soquy-vbsp-cli-'));
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
    now: () => new Date('2025-12-20T03:00:00Z'),
  });
  return { code, out, err };
}

async function ok(...args: string[]): Promise<string> {
  const r = await soquy(...args);
  assert.equal(r.code, 0, `${args.join(' ')}\n${r.err}`);
  return r.out;
}

describe('soquy vbsp', () => {
  before(async () => {
    const app = await openApp(db);
    await seedDay(app);
    await app.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a month from the command line', async () => {
    assert.match(
      await ok('vbsp', 'calendar', '--from', '16/02/2025', '--months', '2'),
      /15\/03\/2025.*Điểm giao dịch xã Hương Sơn/,
    );
    const shown = await ok('vbsp', 'sheet', 'show', '--group', 'TK-01', '--month', '2025-02');
    assert.match(shown, /KU-0001.*50\.000\.000\s+280\.274/);
    assert.match(shown, /Cộng\s+560\.548/);
    const rec = JSON.parse(
      await ok(
        'vbsp',
        'sheet',
        'record',
        '--group',
        'TK-01',
        '--month',
        '2025-02',
        '--date',
        '15/02/2025',
        '--line',
        'V-01=280.274/100.000',
        '--line',
        'V-02=168.164',
        '--line',
        'V-03=112.110/20.000',
        '--json',
      ),
    ) as { totals: { interest: number; savings: number } };
    // 280,274 + 168,164 + 112,110 = 560,548; 100,000 + 20,000 = 120,000
    assert.deepEqual([rec.totals.interest, rec.totals.savings], [560_548, 120_000]);
    // Handed over 680,548 = 560,548 + 120,000: no difference.
    assert.match(
      await ok(
        'vbsp',
        'handover',
        '--group',
        'TK-01',
        '--month',
        '2025-02',
        '--date',
        '15/02/2025',
        '--counted',
        '680.548',
      ),
      /chênh lệch 0/,
    );
    await ok('vbsp', 'rate', 'add', '--from', '01/01/2025', '--fee', '6,5', '--commission', '12,5');
    // 560,548 × 6.5 % = 36,435.62 → 36,436; × 12.5 % = 70,068.5 → 70,069
    assert.match(
      await ok('vbsp', 'fee', 'book', '--group', 'TK-01', '--month', '2025-02', '--date', '15/02/2025'),
      /Phí ủy thác 36\.436, hoa hồng 70\.069/,
    );
    writeFileSync(
      join(dir, 'sao-ke.csv'),
      csv([
        HEADER,
        [1, 'KU-0001', 'A', 'Hộ nghèo', '50.000.000', 0, 0, 0],
        [2, 'KU-0002', 'B', 'Hộ nghèo', '31.000.000', 0, 0, 0],
      ]),
    );
    const imported = JSON.parse(
      await ok(
        'vbsp',
        'statement',
        'import',
        join(dir, 'sao-ke.csv'),
        '--book',
        'vbsp-hnd',
        '--as-of',
        '28/02/2025',
        '--json',
      ),
    ) as { statement: string };
    const rec2 = await ok('vbsp', 'statement', 'reconcile', imported.statement);
    assert.match(rec2, /KU-0002\s+3\s+Dư nợ lệch\s+31\.000\.000\s+30\.000\.000/);
    assert.match(rec2, /KU-0005\s+Có ở soquy, không có ở sao kê/);
    const monthly = JSON.parse(await ok('vbsp', 'monthly', '--as-of', '31/03/2025', '--json')) as {
      total: { outstanding: number };
    };
    assert.equal(monthly.total.outstanding, 150_000_000);
  });

  test('a bad statement: exit 1, each row named in Vietnamese, nothing imported', async () => {
    writeFileSync(
      join(dir, 'xau.csv'),
      csv([
        HEADER,
        [1, 'KU-0001', 'A', 'Hộ nghèo', '50000000,5', 0, 0, 0],
        [2, 'KU-0001', 'A', 'Hộ nghèo', '1', 0, 0, 0],
      ]),
    );
    const before = await ok('vbsp', 'statement', 'list', '--json');
    const r = await soquy(
      'vbsp',
      'statement',
      'import',
      join(dir, 'xau.csv'),
      '--book',
      'vbsp-hnd',
      '--as-of',
      '28/02/2025',
    );
    assert.equal(r.code, 1);
    assert.match(r.err, /Dòng 2 · Dư nợ = "50000000,5"/);
    assert.match(r.err, /Dòng 3 · Số khế ước = "KU-0001": số khế ước này đã có ở dòng 2/);
    assert.equal(await ok('vbsp', 'statement', 'list', '--json'), before);
  });
});
