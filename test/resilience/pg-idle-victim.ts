/**
 * Opens a PostgreSQL store, prints the backend pid of its (now idle) pooled connection, waits for
 * the test to end that backend, then queries again and prints `alive`.
 *
 *   node --import tsx test/resilience/pg-idle-victim.ts URL
 */
import { sql } from 'kysely';
import { openStore } from '../../src/store/open-store.ts';

const store = await openStore(process.argv[2]!, { poolSize: 1 });
const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(store.db)).rows[0]!.pid;
process.stdout.write(`${pid}\n`);
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
// The ended backend's 'error' event has had time to arrive by now.
await new Promise((resolve) => setTimeout(resolve, 300));
await sql`SELECT 1 AS one`.execute(store.db);
process.stdout.write('alive\n');
await store.close();
