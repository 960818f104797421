/**
 * Import from real spreadsheets written by exceljs, on every engine: a commune of 2,500
 * households (with their people, status history and memberships) in the shape treasurers keep
 * it (a title row, Vietnamese headers, dd/mm/yyyy text and Excel dates, ID numbers typed as
 * numbers, amounts with dots). The same file with every kind of mistake: the dry run lists each
 * bad row exactly and a real import writes nothing. The good file imports; importing it again,
 * or importing its export, changes nothing. A CSV works the same way.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exportRegistryXlsx } from '../../src/app/registry/export.ts';
import { importRegistryFile } from '../../src/app/registry/import/import.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import {
  type Cell,
  ctx,
  fakePerson,
  rng,
  seedRegistry,
  snapshotAll,
  writeWorkbook,
} from '../helpers/registry.ts';

const HOUSEHOLDS = 2_500;
const VILLAGES = ['Đức Khê', 'Tuy Lai', 'Yến Vĩ', 'Phú Yên'];
const STATUSES = [
  'Hộ nghèo',
  'Hộ cận nghèo',
  'Hộ mới thoát nghèo',
  'Hộ có mức sống trung bình',
  'Không thuộc diện',
];

type Rows = Cell[][];

interface Commune {
  households: Rows;
  people: Rows;
  statuses: Rows;
  memberships: Rows;
  /** Facts the tests look up. */
  headIdNumber: (i: number) => string;
  headName: (i: number) => string;
  people_count: number;
}

const hid = (i: number) => `HS-${String(i).padStart(4, '0')}`;

/** The good commune, the same on every run. */
function buildCommune(): Commune {
  const r = rng(2025);
  const households: Rows = [
    ['DANH SÁCH HỘ GIA ĐÌNH XÃ HƯƠNG SƠN NĂM 2025'],
    [
      'STT',
      'Mã hộ',
      'Họ và tên chủ hộ',
      'Thôn',
      'Địa chỉ',
      'Điện thoại',
      'Năm sinh',
      'Giới tính',
      'Số CCCD',
      'Tình trạng nghèo',
      'Ngày quyết định',
      'Số giấy chứng nhận',
      'Thu nhập bình quân',
      'Đối tượng chính sách',
    ],
  ];
  const people: Rows = [
    ['Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Điện thoại'],
  ];
  const statuses: Rows = [['Mã hộ', 'Tình trạng nghèo', 'Ngày quyết định', 'Số giấy chứng nhận']];
  const memberships: Rows = [['Mã hộ', 'Họ và tên', 'Số CCCD', 'Tổ chức', 'Mã tổ', 'Ngày vào', 'Ngày ra']];
  const heads: Array<{ name: string; idNumber: string }> = [];
  let peopleCount = 0;
  for (let i = 1; i <= HOUSEHOLDS; i++) {
    const head = fakePerson(r, i % 3 === 0 ? 'Nữ' : 'Nam', [1935, 1995]);
    // CCCD: province 001, century-and-sex digit, two-digit year, six-digit serial.
    const idNumber = `001${head.sex === 'Nam' ? 0 : 1}${String(head.birthYear).slice(2)}${String(i).padStart(6, '0')}`;
    heads.push({ name: head.fullName, idNumber });
    const status = STATUSES[i % 50 === 0 ? 0 : i % 20 === 0 ? 1 : i % 30 === 0 ? 2 : 3 + (i % 2)]!;
    const decided: Cell = i % 4 === 0 ? new Date(Date.UTC(2024, 11, 15)) : '15/12/2024';
    households.push([
      i,
      hid(i),
      head.fullName,
      VILLAGES[i % VILLAGES.length]!,
      i % 5 === 0 ? `Xóm ${1 + (i % 9)}` : null,
      i % 6 === 0
        ? `0912.${String(100 + (i % 900)).padStart(3, '0')}.${String(i).padStart(3, '0').slice(-3)}`
        : null,
      head.birthYear,
      head.sex,
      // Every seventh ID number was typed as a number: Excel dropped its leading zeros.
      i % 7 === 0 ? Number(idNumber) : idNumber,
      status,
      decided,
      status === STATUSES[0] || status === STATUSES[1] ? `GCN-2024/${String(i).padStart(4, '0')}` : null,
      i % 2 === 0 ? `${1 + (i % 3)}.${String(100 + (i % 900)).padStart(3, '0')}.000` : 1_200_000 + i * 100,
      i % 97 === 0 ? 'Thương binh 2/4' : i % 53 === 0 ? 'Người khuyết tật' : null,
    ]);
    peopleCount++;
    // Every tenth household lists its head again on the people sheet, as many treasurers do.
    if (i % 10 === 0)
      people.push([hid(i), head.fullName, 'Chủ hộ', head.birthYear, head.sex, idNumber, null]);
    const members = 1 + Math.floor(r() * 3);
    for (let k = 0; k < members; k++) {
      const m = fakePerson(r, undefined, [1960, 2022]);
      const adult = m.birthYear <= 2005;
      const memberId =
        adult && k === 0
          ? `001${m.sex === 'Nam' ? 2 : 3}${String(m.birthYear).slice(2)}${String(i).padStart(6, '0')}`
          : null;
      people.push([hid(i), m.fullName, k === 0 ? 'Vợ/Chồng' : 'Con', m.birthYear, m.sex, memberId, null]);
      peopleCount++;
    }
    if (i % 5 === 0) statuses.push([hid(i), STATUSES[i % 10 === 0 ? 0 : 1]!, '14/12/2022', null]);
  }
  // Memberships: 40 heads of Đức Khê in VBSP group G-0001 (by ID number), 20 heads of Tuy Lai in
  // joint plan G-0002 (by household and name), 60 heads of Yến Vĩ filling VSLA G-0003, and 200
  // heads in the Farmers' Association, some of whom have left.
  const inVillage = (v: number) => [...Array(HOUSEHOLDS).keys()].map((x) => x + 1).filter((i) => i % 4 === v);
  for (const i of inVillage(1).slice(0, 40))
    memberships.push([
      null,
      null,
      heads[i - 1]!.idNumber,
      'Hội Liên hiệp Phụ nữ',
      'G-0001',
      '01/03/2024',
      null,
    ]);
  for (const i of inVillage(2).slice(0, 20))
    memberships.push([hid(i), heads[i - 1]!.name, null, null, 'G-0002', '01/02/2024', null]);
  for (const i of inVillage(3).slice(0, 60))
    memberships.push([
      null,
      null,
      heads[i - 1]!.idNumber,
      null,
      'G-0003',
      new Date(Date.UTC(2024, 4, 1)),
      null,
    ]);
  for (let i = 1; i <= 200; i++)
    memberships.push([
      null,
      null,
      heads[i * 12 - 1]!.idNumber,
      'Hội Nông dân',
      null,
      '01/01/2015',
      i % 10 === 0 ? '01/01/2023' : null,
    ]);
  return {
    households,
    people,
    statuses,
    memberships,
    headIdNumber: (i) => heads[i - 1]!.idNumber,
    headName: (i) => heads[i - 1]!.name,
    people_count: peopleCount,
  };
}

