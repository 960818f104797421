/**
 * Spreadsheet rows to typed records, each cell checked on its own (pure, no database). A refusal
 * names the row as the spreadsheet numbers it, the field as `<sheet kind>.<column>` and the
 * value as written.
 */
import type { BusinessDate } from '../../../domain/dates.ts';
import { parsePartyId } from '../../../domain/ledger/codes.ts';
import type { Refusal, Result } from '../../../domain/refusal.ts';
import type { PovertyStatus, Sex } from '../../../domain/registry/kinds.ts';
import { REGISTRY_LIMITS } from '../../../domain/registry/limits.ts';
import { cleanName, nameKey } from '../../../domain/registry/names.ts';
import {
  cellText,
  type Policy,
  parseBirthYear,
  parseFullName,
  parseIdNumber,
  parseOptionalText,
  parsePhone,
  parsePolicies,
  parseSex,
  parseStatus,
} from '../../../domain/registry/validate.ts';
import { parseDongOptional, parsePastDate } from '../parse.ts';
import type { ColumnKey, DataRow, Sheet, SheetKind } from './sheets.ts';

/** Where a record came from. */
export interface Loc {
  readonly sheet: string;
  readonly kind: SheetKind;
  readonly row: number;
}

/** A person's details as one row gives them; null = the cell was empty (keeps what is stored). */
export interface PersonCells {
  readonly fullName: string | null;
  readonly birthYear: number | null;
  readonly sex: Sex | null;
  readonly idNumber: string | null;
  readonly phone: string | null;
  readonly relation: string | null;
  readonly policies: readonly Policy[];
}

export interface StatusRec extends Loc {
  readonly householdId: string;
  readonly status: PovertyStatus;
  readonly decidedOn: BusinessDate;
  readonly standard: string | null;
  readonly certificateNo: string | null;
  readonly incomeDong: number | null;
}

export interface HouseholdRec extends Loc {
  readonly id: string;
  /** False when some cell of the row was refused: the id still counts, the row is not written. */
  readonly valid: boolean;
  readonly village: string;
  readonly address: string | null;
  readonly phone: string | null;
  readonly head: PersonCells;
  readonly status: StatusRec | null;
}

export interface PersonRec extends Loc {
  readonly householdId: string;
  readonly personId: string | null;
  readonly valid: boolean;
  readonly cells: PersonCells;
}

export interface MembershipRec extends Loc {
  readonly personId: string | null;
  readonly idNumber: string | null;
  readonly householdId: string | null;
  readonly fullName: string | null;
  readonly organisation: string | null;
  readonly groupId: string | null;
  readonly joinedOn: BusinessDate;
  readonly leftOn: BusinessDate | null;
}

export interface Records {
  readonly households: HouseholdRec[];
  readonly people: PersonRec[];
  readonly statuses: StatusRec[];
  readonly memberships: MembershipRec[];
}

/** Collects a row's refusals with its location; `cell` reads a result and files its refusals. */
class RowCheck {
  readonly refusals: Refusal[] = [];
  constructor(
    readonly loc: Loc,
    readonly row: DataRow,
  ) {}

  raw(column: ColumnKey): unknown {
    return this.row.cells[column] ?? null;
  }

  cell<T>(column: ColumnKey, parser: (field: string, input: unknown) => Result<T>, fallback: T): T {
    const r = parser(column, this.raw(column));
    if (r.ok) return r.value;
    for (const x of r.refusals) this.refusals.push(located(x, this.loc));
    return fallback;
  }

  refuseCell(
    column: ColumnKey | 'person',
    code: string,
    value: unknown,
    params?: Record<string, string | number>,
  ): void {
    this.refusals.push(located({ code, field: column, value, ...(params ? { params } : {}) }, this.loc));
  }
}

/** A refusal placed at a spreadsheet row: field `<kind>.<column>`, params.sheet the sheet's name. */
export function located(r: Refusal, loc: Loc): Refusal {
  return {
    code: r.code,
    field: `${loc.kind}.${r.field}`,
    value: r.value,
    row: loc.row,
    params: { ...(r.params ?? {}), sheet: loc.sheet },
  };
}

function requiredId(field: string, input: unknown): Result<string> {
  const text = cellText(input);
  if (text === null) return { ok: false, refusals: [{ code: 'value_required', field, value: null }] };
  return parsePartyId(field, text);
}

function optionalId(field: string, input: unknown): Result<string | null> {
  const text = cellText(input);
  return text === null ? { ok: true, value: null } : parsePartyId(field, text);
}

function optionalName(field: string, input: unknown): Result<string | null> {
  return cellText(input) === null ? { ok: true, value: null } : parseFullName(field, input);
}

function personCells(c: RowCheck, nameColumn: 'fullName' | 'headName', thisYear: number): PersonCells {
  return {
    fullName: c.cell(nameColumn, parseFullName, null),
    birthYear: c.cell('birthYear', (f, v) => parseBirthYear(f, v, thisYear), null),
    sex: c.cell('sex', parseSex, null),
    idNumber: c.cell('idNumber', parseIdNumber, null),
    phone: nameColumn === 'fullName' ? c.cell('phone', parsePhone, null) : null,
    relation:
      nameColumn === 'fullName'
        ? c.cell('relation', (f, v) => parseOptionalText(f, v, REGISTRY_LIMITS.relationLengthMax), null)
        : null,
    policies: c.cell('policies', parsePolicies, []),
  };
}

