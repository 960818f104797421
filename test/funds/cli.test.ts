/**
 * `soquy fund …` end to end, in-process, on SQLite: a Green House collection and an aid proposed
 * by one user and approved by another from the command line; figures in `--json`; a refused
 * command exits 1, says why in Vietnamese and writes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'soquy-funds-cli-'));
const db = join(dir, 'soquy.db');
const now = () => new Date('2025-12-20T03:00:00Z');

async function soquy(actor: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--db', db, '--tenant', 'huong-son', '--actor', actor, ...args], {
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

async function ok(actor: string, ...args: string[]): Promise<string> {
  const r = await soquy(actor, ...args);
  assert.equal(r.code, 0, `${args.join(' ')}\n${r.err}`);
  return r.out;
}

describe('soquy fund commands', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('Green House: open, collect at points, propose, approve, disclose', async () => {
    await ok('thu-quy', 'init', '--name', 'Xã Hương Sơn');
    await ok('thu-quy', 'org', 'add', '--id', 'hpn', '--kind', 'women', '--name-vi', 'Hội LHPN xã');
    await ok('thu-quy', 'village', 'add', '--id', 'duc-khe', '--name', 'Đức Khê');
    await ok(
      'thu-quy',
      'household',
      'add',
      '--id',
      'HH-W01',
      '--village',
      'duc-khe',
      '--head',
      'Trần Thị Bình',
    );
    await ok(
      'thu-quy',
      'fund',
      'cap',
      '--purpose',
      'women_children',
      '--amount',
      '10.000.000',
      '--from',
      '01/01/2024',
    );
    await ok(
      'thu-quy',
      'fund',
      'create',
      '--id',
      'nnx-2025',
      '--kind',
      'collection',
      '--org',
      'hpn',
      '--name-vi',
      'Ngôi nhà xanh 2025',
      '--purpose',
      'Hỗ trợ phụ nữ, trẻ em khó khăn',
      '--opens',
      '01/07/2025',
      '--closes',
      '31/12/2025',
      '--restrict',
      'women_children',
      '--point',
      'diem-01=Chi hội 1@duc-khe',
      '--point',
      'diem-02=Chi hội 2',
    );
    const r1 = await ok(
      'thu-quy',
      'fund',
      'donate',
      'nnx-2025',
      '--date',
      '01/09/2025',
      '--donor-kind',
      'anonymous',
      '--amount',
      '1.000.000',
      '--point',
      'diem-01',
    );
    assert.match(r1, /PT-nnx-2025-000001/);
    const r2 = JSON.parse(
      await ok(
        'thu-quy',
        'fund',
        'donate',
        'nnx-2025',
        '--date',
        '02/09/2025',
        '--donor-kind',
        'person',
        '--donor',
        'Lê Thị Hoa',
        '--amount',
        '500000',
        '--point',
        'diem-02',
        '--json',
      ),
    );
    assert.equal(r2.receiptNo, 2);
    assert.match(await ok('thu-quy', 'fund', 'receipt', 'nnx-2025', '2'), /Năm trăm nghìn đồng/);
    const proposed = await ok(
      'thu-quy',
      'fund',
      'aid',
      'nnx-2025',
      '--household',
      'HH-W01',
      '--purpose',
      'women_children',
      '--amount',
      '1.200.000',
      '--date',
      '05/12/2025',
    );
    const id = /#(\d+)/.exec(proposed)![1]!;
    // The proposer may not approve: exit 1, nothing paid.
    const self = await soquy('thu-quy', 'fund', 'approve', id);
    assert.equal(self.code, 1);
    assert.match(self.err, /approver_is_proposer/);
    assert.match(await ok('chu-tich', 'fund', 'approve', id), /PC-nnx-2025-000001/);
    // 1,000,000 + 500,000 − 1,200,000 = 300,000.
    const d = JSON.parse(
      await ok('thu-quy', 'fund', 'disclosure', 'nnx-2025', '--to', '31/12/2025', '--json'),
    );
    assert.deepEqual(
      [d.received.totalDong, d.spent.totalDong, d.closingDong, d.reconciled],
      [1_500_000, 1_200_000, 300_000, true],
    );
    const text = await ok('thu-quy', 'fund', 'disclosure', 'nnx-2025', '--to', '31/12/2025');
    assert.match(text, /Nhà hảo tâm ẩn danh/);
    assert.match(text, /Tồn cuối kỳ: 300\.000/);
    const aid = JSON.parse(await ok('thu-quy', 'fund', 'household-aid', 'HH-W01', '--json'));
    assert.equal(aid.totalDong, 1_200_000);
    assert.match(await ok('thu-quy', 'fund', 'list'), /nnx-2025.*300\.000/);
  });

  test('a donation after the close exits 1 with the rule in Vietnamese and writes nothing', async () => {
    const before = await ok('thu-quy', 'fund', 'donations', 'nnx-2025', '--json');
    const r = await soquy(
      'thu-quy',
      'fund',
      'donate',
      'nnx-2025',
      '--date',
      '02/01/2026',
      '--donor-kind',
      'person',
      '--donor',
      'Bà X',
      '--amount',
      '100000',
    );
    assert.equal(r.code, 1);
    assert.match(r.err, /không nhận ủng hộ sau thời hạn.*funds_fund_closed/);
    assert.equal(await ok('thu-quy', 'fund', 'donations', 'nnx-2025', '--json'), before);
  });
});