interface Expected {
  row: number;
  field: string;
  code: string;
}

/**
 * The good commune with bad rows appended to each sheet, one mistake a row, and the refusal
 * each must get. Row numbers are as Excel shows them.
 */
function buildBad(c: Commune): { sheets: Array<{ name: string; rows: Rows }>; expected: Expected[] } {
  const expected: Expected[] = [];
  const households = c.households.map((r) => [...r]);
  const people = c.people.map((r) => [...r]);
  const statuses = c.statuses.map((r) => [...r]);
  const memberships = c.memberships.map((r) => [...r]);
  const good: Cell[] = [
    null,
    'BAD-00',
    'Lê Văn Đúng',
    'Đức Khê',
    null,
    null,
    1970,
    'Nam',
    null,
    null,
    null,
    null,
    null,
    null,
  ];
  const h = (n: number, patch: Record<number, Cell>, field: string, code: string) => {
    const row = [...good];
    row[1] = `BAD-${String(n).padStart(2, '0')}`;
    for (const [k, v] of Object.entries(patch)) row[Number(k)] = v;
    households.push(row);
    expected.push({ row: households.length, field: `households.${field}`, code });
  };
  // Columns: 1 Mã hộ, 2 chủ hộ, 3 thôn, 4 địa chỉ, 5 điện thoại, 6 năm sinh, 7 giới tính, 8 CCCD,
  // 9 tình trạng, 10 ngày QĐ, 11 số GCN, 12 thu nhập, 13 chính sách.
  h(1, { 1: null }, 'householdId', 'value_required');
  h(2, { 1: 'HS 12#' }, 'householdId', 'code_invalid');
  h(3, { 1: 'HS-0001' }, 'householdId', 'duplicate_in_file');
  h(4, { 2: null }, 'headName', 'value_required');
  h(5, { 2: 'Nguyễn Văn 3' }, 'headName', 'name_invalid');
  h(6, { 3: null }, 'village', 'value_required');
  h(7, { 6: '19x5' }, 'birthYear', 'birth_year_invalid');
  h(8, { 6: 1850 }, 'birthYear', 'birth_year_invalid');
  h(9, { 6: 2030 }, 'birthYear', 'birth_year_invalid');
  h(10, { 7: 'K' }, 'sex', 'sex_unknown');
  h(11, { 8: '00106801234' }, 'idNumber', 'id_number_invalid');
  h(12, { 8: c.headIdNumber(1) }, 'idNumber', 'id_number_taken');
  h(13, { 5: '12345' }, 'phone', 'phone_invalid');
  h(14, { 9: 'nghèo lắm', 10: '15/12/2024' }, 'status', 'status_unknown');
  h(15, { 9: 'Hộ nghèo', 10: '31/02/2024' }, 'decidedOn', 'date_invalid');
  h(16, { 9: 'Hộ nghèo', 10: '15/12/2026' }, 'decidedOn', 'date_in_future');
  h(17, { 9: 'Hộ nghèo' }, 'decidedOn', 'value_required');
  h(18, { 9: 'Hộ nghèo', 10: '15/12/2024', 12: '1,5' }, 'incomeDong', 'amount_not_whole_dong');
  h(19, { 9: 'Hộ nghèo', 10: '15/12/2024', 12: '-100.000' }, 'incomeDong', 'amount_negative');
  h(20, { 9: 'Hộ nghèo', 10: '15/12/2010' }, 'decidedOn', 'standard_none');
  h(21, { 13: 'Hộ khá' }, 'policies', 'policy_unknown');
  h(22, { 13: 'Thương binh' }, 'policies', 'war_invalid_class_invalid');
  h(23, { 4: 'Xóm '.repeat(60) }, 'address', 'text_too_long');

  // The people sheet gets a column nobody knows (reported on the header row, then ignored).
  people[0]!.push('Ghi chú thêm');
  expected.push({ row: 1, field: 'people', code: 'column_unknown' });
  const p = (row: Cell[], field: string, code: string | null) => {
    people.push(row);
    if (code) expected.push({ row: people.length, field: `people.${field}`, code });
  };
  p(['HS-9999', 'Trần Văn Lạc', 'Con', 1990, 'Nam', null, null], 'householdId', 'household_unknown');
  p(['HS-0002', null, 'Con', 1990, 'Nam', null, null], 'fullName', 'value_required');
  p(['HS-0002', 'Trần Văn Năm', 'Con', 'năm 80', 'Nam', null, null], 'birthYear', 'birth_year_invalid');
  p(
    ['HS-0004', 'Trần Văn Trùng', 'Con', 1990, 'Nam', c.headIdNumber(3), null],
    'householdId',
    'conflicting_rows',
  );
  p(
    [
      'HS-0002',
      'Trần Văn Dài',
      'Cháu họ xa bên ngoại của chủ hộ, ở nhờ từ năm 2019',
      1990,
      'Nam',
      null,
      null,
    ],
    'relation',
    'text_too_long',
  );
  p(['HS-0002', 'Trần Văn Gọi', 'Con', 1990, 'Nam', null, 'abc'], 'phone', 'phone_invalid');
  p(['HS-0005', 'Trần Thị Mới', 'Con', 2001, 'Nữ', null, null], '', null);
  p(['HS-0005', 'Trần Thị Mới', 'Con', 2001, 'Nam', null, null], 'sex', 'conflicting_rows');

  const s = (row: Cell[], field: string, code: string) => {
    statuses.push(row);
    expected.push({ row: statuses.length, field: `statuses.${field}`, code });
  };
  s(['HS-9998', 'Hộ nghèo', '14/12/2022', null], 'householdId', 'household_unknown');
  s(['HS-0003', null, '14/12/2022', null], 'status', 'value_required');
  s(['HS-0010', 'Hộ nghèo', '15/12/2024', null], 'status', 'conflicting_rows');

  const m = (row: Cell[], field: string, code: string) => {
    memberships.push(row);
    expected.push({ row: memberships.length, field: `memberships.${field}`, code });
  };
  // Columns: Mã hộ, Họ và tên, Số CCCD, Tổ chức, Mã tổ, Ngày vào, Ngày ra.
  m([null, null, c.headIdNumber(5), null, 'G-9999', '01/03/2024', null], 'groupId', 'group_unknown');
  m([null, null, '001099999999', null, 'G-0001', '01/03/2024', null], 'idNumber', 'person_unknown');
  m(
    [null, null, c.headIdNumber(5), null, 'G-0001', '01/03/2024', '01/02/2024'],
    'leftOn',
    'leave_before_join',
  );
  m([null, null, c.headIdNumber(9), null, 'G-0001', '01/01/2023', null], 'joinedOn', 'join_before_founded');
  m([null, null, c.headIdNumber(2), null, 'G-0004', '01/06/2024', null], 'person', 'joint_plan_taken');
  m([null, null, c.headIdNumber(6), null, 'G-0003', '01/06/2024', null], 'person', 'group_full');
  m(
    [null, null, c.headIdNumber(5), 'Hội Nhà văn', null, '01/03/2024', null],
    'organisation',
    'organisation_unknown',
  );
  m(
    [null, null, c.headIdNumber(13), 'Hội Nông dân', 'G-0001', '01/03/2024', null],
    'organisation',
    'group_organisation_mismatch',
  );
  m(
    [null, 'Người Khác Tên', c.headIdNumber(1), 'Hội Cựu chiến binh', null, '01/03/2024', null],
    'fullName',
    'person_name_mismatch',
  );
  m([null, 'Lê Văn Ai', null, 'Hội Cựu chiến binh', null, '01/03/2024', null], 'person', 'person_required');
  return {
    sheets: [
      { name: 'Danh sách hộ', rows: households },
      { name: 'Nhân khẩu', rows: people },
      { name: 'Lịch sử nghèo', rows: statuses },
      { name: 'Hội viên, tổ viên', rows: memberships },
    ],
    expected,
  };
}

