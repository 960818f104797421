/** Refusals and command texts of the demo commune. Vietnamese first, English second. */
import type { Text } from './types.ts';

export const DEMO_REFUSALS: Record<string, Text> = {
  demo_tenant_exists: {
    vi: 'đã có xã mã {value} trong cơ sở dữ liệu: dữ liệu mẫu chỉ nạp vào xã mới',
    en: 'the database already has a commune with id {value}: the demo loads into a new one only',
  },
};

export const DEMO_FIELDS: Record<string, Text> = {};

export const DEMO_CLI = {
  demo: {
    vi: 'nạp xã mẫu Hương Sơn năm 2025 (hộ, tổ vay vốn, khoản vay, quỹ, người dùng mẫu)',
    en: 'load the demo commune, Hương Sơn in 2025 (households, groups, loans, funds, demo users)',
  },
  optSeed: { vi: 'hạt giống sinh dữ liệu (mặc định 2025)', en: 'the generator’s seed (default 2025)' },
  optTenant: { vi: 'mã xã (mặc định huong-son)', en: 'the commune id (default huong-son)' },
  loading: {
    vi: 'Đang nạp xã mẫu Hương Sơn (dữ liệu năm 2025)…',
    en: 'Loading the demo commune, Hương Sơn (its 2025)…',
  },
  step: {
    vi: '  {step}: {done}/{total}',
    en: '  {step}: {done}/{total}',
  },
  loaded: {
    vi: 'Đã nạp xã mẫu {tenant}: {households} hộ, {loans} khoản vay, {repayments} lần trả nợ trong {seconds} giây.',
    en: 'Loaded the demo commune {tenant}: {households} households, {loans} loans, {repayments} repayments in {seconds} s.',
  },
  users: {
    vi: 'Người dùng mẫu (tên đăng nhập / mật khẩu):',
    en: 'Demo users (username / password):',
  },
} as const satisfies Record<string, Text>;

/** Progress step names. */
export const DEMO_STEPS: Record<string, Text> = {
  setup: { vi: 'tổ chức, sổ, chương trình', en: 'organisations, books, programmes' },
  registry: { vi: 'sổ hộ', en: 'registry' },
  operations: { vi: 'nghiệp vụ theo ngày', en: 'dated operations' },
  funds: { vi: 'quỹ từ thiện, cứu trợ', en: 'charity and relief funds' },
  savings: { vi: 'họp tổ tiết kiệm', en: 'savings group meetings' },
  'month-end': { vi: 'khóa sổ cuối năm 31/12/2025', en: 'year-end run 31/12/2025' },
};

/** The sign-in page of a demo database. */
export const DEMO_PAGES = {
  title: { vi: 'Xã mẫu: đăng nhập để xem thử', en: 'Demo commune: sign in to look around' },
  note: {
    vi: 'Đây là dữ liệu mẫu (xã {commune}), không phải dữ liệu thật. Mỗi vai trò có một người dùng:',
    en: 'This is demo data (commune {commune}), not real records. One user for each role:',
  },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  role: { vi: 'Vai trò', en: 'Role' },
  admin: { vi: 'Quản trị', en: 'Administrator' },
  treasurer: { vi: 'Thủ quỹ', en: 'Treasurer' },
  group_leader: { vi: 'Tổ trưởng', en: 'Group leader' },
  auditor: { vi: 'Kiểm tra, kiểm toán', en: 'Auditor' },
  viewer: { vi: 'Chỉ xem', en: 'Viewer' },
} as const satisfies Record<string, Text>;
