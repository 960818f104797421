/**
 * Vietnamese names for people and places: the search key that forgives accents and case, the
 * word-level pieces the search index stores, and the small edit distance that forgives a typo.
 * Pure functions; see docs/design/registry.md § Search.
 */

const MARKS = /\p{M}+/gu;
const NOT_KEY = /[^a-z0-9]+/g;
const ONLY_MARKS = /^\p{M}+$/u;

/**
 * The search key of a name: decomposed (NFD), combining marks removed, đ→d, lower-case, every
 * run of anything other than a–z and 0–9 turned into one space, trimmed.
 * "Vương Đình Soạn" → "vuong dinh soan". Idempotent; the output is plain ASCII.
 */
export function nameKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/đ/g, 'd')
    .replace(NOT_KEY, ' ')
    .trim();
}

/** One word of a name as the key has it and as it was written (lower-case, diacritics kept). */
export interface TokenPair {
  readonly key: string;
  readonly accented: string;
}

/**
 * The words of a name, each with its key and its written (lower-case NFC) form, aligned so that
 * `tokenPairs(x).map(t => t.key).join(' ') === nameKey(x)`. Used to rank a match whose
 * diacritics agree with the query above one that agrees only without them.
 */
export function tokenPairs(text: string): TokenPair[] {
  const out: TokenPair[] = [];
  for (const chunk of text.normalize('NFC').toLowerCase().split(/\s+/u)) {
    if (chunk === '') continue;
    // The common case, a word of letters: its key is one word (or nothing).
    if (WORD.test(chunk)) {
      const key = nameKey(chunk);
      if (key !== '' && !key.includes(' ')) {
        out.push({ key, accented: chunk });
        continue;
      }
    }
    out.push(...charPairs(chunk));
  }
  return out;
}

const WORD = /^[\p{L}\p{M}]+$/u;

/** Letter by letter, for words with punctuation or letters whose key splits. */
function charPairs(text: string): TokenPair[] {
  const out: TokenPair[] = [];
  let key = '';
  let accented = '';
  const flush = () => {
    if (key !== '') out.push({ key, accented });
    key = '';
    accented = '';
  };
  for (const ch of text) {
    // A mark that did not compose with its letter belongs to the word, as in `nameKey`.
    if (ONLY_MARKS.test(ch)) {
      accented += ch;
      continue;
    }
    const k = nameKey(ch);
    // A character whose key is empty or has a space is a separator (or becomes one).
    if (k === '' || k.includes(' ')) {
      flush();
      if (k !== '') for (const part of k.split(' ')) out.push({ key: part, accented: part });
      continue;
    }
    key += k;
    accented += ch;
  }
  flush();
  return out;
}

/**
 * Edit distance between two words, counting substitution, insertion, deletion and the swap of
 * two neighbouring letters as one edit (optimal string alignment), capped at 2: we only need to
 * know 0, 1 or "more". O(length).
 */
export function editDistanceCapped(a: string, b: string): 0 | 1 | 2 {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return 2;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return 1; // one substitution
    if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return 1; // a swap
    return 2;
  }
  const [short, long] = la < lb ? [a, b] : [b, a];
  return short.slice(i) === long.slice(i + 1) ? 1 : 2;
}

/** Words shorter than this must be typed exactly: "an" is one letter from too many names. */
export const TYPO_TOKEN_LENGTH_MIN = 3;

/**
 * The variants under which a vocabulary word is indexed (SymSpell): the word itself and each
 * one-letter deletion of it at least two letters long. Two words within one edit of each other
 * share a variant: a substitution or swap deletes to the same word, an insertion or deletion
 * makes one word a variant of the other. Candidates are confirmed with `editDistanceCapped`.
 */
export function tokenVariants(token: string): string[] {
  const out = new Set<string>([token]);
  if (token.length > 2)
    for (let i = 0; i < token.length; i++) out.add(token.slice(0, i) + token.slice(i + 1));
  return [...out];
}

/**
 * A full name as we store it: NFC, spaces collapsed, trimmed. The letters are kept as typed
 * (treasurers write names in their own case conventions; search does not depend on it).
 */
export function cleanName(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** A village id from its name: the key with dashes, at most 40 characters ("duc-khe"). */
export function slugFromName(name: string): string {
  return nameKey(name).replace(/ /g, '-').slice(0, 40).replace(/-+$/, '');
}

/**
 * The word pairs of a name as the search index stores them: each two words of the key (by
 * position, so a repeated word pairs with itself), in alphabetical order, joined by a space,
 * without repeats. "vuong dinh soan" → "dinh vuong", "soan vuong", "dinh soan".
 */
export function tokenPairKeys(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++)
    for (let j = i + 1; j < tokens.length; j++) out.add(pairKey(tokens[i]!, tokens[j]!));
  return [...out];
}

export function pairKey(a: string, b: string): string {
  return a <= b ? `${a} ${b}` : `${b} ${a}`;
}
