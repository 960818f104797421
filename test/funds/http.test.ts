/**
 * Funds over HTTP and on the web: the donation form issues a receipt, aid is proposed on the web
 * and approved by another user, and the disclosure — signed in, public page, public API — shows
 * no name or ID number of a donor who asked to stay anonymous nor anything that identifies the
 * aided households. The public page needs no sign-in, links nowhere else and shows no menu.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, TENANT, type World } from '../helpers/http.ts';

/** Everything that must never appear on a disclosure. */
const SECRETS = [
  'Trần Văn Kín', // donor who asked not to be named
  '001085012345', // his ID number (CCCD)
  'Phố Ẩn 9', // his address
  'Nguyễn Thị Nhận', // head of the aided household
  '001190000777', // her ID number
  'HH-KIN1', // the household's id
  'Lê Văn Được', // head of another aided household
];

for (const engine of ENGINES) {
  describe(`funds on the web and the API [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    let fund: string;
    before(async () => {
      w = await freshWorld(engine);
      const c = w.ctx('admin');
      await w.app.registry.addVillage(c, { id: 'duc-khe', name: 'Đức Khê' });
      await w.app.registry.addHousehold(c, {
        id: 'HH-KIN1',
        village: 'duc-khe',
        head: { fullName: 'Nguyễn Thị Nhận', idNumber: '001190000777' },
        address: 'Xóm Giữa, Đức Khê',
      });
      await w.app.registry.addHousehold(c, {
        id: 'HH-KIN2',
        village: 'duc-khe',
        head: { fullName: 'Lê Văn Được' },
      });
      await w.app.registry.setStatus(c, {
        householdId: 'HH-KIN1',
        status: 'near_poor',
        decidedOn: '2024-12-10',
      });
      fund = (
        await w.app.funds.createFund(c, {
          id: 'vnn-2025',
          kind: 'for_the_poor',
          organisation: 'hnd',
          nameVi: 'Quỹ Vì người nghèo 2025',
          purpose: 'Nhà Đại đoàn kết, hỗ trợ khẩn cấp',
          opensOn: '2025-01-01',
          closesOn: '2025-12-31',
        })
      ).id;
      // Received: 30,000,000 (named business) + 20,000,000 (named person who asked anonymity)
      // + 5,000,000 (anonymous) = 55,000,000.
      await w.app.funds.donate(c, {
        fund,
        date: '2025-10-20',
        donorKind: 'business',
        donorName: 'Công ty Minh Phát',
        amount: 30_000_000,
      });
      await w.app.funds.donate(c, {
        fund,
        date: '2025-10-21',
        donorKind: 'person',
        donorName: 'Trần Văn Kín',
        donorIdNo: '001085012345',
        donorAddress: 'Phố Ẩn 9',
        anonymous: true,
        amount: 20_000_000,
      });
      await w.app.funds.donate(c, { fund, date: '2025-10-22', donorKind: 'anonymous', amount: 5_000_000 });
      // Spent: 12,000,000 to HH-KIN1 (near-poor) and 3,000,000 to HH-KIN2 = 15,000,000.
      for (const [household, amount] of [
        ['HH-KIN1', 12_000_000],
        ['HH-KIN2', 3_000_000],
      ] as const) {
        const p = await w.app.funds.proposeAid(w.ctx('thuquy-hnd'), {
          fund,
          household,
          purpose: 'house',
          amount,
          date: '2025-11-05',
        });
        await w.app.operations.approve(
          w.ctx('admin'),
          (p.body as { operation: { id: number } }).operation.id,
          null,
        );
      }
    });
    after(() => w.done());

    test('the donation form records a donation and answers with its printable receipt', async () => {
      const s = await w.signIn('thuquy-hnd');
      const form = await w.call('GET', `/funds/${fund}/donate`, { as: s });
      assert.equal(form.status, 200);
      const key = /name="_key" value="([0-9a-f]{32})"/.exec(form.text)![1]!;
      const body = new URLSearchParams({
        _csrf: s.csrf,
        _key: key,
        date: '01/11/2025',
        donorKind: 'person',
        donorName: 'Phạm Văn Tâm',
        donorAddress: 'Thôn 1',
        form: 'cash',
        amount: '1.200.000',
      }).toString();
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const posted = await w.call('POST', `/funds/${fund}/donate`, { as: s, raw: body, headers });
      assert.equal(posted.status, 303);
      assert.equal(posted.headers.get('location'), `/funds/${fund}/receipts/4?done=1`);
      const receipt = await w.call('GET', `/funds/${fund}/receipts/4`, { as: s });
      assert.equal(receipt.status, 200);
      assert.match(receipt.text, /PHIẾU THU/);
      assert.match(receipt.text, /PT-vnn-2025-000004/);
      assert.match(receipt.text, /1\.200\.000 đồng/);
      assert.match(receipt.text, /Một triệu hai trăm nghìn đồng/);
      // The same form sent again (same key) records nothing more.
      const again = await w.call('POST', `/funds/${fund}/donate`, { as: s, raw: body, headers });
      assert.equal(again.status, 303);
      assert.equal((await w.app.funds.donations(w.ctx(), fund)).length, 4);
      // A donation after the close is refused on the form, naming the rule, nothing written.
      const late = new URLSearchParams({
        _csrf: s.csrf,
        _key: 'a'.repeat(32),
        date: '02/01/2026',
        donorKind: 'person',
        donorName: 'X',
        form: 'cash',
        amount: '1.000',
      });
      const refused = await w.call('POST', `/funds/${fund}/donate`, { as: s, raw: late.toString(), headers });
      assert.equal(refused.status, 422);
      assert.match(refused.text, /không nhận ủng hộ sau thời hạn/);
      assert.equal((await w.app.funds.donations(w.ctx(), fund)).length, 4);
    });

    test('aid proposed on the web is paid only when another user approves it', async () => {
      const maker = await w.signIn('thuquy-hnd');
      const page = await w.call('GET', `/funds/${fund}/spend`, { as: maker });
      const key = /name="_key" value="([0-9a-f]{32})"/.exec(page.text)![1]!;
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const raw = new URLSearchParams({
        _csrf: maker.csrf,
        _key: key,
        date: '10/11/2025',
        household: 'HH-KIN2',
        purpose: 'emergency',
        amount: '2.000.000',
        form: 'cash',
      }).toString();
      const posted = await w.call('POST', `/funds/${fund}/aid`, { as: maker, raw, headers });
      assert.equal(posted.status, 303);
      const id = /^\/approvals\/(\d+)/.exec(posted.headers.get('location')!)![1]!;
      // The proposer's own approval is refused.
      const self = await w.call('POST', `/api/v1/approvals/${id}/approve`, {
        as: 'thuquy-hnd',
        key: 'self-1',
      });
      assert.equal(self.status, 403);
      assert.match(self.text, /approver_is_proposer/);
      const ok = await w.call('POST', `/api/v1/approvals/${id}/approve`, { as: 'lap-hnd', key: 'other-1' });
      assert.equal(ok.status, 200, ok.text);
      const voucherNo = ok.json.result.voucherNo as number;
      const voucher = await w.call('GET', `/funds/${fund}/vouchers/${voucherNo}`, { as: maker });
      assert.match(voucher.text, /PHIẾU CHI/);
      assert.match(voucher.text, /Hai triệu đồng/);
      assert.match(voucher.text, /Lê Văn Được/);
    });

    test('the API proposes aid (202) and refuses restricted or capped spending', async () => {
      const r = await w.call('POST', `/api/v1/funds/${fund}/aid`, {
        as: 'thuquy-hnd',
        key: 'api-aid-1',
        body: { household: 'HH-KIN1', purpose: 'house', amount: 1_000_000, date: '2025-11-20' },
      });
      assert.equal(r.status, 202, r.text);
      const caps = await w.call('POST', '/api/v1/fund-caps', {
        as: 'admin',
        body: { purpose: 'house', amount: '12.500.000', from: '01/01/2025' },
      });
      assert.equal(caps.status, 201, caps.text);
      // HH-KIN1 had 12,000,000 for its house: 12,000,000 + 1,000,000 > 12,500,000.
      const capped = await w.call('POST', `/api/v1/funds/${fund}/aid`, {
        as: 'thuquy-hnd',
        key: 'api-aid-2',
        body: { household: 'HH-KIN1', purpose: 'house', amount: 1_000_000, date: '2025-11-21' },
      });
      assert.equal(capped.status, 422);
      assert.equal(capped.json.error.refusals[0].code, 'funds_aid_above_cap');
    });

    test('no disclosure shows a donor who asked to stay anonymous, nor who the aided households are', async () => {
      const s = await w.signIn('thuquy-hnd');
      const publicPage = await w.call('GET', `/public/${TENANT}/funds/${fund}?from=01/01/2025&to=31/12/2025`);
      const signedInPage = await w.call('GET', `/funds/${fund}/disclosure?from=01/01/2025&to=31/12/2025`, {
        as: s,
      });
      const publicApi = await w.call(
        'GET',
        `/api/v1/public/${TENANT}/funds/${fund}/disclosure?to=2025-12-31`,
      );
      const api = await w.call('GET', `/api/v1/funds/${fund}/disclosure?to=2025-12-31`, { as: 'thuquy-hnd' });
      for (const [name, r] of Object.entries({ publicPage, signedInPage, publicApi, api })) {
        assert.equal(r.status, 200, `${name}: ${r.text.slice(0, 200)}`);
        for (const secret of SECRETS) assert.ok(!r.text.includes(secret), `${name} shows ${secret}`);
      }
      // What it does show: the named business, one anonymous line of 20,000,000 + 5,000,000 =
      // 25,000,000; spent on the near-poor HH-KIN1 12,000,000, on others 3,000,000 + 2,000,000
      // (the web aid of the test above) = 5,000,000.
      assert.match(publicPage.text, /Công ty Minh Phát/);
      assert.match(publicPage.text, /Nhà hảo tâm ẩn danh/);
      assert.match(publicPage.text, /25\.000\.000 ₫/);
      assert.equal(publicApi.json.received.anonymous.amountDong, 25_000_000);
      assert.deepEqual(
        publicApi.json.spent.byCategory.map((l: { key: string; amountDong: number }) => [
          l.key,
          l.amountDong,
        ]),
        [
          ['other', 5_000_000],
          ['near_poor', 12_000_000],
        ].sort((a, b) => (b[1] as number) - (a[1] as number)),
      );
    });

    test('the household page lists the aid the household received, with its total', async () => {
      const s = await w.signIn('admin');
      const page = await w.call('GET', '/households/HH-KIN1?asOf=31/12/2025', { as: s });
      assert.equal(page.status, 200, page.text.slice(0, 300));
      assert.match(page.text, /Hỗ trợ đã nhận từ các quỹ/);
      assert.match(page.text, /PC-vnn-2025-000001/);
      // 12,000,000 for the house (the API proposal of 1,000,000 was never approved).
      assert.match(page.text, /data-aid-total[^>]*>12\.000\.000 ₫/);
      // As of a day before the aid, no section.
      const before = await w.call('GET', '/households/HH-KIN1?asOf=01/11/2025', { as: s });
      assert.doesNotMatch(before.text, /data-household-aid/);
    });

    test('the public page needs no sign-in, has no menu and links to no other page', async () => {
      const r = await w.call('GET', `/public/${TENANT}/funds/${fund}`);
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.text, /<nav/);
      assert.doesNotMatch(r.text, /sign-out|sign-in/);
      const links = [...r.text.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!);
      assert.ok(
        links.every((href) => href.startsWith(`/public/${TENANT}/funds/${fund}?`)),
        `links elsewhere: ${links.join(', ')}`,
      );
      // The same page for a signed-in user shows no more.
      const s = await w.signIn('admin');
      const signedIn = await w.call('GET', `/public/${TENANT}/funds/${fund}`, { as: s });
      assert.equal(signedIn.text.replace(/\s+/g, ' ').length > 0, true);
      assert.doesNotMatch(signedIn.text, /<nav|sign-out|csrf/);
      // An unknown commune or fund is 404, like anything missing.
      assert.equal((await w.call('GET', `/public/xa-khac/funds/${fund}`)).status, 404);
      assert.equal((await w.call('GET', `/public/${TENANT}/funds/khong-co`)).status, 404);
    });
  });
}
