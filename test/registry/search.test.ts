/**
 * Search on every engine: Vietnamese names with and without diacritics, one-letter typos of each
 * kind, word order, filters (village, status, organisation, group), exact ids; and a property:
 * every person is found by the accent-stripped form of their name, and with one typo in it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { importRegistryFile } from '../../src/app/registry/import/import.ts';
import type { SearchHit } from '../../src/app/registry/search.ts';
import { nameKey } from '../../src/domain/registry/names.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { type Cell, ctx, fakePerson, rng, seedRegistry, writeWorkbook } from '../helpers/registry.ts';

const RUNS = Number(process.env['SOQUY_PROPERTY_RUNS'] ?? 40);
const NOISE_HOUSEHOLDS = 400;

/** A workbook of households with two or three people each, names from the seeded generator. */
async function noiseWorkbook(path: string): Promise<void> {
  const r = rng(4);
  const households: Cell[][] = [['Mã hộ', 'Họ và tên chủ hộ', 'Thôn', 'Năm sinh', 'Giới tính']];
  const people: Cell[][] = [['Mã hộ', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Quan hệ với chủ hộ']];
  const villages = ['Đức Khê', 'Tuy Lai', 'Yến Vĩ'];
  for (let i = 1; i <= NOISE_HOUSEHOLDS; i++) {
    const id = `N-${String(i).padStart(4, '0')}`;
    const head = fakePerson(r, undefined, [1940, 1990]);
    households.push([id, head.fullName, villages[i % 3]!, head.birthYear, head.sex]);
    for (let k = 0; k < 1 + (i % 2); k++) {
      const p = fakePerson(r, undefined, [1991, 2020]);
      people.push([id, p.fullName, p.birthYear, p.sex, 'Con']);
    }
  }
  await writeWorkbook(path, [
    { name: 'Hộ', rows: households },
    { name: 'Nhân khẩu', rows: people },
  ]);
}

function names(hits: readonly SearchHit[]): string[] {
  return hits.map((h) => h.fullName);
}

/** One letter of a word of three or more letters changed, dropped, doubled or swapped. */
function typo(key: string, word: number, op: number, at: number): string {
  const words = key.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 3);
  const [w, index] = long[word % long.length]!;
  const i = at % (w.length - 1);
  const edited = [
    w.slice(0, i) + (w[i] === 'x' ? 'y' : 'x') + w.slice(i + 1),
    w.slice(0, i) + w.slice(i + 1),
    w.slice(0, i) + w[i] + w.slice(i),
    w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2),
  ][op % 4]!;
  words[index] = edited;
  return words.join(' ');
}

