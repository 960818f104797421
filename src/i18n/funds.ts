/** Refusals, field names and texts of charity and relief funds. Vietnamese first, English second. */
import type { Text } from './types.ts';

export const FUNDS_REFUSALS: Record<string, Text> = {
  funds_fund_unknown: { vi: 'không có quỹ, cuộc vận động này', en: 'there is no such fund or campaign' },
  funds_fund_closed: {
    vi: 'quỹ đã kết thúc tiếp nhận ngày {closesOn:date}: không nhận ủng hộ sau thời hạn',
    en: 'the fund stopped receiving on {closesOn:date}: no donation is taken after the period',
  },
  funds_fund_not_open: {
    vi: 'quỹ bắt đầu tiếp nhận từ ngày {opensOn:date}',
    en: 'the fund receives from {opensOn:date} on',
  },
  funds_receipt_no_used: {
    vi: 'số phiếu thu này đã dùng; số tiếp theo của quỹ là {next}',
    en: 'this receipt number is already used; the fund’s next number is {next}',
  },
  funds_receipt_no_gap: {
    vi: 'số phiếu thu phải liên tục: số tiếp theo của quỹ là {next}',
    en: 'receipt numbers are gapless: the fund’s next number is {next}',
  },
  funds_receipt_unknown: { vi: 'không có phiếu thu số này', en: 'there is no receipt with this number' },
  funds_voucher_unknown: { vi: 'không có phiếu chi số này', en: 'there is no voucher with this number' },
  funds_purpose_restricted: {
    vi: 'tiền của quỹ {fund} chỉ được chi cho: {allowed}',
    en: 'the money of fund {fund} may be spent only on: {allowed}',
  },
  funds_aid_above_cap: {
    vi: 'vượt mức hỗ trợ tối đa {cap:dong} một hộ cho mục đích này (áp dụng từ {from:date}); hộ đã nhận {already:dong}',
    en: 'above the cap of {cap:dong} per household for this purpose (from {from:date}); the household already had {already:dong}',
  },
  funds_beneficiary_not_appeal: {
    vi: 'cuộc vận động khẩn cấp này chỉ hỗ trợ hộ {household}',
    en: 'this emergency appeal supports only household {household}',
  },
  funds_household_unknown: {
    vi: 'không có hộ này trong sổ hộ của xã (hoặc hộ đã lưu trữ)',
    en: 'there is no such household in the commune registry (or it is archived)',
  },
  funds_shock_unknown: {
    vi: 'không có sự kiện rủi ro này trong sổ hộ (hoặc không thuộc hộ được hỗ trợ)',
    en: 'there is no such shock event in the registry (or it is not the household’s)',
  },
  funds_appeal_needs_shock: {
    vi: 'cuộc vận động khẩn cấp phải bắt đầu từ một sự kiện rủi ro của hộ (cháy, lũ…)',
    en: 'an emergency appeal starts from a household’s shock event (fire, flood…)',
  },
  funds_dates_reversed: {
    vi: 'ngày kết thúc phải từ ngày {opensOn:date} trở đi',
    en: 'the end date must be on or after {opensOn:date}',
  },
  funds_phase_outside_fund: {
    vi: 'đợt phải nằm trong thời gian của quỹ ({opensOn:date} – {closesOn:date})',
    en: 'a phase must lie within the fund’s period ({opensOn:date} – {closesOn:date})',
  },
  funds_phase_unknown: { vi: 'quỹ không có đợt này', en: 'the fund has no such phase' },
  funds_phase_dates: {
    vi: 'đợt {phase} chỉ nhận từ {startsOn:date} đến {endsOn:date}',
    en: 'phase {phase} receives only from {startsOn:date} to {endsOn:date}',
  },
  funds_point_unknown: { vi: 'quỹ không có điểm tiếp nhận này', en: 'the fund has no such collection point' },
  funds_pledge_unknown: { vi: 'quỹ không có cam kết ủng hộ này', en: 'the fund has no such pledge' },
  funds_anonymous_named: {
    vi: 'người ủng hộ ẩn danh thì không ghi tên (muốn giữ tên mà không công khai: chọn “không công khai tên”)',
    en: 'an anonymous donor has no name (to keep a name but not disclose it: tick “do not disclose”)',
  },
  funds_in_kind_only: {
    vi: 'chỉ ghi mô tả hiện vật khi ủng hộ bằng hiện vật',
    en: 'a description of goods is given only for a donation in kind',
  },
};

