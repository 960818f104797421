/** Runs the `soquy` command in-process (fast) or as a real process (the installed entry point). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.ts';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(
  args: readonly string[],
  env: Record<string, string> = {},
  now?: Date,
): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: { SOQUY_ACTOR: 'test', ...env },
    cwd: process.cwd(),
    ...(now ? { now: () => now } : {}),
  });
  return { code, out, err };
}

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'soquy.js');

export function cliProcess(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SOQUY_ACTOR: 'test', ...env },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
