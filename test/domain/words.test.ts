/**
 * Amounts in Vietnamese words: worked examples of each reading rule (mười / mươi, mốt, lăm,
 * linh / lẻ, không trăm, nghìn / triệu / tỷ, repeated tỷ), and a property: a parser of the same
 * grammar, written here independently, reads back every number written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { amountInWordsVi, numberInWordsVi } from '../../src/domain/words.ts';

const CASES: Array<[number, string]> = [
  [0, 'Không đồng'],
  [1, 'Một đồng'],
  [5, 'Năm đồng'],
  [9, 'Chín đồng'],
  [10, 'Mười đồng'],
  [11, 'Mười một đồng'],
  [14, 'Mười bốn đồng'],
  [15, 'Mười lăm đồng'],
  [19, 'Mười chín đồng'],
  [20, 'Hai mươi đồng'],
  [21, 'Hai mươi mốt đồng'],
  [24, 'Hai mươi bốn đồng'],
  [25, 'Hai mươi lăm đồng'],
  [55, 'Năm mươi lăm đồng'],
  [91, 'Chín mươi mốt đồng'],
  [99, 'Chín mươi chín đồng'],
  [100, 'Một trăm đồng'],
  [101, 'Một trăm linh một đồng'],
  [105, 'Một trăm linh năm đồng'],
  [110, 'Một trăm mười đồng'],
  [111, 'Một trăm mười một đồng'],
  [115, 'Một trăm mười lăm đồng'],
  [121, 'Một trăm hai mươi mốt đồng'],
  [205, 'Hai trăm linh năm đồng'],
  [999, 'Chín trăm chín mươi chín đồng'],
  [1_000, 'Một nghìn đồng'],
  [1_001, 'Một nghìn không trăm linh một đồng'],
  [1_010, 'Một nghìn không trăm mười đồng'],
  [1_015, 'Một nghìn không trăm mười lăm đồng'],
  [1_050, 'Một nghìn không trăm năm mươi đồng'],
  [1_100, 'Một nghìn một trăm đồng'],
  [5_000, 'Năm nghìn đồng'],
  [10_000, 'Mười nghìn đồng'],
  [15_000, 'Mười lăm nghìn đồng'],
  [21_000, 'Hai mươi mốt nghìn đồng'],
  [100_000, 'Một trăm nghìn đồng'],
  [105_000, 'Một trăm linh năm nghìn đồng'],
  [250_000, 'Hai trăm năm mươi nghìn đồng'],
  [1_000_000, 'Một triệu đồng'],
  [1_200_000, 'Một triệu hai trăm nghìn đồng'],
  [1_050_000, 'Một triệu không trăm năm mươi nghìn đồng'],
  [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
  [2_000_500, 'Hai triệu năm trăm đồng'],
  [2_000_005, 'Hai triệu không trăm linh năm đồng'],
  [5_000_000, 'Năm triệu đồng'],
  [18_000_000, 'Mười tám triệu đồng'],
  [40_000_000, 'Bốn mươi triệu đồng'],
  [313_000_000, 'Ba trăm mười ba triệu đồng'],
  [500_000_000, 'Năm trăm triệu đồng'],
  [1_000_000_000, 'Một tỷ đồng'],
  [1_050_000_000, 'Một tỷ không trăm năm mươi triệu đồng'],
  [1_000_005_000, 'Một tỷ không trăm linh năm nghìn đồng'],
  [5_300_000_000, 'Năm tỷ ba trăm triệu đồng'],
  [65_000_000_000, 'Sáu mươi lăm tỷ đồng'],
  [96_000_000_000, 'Chín mươi sáu tỷ đồng'],
  [
    1_234_567_891,
    'Một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt đồng',
  ],
  [1_000_000_000_000, 'Một nghìn tỷ đồng'],
  [1_234_000_000_000, 'Một nghìn hai trăm ba mươi bốn tỷ đồng'],
  [10_000_000_000_000, 'Mười nghìn tỷ đồng'],
  [1_000_000_000_000_001, 'Một triệu tỷ không trăm linh một đồng'],
];

test('worked examples of every reading rule', () => {
  const wrong = CASES.filter(([n, w]) => amountInWordsVi(n) !== w).map(
    ([n, w]) => `${n}: want "${w}", got "${amountInWordsVi(n)}"`,
  );
  assert.deepEqual(wrong, []);
});

test('the amount of a cash receipt of the brief reads as written on the form', () => {
  assert.equal(amountInWordsVi(1_200_000), 'Một triệu hai trăm nghìn đồng');
});

test('southern "lẻ" and "ngàn" on request; negatives are read with "âm"', () => {
  assert.equal(amountInWordsVi(105, { zeroTens: 'lẻ' }), 'Một trăm lẻ năm đồng');
  assert.equal(
    amountInWordsVi(1_005_000, { zeroTens: 'lẻ', thousand: 'ngàn' }),
    'Một triệu không trăm lẻ năm ngàn đồng',
  );
  assert.equal(amountInWordsVi(-21_000), 'Âm hai mươi mốt nghìn đồng');
  assert.throws(() => amountInWordsVi(1.5), /not a safe integer/);
});

// --- an independent reader of the same grammar -------------------------------------------------

const DIGIT: Record<string, number> = {
  không: 0,
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
};

function digit(word: string | undefined): number {
  const d = word === undefined ? undefined : DIGIT[word];
  if (d === undefined) throw new Error(`not a digit: ${word}`);
  return d;
}

/** One group of up to three digits. */
function readGroup(tokens: string[]): number {
  let i = 0;
  let v = 0;
  if (tokens[i + 1] === 'trăm') {
    v += digit(tokens[i]) * 100;
    i += 2;
  }
  if (tokens[i] === 'linh' || tokens[i] === 'lẻ') {
    v += digit(tokens[i + 1]);
    i += 2;
  } else {
    if (tokens[i] === 'mười') {
      v += 10;
      i += 1;
    } else if (tokens[i + 1] === 'mươi') {
      v += digit(tokens[i]) * 10;
      i += 2;
    }
    if (i < tokens.length) {
      const w = tokens[i]!;
      v += w === 'mốt' ? 1 : w === 'lăm' ? 5 : digit(w);
      i += 1;
    }
  }
  if (i !== tokens.length) throw new Error(`left over: ${tokens.slice(i).join(' ')}`);
  return v;
}

