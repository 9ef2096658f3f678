// Background WAL checkpoints for the embedded SQLite store (used by the gateway's hot path).
//
// SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past
// `wal_autocheckpoint` pages (default 1000): that commit also copies the WAL's pages into the
// database file and fsyncs both files. With one small audit commit per request that is one request
// in ~200, and it costs 2-30 ms on a shared disk (measured with strace -T: the database fsync) — the
// p99 of a gateway at concurrency 1. Here a worker thread with its own connection runs PASSIVE
// checkpoints on a timer (PASSIVE never waits for, nor blocks, a reader or the writer), so the copy
// and the database fsync happen beside the request path. The hot connection keeps an automatic
// checkpoint, raised to a hard bound (`maxWalPages`): if the worker falls behind, dies, or a reader
// pins old frames, the writer checkpoints itself past that bound as before, so the WAL cannot grow
// without limit. Durability is unchanged: a commit is durable when its WAL frames are synced (the
// hot connection's synchronous setting); a checkpoint syncs the WAL before copying and the database
// after, whichever connection runs it (the worker uses the same synchronous level).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface WalCheckpointOptions {
  /** How often the worker checkpoints, when anything was written. Default 1000 ms. */
  intervalMs?: number;
  /** The hot connection's own automatic checkpoint threshold (pages): the WAL's hard bound. Default 10,000 (~40 MB). */
  maxWalPages?: number;
}

export interface WalCheckpointStats {
  /** PASSIVE checkpoints the worker ran. */
  runs: number;
  /** Checkpoints that failed (the hot connection's bound still applies). */
  errors: number;
  /** WAL frames and frames checkpointed after the last run. */
  walFrames: number;
  checkpointedFrames: number;
  /** The worker could not start or stopped; the hot connection checkpoints at its default threshold again. */
  failed: boolean;
  /** Why, when it failed. */
  failure?: string;
}

/** The SQLite default automatic checkpoint threshold, restored if the worker fails. */
const DEFAULT_AUTOCHECKPOINT = 1000;

// CommonJS, run with `eval: true`, so it works the same from sources (tsx) and from dist. The
// counters live in shared memory: the worker never posts a message per checkpoint.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const c = new Int32Array(workerData.counters);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = ' + workerData.synchronous);
let seen = -1;
const run = () => {
  const writes = Atomics.load(c, 0);
  if (writes === seen) return;
  seen = writes;
  try {
    // A pass copies the frames that existed when it began; commits that land meanwhile leave the
    // WAL ahead of it. A few passes (each shorter than the last) usually end in a gap between
    // commits, and a WAL caught up to its end restarts from its start on the next commit. Done when
    // a pass found no new frame.
    let last = -1;
    for (let pass = 0; pass < 8; pass++) {
      const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
      Atomics.store(c, 3, r.log);
      Atomics.store(c, 4, r.checkpointed);
      Atomics.add(c, 1, 1);
      if (r.log === last && r.checkpointed >= r.log) break;
      last = r.log;
    }
  } catch {
    Atomics.add(c, 2, 1);
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m === 'run') run();
  if (m === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage('ready');
`;

/** Counter slots in the shared buffer. */
const WRITES = 0;
const RUNS = 1;
const ERRORS = 2;
const LOG = 3;
const CHECKPOINTED = 4;

interface HotConnection {
  pragma(source: string, options?: { simple?: boolean }): unknown;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly counters: Int32Array;
  private failed = false;
  private failure: string | undefined;
  private closed = false;
  readonly ready: Promise<void>;

  constructor(
    path: string,
    private readonly hot: HotConnection,
    opts: WalCheckpointOptions = {},
  ) {
    const shared = new SharedArrayBuffer(5 * Int32Array.BYTES_PER_ELEMENT);
    this.counters = new Int32Array(shared);
    const synchronous = Number(hot.pragma('synchronous', { simple: true }));
    hot.pragma(`wal_autocheckpoint = ${Math.max(DEFAULT_AUTOCHECKPOINT, opts.maxWalPages ?? 10_000)}`);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        counters: shared,
        synchronous,
        intervalMs: Math.max(10, opts.intervalMs ?? 1000),
      },
      // A small heap: the worker only runs a pragma. No inherited flags: the source is CommonJS
      // whatever the parent was started with (--input-type=module would make it an ES module).
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
      execArgv: [],
    });
    this.worker.unref();
    this.ready = new Promise<void>((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', () => resolve());
      this.worker.once('exit', () => resolve());
    });
    this.worker.on('error', (e) => this.fallBack(e.message));
    this.worker.on('exit', (code) => this.fallBack(`worker exited (${code})`));
  }

  /** Called after each write transaction on the hot connection (one atomic add). */
  noteWrite(): void {
    Atomics.add(this.counters, WRITES, 1);
  }

  /** Asks for a checkpoint now (tests, idle moments). */
  runSoon(): void {
    if (!this.failed && !this.closed) this.worker.postMessage('run');
  }

  stats(): WalCheckpointStats {
    return {
      runs: Atomics.load(this.counters, RUNS),
      errors: Atomics.load(this.counters, ERRORS),
      walFrames: Atomics.load(this.counters, LOG),
      checkpointedFrames: Atomics.load(this.counters, CHECKPOINTED),
      failed: this.failed,
      ...(this.failure === undefined ? {} : { failure: this.failure }),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.failed) return;
    const exited = new Promise<void>((r) => this.worker.once('exit', () => r()));
    this.worker.postMessage('close');
    // The worker closes its connection and exits on its own; terminate if it does not.
    const t = setTimeout(() => void this.worker.terminate(), 2000);
    await exited;
    clearTimeout(t);
  }

  /** The worker is gone: the hot connection checkpoints at SQLite's default threshold again. */
  private fallBack(why: string): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    this.failure = why;
    try {
      this.hot.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    } catch {
      // The connection is closed: nothing left to protect.
    }
  }
}
