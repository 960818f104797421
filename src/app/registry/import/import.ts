/**
 * `registry import FILE [--dry-run]`: households, people, status decisions and memberships from
 * a treasurer's `.xlsx` or `.csv` (docs/design/registry.md § Import). A dry run reads, checks and
 * plans, and reports every bad row; a real import does the same inside one registry write and
 * writes every row or none. Re-importing the same file finds nothing to change and writes
 * nothing, not even a change-log row.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Refusal, RefusedError } from '../../../domain/refusal.ts';
import { nameKey } from '../../../domain/registry/names.ts';
import { indexNames } from '../../../store/registry-search-store.ts';
import * as q from '../../../store/registry-store.ts';
import { type Ctx, today } from '../../context.ts';
import type { Registry } from '../registry.ts';
import { diff, registryWrite, type WriteScope } from '../write.ts';
import { buildPlan, type Plan, type PlannedPerson } from './plan.ts';
import { readRecords } from './rows.ts';
import { readSpreadsheet, type SheetKind } from './sheets.ts';

export interface ImportOptions {
  readonly dryRun?: boolean;
  /** Create villages the file names that do not exist yet (default true). */
  readonly createVillages?: boolean;
}

export interface ImportCounts {
  villages: number;
  households: number;
  people: number;
  statuses: number;
  policies: number;
  memberships: number;
}

export interface ImportReport {
  readonly file: string;
  readonly format: 'xlsx' | 'csv';
  readonly dryRun: boolean;
  readonly sheets: ReadonlyArray<{ name: string; kind: SheetKind; rows: number }>;
  /** Sheets with no recognised header row, not imported. */
  readonly skippedSheets: readonly string[];
  readonly rows: number;
  /** Every bad row, in sheet and row order. Empty when the file is good. */
  readonly refusals: readonly Refusal[];
  readonly created: ImportCounts;
  readonly updated: ImportCounts;
  readonly newVillages: readonly string[];
}

const zero = (): ImportCounts => ({
  villages: 0,
  households: 0,
  people: 0,
  statuses: 0,
  policies: 0,
  memberships: 0,
});

export async function importRegistryFile(
  registry: Registry,
  ctx: Ctx,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  // Only the records and the facts below outlive this block: the raw rows can be collected.
  const { records, rowRefusals, readRefusals, base, anySheet } = await (async () => {
    const read = await readSpreadsheet(path);
    const { records, refusals } = readRecords(read.sheets, today(ctx));
    return {
      records,
      rowRefusals: refusals,
      readRefusals: read.refusals,
      anySheet: read.sheets.length > 0,
      base: {
        file: path.replace(/^.*[\\/]/, ''),
        format: read.format,
        dryRun,
        sheets: read.sheets.map((s) => ({ name: s.name, kind: s.kind, rows: s.rows.length })),
        skippedSheets: read.skipped,
        rows: read.rows,
      },
    };
  })();
  const planOptions = { createVillages: options.createVillages ?? true, standards: registry.standards };
  const all = (plan: Plan | null) => ordered([...readRefusals, ...rowRefusals, ...(plan?.refusals ?? [])]);
  if (dryRun) {
    const plan = anySheet ? await buildPlan(registry.store.db, ctx.tenant, records, planOptions) : null;
    const { created, updated } = plan ? count(plan) : { created: zero(), updated: zero() };
    return {
      ...base,
      refusals: all(plan),
      created,
      updated,
      newVillages: plan?.newVillages.map((v) => v.name) ?? [],
    };
  }
  const source = `import:${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16)}`;
  const report = await registryWrite(registry.store, ctx, source, async (w): Promise<ImportReport> => {
    const plan = anySheet ? await buildPlan(w.tx, ctx.tenant, records, planOptions) : null;
    const refusals = all(plan);
    if (refusals.length > 0 || !plan) throw new RefusedError(refusals);
    const { created, updated } = await apply(registry, w, ctx, plan);
    return { ...base, refusals: [], created, updated, newVillages: plan.newVillages.map((v) => v.name) };
  });
  const written = Object.values(report.created).reduce((a, b) => a + b, 0);
  if (written >= BULK_ROWS_MIN) await q.refreshStatistics(registry.store.db, registry.store.kind);
  return report;
}

