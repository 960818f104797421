/**
 * Book templates: the chart of accounts a new book starts with. Codes follow the Vietnamese
 * administrative-unit chart (Circular 24/2024/TT-BTC) where one fits: 111 cash, 112 bank, 131/138
 * receivables, 331/338 payables, 411 capital, 421 surplus, 511 income, 611 expenses; 0xx for memo
 * accounts (tài khoản ngoài bảng). Every template has the inter-book accounts 1368/3368 (due from /
 * due to another book, the party being that book), so money moving between books is a pair of
 * linked entries and each book still balances on its own.
 */
import {
  type AccountSpec,
  type AccountType,
  type BalanceRule,
  defaultNormalSide,
  type NormalSide,
  type PartyMode,
} from './accounts.ts';

function account(
  code: string,
  type: AccountType,
  nameVi: string,
  nameEn: string,
  opts: { party?: PartyMode; rule?: BalanceRule; side?: NormalSide } = {},
): AccountSpec {
  return {
    code,
    type,
    nameVi,
    nameEn,
    normalSide: opts.side ?? defaultNormalSide(type),
    partyMode: opts.party ?? 'none',
    balanceRule: opts.rule ?? 'none',
  };
}

const CASH = account('111', 'asset', 'Tiền mặt', 'Cash on hand', { rule: 'non_negative' });
const BANK = account('112', 'asset', 'Tiền gửi ngân hàng', 'Bank deposits', { rule: 'non_negative' });
const DUE_FROM = account('1368', 'asset', 'Phải thu nội bộ (sổ khác)', 'Due from other books', {
  party: 'required',
});
const DUE_TO = account('3368', 'liability', 'Phải trả nội bộ (sổ khác)', 'Due to other books', {
  party: 'required',
});
const OTHER_RECEIVABLE = account('1388', 'asset', 'Phải thu khác', 'Other receivables', {
  party: 'required',
});
const OTHER_PAYABLE = account('3388', 'liability', 'Phải trả khác', 'Other payables', { party: 'required' });
const SURPLUS = account('421', 'equity', 'Chênh lệch thu chi lũy kế', 'Accumulated surplus');
const CASH_OVER = account('5118', 'income', 'Thu khác (thừa quỹ)', 'Other income (cash over)');
const CASH_SHORT = account('6118', 'expense', 'Chi khác (thiếu quỹ)', 'Other expenses (cash short)');
// Loans approved and not yet disbursed: an off-balance commitment, per loan (cam kết cho vay).
const LOAN_COMMITMENT = account(
  '007',
  'memo',
  'Cam kết cho vay chưa giải ngân',
  'Loan commitments not disbursed',
  {
    party: 'required',
  },
);
const LOAN_COMMITMENT_CONTRA = account(
  '0082',
  'memo',
  'Cam kết cho vay (đối ứng)',
  'Loan commitments (contra)',
  {
    side: 'credit',
  },
);

export interface BookTemplate {
  readonly id: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly accounts: readonly AccountSpec[];
}

/** Any fund with no specific chart. */
const general: BookTemplate = {
  id: 'general',
  nameVi: 'Sổ quỹ chung',
  nameEn: 'General fund book',
  accounts: [
    CASH,
    BANK,
    OTHER_RECEIVABLE,
    DUE_FROM,
    OTHER_PAYABLE,
    DUE_TO,
    account('411', 'equity', 'Nguồn vốn, quỹ', 'Fund capital'),
    SURPLUS,
    account('511', 'income', 'Thu hoạt động', 'Income'),
    CASH_OVER,
    account('611', 'expense', 'Chi hoạt động', 'Expenses'),
    CASH_SHORT,
  ],
};

/**
 * Farmers Support Fund (Quỹ Hỗ trợ nông dân, Decree 37/2023): the association's own revolving
 * fund. Capital is tracked per source (central, province, district, commune); the charge is a fee.
 */
const farmersSupportFund: BookTemplate = {
  id: 'farmers-support-fund',
  nameVi: 'Quỹ Hỗ trợ nông dân',
  nameEn: 'Farmers Support Fund',
  accounts: [
    CASH,
    BANK,
    account('1311', 'asset', 'Cho vay hội viên – trong hạn', 'Member loans – current', { party: 'required' }),
    account('1312', 'asset', 'Cho vay hội viên – quá hạn', 'Member loans – overdue', { party: 'required' }),
    account('1313', 'asset', 'Cho vay hội viên – khoanh nợ', 'Member loans – frozen', { party: 'required' }),
    account('1314', 'asset', 'Cho vay hội viên – gia hạn nợ', 'Member loans – extended', {
      party: 'required',
    }),
    account('1318', 'asset', 'Phí cho vay phải thu', 'Loan fees receivable', { party: 'required' }),
    account('1319', 'asset', 'Phí quá hạn phải thu', 'Overdue fees receivable', { party: 'required' }),
    OTHER_RECEIVABLE,
    DUE_FROM,
    OTHER_PAYABLE,
    DUE_TO,
    account('4111', 'equity', 'Nguồn vốn trung ương', 'Capital – central'),
    account('4112', 'equity', 'Nguồn vốn tỉnh', 'Capital – province'),
    account('4113', 'equity', 'Nguồn vốn huyện', 'Capital – district'),
    account('4114', 'equity', 'Nguồn vốn xã, vận động', 'Capital – commune and raised'),
    SURPLUS,
    account('5111', 'income', 'Thu phí cho vay', 'Loan fee income'),
    account('5112', 'income', 'Thu phí quá hạn', 'Overdue fee income'),
    CASH_OVER,
    account('6111', 'expense', 'Chi quản lý quỹ', 'Fund management expenses'),
    account('6112', 'expense', 'Chi xử lý rủi ro (xóa nợ)', 'Risk treatment (write-offs)'),
    CASH_SHORT,
    LOAN_COMMITMENT,
    LOAN_COMMITMENT_CONTRA,
  ],
};

