/**
 * `npm run bench`: every area's benchmark in turn; figures printed, never asserted. Pass
 * `--large` for the million-row sizes.
 */
import { run as loans } from './loans.ts';

const large = process.argv.includes('--large') || process.env['SOQUY_BENCH_LARGE'] === '1';
const figures = { loans: await loans({ sizes: [2_500, 100_000, ...(large ? [1_000_000] : [])] }) };
process.stdout.write(`\n${JSON.stringify(figures, null, 2)}\n`);
