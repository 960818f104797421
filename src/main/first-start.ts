/**
 * What `soquy start` does with an empty database before serving: it loads the demo commune
 * (docs/design/demo.md), so a newcomer lands in a living commune with a sign-in for each role
 * shown on the sign-in page. `SOQUY_NO_DEMO=1` leaves an empty database empty.
 */
import { loadDemoPrinting } from '../cli/demo-commands.ts';
import type { Io } from '../cli/kit.ts';
import type { App } from './app.ts';

/** Seeds an empty database; true when it created a commune. */
export async function seedEmptyDatabase(app: App, io: Io): Promise<boolean> {
  if (io.env['SOQUY_NO_DEMO'] === '1') return false;
  await loadDemoPrinting(app, io, io.env['SOQUY_LANG'] === 'en' ? 'en' : 'vi');
  return true;
}
