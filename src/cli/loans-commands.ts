/**
 * Loan commands: `soquy programme …`, `soquy loan …` (one loan) and `soquy loans …` (reports and
 * the month-end run). Every read takes `--json`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { PortfolioRow } from '../app/loans/reports.ts';
import { LOAN_LIMITS } from '../domain/loans/limits.ts';
import { formatPercent, parsePercentPpm } from '../domain/loans/rates.ts';
import type { CustomInstalment } from '../domain/loans/schedule.ts';
import type { HistoryLine, LoanPosition } from '../domain/loans/state.ts';
import { parseDong } from '../domain/money.ts';
import { type Refusal, RefusedError } from '../domain/refusal.ts';
import { CLI } from '../i18n/cli.ts';
import { LOANS_CLI, LOANS_TERMS } from '../i18n/loans.ts';
import type { Lang } from '../i18n/types.ts';
import type { SnapshotRow } from '../store/loans-store.ts';
import { date, table } from './format.ts';
import type { CliKit } from './kit.ts';

function term(key: string, lang: Lang): string {
  return LOANS_TERMS[key]?.[lang] ?? key;
}

function amount(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const r = parseDong(field, value);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

/** "130" or "130 %" → 1,300,000 ppm (exactly; more than four decimals is refused). */
function percent(field: string, value: string): number {
  const r = parsePercentPpm(field, value, LOAN_LIMITS.multiplierPpmMax);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

function int(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,4}$/.test(value.trim()))
    throw new RefusedError([{ code: 'months_out_of_range', field, value, params: { min: 0, max: 360 } }]);
  return Number(value);
}

/** `--instalments "10/07/2026=5.000.000,10/01/2027=5.000.000"` or `@file.json`. */
function instalments(kit: CliKit, field: string, spec: string): CustomInstalment[] {
  if (spec.startsWith('@')) return JSON.parse(readFileSync(spec.slice(1), 'utf8')) as CustomInstalment[];
  const out: Refusal[] = [];
  const list = spec.split(',').map((part, i) => {
    const [d, a] = part.split('=');
    const due = kit.date(`${field}[${i}].due`, d?.trim()) ?? '';
    const r = parseDong(`${field}[${i}].principal`, a?.trim() ?? '');
    if (!r.ok) out.push(...r.refusals);
    return { due, principal: r.ok ? r.value : 0 };
  });
  if (out.length > 0) throw new RefusedError(out);
  return list;
}

interface RiskOpts {
  approver: string;
  doc: string;
  loss: string;
  shock?: string;
  cause?: string;
  causeKind?: string;
}

function riskOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--approver <name>')
    .requiredOption('--doc <no>', 'số quyết định / decision no.')
    .requiredOption('--loss <amount>', 'thiệt hại thẩm định / assessed loss')
    .option('--shock <id>', 'sự kiện rủi ro (sổ hộ) / shock event id')
    .option('--cause <text>')
    .option('--cause-kind <kind>', 'disaster | fire | illness | accident | death | epidemic | other');
}

function risk(o: RiskOpts) {
  return {
    approver: o.approver,
    documentNo: o.doc,
    lossDong: amount('lossDong', o.loss) ?? 0,
    shockId: o.shock ?? null,
    cause: o.cause ?? null,
    causeKind: o.causeKind ?? null,
  };
}

