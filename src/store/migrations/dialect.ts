/**
 * The few places where SQLite and PostgreSQL DDL differ, behind one small object so each
 * migration is written once (STYLE: the core never imports a dialect).
 */
export type EngineKind = 'sqlite' | 'postgres';

export interface Ddl {
  readonly kind: EngineKind;
  /** 64-bit integer column type. */
  readonly int: string;
  /** Suffix for CREATE TABLE: SQLite's STRICT makes it check column types like PostgreSQL does. */
  readonly tableEnd: string;
  /** A trigger that refuses every UPDATE or DELETE on a table. */
  appendOnly(table: string): string[];
  /** A trigger that raises `message` before an insert when `condition` (in NEW.*) holds. */
  refuseInsertWhen(table: string, name: string, condition: string, message: string): string[];
}

export function ddlFor(kind: EngineKind): Ddl {
  return kind === 'sqlite' ? sqliteDdl : postgresDdl;
}

const sqliteDdl: Ddl = {
  kind: 'sqlite',
  int: 'INTEGER',
  tableEnd: ' STRICT',
  appendOnly: (table) => [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, 'soquy: ${table} is append-only (no UPDATE)'); END`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, 'soquy: ${table} is append-only (no DELETE)'); END`,
  ],
  refuseInsertWhen: (table, name, condition, message) => [
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} WHEN ${condition} BEGIN SELECT RAISE(ABORT, 'soquy: ${message}'); END`,
  ],
};

const postgresDdl: Ddl = {
  kind: 'postgres',
  int: 'BIGINT',
  tableEnd: '',
  appendOnly: (table) => [
    `CREATE OR REPLACE FUNCTION soquy_${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'soquy: ${table} is append-only (no %)', TG_OP; END $$`,
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION soquy_${table}_append_only()`,
    // TRUNCATE bypasses row triggers in PostgreSQL; refuse it too.
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
     FOR EACH STATEMENT EXECUTE FUNCTION soquy_${table}_append_only()`,
  ],
  refuseInsertWhen: (table, name, condition, message) => [
    // enable_seqscan off: row triggers run inside bulk inserts, when statistics still describe
    // the tables as nearly empty; an index lookup is always right here.
    `CREATE OR REPLACE FUNCTION soquy_${name}() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
     BEGIN IF ${condition} THEN RAISE EXCEPTION 'soquy: ${message}'; END IF; RETURN NEW; END $$`,
    `CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION soquy_${name}()`,
  ],
};
