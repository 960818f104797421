/**
 * The ordered list of migrations. Each is applied once, in order, when a store opens; a database
 * made by any earlier release upgrades by running the ones it lacks. Never edit a released
 * migration: add the next one.
 */
import type { Kysely, Migration } from 'kysely';
import * as ledgerCore from './0001-ledger-core.ts';
import * as registry from './0002-registry.ts';
import * as loans from './0003-loans.ts';
import * as server from './0004-server.ts';
import * as funds from './0005-funds.ts';
import * as savings from './0006-savings.ts';
import * as vbspDay from './0007-vbsp-day.ts';
import * as risk from './0008-risk.ts';
import * as demo from './0009-demo.ts';
import * as savingsRules from './0010-savings-rules.ts';
import * as pgStatementChecks from './0011-pg-statement-checks.ts';
import * as sqliteClusteredPartyTotals from './0012-sqlite-clustered-party-totals.ts';
import * as postingIndexPerPosting from './0013-posting-index-per-posting.ts';
import { type Ddl, ddlFor, type EngineKind } from './dialect.ts';

interface SoquyMigration {
  readonly name: string;
  up(db: Kysely<unknown>, ddl: Ddl): Promise<void>;
  /**
   * The tables this migration creates, in an order safe for foreign keys: `soquy db copy` copies
   * every table of every migration in this order, the rows of one commune at a time.
   */
  readonly tables: readonly string[];
}

const MIGRATIONS: readonly SoquyMigration[] = [
  { name: '0001-ledger-core', up: ledgerCore.up, tables: ledgerCore.tables },
  { name: '0002-registry', up: registry.up, tables: registry.tables },
  { name: '0003-loans', up: loans.up, tables: loans.tables },
  { name: '0004-server', up: server.up, tables: server.tables },
  { name: '0005-funds', up: funds.up, tables: funds.tables },
  { name: '0006-savings', up: savings.up, tables: savings.tables },
  { name: '0007-vbsp-day', up: vbspDay.up, tables: vbspDay.tables },
  { name: '0008-risk', up: risk.up, tables: risk.tables },
  { name: '0009-demo', up: demo.up, tables: demo.tables },
  { name: '0010-savings-rules', up: savingsRules.up, tables: savingsRules.tables },
  { name: '0011-pg-statement-checks', up: pgStatementChecks.up, tables: pgStatementChecks.tables },
  {
    name: '0012-sqlite-clustered-party-totals',
    up: sqliteClusteredPartyTotals.up,
    tables: sqliteClusteredPartyTotals.tables,
  },
  {
    name: '0013-posting-index-per-posting',
    up: postingIndexPerPosting.up,
    tables: postingIndexPerPosting.tables,
  },
];

/** Every table, in foreign-key order (see `SoquyMigration.tables`). */
export const TABLE_ORDER: readonly string[] = MIGRATIONS.flatMap((m) => m.tables);

export function migrationsFor(kind: EngineKind): Record<string, Migration> {
  const ddl = ddlFor(kind);
  const out: Record<string, Migration> = {};
  for (const m of MIGRATIONS) out[m.name] = { up: (db) => m.up(db, ddl) };
  return out;
}
