/**
 * Membership dates, for organisations and groups alike. A membership is active on day D when
 * joined_on ≤ D and (left_on is empty or D < left_on): the leave date is the first day the person
 * is no longer a member, so leaving and joining another group on the same day never overlaps.
 */
import type { BusinessDate } from '../dates.ts';
import type { Refusal } from '../refusal.ts';
import type { GroupKind } from './kinds.ts';
import { REGISTRY_LIMITS } from './limits.ts';

export interface Span {
  readonly joinedOn: BusinessDate;
  readonly leftOn: BusinessDate | null;
}

export function isActiveOn(m: Span, date: BusinessDate): boolean {
  return m.joinedOn <= date && (m.leftOn === null || date < m.leftOn);
}

/** True when the two spans share at least one day. */
export function overlaps(a: Span, b: Span): boolean {
  return (b.leftOn === null || a.joinedOn < b.leftOn) && (a.leftOn === null || b.joinedOn < a.leftOn);
}

/** The first span in `spans` that a new open span starting `joinedOn` would overlap. */
export function overlapping<T extends Span>(spans: readonly T[], joinedOn: BusinessDate): T | undefined {
  return spans.find((s) => overlaps(s, { joinedOn, leftOn: null }));
}

/** A membership of a person in an organisation or group (`of`). */
export interface Membership extends Span {
  readonly of: string;
  readonly personId: string;
}

export interface GroupFacts {
  readonly id: string;
  readonly kind: GroupKind;
  readonly foundedOn: BusinessDate;
  readonly closedOn: BusinessDate | null;
}

/**
 * Why `personId` may not join `of` on `on`, given their memberships there: an open one exists,
 * or the new span would overlap a past one. Null when they may.
 */
export function joinClash(
  spans: readonly Membership[],
  of: string,
  personId: string,
  on: BusinessDate,
  field: string,
): Refusal | null {
  const mine = spans.filter((s) => s.of === of && s.personId === personId);
  const open = mine.find((s) => s.leftOn === null);
  if (open)
    return { code: 'membership_exists', field, value: personId, params: { of, since: open.joinedOn } };
  const clash = overlapping(mine, on);
  if (clash)
    return {
      code: 'membership_overlap',
      field,
      value: on,
      params: { of, from: clash.joinedOn, to: clash.leftOn ?? '' },
    };
  return null;
}

/**
 * The group rules of a join (docs/design/registry.md): the group is open and founded by `on`,
 * the person has no overlapping membership in it, it has fewer than `groupMembersMax` open
 * members, and a joint plan is the person's only one at a time. `mine` are all the person's
 * group memberships (with each group's kind); `openMembers` counts the group's open ones.
 */
export function groupJoinRefusal(
  g: GroupFacts,
  mine: readonly (Membership & { readonly groupKind: GroupKind })[],
  openMembers: number,
  personId: string,
  on: BusinessDate,
  field: string,
): Refusal | null {
  if (g.closedOn !== null)
    return { code: 'group_closed', field: 'group', value: g.id, params: { on: g.closedOn } };
  if (on < g.foundedOn)
    return { code: 'join_before_founded', field: 'on', value: on, params: { founded: g.foundedOn } };
  const clash = joinClash(mine, g.id, personId, on, field);
  if (clash) return clash;
  if (openMembers >= REGISTRY_LIMITS.groupMembersMax)
    return {
      code: 'group_full',
      field,
      value: personId,
      params: { group: g.id, max: REGISTRY_LIMITS.groupMembersMax },
    };
  if (g.kind === 'joint_plan') {
    const other = overlapping(
      mine.filter((m) => m.groupKind === 'joint_plan' && m.of !== g.id),
      on,
    );
    if (other) return { code: 'joint_plan_taken', field, value: personId, params: { group: other.of } };
  }
  return null;
}

/**
 * The open membership a leave on `on` ends, or why there is none: no open membership, or a
 * leave dated on or before the join (a membership lasts at least one day).
 */
export function leaveTarget<T extends Membership>(
  spans: readonly T[],
  of: string,
  personId: string,
  on: BusinessDate,
): { ok: true; open: T } | { ok: false; refusal: Refusal } {
  const open = spans.find((s) => s.of === of && s.personId === personId && s.leftOn === null);
  if (!open)
    return {
      ok: false,
      refusal: { code: 'membership_not_active', field: 'person', value: personId, params: { of } },
    };
  if (on <= open.joinedOn)
    return {
      ok: false,
      refusal: { code: 'leave_before_join', field: 'on', value: on, params: { joined: open.joinedOn } },
    };
  return { ok: true, open };
}
