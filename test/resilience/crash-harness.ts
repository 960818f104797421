/**
 * Kills a writer process with SIGKILL at random moments (a seeded generator: the same moments
 * every run), many times, and checks the database after each kill: it opens, SQLite's
 * `quick_check` and `soquy verify` pass, and every idempotency key has all of its entries or none.
 * Then the writer runs to the end, and once more, and every key has its entries exactly once.
 *
 * A writer is anything that can be started as a process and says which keys it writes and how
 * many entries each holds: `soquy import` of a journal CSV, the batch and meeting writers of
 * crash-writer.ts, and (when it exists) the savings-meeting service's command.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { openApp } from '../../src/main/app.ts';
import { cli } from '../helpers/cli.ts';
import { rng } from '../helpers/stream.ts';

export interface CrashWriter {
  readonly name: string;
  /** One run of the writer, from the start; it resumes by replaying the keys already written. */
  start(location: string): ChildProcess;
  /** Every key the writer writes, with the number of entries it holds, in writing order. */
  readonly keys: ReadonlyMap<string, number>;
  /** True when the writer writes its keys one after the other (so the present keys are a prefix). */
  readonly sequential: boolean;
}

export interface CrashOptions {
  readonly tenant: string;
  readonly kills: number;
  readonly seed: number;
  /**
   * When to kill. `time`: a moment drawn from this window after the process starts (for a writer
   * that is one long transaction, such as an import). `progress`: the writer prints the index of
   * each key it has written; the kill comes a random 0 to `delayMsMax` ms after it reports a
   * drawn target (targets rise from kill to kill, spread over the keys), so every kill lands in
   * the middle of the work, between or inside transactions, however fast this machine is.
   */
  readonly when:
    | { readonly kind: 'time'; readonly windowMs: readonly [number, number] }
    | { readonly kind: 'progress'; readonly delayMsMax: number };
  /**
   * Puts the database back as it was before the writer first ran. Called when a kill came after
   * the writer had finished, so the next kill meets the work under way again.
   */
  readonly reset?: () => Promise<void>;
}

export interface KillRecord {
  /** When the kill came: ms after the start, or the key index reported before it. */
  readonly at: string;
  /** Whether the process had already ended by itself when the kill came. */
  readonly finishedFirst: boolean;
  /** Keys fully present after the kill. */
  readonly keysPresent: number;
  readonly entries: number;
}

