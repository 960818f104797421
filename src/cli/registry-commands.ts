/**
 * The registry's commands: villages, households, people, poverty status, shocks, groups,
 * organisation members, search, import, export and the change log. Every read takes --json.
 */
import type { Command } from 'commander';
import { today } from '../app/context.ts';
import { exportRegistryXlsx } from '../app/registry/export.ts';
import { type ImportCounts, importRegistryFile } from '../app/registry/import/import.ts';
import type { GroupDetail, HouseholdDetail, PersonDetail } from '../app/registry/types.ts';
import type { StatusFlags } from '../domain/registry/poverty.ts';
import { describeRefusal } from '../i18n/catalogue.ts';
import { CLI } from '../i18n/cli.ts';
import {
  GROUP_KIND_LABELS,
  POLICY_LABELS,
  REGISTRY_CLI as R,
  SEX_LABELS,
  SHOCK_LABELS,
  STATUS_LABELS,
} from '../i18n/registry.ts';
import type { Text } from '../i18n/types.ts';
import { date, table } from './format.ts';
import { type CliKit, EXIT, ExitWith } from './kit.ts';

export function registerRegistryCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;
  const reg = async () => (await kit.app()).registry;
  const ctx = kit.ctx;
  const day = kit.date;
  const label = (texts: Record<string, Text>, code: string | null | undefined) =>
    code == null ? '' : (texts[code]?.[lang] ?? code);
  const read = (cmd: Command) => cmd.option('--json', say(CLI.optJson));

  // --- villages -----------------------------------------------------------------------------
  const village = program.command('village').description(say(R.village));
  village
    .command('add')
    .description(say(R.villageAdd))
    .requiredOption('--name <name>', 'Đức Khê')
    .option('--id <id>', 'duc-khe')
    .action(async (o: { name: string; id?: string }) => {
      const v = await (await reg()).addVillage(await ctx(), { name: o.name, id: o.id });
      io.out(`${say(CLI.created, { what: lang === 'vi' ? 'thôn' : 'village', id: v.id })}\n`);
    });
  read(village.command('list').description(say(R.villageList))).action(async (o: { json?: boolean }) => {
    const rows = await (await reg()).villages(await ctx());
    if (o.json) return json(rows);
    io.out(
      table(
        [say(R.hId), say(R.hName), say(R.hArchived)],
        rows.map((v) => [v.id, v.name, date(v.archivedOn)]),
        lang,
      ),
    );
  });

  // --- households -----------------------------------------------------------------------------
  const household = program.command('household').description(say(R.household));
  household
    .command('add')
    .description(say(R.householdAdd))
    .requiredOption('--village <id|name>')
    .requiredOption('--head <full name>', 'Vương Đình Soạn')
    .option('--id <id>', 'HH-0001 (default: next number)')
    .option('--head-id <id>', 'P-000001 (default: next number)')
    .option('--birth-year <year>')
    .option('--sex <Nam|Nữ>')
    .option('--id-number <cccd>')
    .option('--address <text>')
    .option('--phone <phone>')
    .option('--policies <list>', 'Thương binh 2/4; Khuyết tật')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        village: string;
        head: string;
        id?: string;
        headId?: string;
        birthYear?: string;
        sex?: string;
        idNumber?: string;
        address?: string;
        phone?: string;
        policies?: string;
        json?: boolean;
      }) => {
        const h = await (await reg()).addHousehold(await ctx(), {
          id: o.id,
          village: o.village,
          address: o.address,
          phone: o.phone,
          head: {
            id: o.headId,
            fullName: o.head,
            birthYear: o.birthYear,
            sex: o.sex,
            idNumber: o.idNumber,
            policies: o.policies,
          },
        });
        if (o.json) return json(h);
        io.out(`${say(CLI.created, { what: lang === 'vi' ? 'hộ' : 'household', id: h.id })}\n`);
      },
    );
  household
    .command('show <id>')
    .description(say(R.householdShow))
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (id: string, o: { asOf?: string; json?: boolean }) => {
      const asOf = day('asOf', o.asOf);
      const h = await (await reg()).household(await ctx(), id, asOf ? { asOf } : {});
      if (o.json) return json(h);
      printHousehold(h);
    });
  household
    .command('list')
    .description(say(R.householdList))
    .option('--village <id|name>')
    .option('--status <status>', 'poor | near_poor | recently_escaped | middle | none')
    .option('--as-of <date>')
    .option('--archived', lang === 'vi' ? 'kể cả hộ đã lưu trữ' : 'include archived households')
    .option('--limit <n>', '', '1000')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        village?: string;
        status?: string;
        asOf?: string;
        archived?: boolean;
        limit: string;
        json?: boolean;
      }) => {
        const rows = await (await reg()).households(await ctx(), {
          village: o.village,
          status: o.status,
          asOf: o.asOf,
          includeArchived: o.archived ?? false,
          limit: Number(o.limit) || 1000,
        });
        if (o.json) return json(rows);
        io.out(
          table(
            [say(R.hId), say(R.hHead), say(R.hVillage), say(R.hStatus), say(R.hPhone), say(R.hArchived)],
            rows.map((h) => [
              h.id,
              h.headName,
              h.villageName,
              label(STATUS_LABELS, h.status),
              h.phone,
              date(h.archivedOn),
            ]),
            lang,
          ),
        );
      },
    );
  household
    .command('update <id>')
    .description(say(R.householdUpdate))
    .option('--village <id|name>')
    .option('--address <text>')
    .option('--phone <phone>')
    .option('--head <person id>')
    .option('--json', say(CLI.optJson))
    .action(
      async (
        id: string,
        o: { village?: string; address?: string; phone?: string; head?: string; json?: boolean },
      ) => {
        const h = await (await reg()).updateHousehold(await ctx(), id, {
          village: o.village,
          address: o.address,
          phone: o.phone,
          headPersonId: o.head,
        });
        if (o.json) return json(h);
        printHousehold(h);
      },
    );
  household
    .command('archive <id>')
    .description(say(R.householdArchive))
    .option('--on <date>')
    .option('--reason <text>')
    .action(async (id: string, o: { on?: string; reason?: string }) => {
      const h = await (await reg()).archiveHousehold(await ctx(), id, { on: o.on, reason: o.reason });
      io.out(`${h.id}: ${say(R.hArchived)} ${date(h.archivedOn)}\n`);
    });

  // --- people ------------------------------------------------------------------------------------
  const person = program.command('person').description(say(R.person));
  person
    .command('add')
    .description(say(R.personAdd))
    .requiredOption('--household <id>')
    .requiredOption('--name <full name>')
    .option('--id <id>')
    .option('--birth-year <year>')
    .option('--sex <Nam|Nữ>')
    .option('--id-number <cccd>')
    .option('--phone <phone>')
    .option('--relation <text>', 'Vợ, Con, …')
    .option('--policies <list>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        household: string;
        name: string;
        id?: string;
        birthYear?: string;
        sex?: string;
        idNumber?: string;
        phone?: string;
        relation?: string;
        policies?: string;
        json?: boolean;
      }) => {
        const p = await (await reg()).addPerson(await ctx(), {
          householdId: o.household,
          id: o.id,
          fullName: o.name,
          birthYear: o.birthYear,
          sex: o.sex,
          idNumber: o.idNumber,
          phone: o.phone,
          relation: o.relation,
          policies: o.policies,
        });
        if (o.json) return json(p);
        io.out(`${say(CLI.created, { what: lang === 'vi' ? 'người' : 'person', id: p.id })}\n`);
      },
    );
  read(person.command('show <id>').description(say(R.personShow)).option('--as-of <date>')).action(
    async (id: string, o: { asOf?: string; json?: boolean }) => {
      const asOf = day('asOf', o.asOf);
      const p = await (await reg()).person(await ctx(), id, asOf ? { asOf } : {});
      if (o.json) return json(p);
      printPerson(p);
    },
  );
  person
    .command('update <id>')
    .description(say(R.personUpdate))
    .option('--name <full name>')
    .option('--household <id>')
    .option('--birth-year <year>')
    .option('--sex <Nam|Nữ>')
    .option('--id-number <cccd>')
    .option('--phone <phone>')
    .option('--relation <text>')
    .option('--json', say(CLI.optJson))
    .action(
      async (
        id: string,
        o: {
          name?: string;
          household?: string;
          birthYear?: string;
          sex?: string;
          idNumber?: string;
          phone?: string;
          relation?: string;
          json?: boolean;
        },
      ) => {
        const p = await (await reg()).updatePerson(await ctx(), id, {
          fullName: o.name,
          householdId: o.household,
          birthYear: o.birthYear,
          sex: o.sex,
          idNumber: o.idNumber,
          phone: o.phone,
          relation: o.relation,
        });
        if (o.json) return json(p);
        printPerson(p);
      },
    );
  person
    .command('policy <id>')
    .description(say(R.personPolicy))
    .requiredOption('--category <category>', Object.keys(POLICY_LABELS).join(' | '))
    .option('--detail <text>', '2/4')
    .option('--since <date>')
    .option('--until <date>')
    .action(async (id: string, o: { category: string; detail?: string; since?: string; until?: string }) => {
      const p = await (await reg()).setPolicy(await ctx(), id, o);
      printPerson(p);
    });

  // --- poverty status ---------------------------------------------------------------------------
  const status = program.command('status').description(say(R.status));
  status
    .command('set')
    .description(say(R.statusSet))
    .requiredOption('--household <id>')
    .requiredOption('--status <status>', 'poor | near_poor | recently_escaped | middle | none | "Hộ nghèo" …')
    .requiredOption('--date <date>', lang === 'vi' ? 'ngày quyết định' : 'decision date')
    .option('--standard <id>')
    .option('--certificate <no>')
    .option('--income <đồng>', '1.450.000')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        household: string;
        status: string;
        date: string;
        standard?: string;
        certificate?: string;
        income?: string;
        json?: boolean;
      }) => {
        const flags = await (await reg()).setStatus(await ctx(), {
          householdId: o.household,
          status: o.status,
          decidedOn: o.date,
          standard: o.standard,
          certificateNo: o.certificate,
          incomeDong: o.income,
        });
        if (o.json) return json(flags);
        printFlags(o.household, flags);
      },
    );
  read(status.command('show <household>').description(say(R.statusShow)).option('--as-of <date>')).action(
    async (householdId: string, o: { asOf?: string; json?: boolean }) => {
      const r = await reg();
      const c = await ctx();
      const flags = await r.statusFlags(c, householdId, day('asOf', o.asOf));
      const history = await r.statusHistory(c, householdId);
      if (o.json) return json({ flags, history });
      io.out(
        table(
          [say(R.hDecided), say(R.hStatus), say(R.hStandard), say(R.hCertificate), say(R.hIncome)],
          history.map((s) => [
            date(s.decidedOn),
            label(STATUS_LABELS, s.status),
            s.standard,
            s.certificateNo,
            s.incomeDong,
          ]),
          lang,
        ),
      );
      printFlags(householdId, flags);
    },
  );
  read(status.command('standards').description(say(R.statusStandards))).action(
    async (o: { json?: boolean }) => {
      const standards = (await reg()).standards;
      if (o.json) return json(standards);
      io.out(
        table(
          [say(R.hId), say(R.hFrom), say(R.hTo), say(R.hDecree), say(R.hLine)],
          standards.map((s) => [
            s.id,
            date(s.validFrom),
            date(s.validTo),
            s.decree,
            `${s.povertyLineRuralDong ?? '?'} / ${s.povertyLineUrbanDong ?? '?'}`,
          ]),
          lang,
        ),
      );
    },
  );

  // --- shocks --------------------------------------------------------------------------------------
  const shock = program.command('shock').description(say(R.shock));
  shock
    .command('add')
    .description(say(R.shockAdd))
    .requiredOption('--household <id>')
    .requiredOption('--kind <kind>', Object.keys(SHOCK_LABELS).join(' | '))
    .requiredOption('--date <date>')
    .requiredOption('--description <text>')
    .requiredOption('--loss <đồng>', '15.000.000')
    .option('--person <id>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        household: string;
        kind: string;
        date: string;
        description: string;
        loss: string;
        person?: string;
        json?: boolean;
      }) => {
        const s = await (await reg()).addShock(await ctx(), {
          householdId: o.household,
          personId: o.person,
          kind: o.kind,
          occurredOn: o.date,
          description: o.description,
          lossDong: o.loss,
        });
        if (o.json) return json(s);
        io.out(`${say(CLI.created, { what: lang === 'vi' ? 'rủi ro' : 'shock', id: s.id })}\n`);
      },
    );
  read(
    shock
      .command('list')
      .description(say(R.shockList))
      .option('--household <id>')
      .option('--kind <kind>')
      .option('--from <date>')
      .option('--to <date>'),
  ).action(async (o: { household?: string; kind?: string; from?: string; to?: string; json?: boolean }) => {
    const rows = await (await reg()).shocks(await ctx(), {
      ...(o.household ? { householdId: o.household } : {}),
      kind: o.kind,
      from: o.from,
      to: o.to,
    });
    if (o.json) return json(rows);
    io.out(
      table(
        [say(R.hId), say(R.hHousehold), say(R.hKind), say(R.hDate), say(R.hLoss), say(R.hDescription)],
        rows.map((s) => [
          s.id,
          s.householdId,
          label(SHOCK_LABELS, s.kind),
          date(s.occurredOn),
          s.lossDong,
          s.description,
        ]),
        lang,
      ),
    );
  });
  read(shock.command('show <id>').description(say(R.shockShow))).action(
    async (id: string, o: { json?: boolean }) => {
      const s = await (await reg()).shock(await ctx(), id);
      if (o.json) return json(s);
      io.out(
        table(
          [say(R.hId), say(R.hHousehold), say(R.hKind), say(R.hDate), say(R.hLoss), say(R.hDescription)],
          [[s.id, s.householdId, label(SHOCK_LABELS, s.kind), date(s.occurredOn), s.lossDong, s.description]],
          lang,
        ),
      );
    },
  );

  // --- groups ---------------------------------------------------------------------------------------
  const group = program.command('group').description(say(R.group));
  group
    .command('add')
    .description(say(R.groupAdd))
    .requiredOption('--kind <kind>', Object.keys(GROUP_KIND_LABELS).join(' | '))
    .requiredOption('--org <id>')
    .requiredOption('--village <id|name>')
    .requiredOption('--name <name>')
    .option('--id <id>', 'G-0001 (default: next number)')
    .option('--leader <person id>')
    .option('--founded <date>')
    .option('--purpose <text>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        kind: string;
        org: string;
        village: string;
        name: string;
        id?: string;
        leader?: string;
        founded?: string;
        purpose?: string;
        json?: boolean;
      }) => {
        const g = await (await reg()).addGroup(await ctx(), {
          id: o.id,
          kind: o.kind,
          organisation: o.org,
          village: o.village,
          name: o.name,
          leaderPersonId: o.leader,
          foundedOn: o.founded,
          purpose: o.purpose,
        });
        if (o.json) return json(g);
        io.out(`${say(CLI.created, { what: lang === 'vi' ? 'tổ' : 'group', id: g.id })}\n`);
      },
    );
  for (const [name, text, method] of [
    ['join', R.groupJoin, 'joinGroup'],
    ['leave', R.groupLeave, 'leaveGroup'],
  ] as const)
    group
      .command(`${name} <group> <person>`)
      .description(say(text))
      .option('--on <date>', lang === 'vi' ? 'mặc định hôm nay' : 'default today')
      .option('--json', say(CLI.optJson))
      .action(async (groupId: string, personId: string, o: { on?: string; json?: boolean }) => {
        const c = await ctx();
        const g = await (await reg())[method](c, { group: groupId, personId, on: o.on ?? today(c) });
        if (o.json) return json(g);
        printGroup(g);
      });
  group
    .command('leader <group> <person>')
    .description(say(R.groupLeader))
    .action(async (groupId: string, personId: string) => {
      printGroup(await (await reg()).setGroupLeader(await ctx(), { group: groupId, personId }));
    });
  group
    .command('close <group>')
    .description(say(R.groupClose))
    .option('--on <date>')
    .action(async (groupId: string, o: { on?: string }) => {
      printGroup(await (await reg()).closeGroup(await ctx(), { group: groupId, on: o.on }));
    });
  read(group.command('show <id>').description(say(R.groupShow)).option('--as-of <date>')).action(
    async (id: string, o: { asOf?: string; json?: boolean }) => {
      const asOf = day('asOf', o.asOf);
      const g = await (await reg()).group(await ctx(), id, asOf ? { asOf } : {});
      if (o.json) return json(g);
      printGroup(g);
    },
  );
  read(
    group
      .command('list')
      .description(say(R.groupList))
      .option('--org <id>')
      .option('--village <id|name>')
      .option('--kind <kind>')
      .option('--closed', lang === 'vi' ? 'kể cả tổ đã giải thể' : 'include closed groups'),
  ).action(async (o: { org?: string; village?: string; kind?: string; closed?: boolean; json?: boolean }) => {
    const rows = await (await reg()).groups(await ctx(), {
      ...(o.org ? { organisation: o.org } : {}),
      ...(o.village ? { village: o.village } : {}),
      kind: o.kind,
      includeClosed: o.closed ?? false,
    });
    if (o.json) return json(rows);
    io.out(
      table(
        [
          say(R.hId),
          say(R.hName),
          say(R.hKind),
          say(R.hOrganisation),
          say(R.hVillage),
          say(R.hLeader),
          say(R.hMembers),
        ],
        rows.map((g) => [
          g.id,
          g.name,
          label(GROUP_KIND_LABELS, g.kind),
          g.organisationId,
          g.villageId,
          g.leaderPersonId,
          g.openMembers,
        ]),
        lang,
      ),
    );
  });
  read(group.command('check').description(say(R.groupCheck)).option('--as-of <date>')).action(
    async (o: { asOf?: string; json?: boolean }) => {
      const c = await ctx();
      const asOf = day('asOf', o.asOf);
      const problems = await (await reg()).checkGroups(c, asOf);
      if (o.json) return json(problems);
      if (problems.length === 0) io.out(`${say(R.checkOk, { asOf: asOf ?? today(c) })}\n`);
      else {
        io.out(`${say(R.checkBad, { count: problems.length, asOf: asOf ?? today(c) })}\n`);
        for (const p of problems) io.out(`  ${describeRefusal(p, lang)}\n`);
        // Like `verify`: a script can tell that the inspection found something.
        throw new ExitWith(EXIT.verifyFailed);
      }
    },
  );

  // --- organisation members ------------------------------------------------------------------------
  const member = program.command('member').description(say(R.member));
  for (const [name, text, method] of [
    ['join', R.memberJoin, 'joinOrganisation'],
    ['leave', R.memberLeave, 'leaveOrganisation'],
  ] as const)
    member
      .command(name)
      .description(say(text))
      .requiredOption('--org <id>')
      .requiredOption('--person <id>')
      .option('--on <date>')
      .option('--json', say(CLI.optJson))
      .action(async (o: { org: string; person: string; on?: string; json?: boolean }) => {
        const c = await ctx();
        const m = await (await reg())[method](c, {
          organisation: o.org,
          personId: o.person,
          on: o.on ?? today(c),
        });
        if (o.json) return json(m);
        io.out(
          `${m.organisationId} · ${m.personId} ${m.fullName}: ${date(m.joinedOn)} – ${date(m.leftOn)}\n`,
        );
      });
  read(
    member
      .command('list')
      .description(say(R.memberList))
      .requiredOption('--org <id>')
      .option('--as-of <date>'),
  ).action(async (o: { org: string; asOf?: string; json?: boolean }) => {
    const rows = await (await reg()).organisationMembers(await ctx(), o.org, day('asOf', o.asOf));
    if (o.json) return json(rows);
    io.out(
      table(
        [say(R.hId), say(R.hName), say(R.hJoined)],
        rows.map((m) => [m.personId, m.fullName, date(m.joinedOn)]),
        lang,
      ),
    );
  });

  // --- search ----------------------------------------------------------------------------------------
  read(
    program
      .command('search <query>')
      .description(say(R.search))
      .option('--village <id|name>')
      .option('--status <status>')
      .option('--org <id>')
      .option('--group <id>')
      .option('--as-of <date>')
      .option('--archived', lang === 'vi' ? 'kể cả hộ đã lưu trữ' : 'include archived households')
      .option('--limit <n>', '', '50'),
  ).action(
    async (
      query: string,
      o: {
        village?: string;
        status?: string;
        org?: string;
        group?: string;
        asOf?: string;
        archived?: boolean;
        limit: string;
        json?: boolean;
      },
    ) => {
      const r = await (await reg()).search(await ctx(), query, {
        village: o.village,
        status: o.status,
        organisation: o.org,
        group: o.group,
        asOf: o.asOf,
        includeArchived: o.archived ?? false,
        limit: Number(o.limit) || 50,
      });
      if (o.json) return json(r);
      if (r.hits.length === 0) io.out(`${say(R.noHits)}\n`);
      else
        io.out(
          table(
            [
              say(R.hId),
              say(R.hName),
              say(R.hBirth),
              say(R.hHousehold),
              say(R.hVillage),
              say(R.hStatus),
              say(R.hIdNumber),
              say(R.hEdits),
            ],
            r.hits.map((h) => [
              h.id,
              h.fullName,
              h.birthYear === null ? '' : String(h.birthYear),
              h.householdId,
              h.villageName,
              label(STATUS_LABELS, h.status),
              h.idNumber,
              h.edits === 0 ? '' : String(h.edits),
            ]),
            lang,
          ),
        );
      if (r.truncated) io.out(`${say(R.truncated, { candidates: r.candidates })}\n`);
    },
  );

  // --- import, export, change log ---------------------------------------------------------------------
  const registry = program.command('registry').description(say(R.registry));
  registry
    .command('import <file>')
    .description(say(R.registryImport))
    .option('--dry-run')
    .option('--no-new-villages', lang === 'vi' ? 'không tự tạo thôn mới' : 'do not create new villages')
    .option('--json', say(CLI.optJson))
    .action(async (file: string, o: { dryRun?: boolean; newVillages: boolean; json?: boolean }) => {
      const c = await ctx();
      const report = await importRegistryFile(await reg(), c, file, {
        dryRun: o.dryRun ?? false,
        createVillages: o.newVillages,
      });
      if (o.json) json(report);
      else {
        const counts = (x: ImportCounts) => countsText(x);
        if (report.skippedSheets.length > 0)
          io.out(`${say(R.importSkipped, { sheets: report.skippedSheets.join(', ') })}\n`);
        if (report.refusals.length > 0) {
          io.out(`${say(CLI.importDryBad, { count: report.refusals.length })}\n`);
          for (const r of report.refusals) io.out(`  ${describeRefusal(r, lang)}\n`);
        } else if (report.dryRun)
          io.out(
            `${say(R.importDryOk, { rows: report.rows, created: counts(report.created), updated: counts(report.updated) })}\n`,
          );
        else if (countsText(report.created) === '—' && countsText(report.updated) === '—')
          io.out(`${say(R.importNothing)}\n`);
        else
          io.out(
            `${say(R.importOk, { created: counts(report.created), updated: counts(report.updated) })}\n`,
          );
        if (report.newVillages.length > 0 && report.refusals.length === 0)
          io.out(`${say(R.newVillages, { names: report.newVillages.join(', ') })}\n`);
      }
      if (report.refusals.length > 0) throw new ExitWith(EXIT.refused);
    });
  registry
    .command('export')
    .description(say(R.registryExport))
    .requiredOption('--out <file.xlsx>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { out: string; json?: boolean }) => {
      const counts = await exportRegistryXlsx(await reg(), await ctx(), o.out);
      if (o.json) return json(counts);
      io.out(`${say(R.exported, { ...counts, file: o.out })}\n`);
    });
  read(
    registry
      .command('log')
      .description(say(R.registryLog))
      .option('--entity <table>', 'household | person | poverty_status | grp | group_membership | …')
      .option('--id <id>')
      .option('--after <seq>')
      .option('--limit <n>', '', '100'),
  ).action(async (o: { entity?: string; id?: string; after?: string; limit: string; json?: boolean }) => {
    const rows = await (await reg()).changes(await ctx(), {
      ...(o.entity ? { entity: o.entity } : {}),
      ...(o.id ? { entityId: o.id } : {}),
      ...(o.after ? { afterSeq: Number(o.after) } : {}),
      limit: Number(o.limit) || 100,
    });
    if (o.json) return json(rows);
    io.out(
      table(
        [say(R.hSeq), say(R.hWhen), say(R.hWho), say(R.hWhat), say(R.hId), say(R.hAction)],
        rows.map((r) => [
          String(r.seq),
          r.recordedAt.slice(0, 19).replace('T', ' '),
          r.actor,
          r.entity,
          r.entityId,
          r.action,
        ]),
        lang,
      ),
    );
  });

  // --- printing ---------------------------------------------------------------------------------------

  function countsText(x: ImportCounts): string {
    const names: Record<keyof ImportCounts, Text> = {
      villages: { vi: 'thôn', en: 'villages' },
      households: { vi: 'hộ', en: 'households' },
      people: { vi: 'người', en: 'people' },
      statuses: { vi: 'quyết định', en: 'decisions' },
      policies: { vi: 'chính sách', en: 'policy categories' },
      memberships: { vi: 'thành viên', en: 'memberships' },
    };
    const parts = (Object.keys(names) as Array<keyof ImportCounts>)
      .filter((k) => x[k] > 0)
      .map((k) => `${x[k]} ${names[k][lang]}`);
    return parts.length > 0 ? parts.join(', ') : '—';
  }

  function printFlags(householdId: string, f: StatusFlags): void {
    io.out(
      `${householdId} · ${date(f.asOf)}: ${label(STATUS_LABELS, f.status) || '—'}${f.since ? ` (${say(R.hSince)} ${date(f.since)})` : ''}\n`,
    );
    if (f.newlyPoor) io.out(`  ${say(R.newlyPoor, { since: f.spellStart })}\n`);
    if (f.fellBack) io.out(`  ${say(R.fellBack, { since: f.spellStart })}\n`);
    if (f.escapedOn)
      io.out(
        `  ${say(f.escapedWithin3Years ? R.escaped : R.escapedOld, { on: f.escapedOn, through: f.eligibleThrough })}\n`,
      );
  }

  function printHousehold(h: HouseholdDetail): void {
    io.out(
      `${h.id} · ${h.villageName}${h.address ? ` · ${h.address}` : ''}${h.phone ? ` · ${h.phone}` : ''}${h.archivedOn ? ` · ${say(R.hArchived)} ${date(h.archivedOn)}` : ''}\n`,
    );
    io.out(
      table(
        [
          say(R.hId),
          say(R.hName),
          say(R.hRelation),
          say(R.hBirth),
          say(R.hSex),
          say(R.hIdNumber),
          say(R.hPolicies),
        ],
        h.members.map((m) => [
          m.id,
          m.fullName,
          m.relation,
          m.birthYear === null ? '' : String(m.birthYear),
          label(SEX_LABELS, m.sex),
          m.idNumber,
          m.policies
            .map((p) => `${label(POLICY_LABELS, p.category)}${p.detail ? ` ${p.detail}` : ''}`)
            .join('; '),
        ]),
        lang,
      ),
    );
    printFlags(h.id, h.flags);
    if (h.shocks.length > 0)
      io.out(
        table(
          [say(R.hId), say(R.hKind), say(R.hDate), say(R.hLoss), say(R.hDescription)],
          h.shocks.map((s) => [
            s.id,
            label(SHOCK_LABELS, s.kind),
            date(s.occurredOn),
            s.lossDong,
            s.description,
          ]),
          lang,
        ),
      );
    const memberships = [
      ...h.groups.map((g) => [g.groupId, g.groupName, g.fullName, date(g.joinedOn), date(g.leftOn)]),
      ...h.organisations.map((o) => [o.organisationId, '', o.fullName, date(o.joinedOn), date(o.leftOn)]),
    ];
    if (memberships.length > 0)
      io.out(
        table(
          [say(R.hGroup), say(R.hName), say(R.hMembers), say(R.hJoined), say(R.hLeft)],
          memberships,
          lang,
        ),
      );
  }

  function printPerson(p: PersonDetail): void {
    io.out(
      `${p.id} · ${p.fullName}${p.birthYear ? ` · ${p.birthYear}` : ''}${p.sex ? ` · ${label(SEX_LABELS, p.sex)}` : ''}${p.idNumber ? ` · ${p.idNumber}` : ''}\n`,
    );
    io.out(
      `${say(R.hHousehold)}: ${p.household.id} (${p.household.headName ?? ''}, ${p.household.villageName})\n`,
    );
    for (const x of p.policies)
      io.out(`  ${label(POLICY_LABELS, x.category)}${x.detail ? ` ${x.detail}` : ''}\n`);
    for (const g of p.groups)
      io.out(`  ${g.groupId} ${g.groupName}: ${date(g.joinedOn)} – ${date(g.leftOn)}\n`);
    for (const o of p.organisations)
      io.out(`  ${o.organisationId}: ${date(o.joinedOn)} – ${date(o.leftOn)}\n`);
  }

  function printGroup(g: GroupDetail): void {
    io.out(
      `${g.id} · ${g.name} · ${label(GROUP_KIND_LABELS, g.kind)} · ${g.organisationId} · ${g.villageId}${g.closedOn ? ` · ${date(g.closedOn)}` : ''}\n`,
    );
    io.out(
      `${say(R.hLeader)}: ${g.leaderName ?? '—'} · ${say(R.hMembers)}: ${g.members.length} (${date(g.asOf)})\n`,
    );
    io.out(
      table(
        [say(R.hId), say(R.hName), say(R.hJoined)],
        g.members.map((m) => [m.personId, m.fullName, date(m.joinedOn)]),
        lang,
      ),
    );
  }
}
