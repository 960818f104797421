/**
 * The ordered list of migrations. Each is applied once, in order, when a store opens; a database
 * made by any earlier release upgrades by running the ones it lacks. Never edit a released
 * migration: add the next one.
 */
import type { Kysely, Migration } from 'kysely';
import * as ledgerCore from './0001-ledger-core.ts';
import * as loans from './0003-loans.ts';
import { type Ddl, ddlFor, type EngineKind } from './dialect.ts';

interface SoquyMigration {
  readonly name: string;
  up(db: Kysely<unknown>, ddl: Ddl): Promise<void>;
}

const MIGRATIONS: readonly SoquyMigration[] = [
  { name: '0001-ledger-core', up: ledgerCore.up },
  { name: '0003-loans', up: loans.up },
];

export function migrationsFor(kind: EngineKind): Record<string, Migration> {
  const ddl = ddlFor(kind);
  const out: Record<string, Migration> = {};
  for (const m of MIGRATIONS) out[m.name] = { up: (db) => m.up(db, ddl) };
  return out;
}
