/**
 * The demo commune tells the article's story (domain/BRIEF.md §1): every figure is read back from
 * soquy's own reads and reports as of 31/12/2025 — the registry's household lists, the loans'
 * portfolio (from the year-end run's snapshot), the journal of each fund's book — never from the
 * generator's own numbers.
 *
 * The full commune is loaded on SQLite, the default deployment; on PostgreSQL only with
 * SOQUY_DEMO_FULL_PG=1 (loading it there took over 15 minutes on the shared test machine). The
 * loader itself runs on both engines in test/demo/users.test.ts (the same code, a smaller commune).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../../src/app/demo/load.ts';
import { BOOKS } from '../../src/app/demo/plan.ts';
import { verifyLedger } from '../../src/app/ledger/verify.ts';
import type { Entry } from '../../src/domain/ledger/entry.ts';
import type { App } from '../../src/main/app.ts';
import { ENGINES, freshApp } from '../helpers/engines.ts';

const ctx = { tenant: 'huong-son', actor: 'kiemtra', now: () => new Date('2026-01-05T03:00:00Z') };
const AS_OF = '2025-12-31';

/** Every household of a status (or all), paging through the registry's list. */
async function countHouseholds(app: App, status?: string): Promise<number> {
  let n = 0;
  let after: string | undefined;
  for (;;) {
    const page = await app.registry.households(ctx, { asOf: AS_OF, status, after, limit: 1_000 });
    n += page.length;
    if (page.length < 1_000) return n;
    after = page[page.length - 1]!.id;
  }
}

/** Every entry of a book between two dates, paging through the journal. */
async function entries(app: App, book: string, from: string, to: string, kind?: string): Promise<Entry[]> {
  const out: Entry[] = [];
  let after: { book: string; seq: number } | undefined;
  for (;;) {
    const page = await app.ledger.journal(ctx, { book, from, to, kind, after, limit: 5_000 });
    out.push(...page);
    if (page.length < 5_000) return out;
    after = { book, seq: page[page.length - 1]!.seq };
  }
}

/** The sum of the postings on `account` (debit positive) in `list`. */
const on = (list: readonly Entry[], account: string) =>
  list.flatMap((e) => e.postings.filter((p) => p.account === account)).reduce((s, p) => s + p.amount, 0);

const FULL_ON = ENGINES.filter((e) => e.kind === 'sqlite' || process.env['SOQUY_DEMO_FULL_PG'] === '1');

