/**
 * The at-risk rules as pure functions, with worked examples: each score is the sum of the
 * weights of the reasons given, compared with `score_min` (defaults in domain/risk/settings.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { assess, type HouseholdFacts, type LoanFact } from '../../src/domain/risk/rules.ts';
import { RISK_SETTINGS, type SettingRow, settingsAsOf } from '../../src/domain/risk/settings.ts';
import { offeredSteps, stepStatus } from '../../src/domain/risk/steps.ts';

const NONE: HouseholdFacts = {
  householdId: 'HH-X',
  statuses: [],
  members: 4,
  policies: [],
  shocks: [],
  loans: [],
  savings: null,
  aid: null,
};

const defaults = settingsAsOf([], '2025-12-31');

function loan(over: Partial<LoanFact>): LoanFact {
  return {
    id: 'L-1',
    book: 'quy-htnd',
    programme: 'fsf',
    outstandingDong: 30_000_000,
    overduePrincipalDong: 0,
    overdueInterestDong: 0,
    interestDueDong: 0,
    daysPastDue: 0,
    frozenDong: 0,
    frozenUntil: null,
    dueInWindowDong: 0,
    entries: [{ book: 'quy-htnd', seq: 3 }],
    ...over,
  };
}

const codes = (f: HouseholdFacts, asOf = '2025-12-20', s = defaults) =>
  assess(f, s, asOf).reasons.map((r) => r.code);

describe('at-risk rules', () => {
  test('the Duc Khe fire: near-poor 30 + fire 40 + war invalid 10 = 80 ≥ 50, listed; before the fire 30 + 10 = 40 is not', () => {
    const f: HouseholdFacts = {
      ...NONE,
      statuses: [
        {
          status: 'near_poor',
          decidedOn: '2024-12-10',
          standard: 'nd07-2021',
          certificateNo: null,
          incomeDong: 1_400_000,
        },
      ],
      policies: [
        {
          personId: 'P-1',
          personName: 'Vương Đình Soạn',
          category: 'war_invalid',
          detail: '2/4',
          sinceOn: null,
          untilOn: null,
        },
      ],
      shocks: [
        { id: 'SK-1', kind: 'fire', occurredOn: '2025-12-14', description: 'Cháy nhà', lossDong: 80_000_000 },
      ],
    };
    const a = assess(f, defaults, '2025-12-20');
    assert.deepEqual(
      a.reasons.map((r) => [r.code, r.weight]),
      [
        ['risk_near_poor', 30],
        ['risk_shock', 40],
        ['risk_policy', 10],
      ],
    );
    assert.equal(a.score, 80);
    assert.equal(a.listed, true);
    const before = assess(f, defaults, '2025-12-13');
    assert.equal(before.score, 40);
    assert.equal(before.listed, false);
    // No savings provider: the shock reason names no savings figure.
    assert.equal(a.reasons[1]!.params['savings'], undefined);
    assert.deepEqual(a.reasons[1]!.figures[0], {
      name: 'loss',
      value: 80_000_000,
      source: { kind: 'shock', id: 'SK-1' },
    });
  });

  test('with savings: the loss above the savings adds 20 (80.000.000 > 6.000.000)', () => {
    const f: HouseholdFacts = {
      ...NONE,
      shocks: [{ id: 'SK-1', kind: 'fire', occurredOn: '2025-12-14', description: '', lossDong: 80_000_000 }],
      savings: { balanceDong: 6_000_000, entries: [{ book: 'tk-01', seq: 9 }] },
    };
    const a = assess(f, defaults, '2025-12-20');
    // 40 (shock) + 20 (uncovered) = 60
    assert.equal(a.score, 60);
    assert.equal(a.reasons[0]!.params['savings'], 6_000_000);
    assert.deepEqual(codes({ ...f, savings: { balanceDong: 80_000_000, entries: [] } }), ['risk_shock']);
  });

  test('escaped two years ago with an overdue loan: 20 + 30 = 50, listed; a middle household with a small overdue is not', () => {
    const escaped: HouseholdFacts = {
      ...NONE,
      statuses: [
        {
          status: 'poor',
          decidedOn: '2022-12-10',
          standard: 'nd07-2021',
          certificateNo: null,
          incomeDong: null,
        },
        {
          status: 'none',
          decidedOn: '2023-12-10',
          standard: 'nd07-2021',
          certificateNo: null,
          incomeDong: null,
        },
      ],
      loans: [loan({ overduePrincipalDong: 5_000_000, daysPastDue: 40 })],
    };
    const a = assess(escaped, defaults, '2025-12-20');
    assert.deepEqual(
      a.reasons.map((r) => r.code),
      ['risk_escaped', 'risk_overdue'],
    );
    assert.equal(a.score, 50);
    assert.equal(a.listed, true);
    const wellOff: HouseholdFacts = {
      ...NONE,
      statuses: [
        {
          status: 'middle',
          decidedOn: '2020-12-10',
          standard: 'qd59-2015',
          certificateNo: null,
          incomeDong: null,
        },
      ],
      loans: [
        loan({
          interestDueDong: 150_000,
          overdueInterestDong: 1_200,
          overduePrincipalDong: 300_000,
          daysPastDue: 5,
        }),
      ],
    };
    const b = assess(wellOff, defaults, '2025-12-20');
    assert.deepEqual(
      b.reasons.map((r) => [r.code, r.params['amount']]),
      [['risk_overdue', 451_200]],
    ); // 300,000 + 150,000 + 1,200
    assert.equal(b.listed, false);
    // Three years after the escape (10/12/2026) the escape reason ends.
    assert.deepEqual(codes(escaped, '2026-12-10'), ['risk_overdue']);
    assert.deepEqual(codes(escaped, '2026-12-09'), ['risk_escaped', 'risk_overdue']);
  });

  test('a long overdue and a frozen loan', () => {
    const f = {
      ...NONE,
      loans: [
        loan({ overduePrincipalDong: 1, daysPastDue: 90 }),
        loan({ id: 'L-2', frozenDong: 20_000_000, frozenUntil: '2027-01-01' }),
      ],
    };
    assert.deepEqual(codes(f), ['risk_overdue', 'risk_overdue_long', 'risk_frozen']);
    assert.deepEqual(codes({ ...f, loans: [loan({ overduePrincipalDong: 1, daysPastDue: 89 })] }), [
      'risk_overdue',
    ]);
  });

  test('debt service: 2.400.000 due in 3 months against 4 × 1.500.000 × 3 = 18.000.000 income is 13 %, under 40 %', () => {
    const st = [
      {
        status: 'near_poor' as const,
        decidedOn: '2024-12-10',
        standard: 'nd07-2021',
        certificateNo: null,
        incomeDong: 1_500_000,
      },
    ];
    assert.deepEqual(codes({ ...NONE, statuses: st, loans: [loan({ dueInWindowDong: 2_400_000 })] }), [
      'risk_near_poor',
    ]);
    // 7.200.000 × 100 = 720.000.000 ≥ 18.000.000 × 40 = 720.000.000: exactly 40 % is at risk.
    const a = assess(
      { ...NONE, statuses: st, loans: [loan({ dueInWindowDong: 7_200_000 })] },
      defaults,
      '2025-12-20',
    );
    assert.deepEqual(
      a.reasons.map((r) => r.code),
      ['risk_near_poor', 'risk_debt_service'],
    );
    assert.equal(a.reasons[1]!.params['pct'], 40);
    assert.equal(a.reasons[1]!.params['income'], 18_000_000);
    // 7.199.999 is under 40 %; no declared income, no reason.
    assert.deepEqual(codes({ ...NONE, statuses: st, loans: [loan({ dueInWindowDong: 7_199_999 })] }), [
      'risk_near_poor',
    ]);
    assert.deepEqual(codes({ ...NONE, loans: [loan({ dueInWindowDong: 99_000_000 })] }), []);
  });

  test('shock window: 12 months back, exclusive; losses under 5.000.000 do not count', () => {
    const shock = (occurredOn: string, lossDong: number) => ({
      ...NONE,
      shocks: [{ id: 'S', kind: 'flood' as const, occurredOn, description: '', lossDong }],
    });
    assert.deepEqual(codes(shock('2024-12-21', 9_000_000)), ['risk_shock']);
    assert.deepEqual(codes(shock('2024-12-20', 9_000_000)), []);
    assert.deepEqual(codes(shock('2025-12-21', 9_000_000)), []);
    assert.deepEqual(codes(shock('2025-06-01', 4_999_999)), []);
  });

  test('policy: only disability and war invalidity in force count', () => {
    const p = (category: 'disability' | 'elderly_alone', untilOn: string | null) => ({
      ...NONE,
      policies: [{ personId: 'P', personName: 'A', category, detail: null, sinceOn: '2020-01-01', untilOn }],
    });
    assert.deepEqual(codes(p('disability', null)), ['risk_policy']);
    assert.deepEqual(codes(p('disability', '2025-12-20')), []);
    assert.deepEqual(codes(p('elderly_alone', null)), []);
  });

  test('aid within the window (provider only)', () => {
    const aid = [
      {
        date: '2025-03-01',
        amountDong: 2_000_000,
        fund: 'vi-nguoi-ngheo',
        purpose: '',
        entry: { book: 'vi-nguoi-ngheo', seq: 4 },
      },
    ];
    const a = assess({ ...NONE, aid }, defaults, '2025-12-20');
    assert.deepEqual(
      a.reasons.map((r) => [r.code, r.params['amount'], r.params['count']]),
      [['risk_aid', 2_000_000, 1]],
    );
    assert.deepEqual(codes({ ...NONE, aid: [] }), []);
  });

  test('a setting applies from its effective date, the latest row wins', () => {
    const rows: SettingRow[] = [
      {
        key: 'score_min',
        effectiveFrom: '2026-01-01',
        value: 100,
        recordedAt: '2025-12-01T00:00:00Z',
        actor: 'a',
        note: null,
      },
      {
        key: 'score_min',
        effectiveFrom: '2026-03-01',
        value: 70,
        recordedAt: '2025-12-01T00:00:00Z',
        actor: 'a',
        note: null,
      },
    ];
    assert.equal(settingsAsOf(rows, '2025-12-31').get('score_min')!.value, 50);
    assert.deepEqual(settingsAsOf(rows, '2026-01-01').get('score_min'), {
      key: 'score_min',
      value: 100,
      effectiveFrom: '2026-01-01',
    });
    assert.equal(settingsAsOf(rows, '2026-03-01').get('score_min')!.value, 70);
  });

  test('property: the score is the sum of the reasons, listed exactly when it reaches score_min', () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom('poor', 'near_poor', 'middle', 'none') as fc.Arbitrary<
            'poor' | 'near_poor' | 'middle' | 'none'
          >,
          loss: fc.integer({ min: 0, max: 200_000_000 }),
          overdue: fc.integer({ min: 0, max: 50_000_000 }),
          days: fc.integer({ min: 0, max: 400 }),
          scoreMin: fc.integer({ min: 1, max: 200 }),
        }),
        (x) => {
          const f: HouseholdFacts = {
            ...NONE,
            statuses: [
              {
                status: x.status,
                decidedOn: '2025-01-01',
                standard: 'nd07-2021',
                certificateNo: null,
                incomeDong: null,
              },
            ],
            shocks: [{ id: 'S', kind: 'fire', occurredOn: '2025-11-01', description: '', lossDong: x.loss }],
            loans: [loan({ overduePrincipalDong: x.overdue, daysPastDue: x.overdue > 0 ? x.days : 0 })],
          };
          const s = settingsAsOf(
            [
              {
                key: 'score_min',
                effectiveFrom: '2025-01-01',
                value: x.scoreMin,
                recordedAt: '',
                actor: '',
                note: null,
              },
            ],
            '2025-12-20',
          );
          const a = assess(f, s, '2025-12-20');
          assert.equal(
            a.score,
            a.reasons.reduce((sum, r) => sum + r.weight, 0),
          );
          assert.equal(a.listed, a.score >= x.scoreMin);
          for (const r of a.reasons) assert.ok(r.figures.some((g) => g.source?.kind === 'setting'));
        },
      ),
    );
  });

  test('every setting has its default within its range', () => {
    for (const d of RISK_SETTINGS) assert.ok(d.min <= d.defaultValue && d.defaultValue <= d.max, d.key);
  });

  test('steps: offered after a shock, open until done; an extension closes the freeze too', () => {
    const f: HouseholdFacts = {
      ...NONE,
      shocks: [{ id: 'SK-1', kind: 'fire', occurredOn: '2025-12-14', description: '', lossDong: 80_000_000 }],
      loans: [loan({})],
    };
    const a = assess(f, defaults, '2025-12-20');
    const offered = offeredSteps(a, f);
    assert.deepEqual(offered, [
      'emergency_aid',
      'neighbour_appeal',
      'loan_extension',
      'loan_freeze',
      'front_note',
    ]);
    const st = stepStatus(
      offered,
      [
        { id: 'RS-1', kind: 'emergency_aid', effectiveOn: '2025-12-15' },
        { id: 'RS-2', kind: 'loan_extension', effectiveOn: '2025-12-18' },
        { id: 'RS-0', kind: 'neighbour_appeal', effectiveOn: '2025-01-01' },
      ],
      '2025-12-14',
      '2025-12-20',
    );
    assert.deepEqual(
      st.done.map((s) => s.id),
      ['RS-1', 'RS-2'],
    );
    assert.deepEqual(st.open, ['neighbour_appeal', 'front_note']);
  });
});