for (const engine of ENGINES) {
  describe(`registry search [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let dir: string;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      dir = mkdtempSync(join(tmpdir(), 'soquy-search-'));
      await seedRegistry(app);
      const soan = await app.registry.addHousehold(ctx, {
        id: 'HH-A',
        village: 'Đức Khê',
        phone: '0912 345 678',
        head: { fullName: 'Vương Đình Soạn', birthYear: 1968, idNumber: '001068012345' },
      });
      await app.registry.addPerson(ctx, { householdId: soan.id, fullName: 'Đỗ Thị Lan', birthYear: 1970 });
      await app.registry.addHousehold(ctx, {
        id: 'HH-B',
        village: 'Tuy Lai',
        head: { fullName: 'Vương Đình Soàn' },
      });
      await app.registry.addHousehold(ctx, {
        id: 'HH-C',
        village: 'Tuy Lai',
        head: { fullName: 'Vương Đình Sơn' },
      });
      await app.registry.addHousehold(ctx, {
        id: 'HH-D',
        village: 'Tuy Lai',
        head: { fullName: 'Nguyễn Thị Hòa' },
      });
      await app.registry.addHousehold(ctx, {
        id: 'HH-E',
        village: 'Yến Vĩ',
        head: { fullName: 'Nguyễn Thị Hoa' },
      });
      await app.registry.setStatus(ctx, { householdId: 'HH-D', status: 'poor', decidedOn: '15/12/2024' });
      await app.registry.setStatus(ctx, {
        householdId: 'HH-E',
        status: 'near_poor',
        decidedOn: '15/12/2024',
      });
      await app.registry.joinOrganisation(ctx, {
        organisation: 'hpn',
        personId: 'P-000002',
        on: '01/01/2020',
      });
      await app.registry.addGroup(ctx, {
        id: 'G-DK1',
        kind: 'vsla',
        organisation: 'hpn',
        village: 'Đức Khê',
        name: 'Tổ phụ nữ tiết kiệm',
        leaderPersonId: 'P-000002',
        foundedOn: '01/01/2024',
      });
      await noiseWorkbook(join(dir, 'noise.xlsx'));
      const report = await importRegistryFile(app.registry, ctx, join(dir, 'noise.xlsx'));
      assert.equal(report.created.households, NOISE_HOUSEHOLDS);
    });
    after(async () => {
      await done();
      rmSync(dir, { recursive: true, force: true });
    });

    test('"vuong dinh soan" without diacritics finds Soạn and Soàn first, then Sơn one letter away', async () => {
      const r = await app.registry.search(ctx, 'vuong dinh soan');
      assert.deepEqual(names(r.hits.slice(0, 2)).sort(), ['Vương Đình Soàn', 'Vương Đình Soạn']);
      assert.deepEqual(
        r.hits.slice(0, 2).map((h) => h.edits),
        [0, 0],
      );
      const son = r.hits.find((h) => h.fullName === 'Vương Đình Sơn');
      assert.equal(son?.edits, 1);
      assert.deepEqual(r.words, ['vuong', 'dinh', 'soan']);
    });

    test('with diacritics, the name written the same way comes first', async () => {
      const r = await app.registry.search(ctx, 'Vương Đình Soạn');
      assert.deepEqual(names(r.hits.slice(0, 2)), ['Vương Đình Soạn', 'Vương Đình Soàn']);
      assert.equal(r.hits[0]!.accentMatches, 3);
      assert.equal(r.hits[0]!.villageName, 'Đức Khê');
      const partly = await app.registry.search(ctx, 'Vương Đình Soan');
      assert.deepEqual(names(partly.hits.slice(0, 2)).sort(), ['Vương Đình Soàn', 'Vương Đình Soạn']);
      const hoa = await app.registry.search(ctx, 'Nguyễn Thị Hòa');
      assert.equal(hoa.hits[0]!.fullName, 'Nguyễn Thị Hòa');
    });

    for (const [kind, query] of [
      ['a letter changed', 'vuomg dinh soan'],
      ['two letters swapped', 'vuogn dinh soan'],
      ['a letter added', 'vuong diinh soan'],
      ['a letter dropped', 'vuong dih soan'],
      ['a letter changed, with diacritics', 'Vương Đình Xoạn'],
    ] as const)
      test(`one-letter typo (${kind}): "${query}" still finds Vương Đình Soạn`, async () => {
        const r = await app.registry.search(ctx, query);
        const hit = r.hits.find((h) => h.id === 'P-000001');
        assert.ok(hit, names(r.hits).join(', '));
        assert.equal(hit.edits, 1);
      });

    test('the last word may be unfinished: "vuong dinh soa" finds Soạn', async () => {
      const r = await app.registry.search(ctx, 'vuong dinh soa');
      assert.ok(r.hits.slice(0, 2).some((h) => h.id === 'P-000001'));
      assert.equal(r.hits.find((h) => h.id === 'P-000001')!.edits, 0.5);
    });

    test('two typos in one word find nothing by that word; word order does not matter', async () => {
      const r = await app.registry.search(ctx, 'vuomh dinh soan');
      assert.ok(!r.hits.some((h) => h.id === 'P-000001'));
      const reversed = await app.registry.search(ctx, 'Soạn Vương');
      assert.equal(reversed.hits[0]!.id, 'P-000001');
    });

    test('filters: village, status on a date, organisation, group', async () => {
      const inYenVi = await app.registry.search(ctx, 'nguyen thi hoa', { village: 'Yến Vĩ' });
      assert.ok(inYenVi.hits.every((h) => h.villageId === 'yen-vi'));
      assert.ok(inYenVi.hits.some((h) => h.householdId === 'HH-E'));
      const poor = await app.registry.search(ctx, 'nguyen thi hoa', { status: 'poor' });
      assert.deepEqual(
        poor.hits.map((h) => [h.householdId, h.status]),
        [['HH-D', 'poor']],
      );
      const before = await app.registry.search(ctx, 'nguyen thi hoa', { status: 'poor', asOf: '2024-12-14' });
      assert.deepEqual(before.hits, []);
      const women = await app.registry.search(ctx, 'lan', { organisation: 'hpn' });
      assert.deepEqual(
        women.hits.map((h) => h.id),
        ['P-000002'],
      );
      const group = await app.registry.search(ctx, '', { group: 'G-DK1' });
      assert.deepEqual(
        group.hits.map((h) => h.id),
        ['P-000002'],
      );
    });

    test('an ID number, a phone, a person id or a household id finds that record', async () => {
      for (const q of ['001068012345', 'P-000001'])
        assert.deepEqual(
          (await app.registry.search(ctx, q)).hits.map((h) => h.id),
          ['P-000001'],
          q,
        );
      // The household's phone finds everyone in it.
      for (const q of ['0912 345 678', '+84912345678'])
        assert.deepEqual(
          (await app.registry.search(ctx, q)).hits.map((h) => h.id).sort(),
          ['P-000001', 'P-000002'],
          q,
        );
      assert.deepEqual((await app.registry.search(ctx, 'HH-A')).hits.map((h) => h.id).sort(), [
        'P-000001',
        'P-000002',
      ]);
    });

    test('property: everyone is found by the accent-stripped name, and despite one typo', async () => {
      const sample = (await app.registry.households(ctx, { limit: 10_000 })).filter((h) =>
        h.id.startsWith('N-'),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...sample),
          fc.nat(),
          fc.nat(),
          fc.nat(),
          async (h, word, op, at) => {
            const plain = nameKey(h.headName!);
            const exact = await app.registry.search(ctx, plain, { limit: 1_000 });
            assert.ok(
              exact.hits.some((x) => x.id === h.headPersonId && x.edits === 0),
              `${h.headName} by "${plain}"`,
            );
            const typed = typo(plain, word, op, at);
            const fuzzy = await app.registry.search(ctx, typed, { limit: 1_000 });
            assert.ok(
              fuzzy.hits.some((x) => x.id === h.headPersonId),
              `${h.headName} by "${typed}"`,
            );
          },
        ),
        { numRuns: RUNS },
      );
    });
  });
}
