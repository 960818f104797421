/**
 * The demo's savings meetings (issue 7) through `app.savings`, what a group's secretary records: a
 * savings group (vsla) of the members of a few Women's Union groups keeps a savings-group book, open a cycle on 01/07/2025 and meet on the
 * 5th of each month to 31/12/2025; every member present buys 1–3 shares and pays the social fund,
 * and the box is counted equal to what soquy computes. Kept small (the first start's 30 s).
 * docs/design/demo.md.
 */
import type { App } from '../../main/app.ts';
import type { Ctx } from '../context.ts';
import type { CommunePlan } from './plan.ts';

/** Groups that keep savings meetings, share price and social fund per member per meeting. */
export const SAVINGS_GROUPS = 3;
const SHARE_PRICE = 20_000;
const SOCIAL = 2_000;
const MONTHS = ['07', '08', '09', '10', '11', '12'];
const MEMBERS_MAX = 15;

export async function loadSavings(
  app: App,
  plan: CommunePlan,
  on: (date: string, actor?: string) => Ctx,
): Promise<void> {
  const groups = plan.groups.filter((g) => g.organisation === 'hpn' && g.kind === 'vbsp_group');
  for (const [k, g] of groups.slice(0, SAVINGS_GROUPS).entries()) {
    const open = on('2025-07-01', 'thuquy-hpn');
    // A savings group (vsla) of the VBSP group's members, in the same village.
    const vbsp = await app.registry.group(open, g.id, { asOf: '2025-07-01' });
    const members = vbsp.members.filter((m) => m.active).slice(0, MEMBERS_MAX);
    const group = `TKVV-HPN-${String(k + 1).padStart(2, '0')}`;
    await app.registry.addGroup(open, {
      id: group,
      kind: 'vsla',
      organisation: 'hpn',
      village: g.village,
      name: `Nhóm tiết kiệm ${g.name}`,
      leaderPersonId: members[0]?.personId ?? null,
      foundedOn: '2025-07-01',
    });
    // The leader joins with the group; the others after.
    for (const m of members.slice(1))
      await app.registry.joinGroup(open, { group, personId: m.personId, on: '2025-07-01' });
    const book = `tk-${group.toLowerCase()}`;
    await app.ledger.createBook(open, {
      code: book,
      template: 'savings-group',
      organisation: 'hpn',
      nameVi: `Sổ ${g.name} (nhóm tiết kiệm)`,
    });
    const cycle = await app.savings.openCycle(open, {
      group,
      book,
      startedOn: '2025-07-01',
      sharePrice: SHARE_PRICE,
      social: SOCIAL,
      loanMultiple: 3,
      serviceCharge: '1,5',
      termMonthsMax: 6,
    });
    let loanCash = 0;
    let socialCash = 0;
    for (const [n, month] of MONTHS.entries()) {
      const date = `2025-${month}-05`;
      const members = await app.savings.sheetMembers(open, cycle.id, date);
      // Deterministic: member i buys 1 + (i + n + k) mod 3 shares.
      const lines = members.map((m, i) => ({
        member: m.person,
        present: true,
        shares: 1 + ((i + n + k) % 3),
        social: SOCIAL,
      }));
      // The box: every share bought × 20,000 and every social fund contribution, since the start.
      loanCash += lines.reduce((s, l) => s + l.shares * SHARE_PRICE, 0);
      socialCash += lines.length * SOCIAL;
      await app.savings.recordMeeting(on(date, 'thuquy-hpn'), {
        cycle: cycle.id,
        date,
        lines,
        countedLoanFund: loanCash,
        countedSocialFund: socialCash,
      });
    }
  }
}
