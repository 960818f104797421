/** Texts of the server: refusals of access and approvals, HTTP errors, pages and commands. */
import type { Text } from './types.ts';

export const SERVER_REFUSALS: Record<string, Text> = {
  type_invalid: { vi: 'sai kiểu dữ liệu: cần {expected}', en: 'wrong type: {expected} expected' },
  field_unknown: {
    vi: 'trường này không có trong yêu cầu hợp lệ: {keys}',
    en: 'this field is not part of the request: {keys}',
  },
  too_small: { vi: 'cần ít nhất {min}', en: 'at least {min} required' },
  too_big: { vi: 'tối đa {max}', en: 'at most {max}' },
  format_invalid: { vi: 'không đúng định dạng {format}', en: 'not in the format {format}' },
  number_out_of_range: {
    vi: 'phải là số nguyên từ {min} đến {max}',
    en: 'must be a whole number from {min} to {max}',
  },
  entry_ref_invalid: {
    vi: 'mã bút toán viết dạng SỔ#SỐ, ví dụ quy-htnd#42',
    en: 'an entry reference is written BOOK#SEQ, e.g. quy-htnd#42',
  },
  json_malformed: {
    vi: 'nội dung gửi lên không phải JSON hợp lệ: {detail}',
    en: 'the request body is not valid JSON: {detail}',
  },
  idempotency_key_required: {
    vi: 'yêu cầu ghi tiền phải có tiêu đề Idempotency-Key (một mã duy nhất cho mỗi lần ghi, tối đa {max} ký tự)',
    en: 'a request that moves money needs an Idempotency-Key header (unique per write, at most {max} characters)',
  },
  idempotency_key_mismatch: {
    vi: 'mã chống trùng trong nội dung khác với tiêu đề Idempotency-Key',
    en: 'the idempotency key in the body differs from the Idempotency-Key header',
  },
  username_invalid: {
    vi: 'tên đăng nhập gồm 2 đến {max} ký tự: chữ thường không dấu, số, dấu . _ -',
    en: 'a username has 2 to {max} characters: lower-case letters, digits, . _ -',
  },
  password_too_short: {
    vi: 'mật khẩu phải có ít nhất {min} ký tự (một câu dễ nhớ là tốt nhất)',
    en: 'a password needs at least {min} characters (a memorable sentence works best)',
  },
  password_too_long: {
    vi: 'mật khẩu dài quá {max} ký tự',
    en: 'a password may have at most {max} characters',
  },
  password_wrong: { vi: 'mật khẩu hiện tại không đúng', en: 'the current password is not right' },
  password_unchanged: {
    vi: 'mật khẩu mới phải khác mật khẩu hiện tại',
    en: 'the new password must differ from the current one',
  },
  credentials_invalid: {
    vi: 'tên đăng nhập hoặc mật khẩu không đúng',
    en: 'the username or password is not right',
  },
  sign_in_locked: {
    vi: 'đăng nhập sai quá nhiều lần; thử lại sau {seconds} giây',
    en: 'too many failed sign-ins; try again in {seconds} seconds',
  },
  user_unknown: { vi: 'không có người dùng này', en: 'there is no such user' },
  token_unknown: { vi: 'không có mã truy cập này', en: 'there is no such API token' },
  scope_invalid: {
    vi: 'phạm vi viết dạng organisation:MÃ, book:MÃ, group:MÃ hoặc commune',
    en: 'a scope is written organisation:ID, book:CODE, group:ID or commune',
  },
  scope_not_for_role: {
    vi: 'vai trò {role} chỉ được giao trong phạm vi: {allowed}',
    en: 'the role {role} can only be granted in: {allowed}',
  },
  scope_unknown: {
    vi: 'không có tổ chức hoặc sổ này trong xã',
    en: 'there is no such organisation or book in the commune',
  },
  grant_unknown: { vi: 'người dùng không có quyền này', en: 'the user does not hold this grant' },
  cannot_revoke_own_admin: {
    vi: 'không tự bỏ quyền quản trị của chính mình; nhờ một quản trị viên khác',
    en: 'you cannot revoke your own admin role; ask another admin',
  },
  operation_unknown: { vi: 'không có đề nghị này', en: 'there is no such operation' },
  operation_already_decided: {
    vi: 'đề nghị này đã được {status} bởi {by}',
    en: 'this operation has already been {status} by {by}',
  },
  approver_is_proposer: {
    vi: 'người đề nghị ({by}) không được tự duyệt: cần một người khác',
    en: 'the proposer ({by}) cannot approve their own operation: another person must',
  },
};

