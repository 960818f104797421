/**
 * The savings API: a meeting sheet with bad lines answers 422 listing every one (row, field,
 * Vietnamese text), writes nothing; the good sheet answers 201, is audited, and its replay under
 * the same key answers the first reply; the register, passbook and indicators read it back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, type World } from '../helpers/http.ts';
import { vslaCycle } from './http-fixture.ts';

for (const engine of ENGINES) {
  describe(`savings API [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    let v: Awaited<ReturnType<typeof vslaCycle>>;
    before(async () => {
      w = await freshWorld(engine);
      v = await vslaCycle(w.app, w.ctx(), 'hlhpn', 3);
    });
    after(() => w.done());

    test('a sheet with bad lines is refused whole, every line listed; the good one is recorded once', async () => {
      const bad = await w.call('POST', `/api/v1/savings/cycles/${v.cycle}/meetings`, {
        as: 'thuquy-pn',
        key: 'hop-1-sai',
        body: {
          date: '2025-11-10',
          lines: [
            { member: v.persons[0], shares: 7, social: 2_000 },
            { member: 'P-KHONG-CO', shares: 1 },
            { member: v.persons[2], shares: 1, newLoan: { amount: 1_000_000 } },
          ],
          countedLoanFund: 0,
          countedSocialFund: 2_000,
        },
      });
      assert.equal(bad.status, 422);
      const refusals = bad.json.error.refusals as Array<{ code: string; row?: number; message: string }>;
      assert.deepEqual(
        refusals.filter((r) => r.row !== undefined).map((r) => [r.code, r.row]),
        [
          ['savings_shares_out_of_range', 1],
          ['savings_member_unknown', 2],
          ['savings_loan_over_limit', 3],
        ],
      );
      assert.equal((await w.app.savings.register(w.ctx(), v.cycle)).meetings.length, 0);
      // Three members buy 2 shares each: 3 × 2 × 20,000 = 120,000; social 3 × 2,000 = 6,000.
      const body = {
        date: '10/11/2025',
        lines: v.persons.map((member) => ({ member, shares: 2, social: 2_000 })),
        countedLoanFund: 120_000,
        countedSocialFund: 6_000,
      };
      const good = await w.call('POST', `/api/v1/savings/cycles/${v.cycle}/meetings`, {
        as: 'thuquy-pn',
        key: 'hop-1',
        body,
      });
      assert.equal(good.status, 201, good.text);
      assert.equal(good.json.number, 1);
      const again = await w.call('POST', `/api/v1/savings/cycles/${v.cycle}/meetings`, {
        as: 'thuquy-pn',
        key: 'hop-1',
        body,
      });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      const reg = await w.call('GET', `/api/v1/savings/cycles/${v.cycle}/register`, { as: 'thuquy-pn' });
      assert.equal(reg.json.meetings.length, 1);
      assert.equal(reg.json.meetings[0].countedLoanFund, 120_000);
      const audit = await w.app.audit.list(w.ctx(), { limit: 100 });
      assert.ok(audit.some((a: { action: string }) => a.action === 'savings.meeting'));
      const pb = await w.call('GET', `/api/v1/savings/passbook?group=${v.group}&person=${v.persons[0]}`, {
        as: 'thuquy-pn',
      });
      assert.equal(pb.json.lines[0].shareSavings, 40_000);
      const ind = await w.call('GET', '/api/v1/savings/indicators?quarter=2025-Q4', { as: 'thuquy-pn' });
      assert.equal(ind.json.groups[0].savings, 120_000);
      // Another organisation's treasurer sees neither the group nor its organisation's total.
      const other = await w.call('GET', '/api/v1/savings/indicators?quarter=2025-Q4', { as: 'thuquy-hnd' });
      assert.deepEqual([other.json.groups.length, other.json.organisations.length], [0, 0]);
    });

    test('the sheet page’s live check shows the totals, the expected cash and the charge due on a loan', async () => {
      // Meeting 2: the first member borrows 100,000 (savings 40,000; limit 3 × = 120,000).
      await w.app.savings.recordMeeting(w.ctx(), {
        cycle: v.cycle,
        date: '2025-12-10',
        lines: [{ member: v.persons[0]!, shares: 0, newLoan: { amount: 100_000 } }],
        countedLoanFund: 20_000,
        countedSocialFund: 6_000,
      });
      const session = await w.signIn('thuquy-pn');
      const q = new URLSearchParams({
        date: '15/12/2025',
        'm[0].present': 'on',
        'm[0].shares': '1',
        countedLoanFund: '40.000',
        countedSocialFund: '6.000',
      });
      const r = await w.call('GET', `/savings/cycles/${v.cycle}/meeting/check?${q}`, { as: session });
      assert.equal(r.status, 200);
      // One share (20,000) on top of the 20,000 in the box: 40,000, as counted.
      assert.match(r.text, /Két phải có: quỹ cho vay 40\.000 ₫, quỹ xã hội 6\.000 ₫/);
      assert.match(r.text, /Tiền đếm khớp/);
      // The loan engine's charge owed on 15/12 for the loan lent on 10/12: 5 days of 30E/360,
      // 100,000 × 1.5 % × 5 / 30 = 250 (a whole month would be 1,500).
      assert.match(r.text, new RegExp(`${v.persons[0]} 250 ₫`));
      // The group loan is a loan of the loan engine: its page is the loans' page, under the
      // programme of group loans at 1.5 %/month, with 100,000 owed.
      const loan = await w.call('GET', `/loans/${v.cycle}-L001?asOf=15/12/2025`, { as: session });
      assert.equal(loan.status, 200);
      assert.match(loan.text, /Vay quỹ nhóm tiết kiệm – phí 1,5 %\/tháng/);
      assert.match(loan.text, /100\.000 ₫/);
    });

    test('the live check lists the fines owed: today’s absence fine included', async () => {
      // A cycle whose rules fine an absence 10,000: the second member is marked absent (no
      // "present" box ticked), so she owes 10,000 at this meeting.
      const f = await vslaCycle(w.app, w.ctx(), 'hlhpn', 2, { absenceFine: 10_000 });
      const session = await w.signIn('thuquy-pn');
      const q = new URLSearchParams({
        date: '10/11/2025',
        'm[0].present': 'on',
        'm[0].shares': '1',
        countedLoanFund: '20.000',
        countedSocialFund: '0',
      });
      const r = await w.call('GET', `/savings/cycles/${f.cycle}/meeting/check?${q}`, { as: session });
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`Tiền phạt thành viên còn nợ[^<]*${f.persons[1]} 10\\.000 ₫`));
    });
  });
}
