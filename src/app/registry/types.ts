/**
 * What the registry service takes and returns. Inputs are loose (`unknown` where a value comes
 * from a flag, a form or a spreadsheet cell) and checked by the service; outputs are exact.
 */
import type { BusinessDate } from '../../domain/dates.ts';
import type {
  GroupKind,
  PolicyCategory,
  PovertyStatus,
  Sex,
  ShockKind,
} from '../../domain/registry/kinds.ts';
import type { StatusFlags } from '../../domain/registry/poverty.ts';

export interface VillageView {
  readonly id: string;
  readonly name: string;
  readonly archivedOn: BusinessDate | null;
}

export interface PolicyView {
  readonly category: PolicyCategory;
  readonly detail: string | null;
  readonly sinceOn: BusinessDate | null;
  readonly untilOn: BusinessDate | null;
}

export interface PersonView {
  readonly id: string;
  readonly householdId: string;
  readonly fullName: string;
  readonly birthYear: number | null;
  readonly sex: Sex | null;
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly relation: string | null;
  readonly isHead: boolean;
  readonly policies: readonly PolicyView[];
}

export interface StatusView {
  readonly decidedOn: BusinessDate;
  readonly status: PovertyStatus;
  readonly standard: string;
  readonly certificateNo: string | null;
  readonly incomeDong: number | null;
  readonly recordedAt: string;
  readonly actor: string;
}

export interface ShockView {
  readonly id: string;
  readonly householdId: string;
  readonly personId: string | null;
  readonly kind: ShockKind;
  readonly occurredOn: BusinessDate;
  readonly description: string;
  readonly lossDong: number;
}

export interface MembershipView {
  readonly personId: string;
  readonly fullName: string;
  readonly joinedOn: BusinessDate;
  readonly leftOn: BusinessDate | null;
  /** Active on the date the view was asked for (see domain/registry/membership.ts). */
  readonly active: boolean;
}

export interface OrganisationMembershipView extends MembershipView {
  readonly organisationId: string;
}

export interface GroupMembershipView extends MembershipView {
  readonly groupId: string;
  readonly groupKind: GroupKind;
  readonly groupName: string;
}

export interface HouseholdView {
  readonly id: string;
  readonly villageId: string;
  readonly villageName: string;
  readonly headPersonId: string | null;
  readonly headName: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly archivedOn: BusinessDate | null;
  readonly archiveReason: string | null;
  /** Status in force on the day asked (today by default). */
  readonly status: PovertyStatus | null;
}

export interface HouseholdDetail extends HouseholdView {
  readonly asOf: BusinessDate;
  readonly members: readonly PersonView[];
  readonly statusHistory: readonly StatusView[];
  readonly flags: StatusFlags;
  readonly shocks: readonly ShockView[];
  /** Every group membership of every member, past and present. */
  readonly groups: readonly GroupMembershipView[];
  readonly organisations: readonly OrganisationMembershipView[];
}

export interface PersonDetail extends PersonView {
  readonly asOf: BusinessDate;
  readonly household: HouseholdView;
  readonly groups: readonly GroupMembershipView[];
  readonly organisations: readonly OrganisationMembershipView[];
}

export interface GroupView {
  readonly id: string;
  readonly organisationId: string;
  readonly kind: GroupKind;
  readonly villageId: string;
  readonly name: string;
  readonly leaderPersonId: string | null;
  readonly purpose: string | null;
  readonly foundedOn: BusinessDate;
  readonly closedOn: BusinessDate | null;
  /** Members without a leave date. */
  readonly openMembers: number;
}

export interface GroupDetail extends GroupView {
  readonly asOf: BusinessDate;
  readonly leaderName: string | null;
  /** Members active on `asOf`. */
  readonly members: readonly GroupMembershipView[];
  /** Every membership, past and present. */
  readonly history: readonly GroupMembershipView[];
}

/** A person as the command line, a form or a spreadsheet row gives it. */
export interface PersonInput {
  readonly id?: string | null | undefined;
  readonly fullName: unknown;
  readonly birthYear?: unknown;
  readonly sex?: unknown;
  readonly idNumber?: unknown;
  readonly phone?: unknown;
  readonly relation?: unknown;
  /** "Thương binh 2/4; Khuyết tật" */
  readonly policies?: unknown;
}

export interface HouseholdInput {
  readonly id?: string | null | undefined;
  /** Village id or name. */
  readonly village: string;
  readonly head: PersonInput;
  readonly address?: unknown;
  readonly phone?: unknown;
}

export interface HouseholdPatch {
  readonly village?: string | undefined;
  readonly address?: unknown;
  readonly phone?: unknown;
  readonly headPersonId?: string | undefined;
}

export interface StatusInput {
  readonly householdId: string;
  readonly status: unknown;
  readonly decidedOn: unknown;
  readonly standard?: string | null | undefined;
  readonly certificateNo?: unknown;
  /** Income per person per month, whole đồng ("1.450.000"). */
  readonly incomeDong?: unknown;
}

export interface ShockInput {
  readonly householdId: string;
  readonly personId?: string | null | undefined;
  readonly kind: unknown;
  readonly occurredOn: unknown;
  readonly description: unknown;
  readonly lossDong: unknown;
}

export interface GroupInput {
  readonly id?: string | null | undefined;
  readonly kind: unknown;
  readonly organisation: string;
  /** Village id or name. */
  readonly village: string;
  readonly name: unknown;
  readonly leaderPersonId?: string | null | undefined;
  readonly foundedOn?: unknown;
  readonly purpose?: unknown;
}

export interface HouseholdListFilter {
  readonly village?: string | undefined;
  readonly status?: unknown;
  readonly asOf?: unknown;
  readonly includeArchived?: boolean | undefined;
  readonly after?: string | undefined;
  readonly limit?: number | undefined;
}

/** One problem `checkGroups` found; rendered like a refusal. */
export interface GroupProblem {
  readonly code: 'group_too_small' | 'leader_not_member' | 'member_outside_village' | 'leader_missing';
  readonly field: 'group';
  readonly value: string;
  readonly params: Readonly<Record<string, string | number>>;
}