export function registerLoansCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;
  const app = kit.app;
  const ctx = kit.ctx;
  const d = (field: string, v: string | undefined) => kit.date(field, v);
  const need = (field: string, v: string | undefined): string => d(field, v) ?? '';
  const done = (what: string, r: { loan: string; entries: readonly string[] }) =>
    io.out(`${say(LOANS_CLI.recorded, { what, loan: r.loan, entries: r.entries.join(', ') || '—' })}\n`);

  // --- programmes -----------------------------------------------------------------------------
  const prog = program.command('programme').description(say(LOANS_CLI.programme));
  prog
    .command('list')
    .description(say(LOANS_CLI.programmeList))
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).loans.programmes(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          [
            'id',
            lang === 'vi' ? 'Tên' : 'Name',
            lang === 'vi' ? 'Sổ' : 'Book',
            lang === 'vi' ? 'Từ ngày' : 'From',
            lang === 'vi' ? 'Lãi suất/năm' : 'Rate/yr',
            lang === 'vi' ? 'Ghi chú' : 'Note',
          ],
          rows.flatMap((p) =>
            (p.rates.length === 0 ? [null] : p.rates).map((r, i) => [
              i === 0 ? p.id : '',
              i === 0 ? (lang === 'vi' ? p.nameVi : p.nameEn) : '',
              i === 0 ? p.bookTemplate : '',
              r ? date(r.from) : '',
              r?.annualPpm == null ? '—' : formatPercent(r.annualPpm, lang),
              r?.note.slice(0, 50) ?? '',
            ]),
          ),
          lang,
        ),
      );
    });
  prog
    .command('seed')
    .description(say(LOANS_CLI.programmeSeed))
    .action(async () => {
      const r = await (await app()).loans.seedProgrammes(await ctx());
      io.out(`${say(LOANS_CLI.seeded, { ids: r.created.join(', ') || '—' })}\n`);
    });
  prog
    .command('add')
    .description(say(LOANS_CLI.programmeAdd))
    .requiredOption('--id <id>')
    .requiredOption('--name-vi <name>')
    .option('--name-en <name>')
    .requiredOption('--accounting <mode>', 'own | entrusted')
    .option('--quoting <per>', 'year | month')
    .option('--day-count <dc>', 'act/365 | 30e/360')
    .option('--overdue <percent>', '130')
    .option('--rate-policy <policy>', 'floating | fixed_at_disbursement')
    .option('--cap-household <amount>')
    .option('--cap-project <amount>')
    .option('--term-max <months>')
    .option('--method <m>', 'equal_principal | annuity | bullet | custom')
    .option('--principal-every <months>')
    .option('--interest-every <months>')
    .option('--grace-principal <months>')
    .option(
      '--allocation <order>',
      'overdue_interest,interest_due,overdue_principal,principal_due,accrued_interest,prepayment',
    )
    .option('--requires-source')
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const overdue = s('overdue');
      const p = await (await app()).loans.addProgramme(await ctx(), {
        id: s('id') ?? '',
        nameVi: s('nameVi') ?? '',
        ...(s('nameEn') ? { nameEn: s('nameEn')! } : {}),
        accounting: s('accounting') ?? '',
        ...(s('quoting') ? { quoting: s('quoting') as 'year' } : {}),
        ...(s('dayCount') ? { dayCount: s('dayCount') as 'act/365' } : {}),
        ...(overdue ? { overdueMultiplierPpm: percent('overdue', overdue) } : {}),
        ...(s('ratePolicy') ? { ratePolicy: s('ratePolicy') as 'floating' } : {}),
        ...(s('capHousehold') ? { capHouseholdDong: amount('capHousehold', s('capHousehold'))! } : {}),
        ...(s('capProject') ? { capProjectDong: amount('capProject', s('capProject'))! } : {}),
        ...(s('termMax') ? { termMonthsMax: int('termMonthsMax', s('termMax'))! } : {}),
        ...(s('method') ? { scheduleMethod: s('method') as 'bullet' } : {}),
        ...(s('principalEvery')
          ? { principalEveryMonths: int('principalEveryMonths', s('principalEvery'))! }
          : {}),
        ...(s('interestEvery')
          ? { interestEveryMonths: int('interestEveryMonths', s('interestEvery'))! }
          : {}),
        ...(s('gracePrincipal')
          ? { gracePrincipalMonths: int('gracePrincipalMonths', s('gracePrincipal'))! }
          : {}),
        ...(s('allocation') ? { allocationOrder: s('allocation')!.split(',') as never } : {}),
        ...(o['requiresSource'] ? { requiresSource: true } : {}),
      });
      io.out(`${say(CLI.created, { what: lang === 'vi' ? 'chương trình' : 'programme', id: p.id })}\n`);
    });
  prog
    .command('rate-add <programme>')
    .description(say(LOANS_CLI.rateAdd))
    .requiredOption('--from <date>')
    .option('--rate <percent>', '6,6 | 0,55')
    .option('--per <unit>', 'year | month')
    .option('--base <programme>')
    .option('--multiplier <percent>', '125')
    .option('--doc <no>')
    .option('--note <text>')
    .action(
      async (
        programme: string,
        o: {
          from: string;
          rate?: string;
          per?: string;
          base?: string;
          multiplier?: string;
          doc?: string;
          note?: string;
        },
      ) => {
        const r = await (await app()).loans.addRate(await ctx(), {
          programme,
          from: need('from', o.from),
          ...(o.rate !== undefined ? { rate: o.rate } : {}),
          ...(o.per !== undefined ? { quoting: o.per } : {}),
          ...(o.base !== undefined ? { base: o.base } : {}),
          ...(o.multiplier !== undefined ? { multiplier: o.multiplier } : {}),
          documentNo: o.doc ?? null,
          note: o.note ?? '',
        });
        io.out(
          `${say(CLI.created, { what: lang === 'vi' ? 'lãi suất' : 'rate', id: `${r.programme} ${date(r.from)}` })}\n`,
        );
      },
    );

  // --- one loan ------------------------------------------------------------------------------------
  const loan = program.command('loan').description(say(LOANS_CLI.loan));
  loan
    .command('apply')
    .description(say(LOANS_CLI.apply))
    .requiredOption('--programme <id>')
    .requiredOption('--book <code>')
    .requiredOption('--household <id>')
    .requiredOption('--amount <amount>')
    .requiredOption('--date <date>')
    .option('--id <id>')
    .option('--term <months>')
    .option('--method <m>', 'equal_principal | annuity | bullet | custom')
    .option('--principal-every <months>')
    .option('--interest-every <months>')
    .option('--grace-principal <months>')
    .option('--grace-interest <months>')
    .option('--instalments <list>', 'custom: "10/07/2026=5.000.000,…" or @file.json')
    .option('--org <id>')
    .option('--group <id>')
    .option('--village <id>')
    .option('--source <source>', 'central | province | district | commune')
    .option('--purpose <text>')
    .option('--agreement <no>', 'số khế ước')
    .option('--key <idempotency-key>')
    .option('--json', say(CLI.optJson))
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const r = await (await app()).loans.apply(await ctx(), {
        programme: s('programme') ?? '',
        book: s('book') ?? '',
        household: s('household') ?? '',
        amount: amount('amount', s('amount')) ?? 0,
        date: need('date', s('date')),
        ...(s('id') ? { id: s('id')! } : {}),
        ...(s('term') ? { termMonths: int('termMonths', s('term'))! } : {}),
        ...(s('method') ? { method: s('method')! } : {}),
        ...(s('principalEvery')
          ? { principalEveryMonths: int('principalEveryMonths', s('principalEvery'))! }
          : {}),
        ...(s('interestEvery')
          ? { interestEveryMonths: int('interestEveryMonths', s('interestEvery'))! }
          : {}),
        ...(s('gracePrincipal')
          ? { gracePrincipalMonths: int('gracePrincipalMonths', s('gracePrincipal'))! }
          : {}),
        ...(s('graceInterest')
          ? { graceInterestMonths: int('graceInterestMonths', s('graceInterest'))! }
          : {}),
        ...(s('instalments') ? { custom: instalments(kit, 'custom', s('instalments')!) } : {}),
        organisation: s('org') ?? null,
        group: s('group') ?? null,
        village: s('village') ?? null,
        source: s('source') ?? null,
        purpose: s('purpose') ?? '',
        agreementNo: s('agreement') ?? null,
        idempotencyKey: s('key') ?? null,
      });
      if (o['json']) return json(r);
      io.out(`${say(LOANS_CLI.applied, { loan: r.loan })}\n`);
    });
  loan
    .command('approve <loan>')
    .description(say(LOANS_CLI.approve))
    .requiredOption('--date <date>')
    .requiredOption('--approver <name>')
    .option('--amount <amount>')
    .option('--doc <no>')
    .option('--key <idempotency-key>')
    .action(
      async (
        id: string,
        o: { date: string; approver: string; amount?: string; doc?: string; key?: string },
      ) => {
        const a = amount('amount', o.amount);
        const r = await (await app()).loans.approve(await ctx(), {
          loan: id,
          date: need('date', o.date),
          approver: o.approver,
          ...(a !== undefined ? { amount: a } : {}),
          documentNo: o.doc ?? null,
          idempotencyKey: o.key ?? null,
        });
        done(say(LOANS_CLI.approve), r);
      },
    );
  loan
    .command('disburse <loan>')
    .description(say(LOANS_CLI.disburse))
    .requiredOption('--date <date>')
    .requiredOption('--amount <amount>')
    .option('--account <code>', '111 | 112')
    .option('--doc <no>')
    .option('--key <idempotency-key>')
    .action(
      async (
        id: string,
        o: { date: string; amount: string; account?: string; doc?: string; key?: string },
      ) => {
        const r = await (await app()).loans.disburse(await ctx(), {
          loan: id,
          date: need('date', o.date),
          amount: amount('amount', o.amount) ?? 0,
          ...(o.account ? { cashAccount: o.account } : {}),
          documentNo: o.doc ?? null,
          idempotencyKey: o.key ?? null,
        });
        done(say(LOANS_CLI.disburse), r);
      },
    );
  loan
    .command('repay <loan>')
    .description(say(LOANS_CLI.repay))
    .requiredOption('--date <date>')
    .requiredOption('--amount <amount>')
    .option('--account <code>', '111 | 112')
    .option('--at-bank', 'trả thẳng tại NHCSXH / paid at the bank')
    .option('--doc <no>')
    .option('--key <idempotency-key>')
    .option('--json', say(CLI.optJson))
    .action(
      async (
        id: string,
        o: {
          date: string;
          amount: string;
          account?: string;
          atBank?: boolean;
          doc?: string;
          key?: string;
          json?: boolean;
        },
      ) => {
        const r = await (await app()).loans.repay(await ctx(), {
          loan: id,
          date: need('date', o.date),
          amount: amount('amount', o.amount) ?? 0,
          ...(o.account ? { cashAccount: o.account } : {}),
          paidAtBank: o.atBank ?? false,
          documentNo: o.doc ?? null,
          idempotencyKey: o.key ?? null,
        });
        if (o.json) return json(r);
        done(say(LOANS_CLI.repay), r);
        io.out(`${say(LOANS_CLI.allocation, { amount: r.amount })}\n`);
        io.out(
          table(
            [lang === 'vi' ? 'Khoản' : 'Part', lang === 'vi' ? 'Số tiền' : 'Amount'],
            Object.entries(r.allocation.parts).map(([k, v]) => [term(k, lang), v]),
            lang,
          ),
        );
      },
    );
  riskOptions(
    loan
      .command('extend <loan>')
      .description(say(LOANS_CLI.extend))
      .requiredOption('--date <date>')
      .requiredOption('--months <n>')
      .option('--instalment <n>')
      .option('--key <idempotency-key>'),
  ).action(
    async (id: string, o: RiskOpts & { date: string; months: string; instalment?: string; key?: string }) => {
      const n = int('instalment', o.instalment);
      const r = await (await app()).loans.extend(await ctx(), {
        loan: id,
        date: need('date', o.date),
        months: int('months', o.months) ?? 0,
        ...(n !== undefined ? { instalment: n } : {}),
        ...risk(o),
        idempotencyKey: o.key ?? null,
      });
      done(`${say(LOANS_CLI.extend)} ${date(r.due)} → ${date(r.newDue)}`, r);
    },
  );
  loan
    .command('adjust <loan>')
    .description(say(LOANS_CLI.adjust))
    .requiredOption('--date <date>')
    .requiredOption('--instalments <list>', '"10/07/2026=5.000.000,…" or @file.json')
    .requiredOption('--approver <name>')
    .requiredOption('--doc <no>')
    .option('--key <idempotency-key>')
    .action(
      async (
        id: string,
        o: { date: string; instalments: string; approver: string; doc: string; key?: string },
      ) => {
        const r = await (await app()).loans.adjust(await ctx(), {
          loan: id,
          date: need('date', o.date),
          instalments: instalments(kit, 'instalments', o.instalments),
          approver: o.approver,
          documentNo: o.doc,
          idempotencyKey: o.key ?? null,
        });
        done(say(LOANS_CLI.adjust), r);
      },
    );
  riskOptions(
    loan
      .command('freeze <loan>')
      .description(say(LOANS_CLI.freeze))
      .option('--date <date>')
      .requiredOption('--months <n>')
      .option('--renew')
      .option('--key <idempotency-key>'),
  ).action(
    async (id: string, o: RiskOpts & { date?: string; months: string; renew?: boolean; key?: string }) => {
      const from = d('date', o.date);
      const r = await (await app()).loans.freeze(await ctx(), {
        loan: id,
        ...(from !== undefined ? { date: from } : {}),
        months: int('months', o.months) ?? 0,
        renew: o.renew ?? false,
        ...risk(o),
        idempotencyKey: o.key ?? null,
      });
      done(`${say(LOANS_CLI.freeze)} ${date(r.from)} → ${date(r.until)}`, r);
    },
  );
  riskOptions(
    loan
      .command('write-off <loan>')
      .description(say(LOANS_CLI.writeOff))
      .requiredOption('--date <date>')
      .option('--principal <amount>')
      .option('--no-interest', 'không xóa lãi / keep the interest')
      .option('--key <idempotency-key>'),
  ).action(
    async (
      id: string,
      o: RiskOpts & { date: string; principal?: string; interest?: boolean; key?: string },
    ) => {
      const p = amount('principal', o.principal);
      const r = await (await app()).loans.writeOff(await ctx(), {
        loan: id,
        date: need('date', o.date),
        ...(p !== undefined ? { principal: p } : {}),
        interest: o.interest ?? true,
        ...risk(o),
        idempotencyKey: o.key ?? null,
      });
      done(say(LOANS_CLI.writeOff), r);
    },
  );
  loan
    .command('close <loan>')
    .description(say(LOANS_CLI.close))
    .requiredOption('--date <date>')
    .option('--doc <no>')
    .option('--key <idempotency-key>')
    .action(async (id: string, o: { date: string; doc?: string; key?: string }) => {
      const r = await (await app()).loans.close(await ctx(), {
        loan: id,
        date: need('date', o.date),
        documentNo: o.doc ?? null,
        idempotencyKey: o.key ?? null,
      });
      done(say(LOANS_CLI.close), r);
    });
  loan
    .command('show <loan>')
    .description(say(LOANS_CLI.show))
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (id: string, o: { asOf?: string; json?: boolean }) => {
      const v = await (await app()).loans.show(await ctx(), id, d('asOf', o.asOf));
      if (o.json) return json(v);
      io.out(
        `${v.loan.id} · ${lang === 'vi' ? v.programme.nameVi : v.programme.nameEn} · ${v.loan.household} · ${term(v.position.status, lang)}\n`,
      );
      io.out(position(v.position, lang));
      if (!v.booksInStep)
        io.out(
          lang === 'vi'
            ? 'Sổ sách chưa cập nhật đến ngày này: chạy loans month-end.\n'
            : 'The books lag this date: run loans month-end.\n',
        );
    });
  loan
    .command('schedule <loan>')
    .description(say(LOANS_CLI.schedule))
    .option('--from <date>', 'ngày giải ngân giả định / assumed disbursement day')
    .option('--json', say(CLI.optJson))
    .action(async (id: string, o: { from?: string; json?: boolean }) => {
      const from = d('from', o.from);
      const s = await (await app()).loans.schedule(await ctx(), id, from !== undefined ? { from } : {});
      if (o.json) return json(s);
      io.out(
        `${s.loan} · ${s.amount.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')} ₫ · ${date(s.firstDisbursement)} · ${s.annualRatePpm === null ? '—' : formatPercent(s.annualRatePpm, lang)}/${lang === 'vi' ? 'năm' : 'yr'}\n`,
      );
      io.out(
        table(
          [
            '#',
            lang === 'vi' ? 'Ngày' : 'Date',
            lang === 'vi' ? 'Số ngày' : 'Days',
            lang === 'vi' ? 'Dư nợ' : 'Balance',
            lang === 'vi' ? 'Lãi' : 'Interest',
            lang === 'vi' ? 'Gốc' : 'Principal',
            lang === 'vi' ? 'Cộng' : 'Total',
            lang === 'vi' ? 'Còn lại' : 'After',
          ],
          [
            ...s.projection.map((r) => [
              String(r.no),
              date(r.date),
              String(r.days),
              r.balance,
              r.interest,
              r.principal,
              r.total,
              r.balanceAfter,
            ]),
            [
              '',
              lang === 'vi' ? 'Cộng' : 'Total',
              '',
              null,
              s.totalInterest,
              s.totalPrincipal,
              s.totalInterest + s.totalPrincipal,
              null,
            ],
          ],
          lang,
        ),
      );
    });
  loan
    .command('statement <loan>')
    .description(say(LOANS_CLI.statement))
    .option('--from <date>')
    .option('--to <date>')
    .option('--json', say(CLI.optJson))
    .action(async (id: string, o: { from?: string; to?: string; json?: boolean }) => {
      const from = d('from', o.from);
      const to = d('to', o.to);
      const s = await (await app()).loans.statement(await ctx(), id, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      if (o.json) return json(s);
      io.out(history(s.history, lang));
    });

  // --- reports and the month-end run -------------------------------------------------------------
  const loans = program.command('loans').description(say(LOANS_CLI.loans));
  loans
    .command('portfolio')
    .description(say(LOANS_CLI.portfolio))
    .requiredOption('--as-of <date>')
    .option(
      '--by <dimension>',
      'programme | organisation | group | village | source | book | bucket | status | all',
      'programme',
    )
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf: string; by: string; json?: boolean }) => {
      const p = await (await app()).loans.portfolio(await ctx(), {
        asOf: need('asOf', o.asOf),
        by: o.by as 'programme',
      });
      if (o.json) return json(p);
      io.out(portfolioTable([...p.rows, p.total], lang));
    });
  for (const [name, desc, run] of [
    [
      'overdue',
      LOANS_CLI.overdue,
      async (asOf: string) => (await app()).loans.overdue(await ctx(), { asOf }),
    ],
    [
      'frozen',
      LOANS_CLI.frozenList,
      async (asOf: string) => (await app()).loans.frozen(await ctx(), { asOf }),
    ],
  ] as const) {
    loans
      .command(name)
      .description(say(desc))
      .requiredOption('--as-of <date>')
      .option('--json', say(CLI.optJson))
      .action(async (o: { asOf: string; json?: boolean }) => {
        const r = await run(need('asOf', o.asOf));
        if (o.json) return json(r);
        io.out(listTable(r.rows, lang));
      });
  }
  loans
    .command('idle')
    .description(say(LOANS_CLI.idle))
    .requiredOption('--as-of <date>')
    .option('--months <n>', '3')
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf: string; months?: string; json?: boolean }) => {
      const months = int('months', o.months);
      const r = await (await app()).loans.idle(await ctx(), {
        asOf: need('asOf', o.asOf),
        ...(months ? { months } : {}),
      });
      if (o.json) return json(r);
      io.out(listTable(r.rows, lang));
    });
  loans
    .command('classify')
    .description(say(LOANS_CLI.classify))
    .option('--year <yyyy>')
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { year?: string; asOf?: string; json?: boolean }) => {
      const asOf =
        o.asOf !== undefined
          ? need('asOf', o.asOf)
          : need('year', `${o.year ?? (io.now?.() ?? new Date()).getFullYear()}-12-31`);
      const c = await (await app()).loans.classify(await ctx(), asOf, { onProgress: (p) => progress(p) });
      if (o.json) return json(c);
      io.out(portfolioTable([...c.byBucket, c.total], lang));
      io.out(portfolioTable(c.byStatus, lang));
    });
  const progress = (p: { loansDone: number; loansTotal: number; entriesPosted: number; chunk: number }) =>
    io.err(
      `${say(LOANS_CLI.progress, { done: p.loansDone, total: p.loansTotal, entries: p.entriesPosted, chunk: p.chunk })}\n`,
    );
  loans
    .command('month-end')
    .description(say(LOANS_CLI.monthEnd))
    .requiredOption('--as-of <date>')
    .option('--chunk <n>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf: string; chunk?: string; json?: boolean }) => {
      const chunk = o.chunk === undefined ? undefined : Number(o.chunk);
      const r = await (await app()).loans.monthEnd(await ctx(), {
        asOf: need('asOf', o.asOf),
        ...(chunk !== undefined ? { chunkSize: chunk } : {}),
        onProgress: progress,
      });
      if (o.json) return json(r);
      io.out(
        `${say(LOANS_CLI.monthEndDone, { job: r.job, done: r.loansDone, entries: r.entriesPosted, resumed: r.resumed ? (lang === 'vi' ? ' (chạy tiếp)' : ' (resumed)') : '' })}\n`,
      );
    });
  loans
    .command('jobs')
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).loans.jobs(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          ['job', 'status', 'loans', 'entries', 'finished'],
          rows.map((j) => [j.id, j.status, j.loansDone, j.entriesPosted, j.finishedAt]),
          lang,
        ),
      );
    });
  loans
    .command('handover')
    .description(say(LOANS_CLI.handover))
    .requiredOption('--book <code>')
    .requiredOption('--date <date>')
    .option('--doc <no>')
    .option('--key <idempotency-key>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { book: string; date: string; doc?: string; key?: string; json?: boolean }) => {
      const r = await (await app()).loans.handOver(await ctx(), {
        book: o.book,
        date: need('date', o.date),
        documentNo: o.doc ?? null,
        idempotencyKey: o.key ?? null,
      });
      if (o.json) return json(r);
      io.out(
        `${r.entries.join(', ')}: ${r.total.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')} ₫ (${r.loans})\n`,
      );
    });
}

