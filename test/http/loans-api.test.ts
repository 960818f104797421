/**
 * The registry and loans API (issue 10, second round): household search without accents, a
 * household with its loans, the loan's life by HTTP (apply, approve, disburse, repay with the
 * allocation in the answer) through maker-checker and the audit log, schedule, statement,
 * portfolio; and who may see what (another organisation's treasurer gets 404).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, type World } from '../helpers/http.ts';
import { HOUSEHOLDS, LOANS, seedHouseholdsAndLoans } from '../helpers/loans-web.ts';

for (const engine of ENGINES) {
  describe(`registry and loans API (${engine.kind})`, () => {
    let w: World;
    before(async () => {
      w = await freshWorld(engine);
      await seedHouseholdsAndLoans(w);
    });
    after(async () => {
      await w?.done();
    });

    test('a name typed without accents finds the household; a treasurer sees only what reaches her', async () => {
      const admin = await w.call('GET', '/api/v1/households?q=vuong%20dinh%20soan', { as: 'admin' });
      assert.equal(admin.status, 200, admin.text);
      assert.equal(admin.json.hits[0].fullName, 'Vương Đình Soạn');
      assert.equal(admin.json.hits[0].householdId, HOUSEHOLDS.soan);
      // Treasurer of hnd: HH-001 (a loan in her book) and HH-003 (a member of hnd), not HH-002
      // (a loan of hlhpn) nor HH-004 (nothing of hnd).
      const seen = async (user: string, q: string) =>
        (await w.call('GET', `/api/v1/households?q=${encodeURIComponent(q)}`, { as: user })).json.hits.map(
          (h: { householdId: string }) => h.householdId,
        );
      assert.deepEqual(await seen('thuquy-hnd', 'soan'), [HOUSEHOLDS.soan]);
      assert.deepEqual(await seen('thuquy-hnd', 'tam'), [HOUSEHOLDS.tam]);
      assert.deepEqual(await seen('thuquy-hnd', 'hoa'), []);
      assert.deepEqual(await seen('thuquy-hnd', 'cuc'), []);
      assert.deepEqual(await seen('thuquy-pn', 'tran thi hoa'), [HOUSEHOLDS.hoa]);
      assert.deepEqual(await seen('kiemtoan', 'le thi cuc'), [HOUSEHOLDS.cuc]);
      assert.deepEqual(await seen('totruong', 'soan'), []);
    });

    test('a household: members, poverty history, shocks, loans; 404 for another organisation', async () => {
      const r = await w.call('GET', `/api/v1/households/${HOUSEHOLDS.soan}?asOf=20/12/2025`, {
        as: 'thuquy-hnd',
      });
      assert.equal(r.status, 200, r.text);
      const h = r.json.household;
      assert.deepEqual(
        h.members.map((m: { fullName: string }) => m.fullName),
        ['Vương Đình Soạn', 'Vương Thị Lan'],
      );
      assert.equal(h.status, 'poor');
      assert.equal(h.statusHistory[0].certificateNo, 'GCN-2024-017');
      assert.equal(h.shocks[0].lossDong, 30_000_000);
      assert.deepEqual(
        r.json.loans.map((l: { loan: { id: string } }) => l.loan.id),
        [LOANS.own],
      );
      assert.equal(r.json.loans[0].position.outstanding, 12_000_000);

      for (const path of [
        `/api/v1/households/${HOUSEHOLDS.soan}`,
        `/api/v1/households/${HOUSEHOLDS.soan}/poverty`,
        `/api/v1/households/${HOUSEHOLDS.soan}/shocks`,
        `/api/v1/loans/${LOANS.own}`,
        `/api/v1/loans/${LOANS.own}/schedule`,
        `/api/v1/loans/${LOANS.own}/statement`,
      ]) {
        const other = await w.call('GET', path, { as: 'thuquy-pn' });
        const missing = await w.call(
          'GET',
          path.replace(HOUSEHOLDS.soan, 'HH-999').replace(LOANS.own, 'L-999999'),
          {
            as: 'thuquy-pn',
          },
        );
        assert.equal(other.status, 404, path);
        assert.equal(other.text, missing.text, `${path}: hidden reads exactly like missing`);
        assert.equal((await w.call('GET', path, { as: 'kiemtoan' })).status, 200, `${path} (auditor)`);
      }
      const poverty = await w.call('GET', `/api/v1/households/${HOUSEHOLDS.soan}/poverty?asOf=20/12/2025`, {
        as: 'xem-hnd',
      });
      assert.equal(poverty.status, 200, poverty.text);
      assert.equal(poverty.json.flags.status, 'poor');
    });

    test('a repayment answers its allocation, audited, and the receipt entry', async () => {
      // L-000001: 12.000.000 ₫ lent 10/03/2025 at 0,7 %/month (30E/360), fee due quarterly.
      // Due 10/06, 10/09, 10/12: each 12.000.000 × 0,7 % × 3 = 252.000 → interest due 756.000.
      // Accrued 10/12 → 20/12 (start of day): 12.000.000 × 0,7 % × 10/30 = 28.000.
      // 1.000.000 paid on 20/12/2025, in the order overdue interest (0) → interest due 756.000
      // → overdue principal (0) → principal due (0) → accrued 28.000 → prepayment
      // 1.000.000 − 756.000 − 28.000 = 216.000; outstanding 12.000.000 − 216.000 = 11.784.000.
      const r = await w.call('POST', `/api/v1/loans/${LOANS.own}/repayments`, {
        as: 'thuquy-hnd',
        key: 'repay-1',
        body: { date: '20/12/2025', amount: '1.000.000', documentNo: 'PT-0101' },
      });
      assert.equal(r.status, 201, r.text);
      assert.deepEqual(r.json.allocation, {
        parts: {
          overdue_interest: 0,
          interest_due: 756_000,
          overdue_principal: 0,
          principal_due: 0,
          accrued_interest: 28_000,
          prepayment: 216_000,
        },
        principal: 216_000,
        interest: 784_000,
        overdueInterest: 0,
      });
      assert.equal(r.json.outstandingAfter, 11_784_000);
      const last = r.json.entries[r.json.entries.length - 1] as string;
      const entry = await w.call('GET', `/api/v1/entries/${encodeURIComponent(last)}`, { as: 'kiemtoan' });
      assert.equal(entry.json.entry.kind, 'repayment');
      assert.equal(entry.json.entry.documentNo, 'PT-0101');
      assert.equal(entry.json.entry.idempotencyKey, 'repay-1');
      const cash = entry.json.entry.postings.find((p: { account: string }) => p.account === '111');
      assert.equal(cash.amount, 1_000_000);
      // The same key again: the first answer, nothing written twice.
      const again = await w.call('POST', `/api/v1/loans/${LOANS.own}/repayments`, {
        as: 'thuquy-hnd',
        key: 'repay-1',
        body: { date: '20/12/2025', amount: '1.000.000', documentNo: 'PT-0101' },
      });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.json, r.json);
      const audit = await w.call('GET', '/api/v1/audit?action=loans.repay', { as: 'kiemtoan' });
      assert.equal(audit.json.records.length, 1, 'one audit row: the replay wrote nothing');
      assert.equal(audit.json.records[0].actor, 'thuquy-hnd');
      assert.equal(audit.json.records[0].target, r.json.entries.join(' '));
      // Refused: more than owed, with the maximum; nothing written.
      const heads = (await w.call('GET', '/api/v1/books', { as: 'admin' })).json.books;
      const tooMuch = await w.call('POST', `/api/v1/loans/${LOANS.own}/repayments`, {
        as: 'thuquy-hnd',
        key: 'repay-2',
        body: { date: '20/12/2025', amount: 50_000_000 },
      });
      assert.equal(tooMuch.status, 422, tooMuch.text);
      assert.equal(tooMuch.json.error.refusals[0].code, 'repayment_exceeds_outstanding');
      assert.match(tooMuch.json.error.refusals[0].message, /./);
      assert.deepEqual((await w.call('GET', '/api/v1/books', { as: 'admin' })).json.books, heads);
      // Another organisation's treasurer: 404; an auditor: 403 before anything is read.
      const other = await w.call('POST', `/api/v1/loans/${LOANS.own}/repayments`, {
        as: 'thuquy-pn',
        key: 'repay-3',
        body: { amount: 1_000 },
      });
      assert.equal(other.status, 404);
      const auditor = await w.call('POST', `/api/v1/loans/${LOANS.own}/repayments`, {
        as: 'kiemtoan',
        key: 'repay-4',
        body: { amount: 1_000 },
      });
      assert.equal(auditor.status, 403);
    });

    test('apply → approve → disburse by HTTP; a disbursement above the rule waits for a second person', async () => {
      const applied = await w.call('POST', '/api/v1/loans', {
        as: 'thuquy-hnd',
        body: {
          programme: 'fsf',
          book: 'quy-htnd',
          household: HOUSEHOLDS.tam,
          amount: '30.000.000',
          date: '01/12/2025',
          termMonths: 24,
          source: 'district',
          purpose: 'Mua máy cày',
        },
      });
      assert.equal(applied.status, 201, applied.text);
      const loan = applied.json.loan as string;
      const approved = await w.call('POST', `/api/v1/loans/${loan}/approve`, {
        as: 'thuquy-hnd',
        key: `approve-${loan}`,
        body: { date: '05/12/2025', approver: 'Chủ tịch Hội', documentNo: 'QĐ-77' },
      });
      assert.equal(approved.status, 200, approved.text);
      assert.equal(approved.json.amount, 30_000_000);
      const rule = await w.call('PUT', '/api/v1/approval-rules/loans.disburse', {
        as: 'admin',
        body: { thresholdDong: 20_000_000 },
      });
      assert.equal(rule.status, 200, rule.text);
      const proposed = await w.call('POST', `/api/v1/loans/${loan}/disburse`, {
        as: 'thuquy-hnd',
        key: `disburse-${loan}`,
        body: { date: '10/12/2025', amount: 30_000_000, documentNo: 'PC-0300' },
      });
      assert.equal(proposed.status, 202, proposed.text);
      const id = proposed.json.operation.id as number;
      const own = await w.call('POST', `/api/v1/approvals/${id}/approve`, {
        as: 'thuquy-hnd',
        key: `own-${id}`,
      });
      assert.equal(own.status, 403, 'never one’s own');
      const done = await w.call('POST', `/api/v1/approvals/${id}/approve`, {
        as: 'lap-hnd',
        key: `ok-${id}`,
      });
      assert.equal(done.status, 200, done.text);
      const show = await w.call('GET', `/api/v1/loans/${loan}?asOf=10/12/2025`, { as: 'kiemtoan' });
      assert.equal(show.json.position.disbursed, 30_000_000);
      assert.equal(show.json.position.outstanding, 30_000_000);
      const disb = show.json.events.find((e: { kind: string }) => e.kind === 'disburse');
      assert.equal(disb.actor, 'thuquy-hnd/lap-hnd');
      const schedule = await w.call('GET', `/api/v1/loans/${loan}/schedule`, { as: 'thuquy-hnd' });
      assert.equal(schedule.status, 200);
      assert.equal(schedule.json.totalPrincipal, 30_000_000);
      const statement = await w.call('GET', `/api/v1/loans/${loan}/statement`, { as: 'xem-hnd' });
      assert.equal(statement.status, 200);
      assert.ok(statement.json.history.some((h: { kind: string }) => h.kind === 'disbursement'));
      // Applying in another organisation's book: 404, as for a book that does not exist.
      const elsewhere = await w.call('POST', '/api/v1/loans', {
        as: 'thuquy-hnd',
        body: {
          programme: 'fsf',
          book: 'quy-pn',
          household: HOUSEHOLDS.tam,
          amount: 1_000_000,
          source: 'district',
        },
      });
      assert.equal(elsewhere.status, 404);
      await w.call('PUT', '/api/v1/approval-rules/loans.disburse', {
        as: 'admin',
        body: { thresholdDong: null },
      });
    });

    test('the portfolio: the commune for an auditor, the own books for a treasurer', async () => {
      const all = await w.call('GET', '/api/v1/loan-portfolio?asOf=20/12/2025&by=organisation', {
        as: 'kiemtoan',
      });
      assert.equal(all.status, 200, all.text);
      const keys = all.json.rows.map((r: { key: string }) => r.key);
      assert.deepEqual(keys, ['hlhpn', 'hnd']);
      const mine = await w.call('GET', '/api/v1/loan-portfolio?asOf=20/12/2025&by=organisation', {
        as: 'thuquy-hnd',
      });
      assert.deepEqual(
        mine.json.rows.map((r: { key: string }) => r.key),
        ['hnd'],
      );
      const hnd = all.json.rows.find((r: { key: string }) => r.key === 'hnd');
      assert.deepEqual(mine.json.total.outstanding, hnd.outstanding);
      // 11.784.000 (L-000001 after the repayment) + 30.000.000 (the new loan) = 41.784.000.
      assert.equal(hnd.outstanding, 41_784_000);
      assert.equal((await w.call('GET', '/api/v1/loan-portfolio', { as: 'totruong' })).json.total.loans, 0);
      // After the month-end run of that day the same figures come from its snapshot (SQL sums kept
      // to the treasurer's books), not from a replay.
      await w.app.loans.monthEnd(w.ctx('admin'), { asOf: '2025-12-20' });
      for (const [user, before] of [
        ['thuquy-hnd', mine],
        ['kiemtoan', all],
      ] as const) {
        const after = await w.call('GET', '/api/v1/loan-portfolio?asOf=20/12/2025&by=organisation', {
          as: user,
        });
        assert.equal(after.json.source, 'snapshot');
        assert.equal(before.json.source, 'replay');
        assert.deepEqual(after.json.rows, before.json.rows, user);
        assert.deepEqual(after.json.total, before.json.total, user);
      }
    });

    test('a debt freeze and a write-off wait for a second person (maker-checker), then post', async () => {
      // L-000002: 8.000.000 đ of the Farmers Support Fund in the Women's Union's book, disbursed on
      // 10/03/2025, principal due at maturity: 8.000.000 đ outstanding on 15/12/2025.
      const ctx = (u: string) => ({ ...w.ctx(u), ip: '127.0.0.1', userAgent: 'test' });
      await w.app.operations.setRule(w.ctx('admin'), 'loans.freeze', 0);
      await w.app.operations.setRule(w.ctx('admin'), 'loans.write_off', 0);
      const before = await w.app.loans.state(w.ctx(), LOANS.other, '2025-12-15');
      assert.equal(before.outstanding, 8_000_000);
      const risk = {
        shockId: null,
        causeKind: 'fire',
        cause: 'Cháy nhà ngày 14/12/2025',
        lossDong: 80_000_000,
        approver: 'Chủ tịch Hội',
      };
      const freeze = await w.app.operations.submit(
        ctx('thuquy-pn'),
        'loans.freeze',
        { loan: LOANS.other, date: '2025-12-15', ...risk, documentNo: 'QĐ-KN-01', months: 12, renew: false },
        null,
      );
      assert.equal(freeze.outcome, 'proposed');
      const op = (freeze.body as { operation: { id: number; amountDong: number } }).operation;
      assert.equal(op.amountDong, 8_000_000, 'the rule weighs the principal at stake');
      assert.equal((await w.app.loans.state(w.ctx(), LOANS.other, '2025-12-20')).status, before.status);
      await assert.rejects(w.app.operations.approve(ctx('thuquy-pn'), op.id, null), 'never one’s own');
      const done = await w.app.operations.approve(ctx('lap-pn'), op.id, null);
      assert.equal(done.outcome, 'done');
      assert.equal((await w.app.loans.state(w.ctx(), LOANS.other, '2025-12-20')).status, 'frozen');

      const writeOff = await w.app.operations.submit(
        ctx('lap-pn'),
        'loans.write_off',
        {
          loan: LOANS.other,
          date: '2025-12-20',
          ...risk,
          documentNo: 'QĐ-XN-01',
          principal: 3_000_000,
          interest: false,
        },
        null,
      );
      assert.equal(writeOff.outcome, 'proposed');
      const wo = (writeOff.body as { operation: { id: number; amountDong: number } }).operation;
      assert.equal(wo.amountDong, 3_000_000);
      assert.equal((await w.app.loans.state(w.ctx(), LOANS.other, '2025-12-20')).outstanding, 8_000_000);
      await w.app.operations.approve(ctx('thuquy-pn'), wo.id, null);
      // 8.000.000 − 3.000.000 written off = 5.000.000 đ outstanding.
      const after = await w.app.loans.state(w.ctx(), LOANS.other, '2025-12-20');
      assert.equal(after.principalWrittenOff, 3_000_000);
      assert.equal(after.outstanding, 5_000_000);
      await w.app.operations.setRule(w.ctx('admin'), 'loans.freeze', null);
      await w.app.operations.setRule(w.ctx('admin'), 'loans.write_off', null);
    });
  });
}