/**
 * Social Policy Bank loans serviced by entrustment (cho vay ủy thác). The bank owns the loans, so
 * they sit in memo accounts; cash the association collects for the bank is a liability until it
 * is handed over at the commune transaction point.
 */
const vbspEntrusted: BookTemplate = {
  id: 'vbsp-entrusted',
  nameVi: 'Dư nợ ủy thác NHCSXH',
  nameEn: 'VBSP entrusted portfolio',
  accounts: [
    CASH,
    BANK,
    account('1381', 'asset', 'Phí ủy thác, hoa hồng phải thu NHCSXH', 'Fee and commission due from VBSP'),
    OTHER_RECEIVABLE,
    DUE_FROM,
    account('3381', 'liability', 'Lãi thu hộ NHCSXH chờ nộp', 'Interest collected for VBSP, to hand over', {
      party: 'required',
    }),
    account('3382', 'liability', 'Tiết kiệm thu hộ chờ nộp', 'Savings collected for VBSP, to hand over', {
      party: 'required',
    }),
    account('3383', 'liability', 'Gốc thu hộ chờ nộp', 'Principal collected for VBSP, to hand over', {
      party: 'required',
    }),
    account('3384', 'liability', 'Hoa hồng phải trả tổ trưởng', 'Commission payable to group leaders', {
      party: 'required',
    }),
    OTHER_PAYABLE,
    DUE_TO,
    SURPLUS,
    account('5111', 'income', 'Thu phí ủy thác', 'Entrustment fee income'),
    CASH_OVER,
    account('6111', 'expense', 'Chi hoạt động ủy thác', 'Entrustment expenses'),
    CASH_SHORT,
    account('001', 'memo', 'Dư nợ NHCSXH – trong hạn', 'VBSP loans serviced – current', {
      party: 'required',
    }),
    account('002', 'memo', 'Dư nợ NHCSXH – quá hạn', 'VBSP loans serviced – overdue', { party: 'required' }),
    account('003', 'memo', 'Dư nợ NHCSXH – khoanh nợ', 'VBSP loans serviced – frozen', { party: 'required' }),
    account('004', 'memo', 'Dư nợ NHCSXH – gia hạn nợ', 'VBSP loans serviced – extended', {
      party: 'required',
    }),
    account('005', 'memo', 'Lãi NHCSXH phải thu (theo dõi)', 'VBSP interest receivable (tracked)', {
      party: 'required',
    }),
    account(
      '006',
      'memo',
      'Lãi quá hạn NHCSXH phải thu (theo dõi)',
      'VBSP overdue interest receivable (tracked)',
      {
        party: 'required',
      },
    ),
    LOAN_COMMITMENT,
    account('0081', 'memo', 'Lãi NHCSXH phải thu (đối ứng)', 'VBSP interest receivable (contra)', {
      side: 'credit',
    }),
    LOAN_COMMITMENT_CONTRA,
    account('009', 'memo', 'Nguồn vốn NHCSXH ủy thác (đối ứng)', 'VBSP capital serviced (contra)', {
      side: 'credit',
    }),
  ],
};

/**
 * A savings-and-loan group in the VSLA manner: the loan fund and the social fund are separate
 * cash boxes; members' share savings are what the group owes them until share-out.
 */
