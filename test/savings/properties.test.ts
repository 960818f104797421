/**
 * Must show 2, as properties: a share-out pays out exactly the distributable pool; the social fund
 * is never shared out; every meeting leaves the cash books equal to the counted cash, or to the
 * counted cash through an explicit difference entry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { MeetingLine } from '../../src/domain/savings/meeting.ts';
import { shareOut } from '../../src/domain/savings/share-out.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { sctx, seedGroup, seedUnion } from './fixture.ts';

describe('share-out arithmetic (pure)', () => {
  test('payouts + remainder = distributable; board + village + distributable = pool; remainder < members', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 5_000_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.option(
          fc
            .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }))
            .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
            .map(([a, b]) => ({ ownersPpm: a, boardPpm: b - a, villagePpm: 1_000_000 - b })),
        ),
        (shares, pool, income, split) => {
          const map = new Map(shares.map((n, i) => [`M${i}`, n]));
          const r = shareOut({ shares: map, pool, interestIncome: Math.min(income, pool), split });
          const holders = shares.filter((n) => n > 0).length;
          if (r.totalShares === 0) return;
          const paid = r.payouts.reduce((s, p) => s + p.amount, 0);
          assert.equal(paid + r.remainder, r.distributable);
          assert.equal(r.board + r.village + r.distributable, pool);
          assert.ok(r.remainder >= 0 && r.remainder < holders, `remainder ${r.remainder}`);
          // Each payout is the rounded-down share: never more, and less by under one đồng.
          for (const p of r.payouts) {
            const exact = (BigInt(r.distributable) * BigInt(p.shares)) / BigInt(r.totalShares);
            assert.equal(BigInt(p.amount), exact);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('worked example B: 56,350,000 × 37 ÷ 1,000 = 2,084,950', () => {
    // 1,000 shares in all; the member with 37 gets 56,350,000 × 37 / 1,000 = 2,084,950 exactly.
    const shares = new Map([
      ['A', 37],
      ['B', 963],
    ]);
    const r = shareOut({ shares, pool: 56_350_000, interestIncome: 5_900_000 });
    assert.deepEqual(
      r.payouts.map((p) => p.amount),
      [2_084_950, 54_265_050],
    );
    assert.equal(r.remainder, 0);
    // With the brief's split 0.5 / 0.3 / 0.2 of the 5,900,000 service charges: board 1,770,000,
    // village 1,180,000; 56,350,000 − 2,950,000 = 53,400,000 shared; A: 53,400,000 × 37 / 1,000 = 1,975,800.
    const s = shareOut({
      shares,
      pool: 56_350_000,
      interestIncome: 5_900_000,
      split: { ownersPpm: 500_000, boardPpm: 300_000, villagePpm: 200_000 },
    });
    assert.deepEqual(
      [s.board, s.village, s.distributable, s.payouts[0]!.amount],
      [1_770_000, 1_180_000, 53_400_000, 1_975_800],
    );
  });
});

const memberPlan = fc.record({
  shares: fc.integer({ min: 0, max: 5 }),
  social: fc.boolean(),
  repayPart: fc.constantFrom(0 as const, 1 as const, 2 as const),
  // Service charge paid with a partial repayment, up to what the loan engine says is owed; a full
  // repayment pays all of it.
  charge: fc.integer({ min: 0, max: 5_000 }),
  borrowPct: fc.constantFrom(0, 0, 30, 100),
});
const meetingPlan = fc.record({
  members: fc.array(memberPlan, { minLength: 4, maxLength: 4 }),
  grantTo: fc.option(fc.integer({ min: 0, max: 3 })),
  loanDiff: fc.constantFrom(0, 0, 0, -500, 700),
  socialDiff: fc.constantFrom(0, 0, 0, -300, 200),
});

let run = 0;

for (const engine of ENGINES) {
  describe(`savings group properties [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await seedUnion(app);
    });
    after(() => done());

    test('cash books equal the counted cash after every meeting; share-out pays the pool; social fund stays', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(meetingPlan, { minLength: 2, maxLength: 5 }),
          fc.boolean(),
          async (plans, withSplit) => {
            run += 1;
            const g = `PR-${engine.kind}-${run}`;
            const { book, members } = await seedGroup(app, g, 4);
            const price = 10_000;
            const cycle = (
              await app.savings.openCycle(sctx, {
                group: g,
                book,
                startedOn: '2026-01-01',
                sharePrice: price,
                social: 2_000,
                ...(withSplit ? { split: { owners: 50, board: 30, village: 20 } } : {}),
              })
            ).id;
            const savings = members.map(() => 0);
            const owed = members.map(() => 0);
            let loanCash = 0;
            let socialCash = 0;
            const bal = async (account: string) =>
              (await app.ledger.balance(sctx, { book, account })).balance;
            const meet = async (n: number, lines: MeetingLine[], loanDiff: number, socialDiff: number) => {
              const inflow = lines.reduce(
                (s, l) =>
                  s +
                  (l.shares ?? 0) * price +
                  (l.repayment ?? 0) +
                  (l.serviceCharge ?? 0) -
                  (l.newLoan?.amount ?? 0),
                0,
              );
              const social = lines.reduce((s, l) => s + (l.social ?? 0) - (l.grant ?? 0), 0);
              const countedLoan = loanCash + inflow + loanDiff;
              const countedSocial = socialCash + social + socialDiff;
              const approved = loanDiff !== 0 || socialDiff !== 0;
              await app.savings.recordMeeting(sctx, {
                cycle,
                date: `2026-${String(n).padStart(2, '0')}-10`,
                lines,
                countedLoanFund: countedLoan,
                countedSocialFund: countedSocial,
                ...(approved ? { difference: { approver: 'Tổ trưởng', reason: 'Đếm lại' } } : {}),
              });
              loanCash = countedLoan;
              socialCash = countedSocial;
              // The books hold what was counted: directly, or through the difference entry.
              assert.equal(await bal('1111'), loanCash);
              assert.equal(await bal('1112'), socialCash);
            };
            /** Service charge each member owes on the date of meeting `n` (loan engine). */
            const chargesDue = async (n: number) =>
              (
                await app.savings.previewMeeting(sctx, {
                  cycle,
                  date: `2026-${String(n).padStart(2, '0')}-10`,
                  lines: members.map((member) => ({ member })),
                  countedLoanFund: 0,
                  countedSocialFund: 0,
                })
              ).serviceChargeDue;
            let n = 0;
            for (const p of plans) {
              n += 1;
              const due = await chargesDue(n);
              let available = loanCash;
              let socialAvailable = socialCash;
              const lines: MeetingLine[] = members.map((member, i) => {
                const mp = p.members[i]!;
                const line: Record<string, unknown> = {
                  member,
                  shares: mp.shares,
                  social: mp.social ? 2_000 : 0,
                };
                available += mp.shares * price;
                socialAvailable += mp.social ? 2_000 : 0;
                savings[i]! += mp.shares * price;
                if (owed[i]! > 0 && mp.repayPart > 0) {
                  const repay = mp.repayPart === 2 ? owed[i]! : Math.floor(owed[i]! / 2);
                  if (repay > 0) {
                    const owedCharge = due[member] ?? 0;
                    const charge = mp.repayPart === 2 ? owedCharge : Math.min(mp.charge, owedCharge);
                    line['repayment'] = repay;
                    line['serviceCharge'] = charge;
                    owed[i]! -= repay;
                    available += repay + charge;
                  }
                }
                return line as unknown as MeetingLine;
              });
              // New loans after the inflows, within the limit and the cash in the box.
              members.forEach((_, i) => {
                const mp = p.members[i]!;
                const room = 3 * savings[i]! - owed[i]!;
                const amount = Math.min(Math.floor((room * mp.borrowPct) / 100 / 1000) * 1000, available);
                if (mp.borrowPct > 0 && amount > 0 && owed[i] === 0) {
                  (lines[i] as { newLoan?: unknown }).newLoan = { amount, termMonths: 6 };
                  owed[i]! += amount;
                  available -= amount;
                }
              });
              if (p.grantTo !== null && socialAvailable > 0)
                (lines[p.grantTo] as { grant?: number }).grant = Math.min(3_000, socialAvailable);
              const loanDiff = available + p.loanDiff < 0 ? 0 : p.loanDiff;
              const socialDiff =
                socialAvailable - ((lines[p.grantTo ?? 0] as { grant?: number }).grant ?? 0) + p.socialDiff <
                0
                  ? 0
                  : p.socialDiff;
              await meet(n, lines, loanDiff, socialDiff);
            }
            // Everything owed is repaid at a last meeting, then the cycle is shared out.
            if (owed.some((o) => o > 0)) {
              n += 1;
              const due = await chargesDue(n);
              const lines = members.map((member, i) =>
                owed[i]! > 0
                  ? { member, shares: 0, repayment: owed[i]!, serviceCharge: due[member] ?? 0 }
                  : { member, shares: 0 },
              );
              owed.fill(0);
              await meet(n, lines, 0, 0);
            }
            const socialBefore = [await bal('1112'), await bal('4121')];
            const cashBefore = await bal('1111');
            if ((await bal('3311')) === 0) return; // nobody bought a share: nothing to share out
            const r = await app.savings.shareOut(sctx, {
              cycle,
              date: `2026-${String(n).padStart(2, '0')}-20`,
            });
            const paid = r.payouts.reduce((s, p) => s + p.amount, 0);
            // With no loans outstanding and no other savings, the loan box is the pool.
            assert.equal(r.pool, cashBefore);
            assert.equal(paid + r.remainder + r.board + r.village, r.pool);
            assert.deepEqual([await bal('1112'), await bal('4121')], socialBefore);
            assert.equal(await bal('1111'), r.remainder + r.board + r.village);
            assert.equal(await bal('3311'), 0);
            assert.equal(await bal('4212'), r.remainder);
          },
        ),
        { numRuns: engine.kind === 'sqlite' ? 12 : 6 },
      );
    });
  });
}
