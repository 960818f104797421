/**
 * Makes the fixture database of this release: a small commune seeded through the services, with
 * the figures a later release must find in it after upgrading (test/resilience/upgrade.test.ts).
 * Run once per release, commit both files, never regenerate an old one (docs/operations.md,
 * "Releasing"):
 *
 *   npx tsx scripts/make-fixture-db.ts            # test/fixtures/db/v<version>.db and .json
 *   npx tsx scripts/make-fixture-db.ts --label before-release   # v<version>-before-release.db
 *
 * The label names a state between releases (a fixture made before the version number moved).
 * Every area seeds a little of what it keeps: the ledger and the server always; the registry
 * (villages, households, people, a poverty decision, a shock) and loans (programmes, a VBSP
 * loan and a Farmers Support Fund loan with a repayment) when this release has them.
 * Deterministic where it can be (a fixed clock, a seeded journal); password hashes and token
 * secrets are random by nature and are not part of the figures.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { SOQUY_VERSION } from '../src/app/backup/version.ts';
import { postPayload } from '../src/app/ledger/operations.ts';
import type { EntryDraft } from '../src/domain/ledger/entry.ts';
import { openApp } from '../src/main/app.ts';
import { appliedMigrationsOf } from '../src/store/backup.ts';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'test', 'fixtures', 'db');
const labelAt = process.argv.indexOf('--label');
const label = labelAt >= 0 ? process.argv[labelAt + 1] : undefined;
if (label !== undefined && !/^[a-z0-9-]{1,40}$/.test(label)) {
  process.stderr.write('--label: lower-case letters, digits and dashes\n');
  process.exit(2);
}
const name = `v${SOQUY_VERSION}${label ? `-${label}` : ''}`;
const dbFile = join(dir, `${name}.db`);
const figuresFile = join(dir, `${name}.json`);

if (existsSync(dbFile) && !process.argv.includes('--force')) {
  process.stderr.write(
    `${dbFile} exists; fixtures of a release are never regenerated (--force to overwrite)\n`,
  );
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
const scratch = join(dir, `.${name}.scratch.db`);
for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) rmSync(f, { force: true });

const NOW = new Date('2025-12-20T03:00:00.000Z');
const TENANT = 'xa-mau';
const ctx = { tenant: TENANT, actor: 'thu-quy', now: () => NOW };
const audited = (actor: string) => ({ ...ctx, actor, ip: '192.168.1.20', userAgent: 'make-fixture-db' });

const app = await openApp(scratch, {
  synchronous: 'NORMAL',
  access: { argon2: { memoryCost: 1024, timeCost: 1 } },
});
await app.ledger.createTenant({ id: TENANT, name: 'Xã Mẫu (dữ liệu kiểm thử nâng cấp)' }, NOW.toISOString());
await app.ledger.createOrganisation(ctx, {
  id: 'hnd',
  kind: 'farmers',
  nameVi: 'Hội Nông dân xã',
  nameEn: 'Farmers’ Association',
});
await app.ledger.createOrganisation(ctx, {
  id: 'hlhpn',
  kind: 'women',
  nameVi: 'Hội LHPN xã',
  nameEn: 'Women’s Union',
});
await app.ledger.createBook(ctx, { code: 'quy-htnd', template: 'farmers-support-fund', organisation: 'hnd' });
await app.ledger.createBook(ctx, { code: 'uy-thac-pn', template: 'vbsp-entrusted', organisation: 'hlhpn' });
await app.ledger.createBook(ctx, { code: 'nhom-tk-03', template: 'savings-group', organisation: 'hlhpn' });
await app.ledger.createBook(ctx, { code: 'vi-nguoi-ngheo', template: 'charity-fund' });

let seed = 20_251_220;
const next = () => {
  seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
  return seed / 2 ** 32;
};
const day = () =>
  `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
const hh = () => `HH-${String(1 + Math.floor(next() * 20)).padStart(4, '0')}`;
const member = () => `TV-${String(1 + Math.floor(next() * 15)).padStart(3, '0')}`;
const amount = () => 1_000 * (1 + Math.floor(next() * 20_000));

const drafts: EntryDraft[] = [
  {
    book: 'quy-htnd',
    date: '2025-01-01',
    kind: 'capital',
    memo: 'Vốn tỉnh cấp, đợt 1',
    documentNo: 'QĐ-01',
    postings: [
      { account: '112', amount: 1_500_000_000 },
      { account: '4112', amount: -1_500_000_000 },
    ],
  },
];
for (let i = 0; i < 160; i++) {
  const a = amount();
  const pick = Math.floor(next() * 5);
  if (pick === 0)
    drafts.push({
      book: 'quy-htnd',
      date: day(),
      kind: 'disbursement',
      memo: `Cho vay hộ ${i}`,
      postings: [
        { account: '1311', party: hh(), amount: a },
        { account: '112', amount: -a },
      ],
    });
  else if (pick === 1)
    drafts.push({
      book: 'uy-thac-pn',
      date: day(),
      kind: 'disbursement',
      memo: 'Giải ngân NHCSXH "hộ nghèo"',
      postings: [
        { account: '001', party: hh(), amount: a },
        { account: '009', amount: -a },
      ],
    });
  else if (pick === 2)
    drafts.push({
      book: 'nhom-tk-03',
      date: day(),
      kind: 'deposit',
      memo: `Họp nhóm: tiết kiệm; lần ${i}`,
      postings: [
        { account: '1111', amount: a },
        { account: '3311', party: member(), amount: -a },
      ],
    });
  else
    drafts.push({
      book: 'vi-nguoi-ngheo',
      date: day(),
      kind: 'donation',
      memo: 'Ủng hộ Quỹ Vì người nghèo',
      documentNo: `PT-${i}`,
      postings: [
        { account: '112', amount: a },
        { account: '5111', amount: -a },
      ],
    });
}
for (let i = 0; i < drafts.length; i += 40)
  await app.ledger.post(ctx, drafts.slice(i, i + 40), { idempotencyKey: `fixture-${i}` });
await app.ledger.reverse(ctx, {
  book: 'vi-nguoi-ngheo',
  seq: 2,
  date: '2025-12-19',
  idempotencyKey: 'fixture-rev',
});
await app.ledger.closePeriod(ctx, { book: 'quy-htnd', through: '2025-06-30' });

const admin = audited('admin');
for (const [username, role, scope] of [
  ['admin', 'admin', undefined],
  ['thuquy-hnd', 'treasurer', 'organisation:hnd'],
  ['lap-hnd', 'treasurer', 'organisation:hnd'],
  ['kiemtoan', 'auditor', undefined],
] as const)
  await app.access.createUser(admin, {
    username,
    password: 'mật khẩu của dữ liệu mẫu',
    grants: [{ role, scope }],
  });
await app.access.createToken(admin, { username: 'kiemtoan', name: 'kiểm toán' });
await app.operations.setRule(admin, 'ledger.post', 100_000_000);
const big = postPayload([
  {
    book: 'quy-htnd',
    date: '2025-12-15',
    kind: 'disbursement',
    memo: 'Cho vay lớn',
    postings: [
      { account: '1311', party: 'HH-0001', amount: 120_000_000 },
      { account: '112', amount: -120_000_000 },
    ],
  },
]);
const proposed = await app.operations.submit(audited('lap-hnd'), 'ledger.post', big, null);
await app.operations.approve(
  audited('thuquy-hnd'),
  (proposed.body as { operation: { id: number } }).operation.id,
  null,
);
await app.operations.submit(audited('lap-hnd'), 'ledger.post', big, null);

// The registry and loans (issue 3, issue 5): households the loans lend to, one of them poor.
const registryFigures: Record<string, unknown> = {};
const loanFigures: Record<string, unknown> = {};
for (const [id, village] of [
  ['duc-khe', 'Đức Khê'],
  ['tuy-lai', 'Tuy Lai'],
] as const)
  await app.registry.addVillage(ctx, { id, name: village });
const heads = ['Vương Đình Soạn', 'Nguyễn Thị Hoa', 'Lê Văn Tám', 'Phạm Thị Lan', 'Đỗ Văn Dũng'];
for (const [i, fullName] of heads.entries())
  await app.registry.addHousehold(ctx, {
    id: `HH-${String(i + 1).padStart(4, '0')}`,
    village: i % 2 === 0 ? 'duc-khe' : 'tuy-lai',
    head: { fullName },
  });
await app.registry.addPerson(ctx, { householdId: 'HH-0001', fullName: 'Vương Thị Mai' });
await app.registry.setStatus(ctx, {
  householdId: 'HH-0001',
  status: 'poor',
  decidedOn: '2024-12-15',
  certificateNo: 'GCN-2024/0001',
});
await app.registry.addShock(ctx, {
  householdId: 'HH-0003',
  kind: 'flood',
  occurredOn: '2025-09-20',
  description: 'Lũ cuốn trôi ao cá',
  lossDong: 30_000_000,
});
registryFigures['households'] = (await app.registry.households(ctx)).map((h) => h.id);
registryFigures['statusHH0001'] = await app.registry.statusHistory(ctx, 'HH-0001');

await app.ledger.createBook(ctx, { code: 'vbsp-hnd', template: 'vbsp-entrusted', organisation: 'hnd' });
await app.loans.seedProgrammes(ctx);
await app.ledger.post(
  ctx,
  [
    {
      book: 'quy-htnd',
      date: '2025-07-01',
      kind: 'transfer',
      memo: 'Rút tiền gửi về quỹ tiền mặt để cho vay',
      postings: [
        { account: '111', amount: 100_000_000 },
        { account: '112', amount: -100_000_000 },
      ],
    },
  ],
  { idempotencyKey: 'fixture-cash' },
);
const lend = async (
  id: string,
  programme: string,
  book: string,
  household: string,
  amount: number,
  source?: string,
) => {
  const applied = await app.loans.apply(ctx, {
    id,
    programme,
    book,
    household,
    amount,
    date: '2025-07-10',
    termMonths: 24,
    source: source ?? null,
  });
  await app.loans.approve(ctx, {
    loan: applied.loan,
    date: '2025-07-10',
    approver: 'Chủ tịch Hội',
    documentNo: `QĐ-${id}`,
  });
  await app.loans.disburse(ctx, { loan: applied.loan, date: '2025-07-12', amount, documentNo: `PC-${id}` });
  return applied.loan;
};
const vbsp = await lend('VB-01', 'vbsp-poor', 'vbsp-hnd', 'HH-0001', 50_000_000);
const fsf = await lend('QH-01', 'fsf', 'quy-htnd', 'HH-0002', 20_000_000, 'province');
await app.loans.repay(ctx, { loan: fsf, date: '2025-10-12', amount: 3_000_000, documentNo: 'PT-QH-01' });
for (const loan of [vbsp, fsf]) loanFigures[loan] = await app.loans.state(ctx, loan, '2025-12-31');

const books = await app.ledger.books(ctx);
const audit = await app.audit.verify(ctx);
const figures = {
  soquyVersion: SOQUY_VERSION,
  tenant: TENANT,
  books: books.map((b) => ({
    code: b.code,
    headSeq: b.headSeq,
    headHash: b.headHash,
    lockedThrough: b.lockedThrough,
  })),
  audit: { headSeq: audit.headSeq, headHash: audit.headHash },
  trialBalance: await app.ledger.trialBalance(ctx),
  trialBalanceAsOf: await app.ledger.trialBalance(ctx, { asOf: '2025-06-30' }),
  registry: registryFigures,
  loans: loanFigures,
  perBook: Object.fromEntries(
    await Promise.all(books.map(async (b) => [b.code, await app.ledger.trialBalance(ctx, { book: b.code })])),
  ),
};
await app.close();

// One compact file in rollback-journal mode, nothing beside it.
rmSync(dbFile, { force: true });
const db = new Sqlite(scratch);
db.prepare('VACUUM INTO ?').run(dbFile);
db.close();
for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) rmSync(f, { force: true });
const sha256 = createHash('sha256').update(readFileSync(dbFile)).digest('hex');
const out = { ...figures, migrations: appliedMigrationsOf(dbFile), file: { name: `${name}.db`, sha256 } };
writeFileSync(`${figuresFile}.tmp`, `${JSON.stringify(out, null, 2)}\n`);
renameSync(`${figuresFile}.tmp`, figuresFile);
process.stdout.write(`${dbFile} (${readFileSync(dbFile).length} bytes) and ${figuresFile}\n`);
