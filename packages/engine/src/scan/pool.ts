// A small worker pool for CPU-bound detector work. Files go out in batches; a watchdog terminates a
// worker stuck on one file past its budget (a detector in an endless loop), records that file as
// inconclusive, and re-queues the rest of the batch on a fresh worker.
import { Worker } from 'node:worker_threads';
import { emptyOutput, RampartError } from '@rampart/core';
import type { WalkEntry } from '../walk/walker.js';
import type { FileOutcome } from './analyze-file.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker-src.mjs' : './worker.js', import.meta.url);
/** From sources the worker resolves workspace packages to their TypeScript, like the parent. */
const WORKER_EXEC_ARGV = FROM_SOURCE ? ['--conditions=rampart-src'] : [];

/** Budget for a worker to start (load detectors, grammars, weights) on a loaded machine. */
const STARTUP_GRACE_MS = 120_000;

interface Slot {
  worker: Worker;
  /** Set on the worker's first message: a worker that dies before it is a broken install, not a hostile file. */
  ready: boolean;
  batch?: { id: number; entries: WalkEntry[]; index: number; startedAt: number } | undefined;
}

export async function runPool(
  entries: readonly WalkEntry[],
  size: number,
  init: WorkerInit,
  onOutcome: (o: FileOutcome) => void,
  batchSize = 32,
): Promise<void> {
  const queue: Array<{ id: number; entries: WalkEntry[] }> = [];
  let nextId = 0;
  for (let i = 0; i < entries.length; i += batchSize)
    queue.push({ id: nextId++, entries: entries.slice(i, i + batchSize) });
  let pending = queue.length;
  if (pending === 0) return;
  const hardLimit = init.limits.timeoutMs + 5_000;

  await new Promise<void>((resolve, reject) => {
    const slots: Slot[] = [];
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      for (const s of slots) void s.worker.terminate();
      err ? reject(err) : resolve();
    };

    const dispatch = (slot: Slot) => {
      const b = queue.shift();
      if (!b) {
        slot.batch = undefined;
        return;
      }
      // A fresh worker loads parsers and grammars before its first file: that is not the file's time.
      slot.batch = { ...b, index: 0, startedAt: Date.now() + (slot.ready ? 0 : STARTUP_GRACE_MS) };
      slot.worker.postMessage({ type: 'batch', id: b.id, entries: b.entries } satisfies ToWorker);
    };

    const spawn = (): Slot => {
      const slot: Slot = {
        worker: new Worker(WORKER_URL, { workerData: init, execArgv: WORKER_EXEC_ARGV }),
        ready: false,
      };
      slot.worker.on('message', (m: FromWorker) => {
        slot.ready = true;
        if (!slot.batch || m.id !== slot.batch.id) return;
        if (m.type === 'start') {
          slot.batch.index = m.index;
          slot.batch.startedAt = Date.now();
          return;
        }
        for (const o of m.outcomes) onOutcome(o);
        pending--;
        if (pending === 0) finish();
        else dispatch(slot);
      });
      slot.worker.on('error', (e) => {
        if (!slot.ready)
          finish(new RampartError('E_INTERNAL', `scan worker failed to start: ${e.message}`, { cause: e }));
        else replace(slot, `worker crashed: ${e.message}`);
      });
      slot.worker.on('exit', (code) => {
        if (!finished && slot.batch && code !== 0) replace(slot, `worker exited with code ${code}`);
      });
      return slot;
    };

    // The file in flight is recorded as failed; the rest of its batch goes back on the queue.
    const replace = (slot: Slot, why: string) => {
      const b = slot.batch;
      slot.batch = undefined;
      void slot.worker.terminate();
      const idx = slots.indexOf(slot);
      if (b) {
        const bad = b.entries[b.index];
        if (bad) {
          const out = emptyOutput();
          out.errors.push({
            path: bad.rel,
            code: 'E_TIMEOUT',
            message: `${why}; analysis of this file is inconclusive`,
          });
          out.skipped.push({ path: bad.rel, reason: 'inconclusive', detail: why });
          onOutcome({ output: out, suppressions: [], analyzed: true, bytesRead: 0, detectorMs: {} });
        }
        const rest = b.entries.slice(b.index + 1);
        if (rest.length > 0) {
          queue.unshift({ id: nextId++, entries: rest });
          pending++;
        }
        pending--;
      }
      if (pending === 0) return finish();
      try {
        const fresh = spawn();
        if (idx >= 0) slots[idx] = fresh;
        dispatch(fresh);
      } catch (e) {
        finish(e);
      }
    };

    const watchdog = setInterval(() => {
      const now = Date.now();
      for (const s of slots)
        if (s.batch && now - s.batch.startedAt > hardLimit) replace(s, `no result after ${hardLimit} ms`);
    }, 1000);
    watchdog.unref();

    try {
      for (let i = 0; i < Math.min(size, queue.length); i++) slots.push(spawn());
      for (const s of slots) dispatch(s);
    } catch (e) {
      finish(e);
    }
  });
}
