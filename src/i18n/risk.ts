/** Texts of the households-at-risk area (issue 12). Vietnamese first, English second. */
import type { Text } from './types.ts';

export const RISK_REFUSALS: Record<string, Text> = {
  risk_household_unknown: {
    vi: 'không có hộ này trong sổ hộ của xã',
    en: 'there is no such household in the commune registry',
  },
  risk_setting_unknown: {
    vi: 'không có thông số này trong quy tắc cảnh báo',
    en: 'there is no such setting in the warning rules',
  },
  risk_setting_out_of_range: {
    vi: 'giá trị phải là số nguyên từ {min} đến {max}',
    en: 'the value must be a whole number from {min} to {max}',
  },
  risk_setting_backdated: {
    vi: 'ngày áp dụng không được trước hôm nay ({today:date}): danh sách đã in cho ngày trước phải giữ nguyên',
    en: 'the effective date may not be before today ({today:date}): lists printed for earlier days must stay as they were',
  },
  risk_step_kind_unknown: {
    vi: 'loại việc phải là một trong: {allowed}',
    en: 'the step must be one of: {allowed}',
  },
  risk_step_not_offered: {
    vi: 'quy tắc không đề xuất việc này cho hộ vào ngày đó; việc được đề xuất: {offered}',
    en: 'the rules do not offer this step for the household on that day; offered: {offered}',
  },
  risk_shock_not_households: {
    vi: 'sự kiện rủi ro này không thuộc hộ {household} (hoặc ngoài thời gian xét)',
    en: 'this shock is not household {household}’s (or is outside the window)',
  },
  risk_loan_not_households: {
    vi: 'khoản vay này không phải khoản vay đang còn dư nợ của hộ {household}',
    en: 'this loan is not an outstanding loan of household {household}',
  },
  risk_book_required: {
    vi: 'phải chọn quỹ (sổ) chi hỗ trợ',
    en: 'the fund (book) paying the aid is required',
  },
  risk_amount_required: { vi: 'số tiền hỗ trợ phải lớn hơn 0', en: 'the aid amount must be more than 0' },
  risk_entry_invalid: {
    vi: 'bút toán chi phải ghi dạng sổ#số (ví dụ vi-nguoi-ngheo#12)',
    en: 'the payment entry must be written book#seq (e.g. vi-nguoi-ngheo#12)',
  },
  risk_note_required: { vi: 'phải ghi nội dung', en: 'a note is required' },
  risk_months_out_of_range: {
    vi: 'số tháng phải từ {min} đến {max}',
    en: 'the months must be from {min} to {max}',
  },
};

export const RISK_FIELDS: Record<string, Text> = {
  key: { vi: 'Thông số', en: 'Setting' },
  value: { vi: 'Giá trị', en: 'Value' },
  effectiveFrom: { vi: 'Áp dụng từ ngày', en: 'Effective from' },
  kind: { vi: 'Loại', en: 'Kind' },
  shockId: { vi: 'Sự kiện rủi ro', en: 'Shock' },
  lossDong: { vi: 'Thiệt hại', en: 'Loss' },
  entry: { vi: 'Bút toán chi', en: 'Payment entry' },
  note: { vi: 'Nội dung', en: 'Note' },
};

/** The reasons' texts: `{x:dong}` an amount, `{x:date}` a date (see catalogue `fill`). */
export const RISK_REASON_TEXTS: Readonly<Record<string, Text>> = {
  risk_poor: {
    vi: 'Hộ nghèo (quyết định {decidedOn:date})',
    en: 'Poor household (decision of {decidedOn:date})',
  },
  risk_near_poor: {
    vi: 'Hộ cận nghèo (quyết định {decidedOn:date})',
    en: 'Near-poor household (decision of {decidedOn:date})',
  },
  risk_escaped: {
    vi: 'Thoát nghèo ngày {escapedOn:date}, chưa quá {months} tháng',
    en: 'Escaped poverty on {escapedOn:date}, less than {months} months ago',
  },
  risk_shock: {
    vi: '{kindText} {date:date}, thiệt hại ước {loss:dong}',
    en: '{kindText} {date:date}, estimated loss {loss:dong}',
  },
  risk_shock_savings: {
    vi: '{kindText} {date:date}, thiệt hại ước {loss:dong}; tiết kiệm {savings:dong}',
    en: '{kindText} {date:date}, estimated loss {loss:dong}; savings {savings:dong}',
  },
  risk_shock_uncovered: {
    vi: 'Thiệt hại {loss:dong} vượt số tiết kiệm {savings:dong}',
    en: 'Loss of {loss:dong} exceeds savings of {savings:dong}',
  },
  risk_overdue: {
    vi: 'Nợ quá hạn {amount:dong} ({loans} khoản vay), lâu nhất {days} ngày (khoản {loan})',
    en: 'Overdue {amount:dong} ({loans} loans), longest {days} days (loan {loan})',
  },
  risk_overdue_long: {
    vi: 'Quá hạn {days} ngày, từ {min} ngày trở lên (khoản {loan})',
    en: '{days} days past due, {min} days or more (loan {loan})',
  },
  risk_frozen: {
    vi: 'Đang khoanh nợ {amount:dong} đến {until:date} (khoản {loan})',
    en: 'Frozen debt {amount:dong} until {until:date} (loan {loan})',
  },
  risk_debt_service: {
    vi: 'Nợ phải trả đến {until:date}: {due:dong}, bằng {pct}% thu nhập khai báo {months} tháng ({income:dong})',
    en: 'Debt due by {until:date}: {due:dong}, {pct}% of {months} months’ declared income ({income:dong})',
  },
  risk_policy: { vi: '{name}: {categoryText} {detail}', en: '{name}: {categoryText} {detail}' },
  risk_aid: {
    vi: 'Đã nhận hỗ trợ {amount:dong} ({count} lần) từ {from:date}',
    en: 'Aid received {amount:dong} ({count} times) since {from:date}',
  },
};

