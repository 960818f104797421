/**
 * A commune with loans to test against: the Farmers' Association with its Farmers Support Fund
 * (district capital 300,000,000 đ, province 100,000,000 đ) and the VBSP portfolio it services,
 * the seeded programmes, and a helper that takes a loan from application to disbursement.
 */
import assert from 'node:assert/strict';
import type { ApplyInput } from '../../src/app/loans/loans.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import type { App } from '../../src/main/app.ts';
import { ctx, seedCommune } from '../helpers/fixtures.ts';

export { ctx };

export const FSF = 'quy-htnd';
export const VBSP = 'vbsp-hnd';

/** Every borrower household the loan tests name, in the registry (loans refuse unknown ones). */
const HOUSEHOLDS = [
  ...['001', '002', '003', '004', '005', '006', '007', '010', '011', '012', '013', '014'],
  ...['020', '021', '030', '031', '101', '102', '103', '104', '105', '106'],
].map((n) => `HH-${n}`);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Vương', 'Đỗ', 'Bùi'];
const GIVEN = [
  'Văn An',
  'Thị Bình',
  'Đình Soạn',
  'Thị Cúc',
  'Văn Dũng',
  'Thị Hoa',
  'Quang Minh',
  'Thị Lan',
  'Văn Tùng',
];
/** Registers a borrower household (its head's name follows from the id) in a village. */
export async function addHousehold(app: App, id: string, village = 'duc-khe'): Promise<void> {
  const n = [...id].reduce((sum, ch) => sum * 31 + ch.charCodeAt(0), 7) >>> 0;
  const fullName = `${FAMILY[n % FAMILY.length]} ${GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length]}`;
  await app.registry.addHousehold(ctx, { id, village, head: { fullName } });
}

/**
 * The registry the loans lean on: villages Đức Khê and Thôn 1, the borrower households, and two
 * shocks: SK-000001, the fire of 14/12/2025 at HH-004 (Đức Khê), and SK-000002, the flood that
 * swept away HH-106's farm on 28/02/2025.
 */
export async function seedRegistry(app: App): Promise<void> {
  await app.registry.addVillage(ctx, { id: 'duc-khe', name: 'Đức Khê' });
  await app.registry.addVillage(ctx, { id: 'thon-1', name: 'Thôn 1' });
  for (const id of HOUSEHOLDS) await addHousehold(app, id);
  await app.registry.addShock(ctx, {
    householdId: 'HH-004',
    kind: 'fire',
    occurredOn: '2025-12-14',
    description: 'Cháy nhà',
    lossDong: 120_000_000,
  });
  await app.registry.addShock(ctx, {
    householdId: 'HH-106',
    kind: 'flood',
    occurredOn: '2025-02-28',
    description: 'Lũ cuốn trôi trang trại',
    lossDong: 60_000_000,
  });
}

export async function seedLoans(app: App): Promise<void> {
  await seedCommune(app);
  await seedRegistry(app);
  await app.ledger.createBook(ctx, { code: VBSP, template: 'vbsp-entrusted', organisation: 'hnd' });
  await app.loans.seedProgrammes(ctx);
  await app.ledger.post(ctx, [
    {
      book: FSF,
      date: '2024-12-01',
      kind: 'capital',
      memo: 'Huyện cấp vốn Quỹ HTND',
      postings: [
        { account: '111', amount: 300_000_000 },
        { account: '4113', amount: -300_000_000 },
      ],
    },
    {
      book: FSF,
      date: '2024-12-01',
      kind: 'capital',
      memo: 'Tỉnh cấp vốn Quỹ HTND',
      postings: [
        { account: '111', amount: 100_000_000 },
        { account: '4112', amount: -100_000_000 },
      ],
    },
  ]);
}

/** Applies, approves and disburses in one go; returns the loan id. */
export async function lend(
  app: App,
  input: Omit<ApplyInput, 'date'> & { date: string; disburseOn?: string; id: string },
): Promise<string> {
  const { disburseOn, ...apply } = input;
  const r = await app.loans.apply(ctx, apply);
  await app.loans.approve(ctx, {
    loan: r.loan,
    date: input.date,
    approver: 'Chủ tịch Hội Nông dân xã',
    documentNo: `QĐ-${input.id}`,
  });
  await app.loans.disburse(ctx, {
    loan: r.loan,
    date: disburseOn ?? input.date,
    amount: input.amount,
    documentNo: `PC-${input.id}`,
  });
  return r.loan;
}

export async function refusedCodes(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RefusedError) return e.refusals.map((r) => r.code);
    throw e;
  }
  assert.fail('expected a refusal');
}

/** The postings of one journal entry as `account:party=amount`, sorted: what an auditor reads. */
export async function entryLines(app: App, ref: string): Promise<string[]> {
  const [book, seq] = ref.split('#');
  const e = await app.ledger.entry(ctx, book!, Number(seq));
  return e.postings.map((p) => `${p.account}${p.party ? `:${p.party}` : ''}=${p.amount}`).sort();
}

export async function entryKind(app: App, ref: string): Promise<string> {
  const [book, seq] = ref.split('#');
  return (await app.ledger.entry(ctx, book!, Number(seq))).kind;
}
