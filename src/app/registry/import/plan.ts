/**
 * An import plan: the file's records checked against the database and against each other, and
 * what writing them would change. Identity rules (so re-importing the same file is a no-op):
 *
 * - a household by its "Mã hộ";
 * - its head by ID number, else the household's current head, else a new person;
 * - another person by "Mã người", else ID number, else household + name + birth year;
 * - a status decision by household + decision date;
 * - a membership by group (or organisation) + person + join date.
 *
 * An empty cell never erases a stored value. Two rows that say different things about one
 * person, decision or membership are refused (`conflicting_rows`). An import never reopens a
 * membership that has a leave date.
 */

import type { Refusal } from '../../../domain/refusal.ts';
import type { PolicyCategory } from '../../../domain/registry/kinds.ts';
import {
  type GroupFacts,
  groupJoinRefusal,
  joinClash,
  type Membership,
} from '../../../domain/registry/membership.ts';
import { nameKey, slugFromName } from '../../../domain/registry/names.ts';
import { type PovertyStandard, standardForDecision } from '../../../domain/registry/poverty.ts';
import { listOrganisations, type OrganisationRow } from '../../../store/ledger-store.ts';
import type { Tx } from '../../../store/open-store.ts';
import * as q from '../../../store/registry-store.ts';
import type { Loc, MembershipRec, PersonCells, Records, StatusRec } from './rows.ts';
import { located } from './rows.ts';

/** A person the import will create or change; `id` is set for a new one when it is written. */
export interface PlannedPerson {
  id: string | null;
  readonly existing: q.PersonRow | null;
  householdId: string;
  readonly first: Loc;
  /** Values the file gives, with the row that gave each (to name a conflict). */
  readonly given: Map<keyof PersonCells, { value: unknown; row: number }>;
  readonly policies: Map<PolicyCategory, { detail: string | null; row: number }>;
}

export interface PlannedHousehold {
  readonly rec: Loc;
  readonly existing: q.HouseholdRow | null;
  readonly villageRef: string;
  readonly address: string | null;
  readonly phone: string | null;
  head: PlannedPerson | null;
}

export interface PlannedMembership {
  readonly rec: MembershipRec;
  readonly table: 'group_membership' | 'organisation_membership';
  readonly of: string;
  readonly groupKind: q.GroupRow['kind'] | null;
  readonly person: PlannedPerson | q.PersonRow;
  /** The stored membership this row leaves or corrects; null for a new one. */
  readonly existing: q.MembershipRow | null;
}

export interface Plan {
  readonly refusals: Refusal[];
  readonly newVillages: q.VillageRow[];
  readonly villageIds: Map<string, string>;
  readonly households: Map<string, PlannedHousehold>;
  readonly people: PlannedPerson[];
  readonly statuses: Array<{ row: q.StatusRow; existing: q.StatusRow | null }>;
  readonly memberships: PlannedMembership[];
  readonly state: State;
}

/** What is stored, loaded once. */
export interface State {
  readonly villages: q.VillageRow[];
  readonly households: Map<string, q.HouseholdRow>;
  readonly persons: Map<string, q.PersonRow>;
  readonly byIdNumber: Map<string, q.PersonRow>;
  readonly byHousehold: Map<string, q.PersonRow[]>;
  readonly statuses: Map<string, q.StatusRow[]>;
  readonly policies: Map<string, q.PolicyRow[]>;
  readonly organisations: OrganisationRow[];
  readonly groups: Map<string, q.GroupRow>;
  readonly orgMemberships: q.MembershipRow[];
  readonly groupMemberships: q.GroupMembershipRow[];
}

/**
 * The key of a person the file adds without an id: the sheet and row that first name them. The
 * row alone is not enough: row 2 of the households sheet (a head) and row 2 of the people sheet
 * (a member) are two people, and their memberships must not collapse into one.
 */
function pendingKey(p: PlannedPerson): string {
  return `#${p.first.sheet}:${p.first.row}`;
}

