/**
 * What `soquy start` does with an empty database before serving. The demo commune (a later
 * issue) plugs in here: load it and return true. Until then nothing is loaded and `start`
 * prints how to create a commune.
 */
import type { Io } from '../cli/kit.ts';
import type { App } from './app.ts';

/** Seeds an empty database; true when it created a commune. */
export async function seedEmptyDatabase(_app: App, _io: Io): Promise<boolean> {
  return false;
}
