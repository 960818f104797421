/**
 * The VBSP API in-process on every engine: a sheet recorded under an Idempotency-Key (a retry
 * answers the first reply and posts nothing), the hand-over, a statement imported as base64 and
 * reconciled, and a bad statement refused row by row (422) with nothing written; every write in
 * the audit log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, type World } from '../helpers/http.ts';
import { snapshot } from '../helpers/snapshot.ts';
import { csv, HEADER } from './fixture.ts';
import { statementBase64, vbspGroup } from './http-world.ts';

for (const engine of ENGINES) {
  describe(`VBSP API [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    before(async () => {
      w = await freshWorld(engine);
    });
    after(() => w.done());

    test('a sheet, its retry, the hand-over and a reconciliation through the API', async () => {
      const g = await vbspGroup(w, 'hnd');
      const sheet = await w.call('GET', `/api/v1/vbsp/sheets/${g.group}/2025-02?date=2025-02-15`, {
        as: 'thuquy-hnd',
      });
      assert.equal(sheet.status, 200, sheet.text);
      assert.equal(sheet.json.lines[0].interestDue, 280_274);
      const body = { date: '15/02/2025', lines: [{ loan: g.loan, interest: 280_274, savings: 20_000 }] };
      const first = await w.call('POST', `/api/v1/vbsp/sheets/${g.group}/2025-02`, {
        as: 'thuquy-hnd',
        body,
        key: 'tk-02',
      });
      assert.equal(first.status, 201, first.text);
      const before = await snapshot(w.app.store);
      const retry = await w.call('POST', `/api/v1/vbsp/sheets/${g.group}/2025-02`, {
        as: 'thuquy-hnd',
        body,
        key: 'tk-02',
      });
      assert.equal(retry.status, 201, retry.text);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(retry.json, first.json);
      assert.equal(await snapshot(w.app.store), before);
      // Without the key, the same sheet again is refused: one sheet per group and month.
      const again = await w.call('POST', `/api/v1/vbsp/sheets/${g.group}/2025-02`, {
        as: 'thuquy-hnd',
        body,
        key: 'tk-02b',
      });
      assert.equal(again.status, 422);
      assert.equal(again.json.error.refusals[0].code, 'vbsp_sheet_exists');
      // 280,274 + 20,000 = 300,274 expected; 300,000 handed over: 274 short.
      const h = await w.call('POST', `/api/v1/vbsp/sheets/${g.group}/2025-02/handover`, {
        as: 'thuquy-hnd',
        body: { date: '2025-02-15', counted: 300_000 },
        key: 'nop-02',
      });
      assert.equal(h.status, 201, h.text);
      assert.equal(h.json.handover.difference_dong, -274);
      const imp = await w.call('POST', '/api/v1/vbsp/statements', {
        as: 'thuquy-hnd',
        body: {
          book: g.book,
          asOf: '2025-02-28',
          fileName: 'sao-ke.csv',
          contentBase64: statementBase64(g, 49_000_000),
        },
      });
      assert.equal(imp.status, 201, imp.text);
      const rec = await w.call('GET', `/api/v1/vbsp/statements/${imp.json.statement}/reconciliation`, {
        as: 'xem-hnd',
      });
      assert.deepEqual(
        rec.json.differences.map((d: { kind: string; bank: number; soquy: number }) => [
          d.kind,
          d.bank,
          d.soquy,
        ]),
        [['outstanding', 49_000_000, 50_000_000]],
      );
      const audit = await w.call('GET', '/api/v1/audit?limit=50', { as: 'admin' });
      const actions = audit.json.records.map((e: { action: string }) => e.action);
      for (const a of ['vbsp.sheet.record', 'vbsp.handover', 'vbsp.statement.import'])
        assert.ok(actions.includes(a), a);
    });

    test('a bad statement: 422, every bad row named, nothing written', async () => {
      const g = await vbspGroup(w, 'hnd');
      const before = await snapshot(w.app.store);
      const file = csv([
        HEADER,
        [1, g.agreementNo, 'A', 'Hộ nghèo', '1,5', 0, 0, 0],
        [2, 'KU-khong-co', 'B', 'Hộ nghèo', 1, 0, 0, 0],
      ]);
      const r = await w.call('POST', '/api/v1/vbsp/statements', {
        as: 'thuquy-hnd',
        body: { book: g.book, asOf: '2025-02-28', fileName: 'x.csv', contentBase64: file.toString('base64') },
      });
      assert.equal(r.status, 422, r.text);
      assert.deepEqual(
        r.json.error.refusals.map((x: { row: number; code: string }) => [x.row, x.code]),
        [
          [2, 'vbsp_amount_invalid'],
          [3, 'vbsp_agreement_unknown'],
        ],
      );
      assert.equal(await snapshot(w.app.store), before);
    });
  });
}
