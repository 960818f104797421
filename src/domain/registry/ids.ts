/** Ids the registry generates when none is given; all are ledger party ids (codes.ts). */

/** Generated ids: `HH-0001`, `P-000001`; a number wider than the padding simply grows. */
export function formatId(prefix: string, n: number, width: number): string {
  return `${prefix}${String(n).padStart(width, '0')}`;
}

export const ID_FORMATS = {
  household: { prefix: 'HH-', width: 4 },
  person: { prefix: 'P-', width: 6 },
  group: { prefix: 'G-', width: 4 },
  shock: { prefix: 'SK-', width: 6 },
} as const;
export type IdKind = keyof typeof ID_FORMATS;