function position(p: LoanPosition, lang: Lang): string {
  const vi = lang === 'vi';
  const rows: Array<[string, number | string | null]> = [
    [vi ? 'Đã giải ngân' : 'Disbursed', p.disbursed],
    [vi ? 'Dư nợ gốc' : 'Outstanding principal', p.outstanding],
    [`  ${term('current', lang)}`, p.principal.current],
    [`  ${term('overdue', lang)}`, p.principal.overdue],
    [`  ${term('extended', lang)}`, p.principal.extended],
    [`  ${term('frozen', lang)}`, p.principal.frozen],
    [term('interest_due', lang), p.interest.due],
    [term('accrued_interest', lang), p.interest.accrued],
    [term('overdue_interest', lang), Math.max(0, p.overdueInterest.unpaid)],
    [vi ? 'Số ngày quá hạn' : 'Days past due', String(p.daysPastDue)],
    [vi ? 'Khoanh nợ đến' : 'Frozen until', date(p.frozenUntil)],
    [vi ? 'Hạn cuối' : 'Maturity', date(p.maturity)],
  ];
  const out = table(
    [vi ? `Tại ngày ${date(p.asOf)}` : `As of ${date(p.asOf)}`, vi ? 'Số tiền' : 'Amount'],
    rows.map(([k, v]) => [k, v]),
    lang,
  );
  const inst = table(
    [
      '#',
      vi ? 'Đến hạn' : 'Due',
      vi ? 'Gốc' : 'Principal',
      vi ? 'Đã trả' : 'Paid',
      vi ? 'Còn' : 'Unpaid',
      vi ? 'Loại' : 'Class',
      vi ? 'Ngày QH' : 'DPD',
    ],
    p.instalments.map((i) => [
      String(i.no),
      date(i.due),
      i.principal,
      i.paid,
      i.unpaid,
      term(i.cls, lang),
      String(i.daysPastDue),
    ]),
    lang,
  );
  return `${out}\n${inst}`;
}

