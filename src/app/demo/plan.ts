/**
 * The scale generator: a commune's households, people, poverty decisions, groups, loans and
 * donations, deterministic from a seed and a shape. Pure (no I/O): the demo loader (load.ts)
 * carries the plan out through the services; tests and benchmarks build communes of any size
 * from `scaledShape`. The demo commune is `BRIEF_COMMUNE`, shaped by domain/BRIEF.md §1.
 */
import { addMonths } from '../../domain/dates.ts';
import { fakePerson, rng } from './names.ts';

export interface CommuneShape {
  readonly households: number;
  readonly villages: readonly string[];
  /** Near-poor households after the 2025 review (no poor ones are left). */
  readonly nearPoor2025: number;
  readonly farmers: {
    readonly groups: number;
    readonly vbspLoans: number;
    /** Outstanding VBSP loans the association services on 31/12/2025, đồng. */
    readonly vbspOutstanding: number;
    readonly fsfLoans: number;
    readonly fsfOutstanding: number;
    readonly jointPlans: number;
  };
  readonly women: {
    readonly groups: number;
    readonly borrowers: number;
    readonly outstanding: number;
    /** Households lent to in July–December 2025 (two loans each) and the total lent. */
    readonly h2Households: number;
    readonly h2Amount: number;
    /** Of those, women who started a business (a job-creation loan "Khởi nghiệp"). */
    readonly businesses: number;
  };
  readonly houses: { readonly built: number; readonly repaired: number };
  readonly greenHousePoints: number;
  readonly greenHouseDong: number;
  /** Flood relief sent to other provinces, one transfer per phase. */
  readonly floodPhases: readonly number[];
}

/** Hương Sơn's 2025, as the article tells it (BRIEF §1). */
export const BRIEF_COMMUNE: CommuneShape = {
  households: 2_500,
  villages: ['Đục Khê', 'Yến Vĩ', 'Hội Xá', 'Phú Yên', 'Tuyết Sơn', 'Hữu Bằng', 'Phú Lão', 'Thanh Hà'],
  nearPoor2025: 7,
  farmers: {
    groups: 30,
    vbspLoans: 954,
    vbspOutstanding: 65_000_000_000,
    fsfLoans: 136,
    fsfOutstanding: 5_320_000_000,
    jointPlans: 8,
  },
  women: {
    groups: 37,
    borrowers: 1_477,
    outstanding: 96_000_000_000,
    h2Households: 53,
    h2Amount: 7_560_000_000,
    businesses: 10,
  },
  houses: { built: 20, repaired: 2 },
  greenHousePoints: 12,
  greenHouseDong: 18_000_000,
  floodPhases: [180_000_000, 135_400_000],
};

/** The same commune shape for another number of households (tests, benchmarks). */
export function scaledShape(households: number): CommuneShape {
  const k = households / BRIEF_COMMUNE.households;
  const n = (x: number, min = 1) => Math.max(min, Math.round(x * k));
  const b = BRIEF_COMMUNE;
  const villages = Math.max(2, Math.min(b.villages.length, Math.round(b.villages.length * Math.sqrt(k))));
  const groupsF = Math.max(villages, n(b.farmers.groups));
  const groupsW = Math.max(villages, n(b.women.groups));
  const vbspLoans = Math.max(groupsF * 3, n(b.farmers.vbspLoans));
  const borrowers = Math.max(groupsW * 3, n(b.women.borrowers));
  const fsfLoans = n(b.farmers.fsfLoans);
  const h2 = Math.min(n(b.women.h2Households), Math.floor(borrowers / 4));
  return {
    households: Math.max(households, vbspLoans + borrowers),
    villages: b.villages.slice(0, villages),
    nearPoor2025: n(b.nearPoor2025),
    farmers: {
      groups: groupsF,
      vbspLoans,
      vbspOutstanding: vbspLoans * Math.round(b.farmers.vbspOutstanding / b.farmers.vbspLoans),
      fsfLoans,
      fsfOutstanding: fsfLoans * Math.round(b.farmers.fsfOutstanding / b.farmers.fsfLoans),
      jointPlans: Math.max(1, Math.min(fsfLoans, n(b.farmers.jointPlans))),
    },
    women: {
      groups: groupsW,
      borrowers,
      outstanding: borrowers * Math.round(b.women.outstanding / b.women.borrowers),
      h2Households: h2,
      h2Amount: h2 * Math.round(b.women.h2Amount / b.women.h2Households),
      businesses: Math.min(h2, n(b.women.businesses)),
    },
    houses: { built: n(b.houses.built), repaired: n(b.houses.repaired, 0) },
    greenHousePoints: Math.min(b.greenHousePoints, n(b.greenHousePoints)),
    greenHouseDong: n(b.greenHouseDong),
    floodPhases: b.floodPhases.map((x) => n(x)),
  };
}