for (const engine of FULL_ON) {
  describe(`the demo commune tells BRIEF §1 [${engine.kind}]`, { skip: engine.skip }, () => {
    let app: App;
    let done: () => Promise<void>;
    before(async () => {
      ({ app, done } = await freshApp(engine));
      await loadDemo(app);
    });
    after(() => done());

    test('≈ 2,500 households in villages with Đục Khê among them; 0 poor, 7 near-poor (0.28 %)', async () => {
      const all = await countHouseholds(app);
      const poor = await countHouseholds(app, 'poor');
      const nearPoor = await countHouseholds(app, 'near_poor');
      assert.equal(all, 2_500);
      assert.equal(poor, 0);
      assert.equal(nearPoor, 7);
      // 7 / 2,500 = 0.0028 = 0.28 %.
      assert.equal(((nearPoor / all) * 100).toFixed(2), '0.28');
      const villages = (await app.registry.villages(ctx)).map((v) => v.name);
      assert.ok(villages.length >= 5 && villages.includes('Đục Khê'), villages.join(', '));
      // A history behind 2025: households poor in 2022 that escaped since.
      assert.ok((await app.registry.households(ctx, { asOf: '2022-06-30', status: 'poor' })).length >= 30);
    });

    test('Farmers’ Association: VBSP loans ≈ 65 billion đ to 954 households; Support Fund > 5.3 billion đ to 136', async () => {
      const p = await app.loans.portfolio(ctx, { asOf: AS_OF, by: 'book' });
      assert.equal(p.source, 'snapshot');
      const vbsp = p.rows.find((r) => r.key === BOOKS.farmersVbsp)!;
      assert.equal(vbsp.borrowers, 954);
      assert.ok(Math.abs(vbsp.outstanding - 65_000_000_000) <= 650_000_000, String(vbsp.outstanding));
      const fsf = p.rows.find((r) => r.key === BOOKS.fsf)!;
      assert.equal(fsf.borrowers, 136);
      assert.ok(fsf.outstanding > 5_300_000_000, String(fsf.outstanding));
      // The fund lends its capital, tracked by source (central, city, district).
      const bySource = await app.loans.portfolio(ctx, { asOf: AS_OF, by: 'source' });
      assert.ok(bySource.rows.filter((r) => r.key !== '' && r.outstanding > 0).length >= 3);
    });

    test('Women’s Union: 37 groups, 1,477 members, ≈ 96 billion đ, no overdue loan', async () => {
      const groups = await app.registry.groups(ctx, { organisation: 'hpn', kind: 'vbsp_group' });
      assert.equal(groups.length, 37);
      assert.equal(
        groups.reduce((s, g) => s + g.openMembers, 0),
        1_477,
      );
      const p = await app.loans.portfolio(ctx, { asOf: AS_OF, by: 'book' });
      const wu = p.rows.find((r) => r.key === BOOKS.womenVbsp)!;
      assert.equal(wu.borrowers, 1_477);
      assert.ok(Math.abs(wu.outstanding - 96_000_000_000) <= 960_000_000, String(wu.outstanding));
      assert.equal(wu.overdueLoans, 0);
      assert.equal(wu.overdue, 0);
      assert.equal(wu.overdueInterest, 0);
      const overdue = await app.loans.overdue(ctx, { asOf: AS_OF, limit: 10_000 });
      assert.equal(overdue.rows.filter((r) => r.book_code === BOOKS.womenVbsp).length, 0);
    });

    test('Women’s Union, second half of 2025: > 7.5 billion đ to 53 households; 10 women started a business', async () => {
      const lent = await entries(app, BOOKS.womenVbsp, '2025-07-01', AS_OF, 'disbursement');
      // Disbursements debit 001 (the bank's loan, current) for each loan.
      const total = on(lent, '001');
      assert.ok(total > 7_500_000_000, String(total));
      const loans = [
        ...new Set(
          lent.flatMap((e) => e.postings.filter((p) => p.account === '001').map((p) => p.party ?? '')),
        ),
      ];
      const shown = await Promise.all(loans.map((id) => app.loans.show(ctx, id, AS_OF)));
      assert.equal(new Set(shown.map((s) => s.loan.household)).size, 53);
      assert.equal(shown.filter((s) => s.loan.purpose.startsWith('Khởi nghiệp')).length, 10);
    });

    // The funds' figures come from the funds service's own reports: the disclosure (công khai),
    // the fund's activity and the aid a household received.
    test('For the Poor 2025: 22 solidarity houses built or repaired, > 1.05 billion đ', async () => {
      const d = await app.funds.disclosure(ctx, BOOKS.forThePoor, { from: '2025-01-01', to: AS_OF });
      const house = d.spent.byPurpose.find((l) => l.key === 'house')!;
      // 20 houses × 50,000,000 + 2 repairs × 30,000,000 = 1,060,000,000, to 22 households.
      assert.deepEqual([house.count, house.households, house.amountDong], [22, 22, 1_060_000_000]);
      assert.ok(house.amountDong > 1_050_000_000);
      // The 2025 campaign month (phase 2 of the fund) brought donations in.
      assert.ok(d.received.byPhase.some((l) => l.key === '2' && l.amountDong > 0));
      // opening (2023's balance and 2024's donations) + received − spent = closing, journal agrees.
      assert.equal(d.reconciled, true);
      const act = await app.funds.fundActivity(ctx, BOOKS.forThePoor, { from: '2025-01-01', to: AS_OF });
      const houses = act.spendings.filter((x) => x.purpose === 'house');
      assert.equal(houses.length, 22);
      // Maker-checker: each proposed by the Front's treasurer, approved by another user.
      assert.ok(houses.every((x) => x.proposedBy === 'thuquy-mttq' && x.approvedBy === 'quantri'));
    });

    test('flood relief for other provinces: > 313 million đ, sent in two phases', async () => {
      const d = await app.funds.disclosure(ctx, BOOKS.flood, { to: AS_OF });
      assert.ok(d.received.totalDong > 313_000_000, String(d.received.totalDong));
      assert.deepEqual(
        d.spent.transfers.map((t) => t.phaseNo),
        [1, 2],
      );
      // Everything collected was sent on: 180,000,000 + 135,400,000 = 315,400,000, nothing left.
      assert.equal(d.spent.totalDong, 315_400_000);
      assert.equal(d.received.totalDong, d.spent.totalDong);
      assert.equal(d.closingDong, 0);
      assert.equal(d.reconciled, true);
      assert.deepEqual(
        d.received.byPhase.map((l) => l.key),
        ['1', '2'],
      );
    });

    test('the fire of 14/12/2025 in Đục Khê: a war invalid’s family, aid at once, then the appeal', async () => {
      const [shock] = await app.registry.shocks(ctx, { kind: 'fire', from: '2025-12-14', to: '2025-12-14' });
      assert.ok(shock);
      const h = await app.registry.household(ctx, shock.householdId, { asOf: AS_OF });
      assert.equal(h.villageName, 'Đục Khê');
      const head = h.members.find((m) => m.isHead)!;
      assert.ok(head.policies.some((p) => p.category === 'war_invalid'));
      // Emergency aid from the For the Poor fund the next day, citing the shock.
      const next = await app.funds.aidReceivedByHousehold(ctx, h.id, '2025-12-15');
      assert.deepEqual(
        next.aids.map((a) => [a.fund, a.purpose, a.amountDong, a.shock]),
        [[BOOKS.forThePoor, 'emergency', 10_000_000, shock.id]],
      );
      // The appeal, started from the shock: villagers, relatives and neighbours gave; all of it
      // went to the family.
      const appeal = await app.funds.fund(ctx, BOOKS.fire);
      assert.equal(appeal.householdId, h.id);
      const d = await app.funds.disclosure(ctx, BOOKS.fire, { to: AS_OF });
      const names = d.received.byDonor.map((l) => l.donorName ?? '');
      assert.ok(names.length >= 3);
      assert.ok(names.some((n) => /Họ hàng/.test(n)) && names.some((n) => /lối xóm/.test(n)));
      assert.equal(d.spent.totalDong, d.received.totalDong);
      assert.equal(d.closingDong, 0);
      const all = await app.funds.aidReceivedByHousehold(ctx, h.id, AS_OF);
      // 10,000,000 emergency aid + everything the appeal raised.
      assert.equal(all.totalDong, 10_000_000 + d.received.totalDong);
      assert.ok(all.aids.every((a) => a.shock === shock.id));
      // The family's loan was extended, with the fire as its cause.
      const treated = await app.loans.portfolio(ctx, { asOf: AS_OF, by: 'status' });
      assert.ok(treated.total.extended > 0);
    });

    test('Green House: collections at 12 places, ≈ 18 million đ', async () => {
      const d = await app.funds.disclosure(ctx, BOOKS.greenHouse, { to: AS_OF });
      assert.equal(d.received.byPoint.length, 12);
      assert.ok(d.received.byPoint.every((l) => l.amountDong > 0));
      const total = d.received.totalDong;
      assert.ok(Math.abs(total - 18_000_000) <= 500_000, String(total));
      assert.ok(d.spent.byPurpose.some((l) => l.key === 'women_children' && l.households > 0));
      assert.equal(d.reconciled, true);
    });

    test('Women’s Union savings groups: a cycle from 01/07/2025 and six counted meetings each', async () => {
      const cycles = await app.savings.cycles(ctx);
      assert.equal(cycles.length, 3);
      for (const c of cycles) {
        const r = await app.savings.register(ctx, c.id);
        assert.equal(r.meetings.length, 6);
      }
    });

    test('every book’s chain verifies', async () => {
      const v = await verifyLedger(app.store, ctx);
      assert.equal(v.ok, true);
      assert.ok(v.books.length >= 7);
    });
  });
}
