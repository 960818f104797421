/**
 * Upgrades that cannot strand a database: a migration is all or nothing (a process killed
 * half-way through one, or a migration that fails, leaves a database the next start opens),
 * migrations that land out of order (0002 after 0004) still apply, and a database made by a
 * newer release is refused by name.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { RefusedError } from '../../src/domain/refusal.ts';
import { migrationsFor } from '../../src/store/migrations/index.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { ENGINES } from '../helpers/engines.ts';
import { extraMigrations, failingMigrations, futureMigrations, lateMigrations } from './migration-lists.ts';

async function tableExists(store: Store, table: string): Promise<boolean> {
  // Not Kysely's introspection: it reads every schema's catalogue, which other test runs drop.
  const rows =
    store.kind === 'postgres'
      ? await sql`/* test */ SELECT 1 AS one FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_name = ${table}`.execute(store.db)
      : await sql`/* test */ SELECT 1 AS one FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(
          store.db,
        );
  return rows.rows.length > 0;
}

async function applied(store: Store): Promise<string[]> {
  const rows = await sql<{
    name: string;
  }>`/* test */ SELECT name FROM kysely_migration ORDER BY name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

function killDuringMigration(location: string, mark: string, extra: boolean): void {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'migration-victim.ts'),
      location,
      mark,
      ...(extra ? ['extra'] : []),
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.signal, 'SIGKILL', `the victim was not killed: ${r.status} ${r.stderr}`);
}

for (const engine of ENGINES) {
  describe(`migrations [${engine.kind}]`, { skip: engine.skip }, () => {
    test('a first start killed half-way through 0001 leaves a database the next start opens', async () => {
      const { location, cleanup } = await engine.fresh();
      try {
        // Killed right after `CREATE TABLE account` ran: tenant, organisation, book exist by then.
        killDuringMigration(location, 'CREATE TABLE account', false);
        const store = await openStore(location, { synchronous: 'NORMAL' });
        assert.deepEqual(await applied(store), Object.keys(migrationsFor(engine.kind)).sort());
        assert.ok(await tableExists(store, 'journal_entry'));
        await store.close();
      } finally {
        await cleanup();
      }
    });

    test('an upgrade killed half-way through a migration is retried whole at the next start', async () => {
      const { location, cleanup } = await engine.fresh();
      try {
        await (await openStore(location, { synchronous: 'NORMAL' })).close();
        killDuringMigration(location, 'CREATE TABLE test_extra_b', true);
        const store = await openStore(location, {
          synchronous: 'NORMAL',
          migrations: extraMigrations(engine.kind),
        });
        assert.ok(await tableExists(store, 'test_extra_a'));
        assert.ok(await tableExists(store, 'test_extra_b'));
        assert.ok((await applied(store)).includes('0005-test-extra'));
        await store.close();
      } finally {
        await cleanup();
      }
    });

    test('a migration that fails leaves nothing of itself behind', async () => {
      const { location, cleanup } = await engine.fresh();
      try {
        await (await openStore(location, { synchronous: 'NORMAL' })).close();
        await assert.rejects(
          openStore(location, { synchronous: 'NORMAL', migrations: failingMigrations(engine.kind) }),
          /0005-test-fails/,
        );
        const store = await openStore(location, { synchronous: 'NORMAL' });
        assert.equal(await tableExists(store, 'test_half_done'), false);
        assert.ok(!(await applied(store)).includes('0005-test-fails'));
        await store.close();
      } finally {
        await cleanup();
      }
    });

    test('a migration numbered below those already applied (0002 landing after 0004) still applies', async () => {
      const { location, cleanup } = await engine.fresh();
      try {
        await (await openStore(location, { synchronous: 'NORMAL' })).close();
        const store = await openStore(location, {
          synchronous: 'NORMAL',
          migrations: lateMigrations(engine.kind),
        });
        assert.ok(await tableExists(store, 'test_late'));
        assert.deepEqual(
          await applied(store),
          [...Object.keys(migrationsFor(engine.kind)), '0002-test-late'].sort(),
        );
        await store.close();
      } finally {
        await cleanup();
      }
    });

    test('a database made by a newer release is refused, naming the migration it does not know', async () => {
      const { location, cleanup } = await engine.fresh();
      try {
        await (
          await openStore(location, { synchronous: 'NORMAL', migrations: futureMigrations(engine.kind) })
        ).close();
        await assert.rejects(openStore(location, { synchronous: 'NORMAL' }), (e: unknown) => {
          assert.ok(e instanceof RefusedError, String(e));
          assert.equal(e.refusals[0]?.code, 'database_newer');
          assert.equal(e.refusals[0]?.params?.['migration'], '9999-test-future');
          return true;
        });
      } finally {
        await cleanup();
      }
    });
  });
}
