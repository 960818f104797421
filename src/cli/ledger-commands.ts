/** The ledger's commands: set-up, posting, reversing, closing, reads, verify, export, import. */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { writeFileAtomic } from '../app/backup/files.ts';
import { EXPORT_FORMATS, type ExportFormat, exportJournal } from '../app/ledger/export.ts';
import { importJournalCsv } from '../app/ledger/import-csv.ts';
import { toDrafts } from '../app/ledger/input.ts';
import { verifyLedger } from '../app/ledger/verify.ts';
import { BOOK_TEMPLATES } from '../domain/ledger/templates.ts';
import { parseDong } from '../domain/money.ts';
import { type Refusal, RefusedError } from '../domain/refusal.ts';
import { BACKUP_CLI } from '../i18n/backup.ts';
import { describeRefusal } from '../i18n/catalogue.ts';
import { CLI } from '../i18n/cli.ts';
import { verifyPackCommand } from './backup-commands.ts';
import { date, table } from './format.ts';
import { type CliKit, EXIT, ExitWith } from './kit.ts';

export function registerLedgerCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;
  const app = kit.app;
  const ctx = kit.ctx;
  const config = kit.config;
  const requireDate = kit.date;

  program
    .command('init')
    .description(say(CLI.init))
    .requiredOption('--name <name>', 'Xã …')
    .action(async (o: { name: string }) => {
      // --tenant is the global option: the commune to create.
      const id = config().tenant ?? '';
      const a = await app();
      await a.ledger.createTenant({ id, name: o.name }, (io.now?.() ?? new Date()).toISOString());
      io.out(
        `${say(CLI.created, { what: lang === 'vi' ? 'xã' : 'commune', id })}\n${say(CLI.dbAt, { db: a.store.location })}\n`,
      );
    });

  const org = program.command('org').description(say(CLI.orgList));
  org
    .command('add')
    .description(say(CLI.orgAdd))
    .requiredOption('--id <id>')
    .requiredOption('--kind <kind>', 'farmers | women | front | veterans | youth | …')
    .requiredOption('--name-vi <name>')
    .option('--name-en <name>')
    .action(async (o: { id: string; kind: string; nameVi: string; nameEn?: string }) => {
      await (await app()).ledger.createOrganisation(await ctx(), {
        id: o.id,
        kind: o.kind,
        nameVi: o.nameVi,
        ...(o.nameEn ? { nameEn: o.nameEn } : {}),
      });
      io.out(`${say(CLI.created, { what: 'org', id: o.id })}\n`);
    });
  org
    .command('list')
    .description(say(CLI.orgList))
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).ledger.organisations(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          ['id', 'kind', lang === 'vi' ? 'Tên' : 'Name'],
          rows.map((r) => [r.id, r.kind, lang === 'vi' ? r.nameVi : r.nameEn]),
          lang,
        ),
      );
    });

  const book = program.command('book').description(say(CLI.bookList));
  book
    .command('create <code>')
    .description(say(CLI.bookCreate))
    .requiredOption('--template <id>', Object.keys(BOOK_TEMPLATES).join(' | '))
    .option('--org <id>')
    .option('--name-vi <name>')
    .option('--name-en <name>')
    .action(async (code: string, o: { template: string; org?: string; nameVi?: string; nameEn?: string }) => {
      await (await app()).ledger.createBook(await ctx(), {
        code,
        template: o.template,
        organisation: o.org,
        nameVi: o.nameVi,
        nameEn: o.nameEn,
      });
      io.out(`${say(CLI.created, { what: lang === 'vi' ? 'sổ' : 'book', id: code })}\n`);
    });
  book
    .command('list')
    .description(say(CLI.bookList))
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).ledger.books(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          [
            say(CLI.hBook),
            'template',
            'org',
            lang === 'vi' ? 'Tên' : 'Name',
            say(CLI.hEntry),
            lang === 'vi' ? 'Khóa đến' : 'Closed through',
          ],
          rows.map((b) => [
            b.code,
            b.template,
            b.organisation,
            lang === 'vi' ? b.nameVi : b.nameEn,
            String(b.headSeq),
            date(b.lockedThrough),
          ]),
          lang,
        ),
      );
    });
  book
    .command('templates')
    .description(say(CLI.bookTemplates))
    .option('--json', say(CLI.optJson))
    .action((o: { json?: boolean }) => {
      if (o.json) return json(BOOK_TEMPLATES);
      for (const tpl of Object.values(BOOK_TEMPLATES)) {
        io.out(`\n${tpl.id}: ${lang === 'vi' ? tpl.nameVi : tpl.nameEn}\n`);
        io.out(
          table(
            [say(CLI.hAccount), say(CLI.hType), say(CLI.hName), say(CLI.hParty), say(CLI.hRule)],
            tpl.accounts.map((a) => [
              a.code,
              a.type,
              lang === 'vi' ? a.nameVi : a.nameEn,
              a.partyMode === 'required' ? '✓' : '',
              a.balanceRule === 'none' ? '' : a.balanceRule,
            ]),
            lang,
          ),
        );
      }
    });

  const account = program.command('account').description(say(CLI.accountList));
  account
    .command('add')
    .description(say(CLI.accountAdd))
    .requiredOption('--book <code>')
    .requiredOption('--code <code>')
    .requiredOption('--type <type>', 'asset | liability | equity | income | expense | memo')
    .requiredOption('--name-vi <name>')
    .option('--name-en <name>')
    .option('--side <side>', 'debit | credit')
    .option('--party <mode>', 'none | required')
    .option('--rule <rule>', 'none | non_negative')
    .action(
      async (o: {
        book: string;
        code: string;
        type: string;
        nameVi: string;
        nameEn?: string;
        side?: string;
        party?: string;
        rule?: string;
      }) => {
        await (await app()).ledger.addAccount(await ctx(), {
          book: o.book,
          code: o.code,
          type: o.type,
          nameVi: o.nameVi,
          nameEn: o.nameEn,
          normalSide: o.side,
          partyMode: o.party,
          balanceRule: o.rule,
        });
        io.out(
          `${say(CLI.created, { what: lang === 'vi' ? 'tài khoản' : 'account', id: `${o.book}/${o.code}` })}\n`,
        );
      },
    );
  account
    .command('list')
    .description(say(CLI.accountList))
    .option('--book <code>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { book?: string; json?: boolean }) => {
      const rows = await (await app()).ledger.accounts(await ctx(), o.book);
      if (o.json) return json(rows);
      io.out(
        table(
          [
            say(CLI.hBook),
            say(CLI.hAccount),
            say(CLI.hType),
            say(CLI.hName),
            say(CLI.hParty),
            say(CLI.hRule),
          ],
          rows.map((a) => [
            a.book,
            a.code,
            a.type,
            lang === 'vi' ? a.nameVi : a.nameEn,
            a.partyMode === 'required' ? '✓' : '',
            a.balanceRule === 'none' ? '' : a.balanceRule,
          ]),
          lang,
        ),
      );
    });

  const collectList = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command('post')
    .description(say(CLI.post))
    .option('--file <file.json>', 'JSON: an entry, or { "idempotencyKey", "entries": [...] } (README)')
    .option('--book <code>')
    .option('--date <date>', 'dd/mm/yyyy | yyyy-mm-dd')
    .option('--kind <kind>', 'general, donation, aid, repayment, …', 'general')
    .option('--memo <text>', '', '')
    .option('--doc <number>', 'số phiếu thu / phiếu chi')
    .option('--key <key>', 'idempotency key')
    .option('--debit <account[:party]=amount>', 'repeatable', collectList)
    .option('--credit <account[:party]=amount>', 'repeatable', collectList)
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        file?: string;
        book?: string;
        date?: string;
        kind: string;
        memo: string;
        doc?: string;
        key?: string;
        debit?: string[];
        credit?: string[];
        json?: boolean;
      }) => {
        const input = o.file ? JSON.parse(readFileSync(o.file, 'utf8')) : entryFromFlags(o);
        if (o.key !== undefined && input && typeof input === 'object')
          (input as Record<string, unknown>)['idempotencyKey'] = o.key;
        const parsed = toDrafts(input);
        if (!parsed.ok) throw new RefusedError(parsed.refusals);
        const result = await (await app()).ledger.post(await ctx(), parsed.value.drafts, {
          idempotencyKey: parsed.value.idempotencyKey,
        });
        if (o.json) return json(result);
        const refs = result.entries.map((e) => `${e.book}#${e.seq}`).join(', ');
        io.out(
          `${say(result.replayed ? CLI.replayed : CLI.posted, { count: result.entries.length, refs })}\n`,
        );
      },
    );

  program
    .command('reverse')
    .description(say(CLI.reverse))
    .requiredOption('--book <code>')
    .requiredOption('--seq <n>')
    .option('--date <date>')
    .option('--memo <text>')
    .option('--key <key>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        book: string;
        seq: string;
        date?: string;
        memo?: string;
        key?: string;
        json?: boolean;
      }) => {
        const seq = Number(o.seq);
        if (!Number.isSafeInteger(seq) || seq < 1)
          throw new RefusedError([
            { code: 'entry_unknown', field: 'seq', value: o.seq, params: { book: o.book } },
          ]);
        const result = await (await app()).ledger.reverse(await ctx(), {
          book: o.book,
          seq,
          date: requireDate('date', o.date),
          memo: o.memo,
          idempotencyKey: o.key ?? null,
        });
        if (o.json) return json(result);
        const refs = result.entries.map((e) => `${e.book}#${e.seq}`).join(', ');
        io.out(
          `${say(result.replayed ? CLI.replayed : CLI.posted, { count: result.entries.length, refs })}\n`,
        );
      },
    );

  program
    .command('close-period')
    .description(say(CLI.closePeriod))
    .requiredOption('--book <code>')
    .requiredOption('--through <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { book: string; through: string; json?: boolean }) => {
      const r = await (await app()).ledger.closePeriod(await ctx(), {
        book: o.book,
        through: requireDate('through', o.through)!,
      });
      if (o.json) return json(r);
      io.out(`${say(CLI.closed, { book: o.book, through: r.through, seq: r.headSeq })}\n`);
    });

  program
    .command('balance')
    .description(say(CLI.balance))
    .requiredOption('--book <code>')
    .requiredOption('--account <code>')
    .option('--party <id>')
    .option('--as-of <date>')
    .option('--by-party', lang === 'vi' ? 'liệt kê số dư từng đối tượng' : 'list each party’s balance')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        book: string;
        account: string;
        party?: string;
        asOf?: string;
        byParty?: boolean;
        json?: boolean;
      }) => {
        const l = (await app()).ledger;
        const c = await ctx();
        const asOf = requireDate('asOf', o.asOf);
        const rows = o.byParty
          ? await l.partyBalances(c, { book: o.book, account: o.account, asOf })
          : [await l.balance(c, { book: o.book, account: o.account, party: o.party, asOf })];
        if (o.json) return json(o.byParty ? rows : rows[0]);
        io.out(
          table(
            [
              say(CLI.hBook),
              say(CLI.hAccount),
              say(CLI.hParty),
              say(CLI.hDate),
              say(CLI.hDebit),
              say(CLI.hCredit),
              say(CLI.hBalance),
            ],
            rows.map((b) => [
              b.book,
              b.account,
              b.party,
              date(b.asOf) || (lang === 'vi' ? 'hiện tại' : 'now'),
              b.debit,
              b.credit,
              b.balance,
            ]),
            lang,
          ),
        );
      },
    );

  program
    .command('statement')
    .description(say(CLI.statement))
    .requiredOption('--book <code>')
    .requiredOption('--account <code>')
    .option('--party <id>')
    .option('--from <date>')
    .option('--to <date>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        book: string;
        account: string;
        party?: string;
        from?: string;
        to?: string;
        json?: boolean;
      }) => {
        const s = await (await app()).ledger.statement(await ctx(), {
          book: o.book,
          account: o.account,
          party: o.party,
          from: requireDate('from', o.from),
          to: requireDate('to', o.to),
        });
        if (o.json) return json(s);
        io.out(
          `${s.book} / ${s.account} ${lang === 'vi' ? s.nameVi : s.nameEn}${s.party ? ` / ${s.party}` : ''}\n`,
        );
        io.out(
          table(
            [
              say(CLI.hDate),
              say(CLI.hEntry),
              say(CLI.hDoc),
              say(CLI.hMemo),
              say(CLI.hParty),
              say(CLI.hDebit),
              say(CLI.hCredit),
              say(CLI.hBalance),
            ],
            [
              [date(s.from), '', '', say(CLI.hOpening), '', null, null, s.opening],
              ...s.lines.map((l) => [
                date(l.date),
                `#${l.seq}`,
                l.documentNo,
                l.memo,
                l.party,
                l.debit || null,
                l.credit || null,
                l.balance,
              ]),
              ['', '', '', say(CLI.hClosing), '', s.totalDebit, s.totalCredit, s.closing],
            ],
            lang,
          ),
        );
      },
    );

  program
    .command('trial-balance')
    .description(say(CLI.trialBalance))
    .option('--book <code>')
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { book?: string; asOf?: string; json?: boolean }) => {
      const tb = await (await app()).ledger.trialBalance(await ctx(), {
        book: o.book,
        asOf: requireDate('asOf', o.asOf),
      });
      if (o.json) return json(tb);
      const onSheet = tb.rows.filter((r) => r.type !== 'memo');
      const memo = tb.rows.filter((r) => r.type === 'memo');
      const rowOf = (r: (typeof tb.rows)[number]) => [
        r.book,
        r.account,
        lang === 'vi' ? r.nameVi : r.nameEn,
        r.debit,
        r.credit,
        r.net > 0 ? r.net : null,
        r.net < 0 ? -r.net : null,
      ];
      const headers = [
        say(CLI.hBook),
        say(CLI.hAccount),
        say(CLI.hName),
        say(CLI.hDebit),
        say(CLI.hCredit),
        `${say(CLI.hBalance)} ${say(CLI.hDebit)}`,
        `${say(CLI.hBalance)} ${say(CLI.hCredit)}`,
      ];
      const sumNet = (rows: typeof onSheet, sign: 1 | -1) =>
        rows.reduce((s, r) => s + Math.max(0, sign * r.net), 0);
      io.out(
        table(
          headers,
          [
            ...onSheet.map(rowOf),
            ['', '', say(CLI.hTotal), tb.totalDebit, tb.totalCredit, sumNet(onSheet, 1), sumNet(onSheet, -1)],
          ],
          lang,
        ),
      );
      if (memo.length > 0)
        io.out(
          `\n${say(CLI.hMemoAccounts)}\n${table(headers, [...memo.map(rowOf), ['', '', say(CLI.hTotal), tb.memoDebit, tb.memoCredit, sumNet(memo, 1), sumNet(memo, -1)]], lang)}`,
        );
    });

  program
    .command('journal')
    .description(say(CLI.journal))
    .option('--book <code>')
    .option('--from <date>')
    .option('--to <date>')
    .option('--kind <kind>')
    .option('--account <code>')
    .option('--party <id>')
    .option('--doc <number>')
    .option('--text <text>')
    .option('--limit <n>', '', '100')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        book?: string;
        from?: string;
        to?: string;
        kind?: string;
        account?: string;
        party?: string;
        doc?: string;
        text?: string;
        limit: string;
        json?: boolean;
      }) => {
        const entries = await (await app()).ledger.journal(await ctx(), {
          book: o.book,
          from: requireDate('from', o.from),
          to: requireDate('to', o.to),
          kind: o.kind,
          account: o.account,
          party: o.party,
          documentNo: o.doc,
          text: o.text,
          limit: Number(o.limit) || 100,
        });
        if (o.json) return json(entries);
        const rows = entries.flatMap((e) =>
          e.postings.map((p, i) => [
            i === 0 ? date(e.date) : '',
            i === 0 ? `${e.book}#${e.seq}` : '',
            i === 0 ? e.kind : '',
            i === 0 ? e.memo : '',
            p.account,
            p.party,
            p.amount > 0 ? p.amount : null,
            p.amount < 0 ? -p.amount : null,
          ]),
        );
        io.out(
          table(
            [
              say(CLI.hDate),
              say(CLI.hEntry),
              say(CLI.hKind),
              say(CLI.hMemo),
              say(CLI.hAccount),
              say(CLI.hParty),
              say(CLI.hDebit),
              say(CLI.hCredit),
            ],
            rows,
            lang,
          ),
        );
      },
    );

  program
    .command('verify')
    .description(say(CLI.verify))
    .option('--book <code>')
    .option('--pack <file.tar>', say(BACKUP_CLI.optPack))
    .option('--json', say(CLI.optJson))
    .action(async (o: { book?: string; pack?: string; json?: boolean }) => {
      if (o.pack !== undefined) return verifyPackCommand(kit, o.pack, o.json ?? false);
      const a = await app();
      const v = await verifyLedger(a.store, await ctx(), o.book);
      if (o.json) json(v);
      else
        for (const b of v.books)
          io.out(
            `${b.ok ? say(CLI.verifyOk, { book: b.book, entries: b.entries, hash: b.headHash }) : say(CLI.verifyBad, { book: b.book, seq: b.firstBad?.seq, problem: b.firstBad?.problem, detail: b.firstBad?.detail })}\n`,
          );
      if (!v.ok) throw new ExitWith(EXIT.verifyFailed);
    });

  program
    .command('export')
    .description(say(CLI.export))
    .addOption(new Option('--format <format>').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--book <code>')
    .option('--out <file>')
    .action(async (o: { format: ExportFormat; book?: string; out?: string }) => {
      const a = await app();
      const parts: string[] = [];
      await exportJournal(
        a.store,
        await ctx(),
        o.format,
        (text) => {
          if (o.out) parts.push(text);
          else io.out(text);
        },
        { book: o.book },
      );
      // Temp file, fsync, rename: a crash never leaves a truncated export under its name.
      if (o.out) writeFileAtomic(resolve(io.cwd, o.out), parts.join(''));
    });

  program
    .command('import <file>')
    .description(say(CLI.import))
    .option('--dry-run')
    .option('--key <key>')
    .option('--json', say(CLI.optJson))
    .action(async (file: string, o: { dryRun?: boolean; key?: string; json?: boolean }) => {
      const a = await app();
      const report = await importJournalCsv(a.store, a.ledger.env, await ctx(), readFileSync(file, 'utf8'), {
        dryRun: o.dryRun ?? false,
        ...(o.key ? { idempotencyKey: o.key } : {}),
      });
      if (o.json) json(report);
      else if (report.refusals.length > 0) {
        io.out(`${say(CLI.importDryBad, { count: report.refusals.length })}\n`);
        for (const r of report.refusals) io.out(`  ${describeRefusal(r, lang)}\n`);
      } else if (report.dryRun)
        io.out(`${say(CLI.importDryOk, { rows: report.rows, entries: report.entries })}\n`);
      else if (report.result?.replayed) io.out(`${say(CLI.replayed, { refs: '' })}\n`);
      else io.out(`${say(CLI.importOk, { rows: report.rows, entries: report.entries })}\n`);
      if (report.refusals.length > 0) throw new ExitWith(EXIT.refused);
    });
}

