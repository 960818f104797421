/**
 * The store's loan state equals the incremental path, on every engine: random operations are
 * worked out in memory by the same rules the service uses (test/loans/simulate.ts: a machine
 * taking them one by one), then sent through the service; the service's state, replayed from the
 * journal and the events, must equal the machine's on every day, and after a month-end run the
 * books (running totals kept entry by entry) must hold the replay's figures for every loan. (Each
 * operation's own check that the books hold the replay's figures right after it runs inside the
 * service, as an assertion.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { contract, POOR_RATE } from './contracts.ts';
import { addHousehold, ctx, seedLoans, VBSP } from './fixture.ts';
import { type SimOp, simulate } from './simulate.ts';

const RUNS = Number(process.env['SOQUY_STORE_PROPERTY_RUNS'] ?? 6);

const opArb: fc.Arbitrary<SimOp> = fc.record({
  gap: fc.integer({ min: 0, max: 80 }),
  kind: fc.constantFrom('repay', 'repay_due', 'repay_due', 'payoff', 'extend', 'freeze', 'write_off', 'wait'),
  share: fc.integer({ min: 1, max: 1000 }),
  months: fc.integer({ min: 0, max: 40 }),
});

for (const engine of ENGINES) {
  describe(`journal replay equals the incremental path [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    let n = 0;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedLoans(app);
    });
    after(() => done());

    test('random lives of a poor-household loan', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(1, 3, 6),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 1_000_000, max: 100_000_000 }),
          fc.array(opArb, { minLength: 1, maxLength: 10 }),
          async (every, periods, amount, ops) => {
            const id = `X-${++n}`;
            const terms = { termMonths: every * periods, principalEveryMonths: every };
            const c = {
              ...contract(terms, { rates: POOR_RATE }),
              id,
              ratePolicy: 'fixed_at_disbursement' as const,
            };
            const sim = simulate(c, 'entrusted', amount, '2025-01-31', ops);
            // The same operations, through the service, with the amounts the machine worked out.
            await addHousehold(app, `HH-${id}`);
            await app.loans.apply(ctx, {
              id,
              programme: 'vbsp-poor',
              book: VBSP,
              household: `HH-${id}`,
              amount,
              date: '2025-01-31',
              ...terms,
            });
            const risk = { cause: 'Thiên tai', approver: 'PGD', documentNo: 'QĐ', lossDong: 0 };
            for (const e of sim.events) {
              const common = { loan: id, date: e.date };
              if (e.kind === 'approve') await app.loans.approve(ctx, { ...common, approver: 'PGD' });
              else if (e.kind === 'disburse') await app.loans.disburse(ctx, { ...common, amount });
              else if (e.kind === 'repay')
                await app.loans.repay(ctx, { ...common, amount: Number(e.params['amount']) });
              else if (e.kind === 'extend') {
                const p = await app.loans.state(ctx, id, e.date);
                const k = p.instalments.findIndex((i) => i.due === e.params['due'] && i.unpaid > 0);
                await app.loans.extend(ctx, {
                  ...common,
                  instalment: k + 1,
                  months: Number(e.params['months']),
                  ...risk,
                });
              } else if (e.kind === 'freeze')
                await app.loans.freeze(ctx, { ...common, months: Number(e.params['months']), ...risk });
              else if (e.kind === 'write_off') {
                const p = await app.loans.state(ctx, id, e.date);
                const principal = sim.lines
                  .filter(
                    (l) => l.seq === e.entries.at(-1) && ['001', '002', '003', '004'].includes(l.account),
                  )
                  .reduce((s, l) => s - l.amount, 0);
                assert.ok(principal <= p.outstanding);
                await app.loans.writeOff(ctx, { ...common, principal, ...risk });
              }
            }
            const endOfDay = new Map(sim.views.map((v) => [v.date, v.view]));
            for (const [date, view] of endOfDay)
              assert.deepEqual(await app.loans.state(ctx, id, date), view, `${id} ${date}`);
          },
        ),
        { numRuns: RUNS },
      );
      // And a month-end run over all of them leaves every book in step with its replay.
      const r = await app.loans.monthEnd(ctx, { asOf: '2027-12-31' });
      assert.equal(r.loansDone, n);
      for (let k = 1; k <= n; k++)
        assert.equal((await app.loans.show(ctx, `X-${k}`, '2027-12-31')).booksInStep, true);
    });
  });
}
