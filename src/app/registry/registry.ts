/**
 * The registry service: villages, households, people, policy categories, poverty status,
 * shocks, organisation membership and groups, with search, import and export
 * (docs/design/registry.md). Every write is one transaction through `registryWrite`, which also
 * records the change log. Other areas (loans, funds) call `household`, `person`, `shock`,
 * `group` and `statusFlags`; each throws a RefusedError naming the unknown id.
 */
import type { BusinessDate } from '../../domain/dates.ts';
import { parsePartyId } from '../../domain/ledger/codes.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import { formatId, ID_FORMATS, type IdKind } from '../../domain/registry/ids.ts';
import {
  type GroupKind,
  isOneOf,
  POLICY_ALIASES,
  POLICY_CATEGORIES,
  type PolicyCategory,
  type ShockKind,
} from '../../domain/registry/kinds.ts';
import { REGISTRY_LIMITS } from '../../domain/registry/limits.ts';
import { groupJoinRefusal, isActiveOn, joinClash, leaveTarget } from '../../domain/registry/membership.ts';
import { cleanName, nameKey, slugFromName } from '../../domain/registry/names.ts';
import {
  checkStandards,
  POVERTY_STANDARDS,
  type PovertyStandard,
  type StatusFlags,
  standardForDecision,
  statusFlags,
} from '../../domain/registry/poverty.ts';
import {
  cellText,
  parseGroupKind,
  parseOptionalText,
  parsePhone,
  parseRequiredText,
  parseShockKind,
  parseStatus,
} from '../../domain/registry/validate.ts';
import { listOrganisations } from '../../store/ledger-store.ts';
import type { Store, Tx } from '../../store/open-store.ts';
import { indexNames, unindexNames } from '../../store/registry-search-store.ts';
import * as q from '../../store/registry-store.ts';
import { type Ctx, today } from '../context.ts';
import {
  type PersonFields,
  parseDongOptional,
  parseDongRequired,
  parsePastDate,
  parsePersonFields,
  take,
} from './parse.ts';
import { type SearchOptions, type SearchResult, searchPeople } from './search.ts';
import type {
  GroupDetail,
  GroupInput,
  GroupMembershipView,
  GroupProblem,
  GroupView,
  HouseholdDetail,
  HouseholdInput,
  HouseholdListFilter,
  HouseholdPatch,
  HouseholdView,
  OrganisationMembershipView,
  PersonDetail,
  PersonInput,
  PersonView,
  PolicyView,
  ShockInput,
  ShockView,
  StatusInput,
  StatusView,
  VillageView,
} from './types.ts';
import { diff, registryWrite, type WriteScope } from './write.ts';

export interface RegistryOptions {
  /** Poverty standards, oldest first; defaults to POVERTY_STANDARDS. */
  readonly standards?: readonly PovertyStandard[];
}

function throwIf(refusals: readonly Refusal[]): void {
  if (refusals.length > 0) throw new RefusedError(refusals);
}

function unknown(code: string, field: string, value: unknown): RefusedError {
  return new RefusedError([{ code, field, value }]);
}

function thisYear(ctx: Ctx): number {
  return Number(today(ctx).slice(0, 4));
}

/** What the change log keeps of a person (no derived key). */
function personRecord(p: q.PersonRow) {
  const { nameKey: _k, ...rest } = p;
  return rest;
}

export class Registry {
  readonly standards: readonly PovertyStandard[];

  constructor(
    readonly store: Store,
    options: RegistryOptions = {},
  ) {
    this.standards = options.standards ?? POVERTY_STANDARDS;
    const problem = checkStandards(this.standards);
    if (problem !== null) throw new Error(`poverty standards: ${problem}`);
  }

  // --- villages -----------------------------------------------------------------------------------

  async addVillage(ctx: Ctx, input: { name: unknown; id?: string | null | undefined }): Promise<VillageView> {
    const refusals: Refusal[] = [];
    const name = cleanName(
      take(refusals, parseRequiredText('name', input.name, REGISTRY_LIMITS.nameLengthMax), ''),
    );
    const id = input.id ?? slugFromName(name);
    if (name !== '' && nameKey(name) === '')
      refusals.push({ code: 'name_invalid', field: 'name', value: input.name });
    else if (name !== '') take(refusals, parsePartyId('id', id), '');
    throwIf(refusals);
    return registryWrite(this.store, ctx, 'registry', async ({ tx, changes, at }) => {
      const existing = await q.listVillages(tx, ctx.tenant);
      const clash = existing.find((v) => v.id === id || v.nameKey === nameKey(name));
      if (clash)
        throw new RefusedError([
          { code: 'village_exists', field: 'name', value: name, params: { village: clash.id } },
        ]);
      const row = { id, name, nameKey: nameKey(name), archivedOn: null };
      await q.insertVillages(tx, ctx.tenant, [row], at);
      changes.add('village', id, 'create', null, { id, name });
      return { id, name, archivedOn: null };
    });
  }

  async villages(ctx: Ctx): Promise<VillageView[]> {
    return (await q.listVillages(this.store.db, ctx.tenant)).map((v) => ({
      id: v.id,
      name: v.name,
      archivedOn: v.archivedOn,
    }));
  }

