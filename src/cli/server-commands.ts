/**
 * The server's commands: `serve` and `start` (the server on the default database), `user`
 * (add, list, grant, revoke, token, passwd), `audit` (verify, export, list) and `approval`
 * (maker-checker rules). Writes are audited with the command line's actor and `ip = cli`.
 */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import pino from 'pino';
import type { AuditCtx } from '../app/audit/audit-log.ts';
import { AUDIT_FORMATS, type AuditFormat, auditJson } from '../app/audit/audit-log.ts';
import { writeFileAtomic } from '../app/backup/files.ts';
import { ROLES } from '../domain/access/roles.ts';
import { parseDong } from '../domain/money.ts';
import { RefusedError } from '../domain/refusal.ts';
import { buildHttpApp } from '../http/app.ts';
import { listen } from '../http/server.ts';
import { BACKUP_CLI } from '../i18n/backup.ts';
import { CLI } from '../i18n/cli.ts';
import { SERVER_CLI } from '../i18n/server.ts';
import type { App } from '../main/app.ts';
import { seedEmptyDatabase } from '../main/first-start.ts';
import { backupSchedule, type ScheduleFlags } from './backup-commands.ts';
import { table } from './format.ts';
import { type CliKit, EXIT, ExitWith } from './kit.ts';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';

/** Port and host: flag, else PORT / HOST, else 3000 on 127.0.0.1. */
export function resolveListen(
  flags: { port?: string; host?: string },
  env: Readonly<Record<string, string | undefined>>,
): { port: number; host: string } {
  const text = flags.port ?? env['PORT'] ?? String(DEFAULT_PORT);
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65_535)
    throw new RefusedError([
      { code: 'number_out_of_range', field: 'port', value: text, params: { min: 0, max: 65_535 } },
    ]);
  return { port, host: flags.host ?? env['HOST'] ?? DEFAULT_HOST };
}

