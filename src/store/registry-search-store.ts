/**
 * The person search index and its queries (docs/design/registry.md § Search). Derived from
 * `person.name_key`: `person_token` maps each word to the people whose name has it,
 * `name_token` counts people per word, `name_token_variant` finds words within one edit.
 * The same SQL on SQLite and PostgreSQL; no extension (pg_trgm, FTS5) is needed.
 */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { BusinessDate } from '../domain/dates.ts';
import type { PovertyStatus, Sex } from '../domain/registry/kinds.ts';
import { tokenPairKeys, tokenVariants } from '../domain/registry/names.ts';
import { chunks } from './registry-store.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

const ROWS_PER_INSERT = 5_000;
/** People a search selects by word, per candidate it may return (before filters narrow them). */
const SELECTED_PER_CANDIDATE_MAX = 10;
const IN_LIST_MAX = 5_000;

export interface NameIndexEntry {
  readonly personId: string;
  /** The words of the person's name key; repeated words count once. */
  readonly tokens: readonly string[];
}

/** Adds people's names to the index, in one pass per table. */
export async function indexNames(tx: Db, tenant: string, entries: readonly NameIndexEntry[]): Promise<void> {
  const links: Array<Database['person_token']> = [];
  const counts = new Map<string, number>();
  for (const e of entries)
    for (const token of new Set(e.tokens)) {
      links.push({ tenant_id: tenant, token, person_id: e.personId });
      counts.set(token, (counts.get(token) ?? 0) + 1);
    }
  for (const part of chunks(links, ROWS_PER_INSERT))
    await tx.insertInto('person_token').values(part).execute();
  const pairs: Array<Database['person_pair']> = [];
  for (const e of entries)
    for (const pair of tokenPairKeys(e.tokens))
      pairs.push({ tenant_id: tenant, pair, person_id: e.personId });
  for (const part of chunks(pairs, ROWS_PER_INSERT))
    await tx.insertInto('person_pair').values(part).execute();
  const vocabulary = [...counts];
  for (const part of chunks(vocabulary, ROWS_PER_INSERT))
    await tx
      .insertInto('name_token')
      .values(part.map(([token, people]) => ({ tenant_id: tenant, token, people })))
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'token'])
          .doUpdateSet((eb) => ({ people: eb('name_token.people', '+', eb.ref('excluded.people')) })),
      )
      .execute();
  const variants: Array<Database['name_token_variant']> = [];
  for (const [token] of vocabulary)
    for (const variant of tokenVariants(token)) variants.push({ tenant_id: tenant, variant, token });
  for (const part of chunks(variants, ROWS_PER_INSERT))
    await tx
      .insertInto('name_token_variant')
      .values(part)
      .onConflict((oc) => oc.columns(['tenant_id', 'variant', 'token']).doNothing())
      .execute();
}

/**
 * Takes people's old names out of the index before a rename. A word no one has any more stays
 * in the vocabulary with a count of zero: harmless, it finds no one.
 */
export async function unindexNames(
  tx: Db,
  tenant: string,
  entries: readonly NameIndexEntry[],
): Promise<void> {
  for (const e of entries)
    for (const pair of tokenPairKeys(e.tokens))
      await tx
        .deleteFrom('person_pair')
        .where('tenant_id', '=', tenant)
        .where('pair', '=', pair)
        .where('person_id', '=', e.personId)
        .execute();
  for (const e of entries)
    for (const token of new Set(e.tokens)) {
      await tx
        .deleteFrom('person_token')
        .where('tenant_id', '=', tenant)
        .where('token', '=', token)
        .where('person_id', '=', e.personId)
        .execute();
      await tx
        .updateTable('name_token')
        .set((eb) => ({ people: eb('people', '-', 1) }))
        .where('tenant_id', '=', tenant)
        .where('token', '=', token)
        .execute();
    }
}

export interface VocabularyWord {
  readonly token: string;
  readonly people: number;
}

/** Vocabulary words indexed under any of the variants (candidates within one edit). */
export async function wordsByVariants(
  db: Db,
  tenant: string,
  variants: readonly string[],
): Promise<VocabularyWord[]> {
  if (variants.length === 0) return [];
  const rows = await db
    .selectFrom('name_token_variant as v')
    .innerJoin('name_token as n', (j) =>
      j.onRef('n.tenant_id', '=', 'v.tenant_id').onRef('n.token', '=', 'v.token'),
    )
    .select(['n.token', 'n.people'])
    .where('v.tenant_id', '=', tenant)
    .where('v.variant', 'in', variants)
    .where('n.people', '>', 0)
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.token, Number(r.people));
  return [...out].map(([token, people]) => ({ token, people }));
}

