/**
 * Every limit of the loan engine, named and checked (STYLE: "put a limit on everything"). Business
 * caps (per household, per project, maximum term) belong to programmes; these are the guards
 * around them, against typos and runaway input.
 */
export const LOAN_LIMITS = {
  /** No programme lends for longer than 30 years; the VBSP's longest (housing) is 25. */
  termMonthsMax: 360,
  /** Instalments of one schedule (monthly over 30 years). */
  instalmentsMax: 360,
  /** 100 % a year: far above any commune rate; a typo guard. */
  ratePpmYearMax: 1_000_000,
  /** An overdue or relative rate may be up to ten times its base. */
  multiplierPpmMax: 10_000_000,
  /** A single extension (gia hạn) or freeze (khoanh nợ) period. */
  treatmentMonthsMax: 60,
  /** Lifecycle events of one loan (a monthly repayment over 30 years is 360). */
  eventsPerLoanMax: 5_000,
  textLengthMax: 500,
  nameLengthMax: 200,
  /** Loans read and written per transaction of the month-end job. */
  chunkLoansMax: 5_000,
  /** Rows one list report returns. */
  reportRowsMax: 1_000_000,
} as const;

/** Ids of loans, programmes and plans: short, ASCII, usable as ledger party ids. */
export const LOAN_ID = /^[0-9A-Za-z][0-9A-Za-z._:/-]{0,39}$/;
