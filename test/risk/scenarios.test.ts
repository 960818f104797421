/**
 * Must-show scenarios of issue 12, through the service on every engine: the Duc Khe fire puts the
 * household on the watch list with its reasons; emergency aid and a loan extension are recorded
 * and the list shows them; a household out of poverty for two years with an overdue loan is
 * listed; a well-off household with a small overdue is not; a threshold changed in the settings
 * changes the list from its effective date, not before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { reasonText } from '../../src/app/risk/texts.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { refusedCodes } from '../loans/fixture.ts';
import { ctx, ESCAPED, FIRE, seedRisk, VBSP, WELL_OFF } from './fixture.ts';

for (const engine of ENGINES) {
  describe(`households at risk [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let fireShock: string;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      ({ fireShock } = await seedRisk(app));
    });
    after(() => done());

    test('the Duc Khe fire of 14/12/2025 puts the household on the list, with its reasons', async () => {
      // The day before the fire: near-poor 30 + war invalid 10 = 40 < 50.
      const before13 = await app.risk.list(ctx, { asOf: '2025-12-13' });
      assert.equal(
        before13.rows.find((r) => r.householdId === FIRE),
        undefined,
      );
      assert.equal((await app.risk.why(ctx, FIRE, { asOf: '2025-12-13' })).assessment.score, 40);
      const list = await app.risk.list(ctx, { asOf: '2025-12-20' });
      const row = list.rows.find((r) => r.householdId === FIRE);
      assert.ok(row, 'the fire household is listed');
      assert.equal(row.villageName, 'Đức Khê');
      assert.equal(row.headName, 'Vương Đình Soạn');
      // 30 (near-poor) + 40 (fire) + 20 (loss above savings) + 20 (debt service) + 10 (war
      // invalid) = 120
      assert.deepEqual(
        row.reasons.map((r) => [r.code, r.weight]),
        [
          ['risk_near_poor', 30],
          ['risk_shock', 40],
          ['risk_shock_uncovered', 20],
          ['risk_debt_service', 20],
          ['risk_policy', 10],
        ],
      );
      assert.equal(row.score, 120);
      // Debt service by 20/03/2026 if nothing is paid: the first principal part 30.000.000 / 6 =
      // 5.000.000 (due 15/03/2026) + six months' interest 30.000.000 × 7,92 % × 181 / 365 =
      // 1.178.235 (rounded per period) + overdue interest on that part for 16–20/03:
      // 5.000.000 × 7,92 % × 130 % × 5 / 365 = 7.052 → 6.185.287 đ. Declared income: 1.400.000 ×
      // 2 people × 3 months = 8.400.000 đ; 6.185.287 / 8.400.000 = 73 % ≥ 40 %.
      assert.deepEqual(
        row.reasons.map((r) => reasonText(r, 'vi')),
        [
          'Hộ cận nghèo (quyết định 10/12/2024)',
          'Cháy nhà 14/12/2025, thiệt hại ước 80.000.000 ₫; tiết kiệm 6.000.000 ₫',
          'Thiệt hại 80.000.000 ₫ vượt số tiết kiệm 6.000.000 ₫',
          'Nợ phải trả đến 20/03/2026: 6.185.287 ₫, bằng 73% thu nhập khai báo 3 tháng (8.400.000 ₫)',
          'Vương Đình Soạn: thương binh 2/4',
        ],
      );
      assert.equal(
        reasonText(row.reasons[1]!, 'en'),
        'House fire 14/12/2025, estimated loss 80,000,000 ₫; savings 6,000,000 ₫',
      );
      // The savings figure is the savings area's balance of the household on the day.
      assert.deepEqual(list.providers, { savings: true, aid: true });
      const savings = row.reasons[1]!.figures.find((f) => f.name === 'savings');
      assert.equal(savings?.value, 6_000_000);
      assert.deepEqual(row.open, [
        'emergency_aid',
        'neighbour_appeal',
        'loan_extension',
        'loan_freeze',
        'front_note',
      ]);
      assert.deepEqual(row.done, []);
    });

    test('escaped two years ago with an overdue loan is listed; well-off with a small overdue is not', async () => {
      const list = await app.risk.list(ctx, { asOf: '2025-12-20' });
      const escaped = list.rows.find((r) => r.householdId === ESCAPED);
      assert.ok(escaped);
      // First principal part 20.000.000 / 6 = 3.333.333 due 10/07/2025, unpaid: 163 days past due
      // on 20/12/2025 (11/07 is day 1). 20 (escaped) + 30 (overdue) + 20 (≥ 90 days) = 70.
      assert.deepEqual(
        escaped.reasons.map((r) => [r.code, r.weight]),
        [
          ['risk_escaped', 20],
          ['risk_overdue', 30],
          ['risk_overdue_long', 20],
        ],
      );
      assert.equal(escaped.reasons[1]!.params['days'], 163);
      assert.equal(escaped.score, 70);
      assert.equal(
        list.rows.find((r) => r.householdId === WELL_OFF),
        undefined,
      );
      const why = await app.risk.why(ctx, WELL_OFF, { asOf: '2025-12-20' });
      // 10.000.000 − 9.490.000 = 510.000 đ principal overdue since 02/12/2025: 30 < 50.
      assert.equal(why.loans[0]!.overduePrincipalDong, 510_000);
      assert.deepEqual(
        why.assessment.reasons.map((r) => r.code),
        ['risk_overdue'],
      );
      assert.equal(why.assessment.listed, false);
      // Counts by village and by reason.
      assert.deepEqual(
        list.byVillage.map((v) => [v.villageName, v.listed]),
        [
          ['Thôn 1', 1],
          // The fire, and the loans fixture's HH-004 (fire, 120.000.000 đ) and HH-106 (flood,
          // 60.000.000 đ), with no savings: 40 + 20 = 60 each.
          ['Đức Khê', 3],
        ],
      );
      assert.equal(list.byReason.find((r) => r.code === 'risk_shock')?.listed, 3);
    });

    test('why: every reason with its figures, the loans and their journal entries', async () => {
      const why = await app.risk.why(ctx, ESCAPED, { asOf: '2025-12-20' });
      const overdue = why.assessment.reasons.find((r) => r.code === 'risk_overdue')!;
      const loanFigure = overdue.figures.find((f) => f.source?.kind === 'loan')!;
      assert.equal(loanFigure.source?.kind === 'loan' && loanFigure.source.id, 'R-202');
      const entries = loanFigure.source?.kind === 'loan' ? loanFigure.source.entries : [];
      assert.ok(entries.length >= 2, 'approval and disbursement at least');
      for (const e of entries) {
        assert.equal(e.book, VBSP);
        const entry = await app.ledger.entry(ctx, e.book, e.seq);
        assert.ok(entry.postings.some((p) => p.party === 'R-202'));
      }
      const setting = overdue.figures.find((f) => f.source?.kind === 'setting')!;
      assert.deepEqual(setting, {
        name: 'w_overdue',
        value: 30,
        source: { kind: 'setting', key: 'w_overdue', effectiveFrom: null },
      });
      const status = why.assessment.reasons[0]!.figures[0]!;
      assert.deepEqual(status.source, { kind: 'status', decidedOn: '2023-12-15' });
      await assert.rejects(app.risk.why(ctx, 'HH-NONE', { asOf: '2025-12-20' }), /risk_household_unknown/);
    });

    test('emergency aid and a loan extension are recorded, and the list shows them', async () => {
      const beforeSnap = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(
          app.risk.recordStep(ctx, {
            household: FIRE,
            kind: 'emergency_aid',
            date: '2025-12-15',
            amount: 0,
            book: 'vi-nguoi-ngheo',
          }),
        ),
        ['risk_amount_required'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.risk.recordStep(ctx, {
            household: WELL_OFF,
            kind: 'emergency_aid',
            date: '2025-12-15',
            amount: 1,
            book: 'vi-nguoi-ngheo',
          }),
        ),
        ['risk_step_not_offered'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.risk.recordStep(ctx, {
            household: FIRE,
            kind: 'loan_extension',
            date: '2025-12-16',
            loan: 'R-202',
            months: 6,
          }),
        ),
        ['risk_loan_not_households'],
      );
      assert.equal(await snapshot(app.store), beforeSnap);

      const aid = await app.risk.recordStep(ctx, {
        household: FIRE,
        kind: 'emergency_aid',
        date: '2025-12-15',
        book: 'vi-nguoi-ngheo',
        amount: '5.000.000',
        shockId: fireShock,
        note: 'Mặt trận xã thăm hỏi, hỗ trợ tiền mặt',
        idempotencyKey: 'step-aid-1',
      });
      assert.equal(aid.kind, 'emergency_aid');
      assert.equal(aid.amountDong, 5_000_000);
      assert.equal(aid.actor, ctx.actor);
      // The same key again answers the same step and writes nothing.
      const again = await app.risk.recordStep(ctx, {
        household: FIRE,
        kind: 'emergency_aid',
        date: '2025-12-15',
        book: 'vi-nguoi-ngheo',
        amount: '5.000.000',
        idempotencyKey: 'step-aid-1',
      });
      assert.equal(again.id, aid.id);

      const ext = await app.risk.recordStep(ctx, {
        household: FIRE,
        kind: 'loan_extension',
        date: '2025-12-16',
        loan: 'R-201',
        months: 6,
        shockId: fireShock,
        approver: 'Giám đốc PGD NHCSXH',
        documentNo: 'GH-201',
        idempotencyKey: 'step-ext-1',
      });
      assert.equal(ext.loanId, 'R-201');
      // The loan engine recorded the treatment with the shock as its cause.
      const loan = await app.loans.show(ctx, 'R-201', '2025-12-20');
      const event = loan.events.find((e) => e.seq === ext.loanEventSeq)!;
      assert.equal(event.kind, 'extend');
      assert.equal(event.causeShockId, fireShock);
      assert.equal(event.lossDong, 80_000_000);

      const list = await app.risk.list(ctx, { asOf: '2025-12-20' });
      const row = list.rows.find((r) => r.householdId === FIRE)!;
      assert.deepEqual(
        row.done.map((d) => [d.kind, d.effectiveOn, d.actor]),
        [
          ['emergency_aid', '2025-12-15', ctx.actor],
          ['loan_extension', '2025-12-16', ctx.actor],
        ],
      );
      assert.deepEqual(row.open, ['neighbour_appeal', 'front_note']);
      // The extension moved the 5.000.000 part to 15/09/2026, out of the debt window:
      // 30 + 40 + 20 + 10 = 100.
      assert.deepEqual(
        row.reasons.map((r) => r.code),
        ['risk_near_poor', 'risk_shock', 'risk_shock_uncovered', 'risk_policy'],
      );
      assert.equal(row.score, 100);
      // The audit log has both steps.
      const audit = await app.audit.list(ctx, { action: 'risk.step', limit: 100 });
      assert.equal(audit.filter((a) => a.action === 'risk.step').length, 2);
    });

    test('a threshold changed in the settings changes the list from its effective date, not before', async () => {
      assert.deepEqual(
        await refusedCodes(
          app.risk.setSetting(ctx, { key: 'score_min', value: 80, effectiveFrom: '2025-12-01' }),
        ),
        ['risk_setting_backdated'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.risk.setSetting(ctx, { key: 'score_min', value: 0, effectiveFrom: '2026-01-01' }),
        ),
        ['risk_setting_out_of_range'],
      );
      assert.deepEqual(
        await refusedCodes(app.risk.setSetting(ctx, { key: 'nope', value: 1, effectiveFrom: '2026-01-01' })),
        ['risk_setting_unknown'],
      );
      await app.risk.setSetting(ctx, {
        key: 'score_min',
        value: 80,
        effectiveFrom: '2026-01-01',
        note: 'Họp tháng 12',
      });
      const ids = async (asOf: string) =>
        (await app.risk.list(ctx, { asOf })).rows.map((r) => r.householdId).sort();
      // Before: the fire household (100), the escaped one (70), HH-004 and HH-106 (60) are
      // listed; from 01/01/2026 only scores of 80 or more.
      assert.deepEqual(await ids('2025-12-31'), [FIRE, ESCAPED, 'HH-004', 'HH-106'].sort());
      assert.deepEqual(await ids('2026-01-01'), [FIRE]);
      const why = await app.risk.why(ctx, ESCAPED, { asOf: '2026-01-01' });
      assert.equal(why.assessment.scoreMin, 80);
      assert.deepEqual(
        why.settings.find((s) => s.key === 'score_min'),
        { key: 'score_min', value: 80, effectiveFrom: '2026-01-01' },
      );
      const view = await app.risk.settings(ctx, { asOf: '2025-12-31' });
      assert.equal(view.inForce.find((s) => s.key === 'score_min')!.value, 50);
      assert.equal(view.history.length, 1);
    });

    test('a freeze request for an overdue loan goes through the loan engine; the list then shows the loan frozen', async () => {
      // Without a cause the loan engine refuses it, and nothing is written.
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(
          app.risk.recordStep(ctx, {
            household: ESCAPED,
            kind: 'loan_freeze',
            date: '2025-12-20',
            loan: 'R-202',
            months: 12,
            lossDong: '10.000.000',
            approver: 'Giám đốc PGD NHCSXH',
            documentNo: 'KN-202',
          }),
        ),
        ['risk_cause_required'],
      );
      assert.equal(await snapshot(app.store), before);
      const step = await app.risk.recordStep(ctx, {
        household: ESCAPED,
        kind: 'loan_freeze',
        date: '2025-12-20',
        loan: 'R-202',
        months: 12,
        lossDong: '10.000.000',
        approver: 'Giám đốc PGD NHCSXH',
        documentNo: 'KN-202',
        note: 'Chủ hộ ốm dài ngày, mất khả năng lao động',
      });
      assert.equal(step.kind, 'loan_freeze');
      const why = await app.risk.why(ctx, ESCAPED, { asOf: '2025-12-20' });
      // The whole 20.000.000 đ is frozen: nothing overdue any more; 20 (escaped) + 30 (frozen) = 50.
      assert.deepEqual(
        why.assessment.reasons.map((r) => [r.code, r.weight]),
        [
          ['risk_escaped', 20],
          ['risk_frozen', 30],
        ],
      );
      assert.equal(why.loans[0]!.frozenDong, 20_000_000);
      assert.deepEqual(
        why.done.map((d) => d.kind),
        ['loan_freeze'],
      );
    });

    test('settings and steps are append-only in the database', async () => {
      for (const statement of [
        `UPDATE risk_step SET actor = 'x'`,
        `DELETE FROM risk_step`,
        `UPDATE risk_setting SET value = 1`,
        `DELETE FROM risk_setting`,
      ])
        await assert.rejects(
          sql.raw(`/* test */ ${statement}`).execute(app.store.db),
          /append-only/,
          statement,
        );
    });

    test('trend by month: households listed at each month end', async () => {
      const trend = await app.risk.trend(ctx, { asOf: '2025-12-20', months: 3 });
      assert.deepEqual(
        trend.map((p) => [p.date, p.listed]),
        [
          // 31/10: the escaped household's loan is 113 days overdue (70), HH-106's flood of
          // 28/02/2025 with no savings (60); the fires of 14/12 have not happened.
          ['2025-10-31', 2],
          ['2025-11-30', 2],
          ['2025-12-20', 4],
        ],
      );
      // The trend replays each loan forward from one month end to the next; the list replays it
      // from the start: the same households and reasons at every point, over 14 months of the
      // scenario's disbursements, repayment, extension and freeze.
      const long = await app.risk.trend(ctx, { asOf: '2026-02-10', months: 14 });
      for (const p of long) {
        const list = await app.risk.list(ctx, { asOf: p.date });
        assert.equal(p.listed, list.rows.length, p.date);
        const byReason: Record<string, number> = {};
        for (const r of list.rows) for (const x of r.reasons) byReason[x.code] = (byReason[x.code] ?? 0) + 1;
        assert.deepEqual(p.byReason, byReason, p.date);
      }
    });
  });
}
