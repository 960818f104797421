/** The demo marker's rows (migration 0009-demo). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertDemoMarker(
  tx: Db,
  tenant: string,
  row: { seed: number; loadedAt: string; signIns: unknown },
): Promise<void> {
  await tx
    .insertInto('demo_commune')
    .values({
      tenant_id: tenant,
      seed: row.seed,
      loaded_at: row.loadedAt,
      sign_ins: JSON.stringify(row.signIns),
    })
    .execute();
}

export async function findDemoMarker(
  db: Db,
  tenant: string,
): Promise<{ seed: number; loadedAt: string; signIns: unknown } | undefined> {
  const row = await db
    .selectFrom('demo_commune')
    .selectAll()
    .where('tenant_id', '=', tenant)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { seed: Number(row.seed), loadedAt: row.loaded_at, signIns: JSON.parse(row.sign_ins) };
}
