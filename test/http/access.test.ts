/**
 * People and access: the first admin, the `soquy user` commands, what is stored of passwords,
 * sessions and tokens (only hashes), the cookie's attributes, the sign-in page, grants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { runCli } from '../../src/cli/main.ts';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, PASSWORD, TENANT, type World } from '../helpers/http.ts';

async function cli(w: World, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['--db', w.location, '--tenant', TENANT, '--actor', 'van-thu', ...args], {
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
  describe(`people and access [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    before(async () => {
      w = await freshWorld(engine);
    });
    after(() => w.done());

    test('soquy user add/grant/revoke/list/token: a treasurer made on the command line can post with the token', async () => {
      const add = await cli(
        w,
        'user',
        'add',
        'ketoan-pn',
        '--name',
        'Kế toán Hội LHPN',
        '--role',
        'treasurer',
        '--scope',
        'organisation:hlhpn',
      );
      assert.equal(add.code, 0, add.out);
      const otp = /: ([a-z2-9]{4}(?:-[a-z2-9]{4}){3})/.exec(add.out)![1]!;
      const granted = await cli(
        w,
        'user',
        'grant',
        'ketoan-pn',
        '--role',
        'viewer',
        '--scope',
        'book:quy-htnd',
      );
      assert.equal(granted.code, 0, granted.out);
      assert.match(granted.out, /treasurer@organisation:hlhpn, viewer@book:quy-htnd/);
      const unknown = await cli(
        w,
        'user',
        'grant',
        'ketoan-pn',
        '--role',
        'treasurer',
        '--scope',
        'organisation:khong-co',
      );
      assert.equal(unknown.code, 1);
      assert.match(unknown.out, /scope_unknown/);
      const wrongScope = await cli(
        w,
        'user',
        'grant',
        'ketoan-pn',
        '--role',
        'auditor',
        '--scope',
        'book:quy-htnd',
      );
      assert.equal(wrongScope.code, 1);
      assert.match(wrongScope.out, /scope_not_for_role/);
      const revoked = await cli(
        w,
        'user',
        'revoke',
        'ketoan-pn',
        '--role',
        'viewer',
        '--scope',
        'book:quy-htnd',
      );
      assert.equal(revoked.code, 0, revoked.out);
      const list = JSON.parse((await cli(w, 'user', 'list', '--json')).out) as Array<{
        username: string;
        grants: string[];
        mustChangePassword: boolean;
      }>;
      const row = list.find((u) => u.username === 'ketoan-pn')!;
      assert.deepEqual(row.grants, ['treasurer@organisation:hlhpn']);
      assert.equal(row.mustChangePassword, true);

      const token = await cli(w, 'user', 'token', 'ketoan-pn', '--name', 'bảng tính', '--days', '30');
      assert.equal(token.code, 0, token.out);
      const bearer = /(sqt\.[^\s]+)/.exec(token.out)![1]!;
      // The one-time password still has to be changed, token or not.
      const blocked = await w.call('GET', '/api/v1/books', {
        headers: { authorization: `Bearer ${bearer}` },
      });
      assert.equal(blocked.status, 403);
      const s = await w.signIn('ketoan-pn', otp);
      assert.equal(
        (
          await w.call('POST', '/api/v1/me/password', {
            as: s,
            body: { current: otp, next: 'mật khẩu riêng của tôi' },
          })
        ).status,
        204,
      );
      const books = await w.call('GET', '/api/v1/books', { headers: { authorization: `Bearer ${bearer}` } });
      assert.deepEqual(
        books.json.books.map((b: { code: string }) => b.code),
        ['quy-pn'],
      );
      const audit = await cli(w, 'audit', 'list', '--json', '--limit', '10000');
      const actions = (JSON.parse(audit.out) as Array<{ action: string; actor: string; ip: string }>).filter(
        (r) => r.actor === 'van-thu',
      );
      assert.deepEqual(
        actions.map((r) => r.action),
        ['user.create', 'user.grant', 'user.revoke', 'token.create'],
      );
      assert.ok(actions.every((r) => r.ip === 'cli'));
    });

    test('only hashes of passwords, session secrets and tokens are stored', async () => {
      const s = await w.signIn('admin');
      const secret = decodeURIComponent(s.cookie.split('=')[1]!).split('.')[1]!;
      const created = await w.call('POST', '/api/v1/me/tokens', { as: 'admin', body: { name: 'kiểm tra' } });
      const tokenSecret = (created.json.token.token as string).split('.')[3]!;
      const dump = JSON.stringify([
        (await sql`SELECT * FROM app_user`.execute(w.app.store.db)).rows,
        (await sql`SELECT * FROM session`.execute(w.app.store.db)).rows,
        (await sql`SELECT * FROM api_token`.execute(w.app.store.db)).rows,
        (await sql`SELECT * FROM audit_log`.execute(w.app.store.db)).rows,
        (await sql`SELECT * FROM idempotent_request`.execute(w.app.store.db)).rows,
      ]);
      assert.ok(!dump.includes(secret), 'session secret stored');
      assert.ok(!dump.includes(tokenSecret), 'token secret stored');
      assert.ok(!dump.includes(PASSWORD), 'password stored');
      const hash = (
        await sql<{
          password_hash: string;
        }>`SELECT password_hash FROM app_user WHERE username = 'admin'`.execute(w.app.store.db)
      ).rows[0]!.password_hash;
      assert.match(hash, /^\$argon2id\$/);
    });

    test('the session cookie is HttpOnly, SameSite=Lax, Path=/, with an expiry; Secure over HTTPS', async () => {
      const r = await w.call('POST', '/api/v1/session', { body: { username: 'admin', password: PASSWORD } });
      const cookie = r.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^soquy_session=huong-son\./);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);
      assert.match(cookie, /Max-Age=28800/);
      assert.doesNotMatch(cookie, /Secure/);
      const https = await w.http.request('https://soquy.example/api/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      });
      assert.match(https.headers.get('set-cookie') ?? '', /Secure/);
    });

    test('the sign-in page signs in, lands on the home page, and signs out', async () => {
      const page = await w.call('GET', '/sign-in');
      assert.equal(page.status, 200);
      assert.match(page.text, /<html lang="vi">/);
      assert.match(page.text, /Đăng nhập/);
      const pre = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      const signIn = await w.call('POST', '/sign-in', {
        raw: `_csrf=${token}&username=thuquy-hnd&password=${encodeURIComponent(PASSWORD)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
      });
      assert.equal(signIn.status, 303, signIn.text);
      assert.equal(signIn.headers.get('location'), '/');
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const home = await w.call('GET', '/', { as: { cookie } });
      assert.equal(home.status, 200);
      assert.match(home.text, /Xin chào, thuquy-hnd/);
      assert.match(home.text, /quy-htnd/);
      assert.doesNotMatch(home.text, /quy-pn/, 'another organisation’s book is not listed');
      const csrf = /name="csrf-token" content="([0-9a-f]{64})"/.exec(home.text)![1]!;
      const english = await w.call('GET', '/?lang=en', { as: { cookie } });
      assert.match(english.text, /Hello, thuquy-hnd/);
      const out = await w.call('POST', '/sign-out', {
        raw: `_csrf=${csrf}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });
      assert.equal(out.status, 303);
      assert.equal((await w.call('GET', '/api/v1/me', { as: { cookie } })).status, 401);
      const wrong = await w.call('POST', '/sign-in', {
        raw: `_csrf=${token}&username=thuquy-hnd&password=sai`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
      });
      assert.equal(wrong.status, 401);
      assert.match(wrong.text, /tên đăng nhập hoặc mật khẩu không đúng/);
    });

    test('the first start gives a commune without an admin one, once', async () => {
      const other = 'xa-moi';
      await w.app.ledger.createTenant({ id: other, name: 'Xã mới' });
      const password = await w.app.access.bootstrapAdmin({ tenant: other, actor: 'soquy', ip: 'cli' });
      assert.ok(password && password.length >= 16);
      assert.equal(await w.app.access.bootstrapAdmin({ tenant: other, actor: 'soquy', ip: 'cli' }), null);
      const r = await w.call('POST', '/api/v1/session', {
        body: { tenant: other, username: 'admin', password },
      });
      assert.equal(r.status, 200);
      assert.equal(r.json.user.mustChangePassword, true);
      // Users of one commune are not users of another.
      const cross = await w.call('POST', '/api/v1/session', {
        body: { tenant: other, username: 'thuquy-hnd', password: PASSWORD },
      });
      assert.equal(cross.status, 401);
    });

    test('an admin cannot remove their own admin role; grants need an existing user', async () => {
      const own = await w.call('DELETE', '/api/v1/users/admin/grants?role=admin', { as: 'admin' });
      assert.equal(own.status, 422);
      assert.equal(own.json.error.refusals[0].code, 'cannot_revoke_own_admin');
      const nobody = await w.call('POST', '/api/v1/users/khong-ai/grants', {
        as: 'admin',
        body: { role: 'viewer' },
      });
      assert.equal(nobody.status, 404);
      const bad = await w.call('POST', '/api/v1/users', { as: 'admin', body: { username: 'Tên Có Dấu' } });
      assert.equal(bad.status, 422);
      assert.equal(bad.json.error.refusals[0].code, 'username_invalid');
    });
  });
}
