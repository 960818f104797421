/**
 * `soquy db copy`: moves one commune's data from one store to another (a commune's SQLite file to
 * the province's PostgreSQL), table by table in foreign-key order, in one transaction on the
 * target. The journal is not copied as rows but re-inserted entry by entry in sequence order, so
 * the target's own triggers check every entry's balance, sequence and chain link as it arrives;
 * closed periods are re-applied last. Entries keep their recorded-at, actor and hash, so the
 * copy's chain hashes are the same as the source's.
 */
import { sql } from 'kysely';
import { RefusedError } from '../domain/refusal.ts';
import { bulkInsert } from './bulk.ts';
import { advanceBookHead, findBooks, findEntriesBySeq, insertEntries } from './ledger-store.ts';
import { TABLE_ORDER } from './migrations/index.ts';
import type { Store } from './open-store.ts';

const JOURNAL_CHUNK = 5_000;
export interface CopyReport {
  readonly tables: ReadonlyArray<{ readonly table: string; readonly rows: number }>;
  readonly entries: number;
}

async function rowsOf(store: Store, table: string, tenant: string): Promise<Array<Record<string, unknown>>> {
  const key = table === 'tenant' ? 'id' : 'tenant_id';
  return (
    await sql<
      Record<string, unknown>
    >`SELECT * FROM ${sql.table(table)} WHERE ${sql.ref(key)} = ${tenant}`.execute(store.db)
  ).rows;
}

export async function copyTenant(from: Store, to: Store, tenant: string): Promise<CopyReport> {
  const report: Array<{ table: string; rows: number }> = [];
  let entries = 0;
  const books = await findBooks(from.db, from.kind, tenant, 'all');
  await to.write(async (tx) => {
    const exists = await sql`SELECT 1 AS one FROM tenant WHERE id = ${tenant}`.execute(tx);
    if (exists.rows.length > 0)
      throw new RefusedError([{ code: 'already_exists', field: 'tenant', value: tenant }]);
    for (const table of TABLE_ORDER) {
      if (table === 'journal_entry') continue;
      if (table === 'posting') {
        // The journal, book by book in sequence order: the target's triggers check each entry.
        for (const b of books)
          for (let seq = 1; seq <= b.headSeq; seq += JOURNAL_CHUNK) {
            const chunk = await findEntriesBySeq(from.db, tenant, b.code, seq, seq + JOURNAL_CHUNK - 1);
            await insertEntries(tx, to.kind, chunk);
            const last = chunk[chunk.length - 1];
            if (last) await advanceBookHead(tx, to.kind, tenant, b.code, last.seq, last.hash);
            entries += chunk.length;
          }
        report.push({ table: 'journal_entry', rows: entries });
        continue;
      }
      let rows = await rowsOf(from, table, tenant);
      if (table === 'book') {
        // A book starts empty at its genesis; inserting the journal moves its head; closed periods
        // are applied after the journal, or the trigger would refuse back-dated entries.
        rows = rows.map((r) => ({
          ...r,
          head_seq: 0,
          head_hash: r['genesis_hash'],
          locked_through: null,
        }));
      }
      if (table === 'audit_head') {
        // Like a book, the audit chain is rebuilt from its genesis as its records are inserted.
        const first = (await rowsOf(from, 'audit_log', tenant))[0];
        rows = rows.map((r) => ({
          ...r,
          head_seq: 0,
          head_hash: first ? first['prev_hash'] : r['head_hash'],
        }));
      }
      if (rows.length > 0) {
        const columns = Object.keys(rows[0]!);
        await bulkInsert(
          tx,
          to.kind,
          table,
          columns,
          rows.map((r) => columns.map((c) => r[c])),
        );
      }
      report.push({ table, rows: rows.length });
    }
    for (const b of books)
      if (b.lockedThrough !== null)
        await sql`UPDATE book SET locked_through = ${b.lockedThrough} WHERE tenant_id = ${tenant} AND code = ${b.code}`.execute(
          tx,
        );
  });
  return { tables: report, entries };
}
