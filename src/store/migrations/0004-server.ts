/**
 * The server (issue 9): users and their grants, sessions, API tokens, the hash-chained audit log,
 * stored first responses of keyed requests, and maker-checker (approval rules and the append-only
 * history of pending operations). docs/design/server.md explains each table.
 */
import { type Kysely, sql } from 'kysely';
import type { Ddl } from './dialect.ts';

/** In foreign-key order; `db copy` rebuilds the audit chain from its genesis. */
export const tables = [
  'app_user',
  'user_grant',
  'session',
  'api_token',
  'audit_head',
  'audit_log',
  'idempotent_request',
  'approval_rule',
  'pending_operation',
] as const;

export async function up(db: Kysely<unknown>, d: Ddl): Promise<void> {
  const I = d.int;
  const statements = [
    `CREATE TABLE app_user (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       username TEXT NOT NULL,
       display_name TEXT NOT NULL,
       password_hash TEXT NOT NULL,
       must_change_password ${I} NOT NULL CHECK (must_change_password IN (0, 1)),
       disabled_at TEXT,
       created_at TEXT NOT NULL,
       password_changed_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, username))${d.tableEnd}`,
    `CREATE TABLE user_grant (
       tenant_id TEXT NOT NULL,
       username TEXT NOT NULL,
       role TEXT NOT NULL CHECK (role IN ('admin','treasurer','group_leader','auditor','viewer')),
       scope_kind TEXT NOT NULL CHECK (scope_kind IN ('commune','organisation','book','group')),
       scope_id TEXT NOT NULL,
       granted_at TEXT NOT NULL,
       granted_by TEXT NOT NULL,
       PRIMARY KEY (tenant_id, username, role, scope_kind, scope_id),
       FOREIGN KEY (tenant_id, username) REFERENCES app_user(tenant_id, username))${d.tableEnd}`,
    `CREATE TABLE session (
       tenant_id TEXT NOT NULL,
       secret_hash TEXT NOT NULL,
       username TEXT NOT NULL,
       created_at TEXT NOT NULL,
       expires_at TEXT NOT NULL,
       revoked_at TEXT,
       ip TEXT,
       user_agent TEXT,
       PRIMARY KEY (tenant_id, secret_hash),
       FOREIGN KEY (tenant_id, username) REFERENCES app_user(tenant_id, username))${d.tableEnd}`,
    `CREATE TABLE api_token (
       tenant_id TEXT NOT NULL,
       id TEXT NOT NULL,
       username TEXT NOT NULL,
       name TEXT NOT NULL,
       secret_hash TEXT NOT NULL,
       created_at TEXT NOT NULL,
       expires_at TEXT,
       revoked_at TEXT,
       PRIMARY KEY (tenant_id, id),
       FOREIGN KEY (tenant_id, username) REFERENCES app_user(tenant_id, username))${d.tableEnd}`,
    `CREATE INDEX api_token_user ON api_token (tenant_id, username)`,
    `CREATE TABLE audit_head (
       tenant_id TEXT NOT NULL PRIMARY KEY REFERENCES tenant(id),
       head_seq ${I} NOT NULL CHECK (head_seq >= 0),
       head_hash TEXT NOT NULL)${d.tableEnd}`,
    `CREATE TABLE audit_log (
       tenant_id TEXT NOT NULL,
       seq ${I} NOT NULL CHECK (seq >= 1),
       at TEXT NOT NULL,
       actor TEXT NOT NULL,
       action TEXT NOT NULL,
       target TEXT NOT NULL,
       outcome TEXT NOT NULL,
       detail TEXT NOT NULL,
       ip TEXT,
       user_agent TEXT,
       prev_hash TEXT NOT NULL,
       hash TEXT NOT NULL,
       PRIMARY KEY (tenant_id, seq),
       FOREIGN KEY (tenant_id) REFERENCES audit_head(tenant_id))${d.tableEnd}`,
    `CREATE INDEX audit_log_at ON audit_log (tenant_id, at, seq)`,
    `CREATE TABLE idempotent_request (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       key TEXT NOT NULL,
       request_hash TEXT NOT NULL,
       actor TEXT NOT NULL,
       outcome TEXT NOT NULL,
       body TEXT NOT NULL,
       recorded_at TEXT NOT NULL,
       PRIMARY KEY (tenant_id, key))${d.tableEnd}`,
    `CREATE TABLE approval_rule (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       kind TEXT NOT NULL,
       threshold_dong ${I} NOT NULL CHECK (threshold_dong >= 0),
       set_at TEXT NOT NULL,
       set_by TEXT NOT NULL,
       PRIMARY KEY (tenant_id, kind))${d.tableEnd}`,
    // One row per step: 1 = proposed (with the payload), 2 = approved or rejected. The key makes a
    // second decision impossible; the triggers below make the checker a different person.
    `CREATE TABLE pending_operation (
       tenant_id TEXT NOT NULL REFERENCES tenant(id),
       id ${I} NOT NULL CHECK (id >= 1),
       step ${I} NOT NULL CHECK (step IN (1, 2)),
       status TEXT NOT NULL,
       kind TEXT NOT NULL,
       actor TEXT NOT NULL,
       at TEXT NOT NULL,
       payload TEXT NOT NULL,
       amount_dong ${I} NOT NULL,
       books TEXT NOT NULL,
       summary TEXT NOT NULL,
       idempotency_key TEXT,
       note TEXT,
       result TEXT,
       PRIMARY KEY (tenant_id, id, step),
       CHECK ((step = 1 AND status = 'proposed') OR (step = 2 AND status IN ('approved', 'rejected'))))${d.tableEnd}`,
    ...d.appendOnly('audit_log'),
    ...d.appendOnly('idempotent_request'),
    ...d.appendOnly('pending_operation'),
    ...d.refuseInsertWhen(
      'pending_operation',
      'pending_operation_decision',
      `NEW.step = 2 AND NOT EXISTS (SELECT 1 FROM pending_operation p
         WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.id AND p.step = 1)`,
      'a decision needs a proposal',
    ),
    ...d.refuseInsertWhen(
      'pending_operation',
      'pending_operation_four_eyes',
      `NEW.step = 2 AND EXISTS (SELECT 1 FROM pending_operation p
         WHERE p.tenant_id = NEW.tenant_id AND p.id = NEW.id AND p.step = 1 AND p.actor = NEW.actor)`,
      'the proposer cannot decide their own operation',
    ),
    ...(d.kind === 'sqlite' ? sqliteAuditTriggers : postgresAuditTriggers),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

const HEAD = `FROM audit_head h WHERE h.tenant_id = NEW.tenant_id`;

const sqliteAuditTriggers = [
  `CREATE TRIGGER audit_log_insert BEFORE INSERT ON audit_log BEGIN
     SELECT RAISE(ABORT, 'soquy: audit sequence must follow the head (gapless)')
       WHERE NEW.seq IS NOT (SELECT h.head_seq + 1 ${HEAD});
     SELECT RAISE(ABORT, 'soquy: audit prev_hash must equal the head hash')
       WHERE NEW.prev_hash IS NOT (SELECT h.head_hash ${HEAD});
     UPDATE audit_head SET head_seq = NEW.seq, head_hash = NEW.hash WHERE tenant_id = NEW.tenant_id;
   END`,
  `CREATE TRIGGER audit_head_guard BEFORE UPDATE ON audit_head
     WHEN NEW.head_seq IS NOT OLD.head_seq + 1 OR NEW.tenant_id IS NOT OLD.tenant_id
     BEGIN SELECT RAISE(ABORT, 'soquy: the audit head moves one record at a time'); END`,
  `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
     BEGIN SELECT RAISE(ABORT, 'soquy: audit_head cannot be deleted'); END`,
];

const postgresAuditTriggers = [
  `CREATE OR REPLACE FUNCTION soquy_audit_log_insert() RETURNS trigger LANGUAGE plpgsql AS $$
   DECLARE head audit_head%ROWTYPE;
   BEGIN
     SELECT * INTO head ${HEAD};
     IF NEW.seq IS DISTINCT FROM head.head_seq + 1 THEN
       RAISE EXCEPTION 'soquy: audit sequence must follow the head (gapless)'; END IF;
     IF NEW.prev_hash IS DISTINCT FROM head.head_hash THEN
       RAISE EXCEPTION 'soquy: audit prev_hash must equal the head hash'; END IF;
     UPDATE audit_head SET head_seq = NEW.seq, head_hash = NEW.hash WHERE tenant_id = NEW.tenant_id;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER audit_log_insert BEFORE INSERT ON audit_log
     FOR EACH ROW EXECUTE FUNCTION soquy_audit_log_insert()`,
  `CREATE OR REPLACE FUNCTION soquy_audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' OR NEW.head_seq IS DISTINCT FROM OLD.head_seq + 1
        OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id THEN
       RAISE EXCEPTION 'soquy: the audit head moves one record at a time';
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
     FOR EACH ROW EXECUTE FUNCTION soquy_audit_head_guard()`,
  `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
     FOR EACH STATEMENT EXECUTE FUNCTION soquy_audit_log_append_only()`,
];