export const FUNDS_FIELDS: Record<string, Text> = {
  fund: { vi: 'Quỹ', en: 'Fund' },
  fundKind: { vi: 'Loại quỹ', en: 'Fund kind' },
  level: { vi: 'Cấp', en: 'Level' },
  nameVi: { vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)' },
  nameEn: { vi: 'Tên (tiếng Anh)', en: 'Name (English)' },
  purpose: { vi: 'Mục đích', en: 'Purpose' },
  restrictedPurposes: { vi: 'Mục đích được chi', en: 'Restricted purposes' },
  opensOn: { vi: 'Ngày bắt đầu', en: 'Opens on' },
  closesOn: { vi: 'Ngày kết thúc tiếp nhận', en: 'Closes on' },
  shockId: { vi: 'Sự kiện rủi ro', en: 'Shock event' },
  phases: { vi: 'Đợt', en: 'Phases' },
  points: { vi: 'Điểm tiếp nhận', en: 'Collection points' },
  donorKind: { vi: 'Loại người ủng hộ', en: 'Donor kind' },
  donorName: { vi: 'Tên người ủng hộ', en: 'Donor name' },
  donorIdNo: { vi: 'Số CCCD', en: 'ID number' },
  donorAddress: { vi: 'Địa chỉ', en: 'Address' },
  anonymous: { vi: 'Không công khai tên', en: 'Do not disclose the name' },
  form: { vi: 'Hình thức', en: 'Form' },
  inKindDescription: { vi: 'Hiện vật', en: 'Goods' },
  point: { vi: 'Điểm tiếp nhận', en: 'Collection point' },
  phase: { vi: 'Đợt', en: 'Phase' },
  pledge: { vi: 'Cam kết', en: 'Pledge' },
  receiptNo: { vi: 'Số phiếu thu', en: 'Receipt no.' },
  voucherNo: { vi: 'Số phiếu chi', en: 'Voucher no.' },
  household: { vi: 'Hộ', en: 'Household' },
  recipient: { vi: 'Nơi nhận', en: 'Recipient' },
  documentNo: { vi: 'Số văn bản', en: 'Document no.' },
};

/** Names of purposes, kinds and forms, for pages and the CLI. */
export const FUNDS_WORDS: Record<string, Text> = {
  for_the_poor: { vi: 'Quỹ Vì người nghèo', en: 'For the Poor fund' },
  relief: { vi: 'Cứu trợ', en: 'Relief' },
  emergency: { vi: 'Hỗ trợ khẩn cấp', en: 'Emergency aid' },
  collection: { vi: 'Điểm thu gom (Ngôi nhà xanh)', en: 'Collection (Green House)' },
  house: { vi: 'Xây, sửa nhà Đại đoàn kết', en: 'Solidarity house' },
  women_children: { vi: 'Hỗ trợ phụ nữ, trẻ em', en: 'Women and children' },
  livelihood: { vi: 'Hỗ trợ sinh kế, đời sống', en: 'Livelihood and living' },
  person: { vi: 'Cá nhân', en: 'Person' },
  organisation: { vi: 'Tổ chức', en: 'Organisation' },
  business: { vi: 'Doanh nghiệp', en: 'Business' },
  anonymous: { vi: 'Ẩn danh', en: 'Anonymous' },
  cash: { vi: 'Tiền mặt', en: 'Cash' },
  bank: { vi: 'Chuyển khoản', en: 'Bank transfer' },
  in_kind: { vi: 'Hiện vật', en: 'In kind' },
  poor: { vi: 'Hộ nghèo', en: 'Poor households' },
  near_poor: { vi: 'Hộ cận nghèo', en: 'Near-poor households' },
  other: { vi: 'Hộ khác', en: 'Other households' },
  aid: { vi: 'Hỗ trợ hộ', en: 'Aid' },
  transfer: { vi: 'Chuyển cấp trên, nơi khác', en: 'Transfer' },
  commune: { vi: 'Xã', en: 'Commune' },
  district: { vi: 'Huyện', en: 'District' },
  province: { vi: 'Tỉnh', en: 'Province' },
  central: { vi: 'Trung ương', en: 'Central' },
};

export function fundsWord(key: string, lang: 'vi' | 'en'): string {
  return FUNDS_WORDS[key]?.[lang] ?? key;
}