export const RISK_SHOCK_KINDS: Readonly<Record<string, Text>> = {
  fire: { vi: 'Cháy nhà', en: 'House fire' },
  flood: { vi: 'Lũ lụt', en: 'Flood' },
  storm: { vi: 'Bão', en: 'Storm' },
  illness: { vi: 'Ốm đau, bệnh nặng', en: 'Serious illness' },
  accident: { vi: 'Tai nạn', en: 'Accident' },
  death: { vi: 'Có người qua đời', en: 'Death in the family' },
  crop_loss: { vi: 'Mất mùa', en: 'Crop loss' },
  livestock_loss: { vi: 'Dịch bệnh, chết gia súc', en: 'Livestock loss' },
};

export const RISK_POLICY_TEXTS: Readonly<Record<string, Text>> = {
  war_invalid: { vi: 'thương binh', en: 'war invalid' },
  disability: { vi: 'người khuyết tật', en: 'person with disability' },
};

export const RISK_STEP_TEXTS: Readonly<Record<string, Text>> = {
  emergency_aid: { vi: 'Hỗ trợ khẩn cấp từ quỹ', en: 'Emergency aid from a fund' },
  neighbour_appeal: { vi: 'Vận động bà con, hàng xóm giúp đỡ', en: 'Appeal to neighbours and relatives' },
  loan_extension: { vi: 'Đề nghị gia hạn nợ', en: 'Loan extension request' },
  loan_freeze: { vi: 'Đề nghị khoanh nợ', en: 'Loan freeze request' },
  front_note: { vi: 'Ghi chú cho Ban công tác Mặt trận thôn', en: 'Note for the village Front committee' },
};

export const RISK_SETTING_TEXTS: Readonly<Record<string, Text>> = {
  score_min: { vi: 'Điểm tối thiểu để vào danh sách', en: 'Score needed to be listed' },
  w_poor: { vi: 'Điểm: hộ nghèo', en: 'Weight: poor' },
  w_near_poor: { vi: 'Điểm: hộ cận nghèo', en: 'Weight: near-poor' },
  w_escaped: { vi: 'Điểm: mới thoát nghèo', en: 'Weight: recently escaped' },
  escaped_months: { vi: 'Số tháng tính là mới thoát nghèo', en: 'Months counted as recently escaped' },
  w_shock: { vi: 'Điểm: gặp rủi ro (cháy, lũ, bệnh…)', en: 'Weight: shock (fire, flood, illness…)' },
  shock_months: { vi: 'Số tháng xét rủi ro', en: 'Months a shock counts' },
  shock_loss_min_dong: { vi: 'Thiệt hại tối thiểu (đồng)', en: 'Minimum loss (đồng)' },
  w_shock_uncovered: { vi: 'Điểm: thiệt hại vượt tiết kiệm', en: 'Weight: loss above savings' },
  w_overdue: { vi: 'Điểm: nợ quá hạn', en: 'Weight: overdue loan' },
  overdue_long_days: { vi: 'Số ngày quá hạn tính là lâu', en: 'Days past due counted as long' },
  w_overdue_long: { vi: 'Điểm: quá hạn lâu', en: 'Weight: long overdue' },
  w_frozen: { vi: 'Điểm: đang khoanh nợ', en: 'Weight: frozen loan' },
  debt_months: { vi: 'Số tháng xét nợ phải trả', en: 'Months of debt service' },
  debt_income_pct: { vi: 'Nợ phải trả / thu nhập (%)', en: 'Debt service / income (%)' },
  w_debt: { vi: 'Điểm: nợ phải trả cao so với thu nhập', en: 'Weight: debt service high against income' },
  w_policy: { vi: 'Điểm: thương binh, người khuyết tật', en: 'Weight: war invalid, disability' },
  aid_months: { vi: 'Số tháng xét hỗ trợ đã nhận', en: 'Months of aid received' },
  w_aid: { vi: 'Điểm: đã nhận hỗ trợ', en: 'Weight: aid received' },
};

