/**
 * `registry export --out FILE.xlsx`: the registry as the four sheets the importer reads
 * (households, people, status decisions, memberships), Vietnamese headers, dates dd/mm/yyyy,
 * ID numbers as text. Importing the export back changes nothing. Archived households (and their
 * people) are left out: the export is the working list.
 */
import type { Worksheet } from 'exceljs';
import { formatDate } from '../../domain/dates.ts';
import type { PolicyCategory, Sex } from '../../domain/registry/kinds.ts';
import { POLICY_LABELS, SEX_LABELS, STATUS_LABELS } from '../../i18n/registry.ts';
import * as q from '../../store/registry-store.ts';
import type { Ctx } from '../context.ts';
import ExcelJS from './import/exceljs.ts';
import {
  COLUMN_HEADERS,
  type ColumnKey,
  SHEET_COLUMNS,
  SHEET_NAMES,
  type SheetKind,
} from './import/sheets.ts';
import type { Registry } from './registry.ts';

export interface ExportCounts {
  readonly households: number;
  readonly people: number;
  readonly statuses: number;
  readonly memberships: number;
}

const COLUMNS: Readonly<Record<SheetKind, readonly ColumnKey[]>> = {
  households: SHEET_COLUMNS.households,
  people: SHEET_COLUMNS.people,
  statuses: SHEET_COLUMNS.statuses,
  memberships: ['personId', 'fullName', 'organisation', 'groupId', 'joinedOn', 'leftOn'],
};

/** "Thương binh 2/4; Người khuyết tật", which the importer reads back. */
export function policiesText(rows: readonly q.PolicyRow[]): string {
  return rows
    .map((p) =>
      p.category === 'war_invalid' && p.detail
        ? `${POLICY_LABELS[p.category].vi} ${p.detail}`
        : POLICY_LABELS[p.category as PolicyCategory].vi,
    )
    .join('; ');
}

function sexText(sex: Sex | null): string | null {
  return sex === null ? null : SEX_LABELS[sex].vi;
}

function dateText(d: string | null): string | null {
  return d === null ? null : formatDate(d);
}

export async function exportRegistryXlsx(registry: Registry, ctx: Ctx, path: string): Promise<ExportCounts> {
  const db = registry.store.db;
  const tenant = ctx.tenant;
  const [villages, households, persons, statuses, policies, groups, orgMemberships, groupMemberships] =
    await Promise.all([
      q.listVillages(db, tenant),
      q.allHouseholds(db, tenant),
      q.allPersons(db, tenant),
      q.allStatuses(db, tenant),
      q.allPolicies(db, tenant),
      q.findGroups(db, tenant, { includeClosed: true }),
      q.orgMemberships(db, tenant, {}),
      q.groupMemberships(db, tenant, {}),
    ]);
  const open = households.filter((h) => h.archivedOn === null).sort((a, b) => (a.id < b.id ? -1 : 1));
  const openIds = new Set(open.map((h) => h.id));
  const people = persons
    .filter((p) => openIds.has(p.householdId))
    .sort((a, b) =>
      a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : a.id < b.id ? -1 : 1,
    );
  const personById = new Map(persons.map((p) => [p.id, p]));
  const villageName = new Map(villages.map((v) => [v.id, v.name]));
  const policiesOf = new Map<string, q.PolicyRow[]>();
  for (const p of policies) policiesOf.set(p.personId, [...(policiesOf.get(p.personId) ?? []), p]);
  const history = new Map<string, q.StatusRow[]>();
  for (const s of statuses) history.set(s.householdId, [...(history.get(s.householdId) ?? []), s]);
  const groupOrg = new Map(groups.map((g) => [g.id, g.organisationId]));

  // The whole-file writer, not the streaming one: its zip states each entry's size up front, as
  // Excel's do, which every reader (ours included, see import/sheets.ts) reads reliably.
  const wb = new ExcelJS.Workbook();
  const sheet = (kind: SheetKind) => {
    const ws = wb.addWorksheet(SHEET_NAMES[kind]);
    ws.columns = COLUMNS[kind].map((c) => ({
      header: COLUMN_HEADERS[c],
      key: c,
      width: Math.max(12, COLUMN_HEADERS[c].length + 2),
    }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const write = (ws: Worksheet, values: Partial<Record<ColumnKey, unknown>>) => {
    ws.addRow(values);
  };

  const hs = sheet('households');
  for (const h of open) {
    const head = h.headPersonId === null ? undefined : personById.get(h.headPersonId);
    const latest = history.get(h.id)?.at(-1);
    write(hs, {
      householdId: h.id,
      headName: head?.fullName ?? null,
      village: villageName.get(h.villageId) ?? h.villageId,
      address: h.address,
      phone: h.phone,
      birthYear: head?.birthYear ?? null,
      sex: sexText(head?.sex ?? null),
      idNumber: head?.idNumber ?? null,
      status: latest ? STATUS_LABELS[latest.status].vi : null,
      decidedOn: dateText(latest?.decidedOn ?? null),
      certificateNo: latest?.certificateNo ?? null,
      standard: latest?.standard ?? null,
      incomeDong: latest?.incomeDong ?? null,
      policies: head ? policiesText(policiesOf.get(head.id) ?? []) || null : null,
    });
  }

  const ps = sheet('people');
  for (const p of people)
    write(ps, {
      householdId: p.householdId,
      personId: p.id,
      fullName: p.fullName,
      relation: p.relation,
      birthYear: p.birthYear,
      sex: sexText(p.sex),
      idNumber: p.idNumber,
      phone: p.phone,
      policies: policiesText(policiesOf.get(p.id) ?? []) || null,
    });

  const ss = sheet('statuses');
  let statusCount = 0;
  for (const h of open)
    for (const s of history.get(h.id) ?? []) {
      write(ss, {
        householdId: s.householdId,
        status: STATUS_LABELS[s.status].vi,
        decidedOn: dateText(s.decidedOn),
        certificateNo: s.certificateNo,
        standard: s.standard,
        incomeDong: s.incomeDong,
      });
      statusCount++;
    }

  const ms = sheet('memberships');
  let membershipCount = 0;
  const rows = [
    ...orgMemberships.map((m) => ({ ...m, organisation: m.of, groupId: null as string | null })),
    ...groupMemberships.map((m) => ({
      ...m,
      organisation: groupOrg.get(m.of) ?? null,
      groupId: m.of as string | null,
    })),
  ];
  for (const m of rows) {
    const p = personById.get(m.personId);
    if (!p || !openIds.has(p.householdId)) continue;
    write(ms, {
      personId: m.personId,
      fullName: p.fullName,
      organisation: m.organisation,
      groupId: m.groupId,
      joinedOn: dateText(m.joinedOn),
      leftOn: dateText(m.leftOn),
    });
    membershipCount++;
  }
  await wb.xlsx.writeFile(path);
  return {
    households: open.length,
    people: people.length,
    statuses: statusCount,
    memberships: membershipCount,
  };
}
