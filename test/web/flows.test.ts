// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is the text a user sees on screen, which is what these tests assert
/**
 * The web app in a real browser (Debian's Chromium through playwright-core) against soquy on a
 * real port, on a desktop screen and on a 360 px phone:
 *
 * - a treasurer signs in with the keyboard, posts a repayment (first unbalanced: refused next to
 *   the lines, with the live check of htmx showing the difference), sees it in the statement with
 *   the running balance, and prints the receipt with the amount in words (print media and PDF);
 * - an auditor opens the dashboard, follows the cash figure to the entries that make it (each
 *   with its postings, hash, previous hash, recorded-at and actor) and verifies the chain; no
 *   write button is offered;
 * - a treasurer of another organisation gets 404 on those pages;
 * - every page renders without sideways scrolling at 360 px; screenshots of each page are saved
 *   in test-artifacts/web/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatDong } from '../../src/domain/money.ts';
import { OWN, PASSWORD } from '../helpers/http.ts';
import { ARTIFACTS, browserSkip, openSession, type Session } from './browser.ts';

const skip = browserSkip();

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 360, height: 740 },
] as const;

async function signIn(s: Session, user: string): Promise<void> {
  const p = s.page;
  await s.context.clearCookies();
  await p.goto(`${s.base}/sign-in`);
  // Keyboard only: the username field has the focus (autofocus), Tab to the password, Enter.
  await p.waitForFunction('document.activeElement && document.activeElement.id === "username"');
  await p.keyboard.type(user);
  await p.keyboard.press('Tab');
  await p.keyboard.type(PASSWORD);
  await p.keyboard.press('Enter');
  await p.waitForURL(`${s.base}/`, { timeout: 10_000 }).catch(async (e) => {
    throw new Error(`sign-in of ${user} stayed on ${p.url()}: ${await p.locator('main').innerText()}`, {
      cause: e,
    });
  });
}

/** No sideways scrolling: the page fits the screen (tables scroll inside their own box). */
async function fits(p: Page): Promise<void> {
  // A string: the tests' TypeScript has no DOM types.
  const { scroll, width } = (await p.evaluate(
    '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
  )) as { scroll: number; width: number };
  assert.ok(scroll <= width, `${p.url()} is ${scroll}px wide on a ${width}px screen`);
}

