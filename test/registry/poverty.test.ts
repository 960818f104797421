/**
 * Derived poverty flags over status histories, with decisions and "as of" dates on both sides of
 * every boundary (domain/registry/poverty.ts has the exact rules), and the dated standards.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PovertyStatus } from '../../src/domain/registry/kinds.ts';
import {
  checkStandards,
  POVERTY_STANDARDS,
  type StatusRecord,
  standardForDecision,
  statusFlags,
} from '../../src/domain/registry/poverty.ts';

function history(...rows: Array<[string, PovertyStatus]>): StatusRecord[] {
  return rows.map(([decidedOn, status]) => ({
    decidedOn,
    status,
    standard: 'nd07-2021',
    certificateNo: null,
  }));
}

function flags(h: StatusRecord[], asOf: string) {
  const f = statusFlags(h, asOf);
  return {
    status: f.status,
    newlyPoor: f.newlyPoor,
    fellBack: f.fellBack,
    escaped: f.escapedWithin3Years,
  };
}

describe('poverty flags', () => {
  test('no decision yet: no status and no flag', () => {
    const h = history(['2022-12-15', 'poor']);
    assert.deepEqual(flags(h, '2022-12-14'), {
      status: null,
      newlyPoor: false,
      fellBack: false,
      escaped: false,
    });
  });

  test('escaped within 3 years: eligible from the escape day through the day before its third anniversary', () => {
    // Poor from 15/12/2020, escaped by the decision of 14/12/2022: eligible 14/12/2022 – 13/12/2025.
    const h = history(['2020-12-15', 'poor'], ['2022-12-14', 'recently_escaped']);
    assert.deepEqual(flags(h, '2022-12-13'), {
      status: 'poor',
      newlyPoor: false,
      fellBack: false,
      escaped: false,
    });
    assert.equal(flags(h, '2022-12-14').escaped, true);
    assert.equal(flags(h, '2025-12-13').escaped, true);
    assert.equal(flags(h, '2025-12-14').escaped, false);
    const f = statusFlags(h, '2024-06-01');
    assert.equal(f.escapedOn, '2022-12-14');
    assert.equal(f.escapedFrom, 'poor');
    assert.equal(f.eligibleThrough, '2025-12-13');
  });

  test('escape on 29 February: three years on is clamped to 28 February, the first day not eligible', () => {
    const h = history(['2023-01-10', 'poor'], ['2024-02-29', 'middle']);
    assert.equal(flags(h, '2027-02-27').escaped, true);
    assert.equal(flags(h, '2027-02-28').escaped, false);
    assert.equal(statusFlags(h, '2025-01-01').eligibleThrough, '2027-02-27');
  });

  test('the escape date is the first of an unbroken run of non-poor decisions', () => {
    // recently escaped 14/12/2022, then middle 14/12/2023: still counted from 14/12/2022.
    const h = history(['2021-12-15', 'poor'], ['2022-12-14', 'recently_escaped'], ['2023-12-14', 'middle']);
    const f = statusFlags(h, '2024-01-01');
    assert.equal(f.status, 'middle');
    assert.equal(f.escapedOn, '2022-12-14');
    assert.equal(flags(h, '2025-12-13').escaped, true);
    assert.equal(flags(h, '2025-12-14').escaped, false);
  });

  test('leaving near-poverty counts as an escape; never having been poor or near-poor does not', () => {
    const fromNear = history(['2021-12-15', 'near_poor'], ['2023-12-14', 'none']);
    assert.equal(statusFlags(fromNear, '2024-01-01').escapedFrom, 'near_poor');
    assert.equal(flags(fromNear, '2024-01-01').escaped, true);
    const never = history(['2021-12-15', 'middle'], ['2023-12-14', 'none']);
    assert.equal(flags(never, '2024-01-01').escaped, false);
    assert.equal(statusFlags(never, '2024-01-01').escapedOn, null);
  });

  test('a first decision of "recently escaped" dates the escape itself', () => {
    const h = history(['2023-12-14', 'recently_escaped']);
    const f = statusFlags(h, '2024-01-01');
    assert.equal(f.escapedOn, '2023-12-14');
    assert.equal(f.escapedFrom, null);
    assert.equal(flags(h, '2026-12-13').escaped, true);
    assert.equal(flags(h, '2026-12-14').escaped, false);
  });

  test('falling back to near-poor ends the escape', () => {
    const h = history(
      ['2021-12-15', 'poor'],
      ['2022-12-14', 'recently_escaped'],
      ['2023-12-14', 'near_poor'],
    );
    assert.equal(flags(h, '2023-12-13').escaped, true);
    assert.equal(flags(h, '2023-12-14').escaped, false);
  });

  test('newly poor: poor after an earlier non-poor decision, for 12 months from the decision', () => {
    const h = history(['2021-12-15', 'none'], ['2023-12-14', 'poor']);
    assert.deepEqual(flags(h, '2023-12-13'), {
      status: 'none',
      newlyPoor: false,
      fellBack: false,
      escaped: false,
    });
    assert.deepEqual(flags(h, '2023-12-14'), {
      status: 'poor',
      newlyPoor: true,
      fellBack: false,
      escaped: false,
    });
    assert.equal(flags(h, '2024-12-13').newlyPoor, true);
    assert.equal(flags(h, '2024-12-14').newlyPoor, false);
  });

  test('a first-ever decision of poor is not "newly poor": there is no earlier review to compare with', () => {
    assert.equal(flags(history(['2022-12-15', 'poor']), '2023-01-01').newlyPoor, false);
  });

  test('a poor spell of several decisions counts from its first one', () => {
    const h = history(['2020-12-15', 'near_poor'], ['2022-12-14', 'poor'], ['2023-12-14', 'poor']);
    const f = statusFlags(h, '2023-12-14');
    assert.equal(f.spellStart, '2022-12-14');
    assert.equal(f.newlyPoor, false); // 14/12/2023 is 12 months after 14/12/2022
    assert.equal(flags(h, '2023-12-13').newlyPoor, true);
  });

  test('fell back (tái nghèo): poor, then not poor, then poor again; 12-month window', () => {
    const h = history(['2019-12-10', 'poor'], ['2021-12-15', 'near_poor'], ['2024-12-10', 'poor']);
    assert.deepEqual(flags(h, '2024-12-09'), {
      status: 'near_poor',
      newlyPoor: false,
      fellBack: false,
      escaped: false,
    });
    assert.deepEqual(flags(h, '2024-12-10'), {
      status: 'poor',
      newlyPoor: false,
      fellBack: true,
      escaped: false,
    });
    assert.equal(flags(h, '2025-12-09').fellBack, true);
    assert.equal(flags(h, '2025-12-10').fellBack, false);
  });

  test('decisions after the day asked are ignored, and the order of the history does not matter', () => {
    const h = history(['2024-12-10', 'poor'], ['2019-12-10', 'poor'], ['2021-12-15', 'recently_escaped']);
    assert.deepEqual(flags(h, '2022-01-01'), {
      status: 'recently_escaped',
      newlyPoor: false,
      fellBack: false,
      escaped: true,
    });
    assert.equal(flags(h, '2024-12-10').fellBack, true);
  });
});

describe('poverty standards', () => {
  test('the built-in table has no gaps or overlaps', () => {
    assert.equal(checkStandards(POVERTY_STANDARDS), null);
    assert.match(
      checkStandards([POVERTY_STANDARDS[1]!, { ...POVERTY_STANDARDS[2]!, validFrom: '2026-12-31' }]) ?? '',
      /overlaps/,
    );
  });

  test('Decree 07/2021 applies through 31/12/2026 and the 2027–2030 standard from 01/01/2027', () => {
    const id = (d: string, named: string | null = null) => {
      const r = standardForDecision(POVERTY_STANDARDS, 'decidedOn', d, named);
      return r.ok ? r.value.id : r.refusals[0]!.code;
    };
    assert.equal(id('2021-12-31'), 'qd59-2015');
    assert.equal(id('2022-01-01'), 'nd07-2021');
    assert.equal(id('2026-12-31'), 'nd07-2021');
    assert.equal(id('2027-01-01'), '2027-2030');
    assert.equal(id('2015-12-31'), 'standard_none');
    // The review in late 2026 may decide under the new standard, from 1 September 2026.
    assert.equal(id('2026-09-01', '2027-2030'), '2027-2030');
    assert.equal(id('2026-08-31', '2027-2030'), 'standard_not_in_force');
    assert.equal(id('2027-01-01', 'nd07-2021'), 'standard_not_in_force');
    assert.equal(id('2024-01-01', 'khong-co'), 'standard_unknown');
  });
});
