/** The registry's tables as Kysely sees them (migration 0002-registry). */

export interface VillageTable {
  tenant_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: string;
  archived_on: string | null;
}

export interface HouseholdTable {
  tenant_id: string;
  id: string;
  village_id: string;
  head_person_id: string | null;
  address: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  archived_on: string | null;
  archive_reason: string | null;
}

export interface PersonTable {
  tenant_id: string;
  id: string;
  household_id: string;
  full_name: string;
  name_key: string;
  birth_year: number | null;
  sex: string | null;
  id_number: string | null;
  phone: string | null;
  relation: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonPolicyTable {
  tenant_id: string;
  person_id: string;
  category: string;
  detail: string | null;
  since_on: string | null;
  until_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface PovertyStatusTable {
  tenant_id: string;
  household_id: string;
  decided_on: string;
  status: string;
  standard_id: string;
  certificate_no: string | null;
  income_dong: number | null;
  recorded_at: string;
  actor: string;
}

export interface ShockEventTable {
  tenant_id: string;
  id: string;
  household_id: string;
  person_id: string | null;
  kind: string;
  occurred_on: string;
  description: string;
  loss_dong: number;
  created_at: string;
  updated_at: string;
  actor: string;
}

export interface OrganisationMembershipTable {
  tenant_id: string;
  organisation_id: string;
  person_id: string;
  joined_on: string;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupTable {
  tenant_id: string;
  id: string;
  organisation_id: string;
  kind: string;
  village_id: string;
  name: string;
  name_key: string;
  leader_person_id: string | null;
  purpose: string | null;
  founded_on: string;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembershipTable {
  tenant_id: string;
  group_id: string;
  group_kind: string;
  person_id: string;
  joined_on: string;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTokenTable {
  tenant_id: string;
  token: string;
  person_id: string;
}

export interface PersonPairTable {
  tenant_id: string;
  pair: string;
  person_id: string;
}

export interface NameTokenTable {
  tenant_id: string;
  token: string;
  people: number;
}

export interface NameTokenVariantTable {
  tenant_id: string;
  variant: string;
  token: string;
}

export interface RegistryCounterTable {
  tenant_id: string;
  name: string;
  next_value: number;
}

export interface RegistryChangeTable {
  tenant_id: string;
  seq: number;
  recorded_at: string;
  actor: string;
  source: string;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

export interface RegistryTables {
  village: VillageTable;
  household: HouseholdTable;
  person: PersonTable;
  person_policy: PersonPolicyTable;
  poverty_status: PovertyStatusTable;
  shock_event: ShockEventTable;
  organisation_membership: OrganisationMembershipTable;
  grp: GroupTable;
  group_membership: GroupMembershipTable;
  person_token: PersonTokenTable;
  person_pair: PersonPairTable;
  name_token: NameTokenTable;
  name_token_variant: NameTokenVariantTable;
  registry_counter: RegistryCounterTable;
  registry_change: RegistryChangeTable;
}