/** Command descriptions and messages of `soquy fund …`. */
export const FUNDS_CLI = {
  fund: { vi: 'Quỹ từ thiện, cứu trợ: quỹ, ủng hộ, hỗ trợ, công khai', en: 'Charity and relief funds' },
  create: { vi: 'Lập quỹ hoặc cuộc vận động (một sổ riêng)', en: 'Open a fund or campaign (its own book)' },
  list: { vi: 'Danh sách quỹ và số dư', en: 'Funds and their balances' },
  show: { vi: 'Một quỹ: đợt, điểm tiếp nhận, cam kết, tổng thu chi', en: 'One fund in detail' },
  cap: { vi: 'Đặt mức hỗ trợ tối đa một hộ cho một mục đích', en: 'Set the per-household cap of a purpose' },
  caps: { vi: 'Các mức hỗ trợ tối đa', en: 'The caps' },
  donate: { vi: 'Ghi nhận ủng hộ và lập phiếu thu', en: 'Record a donation and issue its receipt' },
  pledge: { vi: 'Ghi nhận cam kết ủng hộ', en: 'Record a pledge' },
  receipt: { vi: 'In phiếu thu', en: 'Print a receipt' },
  aid: {
    vi: 'Đề xuất chi hỗ trợ một hộ (người khác duyệt)',
    en: 'Propose aid to a household (another user approves)',
  },
  transfer: { vi: 'Đề xuất chuyển tiền lên cấp trên, nơi khác', en: 'Propose a transfer to another level' },
  approve: {
    vi: 'Duyệt và chi một đề xuất (không phải người đề xuất)',
    en: 'Approve and pay a proposal (not its proposer)',
  },
  donations: { vi: 'Các khoản ủng hộ của quỹ', en: 'A fund’s donations' },
  spendings: { vi: 'Các khoản chi của quỹ', en: 'A fund’s spendings' },
  disclosure: { vi: 'Báo cáo công khai thu chi của quỹ', en: 'A fund’s public disclosure' },
  householdAid: { vi: 'Các khoản hỗ trợ một hộ đã nhận', en: 'Aid a household received' },
  proposed: {
    vi: 'Đã đề xuất #{id}: {summary}. Cần người khác duyệt: soquy fund approve {id}',
    en: 'Proposed #{id}: {summary}. Another user approves it: soquy fund approve {id}',
  },
  donated: {
    vi: 'Đã lập phiếu thu {documentNo}: {amount:dong} ({entry}).',
    en: 'Receipt {documentNo}: {amount:dong} ({entry}).',
  },
  paid: {
    vi: 'Đã chi, phiếu chi {documentNo}: {amount:dong} ({entry}).',
    en: 'Paid, voucher {documentNo}: {amount:dong} ({entry}).',
  },
  pledged: { vi: 'Đã ghi cam kết {id}: {amount:dong}.', en: 'Pledge {id}: {amount:dong}.' },
  capSet: {
    vi: 'Mức tối đa {purpose}: {amount:dong} từ {from:date}.',
    en: 'Cap of {purpose}: {amount:dong} from {from:date}.',
  },
  anonymousLine: { vi: 'Nhà hảo tâm ẩn danh', en: 'Anonymous donors' },
} satisfies Record<string, Text>;