  /** A village by id or by name (accents and case ignored). */
  async #village(tx: Tx, tenant: string, ref: string, field = 'village'): Promise<q.VillageRow> {
    const villages = await q.listVillages(tx, tenant);
    const v = villages.find((x) => x.id === ref) ?? villages.find((x) => x.nameKey === nameKey(ref));
    if (!v) throw unknown('village_unknown', field, ref);
    return v;
  }

  // --- ids ------------------------------------------------------------------------------------------

  /** `count` new ids of a kind, skipping any an import already used for something else. */
  async #newIds(tx: Tx, tenant: string, kind: IdKind, count: number): Promise<string[]> {
    const { prefix, width } = ID_FORMATS[kind];
    const out: string[] = [];
    while (out.length < count) {
      const need = count - out.length;
      const first = await q.takeNumbers(tx, tenant, kind, need);
      const ids = Array.from({ length: need }, (_, i) => formatId(prefix, first + i, width));
      const taken = await q.takenIds(tx, tenant, ids);
      out.push(...ids.filter((id) => !taken.has(id)));
    }
    return out;
  }

  /** @internal For the importer: new ids inside its own transaction. */
  newIdsInTx(tx: Tx, tenant: string, kind: IdKind, count: number): Promise<string[]> {
    return this.#newIds(tx, tenant, kind, count);
  }

  async #idFree(tx: Tx, tenant: string, field: string, id: string): Promise<void> {
    if ((await q.takenIds(tx, tenant, [id])).size > 0)
      throw new RefusedError([{ code: 'already_exists', field, value: id }]);
  }

  async #idNumberFree(tx: Tx, tenant: string, field: string, idNumber: string | null, self?: string) {
    if (idNumber === null) return;
    const other = await q.findPersonByIdNumber(tx, tenant, idNumber);
    if (other && other.id !== self)
      throw new RefusedError([
        { code: 'id_number_taken', field, value: idNumber, params: { person: other.id } },
      ]);
  }

  // --- households and people ---------------------------------------------------------------------

  async addHousehold(ctx: Ctx, input: HouseholdInput): Promise<HouseholdDetail> {
    const refusals: Refusal[] = [];
    const id = input.id == null ? null : take(refusals, parsePartyId('id', input.id), null);
    const head = parsePersonFields('head.', input.head, thisYear(ctx), refusals);
    const headId =
      input.head.id == null ? null : take(refusals, parsePartyId('head.id', input.head.id), null);
    const address = take(
      refusals,
      parseOptionalText('address', input.address, REGISTRY_LIMITS.addressLengthMax),
      null,
    );
    const householdPhone = take(refusals, parsePhone('phone', input.phone), null);
    throwIf(refusals);
    const householdId = await registryWrite(this.store, ctx, 'registry', async (w) => {
      const village = await this.#village(w.tx, ctx.tenant, input.village);
      if (village.archivedOn !== null) throw unknown('village_archived', 'village', input.village);
      if (id !== null) await this.#idFree(w.tx, ctx.tenant, 'id', id);
      if (headId !== null) await this.#idFree(w.tx, ctx.tenant, 'head.id', headId);
      await this.#idNumberFree(w.tx, ctx.tenant, 'head.idNumber', head.idNumber);
      const hid = id ?? (await this.#newIds(w.tx, ctx.tenant, 'household', 1))[0]!;
      const pid = headId ?? (await this.#newIds(w.tx, ctx.tenant, 'person', 1))[0]!;
      const household: q.HouseholdRow = {
        id: hid,
        villageId: village.id,
        headPersonId: pid,
        address,
        phone: householdPhone,
        archivedOn: null,
        archiveReason: null,
      };
      await q.insertHouseholds(w.tx, ctx.tenant, [household], w.at);
      w.changes.add('household', hid, 'create', null, household);
      await this.#insertPerson(w, ctx, pid, hid, { ...head, relation: head.relation ?? 'Chủ hộ' });
      return hid;
    });
    return this.household(ctx, householdId);
  }

  async #insertPerson(
    w: WriteScope,
    ctx: Ctx,
    id: string,
    householdId: string,
    f: PersonFields,
  ): Promise<q.PersonRow> {
    const person: q.PersonRow = {
      id,
      householdId,
      fullName: f.fullName,
      nameKey: f.nameKey,
      birthYear: f.birthYear,
      sex: f.sex,
      idNumber: f.idNumber,
      phone: f.phone,
      relation: f.relation,
    };
    await q.insertPersons(w.tx, ctx.tenant, [person], w.at);
    await indexNames(w.tx, ctx.tenant, [{ personId: id, tokens: f.nameKey.split(' ') }]);
    w.changes.add('person', id, 'create', null, personRecord(person));
    if (f.policies.length > 0) {
      const rows = f.policies.map((p) => ({ personId: id, ...p, sinceOn: null, untilOn: null }));
      await q.upsertPolicies(w.tx, ctx.tenant, rows, w.at);
      for (const r of rows) w.changes.add('person_policy', `${id}/${r.category}`, 'create', null, r);
    }
    return person;
  }

  async #householdOr(tx: Tx, tenant: string, id: string, field = 'household'): Promise<q.HouseholdRow> {
    const [h] = await q.findHouseholds(tx, tenant, [id]);
    if (!h) throw unknown('household_unknown', field, id);
    return h;
  }

  async #openHousehold(tx: Tx, tenant: string, id: string, field = 'household'): Promise<q.HouseholdRow> {
    const h = await this.#householdOr(tx, tenant, id, field);
    if (h.archivedOn !== null)
      throw new RefusedError([
        { code: 'household_archived', field, value: id, params: { on: h.archivedOn } },
      ]);
    return h;
  }

  async #personOr(tx: Tx, tenant: string, id: string, field = 'person'): Promise<q.PersonRow> {
    const [p] = await q.findPersons(tx, tenant, [id]);
    if (!p) throw unknown('person_unknown', field, id);
    return p;
  }

  async updateHousehold(ctx: Ctx, id: string, patch: HouseholdPatch): Promise<HouseholdDetail> {
    const refusals: Refusal[] = [];
    const address =
      patch.address === undefined
        ? undefined
        : take(refusals, parseOptionalText('address', patch.address, REGISTRY_LIMITS.addressLengthMax), null);
    const phone =
      patch.phone === undefined ? undefined : take(refusals, parsePhone('phone', patch.phone), null);
    throwIf(refusals);
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      const before = await this.#openHousehold(w.tx, ctx.tenant, id, 'id');
      const villageId =
        patch.village === undefined
          ? before.villageId
          : (await this.#village(w.tx, ctx.tenant, patch.village)).id;
      let head = before.headPersonId;
      if (patch.headPersonId !== undefined) {
        const p = await this.#personOr(w.tx, ctx.tenant, patch.headPersonId, 'headPersonId');
        if (p.householdId !== id)
          throw new RefusedError([
            {
              code: 'person_not_in_household',
              field: 'headPersonId',
              value: p.id,
              params: { household: id },
            },
          ]);
        head = p.id;
      }
      const after: q.HouseholdRow = {
        ...before,
        villageId,
        headPersonId: head,
        ...(address === undefined ? {} : { address }),
        ...(phone === undefined ? {} : { phone }),
      };
      const changed = diff(before, after);
      if (!changed) return;
      await q.updateHousehold(w.tx, ctx.tenant, after, w.at);
      w.changes.add('household', id, 'update', before, after);
    });
    return this.household(ctx, id);
  }

  /**
   * Archives a household (it moved away, merged, or no one is left); it is never deleted, since
   * ledger entries name it. Its members must first leave their groups.
   */
  async archiveHousehold(
    ctx: Ctx,
    id: string,
    input: { on?: unknown; reason?: unknown } = {},
  ): Promise<HouseholdDetail> {
    const refusals: Refusal[] = [];
    const on = take(refusals, parsePastDate('on', input.on ?? today(ctx), today(ctx)), '');
    const reason = take(
      refusals,
      parseOptionalText('reason', input.reason, REGISTRY_LIMITS.reasonLengthMax),
      null,
    );
    throwIf(refusals);
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      const before = await this.#openHousehold(w.tx, ctx.tenant, id, 'id');
      const members = await q.personsOfHouseholds(w.tx, ctx.tenant, [id]);
      const open = (await q.groupMemberships(w.tx, ctx.tenant, { persons: members.map((m) => m.id) })).filter(
        (m) => m.leftOn === null,
      );
      if (open.length > 0)
        throw new RefusedError([
          {
            code: 'household_members_in_groups',
            field: 'id',
            value: id,
            params: { groups: [...new Set(open.map((m) => `${m.personId}→${m.of}`))].join(', ') },
          },
        ]);
      const after = { ...before, archivedOn: on, archiveReason: reason };
      await q.updateHousehold(w.tx, ctx.tenant, after, w.at);
      w.changes.add('household', id, 'archive', before, after);
    });
    return this.household(ctx, id);
  }

  async addPerson(ctx: Ctx, input: PersonInput & { householdId: string }): Promise<PersonDetail> {
    const refusals: Refusal[] = [];
    const fields = parsePersonFields('', input, thisYear(ctx), refusals);
    const id = input.id == null ? null : take(refusals, parsePartyId('id', input.id), null);
    throwIf(refusals);
    const personId = await registryWrite(this.store, ctx, 'registry', async (w) => {
      await this.#openHousehold(w.tx, ctx.tenant, input.householdId, 'householdId');
      if (id !== null) await this.#idFree(w.tx, ctx.tenant, 'id', id);
      await this.#idNumberFree(w.tx, ctx.tenant, 'idNumber', fields.idNumber);
      const pid = id ?? (await this.#newIds(w.tx, ctx.tenant, 'person', 1))[0]!;
      await this.#insertPerson(w, ctx, pid, input.householdId, fields);
      return pid;
    });
    return this.person(ctx, personId);
  }

  /** Changes a person's details; given fields replace the old ones, `null` clears one. */
  async updatePerson(
    ctx: Ctx,
    id: string,
    patch: Partial<Omit<PersonInput, 'id' | 'policies'>> & { householdId?: string | undefined },
  ): Promise<PersonDetail> {
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      const before = await this.#personOr(w.tx, ctx.tenant, id, 'id');
      const refusals: Refusal[] = [];
      const merged = parsePersonFields(
        '',
        {
          fullName: patch.fullName !== undefined ? patch.fullName : before.fullName,
          birthYear: patch.birthYear !== undefined ? patch.birthYear : before.birthYear,
          sex: patch.sex !== undefined ? patch.sex : before.sex,
          idNumber: patch.idNumber !== undefined ? patch.idNumber : before.idNumber,
          phone: patch.phone !== undefined ? patch.phone : before.phone,
          relation: patch.relation !== undefined ? patch.relation : before.relation,
        },
        thisYear(ctx),
        refusals,
      );
      throwIf(refusals);
      let householdId = before.householdId;
      if (patch.householdId !== undefined && patch.householdId !== before.householdId) {
        await this.#openHousehold(w.tx, ctx.tenant, patch.householdId, 'householdId');
        const old = await this.#householdOr(w.tx, ctx.tenant, before.householdId);
        if (old.headPersonId === id)
          throw new RefusedError([
            {
              code: 'head_cannot_move',
              field: 'householdId',
              value: patch.householdId,
              params: { household: old.id },
            },
          ]);
        householdId = patch.householdId;
      }
      await this.#idNumberFree(w.tx, ctx.tenant, 'idNumber', merged.idNumber, id);
      const after: q.PersonRow = {
        id,
        householdId,
        fullName: merged.fullName,
        nameKey: merged.nameKey,
        birthYear: merged.birthYear,
        sex: merged.sex,
        idNumber: merged.idNumber,
        phone: merged.phone,
        relation: merged.relation,
      };
      await this.#writePersonChange(w, ctx, before, after);
    });
    return this.person(ctx, id);
  }

  /** Writes a changed person (and re-indexes a changed name); a no-op when nothing changed. */
  async #writePersonChange(
    w: WriteScope,
    ctx: Ctx,
    before: q.PersonRow,
    after: q.PersonRow,
  ): Promise<boolean> {
    if (!diff(before, after)) return false;
    await q.updatePerson(w.tx, ctx.tenant, after, w.at);
    if (before.nameKey !== after.nameKey) {
      await unindexNames(w.tx, ctx.tenant, [{ personId: before.id, tokens: before.nameKey.split(' ') }]);
      await indexNames(w.tx, ctx.tenant, [{ personId: after.id, tokens: after.nameKey.split(' ') }]);
    }
    w.changes.add('person', after.id, 'update', personRecord(before), personRecord(after));
    return true;
  }

  /** @internal For the importer: the same write path as `updatePerson`. */
  writePersonChangeInTx(w: WriteScope, ctx: Ctx, before: q.PersonRow, after: q.PersonRow): Promise<boolean> {
    return this.#writePersonChange(w, ctx, before, after);
  }

  /** Sets (or ends, with `until`) a policy category of a person. */
  async setPolicy(
    ctx: Ctx,
    personId: string,
    input: { category: unknown; detail?: unknown; since?: unknown; until?: unknown },
  ): Promise<PersonDetail> {
    const refusals: Refusal[] = [];
    const text = cellText(input.category);
    const category: PolicyCategory | undefined =
      text === null ? undefined : isOneOf(POLICY_CATEGORIES, text) ? text : POLICY_ALIASES[nameKey(text)];
    if (!category)
      refusals.push({
        code: 'policy_unknown',
        field: 'category',
        value: input.category ?? null,
        params: { allowed: POLICY_CATEGORIES.join(', ') },
      });
    const detail = take(
      refusals,
      parseOptionalText('detail', input.detail, REGISTRY_LIMITS.policyDetailLengthMax),
      null,
    );
    if (category === 'war_invalid' && (detail === null || !/^[1-4]\/4$/.test(detail.replace(/\s/g, ''))))
      refusals.push({ code: 'war_invalid_class_invalid', field: 'detail', value: input.detail ?? null });
    const since =
      input.since == null ? null : take(refusals, parsePastDate('since', input.since, '9999-12-31'), null);
    const until =
      input.until == null ? null : take(refusals, parsePastDate('until', input.until, '9999-12-31'), null);
    if (since !== null && until !== null && until <= since)
      refusals.push({ code: 'date_order', field: 'until', value: until, params: { after: since } });
    throwIf(refusals);
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      await this.#personOr(w.tx, ctx.tenant, personId, 'person');
      const [before] = (await q.policiesOf(w.tx, ctx.tenant, [personId])).filter(
        (p) => p.category === category,
      );
      const row: q.PolicyRow = {
        personId,
        category: category!,
        detail: category === 'war_invalid' ? detail!.replace(/\s/g, '') : detail,
        sinceOn: since,
        untilOn: until,
      };
      if (before && !diff(before, row)) return;
      await q.upsertPolicies(w.tx, ctx.tenant, [row], w.at);
      w.changes.add(
        'person_policy',
        `${personId}/${category}`,
        before ? 'update' : 'create',
        before ?? null,
        row,
      );
    });
    return this.person(ctx, personId);
  }

  // --- reads of households and people -----------------------------------------------------------

  /**
   * A household with its members, status history and flags as of `asOf` (default today),
   * shocks and every group and organisation membership of its members. Throws
   * `household_unknown` when there is no such household.
   */
  async household(ctx: Ctx, id: string, options: { asOf?: BusinessDate } = {}): Promise<HouseholdDetail> {
    const db = this.store.db;
    const asOf = options.asOf ?? today(ctx);
    const h = await this.#householdOr(db as Tx, ctx.tenant, id, 'id');
    const [members, statuses, shocks, villages] = await Promise.all([
      q.personsOfHouseholds(db, ctx.tenant, [id]),
      q.statusesOf(db, ctx.tenant, [id]),
      q.findShocks(db, ctx.tenant, { household: id, limit: REGISTRY_LIMITS.pageRowsMax }),
      q.listVillages(db, ctx.tenant),
    ]);
    const ids = members.map((m) => m.id);
    const [policies, groups, orgs] = await Promise.all([
      q.policiesOf(db, ctx.tenant, ids),
      this.#groupMembershipViews(ctx, { persons: ids }, asOf, members),
      this.#orgMembershipViews(ctx, ids, asOf, members),
    ]);
    const flags = statusFlags(statuses, asOf);
    return {
      ...householdView(h, villages, members, flags.status),
      asOf,
      members: members.map((m) => personView(m, h, policies)),
      statusHistory: statuses.map(statusView),
      flags,
      shocks: shocks.map(shockView),
      groups,
      organisations: orgs,
    };
  }

  /** A person with their household, policies and memberships. Throws `person_unknown`. */
  async person(ctx: Ctx, id: string, options: { asOf?: BusinessDate } = {}): Promise<PersonDetail> {
    const db = this.store.db;
    const asOf = options.asOf ?? today(ctx);
    const p = await this.#personOr(db as Tx, ctx.tenant, id, 'id');
    const h = await this.#householdOr(db as Tx, ctx.tenant, p.householdId);
    const [policies, villages, head, statuses] = await Promise.all([
      q.policiesOf(db, ctx.tenant, [id]),
      q.listVillages(db, ctx.tenant),
      h.headPersonId === null ? [] : q.findPersons(db, ctx.tenant, [h.headPersonId]),
      q.statusesOf(db, ctx.tenant, [h.id]),
    ]);
    const [groups, organisations] = await Promise.all([
      this.#groupMembershipViews(ctx, { persons: [id] }, asOf, [p]),
      this.#orgMembershipViews(ctx, [id], asOf, [p]),
    ]);
    return {
      ...personView(p, h, policies),
      asOf,
      household: householdView(h, villages, head, statusFlags(statuses, asOf).status),
      groups,
      organisations,
    };
  }

  async households(ctx: Ctx, filter: HouseholdListFilter = {}): Promise<HouseholdView[]> {
    const refusals: Refusal[] = [];
    const asOf =
      filter.asOf == null ? today(ctx) : take(refusals, parsePastDate('asOf', filter.asOf, '9999-12-31'), '');
    const status =
      filter.status == null ? undefined : take(refusals, parseStatus('status', filter.status), undefined);
    throwIf(refusals);
    const db = this.store.db;
    const village =
      filter.village === undefined
        ? undefined
        : (await this.#village(db as Tx, ctx.tenant, filter.village)).id;
    const rows = await q.listHouseholds(db, ctx.tenant, {
      village,
      status,
      asOf,
      includeArchived: filter.includeArchived,
      after: filter.after,
      limit: Math.min(filter.limit ?? 1_000, REGISTRY_LIMITS.pageRowsMax),
    });
    const heads = await q.findPersons(
      db,
      ctx.tenant,
      rows.flatMap((r) => (r.headPersonId ? [r.headPersonId] : [])),
    );
    const villages = await q.listVillages(db, ctx.tenant);
    return rows.map((r) => householdView(r, villages, heads, r.status));
  }

  // --- poverty status ------------------------------------------------------------------------------

  /**
   * Records the status decided for a household on a date. A second decision on the same date
   * corrects the first (the change log keeps it); the same decision again changes nothing.
   */
  async setStatus(ctx: Ctx, input: StatusInput): Promise<StatusFlags> {
    const refusals: Refusal[] = [];
    const row = this.#parseStatusRow(ctx, input, refusals, '');
    throwIf(refusals);
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      await this.#openHousehold(w.tx, ctx.tenant, input.householdId, 'householdId');
      await this.#writeStatusInTx(w, ctx, row!);
    });
    return this.statusFlags(ctx, input.householdId, today(ctx));
  }

  /** Checks a status decision; `prefix` for import field names. Null when refused. */
  #parseStatusRow(ctx: Ctx, input: StatusInput, refusals: Refusal[], prefix: string): q.StatusRow | null {
    const before = refusals.length;
    const status = take(refusals, parseStatus(`${prefix}status`, input.status), 'none');
    const decidedOn = take(refusals, parsePastDate(`${prefix}decidedOn`, input.decidedOn, today(ctx)), '');
    const certificateNo = take(
      refusals,
      parseOptionalText(
        `${prefix}certificateNo`,
        input.certificateNo,
        REGISTRY_LIMITS.certificateNoLengthMax,
      ),
      null,
    );
    const incomeDong = take(refusals, parseDongOptional(`${prefix}incomeDong`, input.incomeDong), null);
    let standard = '';
    if (decidedOn !== '') {
      const named = input.standard == null || input.standard === '' ? null : input.standard;
      standard =
        take(
          refusals,
          standardForDecision(this.standards, `${prefix}decidedOn`, decidedOn, named),
          null as PovertyStandard | null,
        )?.id ?? '';
    }
    if (refusals.length > before) return null;
    return {
      householdId: input.householdId,
      decidedOn,
      status,
      standard,
      certificateNo,
      incomeDong,
      recordedAt: '',
      actor: ctx.actor,
    };
  }

  /** Inserts, corrects or leaves alone one decision. Returns what it did. */
  async #writeStatusInTx(
    w: WriteScope,
    ctx: Ctx,
    row: q.StatusRow,
    existing?: readonly q.StatusRow[],
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const history = existing ?? (await q.statusesOf(w.tx, ctx.tenant, [row.householdId]));
    const before = history.find((s) => s.decidedOn === row.decidedOn);
    const full = { ...row, recordedAt: w.at, actor: ctx.actor };
    const key = `${row.householdId}/${row.decidedOn}`;
    const { recordedAt: _a, actor: _b, ...content } = full;
    if (before) {
      const { recordedAt: _c, actor: _d, ...old } = before;
      if (!diff(old, content)) return 'unchanged';
      await q.updateStatus(w.tx, ctx.tenant, full);
      w.changes.add('poverty_status', key, 'update', old, content);
      return 'updated';
    }
    await q.insertStatuses(w.tx, ctx.tenant, [full]);
    w.changes.add('poverty_status', key, 'create', null, content);
    return 'created';
  }

  async statusHistory(ctx: Ctx, householdId: string): Promise<StatusView[]> {
    await this.#householdOr(this.store.db as Tx, ctx.tenant, householdId);
    return (await q.statusesOf(this.store.db, ctx.tenant, [householdId])).map(statusView);
  }

  /**
   * The status in force on `asOf` and the flags that follow from the history (newly poor, fell
   * back, escaped within 3 years); see `statusFlags` in domain/registry/poverty.ts for the exact
   * rules. Throws `household_unknown`.
   */
  async statusFlags(ctx: Ctx, householdId: string, asOf: BusinessDate = today(ctx)): Promise<StatusFlags> {
    await this.#householdOr(this.store.db as Tx, ctx.tenant, householdId);
    return statusFlags(await q.statusesOf(this.store.db, ctx.tenant, [householdId]), asOf);
  }

  // --- shocks ------------------------------------------------------------------------------------------

  async addShock(ctx: Ctx, input: ShockInput): Promise<ShockView> {
    const refusals: Refusal[] = [];
    const kind = take(refusals, parseShockKind('shockKind', input.kind), 'fire' as ShockKind);
    const occurredOn = take(refusals, parsePastDate('occurredOn', input.occurredOn, today(ctx)), '');
    const description = take(
      refusals,
      parseRequiredText('description', input.description, REGISTRY_LIMITS.descriptionLengthMax),
      '',
    );
    const lossDong = take(refusals, parseDongRequired('lossDong', input.lossDong), 0);
    throwIf(refusals);
    return registryWrite(this.store, ctx, 'registry', async (w) => {
      await this.#householdOr(w.tx, ctx.tenant, input.householdId, 'householdId');
      if (input.personId != null) {
        const p = await this.#personOr(w.tx, ctx.tenant, input.personId, 'personId');
        if (p.householdId !== input.householdId)
          throw new RefusedError([
            {
              code: 'person_not_in_household',
              field: 'personId',
              value: p.id,
              params: { household: input.householdId },
            },
          ]);
      }
      const [id] = await this.#newIds(w.tx, ctx.tenant, 'shock', 1);
      const row: q.ShockRow = {
        id: id!,
        householdId: input.householdId,
        personId: input.personId ?? null,
        kind,
        occurredOn,
        description,
        lossDong,
        actor: ctx.actor,
      };
      await q.insertShock(w.tx, ctx.tenant, row, w.at);
      w.changes.add('shock_event', row.id, 'create', null, row);
      return shockView(row);
    });
  }

  /** True when the household exists and is not archived (a light check for other areas). */
  async isActiveHousehold(ctx: Ctx, id: string): Promise<boolean> {
    const [h] = await q.findHouseholds(this.store.db, ctx.tenant, [id]);
    return h !== undefined && h.archivedOn === null;
  }

  /** One shock event, or undefined. */
  async findShock(ctx: Ctx, id: string): Promise<ShockView | undefined> {
    const [s] = await q.findShocks(this.store.db, ctx.tenant, { ids: [id], limit: 1 });
    return s && shockView(s);
  }

  /** One shock event; aid and loan risk treatment link to it by id. Throws `shock_unknown`. */
  async shock(ctx: Ctx, id: string): Promise<ShockView> {
    const [s] = await q.findShocks(this.store.db, ctx.tenant, { ids: [id], limit: 1 });
    if (!s) throw unknown('shock_unknown', 'id', id);
    return shockView(s);
  }

  async shocks(
    ctx: Ctx,
    filter: { householdId?: string; kind?: unknown; from?: unknown; to?: unknown; limit?: number } = {},
  ): Promise<ShockView[]> {
    const refusals: Refusal[] = [];
    const kind =
      filter.kind == null ? undefined : take(refusals, parseShockKind('shockKind', filter.kind), undefined);
    const from =
      filter.from == null
        ? undefined
        : take(refusals, parsePastDate('from', filter.from, '9999-12-31'), undefined);
    const to =
      filter.to == null ? undefined : take(refusals, parsePastDate('to', filter.to, '9999-12-31'), undefined);
    throwIf(refusals);
    return (
      await q.findShocks(this.store.db, ctx.tenant, {
        household: filter.householdId,
        kind,
        from,
        to,
        limit: Math.min(filter.limit ?? 1_000, REGISTRY_LIMITS.pageRowsMax),
      })
    ).map(shockView);
  }

  // --- organisation membership ---------------------------------------------------------------------

  async joinOrganisation(
    ctx: Ctx,
    input: { organisation: string; personId: string; on: unknown },
  ): Promise<OrganisationMembershipView> {
    const refusals: Refusal[] = [];
    const on = take(refusals, parsePastDate('on', input.on, today(ctx)), '');
    throwIf(refusals);
    return registryWrite(this.store, ctx, 'registry', async (w) => {
      const row = await this.#prepareOrgJoin(w.tx, ctx, input.organisation, input.personId, on, 'person');
      await q.insertOrgMemberships(w.tx, ctx.tenant, [row], w.at);
      w.changes.add('organisation_membership', `${row.of}/${row.personId}/${on}`, 'join', null, row);
      const p = await this.#personOr(w.tx, ctx.tenant, input.personId);
      return orgView(row, p.fullName, today(ctx));
    });
  }

  /** Checks a join: the organisation and person exist, no membership overlaps. */
  async #prepareOrgJoin(
    tx: Tx,
    ctx: Ctx,
    organisation: string,
    personId: string,
    on: BusinessDate,
    field: string,
  ): Promise<q.MembershipRow> {
    if (!(await listOrganisations(tx, ctx.tenant)).some((o) => o.id === organisation))
      throw unknown('organisation_unknown', 'organisation', organisation);
    const p = await this.#personOr(tx, ctx.tenant, personId, field);
    await this.#openHousehold(tx, ctx.tenant, p.householdId, field);
    const spans = [...(await q.orgMemberships(tx, ctx.tenant, { of: [organisation], persons: [personId] }))];
    const clash = joinClash(spans, organisation, personId, on, field);
    if (clash) throw new RefusedError([clash]);
    return { of: organisation, personId, joinedOn: on, leftOn: null };
  }

  async leaveOrganisation(
    ctx: Ctx,
    input: { organisation: string; personId: string; on: unknown },
  ): Promise<OrganisationMembershipView> {
    const refusals: Refusal[] = [];
    const on = take(refusals, parsePastDate('on', input.on, today(ctx)), '');
    throwIf(refusals);
    return registryWrite(this.store, ctx, 'registry', async (w) => {
      const spans = await q.orgMemberships(w.tx, ctx.tenant, {
        of: [input.organisation],
        persons: [input.personId],
      });
      const target = leaveTarget(spans, input.organisation, input.personId, on);
      if (!target.ok) throw new RefusedError([target.refusal]);
      const open = target.open;
      const after = { ...open, leftOn: on };
      await q.setLeft(w.tx, ctx.tenant, 'organisation_membership', after, w.at);
      w.changes.add(
        'organisation_membership',
        `${open.of}/${open.personId}/${open.joinedOn}`,
        'leave',
        open,
        after,
      );
      const p = await this.#personOr(w.tx, ctx.tenant, input.personId);
      return orgView(after, p.fullName, today(ctx));
    });
  }

  async organisationMembers(
    ctx: Ctx,
    organisation: string,
    asOf: BusinessDate = today(ctx),
  ): Promise<OrganisationMembershipView[]> {
    if (!(await listOrganisations(this.store.db, ctx.tenant)).some((o) => o.id === organisation))
      throw unknown('organisation_unknown', 'organisation', organisation);
    const rows = (await q.orgMemberships(this.store.db, ctx.tenant, { of: [organisation] })).filter((m) =>
      isActiveOn(m, asOf),
    );
    const people = await q.findPersons(
      this.store.db,
      ctx.tenant,
      rows.map((r) => r.personId),
    );
    const names = new Map(people.map((p) => [p.id, p.fullName]));
    return rows.map((r) => orgView(r, names.get(r.personId) ?? '', asOf));
  }

  async #orgMembershipViews(
    ctx: Ctx,
    personIds: readonly string[],
    asOf: BusinessDate,
    people: readonly q.PersonRow[],
  ): Promise<OrganisationMembershipView[]> {
    const names = new Map(people.map((p) => [p.id, p.fullName]));
    const rows = await q.orgMemberships(this.store.db, ctx.tenant, { persons: personIds });
    return rows.map((r) => orgView(r, names.get(r.personId) ?? '', asOf));
  }

  // --- groups ------------------------------------------------------------------------------------------

  async addGroup(ctx: Ctx, input: GroupInput): Promise<GroupDetail> {
    const refusals: Refusal[] = [];
    const kind = take(refusals, parseGroupKind('groupKind', input.kind), 'vsla' as GroupKind);
    const name = cleanName(
      take(refusals, parseRequiredText('name', input.name, REGISTRY_LIMITS.nameLengthMax), ''),
    );
    const foundedOn = take(
      refusals,
      parsePastDate('foundedOn', input.foundedOn ?? today(ctx), today(ctx)),
      '',
    );
    const purpose = take(
      refusals,
      parseOptionalText('purpose', input.purpose, REGISTRY_LIMITS.purposeLengthMax),
      null,
    );
    const id = input.id == null ? null : take(refusals, parsePartyId('id', input.id), null);
    if (name !== '' && nameKey(name) === '')
      refusals.push({ code: 'name_invalid', field: 'name', value: input.name });
    throwIf(refusals);
    const groupId = await registryWrite(this.store, ctx, 'registry', async (w) => {
      if (!(await listOrganisations(w.tx, ctx.tenant)).some((o) => o.id === input.organisation))
        throw unknown('organisation_unknown', 'organisation', input.organisation);
      const village = await this.#village(w.tx, ctx.tenant, input.village);
      const clash = (
        await q.findGroups(w.tx, ctx.tenant, {
          organisation: input.organisation,
          village: village.id,
          includeClosed: true,
        })
      ).find((g) => g.nameKey === nameKey(name));
      if (clash)
        throw new RefusedError([
          { code: 'group_exists', field: 'name', value: name, params: { group: clash.id } },
        ]);
      if (id !== null) await this.#idFree(w.tx, ctx.tenant, 'id', id);
      const gid = id ?? (await this.#newIds(w.tx, ctx.tenant, 'group', 1))[0]!;
      const row: q.GroupRow = {
        id: gid,
        organisationId: input.organisation,
        kind,
        villageId: village.id,
        name,
        nameKey: nameKey(name),
        leaderPersonId: null,
        purpose,
        foundedOn,
        closedOn: null,
      };
      await q.insertGroup(w.tx, ctx.tenant, row, w.at);
      const { nameKey: _k, ...record } = row;
      w.changes.add('grp', gid, 'create', null, record);
      if (input.leaderPersonId != null) {
        // The leader is the group's first member, from the day it was founded.
        const m = await this.#prepareGroupJoin(
          w.tx,
          ctx,
          row,
          input.leaderPersonId,
          foundedOn,
          'leaderPersonId',
        );
        await q.insertGroupMemberships(w.tx, ctx.tenant, [m], w.at);
        w.changes.add('group_membership', `${gid}/${m.personId}/${foundedOn}`, 'join', null, m);
        const after = { ...row, leaderPersonId: m.personId };
        await q.updateGroup(w.tx, ctx.tenant, after, w.at);
        w.changes.add('grp', gid, 'update', { leaderPersonId: null }, { leaderPersonId: m.personId });
      }
      return gid;
    });
    return this.group(ctx, groupId);
  }

  async #groupOr(tx: Tx, tenant: string, id: string, field = 'group'): Promise<q.GroupRow> {
    const [g] = await q.findGroups(tx, tenant, { ids: [id], includeClosed: true });
    if (!g) throw unknown('group_unknown', field, id);
    return g;
  }

  /**
   * Checks a join: the group is open and founded by then, the person exists and lives in an
   * open household, no membership of theirs in this group overlaps, the group has room (60), and
   * a joint plan is the person's only active one (domain/registry/membership.ts).
   */
  async #prepareGroupJoin(
    tx: Tx,
    ctx: Ctx,
    g: q.GroupRow,
    personId: string,
    on: BusinessDate,
    field: string,
  ): Promise<q.GroupMembershipRow> {
    const p = await this.#personOr(tx, ctx.tenant, personId, field);
    await this.#openHousehold(tx, ctx.tenant, p.householdId, field);
    const mine = [...(await q.groupMemberships(tx, ctx.tenant, { persons: [personId] }))];
    const open = (await q.openMemberCounts(tx, ctx.tenant, [g.id])).get(g.id) ?? 0;
    const refusal = groupJoinRefusal(g, mine, open, personId, on, field);
    if (refusal) throw new RefusedError([refusal]);
    return { of: g.id, groupKind: g.kind, personId, joinedOn: on, leftOn: null };
  }

  async joinGroup(ctx: Ctx, input: { group: string; personId: string; on: unknown }): Promise<GroupDetail> {
    const refusals: Refusal[] = [];
    const on = take(refusals, parsePastDate('on', input.on, today(ctx)), '');
    throwIf(refusals);
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      const g = await this.#groupOr(w.tx, ctx.tenant, input.group);
      const m = await this.#prepareGroupJoin(w.tx, ctx, g, input.personId, on, 'person');
      await q.insertGroupMemberships(w.tx, ctx.tenant, [m], w.at);
      w.changes.add('group_membership', `${g.id}/${m.personId}/${on}`, 'join', null, m);
    });
    return this.group(ctx, input.group);
  }

  /** A member leaves on `on`, the first day they are no longer in the group. */
  async leaveGroup(ctx: Ctx, input: { group: string; personId: string; on: unknown }): Promise<GroupDetail> {
    const refusals: Refusal[] = [];
    const on = take(refusals, parsePastDate('on', input.on, today(ctx)), '');
    throwIf(refusals);
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      const g = await this.#groupOr(w.tx, ctx.tenant, input.group);
      if (g.leaderPersonId === input.personId)
        throw new RefusedError([
          { code: 'leader_cannot_leave', field: 'person', value: input.personId, params: { group: g.id } },
        ]);
      const spans = await q.groupMemberships(w.tx, ctx.tenant, { of: [g.id], persons: [input.personId] });
      const target = leaveTarget(spans, g.id, input.personId, on);
      if (!target.ok) throw new RefusedError([target.refusal]);
      const open = target.open;
      const after = { ...open, leftOn: on };
      await q.setLeft(w.tx, ctx.tenant, 'group_membership', after, w.at);
      w.changes.add('group_membership', `${g.id}/${open.personId}/${open.joinedOn}`, 'leave', open, after);
    });
    return this.group(ctx, input.group);
  }

  /** Makes an active member the group's leader (tổ trưởng). */
  async setGroupLeader(ctx: Ctx, input: { group: string; personId: string }): Promise<GroupDetail> {
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      const g = await this.#groupOr(w.tx, ctx.tenant, input.group);
      const spans = await q.groupMemberships(w.tx, ctx.tenant, { of: [g.id], persons: [input.personId] });
      if (!spans.some((s) => s.leftOn === null))
        throw new RefusedError([
          { code: 'leader_not_member', field: 'person', value: input.personId, params: { group: g.id } },
        ]);
      if (g.leaderPersonId === input.personId) return;
      await q.updateGroup(w.tx, ctx.tenant, { ...g, leaderPersonId: input.personId }, w.at);
      w.changes.add(
        'grp',
        g.id,
        'update',
        { leaderPersonId: g.leaderPersonId },
        { leaderPersonId: input.personId },
      );
    });
    return this.group(ctx, input.group);
  }

  /** Closes a group once every member has left. */
  async closeGroup(ctx: Ctx, input: { group: string; on: unknown }): Promise<GroupDetail> {
    const refusals: Refusal[] = [];
    const on = take(refusals, parsePastDate('on', input.on, today(ctx)), '');
    throwIf(refusals);
    await registryWrite(this.store, ctx, 'registry', async (w) => {
      const g = await this.#groupOr(w.tx, ctx.tenant, input.group);
      if (g.closedOn !== null)
        throw new RefusedError([
          { code: 'group_closed', field: 'group', value: g.id, params: { on: g.closedOn } },
        ]);
      const open = (await q.openMemberCounts(w.tx, ctx.tenant, [g.id])).get(g.id) ?? 0;
      if (open > 0)
        throw new RefusedError([
          { code: 'group_has_members', field: 'group', value: g.id, params: { count: open } },
        ]);
      await q.updateGroup(w.tx, ctx.tenant, { ...g, closedOn: on, leaderPersonId: null }, w.at);
      w.changes.add(
        'grp',
        g.id,
        'archive',
        { closedOn: null, leaderPersonId: g.leaderPersonId },
        { closedOn: on, leaderPersonId: null },
      );
    });
    return this.group(ctx, input.group);
  }

  /** A group with its members active on `asOf` (default today) and its whole history. Throws `group_unknown`. */
  async group(ctx: Ctx, id: string, options: { asOf?: BusinessDate } = {}): Promise<GroupDetail> {
    const db = this.store.db;
    const asOf = options.asOf ?? today(ctx);
    const g = await this.#groupOr(db as Tx, ctx.tenant, id, 'id');
    const history = await this.#groupMembershipViews(ctx, { of: [id] }, asOf);
    const counts = await q.openMemberCounts(db, ctx.tenant, [id]);
    const leader = g.leaderPersonId === null ? [] : await q.findPersons(db, ctx.tenant, [g.leaderPersonId]);
    return {
      ...groupView(g, counts),
      asOf,
      leaderName: leader[0]?.fullName ?? null,
      members: history.filter((m) => m.active),
      history,
    };
  }

  async groups(
    ctx: Ctx,
    filter: { organisation?: string; village?: string; kind?: unknown; includeClosed?: boolean } = {},
  ): Promise<GroupView[]> {
    const refusals: Refusal[] = [];
    const kind =
      filter.kind == null ? undefined : take(refusals, parseGroupKind('groupKind', filter.kind), undefined);
    throwIf(refusals);
    const db = this.store.db;
    const village =
      filter.village === undefined
        ? undefined
        : (await this.#village(db as Tx, ctx.tenant, filter.village)).id;
    const rows = await q.findGroups(db, ctx.tenant, {
      organisation: filter.organisation,
      village,
      kind,
      includeClosed: filter.includeClosed,
    });
    const counts = await q.openMemberCounts(
      db,
      ctx.tenant,
      rows.map((r) => r.id),
    );
    return rows.map((g) => groupView(g, counts));
  }

  /**
   * What a group inspection (form 16/TD) would flag on `asOf`: open groups with fewer than 3
   * active members, no leader or a leader who is not an active member, and members of a VBSP
   * group whose household lives in another village.
   */
  async checkGroups(ctx: Ctx, asOf: BusinessDate = today(ctx)): Promise<GroupProblem[]> {
    const db = this.store.db;
    const groups = await q.findGroups(db, ctx.tenant, {});
    const memberships = await q.groupMemberships(db, ctx.tenant, { of: groups.map((g) => g.id) });
    const active = memberships.filter((m) => isActiveOn(m, asOf));
    const people = new Map(
      (await q.findPersons(db, ctx.tenant, [...new Set(active.map((m) => m.personId))])).map((p) => [
        p.id,
        p,
      ]),
    );
    const households = new Map(
      (
        await q.findHouseholds(db, ctx.tenant, [...new Set([...people.values()].map((p) => p.householdId))])
      ).map((h) => [h.id, h]),
    );
    const out: GroupProblem[] = [];
    for (const g of groups) {
      if (g.foundedOn > asOf) continue;
      const members = active.filter((m) => m.of === g.id);
      if (members.length < REGISTRY_LIMITS.groupMembersMin)
        out.push({
          code: 'group_too_small',
          field: 'group',
          value: g.id,
          params: { count: members.length, min: REGISTRY_LIMITS.groupMembersMin, name: g.name },
        });
      if (g.leaderPersonId === null)
        out.push({ code: 'leader_missing', field: 'group', value: g.id, params: { name: g.name } });
      else if (!members.some((m) => m.personId === g.leaderPersonId))
        out.push({
          code: 'leader_not_member',
          field: 'group',
          value: g.id,
          params: { name: g.name, person: g.leaderPersonId },
        });
      if (g.kind === 'vbsp_group')
        for (const m of members) {
          const h = households.get(people.get(m.personId)?.householdId ?? '');
          if (h && h.villageId !== g.villageId)
            out.push({
              code: 'member_outside_village',
              field: 'group',
              value: g.id,
              params: { name: g.name, person: m.personId, village: h.villageId, groupVillage: g.villageId },
            });
        }
    }
    return out;
  }

  async #groupMembershipViews(
    ctx: Ctx,
    filter: q.MembershipFilter,
    asOf: BusinessDate,
    people?: readonly q.PersonRow[],
  ): Promise<GroupMembershipView[]> {
    const db = this.store.db;
    const rows = await q.groupMemberships(db, ctx.tenant, filter);
    const groups = new Map(
      (
        await q.findGroups(db, ctx.tenant, { ids: [...new Set(rows.map((r) => r.of))], includeClosed: true })
      ).map((g) => [g.id, g]),
    );
    const persons =
      people ?? (await q.findPersons(db, ctx.tenant, [...new Set(rows.map((r) => r.personId))]));
    const names = new Map(persons.map((p) => [p.id, p.fullName]));
    return rows.map((r) => ({
      groupId: r.of,
      groupKind: r.groupKind,
      groupName: groups.get(r.of)?.name ?? '',
      personId: r.personId,
      fullName: names.get(r.personId) ?? '',
      joinedOn: r.joinedOn,
      leftOn: r.leftOn,
      active: isActiveOn(r, asOf),
    }));
  }

  // --- search and the change log ---------------------------------------------------------------------

  /**
   * People whose name matches `query` forgiving accents, case and one typo per word, filtered by
   * village, poverty status, organisation and group (see docs/design/registry.md § Search).
   */
  async search(ctx: Ctx, query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const db = this.store.db;
    const village =
      options.village === undefined
        ? undefined
        : (await this.#village(db as Tx, ctx.tenant, options.village)).id;
    return searchPeople(db, ctx, query, { ...options, village });
  }

  async changes(
    ctx: Ctx,
    filter: { entity?: string; entityId?: string; afterSeq?: number; limit?: number } = {},
  ): Promise<q.ChangeRow[]> {
    return q.listChanges(this.store.db, ctx.tenant, {
      ...filter,
      limit: Math.min(filter.limit ?? 100, REGISTRY_LIMITS.changeRowsMax),
    });
  }
}

