import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The thread's whole program: its own connection to the file, passive checkpoints, and a clean
// close when asked. It loads nothing but the SQLite driver.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// A failure is reported once, not on every pass, until a checkpoint succeeds again.
let failing = '';
// Frames in the WAL at the last pass: while commits keep adding to it, the next pass starts at
// once; when a pass finds nothing new, the thread rests for everyMs.
let lastLog = 0;
let timer;
const checkpoint = () => {
  let grew = false;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    grew = result.log > 0 && result.log !== lastLog;
    lastLog = result.log;
    failing = '';
  } catch (error) {
    const message = String(error && error.message || error);
    if (message !== failing) parentPort.postMessage(message);
    failing = message;
  }
  timer = setTimeout(checkpoint, grew ? 0 : workerData.everyMs);
};
timer = setTimeout(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/** The background checkpointer of one SQLite file. */
export interface Checkpointer {
  /** Stops the thread and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Copies the WAL back into the SQLite file from a thread of its own instead of inside
 * whichever commit crosses the auto-checkpoint size. That commit used to wait for the whole
 * copy and its flush to disk (often 100 ms or more, with every request behind it waiting too);
 * now the copy runs on the other core while requests go on. A passive checkpoint never waits
 * for readers or writers and never blocks them: it copies what it can and the rest waits for
 * the next pass. Under load the passes run back to back, each copying what the commits during
 * the last one added, so the thread stays close behind the writer; the WAL can start again
 * from its beginning whenever a pass catches up completely before the next commit, and the
 * copy left for the auto-checkpoint backstop stays small. When a pass finds nothing new the
 * thread waits `everyMs`. `onError` hears of a checkpoint that failed (the WAL then grows until
 * one succeeds; the connection's own auto-checkpoint is the backstop).
 */
export function checkpointInBackground(file: string, everyMs: number, onError: (message: string) => void = () => {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // Two megabytes of young generation: the thread allocates almost nothing.
  const thread = new Worker(THREAD, { eval: true, workerData: { driver, file, everyMs }, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
  thread.on('message', (message: string) => onError(message));
  const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
  thread.on('error', (error) => onError(error.message));
  // A forgotten stop never keeps the process alive.
  thread.unref();
  return {
    async stop() {
      // Held until it has closed its connection, which must happen before the last one closes.
      thread.ref();
      thread.postMessage('stop');
      await exited;
    },
  };
}
