/**
 * Accounts of a book's chart. Memo accounts (tài khoản ngoài bảng) record what an organisation
 * services but does not own, such as the Social Policy Bank's entrusted loans: they balance among
 * themselves and stay out of the balance sheet.
 */
import type { Dong } from '../money.ts';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense', 'memo'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export type NormalSide = 'debit' | 'credit';

/** `required`: every posting names a party (a household, member, book); `none`: never. */
export const PARTY_MODES = ['none', 'required'] as const;
export type PartyMode = (typeof PARTY_MODES)[number];

/**
 * `non_negative`: the balance on the account's normal side never falls below zero on any date,
 * for the account as a whole and for each party within it ("cash never below zero",
 * "a member's savings never below zero").
 */
export const BALANCE_RULES = ['none', 'non_negative'] as const;
export type BalanceRule = (typeof BALANCE_RULES)[number];

export interface AccountSpec {
  readonly code: string;
  readonly type: AccountType;
  readonly normalSide: NormalSide;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly partyMode: PartyMode;
  readonly balanceRule: BalanceRule;
}

/** Debit-normal for assets and expenses, credit-normal for the rest; memo accounts say which. */
export function defaultNormalSide(type: AccountType): NormalSide {
  return type === 'asset' || type === 'expense' || type === 'memo' ? 'debit' : 'credit';
}

/**
 * Postings carry a signed amount: positive is a debit, negative a credit (as in Beancount).
 * The balance on the account's normal side is what a treasurer reads: cash 5.000.000 ₫, not −.
 */
export function normalBalance(debitDong: Dong, creditDong: Dong, side: NormalSide): Dong {
  return side === 'debit' ? debitDong - creditDong : creditDong - debitDong;
}

/** True when the account belongs to the balance sheet or result, false for memo accounts. */
export function isOnBalanceSheet(type: AccountType): boolean {
  return type !== 'memo';
}
