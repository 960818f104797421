/**
 * Hostile and clumsy requests: SQL injection in parameters, queries, bodies and names; script in
 * names and memos; oversized, malformed and mistyped bodies; replayed keys with another body;
 * expired and revoked sessions; forged requests without the CSRF token. Each gets a clear JSON
 * error naming what was wrong, and the database is byte for byte what it was before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { entryBody, freshWorld, OWN, PASSWORD, type Reply, type World } from '../helpers/http.ts';
import { snapshot } from '../helpers/snapshot.ts';

let n = 0;
const key = () => `safety-${++n}`;

/** Runs `fn` and asserts the database did not change. */
async function writesNothing<T>(w: World, fn: () => Promise<T>): Promise<T> {
  const before = await snapshot(w.app.store);
  const result = await fn();
  assert.equal(await snapshot(w.app.store), before, 'the database changed');
  return result;
}

function refusal(r: Reply, code: string): { field: string; value: unknown; message: string } {
  const found = r.json?.error?.refusals?.find((x: { code: string }) => x.code === code);
  assert.ok(found, `expected refusal ${code} in ${r.text.slice(0, 300)}`);
  return found;
}

function noLeak(r: Reply): void {
  assert.doesNotMatch(r.text, /\bat .+\.ts:\d+|node_modules|SELECT |INSERT |stack/i);
}

