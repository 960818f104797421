/**
 * The authorisation matrix: every route of the registry × every role × the user's own
 * organisation and another one, each answer asserted: allowed (2xx), 403, or 404 where the
 * existence of another organisation's book must not leak; and 401 without credentials.
 * The web pages (issue 10) are in the same matrix, called with cookie sessions and forms: a page
 * answers "allowed" with 2xx or a redirect elsewhere, "401" with a redirect to sign in.
 *
 * The expectations below are written by hand, independently of the policy code. A route added
 * to the registry without a row here fails the first test: someone must decide who may call it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays } from '../../src/domain/dates.ts';
import { pageId } from '../../src/http/pages/page.tsx';
import { routeId } from '../../src/http/registry.ts';
import { ENGINES } from '../helpers/engines.ts';
import {
  entryBody,
  freshWorld,
  type MatrixRole,
  OTHER,
  OWN,
  PASSWORD,
  ROLE_USERS,
  TENANT,
  type World,
} from '../helpers/http.ts';
import { seedHouseholdsAndLoans } from '../helpers/loans-web.ts';
import { vslaCycle } from '../savings/http-fixture.ts';
import { statementBase64, vbspBook, vbspGroup, vbspStatement } from '../vbsp/http-world.ts';

type Outcome = 'ok' | 403 | 404;
type Cell = Outcome | readonly [own: Outcome, other: Outcome];
interface Expect {
  readonly anonymous: 'ok' | 401;
  readonly roles: Readonly<Record<MatrixRole, Cell>>;
}

const everyone = (anonymous: 'ok' | 401): Expect => ({
  anonymous,
  roles: { admin: 'ok', treasurer: 'ok', group_leader: 'ok', auditor: 'ok', viewer: 'ok' },
});
const ADMIN_ONLY: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: 403, group_leader: 403, auditor: 403, viewer: 403 },
};
const AUDITORS: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: 403, group_leader: 403, auditor: 'ok', viewer: 403 },
};
/** Reading a book: another organisation's book is as invisible as a missing one. */
const READ_BOOK: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: ['ok', 404], group_leader: 404, auditor: 'ok', viewer: ['ok', 404] },
};
/** Writing a book: roles that never write are refused outright (403), whichever book. */
const WRITE_BOOK: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: ['ok', 404], group_leader: 403, auditor: 403, viewer: 403 },
};
const VERIFY_BOOK: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: ['ok', 404], group_leader: 403, auditor: 'ok', viewer: 403 },
};
const CREATE_BOOK: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: ['ok', 403], group_leader: 403, auditor: 403, viewer: 403 },
};
/** Households at risk (issue 12): whoever sees the whole commune, and treasurers, who act on it. */
const RISK_READ: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: 'ok', group_leader: 403, auditor: 'ok', viewer: 403 },
};
const RISK_STEP: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: 'ok', group_leader: 403, auditor: 403, viewer: 403 },
};

/** Commune-wide VBSP settings (points, fee rates): an admin or any treasurer. */
const TREASURERS: Expect = {
  anonymous: 401,
  roles: { admin: 'ok', treasurer: 'ok', group_leader: 403, auditor: 403, viewer: 403 },
};

const EXPECTED: Record<string, Expect> = {
  'GET /api/openapi.json': everyone('ok'),
  'GET /api/v1/health': everyone('ok'),
  'POST /api/v1/session': everyone('ok'),
  'DELETE /api/v1/session': everyone(401),
  'GET /api/v1/me': everyone(401),
  'POST /api/v1/me/password': everyone(401),
  'GET /api/v1/me/tokens': everyone(401),
  'POST /api/v1/me/tokens': everyone(401),
  'DELETE /api/v1/me/tokens/{id}': everyone(401),
  'GET /api/v1/users': ADMIN_ONLY,
  'POST /api/v1/users': ADMIN_ONLY,
  'POST /api/v1/users/{username}/grants': ADMIN_ONLY,
  'DELETE /api/v1/users/{username}/grants': ADMIN_ONLY,
  'GET /api/v1/tenants': everyone(401),
  'POST /api/v1/tenants': ADMIN_ONLY,
  'GET /api/v1/organisations': everyone(401),
  'POST /api/v1/organisations': ADMIN_ONLY,
  'GET /api/v1/book-templates': everyone(401),
  'GET /api/v1/books': everyone(401),
  'POST /api/v1/books': CREATE_BOOK,
  'GET /api/v1/books/{book}/accounts': READ_BOOK,
  'POST /api/v1/books/{book}/accounts': WRITE_BOOK,
  'POST /api/v1/books/{book}/close-period': WRITE_BOOK,
  'GET /api/v1/books/{book}/balance': READ_BOOK,
  'GET /api/v1/books/{book}/party-balances': READ_BOOK,
  'GET /api/v1/books/{book}/statement': READ_BOOK,
  'GET /api/v1/trial-balance': READ_BOOK,
  'GET /api/v1/journal': READ_BOOK,
  'GET /api/v1/entries/{ref}': READ_BOOK,
  'POST /api/v1/entries': WRITE_BOOK,
  'POST /api/v1/entries/{ref}/reverse': WRITE_BOOK,
  'GET /api/v1/verify': VERIFY_BOOK,
  'GET /api/v1/export': VERIFY_BOOK,
  'GET /api/v1/approvals': everyone(401),
  'GET /api/v1/approvals/{id}': READ_BOOK,
  'POST /api/v1/approvals/{id}/approve': WRITE_BOOK,
  'POST /api/v1/approvals/{id}/reject': WRITE_BOOK,
  'GET /api/v1/approval-rules': everyone(401),
  'PUT /api/v1/approval-rules/{kind}': ADMIN_ONLY,
  'GET /api/v1/audit': AUDITORS,
  'GET /api/v1/audit/export': AUDITORS,
  'GET /api/v1/audit/verify': AUDITORS,
  'GET /api/v1/funds': everyone(401),
  'POST /api/v1/funds': CREATE_BOOK,
  'GET /api/v1/funds/{fund}': READ_BOOK,
  'GET /api/v1/funds/{fund}/donations': READ_BOOK,
  'POST /api/v1/funds/{fund}/donations': WRITE_BOOK,
  'GET /api/v1/funds/{fund}/donations/{no}': READ_BOOK,
  'POST /api/v1/funds/{fund}/pledges': WRITE_BOOK,
  'GET /api/v1/funds/{fund}/spendings': READ_BOOK,
  'GET /api/v1/funds/{fund}/spendings/{no}': READ_BOOK,
  'POST /api/v1/funds/{fund}/aid': WRITE_BOOK,
  'POST /api/v1/funds/{fund}/transfers': WRITE_BOOK,
  'GET /api/v1/funds/{fund}/disclosure': READ_BOOK,
  'GET /api/v1/fund-caps': everyone(401),
  'POST /api/v1/fund-caps': ADMIN_ONLY,
  'GET /api/v1/households/{household}/aid': everyone(401),
  'GET /api/v1/public/{tenant}/funds/{fund}/disclosure': everyone('ok'),
  'GET /api/v1/vbsp/points': everyone(401),
  'POST /api/v1/vbsp/points': TREASURERS,
  'GET /api/v1/vbsp/calendar': everyone(401),
  'GET /api/v1/vbsp/fee-rates': everyone(401),
  'POST /api/v1/vbsp/fee-rates': TREASURERS,
  'GET /api/v1/vbsp/sheets/{group}/{month}': READ_BOOK,
  'POST /api/v1/vbsp/sheets/{group}/{month}': WRITE_BOOK,
  'POST /api/v1/vbsp/sheets/{group}/{month}/handover': WRITE_BOOK,
  'POST /api/v1/vbsp/sheets/{group}/{month}/fees': WRITE_BOOK,
  'POST /api/v1/vbsp/sheets/{group}/{month}/fees/pay': WRITE_BOOK,
  'GET /api/v1/vbsp/statements': everyone(401),
  'POST /api/v1/vbsp/statements': WRITE_BOOK,
  'GET /api/v1/vbsp/statements/{id}/reconciliation': READ_BOOK,
  'POST /api/v1/vbsp/statements/{id}/notes': WRITE_BOOK,
  'GET /api/v1/vbsp/monthly': everyone(401),
  'GET /api/v1/savings/cycles/{cycle}/register': READ_BOOK,
  'POST /api/v1/savings/cycles/{cycle}/meetings': WRITE_BOOK,
  'POST /api/v1/savings/cycles/{cycle}/share-out': WRITE_BOOK,
  'GET /api/v1/savings/passbook': READ_BOOK,
  'GET /api/v1/savings/indicators': everyone(401),
  'GET /api/v1/risk/list': RISK_READ,
  'GET /api/v1/risk/trend': RISK_READ,
  'GET /api/v1/risk/households/{household}': RISK_READ,
  'GET /api/v1/risk/households/{household}/steps': RISK_READ,
  'POST /api/v1/risk/households/{household}/steps': RISK_STEP,
  'GET /api/v1/risk/settings': RISK_READ,
  'POST /api/v1/risk/settings': ADMIN_ONLY,
  'GET /api/v1/households': everyone(401),
  'GET /api/v1/households/{household}': READ_BOOK,
  'GET /api/v1/households/{household}/poverty': READ_BOOK,
  'GET /api/v1/households/{household}/shocks': READ_BOOK,
  'GET /api/v1/loan-programmes': everyone(401),
  'POST /api/v1/loans': WRITE_BOOK,
  'GET /api/v1/loans/{loan}': READ_BOOK,
  'POST /api/v1/loans/{loan}/approve': WRITE_BOOK,
  'POST /api/v1/loans/{loan}/disburse': WRITE_BOOK,
  'POST /api/v1/loans/{loan}/repayments': WRITE_BOOK,
  'GET /api/v1/loans/{loan}/schedule': READ_BOOK,
  'GET /api/v1/loans/{loan}/statement': READ_BOOK,
  'GET /api/v1/loan-portfolio': everyone(401),
};