/** Vocabulary words that are exactly one of `tokens`. */
export async function wordsExact(
  db: Db,
  tenant: string,
  tokens: readonly string[],
): Promise<VocabularyWord[]> {
  if (tokens.length === 0) return [];
  const rows = await db
    .selectFrom('name_token')
    .select(['token', 'people'])
    .where('tenant_id', '=', tenant)
    .where('token', 'in', tokens)
    .execute();
  return rows.map((r) => ({ token: r.token, people: Number(r.people) }));
}

/**
 * Vocabulary words starting with `prefix` (lower-case ASCII): the range [prefix, prefix with its
 * last letter advanced), which the primary key index answers on both engines.
 */
export async function wordsByPrefix(
  db: Db,
  tenant: string,
  prefix: string,
  limit: number,
): Promise<VocabularyWord[]> {
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const rows = await db
    .selectFrom('name_token')
    .select(['token', 'people'])
    .where('tenant_id', '=', tenant)
    .where('token', '>=', prefix)
    .where('token', '<', upper)
    .where('people', '>', 0)
    .orderBy('token')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ token: r.token, people: Number(r.people) }));
}

export interface SearchFilter {
  readonly village?: string | undefined;
  readonly status?: PovertyStatus | undefined;
  readonly organisation?: string | undefined;
  readonly group?: string | undefined;
  /** The day memberships and status are judged on. */
  readonly asOf: BusinessDate;
  readonly includeArchived?: boolean | undefined;
}

export interface PersonHit {
  readonly id: string;
  readonly householdId: string;
  readonly villageId: string;
  readonly fullName: string;
  readonly nameKey: string;
  readonly birthYear: number | null;
  readonly sex: Sex | null;
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly householdArchivedOn: BusinessDate | null;
}

type PersonQuery = SelectQueryBuilder<
  Database & { p: Database['person']; h: Database['household'] },
  'p' | 'h',
  object
>;

function applyFilter<Q extends PersonQuery>(q: Q, f: SearchFilter): Q {
  let out = q as PersonQuery;
  if (f.village !== undefined) out = out.where('h.village_id', '=', f.village);
  if (!f.includeArchived) out = out.where('h.archived_on', 'is', null);
  if (f.status !== undefined)
    out = out.where(
      sql<string>`(SELECT ps.status FROM poverty_status ps
         WHERE ps.tenant_id = h.tenant_id AND ps.household_id = h.id AND ps.decided_on <= ${f.asOf}
         ORDER BY ps.decided_on DESC LIMIT 1)`,
      '=',
      f.status,
    );
  if (f.organisation !== undefined)
    out = out.where(
      sql<boolean>`EXISTS (SELECT 1 FROM organisation_membership m
         WHERE m.tenant_id = p.tenant_id AND m.person_id = p.id AND m.organisation_id = ${f.organisation}
           AND m.joined_on <= ${f.asOf} AND (m.left_on IS NULL OR m.left_on > ${f.asOf}))`,
    );
  if (f.group !== undefined)
    out = out.where(
      sql<boolean>`EXISTS (SELECT 1 FROM group_membership g
         WHERE g.tenant_id = p.tenant_id AND g.person_id = p.id AND g.group_id = ${f.group}
           AND g.joined_on <= ${f.asOf} AND (g.left_on IS NULL OR g.left_on > ${f.asOf}))`,
    );
  return out as Q;
}

const HIT_COLUMNS = [
  'p.id',
  'p.household_id',
  'h.village_id',
  'p.full_name',
  'p.name_key',
  'p.birth_year',
  'p.sex',
  'p.id_number',
  'p.phone',
  'h.archived_on',
] as const;

function toHit(r: {
  id: string;
  household_id: string;
  village_id: string;
  full_name: string;
  name_key: string;
  birth_year: number | null;
  sex: string | null;
  id_number: string | null;
  phone: string | null;
  archived_on: string | null;
}): PersonHit {
  return {
    id: r.id,
    householdId: r.household_id,
    villageId: r.village_id,
    fullName: r.full_name,
    nameKey: r.name_key,
    birthYear: r.birth_year === null ? null : Number(r.birth_year),
    sex: r.sex as Sex | null,
    idNumber: r.id_number,
    phone: r.phone,
    householdArchivedOn: r.archived_on,
  };
}