function readBelowBillion(tokens: string[]): number {
  let v = 0;
  let current: string[] = [];
  for (const t of tokens) {
    if (t === 'triệu') {
      v += readGroup(current) * 1_000_000;
      current = [];
    } else if (t === 'nghìn') {
      v += readGroup(current) * 1_000;
      current = [];
    } else current.push(t);
  }
  return current.length > 0 ? v + readGroup(current) : v;
}

function read(tokens: string[]): number {
  const last = tokens.lastIndexOf('tỷ');
  if (last < 0) return readBelowBillion(tokens);
  return read(tokens.slice(0, last)) * 1_000_000_000 + readBelowBillion(tokens.slice(last + 1));
}

test('property: every number up to 2^53 − 1 is read back from its words', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.maxSafeNat(),
        // Numbers with many zero groups: the "không trăm" and skipped-group rules.
        fc
          .array(fc.constantFrom(0, 1, 5, 10, 15, 21, 100, 105, 999), { minLength: 1, maxLength: 5 })
          .map((gs) => gs.reduce((acc: number, g) => acc * 1_000 + g, 0)),
      ),
      (n) => {
        const text = numberInWordsVi(n);
        assert.equal(read(text.split(' ')), n, text);
        assert.doesNotMatch(text, / {2}|mươi một|mười năm|mươi năm|linh lăm|linh mốt/);
      },
    ),
    { numRuns: 3_000 },
  );
});
