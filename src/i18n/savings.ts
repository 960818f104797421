/** Refusals and field names of savings groups and savings accounts. Vietnamese first, English second. */
import type { Text } from './types.ts';

export const SAVINGS_REFUSALS: Record<string, Text> = {
  savings_member_unknown: {
    vi: 'không phải thành viên của nhóm (không có trong sổ hộ hoặc chưa từng vào nhóm)',
    en: 'not a member of the group (not in the registry or never joined it)',
  },
  savings_member_inactive: {
    vi: 'thành viên đã rời nhóm (hoặc chưa vào nhóm) vào ngày họp',
    en: 'the member has left the group (or not yet joined) on the meeting date',
  },
  savings_member_duplicate: {
    vi: 'thành viên này đã có một dòng trên bảng họp',
    en: 'this member already has a line on the sheet',
  },
  savings_shares_out_of_range: {
    vi: 'số cổ phần mua mỗi buổi họp phải là số nguyên từ 0 đến {max}',
    en: 'shares bought at a meeting must be a whole number from 0 to {max}',
  },
  savings_absent_buys_shares: {
    vi: 'thành viên vắng mặt không mua cổ phần',
    en: 'an absent member does not buy shares',
  },
  savings_loan_not_members: {
    vi: 'khoản vay này không phải khoản vay còn nợ của thành viên',
    en: 'this is not an open loan of the member',
  },
  savings_loan_required: {
    vi: 'thành viên có {open} khoản vay đang nợ: ghi rõ trả cho khoản nào',
    en: 'the member has {open} open loans: name the one repaid',
  },
  savings_repayment_exceeds_outstanding: {
    vi: 'số trả gốc vượt dư nợ còn lại {max:dong}',
    en: 'the repayment is above the {max:dong} still owed',
  },
  savings_loan_term_too_long: {
    vi: 'thời hạn vay phải từ 1 đến {max} tháng theo nội quy chu kỳ',
    en: 'the term must be 1 to {max} months under the cycle’s rules',
  },
  savings_loan_over_limit: {
    vi: 'vượt hạn mức vay {limit:dong} ({multiple} lần tiết kiệm {savings:dong}; đang nợ {outstanding:dong})',
    en: 'above the loan limit of {limit:dong} ({multiple} × savings of {savings:dong}; owing {outstanding:dong})',
  },
  savings_account_not_members: {
    vi: 'sổ tiết kiệm này không phải của thành viên (hoặc không thuộc sổ quỹ nhóm)',
    en: 'this savings account is not the member’s (or not in the group’s book)',
  },
  savings_account_required: {
    vi: 'thành viên có {open} sổ tiết kiệm: ghi rõ sổ nào (cần đúng một sổ)',
    en: 'the member has {open} savings accounts: name one (exactly one is needed)',
  },
  savings_withdrawal_exceeds_balance: {
    vi: 'số rút vượt số dư tiết kiệm {balance:dong}',
    en: 'the withdrawal is above the savings balance of {balance:dong}',
  },
  savings_service_charge_exceeds_due: {
    vi: 'phí dịch vụ nộp vượt số phí khoản vay {loan} phải trả đến ngày họp: tối đa {max:dong}',
    en: 'the service charge is above what loan {loan} owes on the meeting day: at most {max:dong}',
  },
  savings_compulsory_locked: {
    vi: 'tiết kiệm bắt buộc (sổ {account}) chỉ được rút khi đã trả hết nợ vay hoặc khi rời nhóm: thành viên còn nợ {outstanding:dong}',
    en: 'compulsory savings (account {account}) can be withdrawn only once the loan is repaid or on leaving the group: the member still owes {outstanding:dong}',
  },
  savings_fines_outstanding: {
    vi: 'còn tiền phạt chưa nộp (thành viên {member}, {outstanding:dong}): thu hết trước khi chia',
    en: 'a fine is still owed (member {member}, {outstanding:dong}): collect it before the share-out',
  },
  savings_grant_exceeds_fund: {
    vi: 'tổng trợ cấp vượt số tiền quỹ xã hội có {available:dong}',
    en: 'the grants are above the {available:dong} the social fund holds',
  },
  savings_cash_insufficient: {
    vi: 'tổng cho vay vượt tiền mặt quỹ cho vay có {available:dong}',
    en: 'the new loans are above the {available:dong} cash in the loan fund',
  },
  savings_number_out_of_range: {
    vi: 'phải là số nguyên từ {min} đến {max}',
    en: 'must be a whole number from {min} to {max}',
  },
  savings_split_not_whole: {
    vi: 'tỷ lệ chia lãi (chủ vốn / ban điều hành / quỹ thôn) phải cộng lại đúng 100 %',
    en: 'the interest split (owners / board / village) must add up to 100 %',
  },
  savings_group_unknown: {
    vi: 'không có nhóm này trong sổ hộ',
    en: 'there is no such group in the registry',
  },
  savings_group_not_vsla: {
    vi: 'nhóm loại {kind} không phải tổ tiết kiệm (vsla)',
    en: 'a group of kind {kind} is not a savings group (vsla)',
  },
  savings_book_template: {
    vi: 'sổ quỹ của nhóm phải lập theo mẫu {template}',
    en: 'the group’s book must be made from template {template}',
  },
  savings_cycle_open: {
    vi: 'nhóm đang có chu kỳ {cycle} chưa chia cuối kỳ',
    en: 'the group’s cycle {cycle} has not been shared out',
  },
  savings_date_before: {
    vi: 'ngày không được trước {date:date}',
    en: 'the date may not be before {date:date}',
  },
  savings_book_changed: {
    vi: 'nhóm ghi sổ ở {book}: mọi chu kỳ dùng cùng một sổ',
    en: 'the group keeps book {book}: every cycle uses the same book',
  },
  savings_book_organisation: {
    vi: 'sổ quỹ thuộc tổ chức {book}, nhóm thuộc tổ chức {group}',
    en: 'the book belongs to organisation {book}, the group to {group}',
  },
  savings_sheet_unreadable: {
    vi: 'không đọc được tệp bảng họp (JSON): {reason}',
    en: 'the meeting sheet file (JSON) cannot be read: {reason}',
  },
  savings_cycle_unknown: { vi: 'không có chu kỳ này', en: 'there is no such cycle' },
  savings_lines_required: { vi: 'bảng họp cần danh sách các dòng', en: 'a meeting sheet needs its lines' },
  savings_cycle_closed: {
    vi: 'chu kỳ đã chia cuối kỳ ngày {date:date}',
    en: 'the cycle was shared out on {date:date}',
  },
  savings_cash_mismatch: {
    vi: 'tiền đếm được khác số soquy tính {expected:dong}: chênh lệch {difference:dong}; ghi khoản chênh lệch đã duyệt nếu đúng',
    en: 'the counted cash differs from the {expected:dong} soquy computes by {difference:dong}; record an approved difference if it is right',
  },
  savings_difference_incomplete: {
    vi: 'khoản chênh lệch cần người duyệt và lý do',
    en: 'a cash difference needs an approver and a reason',
  },
  savings_difference_none: {
    vi: 'tiền đếm khớp số tính: không có chênh lệch để ghi',
    en: 'the counted cash matches: there is no difference to record',
  },
  savings_loans_outstanding: {
    vi: 'còn khoản vay chưa trả xong (thành viên {member}, dư nợ {outstanding:dong}): thu hết trước khi chia',
    en: 'a loan is still owed (member {member}, {outstanding:dong}): collect it before the share-out',
  },
  savings_next_cycle_required: {
    vi: 'giữ lại cổ phần cần mở chu kỳ mới cùng lúc',
    en: 'reinvesting shares needs the next cycle opened with the share-out',
  },
  savings_reinvest_exceeds_payout: {
    vi: 'cổ phần giữ lại ({price:dong} mỗi cổ phần) vượt số được chia {payout:dong}',
    en: 'the shares kept ({price:dong} each) are above the payout of {payout:dong}',
  },
  savings_nothing_to_share: {
    vi: 'không có gì để chia (quỹ chia {pool:dong}, hoặc chưa có cổ phần)',
    en: 'there is nothing to share out (pool {pool:dong}, or no shares)',
  },
  savings_account_unknown: { vi: 'không có sổ tiết kiệm này', en: 'there is no such savings account' },
  savings_interest_date_not_allowed: {
    vi: 'tiết kiệm qua tổ NHCSXH chỉ trả lãi vào 30/06 và 31/12',
    en: 'VBSP group savings earn interest only on 30 June and 31 December',
  },
  savings_quarter_invalid: {
    vi: 'quý phải viết dạng 2026-Q1',
    en: 'a quarter is written like 2026-Q1',
  },
};

