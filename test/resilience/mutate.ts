/**
 * fast-check arbitraries for hostile input: random text and bytes, and mutations of good input
 * (a valid CSV, a valid JSON body, a valid file) that stay close enough to it to get past the
 * first checks. Bounded sizes; the number of runs scales with SOQUY_FUZZ_SCALE and the seed is
 * fixed unless SOQUY_FUZZ_SEED says otherwise.
 */
import fc from 'fast-check';

export const FUZZ = {
  scale: Number(process.env['SOQUY_FUZZ_SCALE'] ?? 1),
  seed: Number(process.env['SOQUY_FUZZ_SEED'] ?? 20_251_220),
};

/** Runs of a property: `n` scaled, at least 1. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * FUZZ.scale));
}

/** Text that breaks parsers: separators, quotes, line ends, BOMs, odd digits, long runs. */
export const nastyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    ',',
    '"',
    '""',
    '\n',
    '\r\n',
    '\r',
    '\uFEFF',
    '\u0000',
    '1.000',
    '1,5',
    '-1',
    '0',
    '1e9',
    '1e21',
    '9'.repeat(20),
    'NaN',
    'Infinity',
    '٣٤',
    '１２３',
    'null',
    '31/02/2025',
    '2025-13-01',
    '0000-00-00',
    ' ',
    'x'.repeat(600),
    '=cmd|calc',
    '<script>',
    "'; DROP TABLE posting; --",
  ),
);

type TextOp =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'replaceField'; line: number; field: number; text: string }
  | { kind: 'truncate'; at: number };

const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: nastyText }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('replaceField' as const), line: fc.nat(), field: fc.nat(), text: nastyText }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyTextOp(text: string, op: TextOp): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  switch (op.kind) {
    case 'delete':
      return text.slice(0, at(op.at)) + text.slice(at(op.at) + op.length);
    case 'insert':
      return text.slice(0, at(op.at)) + op.text + text.slice(at(op.at));
    case 'duplicateLine':
      lines.splice(line(op.line), 0, lines[line(op.line)]!);
      return lines.join('\n');
    case 'swapLines': {
      const [a, b] = [line(op.a), line(op.b)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'replaceField': {
      const fields = lines[line(op.line)]!.split(',');
      fields[op.field % fields.length] = op.text;
      lines[line(op.line)] = fields.join(',');
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, at(op.at));
  }
}

/** `base` with one to five mutations: characters, lines, fields. */
export function mutatedText(base: string): fc.Arbitrary<string> {
  return fc.array(textOp, { minLength: 1, maxLength: 5 }).map((ops) => ops.reduce(applyTextOp, base));
}

/** Random CSV-shaped text: rows of random fields, sometimes under the real header. */
export function randomCsv(header: string): fc.Arbitrary<string> {
  const row = fc.array(nastyText, { maxLength: 12 }).map((fields) => fields.join(','));
  return fc
    .tuple(fc.boolean(), fc.array(row, { maxLength: 8 }))
    .map(([withHeader, rows]) => `${withHeader ? `${header}\n` : ''}${rows.join('\n')}`);
}

/** Edge values a JSON field may be given instead of what it should hold. */
export const nastyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  nastyText,
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e21,
    -1e21,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    [],
    {},
    [[]],
    '',
  ),
);

type Path = Array<string | number>;

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) pathsOf(v, [...path, i], out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
  return out;
}

function setAt(
  root: unknown,
  path: Path,
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
): unknown {
  const copy = structuredClone(root) as unknown;
  if (path.length === 0) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  change(parent, path[path.length - 1]!);
  return copy;
}

/** `base` with one to three changes at random places: a value replaced, a key removed or added. */
export function mutatedJson(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const one = fc.tuple(
    fc.nat({ max: paths.length - 1 }),
    fc.nat({ max: 3 }),
    nastyJson,
    fc.string({ maxLength: 12 }),
  );
  return fc.array(one, { minLength: 1, maxLength: 3 }).map((changes) => {
    let value: unknown = base;
    for (const [i, how, replacement, key] of changes) {
      const path = paths[i]!;
      if (path.length === 0) {
        if (how === 0) value = replacement;
        continue;
      }
      try {
        value = setAt(value, path, (parent, k) => {
          if (how === 0 || how === 3) parent[k] = replacement;
          else if (how === 1) {
            if (Array.isArray(parent)) parent.splice(Number(k), 1);
            else delete parent[k];
          } else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent))
            parent[key] = replacement;
        });
      } catch {
        // An earlier change removed this path; leave the value as it is.
      }
    }
    return value;
  });
}

/** `base` with bytes flipped, cut short, or a run overwritten. */
export function mutatedBytes(base: Uint8Array): fc.Arbitrary<Buffer> {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('overwrite' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
  );
  return fc.array(op, { minLength: 1, maxLength: 4 }).map((ops) => {
    let b = Buffer.from(base);
    for (const o of ops) {
      const at = b.length === 0 ? 0 : o.at % b.length;
      if (o.kind === 'flip' && b.length > 0) b[at]! ^= 1 << o.bit;
      else if (o.kind === 'truncate') b = b.subarray(0, at);
      else if (o.kind === 'overwrite') Buffer.from(o.bytes).copy(b, at);
    }
    return Buffer.from(b);
  });
}
