/**
 * Ready to shard by commune: every statement soquy runs against its tables names the tenant key,
 * so a Citus cluster distributing every table by `tenant_id` can route it to one shard. Runs the
 * ledger, copy, HTTP authorisation and registry suites (every API route, every role) on SQLite with a query
 * log, then reads every statement back.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TABLE_ORDER } from '../../src/store/migrations/index.ts';

const root = join(import.meta.dirname, '..', '..');
const SUITES = [
  'test/ledger/ledger.test.ts',
  'test/ledger/import.test.ts',
  'test/store/copy.test.ts',
  'test/http/authorisation.test.ts',
  'test/http/maker-checker.test.ts',
  'test/registry/registry.test.ts',
  'test/registry/search.test.ts',
  'test/registry/import.test.ts',
  'test/savings/cycle.test.ts',
  'test/savings/accounts.test.ts',
  'test/funds/story.test.ts',
  'test/funds/refusals.test.ts',
  'test/risk/scenarios.test.ts',
];

test('every statement on soquy tables filters or keys by tenant', { timeout: 600_000 }, () => {
  const log = join(mkdtempSync(join(tmpdir(), 'soquy-queries-')), 'queries.log');
  // Without NODE_TEST_CONTEXT, the child runs as a test runner of its own, not as our subtest.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...SUITES], {
    cwd: root,
    env: { ...env, SOQUY_QUERY_LOG: log, SOQUY_TEST_ENGINES: 'sqlite' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stdout.slice(-3000));
  const statements = [...new Set(readFileSync(log, 'utf8').trim().split('\n'))];
  const tables = new Set(TABLE_ORDER);
  const touches = (s: string) =>
    [...s.matchAll(/\b(?:from|into|update|join)\s+"?([a-z_]+)"?/gi)]
      .map((m) => m[1]!.toLowerCase())
      .filter((t) => tables.has(t));
  const offenders: string[] = [];
  let checked = 0;
  for (const s of statements) {
    const lower = s.toLowerCase();
    // Statements the tests themselves run (snapshots, tampering) carry this mark.
    if (lower.startsWith('/* test */')) continue;
    if (/^(begin|commit|rollback|savepoint|release|analyze|pragma|create|drop|alter)\b/.test(lower.trim()))
      continue;
    const used = touches(lower);
    if (used.length === 0) continue;
    checked += 1;
    // The tenant table is keyed by `id`; every other table by `tenant_id`.
    const scoped = lower.includes('tenant_id') || (used.every((t) => t === 'tenant') && /\bid\b/.test(lower));
    if (!scoped) offenders.push(s.slice(0, 200));
  }
  assert.ok(checked > 100, `only ${checked} statements seen; the log is not being written`);
  assert.deepEqual(offenders, []);
});
