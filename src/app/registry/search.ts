/**
 * Person search that forgives accents, case and one typo per word (docs/design/registry.md
 * § Search). Two or three indexed queries find the vocabulary words each query word may stand
 * for; the rarest query word picks the candidates; every query word must then match a distinct
 * word of the name. Ranked by edits, then by diacritics that agree with the query.
 */
import type { BusinessDate } from '../../domain/dates.ts';
import { type Refusal, RefusedError } from '../../domain/refusal.ts';
import type { PovertyStatus } from '../../domain/registry/kinds.ts';
import { REGISTRY_LIMITS } from '../../domain/registry/limits.ts';
import {
  editDistanceCapped,
  pairKey,
  type TokenPair,
  TYPO_TOKEN_LENGTH_MIN,
  tokenPairs,
  tokenVariants,
} from '../../domain/registry/names.ts';
import { statusFlags } from '../../domain/registry/poverty.ts';
import { parseStatus } from '../../domain/registry/validate.ts';
import type { Store } from '../../store/open-store.ts';
import {
  type CandidateQuery,
  type PersonHit,
  peopleByExactId,
  peopleByFilter,
  peopleWithTokens,
  type SearchFilter,
  wordsByPrefix,
  wordsByVariants,
  wordsExact,
} from '../../store/registry-search-store.ts';
import { listVillages, statusesOf } from '../../store/registry-store.ts';
import { type Ctx, today } from '../context.ts';
import { parsePastDate, take } from './parse.ts';

export interface SearchOptions {
  /** Village id (the service also accepts a name and resolves it). */
  readonly village?: string | undefined;
  readonly status?: unknown;
  readonly organisation?: string | undefined;
  readonly group?: string | undefined;
  /** The day status and memberships are judged on; default today. */
  readonly asOf?: unknown;
  readonly includeArchived?: boolean | undefined;
  /** Hits returned, default 50. */
  readonly limit?: number | undefined;
}

export interface SearchHit extends PersonHit {
  readonly villageName: string;
  /** The household's status on the day asked. */
  readonly status: PovertyStatus | null;
  /** Letters changed to match the name (a prefix counts half); 0 for an exact id match. */
  readonly edits: number;
  /** Query words whose diacritics match the name's exactly. */
  readonly accentMatches: number;
  readonly matchedBy: 'name' | 'id';
}

export interface SearchResult {
  readonly query: string;
  readonly asOf: BusinessDate;
  /** The query's words as searched (accent-stripped). */
  readonly words: readonly string[];
  readonly hits: readonly SearchHit[];
  /** People looked at before ranking. */
  readonly candidates: number;
  /** True when the candidates were cut at REGISTRY_LIMITS.searchCandidatesMax. */
  readonly truncated: boolean;
}

/** A prefix of the last word counts as half an edit, below an exact word and above a typo. */
const PREFIX_EDITS = 0.5;

type Expansion = Map<string, number>;

