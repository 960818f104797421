/**
 * The disclosure report as a page body, shared by the signed-in report and the public page. It
 * renders a `DisclosureReport` and nothing else: the report carries no beneficiary's personal
 * data and no donor who asked to stay anonymous, so neither page can show them.
 */
import type { FC } from 'hono/jsx';
import type { DisclosureReport } from '../../../domain/funds/disclosure.ts';
import { formatDong } from '../../../domain/money.ts';
import { FUNDS_WEB, fundsWord } from '../../../i18n/funds.ts';
import type { Lang } from '../../../i18n/types.ts';
import { say } from '../layout.tsx';

const Row: FC<{ cells: ReadonlyArray<string | number>; lang: Lang; strong?: boolean }> = ({
  cells,
  lang,
  strong,
}) => (
  <tr class={strong ? 'total' : undefined}>
    {cells.map((c) => (typeof c === 'number' ? <td class="num">{formatDong(c, lang)}</td> : <td>{c}</td>))}
  </tr>
);

const Table: FC<{
  head: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
  lang: Lang;
  total?: ReadonlyArray<string | number>;
}> = ({ head, rows, lang, total }) => (
  <div class="scroll">
    <table>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th class={i === head.length - 1 ? 'num' : undefined}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row cells={r} lang={lang} />
        ))}
        {total ? <Row cells={total} lang={lang} strong /> : null}
      </tbody>
    </table>
  </div>
);

export const DisclosureBody: FC<{ d: DisclosureReport; lang: Lang }> = ({ d, lang }) => {
  const w = (k: string) => fundsWord(k, lang);
  const t = (k: keyof typeof FUNDS_WEB, p: Record<string, unknown> = {}) => say(lang, FUNDS_WEB[k], p);
  const r = d.received;
  return (
    <section class="disclosure" data-disclosure={d.fund.id}>
      <p class="muted">{d.fund.purpose}</p>
      <dl class="kv">
        <dt>{t('openingBalance')}</dt>
        <dd class="num" data-opening>
          {formatDong(d.openingDong, lang)}
        </dd>
        <dt>{t('received')}</dt>
        <dd class="num" data-received>
          {formatDong(r.totalDong, lang)}
        </dd>
        <dt>{t('spent')}</dt>
        <dd class="num" data-spent>
          {formatDong(d.spent.totalDong, lang)}
        </dd>
        <dt>{t('closingBalance')}</dt>
        <dd class="num" data-closing>
          {formatDong(d.closingDong, lang)}
        </dd>
      </dl>
      {d.reconciled ? null : <p class="note">{t('notReconciled')}</p>}

      <h2>{t('received')}</h2>
      <Table
        lang={lang}
        head={[t('donor'), lang === 'vi' ? 'Loại' : 'Kind', t('count'), t('value')]}
        rows={[
          ...r.byDonor.map((l) => [l.donorName, w(l.donorKind), String(l.donations), l.amountDong]),
          ...(r.anonymous.donations > 0
            ? [[t('anonymousDonors'), w('anonymous'), String(r.anonymous.donations), r.anonymous.amountDong]]
            : []),
        ]}
        total={[t('total'), '', '', r.moneyDong]}
      />
      {r.inKind.length > 0 ? (
        <>
          <h3>{t('inKind')}</h3>
          <Table
            lang={lang}
            head={[t('goods'), t('donor'), t('value')]}
            rows={r.inKind.map((l) => [l.description, l.donorName ?? t('anonymousDonors'), l.amountDong])}
            total={[t('total'), '', r.inKindDong]}
          />
        </>
      ) : null}
      {r.byPoint.length > 0 ? (
        <>
          <h3>{t('byPoint')}</h3>
          <Table
            lang={lang}
            head={[t('points'), t('count'), t('value')]}
            rows={r.byPoint.map((l) => [l.key, String(l.count), l.amountDong])}
          />
        </>
      ) : null}
      {r.byPhase.length > 0 ? (
        <>
          <h3>{t('byPhase')}</h3>
          <Table
            lang={lang}
            head={[t('phases'), t('count'), t('value')]}
            rows={r.byPhase.map((l) => [l.key, String(l.count), l.amountDong])}
          />
        </>
      ) : null}

      <h2>{t('spent')}</h2>
      <h3>{t('byPurpose')}</h3>
      <Table
        lang={lang}
        head={[t('purpose'), t('households'), t('count'), t('value')]}
        rows={d.spent.byPurpose.map((l) => [w(l.key), String(l.households), String(l.count), l.amountDong])}
      />
      <h3>{t('byCategory')}</h3>
      <Table
        lang={lang}
        head={[t('household'), t('households'), t('value')]}
        rows={d.spent.byCategory.map((l) => [w(l.key), String(l.households), l.amountDong])}
      />
      {d.spent.transfers.length > 0 ? (
        <>
          <h3>{t('transfers')}</h3>
          <Table
            lang={lang}
            head={[t('recipient'), t('phases'), t('value')]}
            rows={d.spent.transfers.map((x) => [
              x.recipient,
              x.phaseNo === null ? '' : String(x.phaseNo),
              x.amountDong,
            ])}
          />
        </>
      ) : null}
      <p class="small muted">{t('privacyNote')}</p>
    </section>
  );
};
