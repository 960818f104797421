/** Texts of the `soquy` command: descriptions, headings, results. */
import type { Text } from './types.ts';

export const CLI = {
  program: {
    vi: 'soquy – sổ quỹ kế toán kép cho quỹ cộng đồng của xã',
    en: 'soquy – a double-entry ledger for a commune’s community money',
  },
  optDb: {
    vi: 'tệp SQLite hoặc URL postgres:// (mặc định SOQUY_DB, DATABASE_URL, ./data/soquy.db)',
    en: 'SQLite file or postgres:// URL (default SOQUY_DB, DATABASE_URL, ./data/soquy.db)',
  },
  optTenant: {
    vi: 'mã xã (mặc định SOQUY_TENANT, hoặc xã duy nhất)',
    en: 'commune id (default SOQUY_TENANT, or the only one)',
  },
  optActor: {
    vi: 'người thực hiện ghi vào nhật ký (mặc định SOQUY_ACTOR, tên người dùng)',
    en: 'who acts, recorded on every write (default SOQUY_ACTOR, the OS user)',
  },
  optLang: { vi: 'ngôn ngữ: vi hoặc en', en: 'language: vi or en' },
  optJson: { vi: 'in kết quả dạng JSON', en: 'print JSON' },
  init: { vi: 'tạo cơ sở dữ liệu và một xã', en: 'create the database and a commune' },
  orgAdd: { vi: 'thêm tổ chức (Hội Nông dân, Hội LHPN, MTTQ, …)', en: 'add an organisation' },
  orgList: { vi: 'danh sách tổ chức', en: 'list organisations' },
  bookCreate: { vi: 'tạo sổ từ mẫu', en: 'create a book from a template' },
  bookList: { vi: 'danh sách sổ', en: 'list books' },
  bookTemplates: { vi: 'các mẫu sổ và hệ thống tài khoản', en: 'book templates and their charts' },
  accountAdd: { vi: 'thêm tài khoản vào sổ', en: 'add an account to a book' },
  accountList: { vi: 'hệ thống tài khoản của sổ', en: 'chart of accounts of a book' },
  post: {
    vi: 'ghi một bút toán (từ tham số hoặc tệp JSON)',
    en: 'post an entry (from flags or a JSON file)',
  },
  reverse: { vi: 'đảo một bút toán', en: 'reverse an entry' },
  closePeriod: { vi: 'khóa sổ đến hết một ngày', en: 'close a book through a date' },
  balance: {
    vi: 'số dư tài khoản (hoặc một đối tượng) tại một ngày',
    en: 'balance of an account (or one party) as of a date',
  },
  statement: { vi: 'sổ chi tiết tài khoản với số dư lũy kế', en: 'account statement with running balance' },
  trialBalance: { vi: 'bảng cân đối tài khoản', en: 'trial balance' },
  journal: { vi: 'nhật ký chung, có lọc', en: 'journal listing with filters' },
  verify: {
    vi: 'kiểm tra chuỗi băm, cân đối và số dư',
    en: 'verify hash chains, balance and running totals',
  },
  export: { vi: 'xuất nhật ký: csv, hledger, beancount', en: 'export the journal: csv, hledger, beancount' },
  import: {
    vi: 'nhập nhật ký từ tệp CSV (tất cả hoặc không dòng nào)',
    en: 'import a journal CSV (all rows or none)',
  },
  start: { vi: 'chạy soquy (mở cơ sở dữ liệu mặc định)', en: 'run soquy (opens the default database)' },
  created: { vi: 'Đã tạo {what} {id}.', en: 'Created {what} {id}.' },
  posted: { vi: 'Đã ghi {count} bút toán: {refs}', en: 'Posted {count} entries: {refs}' },
  replayed: {
    vi: 'Yêu cầu này đã được ghi trước đó (mã chống trùng): không ghi thêm. {refs}',
    en: 'This request was already posted (same key): nothing new written. {refs}',
  },
  closed: {
    vi: 'Đã khóa sổ {book} đến hết ngày {through:date} (bút toán cuối #{seq}).',
    en: 'Closed book {book} through {through:date} (last entry #{seq}).',
  },
  verifyOk: {
    vi: 'Sổ {book}: {entries} bút toán, chuỗi băm và số dư khớp. Đầu chuỗi {hash}',
    en: 'Book {book}: {entries} entries, chain and totals check. Head {hash}',
  },
  verifyBad: {
    vi: 'Sổ {book}: SAI tại bút toán #{seq} ({problem}): {detail}',
    en: 'Book {book}: FAILS at entry #{seq} ({problem}): {detail}',
  },
  importOk: {
    vi: 'Đã nhập {entries} bút toán từ {rows} dòng.',
    en: 'Imported {entries} entries from {rows} rows.',
  },
  importDryOk: {
    vi: 'Kiểm tra thử: {rows} dòng, {entries} bút toán, không có lỗi. Chưa ghi gì.',
    en: 'Dry run: {rows} rows, {entries} entries, no problems. Nothing written.',
  },
  importDryBad: {
    vi: 'Kiểm tra thử: {count} lỗi. Chưa ghi gì.',
    en: 'Dry run: {count} problems. Nothing written.',
  },
  refused: { vi: 'Không ghi: {count} lỗi.', en: 'Refused: {count} problems.' },
  noTenant: {
    vi: 'Chưa có xã nào. Tạo bằng: soquy init --tenant huong-son --name "Xã Hương Sơn"',
    en: 'No commune yet. Create one: soquy init --tenant huong-son --name "Huong Son commune"',
  },
  dbAt: { vi: 'Cơ sở dữ liệu: {db}', en: 'Database: {db}' },
  internal: {
    vi: 'Lỗi hệ thống (không phải do dữ liệu nhập): {message}',
    en: 'Internal error (not caused by your input): {message}',
  },
  hDate: { vi: 'Ngày', en: 'Date' },
  hBook: { vi: 'Sổ', en: 'Book' },
  hEntry: { vi: 'Số', en: 'No.' },
  hKind: { vi: 'Loại', en: 'Kind' },
  hMemo: { vi: 'Diễn giải', en: 'Memo' },
  hDoc: { vi: 'Chứng từ', en: 'Doc' },
  hAccount: { vi: 'TK', en: 'Account' },
  hName: { vi: 'Tên tài khoản', en: 'Account name' },
  hParty: { vi: 'Đối tượng', en: 'Party' },
  hDebit: { vi: 'Nợ', en: 'Debit' },
  hCredit: { vi: 'Có', en: 'Credit' },
  hBalance: { vi: 'Số dư', en: 'Balance' },
  hTotal: { vi: 'Cộng', en: 'Total' },
  hOpening: { vi: 'Số dư đầu kỳ', en: 'Opening balance' },
  hClosing: { vi: 'Số dư cuối kỳ', en: 'Closing balance' },
  hType: { vi: 'Loại', en: 'Type' },
  hRule: { vi: 'Quy tắc', en: 'Rule' },
  hMemoAccounts: { vi: 'Tài khoản ngoài bảng', en: 'Memo (off-balance) accounts' },
  db: { vi: 'cơ sở dữ liệu', en: 'the database' },
  dbCopy: {
    vi: 'chép dữ liệu của xã sang nơi lưu khác (ví dụ tệp SQLite → PostgreSQL), rồi kiểm tra',
    en: 'copy a commune to another store (e.g. SQLite file → PostgreSQL), then check it',
  },
  dbCopied: {
    vi: 'Đã chép xã {tenant}: {entries} bút toán.',
    en: 'Copied commune {tenant}: {entries} entries.',
  },
  dbCopyChecked: {
    vi: 'Bản chép: chuỗi băm kiểm tra đúng, đầu chuỗi và bảng cân đối giống bản gốc.',
    en: 'The copy verifies; chain heads and trial balance equal the source.',
  },
  dbCopyMismatch: {
    vi: 'CẢNH BÁO: bản chép khác bản gốc (xem bảng trên).',
    en: 'WARNING: the copy differs from the source (see above).',
  },
} satisfies Record<string, Text>;
