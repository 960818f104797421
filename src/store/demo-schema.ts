/** The demo commune's marker as Kysely sees it (migration 0009-demo). */
export interface DemoCommuneTable {
  tenant_id: string;
  seed: number;
  loaded_at: string;
  /** JSON: the demo users' sign-ins [{ username, password, role, scope }]. */
  sign_ins: string;
}

export interface DemoTables {
  demo_commune: DemoCommuneTable;
}