const savingsGroup: BookTemplate = {
  id: 'savings-group',
  nameVi: 'Sổ quỹ nhóm tiết kiệm – vay vốn',
  nameEn: 'Savings and loan group book',
  accounts: [
    account('1111', 'asset', 'Tiền mặt quỹ cho vay', 'Loan fund cash', { rule: 'non_negative' }),
    account('1112', 'asset', 'Tiền mặt quỹ xã hội', 'Social fund cash', { rule: 'non_negative' }),
    BANK,
    account('1311', 'asset', 'Cho vay thành viên', 'Loans to members', { party: 'required' }),
    account('1312', 'asset', 'Cho vay thành viên – quá hạn', 'Loans to members – overdue', {
      party: 'required',
    }),
    account('1313', 'asset', 'Cho vay thành viên – khoanh nợ', 'Loans to members – frozen', {
      party: 'required',
    }),
    account('1314', 'asset', 'Cho vay thành viên – gia hạn nợ', 'Loans to members – extended', {
      party: 'required',
    }),
    account('1318', 'asset', 'Phí dịch vụ phải thu', 'Service charges receivable', { party: 'required' }),
    account('1319', 'asset', 'Phí dịch vụ quá hạn phải thu', 'Overdue service charges receivable', {
      party: 'required',
    }),
    DUE_FROM,
    account('1381', 'asset', 'Tiền phạt phải thu', 'Fines receivable', {
      party: 'required',
      rule: 'non_negative',
    }),
    account('3311', 'liability', 'Tiết kiệm cổ phần thành viên', 'Members’ share savings', {
      party: 'required',
      rule: 'non_negative',
    }),
    account('3312', 'liability', 'Tiết kiệm tự nguyện thành viên', 'Members’ voluntary savings', {
      party: 'required',
      rule: 'non_negative',
    }),
    account('3318', 'liability', 'Chia cuối chu kỳ phải trả', 'Share-out payable', { party: 'required' }),
    OTHER_PAYABLE,
    DUE_TO,
    account('4121', 'equity', 'Quỹ xã hội', 'Social fund', { rule: 'non_negative' }),
    account('4211', 'equity', 'Lãi chưa chia', 'Undistributed surplus'),
    account('4212', 'equity', 'Quỹ giữ lại chu kỳ sau', 'Carried to next cycle'),
    account('5111', 'income', 'Thu phí dịch vụ vay', 'Loan service charges'),
    account('5112', 'income', 'Thu tiền phạt', 'Fines'),
    CASH_OVER,
    account('6111', 'expense', 'Chi hoạt động nhóm', 'Group expenses'),
    account('6112', 'expense', 'Chi xóa nợ vay thành viên', 'Member loans written off'),
    CASH_SHORT,
    LOAN_COMMITMENT,
    LOAN_COMMITMENT_CONTRA,
  ],
};

/**
 * Charity and relief funds: the Fatherland Front's For the Poor fund, relief campaigns, emergency
 * appeals, Green House collections. Pledges are memo entries until money arrives.
 */
const charityFund: BookTemplate = {
  id: 'charity-fund',
  nameVi: 'Quỹ từ thiện, cứu trợ',
  nameEn: 'Charity and relief fund',
  accounts: [
    CASH,
    BANK,
    account('1521', 'asset', 'Hiện vật ủng hộ', 'Donations in kind'),
    DUE_FROM,
    OTHER_RECEIVABLE,
    account('3311', 'liability', 'Phải trả hộ được hỗ trợ', 'Aid payable to households', {
      party: 'required',
    }),
    OTHER_PAYABLE,
    DUE_TO,
    account('4311', 'equity', 'Quỹ đầu kỳ', 'Fund balance brought forward'),
    SURPLUS,
    account('5111', 'income', 'Thu ủng hộ bằng tiền', 'Cash donations'),
    account('5112', 'income', 'Thu ủng hộ hiện vật', 'Donations in kind'),
    account('5113', 'income', 'Thu lãi tiền gửi', 'Bank interest'),
    CASH_OVER,
    account('6111', 'expense', 'Chi xây, sửa nhà Đại đoàn kết', 'Solidarity houses built or repaired'),
    account('6112', 'expense', 'Chi hỗ trợ khẩn cấp', 'Emergency aid'),
    account('6113', 'expense', 'Chi cứu trợ thiên tai', 'Disaster relief'),
    account('6114', 'expense', 'Chi hỗ trợ phụ nữ, trẻ em', 'Support to women and children'),
    account('6115', 'expense', 'Chi hỗ trợ sinh kế, đời sống', 'Livelihood and living support'),
    account('6116', 'expense', 'Chuyển cấp trên, nơi khác', 'Sent to other levels or places'),
    account('6119', 'expense', 'Chi phí vận động, quản lý', 'Campaign and management costs'),
    CASH_SHORT,
    account('0081', 'memo', 'Cam kết ủng hộ chưa nhận', 'Pledges not yet received', { party: 'required' }),
    account('0089', 'memo', 'Cam kết ủng hộ (đối ứng)', 'Pledges (contra)', { side: 'credit' }),
  ],
};

export const BOOK_TEMPLATES: Readonly<Record<string, BookTemplate>> = {
  general,
  'farmers-support-fund': farmersSupportFund,
  'vbsp-entrusted': vbspEntrusted,
  'savings-group': savingsGroup,
  'charity-fund': charityFund,
};

export function findTemplate(id: string): BookTemplate | undefined {
  return Object.hasOwn(BOOK_TEMPLATES, id) ? BOOK_TEMPLATES[id] : undefined;
}