interface Target {
  readonly organisation: string;
  readonly book: string;
  readonly maker: string;
  readonly household: string;
  readonly loan: string;
}

interface Sample {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly key?: string;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

/** The setup a sample needs, done directly through the services (not through the route under test). */
async function proposal(w: World, t: Target): Promise<number> {
  const entry = {
    book: t.book,
    date: '2025-03-01',
    kind: 'disbursement',
    memo: 'Giải ngân lớn',
    documentNo: null,
    postings: [
      { account: '1311', party: 'HH-9', amount: 80_000_000 },
      { account: '111', party: null, amount: -80_000_000 },
    ],
  };
  const reply = await w.app.operations.submit(w.ctx(t.maker), 'ledger.post', { entries: [entry] }, null);
  assert.equal(reply.outcome, 'proposed');
  return (reply.body as { operation: { id: number } }).operation.id;
}

/**
 * A charity fund of the target's organisation (book = fund id), holding 100,000,000 đ, with
 * receipt 1 and voucher 1 (an aid proposed by one admin, approved by the other). Made once.
 */
const funds = new Map<string, string>();
async function fundOf(w: World, t: Target): Promise<string> {
  const id = `tu-thien-${t.organisation}`;
  if (funds.has(id)) return id;
  const c = w.ctx('admin');
  if (!(await w.app.registry.isActiveHousehold(c, 'HH-QUY'))) {
    await w.app.registry.addVillage(c, { id: 'thon-quy', name: 'Thôn Quỹ' });
    await w.app.registry.addHousehold(c, {
      id: 'HH-QUY',
      village: 'thon-quy',
      head: { fullName: 'Lê Văn Nhận' },
    });
  }
  await w.app.funds.createFund(c, {
    id,
    kind: 'for_the_poor',
    organisation: t.organisation,
    nameVi: 'Quỹ Vì người nghèo',
    purpose: 'Hỗ trợ hộ khó khăn',
    opensOn: '2025-01-01',
    closesOn: '2025-12-31',
  });
  await w.app.funds.donate(c, {
    fund: id,
    date: '2025-02-01',
    donorKind: 'business',
    donorName: 'Công ty A',
    amount: 100_000_000,
  });
  const p = await w.app.funds.proposeAid(c, {
    fund: id,
    household: 'HH-QUY',
    purpose: 'emergency',
    amount: 1_000,
    date: '2025-02-02',
  });
  await w.app.operations.approve(
    w.ctx('admin2'),
    (p.body as { operation: { id: number } }).operation.id,
    null,
  );
  funds.set(id, id);
  return id;
}

/** A household with a fire (so the rules offer steps), made once per world through the registry. */
const riskWorlds = new WeakSet<World>();
async function riskHousehold(w: World): Promise<string> {
  if (!riskWorlds.has(w)) {
    riskWorlds.add(w);
    // The village Đức Khê comes from seedHouseholdsAndLoans (run once per world).
    await w.app.registry.addHousehold(w.ctx(), {
      id: 'HH-R1',
      village: 'duc-khe',
      head: { fullName: 'Nguyễn Thị Hằng' },
    });
    await w.app.registry.addShock(w.ctx(), {
      householdId: 'HH-R1',
      kind: 'fire',
      occurredOn: '2025-12-14',
      description: 'Cháy nhà',
      lossDong: 80_000_000,
    });
  }
  return 'HH-R1';
}

/** A loan applied for (and approved, when asked) in the target's book, through the services. */
async function newLoan(w: World, t: Target, approve: boolean): Promise<string> {
  const r = await w.app.loans.apply(w.ctx(t.maker), {
    programme: 'fsf',
    book: t.book,
    household: t.household,
    amount: 1_000_000,
    date: '2025-12-01',
    termMonths: 12,
    source: 'district',
  });
  if (approve)
    await w.app.loans.approve(w.ctx(t.maker), {
      loan: r.loan,
      date: '2025-12-02',
      approver: 'Chủ tịch Hội',
    });
  return r.loan;
}

const passwords = new Map<string, string>();
function restore(known: ReadonlyMap<string, string>): void {
  passwords.clear();
  for (const [k, v] of known) passwords.set(k, v);
}

/** One request per route that passes when the caller may make it. */
const SAMPLES: Record<string, (w: World, t: Target, user: string) => Promise<Sample>> = {
  'GET /api/v1/savings/cycles/{cycle}/register': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return { method: 'GET', path: `/api/v1/savings/cycles/${v.cycle}/register` };
  },
  'POST /api/v1/savings/cycles/{cycle}/meetings': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return {
      method: 'POST',
      path: `/api/v1/savings/cycles/${v.cycle}/meetings`,
      body: {
        date: '2025-11-10',
        lines: [{ member: v.persons[0], shares: 1, social: 2_000 }],
        countedLoanFund: 20_000,
        countedSocialFund: 2_000,
      },
      key: unique('hop'),
    };
  },
  'POST /api/v1/savings/cycles/{cycle}/share-out': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    await w.app.savings.recordMeeting(w.ctx(), {
      cycle: v.cycle,
      date: '2025-11-10',
      lines: [{ member: v.persons[0]!, shares: 1, social: 2_000 }],
      countedLoanFund: 20_000,
      countedSocialFund: 2_000,
    });
    return {
      method: 'POST',
      path: `/api/v1/savings/cycles/${v.cycle}/share-out`,
      body: { date: '2025-11-20' },
      key: unique('chia'),
    };
  },
  'GET /api/v1/savings/passbook': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return { method: 'GET', path: `/api/v1/savings/passbook?group=${v.group}&person=${v.persons[0]}` };
  },
  'GET /api/v1/savings/indicators': async () => ({
    method: 'GET',
    path: '/api/v1/savings/indicators?quarter=2025-Q4',
  }),
  'GET /api/openapi.json': async () => ({ method: 'GET', path: '/api/openapi.json' }),
  'GET /api/v1/health': async () => ({ method: 'GET', path: '/api/v1/health' }),
  'POST /api/v1/session': async (_w, _t, user) => ({
    method: 'POST',
    path: '/api/v1/session',
    body: { username: user, password: passwords.get(user) ?? PASSWORD },
  }),
  'DELETE /api/v1/session': async () => ({ method: 'DELETE', path: '/api/v1/session' }),
  'GET /api/v1/me': async () => ({ method: 'GET', path: '/api/v1/me' }),
  'POST /api/v1/me/password': async (_w, _t, user) => {
    const current = passwords.get(user) ?? PASSWORD;
    const next = current === PASSWORD ? `${PASSWORD} mới` : PASSWORD;
    passwords.set(user, next);
    return { method: 'POST', path: '/api/v1/me/password', body: { current, next } };
  },
  'GET /api/v1/me/tokens': async () => ({ method: 'GET', path: '/api/v1/me/tokens' }),
  'POST /api/v1/me/tokens': async () => ({
    method: 'POST',
    path: '/api/v1/me/tokens',
    body: { name: unique('script') },
  }),
  'DELETE /api/v1/me/tokens/{id}': async (w, _t, user) => {
    const t = await w.app.access.createToken(w.ctx(), { username: user, name: unique('old') });
    return { method: 'DELETE', path: `/api/v1/me/tokens/${t.id}` };
  },
  'GET /api/v1/users': async () => ({ method: 'GET', path: '/api/v1/users' }),
  'POST /api/v1/users': async () => ({
    method: 'POST',
    path: '/api/v1/users',
    body: { username: unique('nguoi'), grants: [{ role: 'viewer', scope: 'organisation:hnd' }] },
  }),
  'POST /api/v1/users/{username}/grants': async (w) => {
    const username = unique('cb');
    await w.app.access.createUser(w.ctx(), { username, password: PASSWORD });
    return {
      method: 'POST',
      path: `/api/v1/users/${username}/grants`,
      body: { role: 'viewer', scope: 'book:quy-htnd' },
    };
  },
  'DELETE /api/v1/users/{username}/grants': async (w) => {
    const username = unique('cb');
    await w.app.access.createUser(w.ctx(), { username, password: PASSWORD, grants: [{ role: 'viewer' }] });
    return { method: 'DELETE', path: `/api/v1/users/${username}/grants?role=viewer` };
  },
  'GET /api/v1/tenants': async () => ({ method: 'GET', path: '/api/v1/tenants' }),
  'POST /api/v1/tenants': async () => ({
    method: 'POST',
    path: '/api/v1/tenants',
    body: { id: unique('xa'), name: 'Xã mới' },
  }),
  'GET /api/v1/organisations': async () => ({ method: 'GET', path: '/api/v1/organisations' }),
  'POST /api/v1/organisations': async () => ({
    method: 'POST',
    path: '/api/v1/organisations',
    body: { id: unique('org'), kind: 'veterans', nameVi: 'Hội Cựu chiến binh' },
  }),
  'GET /api/v1/book-templates': async () => ({ method: 'GET', path: '/api/v1/book-templates' }),
  'GET /api/v1/books': async () => ({ method: 'GET', path: '/api/v1/books' }),
  'POST /api/v1/books': async (_w, t) => ({
    method: 'POST',
    path: '/api/v1/books',
    body: { code: unique('so'), template: 'general', organisation: t.organisation },
  }),
  'GET /api/v1/books/{book}/accounts': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/books/${t.book}/accounts`,
  }),
  'POST /api/v1/books/{book}/accounts': async (_w, t) => ({
    method: 'POST',
    path: `/api/v1/books/${t.book}/accounts`,
    body: { code: unique('9'), type: 'expense', nameVi: 'Chi khác' },
  }),
  'POST /api/v1/books/{book}/close-period': async (_w, t) => ({
    method: 'POST',
    path: `/api/v1/books/${t.book}/close-period`,
    // Every closing a day later than the last: periods only move forward.
    body: { through: addDays('2000-01-01', ++counter) },
  }),
  'GET /api/v1/books/{book}/balance': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/books/${t.book}/balance?account=111`,
  }),
  'GET /api/v1/books/{book}/party-balances': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/books/${t.book}/party-balances?account=1311`,
  }),
  'GET /api/v1/books/{book}/statement': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/books/${t.book}/statement?account=111&from=01/01/2025`,
  }),
  'GET /api/v1/trial-balance': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/trial-balance?book=${t.book}`,
  }),
  'GET /api/v1/journal': async (_w, t) => ({ method: 'GET', path: `/api/v1/journal?book=${t.book}&limit=5` }),
  'GET /api/v1/entries/{ref}': async (_w, t) => ({ method: 'GET', path: `/api/v1/entries/${t.book}%231` }),
  'POST /api/v1/entries': async (_w, t) => ({
    method: 'POST',
    path: '/api/v1/entries',
    body: entryBody(t.book, 1_000_000),
    key: unique('post'),
  }),
  'POST /api/v1/entries/{ref}/reverse': async (w, t) => {
    const r = await w.app.ledger.post(w.ctx(), [
      {
        book: t.book,
        date: '2025-03-01',
        kind: 'disbursement',
        memo: 'để đảo',
        postings: [
          { account: '1311', party: 'HH-2', amount: 1_000 },
          { account: '111', amount: -1_000 },
        ],
      },
    ]);
    return {
      method: 'POST',
      path: `/api/v1/entries/${t.book}%23${r.entries[0]!.seq}/reverse`,
      body: {},
      key: unique('rev'),
    };
  },
  'GET /api/v1/verify': async (_w, t) => ({ method: 'GET', path: `/api/v1/verify?book=${t.book}` }),
  'GET /api/v1/export': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/export?format=csv&book=${t.book}`,
  }),
  'GET /api/v1/approvals': async () => ({ method: 'GET', path: '/api/v1/approvals' }),
  'GET /api/v1/approvals/{id}': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/approvals/${await proposal(w, t)}`,
  }),
  'POST /api/v1/approvals/{id}/approve': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/approvals/${await proposal(w, t)}/approve`,
    key: unique('approve'),
  }),
  'POST /api/v1/approvals/{id}/reject': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/approvals/${await proposal(w, t)}/reject`,
    body: { note: 'thiếu chứng từ' },
    key: unique('reject'),
  }),
  'GET /api/v1/approval-rules': async () => ({ method: 'GET', path: '/api/v1/approval-rules' }),
  'PUT /api/v1/approval-rules/{kind}': async () => ({
    method: 'PUT',
    path: '/api/v1/approval-rules/ledger.post',
    body: { thresholdDong: 50_000_000 },
  }),
  'GET /api/v1/audit': async () => ({ method: 'GET', path: '/api/v1/audit?limit=5' }),
  'GET /api/v1/audit/export': async () => ({ method: 'GET', path: '/api/v1/audit/export?format=json' }),
  'GET /api/v1/audit/verify': async () => ({ method: 'GET', path: '/api/v1/audit/verify' }),
  'GET /api/v1/funds': async () => ({ method: 'GET', path: '/api/v1/funds' }),
  'POST /api/v1/funds': async (_w, t) => ({
    method: 'POST',
    path: '/api/v1/funds',
    body: {
      id: unique('cuu-tro'),
      kind: 'relief',
      organisation: t.organisation,
      nameVi: 'Cứu trợ',
      purpose: 'Vùng lũ',
      restrictedPurposes: ['relief'],
      opensOn: '01/09/2025',
      closesOn: '31/10/2025',
    },
  }),
  'GET /api/v1/funds/{fund}': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/funds/${await fundOf(w, t)}`,
  }),
  'GET /api/v1/funds/{fund}/donations': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/funds/${await fundOf(w, t)}/donations?from=01/01/2025`,
  }),
  'POST /api/v1/funds/{fund}/donations': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/funds/${await fundOf(w, t)}/donations`,
    body: { date: '2025-03-01', donorKind: 'person', donorName: 'Ông B', amount: '1.000.000' },
    key: unique('donate'),
  }),
  'GET /api/v1/funds/{fund}/donations/{no}': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/funds/${await fundOf(w, t)}/donations/1`,
  }),
  'POST /api/v1/funds/{fund}/pledges': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/funds/${await fundOf(w, t)}/pledges`,
    body: { date: '2025-03-01', donorKind: 'business', donorName: 'Công ty C', amount: 5_000_000 },
    key: unique('pledge'),
  }),
  'GET /api/v1/funds/{fund}/spendings': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/funds/${await fundOf(w, t)}/spendings`,
  }),
  'GET /api/v1/funds/{fund}/spendings/{no}': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/funds/${await fundOf(w, t)}/spendings/1`,
  }),
  'POST /api/v1/funds/{fund}/aid': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/funds/${await fundOf(w, t)}/aid`,
    body: { household: 'HH-QUY', purpose: 'emergency', amount: 1_000, date: '2025-03-02' },
    key: unique('aid'),
  }),
  'POST /api/v1/funds/{fund}/transfers': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/funds/${await fundOf(w, t)}/transfers`,
    body: { recipient: 'MTTQ huyện', purpose: 'relief', amount: 1_000, date: '2025-03-02' },
    key: unique('transfer'),
  }),
  'GET /api/v1/funds/{fund}/disclosure': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/funds/${await fundOf(w, t)}/disclosure?to=31/12/2025`,
  }),
  'GET /api/v1/fund-caps': async () => ({ method: 'GET', path: '/api/v1/fund-caps' }),
  'POST /api/v1/fund-caps': async () => ({
    method: 'POST',
    path: '/api/v1/fund-caps',
    body: { purpose: 'livelihood', amount: 20_000_000, from: addDays('2000-01-01', ++counter) },
  }),
  'GET /api/v1/households/{household}/aid': async () => ({
    method: 'GET',
    path: '/api/v1/households/HH-QUY/aid',
  }),
  'GET /api/v1/public/{tenant}/funds/{fund}/disclosure': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/public/${TENANT}/funds/${await fundOf(w, t)}/disclosure`,
  }),
  'GET /api/v1/vbsp/points': async () => ({ method: 'GET', path: '/api/v1/vbsp/points' }),
  'POST /api/v1/vbsp/points': async () => ({
    method: 'POST',
    path: '/api/v1/vbsp/points',
    body: { id: unique('dgd'), name: 'Điểm giao dịch', place: 'Nhà văn hóa', dayOfMonth: 15 },
  }),
  'GET /api/v1/vbsp/calendar': async () => ({ method: 'GET', path: '/api/v1/vbsp/calendar?from=2025-02-01' }),
  'GET /api/v1/vbsp/fee-rates': async () => ({ method: 'GET', path: '/api/v1/vbsp/fee-rates' }),
  'POST /api/v1/vbsp/fee-rates': async () => ({
    method: 'POST',
    path: '/api/v1/vbsp/fee-rates',
    body: { from: addDays('2030-01-01', ++counter), fee: '6,5', commission: '12,5' },
  }),
  'GET /api/v1/vbsp/sheets/{group}/{month}': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/vbsp/sheets/${(await vbspGroup(w, t.organisation)).group}/2025-02`,
  }),
  'POST /api/v1/vbsp/sheets/{group}/{month}': async (w, t) => {
    const g = await vbspGroup(w, t.organisation);
    return {
      method: 'POST',
      path: `/api/v1/vbsp/sheets/${g.group}/2025-02`,
      body: { date: '2025-02-15', lines: [{ loan: g.loan, interest: 280_274 }] },
      key: unique('sheet'),
    };
  },
  'POST /api/v1/vbsp/sheets/{group}/{month}/handover': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/vbsp/sheets/${(await vbspGroup(w, t.organisation, 'recorded')).group}/2025-02/handover`,
    body: { date: '2025-02-15', counted: 290_274 },
    key: unique('handover'),
  }),
  'POST /api/v1/vbsp/sheets/{group}/{month}/fees': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/vbsp/sheets/${(await vbspGroup(w, t.organisation, 'recorded')).group}/2025-02/fees`,
    body: { date: '2025-02-15' },
    key: unique('fees'),
  }),
  'POST /api/v1/vbsp/sheets/{group}/{month}/fees/pay': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/vbsp/sheets/${(await vbspGroup(w, t.organisation, 'booked')).group}/2025-02/fees/pay`,
    body: { date: '2025-02-16' },
    key: unique('pay'),
  }),
  'GET /api/v1/vbsp/statements': async () => ({ method: 'GET', path: '/api/v1/vbsp/statements' }),
  'POST /api/v1/vbsp/statements': async (w, t) => ({
    method: 'POST',
    path: '/api/v1/vbsp/statements',
    body: {
      book: vbspBook(t.organisation),
      asOf: '2025-02-28',
      fileName: 'sao-ke.csv',
      contentBase64: statementBase64(await vbspGroup(w, t.organisation)),
    },
  }),
  'GET /api/v1/vbsp/statements/{id}/reconciliation': async (w, t) => ({
    method: 'GET',
    path: `/api/v1/vbsp/statements/${await vbspStatement(w, t.organisation)}/reconciliation`,
  }),
  'POST /api/v1/vbsp/statements/{id}/notes': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/vbsp/statements/${await vbspStatement(w, t.organisation)}/notes`,
    body: { agreementNo: 'KU-1', kind: 'outstanding', note: 'Đã báo ngân hàng' },
  }),
  'GET /api/v1/vbsp/monthly': async () => ({ method: 'GET', path: '/api/v1/vbsp/monthly?asOf=2025-02-28' }),
  'GET /api/v1/risk/list': async () => ({ method: 'GET', path: '/api/v1/risk/list?asOf=2025-12-20' }),
  'GET /api/v1/risk/trend': async () => ({
    method: 'GET',
    path: '/api/v1/risk/trend?asOf=2025-12-20&months=2',
  }),
  'GET /api/v1/risk/households/{household}': async (w) => ({
    method: 'GET',
    path: `/api/v1/risk/households/${await riskHousehold(w)}?asOf=2025-12-20`,
  }),
  'GET /api/v1/risk/households/{household}/steps': async (w) => ({
    method: 'GET',
    path: `/api/v1/risk/households/${await riskHousehold(w)}/steps`,
  }),
  'POST /api/v1/risk/households/{household}/steps': async (w) => ({
    method: 'POST',
    path: `/api/v1/risk/households/${await riskHousehold(w)}/steps`,
    body: { kind: 'front_note', date: '2025-12-20', note: 'Ban CTMT thôn thăm hỏi' },
  }),
  'GET /api/v1/risk/settings': async () => ({ method: 'GET', path: '/api/v1/risk/settings' }),
  'POST /api/v1/risk/settings': async () => ({
    method: 'POST',
    path: '/api/v1/risk/settings',
    body: { key: 'w_aid', value: 10, effectiveFrom: addDays('2026-01-01', ++counter) },
  }),
  'GET /api/v1/households': async () => ({ method: 'GET', path: '/api/v1/households?q=vuong%20dinh%20soan' }),
  'GET /api/v1/households/{household}': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/households/${t.household}`,
  }),
  'GET /api/v1/households/{household}/poverty': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/households/${t.household}/poverty`,
  }),
  'GET /api/v1/households/{household}/shocks': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/households/${t.household}/shocks`,
  }),
  'GET /api/v1/loan-programmes': async () => ({ method: 'GET', path: '/api/v1/loan-programmes' }),
  'POST /api/v1/loans': async (_w, t) => ({
    method: 'POST',
    path: '/api/v1/loans',
    body: {
      programme: 'fsf',
      book: t.book,
      household: t.household,
      amount: 1_000_000,
      date: '01/12/2025',
      termMonths: 12,
      source: 'district',
    },
  }),
  'GET /api/v1/loans/{loan}': async (_w, t) => ({ method: 'GET', path: `/api/v1/loans/${t.loan}` }),
  'POST /api/v1/loans/{loan}/approve': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/loans/${await newLoan(w, t, false)}/approve`,
    body: { date: '02/12/2025', approver: 'Chủ tịch Hội' },
    key: unique('approve-loan'),
  }),
  'POST /api/v1/loans/{loan}/disburse': async (w, t) => ({
    method: 'POST',
    path: `/api/v1/loans/${await newLoan(w, t, true)}/disburse`,
    body: { date: '03/12/2025', amount: 1_000_000 },
    key: unique('disburse-loan'),
  }),
  'POST /api/v1/loans/{loan}/repayments': async (_w, t) => ({
    method: 'POST',
    path: `/api/v1/loans/${t.loan}/repayments`,
    body: { date: '20/12/2025', amount: 1_000 },
    key: unique('repay-loan'),
  }),
  'GET /api/v1/loans/{loan}/schedule': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/loans/${t.loan}/schedule`,
  }),
  'GET /api/v1/loans/{loan}/statement': async (_w, t) => ({
    method: 'GET',
    path: `/api/v1/loans/${t.loan}/statement`,
  }),
  'GET /api/v1/loan-portfolio': async () => ({ method: 'GET', path: '/api/v1/loan-portfolio?by=book' }),
};

