/**
 * VBSP set-up for the HTTP tests' world (test/helpers/http.ts): an entrusted book per organisation
 * (`vbsp-hnd`, `vbsp-hlhpn`), and on demand a fresh savings-and-loan group with one loan of
 * 50,000,000 đ disbursed on 10/01/2025 (280,274 đ interest due on 10/02), its February sheet
 * recorded, its fee booked. Done through the services, not the routes under test.
 */
import type { App } from '../../src/main/app.ts';
import type { World } from '../helpers/http.ts';
import { csv, HEADER } from './fixture.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Vương', 'Đỗ', 'Bùi'];
const GIVEN = ['Văn An', 'Thị Bình', 'Đình Soạn', 'Thị Cúc', 'Văn Dũng', 'Thị Hoa', 'Quang Minh'];

const ready = new WeakMap<App, Set<string>>();
let counter = 0;

export const vbspBook = (organisation: string) => `vbsp-${organisation}`;

async function setUp(w: World, organisation: string): Promise<void> {
  let done = ready.get(w.app);
  if (!done) {
    done = new Set();
    ready.set(w.app, done);
    await w.app.loans.seedProgrammes(w.ctx());
    await w.app.registry.addVillage(w.ctx(), { id: 'vbsp-thon', name: 'Thôn Giao Dịch' });
    await w.app.vbsp.addFeeRate(w.ctx(), { from: '2025-01-01', fee: '6,5', commission: '12,5' });
  }
  if (!done.has(organisation)) {
    done.add(organisation);
    await w.app.ledger.createBook(w.ctx(), {
      code: vbspBook(organisation),
      template: 'vbsp-entrusted',
      organisation,
    });
  }
}

export interface VbspGroup {
  readonly group: string;
  readonly loan: string;
  readonly agreementNo: string;
  readonly book: string;
}

export async function vbspGroup(
  w: World,
  organisation: string,
  stage: 'lent' | 'recorded' | 'booked' = 'lent',
): Promise<VbspGroup> {
  await setUp(w, organisation);
  const n = ++counter;
  const household = `HH-V${n}`;
  const group = `TK-${organisation}-${n}`;
  const agreementNo = `KU-${organisation}-${n}`;
  const c = w.ctx();
  await w.app.registry.addHousehold(c, {
    id: household,
    village: 'vbsp-thon',
    head: { fullName: `${FAMILY[n % FAMILY.length]} ${GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length]}` },
  });
  const r = await w.app.loans.apply(c, {
    id: `VL-${n}`,
    programme: 'vbsp-poor',
    book: vbspBook(organisation),
    household,
    amount: 50_000_000,
    date: '2025-01-10',
    termMonths: 36,
    group,
    organisation,
    agreementNo,
  });
  await w.app.loans.approve(c, {
    loan: r.loan,
    date: '2025-01-10',
    approver: 'Chủ tịch',
    documentNo: `QĐ-${n}`,
  });
  await w.app.loans.disburse(c, { loan: r.loan, date: '2025-01-10', amount: 50_000_000 });
  if (stage !== 'lent')
    await w.app.vbsp.recordSheet(c, {
      group,
      month: '2025-02',
      date: '2025-02-15',
      lines: [{ loan: r.loan, interest: 280_274, savings: 10_000 }],
    });
  if (stage === 'booked') await w.app.vbsp.bookFees(c, { group, month: '2025-02', date: '2025-02-15' });
  return { group, loan: r.loan, agreementNo, book: vbspBook(organisation) };
}

/** A statement of the group's loan, as the bank prints it, base64 for the API. */
export function statementBase64(g: VbspGroup, outstanding = 50_000_000): string {
  return csv([HEADER, [1, g.agreementNo, 'Người Vay', 'Hộ nghèo', outstanding, 0, 0, 0]]).toString('base64');
}

/** An imported statement of the organisation's book (through the service). */
export async function vbspStatement(w: World, organisation: string): Promise<string> {
  const g = await vbspGroup(w, organisation);
  const r = await w.app.vbsp.importStatement(w.ctx(), {
    book: g.book,
    asOf: '2025-02-28',
    fileName: 'sao-ke.csv',
    content: Buffer.from(statementBase64(g), 'base64'),
  });
  return r.statement;
}
