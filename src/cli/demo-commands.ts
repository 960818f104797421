/** `soquy demo`: loads the demo commune (docs/design/demo.md). */
import { loadDemo } from '../app/demo/load.ts';
import { fill } from '../i18n/catalogue.ts';
import { DEMO_CLI, DEMO_STEPS } from '../i18n/demo.ts';
import type { Lang, Text } from '../i18n/types.ts';
import type { App } from '../main/app.ts';
import type { CliKit, Io } from './kit.ts';

const sayIn =
  (lang: Lang) =>
  (text: Text, params: Record<string, unknown> = {}) =>
    fill(text[lang], params, lang);

/** Loads the demo, printing progress to stderr and the demo users to stdout. */
export async function loadDemoPrinting(
  app: App,
  io: Io,
  lang: Lang,
  options: { tenant?: string; seed?: number } = {},
): Promise<void> {
  const say = sayIn(lang);
  io.err(`${say(DEMO_CLI.loading)}\n`);
  let lastStep = '';
  let lastShown = 0;
  const report = await loadDemo(app, {
    ...options,
    progress: (step, done, total) => {
      // One line per step, and at most one every ~10 % within a step.
      if (step === lastStep && done < total && done - lastShown < total / 10) return;
      lastStep = step;
      lastShown = done;
      io.err(
        `${say(DEMO_CLI.step, { step: DEMO_STEPS[step] ? say(DEMO_STEPS[step]!) : step, done, total })}\n`,
      );
    },
  });
  io.out(
    `${say(DEMO_CLI.loaded, {
      tenant: report.tenant,
      households: report.households,
      loans: report.loans,
      repayments: report.repayments,
      seconds: (report.ms / 1000).toFixed(1),
    })}\n`,
  );
  if (report.users.length > 0) {
    io.out(`${say(DEMO_CLI.users)}\n`);
    for (const u of report.users)
      io.out(`  ${u.username.padEnd(12)} ${u.password.padEnd(18)} ${u.role} ${u.scope}\n`);
  }
}

export function registerDemoCommands(kit: CliKit): void {
  const { program, io, lang, say } = kit;
  program
    .command('demo')
    .description(say(DEMO_CLI.demo))
    .option('--seed <n>', say(DEMO_CLI.optSeed))
    .option('--tenant <id>', say(DEMO_CLI.optTenant))
    .action(async (o: { seed?: string; tenant?: string }) => {
      const app = await kit.app();
      await loadDemoPrinting(app, io, lang, {
        ...(o.tenant ? { tenant: o.tenant } : {}),
        ...(o.seed ? { seed: Number(o.seed) } : {}),
      });
    });
}
