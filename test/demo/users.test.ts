/**
 * Demo users: a demo database has one user per role, their sign-ins shown on its sign-in page,
 * and each signs in with what the page shows; a real database has no demo marker and its
 * sign-in page shows no credentials. The demo here is the scale generator's small commune (200
 * households), loaded the same way as the full one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../src/app/demo/load.ts';
import { DEMO_USERS, demoSignIns } from '../../src/app/demo/marker.ts';
import { planCommune, scaledShape } from '../../src/app/demo/plan.ts';
import { RefusedError } from '../../src/domain/refusal.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';
import { freshWorld } from '../helpers/http.ts';

const SMALL = scaledShape(200);

async function signIn(
  http: { request: (p: string, i?: RequestInit) => Response | Promise<Response> },
  username: string,
  password: string,
) {
  const page = await http.request('/sign-in');
  const text = await page.text();
  const pre = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(text)![1]!;
  return http.request('/sign-in', {
    method: 'POST',
    body: `_csrf=${token}&username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
  });
}

describe('the scale generator', () => {
  test('the same seed gives the same commune; another seed another one', () => {
    const a = planCommune(7, SMALL);
    assert.deepEqual(planCommune(7, SMALL), a);
    assert.notDeepEqual(planCommune(8, SMALL).households[0], a.households[0]);
    assert.equal(a.households.length, SMALL.households);
    assert.equal(a.loans.filter((l) => l.book === 'quy-htnd').length, SMALL.farmers.fsfLoans);
  });
});

for (const engine of ENGINES) {
  describe(`demo users [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await loadDemo(app, { shape: SMALL });
    });
    after(() => done());

    test('one user per role, shown on the sign-in page; each signs in with what it shows', async () => {
      const users = await app.access.users({ tenant: 'huong-son', actor: 'test' });
      const roles = new Set(users.flatMap((u) => u.grants.map((g) => g.split(/[@:]/)[0])));
      for (const role of ['admin', 'treasurer', 'group_leader', 'auditor', 'viewer'])
        assert.ok(
          [...roles].some((r) => r?.startsWith(role)),
          `${role} in ${[...roles].join(', ')}`,
        );
      assert.equal((await demoSignIns(app.store, 'huong-son')).length, DEMO_USERS.length);
      const { http } = buildHttpApp(app, {});
      const page = await (await http.request('/sign-in')).text();
      assert.match(page, /Xã mẫu/);
      for (const u of DEMO_USERS) {
        assert.ok(page.includes(u.username) && page.includes(u.password), u.username);
        const r = await signIn(http, u.username, u.password);
        assert.equal(r.status, 303, `${u.username}: ${r.status}`);
      }
    });

    test('the demo loads into a new commune only', async () => {
      await assert.rejects(
        loadDemo(app, { shape: SMALL }),
        (e: unknown) => e instanceof RefusedError && e.refusals[0]!.code === 'demo_tenant_exists',
      );
    });
  });

  describe(`a real database [${engine.kind}]`, { skip: engine.skip }, () => {
    test('has no demo marker and its sign-in page shows no credentials', async () => {
      const w = await freshWorld(engine);
      try {
        assert.deepEqual(await demoSignIns(w.app.store, 'huong-son'), []);
        const page = await w.call('GET', '/sign-in');
        assert.equal(page.status, 200);
        assert.doesNotMatch(page.text, /Xã mẫu|demo-|Mật khẩu<\/th>/);
      } finally {
        await w.done();
      }
    });
  });
}
