/**
 * `soquy vbsp …`: the commune transaction day with VBSP (docs/design/vbsp-day.md). Every read
 * takes `--json`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDong } from '../domain/money.ts';
import { type Refusal, RefusedError } from '../domain/refusal.ts';
import { ppmToPercent } from '../domain/vbsp/fees.ts';
import { CLI } from '../i18n/cli.ts';
import { VBSP_CLI, VBSP_DIFFERENCES } from '../i18n/vbsp.ts';
import type { SnapshotRow } from '../store/loans-store.ts';
import { date, money, table } from './format.ts';
import type { CliKit } from './kit.ts';

function amount(field: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const r = parseDong(field, value);
  if (!r.ok) throw new RefusedError(r.refusals);
  return r.value;
}

/** `--line V-01=280.274/100.000/0`: interest / savings / principal from savings. */
function lines(specs: readonly string[]) {
  const out: Refusal[] = [];
  const parsed = specs.map((spec, i) => {
    const [loan, figures] = spec.split('=');
    const [interest, savings, principal] = (figures ?? '').split('/');
    const pick = (field: string, v: string | undefined) => {
      try {
        return amount(`lines[${i}].${field}`, v?.trim());
      } catch (e) {
        out.push(...(e as RefusedError).refusals);
        return undefined;
      }
    };
    return {
      loan: (loan ?? '').trim(),
      interest: pick('interest', interest),
      savings: pick('savings', savings),
      principalFromSavings: pick('principalFromSavings', principal),
    };
  });
  if (out.length > 0) throw new RefusedError(out);
  return parsed;
}

function positive(field: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!/^\d{1,3}$/.test(v))
    throw new RefusedError([{ code: 'months_out_of_range', field, value: v, params: { min: 1, max: 24 } }]);
  return Number(v);
}

