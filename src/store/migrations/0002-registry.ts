/**
 * The commune registry (issue 4): villages, households, people, policy categories, poverty
 * status history, shocks, organisation membership, groups and their membership, the search
 * index and the change log. Nothing here is ever deleted: triggers refuse DELETE (and TRUNCATE)
 * on every registry table but the derived search index, and the change log is append-only.
 * See docs/design/registry.md.
 */
import { type Kysely, sql } from 'kysely';
import { AMOUNT_DONG_MAX } from '../../domain/money.ts';
import type { Ddl } from './dialect.ts';

/** In foreign-key order (`db copy` copies them so; household ↔ person is deferred). */
export const tables = [
  'village',
  'household',
  'person',
  'person_policy',
  'poverty_status',
  'shock_event',
  'organisation_membership',
  'grp',
  'group_membership',
  'person_token',
  'person_pair',
  'name_token',
  'name_token_variant',
  'registry_counter',
  'registry_change',
] as const;

/** Tables whose rows are archived or closed, never deleted. */
const KEPT_TABLES = [
  'village',
  'household',
  'person',
  'person_policy',
  'poverty_status',
  'shock_event',
  'organisation_membership',
  'grp',
  'group_membership',
  'registry_counter',
];

/** A trigger that refuses DELETE (and TRUNCATE on PostgreSQL) while allowing UPDATE. */
function noDelete(d: Ddl, table: string): string[] {
  if (d.kind === 'sqlite')
    return [
      `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'soquy: ${table} rows are archived, never deleted (no DELETE)'); END`,
    ];
  return [
    `CREATE OR REPLACE FUNCTION soquy_${table}_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'soquy: ${table} rows are archived, never deleted (no %)', TG_OP; END $$`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION soquy_${table}_no_delete()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
     FOR EACH STATEMENT EXECUTE FUNCTION soquy_${table}_no_delete()`,
  ];
}

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  // Search tokens compare byte by byte on both engines, so prefix ranges mean the same thing.
  const C = d.kind === 'postgres' ? ' COLLATE "C"' : '';
  const DATE = 'TEXT CHECK (length(%) = 10)';
  const date = (column: string, nullable = false) =>
    `${column} ${DATE.replace('%', column)}${nullable ? '' : ' NOT NULL'}`;
  // SQLite accepts a foreign key to a table created later; PostgreSQL needs ALTER TABLE after it.
  const headFk = `FOREIGN KEY (tenant_id, head_person_id) REFERENCES person(tenant_id, id) DEFERRABLE INITIALLY DEFERRED`;
  const statements = [
    `CREATE TABLE village (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id TEXT NOT NULL,
       name TEXT NOT NULL,
       name_key TEXT NOT NULL,
       created_at TEXT NOT NULL,
       ${date('archived_on', true)},
       PRIMARY KEY (tenant_id, id))${d.tableEnd}`,
    `CREATE UNIQUE INDEX village_name ON village (tenant_id, name_key)`,
    `CREATE TABLE household (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       village_id TEXT NOT NULL,
       head_person_id TEXT,
       address TEXT,
       phone TEXT,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       ${date('archived_on', true)},
       archive_reason TEXT,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, village_id) REFERENCES village(tenant_id, id)${d.kind === 'sqlite' ? `,\n       ${headFk}` : ''})${d.tableEnd}`,
    `CREATE INDEX household_village ON household (tenant_id, village_id)`,
    // Every foreign key's child columns are indexed: SQLite looks children up when a parent row
    // arrives while a deferred constraint is pending (an import inserting thousands of heads),
    // and without the index it scans the whole child table each time.
    `CREATE INDEX household_head ON household (tenant_id, head_person_id)`,
    `CREATE TABLE person (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       household_id TEXT NOT NULL,
       full_name TEXT NOT NULL,
       name_key TEXT NOT NULL,
       birth_year ${I} CHECK (birth_year BETWEEN 1900 AND 2199),
       sex TEXT CHECK (sex IN ('male','female')),
       id_number TEXT,
       phone TEXT,
       relation TEXT,
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, household_id) REFERENCES household(tenant_id, id))${d.tableEnd}`,
    ...(d.kind === 'postgres' ? [`ALTER TABLE household ADD ${headFk}`] : []),
    `CREATE INDEX person_household ON person (tenant_id, household_id)`,
    `CREATE INDEX person_name ON person (tenant_id, name_key)`,
    `CREATE UNIQUE INDEX person_id_number ON person (tenant_id, id_number) WHERE id_number IS NOT NULL`,
    `CREATE INDEX person_phone ON person (tenant_id, phone) WHERE phone IS NOT NULL`,
    `CREATE TABLE person_policy (
       tenant_id TEXT NOT NULL,
       person_id TEXT NOT NULL,
       category TEXT NOT NULL,
       detail TEXT,
       ${date('since_on', true)},
       ${date('until_on', true)},
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, person_id, category),
       FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE poverty_status (
       tenant_id TEXT NOT NULL,
       household_id TEXT NOT NULL,
       ${date('decided_on')},
       status TEXT NOT NULL CHECK (status IN ('poor','near_poor','recently_escaped','middle','none')),
       standard_id TEXT NOT NULL,
       certificate_no TEXT,
       income_dong ${I} CHECK (income_dong BETWEEN 0 AND ${AMOUNT_DONG_MAX}),
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, household_id, decided_on),
       FOREIGN KEY (tenant_id, household_id) REFERENCES household(tenant_id, id))${d.tableEnd}`,
    `CREATE TABLE shock_event (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       household_id TEXT NOT NULL,
       person_id TEXT,
       kind TEXT NOT NULL CHECK (kind IN ('fire','flood','storm','illness','accident','death','crop_loss','livestock_loss')),
       ${date('occurred_on')},
       description TEXT NOT NULL,
       loss_dong ${I} NOT NULL CHECK (loss_dong BETWEEN 0 AND ${AMOUNT_DONG_MAX}),
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, household_id) REFERENCES household(tenant_id, id),
       FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id))${d.tableEnd}`,
    `CREATE INDEX shock_event_household ON shock_event (tenant_id, household_id, occurred_on)`,
    `CREATE INDEX shock_event_date ON shock_event (tenant_id, occurred_on)`,
    `CREATE INDEX shock_event_person ON shock_event (tenant_id, person_id)`,
    `CREATE TABLE organisation_membership (
       tenant_id TEXT NOT NULL,
       organisation_id TEXT NOT NULL,
       person_id TEXT NOT NULL,
       ${date('joined_on')},
       ${date('left_on', true)},
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       CHECK (left_on IS NULL OR left_on > joined_on),
       PRIMARY KEY (tenant_id, organisation_id, person_id, joined_on),
       FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation(tenant_id, id),
       FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id))${d.tableEnd}`,
    `CREATE UNIQUE INDEX organisation_membership_open ON organisation_membership (tenant_id, organisation_id, person_id)
       WHERE left_on IS NULL`,
    `CREATE INDEX organisation_membership_person ON organisation_membership (tenant_id, person_id)`,
    `CREATE TABLE grp (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       organisation_id TEXT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('vbsp_group','vsla','joint_plan')),
       village_id TEXT NOT NULL,
       name TEXT NOT NULL,
       name_key TEXT NOT NULL,
       leader_person_id TEXT,
       purpose TEXT,
       ${date('founded_on')},
       ${date('closed_on', true)},
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, id),
       UNIQUE (tenant_id, id, kind),
       FOREIGN KEY (tenant_id, organisation_id) REFERENCES organisation(tenant_id, id),
       FOREIGN KEY (tenant_id, village_id) REFERENCES village(tenant_id, id),
       FOREIGN KEY (tenant_id, leader_person_id) REFERENCES person(tenant_id, id))${d.tableEnd}`,
    `CREATE UNIQUE INDEX grp_name ON grp (tenant_id, organisation_id, village_id, name_key)`,
    `CREATE INDEX grp_village ON grp (tenant_id, village_id)`,
    `CREATE INDEX grp_leader ON grp (tenant_id, leader_person_id)`,
    // group_kind repeats grp.kind (the foreign key proves it) so that an index can hold the rule
    // "at most one active joint plan per person" on both engines.
    `CREATE TABLE group_membership (
       tenant_id TEXT NOT NULL,
       group_id TEXT NOT NULL,
       group_kind TEXT NOT NULL,
       person_id TEXT NOT NULL,
       ${date('joined_on')},
       ${date('left_on', true)},
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       CHECK (left_on IS NULL OR left_on > joined_on),
       PRIMARY KEY (tenant_id, group_id, person_id, joined_on),
       FOREIGN KEY (tenant_id, group_id, group_kind) REFERENCES grp(tenant_id, id, kind),
       FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id))${d.tableEnd}`,
    `CREATE UNIQUE INDEX group_membership_open ON group_membership (tenant_id, group_id, person_id)
       WHERE left_on IS NULL`,
    `CREATE UNIQUE INDEX group_membership_one_joint_plan ON group_membership (tenant_id, person_id)
       WHERE group_kind = 'joint_plan' AND left_on IS NULL`,
    `CREATE INDEX group_membership_person ON group_membership (tenant_id, person_id)`,
    // The search index, derived from person.name_key (rewritten when a name changes).
    `CREATE TABLE person_token (
       tenant_id TEXT NOT NULL,
       token TEXT${C} NOT NULL,
       person_id TEXT NOT NULL,
       PRIMARY KEY (tenant_id, token, person_id))${d.tableEnd}`,
    // A person's words, to check a second query word against candidates found by the first.
    `CREATE INDEX person_token_person ON person_token (tenant_id, person_id, token)`,
    // Pairs of a person's words ("dinh soan"), so a query of two or more words starts from the
    // few people having both instead of everyone having the rarer one.
    `CREATE TABLE person_pair (
       tenant_id TEXT NOT NULL,
       pair TEXT${C} NOT NULL,
       person_id TEXT NOT NULL,
       PRIMARY KEY (tenant_id, pair, person_id))${d.tableEnd}`,
    `CREATE TABLE name_token (
       tenant_id TEXT NOT NULL,
       token TEXT${C} NOT NULL,
       people ${I} NOT NULL CHECK (people >= 0),
       PRIMARY KEY (tenant_id, token))${d.tableEnd}`,
    `CREATE TABLE name_token_variant (
       tenant_id TEXT NOT NULL,
       variant TEXT${C} NOT NULL,
       token TEXT${C} NOT NULL,
       PRIMARY KEY (tenant_id, variant, token))${d.tableEnd}`,
    `CREATE TABLE registry_counter (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       name TEXT NOT NULL,
       next_value ${I} NOT NULL CHECK (next_value >= 1),
       PRIMARY KEY (tenant_id, name))${d.tableEnd}`,
    `CREATE TABLE registry_change (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       seq ${I} NOT NULL CHECK (seq >= 1),
       recorded_at TEXT NOT NULL,
       actor TEXT NOT NULL,
       source TEXT NOT NULL,
       entity TEXT NOT NULL,
       entity_id TEXT NOT NULL,
       action TEXT NOT NULL,
       before_json TEXT,
       after_json TEXT,
       PRIMARY KEY (tenant_id, seq))${d.tableEnd}`,
    `CREATE INDEX registry_change_entity ON registry_change (tenant_id, entity, entity_id, seq)`,
    ...d.appendOnly('registry_change'),
    ...KEPT_TABLES.flatMap((t) => noDelete(d, t)),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
