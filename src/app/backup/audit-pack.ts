/**
 * `soquy audit-pack`: one tar for an auditor (docs/design/resilience.md), read from one
 * consistent snapshot of the database, so the journal, the heads, the reports and the audit log
 * describe the same moment even while the server writes. `soquy verify --pack` checks it on
 * another machine without the database.
 */
import { formatDate } from '../../domain/dates.ts';
import { findTenant } from '../../store/ledger-store.ts';
import type { Store } from '../../store/open-store.ts';
import { AuditLog } from '../audit/audit-log.ts';
import type { Ctx } from '../context.ts';
import { csvField, exportJournal } from '../ledger/export.ts';
import { Ledger, type TrialBalance } from '../ledger/ledger.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { sha256Hex } from './files.ts';
import {
  ACCOUNTS_CSV_COLUMNS,
  type ChainHeads,
  PACK_FILES,
  PACK_FORMAT,
  type PackManifest,
  TRIAL_BALANCE_CSV_COLUMNS,
} from './pack-format.ts';
import { type TarFile, writeTar } from './tar.ts';
import { SOQUY_VERSION } from './version.ts';

export interface AuditPack {
  readonly archive: Buffer;
  readonly manifest: PackManifest;
}

function csvLines(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
): string {
  return `${header.join(',')}\n${rows.map((r) => `${r.map(csvField).join(',')}\n`).join('')}`;
}

export function trialBalanceCsv(tb: TrialBalance): string {
  return csvLines(
    TRIAL_BALANCE_CSV_COLUMNS,
    tb.rows.map((r) => [
      r.book,
      r.account,
      r.nameVi,
      r.nameEn,
      r.type,
      r.normalSide,
      r.debit,
      r.credit,
      r.net,
    ]),
  );
}

