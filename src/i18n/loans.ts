/** Refusals, field names and command texts of loans. Vietnamese first, English second. */
import type { Text } from './types.ts';

export const LOANS_REFUSALS: Record<string, Text> = {
  loan_unknown: { vi: 'không có khế ước vay này', en: 'there is no such loan' },
  programme_unknown: { vi: 'không có chương trình cho vay này', en: 'there is no such lending programme' },
  borrower_unknown: {
    vi: 'không có hộ này trong sổ hộ của xã (hoặc hộ đã lưu trữ)',
    en: 'there is no such household in the commune registry (or it is archived)',
  },
  shock_not_borrowers: {
    vi: 'không có sự kiện rủi ro này trong sổ hộ (hoặc không thuộc hộ vay)',
    en: 'there is no such shock event in the registry (or it is not the borrower’s)',
  },
  book_template_mismatch: {
    vi: 'khoản vay của chương trình này phải ghi vào sổ lập theo mẫu {template}',
    en: 'loans of this programme are kept in a book made from template {template}',
  },
  book_not_entrusted: {
    vi: 'chỉ nộp tiền thu hộ ở sổ dư nợ ủy thác NHCSXH',
    en: 'collections are handed over only from a VBSP entrusted book',
  },
  term_too_long: {
    vi: 'thời hạn vay vượt tối đa {max} tháng của chương trình',
    en: 'the term is beyond the programme’s maximum of {max} months',
  },
  term_not_multiple: {
    vi: 'số tháng trả gốc ({months}) phải chia hết cho kỳ trả gốc',
    en: 'the months of repayment ({months}) must be a whole number of principal periods',
  },
  months_out_of_range: {
    vi: 'số tháng phải là số nguyên từ {min} đến {max}',
    en: 'the months must be a whole number from {min} to {max}',
  },
  grace_too_long: {
    vi: 'thời gian ân hạn phải ngắn hơn thời hạn vay ({term} tháng)',
    en: 'a grace period must be shorter than the term ({term} months)',
  },
  annuity_periods_differ: {
    vi: 'trả góp đều: kỳ trả lãi phải trùng kỳ trả gốc ({principalEveryMonths} tháng)',
    en: 'an annuity pays interest with each instalment: every {principalEveryMonths} months',
  },
  custom_schedule_invalid: {
    vi: 'lịch trả nợ tự lập cần từ 1 đến {max} kỳ',
    en: 'a custom schedule needs 1 to {max} instalments',
  },
  custom_dates_not_ascending: {
    vi: 'các kỳ trả nợ phải theo thứ tự ngày tăng dần, không trùng ngày',
    en: 'instalments must be in ascending date order, one per day',
  },
  custom_sum_mismatch: {
    vi: 'tổng gốc các kỳ phải bằng số tiền vay {expected:dong}',
    en: 'the instalments’ principal must sum to the amount, {expected:dong}',
  },
  custom_beyond_term: {
    vi: 'kỳ trả cuối vượt quá thời hạn vay {term} tháng',
    en: 'the last instalment is beyond the term of {term} months',
  },
  source_required: {
    vi: 'khoản vay Quỹ HTND phải ghi nguồn vốn: {allowed}',
    en: 'a Farmers Support Fund loan must name its capital source: {allowed}',
  },
  source_capital_exceeded: {
    vi: 'nguồn vốn {source} còn {capital:dong}, đã cho vay {lent:dong}: không đủ để giải ngân',
    en: 'the {source} capital is {capital:dong} and {lent:dong} is lent out: not enough to disburse',
  },
  household_cap_exceeded: {
    vi: 'vượt mức cho vay tối đa {cap:dong} mỗi hộ (hộ đang vay, cam kết {other:dong})',
    en: 'beyond the cap of {cap:dong} per household (already lent or committed: {other:dong})',
  },
  project_cap_exceeded: {
    vi: 'vượt mức tối đa {cap:dong} mỗi dự án, tổ (đã vay, cam kết {other:dong})',
    en: 'beyond the cap of {cap:dong} per project or group (already lent or committed: {other:dong})',
  },
  amount_exceeds_applied: {
    vi: 'số tiền duyệt không được lớn hơn số tiền đề nghị vay {applied:dong}',
    en: 'the amount approved cannot exceed the amount applied for, {applied:dong}',
  },
  loan_already_approved: { vi: 'khoản vay đã được phê duyệt', en: 'the loan is already approved' },
  loan_not_approved: {
    vi: 'khoản vay chưa được phê duyệt: chưa giải ngân được',
    en: 'the loan is not approved: it cannot be disbursed',
  },
  approver_required: {
    vi: 'phải ghi người phê duyệt',
    en: 'the approver must be recorded',
  },
  document_required: {
    vi: 'phải ghi số văn bản, quyết định',
    en: 'the document (decision) number must be recorded',
  },
  disbursement_exceeds_approved: {
    vi: 'vượt số tiền được duyệt: chỉ còn giải ngân được {remaining:dong} (duyệt {approved:dong})',
    en: 'beyond the amount approved: {remaining:dong} is left to disburse (approved {approved:dong})',
  },
  disbursement_past_term: {
    vi: 'đã vào kỳ trả nợ (kỳ đầu {firstDue:date}): không giải ngân thêm được',
    en: 'repayment has begun (first instalment {firstDue:date}): no further tranche can be disbursed',
  },
  tranche_after_modification: {
    vi: 'lịch trả nợ đã gia hạn, điều chỉnh hoặc khoanh: không giải ngân thêm được',
    en: 'the schedule was extended, adjusted or frozen: no further tranche can be disbursed',
  },
  rate_missing: {
    vi: 'chương trình {programme} chưa có lãi suất áp dụng vào ngày này: thêm bằng programme rate-add',
    en: 'programme {programme} has no rate in force on this day: add one with programme rate-add',
  },
  loan_not_disbursed: { vi: 'khoản vay chưa giải ngân', en: 'the loan has not been disbursed' },
  repayment_exceeds_outstanding: {
    vi: 'số tiền trả vượt tổng dư nợ và lãi phải trả đến ngày này: tối đa {max:dong}',
    en: 'more than everything owed on this day: at most {max:dong}',
  },
  interest_exceeds_owed: {
    vi: 'phần lãi (phí) vượt số lãi quá hạn, đến hạn và tính đến ngày trả: tối đa {max:dong}',
    en: 'the interest (charge) part is above the overdue, due and accrued interest of the day: at most {max:dong}',
  },
  split_mismatch: {
    vi: 'gốc cộng lãi của phần chia ({sum:dong}) phải bằng số tiền trả {amount:dong}',
    en: 'principal plus interest of the split ({sum:dong}) must equal the amount paid, {amount:dong}',
  },
  paid_at_bank_not_entrusted: {
    vi: 'chỉ khoản vay ủy thác NHCSXH mới trả thẳng tại ngân hàng',
    en: 'only VBSP entrusted loans are paid straight to the bank',
  },
  loan_closed: {
    vi: 'khoản vay đã tất toán ngày {closedOn:date}: không ghi thêm nghiệp vụ được',
    en: 'the loan was closed on {closedOn:date}: nothing more can be recorded',
  },
  loan_event_back_dated: {
    vi: 'nghiệp vụ của khoản vay ghi theo thứ tự ngày: không được trước ngày {last:date}',
    en: 'a loan’s events are recorded in date order: not before {last:date}',
  },
  loan_not_settled: {
    vi: 'còn dư nợ gốc {principal:dong} và lãi {interest:dong}: chưa tất toán được',
    en: 'principal {principal:dong} and interest {interest:dong} are still owed: the loan cannot be closed',
  },
  risk_cause_required: {
    vi: 'xử lý rủi ro phải ghi nguyên nhân (sự kiện rủi ro trong sổ hộ hoặc mô tả)',
    en: 'a risk treatment must record its cause (a shock event from the registry, or a description)',
  },
  loss_required: {
    vi: 'phải ghi giá trị thiệt hại đã thẩm định',
    en: 'the assessed loss must be recorded',
  },
  nothing_outstanding: {
    vi: 'khoản vay không còn gì phải trả để xử lý',
    en: 'nothing is owed on the loan to treat',
  },
  instalment_unknown: {
    vi: 'không có kỳ trả nợ này (lịch có {count} kỳ)',
    en: 'there is no such instalment (the schedule has {count})',
  },
  instalment_paid: { vi: 'kỳ trả nợ này đã trả xong', en: 'this instalment is already paid' },
  loan_frozen: {
    vi: 'khoản vay đang khoanh nợ đến {until:date}',
    en: 'the loan is frozen until {until:date}',
  },
  loan_already_frozen: {
    vi: 'khoản vay đang khoanh nợ đến {until:date}; gia hạn khoanh nợ từ ngày đó (--renew)',
    en: 'the loan is frozen until {until:date}; renew the freeze from that day (--renew)',
  },
  loan_not_frozen: { vi: 'khoản vay không đang khoanh nợ', en: 'the loan is not frozen' },
  renewal_not_contiguous: {
    vi: 'gia hạn khoanh nợ bắt đầu đúng ngày hết khoanh {until:date}',
    en: 'a renewed freeze starts on the day the current one ends, {until:date}',
  },
  adjustment_sum_mismatch: {
    vi: 'tổng gốc các kỳ mới phải bằng gốc chưa trả sau ngày điều chỉnh: {expected:dong}',
    en: 'the new instalments must sum to the principal unpaid after the adjustment date: {expected:dong}',
  },
  adjustment_date_invalid: {
    vi: 'kỳ mới phải sau ngày {from:date} và không quá hạn cuối {maturity:date} (muốn quá thì gia hạn nợ)',
    en: 'a new instalment falls after {from:date} and by the maturity {maturity:date} (beyond it is an extension)',
  },
  write_off_exceeds_outstanding: {
    vi: 'số xóa nợ vượt dư nợ gốc {max:dong}',
    en: 'more than the principal outstanding, {max:dong}',
  },
  nothing_to_hand_over: {
    vi: 'không có tiền thu hộ nào chờ nộp đến ngày {date:date}',
    en: 'nothing collected for the bank awaits hand-over on {date:date}',
  },
  rate_invalid: {
    vi: 'lãi suất ghi theo phần trăm, tối đa 4 chữ số thập phân, ví dụ 6,6 hoặc 0,55',
    en: 'a rate is a percentage with up to four decimals, e.g. 6.6 or 0.55',
  },
  rate_out_of_range: { vi: 'lãi suất vượt giới hạn {max}', en: 'the rate is beyond the limit of {max}' },
  rate_base_invalid: {
    vi: 'lãi suất theo tỷ lệ chỉ dựa trên một chương trình có lãi suất cố định (không phải {programme})',
    en: 'a relative rate follows a programme with absolute rates, one level only (not {programme})',
  },
  allocation_order_invalid: {
    vi: 'thứ tự phân bổ phải gồm đủ {categories}; gốc quá hạn trước gốc đến hạn trước trả trước; lãi đến hạn trước lãi dự thu',
    en: 'the order must list {categories}; overdue before due before prepaid principal; interest due before accrued',
  },
};