/** Texts of the fund pages. */
export const FUNDS_WEB = {
  nav: { vi: 'Quỹ từ thiện', en: 'Charity funds' },
  listTitle: { vi: 'Quỹ từ thiện, cứu trợ', en: 'Charity and relief funds' },
  noFunds: { vi: 'Chưa có quỹ nào bạn được xem.', en: 'No fund you may read yet.' },
  open: { vi: 'Đang tiếp nhận', en: 'Receiving' },
  closed: { vi: 'Đã kết thúc tiếp nhận', en: 'Closed' },
  balance: { vi: 'Số dư', en: 'Balance' },
  received: { vi: 'Đã thu', en: 'Received' },
  spent: { vi: 'Đã chi', en: 'Spent' },
  period: { vi: 'Thời gian tiếp nhận', en: 'Receiving period' },
  restricted: { vi: 'Chỉ chi cho', en: 'Spent only on' },
  unrestricted: { vi: 'Không hạn chế', en: 'Unrestricted' },
  phases: { vi: 'Các đợt', en: 'Phases' },
  points: { vi: 'Điểm tiếp nhận', en: 'Collection points' },
  donations: { vi: 'Các khoản ủng hộ', en: 'Donations' },
  spendings: { vi: 'Các khoản chi', en: 'Spendings' },
  donate: { vi: 'Ghi nhận ủng hộ', en: 'Record a donation' },
  spend: { vi: 'Đề xuất chi', en: 'Propose spending' },
  disclosure: { vi: 'Công khai thu chi', en: 'Disclosure' },
  publicLink: { vi: 'Trang công khai (không cần đăng nhập)', en: 'Public page (no sign-in)' },
  receipt: { vi: 'Phiếu thu', en: 'Receipt' },
  voucher: { vi: 'Phiếu chi', en: 'Voucher' },
  donor: { vi: 'Người ủng hộ', en: 'Donor' },
  anonymousDonors: { vi: 'Nhà hảo tâm ẩn danh', en: 'Anonymous donors' },
  household: { vi: 'Hộ', en: 'Household' },
  recipient: { vi: 'Nơi nhận', en: 'Recipient' },
  purpose: { vi: 'Mục đích', en: 'Purpose' },
  form: { vi: 'Hình thức', en: 'Form' },
  submitDonation: { vi: 'Ghi và lập phiếu thu', en: 'Record and issue the receipt' },
  submitAid: { vi: 'Đề xuất hỗ trợ hộ', en: 'Propose aid' },
  submitTransfer: { vi: 'Đề xuất chuyển tiền', en: 'Propose the transfer' },
  aidTitle: { vi: 'Hỗ trợ một hộ', en: 'Aid to a household' },
  transferTitle: { vi: 'Chuyển lên cấp trên, nơi khác', en: 'Transfer to another level' },
  makerChecker: {
    vi: 'Khoản chi chỉ được chi khi một người khác duyệt (trang Phê duyệt).',
    en: 'A spending is paid only when another user approves it (Approvals page).',
  },
  anonymousHint: {
    vi: 'Giữ tên để lập phiếu thu, không công khai',
    en: 'Keep the name for the receipt, never disclose it',
  },
  receiptNoHint: { vi: 'Để trống: số tiếp theo của quỹ', en: 'Empty: the fund’s next number' },
  goodsHint: {
    vi: 'Chỉ khi ủng hộ hiện vật; số tiền là giá trị ước tính',
    en: 'In kind only; the amount is the valuation',
  },
  openingBalance: { vi: 'Tồn đầu kỳ', en: 'Opening balance' },
  closingBalance: { vi: 'Tồn cuối kỳ', en: 'Closing balance' },
  inKind: { vi: 'Ủng hộ bằng hiện vật', en: 'Donations in kind' },
  byPoint: { vi: 'Theo điểm tiếp nhận', en: 'By collection point' },
  byPhase: { vi: 'Theo đợt', en: 'By phase' },
  byPurpose: { vi: 'Chi theo mục đích', en: 'Spent by purpose' },
  byCategory: { vi: 'Chi theo đối tượng', en: 'Spent by beneficiary category' },
  transfers: { vi: 'Chuyển cấp trên, nơi khác', en: 'Transfers' },
  households: { vi: 'Số hộ', en: 'Households' },
  count: { vi: 'Số lần', en: 'Count' },
  goods: { vi: 'Hiện vật', en: 'Goods' },
  value: { vi: 'Giá trị', en: 'Value' },
  total: { vi: 'Tổng', en: 'Total' },
  notReconciled: {
    vi: 'Số liệu chưa khớp với sổ kế toán (có bút toán khác của quỹ trong kỳ).',
    en: 'The figures differ from the journal (other entries of the fund in the period).',
  },
  disclosureTitle: { vi: 'Công khai thu chi: {name}', en: 'Disclosure: {name}' },
  disclosurePeriod: { vi: 'Từ {from:date} đến {to:date}', en: 'From {from:date} to {to:date}' },
  privacyNote: {
    vi: 'Không công bố họ tên, số giấy tờ của hộ được hỗ trợ và của người ủng hộ không muốn công khai tên.',
    en: 'Names and ID numbers of aided households, and of donors who asked not to be named, are not published.',
  },
  show: { vi: 'Xem', en: 'Show' },
  proposedAt: { vi: 'Đã đề xuất, chờ duyệt', en: 'Proposed, waiting for approval' },
  paidBy: { vi: 'Đề xuất {by}, duyệt {approver}', en: 'Proposed by {by}, approved by {approver}' },
} satisfies Record<string, Text>;
