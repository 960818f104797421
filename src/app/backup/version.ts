/** The soquy release, as package.json names it: recorded in every backup and audit pack. */
import { readFileSync } from 'node:fs';

export const SOQUY_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
