/** Refusals and field names of the ledger core. */
import type { Text } from './types.ts';

export const LEDGER_REFUSALS: Record<string, Text> = {
  posting_spec_invalid: {
    vi: 'viết dạng TÀIKHOẢN[:ĐỐITƯỢNG]=SỐTIỀN, ví dụ 1311:HH-001=5.000.000',
    en: 'write ACCOUNT[:PARTY]=AMOUNT, e.g. 1311:HH-001=5,000,000',
  },
  shape_invalid: { vi: 'sai dạng dữ liệu: {expected}', en: 'wrong shape: {expected}' },
  amount_not_whole_dong: {
    vi: 'số tiền phải là số đồng nguyên, không có phần thập phân (ví dụ 1.050.000)',
    en: 'an amount must be whole đồng with no decimals (e.g. 1,050,000)',
  },
  amount_out_of_range: {
    vi: 'số tiền vượt giới hạn {max:dong}',
    en: 'the amount is beyond the limit of {max:dong}',
  },
  amount_zero: { vi: 'dòng hạch toán không được có số tiền bằng 0', en: 'a posting cannot be zero' },
  amount_not_positive: {
    vi: 'số tiền Nợ hoặc Có phải lớn hơn 0',
    en: 'a debit or credit must be greater than zero',
  },
  date_invalid: {
    vi: 'ngày phải có dạng dd/mm/yyyy hoặc yyyy-mm-dd và là ngày có thật',
    en: 'a date must be written dd/mm/yyyy or yyyy-mm-dd and exist in the calendar',
  },
  kind_unknown: { vi: 'loại nghiệp vụ không có trong danh mục', en: 'this kind of entry is not in the list' },
  text_invalid: { vi: 'phải là chữ, không được để trống', en: 'must be text and not empty' },
  text_too_long: { vi: 'dài quá {max} ký tự', en: 'longer than {max} characters' },
  code_invalid: { vi: 'mã chỉ được gồm các ký tự {pattern}', en: 'a code may only contain {pattern}' },
  value_not_allowed: { vi: 'chỉ được chọn một trong: {allowed}', en: 'must be one of: {allowed}' },
  entry_empty: { vi: 'bút toán không có dòng hạch toán nào', en: 'the entry has no postings' },
  entry_too_few_postings: {
    vi: 'bút toán cần ít nhất {min} dòng hạch toán',
    en: 'an entry needs at least {min} postings',
  },
  entry_too_many_postings: {
    vi: 'bút toán có quá {max} dòng hạch toán',
    en: 'an entry may have at most {max} postings',
  },
  entry_unbalanced: {
    vi: 'tổng Nợ phải bằng tổng Có; đang lệch {difference:dong}',
    en: 'debits must equal credits; they differ by {difference:dong}',
  },
  entry_memo_unbalanced: {
    vi: 'các tài khoản ngoài bảng phải cân đối với nhau; đang lệch {difference:dong}',
    en: 'memo (off-balance) accounts must balance among themselves; they differ by {difference:dong}',
  },
  entry_fields_differ: {
    vi: 'các dòng của bút toán {entry} phải cùng sổ, ngày, loại, diễn giải và số chứng từ với dòng {first}',
    en: 'rows of entry {entry} must share book, date, kind, memo and document number with row {first}',
  },
  account_unknown: {
    vi: 'không có tài khoản này trong sổ {book}',
    en: 'there is no such account in book {book}',
  },
  party_required: {
    vi: 'tài khoản {account} theo dõi chi tiết theo đối tượng: phải ghi đối tượng (hộ, thành viên)',
    en: 'account {account} is kept per party: a party (household, member) is required',
  },
  party_not_allowed: {
    vi: 'tài khoản {account} không theo dõi theo đối tượng: bỏ trống đối tượng',
    en: 'account {account} has no party dimension: leave the party empty',
  },
  book_unknown: { vi: 'không có sổ này', en: 'there is no such book' },
  template_unknown: { vi: 'không có mẫu sổ này', en: 'there is no such book template' },
  organisation_unknown: { vi: 'không có tổ chức này', en: 'there is no such organisation' },
  tenant_unknown: {
    vi: 'không có xã (đơn vị) này trong cơ sở dữ liệu',
    en: 'there is no such commune in the database',
  },
  tenant_required: {
    vi: 'cơ sở dữ liệu có {count} xã: chọn một bằng --tenant hoặc SOQUY_TENANT',
    en: 'the database holds {count} communes: choose one with --tenant or SOQUY_TENANT',
  },
  already_exists: { vi: 'đã có, không tạo lại', en: 'already exists' },
  too_many: { vi: 'vượt giới hạn {max}', en: 'beyond the limit of {max}' },
  period_closed: {
    vi: 'sổ {book} đã khóa sổ đến hết ngày {lockedThrough:date}: không ghi được bút toán vào kỳ đã khóa',
    en: 'book {book} is closed through {lockedThrough:date}: nothing can be posted into a closed period',
  },
  period_already_closed: {
    vi: 'sổ đã khóa đến {lockedThrough:date}; chỉ khóa tiếp được ngày sau đó, không mở lại kỳ đã khóa',
    en: 'the book is closed through {lockedThrough:date}; a period can only be closed forward, never reopened',
  },
  idempotency_key_reused: {
    vi: 'mã chống trùng này đã dùng cho một yêu cầu có nội dung khác',
    en: 'this idempotency key was already used for a request with different content',
  },
  balance_rule_broken: {
    vi: 'tài khoản {account} {party} sẽ có số dư {balance:dong} vào ngày {date:date}; quy tắc: số dư không được âm',
    en: 'account {account} {party} would stand at {balance:dong} on {date:date}; rule: the balance may never be negative',
  },
  batch_empty: { vi: 'không có bút toán nào để ghi', en: 'there is nothing to post' },
  batch_too_large: { vi: 'một lần ghi tối đa {max} bút toán', en: 'at most {max} entries in one batch' },
  entry_unknown: {
    vi: 'không có bút toán số này trong sổ {book}',
    en: 'there is no entry with this number in book {book}',
  },
  entry_is_reversal: {
    vi: 'đây là bút toán đảo; muốn sửa thì ghi bút toán mới',
    en: 'this entry is itself a reversal; post a new entry instead',
  },
  entry_already_reversed: {
    vi: 'bút toán này đã được đảo (bởi #{by})',
    en: 'this entry has already been reversed (by #{by})',
  },
  reversal_before_original: {
    vi: 'ngày đảo không được trước ngày bút toán gốc {original:date}',
    en: 'a reversal cannot be dated before the original entry ({original:date})',
  },
  file_unreadable: { vi: 'không đọc được tệp: {value}', en: 'the file cannot be read' },
  column_missing: { vi: 'thiếu cột bắt buộc', en: 'a required column is missing' },
  column_unknown: { vi: 'cột không được hỗ trợ', en: 'this column is not recognised' },
  row_width: {
    vi: 'dòng có số cột khác dòng tiêu đề ({expected})',
    en: 'the row has a different number of columns than the header ({expected})',
  },
  debit_or_credit: {
    vi: 'mỗi dòng ghi đúng một trong hai cột Nợ (debit) hoặc Có (credit)',
    en: 'each row fills exactly one of debit or credit',
  },
};