/** An import that creates this many records refreshes the planner's statistics (PostgreSQL). */
const BULK_ROWS_MIN = 1_000;

const KIND_ORDER: Record<string, number> = { households: 0, people: 1, statuses: 2, memberships: 3 };

/** Sheet by sheet (in the order the export writes them), then row by row. */
function ordered(refusals: Refusal[]): Refusal[] {
  const kind = (r: Refusal) => KIND_ORDER[r.field.split('.')[0] ?? ''] ?? -1;
  return refusals
    .map((r, i) => ({ r, i }))
    .sort((a, b) => kind(a.r) - kind(b.r) || (a.r.row ?? 0) - (b.r.row ?? 0) || a.i - b.i)
    .map((x) => x.r);
}

/** The person a planned one becomes (after its id is known). */
function personAfter(p: PlannedPerson): q.PersonRow {
  const g = <T>(k: string, fallback: T): T =>
    p.given.has(k as never) ? (p.given.get(k as never)!.value as T) : fallback;
  const e = p.existing;
  const fullName = g('fullName', e?.fullName ?? '');
  return {
    id: p.id!,
    householdId: p.householdId,
    fullName,
    nameKey: e && e.fullName === fullName ? e.nameKey : nameKey(fullName),
    birthYear: g('birthYear', e?.birthYear ?? null),
    sex: g('sex', e?.sex ?? null),
    idNumber: g('idNumber', e?.idNumber ?? null),
    phone: g('phone', e?.phone ?? null),
    relation: g('relation', e?.relation ?? null),
  };
}

function householdAfter(plan: Plan, id: string): q.HouseholdRow {
  const h = plan.households.get(id)!;
  const e = h.existing;
  return {
    id,
    villageId: plan.villageIds.get(h.villageRef) ?? e?.villageId ?? '',
    headPersonId: h.head?.id ?? e?.headPersonId ?? null,
    address: h.address ?? e?.address ?? null,
    phone: h.phone ?? e?.phone ?? null,
    archivedOn: e?.archivedOn ?? null,
    archiveReason: e?.archiveReason ?? null,
  };
}

function policyChanges(
  plan: Plan,
  p: PlannedPerson,
): Array<{ row: q.PolicyRow; before: q.PolicyRow | null }> {
  const stored = p.existing ? (plan.state.policies.get(p.existing.id) ?? []) : [];
  const out: Array<{ row: q.PolicyRow; before: q.PolicyRow | null }> = [];
  for (const [category, { detail }] of p.policies) {
    const before = stored.find((s) => s.category === category) ?? null;
    // An empty detail keeps the stored one, like every empty cell.
    if (before && (detail === null || before.detail === detail)) continue;
    out.push({
      row: {
        personId: p.id ?? '',
        category,
        detail,
        sinceOn: before?.sinceOn ?? null,
        untilOn: before?.untilOn ?? null,
      },
      before,
    });
  }
  return out;
}

/** What the plan would create and change (new people counted before they have ids). */
function count(plan: Plan): { created: ImportCounts; updated: ImportCounts } {
  const created = zero();
  const updated = zero();
  created.villages = plan.newVillages.length;
  for (const [id, h] of plan.households) {
    if (!h.existing) created.households++;
    else if (diff(h.existing, householdAfter(plan, id))) updated.households++;
  }
  for (const p of plan.people) {
    if (!p.existing) created.people++;
    else if (diff(p.existing, personAfter(p))) updated.people++;
    for (const c of policyChanges(plan, p)) (c.before ? updated : created).policies++;
  }
  for (const s of plan.statuses) (s.existing ? updated : created).statuses++;
  for (const m of plan.memberships) (m.existing ? updated : created).memberships++;
  return { created, updated };
}