for (const engine of ENGINES) {
  describe(`safety of the API [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    before(async () => {
      w = await freshWorld(engine);
    });
    after(() => w.done());

    test('SQL injection in path parameters, queries and entry references is refused by shape, writing nothing', async () => {
      await writesNothing(w, async () => {
        const attempts = [
          `/api/v1/books/quy-htnd'%20OR%20'1'='1/balance?account=111`,
          `/api/v1/books/quy-htnd/balance?account=111'%20OR%201=1--`,
          `/api/v1/books/quy-htnd/balance?account=1311&party=HH-1'%3B%20DROP%20TABLE%20posting%3B--`,
          `/api/v1/journal?book=quy-htnd'%20OR%20'1'='1`,
          `/api/v1/entries/quy-htnd%231%20OR%201=1`,
          `/api/v1/journal?after=x'%3B--`,
        ];
        for (const path of attempts) {
          const r = await w.call('GET', path, { as: 'admin' });
          assert.equal(r.status, 422, `${path}: ${r.text}`);
          assert.equal(r.json.error.code, 'refused');
          assert.ok(r.json.error.refusals.length >= 1);
          noLeak(r);
        }
      });
    });

    test('SQL in a text search is only text: it matches nothing and changes nothing', async () => {
      await writesNothing(w, async () => {
        const r = await w.call(
          'GET',
          `/api/v1/journal?text=${encodeURIComponent("' OR 1=1; DROP TABLE journal_entry; --")}`,
          {
            as: 'admin',
          },
        );
        assert.equal(r.status, 200);
        assert.deepEqual(r.json.entries, []);
        const wildcard = await w.call('GET', `/api/v1/journal?text=${encodeURIComponent('%')}`, {
          as: 'admin',
        });
        assert.deepEqual(wildcard.json.entries, [], 'a % is a character, not a wildcard');
      });
    });

    test('SQL in names and memos is stored as the text it is; the tables stay', async () => {
      const memo = "Robert'); DROP TABLE journal_entry; --";
      const post = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: key(),
        body: entryBody(OWN.book, 10_000, memo),
      });
      assert.equal(post.status, 201, post.text);
      const entry = await w.call('GET', `/api/v1/entries/${encodeURIComponent(post.json.entries[0].ref)}`, {
        as: 'thuquy-hnd',
      });
      assert.equal(entry.json.entry.memo, memo);
      const org = await w.call('POST', '/api/v1/organisations', {
        as: 'admin',
        body: { id: 'ccb', kind: 'veterans', nameVi: "Hội CCB'; DELETE FROM organisation; --" },
      });
      assert.equal(org.status, 201, org.text);
      const orgs = await w.call('GET', '/api/v1/organisations', { as: 'admin' });
      assert.equal(orgs.json.organisations.length, 3);
      await writesNothing(w, async () => {
        const bad = await w.call('POST', '/api/v1/organisations', {
          as: 'admin',
          body: { id: "x'; DROP TABLE book; --", kind: 'x', nameVi: 'x' },
        });
        assert.equal(bad.status, 422);
        assert.equal(refusal(bad, 'format_invalid').field, 'id');
      });
    });

    test('SQL in a sign-in name fails like any wrong name; only the failed attempt is audited', async () => {
      const before = await snapshot(w.app.store, ['journal_entry', 'app_user', 'session', 'user_grant']);
      const r = await w.call('POST', '/api/v1/session', {
        body: { username: "admin' OR '1'='1' --", password: "' OR '1'='1" },
        ip: '10.9.9.9',
      });
      assert.equal(r.status, 401);
      refusal(r, 'credentials_invalid');
      assert.equal(
        await snapshot(w.app.store, ['journal_entry', 'app_user', 'session', 'user_grant']),
        before,
      );
      const audit = await w.call('GET', '/api/v1/audit?action=session.sign_in&limit=1000', {
        as: 'kiemtoan',
      });
      const last = audit.json.records.at(-1);
      assert.equal(last.outcome, 'failed');
      assert.equal(last.ip, '10.9.9.9');
    });

    test('script in names and memos comes back escaped in pages and as inert JSON', async () => {
      const script = '<script>alert("xss")</script>';
      const img = '<img src=x onerror=alert(1)>';
      assert.equal(
        (
          await w.call('POST', '/api/v1/organisations', {
            as: 'admin',
            body: { id: 'xss', kind: 'x', nameVi: script },
          })
        ).status,
        201,
      );
      const post = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: key(),
        body: entryBody(OWN.book, 20_000, img),
      });
      assert.equal(post.status, 201);
      const session = await w.signIn('admin');
      const page = await w.call('GET', '/', { as: session });
      assert.equal(page.status, 200);
      assert.ok(
        page.text.includes('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;'),
        'organisation name escaped',
      );
      assert.ok(page.text.includes('&lt;img src=x onerror=alert(1)&gt;'), 'memo escaped');
      assert.ok(!page.text.includes(script) && !page.text.includes(img));
      assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      const json = await w.call('GET', '/api/v1/organisations', { as: 'admin' });
      assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(json.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(json.json.organisations.some((o: { nameVi: string }) => o.nameVi === script));
    });

    test('an oversized body is refused before it is read (413), declared or streamed', async () => {
      const huge = JSON.stringify({ ...entryBody(OWN.book, 1), memo: 'x'.repeat(2_000_000) });
      await writesNothing(w, async () => {
        const r = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          key: key(),
          raw: huge,
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(r.status, 413);
        assert.equal(r.json.error.code, 'payload_too_large');
        assert.match(r.json.error.message, /1048576/);
        const chunked = await w.http.request('/api/v1/entries', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${w.tokens.get('thuquy-hnd')}`,
            'content-type': 'application/json',
            'idempotency-key': key(),
          },
          body: new ReadableStream({
            start(c) {
              for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
              c.close();
            },
          }),
          duplex: 'half',
        } as RequestInit);
        assert.equal(chunked.status, 413);
      });
    });

    test('malformed JSON is 400 with the parser’s complaint; a body that is not JSON is 415', async () => {
      await writesNothing(w, async () => {
        const r = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          key: key(),
          raw: '{"book": "quy-htnd",',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(r.status, 400);
        assert.equal(r.json.error.code, 'malformed_json');
        assert.equal(refusal(r, 'json_malformed').field, 'body');
        const text = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          key: key(),
          raw: '{}',
          headers: { 'content-type': 'text/plain' },
        });
        assert.equal(text.status, 415);
      });
    });

    test('wrong types are 422 naming field, value and rule, in Vietnamese by default and in English on request', async () => {
      await writesNothing(w, async () => {
        const body = {
          book: OWN.book,
          date: '31/02/2025',
          memo: 42,
          postings: [
            { account: '1311', party: 'HH-1', debit: '1,5' },
            { account: '111', credit: 'năm trăm' },
          ],
        };
        const vi = await w.call('POST', '/api/v1/entries', { as: 'thuquy-hnd', key: key(), body });
        assert.equal(vi.status, 422);
        const memo = refusal(vi, 'type_invalid');
        assert.equal(memo.field, 'memo');
        assert.equal(memo.value, 42);
        assert.match(memo.message, /^Diễn giải = "42": sai kiểu dữ liệu: cần string/);
        assert.match(vi.json.error.message, /^Không ghi/);

        const typed = { ...body, memo: 'Giải ngân' };
        const en = await w.call('POST', '/api/v1/entries?lang=en', {
          as: 'thuquy-hnd',
          key: key(),
          body: typed,
        });
        assert.equal(en.status, 422);
        assert.match(refusal(en, 'date_invalid').message, /^Date = "31\/02\/2025": a date must be written/);
        const amount = refusal(en, 'amount_not_whole_dong');
        assert.equal(amount.field, 'postings[0].debit');
        assert.equal(amount.value, '1,5');
        const header = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          key: key(),
          body: typed,
          headers: { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' },
        });
        assert.match(header.json.error.message, /^Refused: \d+ problems/);
      });
    });

    test('a money-moving POST without Idempotency-Key is 428; with a malformed one 422', async () => {
      await writesNothing(w, async () => {
        const r = await w.call('POST', '/api/v1/entries', { as: 'thuquy-hnd', body: entryBody(OWN.book, 5) });
        assert.equal(r.status, 428);
        assert.equal(r.json.error.code, 'idempotency_key_required');
        const bad = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          body: entryBody(OWN.book, 5),
          key: 'has a space',
        });
        assert.equal(bad.status, 422);
      });
    });

    test('a replayed key answers the first response and writes nothing; another body under it is 409', async () => {
      const k = key();
      const first = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        key: k,
        body: entryBody(OWN.book, 30_000),
      });
      assert.equal(first.status, 201);
      await writesNothing(w, async () => {
        const again = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          key: k,
          body: entryBody(OWN.book, 30_000),
        });
        assert.equal(again.status, 201);
        assert.equal(again.text, first.text);
        assert.equal(again.headers.get('idempotent-replayed'), 'true');
        const other = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          key: k,
          body: entryBody(OWN.book, 30_001),
        });
        assert.equal(other.status, 409);
        assert.equal(other.json.error.code, 'idempotency_key_reused');
        refusal(other, 'idempotency_key_reused');
        // The same key from another person is not theirs to replay.
        const stranger = await w.call('POST', '/api/v1/entries', {
          as: 'lap-hnd',
          key: k,
          body: entryBody(OWN.book, 30_000),
        });
        assert.equal(stranger.status, 409);
        const mismatch = await w.call('POST', '/api/v1/entries', {
          as: 'thuquy-hnd',
          key: key(),
          body: { ...entryBody(OWN.book, 30_000), idempotencyKey: 'something-else' },
        });
        assert.equal(mismatch.status, 422);
        refusal(mismatch, 'idempotency_key_mismatch');
      });
      // A set-up POST honours a key too.
      const org = { id: 'ttn', kind: 'youth', nameVi: 'Đoàn Thanh niên' };
      const k2 = key();
      const created = await w.call('POST', '/api/v1/organisations', { as: 'admin', key: k2, body: org });
      assert.equal(created.status, 201);
      await writesNothing(w, async () => {
        const replay = await w.call('POST', '/api/v1/organisations', { as: 'admin', key: k2, body: org });
        assert.equal(replay.status, 201);
        assert.equal(replay.text, created.text);
        const without = await w.call('POST', '/api/v1/organisations', { as: 'admin', body: org });
        assert.equal(without.status, 422);
        refusal(without, 'already_exists');
      });
    });

    test('an expired session is 401 and writes nothing; so is a revoked one and a revoked token', async () => {
      const s = await w.signIn('thuquy-hnd');
      assert.equal((await w.call('GET', '/api/v1/me', { as: s })).status, 200);
      w.clock.advance(8 * 60 + 1);
      await writesNothing(w, async () => {
        const r = await w.call('POST', '/api/v1/entries', {
          as: { cookie: s.cookie, csrf: s.csrf },
          key: key(),
          body: entryBody(OWN.book, 5),
        });
        assert.equal(r.status, 401);
        assert.equal(r.json.error.code, 'unauthenticated');
        assert.equal((await w.call('GET', '/api/v1/me', { as: s })).status, 401);
        const page = await w.call('GET', '/', { as: s });
        assert.equal(page.status, 303);
        assert.equal(page.headers.get('location'), '/sign-in');
      });
      const fresh = await w.signIn('thuquy-hnd');
      assert.equal((await w.call('DELETE', '/api/v1/session', { as: fresh })).status, 204);
      await writesNothing(w, async () => {
        assert.equal((await w.call('GET', '/api/v1/me', { as: fresh })).status, 401);
      });
      const token = await w.call('POST', '/api/v1/me/tokens', { as: 'kiemtoan', body: { name: 'script' } });
      const bearer = { authorization: `Bearer ${token.json.token.token}` };
      assert.equal((await w.call('GET', '/api/v1/me', { headers: bearer })).status, 200);
      assert.equal(
        (await w.call('DELETE', `/api/v1/me/tokens/${token.json.token.id}`, { as: 'kiemtoan' })).status,
        204,
      );
      assert.equal((await w.call('GET', '/api/v1/me', { headers: bearer })).status, 401);
      assert.equal(
        (
          await w.call('GET', '/api/v1/me', {
            headers: { authorization: 'Bearer sqt.huong-son.000000000000.xxx' },
          })
        ).status,
        401,
      );
    });

    test('a cookie session’s unsafe request without the CSRF token, or from another site, is 403', async () => {
      const s = await w.signIn('thuquy-hnd');
      await writesNothing(w, async () => {
        const missing = await w.call('POST', '/api/v1/entries', {
          as: { cookie: s.cookie },
          key: key(),
          body: entryBody(OWN.book, 5),
        });
        assert.equal(missing.status, 403);
        assert.equal(missing.json.error.code, 'csrf_token_invalid');
        const wrong = await w.call('POST', '/api/v1/entries', {
          as: { cookie: s.cookie, csrf: 'f'.repeat(64) },
          key: key(),
          body: entryBody(OWN.book, 5),
        });
        assert.equal(wrong.status, 403);
        const crossSite = await w.call('POST', '/api/v1/entries', {
          as: s,
          key: key(),
          body: entryBody(OWN.book, 5),
          headers: { origin: 'https://evil.example', host: 'localhost' },
        });
        assert.equal(crossSite.status, 403);
        const fetchMeta = await w.call('POST', '/api/v1/entries', {
          as: s,
          key: key(),
          body: entryBody(OWN.book, 5),
          headers: { 'sec-fetch-site': 'cross-site' },
        });
        assert.equal(fetchMeta.status, 403);
        const form = await w.call('POST', '/sign-out', {
          as: { cookie: s.cookie },
          raw: '_csrf=nope',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(form.status, 403);
      });
      const ok = await w.call('POST', '/api/v1/entries', {
        as: s,
        key: key(),
        body: entryBody(OWN.book, 5),
        headers: { origin: 'http://localhost', host: 'localhost' },
      });
      assert.equal(ok.status, 201, ok.text);
    });

    test('the sign-in form without its double-submit token is refused', async () => {
      const r = await w.call('POST', '/sign-in', {
        raw: `username=admin&password=${encodeURIComponent(PASSWORD)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(r.status, 403);
      assert.equal(r.headers.get('set-cookie')?.includes('soquy_session') ?? false, false);
    });

    test('sign-in is rate limited per username and per address, before the password is checked', async () => {
      for (let i = 0; i < 5; i++) {
        const r = await w.call('POST', '/api/v1/session', {
          body: { username: 'xem-hnd', password: `sai ${i}` },
          ip: '10.1.1.1',
        });
        assert.equal(r.status, 401);
      }
      const locked = await w.call('POST', '/api/v1/session', {
        body: { username: 'xem-hnd', password: PASSWORD },
        ip: '10.1.1.2',
      });
      assert.equal(locked.status, 429);
      assert.equal(locked.json.error.code, 'rate_limited');
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      refusal(locked, 'sign_in_locked');
      w.clock.advance(16);
      assert.equal(
        (
          await w.call('POST', '/api/v1/session', {
            body: { username: 'xem-hnd', password: PASSWORD },
            ip: '10.1.1.2',
          })
        ).status,
        200,
      );

      for (let i = 0; i < 30; i++)
        await w.call('POST', '/api/v1/session', {
          body: { username: `khong-co-${i}`, password: 'x' },
          ip: '10.2.2.2',
        });
      const fromThatAddress = await w.call('POST', '/api/v1/session', {
        body: { username: 'admin2', password: PASSWORD },
        ip: '10.2.2.2',
      });
      assert.equal(fromThatAddress.status, 429);
      assert.equal(
        (
          await w.call('POST', '/api/v1/session', {
            body: { username: 'admin2', password: PASSWORD },
            ip: '10.2.2.3',
          })
        ).status,
        200,
      );
    });

    test('a one-time password must be changed before anything else', async () => {
      const created = await w.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { username: 'moi', grants: [{ role: 'viewer' }] },
      });
      assert.equal(created.status, 201);
      const otp = created.json.oneTimePassword as string;
      assert.match(otp, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      const s = await w.signIn('moi', otp);
      assert.equal((await w.call('GET', '/api/v1/me', { as: s })).json.user.mustChangePassword, true);
      await writesNothing(w, async () => {
        const blocked = await w.call('GET', '/api/v1/books', { as: s });
        assert.equal(blocked.status, 403);
        assert.equal(blocked.json.error.code, 'password_change_required');
        const short = await w.call('POST', '/api/v1/me/password', {
          as: s,
          body: { current: otp, next: 'ngắn' },
        });
        assert.equal(short.status, 422);
        assert.match(refusal(short, 'password_too_short').message, /ít nhất 10 ký tự/);
        assert.ok(!short.text.includes('ngắn'), 'a password is never echoed back');
      });
      assert.equal(
        (
          await w.call('POST', '/api/v1/me/password', {
            as: s,
            body: { current: otp, next: 'một mật khẩu mới dài' },
          })
        ).status,
        204,
      );
      assert.equal((await w.call('GET', '/api/v1/books', { as: s })).status, 200);
    });

    test('an unexpected failure is a 500 with a request id and no detail', async () => {
      const original = w.app.ledger.books.bind(w.app.ledger);
      w.app.ledger.books = async () => {
        throw new Error('SELECT secret FROM somewhere at /srv/soquy/src/store/x.ts:12');
      };
      try {
        const r = await w.call('GET', '/api/v1/books', { as: 'admin' });
        assert.equal(r.status, 500);
        assert.equal(r.json.error.code, 'internal_error');
        assert.match(r.json.error.message, /Mã yêu cầu: [0-9a-f]{12}/);
        assert.equal(r.headers.get('x-request-id'), /([0-9a-f]{12})/.exec(r.json.error.message)![1]);
        assert.ok(!r.text.includes('secret') && !r.text.includes('x.ts'));
      } finally {
        w.app.ledger.books = original;
      }
    });

    test('every answer carries the security headers; unknown API paths are JSON 404', async () => {
      for (const [path, as] of [
        ['/api/v1/books', 'admin'],
        ['/api/v1/nothing-here', 'admin'],
        ['/sign-in', undefined],
        ['/api/v1/books', undefined],
      ] as const) {
        const r = await w.call('GET', path, { as });
        assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, path);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(r.headers.get('referrer-policy'), 'same-origin');
        assert.equal(r.headers.get('x-frame-options'), 'DENY');
      }
      const missing = await w.call('GET', '/api/v1/nothing-here', { as: 'admin' });
      assert.equal(missing.status, 404);
      assert.equal(missing.json.error.code, 'not_found');
    });
  });
}
