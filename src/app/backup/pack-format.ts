/**
 * What an audit pack holds (docs/design/resilience.md): file names, CSV columns and the manifest,
 * shared by the writer (audit-pack.ts) and the checker (verify-pack.ts), which must agree without
 * a database between them.
 */
import { z } from 'zod';

export const PACK_FORMAT = 'soquy-audit-pack/1';

export const PACK_FILES = {
  manifest: 'manifest.json',
  sums: 'SHA256SUMS',
  readme: 'README.txt',
  journalCsv: 'journal.csv',
  journalHledger: 'journal.hledger',
  accounts: 'accounts.csv',
  headsJson: 'chain-heads.json',
  headsCsv: 'chain-heads.csv',
  auditLog: 'audit-log.csv',
  trialBalance: (book: string | null, ext: 'json' | 'csv') =>
    `reports/trial-balance${book === null ? '' : `-${book}`}.${ext}`,
} as const;

export const ACCOUNTS_CSV_COLUMNS = [
  'book',
  'code',
  'type',
  'normal_side',
  'name_vi',
  'name_en',
  'party_mode',
  'balance_rule',
] as const;

export const TRIAL_BALANCE_CSV_COLUMNS = [
  'book',
  'account',
  'name_vi',
  'name_en',
  'type',
  'normal_side',
  'debit',
  'credit',
  'net',
] as const;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ChainHeadsSchema = z.object({
  tenant: z.string(),
  books: z.array(z.object({ book: z.string(), headSeq: z.number().int().nonnegative(), headHash: Sha256 })),
  audit: z.object({ headSeq: z.number().int().nonnegative(), headHash: Sha256 }),
});
export type ChainHeads = z.infer<typeof ChainHeadsSchema>;

export const PackManifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  soquyVersion: z.string(),
  tenant: z.string(),
  communeName: z.string(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  createdAt: z.string(),
  heads: ChainHeadsSchema,
  /** What `soquy verify` and `soquy audit verify` said on the database when the pack was made. */
  verifiedAtPacking: z.object({ ledger: z.boolean(), audit: z.boolean() }),
  books: z.array(z.string()),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int().nonnegative(), sha256: Sha256 })),
});
export type PackManifest = z.infer<typeof PackManifestSchema>;

export const TrialBalanceRowSchema = z.object({
  book: z.string(),
  account: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  type: z.string(),
  normalSide: z.string(),
  debit: z.number().int(),
  credit: z.number().int(),
  net: z.number().int(),
});

export const TrialBalanceSchema = z.object({
  asOf: z.string().nullable(),
  rows: z.array(TrialBalanceRowSchema),
  totalDebit: z.number().int(),
  totalCredit: z.number().int(),
  memoDebit: z.number().int(),
  memoCredit: z.number().int(),
});
export type PackedTrialBalance = z.infer<typeof TrialBalanceSchema>;
