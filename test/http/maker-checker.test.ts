/**
 * Maker-checker through the API: above the commune's threshold a post (or any reversal, when the
 * rule says so) is only proposed; nothing reaches the journal until another person with write
 * access approves it; the proposer cannot approve; both names stay on the entry and in the audit
 * log; a decision is final.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ENGINES } from '../helpers/engines.ts';
import { entryBody, freshWorld, OTHER, OWN, type World } from '../helpers/http.ts';
import { snapshot } from '../helpers/snapshot.ts';

let n = 0;
const key = () => `mc-${++n}`;

async function cash(w: World, book = OWN.book): Promise<number> {
  return (await w.call('GET', `/api/v1/books/${book}/balance?account=111`, { as: 'admin' })).json.balance;
}

for (const engine of ENGINES) {
  describe(`maker-checker [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    before(async () => {
      w = await freshWorld(engine);
      const rule = await w.call('PUT', '/api/v1/approval-rules/ledger.post', {
        as: 'admin',
        body: { thresholdDong: 50_000_000 },
      });
      assert.equal(rule.status, 200, rule.text);
    });
    after(() => w.done());

    test('a disbursement of 80.000.000 above the 50.000.000 threshold is proposed, not posted', async () => {
      const before = await snapshot(w.app.store, [
        'journal_entry',
        'posting',
        'account_balance',
        'party_balance',
      ]);
      const k = key();
      const r = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: k,
        body: entryBody(OWN.book, 80_000_000, 'Giải ngân hộ HH-001'),
      });
      assert.equal(r.status, 202, r.text);
      const op = r.json.operation;
      assert.equal(op.status, 'proposed');
      assert.equal(op.kind, 'ledger.post');
      assert.equal(op.amountDong, 80_000_000);
      assert.deepEqual(op.books, [OWN.book]);
      assert.equal(op.proposedBy, 'thuquy-hnd');
      assert.equal(
        await snapshot(w.app.store, ['journal_entry', 'posting', 'account_balance', 'party_balance']),
        before,
        'nothing posted',
      );
      // 500.000.000 capital, nothing out yet.
      assert.equal(await cash(w), 500_000_000);

      const replay = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: k,
        body: entryBody(OWN.book, 80_000_000, 'Giải ngân hộ HH-001'),
      });
      assert.equal(replay.status, 202);
      assert.equal(replay.text, r.text);

      const self = await w.call('POST', `/api/v1/approvals/${op.id}/approve`, {
        as: 'thuquy-hnd',
        key: key(),
      });
      assert.equal(self.status, 403);
      assert.equal(self.json.error.code, 'approver_is_proposer');
      assert.equal(
        (await w.call('POST', `/api/v1/approvals/${op.id}/approve`, { as: 'kiemtoan', key: key() })).status,
        403,
      );
      assert.equal(
        (await w.call('POST', `/api/v1/approvals/${op.id}/approve`, { as: 'thuquy-pn', key: key() })).status,
        404,
      );
      assert.equal((await w.call('GET', `/api/v1/approvals/${op.id}`, { as: 'thuquy-pn' })).status, 404);
      assert.equal(await cash(w), 500_000_000);

      const approveKey = key();
      const approved = await w.call('POST', `/api/v1/approvals/${op.id}/approve`, {
        as: 'lap-hnd',
        key: approveKey,
      });
      assert.equal(approved.status, 200, approved.text);
      assert.equal(approved.json.operation.status, 'approved');
      assert.equal(approved.json.operation.proposedBy, 'thuquy-hnd');
      assert.equal(approved.json.operation.decidedBy, 'lap-hnd');
      const ref = approved.json.result.entries[0].ref as string;
      const entry = (await w.call('GET', `/api/v1/entries/${encodeURIComponent(ref)}`, { as: 'admin' })).json
        .entry;
      assert.equal(entry.actor, 'thuquy-hnd/lap-hnd', 'both names on the entry');
      assert.equal(entry.idempotencyKey, k, 'the proposal’s key');
      assert.equal(entry.memo, 'Giải ngân hộ HH-001');
      // 500.000.000 − 80.000.000 = 420.000.000 in the cash box.
      assert.equal(await cash(w), 420_000_000);

      const again = await snapshot(w.app.store);
      const replayApprove = await w.call('POST', `/api/v1/approvals/${op.id}/approve`, {
        as: 'lap-hnd',
        key: approveKey,
      });
      assert.equal(replayApprove.status, 200);
      assert.equal(replayApprove.text, approved.text);
      const twice = await w.call('POST', `/api/v1/approvals/${op.id}/approve`, { as: 'admin', key: key() });
      assert.equal(twice.status, 409);
      assert.equal(twice.json.error.code, 'operation_already_decided');
      assert.equal(await snapshot(w.app.store), again);

      const audit = (await w.call('GET', '/api/v1/audit?limit=10000', { as: 'kiemtoan' })).json
        .records as Array<{
        action: string;
        actor: string;
        target: string;
        detail: Record<string, unknown>;
      }>;
      const propose = audit.find((a) => a.action === 'approval.propose' && a.target === `operation:${op.id}`);
      const approve = audit.find((a) => a.action === 'approval.approve' && a.target === `operation:${op.id}`);
      const posted = audit.find((a) => a.action === 'ledger.post' && a.detail['operation'] === op.id);
      assert.equal(propose?.actor, 'thuquy-hnd');
      assert.equal(approve?.actor, 'lap-hnd');
      assert.equal(posted?.detail['proposedBy'], 'thuquy-hnd');
      assert.equal(posted?.target, ref);
    });

    test('below the threshold a post goes straight to the journal; a batch counts its largest entry', async () => {
      const r = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: key(),
        body: entryBody(OWN.book, 50_000_000),
      });
      assert.equal(r.status, 201, 'exactly at the threshold is not above it');
      const batch = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: key(),
        body: {
          entries: [entryBody(OWN.book, 30_000_000), entryBody(OWN.book, 30_000_000, 'Giải ngân', 'HH-002')],
        },
      });
      assert.equal(batch.status, 201, '2 × 30.000.000 is two small entries, not one large one');
      assert.equal(batch.json.entries.length, 2);
    });

    test('a rejected operation never posts, keeps its note, and cannot be approved afterwards', async () => {
      const before = await snapshot(w.app.store, [
        'journal_entry',
        'posting',
        'account_balance',
        'party_balance',
      ]);
      const p = await w.call('POST', '/api/v1/entries', {
        as: 'lap-hnd',
        key: key(),
        body: entryBody(OWN.book, 90_000_000),
      });
      assert.equal(p.status, 202);
      const id = p.json.operation.id;
      const rejected = await w.call('POST', `/api/v1/approvals/${id}/reject`, {
        as: 'thuquy-hnd',
        key: key(),
        body: { note: 'Thiếu biên bản bình xét' },
      });
      assert.equal(rejected.status, 200);
      assert.equal(rejected.json.operation.status, 'rejected');
      assert.equal(rejected.json.operation.note, 'Thiếu biên bản bình xét');
      const late = await w.call('POST', `/api/v1/approvals/${id}/approve`, { as: 'admin', key: key() });
      assert.equal(late.status, 409);
      assert.equal(
        await snapshot(w.app.store, ['journal_entry', 'posting', 'account_balance', 'party_balance']),
        before,
      );
      const pending = await w.call('GET', '/api/v1/approvals?status=proposed', { as: 'admin' });
      assert.ok(!pending.json.operations.some((o: { id: number }) => o.id === id));
      const decided = await w.call('GET', '/api/v1/approvals?status=rejected', { as: 'admin' });
      assert.ok(decided.json.operations.some((o: { id: number }) => o.id === id));
    });

    test('reversals can be put under approval too; the approved reversal names what it reverses', async () => {
      assert.equal(
        (
          await w.call('PUT', '/api/v1/approval-rules/ledger.reverse', {
            as: 'admin',
            body: { thresholdDong: 0 },
          })
        ).status,
        200,
      );
      const posted = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-pn',
        key: key(),
        body: entryBody(OTHER.book, 2_000_000),
      });
      assert.equal(posted.status, 201);
      const ref = posted.json.entries[0].ref as string;
      const proposed = await w.call('POST', `/api/v1/entries/${encodeURIComponent(ref)}/reverse`, {
        as: 'thuquy-pn',
        key: key(),
        body: { date: '2025-03-05', memo: 'Nhập nhầm số tiền' },
      });
      assert.equal(proposed.status, 202, proposed.text);
      assert.equal(proposed.json.operation.kind, 'ledger.reverse');
      assert.equal(proposed.json.operation.amountDong, 2_000_000);
      const approved = await w.call('POST', `/api/v1/approvals/${proposed.json.operation.id}/approve`, {
        as: 'lap-pn',
        key: key(),
      });
      assert.equal(approved.status, 200, approved.text);
      const reversal = (
        await w.call('GET', `/api/v1/entries/${encodeURIComponent(approved.json.result.entries[0].ref)}`, {
          as: 'lap-pn',
        })
      ).json.entry;
      assert.equal(reversal.kind, 'reversal');
      assert.equal(reversal.reversesSeq, Number(ref.split('#')[1]));
      assert.equal(reversal.date, '2025-03-05');
      assert.equal(reversal.actor, 'thuquy-pn/lap-pn');
      assert.equal(
        (
          await w.call('PUT', '/api/v1/approval-rules/ledger.reverse', {
            as: 'admin',
            body: { thresholdDong: null },
          })
        ).status,
        200,
      );
    });

    test('an approval that can no longer post (the period was closed meanwhile) is refused and stays open', async () => {
      const p = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-pn',
        key: key(),
        body: entryBody(OTHER.book, 70_000_000),
      });
      assert.equal(p.status, 202);
      assert.equal(
        (
          await w.call('POST', `/api/v1/books/${OTHER.book}/close-period`, {
            as: 'lap-pn',
            body: { through: '2025-06-30' },
          })
        ).status,
        200,
      );
      const before = await snapshot(w.app.store);
      const r = await w.call('POST', `/api/v1/approvals/${p.json.operation.id}/approve`, {
        as: 'lap-pn',
        key: key(),
      });
      assert.equal(r.status, 422);
      assert.equal(r.json.error.refusals[0].code, 'period_closed');
      assert.equal(await snapshot(w.app.store), before);
      assert.equal(
        (await w.call('GET', `/api/v1/approvals/${p.json.operation.id}`, { as: 'lap-pn' })).json.operation
          .status,
        'proposed',
      );
    });

    test('a proposal that could not post is refused when proposed, writing nothing', async () => {
      const before = await snapshot(w.app.store);
      const body = {
        ...entryBody(OWN.book, 60_000_000),
        postings: [
          { account: '9999', debit: 60_000_000 },
          { account: '111', credit: 60_000_000 },
        ],
      };
      const r = await w.call('POST', '/api/v1/entries', { as: 'thuquy-hnd', key: key(), body });
      assert.equal(r.status, 422);
      assert.equal(r.json.error.refusals[0].code, 'account_unknown');
      assert.equal(await snapshot(w.app.store), before);
    });

    test('the database itself keeps the proposer from deciding and the history from changing', async () => {
      const p = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: key(),
        body: entryBody(OWN.book, 75_000_000),
      });
      const id = p.json.operation.id as number;
      const db = w.app.store.db;
      await assert.rejects(
        sql`INSERT INTO pending_operation (tenant_id, id, step, status, kind, actor, at, payload, amount_dong, books, summary)
            VALUES ('huong-son', ${id}, 2, 'approved', 'ledger.post', 'thuquy-hnd', 'now', '', 0, '[]', '')`.execute(
          db,
        ),
        /proposer cannot decide/,
      );
      await assert.rejects(
        sql`INSERT INTO pending_operation (tenant_id, id, step, status, kind, actor, at, payload, amount_dong, books, summary)
            VALUES ('huong-son', 99999, 2, 'approved', 'ledger.post', 'x', 'now', '', 0, '[]', '')`.execute(
          db,
        ),
        /decision needs a proposal/,
      );
      await assert.rejects(
        sql`/* test */ UPDATE pending_operation SET amount_dong = 1 WHERE id = ${id}`.execute(db),
        /append-only/,
      );
      await assert.rejects(
        sql`/* test */ DELETE FROM pending_operation WHERE id = ${id}`.execute(db),
        /append-only/,
      );
    });

    test('rules: only known kinds; null turns approval off', async () => {
      const bad = await w.call('PUT', '/api/v1/approval-rules/loans.teleport', {
        as: 'admin',
        body: { thresholdDong: 1 },
      });
      assert.equal(bad.status, 422);
      const rules = await w.call('GET', '/api/v1/approval-rules', { as: 'thuquy-hnd' });
      assert.deepEqual(
        rules.json.kinds.map((k: { kind: string }) => k.kind),
        [
          'ledger.post',
          'ledger.reverse',
          'funds.aid',
          'funds.transfer',
          'loans.approve',
          'loans.disburse',
          'loans.repay',
          'loans.extend',
          'loans.freeze',
          'loans.write_off',
        ],
      );
      assert.equal(
        rules.json.rules.find((r: { kind: string }) => r.kind === 'ledger.post').thresholdDong,
        50_000_000,
      );
      assert.equal(
        (
          await w.call('PUT', '/api/v1/approval-rules/ledger.post', {
            as: 'admin',
            body: { thresholdDong: null },
          })
        ).status,
        200,
      );
      const direct = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: key(),
        body: entryBody(OWN.book, 90_000_000),
      });
      assert.equal(direct.status, 201);
    });
  });
}