// --- helpers -------------------------------------------------------------------------------------------

function householdView(
  h: q.HouseholdRow,
  villages: readonly q.VillageRow[],
  people: readonly q.PersonRow[],
  status: HouseholdView['status'],
): HouseholdView {
  const head = people.find((p) => p.id === h.headPersonId);
  return {
    id: h.id,
    villageId: h.villageId,
    villageName: villages.find((v) => v.id === h.villageId)?.name ?? h.villageId,
    headPersonId: h.headPersonId,
    headName: head?.fullName ?? null,
    address: h.address,
    phone: h.phone,
    archivedOn: h.archivedOn,
    archiveReason: h.archiveReason,
    status,
  };
}

function personView(p: q.PersonRow, h: q.HouseholdRow, policies: readonly q.PolicyRow[]): PersonView {
  return {
    id: p.id,
    householdId: p.householdId,
    fullName: p.fullName,
    birthYear: p.birthYear,
    sex: p.sex,
    idNumber: p.idNumber,
    phone: p.phone,
    relation: p.relation,
    isHead: h.headPersonId === p.id,
    policies: policies
      .filter((x) => x.personId === p.id)
      .map(
        (x): PolicyView => ({
          category: x.category,
          detail: x.detail,
          sinceOn: x.sinceOn,
          untilOn: x.untilOn,
        }),
      ),
  };
}