function outcomeOf(status: number): Outcome | 401 | number {
  if (status >= 200 && status < 300) return 'ok';
  return status;
}

// --- the web pages ----------------------------------------------------------------------------------

const EXPECTED_PAGES: Record<string, Expect> = {
  'GET /assets/soquy.css': everyone('ok'),
  'GET /assets/htmx.min.js': everyone('ok'),
  'GET /assets/soquy.js': everyone('ok'),
  'GET /sign-in': everyone('ok'),
  'POST /sign-in': everyone('ok'),
  'POST /sign-out': everyone('ok'),
  'GET /change-password': everyone(401),
  'POST /change-password': everyone(401),
  'GET /': everyone(401),
  'GET /org/{org}': READ_BOOK,
  'GET /books': everyone(401),
  'GET /books/{book}': READ_BOOK,
  'GET /books/{book}/accounts/{account}': READ_BOOK,
  'GET /books/{book}/accounts/{account}/parties': READ_BOOK,
  'GET /books/{book}/post': WRITE_BOOK,
  'GET /books/{book}/post/check': WRITE_BOOK,
  'POST /books/{book}/post': WRITE_BOOK,
  'GET /trial-balance': READ_BOOK,
  'GET /journal': READ_BOOK,
  'GET /entries/{book}/{seq}': READ_BOOK,
  'GET /entries/{book}/{seq}/receipt': READ_BOOK,
  'GET /entries/{book}/{seq}/voucher': READ_BOOK,
  'POST /entries/{book}/{seq}/reverse': WRITE_BOOK,
  'GET /trace': READ_BOOK,
  'GET /verify': VERIFY_BOOK,
  'GET /export': VERIFY_BOOK,
  'GET /export/download': VERIFY_BOOK,
  'GET /approvals': everyone(401),
  'GET /approvals/{id}': READ_BOOK,
  'POST /approvals/{id}/approve': WRITE_BOOK,
  'POST /approvals/{id}/reject': WRITE_BOOK,
  'GET /settings/users': ADMIN_ONLY,
  'POST /settings/users': ADMIN_ONLY,
  'POST /settings/users/{username}/grants': ADMIN_ONLY,
  'POST /settings/users/{username}/revoke': ADMIN_ONLY,
  'POST /settings/users/{username}/reset-password': ADMIN_ONLY,
  'GET /settings/approval-rules': ADMIN_ONLY,
  'POST /settings/approval-rules': ADMIN_ONLY,
  'GET /audit': AUDITORS,
  'GET /audit/export': AUDITORS,
  'GET /funds': everyone(401),
  'GET /funds/{fund}': READ_BOOK,
  'GET /funds/{fund}/donate': WRITE_BOOK,
  'POST /funds/{fund}/donate': WRITE_BOOK,
  'GET /funds/{fund}/receipts/{no}': READ_BOOK,
  'GET /funds/{fund}/spend': WRITE_BOOK,
  'POST /funds/{fund}/aid': WRITE_BOOK,
  'POST /funds/{fund}/transfer': WRITE_BOOK,
  'GET /funds/{fund}/vouchers/{no}': READ_BOOK,
  'GET /funds/{fund}/disclosure': READ_BOOK,
  'GET /public/{tenant}/funds/{fund}': everyone('ok'),
  'GET /savings': everyone(401),
  'GET /savings/cycles/{cycle}': READ_BOOK,
  'GET /savings/cycles/{cycle}/meeting': WRITE_BOOK,
  'GET /savings/cycles/{cycle}/meeting/check': WRITE_BOOK,
  'POST /savings/cycles/{cycle}/meeting': WRITE_BOOK,
  'GET /savings/passbook': READ_BOOK,
  'GET /savings/indicators': everyone(401),
  'GET /risk': RISK_READ,
  'GET /risk/households/{household}': RISK_READ,
  'POST /risk/households/{household}/steps': RISK_STEP,
  'GET /risk/settings': RISK_READ,
  'POST /risk/settings': ADMIN_ONLY,
  'GET /households': everyone(401),
  'GET /households/{household}': READ_BOOK,
  'GET /loan-portfolio': everyone(401),
  'GET /settings/loan-programmes': everyone(401),
  'POST /settings/loan-programmes': ADMIN_ONLY,
  'GET /loans/new': {
    anonymous: 401,
    roles: { admin: 'ok', treasurer: 'ok', group_leader: 403, auditor: 403, viewer: 403 },
  },
  'POST /loans/new': WRITE_BOOK,
  'GET /loans/{loan}': READ_BOOK,
  'POST /loans/{loan}/approve': WRITE_BOOK,
  'POST /loans/{loan}/disburse': WRITE_BOOK,
  'POST /loans/{loan}/repay': WRITE_BOOK,
  'GET /loans/{loan}/events/{seq}': READ_BOOK,
  'GET /loans/{loan}/schedule': READ_BOOK,
  'GET /loans/{loan}/statement': READ_BOOK,
  'GET /vbsp': everyone(401),
  'GET /vbsp/sheets/{group}/{month}': READ_BOOK,
  'GET /vbsp/sheets/{group}/{month}/record': WRITE_BOOK,
  'POST /vbsp/sheets/{group}/{month}/record': WRITE_BOOK,
  'POST /vbsp/sheets/{group}/{month}/handover': WRITE_BOOK,
  'GET /vbsp/statements/{id}': READ_BOOK,
  'GET /vbsp/monthly': everyone(401),
};

