/**
 * The loan commands end to end, in-process, on SQLite: figures in `--json`, Vietnamese tables,
 * and a refused command that exits 1, says why in Vietnamese and writes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'soquy-loans-cli-'));
const db = join(dir, 'soquy.db');
const now = () => new Date('2025-12-20T03:00:00Z');

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
    now,
  });
  return { code, out, err };
}

async function ok(...args: string[]): Promise<string> {
  const r = await soquy(...args);
  assert.equal(r.code, 0, `${args.join(' ')}\n${r.err}`);
  return r.out;
}

describe('soquy programme, loan and loans commands', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a Farmers Support Fund loan from the command line', async () => {
    await ok('init', '--name', 'Xã Hương Sơn');
    await ok('org', 'add', '--id', 'hnd', '--kind', 'farmers', '--name-vi', 'Hội Nông dân xã Hương Sơn');
    await ok('book', 'create', 'quy-htnd', '--template', 'farmers-support-fund', '--org', 'hnd');
    await ok('village', 'add', '--id', 'duc-khe', '--name', 'Đức Khê');
    await ok('household', 'add', '--id', 'HH-0001', '--village', 'duc-khe', '--head', 'Vương Đình Soạn');
    assert.match(await ok('programme', 'seed'), /vbsp-poor.*fsf/);
    const list = await ok('programme', 'list');
    assert.match(list, /Cho vay hộ mới thoát nghèo/);
    assert.match(list, /8,25 %/); // 125 % of 6.6 %
    await ok(
      'post',
      '--book',
      'quy-htnd',
      '--date',
      '01/12/2024',
      '--kind',
      'capital',
      '--memo',
      'Huyện cấp vốn',
      '--debit',
      '111=300.000.000',
      '--credit',
      '4113=300.000.000',
    );
    const applied = JSON.parse(
      await ok(
        'loan',
        'apply',
        '--programme',
        'fsf',
        '--book',
        'quy-htnd',
        '--household',
        'HH-0001',
        '--amount',
        '45.000.000',
        '--date',
        '02/01/2025',
        '--term',
        '36',
        '--source',
        'district',
        '--group',
        'KH-01',
        '--village',
        'duc-khe',
        '--agreement',
        'KU-2025-001',
        '--json',
      ),
    );
    assert.equal(applied.loan, 'L-000001');
    await ok('loan', 'approve', 'L-000001', '--date', '03/01/2025', '--approver', 'Chủ tịch Hội Nông dân');
    await ok(
      'loan',
      'disburse',
      'L-000001',
      '--date',
      '05/01/2025',
      '--amount',
      '45.000.000',
      '--doc',
      'PC-0001',
    );
    const schedule = JSON.parse(await ok('loan', 'schedule', 'L-000001', '--json'));
    assert.equal(schedule.totalInterest, 12 * 945_000);
    const paid = JSON.parse(
      await ok(
        'loan',
        'repay',
        'L-000001',
        '--date',
        '05/04/2025',
        '--amount',
        '945.000',
        '--doc',
        'PT-0001',
        '--json',
      ),
    );
    assert.equal(paid.allocation.parts.interest_due, 945_000);
    const table = await ok('loan', 'repay', 'L-000001', '--date', '05/07/2025', '--amount', '945.000');
    assert.match(table, /Lãi đến hạn\s+945\.000/);
    const shown = await ok('loan', 'show', 'L-000001', '--as-of', '30/09/2025');
    assert.match(shown, /Dư nợ gốc\s+45\.000\.000/);
    const me = JSON.parse(await ok('loans', 'month-end', '--as-of', '30/09/2025', '--json'));
    assert.deepEqual([me.loansDone, me.entriesPosted], [1, 1]);
    const portfolio = JSON.parse(
      await ok('loans', 'portfolio', '--as-of', '30/09/2025', '--by', 'village', '--json'),
    );
    assert.deepEqual(
      [portfolio.source, portfolio.rows[0].key, portfolio.rows[0].outstanding],
      ['snapshot', 'duc-khe', 45_000_000],
    );
    assert.match(await ok('--lang', 'en', 'loans', 'portfolio', '--as-of', '30/09/2025'), /duc-khe|all/);
    const statement = JSON.parse(await ok('loan', 'statement', 'L-000001', '--to', '30/09/2025', '--json'));
    assert.deepEqual(statement.history.filter((h: { kind: string }) => h.kind === 'repayment').length, 2);
  });

  test('a refused command exits 1, names the rule in Vietnamese, and writes nothing', async () => {
    const before = await ok('journal', '--json');
    const r = await soquy('loan', 'repay', 'L-000001', '--date', '05/10/2025', '--amount', '945.000,5');
    assert.equal(r.code, 1);
    assert.match(r.err, /số đồng nguyên/);
    assert.match(r.err, /\[amount_not_whole_dong\]/);
    const freeze = await soquy(
      'loan',
      'freeze',
      'L-000001',
      '--date',
      '15/12/2025',
      '--months',
      '12',
      '--approver',
      'Chủ tịch',
      '--doc',
      'KN-01',
      '--loss',
      '50.000.000',
    );
    assert.equal(freeze.code, 1);
    assert.match(freeze.err, /\[risk_cause_required\]/);
    assert.equal(await ok('journal', '--json'), before);
  });
});
