/** Named limits of savings groups (STYLE: put a limit on everything). */
export const SAVINGS_LIMITS = {
  /** Shares a member may buy at one meeting (BRIEF §4: 1–5). */
  sharesPerMeetingMax: 5,
  /** Lines on one meeting sheet (a group has at most 60 members). */
  linesPerMeetingMax: 60,
  /** Meetings in one cycle (weekly over a year, with room). */
  meetingsPerCycleMax: 60,
  /** Loan limit multiple of savings, at most. */
  loanMultipleMax: 10,
  /** Service charge per month, ppm (10 %/month at most). */
  serviceChargePpmMonthMax: 100_000,
  loanTermMonthsMax: 24,
  /** Savings interest, ppm per year. */
  ratePpmYearMax: 1_000_000,
  textLengthMax: 200,
} as const;

export const SAVINGS_ID = /^[0-9A-Za-z][0-9A-Za-z._:/-]{0,63}$/;

export const SAVINGS_ACCOUNT_KINDS = ['voluntary', 'compulsory', 'vbsp_group'] as const;
export type SavingsAccountKind = (typeof SAVINGS_ACCOUNT_KINDS)[number];

/** The accounts of the `savings-group` book template this area posts to. */
export const ACC = {
  loanCash: '1111',
  socialCash: '1112',
  loans: '1311',
  finesOwed: '1381',
  /** Service charges receivable (the loan engine's accrual), normal and overdue. */
  charges: '1318',
  overdueCharges: '1319',
  shares: '3311',
  savings: '3312',
  shareOutPayable: '3318',
  otherPayable: '3388',
  socialFund: '4121',
  carried: '4212',
  serviceCharges: '5111',
  fines: '5112',
  cashOver: '5118',
  expenses: '6111',
  cashShort: '6118',
} as const;

/** Group loans' principal accounts by class (current, overdue, frozen, extended): loan engine's. */
export const ACC_LOAN_CLASSES = ['1311', '1312', '1313', '1314'] as const;

/** What members owe the group besides principal: service charges (normal, overdue) and fines. */
export const ACC_RECEIVABLES = ['1318', '1319', '1381'] as const;

export const PPM = 1_000_000;