export async function buildAuditPack(store: Store, ctx: Ctx, asOf: string): Promise<AuditPack> {
  const createdAt = ctx.now?.() ?? new Date();
  return store.read(async (tx) => {
    const view: Store = { ...store, db: tx };
    const ledger = new Ledger(view);
    const audit = new AuditLog(view);
    const tenant = await findTenant(tx, ctx.tenant);
    const files: TarFile[] = [];
    const add = (name: string, text: string) => files.push({ name, data: Buffer.from(text, 'utf8') });

    const collect = async (fn: (write: (t: string) => void) => Promise<unknown>): Promise<string> => {
      const parts: string[] = [];
      await fn((t) => {
        parts.push(t);
      });
      return parts.join('');
    };
    add(PACK_FILES.journalCsv, await collect((w) => exportJournal(view, ctx, 'csv', w)));
    add(PACK_FILES.journalHledger, await collect((w) => exportJournal(view, ctx, 'hledger', w)));
    add(
      PACK_FILES.accounts,
      csvLines(
        ACCOUNTS_CSV_COLUMNS,
        (await ledger.accounts(ctx)).map((a) => [
          a.book,
          a.code,
          a.type,
          a.normalSide,
          a.nameVi,
          a.nameEn,
          a.partyMode,
          a.balanceRule,
        ]),
      ),
    );
    const books = await ledger.books(ctx);
    const auditCheck = await audit.verify(ctx);
    const ledgerCheck = await verifyLedger(view, ctx);
    const heads: ChainHeads = {
      tenant: ctx.tenant,
      books: books.map((b) => ({ book: b.code, headSeq: b.headSeq, headHash: b.headHash })),
      audit: { headSeq: auditCheck.headSeq, headHash: auditCheck.headHash },
    };
    add(PACK_FILES.headsJson, `${JSON.stringify(heads, null, 2)}\n`);
    add(
      PACK_FILES.headsCsv,
      csvLines(
        ['chain', 'head_seq', 'head_hash'],
        [
          ...heads.books.map((b) => [`book:${b.book}`, b.headSeq, b.headHash]),
          ['audit', heads.audit.headSeq, heads.audit.headHash],
        ],
      ),
    );
    const all = await ledger.trialBalance(ctx, { asOf });
    add(PACK_FILES.trialBalance(null, 'json'), `${JSON.stringify(all, null, 2)}\n`);
    add(PACK_FILES.trialBalance(null, 'csv'), trialBalanceCsv(all));
    for (const b of books) {
      const tb = await ledger.trialBalance(ctx, { book: b.code, asOf });
      add(PACK_FILES.trialBalance(b.code, 'json'), `${JSON.stringify(tb, null, 2)}\n`);
      add(PACK_FILES.trialBalance(b.code, 'csv'), trialBalanceCsv(tb));
    }
    add(PACK_FILES.auditLog, await collect((w) => audit.export(ctx, 'csv', w)));
    add(PACK_FILES.readme, readme(ctx.tenant, tenant?.name ?? ctx.tenant, asOf));

    const listed = files.map((f) => ({ name: f.name, bytes: f.data.length, sha256: sha256Hex(f.data) }));
    const sums = listed.map((f) => `${f.sha256}  ${f.name}\n`).join('');
    const sumsData = Buffer.from(sums, 'utf8');
    listed.push({ name: PACK_FILES.sums, bytes: sumsData.length, sha256: sha256Hex(sumsData) });
    const manifest: PackManifest = {
      format: PACK_FORMAT,
      soquyVersion: SOQUY_VERSION,
      tenant: ctx.tenant,
      communeName: tenant?.name ?? ctx.tenant,
      asOf,
      createdAt: createdAt.toISOString(),
      heads,
      verifiedAtPacking: { ledger: ledgerCheck.ok, audit: auditCheck.ok },
      books: books.map((b) => b.code),
      files: listed,
    };
    const archive = writeTar(
      [
        { name: PACK_FILES.manifest, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
        { name: PACK_FILES.sums, data: sumsData },
        ...files,
      ],
      createdAt,
    );
    return { archive, manifest };
  });
}

function readme(tenant: string, name: string, asOf: string): string {
  return `GÓI KIỂM TOÁN SOQUY / SOQUY AUDIT PACK
Xã / Commune: ${name} (${tenant}) · Ngày báo cáo / As of: ${formatDate(asOf)}

Kiểm tra tự động (không cần cơ sở dữ liệu):  soquy verify --pack <tệp.tar>
Automatic check (no database needed):          soquy verify --pack <file.tar>

Kiểm tra bằng tay / By hand:
  1. sha256sum -c SHA256SUMS        mọi tệp khớp mã băm / every file matches its hash
  2. journal.csv: mỗi dòng là một dòng hạch toán; tính lại chuỗi băm của từng sổ theo
     docs/design/ledger-core.md ("The hash chain", có đoạn Python) và so với chain-heads.json.
     journal.csv: one row per posting; recompute each book's chain as docs/design/ledger-core.md
     shows (with a Python snippet) and compare with chain-heads.json.
  3. reports/trial-balance*.csv: cộng Nợ/Có các bút toán có ngày <= ${asOf} theo sổ và tài khoản.
     reports/trial-balance*.csv: sum debits and credits of entries dated <= ${asOf} per book and account.
  4. audit-log.csv: nhật ký thao tác, chuỗi băm theo docs/design/server.md.
     audit-log.csv: the audit log, hash-chained as docs/design/server.md shows.

Tệp / Files:
  manifest.json        mô tả gói, mã băm mọi tệp / what the pack is, every file's hash
  journal.csv          toàn bộ nhật ký (chuỗi băm cần mọi bút toán) / the whole journal
  journal.hledger      cùng nhật ký cho hledger / the same journal for hledger
  accounts.csv         hệ thống tài khoản / charts of accounts
  chain-heads.*        đầu chuỗi từng sổ và nhật ký thao tác / chain heads
  reports/             bảng cân đối tài khoản tại ngày / trial balances as of the date
  audit-log.csv        nhật ký thao tác / audit log
`;
}
