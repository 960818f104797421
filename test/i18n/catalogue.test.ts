/**
 * One message catalogue: every refusal code the code can produce has Vietnamese and English text,
 * and the texts' placeholders are ones the code supplies.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeRefusal, REFUSAL_TEXTS } from '../../src/i18n/catalogue.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? sources(path)
      : path.endsWith('.ts') || path.endsWith('.tsx')
        ? [path]
        : [];
  });
}

const SRC = join(import.meta.dirname, '..', '..', 'src');

test('every refusal code used in src/ has a Vietnamese and an English text', () => {
  const used = new Set<string>();
  for (const file of sources(SRC)) {
    if (file.includes(`${join('src', 'i18n')}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '([a-z_]+)'/g)) used.add(m[1]!);
    for (const m of text.matchAll(/refuse(?:<[^>]*>)?\('([a-z_]+)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size > 30, `found only ${used.size} codes; the scan is broken`);
  const missing = [...used].filter((c) => !REFUSAL_TEXTS[c]?.vi || !REFUSAL_TEXTS[c]?.en);
  assert.deepEqual(missing, []);
});

test('a refusal reads as field, value and rule in both languages', () => {
  const r = { code: 'amount_not_whole_dong', field: 'entries[1].postings[0].amount', value: '1,5', row: 7 };
  assert.equal(
    describeRefusal(r, 'vi'),
    'Dòng 7 · Các bút toán 2 › Các dòng hạch toán 1 › Số tiền = "1,5": số tiền phải là số đồng nguyên, không có phần thập phân (ví dụ 1.050.000) [amount_not_whole_dong]',
  );
  assert.equal(
    describeRefusal(r, 'en'),
    'Row 7 · Entries 2 › Postings 1 › Amount = "1,5": an amount must be whole đồng with no decimals (e.g. 1,050,000) [amount_not_whole_dong]',
  );
  const b = {
    code: 'balance_rule_broken',
    field: 'amount',
    value: -1,
    params: { account: '111', party: '', date: '2025-12-14', balance: -1_200_000 },
  };
  assert.match(describeRefusal(b, 'vi'), /số dư -1\.200\.000 ₫ vào ngày 14\/12\/2025/);
});