function personQuery(db: Db, tenant: string): PersonQuery {
  return db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) =>
      j.onRef('h.tenant_id', '=', 'p.tenant_id').onRef('h.id', '=', 'p.household_id'),
    )
    .where('p.tenant_id', '=', tenant) as unknown as PersonQuery;
}

/**
 * How candidates are found: people having one of `tokens` (the rarest query word's words), or,
 * when `pairs` is given, people having one of those word pairs (the two rarest query words'
 * words, paired); then each list in `also` (the other query words) must have a word in the
 * person's name too.
 */
export interface CandidateQuery {
  readonly tokens: readonly string[];
  readonly pairs: readonly string[] | null;
  readonly also: readonly (readonly string[])[];
}

/**
 * Candidates for a name search, filtered; at most `limit` of them (more means "cut short").
 * Three plain index lookups rather than one join with EXISTS: the select by word (or pair), the
 * probe of those people's own words, then their rows by primary key. Each is a range of a
 * primary or secondary key that any planner reads right, with or without table statistics
 * (PostgreSQL chose a plan of several minutes for the single join right after a bulk import).
 */
export async function peopleWithTokens(
  db: Db,
  tenant: string,
  c: CandidateQuery,
  f: SearchFilter,
  limit: number,
): Promise<PersonHit[]> {
  // 1. Who has one of the selecting words or pairs.
  let ids: string[] = [];
  const seen = new Set<string>();
  for (const part of chunks(c.pairs ?? c.tokens, IN_LIST_MAX)) {
    const rows =
      c.pairs !== null
        ? await db
            .selectFrom('person_pair')
            .select('person_id')
            .where('tenant_id', '=', tenant)
            .where('pair', 'in', part)
            .execute()
        : await db
            .selectFrom('person_token')
            .select('person_id')
            .where('tenant_id', '=', tenant)
            .where('token', 'in', part)
            .execute();
    for (const r of rows)
      if (!seen.has(r.person_id)) {
        seen.add(r.person_id);
        ids.push(r.person_id);
      }
    if (ids.length > limit * SELECTED_PER_CANDIDATE_MAX) break;
  }
  // Bounded even for a word half the commune shares; filters apply in step 3, so keep plenty.
  ids = ids.slice(0, limit * SELECTED_PER_CANDIDATE_MAX);
  // 2. Of those, who also has a word of each other query word.
  if (c.also.length > 0 && ids.length > 0) {
    const words = new Map<string, Set<string>>();
    for (const part of chunks(ids, IN_LIST_MAX)) {
      const rows = await db
        .selectFrom('person_token')
        .select(['person_id', 'token'])
        .where('tenant_id', '=', tenant)
        .where('person_id', 'in', part)
        .execute();
      for (const r of rows) {
        const set = words.get(r.person_id);
        if (set) set.add(r.token);
        else words.set(r.person_id, new Set([r.token]));
      }
    }
    ids = ids.filter((id) => {
      const mine = words.get(id);
      return mine !== undefined && c.also.every((list) => list.some((t) => mine.has(t)));
    });
  }
  // 3. Their rows, filtered.
  const out: PersonHit[] = [];
  for (const part of chunks(ids, IN_LIST_MAX)) {
    if (out.length > limit) break;
    const rows = await applyFilter(personQuery(db, tenant).where('p.id', 'in', part), f)
      .select(HIT_COLUMNS)
      .execute();
    for (const r of rows) out.push(toHit(r));
  }
  return out.slice(0, limit + 1);
}

/** People matching the filter only (no words), in name order. */
export async function peopleByFilter(
  db: Db,
  tenant: string,
  f: SearchFilter,
  limit: number,
): Promise<PersonHit[]> {
  const rows = await applyFilter(personQuery(db, tenant), f)
    .select(HIT_COLUMNS)
    .orderBy('p.name_key')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map(toHit);
}

/** People whose id, ID number or phone (theirs or their household's) is `text`, or who live in household `text`. */
export async function peopleByExactId(
  db: Db,
  tenant: string,
  text: string,
  f: SearchFilter,
): Promise<PersonHit[]> {
  const rows = await applyFilter(personQuery(db, tenant), f)
    .where((eb) =>
      eb.or([
        eb('p.id', '=', text),
        eb('p.id_number', '=', text),
        eb('p.phone', '=', text),
        eb('p.household_id', '=', text),
        eb('h.phone', '=', text),
      ]),
    )
    .select(HIT_COLUMNS)
    .orderBy('p.id')
    .limit(100)
    .execute();
  return rows.map(toHit);
}