export async function searchPeople(
  db: Store['db'],
  ctx: Ctx,
  query: string,
  options: SearchOptions,
): Promise<SearchResult> {
  const refusals: Refusal[] = [];
  if (query.length > REGISTRY_LIMITS.queryLengthMax)
    refusals.push({
      code: 'text_too_long',
      field: 'query',
      value: query.slice(0, 40),
      params: { max: REGISTRY_LIMITS.queryLengthMax },
    });
  const asOf =
    options.asOf == null ? today(ctx) : take(refusals, parsePastDate('asOf', options.asOf, '9999-12-31'), '');
  const status =
    options.status == null ? undefined : take(refusals, parseStatus('status', options.status), undefined);
  if (refusals.length > 0) throw new RefusedError(refusals);
  const limit = Math.max(1, Math.min(options.limit ?? 50, REGISTRY_LIMITS.pageRowsMax));
  const filter: SearchFilter = {
    village: options.village,
    status,
    organisation: options.organisation,
    group: options.group,
    asOf,
    includeArchived: options.includeArchived,
  };
  const tenant = ctx.tenant;
  const pairs = tokenPairs(query).slice(0, REGISTRY_LIMITS.queryTokensMax);
  const words = pairs.map((p) => p.key);

  const hits = new Map<string, Omit<SearchHit, 'villageName' | 'status'>>();
  for (const h of await exactIdHits(db, tenant, query.trim(), filter))
    hits.set(h.id, { ...h, edits: 0, accentMatches: 0, matchedBy: 'id' });

  let candidates = 0;
  let truncated = false;
  if (pairs.length === 0) {
    if (hits.size === 0) {
      const rows = await peopleByFilter(db, tenant, filter, limit);
      for (const h of rows) hits.set(h.id, { ...h, edits: 0, accentMatches: 0, matchedBy: 'name' });
      candidates = rows.length;
    }
  } else {
    const { expansions, people } = await expand(db, tenant, words);
    if (expansions.every((e) => e.size > 0)) {
      const found = await peopleWithTokens(
        db,
        tenant,
        candidateQuery(byRarity(expansions, people)),
        filter,
        REGISTRY_LIMITS.searchCandidatesMax,
      );
      truncated = found.length > REGISTRY_LIMITS.searchCandidatesMax;
      candidates = Math.min(found.length, REGISTRY_LIMITS.searchCandidatesMax);
      for (const person of found.slice(0, REGISTRY_LIMITS.searchCandidatesMax)) {
        if (hits.has(person.id)) continue;
        const m = bestMatch(pairs, expansions, tokenPairs(person.fullName));
        if (m) hits.set(person.id, { ...person, ...m, matchedBy: 'name' });
      }
    }
  }

  const ranked = [...hits.values()]
    .sort(
      (a, b) =>
        a.edits - b.edits ||
        b.accentMatches - a.accentMatches ||
        (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0) ||
        (a.id < b.id ? -1 : 1),
    )
    .slice(0, limit);
  const [villages, statuses] = await Promise.all([
    listVillages(db, tenant),
    statusesOf(
      db,
      tenant,
      ranked.map((h) => h.householdId),
    ),
  ]);
  const names = new Map(villages.map((v) => [v.id, v.name]));
  return {
    query,
    asOf,
    words,
    hits: ranked.map((h) => ({
      ...h,
      villageName: names.get(h.villageId) ?? h.villageId,
      status: statusFlags(
        statuses.filter((s) => s.householdId === h.householdId),
        asOf,
      ).status,
    })),
    candidates,
    truncated,
  };
}

/** An id, ID number or phone typed whole finds that record (digits typed with spaces or dots too). */
async function exactIdHits(
  db: Store['db'],
  tenant: string,
  text: string,
  filter: SearchFilter,
): Promise<PersonHit[]> {
  // Ids have digits or punctuation ("HH-A", "P-000001"); plain words are names only.
  if (text === '' || !/[\d_.:/-]/.test(text) || text.length > 64) return [];
  const forms = new Set([text]);
  const digits = text.replace(/[\s.()-]/g, '');
  if (/^\+?\d+$/.test(digits)) forms.add(digits.startsWith('+84') ? `0${digits.slice(3)}` : digits);
  const out = new Map<string, PersonHit>();
  for (const form of forms) for (const h of await peopleByExactId(db, tenant, form, filter)) out.set(h.id, h);
  return [...out.values()];
}

/**
 * For each query word, the vocabulary words it may stand for and their edits: itself; words
 * within one edit when it has at least TYPO_TOKEN_LENGTH_MIN letters; for a two-letter word, the
 * three-letter words it is missing one letter of ("uu" → "huu"), since a dropped letter is the
 * commonest typo; one-letter words exactly. The last word also stands for words it begins. One
 * query for all variants, one for exact one-letter words, one for the prefix.
 */
