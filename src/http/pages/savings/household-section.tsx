/**
 * The household page's "savings" section: each member's share savings (3311, party = person) and
 * savings accounts (3312, party = account) in the savings-group books the user may read, as of the
 * page's date, read from the ledger's running balances, with the total. Nothing when there is none.
 */
import { formatDong } from '../../../domain/money.ts';
import { SAVINGS_WEB } from '../../../i18n/savings.ts';
import { WEB } from '../../../i18n/web.ts';
import type { HouseholdSection } from '../households/pages.tsx';
import { say } from '../layout.tsx';
import { readableBookMap } from '../ledger/shared.ts';

const SHARES = { vi: 'Tiết kiệm cổ phần', en: 'Share savings' };
const ACCOUNT = { vi: 'Sổ tiết kiệm', en: 'Savings account' };
const TOTAL = { vi: 'Cộng', en: 'Total' };
const MEMBER = { vi: 'Thành viên', en: 'Member' };
const BOOK = { vi: 'Sổ', en: 'Book' };
const KIND = { vi: 'Loại', en: 'Kind' };

export const savingsSection: HouseholdSection = {
  id: 'savings.balances',
  title: { vi: 'Tiết kiệm', en: 'Savings' },
  area: SAVINGS_WEB.nav,
  render: async (call, household) => {
    const { lang, deps } = call;
    const ctx = call.readCtx();
    const books = [...(await readableBookMap(deps, call.me())).values()].filter(
      (b) => b.template === 'savings-group',
    );
    if (books.length === 0) return null;
    const codes = new Set(books.map((b) => b.code));
    const rows: Array<{ member: string; book: string; kind: string; amount: number }> = [];
    for (const m of household.members) {
      for (const book of codes) {
        const shares = await deps.app.ledger.balance(ctx, {
          book,
          account: '3311',
          party: m.id,
          asOf: household.asOf,
        });
        if (shares.balance !== 0)
          rows.push({ member: m.fullName, book, kind: say(lang, SHARES), amount: shares.balance });
      }
      for (const a of await deps.app.savings.accounts(ctx, { person: m.id })) {
        if (!codes.has(a.book_code)) continue;
        const b = await deps.app.ledger.balance(ctx, {
          book: a.book_code,
          account: '3312',
          party: a.id,
          asOf: household.asOf,
        });
        if (b.balance !== 0)
          rows.push({
            member: m.fullName,
            book: a.book_code,
            kind: `${say(lang, ACCOUNT)} ${a.id}`,
            amount: b.balance,
          });
      }
    }
    if (rows.length === 0) return null;
    return (
      <div class="scroll">
        <table data-household-savings>
          <thead>
            <tr>
              <th>{say(lang, MEMBER)}</th>
              <th>{say(lang, BOOK)}</th>
              <th>{say(lang, KIND)}</th>
              <th class="num">{say(lang, WEB.amount)}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.member}</td>
                <td>
                  <a href={`/books/${encodeURIComponent(r.book)}`}>{r.book}</a>
                </td>
                <td>{r.kind}</td>
                <td class="num">{formatDong(r.amount, lang)}</td>
              </tr>
            ))}
            <tr class="total">
              <td colspan={3}>{say(lang, TOTAL)}</td>
              <td class="num" data-savings-total>
                {formatDong(
                  rows.reduce((s, r) => s + r.amount, 0),
                  lang,
                )}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    );
  },
};