function statusView(s: q.StatusRow): StatusView {
  return {
    decidedOn: s.decidedOn,
    status: s.status,
    standard: s.standard,
    certificateNo: s.certificateNo,
    incomeDong: s.incomeDong,
    recordedAt: s.recordedAt,
    actor: s.actor,
  };
}

function shockView(s: q.ShockRow): ShockView {
  return {
    id: s.id,
    householdId: s.householdId,
    personId: s.personId,
    kind: s.kind,
    occurredOn: s.occurredOn,
    description: s.description,
    lossDong: s.lossDong,
  };
}

function orgView(m: q.MembershipRow, fullName: string, asOf: BusinessDate): OrganisationMembershipView {
  return {
    organisationId: m.of,
    personId: m.personId,
    fullName,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
    active: isActiveOn(m, asOf),
  };
}

function groupView(g: q.GroupRow, counts: ReadonlyMap<string, number>): GroupView {
  return {
    id: g.id,
    organisationId: g.organisationId,
    kind: g.kind,
    villageId: g.villageId,
    name: g.name,
    leaderPersonId: g.leaderPersonId,
    purpose: g.purpose,
    foundedOn: g.foundedOn,
    closedOn: g.closedOn,
    openMembers: counts.get(g.id) ?? 0,
  };
}
