/**
 * The registry's queries (docs/design/registry.md). Every query filters by tenant. Writes take a
 * transaction handle from `Store.write` after `lockRegistry`; reads take either. Rows come back
 * camel-cased and checked; there is no DELETE of a registry row here, only of the derived search
 * index (`person_token`) when a name changes.
 */
import { type Kysely, sql } from 'kysely';
import type { BusinessDate } from '../domain/dates.ts';
import { assert } from '../domain/refusal.ts';
import type { GroupKind, PolicyCategory, PovertyStatus, Sex, ShockKind } from '../domain/registry/kinds.ts';
import type { EngineKind } from './migrations/dialect.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/** Bound parameters per statement stay well under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMS_PER_STATEMENT = 30_000;
/** Values in one `IN (…)` list. */
const IN_LIST_MAX = 5_000;

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.floor(PARAMS_PER_STATEMENT / columns));
}

async function insertMany<T extends keyof Database>(
  tx: Db,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const size = rowsPerInsert(Object.keys(rows[0]!).length);
  for (const part of chunks(rows, size))
    await tx
      .insertInto(table)
      .values(part as never)
      .execute();
}

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : (x as number);
  assert(Number.isSafeInteger(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

function intOrNull(x: unknown, what: string): number | null {
  return x === null || x === undefined ? null : int(x, what);
}

// --- lock, counters, change log ---------------------------------------------------------------

/**
 * Serialises registry writers of one commune: the `change` counter row is locked until commit
 * on PostgreSQL (SQLite's BEGIN IMMEDIATE already holds the one write lock). Everything a write
 * checks (group sizes, one joint plan per person, generated ids, the change sequence) is then
 * read under this lock. Returns false when the tenant does not exist.
 */
export async function lockRegistry(tx: Db, kind: EngineKind, tenant: string): Promise<boolean> {
  const t = await tx.selectFrom('tenant').select('id').where('id', '=', tenant).executeTakeFirst();
  if (!t) return false;
  await tx
    .insertInto('registry_counter')
    .values({ tenant_id: tenant, name: 'change', next_value: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .execute();
  let q = tx
    .selectFrom('registry_counter')
    .select('next_value')
    .where('tenant_id', '=', tenant)
    .where('name', '=', 'change');
  if (kind === 'postgres') q = q.forUpdate();
  await q.execute();
  return true;
}

/** Reserves `count` consecutive numbers of counter `name`; returns the first. Call under the lock. */
export async function takeNumbers(tx: Db, tenant: string, name: string, count: number): Promise<number> {
  const row = await tx
    .selectFrom('registry_counter')
    .select('next_value')
    .where('tenant_id', '=', tenant)
    .where('name', '=', name)
    .executeTakeFirst();
  const first = row ? int(row.next_value, 'next_value') : 1;
  if (count === 0) return first;
  if (row)
    await tx
      .updateTable('registry_counter')
      .set({ next_value: first + count })
      .where('tenant_id', '=', tenant)
      .where('name', '=', name)
      .execute();
  else
    await tx
      .insertInto('registry_counter')
      .values({ tenant_id: tenant, name, next_value: first + count })
      .execute();
  return first;
}

export interface ChangeRow {
  readonly seq: number;
  readonly recordedAt: string;
  readonly actor: string;
  readonly source: string;
  readonly entity: string;
  readonly entityId: string;
  readonly action: string;
  readonly before: unknown;
  readonly after: unknown;
}

export async function insertChanges(tx: Db, tenant: string, rows: readonly ChangeRow[]): Promise<void> {
  await insertMany(
    tx,
    'registry_change',
    rows.map((r) => ({
      tenant_id: tenant,
      seq: r.seq,
      recorded_at: r.recordedAt,
      actor: r.actor,
      source: r.source,
      entity: r.entity,
      entity_id: r.entityId,
      action: r.action,
      before_json: r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
      after_json: r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
    })),
  );
}

export async function listChanges(
  db: Db,
  tenant: string,
  f: { entity?: string | undefined; entityId?: string | undefined; afterSeq?: number; limit: number },
): Promise<ChangeRow[]> {
  let q = db.selectFrom('registry_change').selectAll().where('tenant_id', '=', tenant);
  if (f.entity !== undefined) q = q.where('entity', '=', f.entity);
  if (f.entityId !== undefined) q = q.where('entity_id', '=', f.entityId);
  if (f.afterSeq !== undefined) q = q.where('seq', '>', f.afterSeq);
  const rows = await q.orderBy('seq').limit(f.limit).execute();
  return rows.map((r) => ({
    seq: int(r.seq, 'seq'),
    recordedAt: r.recorded_at,
    actor: r.actor,
    source: r.source,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}

/**
 * PostgreSQL plans from table statistics, which autovacuum refreshes only after a while; after a
 * bulk import the registry asks for them at once. SQLite's planner needs none here.
 */
export async function refreshStatistics(db: Db, kind: EngineKind): Promise<void> {
  if (kind !== 'postgres') return;
  await sql
    .raw(
      'ANALYZE village, household, person, person_policy, poverty_status, organisation_membership, grp, group_membership, person_token, person_pair, name_token, name_token_variant',
    )
    .execute(db);
}

/**
 * Inside a bulk write on PostgreSQL: refreshes the statistics of tables just filled, so the
 * foreign-key checks of the next inserts (planned from statistics that still say "empty") look
 * parents up by key instead of scanning them once per row. ANALYZE sees the transaction's own
 * rows. Does nothing on SQLite or for small batches.
 */
export async function analyzeWithin(tx: Db, kind: EngineKind, table: string, rows: number): Promise<void> {
  if (kind === 'postgres' && rows >= ANALYZE_ROWS_MIN) await sql.raw(`ANALYZE ${table}`).execute(tx);
}

/** A batch this large refreshes statistics before the rows that refer to it (see ledger-store). */
const ANALYZE_ROWS_MIN = 1_000;

// --- villages -----------------------------------------------------------------------------------

export interface VillageRow {
  readonly id: string;
  readonly name: string;
  readonly nameKey: string;
  readonly archivedOn: BusinessDate | null;
}

export async function insertVillages(
  tx: Db,
  tenant: string,
  rows: readonly VillageRow[],
  at: string,
): Promise<void> {
  await insertMany(
    tx,
    'village',
    rows.map((v) => ({
      tenant_id: tenant,
      id: v.id,
      name: v.name,
      name_key: v.nameKey,
      created_at: at,
      archived_on: v.archivedOn,
    })),
  );
}

export async function listVillages(db: Db, tenant: string): Promise<VillageRow[]> {
  const rows = await db
    .selectFrom('village')
    .select(['id', 'name', 'name_key', 'archived_on'])
    .where('tenant_id', '=', tenant)
    .orderBy('name_key')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, nameKey: r.name_key, archivedOn: r.archived_on }));
}

// --- households -----------------------------------------------------------------------------------

export interface HouseholdRow {
  readonly id: string;
  readonly villageId: string;
  readonly headPersonId: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly archivedOn: BusinessDate | null;
  readonly archiveReason: string | null;
}

function toHousehold(r: Database['household']): HouseholdRow {
  return {
    id: r.id,
    villageId: r.village_id,
    headPersonId: r.head_person_id,
    address: r.address,
    phone: r.phone,
    archivedOn: r.archived_on,
    archiveReason: r.archive_reason,
  };
}

function householdColumns(tenant: string, h: HouseholdRow, at: string): Database['household'] {
  return {
    tenant_id: tenant,
    id: h.id,
    village_id: h.villageId,
    head_person_id: h.headPersonId,
    address: h.address,
    phone: h.phone,
    created_at: at,
    updated_at: at,
    archived_on: h.archivedOn,
    archive_reason: h.archiveReason,
  };
}

export async function insertHouseholds(
  tx: Db,
  tenant: string,
  rows: readonly HouseholdRow[],
  at: string,
): Promise<void> {
  await insertMany(
    tx,
    'household',
    rows.map((h) => householdColumns(tenant, h, at)),
  );
}

export async function updateHousehold(tx: Db, tenant: string, h: HouseholdRow, at: string): Promise<void> {
  const { tenant_id: _t, id: _i, created_at: _c, ...set } = householdColumns(tenant, h, at);
  await tx.updateTable('household').set(set).where('tenant_id', '=', tenant).where('id', '=', h.id).execute();
}

export async function findHouseholds(
  db: Db,
  tenant: string,
  ids: readonly string[],
): Promise<HouseholdRow[]> {
  const out: HouseholdRow[] = [];
  for (const part of chunks([...new Set(ids)], IN_LIST_MAX)) {
    const rows = await db
      .selectFrom('household')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('id', 'in', part)
      .execute();
    out.push(...rows.map(toHousehold));
  }
  return out;
}

export interface HouseholdFilter {
  readonly village?: string | undefined;
  /** The status in force on `asOf`. */
  readonly status?: PovertyStatus | undefined;
  readonly asOf: BusinessDate;
  readonly includeArchived?: boolean | undefined;
  readonly after?: string | undefined;
  readonly limit: number;
}

/** The status in force on a day: the decision with the latest date on or before it. */
function statusOn(asOf: BusinessDate) {
  return sql<string | null>`(SELECT ps.status FROM poverty_status ps
     WHERE ps.tenant_id = h.tenant_id AND ps.household_id = h.id AND ps.decided_on <= ${asOf}
     ORDER BY ps.decided_on DESC LIMIT 1)`;
}

export async function listHouseholds(
  db: Db,
  tenant: string,
  f: HouseholdFilter,
): Promise<Array<HouseholdRow & { status: PovertyStatus | null }>> {
  let q = db
    .selectFrom('household as h')
    .selectAll('h')
    .select(statusOn(f.asOf).as('status'))
    .where('h.tenant_id', '=', tenant);
  if (f.village !== undefined) q = q.where('h.village_id', '=', f.village);
  if (!f.includeArchived) q = q.where('h.archived_on', 'is', null);
  if (f.status !== undefined) q = q.where(statusOn(f.asOf), '=', f.status);
  if (f.after !== undefined) q = q.where('h.id', '>', f.after);
  const rows = await q.orderBy('h.id').limit(f.limit).execute();
  return rows.map((r) => ({ ...toHousehold(r), status: r.status as PovertyStatus | null }));
}

/** Every household of the tenant: the import compares a file against them. */
export async function allHouseholds(db: Db, tenant: string): Promise<HouseholdRow[]> {
  const rows = await db.selectFrom('household').selectAll().where('tenant_id', '=', tenant).execute();
  return rows.map(toHousehold);
}

// --- people ----------------------------------------------------------------------------------------

export interface PersonRow {
  readonly id: string;
  readonly householdId: string;
  readonly fullName: string;
  readonly nameKey: string;
  readonly birthYear: number | null;
  readonly sex: Sex | null;
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly relation: string | null;
}

function toPerson(r: Database['person']): PersonRow {
  return {
    id: r.id,
    householdId: r.household_id,
    fullName: r.full_name,
    nameKey: r.name_key,
    birthYear: intOrNull(r.birth_year, 'birth_year'),
    sex: r.sex as Sex | null,
    idNumber: r.id_number,
    phone: r.phone,
    relation: r.relation,
  };
}

function personColumns(tenant: string, p: PersonRow, at: string): Database['person'] {
  return {
    tenant_id: tenant,
    id: p.id,
    household_id: p.householdId,
    full_name: p.fullName,
    name_key: p.nameKey,
    birth_year: p.birthYear,
    sex: p.sex,
    id_number: p.idNumber,
    phone: p.phone,
    relation: p.relation,
    created_at: at,
    updated_at: at,
  };
}

export async function insertPersons(
  tx: Db,
  tenant: string,
  rows: readonly PersonRow[],
  at: string,
): Promise<void> {
  await insertMany(
    tx,
    'person',
    rows.map((p) => personColumns(tenant, p, at)),
  );
}

export async function updatePerson(tx: Db, tenant: string, p: PersonRow, at: string): Promise<void> {
  const { tenant_id: _t, id: _i, created_at: _c, ...set } = personColumns(tenant, p, at);
  await tx.updateTable('person').set(set).where('tenant_id', '=', tenant).where('id', '=', p.id).execute();
}

export async function findPersons(db: Db, tenant: string, ids: readonly string[]): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  for (const part of chunks([...new Set(ids)], IN_LIST_MAX)) {
    const rows = await db
      .selectFrom('person')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('id', 'in', part)
      .execute();
    out.push(...rows.map(toPerson));
  }
  return out;
}

export async function findPersonByIdNumber(
  db: Db,
  tenant: string,
  idNumber: string,
): Promise<PersonRow | undefined> {
  const r = await db
    .selectFrom('person')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('id_number', '=', idNumber)
    .executeTakeFirst();
  return r && toPerson(r);
}

export async function personsOfHouseholds(
  db: Db,
  tenant: string,
  householdIds: readonly string[],
): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  for (const part of chunks([...new Set(householdIds)], IN_LIST_MAX)) {
    const rows = await db
      .selectFrom('person')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('household_id', 'in', part)
      .orderBy('household_id')
      .orderBy('id')
      .execute();
    out.push(...rows.map(toPerson));
  }
  return out;
}

export async function allPersons(db: Db, tenant: string): Promise<PersonRow[]> {
  const rows = await db.selectFrom('person').selectAll().where('tenant_id', '=', tenant).execute();
  return rows.map(toPerson);
}

/** Ids of the list that are taken by a household or a person (they share the party namespace). */
export async function takenIds(db: Db, tenant: string, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(ids)], IN_LIST_MAX)) {
    for (const table of ['household', 'person', 'grp', 'shock_event'] as const) {
      const rows = await db
        .selectFrom(table)
        .select('id')
        .where('tenant_id', '=', tenant)
        .where('id', 'in', part)
        .execute();
      for (const r of rows) out.add(r.id);
    }
  }
  return out;
}

