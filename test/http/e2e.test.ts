/**
 * End to end on a real port: `soquy serve --port 0` as a separate process (first admin, one-time
 * password, sign-in, posting, pages, clean stop), `soquy start` on an empty database, and the
 * in-process server under concurrent requests on every engine.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../src/cli/main.ts';
import { listen } from '../../src/http/server.ts';
import { ENGINES } from '../helpers/engines.ts';
import { entryBody, freshWorld, OWN, type World } from '../helpers/http.ts';

const BIN = join(import.meta.dirname, '../../bin/soquy.js');

interface Spawned {
  readonly child: ChildProcess;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Starts `soquy <args>` and waits until it prints the address to open. */
function spawnSoquy(args: string[], env: Record<string, string>): Promise<Spawned> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`soquy did not start in time:\n${out}\n${err}`)), 20_000);
    const check = () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({
        child,
        url: `http://127.0.0.1:${m[1]}`,
        stdout: () => out,
        stderr: () => err,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!/http:\/\/localhost:/.test(out))
        reject(new Error(`soquy exited (${code}) before listening:\n${out}\n${err}`));
    });
  });
}

async function silentCli(args: string[]): Promise<number> {
  return runCli(args, { out: () => {}, err: () => {}, env: {}, cwd: process.cwd() });
}

describe('soquy serve as a process', () => {
  let dir: string;
  let server: Spawned | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'soquy-e2e-'));
    const db = join(dir, 'soquy.db');
    assert.equal(await silentCli(['--db', db, '--tenant', 'huong-son', 'init', '--name', 'Xã Hương Sơn']), 0);
    server = await spawnSoquy(['serve', '--port', '0'], { SOQUY_DB: db });
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the first admin signs in with the printed one-time password, changes it, and posts an entry', async () => {
    const s = server!;
    assert.match(s.stdout(), /soquy đang chạy\. Mở http:\/\/localhost:\d+/);
    const otp = /\n\s+([a-z2-9]{4}(?:-[a-z2-9]{4}){3})\n/.exec(s.stdout())?.[1];
    assert.ok(otp, `no one-time password in:\n${s.stdout()}`);

    const health = await fetch(`${s.url}/api/v1/health`);
    assert.equal(health.status, 200);
    assert.equal(health.headers.get('x-content-type-options'), 'nosniff');

    const signIn = await fetch(`${s.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: otp }),
    });
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken, user } = (await signIn.json()) as {
      csrfToken: string;
      user: { mustChangePassword: boolean };
    };
    assert.equal(user.mustChangePassword, true);
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const blocked = await fetch(`${s.url}/api/v1/books`, { headers });
    assert.equal(blocked.status, 403);
    const changed = await fetch(`${s.url}/api/v1/me/password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ current: otp, next: 'một câu mật khẩu dài của xã' }),
    });
    assert.equal(changed.status, 204);

    const post = async (path: string, body: unknown, key?: string) =>
      fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
    assert.equal(
      (await post('/api/v1/organisations', { id: 'hnd', kind: 'farmers', nameVi: 'Hội Nông dân' })).status,
      201,
    );
    assert.equal(
      (
        await post('/api/v1/books', {
          code: 'quy-htnd',
          template: 'farmers-support-fund',
          organisation: 'hnd',
        })
      ).status,
      201,
    );
    const capital = {
      book: 'quy-htnd',
      date: '02/01/2025',
      kind: 'capital',
      memo: 'Huyện cấp vốn',
      postings: [
        { account: '111', debit: '100.000.000' },
        { account: '4113', credit: '100.000.000' },
      ],
    };
    const first = await post('/api/v1/entries', capital, 'e2e-capital');
    assert.equal(first.status, 201);
    const again = await post('/api/v1/entries', capital, 'e2e-capital');
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const balance = await fetch(`${s.url}/api/v1/books/quy-htnd/balance?account=111`, { headers });
    assert.equal(((await balance.json()) as { balance: number }).balance, 100_000_000);

    const page = await fetch(`${s.url}/`, { headers: { cookie } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Huyện cấp vốn/);
    assert.match(html, /100\.000\.000 ₫/);
    const doc = await fetch(`${s.url}/api/openapi.json`);
    assert.equal(((await doc.json()) as { openapi: string }).openapi, '3.1.0');
  });

  test('SIGTERM stops it cleanly', async () => {
    const code = await server!.stop();
    assert.equal(code, 0, server!.stderr());
    assert.match(server!.stderr(), /Đang dừng/);
  });
});

describe('soquy start on an empty database', () => {
  test('with SOQUY_NO_DEMO=1, says how to create a commune and still serves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soquy-start-'));
    const s = await spawnSoquy(['start', '--port', '0'], {
      SOQUY_DB: join(dir, 'soquy.db'),
      SOQUY_NO_DEMO: '1',
    });
    try {
      assert.match(s.stdout(), /soquy init --tenant/);
      assert.equal((await fetch(`${s.url}/sign-in`)).status, 200);
    } finally {
      assert.equal(await s.stop(), 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const engine of ENGINES) {
  describe(`concurrent requests on a real port [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    let url: string;
    let close: () => Promise<void>;
    before(async () => {
      w = await freshWorld(engine);
      const l = await listen(w.http, { port: 0, host: '127.0.0.1' });
      url = l.url;
      close = l.close;
    });
    after(async () => {
      await close();
      await w.done();
    });

    const postEntry = (key: string, amount: number) =>
      fetch(`${url}/api/v1/entries`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${w.tokens.get('thuquy-hnd')}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(entryBody(OWN.book, amount)),
      });

    test('twenty posts at once get twenty gapless numbers; the books still verify', async () => {
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => postEntry(`par-${i}`, 1_000 + i)),
      );
      assert.deepEqual(
        replies.map((r) => r.status),
        Array(20).fill(201),
      );
      const seqs = (
        await Promise.all(replies.map((r) => r.json() as Promise<{ entries: Array<{ seq: number }> }>))
      )
        .map((b) => b.entries[0]!.seq)
        .sort((a, b) => a - b);
      // The capital entry is #1.
      assert.deepEqual(
        seqs,
        Array.from({ length: 20 }, (_, i) => i + 2),
      );
      const verify = await fetch(`${url}/api/v1/verify`, {
        headers: { authorization: `Bearer ${w.tokens.get('kiemtoan')}` },
      });
      assert.equal(((await verify.json()) as { ok: boolean }).ok, true);
      const audit = await fetch(`${url}/api/v1/audit/verify`, {
        headers: { authorization: `Bearer ${w.tokens.get('kiemtoan')}` },
      });
      assert.equal(((await audit.json()) as { ok: boolean }).ok, true);
    });

    test('the same key sent five times at once posts once and answers the same five times', async () => {
      const before = (await w.app.ledger.journal(w.ctx(), { book: OWN.book, limit: 10_000 })).length;
      const replies = await Promise.all(Array.from({ length: 5 }, () => postEntry('same-key', 7_777)));
      const bodies = await Promise.all(replies.map((r) => r.text()));
      assert.deepEqual(
        replies.map((r) => r.status),
        Array(5).fill(201),
      );
      assert.equal(new Set(bodies).size, 1);
      assert.equal(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 4);
      const after = (await w.app.ledger.journal(w.ctx(), { book: OWN.book, limit: 10_000 })).length;
      assert.equal(after, before + 1);
    });
  });
}