export interface CrashReport {
  readonly kills: readonly KillRecord[];
  readonly finalEntries: number;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

/** Runs a writer to its end; fails the test on a non-zero exit. */
export async function runToEnd(writer: CrashWriter, location: string): Promise<void> {
  const child = writer.start(location);
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const { code, signal } = await exitOf(child);
  assert.equal(code, 0, `${writer.name} ended with ${code ?? signal}: ${err.slice(-2000)}`);
}

/**
 * What the database holds now, checked: it opens, it is intact, it verifies, and each key is
 * all-or-nothing. Answers how many keys are present and how many entries there are.
 */
export async function checkAfterCrash(
  writer: CrashWriter,
  location: string,
  tenant: string,
): Promise<{ keysPresent: number; entries: number }> {
  const app = await openApp(location, { synchronous: 'NORMAL' });
  let counts: Map<string, number>;
  let idempotencyRows: Set<string>;
  let entries: number;
  try {
    if (app.store.kind === 'sqlite') {
      const check = await sql<{ quick_check: string }>`PRAGMA quick_check`.execute(app.store.db);
      assert.deepEqual(
        check.rows.map((r) => r.quick_check),
        ['ok'],
      );
    }
    const rows = await sql<{ key: string | null; n: number | string }>`/* test */
      SELECT idempotency_key AS key, COUNT(*) AS n FROM journal_entry WHERE tenant_id = ${tenant}
       GROUP BY idempotency_key`.execute(app.store.db);
    counts = new Map(rows.rows.map((r) => [r.key ?? '', Number(r.n)]));
    entries = [...counts.values()].reduce((a, b) => a + b, 0);
    const ids = await sql<{ key: string }>`/* test */
      SELECT key FROM idempotency WHERE tenant_id = ${tenant}`.execute(app.store.db);
    idempotencyRows = new Set(ids.rows.map((r) => r.key));
  } finally {
    await app.close();
  }
  const verified = await cli(['--db', location, '--tenant', tenant, 'verify']);
  assert.equal(verified.code, 0, `soquy verify after a crash: ${verified.out}${verified.err}`);
  assert.equal(counts.get('') ?? 0, 0, 'every entry the writers post carries its key');
  let present = 0;
  let gap = false;
  for (const [key, expected] of writer.keys) {
    const n = counts.get(key) ?? 0;
    assert.ok(n === 0 || n === expected, `key ${key}: ${n} of ${expected} entries (a partial write)`);
    assert.equal(
      idempotencyRows.has(key),
      n > 0,
      `key ${key}: its idempotency row and its entries go together`,
    );
    if (n > 0) {
      assert.ok(!(writer.sequential && gap), `key ${key} present after a missing one`);
      present += 1;
    } else gap = true;
    counts.delete(key);
  }
  assert.deepEqual([...counts.keys()], [], 'no entries under keys the writer never sent');
  return { keysPresent: present, entries };
}

/** Starts the writer and kills it at the moment `o.when` draws; answers what the kill met. */
async function killOnce(
  writer: CrashWriter,
  location: string,
  o: CrashOptions,
  random: () => number,
  target: number,
): Promise<{ at: string; finishedFirst: boolean }> {
  const child = writer.start(location);
  const exited = exitOf(child);
  let at = '';
  let timer: NodeJS.Timeout | undefined;
  const kill = (delayMs: number, label: string) => {
    if (timer !== undefined) return;
    at = label;
    timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  };
  if (o.when.kind === 'time') {
    const ms = Math.round(o.when.windowMs[0] + random() * (o.when.windowMs[1] - o.when.windowMs[0]));
    kill(ms, `${ms} ms`);
  } else {
    const delay = Math.round(random() * o.when.delayMsMax);
    let buffered = '';
    child.stdout?.on('data', (d) => {
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (Number(line) >= target) kill(delay, `key #${target} + ${delay} ms`);
    });
  }
  const { signal } = await exited;
  clearTimeout(timer);
  return { at: at || 'never', finishedFirst: signal !== 'SIGKILL' };
}

/** The whole crash test for one writer (see the module comment). */
export async function crashLoop(
  writer: CrashWriter,
  location: string,
  o: CrashOptions,
): Promise<CrashReport> {
  const random = rng(o.seed);
  // Progress targets, rising and spread over the keys: the i-th kill falls in the i-th slice.
  const slice = writer.keys.size / o.kills;
  const targets = Array.from({ length: o.kills }, (_, i) => Math.floor(slice * (i + random())));
  const kills: KillRecord[] = [];
  for (let i = 0; i < o.kills; i++) {
    const { at, finishedFirst } = await killOnce(writer, location, o, random, targets[i]!);
    const state = await checkAfterCrash(writer, location, o.tenant);
    kills.push({ at, finishedFirst, ...state });
    if (state.keysPresent === writer.keys.size && o.reset && i < o.kills - 1) await o.reset();
  }
  await runToEnd(writer, location);
  const done = await checkAfterCrash(writer, location, o.tenant);
  assert.equal(done.keysPresent, writer.keys.size, 'running the writer again completes the work');
  // And once more: every key replays, nothing is posted twice.
  await runToEnd(writer, location);
  const again = await checkAfterCrash(writer, location, o.tenant);
  assert.equal(again.entries, done.entries, 'a second complete run posts nothing new');
  return { kills, finalEntries: again.entries };
}

const killsEnv = process.env['SOQUY_CRASH_KILLS'];

/**
 * Bounded for the everyday suite on a 2-core machine: 5 kills of the 10^5-entry import, 8 of
 * each writer on SQLite, 4 on PostgreSQL (25 in all). A long run: SOQUY_CRASH_KILLS (each),
 * SOQUY_CRASH_ENTRIES (the import), SOQUY_CRASH_SEED (other moments).
 */
export const CRASH_SCALE = {
  importKills: Number(killsEnv ?? 5),
  writerKills: Number(killsEnv ?? 8),
  postgresKills: Number(killsEnv ?? 4),
  importEntries: Number(process.env['SOQUY_CRASH_ENTRIES'] ?? 100_000),
  seed: Number(process.env['SOQUY_CRASH_SEED'] ?? 13),
};
