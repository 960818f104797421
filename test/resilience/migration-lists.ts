/** Migration lists for the upgrade tests: soquy's own, plus made-up migrations around them. */
import { type Kysely, type Migration, sql } from 'kysely';
import type { EngineKind } from '../../src/store/migrations/dialect.ts';
import { migrationsFor } from '../../src/store/migrations/index.ts';

const createTables =
  (...names: string[]) =>
  async (db: Kysely<unknown>): Promise<void> => {
    for (const name of names)
      await sql.raw(`CREATE TABLE ${name} (tenant_id TEXT NOT NULL, id TEXT NOT NULL)`).execute(db);
  };

/** soquy's migrations plus `0005-test-extra`, which creates `test_extra_a` then `test_extra_b`. */
export function extraMigrations(kind: EngineKind): Record<string, Migration> {
  return { ...migrationsFor(kind), '0005-test-extra': { up: createTables('test_extra_a', 'test_extra_b') } };
}

/** soquy's migrations plus one that creates a table and then fails. */
export function failingMigrations(kind: EngineKind): Record<string, Migration> {
  return {
    ...migrationsFor(kind),
    '0005-test-fails': {
      up: async (db) => {
        await createTables('test_half_done')(db);
        throw new Error('the migration fails half-way');
      },
    },
  };
}

/** soquy's migrations plus a late-landing `0002-test-late` (numbered below ones already applied). */
export function lateMigrations(kind: EngineKind): Record<string, Migration> {
  return { ...migrationsFor(kind), '0002-test-late': { up: createTables('test_late') } };
}

/** soquy's migrations plus one from a future release. */
export function futureMigrations(kind: EngineKind): Record<string, Migration> {
  return { ...migrationsFor(kind), '9999-test-future': { up: createTables('test_future') } };
}
