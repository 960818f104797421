// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is the text a user sees on screen, which is what these tests assert
/**
 * The charity funds in a real browser (Debian's Chromium through playwright-core), on a desktop
 * screen and on a 360 px phone: a treasurer records a donation with the form and prints its
 * receipt (amount in words, no menu on paper); a visitor who never signed in opens the public
 * disclosure of the fund and sees the report, no menu, no anonymous donor's name, and no
 * sideways scrolling. Screenshots go to test-artifacts/web/funds/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PASSWORD, TENANT } from '../helpers/http.ts';
import { browserSkip, openSession, type Session } from './browser.ts';

const skip = browserSkip();
const FUND = 'vnn-2025';

async function signIn(s: Session, user: string): Promise<void> {
  const p = s.page;
  await s.context.clearCookies();
  await p.goto(`${s.base}/sign-in`);
  await p.fill('#username', user);
  await p.fill('#password', PASSWORD);
  await p.keyboard.press('Enter');
  await p.waitForURL(`${s.base}/`, { timeout: 10_000 });
}

async function fits(p: Page): Promise<void> {
  const { scroll, width } = (await p.evaluate(
    '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
  )) as { scroll: number; width: number };
  assert.ok(scroll <= width, `${p.url()} is ${scroll}px wide on a ${width}px screen`);
}

describe('charity funds in Chromium', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
    const c = s.world.ctx('admin');
    await s.world.app.funds.createFund(c, {
      id: FUND,
      kind: 'for_the_poor',
      organisation: 'hnd',
      nameVi: 'Quỹ Vì người nghèo 2025',
      nameEn: 'For the Poor fund 2025',
      purpose: 'Xây, sửa nhà Đại đoàn kết',
      opensOn: '2025-01-01',
      closesOn: '2025-12-31',
    });
    await s.world.app.funds.donate(c, {
      fund: FUND,
      date: '2025-10-20',
      donorKind: 'person',
      donorName: 'Trần Văn Kín',
      donorIdNo: '001085012345',
      anonymous: true,
      amount: 50_000_000,
    });
  });
  after(async () => s.close());

  for (const vp of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 360, height: 740 },
  ] as const) {
    describe(`${vp.name} (${vp.width} px)`, () => {
      before(async () => s.page.setViewportSize({ width: vp.width, height: vp.height }));

      test('a treasurer records a donation and prints its receipt', async () => {
        const p = s.page;
        await signIn(s, 'thuquy-hnd');
        await p.goto(`${s.base}/funds/${FUND}/donate`);
        if (vp.name === 'phone') await fits(p);
        await p.selectOption('#f-donorKind', 'business');
        await p.fill('#f-donorName', `Công ty Minh Phát (${vp.name})`);
        await p.fill('#f-donorAddress', 'Thôn Đức Khê');
        await p.fill('#f-amount', '1.200.000');
        await s.shot(`funds/${vp.name}/01-donation-form`);
        await p.click('main form button[type=submit]');
        await p.waitForURL(new RegExp(`/funds/${FUND}/receipts/\\d+\\?done=1$`));
        assert.equal(await p.locator('[data-words]').innerText(), 'Một triệu hai trăm nghìn đồng');
        assert.equal(await p.locator('[data-amount]').innerText(), '1.200.000 đồng');
        assert.match(await p.locator('[data-doc-no]').innerText(), /^PT-vnn-2025-00000\d$/);
        await s.shot(`funds/${vp.name}/02-receipt`);
        if (vp.name === 'phone') await fits(p);
        await p.emulateMedia({ media: 'print' });
        assert.equal(await p.locator('header.top').isVisible(), false, 'the menu is not printed');
        assert.equal(await p.locator('[data-print]').isVisible(), false);
        assert.equal(await p.locator('.doc').isVisible(), true);
        await p.emulateMedia({ media: 'screen' });
      });

      test('a visitor opens the public disclosure without signing in and sees the report only', async () => {
        const p = s.page;
        await s.context.clearCookies();
        const r = await p.goto(`${s.base}/public/${TENANT}/funds/${FUND}?to=31/12/2025`);
        assert.equal(r?.status(), 200);
        assert.match(await p.locator('h1').innerText(), /Quỹ Vì người nghèo 2025/);
        const text = await p.locator('body').innerText();
        assert.match(text, /Nhà hảo tâm ẩn danh/);
        assert.doesNotMatch(text, /Trần Văn Kín|001085012345/);
        assert.equal(await p.locator('nav').count(), 0);
        assert.equal(await p.locator('[data-closing]').count(), 1);
        await s.shot(`funds/${vp.name}/03-public-disclosure`);
        if (vp.name === 'phone') await fits(p);
        await p.click('text=English');
        await p.waitForURL(/lang=en/);
        assert.match(await p.locator('h1').innerText(), /Disclosure: For the Poor fund 2025/);
      });

      test('no page logged an error or broke its Content-Security-Policy', () => {
        assert.deepEqual(s.problems, []);
      });
    });
  }
});