export function registerVbspCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;
  const app = kit.app;
  const ctx = kit.ctx;
  const vi = lang === 'vi';
  const d = (field: string, v: string | undefined) => kit.date(field, v);
  const need = (field: string, v: string | undefined): string => d(field, v) ?? '';
  const root = program.command('vbsp').description(say(VBSP_CLI.vbsp));

  // --- points and calendar ----------------------------------------------------------------------
  const point = root.command('point').description(say(VBSP_CLI.point));
  point
    .command('add')
    .requiredOption('--id <id>')
    .requiredOption('--name <name>')
    .requiredOption('--place <place>')
    .requiredOption('--day <n>', 'ngày trong tháng / day of the month')
    .action(async (o: { id: string; name: string; place: string; day: string }) => {
      const p = await (await app()).vbsp.addPoint(await ctx(), {
        id: o.id,
        name: o.name,
        place: o.place,
        dayOfMonth: /^\d{1,2}$/.test(o.day) ? Number(o.day) : Number.NaN,
      });
      io.out(`${say(VBSP_CLI.done)}: ${p.id}\n`);
    });
  point
    .command('assign')
    .requiredOption('--group <id>')
    .requiredOption('--point <id>')
    .action(async (o: { group: string; point: string }) => {
      await (await app()).vbsp.assignGroup(await ctx(), o);
      io.out(`${say(VBSP_CLI.done)}: ${o.group} → ${o.point}\n`);
    });
  point
    .command('list')
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).vbsp.points(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          ['id', vi ? 'Tên' : 'Name', vi ? 'Địa điểm' : 'Place', vi ? 'Ngày' : 'Day', vi ? 'Tổ' : 'Groups'],
          rows.map((p) => [p.id, p.name, p.place, p.day_of_month, p.groups.join(', ')]),
          lang,
        ),
      );
    });
  root
    .command('calendar')
    .description(say(VBSP_CLI.calendar))
    .option('--from <date>')
    .option('--months <n>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { from?: string; months?: string; json?: boolean }) => {
      const from = d('from', o.from);
      const rows = await (await app()).vbsp.calendar(await ctx(), {
        ...(from ? { from } : {}),
        months: positive('months', o.months, 3),
      });
      if (o.json) return json(rows);
      io.out(
        table(
          [vi ? 'Ngày' : 'Date', vi ? 'Điểm' : 'Point', vi ? 'Địa điểm' : 'Place', vi ? 'Tổ' : 'Groups'],
          rows.map((r) => [date(r.date), r.name, r.place, r.groups.join(', ')]),
          lang,
        ),
      );
    });

  // --- rates ------------------------------------------------------------------------------------
  const rate = root.command('rate').description(say(VBSP_CLI.rate));
  rate
    .command('add')
    .requiredOption('--from <date>')
    .requiredOption('--fee <percent>')
    .requiredOption('--commission <percent>')
    .option('--doc <no>')
    .option('--note <text>')
    .action(async (o: { from: string; fee: string; commission: string; doc?: string; note?: string }) => {
      const r = await (await app()).vbsp.addFeeRate(await ctx(), {
        from: need('from', o.from),
        fee: o.fee,
        commission: o.commission,
        documentNo: o.doc ?? null,
        ...(o.note ? { note: o.note } : {}),
      });
      io.out(
        `${say(VBSP_CLI.done)}: ${date(r.from)} ${ppmToPercent(r.feePpm, lang)} % / ${ppmToPercent(r.commissionPpm, lang)} %\n`,
      );
    });
  rate
    .command('list')
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).vbsp.feeRates(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          [
            vi ? 'Từ ngày' : 'From',
            vi ? 'Phí ủy thác %' : 'Fee %',
            vi ? 'Hoa hồng %' : 'Commission %',
            vi ? 'Ghi chú' : 'Note',
          ],
          rows.map((r) => [
            date(r.from),
            ppmToPercent(r.feePpm, lang),
            ppmToPercent(r.commissionPpm, lang),
            r.note,
          ]),
          lang,
        ),
      );
    });

  // --- sheets -----------------------------------------------------------------------------------
  const sheet = root.command('sheet').description(say(VBSP_CLI.sheet));
  sheet
    .command('show')
    .requiredOption('--group <id>')
    .requiredOption('--month <yyyy-mm>')
    .option('--date <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { group: string; month: string; date?: string; json?: boolean }) => {
      const when = d('date', o.date);
      const s = await (await app()).vbsp.sheet(await ctx(), {
        group: o.group,
        month: o.month,
        ...(when ? { date: when } : {}),
      });
      if (o.json) return json(s);
      io.out(
        `13/TD · ${s.group} · ${s.month} · ${date(s.date)}${s.recorded ? '' : vi ? ' (chưa ghi)' : ' (not recorded)'}\n`,
      );
      io.out(
        table(
          [
            'TT',
            vi ? 'Khế ước' : 'Agreement',
            vi ? 'Người vay' : 'Borrower',
            vi ? 'Dư nợ' : 'Outstanding',
            vi ? 'Lãi phải thu' : 'Interest due',
            vi ? 'Lãi thu' : 'Interest',
            vi ? 'Tiết kiệm' : 'Savings',
            vi ? 'Gốc từ TG' : 'Principal',
          ],
          [
            ...s.lines.map((l) => [
              l.line,
              l.agreementNo ?? l.loan,
              l.borrower,
              l.outstanding,
              l.interestDue,
              l.interest,
              l.savings,
              l.principalFromSavings,
            ]),
            [
              '',
              vi ? 'Cộng' : 'Total',
              '',
              null,
              s.totals.interestDue,
              s.totals.interest,
              s.totals.savings,
              s.totals.principalFromSavings,
            ],
          ],
          lang,
        ),
      );
    });
  sheet
    .command('record')
    .requiredOption('--group <id>')
    .requiredOption('--month <yyyy-mm>')
    .requiredOption('--date <date>')
    .requiredOption(
      '--line <loan=interest/savings/principal...>',
      'lặp lại / repeat',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option('--doc <no>')
    .option('--key <idempotency-key>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        group: string;
        month: string;
        date: string;
        line: string[];
        doc?: string;
        key?: string;
        json?: boolean;
      }) => {
        const r = await (await app()).vbsp.recordSheet(await ctx(), {
          group: o.group,
          month: o.month,
          date: need('date', o.date),
          documentNo: o.doc ?? null,
          idempotencyKey: o.key ?? null,
          lines: lines(o.line),
        });
        if (o.json) return json(r);
        io.out(
          `${say(VBSP_CLI.recordedSheet, {
            sheet: r.sheet,
            interest: money(r.totals.interest, lang),
            savings: money(r.totals.savings, lang),
            principal: money(r.totals.principalFromSavings, lang),
            entries: r.entries.join(', ') || '—',
          })}\n`,
        );
      },
    );
  root
    .command('handover')
    .description(say(VBSP_CLI.handover))
    .requiredOption('--group <id>')
    .requiredOption('--month <yyyy-mm>')
    .requiredOption('--date <date>')
    .requiredOption('--counted <amount>')
    .option('--note <text>')
    .option('--json', say(CLI.optJson))
    .action(
      async (o: {
        group: string;
        month: string;
        date: string;
        counted: string;
        note?: string;
        json?: boolean;
      }) => {
        const h = await (await app()).vbsp.handOver(await ctx(), {
          group: o.group,
          month: o.month,
          date: need('date', o.date),
          counted: amount('counted', o.counted) ?? Number.NaN,
          ...(o.note ? { note: o.note } : {}),
        });
        if (o.json) return json(h);
        io.out(
          `${say(VBSP_CLI.handedOver, {
            counted: money(h.counted_dong, lang),
            expected: money(h.expected_dong, lang),
            difference: money(h.difference_dong, lang),
            entries: (JSON.parse(h.entries) as string[]).join(', '),
          })}\n`,
        );
      },
    );

  // --- fees -------------------------------------------------------------------------------------
  const fee = root.command('fee').description(say(VBSP_CLI.fee));
  for (const op of ['book', 'pay'] as const)
    fee
      .command(op)
      .requiredOption('--group <id>')
      .requiredOption('--month <yyyy-mm>')
      .requiredOption('--date <date>')
      .option('--json', say(CLI.optJson))
      .action(async (o: { group: string; month: string; date: string; json?: boolean }) => {
        const a = await app();
        const input = { group: o.group, month: o.month, date: need('date', o.date) };
        const f =
          op === 'book'
            ? await a.vbsp.bookFees(await ctx(), input)
            : await a.vbsp.payFees(await ctx(), input);
        if (o.json) return json(f);
        io.out(
          `${say(VBSP_CLI.feeBooked, {
            fee: money(f.fee_dong, lang),
            commission: money(f.commission_dong, lang),
            base: money(f.base_dong, lang),
            entries:
              (JSON.parse((op === 'book' ? f.booked_entries : f.paid_entries) ?? '[]') as string[]).join(
                ', ',
              ) || '—',
          })}\n`,
        );
      });
  fee
    .command('list')
    .option('--month <yyyy-mm>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { month?: string; json?: boolean }) => {
      const rows = await (await app()).vbsp.fees(await ctx(), o.month);
      if (o.json) return json(rows);
      io.out(
        table(
          [
            vi ? 'Tháng' : 'Month',
            vi ? 'Tổ' : 'Group',
            vi ? 'Lãi thu' : 'Base',
            vi ? 'Phí' : 'Fee',
            vi ? 'Hoa hồng' : 'Commission',
            vi ? 'Đã chi' : 'Paid',
          ],
          rows.map((f) => [f.month, f.group_id, f.base_dong, f.fee_dong, f.commission_dong, date(f.paid_on)]),
          lang,
        ),
      );
    });

  // --- statements -------------------------------------------------------------------------------
  const st = root.command('statement').description(say(VBSP_CLI.statement));
  st.command('import')
    .argument('<file>', '.xlsx | .csv')
    .requiredOption('--book <code>')
    .requiredOption('--as-of <date>')
    .option('--accept-unknown', 'giữ khế ước lạ / keep unknown agreements')
    .option('--json', say(CLI.optJson))
    .action(
      async (file: string, o: { book: string; asOf: string; acceptUnknown?: boolean; json?: boolean }) => {
        const r = await (await app()).vbsp.importStatement(await ctx(), {
          book: o.book,
          asOf: need('asOf', o.asOf),
          fileName: basename(file),
          content: readFileSync(file),
          acceptUnknown: o.acceptUnknown ?? false,
        });
        if (o.json) return json(r);
        io.out(`${say(VBSP_CLI.imported, { statement: r.statement, rows: r.rows })}\n`);
      },
    );
  st.command('list')
    .option('--json', say(CLI.optJson))
    .action(async (o: { json?: boolean }) => {
      const rows = await (await app()).vbsp.statements(await ctx());
      if (o.json) return json(rows);
      io.out(
        table(
          ['id', vi ? 'Sổ' : 'Book', vi ? 'Đến ngày' : 'As of', vi ? 'Tệp' : 'File', vi ? 'Dòng' : 'Rows'],
          rows.map((s) => [s.id, s.book_code, date(s.as_of), s.file_name, s.row_count]),
          lang,
        ),
      );
    });
  st.command('reconcile')
    .argument('<statement>')
    .option('--json', say(CLI.optJson))
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await (await app()).vbsp.reconcile(await ctx(), id);
      if (o.json) return json(r);
      if (r.differences.length === 0) {
        io.out(`${say(VBSP_CLI.noDifference)}\n`);
        return;
      }
      io.out(
        table(
          [
            vi ? 'Khế ước' : 'Agreement',
            vi ? 'Dòng' : 'Row',
            vi ? 'Chênh lệch' : 'Difference',
            vi ? 'Ngân hàng' : 'Bank',
            'soquy',
          ],
          r.differences.map((x) => [
            x.agreementNo,
            x.row ?? '',
            VBSP_DIFFERENCES[x.kind]?.[lang] ?? x.kind,
            x.bank,
            x.soquy,
          ]),
          lang,
        ),
      );
    });
  st.command('note')
    .argument('<statement>')
    .requiredOption('--agreement <no>')
    .requiredOption('--kind <kind>')
    .requiredOption('--note <text>')
    .option('--entry <book#seq>')
    .action(async (id: string, o: { agreement: string; kind: string; note: string; entry?: string }) => {
      const n = await (await app()).vbsp.addNote(await ctx(), {
        statement: id,
        agreementNo: o.agreement,
        kind: o.kind,
        note: o.note,
        entry: o.entry ?? null,
      });
      io.out(`${say(VBSP_CLI.done)}: ${id} #${n.seq}\n`);
    });

  // --- monthly ------------------------------------------------------------------------------------
  root
    .command('monthly')
    .description(say(VBSP_CLI.monthly))
    .requiredOption('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf: string; json?: boolean }) => {
      const m = await (await app()).vbsp.monthly(await ctx(), { asOf: need('asOf', o.asOf) });
      if (o.json) return json(m);
      const list = (title: string, rows: readonly SnapshotRow[], extra: (r: SnapshotRow) => string) => {
        io.out(`\n${title} (${rows.length})\n`);
        if (rows.length > 0)
          io.out(
            table(
              [
                vi ? 'Khoản vay' : 'Loan',
                vi ? 'Hộ' : 'Household',
                vi ? 'Tổ' : 'Group',
                vi ? 'Dư nợ' : 'Outstanding',
                '',
              ],
              rows.map((r) => [r.loan_id, r.household_id, r.group_id ?? '', r.outstanding_dong, extra(r)]),
              lang,
            ),
          );
      };
      io.out(`${vi ? 'Đến ngày' : 'As of'} ${date(m.asOf)}\n`);
      list(vi ? 'Không giao dịch từ 3 tháng' : 'No transaction for 3+ months', m.idle, (r) =>
        date(r.last_transaction),
      );
      list(
        vi ? 'Nợ quá hạn' : 'Overdue',
        m.overdue,
        (r) => `${money(r.overdue_dong, lang)} · ${r.days_past_due}`,
      );
      list(vi ? 'Khoanh nợ' : 'Frozen', m.frozen, (r) => date(r.frozen_until));
      list(vi ? 'Đến hạn trong 3 tháng' : 'Maturing within 3 months', m.maturing, (r) => date(r.maturity));
      for (const [title, rows] of [
        [vi ? 'Theo tổ chức ủy thác' : 'By entrusting organisation', m.byOrganisation],
        [vi ? 'Theo tổ' : 'By group', m.byGroup],
      ] as const) {
        io.out(`\n${title}\n`);
        io.out(
          table(
            [
              '',
              vi ? 'Số món' : 'Loans',
              vi ? 'Dư nợ' : 'Outstanding',
              vi ? 'Quá hạn' : 'Overdue',
              vi ? 'Khoanh' : 'Frozen',
            ],
            rows.map((r) => [r.key ?? '—', r.loans, r.outstanding, r.overdue, r.frozen]),
            lang,
          ),
        );
      }
    });
}
