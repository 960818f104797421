/**
 * The fixed lists of the registry, with the words treasurers write for each in their
 * spreadsheets (matched by search key, so "Hỏa hoạn", "hoa hoan" and "HỎA HOẠN" are one).
 */

/** Poverty status of a household under the standard in force (BRIEF §6). */
export const POVERTY_STATUSES = [
  'poor', // hộ nghèo
  'near_poor', // hộ cận nghèo
  'recently_escaped', // hộ mới thoát nghèo
  'middle', // hộ có mức sống trung bình
  'none', // không thuộc diện nào
] as const;
export type PovertyStatus = (typeof POVERTY_STATUSES)[number];

export const SHOCK_KINDS = [
  'fire', // hỏa hoạn
  'flood', // lũ lụt
  'storm', // bão
  'illness', // ốm đau, bệnh hiểm nghèo
  'accident', // tai nạn
  'death', // qua đời
  'crop_loss', // mất mùa
  'livestock_loss', // dịch bệnh, chết gia súc
] as const;
export type ShockKind = (typeof SHOCK_KINDS)[number];

export const GROUP_KINDS = [
  'vbsp_group', // Tổ tiết kiệm và vay vốn (NHCSXH)
  'vsla', // tổ tiết kiệm Hội LHPN
  'joint_plan', // tổ hợp tác / phương án liên kết, Quỹ Hỗ trợ nông dân
] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Policy categories (đối tượng chính sách). `war_invalid` carries its class (hạng 1/4 … 4/4). */
export const POLICY_CATEGORIES = [
  'war_invalid', // thương binh
  'martyr_family', // gia đình liệt sĩ
  'revolution_contributor', // người có công với cách mạng
  'disability', // người khuyết tật
  'elderly_alone', // người cao tuổi cô đơn
  'orphan', // trẻ mồ côi
  'single_parent', // cha/mẹ đơn thân nuôi con nhỏ
  'ethnic_minority', // dân tộc thiểu số
  'agent_orange', // nạn nhân chất độc da cam
] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/** Spreadsheet words for each code, written as search keys (see `nameKey`). */
export const STATUS_ALIASES: Readonly<Record<string, PovertyStatus>> = {
  poor: 'poor',
  ngheo: 'poor',
  'ho ngheo': 'poor',
  hn: 'poor',
  'near poor': 'near_poor',
  'can ngheo': 'near_poor',
  'ho can ngheo': 'near_poor',
  hcn: 'near_poor',
  'recently escaped': 'recently_escaped',
  'moi thoat ngheo': 'recently_escaped',
  'ho moi thoat ngheo': 'recently_escaped',
  'thoat ngheo': 'recently_escaped',
  middle: 'middle',
  'trung binh': 'middle',
  'muc song trung binh': 'middle',
  'ho co muc song trung binh': 'middle',
  none: 'none',
  khong: 'none',
  'khong thuoc dien': 'none',
};

export const SHOCK_ALIASES: Readonly<Record<string, ShockKind>> = {
  fire: 'fire',
  'hoa hoan': 'fire',
  chay: 'fire',
  'chay nha': 'fire',
  flood: 'flood',
  lu: 'flood',
  'lu lut': 'flood',
  'ngap lut': 'flood',
  storm: 'storm',
  bao: 'storm',
  illness: 'illness',
  'om dau': 'illness',
  benh: 'illness',
  'benh hiem ngheo': 'illness',
  accident: 'accident',
  'tai nan': 'accident',
  death: 'death',
  'qua doi': 'death',
  'tu vong': 'death',
  'crop loss': 'crop_loss',
  'mat mua': 'crop_loss',
  'livestock loss': 'livestock_loss',
  'dich benh gia suc': 'livestock_loss',
  'chet gia suc': 'livestock_loss',
};

export const GROUP_ALIASES: Readonly<Record<string, GroupKind>> = {
  'vbsp group': 'vbsp_group',
  'to tk vv': 'vbsp_group',
  'to tiet kiem va vay von': 'vbsp_group',
  vsla: 'vsla',
  'to tiet kiem': 'vsla',
  'joint plan': 'joint_plan',
  'to hop tac': 'joint_plan',
  'phuong an lien ket': 'joint_plan',
};

export const SEX_ALIASES: Readonly<Record<string, Sex>> = {
  male: 'male',
  m: 'male',
  nam: 'male',
  female: 'female',
  f: 'female',
  nu: 'female',
};

export const POLICY_ALIASES: Readonly<Record<string, PolicyCategory>> = {
  'war invalid': 'war_invalid',
  'thuong binh': 'war_invalid',
  tb: 'war_invalid',
  'martyr family': 'martyr_family',
  'gia dinh liet si': 'martyr_family',
  'than nhan liet si': 'martyr_family',
  'revolution contributor': 'revolution_contributor',
  'nguoi co cong': 'revolution_contributor',
  'nguoi co cong voi cach mang': 'revolution_contributor',
  disability: 'disability',
  'khuyet tat': 'disability',
  'nguoi khuyet tat': 'disability',
  'elderly alone': 'elderly_alone',
  'nguoi cao tuoi co don': 'elderly_alone',
  'cao tuoi co don': 'elderly_alone',
  orphan: 'orphan',
  'mo coi': 'orphan',
  'tre mo coi': 'orphan',
  'single parent': 'single_parent',
  'don than': 'single_parent',
  'ethnic minority': 'ethnic_minority',
  'dan toc thieu so': 'ethnic_minority',
  'agent orange': 'agent_orange',
  'chat doc da cam': 'agent_orange',
  'nan nhan chat doc da cam': 'agent_orange',
};

export function isOneOf<T extends string>(list: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (list as readonly string[]).includes(x);
}