interface Cookie {
  readonly cookie: string;
  readonly csrf: string;
}

interface PageSample {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** A form; `_csrf` of the session is added. */
  readonly form?: Record<string, string>;
  /** More cookies (the sign-in form's double-submit cookie). */
  readonly cookies?: string;
  /** Another session to act with (signing out must not end the matrix's own session). */
  readonly session?: Cookie;
}

/** A new cookie session (the matrix creates other communes: sign-in names this one). */
async function newSession(w: World, user: string): Promise<Cookie> {
  const r = await w.call('POST', '/api/v1/session', {
    body: { tenant: TENANT, username: user, password: passwords.get(user) ?? PASSWORD },
  });
  assert.equal(r.status, 200, r.text);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: r.json.csrfToken as string };
}

const sessions = new Map<string, Cookie>();
async function sessionOf(w: World, user: string): Promise<Cookie> {
  let s = sessions.get(user);
  if (!s) {
    s = await newSession(w, user);
    sessions.set(user, s);
  }
  return s;
}

const formKey = () => (++counter).toString(16).padStart(32, '0');

const PAGE_SAMPLES: Record<string, (w: World, t: Target, user: string) => Promise<PageSample>> = {
  'GET /savings': async () => ({ method: 'GET', path: '/savings' }),
  'GET /savings/cycles/{cycle}': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return { method: 'GET', path: `/savings/cycles/${v.cycle}` };
  },
  'GET /savings/cycles/{cycle}/meeting': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return { method: 'GET', path: `/savings/cycles/${v.cycle}/meeting` };
  },
  'GET /savings/cycles/{cycle}/meeting/check': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return {
      method: 'GET',
      path: `/savings/cycles/${v.cycle}/meeting/check?date=10%2F11%2F2025&m%5B0%5D.shares=1`,
    };
  },
  'POST /savings/cycles/{cycle}/meeting': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return {
      method: 'POST',
      path: `/savings/cycles/${v.cycle}/meeting`,
      form: {
        _key: formKey(),
        date: '10/11/2025',
        'm[0].present': 'on',
        'm[0].shares': '1',
        'm[0].social': '2.000',
        countedLoanFund: '20.000',
        countedSocialFund: '2.000',
      },
    };
  },
  'GET /savings/passbook': async (w, t) => {
    const v = await vslaCycle(w.app, w.ctx(), t.organisation);
    return { method: 'GET', path: `/savings/passbook?group=${v.group}&person=${v.persons[0]}` };
  },
  'GET /savings/indicators': async () => ({ method: 'GET', path: '/savings/indicators?quarter=2025-Q4' }),
  'GET /assets/soquy.css': async () => ({ method: 'GET', path: '/assets/soquy.css' }),
  'GET /assets/htmx.min.js': async () => ({ method: 'GET', path: '/assets/htmx.min.js' }),
  'GET /assets/soquy.js': async () => ({ method: 'GET', path: '/assets/soquy.js' }),
  'GET /sign-in': async () => ({ method: 'GET', path: '/sign-in' }),
  'POST /sign-in': async (w, _t, user) => {
    const form = await w.call('GET', '/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    return {
      method: 'POST',
      path: '/sign-in',
      cookies: (form.headers.get('set-cookie') ?? '').split(';')[0]!,
      form: { _csrf: token, tenant: TENANT, username: user, password: passwords.get(user) ?? PASSWORD },
    };
  },
  'POST /sign-out': async (w, _t, user) => ({
    method: 'POST',
    path: '/sign-out',
    session: await newSession(w, user),
  }),
  'GET /change-password': async () => ({ method: 'GET', path: '/change-password' }),
  'POST /change-password': async (_w, _t, user) => {
    const current = passwords.get(user) ?? PASSWORD;
    const next = current === PASSWORD ? `${PASSWORD} mới` : PASSWORD;
    passwords.set(user, next);
    return { method: 'POST', path: '/change-password', form: { current, next } };
  },
  'GET /': async () => ({ method: 'GET', path: '/' }),
  'GET /org/{org}': async (_w, t) => ({ method: 'GET', path: `/org/${t.organisation}` }),
  'GET /books': async () => ({ method: 'GET', path: '/books' }),
  'GET /books/{book}': async (_w, t) => ({ method: 'GET', path: `/books/${t.book}?asOf=31/12/2025` }),
  'GET /books/{book}/accounts/{account}': async (_w, t) => ({
    method: 'GET',
    path: `/books/${t.book}/accounts/111?from=01/01/2025`,
  }),
  'GET /books/{book}/accounts/{account}/parties': async (_w, t) => ({
    method: 'GET',
    path: `/books/${t.book}/accounts/1311/parties`,
  }),
  'GET /books/{book}/post': async (_w, t) => ({ method: 'GET', path: `/books/${t.book}/post` }),
  'GET /books/{book}/post/check': async (_w, t) => ({
    method: 'GET',
    path: `/books/${t.book}/post/check?postings%5B0%5D.account=111&postings%5B0%5D.debit=5.000`,
  }),
  'POST /books/{book}/post': async (_w, t) => ({
    method: 'POST',
    path: `/books/${t.book}/post`,
    form: {
      _key: formKey(),
      lines: '2',
      date: '01/03/2025',
      kind: 'disbursement',
      memo: 'Giải ngân (trang web)',
      'postings[0].account': '1311',
      'postings[0].party': 'HH-001',
      'postings[0].debit': '1.000.000',
      'postings[1].account': '111',
      'postings[1].credit': '1.000.000',
    },
  }),
  'GET /trial-balance': async (_w, t) => ({ method: 'GET', path: `/trial-balance?book=${t.book}` }),
  'GET /journal': async (_w, t) => ({ method: 'GET', path: `/journal?book=${t.book}` }),
  'GET /entries/{book}/{seq}': async (_w, t) => ({ method: 'GET', path: `/entries/${t.book}/1` }),
  'GET /entries/{book}/{seq}/receipt': async (_w, t) => ({
    method: 'GET',
    path: `/entries/${t.book}/1/receipt`,
  }),
  'GET /entries/{book}/{seq}/voucher': async (_w, t) => ({
    method: 'GET',
    path: `/entries/${t.book}/1/voucher`,
  }),
  'POST /entries/{book}/{seq}/reverse': async (w, t) => {
    const r = await w.app.ledger.post(w.ctx(), [
      {
        book: t.book,
        date: '2025-03-01',
        kind: 'disbursement',
        memo: 'để đảo trên trang',
        postings: [
          { account: '1311', party: 'HH-2', amount: 1_000 },
          { account: '111', amount: -1_000 },
        ],
      },
    ]);
    return {
      method: 'POST',
      path: `/entries/${t.book}/${r.entries[0]!.seq}/reverse`,
      form: { _key: formKey(), date: '02/03/2025', memo: '' },
    };
  },
  'GET /trace': async (_w, t) => ({ method: 'GET', path: `/trace?book=${t.book}&account=111` }),
  'GET /verify': async (_w, t) => ({ method: 'GET', path: `/verify?book=${t.book}&run=1` }),
  'GET /export': async (_w, t) => ({ method: 'GET', path: `/export?book=${t.book}` }),
  'GET /export/download': async (_w, t) => ({
    method: 'GET',
    path: `/export/download?format=hledger&book=${t.book}`,
  }),
  'GET /approvals': async () => ({ method: 'GET', path: '/approvals' }),
  'GET /approvals/{id}': async (w, t) => ({ method: 'GET', path: `/approvals/${await proposal(w, t)}` }),
  'POST /approvals/{id}/approve': async (w, t) => ({
    method: 'POST',
    path: `/approvals/${await proposal(w, t)}/approve`,
    form: { _key: formKey() },
  }),
  'POST /approvals/{id}/reject': async (w, t) => ({
    method: 'POST',
    path: `/approvals/${await proposal(w, t)}/reject`,
    form: { _key: formKey(), note: 'thiếu chứng từ' },
  }),
  'GET /settings/users': async () => ({ method: 'GET', path: '/settings/users' }),
  'POST /settings/users': async () => ({
    method: 'POST',
    path: '/settings/users',
    form: { username: unique('web'), displayName: 'Người mới', role: 'viewer', scope: 'organisation:hnd' },
  }),
  'POST /settings/users/{username}/grants': async (w) => {
    const username = unique('wg');
    await w.app.access.createUser(w.ctx(), { username, password: PASSWORD });
    return {
      method: 'POST',
      path: `/settings/users/${username}/grants`,
      form: { role: 'viewer', scope: 'book:quy-htnd' },
    };
  },
  'POST /settings/users/{username}/revoke': async (w) => {
    const username = unique('wr');
    await w.app.access.createUser(w.ctx(), { username, password: PASSWORD, grants: [{ role: 'viewer' }] });
    return {
      method: 'POST',
      path: `/settings/users/${username}/revoke`,
      form: { role: 'viewer', scope: '' },
    };
  },
  'POST /settings/users/{username}/reset-password': async (w) => {
    const username = unique('wp');
    await w.app.access.createUser(w.ctx(), { username, password: PASSWORD });
    return { method: 'POST', path: `/settings/users/${username}/reset-password`, form: {} };
  },
  'GET /settings/approval-rules': async () => ({ method: 'GET', path: '/settings/approval-rules' }),
  'POST /settings/approval-rules': async () => ({
    method: 'POST',
    path: '/settings/approval-rules',
    // The same threshold as the matrix's: the proposals of the samples stay proposals.
    form: { kind: 'ledger.post', threshold: '50.000.000' },
  }),
  'GET /audit': async () => ({ method: 'GET', path: '/audit' }),
  'GET /audit/export': async () => ({ method: 'GET', path: '/audit/export?format=csv' }),
  'GET /funds': async () => ({ method: 'GET', path: '/funds' }),
  'GET /funds/{fund}': async (w, t) => ({ method: 'GET', path: `/funds/${await fundOf(w, t)}` }),
  'GET /funds/{fund}/donate': async (w, t) => ({
    method: 'GET',
    path: `/funds/${await fundOf(w, t)}/donate`,
  }),
  'POST /funds/{fund}/donate': async (w, t) => ({
    method: 'POST',
    path: `/funds/${await fundOf(w, t)}/donate`,
    form: {
      _key: formKey(),
      date: '01/03/2025',
      donorKind: 'person',
      donorName: 'Bà D',
      form: 'cash',
      amount: '200.000',
    },
  }),
  'GET /funds/{fund}/receipts/{no}': async (w, t) => ({
    method: 'GET',
    path: `/funds/${await fundOf(w, t)}/receipts/1`,
  }),
  'GET /funds/{fund}/spend': async (w, t) => ({ method: 'GET', path: `/funds/${await fundOf(w, t)}/spend` }),
  'POST /funds/{fund}/aid': async (w, t) => ({
    method: 'POST',
    path: `/funds/${await fundOf(w, t)}/aid`,
    form: {
      _key: formKey(),
      date: '02/03/2025',
      household: 'HH-QUY',
      purpose: 'emergency',
      amount: '1.000',
      form: 'cash',
    },
  }),
  'POST /funds/{fund}/transfer': async (w, t) => ({
    method: 'POST',
    path: `/funds/${await fundOf(w, t)}/transfer`,
    form: {
      _key: formKey(),
      date: '02/03/2025',
      recipient: 'MTTQ huyện',
      purpose: 'relief',
      amount: '1.000',
      form: 'cash',
    },
  }),
  'GET /funds/{fund}/vouchers/{no}': async (w, t) => ({
    method: 'GET',
    path: `/funds/${await fundOf(w, t)}/vouchers/1`,
  }),
  'GET /funds/{fund}/disclosure': async (w, t) => ({
    method: 'GET',
    path: `/funds/${await fundOf(w, t)}/disclosure?from=01/01/2025&to=31/12/2025`,
  }),
  'GET /public/{tenant}/funds/{fund}': async (w, t) => ({
    method: 'GET',
    path: `/public/${TENANT}/funds/${await fundOf(w, t)}`,
  }),
  'GET /risk': async () => ({ method: 'GET', path: '/risk?asOf=20/12/2025' }),
  'GET /risk/households/{household}': async (w) => ({
    method: 'GET',
    path: `/risk/households/${await riskHousehold(w)}?asOf=20/12/2025`,
  }),
  'POST /risk/households/{household}/steps': async (w) => ({
    method: 'POST',
    path: `/risk/households/${await riskHousehold(w)}/steps`,
    form: { kind: 'front_note', date: '20/12/2025', note: 'Ghi chú cho Ban CTMT thôn', asOf: '2025-12-20' },
  }),
  'GET /risk/settings': async () => ({ method: 'GET', path: '/risk/settings' }),
  'POST /risk/settings': async () => ({
    method: 'POST',
    path: '/risk/settings',
    form: { key: 'w_aid', value: '10', effectiveFrom: addDays('2026-01-01', ++counter) },
  }),
  'GET /households': async () => ({ method: 'GET', path: '/households?q=vuong%20dinh%20soan' }),
  'GET /households/{household}': async (_w, t) => ({ method: 'GET', path: `/households/${t.household}` }),
  'GET /loan-portfolio': async () => ({ method: 'GET', path: '/loan-portfolio?by=book' }),
  'GET /settings/loan-programmes': async () => ({ method: 'GET', path: '/settings/loan-programmes' }),
  'POST /settings/loan-programmes': async () => ({
    method: 'POST',
    path: '/settings/loan-programmes',
    // Every rate a day later than the last: rates of a programme are dated, one a day.
    form: { programme: 'fsf', from: addDays('2026-01-01', ++counter), rate: '0,7', quoting: 'month' },
  }),
  'GET /loans/new': async (_w, t) => ({ method: 'GET', path: `/loans/new?household=${t.household}` }),
  'POST /loans/new': async (_w, t) => ({
    method: 'POST',
    path: '/loans/new',
    form: {
      programme: 'fsf',
      book: t.book,
      household: t.household,
      amount: '1.000.000',
      date: '01/12/2025',
      termMonths: '12',
      source: 'district',
      purpose: 'Mua giống',
      agreementNo: '',
    },
  }),
  'GET /loans/{loan}': async (_w, t) => ({ method: 'GET', path: `/loans/${t.loan}` }),
  'POST /loans/{loan}/approve': async (w, t) => ({
    method: 'POST',
    path: `/loans/${await newLoan(w, t, false)}/approve`,
    form: { _key: formKey(), date: '02/12/2025', amount: '', approver: 'Chủ tịch Hội', documentNo: '' },
  }),
  'POST /loans/{loan}/disburse': async (w, t) => ({
    method: 'POST',
    path: `/loans/${await newLoan(w, t, true)}/disburse`,
    form: { _key: formKey(), date: '03/12/2025', amount: '1.000.000', cashAccount: '111', documentNo: '' },
  }),
  'POST /loans/{loan}/repay': async (_w, t) => ({
    method: 'POST',
    path: `/loans/${t.loan}/repay`,
    form: { _key: formKey(), date: '20/12/2025', amount: '1.000', cashAccount: '111', documentNo: '' },
  }),
  'GET /loans/{loan}/events/{seq}': async (_w, t) => ({ method: 'GET', path: `/loans/${t.loan}/events/3` }),
  'GET /loans/{loan}/schedule': async (_w, t) => ({ method: 'GET', path: `/loans/${t.loan}/schedule` }),
  'GET /loans/{loan}/statement': async (_w, t) => ({ method: 'GET', path: `/loans/${t.loan}/statement` }),
  'GET /vbsp': async () => ({ method: 'GET', path: '/vbsp' }),
  'GET /vbsp/sheets/{group}/{month}': async (w, t) => ({
    method: 'GET',
    path: `/vbsp/sheets/${(await vbspGroup(w, t.organisation)).group}/2025-02`,
  }),
  'GET /vbsp/sheets/{group}/{month}/record': async (w, t) => ({
    method: 'GET',
    path: `/vbsp/sheets/${(await vbspGroup(w, t.organisation)).group}/2025-02/record?date=15/02/2025`,
  }),
  'POST /vbsp/sheets/{group}/{month}/record': async (w, t) => {
    const g = await vbspGroup(w, t.organisation);
    return {
      method: 'POST',
      path: `/vbsp/sheets/${g.group}/2025-02/record`,
      form: { _key: formKey(), date: '15/02/2025', 'lines[0].loan': g.loan, 'lines[0].interest': '280.274' },
    };
  },
  'POST /vbsp/sheets/{group}/{month}/handover': async (w, t) => ({
    method: 'POST',
    path: `/vbsp/sheets/${(await vbspGroup(w, t.organisation, 'recorded')).group}/2025-02/handover`,
    form: { _key: formKey(), date: '15/02/2025', counted: '290.274' },
  }),
  'GET /vbsp/statements/{id}': async (w, t) => ({
    method: 'GET',
    path: `/vbsp/statements/${await vbspStatement(w, t.organisation)}`,
  }),
  'GET /vbsp/monthly': async () => ({ method: 'GET', path: '/vbsp/monthly?asOf=28/02/2025' }),
};

