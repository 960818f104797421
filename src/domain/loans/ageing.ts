/**
 * Overdue ageing and portfolio at risk. A loan's days past due are counted from the oldest
 * principal instalment still unpaid after its due date: an instalment due 10/02 and unpaid is 1 day
 * past due on 11/02 (Decision 976/QĐ-TTg: only the missed instalment is overdue, the rest of the
 * loan stays current, but the whole outstanding balance of such a loan is "at risk").
 */
export const AGEING_BUCKETS = ['current', '1-30', '31-90', '91-180', '181-360', '>360'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export function bucketOf(daysPastDue: number): AgeingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 90) return '31-90';
  if (daysPastDue <= 180) return '91-180';
  if (daysPastDue <= 360) return '181-360';
  return '>360';
}

/** PAR30: loans more than 30 days past due. */
export const PAR_DAYS = 30;

/**
 * A share as an exact fraction shown in percent with two decimals, rounded half up:
 * 1,234,567 of 98,765,432 → "1.25".
 */
export function percentText(part: number, whole: number, lang: 'vi' | 'en' = 'en'): string {
  if (whole <= 0) return lang === 'vi' ? '0,00' : '0.00';
  const basisPoints = (2n * 10_000n * BigInt(part) + BigInt(whole)) / (2n * BigInt(whole));
  const text = `${basisPoints / 100n}${lang === 'vi' ? ',' : '.'}${String(basisPoints % 100n).padStart(2, '0')}`;
  return text;
}
