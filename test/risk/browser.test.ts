// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is the text a user sees on screen, which is what these tests assert
/**
 * The at-risk pages in Chromium, on a desktop screen and a 360 px phone: a treasurer opens the
 * watch list, follows the fire household to its "why" page, records a next step from its form,
 * and sees it done on the list; the pages fit the phone's width and break no CSP rule.
 * Screenshots in test-artifacts/web/<viewport>/risk-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { PASSWORD } from '../helpers/http.ts';
import { browserSkip, openSession, type Session } from '../web/browser.ts';
import { FIRE, seedWebRisk } from './web-fixture.ts';

const skip = browserSkip();

async function signIn(s: Session, user: string): Promise<void> {
  await s.context.clearCookies();
  await s.page.goto(`${s.base}/sign-in`);
  await s.page.fill('#username', user);
  await s.page.fill('#password', PASSWORD);
  await s.page.keyboard.press('Enter');
  await s.page.waitForURL(`${s.base}/`, { timeout: 10_000 });
}

async function fits(p: Page): Promise<void> {
  const { scroll, width } = (await p.evaluate(
    '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
  )) as { scroll: number; width: number };
  assert.ok(scroll <= width, `${p.url()} is ${scroll}px wide on a ${width}px screen`);
}

const RUNS = [
  { name: 'desktop', width: 1280, height: 800, kind: 'emergency_aid', label: 'Hỗ trợ khẩn cấp từ quỹ' },
  {
    name: 'phone',
    width: 360,
    height: 740,
    kind: 'neighbour_appeal',
    label: 'Vận động bà con, hàng xóm giúp đỡ',
  },
] as const;

describe('households at risk in Chromium', { skip }, () => {
  let s: Session;
  before(async () => {
    s = await openSession();
    await seedWebRisk(s.world);
  });
  after(async () => {
    await s?.close();
  });

  for (const run of RUNS)
    test(`${run.name}: from the list to the household, a step recorded, shown on the list`, async () => {
      const p = s.page;
      await p.setViewportSize({ width: run.width, height: run.height });
      await signIn(s, 'thuquy-hnd');
      await p.goto(`${s.base}/risk?asOf=20/12/2025`);
      const row = p.locator(`tr[data-household="${FIRE}"]`);
      assert.match(await row.innerText(), /Cháy nhà 14\/12\/2025, thiệt hại ước 80\.000\.000 ₫/);
      await fits(p);
      await s.shot(`${run.name}/risk-list`);
      await row.locator('a').first().click();
      await p.waitForURL(/\/risk\/households\/HH-201/);
      const form = p.locator(`form[data-step-form="${run.kind}"]`);
      if (run.kind === 'emergency_aid') {
        await form.locator('input[name="book"]').fill('vi-nguoi-ngheo');
        await form.locator('input[name="amount"]').fill('5.000.000');
      }
      await form.locator('input[name="note"]').fill('Mặt trận xã đến thăm, trao hỗ trợ');
      await fits(p);
      await s.shot(`${run.name}/risk-household`);
      await form.locator('button[type="submit"]').click();
      await p.waitForLoadState('load');
      assert.match(await p.locator('main').innerText(), new RegExp(run.label));
      await p.goto(`${s.base}/risk?asOf=20/12/2025`);
      assert.match(
        await p.locator(`tr[data-household="${FIRE}"] [data-step="${run.kind}"]`).innerText(),
        /20\/12\/2025/,
      );
    });

  test('no page logged an error or broke its Content-Security-Policy', () => {
    assert.deepEqual(s.problems, []);
  });
});