export const SERVER_FIELDS: Record<string, Text> = {
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  current: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  next: { vi: 'Mật khẩu mới', en: 'New password' },
  displayName: { vi: 'Họ tên', en: 'Name' },
  role: { vi: 'Vai trò', en: 'Role' },
  scope: { vi: 'Phạm vi', en: 'Scope' },
  grants: { vi: 'Quyền', en: 'Grants' },
  name: { vi: 'Tên', en: 'Name' },
  ttlDays: { vi: 'Số ngày hiệu lực', en: 'Days valid' },
  thresholdDong: { vi: 'Ngưỡng (đồng)', en: 'Threshold (đồng)' },
  note: { vi: 'Ghi chú', en: 'Note' },
  id: { vi: 'Mã', en: 'Id' },
  ref: { vi: 'Mã bút toán', en: 'Entry ref' },
  format: { vi: 'Định dạng', en: 'Format' },
  limit: { vi: 'Số dòng', en: 'Rows' },
  after: { vi: 'Sau', en: 'After' },
  status: { vi: 'Trạng thái', en: 'Status' },
  text: { vi: 'Tìm trong diễn giải', en: 'Search memo' },
  body: { vi: 'Nội dung', en: 'Body' },
  payload: { vi: 'Nội dung đề nghị', en: 'Payload' },
  kindOp: { vi: 'Loại nghiệp vụ', en: 'Operation kind' },
  header: { vi: 'Tiêu đề', en: 'Header' },
};

