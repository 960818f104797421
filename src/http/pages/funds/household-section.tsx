/**
 * The household page's "aid received" section: every aid the household received from the funds
 * the user may read, as of the page's date, each with its fund, purpose, voucher and shock, and
 * the total (`Funds.aidReceivedByHousehold`). Nothing when there is none.
 */
import { formatDate } from '../../../domain/dates.ts';
import { formatDong } from '../../../domain/money.ts';
import { FUNDS_WEB, fundsWord } from '../../../i18n/funds.ts';
import { WEB } from '../../../i18n/web.ts';
import type { HouseholdSection } from '../households/pages.tsx';
import { say } from '../layout.tsx';
import { readableBookMap } from '../ledger/shared.ts';

export const fundsAidSection: HouseholdSection = {
  id: 'funds.aid',
  title: { vi: 'Hỗ trợ đã nhận từ các quỹ', en: 'Aid received from the funds' },
  area: FUNDS_WEB.nav,
  render: async (call, household) => {
    const { lang, deps } = call;
    const readable = await readableBookMap(deps, call.me());
    const all = await deps.app.funds.aidReceivedByHousehold(call.readCtx(), household.id, household.asOf);
    const aids = all.aids.filter((a) => readable.has(a.fund));
    if (aids.length === 0) return null;
    const total = aids.reduce((s, a) => s + a.amountDong, 0);
    return (
      <div class="scroll">
        <table data-household-aid>
          <thead>
            <tr>
              <th>{say(lang, WEB.date)}</th>
              <th>{say(lang, FUNDS_WEB.nav)}</th>
              <th>{say(lang, FUNDS_WEB.purpose)}</th>
              <th>{say(lang, FUNDS_WEB.voucher)}</th>
              <th class="num">{say(lang, WEB.amount)}</th>
            </tr>
          </thead>
          <tbody>
            {aids.map((a) => (
              <tr>
                <td>{formatDate(a.date)}</td>
                <td>
                  <a href={`/funds/${encodeURIComponent(a.fund)}`}>
                    {lang === 'vi' ? a.fundNameVi : a.fundNameEn}
                  </a>
                </td>
                <td>
                  {fundsWord(a.purpose, lang)}
                  {a.shock ? <span class="muted small"> · {a.shock}</span> : null}
                </td>
                <td>
                  <a href={`/funds/${encodeURIComponent(a.fund)}/vouchers/${a.voucherNo}`}>{a.documentNo}</a>
                </td>
                <td class="num">{formatDong(a.amountDong, lang)}</td>
              </tr>
            ))}
            <tr class="total">
              <td colspan={4}>{say(lang, FUNDS_WEB.total)}</td>
              <td class="num" data-aid-total>
                {formatDong(total, lang)}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    );
  },
};
