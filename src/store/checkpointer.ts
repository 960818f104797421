/**
 * SQLite at synchronous=NORMAL: WAL checkpoints on a second connection in a worker thread, so a
 * commit does not stop to copy the WAL back into the database (docs/design/ledger-core.md,
 * "Checkpoints off the writer's path"). At FULL each commit syncs the WAL, and a worker's syncs
 * of the database competed with those: one-entry commits were slower, so there the writer
 * checkpoints alone, as before.
 *
 * Why: better-sqlite3 runs on the thread that calls it. With only the writer's own automatic
 * checkpoint, every ~540th one-entry commit copied some 8,000 WAL pages into the database and
 * synced it: tens of milliseconds each, half of all the time spent committing.
 *
 * How: the worker runs `wal_checkpoint(PASSIVE)`, which copies what is in the WAL without taking
 * the write lock, so the writer goes on committing meanwhile. It checks every few milliseconds
 * while the WAL grows and backs off when it does not. The writer keeps its own automatic
 * checkpoint (SQLITE_TUNING): only a checkpoint in the writer's own lock can catch up with the last
 * frame and let the WAL start over from its beginning, and with the worker ahead of it, that one
 * copies only what came since the worker's last pass. A worker that fails or falls behind changes
 * nothing but speed: the writer's checkpoint does the rest, as it did alone.
 *
 * The worker is plain JavaScript evaluated in the thread, requiring the same better-sqlite3 the
 * store loaded, so it runs the same under tsx, a build or a test runner.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

interface Checkpointer {
  /** Stops the worker and closes its connection; resolves once the thread has ended. */
  stop(): Promise<void>;
}

/** Commits after which a store at synchronous=NORMAL checkpoints in a worker thread. */
export const BACKGROUND_CHECKPOINT_AFTER = 200;

/** The pause while the WAL grows, and the longest once it has stopped growing, in milliseconds. */
const ACTIVE_MS = 10;
const IDLE_MS = 1_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('cache_size = -2048');
db.pragma('synchronous = NORMAL');
let pause = workerData.activeMs;
let lastLog = -1;
let timer;
const pass = () => {
  let log = lastLog;
  try {
    log = db.pragma('wal_checkpoint(PASSIVE)')[0].log;
  } catch {}
  pause = log !== lastLog ? workerData.activeMs : Math.min(pause * 2, workerData.idleMs);
  lastLog = log;
  timer = setTimeout(pass, pause);
};
timer = setTimeout(pass, pause);
parentPort.once('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * What a SQLite writer runs for its checkpoints: call `committed` after each COMMIT and `stop`
 * before closing its own connection (the last connection to close folds the WAL back into the
 * file). At synchronous=NORMAL, a file database's BACKGROUND_CHECKPOINT_AFTER-th commit starts the
 * worker, so a short-lived command or test never starts a thread; at FULL, or in memory, nothing
 * ever starts and the writer checkpoints alone.
 */
export function writerCheckpoints(
  file: string,
  synchronous: 'FULL' | 'NORMAL',
): { committed(): void; stop(): Promise<void> } {
  let commits = 0;
  let worker: Checkpointer | undefined;
  return {
    committed: () => {
      if (++commits === BACKGROUND_CHECKPOINT_AFTER && synchronous === 'NORMAL' && file !== ':memory:')
        worker = startCheckpointer(resolve(file));
    },
    stop: async () => {
      await worker?.stop();
    },
  };
}

/**
 * Starts checkpointing `file` (an open WAL database whose writer runs at synchronous=NORMAL) in a
 * worker thread. Its connection syncs the database after each copy, as the writer's would.
 */
function startCheckpointer(file: string): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver: DRIVER, activeMs: ACTIVE_MS, idleMs: IDLE_MS },
  });
  // Never keeps the process alive, and a worker that fails (the file removed under it) only
  // leaves checkpoints to the writer.
  worker.unref();
  const ended = new Promise<void>((done) => {
    worker.once('exit', () => done());
    worker.once('error', () => done());
  });
  return {
    stop: async () => {
      // Held while it winds down, or a process with nothing else to do would end before it.
      worker.ref();
      worker.postMessage('stop');
      await ended;
    },
  };
}
