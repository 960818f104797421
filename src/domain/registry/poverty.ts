/**
 * Poverty standards and the flags that follow from a household's status history (BRIEF §6).
 * Pure: the service reads the history and calls `statusFlags`.
 */
import { addDays, addMonths, type BusinessDate } from '../dates.ts';
import { ok, type Result, refuse } from '../refusal.ts';
import type { PovertyStatus } from './kinds.ts';

/**
 * A national multidimensional poverty standard, in force over a range of dates. Income lines
 * are monthly per person in đồng; `null` where not yet confirmed from the decree (check).
 */
export interface PovertyStandard {
  readonly id: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly decree: string;
  readonly validFrom: BusinessDate;
  readonly validTo: BusinessDate;
  /**
   * The yearly review that produces the list for the standard's first year runs before it
   * starts (1 Sep – 14 Dec, BRIEF §6): a decision dated from here on may already apply it.
   */
  readonly reviewFrom: BusinessDate;
  readonly povertyLineRuralDong: number | null;
  readonly povertyLineUrbanDong: number | null;
  readonly middleLineRuralDong: number | null;
  readonly middleLineUrbanDong: number | null;
}

/**
 * The standards, oldest first, without gaps. Decree 07/2021/NĐ-CP set 2022–2025 and was extended
 * through 31/12/2026; the 2027–2030 standard follows (vietnam.vn, BRIEF §6). Decision
 * 59/2015/QĐ-TTg (2016–2020, extended through 2021) lets older histories be entered. Replace
 * through `Registry` options when a decree changes a date (check).
 */
export const POVERTY_STANDARDS: readonly PovertyStandard[] = [
  {
    id: 'qd59-2015',
    nameVi: 'Chuẩn nghèo đa chiều 2016–2020 (QĐ 59/2015/QĐ-TTg)',
    nameEn: 'Multidimensional poverty standard 2016–2020 (Decision 59/2015)',
    decree: '59/2015/QĐ-TTg',
    validFrom: '2016-01-01',
    validTo: '2021-12-31',
    reviewFrom: '2015-09-01',
    povertyLineRuralDong: 700_000,
    povertyLineUrbanDong: 900_000,
    middleLineRuralDong: 1_000_000,
    middleLineUrbanDong: 1_300_000,
  },
  {
    id: 'nd07-2021',
    nameVi: 'Chuẩn nghèo đa chiều 2022–2025, kéo dài đến hết 2026 (NĐ 07/2021/NĐ-CP)',
    nameEn: 'Multidimensional poverty standard 2022–2025, extended through 2026 (Decree 07/2021)',
    decree: '07/2021/NĐ-CP',
    validFrom: '2022-01-01',
    validTo: '2026-12-31',
    reviewFrom: '2021-09-01',
    povertyLineRuralDong: 1_500_000,
    povertyLineUrbanDong: 2_000_000,
    middleLineRuralDong: 2_250_000,
    middleLineUrbanDong: 3_000_000,
  },
  {
    id: '2027-2030',
    nameVi: 'Chuẩn nghèo đa chiều 2027–2030',
    nameEn: 'Multidimensional poverty standard 2027–2030',
    decree: '(check: decree replacing 07/2021/NĐ-CP)',
    validFrom: '2027-01-01',
    validTo: '2030-12-31',
    reviewFrom: '2026-09-01',
    povertyLineRuralDong: 2_200_000,
    povertyLineUrbanDong: 2_800_000,
    middleLineRuralDong: null,
    middleLineUrbanDong: null,
  },
];

/** Refuses a list of standards with overlaps, gaps or a review date after its start. */
export function checkStandards(standards: readonly PovertyStandard[]): string | null {
  for (let i = 0; i < standards.length; i++) {
    const s = standards[i]!;
    if (!(s.reviewFrom <= s.validFrom && s.validFrom <= s.validTo)) return `${s.id}: dates out of order`;
    const prev = standards[i - 1];
    if (prev && prev.validTo >= s.validFrom) return `${s.id}: overlaps ${prev.id}`;
  }
  return null;
}

/** The standard in force on `date` (validFrom ≤ date ≤ validTo), if any. */
export function standardInForce(
  standards: readonly PovertyStandard[],
  date: BusinessDate,
): PovertyStandard | undefined {
  return standards.find((s) => s.validFrom <= date && date <= s.validTo);
}

/**
 * The standard a decision dated `decidedOn` is made under. Without one named, the standard in
 * force on that day. A named one must be in force that day or be in its review period
 * (reviewFrom ≤ decidedOn < validFrom): the December 2026 review decides 2027 under the new one.
 */
export function standardForDecision(
  standards: readonly PovertyStandard[],
  field: string,
  decidedOn: BusinessDate,
  named: string | null,
): Result<PovertyStandard> {
  if (named === null) {
    const s = standardInForce(standards, decidedOn);
    return s
      ? ok(s)
      : refuse('standard_none', field, decidedOn, {
          from: standards[0]?.validFrom ?? '',
          to: standards.at(-1)?.validTo ?? '',
        });
  }
  const s = standards.find((x) => x.id === named);
  if (!s)
    return refuse('standard_unknown', 'standard', named, { allowed: standards.map((x) => x.id).join(', ') });
  if (decidedOn < s.reviewFrom || decidedOn > s.validTo)
    return refuse('standard_not_in_force', field, decidedOn, {
      standard: s.id,
      from: s.reviewFrom,
      to: s.validTo,
    });
  return ok(s);
}

