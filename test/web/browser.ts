/**
 * The browser of the end-to-end tests: Debian's Chromium (`/usr/bin/chromium`, installed by
 * `.ci/run`) driven by playwright-core, never a downloaded browser. One browser per test file, a
 * fresh profile directory each time. Without Chromium the tests are skipped with the reason
 * printed, except under CI=true, where they must run.
 *
 * The server is soquy's Hono app on a real port (127.0.0.1, any free port), seeded through the
 * services by `freshWorld` (test/helpers/http.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { listen } from '../../src/http/server.ts';
import { ENGINES } from '../helpers/engines.ts';
import { freshWorld, type World } from '../helpers/http.ts';

export const CHROMIUM = process.env['SOQUY_CHROMIUM'] ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or false. Under CI a missing browser is an error. */
export function browserSkip(): string | false {
  if (existsSync(CHROMIUM)) return false;
  const reason = `Chromium not found at ${CHROMIUM} (Debian package "chromium")`;
  if (process.env['CI'] === 'true') throw new Error(`CI requires the browser tests. ${reason}`);
  process.stderr.write(`\n*** Browser tests SKIPPED: ${reason}\n*** (under CI=true they are required)\n\n`);
  return reason;
}

export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'web');

export interface Session {
  readonly world: World;
  readonly base: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen so far (a CSP violation is one). */
  readonly problems: string[];
  /** Saves a full-page screenshot as test-artifacts/web/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A seeded commune served on a real port, and a fresh Chromium profile with one page. */
export async function openSession(): Promise<Session> {
  const world = await freshWorld(ENGINES[0]!);
  const server = await listen(world.http, { port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${server.port}`;
  const profile = mkdtempSync(join(tmpdir(), 'soquy-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    // A refused page (403, 404, 422) logs its status as a console error: that is the test's point.
    // htmx reports a live check it abandons when the form is sent (htmx:sendAbort and the
    // htmx:afterRequest of that aborted request): on a slow machine the submit overtakes it.
    if (m.type() === 'error' && !/status of (403|404|422)|htmx:(sendAbort|afterRequest)/.test(m.text()))
      problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    world,
    base,
    context,
    page,
    problems,
    shot: async (name) => {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      await server.close();
      await world.done();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
