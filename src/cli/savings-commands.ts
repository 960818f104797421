/**
 * Savings commands: `soquy savings …` (cycles, meeting sheets, register, passbook, share-out,
 * savings accounts, interest, balances, indicators). Every read takes `--json`.
 */
import { readFileSync } from 'node:fs';
import type { MeetingInput } from '../app/savings/savings.ts';
import { parseDong } from '../domain/money.ts';
import { RefusedError } from '../domain/refusal.ts';
import { CLI } from '../i18n/cli.ts';
import { SAVINGS_CLI } from '../i18n/savings.ts';
import { date, money, table } from './format.ts';
import type { CliKit } from './kit.ts';

function amount(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const r = parseDong(field, value);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

function int(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value.trim()))
    throw new RefusedError([
      { code: 'savings_number_out_of_range', field, value, params: { min: 0, max: 9_999_999 } },
    ]);
  return Number(value);
}

export function registerSavingsCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;
  const app = kit.app;
  const ctx = kit.ctx;
  const need = (field: string, v: string | undefined): string => kit.date(field, v) ?? '';
  const s = program.command('savings').description(say(SAVINGS_CLI.savings));

  s.command('cycle-open')
    .description(say(SAVINGS_CLI.cycleOpen))
    .requiredOption('--group <id>')
    .requiredOption('--book <code>')
    .requiredOption('--start <date>')
    .requiredOption('--share-price <dong>')
    .option('--social <dong>')
    .option('--loan-multiple <n>')
    .option('--service-charge <percent per month>')
    .option('--term <months>')
    .option('--absence-fine <dong>')
    .option('--split <owners/board/village>', 'e.g. 50/30/20')
    .option('--json', say(CLI.optJson))
    .action(async (o: Record<string, string | boolean | undefined>) => {
      const split = typeof o['split'] === 'string' ? o['split'].split('/') : null;
      const c = await (await app()).savings.openCycle(await ctx(), {
        group: String(o['group']),
        book: String(o['book']),
        startedOn: need('start', o['start'] as string),
        sharePrice: amount('sharePrice', o['sharePrice'] as string) ?? 0,
        ...(o['social'] !== undefined ? { social: amount('social', o['social'] as string)! } : {}),
        ...(o['loanMultiple'] !== undefined
          ? { loanMultiple: int('loanMultiple', o['loanMultiple'] as string)! }
          : {}),
        ...(o['serviceCharge'] !== undefined ? { serviceCharge: o['serviceCharge'] as string } : {}),
        ...(o['term'] !== undefined ? { termMonthsMax: int('termMonthsMax', o['term'] as string)! } : {}),
        ...(o['absenceFine'] !== undefined
          ? { absenceFine: amount('absenceFine', o['absenceFine'] as string)! }
          : {}),
        ...(split
          ? { split: { owners: split[0] ?? '', board: split[1] ?? '', village: split[2] ?? '' } }
          : {}),
      });
      if (o['json']) return json(c);
      io.out(`${c.id}\n`);
    });

  s.command('cycles')
    .description(say(SAVINGS_CLI.cycles))
    .option('--group <id>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { group?: string; json?: boolean }) => {
      const rows = await (await app()).savings.cycles(await ctx(), o.group);
      if (o.json) return json(rows);
      io.out(
        table(
          lang === 'vi'
            ? ['Chu kỳ', 'Nhóm', 'Sổ', 'Bắt đầu', 'Giá cổ phần', 'Số buổi họp', 'Chia cuối kỳ']
            : ['Cycle', 'Group', 'Book', 'Started', 'Share price', 'Meetings', 'Shared out'],
          rows.map((c) => [
            c.id,
            c.groupName,
            c.book,
            date(c.startedOn),
            c.sharePrice,
            c.meetings,
            date(c.sharedOutOn),
          ]),
          lang,
        ),
      );
    });

  s.command('meeting')
    .description(say(SAVINGS_CLI.meeting))
    .requiredOption('--cycle <id>')
    .requiredOption('--date <date>')
    .requiredOption('--file <sheet.json>', '{"lines":[…],"countedLoanFund":…,"countedSocialFund":…}')
    .option('--approver <name>', 'an approved cash difference: who approved it')
    .option('--reason <text>')
    .option('--key <idempotency key>')
    .option('--dry-run', 'check and show the totals, write nothing')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        cycle: string;
        date: string;
        file: string;
        approver?: string;
        reason?: string;
        key?: string;
        dryRun?: boolean;
        json?: boolean;
      }) => {
        let sheet: Omit<MeetingInput, 'cycle' | 'date'>;
        try {
          sheet = JSON.parse(readFileSync(o.file, 'utf8')) as Omit<MeetingInput, 'cycle' | 'date'>;
        } catch (e) {
          throw new RefusedError([
            {
              code: 'savings_sheet_unreadable',
              field: 'file',
              value: o.file,
              params: { reason: (e as Error).message },
            },
          ]);
        }
        const input: MeetingInput = {
          ...sheet,
          cycle: o.cycle,
          date: need('date', o.date),
          ...(o.approver ? { difference: { approver: o.approver, reason: o.reason ?? '' } } : {}),
          idempotencyKey: o.key ?? null,
        };
        const a = await app();
        if (o.dryRun) {
          const p = await a.savings.previewMeeting(await ctx(), input);
          if (p.refusals.length > 0) throw new RefusedError(p.refusals);
          if (o.json) return json(p);
          return io.out(`${say(SAVINGS_CLI.previewOk)}\n`);
        }
        const r = await a.savings.recordMeeting(await ctx(), input);
        if (o.json) return json(r);
        io.out(
          `${say(SAVINGS_CLI.meetingRecorded, { number: r.number, date: date(r.date), entries: r.entries.join(', ') || '—' })}\n`,
        );
      },
    );

  s.command('register')
    .description(say(SAVINGS_CLI.register))
    .requiredOption('--cycle <id>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { cycle: string; json?: boolean }) => {
      const r = await (await app()).savings.register(await ctx(), o.cycle);
      if (o.json) return json(r);
      io.out(
        table(
          lang === 'vi'
            ? [
                'Số',
                'Ngày',
                'Có mặt',
                'Cổ phần',
                'Quỹ XH',
                'Thu nợ',
                'Phí',
                'Cho vay',
                'Phạt',
                'Phạt vắng',
                'Trợ cấp',
                'Quỹ cho vay',
                'Quỹ XH (tiền)',
                'Chênh lệch',
              ]
            : [
                'No.',
                'Date',
                'Present',
                'Shares',
                'Social',
                'Repaid',
                'Charges',
                'Lent',
                'Fines',
                'Absence fines',
                'Grants',
                'Loan fund',
                'Social fund',
                'Difference',
              ],
          r.meetings.map((m) => [
            m.number,
            date(m.date),
            m.totals.present,
            m.totals.shares,
            m.totals.social,
            m.totals.repayment,
            m.totals.serviceCharge,
            m.totals.newLoans,
            m.totals.fines,
            m.totals.absenceFines,
            m.totals.grants,
            m.countedLoanFund,
            m.countedSocialFund,
            m.difference
              ? `${m.difference.loanFund + m.difference.socialFund} (${m.difference.approver})`
              : '',
          ]),
          lang,
        ),
      );
    });

  s.command('passbook')
    .description(say(SAVINGS_CLI.passbook))
    .requiredOption('--group <id>')
    .requiredOption('--person <id>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { group: string; person: string; json?: boolean }) => {
      const p = await (await app()).savings.passbook(await ctx(), { group: o.group, person: o.person });
      if (o.json) return json(p);
      io.out(`${p.fullName} – ${p.groupName}\n`);
      io.out(
        table(
          lang === 'vi'
            ? [
                'Ngày',
                'Chu kỳ',
                'Họp',
                'Cổ phần',
                'Tiền',
                'Quỹ XH',
                'Vay',
                'Trả gốc',
                'Phí',
                'Phạt',
                'Phạt vắng',
                'Phạt còn nợ',
                'Tổng CP',
                'Tiết kiệm',
                'Dư nợ',
              ]
            : [
                'Date',
                'Cycle',
                'Meeting',
                'Shares',
                'Amount',
                'Social',
                'Loan',
                'Repaid',
                'Charge',
                'Fine',
                'Absence fine',
                'Fines owed',
                'Total shares',
                'Savings',
                'Owed',
              ],
          p.lines.map((l) => [
            date(l.date),
            l.cycle,
            l.meeting,
            l.shares,
            l.shareAmount,
            l.social,
            l.newLoan,
            l.repayment,
            l.serviceCharge,
            l.fine,
            l.absenceFine,
            l.finesOwed,
            l.sharesTotal,
            l.shareSavings,
            l.loanOutstanding,
          ]),
          lang,
        ),
      );
    });

  s.command('share-out')
    .description(say(SAVINGS_CLI.shareOut))
    .requiredOption('--cycle <id>')
    .requiredOption('--date <date>')
    .option('--reinvest <member=shares,…>')
    .option('--next-share-price <dong>', 'open the next cycle at this share price')
    .option('--key <idempotency key>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        cycle: string;
        date: string;
        reinvest?: string;
        nextSharePrice?: string;
        key?: string;
        json?: boolean;
      }) => {
        const reinvest = Object.fromEntries(
          (o.reinvest ?? '')
            .split(',')
            .filter((x) => x.includes('='))
            .map((x) => {
              const [m, n] = x.split('=');
              return [m!.trim(), int(`reinvest.${m}`, n!.trim())!];
            }),
        );
        const r = await (await app()).savings.shareOut(await ctx(), {
          cycle: o.cycle,
          date: need('date', o.date),
          reinvest,
          next: o.nextSharePrice ? { sharePrice: amount('next.sharePrice', o.nextSharePrice)! } : null,
          idempotencyKey: o.key ?? null,
        });
        if (o.json) return json(r);
        io.out(
          table(
            lang === 'vi'
              ? ['Thành viên', 'Cổ phần', 'Được chia', 'Tiền mặt', 'Giữ lại']
              : ['Member', 'Shares', 'Payout', 'Cash', 'Reinvested'],
            r.payouts.map((p) => [
              p.member,
              p.shares,
              p.amount,
              r.cashPaid[p.member] ?? 0,
              r.reinvested[p.member] ?? 0,
            ]),
            lang,
          ),
        );
        io.out(
          lang === 'vi'
            ? `Quỹ chia ${money(r.pool, lang)} − ban điều hành ${money(r.board, lang)} − quỹ thôn ${money(r.village, lang)} = ${money(r.distributable, lang)}; dư ${money(r.remainder, lang)} đ giữ lại chu kỳ sau; quỹ xã hội ${money(r.socialFundKept, lang)} không chia.\n`
            : `Pool ${money(r.pool, lang)} − board ${money(r.board, lang)} − village ${money(r.village, lang)} = ${money(r.distributable, lang)}; remainder ${money(r.remainder, lang)} đ carried to the next cycle; social fund ${money(r.socialFundKept, lang)} not shared.\n`,
        );
      },
    );

  s.command('account-open')
    .description(say(SAVINGS_CLI.accountOpen))
    .requiredOption('--book <code>')
    .requiredOption('--person <id>')
    .requiredOption('--kind <voluntary|compulsory|vbsp_group>')
    .requiredOption('--opened <date>')
    .option('--rate <percent per year>')
    .option('--id <id>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        book: string;
        person: string;
        kind: string;
        opened: string;
        rate?: string;
        id?: string;
        json?: boolean;
      }) => {
        const a = await (await app()).savings.openAccount(await ctx(), {
          book: o.book,
          person: o.person,
          kind: o.kind,
          openedOn: need('opened', o.opened),
          ...(o.rate !== undefined ? { rate: o.rate } : {}),
          ...(o.id !== undefined ? { id: o.id } : {}),
        });
        if (o.json) return json(a);
        io.out(`${a.id}\n`);
      },
    );

  s.command('accounts')
    .description(say(SAVINGS_CLI.accounts))
    .option('--book <code>')
    .option('--person <id>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { book?: string; person?: string; json?: boolean }) => {
      const rows = await (await app()).savings.accounts(await ctx(), {
        ...(o.book ? { book: o.book } : {}),
        ...(o.person ? { person: o.person } : {}),
      });
      if (o.json) return json(rows);
      io.out(
        table(
          lang === 'vi'
            ? ['Sổ', 'Sổ quỹ', 'Người', 'Loại', 'Mở ngày', 'Số dư']
            : ['Account', 'Book', 'Person', 'Kind', 'Opened', 'Balance'],
          rows.map((a) => [a.id, a.book_code, a.person_id, a.kind, date(a.opened_on), a.balance]),
          lang,
        ),
      );
    });

  for (const [name, desc] of [
    ['deposit', SAVINGS_CLI.deposit],
    ['withdraw', SAVINGS_CLI.withdraw],
  ] as const)
    s.command(name)
      .description(say(desc))
      .requiredOption('--account <id>')
      .requiredOption('--date <date>')
      .requiredOption('--amount <dong>')
      .option('--document <no>')
      .option('--key <idempotency key>')
      .option('--json', say(CLI.optJson))
      .action(
        async (o: {
          account: string;
          date: string;
          amount: string;
          document?: string;
          key?: string;
          json?: boolean;
        }) => {
          const input = {
            account: o.account,
            date: need('date', o.date),
            amount: amount('amount', o.amount) ?? 0,
            documentNo: o.document ?? null,
            idempotencyKey: o.key ?? null,
          };
          const a = await app();
          const r =
            name === 'deposit'
              ? await a.savings.deposit(await ctx(), input)
              : await a.savings.withdraw(await ctx(), input);
          if (o.json) return json(r);
          io.out(`${r.account}: ${money(r.balance, lang)} (${r.entries.join(', ')})\n`);
        },
      );

  s.command('interest')
    .description(say(SAVINGS_CLI.interest))
    .requiredOption('--book <code>')
    .requiredOption('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { book: string; asOf: string; json?: boolean }) => {
      const r = await (await app()).savings.postInterest(await ctx(), {
        book: o.book,
        asOf: need('asOf', o.asOf),
      });
      if (o.json) return json(r);
      io.out(
        table(
          lang === 'vi'
            ? ['Sổ', 'Từ ngày', 'Đồng × ngày', 'Lãi']
            : ['Account', 'From', 'Đồng × days', 'Interest'],
          r.lines.map((l) => [l.account, date(l.from), l.dongDays, l.interest]),
          lang,
        ),
      );
    });

  s.command('balance')
    .description(say(SAVINGS_CLI.balance))
    .option('--person <id>')
    .option('--household <id>')
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { person?: string; household?: string; asOf?: string; json?: boolean }) => {
      const who = o.person ? { person: o.person } : { household: o.household ?? '' };
      const r = await (await app()).savings.balanceAsOf(await ctx(), who, kit.date('asOf', o.asOf));
      if (o.json) return json(r);
      io.out(`${money(r.total, lang)} (${money(r.shares, lang)} + ${money(r.accounts, lang)})\n`);
    });

  s.command('indicators')
    .description(say(SAVINGS_CLI.indicators))
    .requiredOption('--quarter <YYYY-Qn>')
    .option('--organisation <id>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { quarter: string; organisation?: string; json?: boolean }) => {
      const r = await (await app()).savings.indicators(await ctx(), {
        quarter: o.quarter,
        ...(o.organisation ? { organisation: o.organisation } : {}),
      });
      if (o.json) return json(r);
      const head =
        lang === 'vi'
          ? [
              'Nhóm / tổ chức',
              'Thành viên',
              '% nữ',
              '% có mặt',
              'Tiết kiệm',
              'Dư nợ',
              'PAR30 %',
              'ROA năm %',
              'Quỹ XH',
            ]
          : [
              'Group / organisation',
              'Members',
              '% women',
              '% attendance',
              'Savings',
              'Loans',
              'PAR30 %',
              'ROA yr %',
              'Social fund',
            ];
      io.out(
        table(
          head,
          [...r.groups, ...r.organisations].map((g) => [
            g.name,
            g.members,
            g.womenPct ?? '—',
            g.attendancePct ?? '—',
            g.savings,
            g.loansOutstanding,
            g.par30Pct ?? '—',
            g.roaAnnualisedPct ?? '—',
            g.socialFund,
          ]),
          lang,
        ),
      );
    });
}