function groupBy<T>(rows: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export async function loadState(db: Tx, tenant: string): Promise<State> {
  const [
    villages,
    households,
    persons,
    statuses,
    policies,
    organisations,
    groups,
    orgMemberships,
    groupMemberships,
  ] = await Promise.all([
    q.listVillages(db, tenant),
    q.allHouseholds(db, tenant),
    q.allPersons(db, tenant),
    q.allStatuses(db, tenant),
    q.allPolicies(db, tenant),
    listOrganisations(db, tenant),
    q.findGroups(db, tenant, { includeClosed: true }),
    q.orgMemberships(db, tenant, {}),
    q.groupMemberships(db, tenant, {}),
  ]);
  return {
    villages,
    households: new Map(households.map((h) => [h.id, h])),
    persons: new Map(persons.map((p) => [p.id, p])),
    byIdNumber: new Map(persons.flatMap((p) => (p.idNumber === null ? [] : [[p.idNumber, p] as const]))),
    byHousehold: groupBy(persons, (p) => p.householdId),
    statuses: groupBy(statuses, (s) => s.householdId),
    policies: groupBy(policies, (p) => p.personId),
    organisations,
    groups: new Map(groups.map((g) => [g.id, g])),
    orgMemberships,
    groupMemberships,
  };
}

export interface PlanOptions {
  readonly createVillages: boolean;
  readonly standards: readonly PovertyStandard[];
}

/** Checks the records against the database; everything refused is in `plan.refusals`. */
export async function buildPlan(
  db: Tx,
  tenant: string,
  records: Records,
  options: PlanOptions,
): Promise<Plan> {
  const state = await loadState(db, tenant);
  const b = new Planner(state, options);
  b.planVillages(records);
  b.planHouseholds(records);
  b.planPeople(records);
  b.planStatuses(records.statuses);
  b.planMemberships(records.memberships);
  await b.checkNewIds(db, tenant);
  return b.plan();
}

class Planner {
  readonly refusals: Refusal[] = [];
  readonly newVillages: q.VillageRow[] = [];
  /** Village as written in the file (its key) → village id. */
  readonly villageIds = new Map<string, string>();
  readonly households = new Map<string, PlannedHousehold>();
  /** Household ids a refused row named: dependent rows are not refused again for them. */
  readonly brokenHouseholds = new Set<string>();
  readonly people: PlannedPerson[] = [];
  /** Planned people by their (planned) household, so lookups stay O(household size). */
  readonly peopleOf = new Map<string, Set<PlannedPerson>>();
  readonly byKey = new Map<string, PlannedPerson>();
  readonly byExisting = new Map<string, PlannedPerson>();
  readonly statusRows: Array<{ row: q.StatusRow; existing: q.StatusRow | null; loc: Loc }> = [];
  readonly memberships: PlannedMembership[] = [];
  /** Name → key, so each distinct name is normalised once. */
  readonly keys = new Map<string, string>();

  constructor(
    readonly state: State,
    readonly options: PlanOptions,
  ) {}

  refuse(
    loc: Loc,
    column: string,
    code: string,
    value: unknown,
    params?: Record<string, string | number>,
  ): void {
    this.refusals.push(located({ code, field: column, value, ...(params ? { params } : {}) }, loc));
  }

  planVillages(records: Records): void {
    const byKey = new Map(this.state.villages.map((v) => [v.nameKey, v]));
    const byId = new Map(this.state.villages.map((v) => [v.id, v]));
    const usedIds = new Set(this.state.villages.map((v) => v.id));
    for (const h of records.households) {
      if (h.village === '') continue;
      const key = nameKey(h.village);
      if (this.villageIds.has(key)) continue;
      const found = byId.get(h.village) ?? byKey.get(key);
      if (found) {
        if (found.archivedOn !== null) this.refuse(h, 'village', 'village_archived', h.village);
        else this.villageIds.set(key, found.id);
        continue;
      }
      if (!this.options.createVillages) {
        this.refuse(h, 'village', 'village_unknown', h.village);
        continue;
      }
      let id = slugFromName(h.village);
      for (let n = 2; usedIds.has(id); n++) id = `${slugFromName(h.village).slice(0, 36)}-${n}`;
      usedIds.add(id);
      this.newVillages.push({ id, name: h.village, nameKey: key, archivedOn: null });
      this.villageIds.set(key, id);
    }
  }

  planHouseholds(records: Records): void {
    const first = new Map<string, Loc>();
    for (const h of records.households) {
      const seen = first.get(h.id);
      if (seen) {
        this.refuse(h, 'householdId', 'duplicate_in_file', h.id, { first: seen.row });
        continue;
      }
      first.set(h.id, h);
      const existing = this.state.households.get(h.id) ?? null;
      if (!h.valid) {
        this.brokenHouseholds.add(h.id);
        continue;
      }
      if (existing?.archivedOn) {
        this.refuse(h, 'householdId', 'household_archived', h.id, { on: existing.archivedOn });
        this.brokenHouseholds.add(h.id);
        continue;
      }
      if (!existing && this.state.persons.has(h.id)) {
        this.refuse(h, 'householdId', 'already_exists', h.id);
        this.brokenHouseholds.add(h.id);
        continue;
      }
      const planned: PlannedHousehold = {
        rec: h,
        existing,
        villageRef: nameKey(h.village),
        address: h.address,
        phone: h.phone,
        head: null,
      };
      this.households.set(h.id, planned);
      // The head: by ID number, else the current head, else someone new.
      const byNumber = h.head.idNumber === null ? undefined : this.findByIdNumber(h.head.idNumber);
      // A member of another household may become the head of a new one (a son setting up his
      // own); the head of another household, or someone this file puts elsewhere, may not.
      if (byNumber && byNumber.householdId !== h.id && (!byNumber.existing || this.isHead(byNumber))) {
        this.refuse(h, 'idNumber', 'id_number_taken', h.head.idNumber, {
          person: byNumber.id ?? `${byNumber.householdId}`,
        });
        this.households.delete(h.id);
        this.brokenHouseholds.add(h.id);
        continue;
      }
      const currentHead = existing?.headPersonId ? this.state.persons.get(existing.headPersonId) : undefined;
      const head =
        byNumber ?? (currentHead ? this.plannedFor(currentHead, h) : this.newPerson(h.id, h, null));
      if (head.householdId !== h.id && !this.moveTo(head, h.id, h)) continue;
      this.give(head, { ...h.head, relation: null }, h);
      if (!head.existing && !head.given.has('relation'))
        head.given.set('relation', { value: 'Chủ hộ', row: h.row });
      planned.head = head;
    }
  }

  /** True when the person heads a household, as stored or as this file plans it. */
  isHead(p: PlannedPerson): boolean {
    for (const h of this.households.values()) if (h.head === p) return true;
    return (
      p.existing !== null && this.state.households.get(p.existing.householdId)?.headPersonId === p.existing.id
    );
  }

  planPeople(records: Records): void {
    for (const r of records.people) {
      const known = this.households.has(r.householdId) || this.state.households.has(r.householdId);
      if (!known) {
        if (!this.brokenHouseholds.has(r.householdId))
          this.refuse(r, 'householdId', 'household_unknown', r.householdId);
        continue;
      }
      if (this.brokenHouseholds.has(r.householdId) || !r.valid) continue;
      const stored = this.state.households.get(r.householdId);
      if (stored?.archivedOn && !this.households.has(r.householdId)) {
        this.refuse(r, 'householdId', 'household_archived', r.householdId, { on: stored.archivedOn });
        continue;
      }
      const p = this.identify(r.householdId, r.personId, r.cells, r);
      if (!p) continue;
      if (p.householdId !== r.householdId && !this.moveTo(p, r.householdId, r)) continue;
      this.give(p, r.cells, r);
    }
  }

  /** The planned person a people row stands for, creating one when no rule finds them. */
  identify(householdId: string, personId: string | null, cells: PersonCells, loc: Loc): PlannedPerson | null {
    if (personId !== null) {
      const planned = this.byKey.get(`id:${personId}`);
      if (planned) return planned;
      const stored = this.state.persons.get(personId);
      if (stored) return this.plannedFor(stored, loc);
      if (
        this.state.households.has(personId) ||
        this.state.groups.has(personId) ||
        this.households.has(personId)
      ) {
        this.refuse(loc, 'personId', 'already_exists', personId);
        return null;
      }
      const p = this.newPerson(householdId, loc, personId);
      return p;
    }
    if (cells.idNumber !== null) {
      const p = this.findByIdNumber(cells.idNumber);
      if (p) return p;
    }
    const key = cells.fullName === null ? '' : nameKey(cells.fullName);
    const matches = this.sameName(householdId, key, cells.birthYear);
    if (matches.length > 1) {
      this.refuse(loc, 'fullName', 'person_ambiguous', cells.fullName, {
        people: matches.map((m) => m.id ?? `#${m.first.row}`).join(', '),
      });
      return null;
    }
    return matches[0] ?? this.newPerson(householdId, loc, null);
  }

  /** People of a household (stored or planned) with this name and a compatible birth year. */
  sameName(householdId: string, key: string, birthYear: number | null): PlannedPerson[] {
    const out = new Set<PlannedPerson>();
    const fits = (k: string, y: number | null) =>
      k === key && (birthYear === null || y === null || y === birthYear);
    for (const p of this.peopleOf.get(householdId) ?? [])
      if (fits(this.nameKeyOf(p), this.birthYearOf(p))) out.add(p);
    for (const s of this.state.byHousehold.get(householdId) ?? [])
      if (!this.byExisting.has(s.id) && fits(s.nameKey, s.birthYear)) out.add(this.plannedFor(s, null));
    return [...out];
  }

  /** The person's name key as the file leaves it (computed once per name). */
  nameKeyOf(p: PlannedPerson): string {
    const given = p.given.get('fullName')?.value;
    if (typeof given !== 'string') return p.existing?.nameKey ?? '';
    let key = this.keys.get(given);
    if (key === undefined) {
      key = nameKey(given);
      this.keys.set(given, key);
    }
    return key;
  }

  birthYearOf(p: PlannedPerson): number | null {
    const given = p.given.get('birthYear')?.value;
    return typeof given === 'number' ? given : (p.existing?.birthYear ?? null);
  }

  findByIdNumber(idNumber: string): PlannedPerson | undefined {
    const planned = this.byKey.get(`cccd:${idNumber}`);
    if (planned) return planned;
    const stored = this.state.byIdNumber.get(idNumber);
    return stored ? this.plannedFor(stored, null) : undefined;
  }

  plannedFor(stored: q.PersonRow, loc: Loc | null): PlannedPerson {
    const known = this.byExisting.get(stored.id);
    if (known) return known;
    const p: PlannedPerson = {
      id: stored.id,
      existing: stored,
      householdId: stored.householdId,
      first: loc ?? { sheet: '', kind: 'people', row: 0 },
      given: new Map(),
      policies: new Map(),
    };
    this.byExisting.set(stored.id, p);
    this.byKey.set(`id:${stored.id}`, p);
    if (stored.idNumber !== null) this.byKey.set(`cccd:${stored.idNumber}`, p);
    this.track(p);
    return p;
  }

  track(p: PlannedPerson): void {
    this.people.push(p);
    const set = this.peopleOf.get(p.householdId);
    if (set) set.add(p);
    else this.peopleOf.set(p.householdId, new Set([p]));
  }

  newPerson(householdId: string, loc: Loc, id: string | null): PlannedPerson {
    const p: PlannedPerson = {
      id,
      existing: null,
      householdId,
      first: loc,
      given: new Map(),
      policies: new Map(),
    };
    if (id !== null) this.byKey.set(`id:${id}`, p);
    this.track(p);
    return p;
  }

  /** Moves a person to another household; false (and refused) when they may not move. */
  moveTo(p: PlannedPerson, householdId: string, loc: Loc): boolean {
    if (p.existing) {
      const old = this.state.households.get(p.existing.householdId);
      const oldPlanned = this.households.get(p.existing.householdId);
      const stillHead = oldPlanned ? oldPlanned.head === p : old?.headPersonId === p.existing.id;
      if (stillHead) {
        this.refuse(loc, 'householdId', 'head_cannot_move', householdId, {
          household: p.existing.householdId,
        });
        return false;
      }
    } else if (p.householdId !== householdId) {
      this.refuse(loc, 'householdId', 'conflicting_rows', householdId, { first: p.first.row });
      return false;
    }
    this.peopleOf.get(p.householdId)?.delete(p);
    p.householdId = householdId;
    const set = this.peopleOf.get(householdId);
    if (set) set.add(p);
    else this.peopleOf.set(householdId, new Set([p]));
    return true;
  }

  /** Adds what a row says about a person; a different non-empty value from another row is refused. */
  give(p: PlannedPerson, cells: PersonCells, loc: Loc): void {
    const columns: Array<[keyof PersonCells, string]> = [
      ['fullName', loc.kind === 'households' ? 'headName' : 'fullName'],
      ['birthYear', 'birthYear'],
      ['sex', 'sex'],
      ['idNumber', 'idNumber'],
      ['phone', 'phone'],
      ['relation', 'relation'],
    ];
    for (const [key, column] of columns) {
      const value = cells[key];
      if (value === null) continue;
      const before = p.given.get(key);
      if (before && before.value !== value) {
        this.refuse(loc, column, 'conflicting_rows', value, { first: before.row });
        continue;
      }
      if (key === 'idNumber') {
        const other = this.byKey.get(`cccd:${value}`) ?? this.findByIdNumber(value as string);
        if (other && other !== p) {
          this.refuse(loc, column, 'id_number_taken', value, {
            person: other.id ?? `#${other.first.row}`,
          });
          continue;
        }
        this.byKey.set(`cccd:${value}`, p);
      }
      p.given.set(key, { value, row: loc.row });
    }
    for (const policy of cells.policies) {
      const before = p.policies.get(policy.category);
      if (before && before.detail !== policy.detail) {
        this.refuse(loc, 'policies', 'conflicting_rows', policy.detail, { first: before.row });
        continue;
      }
      p.policies.set(policy.category, { detail: policy.detail, row: loc.row });
    }
  }

  planStatuses(recs: readonly StatusRec[]): void {
    const seen = new Map<string, { row: q.StatusRow; loc: Loc }>();
    for (const s of recs) {
      const known = this.households.has(s.householdId) || this.state.households.has(s.householdId);
      if (!known || this.brokenHouseholds.has(s.householdId)) {
        if (!known && !this.brokenHouseholds.has(s.householdId))
          this.refuse(s, 'householdId', 'household_unknown', s.householdId);
        continue;
      }
      const stored = this.state.households.get(s.householdId);
      if (stored?.archivedOn && !this.households.has(s.householdId)) {
        this.refuse(s, 'householdId', 'household_archived', s.householdId, { on: stored.archivedOn });
        continue;
      }
      const standard = standardForDecision(this.options.standards, 'decidedOn', s.decidedOn, s.standard);
      if (!standard.ok) {
        for (const r of standard.refusals) this.refusals.push(located(r, s));
        continue;
      }
      const row: q.StatusRow = {
        householdId: s.householdId,
        decidedOn: s.decidedOn,
        status: s.status,
        standard: standard.value.id,
        certificateNo: s.certificateNo,
        incomeDong: s.incomeDong,
        recordedAt: '',
        actor: '',
      };
      const key = `${s.householdId}/${s.decidedOn}`;
      const first = seen.get(key);
      if (first) {
        if (!sameStatus(first.row, row))
          this.refuse(s, 'status', 'conflicting_rows', s.status, { first: first.loc.row });
        continue;
      }
      seen.set(key, { row, loc: s });
      const existing =
        (this.state.statuses.get(s.householdId) ?? []).find((x) => x.decidedOn === s.decidedOn) ?? null;
      // An empty certificate or income keeps the stored one.
      const merged = existing
        ? {
            ...row,
            certificateNo: row.certificateNo ?? existing.certificateNo,
            incomeDong: row.incomeDong ?? existing.incomeDong,
          }
        : row;
      if (existing && sameStatus(existing, merged)) continue;
      this.statusRows.push({ row: merged, existing, loc: s });
    }
  }

  planMemberships(recs: readonly MembershipRec[]): void {
    const orgByKey = new Map<string, OrganisationRow>();
    for (const o of this.state.organisations) {
      orgByKey.set(o.id, o);
      orgByKey.set(nameKey(o.nameVi), o);
    }
    const seen = new Map<string, MembershipRec>();
    type GroupSpan = Membership & { groupKind: q.GroupRow['kind'] };
    const spansOf = <T extends Membership>(rows: readonly T[]) => {
      const out = new Map<string, T[]>();
      for (const m of rows) out.set(m.personId, [...(out.get(m.personId) ?? []), m]);
      return out;
    };
    const groupSpans = spansOf<GroupSpan>(this.state.groupMemberships);
    const orgSpans = spansOf<Membership>(this.state.orgMemberships);
    const storedKey = (table: string, m: q.MembershipRow) => `${table}/${m.of}/${m.personId}/${m.joinedOn}`;
    const stored = new Map<string, q.MembershipRow>();
    for (const m of this.state.groupMemberships) stored.set(storedKey('group_membership', m), m);
    for (const m of this.state.orgMemberships) stored.set(storedKey('organisation_membership', m), m);
    const openCount = new Map<string, number>();
    for (const m of this.state.groupMemberships)
      if (m.leftOn === null) openCount.set(m.of, (openCount.get(m.of) ?? 0) + 1);
    // Leaves first, so a file that moves people between groups frees the places it fills.
    const ordered = [...recs].sort(
      (a, b) => Number(a.leftOn === null) - Number(b.leftOn === null) || a.row - b.row,
    );
    for (const r of ordered) {
      const person = this.memberOf(r);
      if (!person) continue;
      const personId = person.id;
      let of: string;
      let table: PlannedMembership['table'];
      let group: q.GroupRow | undefined;
      if (r.groupId !== null) {
        group = this.state.groups.get(r.groupId);
        if (!group) {
          this.refuse(r, 'groupId', 'group_unknown', r.groupId);
          continue;
        }
        if (r.organisation !== null) {
          const org = orgByKey.get(r.organisation) ?? orgByKey.get(nameKey(r.organisation));
          if (org?.id !== group.organisationId) {
            this.refuse(r, 'organisation', 'group_organisation_mismatch', r.organisation, {
              group: group.id,
              organisation: group.organisationId,
            });
            continue;
          }
        }
        of = group.id;
        table = 'group_membership';
      } else {
        const org = orgByKey.get(r.organisation!) ?? orgByKey.get(nameKey(r.organisation!));
        if (!org) {
          this.refuse(r, 'organisation', 'organisation_unknown', r.organisation);
          continue;
        }
        of = org.id;
        table = 'organisation_membership';
      }
      const plannedKey = `${table}/${of}/${personId ?? pendingKey(person as PlannedPerson)}/${r.joinedOn}`;
      const dup = seen.get(plannedKey);
      if (dup) {
        if (dup.leftOn !== r.leftOn)
          this.refuse(r, 'leftOn', 'conflicting_rows', r.leftOn, { first: dup.row });
        continue;
      }
      seen.set(plannedKey, r);
      const known =
        personId === null
          ? undefined
          : stored.get(storedKey(table, { of, personId, joinedOn: r.joinedOn, leftOn: null }));
      if (known) {
        // Known membership: a leave date is added or corrected; an empty one never reopens it.
        if (r.leftOn === null || r.leftOn === known.leftOn) continue;
        if (group && group.leaderPersonId === personId && known.leftOn === null) {
          this.refuse(r, 'leftOn', 'leader_cannot_leave', r.leftOn, { group: group.id });
          continue;
        }
        if (known.leftOn === null && group) openCount.set(of, (openCount.get(of) ?? 0) - 1);
        this.memberships.push({
          rec: r,
          table,
          of,
          groupKind: group?.kind ?? null,
          person,
          existing: known,
        });
        continue;
      }
      const householdId = person.householdId;
      const hh = this.state.households.get(householdId);
      if (hh?.archivedOn) {
        this.refuse(r, 'person', 'household_archived', householdId, { on: hh.archivedOn });
        continue;
      }
      const pid = personId ?? pendingKey(person as PlannedPerson);
      const span = { of, personId: pid, joinedOn: r.joinedOn, leftOn: r.leftOn };
      let problem: Refusal | null;
      if (group) {
        const mine = groupSpans.get(pid) ?? [];
        problem =
          r.leftOn === null
            ? groupJoinRefusal(group, mine, openCount.get(of) ?? 0, pid, r.joinedOn, 'person')
            : pastGroupSpanRefusal(group, mine, span);
      } else
        problem =
          r.leftOn === null
            ? joinClash(orgSpans.get(pid) ?? [], of, pid, r.joinedOn, 'person')
            : pastSpanOverlap(
                (orgSpans.get(pid) ?? []).filter((x) => x.of === of),
                span,
              );
      if (problem) {
        // The service names the join date `on`; a spreadsheet calls it Ngày vào.
        this.refusals.push(located(problem.field === 'on' ? { ...problem, field: 'joinedOn' } : problem, r));
        continue;
      }
      if (group) {
        groupSpans.set(pid, [...(groupSpans.get(pid) ?? []), { ...span, groupKind: group.kind }]);
        if (r.leftOn === null) openCount.set(of, (openCount.get(of) ?? 0) + 1);
      } else orgSpans.set(pid, [...(orgSpans.get(pid) ?? []), span]);
      this.memberships.push({ rec: r, table, of, groupKind: group?.kind ?? null, person, existing: null });
    }
  }

  /** The person a membership row names: by Mã người, ID number, or household + name. */
  memberOf(r: MembershipRec): PlannedPerson | q.PersonRow | null {
    let found: PlannedPerson | q.PersonRow | undefined;
    if (r.personId !== null) found = this.byKey.get(`id:${r.personId}`) ?? this.state.persons.get(r.personId);
    else if (r.idNumber !== null)
      found = this.byKey.get(`cccd:${r.idNumber}`) ?? this.state.byIdNumber.get(r.idNumber);
    else if (r.householdId !== null && r.fullName !== null) {
      const key = nameKey(r.fullName);
      const planned = [...(this.peopleOf.get(r.householdId) ?? [])].filter((p) => this.nameKeyOf(p) === key);
      const stored = (this.state.byHousehold.get(r.householdId) ?? []).filter(
        (s) => s.nameKey === key && !planned.some((p) => p.existing === s),
      );
      const all = [...planned, ...stored];
      if (all.length > 1) {
        this.refuse(r, 'fullName', 'person_ambiguous', r.fullName, {
          people: all.map((x) => x.id ?? '?').join(', '),
        });
        return null;
      }
      found = all[0];
    }
    if (!found) {
      const value = r.personId ?? r.idNumber ?? `${r.householdId ?? ''} ${r.fullName ?? ''}`.trim();
      this.refuse(
        r,
        r.personId !== null ? 'personId' : r.idNumber !== null ? 'idNumber' : 'fullName',
        'person_unknown',
        value,
      );
      return null;
    }
    if (r.fullName !== null && (r.personId !== null || r.idNumber !== null)) {
      const key = 'given' in found ? this.nameKeyOf(found) : found.nameKey;
      if (key !== nameKey(r.fullName)) {
        this.refuse(r, 'fullName', 'person_name_mismatch', r.fullName, {
          person: found.id ?? '?',
          name:
            'given' in found
              ? String(found.given.get('fullName')?.value ?? found.existing?.fullName ?? '')
              : found.fullName,
        });
        return null;
      }
    }
    return found;
  }

  /** New people with an id from the file must not reuse a shock's or group's id either. */
  async checkNewIds(db: Tx, tenant: string): Promise<void> {
    const fresh = this.people.filter((p) => !p.existing && p.id !== null);
    const newHouseholds = [...this.households.entries()].filter(([, h]) => !h.existing).map(([id]) => id);
    const taken = await q.takenIds(db, tenant, [...fresh.map((p) => p.id!), ...newHouseholds]);
    const inFile = new Set(newHouseholds);
    for (const p of fresh) if (inFile.has(p.id!)) this.refuse(p.first, 'personId', 'already_exists', p.id);
    for (const p of fresh) if (taken.has(p.id!)) this.refuse(p.first, 'personId', 'already_exists', p.id);
    for (const id of newHouseholds)
      if (taken.has(id)) this.refuse(this.households.get(id)!.rec, 'householdId', 'already_exists', id);
    // A person without a name (only an id or an ID number that matched no one) cannot be created.
    for (const p of this.people)
      if (!p.existing && !p.given.has('fullName') && this.refusals.every((r) => r.row !== p.first.row))
        this.refuse(p.first, 'fullName', 'value_required', null);
  }

  plan(): Plan {
    return {
      refusals: this.refusals,
      newVillages: this.newVillages,
      villageIds: this.villageIds,
      households: this.households,
      people: this.people,
      statuses: this.statusRows.map(({ row, existing }) => ({ row, existing })),
      memberships: this.memberships,
      state: this.state,
    };
  }
}

function sameStatus(a: q.StatusRow, b: q.StatusRow): boolean {
  return (
    a.status === b.status &&
    a.standard === b.standard &&
    a.certificateNo === b.certificateNo &&
    a.incomeDong === b.incomeDong
  );
}

/**
 * A past membership (with a leave date) from the file: within the group's life, and not
 * overlapping the person's other spans in the group or, for a joint plan, in any joint plan.
 * The 60-member limit applies to open memberships only.
 */
function pastGroupSpanRefusal(
  g: GroupFacts,
  mine: readonly (Membership & { groupKind: q.GroupRow['kind'] })[],
  span: Membership,
): Refusal | null {
  if (span.joinedOn < g.foundedOn)
    return {
      code: 'join_before_founded',
      field: 'joinedOn',
      value: span.joinedOn,
      params: { founded: g.foundedOn },
    };
  if (g.closedOn !== null && span.leftOn !== null && span.leftOn > g.closedOn)
    return { code: 'group_closed', field: 'leftOn', value: span.leftOn, params: { on: g.closedOn } };
  const same = pastSpanOverlap(
    mine.filter((m) => m.of === g.id),
    span,
  );
  if (same) return same;
  if (g.kind === 'joint_plan') {
    const other = mine.find((m) => m.groupKind === 'joint_plan' && m.of !== g.id && overlapsSpan(m, span));
    if (other)
      return { code: 'joint_plan_taken', field: 'person', value: span.personId, params: { group: other.of } };
  }
  return null;
}

function pastSpanOverlap(spans: readonly Membership[], span: Membership): Refusal | null {
  const other = spans.find((m) => overlapsSpan(m, span));
  return other
    ? {
        code: 'membership_overlap',
        field: 'joinedOn',
        value: span.joinedOn,
        params: { of: other.of, from: other.joinedOn, to: other.leftOn ?? '' },
      }
    : null;
}

function overlapsSpan(a: Membership, b: Membership): boolean {
  return (b.leftOn === null || a.joinedOn < b.leftOn) && (a.leftOn === null || b.joinedOn < a.leftOn);
}