/** `--debit 1311:HH-001=5.000.000 --credit 111=5.000.000` into the JSON entry shape. */
function entryFromFlags(o: {
  book?: string;
  date?: string;
  kind: string;
  memo: string;
  doc?: string;
  debit?: string[];
  credit?: string[];
}): unknown {
  const postings: Array<Record<string, unknown>> = [];
  const refusals: Refusal[] = [];
  for (const [side, list] of [
    ['debit', o.debit ?? []],
    ['credit', o.credit ?? []],
  ] as const) {
    for (const spec of list) {
      const eq = spec.lastIndexOf('=');
      if (eq <= 0) {
        refusals.push({ code: 'posting_spec_invalid', field: side, value: spec });
        continue;
      }
      const target = spec.slice(0, eq);
      const colon = target.indexOf(':');
      const amount = parseDong(side, spec.slice(eq + 1));
      if (!amount.ok) refusals.push(...amount.refusals);
      postings.push({
        account: colon < 0 ? target : target.slice(0, colon),
        party: colon < 0 ? null : target.slice(colon + 1),
        [side]: amount.ok ? amount.value : spec.slice(eq + 1),
      });
    }
  }
  if (o.book === undefined) refusals.push({ code: 'text_invalid', field: 'book', value: null });
  if (o.date === undefined) refusals.push({ code: 'date_invalid', field: 'date', value: null });
  if (refusals.length > 0) throw new RefusedError(refusals);
  return { book: o.book, date: o.date, kind: o.kind, memo: o.memo, documentNo: o.doc ?? null, postings };
}