export const SAVINGS_FIELDS: Record<string, Text> = {
  member: { vi: 'Thành viên', en: 'Member' },
  shares: { vi: 'Cổ phần', en: 'Shares' },
  social: { vi: 'Quỹ xã hội', en: 'Social fund' },
  repayment: { vi: 'Trả gốc', en: 'Repayment' },
  serviceCharge: { vi: 'Phí dịch vụ', en: 'Service charge' },
  newLoan: { vi: 'Vay mới', en: 'New loan' },
  fine: { vi: 'Tiền phạt', en: 'Fine' },
  grant: { vi: 'Trợ cấp', en: 'Grant' },
  deposit: { vi: 'Gửi tiết kiệm', en: 'Deposit' },
  withdrawal: { vi: 'Rút tiết kiệm', en: 'Withdrawal' },
  account: { vi: 'Sổ tiết kiệm', en: 'Savings account' },
  countedLoanFund: { vi: 'Tiền đếm quỹ cho vay', en: 'Loan fund counted' },
  countedSocialFund: { vi: 'Tiền đếm quỹ xã hội', en: 'Social fund counted' },
  difference: { vi: 'Chênh lệch đã duyệt', en: 'Approved difference' },
  reason: { vi: 'Lý do', en: 'Reason' },
  cycle: { vi: 'Chu kỳ', en: 'Cycle' },
  group: { vi: 'Nhóm', en: 'Group' },
  sharePrice: { vi: 'Giá cổ phần', en: 'Share price' },
  loanMultiple: { vi: 'Hạn mức vay (lần tiết kiệm)', en: 'Loan limit (× savings)' },
  termMonthsMax: { vi: 'Thời hạn vay tối đa (tháng)', en: 'Longest term (months)' },
  absenceFine: { vi: 'Phạt vắng họp', en: 'Absence fine' },
  split: { vi: 'Chia lãi', en: 'Interest split' },
  startedOn: { vi: 'Ngày bắt đầu', en: 'Started on' },
  reinvest: { vi: 'Cổ phần giữ lại', en: 'Reinvested shares' },
  next: { vi: 'Chu kỳ mới', en: 'Next cycle' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  person: { vi: 'Người', en: 'Person' },
  openedOn: { vi: 'Ngày mở sổ', en: 'Opened on' },
  lines: { vi: 'Các dòng', en: 'Lines' },
};

/** Command descriptions and output texts of `soquy savings …`. */
export const SAVINGS_CLI = {
  savings: {
    vi: 'Nhóm tiết kiệm: chu kỳ, buổi họp, chia cuối kỳ, sổ tiết kiệm',
    en: 'Savings groups: cycles, meetings, share-out, savings accounts',
  },
  cycleOpen: {
    vi: 'Mở chu kỳ mới cho nhóm (giá cổ phần, nội quy vay)',
    en: 'Open a cycle for a group (share price, loan rules)',
  },
  cycles: { vi: 'Các chu kỳ', en: 'Cycles' },
  meeting: {
    vi: 'Ghi bảng họp (tệp JSON: các dòng và tiền đếm được)',
    en: 'Record a meeting sheet (JSON file: lines and counted cash)',
  },
  register: { vi: 'Sổ biên bản họp của chu kỳ', en: 'The cycle’s meeting register' },
  passbook: { vi: 'Sổ thành viên', en: 'A member’s passbook' },
  shareOut: { vi: 'Chia cuối chu kỳ', en: 'Share out the cycle' },
  accountOpen: { vi: 'Mở sổ tiết kiệm', en: 'Open a savings account' },
  accounts: { vi: 'Các sổ tiết kiệm và số dư', en: 'Savings accounts and balances' },
  deposit: { vi: 'Gửi tiết kiệm', en: 'Deposit' },
  withdraw: { vi: 'Rút tiết kiệm', en: 'Withdraw' },
  interest: { vi: 'Trả lãi tiết kiệm đến ngày', en: 'Credit savings interest up to a date' },
  balance: {
    vi: 'Tiết kiệm của thành viên hoặc hộ vào ngày',
    en: 'Savings of a member or household on a date',
  },
  indicators: { vi: 'Chỉ số nhóm theo quý (kiểu SAVIX)', en: 'Quarterly group indicators (SAVIX style)' },
  meetingRecorded: {
    vi: 'Đã ghi buổi họp số {number} ({date}); bút toán: {entries}',
    en: 'Meeting {number} recorded ({date}); entries: {entries}',
  },
  previewOk: { vi: 'Bảng họp hợp lệ (chưa ghi).', en: 'The sheet is good (not recorded).' },
} as const;

/** Texts of the savings pages. */
export const SAVINGS_WEB = {
  nav: { vi: 'Nhóm tiết kiệm', en: 'Savings groups' },
  cyclesTitle: { vi: 'Nhóm tiết kiệm và chu kỳ', en: 'Savings groups and cycles' },
  noCycles: { vi: 'Chưa có chu kỳ nào bạn được xem.', en: 'No cycle you may read yet.' },
  cycle: { vi: 'Chu kỳ', en: 'Cycle' },
  group: { vi: 'Nhóm', en: 'Group' },
  started: { vi: 'Bắt đầu', en: 'Started' },
  sharePrice: { vi: 'Giá cổ phần', en: 'Share price' },
  meetings: { vi: 'Số buổi họp', en: 'Meetings' },
  sharedOut: { vi: 'Đã chia cuối kỳ', en: 'Shared out' },
  registerTitle: { vi: 'Sổ biên bản họp – {cycle}', en: 'Meeting register – {cycle}' },
  newMeeting: { vi: 'Ghi buổi họp mới', en: 'Record a meeting' },
  indicatorsLink: { vi: 'Chỉ số theo quý', en: 'Quarterly indicators' },
  no: { vi: 'Số', en: 'No.' },
  date: { vi: 'Ngày', en: 'Date' },
  present: { vi: 'Có mặt', en: 'Present' },
  shares: { vi: 'Cổ phần', en: 'Shares' },
  social: { vi: 'Quỹ XH', en: 'Social' },
  repayment: { vi: 'Trả gốc', en: 'Repaid' },
  serviceCharge: { vi: 'Phí', en: 'Charge' },
  newLoan: { vi: 'Vay mới', en: 'New loan' },
  fine: { vi: 'Phạt', en: 'Fine' },
  absenceFine: { vi: 'Phạt vắng', en: 'Absence fine' },
  finesOwed: { vi: 'Phạt còn nợ', en: 'Fines owed' },
  grant: { vi: 'Trợ cấp', en: 'Grant' },
  loanFund: { vi: 'Quỹ cho vay (đếm)', en: 'Loan fund (counted)' },
  socialFund: { vi: 'Quỹ XH (đếm)', en: 'Social fund (counted)' },
  difference: { vi: 'Chênh lệch đã duyệt', en: 'Approved difference' },
  passbook: { vi: 'Sổ thành viên', en: 'Passbooks' },
  meetingTitle: { vi: 'Bảng họp – {cycle}', en: 'Meeting sheet – {cycle}' },
  meetingIntro: {
    vi: 'Mỗi dòng một thành viên. Tổng cộng và số tiền phải có trong két hiện ngay khi nhập; tiền đếm được phải khớp, nếu không thì ghi khoản chênh lệch đã duyệt.',
    en: 'One line per member. Totals and the cash the box should hold show as you type; the counted cash must match, or record an approved difference.',
  },
  member: { vi: 'Thành viên', en: 'Member' },
  approver: { vi: 'Người duyệt chênh lệch', en: 'Difference approved by' },
  reason: { vi: 'Lý do chênh lệch', en: 'Reason for the difference' },
  submit: { vi: 'Ghi buổi họp', en: 'Record the meeting' },
  checkWaiting: { vi: 'Nhập các dòng để xem tổng cộng.', en: 'Type the lines to see the totals.' },
  totals: {
    vi: 'Cổ phần {shares} ({shareAmount:dong}) · quỹ XH {social:dong} · thu nợ {repayment:dong} · phí {serviceCharge:dong} · cho vay {newLoans:dong} · phạt {fines:dong} · trợ cấp {grants:dong}',
    en: 'Shares {shares} ({shareAmount:dong}) · social {social:dong} · repaid {repayment:dong} · charges {serviceCharge:dong} · lent {newLoans:dong} · fines {fines:dong} · grants {grants:dong}',
  },
  expected: {
    vi: 'Két phải có: quỹ cho vay {loan:dong}, quỹ xã hội {social:dong}',
    en: 'The box should hold: loan fund {loan:dong}, social fund {social:dong}',
  },
  cashOk: { vi: 'Tiền đếm khớp.', en: 'The counted cash matches.' },
  cashOff: {
    vi: 'Tiền đếm lệch: quỹ cho vay {loan:dong}, quỹ xã hội {social:dong}',
    en: 'The counted cash is off: loan fund {loan:dong}, social fund {social:dong}',
  },
  recorded: { vi: 'Đã ghi buổi họp số {n}.', en: 'Meeting {n} recorded.' },
  passbookTitle: { vi: 'Sổ thành viên – {name}', en: 'Passbook – {name}' },
  total: { vi: 'Tổng cổ phần', en: 'Total shares' },
  savings: { vi: 'Tiết kiệm', en: 'Savings' },
  owed: { vi: 'Dư nợ', en: 'Owed' },
  shareOuts: { vi: 'Chia cuối kỳ', en: 'Share-outs' },
  print: { vi: 'In', en: 'Print' },
  indicatorsTitle: { vi: 'Chỉ số nhóm tiết kiệm – {quarter}', en: 'Savings group indicators – {quarter}' },
  quarter: { vi: 'Quý (2026-Q1)', en: 'Quarter (2026-Q1)' },
  show: { vi: 'Xem', en: 'Show' },
  members: { vi: 'Thành viên', en: 'Members' },
  women: { vi: '% nữ', en: '% women' },
  attendance: { vi: '% có mặt', en: '% attendance' },
  loans: { vi: 'Dư nợ', en: 'Loans' },
  par: { vi: 'PAR30 %', en: 'PAR30 %' },
  roa: { vi: 'ROA năm %', en: 'ROA yr %' },
  socialBalance: { vi: 'Quỹ XH', en: 'Social fund' },
  byOrganisation: { vi: 'Theo tổ chức', en: 'By organisation' },
  finesDue: {
    vi: 'Tiền phạt thành viên còn nợ (kể cả phạt vắng họp hôm nay): {list}',
    en: 'Fines members owe (today’s absence fines included): {list}',
  },
  chargeDue: {
    vi: 'Phí dịch vụ phải trả đến ngày họp (quá hạn, đến hạn và tính đến hôm nay): {list}',
    en: 'Service charge owed on the meeting day (overdue, due and accrued to the day): {list}',
  },
} as const;
