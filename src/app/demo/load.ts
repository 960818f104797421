/**
 * `soquy demo`: carries a commune plan (plan.ts) out through the services users call — the
 * registry's .xlsx import, groups, the loans service from application to repayment and hand-over,
 * the funds service for donations, aid and transfers (funds.ts), a risk treatment after the fire, the 31/12/2025 month-end
 * — in date order, a few hundred operations per transaction (batch.ts). Nothing is inserted
 * behind the ledger. docs/design/demo.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntryDraft } from '../../domain/ledger/entry.ts';
import { projectSchedule } from '../../domain/loans/projection.ts';
import { RefusedError } from '../../domain/refusal.ts';
import type { App } from '../../main/app.ts';
import type { Ctx } from '../context.ts';
import { repayMany } from '../loans/batch.ts';
import { loadCatalogue } from '../loans/loan-file.ts';
import ExcelJS from '../registry/import/exceljs.ts';
import { importRegistryFile } from '../registry/import/import.ts';
import { type BatchServices, inOneTransaction } from './batch.ts';
import { loadFunds } from './funds.ts';
import { type DemoSignIn, markDemo } from './marker.ts';
import { AS_OF, BOOKS, type CommunePlan, type CommuneShape, planCommune } from './plan.ts';
import { loadSavings } from './savings.ts';

export const DEMO_TENANT = 'huong-son';
export const DEMO_SEED = 2025;

export interface DemoOptions {
  readonly tenant?: string;
  readonly seed?: number;
  readonly shape?: CommuneShape;
  /** Demo users with their sign-ins shown on the sign-in page (default true). */
  readonly users?: boolean;
  /** Operations per transaction (default 400 on SQLite, 60 on PostgreSQL). */
  readonly batch?: number;
  readonly progress?: (step: string, done: number, total: number) => void;
}

export interface DemoReport {
  readonly tenant: string;
  readonly households: number;
  readonly loans: number;
  readonly repayments: number;
  readonly users: readonly DemoSignIn[];
  readonly ms: number;
}