// --- the plan -----------------------------------------------------------------------------------------

export type Sex = 'Nam' | 'Nữ';

export interface PlannedPerson {
  readonly fullName: string;
  readonly birthYear: number;
  readonly sex: Sex;
  readonly relation: string;
  readonly idNumber: string | null;
  readonly policies: string | null;
}

export interface PlannedHousehold {
  readonly id: string;
  readonly village: string;
  readonly head: PlannedPerson;
  readonly members: readonly PlannedPerson[];
  /** Poverty decisions, oldest first (the first on 14/01/2022 for every household). */
  readonly statuses: ReadonlyArray<{ readonly decidedOn: string; readonly status: string }>;
}

export interface PlannedGroup {
  readonly id: string;
  readonly organisation: 'hnd' | 'hpn';
  readonly kind: 'vbsp_group' | 'joint_plan';
  readonly village: string;
  readonly name: string;
  readonly foundedOn: string;
  /** Members: household and which of its people (the ID number) joins; the first leads. */
  readonly members: ReadonlyArray<{
    readonly household: string;
    readonly idNumber: string;
    readonly joinedOn: string;
  }>;
}

export interface PlannedLoan {
  readonly id: string;
  readonly book: string;
  readonly programme: string;
  readonly household: string;
  readonly group: string;
  readonly village: string;
  readonly amount: number;
  readonly appliedOn: string;
  readonly approvedOn: string;
  readonly disbursedOn: string;
  readonly termMonths: number;
  readonly method: 'equal_principal' | 'bullet';
  readonly principalEveryMonths: number;
  readonly interestEveryMonths: number;
  readonly source: string | null;
  readonly purpose: string;
  readonly agreementNo: string;
}

export interface PlannedDonation {
  readonly book: string;
  readonly date: string;
  readonly amount: number;
  readonly donor: string;
  readonly documentNo: string;
}

export interface CommunePlan {
  readonly shape: CommuneShape;
  readonly villages: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly households: readonly PlannedHousehold[];
  readonly groups: readonly PlannedGroup[];
  readonly loans: readonly PlannedLoan[];
  /** Households that built (20) or repaired (2) a solidarity house in 2025. */
  readonly houses: ReadonlyArray<{
    readonly household: string;
    readonly repair: boolean;
    readonly date: string;
  }>;
  readonly donations: readonly PlannedDonation[];
  /** The family whose house burned on 14/12/2025 (Đục Khê; the head is a war invalid). */
  readonly fire: { readonly household: string; readonly loan: string | null };
  readonly greenHousePoints: readonly string[];
}

export const BOOKS = {
  farmersVbsp: 'vbsp-hnd',
  fsf: 'quy-htnd',
  womenVbsp: 'vbsp-hpn',
  forThePoor: 'vi-nguoi-ngheo',
  flood: 'cuu-tro-lu-2025',
  fire: 'ung-ho-chay-duc-khe',
  greenHouse: 'ngoi-nha-xanh',
} as const;

