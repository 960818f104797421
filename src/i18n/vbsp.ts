/** Refusals and field names of the VBSP transaction day (issue 6). Vietnamese first, English second. */
import type { Text } from './types.ts';

export const VBSP_REFUSALS: Record<string, Text> = {
  vbsp_column_unknown: {
    vi: 'cột không có trong mẫu sao kê; các cột nhận: {allowed}',
    en: 'a column the statement layout does not have; columns read: {allowed}',
  },
  vbsp_column_duplicate: {
    vi: 'cột này có hai lần trong dòng tiêu đề',
    en: 'this column appears twice in the header',
  },
  vbsp_column_missing: { vi: 'sao kê thiếu cột này', en: 'the statement lacks this column' },
  vbsp_header_missing: {
    vi: 'không tìm thấy dòng tiêu đề (trong 10 dòng đầu) có các cột: {columns}',
    en: 'no header row (within the first 10 rows) with the columns: {columns}',
  },
  vbsp_statement_empty: { vi: 'sao kê không có dòng khoản vay nào', en: 'the statement has no loan rows' },
  vbsp_agreement_invalid: {
    vi: 'số khế ước phải có, tối đa {max} ký tự',
    en: 'an agreement number is required, at most {max} characters',
  },
  vbsp_agreement_duplicate: {
    vi: 'số khế ước này đã có ở dòng {first}',
    en: 'this agreement number is already on row {first}',
  },
  vbsp_agreement_unknown: {
    vi: 'soquy không có khế ước này trong sổ; nếu muốn đối chiếu vẫn nhập, chọn "giữ khế ước lạ"',
    en: 'soquy has no such agreement in this book; to reconcile anyway, import with "keep unknown agreements"',
  },
  vbsp_amount_invalid: {
    vi: 'số tiền phải là số đồng nguyên không âm (ví dụ 1.050.000), không có phần thập phân hay chữ',
    en: 'an amount must be whole đồng, not negative (e.g. 1,050,000), with no decimals or words',
  },
  vbsp_parts_exceed_outstanding: {
    vi: 'nợ quá hạn cộng nợ khoanh vượt dư nợ {outstanding:dong}',
    en: 'overdue plus frozen is more than the outstanding {outstanding:dong}',
  },
  vbsp_day_invalid: {
    vi: 'ngày giao dịch trong tháng phải từ 1 đến 31',
    en: 'the day of the month must be 1 to 31',
  },
  vbsp_point_unknown: { vi: 'không có điểm giao dịch này', en: 'there is no such transaction point' },
  vbsp_group_has_point: {
    vi: 'tổ đã giao dịch tại điểm {point}',
    en: 'the group already hands over at point {point}',
  },
  vbsp_percent_invalid: {
    vi: 'tỷ lệ phải là phần trăm từ 0 đến 100, tối đa 4 chữ số thập phân (ví dụ 0,08)',
    en: 'a rate must be a percentage from 0 to 100 with at most 4 decimals (e.g. 0.08)',
  },
  vbsp_month_invalid: {
    vi: 'tháng phải viết YYYY-MM (ví dụ 2025-03)',
    en: 'a month is written YYYY-MM (e.g. 2025-03)',
  },
  vbsp_group_unknown: {
    vi: 'không có tổ TK&VV nào có khoản vay ủy thác với mã này',
    en: 'no savings-and-loan group with entrusted loans has this id',
  },
  vbsp_group_books_differ: {
    vi: 'khoản vay của tổ nằm ở nhiều sổ ({books}); mỗi bảng kê thuộc một sổ',
    en: 'the group’s loans are in several books ({books}); a sheet belongs to one book',
  },
  vbsp_sheet_empty: { vi: 'bảng kê không có dòng nào', en: 'the sheet has no lines' },
  vbsp_date_outside_month: {
    vi: 'ngày thu phải trong tháng {month} của bảng kê',
    en: 'the collection date must be in the sheet’s month {month}',
  },
  vbsp_sheet_exists: {
    vi: 'bảng kê tháng này của tổ {group} đã được ghi',
    en: 'the sheet of group {group} for this month is already recorded',
  },
  vbsp_sheet_missing: {
    vi: 'chưa ghi bảng kê tháng này của tổ {group}',
    en: 'the sheet of group {group} for this month is not recorded yet',
  },
  vbsp_loan_not_in_group: {
    vi: 'khoản vay không thuộc tổ {group} hoặc không còn dư nợ, lãi phải thu',
    en: 'the loan is not in group {group} or owes nothing',
  },
  vbsp_interest_exceeds_due: {
    vi: 'lãi thu vượt lãi phải thu {max:dong}',
    en: 'the interest collected is more than the interest owed, {max:dong}',
  },
  vbsp_principal_before_interest: {
    vi: 'còn lãi {interest:dong} chưa thu: thu lãi trước khi thu gốc từ tiền gửi',
    en: 'interest of {interest:dong} is still owed: collect it before principal from savings',
  },
  vbsp_date_before_sheet: {
    vi: 'ngày này trước ngày của bảng kê ({sheet:date})',
    en: 'this date is before the sheet’s ({sheet:date})',
  },
  vbsp_handover_exists: {
    vi: 'tiền của tổ {group} tháng này đã nộp',
    en: 'group {group}’s cash for this month is already handed over',
  },
  vbsp_rate_missing: {
    vi: 'chưa có tỷ lệ phí ủy thác và hoa hồng hiệu lực vào ngày này',
    en: 'no entrustment fee and commission rates in force on this date',
  },
  vbsp_fee_exists: {
    vi: 'phí, hoa hồng tháng này của tổ {group} đã hạch toán',
    en: 'the fee and commission of group {group} for this month are already booked',
  },
  vbsp_fee_missing: {
    vi: 'phí, hoa hồng tháng này của tổ {group} chưa hạch toán',
    en: 'the fee and commission of group {group} for this month are not booked yet',
  },
  vbsp_fee_paid: { vi: 'đã chi ngày {paidOn:date}', en: 'already paid on {paidOn:date}' },
  vbsp_statement_unknown: { vi: 'không có sao kê này', en: 'there is no such statement' },
};