export function registerServerCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;

  const auditCtx = async (): Promise<AuditCtx> => ({
    ...(await kit.ctx()),
    ip: 'cli',
    userAgent: 'soquy-cli',
  });

  /** First start: every commune without an admin gets one, with a one-time password printed once. */
  async function bootstrapAdmins(app: App): Promise<void> {
    for (const t of await app.ledger.tenants()) {
      const password = await app.access.bootstrapAdmin({
        tenant: t.id,
        actor: kit.config().actor,
        ip: 'cli',
        userAgent: 'soquy-cli',
        ...(io.now ? { now: io.now } : {}),
      });
      if (password !== null) io.out(`\n${say(SERVER_CLI.firstAdmin, { tenant: t.id, password })}\n\n`);
    }
  }

  async function serve(flags: { port?: string; host?: string } & ScheduleFlags): Promise<void> {
    const { port, host } = resolveListen(flags, io.env);
    const backups = backupSchedule(kit, flags);
    const app = await kit.app();
    await bootstrapAdmins(app);
    const log = pino({ level: io.env['LOG_LEVEL'] ?? 'info', base: null }, pino.destination(2));
    const { http } = buildHttpApp(app, {
      log,
      trustProxy: io.env['SOQUY_TRUST_PROXY'] === '1',
      secureCookies: io.env['SOQUY_SECURE_COOKIES'] === '1',
      ...(io.now ? { now: io.now } : {}),
    });
    const server = await listen(http, { port, host });
    io.out(
      `${say(CLI.dbAt, { db: app.store.location })}\n${say(SERVER_CLI.listening, { url: server.url })}\n`,
    );
    backups?.start();
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        io.err(`${say(SERVER_CLI.stopping)}\n`);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await backups?.stop();
    await server.close();
  }

  const scheduleOptions = (c: Command) =>
    c
      .option('--backup-every <duration>', say(BACKUP_CLI.optBackupEvery))
      .option('--backup-keep <n>', say(BACKUP_CLI.optBackupKeep))
      .option('--backup-dir <dir>', say(BACKUP_CLI.optBackupDir));

  scheduleOptions(
    program
      .command('serve')
      .description(say(SERVER_CLI.serve))
      .option('--port <n>', say(SERVER_CLI.optPort))
      .option('--host <address>', say(SERVER_CLI.optHost)),
  ).action(serve);

  scheduleOptions(
    program
      .command('start')
      .description(say(SERVER_CLI.start))
      .option('--port <n>', say(SERVER_CLI.optPort))
      .option('--host <address>', say(SERVER_CLI.optHost)),
  ).action(async (flags: { port?: string; host?: string } & ScheduleFlags) => {
    const app = await kit.app();
    if ((await app.ledger.tenants()).length === 0 && !(await seedEmptyDatabase(app, io))) {
      io.out(`${say(SERVER_CLI.seedHook)}\n${say(CLI.noTenant)}\n`);
    }
    await serve(flags);
  });

  // --- users ---------------------------------------------------------------------------------------

  const user = program.command('user').description(say(SERVER_CLI.user));
  user
    .command('add <username>')
    .description(say(SERVER_CLI.userAdd))
    .option('--name <display name>')
    .addOption(new Option('--role <role>', say(SERVER_CLI.optRole)).choices([...ROLES]))
    .option('--scope <scope>', say(SERVER_CLI.optScope))
    .action(async (username: string, o: { name?: string; role?: string; scope?: string }) => {
      const a = await kit.app();
      const r = await a.access.createUser(await auditCtx(), {
        username,
        displayName: o.name,
        grants: o.role ? [{ role: o.role, scope: o.scope }] : [],
      });
      io.out(
        `${say(SERVER_CLI.userCreated, { username })}\n${say(SERVER_CLI.oneTime, { password: r.oneTimePassword })}\n`,
      );
    });
  user
    .command('list')
    .description(say(SERVER_CLI.userList))
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await kit.app()).access.users(await kit.ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          [
            lang === 'vi' ? 'Tên đăng nhập' : 'Username',
            lang === 'vi' ? 'Họ tên' : 'Name',
            lang === 'vi' ? 'Quyền' : 'Grants',
          ],
          rows.map((u) => [u.username, u.displayName, u.grants.join(', ')]),
          lang,
        ),
      );
    });
  for (const verb of ['grant', 'revoke'] as const)
    user
      .command(`${verb} <username>`)
      .description(say(verb === 'grant' ? SERVER_CLI.userGrant : SERVER_CLI.userRevoke))
      .addOption(
        new Option('--role <role>', say(SERVER_CLI.optRole)).choices([...ROLES]).makeOptionMandatory(),
      )
      .option('--scope <scope>', say(SERVER_CLI.optScope))
      .action(async (username: string, o: { role: string; scope?: string }) => {
        const a = await kit.app();
        const view = await a.access[verb](await auditCtx(), username, o.role, o.scope);
        io.out(`${say(SERVER_CLI.granted, { username, grants: view.grants.join(', ') || '—' })}\n`);
      });
  user
    .command('token <username>')
    .description(say(SERVER_CLI.userToken))
    .requiredOption('--name <name>')
    .option('--days <n>', '', '365')
    .action(async (username: string, o: { name: string; days: string }) => {
      const t = await (await kit.app()).access.createToken(await auditCtx(), {
        username,
        name: o.name,
        ttlDays: Number(o.days),
      });
      io.out(`${say(SERVER_CLI.tokenCreated, { id: t.id, expiresAt: t.expiresAt, token: t.token })}\n`);
    });
  user
    .command('passwd <username>')
    .description(say(SERVER_CLI.userPasswd))
    .action(async (username: string) => {
      const password = await (await kit.app()).access.resetPassword(await auditCtx(), username);
      io.out(`${say(SERVER_CLI.oneTime, { password })}\n`);
    });

  // --- audit ---------------------------------------------------------------------------------------

  const audit = program.command('audit').description(say(SERVER_CLI.audit));
  audit
    .command('verify')
    .description(say(SERVER_CLI.auditVerify))
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const v = await (await kit.app()).audit.verify(await kit.ctx());
      if (o.json) json(v);
      else if (v.ok) io.out(`${say(SERVER_CLI.auditOk, { records: v.records, hash: v.headHash })}\n`);
      else io.out(`${say(SERVER_CLI.auditBad, { ...v.firstBad })}\n`);
      if (!v.ok) throw new ExitWith(EXIT.verifyFailed);
    });
  audit
    .command('export')
    .description(say(SERVER_CLI.auditExport))
    .addOption(new Option('--format <format>').choices([...AUDIT_FORMATS]).default('csv'))
    .option('--out <file>')
    .action(async (o: { format: AuditFormat; out?: string }) => {
      const parts: string[] = [];
      await (await kit.app()).audit.export(await kit.ctx(), o.format, (text) => {
        if (o.out) parts.push(text);
        else io.out(text);
      });
      // Temp file, fsync, rename: a crash never leaves a truncated export under its name.
      if (o.out) writeFileAtomic(resolve(io.cwd, o.out), parts.join(''));
    });
  audit
    .command('list')
    .option('--after <seq>', '', '0')
    .option('--limit <n>', '', '50')
    .option('--json', say(CLI.optJson))
    .action(async (o: { after: string; limit: string; json?: boolean }) => {
      const rows = await (await kit.app()).audit.list(await kit.ctx(), {
        afterSeq: Number(o.after) || 0,
        limit: Math.min(Number(o.limit) || 50, 10_000),
      });
      if (o.json) return json(rows.map(auditJson));
      io.out(
        table(
          ['#', 'at', 'actor', 'action', 'target', 'outcome', 'ip'],
          rows.map((r) => [String(r.seq), r.at, r.actor, r.action, r.target, r.outcome, r.ip]),
          lang,
        ),
      );
    });

  // --- maker-checker rules --------------------------------------------------------------------------

  const approval = program.command('approval').description(say(SERVER_CLI.approval));
  approval
    .command('rule <kind>')
    .description(say(SERVER_CLI.approvalRule))
    .option('--above <amount>')
    .option('--off')
    .action(async (kind: string, o: { above?: string; off?: boolean }) => {
      if ((o.above === undefined) === (o.off === undefined))
        throw new RefusedError([
          {
            code: 'value_not_allowed',
            field: 'above',
            value: o.above ?? null,
            params: { allowed: '--above <amount> | --off' },
          },
        ]);
      let threshold: number | null = null;
      if (o.above !== undefined) {
        const amount = parseDong('above', o.above);
        if (!amount.ok) throw new RefusedError(amount.refusals);
        threshold = amount.value;
      }
      await (await kit.app()).operations.setRule(await auditCtx(), kind, threshold);
      io.out(
        `${threshold === null ? say(SERVER_CLI.ruleOff, { kind }) : say(SERVER_CLI.ruleSet, { kind, threshold })}\n`,
      );
    });
  approval
    .command('rules')
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await kit.app()).operations.rules(await kit.ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          ['kind', 'threshold', 'set by', 'at'],
          rows.map((r) => [r.kind, r.thresholdDong, r.setBy, r.setAt]),
          lang,
        ),
      );
    });
}
