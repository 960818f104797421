/**
 * Figures of a dashboard that other areas compute: loans outstanding, overdue, PAR30, savings.
 * Until an area provides one, its slot stays visibly empty ("—", and which module will fill it):
 * a dashboard never shows an invented figure.
 *
 * An area fills a slot by passing a `DashboardSlot` with `figure` to `pageRoutes({ slots })`
 * (src/http/app.ts) under the same id; it replaces the placeholder.
 */
import type { Text } from '../../../i18n/types.ts';
import { WEB } from '../../../i18n/web.ts';
import type { PageCall } from '../page.tsx';

export interface SlotFigure {
  readonly amountDong: number;
  /** Where the figure is traced (a portfolio report, the entries behind it). */
  readonly href?: string;
  /** A ratio instead of an amount (PAR30), in parts per million. */
  readonly ratioPpm?: number;
  /** Said under the figure when it is not exactly of the dashboard's day (a month-end's figure). */
  readonly note?: string;
}

export interface DashboardSlot {
  /** `loans.outstanding`, `loans.overdue`, `loans.par30`, `savings.balance`. */
  readonly id: string;
  readonly label: Text;
  /** The module that will fill a placeholder, named in its note. */
  readonly pendingArea: Text;
  /** Absent: a placeholder. */
  readonly figure?: (call: PageCall, organisation: string, asOf: string) => Promise<SlotFigure | null>;
}

export const PLACEHOLDER_SLOTS: readonly DashboardSlot[] = [
  { id: 'loans.outstanding', label: WEB.slotOutstanding, pendingArea: WEB.areaLoans },
  { id: 'loans.overdue', label: WEB.slotOverdue, pendingArea: WEB.areaLoans },
  { id: 'loans.par30', label: WEB.slotPar30, pendingArea: WEB.areaLoans },
  { id: 'savings.balance', label: WEB.slotSavings, pendingArea: WEB.areaSavings },
];

/** The placeholders, with any provided slot in place of the one of the same id. */
export function mergeSlots(provided: readonly DashboardSlot[]): DashboardSlot[] {
  const byId = new Map(provided.map((s) => [s.id, s]));
  const out = PLACEHOLDER_SLOTS.map((s) => byId.get(s.id) ?? s);
  for (const s of provided) if (!PLACEHOLDER_SLOTS.some((p) => p.id === s.id)) out.push(s);
  return out;
}

/** A chart another area draws on the dashboard (loans: outstanding by class). SVG, server-side. */
export interface DashboardChart {
  readonly id: string;
  readonly title: Text;
  /** The chart's SVG (CSP-clean, from charts.ts), or null when there is nothing to draw. */
  svg(call: PageCall, organisation: string, asOf: string): Promise<string | null>;
}