export const VBSP_FIELDS: Record<string, Text> = {
  dayOfMonth: { vi: 'Ngày giao dịch trong tháng', en: 'Day of the month' },
  place: { vi: 'Địa điểm', en: 'Place' },
  point: { vi: 'Điểm giao dịch', en: 'Transaction point' },
  month: { vi: 'Tháng', en: 'Month' },
  lines: { vi: 'Dòng', en: 'Lines' },
  interest: { vi: 'Lãi thu', en: 'Interest collected' },
  savings: { vi: 'Tiền gửi tiết kiệm', en: 'Savings deposited' },
  principalFromSavings: { vi: 'Gốc thu từ tiền gửi', en: 'Principal from savings' },
  counted: { vi: 'Tiền thực nộp', en: 'Cash counted' },
  fee: { vi: 'Phí ủy thác', en: 'Entrustment fee' },
  commission: { vi: 'Hoa hồng', en: 'Commission' },
  borrower: { vi: 'Người vay', en: 'Borrower' },
  outstanding: { vi: 'Dư nợ', en: 'Outstanding' },
  overdue: { vi: 'Nợ quá hạn', en: 'Overdue' },
  frozen: { vi: 'Nợ khoanh', en: 'Frozen' },
  interestDue: { vi: 'Lãi phải thu', en: 'Interest due' },
  header: { vi: 'Dòng tiêu đề', en: 'Header' },
  statement: { vi: 'Sao kê', en: 'Statement' },
  fileName: { vi: 'Tên tệp', en: 'File name' },
  asOf: { vi: 'Đến ngày', en: 'As of' },
};

/** Texts of `soquy vbsp …`. */
export const VBSP_CLI = {
  vbsp: {
    vi: 'ngày giao dịch NHCSXH: điểm giao dịch, bảng kê 13/TD, nộp tiền, phí, sao kê',
    en: 'VBSP transaction day: points, 13/TD sheets, hand-over, fees, statements',
  },
  point: { vi: 'điểm giao dịch xã', en: 'commune transaction points' },
  calendar: { vi: 'lịch các ngày giao dịch sắp tới', en: 'upcoming transaction days' },
  rate: { vi: 'tỷ lệ phí ủy thác và hoa hồng (theo ngày hiệu lực)', en: 'dated fee and commission rates' },
  sheet: {
    vi: 'bảng kê thu lãi, thu tiết kiệm của tổ (mẫu 13/TD)',
    en: 'group collection sheet (form 13/TD)',
  },
  handover: { vi: 'nộp tiền của tổ tại điểm giao dịch', en: 'hand the group’s cash over at the point' },
  fee: { vi: 'phí ủy thác và hoa hồng tổ trưởng', en: 'entrustment fee and group-leader commission' },
  statement: { vi: 'sao kê của ngân hàng và đối chiếu', en: 'the bank’s statement and reconciliation' },
  monthly: {
    vi: 'danh sách theo dõi hằng tháng và báo cáo dư nợ',
    en: 'monthly lists and outstanding report',
  },
  recordedSheet: {
    vi: 'Đã ghi bảng kê {sheet}: lãi {interest}, tiết kiệm {savings}, gốc từ tiền gửi {principal}; bút toán {entries}',
    en: 'Recorded sheet {sheet}: interest {interest}, savings {savings}, principal from savings {principal}; entries {entries}',
  },
  handedOver: {
    vi: 'Đã nộp {counted} (bảng kê {expected}, chênh lệch {difference}); bút toán {entries}',
    en: 'Handed over {counted} (sheet {expected}, difference {difference}); entries {entries}',
  },
  feeBooked: {
    vi: 'Phí ủy thác {fee}, hoa hồng {commission} trên số lãi thu {base}; bút toán {entries}',
    en: 'Fee {fee}, commission {commission} on interest collected {base}; entries {entries}',
  },
  imported: {
    vi: 'Đã nhập sao kê {statement}: {rows} dòng',
    en: 'Imported statement {statement}: {rows} rows',
  },
  noDifference: { vi: 'Khớp: không có chênh lệch', en: 'Agreed: no differences' },
  done: { vi: 'Đã ghi', en: 'Recorded' },
} as const;

/** Names of the reconciliation's kinds of difference. */
export const VBSP_DIFFERENCES: Record<string, { vi: string; en: string }> = {
  missing_in_soquy: { vi: 'Có ở sao kê, không có ở soquy', en: 'On the statement, not in soquy' },
  missing_in_statement: { vi: 'Có ở soquy, không có ở sao kê', en: 'In soquy, not on the statement' },
  outstanding: { vi: 'Dư nợ lệch', en: 'Outstanding differs' },
  overdue: { vi: 'Nợ quá hạn lệch', en: 'Overdue differs' },
  overdue_status: { vi: 'Trạng thái quá hạn khác nhau', en: 'Overdue status differs' },
  frozen: { vi: 'Nợ khoanh lệch', en: 'Frozen differs' },
  frozen_status: { vi: 'Trạng thái khoanh nợ khác nhau', en: 'Frozen status differs' },
  interest_due: { vi: 'Lãi phải thu lệch', en: 'Interest due differs' },
};
