/**
 * Every refusal code the sources can produce has its Vietnamese and English text in the one
 * catalogue, and every HTTP error code has its message: an answer never shows a bare code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REFUSAL_TEXTS } from '../../src/i18n/catalogue.ts';
import { HTTP_ERRORS } from '../../src/i18n/server.ts';

const SRC = join(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('every refusal code used in src has a text in both languages', () => {
  const used = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bcode: '([a-z_]+)'/g)) used.add(m[1]!);
    for (const m of text.matchAll(/\brefuse(?:<[^>]*>)?\('([a-z_]+)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size > 50, `found only ${used.size} codes: the scan is broken`);
  const missing = [...used].filter((c) => !(c in REFUSAL_TEXTS) && !(c in HTTP_ERRORS));
  assert.deepEqual(missing, []);
  for (const [code, text] of Object.entries(REFUSAL_TEXTS)) {
    assert.ok(text.vi.trim() && text.en.trim(), code);
  }
});
