/**
 * `soquy risk …` in-process on SQLite, over the scenario commune: the list in Vietnamese and as
 * JSON, the why view naming journal entries, a threshold set from a date, a step recorded, and a
 * refused command that exits 1 and writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { ESCAPED, FIRE, seedRisk } from './fixture.ts';

const sqlite = ENGINES.find((e) => e.kind === 'sqlite')!;
const now = () => new Date('2025-12-20T03:00:00Z');

describe('soquy risk commands', { skip: sqlite.skip }, () => {
  let location: string;
  let done: () => Promise<void>;
  before(async () => {
    const f = await freshApp(sqlite);
    location = f.location;
    await seedRisk(f.app);
    await f.app.close();
    done = f.done;
  });
  after(() => done());

  async function soquy(...args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['--db', location, '--tenant', 'huong-son', '--actor', 'mttq-xa', ...args], {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
      env: {},
      cwd: process.cwd(),
      now,
    });
    return { code, out, err };
  }

  test('list, why, set, step', async () => {
    const list = await soquy('risk', 'list', '--as-of', '20/12/2025');
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /Cháy nhà 14\/12\/2025, thiệt hại ước 80\.000\.000 ₫; tiết kiệm 6\.000\.000 ₫/);
    assert.doesNotMatch(list.out, /Chưa có số liệu tiết kiệm/);
    const json = JSON.parse((await soquy('risk', 'list', '--as-of', '2025-12-20', '--json')).out);
    assert.deepEqual(
      json.rows.map((r: { householdId: string; score: number }) => [r.householdId, r.score]),
      [
        [FIRE, 120],
        [ESCAPED, 70],
        ['HH-004', 60],
        ['HH-106', 60],
      ],
    );
    assert.equal(
      json.rows[0].reasons[1].text.en,
      'House fire 14/12/2025, estimated loss 80,000,000 ₫; savings 6,000,000 ₫',
    );

    const why = await soquy('risk', 'why', ESCAPED, '--as-of', '20/12/2025');
    assert.equal(why.code, 0, why.err);
    assert.match(why.out, /loan R-202: vbsp-hnd#\d+/);

    const bad = await soquy('risk', 'set', 'score_min', '80', '--from', '01/12/2025');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /risk_setting_backdated/);
    assert.equal((await soquy('risk', 'set', 'score_min', '80', '--from', '01/01/2026')).code, 0);
    const after = JSON.parse((await soquy('risk', 'list', '--as-of', '2026-01-01', '--json')).out);
    assert.deepEqual(
      after.rows.map((r: { householdId: string }) => r.householdId),
      [FIRE],
    );

    const step = await soquy(
      'risk',
      'step',
      FIRE,
      'front_note',
      '--date',
      '20/12/2025',
      '--note',
      'Ban CTMT thôn Đức Khê vận động',
    );
    assert.equal(step.code, 0, step.err);
    assert.match(step.out, /RS-000001/);
    const steps = JSON.parse((await soquy('risk', 'steps', FIRE, '--json')).out);
    assert.deepEqual(
      steps.map((s: { kind: string; actor: string }) => [s.kind, s.actor]),
      [['front_note', 'mttq-xa']],
    );
    const trend = JSON.parse(
      (await soquy('risk', 'trend', '--as-of', '2025-12-20', '--months', '2', '--json')).out,
    );
    assert.deepEqual(
      trend.map((p: { date: string; listed: number }) => [p.date, p.listed]),
      [
        ['2025-11-30', 2],
        ['2025-12-20', 4],
      ],
    );
  });
});
