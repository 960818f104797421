// biome-ignore-all lint/performance/useDomNodeTextContent: Playwright's innerText() is the text a user sees on screen, which is what these tests assert
/**
 * The VBSP collection sheet in Chromium: a treasurer opens the group's February sheet (form 13/TD)
 * prefilled from soquy, records what was collected through the form, sees the recorded figures
 * and prints it: the menu and buttons disappear, the signature column stays, a PDF is made; the
 * sheet fits a 360 px phone (the table scrolls inside its card). Screenshots in
 * test-artifacts/web/vbsp/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PASSWORD } from '../helpers/http.ts';
import { type VbspGroup, vbspGroup } from '../vbsp/http-world.ts';
import { ARTIFACTS, browserSkip, openSession, type Session } from './browser.ts';

const skip = browserSkip();

describe('VBSP collection sheet in Chromium', { skip }, () => {
  let s: Session;
  let g: VbspGroup;
  before(async () => {
    s = await openSession();
    g = await vbspGroup(s.world, 'hnd');
  });
  after(async () => {
    await s?.close();
  });

  test('a treasurer prints the sheet, records it, and prints it again with the collected figures', async () => {
    const p = s.page;
    await p.goto(`${s.base}/sign-in`);
    await p.fill('#username', 'thuquy-hnd');
    await p.fill('#password', PASSWORD);
    await p.press('#password', 'Enter');
    await p.waitForURL(`${s.base}/`);
    const sheet = `${s.base}/vbsp/sheets/${g.group}/2025-02?date=15/02/2025`;
    await p.goto(sheet);
    // Prefilled: 50,000,000 × 0.066 × 31 / 365 = 280,273.97 → 280.274 due on 10/02.
    assert.equal(await p.locator('[data-total="interest-due"]').innerText(), '280.274 ₫');
    assert.equal(await p.locator('th.sign').innerText(), 'Người vay ký nhận');
    await s.shot('vbsp/01-sheet-prefilled');

    await p.click('text=Ghi số thực thu');
    await p.waitForURL(/\/record/);
    await p.fill('[name="lines[0].savings"]', '20.000');
    await p.click('main form[action$="/record"] button[type=submit]');
    await p.waitForURL(new RegExp(`/vbsp/sheets/${g.group}/2025-02$`));
    const row = p.locator(`tr[data-loan="${g.loan}"]`);
    assert.match(await row.innerText(), /280\.274 ₫\s+280\.274 ₫\s+20\.000 ₫/);
    await s.shot('vbsp/02-sheet-recorded');

    await p.emulateMedia({ media: 'print' });
    assert.equal(await p.locator('header.top').isVisible(), false, 'the menu is not printed');
    assert.equal(await p.locator('[data-print]').isVisible(), false, 'nor the print button');
    assert.equal(await p.locator('td.sign').first().isVisible(), true, 'the signature column is');
    await s.shot('vbsp/03-sheet-print');
    const pdf = join(ARTIFACTS, 'vbsp', 'sheet-13td.pdf');
    await p.pdf({ path: pdf, format: 'A4', landscape: true });
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    await p.emulateMedia({ media: 'screen' });

    await p.setViewportSize({ width: 360, height: 740 });
    await p.goto(sheet);
    const { scroll, width } = (await p.evaluate(
      '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
    )) as { scroll: number; width: number };
    assert.ok(scroll <= width, `the sheet is ${scroll}px wide on a ${width}px screen`);
    await s.shot('vbsp/04-sheet-phone');
    assert.deepEqual(s.problems, []);
  });
});
