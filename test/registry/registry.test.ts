/**
 * The registry service on every engine: households and people, refusals that write nothing,
 * poverty status, shocks, organisation membership, group rules (3–60 members, one joint plan,
 * leaders), archiving instead of deleting, the change log and the database's own guards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { RefusedError } from '../../src/domain/refusal.ts';
import { tokenPairKeys } from '../../src/domain/registry/names.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ctx, seedRegistry, snapshotAll } from '../helpers/registry.ts';

async function refused(p: Promise<unknown>): Promise<Array<{ code: string; field: string }>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RefusedError) return e.refusals.map((r) => ({ code: r.code, field: r.field }));
    throw e;
  }
  assert.fail('expected a refusal');
}

async function codes(p: Promise<unknown>): Promise<string[]> {
  return (await refused(p)).map((r) => r.code);
}

for (const engine of ENGINES) {
  describe(`registry [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedRegistry(app);
    });
    after(() => done());

    test('a household is created with its head; ids are generated as party ids', async () => {
      const h = await app.registry.addHousehold(ctx, {
        village: 'Đức Khê',
        address: 'Xóm Chùa',
        phone: '0912.345.678',
        head: {
          fullName: 'Vương Đình Soạn',
          birthYear: '1968',
          sex: 'Nam',
          idNumber: '001068012345',
          policies: 'Thương binh 2/4',
        },
      });
      assert.equal(h.id, 'HH-0001');
      assert.equal(h.headPersonId, 'P-000001');
      assert.equal(h.villageId, 'duc-khe');
      assert.equal(h.phone, '0912345678');
      assert.deepEqual(
        h.members.map((m) => [
          m.id,
          m.fullName,
          m.relation,
          m.isHead,
          m.policies.map((p) => `${p.category} ${p.detail}`),
        ]),
        [['P-000001', 'Vương Đình Soạn', 'Chủ hộ', true, ['war_invalid 2/4']]],
      );
      const wife = await app.registry.addPerson(ctx, {
        householdId: 'HH-0001',
        fullName: 'Đỗ Thị Lan',
        birthYear: 1970,
        sex: 'Nữ',
        relation: 'Vợ',
      });
      assert.equal(wife.id, 'P-000002');
      assert.equal(wife.household.headName, 'Vương Đình Soạn');
      const custom = await app.registry.addHousehold(ctx, {
        id: 'DK-12',
        village: 'tuy-lai',
        head: { id: 'DK-12/1', fullName: 'Nguyễn Thị Hoa', sex: 'nu' },
      });
      assert.equal(custom.id, 'DK-12');
      assert.equal(custom.members[0]!.id, 'DK-12/1');
    });

    test('unknown ids are refused by name: household, person, shock, group, village', async () => {
      assert.deepEqual(await refused(app.registry.household(ctx, 'HH-9999')), [
        { code: 'household_unknown', field: 'id' },
      ]);
      assert.deepEqual(await codes(app.registry.statusFlags(ctx, 'HH-9999')), ['household_unknown']);
      assert.deepEqual(await codes(app.registry.person(ctx, 'P-999999')), ['person_unknown']);
      assert.deepEqual(await codes(app.registry.shock(ctx, 'SK-999999')), ['shock_unknown']);
      assert.deepEqual(await codes(app.registry.group(ctx, 'G-9999')), ['group_unknown']);
      assert.deepEqual(
        await codes(app.registry.addHousehold(ctx, { village: 'Không Có', head: { fullName: 'Lê Văn A' } })),
        ['village_unknown'],
      );
    });

    test('bad input is refused whole, every field named, and nothing is written', async () => {
      const before = await snapshotAll(app.store);
      assert.deepEqual(
        await refused(
          app.registry.addHousehold(ctx, {
            village: 'Đức Khê',
            phone: '12345',
            head: { fullName: 'Lê Văn 2', birthYear: 1850, sex: 'K', idNumber: '0010680123' },
          }),
        ),
        [
          { code: 'name_invalid', field: 'head.fullName' },
          { code: 'birth_year_invalid', field: 'head.birthYear' },
          { code: 'sex_unknown', field: 'head.sex' },
          { code: 'id_number_invalid', field: 'head.idNumber' },
          { code: 'phone_invalid', field: 'phone' },
        ],
      );
      // The ID number of someone else, checked inside the transaction.
      assert.deepEqual(
        await codes(
          app.registry.addPerson(ctx, {
            householdId: 'HH-0001',
            fullName: 'Vương Văn Nam',
            idNumber: '001068012345',
          }),
        ),
        ['id_number_taken'],
      );
      assert.deepEqual(
        await codes(
          app.registry.addHousehold(ctx, {
            id: 'HH-0001',
            village: 'Đức Khê',
            head: { fullName: 'Lê Văn A' },
          }),
        ),
        ['already_exists'],
      );
      assert.equal(await snapshotAll(app.store), before);
    });

    test('status decisions: flags follow the history; the same decision twice changes nothing', async () => {
      await app.registry.setStatus(ctx, {
        householdId: 'HH-0001',
        status: 'Hộ nghèo',
        decidedOn: '15/12/2021',
      });
      const flags = await app.registry.setStatus(ctx, {
        householdId: 'HH-0001',
        status: 'recently_escaped',
        decidedOn: '14/12/2023',
        certificateNo: 'TN-2023/07',
        incomeDong: '1.650.000',
      });
      assert.equal(flags.status, 'recently_escaped');
      assert.equal(flags.escapedOn, '2023-12-14');
      assert.equal(flags.escapedWithin3Years, true);
      assert.equal(flags.eligibleThrough, '2026-12-13');
      const history = await app.registry.statusHistory(ctx, 'HH-0001');
      assert.deepEqual(
        history.map((s) => [s.decidedOn, s.status, s.standard, s.incomeDong]),
        [
          ['2021-12-15', 'poor', 'qd59-2015', null],
          ['2023-12-14', 'recently_escaped', 'nd07-2021', 1_650_000],
        ],
      );
      const before = await snapshotAll(app.store);
      await app.registry.setStatus(ctx, {
        householdId: 'HH-0001',
        status: 'recently_escaped',
        decidedOn: '2023-12-14',
        certificateNo: 'TN-2023/07',
        incomeDong: 1_650_000,
      });
      assert.equal(await snapshotAll(app.store), before);
      assert.deepEqual(
        await codes(
          app.registry.setStatus(ctx, { householdId: 'HH-0001', status: 'poor', decidedOn: '01/01/2026' }),
        ),
        ['date_in_future'],
      );
      assert.deepEqual(
        await codes(
          app.registry.setStatus(ctx, { householdId: 'HH-0001', status: 'poor', decidedOn: '01/06/2010' }),
        ),
        ['standard_none'],
      );
    });

    test('a shock records its kind, date and loss in whole đồng; other areas find it by id', async () => {
      const s = await app.registry.addShock(ctx, {
        householdId: 'HH-0001',
        kind: 'Hỏa hoạn',
        occurredOn: '14/12/2025',
        description: 'Cháy nhà, gia đình thương binh',
        lossDong: '85.000.000',
      });
      assert.equal(s.id, 'SK-000001');
      assert.deepEqual(await app.registry.shock(ctx, s.id), s);
      assert.equal(s.lossDong, 85_000_000);
      assert.deepEqual(
        await refused(
          app.registry.addShock(ctx, {
            householdId: 'HH-0001',
            personId: 'DK-12/1',
            kind: 'động đất',
            occurredOn: '14/12/2025',
            description: 'x',
            lossDong: '1,5',
          }),
        ),
        [
          { code: 'shock_kind_unknown', field: 'shockKind' },
          { code: 'amount_not_whole_dong', field: 'lossDong' },
        ],
      );
      assert.deepEqual(
        await codes(
          app.registry.addShock(ctx, {
            householdId: 'HH-0001',
            personId: 'DK-12/1',
            kind: 'illness',
            occurredOn: '2025-11-01',
            description: 'Ốm',
            lossDong: 0,
          }),
        ),
        ['person_not_in_household'],
      );
      const h = await app.registry.household(ctx, 'HH-0001');
      assert.deepEqual(
        h.shocks.map((x) => x.id),
        ['SK-000001'],
      );
    });

    test('a group takes at most 60 members; a 61st is refused until someone leaves', async () => {
      const g = await app.registry.addGroup(ctx, {
        kind: 'vbsp_group',
        organisation: 'hpn',
        village: 'duc-khe',
        name: 'Tổ TK&VV số 1',
        foundedOn: '01/01/2024',
      });
      assert.equal(g.id, 'G-0001');
      assert.equal(g.members.length, 0);
      // 61 people in one household, to keep the test short.
      const h = await app.registry.addHousehold(ctx, {
        village: 'Đức Khê',
        head: { fullName: 'Phạm Văn Một' },
      });
      const ids = [h.headPersonId!];
      for (let i = 2; i <= 61; i++)
        ids.push(
          (await app.registry.addPerson(ctx, { householdId: h.id, fullName: `Phạm Văn Số ${'I'.repeat(1)}` }))
            .id,
        );
      for (const id of ids.slice(0, 60))
        await app.registry.joinGroup(ctx, { group: g.id, personId: id, on: '01/02/2024' });
      const before = await snapshotAll(app.store);
      assert.deepEqual(
        await refused(app.registry.joinGroup(ctx, { group: g.id, personId: ids[60]!, on: '01/03/2024' })),
        [{ code: 'group_full', field: 'person' }],
      );
      assert.equal(await snapshotAll(app.store), before);
      await app.registry.leaveGroup(ctx, { group: g.id, personId: ids[0]!, on: '01/03/2024' });
      const full = await app.registry.joinGroup(ctx, { group: g.id, personId: ids[60]!, on: '01/03/2024' });
      assert.equal(full.members.length, 60);
      // Membership on a past date: the one who left on 01/03 was a member on 29/02.
      const feb = await app.registry.group(ctx, g.id, { asOf: '2024-02-29' });
      assert.ok(feb.members.some((m) => m.personId === ids[0]));
      assert.ok(!feb.members.some((m) => m.personId === ids[60]));
      assert.deepEqual(
        await codes(app.registry.joinGroup(ctx, { group: g.id, personId: ids[1]!, on: '01/04/2024' })),
        ['membership_exists'],
      );
      assert.deepEqual(
        await codes(app.registry.leaveGroup(ctx, { group: g.id, personId: ids[2]!, on: '01/02/2024' })),
        ['leave_before_join'],
      );
      assert.deepEqual(
        await codes(app.registry.joinGroup(ctx, { group: g.id, personId: ids[0]!, on: '15/02/2024' })),
        ['membership_overlap'],
      );
    });

    test('group check lists groups under 3 members and leaders who are not members', async () => {
      const small = await app.registry.addGroup(ctx, {
        kind: 'vsla',
        organisation: 'hpn',
        village: 'Tuy Lai',
        name: 'Tổ tiết kiệm Tuy Lai',
        leaderPersonId: 'DK-12/1',
        foundedOn: '01/06/2024',
      });
      assert.equal(small.leaderName, 'Nguyễn Thị Hoa');
      assert.deepEqual(
        small.members.map((m) => m.personId),
        ['DK-12/1'],
      );
      const problems = await app.registry.checkGroups(ctx, '2025-01-01');
      assert.deepEqual(
        problems.map((p) => [p.code, p.value]),
        [
          ['leader_missing', 'G-0001'],
          ['group_too_small', small.id],
        ],
      );
      assert.deepEqual(
        await codes(app.registry.leaveGroup(ctx, { group: small.id, personId: 'DK-12/1', on: '01/07/2024' })),
        ['leader_cannot_leave'],
      );
      await app.registry.setGroupLeader(ctx, { group: 'G-0001', personId: 'P-000004' });
      assert.deepEqual(
        (await app.registry.checkGroups(ctx, '2025-01-01')).map((p) => p.code),
        ['group_too_small'],
      );
      assert.deepEqual(
        await codes(app.registry.setGroupLeader(ctx, { group: small.id, personId: 'P-000001' })),
        ['leader_not_member'],
      );
    });

    test('a person is in one active joint plan at a time; leaving on a day frees that day', async () => {
      const a = await app.registry.addGroup(ctx, {
        kind: 'joint_plan',
        organisation: 'hnd',
        village: 'Đức Khê',
        name: 'Nuôi bò sinh sản',
        foundedOn: '01/01/2024',
      });
      const b = await app.registry.addGroup(ctx, {
        kind: 'joint_plan',
        organisation: 'hnd',
        village: 'Đức Khê',
        name: 'Trồng rau an toàn',
        foundedOn: '01/01/2024',
      });
      await app.registry.joinGroup(ctx, { group: a.id, personId: 'P-000001', on: '01/02/2024' });
      assert.deepEqual(
        await refused(app.registry.joinGroup(ctx, { group: b.id, personId: 'P-000001', on: '01/03/2024' })),
        [{ code: 'joint_plan_taken', field: 'person' }],
      );
      // A VSLA group is no joint plan: that is allowed.
      await app.registry.leaveGroup(ctx, { group: a.id, personId: 'P-000001', on: '01/06/2024' });
      const joined = await app.registry.joinGroup(ctx, {
        group: b.id,
        personId: 'P-000001',
        on: '01/06/2024',
      });
      assert.ok(joined.members.some((m) => m.personId === 'P-000001'));
      // Back-dated into the first plan while in the second: refused.
      assert.deepEqual(
        await codes(app.registry.joinGroup(ctx, { group: a.id, personId: 'P-000001', on: '01/07/2024' })),
        ['joint_plan_taken'],
      );
      // The database holds the rule too.
      await assert.rejects(
        sql`/* test */ INSERT INTO group_membership (tenant_id, group_id, group_kind, person_id, joined_on, left_on, created_at, updated_at)
            VALUES (${ctx.tenant}, ${a.id}, 'joint_plan', 'P-000001', '2024-08-01', NULL, 'x', 'x')`.execute(
          app.store.db,
        ),
      );
      await assert.rejects(
        sql`/* test */ INSERT INTO group_membership (tenant_id, group_id, group_kind, person_id, joined_on, left_on, created_at, updated_at)
            VALUES (${ctx.tenant}, ${a.id}, 'vsla', 'P-000002', '2024-08-01', NULL, 'x', 'x')`.execute(
          app.store.db,
        ),
      );
    });

    test('organisation membership: join, leave, members as of a date', async () => {
      await app.registry.joinOrganisation(ctx, {
        organisation: 'hpn',
        personId: 'P-000002',
        on: '01/03/2020',
      });
      await app.registry.joinOrganisation(ctx, {
        organisation: 'ccb',
        personId: 'P-000001',
        on: '1990-05-01',
      });
      assert.deepEqual(
        await codes(
          app.registry.joinOrganisation(ctx, { organisation: 'hpn', personId: 'P-000002', on: '01/03/2021' }),
        ),
        ['membership_exists'],
      );
      assert.deepEqual(
        await codes(
          app.registry.joinOrganisation(ctx, {
            organisation: 'khong',
            personId: 'P-000002',
            on: '01/03/2021',
          }),
        ),
        ['organisation_unknown'],
      );
      await app.registry.leaveOrganisation(ctx, {
        organisation: 'hpn',
        personId: 'P-000002',
        on: '01/01/2025',
      });
      assert.deepEqual(
        (await app.registry.organisationMembers(ctx, 'hpn', '2024-12-31')).map((m) => m.personId),
        ['P-000002'],
      );
      assert.deepEqual(await app.registry.organisationMembers(ctx, 'hpn', '2025-01-01'), []);
      const p = await app.registry.person(ctx, 'P-000002');
      assert.deepEqual(
        p.organisations.map((o) => [o.organisationId, o.joinedOn, o.leftOn, o.active]),
        [['hpn', '2020-03-01', '2025-01-01', false]],
      );
    });

    test('a household is archived, never deleted; its members must leave their groups first', async () => {
      assert.deepEqual(await codes(app.registry.archiveHousehold(ctx, 'HH-0001', { on: '01/12/2025' })), [
        'household_members_in_groups',
      ]);
      const hh = await app.registry.addHousehold(ctx, {
        village: 'Yến Vĩ',
        head: { fullName: 'Lục Văn Chuyển', idNumber: '034089000123' },
      });
      const archived = await app.registry.archiveHousehold(ctx, hh.id, {
        on: '01/12/2025',
        reason: 'Chuyển đi tỉnh khác',
      });
      assert.equal(archived.archivedOn, '2025-12-01');
      assert.deepEqual(
        await codes(app.registry.addPerson(ctx, { householdId: hh.id, fullName: 'Lục Thị Mơ' })),
        ['household_archived'],
      );
      assert.deepEqual((await app.registry.search(ctx, 'luc van chuyen')).hits, []);
      const found = await app.registry.search(ctx, 'luc van chuyen', { includeArchived: true });
      assert.deepEqual(
        found.hits.map((x) => x.householdId),
        [hh.id],
      );
      // No path deletes: the database refuses it too.
      for (const statement of [
        `DELETE FROM household WHERE id = '${hh.id}'`,
        `DELETE FROM person WHERE household_id = '${hh.id}'`,
        `DELETE FROM grp`,
        `DELETE FROM group_membership`,
        `DELETE FROM poverty_status`,
        `DELETE FROM shock_event`,
      ])
        await assert.rejects(
          sql.raw(`/* test */ ${statement}`).execute(app.store.db),
          /never deleted/,
          statement,
        );
    });

    test('a rename re-indexes the name for search', async () => {
      await app.registry.updatePerson(ctx, 'P-000002', { fullName: 'Đỗ Thị Lành' });
      assert.deepEqual(
        (await app.registry.search(ctx, 'do thi lanh')).hits.map((h) => h.id),
        ['P-000002'],
      );
      assert.ok(
        !(await app.registry.search(ctx, 'đỗ thị lan')).hits.some(
          (h) => h.id === 'P-000002' && h.edits === 0,
        ),
      );
      assert.deepEqual(await codes(app.registry.updatePerson(ctx, 'P-000001', { householdId: 'DK-12' })), [
        'head_cannot_move',
      ]);
    });

    test('the search index equals one rebuilt from the stored names', async () => {
      const people = (
        await sql<{ id: string; name_key: string }>`/* test */ SELECT id, name_key FROM person`.execute(
          app.store.db,
        )
      ).rows;
      const tokens = new Set<string>();
      const pairs = new Set<string>();
      const counts = new Map<string, number>();
      for (const p of people) {
        const words = p.name_key.split(' ');
        for (const t of new Set(words)) {
          tokens.add(`${t}|${p.id}`);
          counts.set(t, (counts.get(t) ?? 0) + 1);
        }
        for (const pair of tokenPairKeys(words)) pairs.add(`${pair}|${p.id}`);
      }
      const stored = async (q: string) =>
        new Set((await sql.raw<{ k: string }>(`/* test */ ${q}`).execute(app.store.db)).rows.map((r) => r.k));
      assert.deepEqual(await stored(`SELECT token || '|' || person_id AS k FROM person_token`), tokens);
      assert.deepEqual(await stored(`SELECT pair || '|' || person_id AS k FROM person_pair`), pairs);
      const vocabulary = (
        await sql<{
          token: string;
          people: number;
        }>`/* test */ SELECT token, people FROM name_token WHERE people > 0`.execute(app.store.db)
      ).rows;
      assert.deepEqual(new Map(vocabulary.map((v) => [v.token, Number(v.people)])), counts);
    });

    test('every change is in the change log, which the database keeps append-only', async () => {
      const log = await app.registry.changes(ctx, { entity: 'person', entityId: 'P-000002', limit: 10 });
      assert.deepEqual(
        log.map((c) => c.action),
        ['create', 'update'],
      );
      const rename = log[1]!;
      assert.equal(rename.actor, ctx.actor);
      assert.equal((rename.before as { fullName: string }).fullName, 'Đỗ Thị Lan');
      assert.equal((rename.after as { fullName: string }).fullName, 'Đỗ Thị Lành');
      const all = await app.registry.changes(ctx, { limit: 10_000 });
      assert.deepEqual(
        all.map((c) => c.seq),
        all.map((_, i) => i + 1),
      );
      assert.ok(all.some((c) => c.entity === 'household' && c.action === 'archive'));
      assert.ok(all.some((c) => c.entity === 'group_membership' && c.action === 'leave'));
      for (const statement of [`UPDATE registry_change SET actor = 'x'`, `DELETE FROM registry_change`])
        await assert.rejects(
          sql.raw(`/* test */ ${statement}`).execute(app.store.db),
          /append-only/,
          statement,
        );
    });
  });
}
