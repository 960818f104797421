/**
 * The at-risk pages and API through the HTTP app (SQLite): the printable list with its reasons,
 * counts and chart (CSP-clean), the CSV export, the why view linking journal entries, a step
 * recorded from its form (and one refused next to its field), a loan step refused to a treasurer
 * of another organisation, and a threshold set from the settings page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, type World } from '../helpers/http.ts';
import { FIRE, seedWebRisk as seed } from './web-fixture.ts';

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;

describe('households at risk on the web', { skip: sqlite.skip }, () => {
  let w: World;
  before(async () => {
    w = await freshWorld(sqlite);
    await seed(w);
  });
  after(() => w.done());

  async function post(user: string, path: string, form: Record<string, string>) {
    const s = await w.signIn(user);
    return w.call('POST', path, {
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      raw: new URLSearchParams({ _csrf: s.csrf, ...form }).toString(),
    });
  }

  async function get(user: string, path: string) {
    const s = await w.signIn(user);
    return w.call('GET', path, { headers: { cookie: s.cookie } });
  }

  test('the list: reasons in Vietnamese, counts, a chart with no inline style, CSV', async () => {
    const r = await get('thuquy-hnd', '/risk?asOf=20/12/2025');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.text, /Cháy nhà 14\/12\/2025, thiệt hại ước 80\.000\.000 ₫/);
    assert.match(r.text, /data-household="HH-201"/);
    assert.match(r.text, /<svg/);
    assert.doesNotMatch(r.text, /style="/);
    // The savings area answers: no savings in any group book for this household (0 ₫).
    assert.doesNotMatch(r.text, /Chưa có số liệu tiết kiệm/);
    assert.match(r.text, /tiết kiệm 0 ₫/);
    const csv = await get('thuquy-hnd', '/risk?asOf=20/12/2025&format=csv');
    assert.equal(csv.status, 200);
    assert.match(csv.text, /HH-201,Đức Khê,Vương Đình Soạn,\d+/);
    const en = await get('kiemtoan', '/risk?asOf=20/12/2025&lang=en');
    assert.match(en.text, /House fire 14\/12\/2025, estimated loss 80,000,000 ₫/);
    assert.equal((await get('xem-hnd', '/risk')).status, 403);
  });

  test('why: figures with their journal entries; the step forms offered', async () => {
    const r = await get('thuquy-hnd', `/risk/households/${FIRE}?asOf=20/12/2025`);
    assert.equal(r.status, 200);
    assert.match(r.text, /href="\/entries\/vbsp-hnd\/\d+"/);
    assert.match(r.text, /data-step-form="emergency_aid"/);
    assert.match(r.text, /data-step-form="loan_extension"/);
    // The auditor reads it but gets no form.
    const a = await get('kiemtoan', `/risk/households/${FIRE}?asOf=20/12/2025`);
    assert.equal(a.status, 200);
    assert.doesNotMatch(a.text, /data-step-form/);
  });

  test('a step from its form: refused next to its field, then recorded and shown on the list', async () => {
    const bad = await post('thuquy-hnd', `/risk/households/${FIRE}/steps`, {
      kind: 'emergency_aid',
      date: '20/12/2025',
      book: 'vi-nguoi-ngheo',
      amount: '0',
      asOf: '2025-12-20',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.text, /số tiền hỗ trợ phải lớn hơn 0/);
    const good = await post('thuquy-hnd', `/risk/households/${FIRE}/steps`, {
      kind: 'emergency_aid',
      date: '20/12/2025',
      book: 'vi-nguoi-ngheo',
      amount: '5.000.000',
      note: 'Mặt trận xã hỗ trợ khẩn cấp',
      asOf: '2025-12-20',
    });
    assert.equal(good.status, 303, good.text.slice(0, 300));
    const list = await get('admin', '/risk?asOf=20/12/2025');
    assert.match(list.text, /data-step="emergency_aid"/);
    assert.match(list.text, /Hỗ trợ khẩn cấp từ quỹ 20\/12\/2025/);
    // A treasurer of another organisation may not ask for a freeze of this loan (its book is hnd's).
    const other = await post('thuquy-pn', `/risk/households/${FIRE}/steps`, {
      kind: 'loan_freeze',
      loan: 'R-201',
      months: '12',
      lossDong: '80.000.000',
      approver: 'Giám đốc PGD',
      documentNo: 'KN-1',
      date: '20/12/2025',
    });
    assert.equal(other.status, 403);
  });

  test('the API: list and a threshold set from a date', async () => {
    const r = await w.call('GET', '/api/v1/risk/list?asOf=2025-12-20', { as: 'kiemtoan' });
    assert.equal(r.status, 200);
    assert.deepEqual(
      r.json.rows.map((x: { householdId: string }) => x.householdId),
      [FIRE],
    );
    const set = await post('admin', '/risk/settings', {
      key: 'score_min',
      value: '150',
      effectiveFrom: '01/01/2026',
    });
    assert.equal(set.status, 200, set.text.slice(0, 300));
    const after = await w.call('GET', '/api/v1/risk/list?asOf=2026-01-01', { as: 'kiemtoan' });
    assert.deepEqual(after.json.rows, []);
    const before = await w.call('GET', '/api/v1/risk/list?asOf=2025-12-31', { as: 'kiemtoan' });
    assert.equal(before.json.rows.length, 1);
    // A step through the API under an Idempotency-Key: the same key answers the same step.
    const body = { kind: 'front_note', date: '2025-12-20', note: 'Ban CTMT thôn Đức Khê thăm hỏi' };
    const one = await w.call('POST', `/api/v1/risk/households/${FIRE}/steps`, {
      as: 'thuquy-hnd',
      body,
      key: 'note-1',
    });
    assert.equal(one.status, 201, one.text);
    const two = await w.call('POST', `/api/v1/risk/households/${FIRE}/steps`, {
      as: 'thuquy-hnd',
      body,
      key: 'note-1',
    });
    assert.equal(two.json.id, one.json.id);
    const steps = await w.call('GET', `/api/v1/risk/households/${FIRE}/steps`, { as: 'kiemtoan' });
    assert.equal(steps.json.filter((x: { kind: string }) => x.kind === 'front_note').length, 1);
    const settings = await get('admin', '/risk/settings?asOf=01/01/2026');
    assert.match(settings.text, /data-setting="score_min"/);
  });
});
