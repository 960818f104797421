/**
 * The `soquy` command as a treasurer types it: set-up, posting from flags and from a JSON file,
 * reads with --json, refusals with a message naming field, value and rule and a non-zero exit.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cli, cliProcess } from '../helpers/cli.ts';

describe('soquy command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-cli-'));
  const db = join(dir, 'xa.db');
  const run = (...args: string[]) => cli(['--db', db, ...args]);

  test('init, org, book, post from flags, balance and trial balance', async () => {
    assert.equal((await run('init', '--tenant', 'huong-son', '--name', 'Xã Hương Sơn')).code, 0);
    assert.equal(
      (await run('org', 'add', '--id', 'hpn', '--kind', 'women', '--name-vi', 'Hội LHPN xã')).code,
      0,
    );
    const book = await run(
      'book',
      'create',
      'ngoi-nha-xanh',
      '--template',
      'charity-fund',
      '--org',
      'hpn',
      '--name-vi',
      'Ngôi nhà xanh',
    );
    assert.equal(book.code, 0, book.err);
    const p1 = await run(
      'post',
      '--book',
      'ngoi-nha-xanh',
      '--date',
      '14/12/2025',
      '--kind',
      'donation',
      '--memo',
      'Thu tại điểm 1',
      '--doc',
      'PT-001',
      '--debit',
      '111=1.500.000',
      '--credit',
      '5111=1.500.000',
      '--key',
      'nnx-1',
    );
    assert.equal(p1.code, 0, p1.err);
    assert.match(p1.out, /Đã ghi 1 bút toán: ngoi-nha-xanh#1/);
    const p2 = await run(
      'post',
      '--book',
      'ngoi-nha-xanh',
      '--date',
      '2025-12-15',
      '--kind',
      'aid',
      '--memo',
      'Hỗ trợ cháu Lan',
      '--debit',
      '6114=500.000',
      '--credit',
      '111=500.000',
    );
    assert.equal(p2.code, 0, p2.err);
    const bal = await run('balance', '--book', 'ngoi-nha-xanh', '--account', '111', '--json');
    // 1.500.000 collected − 500.000 given = 1.000.000 đ in the box.
    assert.equal(JSON.parse(bal.out).balance, 1_000_000);
    const tb = await run('trial-balance');
    assert.match(tb.out, /Tiền mặt\s+1\.500\.000\s+500\.000\s+1\.000\.000/);
    const en = await run('--lang', 'en', 'trial-balance');
    assert.match(en.out, /Cash on hand\s+1,500,000\s+500,000\s+1,000,000/);
  });

  test('post from a JSON file with several entries and a key; replay posts nothing', async () => {
    const file = join(dir, 'entries.json');
    writeFileSync(
      file,
      JSON.stringify({
        idempotencyKey: 'batch-2025-12-16',
        entries: [
          {
            book: 'ngoi-nha-xanh',
            date: '16/12/2025',
            kind: 'donation',
            memo: 'Điểm 2',
            postings: [
              { account: '111', debit: '2.000.000' },
              { account: '5111', credit: 2000000 },
            ],
          },
          {
            book: 'ngoi-nha-xanh',
            date: '2025-12-16',
            kind: 'donation',
            memo: 'Điểm 3',
            postings: [
              { account: '111', amount: 300000 },
              { account: '5111', amount: -300000 },
            ],
          },
        ],
      }),
    );
    const r = await run('post', '--file', file, '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      JSON.parse(r.out).entries.map((e: { seq: number }) => e.seq),
      [3, 4],
    );
    const again = await run('post', '--file', file);
    assert.match(again.out, /đã được ghi trước đó/);
    const j = await run('journal', '--book', 'ngoi-nha-xanh', '--json');
    assert.equal(JSON.parse(j.out).length, 4);
  });

  test('a refused entry names field, value and rule, exits 1 and writes nothing', async () => {
    const before = (await run('journal', '--json')).out;
    const r = await run(
      'post',
      '--book',
      'ngoi-nha-xanh',
      '--date',
      '17/12/2025',
      '--debit',
      '111=1.000.000',
      '--credit',
      '5111=999.999',
    );
    assert.equal(r.code, 1);
    assert.match(r.err, /Không ghi: 1 lỗi/);
    assert.match(
      r.err,
      /Các dòng hạch toán = "1": tổng Nợ phải bằng tổng Có; đang lệch 1 ₫ \[entry_unbalanced\]/,
    );
    const en = await run(
      '--lang',
      'en',
      'post',
      '--book',
      'ngoi-nha-xanh',
      '--date',
      '32/12/2025',
      '--debit',
      '111=1',
      '--credit',
      '5111=1',
    );
    assert.equal(en.code, 1);
    assert.match(en.err, /Date = "2025-12-32"|Date = "32\/12\/2025"/);
    assert.match(en.err, /a date must be written dd\/mm\/yyyy/);
    const overdraw = await run(
      'post',
      '--book',
      'ngoi-nha-xanh',
      '--date',
      '18/12/2025',
      '--kind',
      'aid',
      '--debit',
      '6112=99.000.000',
      '--credit',
      '111=99.000.000',
    );
    assert.equal(overdraw.code, 1);
    assert.match(overdraw.err, /số dư -95\.700\.000 ₫ vào ngày 18\/12\/2025; quy tắc: số dư không được âm/);
    assert.equal((await run('journal', '--json')).out, before);
  });

  test('export and import round trip through files, with a dry run first', async () => {
    const csv = join(dir, 'journal.csv');
    assert.equal((await run('export', '--format', 'csv', '--out', csv)).code, 0);
    const db2 = join(dir, 'xa2.db');
    const run2 = (...args: string[]) => cli(['--db', db2, ...args]);
    await run2('init', '--tenant', 'huong-son', '--name', 'Xã Hương Sơn');
    await run2('book', 'create', 'ngoi-nha-xanh', '--template', 'charity-fund');
    const dry = await run2('import', csv, '--dry-run');
    assert.equal(dry.code, 0, dry.out + dry.err);
    assert.match(dry.out, /Kiểm tra thử: 8 dòng, 4 bút toán, không có lỗi/);
    assert.equal(JSON.parse((await run2('journal', '--json')).out).length, 0);
    const real = await run2('import', csv);
    assert.equal(real.code, 0, real.err);
    const a = JSON.parse((await run('trial-balance', '--json')).out);
    const b = JSON.parse((await run2('trial-balance', '--json')).out);
    assert.deepEqual(b.rows, a.rows);
  });

  test('reverse, close a period, statement; verify exits 0', async () => {
    const r = await run('reverse', '--book', 'ngoi-nha-xanh', '--seq', '2', '--date', '20/12/2025');
    assert.equal(r.code, 0, r.err);
    const c = await run('close-period', '--book', 'ngoi-nha-xanh', '--through', '2025-12-20');
    assert.equal(c.code, 0, c.err);
    const late = await run(
      'post',
      '--book',
      'ngoi-nha-xanh',
      '--date',
      '19/12/2025',
      '--debit',
      '111=1',
      '--credit',
      '5111=1',
    );
    assert.equal(late.code, 1);
    assert.match(late.err, /period_closed/);
    const s = await run('statement', '--book', 'ngoi-nha-xanh', '--account', '111', '--json');
    const st = JSON.parse(s.out);
    // 1.500.000 − 500.000 + 2.000.000 + 300.000 + 500.000 (reversal of the aid) = 3.800.000.
    assert.equal(st.closing, 3_800_000);
    assert.equal(st.lines.length, 5);
    assert.equal((await run('verify')).code, 0);
  });

  test('the installed command runs as a process; --help exits 0 and a wrong option exits 2', () => {
    const help = cliProcess(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /soquy – sổ quỹ/);
    assert.equal(cliProcess(['--db', db, 'balance', '--nonsense']).code, 2);
    const tb = cliProcess(['--db', db, 'trial-balance', '--json']);
    assert.equal(tb.code, 0);
    assert.equal(JSON.parse(tb.out).totalDebit, JSON.parse(tb.out).totalCredit);
  });
});
