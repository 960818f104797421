/**
 * The manifest written next to every backup (`FILE.manifest.json`), and the chain heads of a
 * store, found by verifying it: every book's ledger chain and running totals, and every commune's
 * audit chain.
 */
import { z } from 'zod';
import type { Refusal } from '../../domain/refusal.ts';
import { listTenants } from '../../store/ledger-store.ts';
import type { Store } from '../../store/open-store.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { Ledger } from '../ledger/ledger.ts';
import { verifyLedger } from '../ledger/verify.ts';

export const BACKUP_FORMAT = 'soquy-backup/1';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const BookHeadSchema = z.object({
  code: z.string(),
  headSeq: z.number().int().nonnegative(),
  headHash: Sha256,
  lockedThrough: z.string().nullable(),
});

const CommuneHeadsSchema = z.object({
  tenant: z.string(),
  name: z.string(),
  entries: z.number().int().nonnegative(),
  books: z.array(BookHeadSchema),
  audit: z.object({ headSeq: z.number().int().nonnegative(), headHash: Sha256 }),
});

export const BackupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  soquyVersion: z.string(),
  createdAt: z.string(),
  source: z.object({ kind: z.enum(['sqlite', 'postgres']), location: z.string() }),
  file: z.object({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: Sha256 }),
  /** The migrations applied in the backup file itself (before any upgrade a restore runs). */
  migrations: z.array(z.string()),
  communes: z.array(CommuneHeadsSchema),
});

export type BackupManifest = z.infer<typeof BackupManifestSchema>;
export type CommuneHeads = z.infer<typeof CommuneHeadsSchema>;

export function manifestPathOf(backupFile: string): string {
  return `${backupFile}.manifest.json`;
}

/**
 * Verifies every commune of a store and answers their heads, or the refusals that say which chain
 * fails where. Walks every entry; bounded memory (see verifyLedger).
 */
export async function verifiedHeads(
  store: Store,
): Promise<{ communes: CommuneHeads[]; problems: Refusal[] }> {
  const communes: CommuneHeads[] = [];
  const problems: Refusal[] = [];
  const ledger = new Ledger(store);
  const audit = new AuditLog(store);
  for (const t of await listTenants(store.db)) {
    const ctx = { tenant: t.id, actor: 'backup' };
    const v = await verifyLedger(store, ctx);
    for (const b of v.books)
      if (!b.ok)
        problems.push({
          code: 'backup_chain_broken',
          field: 'backup',
          value: b.book,
          params: {
            tenant: t.id,
            book: b.book,
            seq: b.firstBad?.seq ?? 0,
            problem: b.firstBad?.problem ?? '?',
          },
        });
    const a = await audit.verify(ctx);
    if (!a.ok)
      problems.push({
        code: 'backup_audit_broken',
        field: 'backup',
        value: t.id,
        params: { tenant: t.id, seq: a.firstBad?.seq ?? 0, problem: a.firstBad?.problem ?? '?' },
      });
    const books = await ledger.books(ctx);
    communes.push({
      tenant: t.id,
      name: t.name,
      entries: books.reduce((s, b) => s + b.headSeq, 0),
      books: books.map((b) => ({
        code: b.code,
        headSeq: b.headSeq,
        headHash: b.headHash,
        lockedThrough: b.lockedThrough,
      })),
      audit: { headSeq: a.headSeq, headHash: a.headHash },
    });
  }
  return { communes, problems };
}

/** Where the heads found in a backup differ from the ones its manifest recorded. */
export function headDifferences(
  recorded: readonly CommuneHeads[],
  found: readonly CommuneHeads[],
): Refusal[] {
  const out: Refusal[] = [];
  const differ = (tenant: string, what: string, expected: string, actual: string): Refusal => ({
    code: 'backup_heads_differ',
    field: 'backup',
    value: what,
    params: { tenant, what, expected, actual },
  });
  const head = (seq: number | undefined, hash: string | undefined, locked?: string | null) =>
    seq === undefined ? '—' : `${seq} ${hash?.slice(0, 12)}…${locked ? ` ≤${locked}` : ''}`;
  const tenants = new Set([...recorded.map((c) => c.tenant), ...found.map((c) => c.tenant)]);
  for (const tenant of [...tenants].sort()) {
    const r = recorded.find((c) => c.tenant === tenant);
    const f = found.find((c) => c.tenant === tenant);
    const codes = new Set([...(r?.books ?? []).map((b) => b.code), ...(f?.books ?? []).map((b) => b.code)]);
    for (const code of [...codes].sort()) {
      const rb = r?.books.find((b) => b.code === code);
      const fb = f?.books.find((b) => b.code === code);
      if (
        rb?.headSeq !== fb?.headSeq ||
        rb?.headHash !== fb?.headHash ||
        rb?.lockedThrough !== fb?.lockedThrough
      )
        out.push(
          differ(
            tenant,
            code,
            head(rb?.headSeq, rb?.headHash, rb?.lockedThrough),
            head(fb?.headSeq, fb?.headHash, fb?.lockedThrough),
          ),
        );
    }
    if (r?.audit.headSeq !== f?.audit.headSeq || r?.audit.headHash !== f?.audit.headHash)
      out.push(
        differ(
          tenant,
          'audit',
          head(r?.audit.headSeq, r?.audit.headHash),
          head(f?.audit.headSeq, f?.audit.headHash),
        ),
      );
  }
  return out;
}
