/**
 * The server's tables as Kysely sees them (migration 0004-server). Kept apart from the ledger's
 * so each area adds its own; `Database` in schema.ts extends this.
 */
export interface AppUserTable {
  tenant_id: string;
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  must_change_password: number;
  disabled_at: string | null;
  created_at: string;
  password_changed_at: string;
}

export interface UserGrantTable {
  tenant_id: string;
  username: string;
  role: string;
  scope_kind: string;
  /** '' for the commune. */
  scope_id: string;
  granted_at: string;
  granted_by: string;
}

export interface SessionTable {
  tenant_id: string;
  /** SHA-256 of the cookie's secret; the secret itself is never stored. */
  secret_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  tenant_id: string;
  id: string;
  username: string;
  name: string;
  secret_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AuditHeadTable {
  tenant_id: string;
  head_seq: number;
  head_hash: string;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  detail: string;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

export interface IdempotentRequestTable {
  tenant_id: string;
  key: string;
  request_hash: string;
  actor: string;
  outcome: string;
  body: string;
  recorded_at: string;
}

export interface ApprovalRuleTable {
  tenant_id: string;
  kind: string;
  threshold_dong: number;
  set_at: string;
  set_by: string;
}

export interface PendingOperationTable {
  tenant_id: string;
  id: number;
  step: number;
  status: string;
  kind: string;
  actor: string;
  at: string;
  payload: string;
  amount_dong: number;
  /** JSON array of book codes the operation touches. */
  books: string;
  summary: string;
  idempotency_key: string | null;
  note: string | null;
  result: string | null;
}

export interface ServerTables {
  app_user: AppUserTable;
  user_grant: UserGrantTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
  idempotent_request: IdempotentRequestTable;
  approval_rule: ApprovalRuleTable;
  pending_operation: PendingOperationTable;
}
