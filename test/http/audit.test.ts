/**
 * The audit log: one record per write and per sign-in, with who, when, what and from where;
 * nothing for reads; a gapless hash chain the database refuses to change; exports an auditor can
 * recompute; `soquy audit verify` finds a tampered record.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { runCli } from '../../src/cli/main.ts';
import { ENGINES } from '../helpers/engines.ts';
import { entryBody, freshWorld, OWN, TENANT, type World } from '../helpers/http.ts';

let n = 0;
const key = () => `audit-${++n}`;

interface Rec {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  detail: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
}

async function records(w: World): Promise<Rec[]> {
  return (await w.call('GET', '/api/v1/audit?limit=10000', { as: 'kiemtoan' })).json.records;
}

/** Canonical JSON with sorted keys, as the server stores `detail`. */
function stable(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
    .join(',')}}`;
}

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

async function cli(w: World, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['--db', w.location, '--tenant', TENANT, '--actor', 'may-chu', ...args], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      out += t;
    },
    env: {},
    cwd: process.cwd(),
  });
  return { code, out };
}

for (const engine of ENGINES) {
  describe(`audit log [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    before(async () => {
      w = await freshWorld(engine);
    });
    after(() => w.done());

    test('a write through the API is one record with who, when, what and from where; a read is none', async () => {
      const before = (await records(w)).length;
      await w.call('GET', '/api/v1/journal', { as: 'thuquy-hnd' });
      await w.call('GET', `/api/v1/books/${OWN.book}/balance?account=111`, { as: 'thuquy-hnd' });
      assert.equal((await records(w)).length, before, 'reads are not audited');
      const r = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: key(),
        body: entryBody(OWN.book, 4_000_000),
        ip: '192.168.1.23',
        headers: { 'user-agent': 'Mozilla/5.0 (Android 8; thu quy)' },
      });
      assert.equal(r.status, 201);
      const all = await records(w);
      assert.equal(all.length, before + 1);
      const rec = all.at(-1)!;
      assert.equal(rec.actor, 'thuquy-hnd');
      assert.equal(rec.action, 'ledger.post');
      assert.equal(rec.target, r.json.entries[0].ref);
      assert.equal(rec.outcome, 'ok');
      assert.equal(rec.ip, '192.168.1.23');
      assert.equal(rec.userAgent, 'Mozilla/5.0 (Android 8; thu quy)');
      assert.equal(rec.at, w.clock.now().toISOString());
    });

    test('sign-ins are audited, failed ones too, without the password', async () => {
      await w.call('POST', '/api/v1/session', {
        body: { username: 'kiemtoan', password: 'sai mật khẩu rồi' },
        ip: '10.0.0.7',
      });
      await w.signIn('kiemtoan', undefined, '10.0.0.7');
      const [failed, ok] = (await records(w)).slice(-2);
      assert.equal(failed!.action, 'session.sign_in');
      assert.equal(failed!.outcome, 'failed');
      assert.equal(failed!.detail['reason'], 'wrong_password');
      assert.equal(ok!.outcome, 'ok');
      assert.equal(ok!.ip, '10.0.0.7');
      const text = JSON.stringify(await records(w));
      assert.ok(!text.includes('sai mật khẩu rồi') && !text.includes('mật khẩu đủ dài'));
    });

    test('the chain is gapless and recomputes from the JSON export alone', async () => {
      const res = await w.http.request('/api/v1/audit/export?format=json', {
        headers: { authorization: `Bearer ${w.tokens.get('kiemtoan')}` },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-disposition') ?? '', /huong-son-audit\.json/);
      const exported = JSON.parse(await res.text()) as Rec[];
      let prev = sha(`soquy-audit-genesis/1\n${TENANT}`);
      exported.forEach((r, i) => {
        assert.equal(r.seq, i + 1);
        assert.equal(r.prevHash, prev);
        const canonical = JSON.stringify([
          'soquy-audit/1',
          TENANT,
          r.seq,
          r.at,
          r.actor,
          r.action,
          r.target,
          r.outcome,
          stable(r.detail),
          r.ip,
          r.userAgent,
        ]);
        prev = sha(`${prev}\n${canonical}`);
        assert.equal(r.hash, prev, `record #${r.seq}`);
      });
      const v = await w.call('GET', '/api/v1/audit/verify', { as: 'kiemtoan' });
      assert.equal(v.json.ok, true);
      assert.equal(v.json.headHash, prev);
      assert.equal(v.json.records, exported.length);
      const csv = await w.http.request('/api/v1/audit/export?format=csv', {
        headers: { authorization: `Bearer ${w.tokens.get('admin')}` },
      });
      const lines = (await csv.text()).trimEnd().split('\n');
      assert.equal(lines[0], 'seq,at,actor,action,target,outcome,detail,ip,user_agent,prev_hash,hash');
      assert.equal(lines.length, exported.length + 1);
    });

    test('the database refuses to change or delete a record, or to append out of turn', async () => {
      const db = w.app.store.db;
      await assert.rejects(
        sql`UPDATE audit_log SET actor = 'someone' WHERE seq = 1`.execute(db),
        /append-only/,
      );
      await assert.rejects(sql`DELETE FROM audit_log WHERE seq = 1`.execute(db), /append-only/);
      if (engine.kind === 'postgres')
        await assert.rejects(sql`TRUNCATE audit_log`.execute(db), /append-only/);
      await assert.rejects(
        sql`INSERT INTO audit_log (tenant_id, seq, at, actor, action, target, outcome, detail, ip, user_agent, prev_hash, hash)
            VALUES ('huong-son', 999, 'now', 'x', 'x', 'x', 'ok', '{}', NULL, NULL, 'x', 'x')`.execute(db),
        /gapless/,
      );
      await assert.rejects(
        sql`UPDATE audit_head SET head_seq = head_seq + 5`.execute(db),
        /one record at a time/,
      );
      await assert.rejects(sql`UPDATE idempotent_request SET body = '{}'`.execute(db), /append-only/);
    });

    test('soquy audit verify passes, then names the record an intruder rewrote', async () => {
      const ok = await cli(w, 'audit', 'verify');
      assert.equal(ok.code, 0, ok.out);
      assert.match(ok.out, /chuỗi băm khớp/);
      const users = await cli(w, 'user', 'list', '--json');
      assert.equal(users.code, 0);
      // Someone with the database file and the rights to drop triggers edits record #2.
      const db = w.app.store.db;
      if (engine.kind === 'sqlite') {
        await sql.raw('DROP TRIGGER audit_log_no_update').execute(db);
        await sql`UPDATE audit_log SET actor = 'ke-gian' WHERE seq = 2`.execute(db);
      } else {
        await sql.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only').execute(db);
        await sql`UPDATE audit_log SET actor = 'ke-gian' WHERE seq = 2`.execute(db);
        await sql.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only').execute(db);
      }
      const bad = await cli(w, '--lang', 'en', 'audit', 'verify');
      assert.equal(bad.code, 3);
      assert.match(bad.out, /FAILS at record #2 \(hash_mismatch\)/);
      const api = await w.call('GET', '/api/v1/audit/verify', { as: 'admin' });
      assert.equal(api.json.ok, false);
      assert.equal(api.json.firstBad.seq, 2);
    });
  });
}