async function apply(
  registry: Registry,
  w: WriteScope,
  ctx: Ctx,
  plan: Plan,
): Promise<{ created: ImportCounts; updated: ImportCounts }> {
  const tenant = ctx.tenant;
  const { changes } = w;
  const { created, updated } = count(plan);

  await q.insertVillages(w.tx, tenant, plan.newVillages, w.at);
  for (const v of plan.newVillages) changes.add('village', v.id, 'create', null, { id: v.id, name: v.name });

  const fresh = plan.people.filter((p) => p.id === null);
  const ids = await registry.newIdsInTx(w.tx, tenant, 'person', fresh.length);
  fresh.forEach((p, i) => {
    p.id = ids[i]!;
  });

  const newHouseholds: q.HouseholdRow[] = [];
  for (const [id, h] of plan.households) {
    const after = householdAfter(plan, id);
    if (!h.existing) {
      newHouseholds.push(after);
      changes.add('household', id, 'create', null, after);
    } else if (diff(h.existing, after)) {
      await q.updateHousehold(w.tx, tenant, after, w.at);
      changes.add('household', id, 'update', h.existing, after);
    }
  }
  await q.insertHouseholds(w.tx, tenant, newHouseholds, w.at);
  await q.analyzeWithin(w.tx, registry.store.kind, 'household', newHouseholds.length);

  const newPeople = plan.people.filter((p) => !p.existing).map(personAfter);
  await q.insertPersons(w.tx, tenant, newPeople, w.at);
  await q.analyzeWithin(w.tx, registry.store.kind, 'person', newPeople.length);
  await indexNames(
    w.tx,
    tenant,
    newPeople.map((p) => ({ personId: p.id, tokens: p.nameKey.split(' ') })),
  );
  for (const p of newPeople) {
    const { nameKey: _k, ...record } = p;
    changes.add('person', p.id, 'create', null, record);
  }
  for (const p of plan.people)
    if (p.existing) await registry.writePersonChangeInTx(w, ctx, p.existing, personAfter(p));

  const policyRows = plan.people.flatMap((p) => policyChanges(plan, p));
  await q.upsertPolicies(
    w.tx,
    tenant,
    policyRows.map((c) => c.row),
    w.at,
  );
  for (const c of policyRows)
    changes.add(
      'person_policy',
      `${c.row.personId}/${c.row.category}`,
      c.before ? 'update' : 'create',
      c.before,
      c.row,
    );

  const statusRows = plan.statuses.map((s) => ({
    ...s,
    row: { ...s.row, recordedAt: w.at, actor: ctx.actor },
  }));
  await q.insertStatuses(
    w.tx,
    tenant,
    statusRows.filter((s) => !s.existing).map((s) => s.row),
  );
  for (const s of statusRows) {
    const key = `${s.row.householdId}/${s.row.decidedOn}`;
    const { recordedAt: _a, actor: _b, ...content } = s.row;
    if (s.existing) {
      await q.updateStatus(w.tx, tenant, s.row);
      const { recordedAt: _c, actor: _d, ...old } = s.existing;
      changes.add('poverty_status', key, 'update', old, content);
    } else changes.add('poverty_status', key, 'create', null, content);
  }

  const joinsOrg: q.MembershipRow[] = [];
  const joinsGroup: q.GroupMembershipRow[] = [];
  for (const m of plan.memberships) {
    const personId = m.person.id!;
    const row = { of: m.of, personId, joinedOn: m.rec.joinedOn, leftOn: m.rec.leftOn };
    const key = `${m.of}/${personId}/${m.rec.joinedOn}`;
    if (m.existing) {
      await q.setLeft(w.tx, tenant, m.table, row, w.at);
      changes.add(m.table, key, 'leave', m.existing, row);
    } else {
      if (m.table === 'group_membership') joinsGroup.push({ ...row, groupKind: m.groupKind! });
      else joinsOrg.push(row);
      changes.add(m.table, key, 'join', null, row);
    }
  }
  await q.insertOrgMemberships(w.tx, tenant, joinsOrg, w.at);
  await q.insertGroupMemberships(w.tx, tenant, joinsGroup, w.at);
  return { created, updated };
}
