/**
 * Fund commands: `soquy fund …`: open funds and campaigns, record donations and pledges, propose
 * aid and transfers, approve them as another user, print receipts and the disclosure. Every read
 * takes `--json`.
 */
import type { Command } from 'commander';
import type { SpendingView } from '../app/funds/funds.ts';
import type { DisclosureReport } from '../domain/funds/disclosure.ts';
import { amountInWordsVi } from '../domain/words.ts';
import { CLI } from '../i18n/cli.ts';
import { FUNDS_CLI, fundsWord } from '../i18n/funds.ts';
import type { Lang } from '../i18n/types.ts';
import { date, money, table } from './format.ts';
import type { CliKit } from './kit.ts';

function list(v: string | undefined): string[] {
  return v === undefined || v.trim() === '' ? [] : v.split(',').map((s) => s.trim());
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--phase "Đợt 1:10/09/2025:30/09/2025"` (the name may not hold a colon). */
function phase(spec: string): { name: string; startsOn: string; endsOn: string } {
  const [name, startsOn, endsOn] = spec.split(':');
  return { name: name ?? '', startsOn: startsOn ?? '', endsOn: endsOn ?? '' };
}

/** `--point "diem-01=Chi hội 1"` or `--point "diem-01=Chi hội 1@duc-khe"`. */
function point(spec: string): { id: string; name: string; village?: string } {
  const [id, rest] = spec.split('=');
  const [name, village] = (rest ?? '').split('@');
  return village ? { id: id ?? '', name: name ?? '', village } : { id: id ?? '', name: name ?? '' };
}

export function disclosureText(d: DisclosureReport, lang: Lang): string {
  const vi = lang === 'vi';
  const w = (k: string) => fundsWord(k, lang);
  const out: string[] = [];
  out.push(
    `${vi ? d.fund.nameVi : d.fund.nameEn} — ${vi ? 'công khai từ' : 'disclosure from'} ${date(d.from)} ${vi ? 'đến' : 'to'} ${date(d.to)}`,
  );
  out.push(`${vi ? 'Tồn đầu kỳ' : 'Opening balance'}: ${money(d.openingDong, lang)}`);
  out.push(`${vi ? 'Thu' : 'Received'}: ${money(d.received.totalDong, lang)}`);
  out.push(
    table(
      [
        vi ? 'Người ủng hộ' : 'Donor',
        vi ? 'Loại' : 'Kind',
        vi ? 'Số lần' : 'Donations',
        vi ? 'Số tiền' : 'Amount',
      ],
      [
        ...d.received.byDonor.map((l) => [l.donorName, w(l.donorKind), l.donations, l.amountDong]),
        ...(d.received.anonymous.donations > 0
          ? [
              [
                vi ? 'Nhà hảo tâm ẩn danh' : 'Anonymous donors',
                '',
                d.received.anonymous.donations,
                d.received.anonymous.amountDong,
              ],
            ]
          : []),
      ],
      lang,
    ),
  );
  if (d.received.inKind.length > 0)
    out.push(
      table(
        [
          vi ? 'Ngày' : 'Date',
          vi ? 'Hiện vật' : 'Goods',
          vi ? 'Người ủng hộ' : 'Donor',
          vi ? 'Giá trị' : 'Value',
        ],
        d.received.inKind.map((l) => [
          date(l.date),
          l.description,
          l.donorName ?? w('anonymous'),
          l.amountDong,
        ]),
        lang,
      ),
    );
  out.push(`${vi ? 'Chi' : 'Spent'}: ${money(d.spent.totalDong, lang)}`);
  out.push(
    table(
      [vi ? 'Mục đích' : 'Purpose', vi ? 'Số hộ' : 'Households', vi ? 'Số tiền' : 'Amount'],
      d.spent.byPurpose.map((l) => [w(l.key), l.households, l.amountDong]),
      lang,
    ),
  );
  out.push(
    table(
      [vi ? 'Đối tượng' : 'Beneficiaries', vi ? 'Số hộ' : 'Households', vi ? 'Số tiền' : 'Amount'],
      d.spent.byCategory.map((l) => [w(l.key), l.households, l.amountDong]),
      lang,
    ),
  );
  if (d.spent.transfers.length > 0)
    out.push(
      table(
        [
          vi ? 'Ngày' : 'Date',
          vi ? 'Nơi nhận' : 'Recipient',
          vi ? 'Đợt' : 'Phase',
          vi ? 'Số tiền' : 'Amount',
        ],
        d.spent.transfers.map((t) => [
          date(t.date),
          t.recipient,
          t.phaseNo === null ? '' : String(t.phaseNo),
          t.amountDong,
        ]),
        lang,
      ),
    );
  out.push(`${vi ? 'Tồn cuối kỳ' : 'Closing balance'}: ${money(d.closingDong, lang)}`);
  if (!d.reconciled)
    out.push(vi ? '(!) Số liệu chưa khớp với sổ kế toán' : '(!) Figures do not match the journal');
  return `${out.join('\n')}\n`;
}

export function registerFundsCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;
  const app = kit.app;
  const ctx = kit.ctx;
  const vi = lang === 'vi';
  const w = (k: string) => fundsWord(k, lang);
  const paid = (s: SpendingView) =>
    io.out(`${say(FUNDS_CLI.paid, { documentNo: s.documentNo, amount: s.amountDong, entry: s.entry })}\n`);
  const proposal = (body: unknown) => {
    const op = (body as { operation: { id: number; summary: string } }).operation;
    io.out(`${say(FUNDS_CLI.proposed, { id: op.id, summary: op.summary })}\n`);
  };

  const fund: Command = program.command('fund').description(say(FUNDS_CLI.fund));
  fund
    .command('create')
    .description(say(FUNDS_CLI.create))
    .requiredOption('--id <id>')
    .requiredOption('--kind <kind>', 'for_the_poor | relief | emergency | collection')
    .requiredOption('--name-vi <name>')
    .option('--name-en <name>')
    .requiredOption('--purpose <text>')
    .requiredOption('--opens <date>')
    .requiredOption('--closes <date>')
    .option('--level <level>', 'commune | district | province | central')
    .option('--org <id>')
    .option('--restrict <purposes>', 'house,emergency,relief,women_children,livelihood')
    .option('--shock <id>', 'sự kiện rủi ro (khẩn cấp) / shock event (emergency appeal)')
    .option('--phase <name:from:to>', 'Đợt 1:10/09/2025:30/09/2025', collect)
    .option('--point <id=name[@village]>', 'diem-01=Chi hội 1@duc-khe', collect)
    .action(async (o: Record<string, string | string[] | undefined>) => {
      const s = (k: string) => o[k] as string | undefined;
      const f = await (await app()).funds.createFund(await ctx(), {
        id: s('id'),
        kind: s('kind'),
        nameVi: s('nameVi'),
        nameEn: s('nameEn'),
        purpose: s('purpose'),
        opensOn: s('opens'),
        closesOn: s('closes'),
        level: s('level'),
        organisation: s('org'),
        restrictedPurposes: list(s('restrict')),
        shockId: s('shock'),
        phases: ((o['phase'] as string[] | undefined) ?? []).map(phase),
        points: ((o['point'] as string[] | undefined) ?? []).map(point),
      });
      io.out(`${say(CLI.created, { what: vi ? 'quỹ' : 'fund', id: f.id })}\n`);
    });
  fund
    .command('list')
    .description(say(FUNDS_CLI.list))
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).funds.funds(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          [
            'id',
            vi ? 'Tên' : 'Name',
            vi ? 'Loại' : 'Kind',
            vi ? 'Từ' : 'Opens',
            vi ? 'Đến' : 'Closes',
            vi ? 'Số dư' : 'Balance',
          ],
          rows.map((f) => [
            f.id,
            vi ? f.nameVi : f.nameEn,
            w(f.kind),
            date(f.opensOn),
            date(f.closesOn),
            f.balanceDong,
          ]),
          lang,
        ),
      );
    });
  fund
    .command('show <id>')
    .description(say(FUNDS_CLI.show))
    .option('--json', say(CLI.optJson))
    .action(async (id: string, o: { json?: boolean }) => {
      const f = await (await app()).funds.fund(await ctx(), id);
      if (o.json) return json(f);
      io.out(
        [
          `${f.id} — ${vi ? f.nameVi : f.nameEn} (${w(f.kind)}, ${w(f.level)})`,
          `${vi ? 'Mục đích' : 'Purpose'}: ${f.purpose}`,
          `${vi ? 'Chỉ chi cho' : 'Spent only on'}: ${f.restrictedPurposes.map(w).join(', ') || (vi ? '(không hạn chế)' : '(unrestricted)')}`,
          `${vi ? 'Tiếp nhận' : 'Receives'}: ${date(f.opensOn)} – ${date(f.closesOn)}`,
          ...(f.householdId ? [`${vi ? 'Hộ' : 'Household'}: ${f.householdId} (${f.shockId})`] : []),
          `${vi ? 'Đã thu' : 'Received'}: ${money(f.receivedDong, lang)} (${f.donations})`,
          `${vi ? 'Đã chi' : 'Spent'}: ${money(f.spentDong, lang)} (${f.spendings})`,
          `${vi ? 'Số dư' : 'Balance'}: ${money(f.balanceDong, lang)}`,
          '',
        ].join('\n'),
      );
    });
  fund
    .command('cap')
    .description(say(FUNDS_CLI.cap))
    .requiredOption('--purpose <purpose>', 'house | emergency | relief | women_children | livelihood')
    .requiredOption('--amount <amount>')
    .requiredOption('--from <date>')
    .option('--doc <no>')
    .action(async (o: { purpose: string; amount: string; from: string; doc?: string }) => {
      const c = await (await app()).funds.setCap(await ctx(), {
        purpose: o.purpose,
        amount: o.amount,
        from: o.from,
        documentNo: o.doc,
      });
      io.out(`${say(FUNDS_CLI.capSet, { purpose: w(c.purpose), amount: c.capDong, from: c.from })}\n`);
    });
  fund
    .command('caps')
    .description(say(FUNDS_CLI.caps))
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).funds.caps(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          [
            vi ? 'Mục đích' : 'Purpose',
            vi ? 'Từ ngày' : 'From',
            vi ? 'Tối đa / hộ' : 'Cap / household',
            vi ? 'Văn bản' : 'Document',
          ],
          rows.map((c) => [w(c.purpose), date(c.from), c.capDong, c.documentNo]),
          lang,
        ),
      );
    });

  const donorOptions = (c: Command) =>
    c
      .requiredOption('--date <date>')
      .requiredOption('--donor-kind <kind>', 'person | organisation | business | anonymous')
      .option('--donor <name>')
      .option('--anonymous', vi ? 'không công khai tên' : 'do not disclose the name')
      .requiredOption('--amount <amount>');
  donorOptions(fund.command('donate <fund>').description(say(FUNDS_CLI.donate)))
    .option('--id-no <cccd>')
    .option('--address <text>')
    .option('--form <form>', 'cash | bank | in_kind')
    .option('--goods <text>', vi ? 'mô tả hiện vật' : 'description of goods')
    .option('--point <id>')
    .option('--phase <n>')
    .option('--pledge <id>')
    .option('--receipt-no <n>')
    .option('--memo <text>')
    .option('--key <key>', 'idempotency key')
    .option('--json', say(CLI.optJson))
    .action(async (f: string, o: Record<string, string | boolean | undefined>) => {
      const s = (k: string) => o[k] as string | undefined;
      const d = await (await app()).funds.donate(await ctx(), {
        fund: f,
        date: s('date'),
        donorKind: s('donorKind'),
        donorName: s('donor'),
        donorIdNo: s('idNo'),
        donorAddress: s('address'),
        anonymous: o['anonymous'] === true,
        form: s('form'),
        amount: s('amount'),
        inKindDescription: s('goods'),
        point: s('point'),
        phase: s('phase'),
        pledge: s('pledge'),
        receiptNo: s('receiptNo'),
        memo: s('memo'),
        idempotencyKey: s('key') ?? null,
      });
      if (o['json']) return json(d);
      io.out(
        `${say(FUNDS_CLI.donated, { documentNo: d.documentNo, amount: d.amountDong, entry: d.entry })}\n`,
      );
    });
  donorOptions(fund.command('pledge <fund>').description(say(FUNDS_CLI.pledge))).action(
    async (f: string, o: Record<string, string | boolean | undefined>) => {
      const s = (k: string) => o[k] as string | undefined;
      const p = await (await app()).funds.pledge(await ctx(), {
        fund: f,
        date: s('date'),
        donorKind: s('donorKind'),
        donorName: s('donor'),
        anonymous: o['anonymous'] === true,
        amount: s('amount'),
      });
      io.out(`${say(FUNDS_CLI.pledged, { id: p.id, amount: p.amountDong })}\n`);
    },
  );
  fund
    .command('receipt <fund> <no>')
    .description(say(FUNDS_CLI.receipt))
    .option('--json', say(CLI.optJson))
    .action(async (f: string, no: string, o: { json?: boolean }) => {
      const r = await (await app()).funds.receipt(await ctx(), f, Number(no));
      if (o.json) return json(r);
      const d = r.donation;
      io.out(
        [
          `PHIẾU THU / RECEIPT  ${d.documentNo}`,
          `${r.fund.nameVi}`,
          `${vi ? 'Ngày' : 'Date'}: ${date(d.date)}`,
          `${vi ? 'Người nộp' : 'From'}: ${d.donorName ?? w('anonymous')}${d.donorAddress ? `, ${d.donorAddress}` : ''}`,
          `${vi ? 'Lý do' : 'Reason'}: ${d.memo}`,
          `${vi ? 'Số tiền' : 'Amount'}: ${money(d.amountDong, lang)} đ${d.inKindDescription ? ` (${d.inKindDescription})` : ''}`,
          `${vi ? 'Bằng chữ' : 'In words'}: ${amountInWordsVi(d.amountDong)}`,
          `${vi ? 'Bút toán' : 'Entry'}: ${d.entry}`,
          '',
        ].join('\n'),
      );
    });
  fund
    .command('aid <fund>')
    .description(say(FUNDS_CLI.aid))
    .requiredOption('--household <id>')
    .requiredOption('--purpose <purpose>', 'house | emergency | relief | women_children | livelihood')
    .requiredOption('--amount <amount>')
    .requiredOption('--date <date>')
    .option('--form <form>', 'cash | bank | in_kind')
    .option('--shock <id>')
    .option('--memo <text>')
    .action(async (f: string, o: Record<string, string | undefined>) => {
      const r = await (await app()).funds.proposeAid(await ctx(), {
        fund: f,
        household: o['household'],
        purpose: o['purpose'],
        amount: o['amount'],
        date: o['date'],
        form: o['form'],
        shockId: o['shock'],
        memo: o['memo'],
      });
      proposal(r.body);
    });
  fund
    .command('transfer <fund>')
    .description(say(FUNDS_CLI.transfer))
    .requiredOption('--recipient <name>')
    .requiredOption('--purpose <purpose>')
    .requiredOption('--amount <amount>')
    .requiredOption('--date <date>')
    .option('--form <form>', 'cash | bank')
    .option('--phase <n>')
    .option('--memo <text>')
    .action(async (f: string, o: Record<string, string | undefined>) => {
      const r = await (await app()).funds.proposeTransfer(await ctx(), {
        fund: f,
        recipient: o['recipient'],
        purpose: o['purpose'],
        amount: o['amount'],
        date: o['date'],
        form: o['form'],
        phase: o['phase'],
        memo: o['memo'],
      });
      proposal(r.body);
    });
  fund
    .command('approve <operation>')
    .description(say(FUNDS_CLI.approve))
    .option('--json', say(CLI.optJson))
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await (await app()).operations.approve(await ctx(), Number(id), null);
      const s = (r.body as { result: SpendingView }).result;
      if (o.json) return json(s);
      paid(s);
    });
  for (const which of ['donations', 'spendings'] as const)
    fund
      .command(`${which} <fund>`)
      .description(say(FUNDS_CLI[which]))
      .option('--from <date>')
      .option('--to <date>')
      .option('--json', say(CLI.optJson))
      .action(async (f: string, o: { from?: string; to?: string; json?: boolean }) => {
        const range = {
          ...(o.from ? { from: kit.date('from', o.from)! } : {}),
          ...(o.to ? { to: kit.date('to', o.to)! } : {}),
        };
        const a = await app();
        if (which === 'donations') {
          const rows = await a.funds.donations(await ctx(), f, range);
          if (o.json) return json(rows);
          io.out(
            table(
              [
                vi ? 'Phiếu thu' : 'Receipt',
                vi ? 'Ngày' : 'Date',
                vi ? 'Người ủng hộ' : 'Donor',
                vi ? 'Hình thức' : 'Form',
                vi ? 'Số tiền' : 'Amount',
              ],
              rows.map((d) => [
                d.documentNo,
                date(d.date),
                `${d.donorName ?? w('anonymous')}${d.anonymous && d.donorName ? ' (*)' : ''}`,
                w(d.form),
                d.amountDong,
              ]),
              lang,
            ),
          );
        } else {
          const rows = await a.funds.spendings(await ctx(), f, range);
          if (o.json) return json(rows);
          io.out(
            table(
              [
                vi ? 'Phiếu chi' : 'Voucher',
                vi ? 'Ngày' : 'Date',
                vi ? 'Mục đích' : 'Purpose',
                vi ? 'Hộ / nơi nhận' : 'Household / recipient',
                vi ? 'Số tiền' : 'Amount',
              ],
              rows.map((s) => [
                s.documentNo,
                date(s.date),
                w(s.purpose),
                s.household ?? s.recipient,
                s.amountDong,
              ]),
              lang,
            ),
          );
        }
      });
  fund
    .command('disclosure <fund>')
    .description(say(FUNDS_CLI.disclosure))
    .option('--from <date>')
    .option('--to <date>')
    .option('--json', say(CLI.optJson))
    .action(async (f: string, o: { from?: string; to?: string; json?: boolean }) => {
      const d = await (await app()).funds.disclosure(await ctx(), f, { from: o.from, to: o.to });
      if (o.json) return json(d);
      io.out(disclosureText(d, lang));
    });
  fund
    .command('household-aid <household>')
    .description(say(FUNDS_CLI.householdAid))
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (h: string, o: { asOf?: string; json?: boolean }) => {
      const a = await (await app()).funds.aidReceivedByHousehold(await ctx(), h, kit.date('asOf', o.asOf));
      if (o.json) return json(a);
      io.out(
        table(
          [
            vi ? 'Ngày' : 'Date',
            vi ? 'Quỹ' : 'Fund',
            vi ? 'Mục đích' : 'Purpose',
            vi ? 'Phiếu chi' : 'Voucher',
            vi ? 'Số tiền' : 'Amount',
          ],
          [
            ...a.aids.map((x) => [
              date(x.date),
              vi ? x.fundNameVi : x.fundNameEn,
              w(x.purpose),
              x.documentNo,
              x.amountDong,
            ]),
            [vi ? 'Tổng' : 'Total', '', '', '', a.totalDong],
          ],
          lang,
        ),
      );
    });
}
