/** Commands about the database itself: copying a commune between stores. */
import { copyCommunes } from '../app/db-copy.ts';
import { CLI } from '../i18n/cli.ts';
import { resolveDb } from '../main/app.ts';
import { openStore } from '../store/open-store.ts';
import { table } from './format.ts';
import { type CliKit, EXIT, ExitWith } from './kit.ts';

export function registerDbCommands(kit: CliKit): void {
  const { program, io, lang, say } = kit;
  const db = program.command('db').description(say(CLI.db));
  db.command('copy')
    .description(say(CLI.dbCopy))
    .requiredOption('--from <location>', 'SQLite file or postgres:// URL')
    .requiredOption('--to <location>', 'SQLite file or postgres:// URL')
    .option('--json', say(CLI.optJson))
    .action(async (o: { from: string; to: string; json?: boolean }) => {
      const from = await openStore(resolveDb(o.from, {}, io.cwd));
      const to = await openStore(resolveDb(o.to, {}, io.cwd));
      try {
        // One consistent snapshot of the source: a server may be writing to it meanwhile, and a
        // copy read table by table would pair the journal of one moment with the running totals
        // of a later one.
        const outcomes = await from.read((tx) => copyCommunes({ ...from, db: tx }, to, kit.config().tenant));
        if (o.json) kit.json(outcomes);
        else
          for (const c of outcomes) {
            io.out(`${say(CLI.dbCopied, { tenant: c.tenant, entries: c.report.entries })}\n`);
            io.out(
              table(
                [say(CLI.hBook), say(CLI.hEntry), 'hash', 'OK'],
                c.heads.map((h) => [h.book, String(h.seq), h.hash, h.same ? '✓' : '✗']),
                lang,
              ),
            );
            io.out(
              `${say(c.trialBalanceSame && c.verified && c.heads.every((h) => h.same) ? CLI.dbCopyChecked : CLI.dbCopyMismatch)}\n`,
            );
          }
        if (!outcomes.every((c) => c.trialBalanceSame && c.verified && c.heads.every((h) => h.same)))
          throw new ExitWith(EXIT.verifyFailed);
      } finally {
        await from.close();
        await to.close();
      }
    });
}