export const LOANS_FIELDS: Record<string, Text> = {
  loan: { vi: 'Khế ước vay', en: 'Loan' },
  programme: { vi: 'Chương trình', en: 'Programme' },
  household: { vi: 'Hộ vay', en: 'Household' },
  approver: { vi: 'Người phê duyệt', en: 'Approver' },
  months: { vi: 'Số tháng', en: 'Months' },
  termMonths: { vi: 'Thời hạn (tháng)', en: 'Term (months)' },
  principalEveryMonths: { vi: 'Kỳ trả gốc (tháng)', en: 'Principal every (months)' },
  interestEveryMonths: { vi: 'Kỳ trả lãi (tháng)', en: 'Interest every (months)' },
  gracePrincipalMonths: { vi: 'Ân hạn gốc (tháng)', en: 'Principal grace (months)' },
  graceInterestMonths: { vi: 'Ân hạn lãi (tháng)', en: 'Interest grace (months)' },
  method: { vi: 'Phương thức trả nợ', en: 'Schedule method' },
  custom: { vi: 'Lịch trả nợ', en: 'Custom schedule' },
  instalments: { vi: 'Các kỳ trả nợ', en: 'Instalments' },
  instalment: { vi: 'Kỳ trả nợ', en: 'Instalment' },
  due: { vi: 'Ngày đến hạn', en: 'Due date' },
  principal: { vi: 'Gốc', en: 'Principal' },
  source: { vi: 'Nguồn vốn', en: 'Capital source' },
  rate: { vi: 'Lãi suất', en: 'Rate' },
  multiplier: { vi: 'Tỷ lệ so với lãi suất gốc', en: 'Multiple of the base rate' },
  base: { vi: 'Chương trình gốc', en: 'Base programme' },
  quoting: { vi: 'Cách niêm yết', en: 'Quoted per' },
  cause: { vi: 'Nguyên nhân', en: 'Cause' },
  causeKind: { vi: 'Loại rủi ro', en: 'Kind of shock' },
  shockId: { vi: 'Sự kiện rủi ro', en: 'Shock event' },
  lossDong: { vi: 'Thiệt hại thẩm định', en: 'Assessed loss' },
  cashAccount: { vi: 'Tài khoản tiền', en: 'Cash account' },
  paidAtBank: { vi: 'Trả tại ngân hàng', en: 'Paid at the bank' },
  chunkSize: { vi: 'Số khoản vay mỗi lần', en: 'Loans per chunk' },
  by: { vi: 'Nhóm theo', en: 'Group by' },
  allocationOrder: { vi: 'Thứ tự phân bổ', en: 'Allocation order' },
  id: { vi: 'Mã', en: 'Id' },
  group: { vi: 'Tổ, nhóm', en: 'Group' },
  village: { vi: 'Thôn', en: 'Village' },
  agreementNo: { vi: 'Số khế ước', en: 'Agreement no.' },
  purpose: { vi: 'Mục đích vay', en: 'Purpose' },
  note: { vi: 'Ghi chú', en: 'Note' },
};

