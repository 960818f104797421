/**
 * Name keys, word pieces, the capped edit distance and cell parsers; properties with fast-check:
 * the key is idempotent and plain ASCII, the word pairs align with it, the capped distance agrees
 * with a textbook dynamic programme, and two words one edit apart always share an index variant.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  editDistanceCapped,
  nameKey,
  slugFromName,
  tokenPairs,
  tokenVariants,
} from '../../src/domain/registry/names.ts';
import {
  parseBirthYear,
  parseIdNumber,
  parsePhone,
  parsePolicies,
  parseSex,
  parseStatus,
} from '../../src/domain/registry/validate.ts';

const RUNS = Number(process.env['SOQUY_PROPERTY_RUNS'] ?? 200);

/** Letters Vietnamese names are written with, plus a few separators and oddities. */
const VI_CHARS = [
  ..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ  -'",
];
const viName = fc.array(fc.constantFrom(...VI_CHARS), { maxLength: 30 }).map((a) => a.join(''));
const anyText = fc.oneof(
  viName,
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Optimal string alignment distance, the slow way. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

describe('name keys', () => {
  test('accents, đ and case are removed; separators become one space', () => {
    assert.equal(nameKey('Vương Đình Soạn'), 'vuong dinh soan');
    assert.equal(nameKey('  NGUYỄN   thị   hòa  '), 'nguyen thi hoa');
    assert.equal(nameKey('Lê-Văn Tám'), 'le van tam');
    assert.equal(nameKey('Ông Ích Khiêm'), 'ong ich khiem');
    assert.equal(nameKey('Trương Thị Ưng'), 'truong thi ung');
    // Decomposed input (NFD, as some keyboards send it) gives the same key.
    assert.equal(nameKey('Vương Đình Soạn'.normalize('NFD')), 'vuong dinh soan');
    assert.equal(slugFromName('Đức Khê'), 'duc-khe');
  });

  test('the key is idempotent and plain lower-case ASCII words', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const k = nameKey(s);
        assert.equal(nameKey(k), k);
        assert.match(k, /^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
      { numRuns: RUNS },
    );
  });

  test('word pairs align with the key and keep the written diacritics', () => {
    assert.deepEqual(tokenPairs('Vương Đình-Soạn'), [
      { key: 'vuong', accented: 'vương' },
      { key: 'dinh', accented: 'đình' },
      { key: 'soan', accented: 'soạn' },
    ]);
    fc.assert(
      fc.property(anyText, (s) => {
        assert.equal(
          tokenPairs(s)
            .map((t) => t.key)
            .join(' '),
          nameKey(s),
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe('edit distance and index variants', () => {
  test('capped distance counts substitution, insertion, deletion and a swap as one', () => {
    assert.equal(editDistanceCapped('vuong', 'vuong'), 0);
    assert.equal(editDistanceCapped('vuomg', 'vuong'), 1);
    assert.equal(editDistanceCapped('soa', 'soan'), 1);
    assert.equal(editDistanceCapped('vuogn', 'vuong'), 1);
    assert.equal(editDistanceCapped('diinh', 'dinh'), 1);
    assert.equal(editDistanceCapped('vuomh', 'vuong'), 2);
  });

  const word = fc.string({ unit: fc.constantFrom(...'abcdeghinostuy'), minLength: 1, maxLength: 8 });

  test('it agrees with the full dynamic programme, capped at 2', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        assert.equal(editDistanceCapped(a, b), Math.min(2, osa(a, b)));
        assert.equal(editDistanceCapped(a, b), editDistanceCapped(b, a));
      }),
      { numRuns: RUNS * 5 },
    );
  });

  /** A word and the same word with one edit: a substitution, insertion, deletion or swap. */
  const oneEdit = fc
    .record({
      w: word.filter((w) => w.length >= 3),
      op: fc.constantFrom('sub', 'ins', 'del', 'swap'),
      at: fc.nat(),
      ch: fc.constantFrom(...'abcdeghinostuy'),
    })
    .map(({ w, op, at, ch }) => {
      const i = at % w.length;
      const edited =
        op === 'sub'
          ? w.slice(0, i) + ch + w.slice(i + 1)
          : op === 'ins'
            ? w.slice(0, i) + ch + w.slice(i)
            : op === 'del'
              ? w.slice(0, i) + w.slice(i + 1)
              : w.slice(0, i) + (w[i + 1] ?? '') + w[i] + w.slice(i + 2);
      return [w, edited] as const;
    })
    .filter(([w, e]) => e.length >= 2 && editDistanceCapped(w, e) === 1);

  test('a query word of 3+ letters shares a variant with every vocabulary word one edit away', () => {
    fc.assert(
      fc.property(oneEdit, ([query, vocab]) => {
        const v = new Set(tokenVariants(vocab));
        assert.ok(
          tokenVariants(query).some((x) => v.has(x)),
          `${query} ~ ${vocab}`,
        );
      }),
      { numRuns: RUNS * 5 },
    );
  });
});

describe('cell parsers', () => {
  const value = <T>(r: { ok: true; value: T } | { ok: false; refusals: Array<{ code: string }> }) =>
    r.ok ? r.value : r.refusals[0]!.code;

  test('ID numbers: 12 or 9 digits; a number that lost its leading zeros gets them back', () => {
    assert.equal(value(parseIdNumber('f', '001 068 012 345')), '001068012345');
    assert.equal(value(parseIdNumber('f', 1068012345)), '001068012345');
    assert.equal(value(parseIdNumber('f', '123456789')), '123456789');
    assert.equal(value(parseIdNumber('f', '00106801234')), 'id_number_invalid');
    assert.equal(value(parseIdNumber('f', '')), null);
  });

  test('phones: +84 and dots accepted, kept as 0 and digits', () => {
    assert.equal(value(parsePhone('f', '+84 912 345 678')), '0912345678');
    assert.equal(value(parsePhone('f', '0912.345.678')), '0912345678');
    assert.equal(value(parsePhone('f', 912345678)), '0912345678');
    assert.equal(value(parsePhone('f', '024 3826 1234')), '02438261234');
    assert.equal(value(parsePhone('f', '12345')), 'phone_invalid');
  });

  test('statuses, sexes and policies in Vietnamese words, with or without accents', () => {
    assert.equal(value(parseStatus('f', 'Hộ nghèo')), 'poor');
    assert.equal(value(parseStatus('f', 'CAN NGHEO')), 'near_poor');
    assert.equal(value(parseStatus('f', 'Hộ mới thoát nghèo')), 'recently_escaped');
    assert.equal(value(parseStatus('f', 'nghèo lắm')), 'status_unknown');
    assert.equal(value(parseSex('f', 'Nữ')), 'female');
    assert.equal(value(parseSex('f', 'nam')), 'male');
    assert.equal(value(parseSex('f', 'K')), 'sex_unknown');
    assert.deepEqual(value(parsePolicies('f', 'Thương binh hạng 2/4; Khuyết tật')), [
      { category: 'war_invalid', detail: '2/4' },
      { category: 'disability', detail: null },
    ]);
    assert.equal(value(parsePolicies('f', 'Thương binh')), 'war_invalid_class_invalid');
    assert.equal(value(parsePolicies('f', 'Thương binh 5/4')), 'war_invalid_class_invalid');
    assert.equal(value(parsePolicies('f', 'Hộ khá')), 'policy_unknown');
  });

  test('birth years from 1900 to this year', () => {
    assert.equal(value(parseBirthYear('f', '1968', 2025)), 1968);
    assert.equal(value(parseBirthYear('f', 1900, 2025)), 1900);
    assert.equal(value(parseBirthYear('f', 1899, 2025)), 'birth_year_invalid');
    assert.equal(value(parseBirthYear('f', 2025, 2025)), 2025);
    assert.equal(value(parseBirthYear('f', 2026, 2025)), 'birth_year_invalid');
    assert.equal(value(parseBirthYear('f', '19x5', 2025)), 'birth_year_invalid');
  });
});
