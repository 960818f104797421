/**
 * Households at risk: `soquy risk list|why|trend|settings|set|step|steps`. Every read takes
 * `--json` (the figures as the service returns them; reasons carry their texts in both languages).
 */

import { reasonText, settingText, stepText } from '../app/risk/texts.ts';
import type { Reason } from '../domain/risk/rules.ts';
import { CLI } from '../i18n/cli.ts';
import { RISK_TEXTS } from '../i18n/risk.ts';
import { date, money, table } from './format.ts';
import type { CliKit } from './kit.ts';

/** A reason with its texts, for `--json` readers that want the words too. */
function withTexts(r: Reason) {
  return { ...r, text: { vi: reasonText(r, 'vi'), en: reasonText(r, 'en') } };
}

export function registerRiskCommands(kit: CliKit): void {
  const { program, io, lang, say, json } = kit;
  const d = (field: string, v: string | undefined) => kit.date(field, v);
  const risk = program.command('risk').description(say(RISK_TEXTS.title));

  risk
    .command('list')
    .description(say(RISK_TEXTS.title))
    .option('--as-of <date>')
    .option('--village <id>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf?: string; village?: string; json?: boolean }) => {
      const app = await kit.app();
      const l = await app.risk.list(await kit.ctx(), { asOf: d('asOf', o.asOf), village: o.village });
      if (o.json)
        return json({ ...l, rows: l.rows.map((r) => ({ ...r, reasons: r.reasons.map(withTexts) })) });
      if (l.rows.length === 0) return io.out(`${say(RISK_TEXTS.none, { asOf: l.asOf })}\n`);
      io.out(`${say(RISK_TEXTS.title)} — ${date(l.asOf)}\n`);
      if (!l.providers.savings) io.out(`(${say(RISK_TEXTS.noSavings)})\n`);
      if (!l.providers.aid) io.out(`(${say(RISK_TEXTS.noAid)})\n`);
      io.out(
        table(
          [
            say(RISK_TEXTS.household),
            say(RISK_TEXTS.village),
            say(RISK_TEXTS.head),
            say(RISK_TEXTS.score),
            say(RISK_TEXTS.reasons),
            say(RISK_TEXTS.done),
            say(RISK_TEXTS.open),
          ],
          l.rows.map((r) => [
            r.householdId,
            r.villageName,
            r.headName,
            r.score,
            r.reasons.map((x) => reasonText(x, lang)).join('; '),
            r.done.map((s) => `${stepText(s.kind, lang)} ${date(s.effectiveOn)}`).join('; '),
            r.open.map((k) => stepText(k, lang)).join('; '),
          ]),
          lang,
        ),
      );
      io.out(
        `\n${say(RISK_TEXTS.byVillage)}\n${table(
          [say(RISK_TEXTS.village), say(RISK_TEXTS.listedCount), say(RISK_TEXTS.openCount)],
          l.byVillage.map((v) => [v.villageName, v.listed, v.open]),
          lang,
        )}`,
      );
    });

  risk
    .command('why <household>')
    .description(say(RISK_TEXTS.why))
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (household: string, o: { asOf?: string; json?: boolean }) => {
      const app = await kit.app();
      const w = await app.risk.why(await kit.ctx(), household, { asOf: d('asOf', o.asOf) });
      if (o.json)
        return json({ ...w, assessment: { ...w.assessment, reasons: w.assessment.reasons.map(withTexts) } });
      const a = w.assessment;
      io.out(`${w.household.id} — ${w.household.headName ?? ''} (${w.household.villageName})\n`);
      io.out(
        `${say(a.listed ? RISK_TEXTS.listed : RISK_TEXTS.notListed, { asOf: a.asOf, score: a.score, min: a.scoreMin })}\n\n`,
      );
      for (const r of a.reasons) {
        io.out(`+${r.weight}  ${reasonText(r, lang)}\n`);
        for (const f of r.figures) {
          const src = f.source;
          const where =
            src === null
              ? ''
              : src.kind === 'loan' || src.kind === 'savings' || src.kind === 'aid'
                ? `${src.kind}${'id' in src ? ` ${src.id}` : ''}: ${src.entries.map((e) => `${e.book}#${e.seq}`).join(', ')}`
                : src.kind === 'setting'
                  ? `${settingText(src.key, lang)} (${src.effectiveFrom ? date(src.effectiveFrom) : say(RISK_TEXTS.defaultValue)})`
                  : src.kind === 'status'
                    ? `status ${date(src.decidedOn)}`
                    : src.kind === 'shock'
                      ? `shock ${src.id}`
                      : `${src.personId} ${src.category}`;
          const value = typeof f.value === 'number' ? money(f.value, lang) : (f.value ?? '');
          io.out(`      ${f.name} = ${value}   [${where}]\n`);
        }
      }
      if (!w.providers.savings) io.out(`\n(${say(RISK_TEXTS.noSavings)})\n`);
      if (!w.providers.aid) io.out(`(${say(RISK_TEXTS.noAid)})\n`);
      if (w.done.length > 0)
        io.out(
          `\n${say(RISK_TEXTS.done)}: ${w.done.map((s) => `${s.id} ${stepText(s.kind, lang)} ${date(s.effectiveOn)} (${s.actor})`).join('; ')}\n`,
        );
      if (w.open.length > 0)
        io.out(`${say(RISK_TEXTS.open)}: ${w.open.map((k) => stepText(k, lang)).join('; ')}\n`);
    });

  risk
    .command('trend')
    .description(say(RISK_TEXTS.trend))
    .option('--as-of <date>')
    .option('--months <n>', '', '12')
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf?: string; months: string; json?: boolean }) => {
      const app = await kit.app();
      const t = await app.risk.trend(await kit.ctx(), { asOf: d('asOf', o.asOf), months: Number(o.months) });
      if (o.json) return json(t);
      io.out(
        table(
          [lang === 'vi' ? 'Ngày' : 'Date', say(RISK_TEXTS.listedCount)],
          t.map((p) => [date(p.date), p.listed]),
          lang,
        ),
      );
    });

  risk
    .command('settings')
    .description(say(RISK_TEXTS.settings))
    .option('--as-of <date>')
    .option('--json', say(CLI.optJson))
    .action(async (o: { asOf?: string; json?: boolean }) => {
      const app = await kit.app();
      const s = await app.risk.settings(await kit.ctx(), { asOf: d('asOf', o.asOf) });
      if (o.json) return json(s);
      io.out(
        table(
          [
            'key',
            lang === 'vi' ? 'Thông số' : 'Setting',
            lang === 'vi' ? 'Giá trị' : 'Value',
            lang === 'vi' ? 'Từ ngày' : 'From',
          ],
          s.inForce.map((x) => [
            x.key,
            settingText(x.key, lang),
            x.value,
            x.effectiveFrom ? date(x.effectiveFrom) : say(RISK_TEXTS.defaultValue),
          ]),
          lang,
        ),
      );
    });

  risk
    .command('set <key> <value>')
    .description(say(RISK_TEXTS.settings))
    .requiredOption('--from <date>')
    .option('--note <text>')
    .action(async (key: string, value: string, o: { from: string; note?: string }) => {
      const app = await kit.app();
      const r = await app.risk.setSetting(
        { ...(await kit.ctx()), ip: 'cli' },
        { key, value, effectiveFrom: d('effectiveFrom', o.from), note: o.note },
      );
      io.out(`${say(RISK_TEXTS.settingSet, { key: r.key, value: r.value, from: r.effectiveFrom })}\n`);
    });

  risk
    .command('step <household> <kind>')
    .description(say(RISK_TEXTS.nextSteps))
    .option('--date <date>')
    .option('--note <text>')
    .option('--shock <id>')
    .option('--book <code>')
    .option('--amount <amount>')
    .option('--entry <book#seq>')
    .option('--loan <id>')
    .option('--months <n>')
    .option('--instalment <n>')
    .option('--loss <amount>')
    .option('--approver <name>')
    .option('--doc <no>')
    .option('--key <key>')
    .option('--json', say(CLI.optJson))
    .action(async (household: string, kind: string, o: Record<string, string | boolean | undefined>) => {
      const app = await kit.app();
      const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const step = await app.risk.recordStep(
        { ...(await kit.ctx()), ip: 'cli' },
        {
          household,
          kind,
          date: d('date', s('date')),
          note: s('note'),
          shockId: s('shock'),
          book: s('book'),
          amount: s('amount'),
          entry: s('entry'),
          loan: s('loan'),
          months: s('months') === undefined ? undefined : Number(s('months')),
          instalment: s('instalment') === undefined ? undefined : Number(s('instalment')),
          lossDong: s('loss'),
          approver: s('approver'),
          documentNo: s('doc'),
          idempotencyKey: s('key'),
        },
      );
      if (o['json']) return json(step);
      io.out(`${say(RISK_TEXTS.stepRecorded, { id: step.id, kind: stepText(step.kind, lang) })}\n`);
    });

  risk
    .command('steps <household>')
    .description(say(RISK_TEXTS.steps))
    .option('--json', say(CLI.optJson))
    .action(async (household: string, o: { json?: boolean }) => {
      const app = await kit.app();
      const steps = await app.risk.steps(await kit.ctx(), household);
      if (o.json) return json(steps);
      io.out(
        table(
          [
            'id',
            lang === 'vi' ? 'Việc' : 'Step',
            lang === 'vi' ? 'Ngày' : 'Date',
            lang === 'vi' ? 'Người ghi' : 'By',
            lang === 'vi' ? 'Nội dung' : 'Note',
          ],
          steps.map((x) => [
            x.id,
            stepText(x.kind, lang),
            date(x.effectiveOn),
            x.actor,
            [x.loanId, x.amountDong === null ? null : money(x.amountDong, lang), x.note]
              .filter(Boolean)
              .join(' · '),
          ]),
          lang,
        ),
      );
    });
}