describe('web flows in Chromium', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
    // A loan to repay: HH-001 owes 5.000.000 đ.
    await s.world.app.ledger.post(s.world.ctx('thuquy-hnd'), [
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
  after(async () => {
    await s?.close();
  });

  for (const vp of VIEWPORTS) {
    describe(`${vp.name} (${vp.width} px)`, () => {
      const shot = (name: string) => s.shot(`${vp.name}/${name}`);

      before(async () => {
        await s.page.setViewportSize({ width: vp.width, height: vp.height });
      });

      test('a treasurer posts a repayment, sees it in the statement and prints the receipt', async () => {
        const p = s.page;
        await signIn(s, 'thuquy-hnd');
        await shot('01-overview');
        if (vp.name === 'phone') await fits(p);

        await p.goto(`${s.base}/books/${OWN.book}/post`);
        await p.selectOption('#f-kind', 'repayment');
        await p.fill('#f-documentNo', `PT-${vp.name}`);
        await p.fill('#f-memo', 'Thu nợ hộ Vương Đình Soạn');
        await p.selectOption('#f-postings-0-account', '111');
        await p.fill('#f-postings-0-debit', '1.200.000');
        await p.selectOption('#f-postings-1-account', '1311');
        await p.fill('#f-postings-1-party', 'HH-001');
        await p.fill('#f-postings-1-credit', '1.000.000');
        // htmx checks as one types: the difference shows before sending.
        await p.locator('#check .bad').filter({ hasText: 'Lệch 200.000 ₫' }).waitFor();
        await shot('02-post-form-live-check');
        if (vp.name === 'phone') await fits(p);
        await p.click('button[value=post]');
        await p.waitForLoadState();
        assert.match(
          await p.locator('#f-postings-error').innerText(),
          /tổng Nợ phải bằng tổng Có; đang lệch 200\.000 ₫/,
        );
        assert.equal(await p.locator('#errors').isVisible(), true);
        await shot('03-post-refused');
        await p.fill('#f-postings-1-credit', '1.200.000');
        await p.locator('#check .ok').waitFor();
        await p.click('button[value=post]');
        await p.waitForURL(/\/entries\/quy-htnd\/\d+\?posted=1$/);
        const seq = Number(/\/entries\/quy-htnd\/(\d+)/.exec(p.url())![1]);
        assert.match(await p.locator('.done').innerText(), new RegExp(`Đã ghi bút toán quy-htnd#${seq}\\.`));
        await shot('04-posted-entry');

        await p.goto(`${s.base}/books/${OWN.book}/accounts/111?from=01/01/2025`);
        const row = p.locator('tbody tr', { hasText: `#${seq}` });
        const cells = await row.locator('td').allInnerTexts();
        const cash = await s.world.app.ledger.balance(s.world.ctx(), { book: OWN.book, account: '111' });
        assert.equal(cells[cells.length - 3], '1.200.000 ₫', cells.join(' | '));
        assert.equal(
          cells[cells.length - 1],
          formatDong(cash.balance),
          'the running balance after the repayment',
        );
        assert.equal(await p.locator('[data-closing]').innerText(), formatDong(cash.balance));
        await shot('05-statement');
        if (vp.name === 'phone') await fits(p);

        await p.goto(`${s.base}/entries/${OWN.book}/${seq}`);
        await p.click('text=In phiếu thu');
        await p.waitForURL(/\/receipt$/);
        assert.equal(await p.locator('[data-words]').innerText(), 'Một triệu hai trăm nghìn đồng');
        assert.equal(await p.locator('[data-amount]').innerText(), '1.200.000 đồng');
        await shot('06-receipt');
        await p.emulateMedia({ media: 'print' });
        assert.equal(await p.locator('header.top').isVisible(), false, 'the menu is not printed');
        assert.equal(await p.locator('.doc').isVisible(), true);
        assert.equal(await p.locator('[data-print]').isVisible(), false);
        await shot('07-receipt-print');
        const pdf = join(ARTIFACTS, vp.name, 'receipt.pdf');
        await p.pdf({ path: pdf, format: 'A4' });
        const bytes = readFileSync(pdf);
        assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
        await p.emulateMedia({ media: 'screen' });
      });

      test('an auditor follows a dashboard figure to its entries and verifies the chain', async () => {
        const p = s.page;
        await signIn(s, 'kiemtoan');
        await p.goto(`${s.base}/org/hnd`);
        await shot('08-dashboard');
        if (vp.name === 'phone') await fits(p);
        const figure = p.locator('.figures .figure', { hasText: 'Tiền mặt' }).first().locator('a');
        const shown = await figure.innerText();
        await figure.click();
        await p.waitForURL(/\/trace\?/);
        assert.equal(
          await p.locator('[data-figure]').innerText(),
          shown,
          'the trace opens on the same figure',
        );
        assert.equal(await p.locator('[data-trace-agrees="yes"]').isVisible(), true);
        const entries = p.locator('article.entry');
        assert.ok((await entries.count()) >= 3);
        for (const label of ['Mã băm trước', 'Mã băm', 'Thời điểm ghi', 'Người ghi'])
          assert.equal((await entries.first().locator('dt', { hasText: label }).count()) >= 1, true, label);
        assert.match(await entries.first().locator('dd.mono').last().innerText(), /^[0-9a-f]{64}$/);
        await shot('09-trace');
        if (vp.name === 'phone') await fits(p);
        await p.click('text=Kiểm tra chuỗi sổ này');
        await p.click('button:has-text("Kiểm tra ngay")');
        await p.locator('[data-verify="ok"]').waitFor();
        assert.match(await p.locator('tr[data-book="quy-htnd"]').innerText(), /Khớp ✓/);
        await shot('10-verify');
        // The journal's filters answer in place (htmx) and keep the address shareable.
        await p.goto(`${s.base}/journal`);
        await p.fill('#f-text', 'Soạn');
        await p.press('#f-text', 'Enter');
        await p.waitForURL(/text=So/);
        await p.locator('#results a', { hasText: 'quy-htnd#2' }).waitFor();
        assert.equal(await p.locator('#results a', { hasText: 'quy-htnd#1' }).count(), 0);
        await shot('10b-journal-filtered');
        // Read-only: no write button anywhere an auditor goes.
        await p.goto(`${s.base}/books/${OWN.book}`);
        assert.equal(await p.locator('a[href$="/post"]').count(), 0);
        const form = await p.goto(`${s.base}/books/${OWN.book}/post`);
        assert.equal(form?.status(), 403);
      });

      test('a treasurer of another organisation cannot open those pages (404)', async () => {
        const p = s.page;
        await signIn(s, 'thuquy-pn');
        for (const path of [
          '/org/hnd',
          `/books/${OWN.book}`,
          `/books/${OWN.book}/accounts/111`,
          `/trace?book=${OWN.book}&account=111`,
          `/entries/${OWN.book}/1/receipt`,
          `/verify?book=${OWN.book}&run=1`,
        ]) {
          const r = await p.goto(`${s.base}${path}`);
          assert.equal(r?.status(), 404, path);
          assert.match(await p.locator('main').innerText(), /Không tìm thấy\./);
        }
        await shot('11-not-found');
        await p.goto(`${s.base}/`);
        assert.equal(await p.locator('main').getByText(OWN.book).count(), 0, 'not even listed');
      });

      test('the language switch shows English and remembers it', async () => {
        const p = s.page;
        await signIn(s, 'admin');
        await p.click('a[hreflang=en]');
        await p.waitForURL(/lang=en/);
        assert.equal(await p.locator('html').getAttribute('lang'), 'en');
        await p.goto(`${s.base}/trial-balance`);
        assert.equal(await p.locator('h1').innerText(), 'Trial balance');
        await shot('12-trial-balance-en');
        await p.click('a[hreflang=vi]');
        assert.equal(await p.locator('h1').innerText(), 'Bảng cân đối tài khoản');
      });

      test('every page renders at this width; a screenshot of each is saved', async () => {
        const p = s.page;
        await signIn(s, 'admin');
        const pages = [
          ['overview', '/'],
          ['dashboard', '/org/hnd'],
          ['books', '/books'],
          ['book', `/books/${OWN.book}`],
          ['statement', `/books/${OWN.book}/accounts/111?from=01/01/2025`],
          ['parties', `/books/${OWN.book}/accounts/1311/parties`],
          ['post-form', `/books/${OWN.book}/post`],
          ['trial-balance', '/trial-balance'],
          ['journal', '/journal'],
          ['entry', `/entries/${OWN.book}/2`],
          ['receipt', `/entries/${OWN.book}/1/receipt`],
          ['voucher', `/entries/${OWN.book}/2/voucher`],
          ['trace', `/trace?book=${OWN.book}&account=1311&party=HH-001`],
          ['verify', '/verify?run=1'],
          ['export', '/export'],
          ['approvals', '/approvals?status=all'],
          ['users', '/settings/users'],
          ['approval-rules', '/settings/approval-rules'],
          ['audit', '/audit'],
          ['change-password', '/change-password'],
        ] as const;
        for (const [name, path] of pages) {
          const r = await p.goto(`${s.base}${path}`);
          assert.equal(r?.status(), 200, path);
          await s.shot(`${vp.name}/pages/${name}`);
          await fits(p);
        }
        await s.context.clearCookies();
        await p.goto(`${s.base}/sign-in`);
        await s.shot(`${vp.name}/pages/sign-in`);
        await fits(p);
      });

      test('no page logged an error or broke its Content-Security-Policy', () => {
        assert.deepEqual(s.problems, []);
      });
    });
  }
});
