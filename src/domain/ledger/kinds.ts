/** What an entry records. A fixed list so reports can group by it; `general` covers the rest. */
export const ENTRY_KINDS = [
  'opening', // số dư đầu kỳ
  'general',
  'capital', // góp / cấp vốn
  'disbursement', // giải ngân
  'repayment', // thu nợ
  'interest', // lãi, phí
  'fee',
  'commission', // hoa hồng
  'deposit', // gửi tiết kiệm
  'withdrawal', // rút tiết kiệm
  'savings_interest',
  'share_purchase', // mua cổ phần (VSLA)
  'share_out', // chia cuối chu kỳ
  'social_fund', // quỹ xã hội
  'fine', // tiền phạt
  'grant', // trợ cấp
  'donation', // ủng hộ
  'pledge', // cam kết ủng hộ
  'aid', // hỗ trợ, cứu trợ
  'transfer', // chuyển quỹ giữa sổ
  'handover', // nộp tiền cho ngân hàng
  'extension', // gia hạn nợ
  'freeze', // khoanh nợ
  'write_off', // xóa nợ
  'reclassification', // chuyển nhóm nợ
  'commitment', // cam kết cho vay (phê duyệt, hủy phần chưa giải ngân)
  'cash_difference', // chênh lệch quỹ tiền mặt
  'adjustment',
  'reversal', // bút toán đảo
] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number];

export function isEntryKind(x: unknown): x is EntryKind {
  return typeof x === 'string' && (ENTRY_KINDS as readonly string[]).includes(x);
}
