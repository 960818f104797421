/**
 * The `soquy` command. Parses arguments, calls the services, prints tables or JSON. Exit codes:
 * 0 done, 1 input refused (nothing written), 2 wrong usage, 3 verification failed, 70 internal.
 * Each area registers its commands from its own module (ledger-commands.ts, …).
 */
import { Command, CommanderError } from 'commander';
import { parseBusinessDate } from '../domain/dates.ts';
import { type Refusal, RefusedError } from '../domain/refusal.ts';
import { describeRefusal, t } from '../i18n/catalogue.ts';
import { CLI } from '../i18n/cli.ts';
import type { Lang } from '../i18n/types.ts';
import {
  type App,
  type Config,
  openApp,
  resolveConfig,
  resolveTenant,
  storeOptionsFromEnv,
} from '../main/app.ts';
import { registerBackupCommands } from './backup-commands.ts';
import { registerDbCommands } from './db-commands.ts';
import { registerDemoCommands } from './demo-commands.ts';
import { registerFundsCommands } from './funds-commands.ts';
import { type CliKit, EXIT, ExitWith, type Io } from './kit.ts';
import { registerLedgerCommands } from './ledger-commands.ts';
import { registerLoansCommands } from './loans-commands.ts';
import { registerRegistryCommands } from './registry-commands.ts';
import { registerRiskCommands } from './risk-commands.ts';
import { registerSavingsCommands } from './savings-commands.ts';
import { registerServerCommands } from './server-commands.ts';
import { registerVbspCommands } from './vbsp-commands.ts';

export { EXIT, type Io } from './kit.ts';

function preScanLang(argv: readonly string[], env: Io['env']): Lang {
  const i = argv.indexOf('--lang');
  const v = i >= 0 ? argv[i + 1] : (argv.find((a) => a.startsWith('--lang='))?.slice(7) ?? env['SOQUY_LANG']);
  return v === 'en' ? 'en' : 'vi';
}

/** Runs the command line in-process; returns the exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const lang = preScanLang(argv, io.env);
  const say = (text: { vi: string; en: string }, params: Record<string, unknown> = {}) =>
    t(text, lang, params);
  let opened: App | undefined;
  const program = new Command('soquy')
    .description(say(CLI.program))
    .option('--db <location>', say(CLI.optDb))
    .option('--tenant <id>', say(CLI.optTenant))
    .option('--actor <name>', say(CLI.optActor))
    .option('--lang <vi|en>', say(CLI.optLang))
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  const config = (): Config => resolveConfig(program.opts(), io.env, io.cwd);
  const kit: CliKit = {
    io,
    lang,
    say,
    program,
    config,
    app: async () => {
      opened ??= await openApp(config().db, storeOptionsFromEnv(io.env));
      return opened;
    },
    ctx: async () => {
      const a = await kit.app();
      const c = config();
      const tenant = await resolveTenant(a, c.tenant);
      return io.now ? { tenant, actor: c.actor, now: io.now } : { tenant, actor: c.actor };
    },
    json: (value: unknown) => io.out(`${JSON.stringify(value, null, 2)}\n`),
    date: (field: string, value: string | undefined): string | undefined => {
      if (value === undefined) return undefined;
      const r = parseBusinessDate(field, value);
      if (!r.ok) throw new RefusedError(r.refusals);
      return r.value;
    },
  };

  registerLedgerCommands(kit);
  registerDbCommands(kit);
  registerServerCommands(kit);
  registerRegistryCommands(kit);
  registerLoansCommands(kit);
  registerVbspCommands(kit);
  registerBackupCommands(kit);
  registerFundsCommands(kit);
  registerSavingsCommands(kit);
  registerRiskCommands(kit);
  registerDemoCommands(kit);

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    return report(e, io, lang);
  } finally {
    await opened?.close();
  }
}

function report(e: unknown, io: Io, lang: Lang): number {
  if (e instanceof ExitWith) return e.code;
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (e instanceof RefusedError) {
    io.err(`${t(CLI.refused, lang, { count: e.refusals.length })}\n`);
    for (const r of e.refusals as Refusal[]) io.err(`  ${describeRefusal(r, lang)}\n`);
    return EXIT.refused;
  }
  // A file named on the command line that cannot be read is the user's to fix, not a crash.
  const fileError = (e as { code?: unknown; path?: unknown } | null) ?? {};
  if (
    typeof fileError.path === 'string' &&
    ['ENOENT', 'EISDIR', 'EACCES', 'ENOTDIR'].includes(String(fileError.code))
  ) {
    io.err(`${describeRefusal({ code: 'file_unreadable', field: 'file', value: fileError.path }, lang)}\n`);
    return EXIT.refused;
  }
  if (e instanceof SyntaxError) {
    io.err(
      `${describeRefusal({ code: 'shape_invalid', field: 'file', value: null, params: { expected: e.message } }, lang)}\n`,
    );
    return EXIT.refused;
  }
  io.err(`${t(CLI.internal, lang, { message: e instanceof Error ? e.message : String(e) })}\n`);
  return EXIT.internal;
}

/** The process entry point used by bin/soquy.js. */
export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  });
}
