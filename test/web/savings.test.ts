// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is the text a user sees on screen, which is what these tests assert
/**
 * The meeting sheet in Chromium, on a desktop screen and on a 360 px phone: a treasurer of the
 * Women's Union types a meeting of three members, sees the totals and the cash the box should
 * hold as she types, counts 20.000 ₫ short and is refused with the difference shown; with the
 * right count the meeting is recorded and appears in the register; the passbook prints.
 * Screenshots go to test-artifacts/web/<viewport>/savings-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../helpers/http.ts';
import { vslaCycle } from '../savings/http-fixture.ts';
import { browserSkip, openSession, type Session } from './browser.ts';

const skip = browserSkip();

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 360, height: 740 },
] as const;

async function signIn(s: Session, user: string): Promise<void> {
  const p = s.page;
  await s.context.clearCookies();
  await p.goto(`${s.base}/sign-in`);
  await p.fill('#username', user);
  await p.fill('#password', PASSWORD);
  await p.press('#password', 'Enter');
  await p.waitForURL(`${s.base}/`, { timeout: 10_000 });
}

async function fits(p: Page): Promise<void> {
  const { scroll, width } = (await p.evaluate(
    '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
  )) as { scroll: number; width: number };
  assert.ok(scroll <= width, `${p.url()} is ${scroll}px wide on a ${width}px screen`);
}

describe('the savings meeting sheet in Chromium', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
  });
  after(async () => {
    await s?.close();
  });

  for (const vp of VIEWPORTS) {
    test(`${vp.name} (${vp.width} px): a miscounted box is refused with the difference; the right count is recorded`, async () => {
      const p = s.page;
      await p.setViewportSize({ width: vp.width, height: vp.height });
      const v = await vslaCycle(s.world.app, s.world.ctx(), 'hlhpn', 3);
      const shot = (name: string) => s.shot(`${vp.name}/savings-${name}`);
      await signIn(s, 'thuquy-pn');
      await p.goto(`${s.base}/savings/cycles/${v.cycle}/meeting`);
      await p.fill('#f-date', '10/11/2025');
      // Three members buy 2 shares each (3 × 2 × 20.000 = 120.000 ₫) and pay 2.000 ₫ social fund.
      for (let i = 0; i < 3; i++) {
        await p.fill(`#f-m-${i}-shares`, '2');
        await p.fill(`#f-m-${i}-social`, '2.000');
      }
      // The box is counted 20.000 ₫ short.
      await p.fill('#f-countedLoanFund', '100.000');
      await p.fill('#f-countedSocialFund', '6.000');
      await p.locator('#check .bad').filter({ hasText: 'quỹ cho vay -20.000 ₫' }).waitFor();
      assert.match(
        await p.locator('#check').innerText(),
        /Két phải có: quỹ cho vay 120\.000 ₫, quỹ xã hội 6\.000 ₫/,
      );
      await shot('01-live-check');
      if (vp.name === 'phone') await fits(p);
      await p.click('#record-meeting');
      await p.waitForLoadState();
      const errors = await p.locator('#errors').innerText();
      assert.match(errors, /khác số soquy tính 120\.000 ₫: chênh lệch -20\.000 ₫/);
      assert.equal((await s.world.app.savings.register(s.world.ctx(), v.cycle)).meetings.length, 0);
      await shot('02-refused');
      if (vp.name === 'phone') await fits(p);
      await p.fill('#f-countedLoanFund', '120.000');
      await p.locator('#check .ok').waitFor();
      await p.click('#record-meeting');
      await p.waitForURL(new RegExp(`/savings/cycles/${v.cycle}\\?recorded=1$`));
      assert.match(await p.locator('main').innerText(), /Đã ghi buổi họp số 1\./);
      assert.match(await p.locator('tbody tr').first().innerText(), /120\.000 ₫/);
      await shot('03-register');
      if (vp.name === 'phone') await fits(p);
      await p.goto(`${s.base}/savings/passbook?group=${v.group}&person=${v.persons[0]}`);
      assert.match(await p.locator('tbody tr').first().innerText(), /40\.000 ₫/);
      await shot('04-passbook');
      if (vp.name === 'phone') await fits(p);
      await p.emulateMedia({ media: 'print' });
      assert.equal(await p.locator('[data-print]').isVisible(), false);
      await shot('05-passbook-print');
      await p.emulateMedia({ media: 'screen' });
      await p.goto(`${s.base}/savings/indicators?quarter=2025-Q4`);
      await shot('06-indicators');
      if (vp.name === 'phone') await fits(p);
    });
  }

  test('no page logged an error or broke its Content-Security-Policy', () => {
    assert.deepEqual(s.problems, []);
  });
});