/** The two workbooks, built once for every engine. */
let built: Promise<{ dir: string; commune: Commune; bad: ReturnType<typeof buildBad> }> | undefined;
const shared = mkdtempSync(join(tmpdir(), 'soquy-import-files-'));
process.on('exit', () => rmSync(shared, { recursive: true, force: true }));

async function files(dir: string): Promise<{ commune: Commune; bad: ReturnType<typeof buildBad> }> {
  built ??= (async () => {
    const commune = buildCommune();
    const bad = buildBad(commune);
    await writeWorkbook(join(shared, 'good.xlsx'), [
      { name: 'Danh sách hộ', rows: commune.households },
      { name: 'Nhân khẩu', rows: commune.people },
      { name: 'Lịch sử nghèo', rows: commune.statuses },
      { name: 'Hội viên, tổ viên', rows: commune.memberships },
      { name: 'Hướng dẫn', rows: [['Ghi Mã hộ như trên sổ hộ khẩu của xã.']] },
    ]);
    await writeWorkbook(join(shared, 'bad.xlsx'), bad.sheets);
    return { dir: shared, commune, bad };
  })();
  const b = await built;
  for (const f of ['good.xlsx', 'bad.xlsx']) copyFileSync(join(b.dir, f), join(dir, f));
  return b;
}

