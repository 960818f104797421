/**
 * The at-risk area's queries: its two tables (dated settings, steps) and the registry and loan
 * rows its rules read. Every query filters by tenant; nothing here writes outside `risk_*`.
 */
import type { Kysely } from 'kysely';
import { isBalanceDong } from '../domain/money.ts';
import { assert } from '../domain/refusal.ts';
import type { SettingRow } from '../domain/risk/settings.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

const IDS_PER_QUERY = 1_000;

function int(x: unknown, what: string): number {
  const n = typeof x === 'bigint' ? Number(x) : (x as number);
  assert(isBalanceDong(n), `${what} is not a safe integer: ${String(x)}`);
  return n;
}

function intOrNull(x: unknown, what: string): number | null {
  return x === null || x === undefined ? null : int(x, what);
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// --- settings ----------------------------------------------------------------------------------

export async function insertSetting(tx: Db, tenant: string, r: SettingRow): Promise<void> {
  await tx
    .insertInto('risk_setting')
    .values({
      tenant_id: tenant,
      key: r.key,
      effective_from: r.effectiveFrom,
      value: r.value,
      note: r.note,
      recorded_at: r.recordedAt,
      actor: r.actor,
    })
    .execute();
}

export async function listSettings(db: Db, tenant: string): Promise<SettingRow[]> {
  const rows = await db
    .selectFrom('risk_setting')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .orderBy('key')
    .orderBy('effective_from')
    .orderBy('recorded_at')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    effectiveFrom: r.effective_from,
    value: int(r.value, 'value'),
    note: r.note,
    recordedAt: r.recorded_at,
    actor: r.actor,
  }));
}

// --- steps -------------------------------------------------------------------------------------

export interface StepRow {
  readonly seq: number;
  readonly kind: string;
  readonly householdId: string;
  readonly shockId: string | null;
  readonly loanId: string | null;
  readonly loanEventSeq: number | null;
  readonly book: string | null;
  readonly amountDong: number | null;
  readonly entryBook: string | null;
  readonly entrySeq: number | null;
  readonly note: string;
  readonly effectiveOn: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly idempotencyKey: string | null;
}

export async function nextStepSeq(tx: Db, tenant: string): Promise<number> {
  const r = await tx
    .selectFrom('risk_step')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('tenant_id', '=', tenant)
    .executeTakeFirst();
  return (intOrNull(r?.m ?? null, 'seq') ?? 0) + 1;
}

export async function insertStep(tx: Db, tenant: string, s: StepRow): Promise<void> {
  await tx
    .insertInto('risk_step')
    .values({
      tenant_id: tenant,
      seq: s.seq,
      kind: s.kind,
      household_id: s.householdId,
      shock_id: s.shockId,
      loan_id: s.loanId,
      loan_event_seq: s.loanEventSeq,
      book_code: s.book,
      amount_dong: s.amountDong,
      entry_book: s.entryBook,
      entry_seq: s.entrySeq,
      note: s.note,
      effective_on: s.effectiveOn,
      recorded_at: s.recordedAt,
      actor: s.actor,
      idempotency_key: s.idempotencyKey,
    })
    .execute();
}

function toStep(r: Database['risk_step']): StepRow {
  return {
    seq: int(r.seq, 'seq'),
    kind: r.kind,
    householdId: r.household_id,
    shockId: r.shock_id,
    loanId: r.loan_id,
    loanEventSeq: intOrNull(r.loan_event_seq, 'loan_event_seq'),
    book: r.book_code,
    amountDong: intOrNull(r.amount_dong, 'amount_dong'),
    entryBook: r.entry_book,
    entrySeq: intOrNull(r.entry_seq, 'entry_seq'),
    note: r.note,
    effectiveOn: r.effective_on,
    recordedAt: r.recorded_at,
    actor: r.actor,
    idempotencyKey: r.idempotency_key,
  };
}

export async function findStepByKey(db: Db, tenant: string, key: string): Promise<StepRow | undefined> {
  const r = await db
    .selectFrom('risk_step')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return r ? toStep(r) : undefined;
}

/** Steps of the households (all when `households` is null), oldest first. */
export async function listSteps(
  db: Db,
  tenant: string,
  households: readonly string[] | null,
): Promise<StepRow[]> {
  if (households === null)
    return (
      await db.selectFrom('risk_step').selectAll().where('tenant_id', '=', tenant).orderBy('seq').execute()
    ).map(toStep);
  const out: StepRow[] = [];
  for (const part of chunks(households, IDS_PER_QUERY)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('risk_step')
      .selectAll()
      .where('tenant_id', '=', tenant)
      .where('household_id', 'in', part)
      .orderBy('seq')
      .execute();
    out.push(...rows.map(toStep));
  }
  return out.sort((a, b) => a.seq - b.seq);
}

// --- what the rules read from the registry ------------------------------------------------------

export interface HouseholdRow {
  readonly id: string;
  readonly villageId: string;
  readonly villageName: string;
  readonly headName: string | null;
  readonly archivedOn: string | null;
}

