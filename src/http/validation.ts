/**
 * zod's complaints as refusals the catalogue can say in Vietnamese: each names the field path,
 * the value sent and the rule (`type_invalid` with what was expected, `too_big` with the bound,
 * `value_not_allowed` with the list, `field_unknown` with the extra keys).
 */
import type { z } from 'zod';
import type { Refusal } from '../domain/refusal.ts';

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

function fieldOf(path: Path, root: string): string {
  const f = path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
    .join('');
  return f === '' ? root : f;
}

function valueAt(input: unknown, path: Path): unknown {
  let value: unknown = input;
  for (const key of path)
    value =
      value != null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value === undefined ? null : value;
}

function bound(x: unknown): string | number {
  return typeof x === 'bigint' ? Number(x) : typeof x === 'number' ? x : String(x);
}

function one(issue: Issue, prefix: Path, input: unknown, root: string): Refusal[] {
  const path = [...prefix, ...issue.path];
  const field = fieldOf(path, root);
  const value = valueAt(input, path);
  switch (issue.code) {
    case 'invalid_type':
      return [{ code: 'type_invalid', field, value, params: { expected: issue.expected } }];
    case 'too_big':
      return [
        {
          code: issue.origin === 'string' ? 'text_too_long' : 'too_big',
          field,
          value: typeof value === 'string' ? value.slice(0, 40) : value,
          params: { max: bound(issue.maximum) },
        },
      ];
    case 'too_small':
      return [
        {
          code: issue.origin === 'string' && Number(issue.minimum) <= 1 ? 'text_invalid' : 'too_small',
          field,
          value,
          params: { min: bound(issue.minimum) },
        },
      ];
    case 'invalid_value':
      return [
        { code: 'value_not_allowed', field, value, params: { allowed: issue.values.map(String).join(', ') } },
      ];
    case 'invalid_format':
      return [{ code: 'format_invalid', field, value, params: { format: issue.format } }];
    case 'unrecognized_keys':
      return [
        {
          code: 'field_unknown',
          field,
          value: issue.keys.join(', '),
          params: { keys: issue.keys.join(', ') },
        },
      ];
    case 'invalid_union': {
      // Report the alternative that came closest, not "invalid input": first the one that misses
      // the fewest keys the input does not have at all (the shape it was meant to be), then the
      // one with the fewest complaints.
      const here = valueAt(input, path);
      const absent = (i: Issue) =>
        i.path.length > 0 && (here === null || typeof here !== 'object' || !(String(i.path[0]) in here));
      const score = (list: readonly Issue[]) => list.filter(absent).length * 1000 + list.length;
      const best = [...issue.errors].sort((a, b) => score(a) - score(b))[0];
      if (best && best.length > 0) return best.flatMap((i) => one(i, path, input, root));
      return [{ code: 'shape_invalid', field, value, params: { expected: issue.message } }];
    }
    default:
      return [{ code: 'shape_invalid', field, value, params: { expected: issue.message } }];
  }
}

/** Refusals for a failed parse of `input`; `root` names the whole (`body`, `query`). */
export function issuesToRefusals(error: z.ZodError, input: unknown, root: string): Refusal[] {
  return error.issues.flatMap((i) => one(i, [], input, root));
}
