/**
 * Charity and relief funds, the pure part: kinds, purposes and the expense account each is booked
 * to, the cap in force, receipt and voucher numbers, and the checks an aid must pass. Imports
 * nothing outside domain/ (docs/design/funds.md).
 */
import type { BusinessDate } from '../dates.ts';
import type { Refusal } from '../refusal.ts';

/** For the Poor (Quỹ Vì người nghèo), relief campaign (cứu trợ), emergency appeal, collection (Ngôi nhà xanh). */
export const FUND_KINDS = ['for_the_poor', 'relief', 'emergency', 'collection'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

export const FUND_LEVELS = ['commune', 'district', 'province', 'central'] as const;
export type FundLevel = (typeof FUND_LEVELS)[number];

/** What aid pays for. */
export const AID_PURPOSES = [
  'house', // xây, sửa nhà Đại đoàn kết
  'emergency', // hỗ trợ khẩn cấp
  'relief', // cứu trợ thiên tai
  'women_children', // hỗ trợ phụ nữ, trẻ em
  'livelihood', // hỗ trợ sinh kế, đời sống
] as const;
export type AidPurpose = (typeof AID_PURPOSES)[number];

export const DONOR_KINDS = ['person', 'organisation', 'business', 'anonymous'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

export const MONEY_FORMS = ['cash', 'bank', 'in_kind'] as const;
export type MoneyForm = (typeof MONEY_FORMS)[number];

export type SpendingKind = 'aid' | 'transfer';

/** Charity-fund template accounts (domain/ledger/templates.ts). */
export const FUND_ACCOUNTS = {
  cash: '111',
  bank: '112',
  inKind: '1521',
  cashDonations: '5111',
  inKindDonations: '5112',
  transfers: '6116',
  pledges: '0081',
  pledgesContra: '0089',
} as const;

export const PURPOSE_ACCOUNT: Readonly<Record<AidPurpose, string>> = {
  house: '6111',
  emergency: '6112',
  relief: '6113',
  women_children: '6114',
  livelihood: '6115',
};

/** Where money of a form sits in the fund's book. */
export function formAccount(form: MoneyForm): string {
  return form === 'cash' ? FUND_ACCOUNTS.cash : form === 'bank' ? FUND_ACCOUNTS.bank : FUND_ACCOUNTS.inKind;
}

export const FUNDS_LIMITS = {
  nameLengthMax: 200,
  textLengthMax: 500,
  phasesMax: 20,
  pointsMax: 100,
  listRowsMax: 100_000,
} as const;

/** Printed numbers: `PT-vnn-2025-000012` (phiếu thu), `PC-vnn-2025-000003` (phiếu chi). */
export function receiptDocumentNo(fund: string, no: number): string {
  return `PT-${fund}-${String(no).padStart(6, '0')}`;
}
export function voucherDocumentNo(fund: string, no: number): string {
  return `PC-${fund}-${String(no).padStart(6, '0')}`;
}

export interface CapRow {
  readonly purpose: string;
  readonly effectiveFrom: BusinessDate;
  readonly capDong: number;
}

/** The cap of a purpose in force on a day: the row with the latest start on or before it. */
export function capInForce(caps: readonly CapRow[], purpose: string, on: BusinessDate): CapRow | undefined {
  let best: CapRow | undefined;
  for (const c of caps)
    if (c.purpose === purpose && c.effectiveFrom <= on && (!best || c.effectiveFrom > best.effectiveFrom))
      best = c;
  return best;
}

/** A receipt number typed in must be exactly the next one of the fund. */
export function checkReceiptNo(typed: number | null, next: number): Refusal[] {
  if (typed === null || typed === next) return [];
  return typed < next
    ? [{ code: 'funds_receipt_no_used', field: 'receiptNo', value: typed, params: { next } }]
    : [{ code: 'funds_receipt_no_gap', field: 'receiptNo', value: typed, params: { next } }];
}

export interface FundTerms {
  readonly id: string;
  readonly kind: FundKind;
  readonly opensOn: BusinessDate;
  readonly closesOn: BusinessDate;
  /** Empty = unrestricted. */
  readonly restrictedPurposes: readonly AidPurpose[];
  /** An emergency appeal's household (from its shock). */
  readonly householdId: string | null;
}

/** Donations are taken only while the fund is open (Decree 93/2021: no receiving after the period). */
export function checkDonationDate(fund: FundTerms, date: BusinessDate): Refusal[] {
  if (date > fund.closesOn)
    return [{ code: 'funds_fund_closed', field: 'date', value: date, params: { closesOn: fund.closesOn } }];
  if (date < fund.opensOn)
    return [{ code: 'funds_fund_not_open', field: 'date', value: date, params: { opensOn: fund.opensOn } }];
  return [];
}

/** Restricted money is spent only on its purposes. */
export function checkPurpose(fund: FundTerms, purpose: AidPurpose): Refusal[] {
  if (fund.restrictedPurposes.length === 0 || fund.restrictedPurposes.includes(purpose)) return [];
  return [
    {
      code: 'funds_purpose_restricted',
      field: 'purpose',
      value: purpose,
      params: { fund: fund.id, allowed: fund.restrictedPurposes.join(', ') },
    },
  ];
}

/**
 * The household's aid for one purpose from one fund, this one included, stays within the cap in
 * force on the aid date. An emergency appeal paying its own household is not capped: the appeal
 * exists to hand over what the neighbours gave.
 */
export function checkCap(
  fund: FundTerms,
  householdId: string,
  cap: CapRow | undefined,
  alreadyDong: number,
  amountDong: number,
): Refusal[] {
  if (cap === undefined) return [];
  if (fund.kind === 'emergency' && fund.householdId === householdId) return [];
  if (alreadyDong + amountDong <= cap.capDong) return [];
  return [
    {
      code: 'funds_aid_above_cap',
      field: 'amount',
      value: amountDong,
      params: { cap: cap.capDong, already: alreadyDong, purpose: cap.purpose, from: cap.effectiveFrom },
    },
  ];
}

/** An emergency appeal pays only the household its shock struck. */
export function checkBeneficiary(fund: FundTerms, householdId: string): Refusal[] {
  if (fund.kind !== 'emergency' || fund.householdId === null || fund.householdId === householdId) return [];
  return [
    {
      code: 'funds_beneficiary_not_appeal',
      field: 'household',
      value: householdId,
      params: { household: fund.householdId },
    },
  ];
}
