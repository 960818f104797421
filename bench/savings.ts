/**
 * Savings benchmark (issue 7, must show 4):
 *  1. a month of meetings for the Women's Union's 37 groups × 40 members: each group meets once a
 *     week (4 sheets a month), every member buys shares and pays the social fund, some repay and
 *     borrow; sheets per second and lines per second through `Savings.recordMeeting`;
 *  2. the quarter's SAVIX indicators over 1,000 groups (15 members each, three monthly meetings).
 * The registry for (2) is written by SQL in one transaction (the registry's own import is
 * benchmarked in bench/registry.ts); all money goes through the service.
 *
 *   npm run bench -- --only savings           SQLite
 *   npx tsx bench/savings.ts [--quick]        printed (--quick: 5 groups and 100 groups)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../src/app/context.ts';
import type { MeetingLine } from '../src/domain/savings/meeting.ts';
import { type App, openApp } from '../src/main/app.ts';
import { type Bench, mainIfEntry, ms, peakRssMiB, perSecond, type Section, timed } from './harness.ts';

const ctx: Ctx = { tenant: 'bench', actor: 'bench', now: () => new Date('2027-01-15T03:00:00Z') };
const PRICE = 20_000;

async function seedCommune(app: App): Promise<void> {
  await app.ledger.createTenant({ id: 'bench', name: 'Xã thử' });
  await app.ledger.createOrganisation(ctx, { id: 'hlhpn', kind: 'womens_union', nameVi: 'Hội Phụ nữ' });
  await app.registry.addVillage(ctx, { id: 'thon', name: 'Thôn Một' });
}

/** Registry rows of `groups` groups of `members` members, by SQL in one transaction. */
async function seedRegistrySql(app: App, groups: number, members: number): Promise<void> {
  const at = '2025-01-01T00:00:00.000Z';
  await app.store.write(async (tx) => {
    for (let g = 1; g <= groups; g++) {
      const gid = `G${String(g).padStart(4, '0')}`;
      const hh = [];
      const people = [];
      const spans = [];
      for (let m = 1; m <= members; m++) {
        const pid = `${gid}-P${String(m).padStart(2, '0')}`;
        const hid = `${gid}-H${String(m).padStart(2, '0')}`;
        hh.push({
          tenant_id: 'bench',
          id: hid,
          village_id: 'thon',
          head_person_id: null,
          address: null,
          phone: null,
          created_at: at,
          updated_at: at,
          archived_on: null,
          archive_reason: null,
        });
        people.push({
          tenant_id: 'bench',
          id: pid,
          household_id: hid,
          full_name: `Nguyễn Thị ${m}`,
          name_key: `nguyen thi ${m}`,
          birth_year: null,
          sex: m % 20 === 0 ? 'male' : 'female',
          id_number: null,
          phone: null,
          relation: 'head',
          created_at: at,
          updated_at: at,
        });
        spans.push({
          tenant_id: 'bench',
          group_id: gid,
          group_kind: 'vsla',
          person_id: pid,
          joined_on: '2025-12-01',
          left_on: null,
          created_at: at,
          updated_at: at,
        });
      }
      await tx.insertInto('household').values(hh).execute();
      await tx.insertInto('person').values(people).execute();
      await tx
        .insertInto('grp')
        .values({
          tenant_id: 'bench',
          id: gid,
          organisation_id: 'hlhpn',
          kind: 'vsla',
          village_id: 'thon',
          name: `Tổ ${g}`,
          name_key: `to ${g}`,
          leader_person_id: null,
          purpose: null,
          founded_on: '2025-01-01',
          closed_on: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await tx.insertInto('group_membership').values(spans).execute();
    }
  });
}

async function openCycles(app: App, groups: number): Promise<string[]> {
  const cycles: string[] = [];
  for (let g = 1; g <= groups; g++) {
    const gid = `G${String(g).padStart(4, '0')}`;
    const book = `so-${gid.toLowerCase()}`;
    await app.ledger.createBook(ctx, { code: book, template: 'savings-group', organisation: 'hlhpn' });
    cycles.push(
      (
        await app.savings.openCycle(ctx, {
          group: gid,
          book,
          startedOn: '2026-01-01',
          sharePrice: PRICE,
          social: 2_000,
        })
      ).id,
    );
  }
  return cycles;
}

/** Meeting `n` of a group: everyone present, 1–5 shares, social 2,000; member 1–4 borrow at meeting 2 and repay after. */
function sheet(
  group: string,
  members: number,
  n: number,
  owed: Map<string, number>,
  everyDays: number,
): MeetingLine[] {
  const lines: MeetingLine[] = [];
  for (let m = 1; m <= members; m++) {
    const member = `${group}-P${String(m).padStart(2, '0')}`;
    const line: Record<string, unknown> = { member, shares: ((m + n) % 5) + 1, social: 2_000 };
    const o = owed.get(member) ?? 0;
    if (o > 0) {
      line['repayment'] = Math.min(o, 50_000);
      // The service charge since the last meeting, as the loan engine accrues it (1.5 %/month,
      // 30E/360): ⌊o × 1.5 % × days / 30⌋, never above what it owes (the sheet refuses more).
      line['serviceCharge'] = Math.floor((o * 15 * everyDays) / 30 / 1000);
      owed.set(member, o - Math.min(o, 50_000));
    } else if (n >= 2 && m <= 4) {
      line['newLoan'] = { amount: 100_000, termMonths: 3 };
      owed.set(member, 100_000);
    }
    lines.push(line as unknown as MeetingLine);
  }
  return lines;
}

async function recordMonth(
  app: App,
  cycles: string[],
  groups: number,
  members: number,
  meetings: number,
  everyDays: number,
) {
  const cash = new Map<string, { loan: number; social: number }>();
  const owed = new Map<string, number>();
  let sheets = 0;
  let lines = 0;
  const t = await timed(async () => {
    for (let n = 1; n <= meetings; n++) {
      const day = 1 + (n - 1) * everyDays;
      for (let g = 1; g <= groups; g++) {
        const gid = `G${String(g).padStart(4, '0')}`;
        const cycle = cycles[g - 1]!;
        const ls = sheet(gid, members, n, owed, everyDays);
        const c = cash.get(cycle) ?? { loan: 0, social: 0 };
        for (const l of ls) {
          c.loan +=
            (l.shares ?? 0) * PRICE + (l.repayment ?? 0) + (l.serviceCharge ?? 0) - (l.newLoan?.amount ?? 0);
          c.social += l.social ?? 0;
        }
        cash.set(cycle, c);
        const month = Math.floor((day - 1) / 28) + 1;
        const dom = ((day - 1) % 28) + 1;
        await app.savings.recordMeeting(ctx, {
          cycle,
          date: `2026-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`,
          lines: ls,
          countedLoanFund: c.loan,
          countedSocialFund: c.social,
        });
        sheets += 1;
        lines += ls.length;
      }
    }
  });
  return { ms: t.ms, sheets, lines };
}

const bench: Bench = async (args) => {
  const quick = args.includes('--quick');
  const dir = mkdtempSync(join(tmpdir(), 'soquy-bench-savings-'));
  const sections: Section[] = [];
  try {
    // 1. A month of meetings: 37 groups × 40 members, weekly.
    {
      const groups = quick ? 5 : 37;
      const app = await openApp(join(dir, 'month.db'));
      await seedCommune(app);
      await seedRegistrySql(app, groups, 40);
      const cycles = await openCycles(app, groups);
      const r = await recordMonth(app, cycles, groups, 40, 4, 7);
      const ind = await timed(() => app.savings.indicators(ctx, { quarter: '2026-Q1' }));
      sections.push({
        title: `Savings: a month of weekly meetings, ${groups} groups × 40 members (SQLite)`,
        rows: [
          {
            metric: 'meeting sheets',
            value: String(r.sheets),
            note: `${r.lines.toLocaleString('en-US')} member lines`,
          },
          { metric: 'total', value: ms(r.ms) },
          {
            metric: 'per sheet',
            value: ms(r.ms / r.sheets),
            note: 'one transaction: checks, lines, the meeting’s entries, loan-engine events',
          },
          { metric: 'lines', value: perSecond(r.lines, r.ms) },
          { metric: 'indicators, all groups', value: ms(ind.ms) },
        ],
      });
      await app.close();
    }
    // 2. Indicators over 1,000 groups.
    {
      const groups = quick ? 100 : 1_000;
      const members = 15;
      const app = await openApp(join(dir, 'many.db'));
      await seedCommune(app);
      const seed = await timed(async () => {
        await seedRegistrySql(app, groups, members);
        const cycles = await openCycles(app, groups);
        return recordMonth(app, cycles, groups, members, 3, 28);
      });
      const ind = await timed(() => app.savings.indicators(ctx, { quarter: '2026-Q1' }));
      const again = await timed(() =>
        app.savings.indicators(ctx, { quarter: '2026-Q1', organisation: 'hlhpn' }),
      );
      sections.push({
        title: `Savings: quarterly indicators over ${groups.toLocaleString('en-US')} groups × ${members} members (SQLite)`,
        rows: [
          {
            metric: 'set-up (registry by SQL, books, 3 meetings each)',
            value: ms(seed.ms),
            note: `${seed.result.sheets} sheets, ${perSecond(seed.result.lines, seed.result.ms)} lines`,
          },
          {
            metric: 'indicators, per group and per organisation',
            value: ms(ind.ms),
            note: `${ind.result.groups.length} groups`,
          },
          { metric: 'again, one organisation', value: ms(again.ms) },
          { metric: 'peak RSS', value: `${peakRssMiB()} MiB` },
        ],
      });
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return sections;
};

export default bench;
await mainIfEntry(import.meta.url, bench);