export interface StatusRowR {
  readonly householdId: string;
  readonly decidedOn: string;
  readonly status: string;
  readonly standard: string;
  readonly certificateNo: string | null;
  readonly incomeDong: number | null;
}

export interface PolicyRowR {
  readonly householdId: string;
  readonly personId: string;
  readonly personName: string;
  readonly category: string;
  readonly detail: string | null;
  readonly sinceOn: string | null;
  readonly untilOn: string | null;
}

export interface ShockRowR {
  readonly id: string;
  readonly householdId: string;
  readonly kind: string;
  readonly occurredOn: string;
  readonly description: string;
  readonly lossDong: number;
}

export interface RegistryFacts {
  readonly households: HouseholdRow[];
  readonly statuses: StatusRowR[];
  readonly policies: PolicyRowR[];
  readonly shocks: ShockRowR[];
  readonly members: Map<string, number>;
  /** Loan ids per household. */
  readonly loans: Map<string, string[]>;
}

/**
 * The registry rows of the households (every household when `ids` is null, archived ones left
 * out), and the ids of their loans.
 */
export async function registryFacts(
  db: Db,
  tenant: string,
  ids: readonly string[] | null,
): Promise<RegistryFacts> {
  const parts = ids === null ? [null] : chunks(ids, IDS_PER_QUERY);
  const out: RegistryFacts = {
    households: [],
    statuses: [],
    policies: [],
    shocks: [],
    members: new Map(),
    loans: new Map(),
  };
  for (const part of parts) {
    if (part !== null && part.length === 0) continue;
    let hq = db
      .selectFrom('household as h')
      .innerJoin('village as v', (j) =>
        j.onRef('v.tenant_id', '=', 'h.tenant_id').onRef('v.id', '=', 'h.village_id'),
      )
      .leftJoin('person as p', (j) =>
        j.onRef('p.tenant_id', '=', 'h.tenant_id').onRef('p.id', '=', 'h.head_person_id'),
      )
      .select(['h.id', 'h.village_id', 'v.name as village_name', 'p.full_name', 'h.archived_on'])
      .where('h.tenant_id', '=', tenant);
    if (part !== null) hq = hq.where('h.id', 'in', part);
    else hq = hq.where('h.archived_on', 'is', null);
    for (const r of await hq.orderBy('h.id').execute())
      out.households.push({
        id: r.id,
        villageId: r.village_id,
        villageName: r.village_name,
        headName: r.full_name,
        archivedOn: r.archived_on,
      });

    let sq = db.selectFrom('poverty_status').selectAll().where('tenant_id', '=', tenant);
    if (part !== null) sq = sq.where('household_id', 'in', part);
    for (const r of await sq.orderBy('household_id').orderBy('decided_on').execute())
      out.statuses.push({
        householdId: r.household_id,
        decidedOn: r.decided_on,
        status: r.status,
        standard: r.standard_id,
        certificateNo: r.certificate_no,
        incomeDong: intOrNull(r.income_dong, 'income_dong'),
      });

    let pq = db
      .selectFrom('person_policy as pp')
      .innerJoin('person as p', (j) =>
        j.onRef('p.tenant_id', '=', 'pp.tenant_id').onRef('p.id', '=', 'pp.person_id'),
      )
      .select([
        'p.household_id',
        'pp.person_id',
        'p.full_name',
        'pp.category',
        'pp.detail',
        'pp.since_on',
        'pp.until_on',
      ])
      .where('pp.tenant_id', '=', tenant);
    if (part !== null) pq = pq.where('p.household_id', 'in', part);
    for (const r of await pq
      .orderBy('p.household_id')
      .orderBy('pp.person_id')
      .orderBy('pp.category')
      .execute())
      out.policies.push({
        householdId: r.household_id,
        personId: r.person_id,
        personName: r.full_name,
        category: r.category,
        detail: r.detail,
        sinceOn: r.since_on,
        untilOn: r.until_on,
      });

    let kq = db.selectFrom('shock_event').selectAll().where('tenant_id', '=', tenant);
    if (part !== null) kq = kq.where('household_id', 'in', part);
    for (const r of await kq.orderBy('household_id').orderBy('occurred_on').orderBy('id').execute())
      out.shocks.push({
        id: r.id,
        householdId: r.household_id,
        kind: r.kind,
        occurredOn: r.occurred_on,
        description: r.description,
        lossDong: int(r.loss_dong, 'loss_dong'),
      });

    let mq = db
      .selectFrom('person')
      .select(['household_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenant);
    if (part !== null) mq = mq.where('household_id', 'in', part);
    for (const r of await mq.groupBy('household_id').execute())
      out.members.set(r.household_id, int(r.n, 'members'));

    let lq = db.selectFrom('loan').select(['household_id', 'id']).where('tenant_id', '=', tenant);
    if (part !== null) lq = lq.where('household_id', 'in', part);
    for (const r of await lq.orderBy('household_id').orderBy('id').execute()) {
      const list = out.loans.get(r.household_id) ?? [];
      list.push(r.id);
      out.loans.set(r.household_id, list);
    }
  }
  return out;
}