export const LOANS_CLI = {
  programme: { vi: 'chương trình cho vay và lãi suất', en: 'lending programmes and rates' },
  programmeList: {
    vi: 'danh sách chương trình và biểu lãi suất',
    en: 'list programmes and their rate tables',
  },
  programmeSeed: {
    vi: 'tạo các chương trình NHCSXH và Quỹ HTND theo lãi suất công bố',
    en: 'create the VBSP and Farmers Support Fund programmes with their published rates',
  },
  programmeAdd: { vi: 'thêm chương trình cho vay', en: 'add a lending programme' },
  rateAdd: {
    vi: 'thêm mức lãi suất áp dụng từ một ngày',
    en: 'add a rate in force from a date',
  },
  loan: { vi: 'một khoản vay', en: 'one loan' },
  apply: { vi: 'ghi đơn đề nghị vay', en: 'record an application' },
  approve: { vi: 'phê duyệt khoản vay', en: 'approve a loan' },
  disburse: { vi: 'giải ngân (một lần hoặc từng đợt)', en: 'disburse (one or more tranches)' },
  repay: { vi: 'thu nợ gốc, lãi; in phân bổ', en: 'take a repayment; show its split' },
  extend: { vi: 'gia hạn nợ một kỳ', en: 'extend an instalment' },
  adjust: { vi: 'điều chỉnh kỳ hạn trả nợ', en: 'adjust the repayment schedule' },
  freeze: { vi: 'khoanh nợ (hoặc gia hạn khoanh nợ)', en: 'freeze the debt (or renew a freeze)' },
  writeOff: { vi: 'xóa nợ', en: 'write off' },
  close: { vi: 'tất toán khoản vay', en: 'close a settled loan' },
  show: { vi: 'tình trạng khoản vay tại một ngày', en: 'the loan on a date' },
  schedule: { vi: 'lịch trả nợ', en: 'repayment schedule' },
  statement: { vi: 'sao kê khoản vay', en: 'loan statement' },
  loans: { vi: 'báo cáo danh mục cho vay', en: 'portfolio reports' },
  portfolio: {
    vi: 'dư nợ theo chương trình, tổ chức, tổ, thôn, nguồn vốn tại một ngày',
    en: 'portfolio by programme, organisation, group, village, source on a date',
  },
  overdue: { vi: 'danh sách nợ quá hạn', en: 'overdue loans' },
  idle: {
    vi: 'khoản vay không phát sinh giao dịch 3 tháng trở lên',
    en: 'loans with no transaction for 3+ months',
  },
  frozenList: { vi: 'khoản vay đang khoanh nợ và ngày hết hạn', en: 'frozen loans and their expiry' },
  classify: { vi: 'phân loại nợ ngày 31/12', en: 'the 31 December classification' },
  monthEnd: {
    vi: 'tính lãi dự thu, phân loại nợ đến một ngày (chạy tiếp được nếu bị ngắt)',
    en: 'accrue and classify every loan to a date (resumable)',
  },
  handover: { vi: 'nộp tiền thu hộ cho NHCSXH', en: 'hand collections over to VBSP' },
  progress: {
    vi: 'Đã xử lý {done}/{total} khoản vay, {entries} bút toán (đợt {chunk})',
    en: 'Processed {done}/{total} loans, {entries} entries (chunk {chunk})',
  },
  monthEndDone: {
    vi: 'Xong {job}: {done} khoản vay, {entries} bút toán mới{resumed}',
    en: 'Done {job}: {done} loans, {entries} new entries{resumed}',
  },
  applied: { vi: 'Đã ghi đơn vay {loan}.', en: 'Recorded application {loan}.' },
  recorded: {
    vi: 'Đã ghi {what} cho khoản vay {loan}: {entries}',
    en: 'Recorded {what} on loan {loan}: {entries}',
  },
  allocation: { vi: 'Phân bổ số tiền trả {amount:dong}:', en: 'Split of the {amount:dong} paid:' },
  seeded: { vi: 'Đã tạo chương trình: {ids}', en: 'Created programmes: {ids}' },
} satisfies Record<string, Text>;

