/**
 * The web pages in-process (no browser): forms with refusals next to their fields in the user's
 * language, Post/Redirect/Get with idempotent form keys, maker-checker through the pages, the
 * statement's running balance, the trial balance and its exports, receipts with the amount in
 * words, trace and verification (also of a tampered book), what an auditor does not see, the
 * language switch, escaping, CSP-clean charts, cached assets, settings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { cspSafeSvg, renderChart } from '../../src/http/pages/charts.ts';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, OWN, PASSWORD, type World } from '../helpers/http.ts';

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

/** Visible text of a page, for assertions a reader can follow. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');
}

function formKey(n: number): string {
  return n.toString(16).padStart(32, '0');
}

for (const engine of ENGINES) {
  describe(`web pages [${engine.kind}]`, { skip: engine.skip }, () => {
    let w: World;
    const sessions = new Map<string, Session>();
    let keys = 0;
    const as = async (user: string) => {
      let s = sessions.get(user);
      if (!s) {
        s = await w.signIn(user);
        sessions.set(user, s);
      }
      return s;
    };
    const get = async (user: string | undefined, path: string, headers: Record<string, string> = {}) =>
      w.call('GET', path, user ? { as: await as(user), headers } : { headers });
    /** A form post with the session's cookie (and any other cookie, such as the language). */
    const post = async (user: string, path: string, form: Record<string, string>, cookies = '') => {
      const s = await as(user);
      return w.call('POST', path, {
        raw: new URLSearchParams({ _csrf: s.csrf, ...form }).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: cookies ? `${s.cookie}; ${cookies}` : s.cookie,
        },
      });
    };
    const entryForm = (over: Record<string, string> = {}) => ({
      _key: formKey(++keys),
      lines: '4',
      date: '14/12/2025',
      kind: 'repayment',
      documentNo: 'PT-0042',
      memo: 'Thu nợ hộ Vương Đình Soạn',
      'postings[0].account': '111',
      'postings[0].debit': '1.200.000',
      'postings[1].account': '1311',
      'postings[1].party': 'HH-001',
      'postings[1].credit': '1.200.000',
      ...over,
    });

    before(async () => {
      w = await freshWorld(engine);
      // A loan to repay: cash 500.000.000 − 5.000.000 = 495.000.000 before the repayment.
      await w.app.ledger.post(w.ctx('thuquy-hnd'), [
        {
          book: OWN.book,
          date: '2025-03-01',
          kind: 'disbursement',
          memo: 'Cho vay hộ Vương Đình Soạn',
          documentNo: 'PC-0001',
          postings: [
            { account: '1311', party: 'HH-001', amount: 5_000_000 },
            { account: '111', amount: -5_000_000 },
          ],
        },
      ]);
    });
    after(() => w.done());

    test('a refused entry comes back with each refusal next to its field, in Vietnamese, values kept', async () => {
      const r = await post(
        'thuquy-hnd',
        `/books/${OWN.book}/post`,
        entryForm({ 'postings[1].credit': '1,5', date: '31/02/2025', memo: '<b>đậm</b>' }),
      );
      assert.equal(r.status, 422);
      // The bad credit: its input is marked and the rule is printed under it.
      assert.match(
        r.text,
        /id="f-postings-1-credit"[^>]*aria-invalid="true"[^>]*aria-describedby="f-postings-1-credit-error"/,
      );
      assert.match(
        r.text,
        /<p class="field-error" id="f-postings-1-credit-error">số tiền phải là số đồng nguyên/,
      );
      assert.match(r.text, /<p class="field-error" id="f-date-error">ngày phải có dạng dd\/mm\/yyyy/);
      // The summary links to the inputs.
      assert.match(r.text, /<a href="#f-postings-1-credit">/);
      assert.match(r.text, /value="&lt;b&gt;đậm&lt;\/b&gt;"/);
      assert.match(r.text, /value="1\.200\.000"/);
      // Unbalanced: the message sits with the lines.
      const off = await post(
        'thuquy-hnd',
        `/books/${OWN.book}/post`,
        entryForm({ 'postings[1].credit': '1.000.000' }),
      );
      assert.equal(off.status, 422);
      assert.match(off.text, /id="f-postings-error">tổng Nợ phải bằng tổng Có; đang lệch 200\.000 ₫/);
      // A party the account does not keep, and a line with an amount but no account.
      const party = await post(
        'thuquy-hnd',
        `/books/${OWN.book}/post`,
        entryForm({ 'postings[0].party': 'HH-9', 'postings[2].debit': '5.000' }),
      );
      assert.equal(party.status, 422);
      assert.match(party.text, /id="f-postings-0-party-error">/);
      assert.match(party.text, /id="f-postings-2-account-error">dòng có số tiền nhưng chưa chọn tài khoản/);
    });

    test('the same refusal reads in English after the language switch', async () => {
      const page = await get('thuquy-hnd', `/books/${OWN.book}/post?lang=en`);
      assert.equal(page.status, 200);
      assert.match(page.text, /<html lang="en">/);
      assert.match(page.headers.get('set-cookie') ?? '', /soquy_lang=en/);
      const r = await post(
        'thuquy-hnd',
        `/books/${OWN.book}/post`,
        entryForm({ 'postings[1].credit': '1,5' }),
        'soquy_lang=en',
      );
      assert.equal(r.status, 422);
      assert.match(r.text, /id="f-postings-1-credit-error">an amount must be whole đồng/);
      assert.match(r.text, /<html lang="en">/);
    });

    let posted = 0;
    test('a posted entry redirects to itself; sending the form again posts nothing more', async () => {
      const form = entryForm();
      const r = await post('thuquy-hnd', `/books/${OWN.book}/post`, form);
      assert.equal(r.status, 303, textOf(r.text));
      const m = /^\/entries\/quy-htnd\/(\d+)\?posted=1$/.exec(r.headers.get('location') ?? '');
      assert.ok(m, r.headers.get('location') ?? '');
      posted = Number(m[1]);
      const page = await get('thuquy-hnd', r.headers.get('location')!);
      const text = textOf(page.text);
      assert.match(text, new RegExp(`Đã ghi bút toán quy-htnd#${posted}\\.`));
      assert.match(text, /14\/12\/2025/);
      assert.match(text, /1\.200\.000 ₫/);
      assert.match(page.text, /<dd class="mono">[0-9a-f]{64}<\/dd>/);
      const again = await post('thuquy-hnd', `/books/${OWN.book}/post`, form);
      assert.equal(again.headers.get('location'), r.headers.get('location'));
      assert.equal((await w.app.ledger.book(w.ctx(), OWN.book)).headSeq, posted);
      const changed = await post('thuquy-hnd', `/books/${OWN.book}/post`, { ...form, memo: 'khác' });
      assert.equal(changed.status, 422);
      assert.match(changed.text, /biểu mẫu này đã được gửi với nội dung khác/);
      assert.doesNotMatch(changed.text, new RegExp(`name="_key" value="${form._key}"`));
    });

    test('the statement shows the running balance after each line', async () => {
      const r = await get('thuquy-hnd', `/books/${OWN.book}/accounts/111?from=01/01/2025&to=31/12/2025`);
      assert.equal(r.status, 200);
      const rows = [...r.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!).trim());
      // 500.000.000 capital − 5.000.000 loan + 1.200.000 repayment.
      assert.ok(
        rows.some((x) => /^02\/01\/2025 #1 .* 500\.000\.000 ₫ 500\.000\.000 ₫$/.test(x)),
        rows.join('\n'),
      );
      assert.ok(
        rows.some((x) => /^01\/03\/2025 #2 PC-0001 .* 5\.000\.000 ₫ 495\.000\.000 ₫$/.test(x)),
        rows.join('\n'),
      );
      assert.ok(
        rows.some((x) =>
          new RegExp(`^14/12/2025 #${posted} PT-0042 .* 1\\.200\\.000 ₫ 496\\.200\\.000 ₫$`).test(x),
        ),
        rows.join('\n'),
      );
      assert.match(r.text, /data-closing="true">\s*496\.200\.000 ₫/);
      const party = await get('thuquy-hnd', `/books/${OWN.book}/accounts/1311?party=HH-001`);
      assert.match(party.text, /data-closing="true">\s*3\.800\.000 ₫/);
      const bad = await get('thuquy-hnd', `/books/${OWN.book}/accounts/111?from=99/99/2025`);
      assert.equal(bad.status, 422);
      assert.match(bad.text, /id="f-from-error">ngày phải có dạng/);
    });

    test('the receipt prints the amount in words (C40-BB); a payment prints a voucher (C41-BB)', async () => {
      const r = await get('thuquy-hnd', `/entries/${OWN.book}/${posted}/receipt`);
      assert.equal(r.status, 200);
      assert.match(r.text, /data-form="C40-BB"/);
      assert.match(r.text, /PHIẾU THU/);
      assert.match(r.text, /data-words="true">\s*Một triệu hai trăm nghìn đồng/);
      assert.match(r.text, /data-amount="true">1\.200\.000 đồng/);
      assert.match(r.text, /data-doc-no="true">PT-0042/);
      assert.match(textOf(r.text), /Ngày 14 tháng 12 năm 2025/);
      assert.match(textOf(r.text), /Nợ: 111 Có: 1311/);
      assert.match(r.text, /src="\/assets\/soquy\.js\?v=[0-9a-f]{12}"/);
      const v = await get('thuquy-hnd', `/entries/${OWN.book}/2/voucher`);
      assert.match(v.text, /data-form="C41-BB"/);
      assert.match(v.text, /data-words="true">\s*Năm triệu đồng/);
      assert.match(textOf(v.text), /Họ và tên người nhận tiền: HH-001/);
    });

    test('trace: the figure is the sum of the lines listed, each entry with its chain', async () => {
      const r = await get('kiemtoan', `/trace?book=${OWN.book}&account=111&asOf=31/12/2025`);
      assert.equal(r.status, 200);
      assert.match(r.text, /data-figure="true">496\.200\.000 ₫/);
      assert.match(r.text, /data-trace-agrees="yes"/);
      assert.equal([...r.text.matchAll(/<article class="card entry"/g)].length, 3);
      assert.equal([...r.text.matchAll(/<dt>Mã băm trước<\/dt><dd class="mono">[0-9a-f]{64}/g)].length, 3);
      assert.match(textOf(r.text), /Người ghi thuquy-hnd/);
      // As of the day before the repayment, the repayment is not part of the figure.
      const before = await get('kiemtoan', `/trace?book=${OWN.book}&account=111&asOf=13/12/2025`);
      assert.match(before.text, /data-figure="true">495\.000\.000 ₫/);
      assert.equal([...before.text.matchAll(/<article class="card entry"/g)].length, 2);
      const party = await get('kiemtoan', `/trace?book=${OWN.book}&account=1311&party=HH-001`);
      assert.match(party.text, /data-figure="true">3\.800\.000 ₫/);
      assert.match(party.text, /data-trace-agrees="yes"/);
    });

    test('trace pages through many entries; the balance after the last one is the figure', async () => {
      // 30 donations of 1.000 đ … 30.000 đ: 465.000 đ in the For the Poor fund's cash.
      for (let i = 1; i <= 30; i++)
        await w.app.ledger.post(w.ctx('admin'), [
          {
            book: 'vi-nguoi-ngheo',
            date: `2025-0${1 + (i % 9)}-15`,
            kind: 'donation',
            memo: `Ủng hộ lần ${i}`,
            postings: [
              { account: '111', amount: i * 1_000 },
              { account: '5111', amount: -i * 1_000 },
            ],
          },
        ]);
      const first = await get('kiemtoan', '/trace?book=vi-nguoi-ngheo&account=111&asOf=31/12/2025');
      assert.match(first.text, /data-figure="true">465\.000 ₫/);
      assert.equal([...first.text.matchAll(/<article class="card entry"/g)].length, 25);
      assert.doesNotMatch(first.text, /data-trace-agrees/);
      const next = /<a href="([^"]+)" rel="next">/.exec(first.text)![1]!.replaceAll('&amp;', '&');
      const second = await get('kiemtoan', next);
      assert.equal([...second.text.matchAll(/<article class="card entry"/g)].length, 5);
      assert.match(second.text, /data-trace-agrees="yes"/);
      assert.match(textOf(second.text), /Số dư sau vi-nguoi-ngheo#\d+: 465\.000 ₫ /);
    });

    test('the dashboard links its cash and loans outstanding to the trace; savings stay a marked slot', async () => {
      const r = await get('kiemtoan', '/org/hnd?asOf=31/12/2025');
      assert.equal(r.status, 200);
      assert.match(r.text, /href="\/trace\?book=quy-htnd&amp;account=111&amp;asOf=2025-12-31"/);
      // No loan programme in this commune, so no loan book: nothing outstanding, nothing overdue
      // (test/http/loans-pages.test.ts has the figures of a commune with loans).
      assert.match(
        r.text,
        /data-slot="loans\.outstanding"><span class="label">[^<]+<\/span><span class="value"><a href="\/loan-portfolio\?asOf=2025-12-31&amp;by=book&amp;organisation=hnd"[^>]*>0 ₫</,
      );
      assert.match(
        r.text,
        /data-slot="loans\.overdue"><span class="label">[^<]+<\/span><span class="value"><a [^>]+>0 ₫</,
      );
      assert.match(
        r.text,
        /data-slot="loans\.par30"><span class="label">[^<]+<\/span><span class="value"><a [^>]+>0,00 %</,
      );
      for (const slot of ['savings.balance'])
        assert.match(
          r.text,
          new RegExp(
            `data-slot="${slot.replace('.', '\\.')}"><span class="label">[^<]+</span><span class="value">—</span>`,
          ),
        );
      assert.match(r.text, /<svg role="img"/);
      assert.doesNotMatch(r.text, / style="|<style/, 'no inline style: the CSP forbids it');
      const csv = await get('kiemtoan', '/org/hnd?asOf=31/12/2025&format=csv');
      assert.match(csv.headers.get('content-disposition') ?? '', /dashboard-2025-12-31\.csv/);
      // The byte-order mark that makes Excel read UTF-8 (Response.text() would drop it).
      const raw = await w.http.request('/org/hnd?asOf=31/12/2025&format=csv', {
        headers: { cookie: (await as('kiemtoan')).cookie },
      });
      assert.deepEqual([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(csv.text, /^Sổ,Tên,Tiền mặt/);
      assert.match(csv.text, /quy-htnd,Quỹ Hỗ trợ nông dân,496200000,0,500000000/);
    });

    test('the trial balance as of a date balances and exports to CSV and XLSX', async () => {
      const r = await get('kiemtoan', '/trial-balance?asOf=31/12/2025');
      assert.equal(r.status, 200);
      assert.match(r.text, /data-totals-agree="yes"/);
      assert.match(textOf(r.text), /Tính đến ngày 31\/12\/2025/);
      const csv = await get('kiemtoan', '/trial-balance?asOf=31/12/2025&format=csv');
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(csv.text, /quy-htnd,111,Tiền mặt,Tài sản,501200000,5000000,496200000,/);
      const xlsx = await w.http.request('/trial-balance?asOf=31/12/2025&format=xlsx', {
        headers: { cookie: (await as('kiemtoan')).cookie },
      });
      assert.equal(xlsx.status, 200);
      const bytes = new Uint8Array(await xlsx.arrayBuffer());
      assert.equal(String.fromCharCode(bytes[0]!, bytes[1]!), 'PK');
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const cells = ws.getSheetValues().flat().map(String);
      assert.ok(cells.includes('Tính đến ngày 31/12/2025'), cells.join('|'));
      assert.ok(cells.includes('496200000'), 'amounts are numbers');
    });

    test('the journal filters and pages; a hidden book in the filter is 404', async () => {
      const r = await get('thuquy-hnd', `/journal?book=${OWN.book}&kind=repayment`);
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`quy-htnd#${posted}`));
      assert.doesNotMatch(r.text, /quy-htnd#2</);
      assert.equal((await get('thuquy-hnd', '/journal?book=quy-pn')).status, 404);
      const text = await get('thuquy-hnd', '/journal?text=Soạn');
      assert.match(text.text, /quy-htnd#2/);
    });

    test('maker-checker through the pages: proposed, seen without buttons by its maker and the auditor, approved by another', async () => {
      await w.app.operations.setRule(w.ctx('admin'), 'ledger.post', 50_000_000);
      const big = entryForm({
        kind: 'disbursement',
        memo: 'Giải ngân lớn',
        'postings[0].account': '1311',
        'postings[0].party': 'HH-002',
        'postings[0].debit': '60.000.000',
        'postings[1].account': '111',
        'postings[1].party': '',
        'postings[1].credit': '60.000.000',
      });
      const r = await post('lap-hnd', `/books/${OWN.book}/post`, big);
      assert.equal(r.status, 303);
      const id = /^\/approvals\/(\d+)\?proposed=1$/.exec(r.headers.get('location') ?? '')![1];
      const mine = await get('lap-hnd', `/approvals/${id}`);
      assert.match(textOf(mine.text), /Đề nghị của bạn: cần một người khác duyệt\./);
      assert.doesNotMatch(mine.text, /\/approve"/);
      const auditor = await get('kiemtoan', `/approvals/${id}`);
      assert.equal(auditor.status, 200);
      assert.doesNotMatch(auditor.text, /\/approve"|\/reject"/);
      assert.equal(
        (await post('kiemtoan', `/approvals/${id}/approve`, { _key: formKey(++keys) })).status,
        403,
      );
      const other = await get('thuquy-pn', `/approvals/${id}`);
      assert.equal(other.status, 404);
      const checker = await get('thuquy-hnd', `/approvals/${id}`);
      assert.match(checker.text, new RegExp(`action="/approvals/${id}/approve"`));
      const ok = await post('thuquy-hnd', `/approvals/${id}/approve`, { _key: formKey(++keys) });
      assert.equal(ok.status, 303);
      assert.equal(ok.headers.get('location'), `/approvals/${id}?done=approved`);
      const done = await get('thuquy-hnd', ok.headers.get('location')!);
      assert.match(done.text, /data-status="approved"/);
      const head = (await w.app.ledger.book(w.ctx(), OWN.book)).headSeq;
      const entry = await w.app.ledger.entry(w.ctx(), OWN.book, head);
      assert.equal(entry.actor, 'lap-hnd/thuquy-hnd');
      await w.app.operations.setRule(w.ctx('admin'), 'ledger.post', null);
    });

    test('an auditor sees everything and no write button; the posting form is refused to them', async () => {
      const book = await get('kiemtoan', `/books/${OWN.book}`);
      assert.equal(book.status, 200);
      assert.doesNotMatch(book.text, /\/post"/);
      const entry = await get('kiemtoan', `/entries/${OWN.book}/${posted}`);
      assert.doesNotMatch(entry.text, /\/reverse"/);
      assert.equal((await get('kiemtoan', `/books/${OWN.book}/post`)).status, 403);
      const home = await get('kiemtoan', '/');
      assert.match(home.text, /quy-pn/);
      const nav = /<nav class="main"[\s\S]*?<\/nav>/.exec(home.text)![0];
      assert.match(nav, /Nhật ký hệ thống/);
      assert.doesNotMatch(nav, /Người dùng/);
      const treasurerNav = /<nav class="main"[\s\S]*?<\/nav>/.exec((await get('thuquy-hnd', '/')).text)![0];
      assert.doesNotMatch(treasurerNav, /Nhật ký hệ thống|Người dùng/);
    });

    test('an entry is reversed from its page; the reversal links back', async () => {
      const r = await post('thuquy-hnd', `/entries/${OWN.book}/2/reverse`, {
        _key: formKey(++keys),
        date: '20/12/2025',
        memo: '',
      });
      assert.equal(r.status, 303, textOf(r.text));
      const page = await get('thuquy-hnd', r.headers.get('location')!);
      assert.match(page.text, /Đảo bút toán quy-htnd#2/);
      const original = await get('thuquy-hnd', `/entries/${OWN.book}/2`);
      assert.match(original.text, /Đã được đảo bởi quy-htnd#/);
      assert.doesNotMatch(original.text, /\/reverse"/);
    });

    test('verification shows every book OK, then names the first entry changed behind soquy', async () => {
      const ok = await get('kiemtoan', '/verify?run=1');
      assert.match(ok.text, /data-verify="ok"/);
      assert.match(ok.text, /data-book="quy-pn"/);
      const mine = await get('thuquy-hnd', '/verify?run=1');
      assert.doesNotMatch(mine.text, /data-book="quy-pn"/);
      if (engine.kind === 'sqlite')
        await sql.raw('DROP TRIGGER IF EXISTS journal_entry_no_update').execute(w.app.store.db);
      else
        await sql
          .raw('DROP TRIGGER IF EXISTS journal_entry_append_only ON journal_entry')
          .execute(w.app.store.db);
      await sql
        .raw(
          `UPDATE journal_entry SET memo = 'đã sửa' WHERE tenant_id = 'huong-son' AND book_code = 'quy-pn' AND seq = 1`,
        )
        .execute(w.app.store.db);
      const bad = await get('kiemtoan', '/verify?run=1');
      assert.match(bad.text, /data-verify="bad"/);
      assert.match(
        textOf(bad.text),
        /quy-pn 1 SAI · Bút toán sai đầu tiên: quy-pn#1 \(nội dung đã bị sửa \(mã băm không khớp\)\)/,
      );
      assert.match(bad.text, /href="\/entries\/quy-pn\/1"/);
    });

    test('exports: hledger and the audit log download; an auditor verifies the audit chain', async () => {
      const h = await get('kiemtoan', `/export/download?format=hledger&book=${OWN.book}`);
      assert.equal(h.status, 200);
      assert.match(h.headers.get('content-disposition') ?? '', /huong-son-quy-htnd\.journal/);
      assert.match(h.text, /2025-12-14/);
      const a = await get('kiemtoan', '/audit?verify=1');
      assert.match(a.text, /data-audit-verify="ok"/);
      assert.match(a.text, /ledger\.post/);
      const csv = await get('kiemtoan', '/audit/export?format=csv');
      assert.match(csv.text, /^seq,at,actor,action/);
    });

    test('settings: a new user gets a one-time password shown once; a bad threshold is refused at its field', async () => {
      const r = await post('admin', '/settings/users', {
        username: 'thuquy-moi',
        displayName: 'Thủ quỹ mới',
        role: 'treasurer',
        scope: 'organisation:hnd',
      });
      assert.equal(r.status, 201);
      const password = /data-one-time="true">\s*([a-z0-9-]{19})/.exec(r.text)![1]!;
      assert.equal(
        (await w.call('POST', '/api/v1/session', { body: { username: 'thuquy-moi', password } })).status,
        200,
      );
      assert.doesNotMatch((await get('admin', '/settings/users')).text, new RegExp(password));
      const dup = await post('admin', '/settings/users', { username: 'thuquy-moi', role: '', scope: '' });
      assert.equal(dup.status, 422);
      assert.match(dup.text, /id="f-username-error">/);
      const rule = await post('admin', '/settings/approval-rules', { kind: 'ledger.post', threshold: '1,5' });
      assert.equal(rule.status, 422);
      assert.match(rule.text, /id="f-threshold-ledger-post-error">số tiền phải là số đồng nguyên/);
      const set = await post('admin', '/settings/approval-rules', {
        kind: 'ledger.reverse',
        threshold: '10.000.000',
      });
      assert.equal(set.status, 303);
      assert.match((await get('admin', set.headers.get('location')!)).text, /Trên 10\.000\.000 ₫/);
    });

    test('names are escaped everywhere, the chart included', async () => {
      const evil = '<script>alert("x")</script>';
      await w.app.ledger.createBook(w.ctx(), {
        code: 'so-la',
        template: 'general',
        organisation: 'hnd',
        nameVi: evil,
      });
      await w.app.ledger.post(w.ctx(), [
        {
          book: 'so-la',
          date: '2025-05-05',
          kind: 'donation',
          memo: evil,
          postings: [
            { account: '111', amount: 1_000 },
            { account: '511', amount: -1_000 },
          ],
        },
      ]);
      for (const path of [
        '/',
        '/org/hnd',
        '/books',
        '/books/so-la',
        '/journal?book=so-la',
        '/entries/so-la/1',
        '/trace?book=so-la&account=111',
      ]) {
        const r = await get('admin', path);
        assert.equal(r.status, 200, path);
        assert.ok(!r.text.includes(evil), `${path} has the raw name`);
      }
      const svg = await renderChart(
        {
          xAxis: { type: 'category', data: [evil] },
          yAxis: { type: 'value' },
          series: [{ type: 'bar', data: [1] }],
        },
        300,
        200,
      );
      assert.ok(!svg.includes('<script>'));
      assert.doesNotMatch(svg, / style="|<style/);
      assert.equal(
        cspSafeSvg('<text style="font-size:12px;font-family:sans-serif;">a</text>'),
        '<text font-size="12px" font-family="sans-serif">a</text>',
      );
    });

    test('assets are versioned and cached; unknown pages are an HTML 404 in the user’s language', async () => {
      const home = await get('admin', '/');
      const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.text)![1]!;
      const css = await get(undefined, href);
      assert.equal(css.status, 200);
      assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.match(css.text, /@media print/);
      assert.equal(
        (await get(undefined, '/assets/soquy.css')).headers.get('cache-control'),
        'public, max-age=300',
      );
      const missing = await get('admin', '/khong-co?lang=en');
      assert.equal(missing.status, 404);
      assert.match(missing.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(missing.text, /Not found\./);
      const signIn = await get(undefined, `/books/${OWN.book}`);
      assert.equal(signIn.status, 303);
      assert.equal(
        signIn.headers.get('location'),
        `/sign-in?next=${encodeURIComponent(`/books/${OWN.book}`)}`,
      );
      void PASSWORD;
    });
  });
}