function history(lines: readonly HistoryLine[], lang: Lang): string {
  const vi = lang === 'vi';
  return table(
    [
      vi ? 'Ngày' : 'Date',
      vi ? 'Nghiệp vụ' : 'Event',
      vi ? 'Gốc' : 'Principal',
      vi ? 'Lãi' : 'Interest',
      term('overdue_interest', lang),
      vi ? 'Dư nợ' : 'Outstanding',
      '',
    ],
    lines.map((l) => [
      date(l.date),
      l.kind,
      l.principal,
      l.interest,
      l.overdueInterest,
      l.outstanding,
      l.detail,
    ]),
    lang,
  );
}

function portfolioTable(rows: readonly PortfolioRow[], lang: Lang): string {
  const vi = lang === 'vi';
  return table(
    [
      '',
      vi ? 'Khoản' : 'Loans',
      vi ? 'Hộ' : 'Borrowers',
      vi ? 'Dư nợ' : 'Outstanding',
      term('overdue', lang),
      term('extended', lang),
      term('frozen', lang),
      vi ? 'Lãi phải thu' : 'Interest owed',
      'PAR30 %',
    ],
    rows.map((r) => [
      r.key ?? '—',
      r.loans,
      r.borrowers,
      r.outstanding,
      r.overdue,
      r.extended,
      r.frozen,
      r.interestDue + r.interestAccrued + r.overdueInterest,
      r.par30Percent,
    ]),
    lang,
  );
}

function listTable(rows: readonly SnapshotRow[], lang: Lang): string {
  const vi = lang === 'vi';
  return table(
    [
      vi ? 'Khoản vay' : 'Loan',
      vi ? 'Hộ' : 'Household',
      vi ? 'Chương trình' : 'Programme',
      vi ? 'Tổ' : 'Group',
      vi ? 'Dư nợ' : 'Outstanding',
      term('overdue', lang),
      vi ? 'Ngày QH' : 'DPD',
      vi ? 'Khoanh đến' : 'Frozen until',
      vi ? 'GD cuối' : 'Last tx',
    ],
    rows.map((r) => [
      r.loan_id,
      r.household_id,
      r.programme_id,
      r.group_id,
      r.outstanding_dong,
      r.overdue_dong,
      String(r.days_past_due),
      date(r.frozen_until),
      date(r.last_transaction),
    ]),
    lang,
  );
}
