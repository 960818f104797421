// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is the text a user sees on screen, which is what these tests assert
/**
 * The registry and loans pages in a real browser (Debian's Chromium through playwright-core), on
 * a desktop screen and on a 360 px phone:
 *
 * - a treasurer signs in, finds a household by a name typed without accents, opens its loan,
 *   records a repayment, sees the allocation and the balance after, and prints the receipt (the
 *   payer's name from the registry, the amount in words; print media and PDF);
 * - an auditor follows the dashboard's loans outstanding to the entries that make it and
 *   verifies the chain;
 * - a treasurer of another organisation gets 404 on those pages;
 * - every new page renders without sideways scrolling at 360 px; screenshots are saved in
 *   test-artifacts/web/<viewport>/loans/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatDong } from '../../src/domain/money.ts';
import { PASSWORD } from '../helpers/http.ts';
import { HOUSEHOLDS, LOANS, seedHouseholdsAndLoans } from '../helpers/loans-web.ts';
import { ARTIFACTS, browserSkip, openSession, type Session } from './browser.ts';

const skip = browserSkip();

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, amount: '1.000.000' },
  { name: 'phone', width: 360, height: 740, amount: '500.000' },
] as const;

async function signIn(s: Session, user: string): Promise<void> {
  const p = s.page;
  await s.context.clearCookies();
  await p.goto(`${s.base}/sign-in`);
  await p.waitForFunction('document.activeElement && document.activeElement.id === "username"');
  await p.keyboard.type(user);
  await p.keyboard.press('Tab');
  await p.keyboard.type(PASSWORD);
  await p.keyboard.press('Enter');
  await p.waitForURL(`${s.base}/`, { timeout: 10_000 });
}

async function fits(p: Page): Promise<void> {
  const { scroll, width } = (await p.evaluate(
    '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
  )) as { scroll: number; width: number };
  assert.ok(scroll <= width, `${p.url()} is ${scroll}px wide on a ${width}px screen`);
}

describe('registry and loans flows in Chromium', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
    await seedHouseholdsAndLoans(s.world);
  });
  after(async () => {
    await s?.close();
  });

  for (const vp of VIEWPORTS) {
    describe(`${vp.name} (${vp.width} px)`, () => {
      const shot = (name: string) => s.shot(`${vp.name}/loans/${name}`);
      before(async () => {
        await s.page.setViewportSize({ width: vp.width, height: vp.height });
      });

      test('a treasurer finds a household typed without accents, takes a repayment and prints the receipt', async () => {
        const p = s.page;
        await signIn(s, 'thuquy-hnd');
        await p.click('nav.main a[href="/households"]');
        await p.waitForURL(/\/households$/);
        await p.fill('#f-q', 'vuong dinh soan');
        await p.press('#f-q', 'Enter');
        await p.waitForURL(/q=vuong/);
        await shot('01-search');
        if (vp.name === 'phone') await fits(p);
        await p.click('#results a:has-text("Vương Đình Soạn")');
        await p.waitForURL(/\/households\/HH-001$/);
        assert.match(await p.locator('h1').innerText(), /Vương Đình Soạn/);
        assert.match(await p.locator('main').innerText(), /GCN-2024-017/);
        await shot('02-household');
        if (vp.name === 'phone') await fits(p);
        await p.click(`tr[data-loan="${LOANS.own}"] a`);
        await p.waitForURL(/\/loans\/L-000001$/);
        const before = await s.world.app.loans.state(s.world.ctx(), LOANS.own, '2025-12-20');
        await shot('03-loan');
        if (vp.name === 'phone') await fits(p);
        await p.fill('#repay-amount', vp.amount);
        await p.fill('#repay-documentNo', `PT-${vp.name}`);
        await p.click('#repay-form button[type=submit]');
        await p.waitForURL(/\/loans\/L-000001\/events\/\d+\?done=1$/);
        // What the page shows is what the loan now holds: the balance after and each part.
        const after = await s.world.app.loans.state(s.world.ctx(), LOANS.own, '2025-12-20');
        assert.equal(await p.locator('[data-balance-after]').innerText(), formatDong(after.outstanding));
        const paid = Number(vp.amount.replaceAll('.', ''));
        assert.equal(await p.locator('[data-allocation] tfoot td').innerText(), formatDong(paid));
        const prepaid = before.outstanding - after.outstanding;
        assert.equal(await p.locator('tr[data-part="prepayment"] td.num').innerText(), formatDong(prepaid));
        await shot('04-repayment-allocation');
        if (vp.name === 'phone') await fits(p);
        await p.click('text=In phiếu thu');
        await p.waitForURL(/\/receipt$/);
        assert.equal(await p.locator('[data-amount]').innerText(), `${vp.amount} đồng`);
        assert.equal(
          await p.locator('[data-words]').innerText(),
          vp.amount === '1.000.000' ? 'Một triệu đồng' : 'Năm trăm nghìn đồng',
        );
        assert.match(await p.locator('.doc').innerText(), /Vương Đình Soạn \(HH-001 · L-000001\)/);
        await shot('05-receipt');
        await p.emulateMedia({ media: 'print' });
        assert.equal(await p.locator('header.top').isVisible(), false, 'the menu is not printed');
        assert.equal(await p.locator('[data-print]').isVisible(), false);
        await shot('06-receipt-print');
        const pdf = join(ARTIFACTS, vp.name, 'loans', 'receipt.pdf');
        await p.pdf({ path: pdf, format: 'A4' });
        assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
        await p.emulateMedia({ media: 'screen' });
      });

      test('an auditor follows the loans outstanding on the dashboard to its entries and verifies the chain', async () => {
        const p = s.page;
        await signIn(s, 'kiemtoan');
        await p.goto(`${s.base}/org/hnd`);
        await shot('07-dashboard');
        if (vp.name === 'phone') await fits(p);
        const figure = p.locator('[data-slot="loans.outstanding"] a');
        const shown = await figure.innerText();
        const held = await s.world.app.ledger.balance(s.world.ctx(), { book: 'quy-htnd', account: '1311' });
        assert.equal(shown, formatDong(held.balance), 'the principal the books hold');
        await figure.click();
        await p.waitForURL(/\/trace\?/);
        assert.equal(
          await p.locator('[data-figure]').innerText(),
          shown,
          'the trace opens on the same figure',
        );
        assert.equal(await p.locator('[data-trace-agrees="yes"]').isVisible(), true);
        const entries = p.locator('article.entry');
        assert.ok((await entries.count()) >= 2, 'the disbursement and the repayments');
        assert.match(await entries.first().locator('dd.mono').last().innerText(), /^[0-9a-f]{64}$/);
        await shot('08-trace-outstanding');
        if (vp.name === 'phone') await fits(p);
        await p.click('text=Kiểm tra chuỗi sổ này');
        await p.click('button:has-text("Kiểm tra ngay")');
        await p.locator('[data-verify="ok"]').waitFor();
        assert.match(await p.locator('tr[data-book="quy-htnd"]').innerText(), /Khớp ✓/);
        await shot('09-verify');
        // Read-only: no repayment form for an auditor.
        await p.goto(`${s.base}/loans/${LOANS.own}`);
        assert.equal(await p.locator('#repay-form').count(), 0);
      });

      test('a treasurer of another organisation gets 404 on those pages', async () => {
        const p = s.page;
        await signIn(s, 'thuquy-pn');
        for (const path of [
          `/households/${HOUSEHOLDS.soan}`,
          `/loans/${LOANS.own}`,
          `/loans/${LOANS.own}/schedule`,
          `/loans/${LOANS.own}/statement`,
          `/loans/${LOANS.own}/events/4`,
        ]) {
          const r = await p.goto(`${s.base}${path}`);
          assert.equal(r?.status(), 404, path);
          assert.match(await p.locator('main').innerText(), /Không tìm thấy\./);
        }
        await p.goto(`${s.base}/households?q=vuong+dinh+soan`);
        assert.equal(await p.locator('[data-search-empty]').isVisible(), true, 'not even found');
        await shot('10-not-found');
      });

      test('every registry and loans page renders at this width; a screenshot of each is saved', async () => {
        const p = s.page;
        await signIn(s, 'admin');
        const pages = [
          ['search', '/households?q=nguyen'],
          ['household', `/households/${HOUSEHOLDS.soan}`],
          ['loan', `/loans/${LOANS.own}`],
          ['schedule', `/loans/${LOANS.own}/schedule`],
          ['statement', `/loans/${LOANS.own}/statement`],
          ['event', `/loans/${LOANS.own}/events/1`],
          ['apply', `/loans/new?household=${HOUSEHOLDS.tam}`],
          ['portfolio', '/loan-portfolio?by=organisation'],
          ['programmes', '/settings/loan-programmes'],
        ] as const;
        for (const [name, path] of pages) {
          const r = await p.goto(`${s.base}${path}`);
          assert.equal(r?.status(), 200, path);
          await s.shot(`${vp.name}/loans/pages/${name}`);
          await fits(p);
        }
      });

      test('no page logged an error or broke its Content-Security-Policy', () => {
        assert.deepEqual(s.problems, []);
      });
    });
  }
});
