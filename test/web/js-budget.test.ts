/**
 * The JavaScript budget: no page ships more than 100 KB of JavaScript, compressed as the server
 * sends it (gzip). Every GET page of the registry is fetched as an admin; the scripts it links
 * are fetched with `Accept-Encoding: gzip` and their bytes on the wire summed. A size budget,
 * not a timing: it holds on any machine. The sizes are printed for the record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { pageId } from '../../src/http/pages/page.tsx';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, OWN, TENANT, type World } from '../helpers/http.ts';
import { seedHouseholdsAndLoans } from '../helpers/loans-web.ts';
import { vslaCycle } from '../savings/http-fixture.ts';
import { vbspGroup, vbspStatement } from '../vbsp/http-world.ts';

const BUDGET_BYTES = 100 * 1024;

/** Values for path parameters, and the query a page needs to be itself. */
const PARAMS: Record<string, string> = {
  book: OWN.book,
  account: '111',
  seq: '1',
  org: 'hnd',
  username: 'admin',
  fund: 'tu-thien',
  no: '1',
  tenant: TENANT,
  household: OWN.household,
  loan: OWN.loan,
  month: '2025-02',
};
const QUERIES: Record<string, string> = {
  'GET /trace': '?book=quy-htnd&account=111',
  'GET /verify': '?run=1',
};
/** Not pages: files and downloads. */
const NOT_PAGES = new Set([
  'GET /assets/soquy.css',
  'GET /assets/htmx.min.js',
  'GET /assets/soquy.js',
  'GET /export/download',
  'GET /audit/export',
]);

describe('JavaScript per page', () => {
  let w: World;
  let cookie: string;
  let proposal = 0;
  let statement = '';
  before(async () => {
    w = await freshWorld(ENGINES[0]!);
    await seedHouseholdsAndLoans(w);
    PARAMS['group'] = (await vbspGroup(w, 'hnd')).group;
    statement = await vbspStatement(w, 'hnd');
    cookie = (await w.signIn('admin')).cookie;
    await w.app.operations.setRule(w.ctx('admin'), 'ledger.post', 0);
    const r = await w.app.operations.submit(
      w.ctx('lap-hnd'),
      'ledger.post',
      {
        entries: [
          {
            book: OWN.book,
            date: '2025-03-01',
            kind: 'disbursement',
            memo: 'Giải ngân',
            documentNo: null,
            postings: [
              { account: '1311', party: 'HH-1', amount: 1_000_000 },
              { account: '111', party: null, amount: -1_000_000 },
            ],
          },
        ],
      },
      null,
    );
    proposal = (r.body as { operation: { id: number } }).operation.id;
    // A charity fund with receipt 1 and voucher 1, for the fund pages.
    const c = w.ctx('admin');
    await w.app.registry.addVillage(c, { id: 'thon-quy', name: 'Thôn Quỹ' });
    await w.app.registry.addHousehold(c, {
      id: 'HH-QUY',
      village: 'thon-quy',
      head: { fullName: 'Lê Văn Nhận' },
    });
    await w.app.funds.createFund(c, {
      id: 'tu-thien',
      kind: 'for_the_poor',
      organisation: 'hnd',
      nameVi: 'Quỹ Vì người nghèo',
      purpose: 'Hỗ trợ hộ khó khăn',
      opensOn: '2025-01-01',
      closesOn: '2025-12-31',
    });
    await w.app.funds.donate(c, {
      fund: 'tu-thien',
      date: '2025-02-01',
      donorKind: 'person',
      donorName: 'Ông A',
      amount: 1_000_000,
    });
    const aid = await w.app.funds.proposeAid(c, {
      fund: 'tu-thien',
      household: 'HH-QUY',
      purpose: 'emergency',
      amount: 500_000,
      date: '2025-02-02',
    });
    await w.app.operations.approve(
      w.ctx('admin2'),
      (aid.body as { operation: { id: number } }).operation.id,
      null,
    );
    // A savings group's cycle for the savings pages.
    const v = await vslaCycle(w.app, w.ctx(), 'hnd');
    PARAMS['cycle'] = v.cycle;
    QUERIES['GET /savings/passbook'] = `?group=${v.group}&person=${v.persons[0]}`;
  });
  after(() => w.done());

  test(`every page ships at most ${BUDGET_BYTES / 1024} KB of gzipped JavaScript`, async () => {
    const sizes: Array<[string, number, number]> = [];
    const cache = new Map<string, { wire: number; raw: number }>();
    for (const p of w.pages) {
      const id = pageId(p);
      if (p.method !== 'get' || NOT_PAGES.has(id)) continue;
      const path =
        p.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'id' ? (id.startsWith('GET /vbsp/') ? statement : String(proposal)) : PARAMS[name]!,
        ) + (QUERIES[id] ?? '');
      // Public pages as a visitor sees them (a signed-in user is sent on from the sign-in form).
      const page = await w.http.request(path, p.policy.signedIn ? { headers: { cookie } } : {});
      assert.equal(page.status, 200, `${id}: ${page.status}`);
      const html = await page.text();
      let wire = 0;
      let raw = 0;
      for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) {
        const url = src!.replaceAll('&amp;', '&');
        let size = cache.get(url);
        if (!size) {
          const r = await w.http.request(url, { headers: { 'accept-encoding': 'gzip' } });
          assert.equal(r.status, 200, url);
          const body = Buffer.from(await r.arrayBuffer());
          const gzipped = r.headers.get('content-encoding') === 'gzip';
          size = { wire: body.length, raw: gzipped ? gunzipSync(body).length : body.length };
          cache.set(url, size);
        }
        wire += size.wire;
        raw += size.raw;
      }
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)/, `${id} has an inline script`);
      sizes.push([id, wire, raw]);
      assert.ok(wire <= BUDGET_BYTES, `${id} ships ${wire} bytes of JavaScript`);
    }
    assert.ok(sizes.length >= 20, `only ${sizes.length} pages measured`);
    process.stdout.write(
      `\nJavaScript per page (gzip on the wire / uncompressed):\n${sizes
        .map(
          ([id, wire, raw]) =>
            `  ${id.padEnd(48)} ${(wire / 1024).toFixed(1).padStart(6)} KB / ${(raw / 1024).toFixed(1)} KB`,
        )
        .join('\n')}\n`,
    );
  });
});