export const LEDGER_FIELDS: Record<string, Text> = {
  date: { vi: 'Ngày', en: 'Date' },
  book: { vi: 'Sổ', en: 'Book' },
  kind: { vi: 'Loại nghiệp vụ', en: 'Kind' },
  memo: { vi: 'Diễn giải', en: 'Memo' },
  documentNo: { vi: 'Số chứng từ', en: 'Document no.' },
  document_no: { vi: 'Số chứng từ', en: 'Document no.' },
  account: { vi: 'Tài khoản', en: 'Account' },
  party: { vi: 'Đối tượng', en: 'Party' },
  amount: { vi: 'Số tiền', en: 'Amount' },
  debit: { vi: 'Nợ', en: 'Debit' },
  credit: { vi: 'Có', en: 'Credit' },
  postings: { vi: 'Các dòng hạch toán', en: 'Postings' },
  entries: { vi: 'Các bút toán', en: 'Entries' },
  idempotencyKey: { vi: 'Mã chống trùng', en: 'Idempotency key' },
  tenant: { vi: 'Xã', en: 'Commune' },
  through: { vi: 'Khóa sổ đến ngày', en: 'Close through' },
  asOf: { vi: 'Tính đến ngày', en: 'As of' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  seq: { vi: 'Số bút toán', en: 'Entry no.' },
  template: { vi: 'Mẫu sổ', en: 'Template' },
  organisation: { vi: 'Tổ chức', en: 'Organisation' },
  code: { vi: 'Mã', en: 'Code' },
  type: { vi: 'Loại tài khoản', en: 'Account type' },
  nameVi: { vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)' },
  nameEn: { vi: 'Tên (tiếng Anh)', en: 'Name (English)' },
  file: { vi: 'Tệp', en: 'File' },
  entry: { vi: 'Mã bút toán', en: 'Entry ref' },
};
