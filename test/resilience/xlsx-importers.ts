/**
 * Every import of soquy that reads .xlsx, for xlsx-fuzz.test.ts to feed mutated workbooks to.
 * None is on main yet: the registry's household import adds itself here when it merges, and the
 * fuzz test fails while a module under src/ reads workbooks without being listed.
 */
import type { Ctx } from '../../src/app/context.ts';
import type { App } from '../../src/main/app.ts';

export interface XlsxImporter {
  readonly name: string;
  /** The module under src/ that reads the workbook, relative to the project (`src/app/…`). */
  readonly module: string;
  /** Sets up what the import needs in a fresh commune (organisations, books, villages). */
  setUp(app: App, ctx: Ctx): Promise<void>;
  /** A good workbook for the import: where every mutation starts. */
  sample(): Promise<Buffer>;
  /** Runs the import for real (not a dry run); refuses by throwing RefusedError. */
  run(app: App, ctx: Ctx, workbook: Buffer): Promise<unknown>;
}

export const XLSX_IMPORTERS: readonly XlsxImporter[] = [];