/** The commune's transaction day (VBSP disburses and collects at the commune point): the 10th. */
const TRANSACTION_DAY = 10;
export const AS_OF = '2025-12-31';
export const SOLIDARITY_HOUSE_DONG = 50_000_000;
export const HOUSE_REPAIR_DONG = 30_000_000;

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m, 2)}-${pad(d, 2)}`;

/** A month index (0 = January 2023) to its transaction day. */
function monthDay(index: number, d = TRANSACTION_DAY): string {
  return day(2023 + Math.floor(index / 12), 1 + (index % 12), d);
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Principal still owed on `asOf` by an equal-principal loan paid on time (annual parts). */
function outstandingOf(
  l: Pick<PlannedLoan, 'amount' | 'disbursedOn' | 'termMonths' | 'principalEveryMonths' | 'method'>,
  asOf: string,
): number {
  if (l.method === 'bullet') return addMonths(l.disbursedOn, l.termMonths) <= asOf ? 0 : l.amount;
  const parts = l.termMonths / l.principalEveryMonths;
  const part = Math.floor(l.amount / parts);
  let paid = 0;
  for (let k = 1; k <= parts; k++) if (addMonths(l.disbursedOn, k * l.principalEveryMonths) <= asOf) paid++;
  return paid >= parts ? 0 : l.amount - paid * part;
}

/**
 * Scales the amounts of `loans` (multiples of `step`, within [min, max]) so that their principal
 * outstanding on `asOf` comes as close as the steps allow to `target`.
 */
function calibrate(loans: PlannedLoan[], target: number, step: number, min: number, max: number): void {
  const total = () => loans.reduce((s, l) => s + outstandingOf(l, AS_OF), 0);
  const factor = target / Math.max(1, total());
  for (let i = 0; i < loans.length; i++) {
    const l = loans[i]!;
    const amount = Math.min(max, Math.max(min, Math.round((l.amount * factor) / step) * step));
    loans[i] = { ...l, amount };
  }
  // Then one step at a time, loan by loan, towards the target.
  let gap = target - total();
  for (let pass = 0; pass < 20 && Math.abs(gap) >= step; pass++) {
    for (let i = 0; i < loans.length && Math.abs(gap) >= step; i++) {
      const l = loans[i]!;
      const amount = l.amount + (gap > 0 ? step : -step);
      if (amount < min || amount > max) continue;
      const delta = outstandingOf({ ...l, amount }, AS_OF) - outstandingOf(l, AS_OF);
      if (delta === 0 || Math.abs(gap - delta) >= Math.abs(gap)) continue;
      loans[i] = { ...l, amount };
      gap -= delta;
    }
  }
}

/** The whole commune, from a seed. The same seed and shape give the same plan. */
export function planCommune(seed = 2025, shape: CommuneShape = BRIEF_COMMUNE): CommunePlan {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  };
  const villages = shape.villages.map((name) => ({ id: slug(name), name }));
  const width = Math.max(4, String(shape.households).length);

  // --- households and people --------------------------------------------------------------------
  let serial = 0;
  const idNumber = (p: { birthYear: number; sex: Sex }) =>
    `001${(p.birthYear >= 2000 ? 2 : 0) + (p.sex === 'Nữ' ? 1 : 0)}${String(p.birthYear).slice(2)}${pad(++serial, 6)}`;
  const households: Array<PlannedHousehold & { statuses: Array<{ decidedOn: string; status: string }> }> = [];
  for (let i = 1; i <= shape.households; i++) {
    const village = villages[(i - 1) % villages.length]!;
    const family = fakePerson(r, 'Nam', [1950, 1995]).fullName.split(' ')[0]!;
    const withFamily = (name: string) => [family, ...name.split(' ').slice(1)].join(' ');
    const headMale = r() < 0.85;
    const h = fakePerson(r, headMale ? 'Nam' : 'Nữ', [1945, 1995]);
    const head: PlannedPerson = {
      fullName: headMale ? withFamily(h.fullName) : h.fullName,
      birthYear: h.birthYear,
      sex: h.sex,
      relation: 'Chủ hộ',
      idNumber: idNumber(h),
      policies: r() < 0.02 ? pick(['Thương binh 2/4', 'Thương binh 3/4', 'Thương binh 4/4']) : null,
    };
    const members: PlannedPerson[] = [];
    if (headMale && r() < 0.92) {
      const w = fakePerson(r, 'Nữ', [Math.max(1945, h.birthYear - 6), Math.min(2000, h.birthYear + 4)]);
      members.push({ ...w, relation: 'Vợ', idNumber: idNumber(w), policies: null });
    }
    const children = between(0, 3);
    for (let c = 0; c < children; c++) {
      const k = fakePerson(r, undefined, [
        Math.min(2020, h.birthYear + 20),
        Math.min(2022, h.birthYear + 40),
      ]);
      members.push({
        fullName: withFamily(k.fullName),
        birthYear: k.birthYear,
        sex: k.sex,
        relation: 'Con',
        idNumber: k.birthYear <= 2007 ? idNumber(k) : null,
        policies: null,
      });
    }
    households.push({
      id: `HH-${pad(i, width)}`,
      village: village.id,
      head,
      members,
      statuses: [{ decidedOn: '2022-01-14', status: 'none' }],
    });
  }

  // Poverty: the 2022 list, then a review every 14 December; households leave poverty year by
  // year until, in 2025, no poor household is left and `nearPoor2025` near-poor ones remain.
  const scale = shape.households / BRIEF_COMMUNE.households;
  const steps: Array<[string, number, number]> = [
    ['2022-01-14', 45, 80],
    ['2022-12-14', 30, 60],
    ['2023-12-14', 15, 35],
    ['2024-12-14', 5, 18],
    ['2025-12-14', 0, shape.nearPoor2025],
  ];
  const order = shuffle(households.map((_, i) => i));
  let current = new Map<number, string>();
  for (const [decidedOn, poorN, nearN] of steps) {
    const poor = Math.round(poorN * scale);
    const near = decidedOn === '2025-12-14' ? nearN : Math.round(nearN * scale);
    const next = new Map<number, string>();
    // The poorest stay longest: the first of `order` are the last to leave.
    for (const i of order.slice(0, poor)) next.set(i, 'poor');
    for (const i of order.slice(poor, poor + near)) next.set(i, 'near_poor');
    for (const [i, was] of current)
      if (!next.has(i) && (was === 'poor' || was === 'near_poor')) next.set(i, 'recently_escaped');
    for (const [i, status] of next) {
      const h = households[i]!;
      const last = h.statuses[h.statuses.length - 1]!;
      if (decidedOn === '2022-01-14') h.statuses[0] = { decidedOn, status };
      else if (last.status !== status) h.statuses.push({ decidedOn, status });
    }
    // Escaped three years ago: back to "none" at the review.
    for (const [i, was] of current)
      if (was === 'recently_escaped' && !next.has(i)) {
        const h = households[i]!;
        const since = h.statuses[h.statuses.length - 1]!.decidedOn;
        if (Number(decidedOn.slice(0, 4)) - Number(since.slice(0, 4)) >= 3)
          h.statuses.push({ decidedOn, status: 'none' });
        else next.set(i, 'recently_escaped');
      }
    current = next;
  }
  const statusOn = (h: PlannedHousehold, date: string) => {
    let s = 'none';
    for (const d of h.statuses) if (d.decidedOn <= date) s = d.status;
    return s;
  };

  // The fire: a war invalid's family in Đục Khê.
  const ducKhe = villages[0]!.id;
  const fireIndex = households.findIndex((h, i) => h.village === ducKhe && i > 10 && h.head.sex === 'Nam');
  const fireHousehold = households[fireIndex]!;
  households[fireIndex] = {
    ...fireHousehold,
    head: { ...fireHousehold.head, sex: 'Nam', policies: 'Thương binh 2/4' },
  };

  // --- groups and borrowers ---------------------------------------------------------------------
  const byVillage = new Map<string, number[]>(villages.map((v) => [v.id, []]));
  for (const i of shuffle(households.map((_, i) => i))) byVillage.get(households[i]!.village)!.push(i);
  const womenOf = (i: number) => {
    const h = households[i]!;
    return h.head.sex === 'Nữ' ? h.head : (h.members.find((m) => m.relation === 'Vợ') ?? h.head);
  };
  /** Splits `count` among villages by their size, largest remainder first. */
  const share = (count: number, sizes: number[]) => {
    const total = sizes.reduce((s, x) => s + x, 0);
    const exact = sizes.map((s) => (count * s) / total);
    const out = exact.map(Math.floor);
    const rest = exact.map((e, i) => [e - out[i]!, i] as const).sort((a, b) => b[0] - a[0]);
    const missing = count - out.reduce((s, x) => s + x, 0);
    for (let k = 0; k < missing; k++) out[rest[k]![1]]! += 1;
    return out;
  };
  const groups: PlannedGroup[] = [];
  const memberGroup = new Map<string, string>();
  const womenBorrowers: number[] = [];
  const farmerBorrowers: number[] = [];
  const sizes = villages.map((v) => byVillage.get(v.id)!.length);
  const wPerVillage = share(shape.women.borrowers, sizes);
  const fPerVillage = share(shape.farmers.vbspLoans, sizes);
  const wGroups = share(shape.women.groups, wPerVillage);
  const fGroups = share(shape.farmers.groups, fPerVillage);
  let wg = 0;
  let fg = 0;
  villages.forEach((v, vi) => {
    const list = byVillage.get(v.id)!;
    const women = list.slice(0, wPerVillage[vi]);
    const farmers = list.slice(wPerVillage[vi], wPerVillage[vi]! + fPerVillage[vi]!);
    womenBorrowers.push(...women);
    farmerBorrowers.push(...farmers);
    const split = (members: number[], n: number, org: 'hnd' | 'hpn') => {
      for (let g = 0; g < n; g++) {
        const part = members.filter((_, k) => k % n === g);
        const no = org === 'hpn' ? ++wg : ++fg;
        const id = `TK-${org.toUpperCase()}-${pad(no, 2)}`;
        const foundedOn = day(2015 + (no % 6), 1 + (no % 12), 5);
        groups.push({
          id,
          organisation: org,
          kind: 'vbsp_group',
          village: v.id,
          name: `Tổ TK&VV ${org === 'hpn' ? 'Hội Phụ nữ' : 'Hội Nông dân'} thôn ${v.name} ${g + 1}`,
          foundedOn,
          members: part.map((i) => {
            const h = households[i]!;
            const person = org === 'hpn' ? womenOf(i) : h.head;
            memberGroup.set(`${org}/${h.id}`, id);
            return {
              household: h.id,
              idNumber: person.idNumber!,
              joinedOn: foundedOn > '2022-12-31' ? foundedOn : '2023-01-05',
            };
          }),
        });
      }
    };
    split(women, wGroups[vi]!, 'hpn');
    split(farmers, fGroups[vi]!, 'hnd');
  });

  // --- loans ------------------------------------------------------------------------------------
  // Disbursed on the transaction day of a month of 2023–2025, recent months likelier; applied a
  // week before, approved three days before.
  const month = (weights: [number, number, number]) => {
    const x = r();
    const year = x < weights[0] ? 0 : x < weights[0] + weights[1] ? 1 : 2;
    return year * 12 + between(0, 11);
  };
  const programmeFor = (h: PlannedHousehold, date: string) => {
    const s = statusOn(h, date);
    return s === 'poor'
      ? 'vbsp-poor'
      : s === 'near_poor'
        ? 'vbsp-near-poor'
        : s === 'recently_escaped'
          ? 'vbsp-escaped'
          : 'vbsp-jobs';
  };
  const PURPOSES = [
    'Chăn nuôi lợn',
    'Chăn nuôi bò',
    'Trồng nấm',
    'Mở rộng vườn cây ăn quả',
    'Kinh doanh dịch vụ du lịch chùa Hương',
    'Làm nghề mây tre đan',
    'Nuôi cá',
    'Sửa chữa nhà ở',
    'Mua máy làm đất',
  ];
  let loanNo = 0;
  const vbspLoan = (
    i: number,
    book: string,
    org: 'hnd' | 'hpn',
    m: number,
    amount: number,
    term: number,
    programme?: string,
    purpose?: string,
  ): PlannedLoan => {
    const h = households[i]!;
    const disbursedOn = monthDay(m);
    const appliedOn = disbursedOn.replace(/-\d\d$/, '-03');
    const no = ++loanNo;
    return {
      id: `KU-${pad(no, 5)}`,
      book,
      programme: programme ?? programmeFor(h, appliedOn),
      household: h.id,
      group: memberGroup.get(`${org}/${h.id}`)!,
      village: h.village,
      amount,
      appliedOn,
      approvedOn: disbursedOn.replace(/-\d\d$/, '-07'),
      disbursedOn,
      termMonths: term,
      method: 'equal_principal',
      principalEveryMonths: 12,
      // Interest every quarter on loans of 2025, every half-year on older ones (docs/design/demo.md).
      interestEveryMonths: disbursedOn >= '2025-01-01' ? 3 : 6,
      source: null,
      purpose: purpose ?? pick(PURPOSES),
      agreementNo: `${disbursedOn.slice(0, 4)}/${pad(no, 5)}`,
    };
  };
  const farmerLoans = farmerBorrowers.map((i) =>
    vbspLoan(i, BOOKS.farmersVbsp, 'hnd', month([0.15, 0.3, 0.55]), between(10, 18) * 5_000_000, 60),
  );
  calibrate(farmerLoans, shape.farmers.vbspOutstanding, 1_000_000, 20_000_000, 100_000_000);

  // Women: the H2 2025 households (two loans each, new to the portfolio) and the rest.
  const h2 = womenBorrowers.slice(0, shape.women.h2Households);
  const older = womenBorrowers.slice(shape.women.h2Households);
  const womenOlder = older.map((i) =>
    vbspLoan(i, BOOKS.womenVbsp, 'hpn', month([0.15, 0.3, 0.55]) % 30, between(10, 18) * 5_000_000, 60),
  );
  const h2Loans: PlannedLoan[] = [];
  h2.forEach((i, k) => {
    const m = 30 + (k % 6);
    const business = k < shape.women.businesses;
    h2Loans.push(
      vbspLoan(
        i,
        BOOKS.womenVbsp,
        'hpn',
        m,
        100_000_000,
        60,
        'vbsp-jobs',
        business
          ? `Khởi nghiệp: ${pick(['mở tiệm may', 'quán ăn', 'cửa hàng tạp hóa', 'làm bánh', 'dịch vụ làm đẹp'])}`
          : undefined,
      ),
      vbspLoan(i, BOOKS.womenVbsp, 'hpn', m, 40_000_000, 60, 'vbsp-escaped', 'Chăn nuôi, trồng trọt'),
    );
  });
  // The second loans make up the half-year's total.
  const second = h2Loans.filter((_, k) => k % 2 === 1);
  calibrate(second, shape.women.h2Amount - 100_000_000 * h2.length, 1_000_000, 10_000_000, 100_000_000);
  for (let k = 0; k < second.length; k++) h2Loans[2 * k + 1] = second[k]!;
  const h2Outstanding = h2Loans.reduce((s, l) => s + l.amount, 0);
  calibrate(womenOlder, shape.women.outstanding - h2Outstanding, 1_000_000, 20_000_000, 100_000_000);

  // Farmers Support Fund: 36 months, the fee quarterly, principal at the end; joint plans by village.
  const fsfBorrowers = shuffle([...farmerBorrowers, ...older]).slice(0, shape.farmers.fsfLoans);
  const plans = shape.farmers.jointPlans;
  const PRODUCTS = [
    'Nuôi bò sinh sản',
    'Trồng nấm rơm',
    'Nuôi gà đồi',
    'Trồng rau an toàn',
    'Nuôi cá lồng',
    'Trồng mơ Hương Tích',
    'Nuôi lợn thịt',
    'Trồng chuối',
  ];
  const planMembers = new Map<number, number[]>();
  fsfBorrowers.forEach((i, k) => {
    const p = k % plans;
    if (!planMembers.has(p)) planMembers.set(p, []);
    planMembers.get(p)!.push(i);
  });
  const sources = ['district', 'province', 'central'] as const;
  const fsfLoans: PlannedLoan[] = [];
  for (const [p, members] of planMembers) {
    const first = households[members[0]!]!;
    const id = `PA-${pad(p + 1, 2)}`;
    groups.push({
      id,
      organisation: 'hnd',
      kind: 'joint_plan',
      village: first.village,
      name: `Phương án ${PRODUCTS[p % PRODUCTS.length]} ${p + 1}`,
      foundedOn: '2022-12-01',
      members: members.map((i) => ({
        household: households[i]!.id,
        idNumber: households[i]!.head.idNumber!,
        joinedOn: '2022-12-01',
      })),
    });
    for (const i of members) {
      const h = households[i]!;
      const m = Math.min(35, month([0.3, 0.35, 0.35]));
      const disbursedOn = monthDay(m, 15);
      const no = ++loanNo;
      fsfLoans.push({
        id: `HTND-${pad(no, 5)}`,
        book: BOOKS.fsf,
        programme: 'fsf',
        household: h.id,
        group: id,
        village: h.village,
        amount: between(6, 10) * 5_000_000,
        appliedOn: disbursedOn.replace(/-\d\d$/, '-02'),
        approvedOn: disbursedOn.replace(/-\d\d$/, '-08'),
        disbursedOn,
        termMonths: 36,
        method: 'bullet',
        principalEveryMonths: 1,
        interestEveryMonths: 3,
        source: sources[no % sources.length]!,
        purpose: PRODUCTS[p % PRODUCTS.length]!,
        agreementNo: `HTND-${disbursedOn.slice(0, 4)}/${pad(no, 4)}`,
      });
    }
  }
  calibrate(fsfLoans, shape.farmers.fsfOutstanding, 5_000_000, 30_000_000, 50_000_000);

  const loans = [...farmerLoans, ...womenOlder, ...h2Loans, ...fsfLoans];

  // --- funds --------------------------------------------------------------------------------------
  const notBorrowing = households.filter((h) => statusOn(h, '2025-06-30') !== 'none' || r() < 0.01);
  const houseHolds = shuffle(notBorrowing.map((h) => h.id).filter((id) => id !== fireHousehold.id));
  const houses = [
    ...houseHolds.slice(0, shape.houses.built).map((household, k) => ({
      household,
      repair: false,
      date: day(2025, 3 + Math.floor((k * 9) / Math.max(1, shape.houses.built)), 20),
    })),
    ...houseHolds
      .slice(shape.houses.built, shape.houses.built + shape.houses.repaired)
      .map((household, k) => ({
        household,
        repair: true,
        date: day(2025, 6 + k, 25),
      })),
  ];
  const donations: PlannedDonation[] = [];
  const ORGS = [
    'Công ty TNHH Mây tre Hương Sơn',
    'Ban quản lý di tích chùa Hương',
    'Trường THCS Hương Sơn',
    'Trạm y tế xã',
    'Hợp tác xã Nông nghiệp',
    'Cán bộ, công chức xã',
  ];
  const person = () => fakePerson(r, undefined, [1950, 1995]).fullName;
  // For the Poor: the campaign months of 2024 and 2025 (17 Oct – 18 Nov).
  let doc = 0;
  for (const year of [2024, 2025]) {
    for (let k = 0; k < 60; k++) {
      const org = k < ORGS.length;
      donations.push({
        book: BOOKS.forThePoor,
        date: k < 40 ? day(year, 10, 17 + (k % 14)) : day(year, 11, 1 + (k % 18)),
        amount: org ? between(20, 60) * 1_000_000 : between(2, 30) * 500_000,
        donor: org ? ORGS[k]! : `Ông/bà ${person()}`,
        documentNo: `PT-VNN-${year}-${pad(++doc, 3)}`,
      });
    }
  }
  // Flood relief (two phases, September–October 2025), collected village by village.
  const flood = shape.floodPhases.reduce((s, x) => s + x, 0);
  let floodLeft = flood;
  for (let k = 0; floodLeft > 0; k++) {
    const amount = Math.min(
      floodLeft,
      k < villages.length * 2 ? between(12, 22) * 1_000_000 : between(1, 10) * 500_000,
    );
    floodLeft -= amount;
    donations.push({
      book: BOOKS.flood,
      date: k < villages.length * 2 ? day(2025, 9, 10 + (k % 16)) : day(2025, 10, 1 + (k % 14)),
      amount,
      donor:
        k < villages.length * 2
          ? `Nhân dân thôn ${villages[k % villages.length]!.name}`
          : `Ông/bà ${person()}`,
      documentNo: `PT-LU-${pad(k + 1, 3)}`,
    });
  }
  // Green House: collections at twelve points through 2025.
  const points = Array.from({ length: shape.greenHousePoints }, (_, k) =>
    k < villages.length
      ? `Chi hội Phụ nữ thôn ${villages[k]!.name}`
      : `Điểm thu ${['chợ Đục Khê', 'bến Đục', 'trường Mầm non', 'Nhà văn hóa xã'][k - villages.length] ?? k + 1}`,
  );
  let greenLeft = shape.greenHouseDong;
  const perPoint = Math.floor(shape.greenHouseDong / points.length / 3 / 1_000) * 1_000;
  for (let round = 0; greenLeft > 0; round++)
    for (let k = 0; k < points.length && greenLeft > 0; k++) {
      const amount = Math.min(greenLeft, perPoint);
      greenLeft -= amount;
      donations.push({
        book: BOOKS.greenHouse,
        date: day(2025, 3 + round * 4, 8 + k),
        amount,
        donor: points[k]!,
        documentNo: `PT-NNX-${round + 1}-${pad(k + 1, 2)}`,
      });
    }
  const fireLoan =
    loans.find((l) => l.household === fireHousehold.id && l.book === BOOKS.farmersVbsp) ?? null;
  return {
    shape,
    villages,
    households,
    groups,
    loans,
    houses,
    donations,
    fire: { household: fireHousehold.id, loan: fireLoan?.id ?? null },
    greenHousePoints: points,
  };
}
