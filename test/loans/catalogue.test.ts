/**
 * Every refusal code the loan code can raise has a Vietnamese and an English text, and every
 * field it names has a label: a treasurer never sees a bare code. Codes are collected from the
 * sources themselves, so a new one without text fails here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeRefusal, REFUSAL_TEXTS } from '../../src/i18n/catalogue.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

test('every refusal code of loans has texts in both languages', () => {
  const files = [...sources('src/domain/loans'), ...sources('src/app/loans'), 'src/cli/loans-commands.ts'];
  const codes = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:refused|refuse)\(\s*'([a-z_]+)'|code: '([a-z_]+)'/g))
      codes.add((m[1] ?? m[2])!);
  }
  assert.ok(codes.size > 50, `found ${codes.size} codes`);
  const missing = [...codes].filter((c) => !REFUSAL_TEXTS[c]?.vi || !REFUSAL_TEXTS[c]?.en);
  assert.deepEqual(missing, []);
});

test('a refusal reads as a sentence naming the field, the value and the rule', () => {
  const r = {
    code: 'repayment_exceeds_outstanding',
    field: 'amount',
    value: 80_448_439,
    params: { max: 80_448_438 },
  };
  assert.equal(
    describeRefusal(r, 'vi'),
    'Số tiền = "80448439": số tiền trả vượt tổng dư nợ và lãi phải trả đến ngày này: tối đa 80.448.438 ₫ [repayment_exceeds_outstanding]',
  );
  assert.equal(
    describeRefusal(
      { code: 'loan_closed', field: 'loan', value: 'R-04', params: { closedOn: '2025-07-05' } },
      'en',
    ),
    'Loan = "R-04": the loan was closed on 05/07/2025: nothing more can be recorded [loan_closed]',
  );
});