const STATUS_WORDS: Readonly<Record<string, string>> = {
  poor: 'Hộ nghèo',
  near_poor: 'Hộ cận nghèo',
  recently_escaped: 'Hộ mới thoát nghèo',
  none: 'Không thuộc diện',
};

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** Writes the plan's registry as the .xlsx a commune official would send (four sheets). */
async function writeRegistryFile(plan: CommunePlan, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const village = new Map(plan.villages.map((v) => [v.id, v.name]));
  const hs = wb.addWorksheet('Hộ');
  hs.addRow([
    'Mã hộ',
    'Họ và tên chủ hộ',
    'Thôn',
    'Năm sinh',
    'Giới tính',
    'Số CCCD',
    'Đối tượng chính sách',
  ]);
  const ps = wb.addWorksheet('Nhân khẩu');
  // Members carry their own "Mã người": the import keys people it has not stored yet by their row,
  // and a row of this sheet and a row of the households sheet with the same number were taken
  // for one person (two memberships went missing).
  ps.addRow(['Mã hộ', 'Mã người', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', 'Giới tính', 'Số CCCD']);
  let member = 0;
  const ss = wb.addWorksheet('Tình trạng nghèo');
  ss.addRow(['Mã hộ', 'Tình trạng nghèo', 'Ngày quyết định', 'Số giấy chứng nhận']);
  let cert = 0;
  for (const h of plan.households) {
    hs.addRow([
      h.id,
      h.head.fullName,
      village.get(h.village),
      h.head.birthYear,
      h.head.sex,
      h.head.idNumber,
      h.head.policies,
    ]);
    for (const m of h.members)
      ps.addRow([
        h.id,
        `NK-${String(++member).padStart(6, '0')}`,
        m.fullName,
        m.relation,
        m.birthYear,
        m.sex,
        m.idNumber,
      ]);
    for (const s of h.statuses)
      ss.addRow([
        h.id,
        STATUS_WORDS[s.status],
        vnDate(s.decidedOn),
        s.status === 'none' ? null : `${s.decidedOn.slice(0, 4)}/GCN-${String(++cert).padStart(4, '0')}`,
      ]);
  }
  const ms = wb.addWorksheet('Thành viên');
  ms.addRow(['Số CCCD', 'Tổ chức', 'Mã tổ', 'Ngày vào']);
  const orgMember = new Set<string>();
  for (const g of plan.groups)
    for (const m of g.members) {
      const key = `${g.organisation}/${m.idNumber}`;
      if (!orgMember.has(key)) {
        orgMember.add(key);
        ms.addRow([m.idNumber, g.organisation, null, vnDate(m.joinedOn)]);
      }
      ms.addRow([m.idNumber, null, g.id, vnDate(m.joinedOn)]);
    }
  await wb.xlsx.writeFile(path);
}

interface Op {
  readonly date: string;
  /** Order within a day: set-up, applications, approvals, disbursements, repayments, hand-over. */
  readonly rank: number;
  readonly weight: number;
  run(s: BatchServices): Promise<void>;
}

/** Loads the demo commune into an empty database (or next to other communes). */
export async function loadDemo(app: App, options: DemoOptions = {}): Promise<DemoReport> {
  const t0 = performance.now();
  const tenant = options.tenant ?? DEMO_TENANT;
  const plan = planCommune(options.seed ?? DEMO_SEED, options.shape);
  const progress = options.progress ?? (() => {});
  if ((await app.ledger.tenants()).some((t) => t.id === tenant))
    throw new RefusedError([{ code: 'demo_tenant_exists', field: 'tenant', value: tenant }]);
  const setup: Ctx = { tenant, actor: 'demo', now: () => new Date('2025-12-31T03:00:00Z') };
  const on = (date: string, actor = 'demo'): Ctx => ({
    tenant,
    actor,
    now: () => new Date(`${date}T03:00:00Z`),
  });

  // --- the commune, its organisations, books and programmes --------------------------------------
  progress('setup', 0, 1);
  await app.ledger.createTenant(
    { id: tenant, name: 'Xã Hương Sơn (dữ liệu mẫu)' },
    '2022-01-01T01:00:00.000Z',
  );
  const orgs = [
    {
      id: 'mttq',
      kind: 'front',
      nameVi: 'Ủy ban MTTQ Việt Nam xã Hương Sơn',
      nameEn: 'Fatherland Front Committee',
    },
    { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân xã Hương Sơn', nameEn: 'Farmers’ Association' },
    { id: 'hpn', kind: 'women', nameVi: 'Hội Liên hiệp Phụ nữ xã Hương Sơn', nameEn: 'Women’s Union' },
  ];
  for (const o of orgs) await app.ledger.createOrganisation(setup, o);
  const books: Array<[string, string, string, string]> = [
    [BOOKS.farmersVbsp, 'vbsp-entrusted', 'hnd', 'Vốn vay NHCSXH ủy thác qua Hội Nông dân'],
    [BOOKS.fsf, 'farmers-support-fund', 'hnd', 'Quỹ Hỗ trợ nông dân'],
    [BOOKS.womenVbsp, 'vbsp-entrusted', 'hpn', 'Vốn vay NHCSXH ủy thác qua Hội Phụ nữ'],
  ];
  for (const [code, template, organisation, name] of books)
    await app.ledger.createBook(setup, { code, template, organisation, nameVi: name });
  await app.loans.seedProgrammes(setup);
  // Job creation (Decree 61/2015, as amended): 6.6 %/yr, 100,000,000 per household (check).
  await app.loans.addProgramme(setup, {
    id: 'vbsp-jobs',
    nameVi: 'Cho vay hỗ trợ tạo việc làm',
    nameEn: 'Job creation',
    accounting: 'entrusted',
    ratePolicy: 'fixed_at_disbursement',
    capHouseholdDong: 100_000_000,
    termMonthsMax: 120,
  });
  await app.loans.addRate(setup, {
    programme: 'vbsp-jobs',
    from: '2023-01-01',
    rate: '6,6',
    note: '(check) demo',
  });
  const catalogue = await loadCatalogue(app.store.db, tenant);

  // --- the registry ----------------------------------------------------------------------------------
  progress('registry', 0, plan.households.length);
  for (const v of plan.villages) await app.registry.addVillage(setup, v);
  for (const g of plan.groups)
    await app.registry.addGroup(setup, {
      id: g.id,
      kind: g.kind,
      organisation: g.organisation,
      village: g.village,
      name: g.name,
      foundedOn: g.foundedOn,
    });
  const dir = mkdtempSync(join(tmpdir(), 'soquy-demo-'));
  try {
    const file = join(dir, 'ho-gia-dinh-huong-son.xlsx');
    await writeRegistryFile(plan, file);
    const report = await importRegistryFile(app.registry, setup, file);
    if (report.refusals.length > 0) throw new RefusedError(report.refusals.slice(0, 20));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Group leaders: each group's first member.
  await inOneTransaction(app.store, async (s) => {
    for (const g of plan.groups) {
      const first = g.members[0];
      if (!first) continue;
      const h = await s.registry.household(setup, first.household);
      const person = [...h.members].find((m) => m.idNumber === first.idNumber);
      if (person) await s.registry.setGroupLeader(setup, { group: g.id, personId: person.id });
    }
  });
  progress('registry', plan.households.length, plan.households.length);

  // --- the dated operations, in date order ------------------------------------------------------
  const ops: Op[] = [];
  const post = (date: string, rank: number, drafts: EntryDraft[], actor = 'demo') =>
    ops.push({
      date,
      rank,
      weight: drafts.length,
      run: async (s) => void (await s.ledger.post(on(date, actor), drafts)),
    });

  // Capital of the Farmers Support Fund (revolving), by source.
  const fsfTotal = plan.loans.filter((l) => l.book === BOOKS.fsf).reduce((x, l) => x + l.amount, 0);
  const capital: Array<[string, string, number]> = [
    ['2022-03-15', '4113', Math.ceil((fsfTotal * 0.45) / 1e8) * 1e8 + 2e8],
    ['2022-06-15', '4112', Math.ceil((fsfTotal * 0.35) / 1e8) * 1e8 + 2e8],
    ['2022-09-15', '4111', Math.ceil((fsfTotal * 0.3) / 1e8) * 1e8 + 2e8],
  ];
  const sourceName: Record<string, string> = { '4111': 'trung ương', '4112': 'thành phố', '4113': 'huyện' };
  for (const [date, account, amount] of capital)
    post(date, 0, [
      {
        book: BOOKS.fsf,
        date,
        kind: 'capital',
        memo: `Nhận vốn Quỹ Hỗ trợ nông dân cấp ${sourceName[account]}`,
        documentNo: `PT-HTND-${date.slice(0, 4)}-${account}`,
        postings: [
          { account: '111', amount },
          { account, amount: -amount },
        ],
      },
    ]);

  // Loans: application, approval, disbursement, and every repayment due by 31/12/2025, paid on
  // its day (collected by the group leader and handed over at the transaction point).
  const actorOf = (book: string) => (book === BOOKS.womenVbsp ? 'thuquy-hpn' : 'thuquy-hnd');
  const repayments = new Map<
    string,
    Array<{ loan: string; date: string; amount: number; documentNo: string }>
  >();
  let repaymentCount = 0;
  for (const l of plan.loans) {
    const actor = actorOf(l.book);
    ops.push({
      date: l.appliedOn,
      rank: 1,
      weight: 1,
      run: async (s) =>
        void (await s.loans.apply(on(l.appliedOn, actor), {
          id: l.id,
          programme: l.programme,
          book: l.book,
          household: l.household,
          amount: l.amount,
          date: l.appliedOn,
          termMonths: l.termMonths,
          method: l.method,
          principalEveryMonths: l.principalEveryMonths,
          interestEveryMonths: l.interestEveryMonths,
          group: l.group,
          village: l.village,
          source: l.source,
          purpose: l.purpose,
          agreementNo: l.agreementNo,
        })),
    });
    ops.push({
      date: l.approvedOn,
      rank: 2,
      weight: 1,
      run: async (s) =>
        void (await s.loans.approve(on(l.approvedOn, actor), {
          loan: l.id,
          date: l.approvedOn,
          approver:
            l.book === BOOKS.fsf ? 'Chủ tịch Hội Nông dân xã' : 'Ban đại diện HĐQT NHCSXH huyện Mỹ Đức',
          documentNo: `QĐ-${l.agreementNo}`,
        })),
    });
    ops.push({
      date: l.disbursedOn,
      rank: 3,
      weight: 1,
      run: async (s) =>
        void (await s.loans.disburse(on(l.disbursedOn, actor), {
          loan: l.id,
          date: l.disbursedOn,
          amount: l.amount,
          documentNo: `GN-${l.agreementNo}`,
        })),
    });
    const p = catalogue.programmes.get(l.programme)!;
    const projection = projectSchedule(
      {
        id: l.id,
        terms: {
          method: l.method,
          termMonths: l.termMonths,
          principalEveryMonths: l.principalEveryMonths,
          interestEveryMonths: l.interestEveryMonths,
          gracePrincipalMonths: 0,
          graceInterestMonths: 0,
          custom: null,
        },
        dayCount: p.dayCount,
        overdueMultiplierPpm: p.overdueMultiplierPpm,
        programmeRates: catalogue.timelines.get(p.id) ?? [],
        ratePolicy: p.ratePolicy,
        allocationOrder: p.allocationOrder,
      },
      [{ date: l.disbursedOn, amount: l.amount }],
    );
    for (const row of projection.rows) {
      if (row.date > AS_OF) break;
      if (row.total <= 0) continue;
      const list = repayments.get(row.date) ?? [];
      list.push({ loan: l.id, date: row.date, amount: row.total, documentNo: `PT-${l.id}-${row.no}` });
      repayments.set(row.date, list);
      repaymentCount++;
    }
  }
  const bookOf = new Map(plan.loans.map((l) => [l.id, l.book]));
  for (const [date, list] of repayments) {
    // One batch per book and day: the collection list of the transaction point.
    for (const book of [BOOKS.farmersVbsp, BOOKS.womenVbsp, BOOKS.fsf]) {
      const mine = list.filter((r) => bookOf.get(r.loan) === book);
      if (mine.length === 0) continue;
      ops.push({
        date,
        rank: 4,
        weight: mine.length,
        run: async (s) => void (await repayMany(s.loans, on(date, actorOf(book)), mine)),
      });
      if (book !== BOOKS.fsf)
        ops.push({
          date,
          rank: 5,
          weight: 1,
          run: async (s) =>
            void (await s.loans.handOver(on(date, actorOf(book)), {
              book,
              date,
              documentNo: `NT-${book}-${date}`,
            })),
        });
    }
  }

  // The funds (donations, aid, transfers) go through app.funds after the batches: funds.ts.

  // The fire of 14/12/2025: the shock (the appeal and the aid cite it, funds.ts) and the family's
  // loan extended.
  const fire = plan.fire.household;
  let shockId = '';
  ops.push({
    date: '2025-12-14',
    rank: 0,
    weight: 1,
    run: async (s) => {
      const shock = await s.registry.addShock(on('2025-12-14', 'thuquy-mttq'), {
        householdId: fire,
        kind: 'fire',
        occurredOn: '2025-12-14',
        description: 'Cháy nhà trong đêm, mất nhà ở, đồ dùng và lúa giống (gia đình thương binh)',
        lossDong: 180_000_000,
      });
      shockId = shock.id;
    },
  });
  if (plan.fire.loan !== null) {
    const loan = plan.fire.loan;
    ops.push({
      date: '2025-12-20',
      rank: 7,
      weight: 1,
      run: async (s) =>
        void (await s.loans.extend(on('2025-12-20', 'thuquy-hnd'), {
          loan,
          date: '2025-12-20',
          months: 12,
          shockId,
          causeKind: 'fire',
          cause: 'Cháy nhà ngày 14/12/2025',
          lossDong: 180_000_000,
          approver: 'Giám đốc Phòng giao dịch NHCSXH huyện Mỹ Đức',
          documentNo: 'GH-2025-001',
        })),
    });
  }

  // --- run them, a few hundred per transaction ----------------------------------------------------
  ops.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank));
  const total = ops.reduce((x, o) => x + o.weight, 0);
  // PostgreSQL gets smaller transactions: each entry moves its book's head (an UPDATE of one row),
  // and hundreds of updates of one row in one transaction make every next one walk their versions.
  const batch = options.batch ?? (app.store.kind === 'postgres' ? 60 : 400);
  let done = 0;
  for (let i = 0; i < ops.length; ) {
    await inOneTransaction(app.store, async (s) => {
      let weight = 0;
      while (i < ops.length && weight < batch) {
        const op = ops[i++]!;
        await op.run(s);
        weight += op.weight;
      }
      done += weight;
    });
    progress('operations', done, total);
  }

  // The funds through the funds service (they cite the fire's shock, registered above).
  progress('funds', 0, 1);
  await loadFunds(app, plan, on, { household: fire, shockId });
  // A few Women's Union groups' savings meetings through the savings service.
  progress('savings', 0, 1);
  await loadSavings(app, plan, on);

  // The year-end: the month-end run for 31/12/2025 (accruals, classification, the snapshot).
  progress('month-end', 0, 1);
  await app.loans.monthEnd(on('2025-12-31', 'demo'), { asOf: AS_OF });

  const users = options.users === false ? [] : await markDemo(app, tenant, options.seed ?? DEMO_SEED);
  return {
    tenant,
    households: plan.households.length,
    loans: plan.loans.length,
    repayments: repaymentCount,
    users,
    ms: Math.round(performance.now() - t0),
  };
}