/** The names of the figures a reason shows (the why view). */
export const RISK_FIGURE_TEXTS: Readonly<Record<string, Text>> = {
  status: { vi: 'Tình trạng', en: 'Status' },
  escapedOn: { vi: 'Ngày thoát nghèo', en: 'Escaped on' },
  loss: { vi: 'Thiệt hại ước', en: 'Estimated loss' },
  savings: { vi: 'Tiết kiệm', en: 'Savings' },
  arrears: { vi: 'Nợ quá hạn và lãi chưa trả', en: 'Arrears and unpaid interest' },
  daysPastDue: { vi: 'Số ngày quá hạn', en: 'Days past due' },
  frozen: { vi: 'Dư nợ khoanh', en: 'Frozen principal' },
  dueInWindow: { vi: 'Nợ phải trả trong kỳ xét', en: 'Due within the window' },
  incomePerPerson: { vi: 'Thu nhập bình quân người/tháng', en: 'Income per person a month' },
  members: { vi: 'Số nhân khẩu', en: 'Members' },
  aid: { vi: 'Hỗ trợ đã nhận', en: 'Aid received' },
  war_invalid: { vi: 'Thương binh', en: 'War invalid' },
  disability: { vi: 'Người khuyết tật', en: 'Disability' },
  poor: { vi: 'hộ nghèo', en: 'poor' },
  near_poor: { vi: 'hộ cận nghèo', en: 'near-poor' },
};

/** Interface texts (CLI and pages). */
export const RISK_TEXTS = {
  title: { vi: 'Hộ có nguy cơ tái nghèo', en: 'Households at risk' },
  why: { vi: 'Vì sao hộ này trong danh sách', en: 'Why this household is listed' },
  notListed: {
    vi: 'Hộ không có trong danh sách ngày {asOf:date} (điểm {score}/{min})',
    en: 'Not on the list on {asOf:date} (score {score}/{min})',
  },
  listed: {
    vi: 'Trong danh sách ngày {asOf:date} (điểm {score}/{min})',
    en: 'On the list on {asOf:date} (score {score}/{min})',
  },
  none: {
    vi: 'Không có hộ nào trong danh sách ngày {asOf:date}',
    en: 'No household is listed on {asOf:date}',
  },
  noSavings: {
    vi: 'Chưa có số liệu tiết kiệm (cần phân hệ tiết kiệm): quy tắc về tiết kiệm chưa áp dụng',
    en: 'No savings figures yet (needs the savings area): the savings rule is not applied',
  },
  noAid: {
    vi: 'Chưa có số liệu hỗ trợ (cần phân hệ quỹ): quy tắc về hỗ trợ đã nhận chưa áp dụng',
    en: 'No aid figures yet (needs the funds area): the aid rule is not applied',
  },
  done: { vi: 'Đã làm', en: 'Done' },
  open: { vi: 'Còn phải làm', en: 'Still open' },
  reasons: { vi: 'Lý do', en: 'Reasons' },
  score: { vi: 'Điểm', en: 'Score' },
  household: { vi: 'Hộ', en: 'Household' },
  village: { vi: 'Thôn', en: 'Village' },
  head: { vi: 'Chủ hộ', en: 'Head' },
  byVillage: { vi: 'Theo thôn', en: 'By village' },
  byReason: { vi: 'Theo lý do', en: 'By reason' },
  trend: { vi: 'Số hộ trong danh sách theo tháng', en: 'Households listed by month' },
  settings: { vi: 'Thông số quy tắc cảnh báo', en: 'Warning rule settings' },
  figures: { vi: 'Số liệu', en: 'Figures' },
  source: { vi: 'Nguồn', en: 'Source' },
  entries: { vi: 'Bút toán', en: 'Entries' },
  steps: { vi: 'Các việc đã ghi', en: 'Steps recorded' },
  nextSteps: { vi: 'Việc tiếp theo', en: 'Next steps' },
  record: { vi: 'Ghi nhận', en: 'Record' },
  loans: { vi: 'Khoản vay', en: 'Loans' },
  print: { vi: 'In danh sách', en: 'Print the list' },
  listedCount: { vi: 'Số hộ', en: 'Households' },
  openCount: { vi: 'Còn việc phải làm', en: 'With open steps' },
  stepRecorded: { vi: 'Đã ghi {id}: {kind}', en: 'Recorded {id}: {kind}' },
  settingSet: { vi: 'Đã đặt {key} = {value} từ {from:date}', en: 'Set {key} = {value} from {from:date}' },
  defaultValue: { vi: 'mặc định', en: 'default' },
} as const satisfies Record<string, Text>;
