/**
 * Every refusal of the loan service is one specific code, and writes nothing: the whole database
 * content is the same before and after (test/helpers/snapshot.ts, loan tables included).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Loans } from '../../src/app/loans/loans.ts';
import type { LoanParties } from '../../src/app/loans/parties.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { ctx, FSF, lend, refusedCodes, seedLoans, VBSP } from './fixture.ts';

const risk = { cause: 'Lũ quét', approver: 'Chủ tịch HND', documentNo: 'QĐ-9', lossDong: 10_000_000 };

for (const engine of ENGINES) {
  describe(`loan refusals write nothing [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedLoans(app);
      // HH-010 borrows 80,000,000 from the poor-household programme (cap 100,000,000 per household).
      await lend(app, {
        id: 'R-01',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-010',
        amount: 80_000_000,
        date: '2025-01-10',
        termMonths: 36,
      });
      await app.loans.apply(ctx, {
        id: 'R-02',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-010',
        amount: 30_000_000,
        date: '2025-01-15',
        termMonths: 36,
      });
      await app.loans.apply(ctx, {
        id: 'R-03',
        programme: 'vbsp-poor',
        book: VBSP,
        household: 'HH-011',
        amount: 10_000_000,
        date: '2025-01-15',
        termMonths: 36,
        principalEveryMonths: 6,
      });
      await app.loans.approve(ctx, { loan: 'R-03', date: '2025-01-16', amount: 10_000_000, approver: 'PGD' });
      await app.loans.disburse(ctx, { loan: 'R-03', date: '2025-01-20', amount: 6_000_000 });
      await lend(app, {
        id: 'R-04',
        programme: 'fsf',
        book: FSF,
        household: 'HH-012',
        amount: 20_000_000,
        date: '2025-01-05',
        termMonths: 12,
        source: 'district',
      });
      await app.loans.repay(ctx, { loan: 'R-04', date: '2025-04-05', amount: 420_000 });
      await app.loans.repay(ctx, { loan: 'R-04', date: '2025-07-05', amount: 20_420_000 });
      await app.loans.close(ctx, { loan: 'R-04', date: '2025-07-05' });
      // Clean water loans have no rate seeded (the current one was not confirmed).
      await app.loans.apply(ctx, {
        id: 'W-01',
        programme: 'vbsp-water',
        book: VBSP,
        household: 'HH-014',
        amount: 20_000_000,
        date: '2025-02-01',
        termMonths: 60,
      });
      await app.loans.approve(ctx, { loan: 'W-01', date: '2025-02-01', approver: 'PGD' });
    });
    after(() => done());

    const cases: Array<[string, () => Promise<unknown>, string[]]> = [
      [
        'approving over the household cap',
        () => app.loans.approve(ctx, { loan: 'R-02', date: '2025-01-16', approver: 'PGD' }),
        ['household_cap_exceeded'],
      ],
      [
        'disbursing before approval',
        () => app.loans.disburse(ctx, { loan: 'R-02', date: '2025-01-20', amount: 1_000_000 }),
        ['loan_not_approved'],
      ],
      [
        'disbursing over the amount approved',
        () => app.loans.disburse(ctx, { loan: 'R-03', date: '2025-02-01', amount: 4_000_001 }),
        ['disbursement_exceeds_approved'],
      ],
      // R-03's first principal part falls due 20/07/2025: a tranche on or after it is past the term.
      [
        'disbursing past the term',
        () => app.loans.disburse(ctx, { loan: 'R-03', date: '2025-07-20', amount: 1_000_000 }),
        ['disbursement_past_term'],
      ],
      [
        'repaying a closed loan',
        () => app.loans.repay(ctx, { loan: 'R-04', date: '2025-08-01', amount: 1_000 }),
        ['loan_closed'],
      ],
      [
        'a negative amount',
        () => app.loans.repay(ctx, { loan: 'R-01', date: '2025-02-10', amount: -280_274 }),
        ['amount_not_positive'],
      ],
      [
        'a fractional amount',
        () => app.loans.repay(ctx, { loan: 'R-01', date: '2025-02-10', amount: 280_274.5 }),
        ['amount_not_whole_dong'],
      ],
      [
        'paying more than everything owed',
        () => app.loans.repay(ctx, { loan: 'R-01', date: '2025-02-10', amount: 80_448_439 }),
        ['repayment_exceeds_outstanding'],
      ],
      [
        'a payment dated before the loan’s last event',
        () => app.loans.repay(ctx, { loan: 'R-03', date: '2025-01-19', amount: 1_000 }),
        ['loan_event_back_dated'],
      ],
      [
        'a freeze without a cause',
        () =>
          app.loans.freeze(ctx, {
            loan: 'R-01',
            date: '2025-03-01',
            months: 12,
            approver: 'PGD',
            documentNo: 'KN-1',
            lossDong: 5_000_000,
          }),
        ['risk_cause_required'],
      ],
      [
        'a freeze without a loss assessment',
        () =>
          app.loans.freeze(ctx, {
            loan: 'R-01',
            date: '2025-03-01',
            months: 12,
            cause: 'Lũ',
            approver: 'PGD',
            documentNo: 'KN-1',
            lossDong: undefined as unknown as number,
          }),
        ['loss_required'],
      ],
      [
        'a freeze longer than the programme allows',
        () => app.loans.freeze(ctx, { loan: 'R-01', date: '2025-03-01', months: 37, ...risk }),
        ['months_out_of_range'],
      ],
      [
        'writing off more than is outstanding',
        () => app.loans.writeOff(ctx, { loan: 'R-01', date: '2025-03-01', principal: 80_000_001, ...risk }),
        ['write_off_exceeds_outstanding'],
      ],
      [
        'closing a loan with debt left',
        () => app.loans.close(ctx, { loan: 'R-01', date: '2025-03-01' }),
        ['loan_not_settled'],
      ],
      [
        'an unknown loan',
        () => app.loans.repay(ctx, { loan: 'NO-SUCH', date: '2025-03-01', amount: 1 }),
        ['loan_unknown'],
      ],
      [
        'a date that does not exist',
        () => app.loans.repay(ctx, { loan: 'R-01', date: '2025-02-30', amount: 1 }),
        ['date_invalid'],
      ],
      [
        'a term beyond the programme maximum',
        () =>
          app.loans.apply(ctx, {
            programme: 'vbsp-escaped',
            book: VBSP,
            household: 'HH-013',
            amount: 5_000_000,
            date: '2025-02-01',
            termMonths: 72,
          }),
        ['term_too_long'],
      ],
      [
        'a programme loan in a book of another template',
        () =>
          app.loans.apply(ctx, {
            programme: 'vbsp-poor',
            book: FSF,
            household: 'HH-013',
            amount: 5_000_000,
            date: '2025-02-01',
            termMonths: 36,
          }),
        ['book_template_mismatch'],
      ],
      [
        'a Farmers Support Fund loan without its capital source',
        () =>
          app.loans.apply(ctx, {
            programme: 'fsf',
            book: FSF,
            household: 'HH-013',
            amount: 5_000_000,
            date: '2025-02-01',
            termMonths: 12,
          }),
        ['source_required'],
      ],
      [
        'principal every 7 months over 36',
        () =>
          app.loans.apply(ctx, {
            programme: 'vbsp-poor',
            book: VBSP,
            household: 'HH-013',
            amount: 5_000_000,
            date: '2025-02-01',
            termMonths: 36,
            principalEveryMonths: 7,
          }),
        ['term_not_multiple'],
      ],
      [
        'a programme with no rate yet',
        () => app.loans.disburse(ctx, { loan: 'W-01', date: '2025-02-05', amount: 20_000_000 }),
        ['rate_missing'],
      ],
      [
        'a rate with more than four decimals',
        () => app.loans.addRate(ctx, { programme: 'vbsp-water', from: '2025-01-01', rate: '9,00001' }),
        ['rate_invalid'],
      ],
    ];
    for (const [name, run, codes] of cases) {
      test(`refuses ${name} with ${codes.join(', ')} and writes nothing`, async () => {
        const before = await snapshot(app.store);
        assert.deepEqual(await refusedCodes(run()), codes);
        assert.equal(await snapshot(app.store), before);
      });
    }

    test('a Farmers Support Fund disbursement beyond its source’s capital is refused', async () => {
      // Province capital 100,000,000: a 90,000,000 loan fits, a second 20,000,000 does not.
      await lend(app, {
        id: 'S-01',
        programme: 'fsf',
        book: FSF,
        household: 'HH-020',
        amount: 90_000_000,
        date: '2025-03-01',
        termMonths: 12,
        source: 'province',
      });
      await app.loans.apply(ctx, {
        id: 'S-02',
        programme: 'fsf',
        book: FSF,
        household: 'HH-021',
        amount: 20_000_000,
        date: '2025-03-01',
        termMonths: 12,
        source: 'province',
      });
      await app.loans.approve(ctx, { loan: 'S-02', date: '2025-03-01', approver: 'HND' });
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(app.loans.disburse(ctx, { loan: 'S-02', date: '2025-03-02', amount: 20_000_000 })),
        ['source_capital_exceeded'],
      );
      assert.equal(await snapshot(app.store), before);
    });

    test('a joint group plan over its project cap is refused at approval', async () => {
      await app.loans.addProgramme(ctx, {
        id: 'fsf-plan',
        nameVi: 'Dự án tổ hợp tác nấm',
        accounting: 'own',
        capProjectDong: 50_000_000,
        requiresSource: true,
        quoting: 'month',
        dayCount: '30e/360',
        scheduleMethod: 'bullet',
        interestEveryMonths: 3,
      });
      await app.loans.addRate(ctx, { programme: 'fsf-plan', from: '2020-01-01', rate: '0,7' });
      await lend(app, {
        id: 'P-01',
        programme: 'fsf-plan',
        book: FSF,
        household: 'HH-030',
        amount: 30_000_000,
        date: '2025-03-01',
        termMonths: 12,
        source: 'district',
        group: 'KH-NAM',
      });
      await app.loans.apply(ctx, {
        id: 'P-02',
        programme: 'fsf-plan',
        book: FSF,
        household: 'HH-031',
        amount: 25_000_000,
        date: '2025-03-01',
        termMonths: 12,
        source: 'district',
        group: 'KH-NAM',
      });
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(app.loans.approve(ctx, { loan: 'P-02', date: '2025-03-02', approver: 'HND' })),
        ['project_cap_exceeded'],
      );
      assert.equal(await snapshot(app.store), before);
      await app.loans.approve(ctx, { loan: 'P-02', date: '2025-03-02', amount: 20_000_000, approver: 'HND' });
    });

    test('a rate added as a multiple of another programme follows it; a second level is refused', async () => {
      await app.loans.addProgramme(ctx, {
        id: 'vbsp-escaped-2',
        nameVi: 'Hộ mới thoát nghèo (thí điểm)',
        accounting: 'entrusted',
        quoting: 'month',
      });
      const row = await app.loans.addRate(ctx, {
        programme: 'vbsp-escaped-2',
        from: '2025-01-01',
        base: 'vbsp-poor',
        multiplier: '125',
      });
      assert.deepEqual(row.base, { programme: 'vbsp-poor', multiplierPpm: 1_250_000 });
      const p = (await app.loans.programmes(ctx)).find((x) => x.id === 'vbsp-escaped-2')!;
      assert.equal(p.rates[0]!.annualPpm, 82_500); // 125 % × 6.6 % = 8.25 %/yr
      // A poor-household rate change on 01/07/2025 carries over: 125 % × 6.0 % = 7.5 %.
      await app.loans.addRate(ctx, { programme: 'vbsp-poor', from: '2025-07-01', rate: '0,5', note: 'thử' });
      const after = (await app.loans.programmes(ctx)).find((x) => x.id === 'vbsp-escaped-2')!;
      assert.deepEqual(after.timeline, [
        { from: '2025-01-01', annualPpm: 82_500 },
        { from: '2025-07-01', annualPpm: 75_000 },
      ]);
      // The seeded programme follows the same way.
      const escaped = (await app.loans.programmes(ctx)).find((x) => x.id === 'vbsp-escaped')!;
      assert.deepEqual(
        escaped.timeline.map((t) => t.annualPpm),
        [82_500, 75_000],
      );
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(
          app.loans.addRate(ctx, {
            programme: 'vbsp-water',
            from: '2025-01-01',
            base: 'vbsp-escaped-2',
            multiplier: '100',
          }),
        ),
        ['rate_base_invalid'],
      );
      assert.deepEqual(
        await refusedCodes(
          app.loans.addRate(ctx, {
            programme: 'vbsp-escaped-2',
            from: '2025-01-01',
            base: 'vbsp-poor',
            multiplier: '125',
          }),
        ),
        ['already_exists'],
      );
      assert.equal(await snapshot(app.store), before);
    });

    test('a repayment retried with its key posts nothing; another body under the key is refused', async () => {
      const first = await app.loans.repay(ctx, {
        loan: 'R-01',
        date: '2025-02-10',
        amount: 448_438,
        idempotencyKey: 'pt-r01-1',
      });
      assert.equal(first.replayed, false);
      const before = await snapshot(app.store);
      const again = await app.loans.repay(ctx, {
        loan: 'R-01',
        date: '2025-02-10',
        amount: 448_438,
        idempotencyKey: 'pt-r01-1',
      });
      assert.deepEqual(
        [again.replayed, again.entries, again.allocation],
        [true, first.entries, first.allocation],
      );
      assert.deepEqual(
        await refusedCodes(
          app.loans.repay(ctx, { loan: 'R-01', date: '2025-02-10', amount: 1, idempotencyKey: 'pt-r01-1' }),
        ),
        ['idempotency_key_reused'],
      );
      assert.equal(await snapshot(app.store), before);
    });

    test('a back-dated payment into a closed period is refused', async () => {
      await app.ledger.closePeriod(ctx, { book: VBSP, through: '2025-03-31' });
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(app.loans.repay(ctx, { loan: 'R-01', date: '2025-03-10', amount: 100_000 })),
        ['period_closed'],
      );
      assert.equal(await snapshot(app.store), before);
      // After the closed period it goes through.
      await app.loans.repay(ctx, { loan: 'R-01', date: '2025-04-01', amount: 100_000 });
    });

    test('an unknown household or shock event, asked through the injected registry, is refused', async () => {
      const parties: LoanParties = {
        householdExists: async (_c, id) => id.startsWith('HH-'),
        shockExists: async (_c, id) => id === 'SK-000001',
      };
      const loans = new Loans(app.store, app.ledger, parties);
      const before = await snapshot(app.store);
      assert.deepEqual(
        await refusedCodes(
          loans.apply(ctx, {
            programme: 'vbsp-poor',
            book: VBSP,
            household: 'XX-1',
            amount: 1_000_000,
            date: '2025-05-01',
            termMonths: 12,
          }),
        ),
        ['borrower_unknown'],
      );
      assert.deepEqual(
        await refusedCodes(
          loans.freeze(ctx, { loan: 'R-01', date: '2025-05-01', months: 6, shockId: 'SK-999', ...risk }),
        ),
        ['shock_not_borrowers'],
      );
      assert.equal(await snapshot(app.store), before);
    });
  });
}
