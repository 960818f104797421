/**
 * Texts of the web app (issue 10): navigation, dashboard, books and reports, the posting form,
 * entries and their printed forms, trace and verification, approvals, settings, the audit log.
 * Vietnamese first. Labels of entry kinds, account types, roles and operation statuses live here
 * too, since the pages are where people read them.
 */
import type { AccountType } from '../domain/ledger/accounts.ts';
import type { EntryKind } from '../domain/ledger/kinds.ts';
import type { Text } from './types.ts';

export const WEB_REFUSALS: Record<string, Text> = {
  form_key_used: {
    vi: 'biểu mẫu này đã được gửi với nội dung khác; đã mở lại biểu mẫu mới, hãy kiểm tra rồi gửi lại',
    en: 'this form was already sent with other content; a fresh form is open, check it and send again',
  },
  posting_line_empty: {
    vi: 'dòng có số tiền nhưng chưa chọn tài khoản',
    en: 'the line has an amount but no account',
  },
};

export const WEB_FIELDS: Record<string, Text> = {
  _key: { vi: 'Mã biểu mẫu', en: 'Form key' },
  _csrf: { vi: 'Mã chống giả mạo', en: 'Anti-forgery token' },
  threshold: { vi: 'Ngưỡng', en: 'Threshold' },
  reason: { vi: 'Lý do', en: 'Reason' },
};

/** Every kind of entry, as a treasurer calls it. */
export const KIND_TEXTS: Readonly<Record<EntryKind, Text>> = {
  opening: { vi: 'Số dư đầu kỳ', en: 'Opening balance' },
  general: { vi: 'Nghiệp vụ chung', en: 'General' },
  capital: { vi: 'Cấp, góp vốn', en: 'Capital' },
  commitment: { vi: 'Cam kết cho vay', en: 'Loan commitment' },
  disbursement: { vi: 'Giải ngân', en: 'Disbursement' },
  repayment: { vi: 'Thu nợ', en: 'Repayment' },
  interest: { vi: 'Lãi', en: 'Interest' },
  fee: { vi: 'Phí', en: 'Fee' },
  commission: { vi: 'Hoa hồng', en: 'Commission' },
  deposit: { vi: 'Gửi tiết kiệm', en: 'Savings deposit' },
  withdrawal: { vi: 'Rút tiết kiệm', en: 'Savings withdrawal' },
  savings_interest: { vi: 'Lãi tiết kiệm', en: 'Savings interest' },
  share_purchase: { vi: 'Mua cổ phần', en: 'Share purchase' },
  share_out: { vi: 'Chia cuối chu kỳ', en: 'Share-out' },
  social_fund: { vi: 'Quỹ xã hội', en: 'Social fund' },
  fine: { vi: 'Tiền phạt', en: 'Fine' },
  grant: { vi: 'Trợ cấp', en: 'Grant' },
  donation: { vi: 'Ủng hộ', en: 'Donation' },
  pledge: { vi: 'Cam kết ủng hộ', en: 'Pledge' },
  aid: { vi: 'Hỗ trợ, cứu trợ', en: 'Aid' },
  transfer: { vi: 'Chuyển quỹ', en: 'Transfer' },
  handover: { vi: 'Nộp tiền ngân hàng', en: 'Hand-over to the bank' },
  extension: { vi: 'Gia hạn nợ', en: 'Extension' },
  freeze: { vi: 'Khoanh nợ', en: 'Debt freeze' },
  write_off: { vi: 'Xóa nợ', en: 'Write-off' },
  reclassification: { vi: 'Chuyển nhóm nợ', en: 'Reclassification' },
  cash_difference: { vi: 'Chênh lệch quỹ', en: 'Cash difference' },
  adjustment: { vi: 'Điều chỉnh', en: 'Adjustment' },
  reversal: { vi: 'Bút toán đảo', en: 'Reversal' },
};