// --- policies ---------------------------------------------------------------------------------------

export interface PolicyRow {
  readonly personId: string;
  readonly category: PolicyCategory;
  readonly detail: string | null;
  readonly sinceOn: BusinessDate | null;
  readonly untilOn: BusinessDate | null;
}

export async function upsertPolicies(
  tx: Db,
  tenant: string,
  rows: readonly PolicyRow[],
  at: string,
): Promise<void> {
  for (const part of chunks(rows, rowsPerInsert(8)))
    if (part.length > 0)
      await tx
        .insertInto('person_policy')
        .values(
          part.map((p) => ({
            tenant_id: tenant,
            person_id: p.personId,
            category: p.category,
            detail: p.detail,
            since_on: p.sinceOn,
            until_on: p.untilOn,
            created_at: at,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'person_id', 'category']).doUpdateSet((eb) => ({
            detail: eb.ref('excluded.detail'),
            since_on: eb.ref('excluded.since_on'),
            until_on: eb.ref('excluded.until_on'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
}

export async function policiesOf(db: Db, tenant: string, personIds: readonly string[]): Promise<PolicyRow[]> {
  const out: PolicyRow[] = [];
  for (const part of chunks([...new Set(personIds)], IN_LIST_MAX)) {
    const rows = await db
      .selectFrom('person_policy')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('person_id', 'in', part)
      .orderBy('person_id')
      .orderBy('category')
      .execute();
    out.push(
      ...rows.map((r) => ({
        personId: r.person_id,
        category: r.category as PolicyCategory,
        detail: r.detail,
        sinceOn: r.since_on,
        untilOn: r.until_on,
      })),
    );
  }
  return out;
}

export async function allPolicies(db: Db, tenant: string): Promise<PolicyRow[]> {
  const rows = await db.selectFrom('person_policy').selectAll().where('tenant_id', '=', tenant).execute();
  return rows.map((r) => ({
    personId: r.person_id,
    category: r.category as PolicyCategory,
    detail: r.detail,
    sinceOn: r.since_on,
    untilOn: r.until_on,
  }));
}

// --- poverty status ------------------------------------------------------------------------------

export interface StatusRow {
  readonly householdId: string;
  readonly decidedOn: BusinessDate;
  readonly status: PovertyStatus;
  readonly standard: string;
  readonly certificateNo: string | null;
  readonly incomeDong: number | null;
  readonly recordedAt: string;
  readonly actor: string;
}

function toStatus(r: Database['poverty_status']): StatusRow {
  return {
    householdId: r.household_id,
    decidedOn: r.decided_on,
    status: r.status as PovertyStatus,
    standard: r.standard_id,
    certificateNo: r.certificate_no,
    incomeDong: intOrNull(r.income_dong, 'income_dong'),
    recordedAt: r.recorded_at,
    actor: r.actor,
  };
}

export async function insertStatuses(tx: Db, tenant: string, rows: readonly StatusRow[]): Promise<void> {
  await insertMany(
    tx,
    'poverty_status',
    rows.map((s) => ({
      tenant_id: tenant,
      household_id: s.householdId,
      decided_on: s.decidedOn,
      status: s.status,
      standard_id: s.standard,
      certificate_no: s.certificateNo,
      income_dong: s.incomeDong,
      recorded_at: s.recordedAt,
      actor: s.actor,
    })),
  );
}

/** Corrects the decision of a household on one date (the change log keeps what it was). */
export async function updateStatus(tx: Db, tenant: string, s: StatusRow): Promise<void> {
  await tx
    .updateTable('poverty_status')
    .set({
      status: s.status,
      standard_id: s.standard,
      certificate_no: s.certificateNo,
      income_dong: s.incomeDong,
      recorded_at: s.recordedAt,
      actor: s.actor,
    })
    .where('tenant_id', '=', tenant)
    .where('household_id', '=', s.householdId)
    .where('decided_on', '=', s.decidedOn)
    .execute();
}

export async function statusesOf(
  db: Db,
  tenant: string,
  householdIds: readonly string[],
): Promise<StatusRow[]> {
  const out: StatusRow[] = [];
  for (const part of chunks([...new Set(householdIds)], IN_LIST_MAX)) {
    const rows = await db
      .selectFrom('poverty_status')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('household_id', 'in', part)
      .orderBy('household_id')
      .orderBy('decided_on')
      .execute();
    out.push(...rows.map(toStatus));
  }
  return out;
}

export async function allStatuses(db: Db, tenant: string): Promise<StatusRow[]> {
  const rows = await db
    .selectFrom('poverty_status')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('household_id')
    .orderBy('decided_on')
    .execute();
  return rows.map(toStatus);
}

// --- shocks ------------------------------------------------------------------------------------------

export interface ShockRow {
  readonly id: string;
  readonly householdId: string;
  readonly personId: string | null;
  readonly kind: ShockKind;
  readonly occurredOn: BusinessDate;
  readonly description: string;
  readonly lossDong: number;
  readonly actor: string;
}

export async function insertShock(tx: Db, tenant: string, s: ShockRow, at: string): Promise<void> {
  await tx
    .insertInto('shock_event')
    .values({
      tenant_id: tenant,
      id: s.id,
      household_id: s.householdId,
      person_id: s.personId,
      kind: s.kind,
      occurred_on: s.occurredOn,
      description: s.description,
      loss_dong: s.lossDong,
      created_at: at,
      updated_at: at,
      actor: s.actor,
    })
    .execute();
}

export interface ShockFilter {
  readonly ids?: readonly string[] | undefined;
  readonly household?: string | undefined;
  readonly kind?: ShockKind | undefined;
  readonly from?: BusinessDate | undefined;
  readonly to?: BusinessDate | undefined;
  readonly limit: number;
}

export async function findShocks(db: Db, tenant: string, f: ShockFilter): Promise<ShockRow[]> {
  let q = db.selectFrom('shock_event').selectAll().where('tenant_id', '=', tenant);
  if (f.ids !== undefined) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.household !== undefined) q = q.where('household_id', '=', f.household);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  if (f.from !== undefined) q = q.where('occurred_on', '>=', f.from);
  if (f.to !== undefined) q = q.where('occurred_on', '<=', f.to);
  const rows = await q.orderBy('occurred_on').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    householdId: r.household_id,
    personId: r.person_id,
    kind: r.kind as ShockKind,
    occurredOn: r.occurred_on,
    description: r.description,
    lossDong: int(r.loss_dong, 'loss_dong'),
    actor: r.actor,
  }));
}

// --- memberships -------------------------------------------------------------------------------------

export interface MembershipRow {
  /** The organisation or the group. */
  readonly of: string;
  readonly personId: string;
  readonly joinedOn: BusinessDate;
  readonly leftOn: BusinessDate | null;
}

export interface GroupMembershipRow extends MembershipRow {
  readonly groupKind: GroupKind;
}

export async function insertOrgMemberships(
  tx: Db,
  tenant: string,
  rows: readonly MembershipRow[],
  at: string,
): Promise<void> {
  await insertMany(
    tx,
    'organisation_membership',
    rows.map((m) => ({
      tenant_id: tenant,
      organisation_id: m.of,
      person_id: m.personId,
      joined_on: m.joinedOn,
      left_on: m.leftOn,
      created_at: at,
      updated_at: at,
    })),
  );
}

export async function insertGroupMemberships(
  tx: Db,
  tenant: string,
  rows: readonly GroupMembershipRow[],
  at: string,
): Promise<void> {
  await insertMany(
    tx,
    'group_membership',
    rows.map((m) => ({
      tenant_id: tenant,
      group_id: m.of,
      group_kind: m.groupKind,
      person_id: m.personId,
      joined_on: m.joinedOn,
      left_on: m.leftOn,
      created_at: at,
      updated_at: at,
    })),
  );
}

/** Sets the leave date of one membership (identified by its join date). */
export async function setLeft(
  tx: Db,
  tenant: string,
  table: 'organisation_membership' | 'group_membership',
  m: MembershipRow,
  at: string,
): Promise<void> {
  const base = tx
    .updateTable(table)
    .set({ left_on: m.leftOn, updated_at: at })
    .where('tenant_id', '=', tenant)
    .where('person_id', '=', m.personId)
    .where('joined_on', '=', m.joinedOn);
  await (table === 'group_membership'
    ? base.where('group_id', '=', m.of)
    : base.where('organisation_id', '=', m.of)
  ).execute();
}

export interface MembershipFilter {
  readonly of?: readonly string[] | undefined;
  readonly persons?: readonly string[] | undefined;
}

export async function orgMemberships(db: Db, tenant: string, f: MembershipFilter): Promise<MembershipRow[]> {
  let q = db.selectFrom('organisation_membership').selectAll().where('tenant_id', '=', tenant);
  if (f.of !== undefined) q = q.where('organisation_id', 'in', f.of.length > 0 ? f.of : ['']);
  if (f.persons !== undefined) q = q.where('person_id', 'in', f.persons.length > 0 ? f.persons : ['']);
  const rows = await q.orderBy('organisation_id').orderBy('person_id').orderBy('joined_on').execute();
  return rows.map((r) => ({
    of: r.organisation_id,
    personId: r.person_id,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
  }));
}

export async function groupMemberships(
  db: Db,
  tenant: string,
  f: MembershipFilter,
): Promise<GroupMembershipRow[]> {
  let q = db.selectFrom('group_membership').selectAll().where('tenant_id', '=', tenant);
  if (f.of !== undefined) q = q.where('group_id', 'in', f.of.length > 0 ? f.of : ['']);
  if (f.persons !== undefined) q = q.where('person_id', 'in', f.persons.length > 0 ? f.persons : ['']);
  const rows = await q.orderBy('group_id').orderBy('person_id').orderBy('joined_on').execute();
  return rows.map((r) => ({
    of: r.group_id,
    groupKind: r.group_kind as GroupKind,
    personId: r.person_id,
    joinedOn: r.joined_on,
    leftOn: r.left_on,
  }));
}

// --- groups --------------------------------------------------------------------------------------------

export interface GroupRow {
  readonly id: string;
  readonly organisationId: string;
  readonly kind: GroupKind;
  readonly villageId: string;
  readonly name: string;
  readonly nameKey: string;
  readonly leaderPersonId: string | null;
  readonly purpose: string | null;
  readonly foundedOn: BusinessDate;
  readonly closedOn: BusinessDate | null;
}

function groupColumns(tenant: string, g: GroupRow, at: string): Database['grp'] {
  return {
    tenant_id: tenant,
    id: g.id,
    organisation_id: g.organisationId,
    kind: g.kind,
    village_id: g.villageId,
    name: g.name,
    name_key: g.nameKey,
    leader_person_id: g.leaderPersonId,
    purpose: g.purpose,
    founded_on: g.foundedOn,
    closed_on: g.closedOn,
    created_at: at,
    updated_at: at,
  };
}

export async function insertGroup(tx: Db, tenant: string, g: GroupRow, at: string): Promise<void> {
  await tx
    .insertInto('grp')
    .values(groupColumns(tenant, g, at))
    .execute();
}

export async function updateGroup(tx: Db, tenant: string, g: GroupRow, at: string): Promise<void> {
  const { tenant_id: _t, id: _i, created_at: _c, kind: _k, ...set } = groupColumns(tenant, g, at);
  await tx.updateTable('grp').set(set).where('tenant_id', '=', tenant).where('id', '=', g.id).execute();
}

export interface GroupFilter {
  readonly ids?: readonly string[] | undefined;
  readonly organisation?: string | undefined;
  readonly village?: string | undefined;
  readonly kind?: GroupKind | undefined;
  readonly includeClosed?: boolean | undefined;
}

export async function findGroups(db: Db, tenant: string, f: GroupFilter): Promise<GroupRow[]> {
  let q = db.selectFrom('grp').selectAll().where('tenant_id', '=', tenant);
  if (f.ids !== undefined) q = q.where('id', 'in', f.ids.length > 0 ? f.ids : ['']);
  if (f.organisation !== undefined) q = q.where('organisation_id', '=', f.organisation);
  if (f.village !== undefined) q = q.where('village_id', '=', f.village);
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind);
  if (!f.includeClosed) q = q.where('closed_on', 'is', null);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind as GroupKind,
    villageId: r.village_id,
    name: r.name,
    nameKey: r.name_key,
    leaderPersonId: r.leader_person_id,
    purpose: r.purpose,
    foundedOn: r.founded_on,
    closedOn: r.closed_on,
  }));
}

/** Open memberships per group (left_on empty): the count the 60-member limit applies to. */
export async function openMemberCounts(
  db: Db,
  tenant: string,
  groupIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom('group_membership')
    .select(['group_id', (eb) => eb.fn.countAll().as('n')])
    .where('tenant_id', '=', tenant)
    .where('group_id', 'in', groupIds)
    .where('left_on', 'is', null)
    .groupBy('group_id')
    .execute();
  for (const r of rows) out.set(r.group_id, int(Number(r.n), 'count'));
  return out;
}
