/**
 * `npm run bench`: every area's benchmark in turn (bench/<area>.ts exports `run()`), printing
 * figures; no timed assertions anywhere. Areas add their line here.
 */
import { run as http } from './http.ts';

await http({ postgres: process.env['SOQUY_BENCH_PG'] });
