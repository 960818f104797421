/** What every group of commands gets from the command line: the app, the context, output helpers. */
import type { Command } from 'commander';
import type { Ctx } from '../app/context.ts';
import type { Lang, Text } from '../i18n/types.ts';
import type { App, Config } from '../main/app.ts';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly now?: () => Date;
}

export const EXIT = { ok: 0, refused: 1, usage: 2, verifyFailed: 3, internal: 70 } as const;

/** Thrown by a command to end with a given exit code after printing its own report. */
export class ExitWith extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export interface CliKit {
  readonly io: Io;
  readonly lang: Lang;
  readonly program: Command;
  say(text: Text, params?: Record<string, unknown>): string;
  config(): Config;
  /** Opens the database once per run (migrations applied). */
  app(): Promise<App>;
  /** The commune and actor for this run. */
  ctx(): Promise<Ctx>;
  json(value: unknown): void;
  /** Parses a dd/mm/yyyy or yyyy-mm-dd option, refusing a bad one by name. */
  date(field: string, value: string | undefined): string | undefined;
}