/** `error.message` of each HTTP error code. */
export const HTTP_ERRORS = {
  malformed_json: {
    vi: 'Nội dung gửi lên không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  unauthenticated: {
    vi: 'Cần đăng nhập (phiên đã hết hạn, đã đăng xuất hoặc mã truy cập không hợp lệ).',
    en: 'Sign-in required (the session expired or ended, or the token is not valid).',
  },
  forbidden: { vi: 'Vai trò của bạn không được làm việc này.', en: 'Your role does not allow this.' },
  csrf_token_invalid: {
    vi: 'Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token). Tải lại trang rồi thử lại.',
    en: 'Missing or wrong anti-forgery token (X-CSRF-Token). Reload the page and try again.',
  },
  password_change_required: {
    vi: 'Hãy đổi mật khẩu dùng một lần trước khi làm việc khác.',
    en: 'Change your one-time password before doing anything else.',
  },
  not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
  idempotency_key_reused: {
    vi: 'Mã chống trùng này đã dùng cho một yêu cầu khác.',
    en: 'This idempotency key was already used for a different request.',
  },
  operation_already_decided: {
    vi: 'Đề nghị này đã được quyết định.',
    en: 'This operation has already been decided.',
  },
  approver_is_proposer: {
    vi: 'Người đề nghị không được tự duyệt.',
    en: 'The proposer cannot approve their own operation.',
  },
  payload_too_large: {
    vi: 'Nội dung gửi lên quá lớn (tối đa {max} byte).',
    en: 'The request body is too large (at most {max} bytes).',
  },
  unsupported_media_type: {
    vi: 'Nội dung phải là JSON (Content-Type: application/json).',
    en: 'The body must be JSON (Content-Type: application/json).',
  },
  refused: { vi: 'Không ghi: {count} lỗi.', en: 'Refused: {count} problems.' },
  idempotency_key_required: {
    vi: 'Thiếu tiêu đề Idempotency-Key.',
    en: 'The Idempotency-Key header is missing.',
  },
  rate_limited: {
    vi: 'Thử quá nhiều lần; hãy đợi {seconds} giây.',
    en: 'Too many attempts; wait {seconds} seconds.',
  },
  storage_unavailable: {
    vi: 'Máy chủ không ghi được vào ổ đĩa (đầy hoặc lỗi); không có gì bị ghi dở. Hãy báo người quản trị.',
    en: 'The server cannot write to its disk (full or failing); nothing was half-written. Tell the administrator.',
  },
  internal_error: {
    vi: 'Lỗi hệ thống (không phải do dữ liệu nhập). Mã yêu cầu: {requestId}.',
    en: 'Internal error (not caused by your input). Request id: {requestId}.',
  },
} satisfies Record<string, Text>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** Texts of the pages (the web app of issue 10 adds its own). */
export const PAGES = {
  appName: { vi: 'Sổ quỹ', en: 'Sổ quỹ (fund book)' },
  tagline: {
    vi: 'Sổ kế toán kép cho quỹ cộng đồng của xã',
    en: 'A double-entry ledger for a commune’s community money',
  },
  signIn: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  commune: { vi: 'Xã', en: 'Commune' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  currentPassword: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  newPassword: { vi: 'Mật khẩu mới (ít nhất {min} ký tự)', en: 'New password (at least {min} characters)' },
  changePassword: { vi: 'Đổi mật khẩu', en: 'Change password' },
  mustChange: {
    vi: 'Bạn đang dùng mật khẩu một lần. Hãy đặt mật khẩu mới.',
    en: 'You are using a one-time password. Please set a new one.',
  },
  passwordChanged: { vi: 'Đã đổi mật khẩu.', en: 'Password changed.' },
  hello: { vi: 'Xin chào, {name}', en: 'Hello, {name}' },
  roles: { vi: 'Quyền', en: 'Roles' },
  books: { vi: 'Sổ của bạn', en: 'Your books' },
  noBooks: { vi: 'Chưa có sổ nào bạn được xem.', en: 'No book you can read yet.' },
  organisations: { vi: 'Tổ chức', en: 'Organisations' },
  recentEntries: {
    vi: 'Bút toán gần đây (5 bút toán cuối mỗi sổ)',
    en: 'Recent entries (the last 5 of each book)',
  },
  api: { vi: 'API (tài liệu OpenAPI)', en: 'API (OpenAPI document)' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  noTenant: {
    vi: 'Chưa có xã nào trong cơ sở dữ liệu. Tạo bằng: soquy init --tenant huong-son --name "Xã Hương Sơn"',
    en: 'No commune in the database yet. Create one: soquy init --tenant huong-son --name "Huong Son commune"',
  },
  hDate: { vi: 'Ngày', en: 'Date' },
  hEntry: { vi: 'Số', en: 'No.' },
  hMemo: { vi: 'Diễn giải', en: 'Memo' },
  hAmount: { vi: 'Số tiền', en: 'Amount' },
  hActor: { vi: 'Người ghi', en: 'By' },
  notFound: { vi: 'Không tìm thấy trang này.', en: 'This page does not exist.' },
  formExpired: {
    vi: 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy thử lại.',
    en: 'The form expired or is not valid. Please try again.',
  },
} satisfies Record<string, Text>;

/** Texts of the server's commands. */
export const SERVER_CLI = {
  serve: {
    vi: 'chạy máy chủ: API JSON (/api/v1), tài liệu OpenAPI và các trang',
    en: 'run the server: JSON API (/api/v1), OpenAPI document and pages',
  },
  start: {
    vi: 'chạy soquy trên cơ sở dữ liệu mặc định (như serve)',
    en: 'run soquy on the default database (like serve)',
  },
  optPort: {
    vi: 'cổng (mặc định PORT hoặc 3000; 0 = tự chọn)',
    en: 'port (default PORT or 3000; 0 = any free)',
  },
  optHost: {
    vi: 'địa chỉ lắng nghe (mặc định HOST hoặc 127.0.0.1, chỉ máy này)',
    en: 'address to listen on (default HOST or 127.0.0.1, this machine only)',
  },
  listening: { vi: 'soquy đang chạy. Mở {url}', en: 'soquy is running. Open {url}' },
  stopping: { vi: 'Đang dừng…', en: 'Stopping…' },
  firstAdmin: {
    vi: 'Xã {tenant}: đã tạo người quản trị "admin" với mật khẩu dùng một lần:\n\n    {password}\n\nĐăng nhập rồi đổi mật khẩu ngay (mật khẩu này chỉ hiện một lần).',
    en: 'Commune {tenant}: created admin user "admin" with the one-time password:\n\n    {password}\n\nSign in and change it at once (it is shown only this time).',
  },
  user: { vi: 'người dùng và quyền', en: 'users and their roles' },
  userAdd: { vi: 'thêm người dùng', en: 'add a user' },
  userList: { vi: 'danh sách người dùng', en: 'list users' },
  userGrant: { vi: 'giao quyền', en: 'grant a role' },
  userRevoke: { vi: 'thu hồi quyền', en: 'revoke a role' },
  userToken: { vi: 'tạo mã truy cập API (hiện một lần)', en: 'create an API token (shown once)' },
  userPasswd: {
    vi: 'đặt lại mật khẩu dùng một lần cho người dùng',
    en: 'reset a user’s password to a one-time password',
  },
  optRole: {
    vi: 'vai trò: admin | treasurer | group_leader | auditor | viewer',
    en: 'role: admin | treasurer | group_leader | auditor | viewer',
  },
  optScope: {
    vi: 'phạm vi: organisation:MÃ | book:MÃ | group:MÃ (bỏ trống = cả xã)',
    en: 'scope: organisation:ID | book:CODE | group:ID (empty = the commune)',
  },
  userCreated: {
    vi: 'Đã tạo người dùng {username}.',
    en: 'Created user {username}.',
  },
  oneTime: {
    vi: 'Mật khẩu dùng một lần (phải đổi khi đăng nhập lần đầu): {password}',
    en: 'One-time password (must be changed at first sign-in): {password}',
  },
  tokenCreated: {
    vi: 'Mã truy cập {id} (hết hạn {expiresAt}); chỉ hiện một lần:\n{token}',
    en: 'API token {id} (expires {expiresAt}); shown only once:\n{token}',
  },
  granted: { vi: '{username}: {grants}', en: '{username}: {grants}' },
  audit: {
    vi: 'nhật ký kiểm toán (ai làm gì, khi nào, từ đâu)',
    en: 'the audit log (who did what, when, from where)',
  },
  auditVerify: { vi: 'kiểm tra chuỗi băm của nhật ký kiểm toán', en: 'verify the audit log’s hash chain' },
  auditExport: { vi: 'xuất nhật ký kiểm toán: csv hoặc json', en: 'export the audit log: csv or json' },
  auditOk: {
    vi: 'Nhật ký kiểm toán: {records} bản ghi, chuỗi băm khớp. Đầu chuỗi {hash}',
    en: 'Audit log: {records} records, the chain checks. Head {hash}',
  },
  auditBad: {
    vi: 'Nhật ký kiểm toán: SAI tại bản ghi #{seq} ({problem}): {detail}',
    en: 'Audit log: FAILS at record #{seq} ({problem}): {detail}',
  },
  approval: { vi: 'quy tắc kiểm soát hai người (maker-checker)', en: 'maker-checker rules' },
  approvalRule: {
    vi: 'đặt ngưỡng cần người thứ hai duyệt cho một loại nghiệp vụ (--off để bỏ)',
    en: 'set the amount above which a kind of operation needs a second person (--off to remove)',
  },
  ruleSet: {
    vi: '{kind}: trên {threshold:dong} cần người thứ hai duyệt.',
    en: '{kind}: above {threshold:dong} needs a second person.',
  },
  ruleOff: { vi: '{kind}: không cần duyệt.', en: '{kind}: no approval needed.' },
  seedHook: {
    vi: 'Cơ sở dữ liệu trống: chưa có xã mẫu để nạp (sẽ có ở bản sau).',
    en: 'Empty database: no demo commune to load yet (comes in a later release).',
  },
} satisfies Record<string, Text>;