export const ACCOUNT_TYPE_TEXTS: Readonly<Record<AccountType, Text>> = {
  asset: { vi: 'Tài sản', en: 'Asset' },
  liability: { vi: 'Nợ phải trả', en: 'Liability' },
  equity: { vi: 'Nguồn vốn, quỹ', en: 'Equity' },
  income: { vi: 'Thu', en: 'Income' },
  expense: { vi: 'Chi', en: 'Expense' },
  memo: { vi: 'Ngoài bảng', en: 'Memo' },
};

export const ROLE_TEXTS: Readonly<Record<string, Text>> = {
  admin: { vi: 'Quản trị', en: 'Admin' },
  treasurer: { vi: 'Thủ quỹ, kế toán', en: 'Treasurer' },
  group_leader: { vi: 'Tổ trưởng', en: 'Group leader' },
  auditor: { vi: 'Kiểm toán', en: 'Auditor' },
  viewer: { vi: 'Xem', en: 'Viewer' },
};

export const STATUS_TEXTS: Readonly<Record<string, Text>> = {
  proposed: { vi: 'Chờ duyệt', en: 'Waiting' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  rejected: { vi: 'Từ chối', en: 'Rejected' },
};

export const VERIFY_PROBLEM_TEXTS: Readonly<Record<string, Text>> = {
  sequence_gap: { vi: 'mất số thứ tự', en: 'a sequence number is missing' },
  prev_hash_mismatch: { vi: 'mã băm trước không khớp', en: 'previous hash does not match' },
  hash_mismatch: {
    vi: 'nội dung đã bị sửa (mã băm không khớp)',
    en: 'the content was changed (hash mismatch)',
  },
  entry_unbalanced: { vi: 'bút toán không cân', en: 'the entry does not balance' },
  head_mismatch: { vi: 'đầu chuỗi của sổ không khớp', en: 'the book head does not match' },
  totals_mismatch: {
    vi: 'số dư lưu sẵn khác với cộng lại từ nhật ký',
    en: 'stored running totals differ from a replay of the journal',
  },
};

/** Texts of the pages. */
export const WEB = {
  // --- frame ---
  skip: { vi: 'Bỏ qua menu', en: 'Skip to content' },
  menu: { vi: 'Trình đơn', en: 'Menu' },
  navHome: { vi: 'Tổng quan', en: 'Overview' },
  navBooks: { vi: 'Sổ', en: 'Books' },
  navJournal: { vi: 'Nhật ký chung', en: 'Journal' },
  navTrialBalance: { vi: 'Bảng cân đối', en: 'Trial balance' },
  navApprovals: { vi: 'Duyệt', en: 'Approvals' },
  navVerify: { vi: 'Kiểm tra chuỗi', en: 'Verify' },
  navExport: { vi: 'Xuất dữ liệu', en: 'Export' },
  navAudit: { vi: 'Nhật ký hệ thống', en: 'Audit log' },
  navUsers: { vi: 'Người dùng', en: 'Users' },
  navRules: { vi: 'Quy tắc duyệt', en: 'Approval rules' },
  signedInAs: { vi: 'Đăng nhập: {name}', en: 'Signed in: {name}' },
  signedOut: { vi: 'Bạn đã đăng xuất.', en: 'You have signed out.' },
  print: { vi: 'In', en: 'Print' },
  printHint: {
    vi: 'Bấm “In” (hoặc Ctrl+P) để in; trình đơn và nút bấm không được in.',
    en: 'Press “Print” (or Ctrl+P); the menu and buttons are not printed.',
  },
  show: { vi: 'Xem', en: 'Show' },
  apply: { vi: 'Lọc', en: 'Filter' },
  clear: { vi: 'Bỏ lọc', en: 'Clear' },
  all: { vi: 'Tất cả', en: 'All' },
  none: { vi: '—', en: '—' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  asOf: { vi: 'Tính đến ngày', en: 'As of' },
  asOfLine: { vi: 'Tính đến ngày {date:date}', en: 'As of {date:date}' },
  printedAt: { vi: 'In lúc {at}', en: 'Printed {at}' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  datePlaceholder: { vi: 'dd/mm/yyyy', en: 'dd/mm/yyyy' },
  exportAs: { vi: 'Tải về', en: 'Download' },
  nextPage: { vi: 'Trang sau →', en: 'Next page →' },
  firstPage: { vi: '← Trang đầu', en: '← First page' },
  noRows: { vi: 'Không có dòng nào.', en: 'No rows.' },
  errorsTitle: {
    vi: 'Chưa ghi được: {count} lỗi cần sửa',
    en: 'Not saved: {count} problems to fix',
  },
  errorTitle: { vi: 'Lỗi {status}', en: 'Error {status}' },
  backHome: { vi: 'Về trang tổng quan', en: 'Back to the overview' },
  commune: { vi: 'Xã', en: 'Commune' },
  organisation: { vi: 'Tổ chức', en: 'Organisation' },
  noOrganisation: { vi: 'Không thuộc tổ chức', en: 'Outside organisations' },
  book: { vi: 'Sổ', en: 'Book' },
  account: { vi: 'Tài khoản', en: 'Account' },
  party: { vi: 'Đối tượng', en: 'Party' },
  debit: { vi: 'Nợ', en: 'Debit' },
  credit: { vi: 'Có', en: 'Credit' },
  balance: { vi: 'Số dư', en: 'Balance' },
  amount: { vi: 'Số tiền', en: 'Amount' },
  date: { vi: 'Ngày', en: 'Date' },
  kind: { vi: 'Loại', en: 'Kind' },
  memo: { vi: 'Diễn giải', en: 'Memo' },
  documentNo: { vi: 'Số chứng từ', en: 'Document no.' },
  entry: { vi: 'Bút toán', en: 'Entry' },
  actor: { vi: 'Người ghi', en: 'Recorded by' },
  recordedAt: { vi: 'Thời điểm ghi', en: 'Recorded at' },
  hash: { vi: 'Mã băm', en: 'Hash' },
  prevHash: { vi: 'Mã băm trước', en: 'Previous hash' },
  idempotencyKey: { vi: 'Mã chống trùng', en: 'Idempotency key' },
  type: { vi: 'Loại tài khoản', en: 'Account type' },
  total: { vi: 'Cộng', en: 'Total' },
  postings: { vi: 'Số dòng', en: 'Postings' },
  trace: { vi: 'Truy vết', en: 'Trace' },
  traceTitle: { vi: 'Các bút toán tạo nên số liệu', en: 'The entries behind a figure' },
  statement: { vi: 'Sổ chi tiết', en: 'Statement' },
  partyBalances: { vi: 'Số dư theo đối tượng', en: 'Balances by party' },

  // --- overview, dashboard ---
  hello: { vi: 'Xin chào, {name}', en: 'Hello, {name}' },
  yourRoles: { vi: 'Vai trò', en: 'Roles' },
  organisations: { vi: 'Tổ chức', en: 'Organisations' },
  openDashboard: { vi: 'Mở bảng tổng hợp', en: 'Open the dashboard' },
  noBooks: { vi: 'Chưa có sổ nào bạn được xem.', en: 'No book you can read yet.' },
  recentEntries: { vi: 'Bút toán mới ghi', en: 'Latest entries' },
  dashboardTitle: { vi: 'Bảng tổng hợp · {org}', en: 'Dashboard · {org}' },
  cash: { vi: 'Tiền mặt', en: 'Cash' },
  bank: { vi: 'Tiền gửi ngân hàng', en: 'Bank' },
  fund: { vi: 'Nguồn vốn, quỹ', en: 'Funds' },
  fundHint: {
    vi: 'vốn, quỹ và chênh lệch thu chi chưa phân phối',
    en: 'capital, funds and undistributed surplus',
  },
  income: { vi: 'Thu (lũy kế)', en: 'Income (to date)' },
  expenses: { vi: 'Chi (lũy kế)', en: 'Expenses (to date)' },
  memoAccounts: { vi: 'Ngoài bảng (ủy thác, cam kết)', en: 'Memo (serviced, pledged)' },
  totalCash: { vi: 'Tiền mặt và tiền gửi', en: 'Cash and bank' },
  chartBalances: { vi: 'Tiền theo sổ', en: 'Money by book' },
  chartCash: { vi: 'Tiền mặt và tiền gửi cuối tháng (12 tháng)', en: 'Month-end cash and bank (12 months)' },
  chartAlt: { vi: 'Biểu đồ: {title}', en: 'Chart: {title}' },
  loansSection: { vi: 'Cho vay và tiết kiệm', en: 'Loans and savings' },
  slotOutstanding: { vi: 'Dư nợ', en: 'Outstanding' },
  slotOverdue: { vi: 'Nợ quá hạn', en: 'Overdue' },
  slotPar30: { vi: 'PAR30 (quá hạn trên 30 ngày)', en: 'PAR30 (over 30 days late)' },
  slotSavings: { vi: 'Tiết kiệm', en: 'Savings' },
  slotPending: {
    vi: 'Chưa có số liệu: cần phân hệ {area} (đang xây dựng).',
    en: 'No figure yet: needs the {area} module (being built).',
  },
  areaLoans: { vi: 'cho vay', en: 'loans' },
  areaSavings: { vi: 'tiết kiệm nhóm', en: 'group savings' },

  // --- books ---
  booksTitle: { vi: 'Các sổ', en: 'Books' },
  template: { vi: 'Mẫu sổ', en: 'Template' },
  bookNameLabel: { vi: 'Tên', en: 'Name' },
  headSeq: { vi: 'Số bút toán', en: 'Entries' },
  lockedThrough: { vi: 'Khóa sổ đến', en: 'Closed through' },
  bookTitle: { vi: 'Sổ {book}', en: 'Book {book}' },
  accountsTitle: { vi: 'Số dư các tài khoản', en: 'Account balances' },
  postEntry: { vi: 'Ghi bút toán', en: 'Post an entry' },
  verifyBook: { vi: 'Kiểm tra chuỗi sổ này', en: 'Verify this book' },
  exportBook: { vi: 'Xuất sổ này', en: 'Export this book' },
  perParty: { vi: 'theo đối tượng', en: 'per party' },

  // --- posting ---
  postTitle: { vi: 'Ghi bút toán · {book}', en: 'Post an entry · {book}' },
  postIntro: {
    vi: 'Mỗi dòng ghi một tài khoản với số tiền bên Nợ hoặc bên Có. Tổng Nợ phải bằng tổng Có. Số tiền gõ dạng 1.050.000.',
    en: 'Each line names an account with an amount on the debit or the credit side. Debits must equal credits. Type amounts like 1,050,000.',
  },
  line: { vi: 'Dòng {n}', en: 'Line {n}' },
  chooseAccount: { vi: '— chọn tài khoản —', en: '— choose an account —' },
  partyHint: {
    vi: 'mã hộ, thành viên (nếu tài khoản theo dõi chi tiết)',
    en: 'household or member id (accounts kept per party)',
  },
  addLine: { vi: 'Thêm dòng', en: 'Add a line' },
  submitPost: { vi: 'Ghi sổ', en: 'Post' },
  checkTotals: {
    vi: 'Tổng Nợ {debit:dong} · tổng Có {credit:dong}',
    en: 'Debits {debit:dong} · credits {credit:dong}',
  },
  balanced: { vi: 'Cân đối ✓', en: 'Balanced ✓' },
  unbalanced: { vi: 'Lệch {difference:dong}', en: 'Off by {difference:dong}' },
  checkWaiting: { vi: 'Nhập các dòng để kiểm tra.', en: 'Enter the lines to check them.' },
  posted: { vi: 'Đã ghi bút toán {ref}.', en: 'Posted entry {ref}.' },
  proposed: {
    vi: 'Số tiền vượt ngưỡng duyệt: đã gửi đề nghị số {id}, chờ một người khác duyệt. Chưa ghi vào sổ.',
    en: 'Above the approval threshold: proposal {id} waits for another person. Nothing is posted yet.',
  },

  // --- statement, trial balance, journal ---
  statementTitle: { vi: 'Sổ chi tiết {account} · {name}', en: 'Statement {account} · {name}' },
  opening: { vi: 'Số dư đầu kỳ', en: 'Opening balance' },
  closing: { vi: 'Số dư cuối kỳ', en: 'Closing balance' },
  runningBalance: { vi: 'Số dư', en: 'Balance' },
  truncated: {
    vi: 'Chỉ hiện {limit} dòng đầu; hãy thu hẹp khoảng ngày.',
    en: 'Only the first {limit} lines are shown; narrow the dates.',
  },
  allParties: { vi: 'tất cả đối tượng', en: 'all parties' },
  turnoverDebit: { vi: 'Phát sinh Nợ (lũy kế)', en: 'Debits (to date)' },
  turnoverCredit: { vi: 'Phát sinh Có (lũy kế)', en: 'Credits (to date)' },
  balanceDebit: { vi: 'Dư Nợ', en: 'Debit balance' },
  balanceCredit: { vi: 'Dư Có', en: 'Credit balance' },
  trialBalanceTitle: { vi: 'Bảng cân đối tài khoản', en: 'Trial balance' },
  allBooks: { vi: 'Mọi sổ bạn được xem', en: 'Every book you can read' },
  balanceSheetTotals: { vi: 'Cộng các tài khoản trong bảng', en: 'Balance-sheet accounts' },
  memoTotals: { vi: 'Cộng tài khoản ngoài bảng', en: 'Memo accounts' },
  totalsAgree: { vi: 'Tổng Nợ bằng tổng Có ✓', en: 'Debits equal credits ✓' },
  totalsDisagree: {
    vi: 'Tổng Nợ khác tổng Có: lệch {difference:dong}',
    en: 'Debits differ from credits by {difference:dong}',
  },
  journalTitle: { vi: 'Nhật ký chung', en: 'Journal' },
  searchMemo: { vi: 'Tìm trong diễn giải', en: 'Search the memo' },

  // --- entry, printed forms ---
  entryTitle: { vi: 'Bút toán {ref}', en: 'Entry {ref}' },
  reverses: { vi: 'Đảo bút toán {ref}', en: 'Reverses {ref}' },
  reversedBy: { vi: 'Đã được đảo bởi {ref}', en: 'Reversed by {ref}' },
  reverseTitle: { vi: 'Đảo bút toán này', en: 'Reverse this entry' },
  reverseIntro: {
    vi: 'Ghi một bút toán ngược lại (cùng tài khoản, đổi Nợ/Có). Bút toán gốc giữ nguyên.',
    en: 'Posts the exact opposite (same accounts, debit and credit swapped). The original stays.',
  },
  reverseSubmit: { vi: 'Ghi bút toán đảo', en: 'Post the reversal' },
  printReceipt: { vi: 'In phiếu thu', en: 'Print cash receipt' },
  printVoucher: { vi: 'In phiếu chi', en: 'Print payment voucher' },
  receiptTitle: { vi: 'Phiếu thu {ref}', en: 'Cash receipt {ref}' },
  voucherTitle: { vi: 'Phiếu chi {ref}', en: 'Payment voucher {ref}' },
  noCashLine: {
    vi: 'Bút toán này không có dòng tiền mặt (TK 111); số tiền in là tổng Nợ của bút toán.',
    en: 'This entry has no cash line (account 111); the amount printed is its total debits.',
  },
  formInVietnamese: {
    vi: 'Mẫu in theo chế độ kế toán Việt Nam.',
    en: 'The printed form is the Vietnamese legal form and stays in Vietnamese.',
  },
  formLegalRef: {
    vi: '(Ban hành kèm theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ trưởng Bộ Tài chính)',
    en: '(Ban hành kèm theo Thông tư số 24/2024/TT-BTC ngày 17/4/2024 của Bộ trưởng Bộ Tài chính)',
  },

  // --- trace, verify, export ---
  traceFigure: { vi: 'Số liệu', en: 'Figure' },
  traceIntro: {
    vi: 'Số dư {account} của sổ {book}{party} tính đến {asOf:date} là tổng các dòng dưới đây. Mỗi bút toán kèm mã băm nối chuỗi: sửa một bút toán là đứt chuỗi.',
    en: 'The balance of {account} in {book}{party} as of {asOf:date} is the sum of the lines below. Each entry carries its chained hash: changing one breaks the chain.',
  },
  traceCounts: {
    vi: '{count} dòng hạch toán · Nợ {debit:dong} · Có {credit:dong}',
    en: '{count} postings · debits {debit:dong} · credits {credit:dong}',
  },
  traceOpening: {
    vi: 'Số dư trước ngày {date:date}: {balance:dong}',
    en: 'Balance before {date:date}: {balance:dong}',
  },
  traceBalanceAfter: {
    vi: 'Số dư sau {ref}: {balance:dong}',
    en: 'Balance after {ref}: {balance:dong}',
  },
  traceAgrees: {
    vi: 'Cộng dồn các dòng ({count}) khớp với số dư ✓',
    en: 'The lines ({count}) add up to the balance ✓',
  },
  traceDisagrees: {
    vi: 'Cộng các dòng KHÔNG khớp với số dư: hãy chạy kiểm tra chuỗi',
    en: 'The lines do NOT add up to the balance: run the verification',
  },
  verifyTitle: { vi: 'Kiểm tra chuỗi băm', en: 'Verify the hash chains' },
  verifyIntro: {
    vi: 'Tính lại mã băm của từng bút toán từ đầu sổ, kiểm tra từng bút toán cân, và số dư lưu sẵn bằng cộng lại từ nhật ký.',
    en: 'Recomputes every entry’s hash from the start of each book, checks every entry balances, and that stored totals equal a replay of the journal.',
  },
  verifyRun: { vi: 'Kiểm tra ngay', en: 'Verify now' },
  verifyOk: { vi: 'Khớp ✓', en: 'OK ✓' },
  verifyBad: { vi: 'SAI', en: 'FAILS' },
  verifyAllOk: { vi: 'Mọi sổ đều khớp.', en: 'Every book checks.' },
  verifySomeBad: {
    vi: 'Có sổ không khớp: xem bút toán sai đầu tiên.',
    en: 'Some book fails: see its first bad entry.',
  },
  firstBad: { vi: 'Bút toán sai đầu tiên', en: 'First bad entry' },
  headHash: { vi: 'Mã băm đầu chuỗi', en: 'Head hash' },
  exportTitle: { vi: 'Xuất dữ liệu', en: 'Export' },
  exportIntro: {
    vi: 'Nhật ký dạng CSV (mở bằng Excel, nhập lại được), hledger hoặc Beancount (kiểm tra bằng công cụ riêng của kiểm toán viên).',
    en: 'The journal as CSV (opens in Excel, re-importable), hledger or Beancount (for the auditor’s own tools).',
  },
  wholeCommune: { vi: 'Cả xã', en: 'The whole commune' },

  // --- approvals ---
  approvalsTitle: { vi: 'Duyệt nghiệp vụ (hai người)', en: 'Approvals (maker-checker)' },
  approvalTitle: { vi: 'Đề nghị số {id}', en: 'Operation {id}' },
  operationKind: { vi: 'Nghiệp vụ', en: 'Operation' },
  summary: { vi: 'Nội dung', en: 'Summary' },
  books: { vi: 'Sổ', en: 'Books' },
  proposedBy: { vi: 'Người đề nghị', en: 'Proposed by' },
  decidedBy: { vi: 'Người quyết định', en: 'Decided by' },
  status: { vi: 'Trạng thái', en: 'Status' },
  note: { vi: 'Ghi chú', en: 'Note' },
  approve: { vi: 'Duyệt và ghi sổ', en: 'Approve and post' },
  reject: { vi: 'Từ chối', en: 'Reject' },
  rejectReason: { vi: 'Lý do từ chối', en: 'Reason for rejecting' },
  ownProposal: {
    vi: 'Đề nghị của bạn: cần một người khác duyệt.',
    en: 'Your own proposal: another person must decide.',
  },
  approvedDone: { vi: 'Đã duyệt đề nghị {id}.', en: 'Operation {id} approved.' },
  rejectedDone: { vi: 'Đã từ chối đề nghị {id}.', en: 'Operation {id} rejected.' },
  noOperations: { vi: 'Không có đề nghị nào.', en: 'No operations.' },
  result: { vi: 'Kết quả', en: 'Result' },

  // --- settings ---
  usersTitle: { vi: 'Người dùng và vai trò', en: 'Users and roles' },
  addUser: { vi: 'Thêm người dùng', en: 'Add a user' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  displayName: { vi: 'Họ tên', en: 'Name' },
  role: { vi: 'Vai trò', en: 'Role' },
  scope: { vi: 'Phạm vi', en: 'Scope' },
  scopeHint: {
    vi: 'bỏ trống = cả xã; organisation:hnd, book:quy-htnd, group:g-12',
    en: 'empty = the commune; organisation:hnd, book:quy-htnd, group:g-12',
  },
  grants: { vi: 'Quyền', en: 'Grants' },
  grant: { vi: 'Giao quyền', en: 'Grant' },
  manageUser: { vi: 'Giao quyền, đặt lại mật khẩu…', en: 'Grant a role, reset the password…' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  resetPassword: { vi: 'Cấp mật khẩu một lần', en: 'Reset to a one-time password' },
  disabled: { vi: 'Đã khóa', en: 'Disabled' },
  mustChange: { vi: 'Phải đổi mật khẩu', en: 'Must change password' },
  oneTimeShown: {
    vi: 'Mật khẩu dùng một lần của {username} (chỉ hiện một lần, hãy chép lại): ',
    en: 'One-time password of {username} (shown only once, copy it now): ',
  },
  userCreated: { vi: 'Đã tạo người dùng {username}.', en: 'Created user {username}.' },
  userUpdated: { vi: 'Đã cập nhật quyền của {username}.', en: 'Updated the grants of {username}.' },
  rulesTitle: { vi: 'Quy tắc duyệt hai người', en: 'Maker-checker rules' },
  rulesIntro: {
    vi: 'Nghiệp vụ có số tiền LỚN HƠN ngưỡng phải được một người khác duyệt trước khi ghi sổ. Ngưỡng 0 = mọi nghiệp vụ. Bỏ trống = không cần duyệt.',
    en: 'Operations moving MORE than the threshold need another person’s approval before they post. 0 = every one. Empty = no approval.',
  },
  threshold: { vi: 'Ngưỡng', en: 'Threshold' },
  noRule: { vi: 'Không cần duyệt', en: 'No approval' },
  ruleAbove: { vi: 'Trên {threshold:dong}', en: 'Above {threshold:dong}' },
  setRule: { vi: 'Lưu', en: 'Save' },
  ruleSaved: { vi: 'Đã lưu quy tắc {kind}.', en: 'Saved the rule of {kind}.' },

  // --- audit ---
  auditTitle: {
    vi: 'Nhật ký hệ thống (ai làm gì, khi nào, từ đâu)',
    en: 'Audit log (who did what, when, from where)',
  },
  auditVerify: { vi: 'Kiểm tra chuỗi nhật ký', en: 'Verify the log’s chain' },
  auditOk: {
    vi: 'Nhật ký: {records} bản ghi, chuỗi băm khớp ✓',
    en: 'Audit log: {records} records, the chain checks ✓',
  },
  auditBad: {
    vi: 'Nhật ký SAI tại bản ghi #{seq}: {detail}',
    en: 'The log FAILS at record #{seq}: {detail}',
  },
  auditAction: { vi: 'Thao tác', en: 'Action' },
  auditTarget: { vi: 'Đối tượng', en: 'Target' },
  auditOutcome: { vi: 'Kết quả', en: 'Outcome' },
  auditAt: { vi: 'Lúc', en: 'At' },
  auditIp: { vi: 'Từ', en: 'From' },
  auditDetail: { vi: 'Chi tiết', en: 'Detail' },
} satisfies Record<string, Text>;