/** A page's answer in the matrix's words: a redirect to sign in is 401, any other redirect is allowed. */
function pageOutcomeOf(status: number, location: string | null): Outcome | 401 | number {
  if (status === 303 || status === 302) {
    if (location === '/sign-in' || location?.startsWith('/sign-in?next=')) return 401;
    return 'ok';
  }
  return outcomeOf(status);
}

async function callPage(w: World, s: PageSample, session: Cookie | undefined) {
  const acting = s.session ?? session;
  const cookie = [acting?.cookie, s.cookies].filter((x) => x).join('; ');
  const headers: Record<string, string> = cookie ? { cookie } : {};
  let raw: string | undefined;
  if (s.method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    raw = new URLSearchParams({ ...(acting ? { _csrf: acting.csrf } : {}), ...(s.form ?? {}) }).toString();
  }
  return w.call(s.method, s.path, { headers, ...(raw === undefined ? {} : { raw }) });
}

for (const engine of ENGINES) {
  describe(`authorisation matrix [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    before(async () => {
      passwords.clear();
      sessions.clear();
      funds.clear();
      w = await freshWorld(engine);
      await seedHouseholdsAndLoans(w);
      // Above 50.000.000 đ a post needs a second person: the proposals of the samples.
      await w.app.operations.setRule(w.ctx('admin'), 'ledger.post', 50_000_000);
    });
    after(() => w.done());

    test('every route of the registry has a declared expectation and a sample, and no row is stale', () => {
      const ids = w.routes.map(routeId);
      const missing = ids.filter((id) => !(id in EXPECTED) || !(id in SAMPLES));
      assert.deepEqual(
        missing,
        [],
        `routes without a row in the authorisation matrix: ${missing.join(', ')}`,
      );
      assert.deepEqual(
        Object.keys(EXPECTED).filter((id) => !ids.includes(id)),
        [],
        'rows for routes that no longer exist',
      );
      assert.equal(new Set(ids).size, ids.length, 'a route is registered twice');
    });

    test('every route × role × own/other organisation answers as the matrix says', async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const r of w.routes) {
        const id = routeId(r);
        const expect = EXPECTED[id];
        const sample = SAMPLES[id];
        if (!expect || !sample) continue;
        const attempts: Array<{ who: string; as: string | undefined; target: Target; want: Outcome | 401 }> =
          [];
        for (const [role, username] of Object.entries(ROLE_USERS) as Array<[MatrixRole, string]>) {
          const cell = expect.roles[role];
          const [own, other] = Array.isArray(cell) ? cell : [cell, cell];
          attempts.push({ who: `${role}/own`, as: username, target: OWN, want: own as Outcome });
          attempts.push({ who: `${role}/other`, as: username, target: OTHER, want: other as Outcome });
        }
        attempts.push({ who: 'anonymous', as: undefined, target: OWN, want: expect.anonymous });
        for (const a of attempts) {
          // An anonymous attempt changes no password: the sample's bookkeeping is undone.
          const known = new Map(passwords);
          const s = await sample(w, a.target, a.as ?? 'admin');
          if (!a.as) restore(known);
          const reply = await w.call(s.method, s.path, {
            as: a.as,
            ...(s.body === undefined ? {} : { body: s.body }),
            ...(s.key ? { key: s.key } : {}),
          });
          checked += 1;
          const got = outcomeOf(reply.status);
          if (got !== a.want)
            wrong.push(
              `${id} as ${a.who}: expected ${a.want}, got ${reply.status} ${reply.text.slice(0, 160)}`,
            );
          // A hidden book answers exactly like a missing one: the refusal names the book, nothing more.
          if (reply.status === 404 && reply.json?.error?.refusals?.[0]?.code === 'book_unknown')
            assert.equal(reply.json.error.refusals.length, 1);
        }
      }
      assert.deepEqual(wrong, [], `${wrong.length} of ${checked} answers differ from the matrix`);
      assert.ok(checked >= w.routes.length * 11);
    });

    test('every page of the registry has a declared expectation and a sample, and no row is stale', () => {
      const ids = w.pages.map(pageId);
      const missing = ids.filter((id) => !(id in EXPECTED_PAGES) || !(id in PAGE_SAMPLES));
      assert.deepEqual(missing, [], `pages without a row in the authorisation matrix: ${missing.join(', ')}`);
      assert.deepEqual(
        Object.keys(EXPECTED_PAGES).filter((id) => !ids.includes(id)),
        [],
        'rows for pages that no longer exist',
      );
      assert.equal(new Set(ids).size, ids.length, 'a page is registered twice');
    });

    test('every page × role × own/other organisation answers as the matrix says', async () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const p of w.pages) {
        const id = pageId(p);
        const expect = EXPECTED_PAGES[id];
        const sample = PAGE_SAMPLES[id];
        if (!expect || !sample) continue;
        const attempts: Array<{ who: string; as: string | undefined; target: Target; want: Outcome | 401 }> =
          [];
        for (const [role, username] of Object.entries(ROLE_USERS) as Array<[MatrixRole, string]>) {
          const cell = expect.roles[role];
          const [own, other] = Array.isArray(cell) ? cell : [cell, cell];
          attempts.push({ who: `${role}/own`, as: username, target: OWN, want: own as Outcome });
          attempts.push({ who: `${role}/other`, as: username, target: OTHER, want: other as Outcome });
        }
        attempts.push({ who: 'anonymous', as: undefined, target: OWN, want: expect.anonymous });
        for (const a of attempts) {
          // The session first: the password sample changes the password the session signs in with.
          const session = a.as ? await sessionOf(w, a.as) : undefined;
          const known = new Map(passwords);
          const s = await sample(w, a.target, a.as ?? 'admin');
          if (!a.as) restore(known);
          const reply = await callPage(w, s, session);
          checked += 1;
          const got = pageOutcomeOf(reply.status, reply.headers.get('location'));
          if (got !== a.want)
            wrong.push(
              `${id} as ${a.who}: expected ${a.want}, got ${reply.status} ${reply.headers.get('location') ?? ''} ${reply.text
                .replace(/<[^>]+>/g, ' ')
                .replace(/\s+/g, ' ')
                .slice(0, 200)}`,
            );
          // An error page is HTML in the user's language, never JSON.
          if (reply.status >= 400) assert.match(reply.headers.get('content-type') ?? '', /^text\/html/, id);
        }
      }
      assert.deepEqual(wrong, [], `${wrong.length} of ${checked} answers differ from the matrix`);
      assert.ok(checked >= w.pages.length * 11);
    });

    test('a hidden book’s page and a missing book’s page are the same page', async () => {
      const s = await sessionOf(w, 'thuquy-hnd');
      for (const path of [
        '/books/{b}',
        '/books/{b}/accounts/111',
        '/entries/{b}/1',
        '/trace?book={b}&account=111',
      ]) {
        const hidden = await w.call('GET', path.replace('{b}', OTHER.book), { as: s });
        const missing = await w.call('GET', path.replace('{b}', 'khong-co'), { as: s });
        assert.equal(hidden.status, 404, path);
        assert.equal(missing.status, 404, path);
        assert.equal(hidden.text.replaceAll(OTHER.book, 'X'), missing.text.replaceAll('khong-co', 'X'), path);
      }
    });

    test('a hidden book and a missing book give the same answer, byte for byte', async () => {
      const hidden = await w.call('GET', `/api/v1/books/${OTHER.book}/balance?account=111`, {
        as: 'thuquy-hnd',
      });
      const missing = await w.call('GET', '/api/v1/books/khong-co/balance?account=111', { as: 'thuquy-hnd' });
      assert.equal(hidden.status, 404);
      assert.equal(hidden.text.replaceAll(OTHER.book, 'X'), missing.text.replaceAll('khong-co', 'X'));
      const postHidden = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        body: entryBody(OTHER.book, 5),
        key: unique('k'),
      });
      const postMissing = await w.call('POST', '/api/v1/entries', {
        as: 'thuquy-hnd',
        body: entryBody('khong-co', 5),
        key: unique('k'),
      });
      assert.equal(postHidden.status, 404);
      assert.equal(postHidden.text.replaceAll(OTHER.book, 'X'), postMissing.text.replaceAll('khong-co', 'X'));
    });

    test('lists show only what the user may read', async () => {
      // The matrix created more books in both organisations; what matters is whose they are.
      const orgs = async (as: string) =>
        new Set(
          (
            (await w.call('GET', '/api/v1/books', { as })).json.books as Array<{
              organisation: string | null;
            }>
          ).map((b) => b.organisation),
        );
      assert.deepEqual(await orgs('thuquy-hnd'), new Set(['hnd']));
      assert.deepEqual(await orgs('xem-hnd'), new Set(['hnd']));
      assert.deepEqual(await orgs('totruong'), new Set());
      assert.deepEqual(await orgs('kiemtoan'), new Set(['hnd', 'hlhpn', null]));
      const journal = await w.call('GET', '/api/v1/journal?limit=1000', { as: 'thuquy-pn' });
      assert.ok(journal.json.entries.length > 0);
      // Other areas' samples make books in both organisations: the VBSP books (vbsp-<organisation>),
      // the savings groups' books (sv-<organisation>-…) and the charity funds (tu-thien-<organisation>).
      const own = (org: string, home: string) => (book: string) =>
        book === home ||
        book === `vbsp-${org}` ||
        book.startsWith(`sv-${org}-`) ||
        book === `tu-thien-${org}`;
      assert.ok(journal.json.entries.every((e: { book: string }) => own('hlhpn', 'quy-pn')(e.book)));
      const tb = await w.call('GET', '/api/v1/trial-balance', { as: 'thuquy-hnd' });
      assert.ok(tb.json.rows.every((r: { book: string }) => own('hnd', 'quy-htnd')(r.book)));
      assert.equal(tb.json.totalDebit, tb.json.totalCredit);
      const ops = await w.call('GET', '/api/v1/approvals', { as: 'thuquy-hnd' });
      assert.ok(ops.json.operations.length > 0);
      assert.ok(
        ops.json.operations.every((o: { books: string[] }) =>
          o.books.every((b) => own('hnd', 'quy-htnd')(b)),
        ),
      );
      const verify = await w.call('GET', '/api/v1/verify', { as: 'thuquy-pn' });
      const theirs = (
        (await w.call('GET', '/api/v1/books', { as: 'thuquy-pn' })).json.books as Array<{ code: string }>
      ).map((b) => b.code);
      assert.deepEqual(
        verify.json.books.map((b: { book: string }) => b.book),
        theirs,
      );
      assert.ok(theirs.includes('quy-pn') && !theirs.includes('quy-htnd'));
      assert.equal((await w.call('GET', '/api/v1/export?format=csv', { as: 'thuquy-pn' })).status, 403);
      assert.equal((await w.call('GET', '/api/v1/export?format=csv', { as: 'kiemtoan' })).status, 200);
    });
  });
}