/** One decision in a household's status history. */
export interface StatusRecord {
  readonly status: PovertyStatus;
  readonly decidedOn: BusinessDate;
  readonly standard: string;
  readonly certificateNo: string | null;
}

export interface StatusFlags {
  readonly asOf: BusinessDate;
  /** The status in force: the latest decision dated on or before `asOf`; null before the first. */
  readonly status: PovertyStatus | null;
  readonly since: BusinessDate | null;
  readonly standard: string | null;
  readonly certificateNo: string | null;
  /** First day of the current unbroken run of the same status. */
  readonly spellStart: BusinessDate | null;
  /** Hộ nghèo phát sinh mới: poor, with an earlier decision, never poor before; first 12 months. */
  readonly newlyPoor: boolean;
  /** Hộ tái nghèo: poor again after having been poor and then not poor; first 12 months. */
  readonly fellBack: boolean;
  /** When the household left poverty or near-poverty, for the current non-poor run; else null. */
  readonly escapedOn: BusinessDate | null;
  /** What it escaped from; null when only a `recently_escaped` decision says it did. */
  readonly escapedFrom: 'poor' | 'near_poor' | null;
  /** Hộ mới thoát nghèo within 3 years: eligible for the "just out of poverty" loan programme. */
  readonly escapedWithin3Years: boolean;
  /** The last day of that eligibility (escapedOn + 36 months − 1 day); null when none. */
  readonly eligibleThrough: BusinessDate | null;
}

/** How long a newly poor or fallen-back flag lasts: until the next yearly review. */
export const NEW_SPELL_MONTHS = 12;
/** Decision 28/2015/QĐ-TTg: a household counts as just out of poverty for at most 3 years. */
export const ESCAPED_MONTHS = 36;

const ESCAPED: ReadonlySet<PovertyStatus> = new Set(['recently_escaped', 'middle', 'none']);

/**
 * The flags of a status history as of `asOf`. Exact rules (each window includes its first day
 * and excludes its end; `addMonths` clamps 29/02 + 12 months to 28/02):
 *
 * - only decisions with `decidedOn <= asOf` count; the latest of them is the status;
 * - a *spell* is the unbroken run of decisions with the same status ending at the latest one;
 *   for the escape rule the run is of statuses in {recently_escaped, middle, none};
 * - newlyPoor: status is poor, some decision precedes the spell, none before it was poor, and
 *   spellStart ≤ asOf < spellStart + 12 months. (A first-ever decision of "poor" does not make a
 *   household newly poor: with no earlier review we cannot tell new poverty from old.)
 * - fellBack: status is poor, an earlier decision was poor (so poor → not poor → poor), and
 *   spellStart ≤ asOf < spellStart + 12 months;
 * - escapedWithin3Years: the escape run began right after a poor or near-poor decision, or began
 *   with `recently_escaped`; escapedOn = its first decision date; eligible while
 *   escapedOn ≤ asOf < escapedOn + 36 months.
 */
export function statusFlags(history: readonly StatusRecord[], asOf: BusinessDate): StatusFlags {
  const rows = history
    .filter((r) => r.decidedOn <= asOf)
    .sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : 1));
  const none: StatusFlags = {
    asOf,
    status: null,
    since: null,
    standard: null,
    certificateNo: null,
    spellStart: null,
    newlyPoor: false,
    fellBack: false,
    escapedOn: null,
    escapedFrom: null,
    escapedWithin3Years: false,
    eligibleThrough: null,
  };
  const current = rows.at(-1);
  if (!current) return none;
  let start = rows.length - 1;
  while (start > 0 && rows[start - 1]!.status === current.status) start--;
  const spellStart = rows[start]!.decidedOn;
  const flags = {
    ...none,
    status: current.status,
    since: current.decidedOn,
    standard: current.standard,
    certificateNo: current.certificateNo,
    spellStart,
  };
  if (current.status === 'poor') {
    const earlier = rows.slice(0, start);
    const inWindow = asOf < addMonths(spellStart, NEW_SPELL_MONTHS);
    const everPoor = earlier.some((r) => r.status === 'poor');
    return {
      ...flags,
      newlyPoor: inWindow && earlier.length > 0 && !everPoor,
      fellBack: inWindow && everPoor,
    };
  }
  if (!ESCAPED.has(current.status)) return flags;
  let run = rows.length - 1;
  while (run > 0 && ESCAPED.has(rows[run - 1]!.status)) run--;
  const before = rows[run - 1];
  const first = rows[run]!;
  let escapedFrom: 'poor' | 'near_poor' | null;
  if (before && (before.status === 'poor' || before.status === 'near_poor')) escapedFrom = before.status;
  else if (first.status === 'recently_escaped') escapedFrom = null;
  else return flags;
  const end = addMonths(first.decidedOn, ESCAPED_MONTHS);
  return {
    ...flags,
    escapedOn: first.decidedOn,
    escapedFrom,
    escapedWithin3Years: asOf < end,
    eligibleThrough: addDays(end, -1),
  };
}
