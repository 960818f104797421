/**
 * `npm start` (`node bin/soquy.js start`) in an empty folder: it loads the demo commune into
 * ./data/soquy.db, then serves it, and the sign-in page shows the demo users. The time from spawn
 * to the demo's sign-in page is measured and printed, never asserted: the 30-second figure of
 * issue 11 is proven by `bench/demo.ts` (`npm run bench`, docs/benchmarks.md), as every speed
 * claim is. A test that fails on a busy machine would say nothing about soquy.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const BIN = resolve(import.meta.dirname, '../../bin/soquy.js');

test('npm start in an empty folder serves the demo commune', { timeout: 900_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'soquy-start-demo-'));
  const t0 = performance.now();
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', SOQUY_LANG: 'vi' };
  for (const k of ['SOQUY_DB', 'DATABASE_URL', 'SOQUY_TENANT', 'SOQUY_NO_DEMO', 'PORT']) delete env[k];
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    const url = await new Promise<string>((done, fail) => {
      const check = () => {
        const m = /http:\/\/localhost:(\d+)/.exec(out);
        if (m) done(`http://127.0.0.1:${m[1]}`);
      };
      child.stdout.on('data', check);
      void exited.then((code) => fail(new Error(`soquy exited (${code}) before listening:\n${out}\n${err}`)));
    });
    const page = await fetch(`${url}/sign-in`);
    const html = await page.text();
    const seconds = (performance.now() - t0) / 1000;
    const note = `npm start on an empty folder: the demo's sign-in page after ${seconds.toFixed(1)} s (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs)`;
    t.diagnostic(note);
    process.stderr.write(`\n  ${note}\n`);
    assert.equal(page.status, 200);
    assert.match(html, /Xã mẫu/);
    assert.match(html, /thuquy-hnd/);
    assert.match(out, /Đã nạp xã mẫu huong-son/);
    assert.ok(existsSync(join(dir, 'data', 'soquy.db')));
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    assert.equal(await exited, 0, err);
    rmSync(dir, { recursive: true, force: true });
  }
});