const asExpected = (refusals: ReadonlyArray<{ row?: number; field: string; code: string }>): Expected[] =>
  refusals.map((r) => ({ row: r.row ?? 0, field: r.field, code: r.code }));

for (const engine of ENGINES) {
  describe(`registry import [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let dir: string;
    let commune: Commune;
    let bad: ReturnType<typeof buildBad>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      dir = mkdtempSync(join(tmpdir(), 'soquy-import-'));
      await seedRegistry(app);
      const groups = [
        ['vbsp_group', 'hpn', 'Đức Khê', 'Tổ TK&VV Đức Khê 1'],
        ['joint_plan', 'hnd', 'Tuy Lai', 'Tổ hợp tác nuôi bò'],
        ['vsla', 'hpn', 'Yến Vĩ', 'Tổ tiết kiệm Yến Vĩ'],
        ['joint_plan', 'hnd', 'Tuy Lai', 'Tổ hợp tác trồng rau'],
      ] as const;
      for (const [kind, organisation, village, name] of groups)
        await app.registry.addGroup(ctx, { kind, organisation, village, name, foundedOn: '01/01/2024' });
      ({ commune, bad } = await files(dir));
    });
    after(async () => {
      await done();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the dry run of the bad file lists every bad row (row, column, code) and writes nothing', async () => {
      const before = await snapshotAll(app.store);
      const report = await importRegistryFile(app.registry, ctx, join(dir, 'bad.xlsx'), { dryRun: true });
      assert.deepEqual(asExpected(report.refusals), bad.expected);
      assert.equal(report.refusals.length, 44);
      assert.ok(report.rows > 8_000);
      // Each refusal names the sheet it came from.
      assert.equal(report.refusals[0]!.params?.['sheet'], 'Danh sách hộ');
      assert.equal(await snapshotAll(app.store), before);
    });

    test('a real import of the bad file is refused whole with the same list and writes nothing', async () => {
      const before = await snapshotAll(app.store);
      try {
        await importRegistryFile(app.registry, ctx, join(dir, 'bad.xlsx'));
        assert.fail('expected a refusal');
      } catch (e) {
        assert.ok(e instanceof RefusedError, String(e));
        assert.deepEqual(asExpected(e.refusals), bad.expected);
      }
      assert.equal(await snapshotAll(app.store), before);
    });

    test('the good file: a dry run plans it, the import writes all of it', async () => {
      const dry = await importRegistryFile(app.registry, ctx, join(dir, 'good.xlsx'), { dryRun: true });
      assert.deepEqual(dry.refusals, []);
      assert.deepEqual(dry.skippedSheets, ['Hướng dẫn']);
      const report = await importRegistryFile(app.registry, ctx, join(dir, 'good.xlsx'));
      assert.deepEqual(report.refusals, []);
      assert.deepEqual(report.created, dry.created);
      assert.equal(report.created.households, HOUSEHOLDS);
      assert.equal(report.created.people, commune.people_count);
      assert.equal(report.created.villages, 1);
      assert.deepEqual(report.newVillages, ['Phú Yên']);
      // One decision per household from the households sheet, one more for every fifth.
      assert.equal(report.created.statuses, HOUSEHOLDS + HOUSEHOLDS / 5);
      assert.equal(report.created.memberships, 40 + 20 + 60 + 200);
      assert.deepEqual(report.updated, {
        villages: 0,
        households: 0,
        people: 0,
        statuses: 0,
        policies: 0,
        memberships: 0,
      });
    });

    test('what was imported reads back: lost zeros restored, Excel dates, amounts with dots, histories', async () => {
      // Household 7: its head's ID number was typed as a number (Excel dropped the zeros).
      const h7 = await app.registry.household(ctx, 'HS-0007');
      const head7 = h7.members.find((m) => m.isHead)!;
      assert.equal(head7.idNumber, commune.headIdNumber(7));
      assert.match(head7.idNumber!, /^00/);
      assert.equal(head7.fullName, commune.headName(7));
      // Household 20 (every 20th is near-poor), decided on an Excel date cell, with an older decision.
      const h20 = await app.registry.household(ctx, 'HS-0020');
      assert.deepEqual(
        h20.statusHistory.map((s) => [s.decidedOn, s.status, s.incomeDong]),
        [
          ['2022-12-14', 'poor', null],
          ['2024-12-15', 'near_poor', 3_120_000], // "3.120.000" on the sheet: 1 + 20 mod 3 = 3, 100 + 20 = 120
        ],
      );
      assert.equal(h20.villageName, 'Đức Khê');
      // Household 10 listed its head on both sheets: one person, not two.
      const h10 = await app.registry.household(ctx, 'HS-0010');
      assert.equal(h10.members.filter((m) => m.fullName === commune.headName(10)).length, 1);
      const g3 = await app.registry.group(ctx, 'G-0003', { asOf: '2024-06-01' });
      assert.equal(g3.members.length, 60);
      assert.equal((await app.registry.organisationMembers(ctx, 'hnd', '2025-01-01')).length, 180);
      const h97 = await app.registry.household(ctx, 'HS-0097');
      assert.deepEqual(
        h97.members.find((m) => m.isHead)!.policies.map((p) => [p.category, p.detail]),
        [['war_invalid', '2/4']],
      );
    });

    test('importing the same file again changes nothing, not even the change log', async () => {
      const before = await snapshotAll(app.store);
      const report = await importRegistryFile(app.registry, ctx, join(dir, 'good.xlsx'));
      const none = { villages: 0, households: 0, people: 0, statuses: 0, policies: 0, memberships: 0 };
      assert.deepEqual(report.created, none);
      assert.deepEqual(report.updated, none);
      assert.equal(await snapshotAll(app.store), before);
    });

    test('the export imports back as a no-op', async () => {
      const out = join(dir, 'export.xlsx');
      const counts = await exportRegistryXlsx(app.registry, ctx, out);
      assert.equal(counts.households, HOUSEHOLDS);
      const before = await snapshotAll(app.store);
      const report = await importRegistryFile(app.registry, ctx, out);
      assert.deepEqual(report.refusals, []);
      assert.deepEqual(report.created, {
        villages: 0,
        households: 0,
        people: 0,
        statuses: 0,
        policies: 0,
        memberships: 0,
      });
      assert.deepEqual(report.updated, {
        villages: 0,
        households: 0,
        people: 0,
        statuses: 0,
        policies: 0,
        memberships: 0,
      });
      assert.equal(await snapshotAll(app.store), before);
    });

    test('a change in the file updates only what changed, and the log keeps before and after', async () => {
      const path = join(dir, 'change.csv');
      // A semicolon CSV with a byte-order mark, as Excel saves it in Vietnamese locales.
      writeFileSync(
        path,
        '\uFEFFMã hộ;Họ và tên chủ hộ;Thôn;Điện thoại;Tình trạng nghèo;Ngày quyết định;Thu nhập bình quân\n' +
          `HS-0001;${commune.headName(1)};Đức Khê;0987 654 321;;;\n` +
          'HS-9001;Hoàng Thị Mới;Tuy Lai;;Hộ cận nghèo;16/12/2025;"1.450.000"\n',
      );
      const report = await importRegistryFile(app.registry, ctx, path);
      assert.deepEqual(report.refusals, []);
      assert.equal(report.created.households, 1);
      assert.equal(report.updated.households, 1);
      assert.equal(report.created.statuses, 1);
      const h1 = await app.registry.household(ctx, 'HS-0001');
      assert.equal(h1.phone, '0987654321');
      assert.equal(h1.villageName, 'Đức Khê');
      const log = await app.registry.changes(ctx, { entity: 'household', entityId: 'HS-0001' });
      const last = log.at(-1)!;
      assert.equal(last.action, 'update');
      assert.match(last.source, /^import:[0-9a-f]{16}$/);
      assert.notEqual((last.before as { villageId: string }).villageId, undefined);
      const again = await importRegistryFile(app.registry, ctx, path);
      assert.equal(again.created.households + again.updated.households, 0);
    });

    test('people the file adds without an id, on the same row of two sheets, keep their own memberships', async () => {
      // Row 2 of "Danh sách hộ" is the head of HS-9101; row 2 of "Nhân khẩu" is a member of
      // HS-9102. Both join the Veterans by household and name: two memberships, not one.
      const path = join(dir, 'same-row.xlsx');
      await writeWorkbook(path, [
        {
          name: 'Danh sách hộ',
          rows: [
            ['Mã hộ', 'Họ và tên chủ hộ', 'Thôn'],
            ['HS-9101', 'Đinh Văn Khải', 'Đức Khê'],
            ['HS-9102', 'Phùng Thị Nhàn', 'Đức Khê'],
          ],
        },
        {
          name: 'Nhân khẩu',
          rows: [
            ['Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', 'Giới tính'],
            ['HS-9102', 'Phùng Văn Lực', 'Chồng', 1970, 'Nam'],
          ],
        },
        {
          name: 'Hội viên, tổ viên',
          rows: [
            ['Mã hộ', 'Họ và tên', 'Số CCCD', 'Tổ chức', 'Mã tổ', 'Ngày vào', 'Ngày ra'],
            ['HS-9101', 'Đinh Văn Khải', null, 'Hội Cựu chiến binh', null, '01/03/2024', null],
            ['HS-9102', 'Phùng Văn Lực', null, 'Hội Cựu chiến binh', null, '01/03/2024', null],
          ],
        },
      ]);
      const report = await importRegistryFile(app.registry, ctx, path);
      assert.deepEqual(report.refusals, []);
      assert.equal(report.created.households, 2);
      assert.equal(report.created.people, 3);
      assert.equal(report.created.memberships, 2);
    });
  });
}