/**
 * A status decision on a row: both status and decision date, or neither. The standard is
 * resolved later (it depends on the configured table); here only its text is kept.
 */
function statusCells(c: RowCheck, householdId: string, today: BusinessDate): StatusRec | null {
  const given = c.raw('status') !== null && cellText(c.raw('status')) !== null;
  const dated =
    c.raw('decidedOn') !== null &&
    (c.raw('decidedOn') instanceof Date || cellText(c.raw('decidedOn')) !== null);
  const extra = (['certificateNo', 'standard', 'incomeDong'] as const).some(
    (k) => cellText(c.raw(k)) !== null,
  );
  if (!given && !dated && !extra) return null;
  const status = c.cell('status', parseStatus, null as PovertyStatus | null);
  const decidedOn = c.cell('decidedOn', (f, v) => parsePastDate(f, v, today), null as BusinessDate | null);
  const certificateNo = c.cell(
    'certificateNo',
    (f, v) => parseOptionalText(f, v, REGISTRY_LIMITS.certificateNoLengthMax),
    null,
  );
  const incomeDong = c.cell('incomeDong', parseDongOptional, null);
  const standard = cellText(c.raw('standard'));
  if (status === null || decidedOn === null) return null;
  return { ...c.loc, householdId, status, decidedOn, standard, certificateNo, incomeDong };
}

export function readRecords(
  sheets: readonly Sheet[],
  today: BusinessDate,
): { records: Records; refusals: Refusal[] } {
  const thisYear = Number(today.slice(0, 4));
  const records: Records = { households: [], people: [], statuses: [], memberships: [] };
  const refusals: Refusal[] = [];
  for (const sheet of sheets)
    for (const row of sheet.rows) {
      const c = new RowCheck({ sheet: sheet.name, kind: sheet.kind, row: row.row }, row);
      switch (sheet.kind) {
        case 'households': {
          const id = c.cell('householdId', requiredId, null);
          const village = c.cell(
            'village',
            (f, v) => {
              const t = cellText(v);
              if (t === null)
                return { ok: false, refusals: [{ code: 'value_required', field: f, value: null }] };
              return nameKey(t) === ''
                ? { ok: false, refusals: [{ code: 'name_invalid', field: f, value: v }] }
                : { ok: true, value: cleanName(t) };
            },
            null,
          );
          const address = c.cell(
            'address',
            (f, v) => parseOptionalText(f, v, REGISTRY_LIMITS.addressLengthMax),
            null,
          );
          const phone = c.cell('phone', parsePhone, null);
          const head = personCells(c, 'headName', thisYear);
          const status = statusCells(c, id ?? '', today);
          if (id !== null)
            records.households.push({
              ...c.loc,
              id,
              valid: c.refusals.length === 0,
              village: village ?? '',
              address,
              phone,
              head,
              status,
            });
          break;
        }
        case 'people': {
          const householdId = c.cell('householdId', requiredId, null);
          const personId = c.cell('personId', optionalId, null);
          const cells = personCells(c, 'fullName', thisYear);
          if (householdId !== null)
            records.people.push({ ...c.loc, householdId, personId, valid: c.refusals.length === 0, cells });
          break;
        }
        case 'statuses': {
          const householdId = c.cell('householdId', requiredId, null);
          const status = statusCells(c, householdId ?? '', today);
          if (status === null && c.refusals.length === 0) {
            c.refuseCell('status', 'value_required', null);
            c.refuseCell('decidedOn', 'value_required', null);
          }
          if (householdId !== null && status && c.refusals.length === 0) records.statuses.push(status);
          break;
        }
        case 'memberships': {
          const personId = c.cell('personId', optionalId, null);
          const idNumber = c.cell('idNumber', parseIdNumber, null);
          const householdId = c.cell('householdId', optionalId, null);
          const fullName = c.cell('fullName', optionalName, null);
          const organisation = cellText(c.raw('organisation'));
          const groupId = cellText(c.raw('groupId'));
          const joinedOn = c.cell(
            'joinedOn',
            (f, v) => parsePastDate(f, v, today),
            null as BusinessDate | null,
          );
          const leftOn =
            cellText(c.raw('leftOn')) === null && !(c.raw('leftOn') instanceof Date)
              ? null
              : c.cell('leftOn', (f, v) => parsePastDate(f, v, today), null as BusinessDate | null);
          if (organisation === null && groupId === null) c.refuseCell('groupId', 'value_required', null);
          if (personId === null && idNumber === null && (householdId === null || fullName === null))
            c.refuseCell('person', 'person_required', null);
          if (joinedOn !== null && leftOn !== null && leftOn <= joinedOn)
            c.refuseCell('leftOn', 'leave_before_join', leftOn, { joined: joinedOn });
          if (c.refusals.length === 0 && joinedOn !== null)
            records.memberships.push({
              ...c.loc,
              personId,
              idNumber,
              householdId,
              fullName,
              organisation,
              groupId,
              joinedOn,
              leftOn,
            });
          break;
        }
      }
      if (sheet.kind === 'households') {
        // A status on a household row belongs with the statuses when the row is sound.
        const h = records.households.at(-1);
        if (h && h.row === row.row && h.valid && h.status) records.statuses.push(h.status);
      }
      refusals.push(...c.refusals);
    }
  return { records, refusals };
}
