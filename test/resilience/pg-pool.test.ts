/**
 * A PostgreSQL connection that dies while idle in the pool (the server restarts, a failover, an
 * administrator ends it) must not end the soquy process: the next query takes a fresh one.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { ENGINES, PG_URL } from '../helpers/engines.ts';

const postgres = ENGINES.find((e) => e.kind === 'postgres')!;

test('an idle pooled connection ended by the server does not crash the process', {
  skip: postgres.skip,
  timeout: 60_000,
}, async () => {
  const { location, cleanup } = await postgres.fresh();
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'pg-idle-victim.ts'), location],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /^(\d+)\n/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`victim ended early: ${err}`)));
    });
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();
    child.stdin.end('go\n');
    const code = await exited;
    assert.equal(code, 0, `exit ${code}: ${err}`);
    assert.match(out, /alive/);
  } finally {
    await cleanup();
  }
});
