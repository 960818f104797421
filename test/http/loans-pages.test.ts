/**
 * The registry and loans pages in-process (the browser flows are in test/web/): the household
 * search typed without accents, the household page, a repayment by form with its allocation and
 * receipt, refusals next to the field, the dashboard's loan figures traced to their entries, the
 * portfolio with its exports, and 404 for another organisation's treasurer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, type World } from '../helpers/http.ts';
import { HOUSEHOLDS, LOANS, seedHouseholdsAndLoans } from '../helpers/loans-web.ts';
import { vslaCycle } from '../savings/http-fixture.ts';

type Session = { cookie: string; csrf: string };

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .trim();
}

for (const engine of ENGINES) {
  describe(`registry and loans pages (${engine.kind})`, () => {
    let w: World;
    let treasurer: Session;
    before(async () => {
      w = await freshWorld(engine);
      await seedHouseholdsAndLoans(w);
      treasurer = await w.signIn('thuquy-hnd');
    });
    after(async () => {
      await w?.done();
    });

    const get = (path: string, as: Session) => w.call('GET', path, { as });
    const post = (path: string, as: Session, form: Record<string, string>) =>
      w.call('POST', path, {
        as,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        raw: new URLSearchParams({ _csrf: as.csrf, ...form }).toString(),
      });

    test('a name typed without accents finds the household; its page shows members, poverty, shocks, loans', async () => {
      const r = await get('/households?q=vuong+dinh+soan', treasurer);
      assert.equal(r.status, 200);
      assert.match(r.text, /<a href="\/households\/HH-001">Vương Đình Soạn<\/a>/);
      const none = await get('/households?q=tran+thi+hoa', treasurer);
      assert.match(none.text, /data-search-empty/, 'HH-002 is another organisation’s');
      const h = await get(`/households/${HOUSEHOLDS.soan}?asOf=20/12/2025`, treasurer);
      assert.equal(h.status, 200);
      const t = text(h.text);
      for (const want of ['Vương Thị Lan', 'GCN-2024-017', 'Hỏa hoạn', '30.000.000 ₫', 'Hộ nghèo', LOANS.own])
        assert.ok(t.includes(want), want);
      assert.match(h.text, /data-loan="L-000001"/);
      // The funds area provides the "aid received" section; this household has received none.
      assert.match(h.text, /data-section="funds.aid"/);
      assert.doesNotMatch(h.text, /data-household-aid/, 'no aid received, no aid table');
    });

    test('a repayment by form: allocation, balance after, receipt; too much is refused next to the amount', async () => {
      const page = await get(`/loans/${LOANS.own}`, treasurer);
      assert.equal(page.status, 200);
      assert.match(page.text, /id="repay-form"/);
      const key = /id="repay-form"[\s\S]*?name="_key" value="([0-9a-f]{32})"/.exec(page.text)![1]!;
      // 99.000.000 ₫ is more than the 12.784.000 ₫ owed today (12.000.000 principal + 756.000
      // interest due + 28.000 accrued): refused, shown under the amount, nothing written.
      const refused = await post(`/loans/${LOANS.own}/repay`, treasurer, {
        _key: key,
        date: '20/12/2025',
        amount: '99.000.000',
        cashAccount: '111',
        documentNo: 'PT-0200',
      });
      assert.equal(refused.status, 422);
      assert.match(refused.text, /id="repay-amount-error"/);
      assert.match(refused.text, /12\.784\.000/);
      // 1.000.000 ₫: 756.000 interest due + 28.000 accrued + 216.000 principal prepaid;
      // 12.000.000 − 216.000 = 11.784.000 left.
      const done = await post(`/loans/${LOANS.own}/repay`, treasurer, {
        _key: key,
        date: '20/12/2025',
        amount: '1.000.000',
        cashAccount: '111',
        documentNo: 'PT-0200',
      });
      assert.equal(done.status, 303, done.text.slice(0, 300));
      const location = done.headers.get('location')!;
      assert.match(location, /^\/loans\/L-000001\/events\/\d+\?done=1$/);
      const result = await get(location, treasurer);
      assert.match(
        result.text,
        /<tr data-part="interest_due"><td>Lãi đến hạn<\/td><td class="num">756\.000 ₫<\/td>/,
      );
      assert.match(result.text, /<tr data-part="accrued_interest">[\s\S]*?28\.000 ₫/);
      assert.match(result.text, /<tr data-part="prepayment">[\s\S]*?216\.000 ₫/);
      assert.match(result.text, /data-balance-after="true">11\.784\.000 ₫</);
      const receipt = /href="(\/entries\/quy-htnd\/\d+\/receipt)"/.exec(result.text)![1]!;
      const printed = await get(receipt, treasurer);
      assert.equal(printed.status, 200);
      assert.match(printed.text, /Một triệu đồng/);
      assert.match(printed.text, /Vương Đình Soạn \(HH-001 · L-000001\)/, 'the payer, from the registry');
      // The same form sent again: the first result, not a second repayment.
      const again = await post(`/loans/${LOANS.own}/repay`, treasurer, {
        _key: key,
        date: '20/12/2025',
        amount: '1.000.000',
        cashAccount: '111',
        documentNo: 'PT-0200',
      });
      assert.equal(again.headers.get('location'), location);
    });

    test('the dashboard’s loan figures: outstanding from the books, traced to its entries; PAR30 and overdue', async () => {
      const auditor = await w.signIn('kiemtoan');
      const d = await get('/org/hnd?asOf=20/12/2025', auditor);
      assert.equal(d.status, 200);
      const slot = /data-slot="loans.outstanding"[\s\S]*?<a href="([^"]+)"[^>]*>([^<]+)<\/a>/.exec(d.text)!;
      assert.equal(slot[2], '11.784.000 ₫');
      const href = slot[1]!.replaceAll('&amp;', '&');
      assert.match(href, /^\/trace\?book=quy-htnd&account=1311/);
      const trace = await get(href, auditor);
      assert.equal(trace.status, 200);
      assert.match(trace.text, /data-trace-agrees="yes"/);
      assert.match(d.text, /data-slot="loans.par30"[\s\S]*?0,00 %/);
      assert.match(d.text, /data-slot="loans.overdue"[\s\S]*?0 ₫/);
      assert.match(
        d.text,
        /data-chart="loans.classes"[\s\S]*?<svg/,
        'outstanding by class, drawn on the server',
      );
      assert.doesNotMatch(d.text, / style="|<style/, 'no inline style: the CSP forbids it');
      // With a month-end run less than a month before, overdue and PAR30 are that run's figures
      // (its snapshot, not a replay of every loan), and the dashboard says which day they are of.
      await w.app.loans.monthEnd(w.ctx('admin'), { asOf: '2025-11-30' });
      const later = await get('/org/hnd?asOf=20/12/2025', auditor);
      assert.match(
        later.text,
        /data-slot="loans.par30"><span class="label">[^<]+<\/span><span class="hint">theo khóa sổ cuối tháng ngày 30\/11\/2025<\/span>/,
      );
      assert.match(later.text, /href="\/loan-portfolio\?asOf=2025-11-30&amp;by=bucket&amp;organisation=hnd"/);
    });

    test('the portfolio: the own books, CSV and XLSX with the as-of date', async () => {
      const r = await get('/loan-portfolio?asOf=20/12/2025&by=book', treasurer);
      assert.equal(r.status, 200);
      assert.match(r.text, /<td>quy-htnd<\/td>/);
      assert.doesNotMatch(r.text, /<td>quy-pn<\/td>/);
      assert.match(r.text, /<svg/);
      const csv = await get('/loan-portfolio?asOf=20/12/2025&by=book&format=csv', treasurer);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-disposition') ?? '', /2025-12-20/);
      assert.match(csv.text, /quy-htnd,1,1,11784000/);
      const xlsx = await get('/loan-portfolio?asOf=20/12/2025&by=book&format=xlsx', treasurer);
      assert.equal(xlsx.status, 200);
    });

    test('another organisation’s treasurer gets 404 on the household and loan pages', async () => {
      const other = await w.signIn('thuquy-pn');
      for (const path of [
        `/households/${HOUSEHOLDS.soan}`,
        `/loans/${LOANS.own}`,
        `/loans/${LOANS.own}/schedule`,
        `/loans/${LOANS.own}/statement`,
        `/loans/${LOANS.own}/events/1`,
      ]) {
        const r = await get(path, other);
        assert.equal(r.status, 404, path);
      }
      const repay = await post(`/loans/${LOANS.own}/repay`, other, {
        _key: 'a'.repeat(32),
        date: '20/12/2025',
        amount: '1.000',
      });
      assert.equal(repay.status, 404);
    });

    test('the household page shows a member’s savings in the savings-group books the user reads', async () => {
      // One meeting: the member buys 3 shares at 20.000 đ = 60.000 đ of share savings, and pays
      // 2.000 đ into the social fund (not savings).
      const v = await vslaCycle(w.app, w.ctx(), 'hlhpn');
      await w.app.savings.recordMeeting(w.ctx(), {
        cycle: v.cycle,
        date: '2025-11-10',
        lines: [{ member: v.persons[0]!, shares: 3, social: 2_000 }],
        countedLoanFund: 60_000,
        countedSocialFund: 2_000,
      });
      const household = v.persons[0]!.replace(/^PV-/, 'HV-');
      const seen = await get(`/households/${household}?asOf=20/12/2025`, await w.signIn('admin'));
      assert.equal(seen.status, 200, seen.text.slice(0, 300));
      assert.match(seen.text, /data-household-savings/);
      assert.match(seen.text, /data-savings-total="true">60\.000 ₫</);
      // The day before the meeting there was nothing to show.
      const before = await get(`/households/${household}?asOf=09/11/2025`, await w.signIn('admin'));
      assert.doesNotMatch(before.text, /data-household-savings/);
    });
  });
}
