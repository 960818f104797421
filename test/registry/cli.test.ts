/**
 * The registry commands, run in-process on an SQLite file (the service tests cover PostgreSQL):
 * a treasurer's session from an empty database to search, flags, groups, import and export;
 * every read answers --json; refusals exit 1 and say what was wrong, Vietnamese first.
 * Also: every refusal code the registry can produce has text in both languages, and the
 * streaming spreadsheet reader keeps multi-byte characters whole.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS, { streamingReaderSafe } from '../../src/app/registry/import/exceljs.ts';
import { readCsv, readXlsx, readXlsxStreaming } from '../../src/app/registry/import/sheets.ts';
import { EXIT, type Io, runCli } from '../../src/cli/main.ts';
import { REGISTRY_LIMITS } from '../../src/domain/registry/limits.ts';
import { FIELD_TEXTS, REFUSAL_TEXTS } from '../../src/i18n/catalogue.ts';
import { FIXED_NOW } from '../helpers/fixtures.ts';

let dir: string;
let db: string;

async function soquy(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: { SOQUY_ACTOR: 'thu-quy' },
    cwd: dir,
    now: () => FIXED_NOW,
  };
  const code = await runCli(['--db', db, ...args], io);
  return { code, out, err };
}

async function ok(...args: string[]): Promise<string> {
  const r = await soquy(...args);
  assert.equal(r.code, EXIT.ok, `${args.join(' ')}\n${r.err}`);
  return r.out;
}

async function json<T = unknown>(...args: string[]): Promise<T> {
  return JSON.parse(await ok(...args, '--json')) as T;
}

describe('registry commands', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'soquy-cli-'));
    db = join(dir, 'soquy.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a treasurer registers a household, records its status and a shock, and finds it again', async () => {
    await ok('--tenant', 'huong-son', 'init', '--name', 'Xã Hương Sơn');
    await ok('org', 'add', '--id', 'hnd', '--kind', 'farmers', '--name-vi', 'Hội Nông dân');
    assert.match(await ok('village', 'add', '--name', 'Đức Khê'), /Đã tạo thôn duc-khe/);
    const h = await json<{ id: string; headPersonId: string }>(
      'household',
      'add',
      '--village',
      'Đức Khê',
      '--head',
      'Vương Đình Soạn',
      '--birth-year',
      '1968',
      '--sex',
      'Nam',
      '--id-number',
      '001068012345',
      '--policies',
      'Thương binh 2/4',
    );
    assert.deepEqual(h.id, 'HH-0001');
    await ok(
      'person',
      'add',
      '--household',
      'HH-0001',
      '--name',
      'Đỗ Thị Lan',
      '--relation',
      'Vợ',
      '--birth-year',
      '1970',
    );
    await ok('person', 'add', '--household', 'HH-0001', '--name', 'Vương Văn Nam', '--relation', 'Con');
    await ok('status', 'set', '--household', 'HH-0001', '--status', 'Hộ nghèo', '--date', '15/12/2021');
    const set = await ok(
      'status',
      'set',
      '--household',
      'HH-0001',
      '--status',
      'recently_escaped',
      '--date',
      '14/12/2023',
    );
    assert.match(
      set,
      /Thoát nghèo ngày 14\/12\/2023: đủ điều kiện vay hộ mới thoát nghèo đến hết 13\/12\/2026/,
    );
    await ok(
      'shock',
      'add',
      '--household',
      'HH-0001',
      '--kind',
      'hỏa hoạn',
      '--date',
      '14/12/2025',
      '--description',
      'Cháy nhà bếp',
      '--loss',
      '15.000.000',
    );
    const shown = await ok('household', 'show', 'HH-0001');
    assert.match(shown, /Vương Đình Soạn\s+Chủ hộ\s+1968\s+Nam\s+001068012345\s+Thương binh 2\/4/);
    assert.match(shown, /SK-000001\s+Hỏa hoạn\s+14\/12\/2025\s+15\.000\.000\s+Cháy nhà bếp/);
    const found = await json<{ hits: Array<{ id: string; edits: number }> }>('search', 'vuomg dinh soan');
    assert.deepEqual(
      found.hits.map((x) => [x.id, x.edits]),
      [['P-000001', 1]],
    );
    const flags = await json<{ flags: { escapedWithin3Years: boolean } }>(
      'status',
      'show',
      'HH-0001',
      '--as-of',
      '14/12/2026',
    );
    assert.equal(flags.flags.escapedWithin3Years, false);
  });

  test('groups: found, join, check; members as of a date', async () => {
    await ok(
      'group',
      'add',
      '--kind',
      'joint_plan',
      '--org',
      'hnd',
      '--village',
      'duc-khe',
      '--name',
      'Tổ nuôi bò',
      '--leader',
      'P-000001',
      '--founded',
      '01/01/2024',
    );
    await ok('group', 'join', 'G-0001', 'P-000002', '--on', '01/02/2024');
    const check = await soquy('group', 'check');
    assert.equal(check.code, EXIT.verifyFailed);
    assert.match(check.out, /tổ "Tổ nuôi bò" chỉ có 2 thành viên; tổ cần ít nhất 3 \[group_too_small\]/);
    await ok('group', 'join', 'G-0001', 'P-000003', '--on', '01/03/2024');
    assert.match(await ok('group', 'check'), /Các tổ đều đạt/);
    const feb = await json<{ members: Array<{ personId: string }> }>(
      'group',
      'show',
      'G-0001',
      '--as-of',
      '15/02/2024',
    );
    assert.deepEqual(
      feb.members.map((m) => m.personId),
      ['P-000001', 'P-000002'],
    );
    await ok('member', 'join', '--org', 'hnd', '--person', 'P-000001', '--on', '01/01/2000');
    const members = await json<Array<{ personId: string }>>('member', 'list', '--org', 'hnd');
    assert.deepEqual(
      members.map((m) => m.personId),
      ['P-000001'],
    );
  });

  test('a refusal exits 1 and names the field, the value and the rule, in Vietnamese or English', async () => {
    const vi = await soquy(
      'person',
      'add',
      '--household',
      'HH-0001',
      '--name',
      'Lê Văn 2',
      '--birth-year',
      '1850',
    );
    assert.equal(vi.code, EXIT.refused);
    assert.match(vi.err, /Họ và tên = "Lê Văn 2": tên chỉ gồm chữ cái/);
    assert.match(
      vi.err,
      /Năm sinh = "1850": năm sinh phải là năm có 4 chữ số từ 1900 đến 2025 \[birth_year_invalid\]/,
    );
    const en = await soquy('--lang', 'en', 'household', 'show', 'HH-9999');
    assert.equal(en.code, EXIT.refused);
    assert.match(en.err, /Id = "HH-9999": there is no such household \[household_unknown\]/);
  });

  test('export, then a dry run and an import of the export: nothing to change', async () => {
    const out = join(dir, 'registry.xlsx');
    assert.match(
      await ok('registry', 'export', '--out', out),
      /Đã xuất 1 hộ, 3 nhân khẩu, 2 quyết định, 4 thành viên/,
    );
    assert.match(
      await ok('registry', 'import', out, '--dry-run'),
      /không có lỗi\. Sẽ tạo mới —; cập nhật —\. Chưa ghi gì\./,
    );
    assert.match(await ok('registry', 'import', out), /Không có gì thay đổi/);
    const log = await json<Array<{ entity: string; action: string }>>('registry', 'log', '--limit', '1000');
    assert.ok(log.some((c) => c.entity === 'shock_event' && c.action === 'create'));
    assert.ok(readdirSync(dir).includes('registry.xlsx'));
    assert.ok(readFileSync(out).length > 0);
  });
});

describe('registry messages and spreadsheets', () => {
  test('every refusal code the registry produces has Vietnamese and English text', () => {
    const sources = ['src/domain/registry', 'src/app/registry', 'src/app/registry/import'].flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(join(d, f), 'utf8')),
    );
    const codes = new Set<string>();
    for (const text of sources)
      for (const pattern of [
        /code: '([a-z_]+)'/g, // a refusal literal
        /(?<![.\w])refuse\('([a-z_]+)'/g, // refuse(code, field, …) of domain/refusal.ts
        /\.refuse\(\w+, '\w+', '([a-z_]+)'/g, // the import planner: refuse(loc, column, code, …)
        /\bc\.refuseCell\('\w+', '([a-z_]+)'/g, // a row check: refuseCell(column, code, …)
      ])
        for (const m of text.matchAll(pattern)) codes.add(m[1]!);
    assert.ok(codes.size > 40, `found ${codes.size} codes`);
    for (const code of codes) {
      assert.ok(REFUSAL_TEXTS[code]?.vi, `no Vietnamese text for ${code}`);
      assert.ok(REFUSAL_TEXTS[code]?.en, `no English text for ${code}`);
    }
    for (const field of [
      'households',
      'people',
      'statuses',
      'memberships',
      'householdId',
      'idNumber',
      'joinedOn',
    ])
      assert.ok(FIELD_TEXTS[field]?.vi, field);
  });

  test('a file with more rows than REGISTRY_LIMITS.importRowsMax is refused as a whole', () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'soquy-limit-'));
    try {
      const path = join(dir2, 'big.csv');
      const over = REGISTRY_LIMITS.importRowsMax + 11;
      writeFileSync(path, `Mã hộ,Họ và tên,Năm sinh\n${'H-1,Lê Văn A,1970\n'.repeat(over)}`);
      const read = readCsv(path);
      assert.deepEqual(read.refusals, [
        { code: 'too_many', field: 'file', value: over, params: { max: REGISTRY_LIMITS.importRowsMax } },
      ]);
      assert.deepEqual(read.sheets, []);
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  test('the streaming reader keeps Vietnamese characters whole across chunk boundaries', async () => {
    assert.equal(streamingReaderSafe, true);
    const dir2 = mkdtempSync(join(tmpdir(), 'soquy-utf8-'));
    try {
      const path = join(dir2, 'big.xlsx');
      // 5,000 different strings: a shared-string table of some 300 KiB of multi-byte text, read in
      // 16 KiB chunks by the streaming reader.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Hộ');
      ws.addRow(['Mã hộ', 'Họ và tên chủ hộ', 'Thôn']);
      for (let i = 0; i < 5_000; i++)
        ws.addRow([`H-${i}`, `Nguyễn Thị Hường Ửng ${i}`, `Không thuộc diện ${i}`]);
      await wb.xlsx.writeFile(path);
      for (const read of [await readXlsxStreaming(path), await readXlsx(path)]) {
        const cells = read.sheets.flatMap((s) => s.rows.flatMap((r) => Object.values(r.cells)));
        assert.equal(read.rows, 5_000);
        assert.deepEqual(
          cells.filter((c) => String(c).includes('\uFFFD')),
          [],
        );
        assert.equal(read.sheets[0]!.rows[4_321]!.cells.headName, 'Nguyễn Thị Hường Ửng 4321');
      }
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  test('a zip written as a stream (data descriptors) is read whole, reliably', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'soquy-zip-'));
    try {
      const path = join(dir2, 'streamed.xlsx');
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
      for (const name of ['Hộ', 'Nhân khẩu']) {
        const ws = wb.addWorksheet(name);
        ws.addRow(['Mã hộ', 'Họ và tên chủ hộ', 'Thôn']).commit();
        ws.addRow(['H-1', 'Võ Hữu Tám', 'Đức Khê']).commit();
        ws.commit();
      }
      await wb.commit();
      // exceljs's streaming reader loses xl/workbook.xml now and then on such files; ours must not.
      for (let i = 0; i < 40; i++) {
        const read = await readXlsx(path);
        assert.deepEqual(read.refusals, []);
        assert.equal(read.rows, 2);
      }
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});
