/**
 * A process that opens a fresh database and is killed (SIGKILL, by itself) half-way through a
 * migration: right after the statement whose text contains MARK has run.
 *
 *   node --import tsx test/resilience/migration-victim.ts LOCATION MARK [extra]
 *
 * With `extra`, the migration list gets one more migration, `0005-test-extra`, that creates two
 * tables; MARK can then name the first of them.
 */
import { openStore } from '../../src/store/open-store.ts';
import { extraMigrations } from './migration-lists.ts';

const [location, mark, extra] = process.argv.slice(2) as [string, string, string | undefined];
const kind = /^postgres/.test(location) ? 'postgres' : 'sqlite';
await openStore(location, {
  synchronous: 'NORMAL',
  ...(extra ? { migrations: extraMigrations(kind) } : {}),
  onQuery: (text) => {
    if (text.includes(mark)) process.kill(process.pid, 'SIGKILL');
  },
});
// Reaching this line means the mark was never seen: the test fails on the exit code.
process.exit(3);