/** Names of allocation categories, principal classes and statuses, for tables. */
export const LOANS_TERMS: Record<string, Text> = {
  overdue_interest: { vi: 'Lãi quá hạn', en: 'Overdue interest' },
  interest_due: { vi: 'Lãi đến hạn', en: 'Interest due' },
  overdue_principal: { vi: 'Gốc quá hạn', en: 'Overdue principal' },
  principal_due: { vi: 'Gốc đến hạn', en: 'Principal due' },
  accrued_interest: { vi: 'Lãi đến ngày trả', en: 'Interest accrued to date' },
  prepayment: { vi: 'Gốc trả trước hạn', en: 'Principal prepaid' },
  current: { vi: 'Trong hạn', en: 'Current' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  extended: { vi: 'Gia hạn', en: 'Extended' },
  frozen: { vi: 'Khoanh nợ', en: 'Frozen' },
  paid: { vi: 'Đã trả', en: 'Paid' },
  applied: { vi: 'Chờ duyệt', en: 'Applied' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  active: { vi: 'Đang vay', en: 'Active' },
  repaid: { vi: 'Đã trả hết', en: 'Repaid' },
  written_off: { vi: 'Đã xóa nợ', en: 'Written off' },
  closed: { vi: 'Đã tất toán', en: 'Closed' },
};