async function expand(
  db: Store['db'],
  tenant: string,
  words: readonly string[],
): Promise<{ expansions: Expansion[]; people: Map<string, number> }> {
  const variants = words.flatMap((w) =>
    w.length >= TYPO_TOKEN_LENGTH_MIN ? tokenVariants(w) : w.length === 2 ? [w] : [],
  );
  const single = words.filter((w) => w.length < 2);
  const [near, exact] = await Promise.all([
    wordsByVariants(db, tenant, [...new Set(variants)]),
    wordsExact(db, tenant, [...new Set(single)]),
  ]);
  const people = new Map<string, number>();
  for (const v of [...near, ...exact]) people.set(v.token, v.people);
  const out = words.map((w): Expansion => {
    const e: Expansion = new Map();
    const pool = w.length >= 2 ? near : exact;
    for (const v of pool) {
      if (v.people <= 0) continue;
      const d = editDistanceCapped(w, v.token);
      if (d <= 1) e.set(v.token, d);
    }
    return e;
  });
  const last = words.at(-1);
  if (last !== undefined && last.length >= 2) {
    const e = out.at(-1)!;
    for (const v of await wordsByPrefix(db, tenant, last, REGISTRY_LIMITS.prefixExpansionsMax)) {
      people.set(v.token, v.people);
      if (v.token !== last) e.set(v.token, Math.min(e.get(v.token) ?? PREFIX_EDITS, PREFIX_EDITS));
    }
  }
  return { expansions: out, people };
}

/** Query words checked in SQL besides those that select: each is one index probe per candidate. */
const PROBES_MAX = 3;
/** Word pairs one search may look up; beyond this the rarest word alone selects. */
const PAIRS_MAX = 2_000;

/**
 * The two rarest query words select through the pair index (every match has a pair of their
 * words); the next few narrow by probes. One word selects through the word index.
 */
function candidateQuery(ranked: readonly string[][]): CandidateQuery {
  const [first = [], second, ...rest] = ranked;
  if (second && first.length * second.length <= PAIRS_MAX) {
    const pairs = new Set<string>();
    for (const a of first) for (const b of second) pairs.add(pairKey(a, b));
    return { tokens: first, pairs: [...pairs], also: rest.slice(0, PROBES_MAX) };
  }
  return {
    tokens: first,
    pairs: null,
    also: [second, ...rest].filter((x) => x !== undefined).slice(0, PROBES_MAX),
  };
}

/**
 * The expansions' words, those covering the fewest people first. A candidate must have a word of
 * each (every true match does), so the first selects and the next narrow in SQL; the distinct
 * pairing of query and name words is checked afterwards in `bestMatch`.
 */
function byRarity(expansions: readonly Expansion[], people: ReadonlyMap<string, number>): string[][] {
  return expansions
    .map((e) => {
      const tokens = [...e.keys()];
      return { tokens, count: tokens.reduce((s, t) => s + (people.get(t) ?? 0), 0) };
    })
    .sort((a, b) => a.count - b.count)
    .map((x) => x.tokens);
}

/**
 * The cheapest way to match each query word to a distinct word of the name (fewest edits, then
 * most diacritics agreeing), or null when some query word has no partner. Exhaustive over the
 * few words of a name, memoised on (query word, name words used).
 */
export function bestMatch(
  query: readonly TokenPair[],
  expansions: readonly Expansion[],
  name: readonly TokenPair[],
): { edits: number; accentMatches: number } | null {
  if (name.length > 30) return null;
  const memo = new Map<number, { edits: number; accentMatches: number } | null>();
  const go = (i: number, used: number): { edits: number; accentMatches: number } | null => {
    if (i === query.length) return { edits: 0, accentMatches: 0 };
    const key = i * 2 ** 30 + used;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let best: { edits: number; accentMatches: number } | null = null;
    for (let j = 0; j < name.length; j++) {
      if (used & (1 << j)) continue;
      const edits = expansions[i]!.get(name[j]!.key);
      if (edits === undefined) continue;
      const rest = go(i + 1, used | (1 << j));
      if (!rest) continue;
      const total = {
        edits: rest.edits + edits,
        accentMatches: rest.accentMatches + (query[i]!.accented === name[j]!.accented ? 1 : 0),
      };
      if (
        !best ||
        total.edits < best.edits ||
        (total.edits === best.edits && total.accentMatches > best.accentMatches)
      )
        best = total;
    }
    memo.set(key, best);
    return best;
  };
  return go(0, 0);
}
