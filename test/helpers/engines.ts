/**
 * Runs a suite once per storage engine (STYLE: one test file per feature loops over every
 * dialect). SQLite gets a fresh file per test; PostgreSQL a fresh schema per test in the database
 * at SOQUY_TEST_PG (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards.
 *
 * Without a reachable PostgreSQL the PostgreSQL suites are skipped with the reason printed, except
 * under CI (CI=true), where they are required and fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type App, openApp } from '../../src/main/app.ts';
import type { EngineKind } from '../../src/store/migrations/dialect.ts';
import type { OpenOptions } from '../../src/store/open-store.ts';

export const PG_URL = process.env['SOQUY_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return `PostgreSQL not reachable at ${PG_URL}: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

const wanted = (process.env['SOQUY_TEST_ENGINES'] ?? 'sqlite,postgres').split(',') as EngineKind[];
const pgProblem = wanted.includes('postgres') ? await probePostgres() : 'not selected by SOQUY_TEST_ENGINES';
if (pgProblem !== null && process.env['CI'] === 'true' && wanted.includes('postgres'))
  throw new Error(`CI requires PostgreSQL for the store tests. ${pgProblem}`);
if (pgProblem !== null && wanted.includes('postgres'))
  process.stderr.write(
    `\n*** PostgreSQL tests SKIPPED: ${pgProblem}\n*** (under CI=true they are required)\n\n`,
  );

export interface EngineCase {
  readonly kind: EngineKind;
  /** Why this engine's tests are skipped, or false. */
  readonly skip: string | false;
  /** Where a fresh, empty database lives (a file, or a URL with its own schema). */
  fresh(): Promise<{ location: string; cleanup: () => Promise<void> }>;
}

const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
let counter = 0;

export const ENGINES: EngineCase[] = [
  {
    kind: 'sqlite',
    skip: wanted.includes('sqlite') ? false : 'not selected by SOQUY_TEST_ENGINES',
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'soquy-test-'));
      return {
        location: join(dir, 'soquy.db'),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    kind: 'postgres',
    skip: pgProblem ?? false,
    fresh: async () => {
      const schema = `t_${runId}_${++counter}`;
      const url = new URL(PG_URL);
      url.searchParams.set('schema', schema);
      return {
        location: url.toString(),
        cleanup: async () => {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];

/** Opens a fresh app on the engine; the returned `done` closes and drops it. */
export async function freshApp(
  engine: EngineCase,
  options: Pick<OpenOptions, 'onQuery'> = {},
): Promise<{ app: App; location: string; done: () => Promise<void> }> {
  const { location, cleanup } = await engine.fresh();
  const app = await openApp(location, { synchronous: 'NORMAL', ...options });
  return {
    app,
    location,
    done: async () => {
      await app.close();
      await cleanup();
    },
  };
}
