/**
 * Membership dates, for organisations and groups alike. A membership is active on day D when
 * joined_on ≤ D and (left_on is empty or D < left_on): the leave date is the first day the person
 * is no longer a member, so leaving and joining another group on the same day never overlaps.
 */
import type { BusinessDate } from '../dates.ts';

export interface Span {
  readonly joinedOn: BusinessDate;
  readonly leftOn: BusinessDate | null;
}

export function isActiveOn(m: Span, date: BusinessDate): boolean {
  return m.joinedOn <= date && (m.leftOn === null || date < m.leftOn);
}

/** True when the two spans share at least one day. */
export function overlaps(a: Span, b: Span): boolean {
  return (b.leftOn === null || a.joinedOn < b.leftOn) && (a.leftOn === null || b.joinedOn < a.leftOn);
}

/** The first span in `spans` that a new open span starting `joinedOn` would overlap. */
export function overlapping<T extends Span>(spans: readonly T[], joinedOn: BusinessDate): T | undefined {
  return spans.find((s) => overlaps(s, { joinedOn, leftOn: null }));
}
