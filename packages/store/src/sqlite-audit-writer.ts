// The audit log's SQLite commits on a worker thread (AuditLog option `writerThread`).
//
// A durable commit (WAL + synchronous=FULL) waits for an fsync: 0.1 ms on a quiet disk, several ms
// on a busy one. On the hot connection that wait blocks the gateway's event loop, and every
// request in flight waits with it (at 64 concurrent requests the main thread spent about a tenth
// of its time inside the audit transaction). Here the main thread still builds the rows (canonical
// JSON, chain hashes, head MAC: cheap and already on its hands) and a worker thread with its own
// connection runs BEGIN IMMEDIATE, checks that the head is still the one the rows were chained
// from, inserts them, moves the head and commits. If another writer (a second process, or the
// in-process path) moved the head meanwhile, the worker rolls back and answers with the head it
// found; the audit log chains the rows again from there. Durability is unchanged: append() still
// resolves only after the worker's COMMIT returned, at the same synchronous level as the hot
// connection.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { RampartError } from '@rampart/core';
import { GENESIS_HASH } from './audit-types.js';
import type { AuditLogTable } from './tables.js';

export interface ChainHead {
  seq: number;
  hash: string;
}

/** What one commit request carries: rows chained from `from`, and the new head's MAC. */
export interface ChainedBatch {
  from: ChainHead;
  rows: AuditLogTable[];
  mac: string | null;
  updatedAt: string;
}

export type CommitResult = { ok: true } | { ok: false; head: ChainHead };

// CommonJS, run with `eval: true`, so it behaves the same from sources (tsx) and from dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = ' + workerData.synchronous);
const head = db.prepare('select seq, hash from audit_head where id = 1');
const insert = db.prepare(
  'insert into audit_log (seq, ts, kind, request_id, key_id, route, model, outcome, revision, body, prev_hash, hash) ' +
    'values (@seq, @ts, @kind, @request_id, @key_id, @route, @model, @outcome, @revision, @body, @prev_hash, @hash)',
);
const moveHead = db.prepare('update audit_head set seq = ?, hash = ?, mac = ?, updated_at = ? where id = 1');
const commit = db.transaction((b) => {
  const h = head.get();
  const seq = h ? h.seq : 0;
  const hash = h ? h.hash : workerData.genesis;
  if (seq !== b.from.seq || hash !== b.from.hash) return { ok: false, head: { seq, hash } };
  for (const r of b.rows) insert.run(r);
  const last = b.rows[b.rows.length - 1];
  moveHead.run(last.seq, last.hash, b.mac, b.updatedAt);
  return { ok: true };
});
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: m.id, result: commit.immediate(m.batch) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message ? e.message : e) });
  }
});
`;

interface Waiter {
  resolve: (r: CommitResult) => void;
  reject: (e: Error) => void;
}

export class SqliteAuditWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private closed = false;
  /** Why the worker is gone; set once. The audit log then writes on its own connection again. */
  failure: string | undefined;

  constructor(path: string, synchronous: number, busyTimeoutMs = 5000) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        synchronous,
        busyTimeoutMs,
        genesis: GENESIS_HASH,
      },
      // Rows of one batch (at most maxBatch records) are the largest thing it holds.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
      execArgv: [],
    });
    // Referenced only while a commit is outstanding: an idle writer never keeps the process alive,
    // and a pending append() always does.
    this.worker.unref();
    this.worker.on('message', (m: { id: number; result?: CommitResult; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (w === undefined) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (m.error !== undefined) w.reject(new RampartError('E_STORE', `audit write failed: ${m.error}`));
      else w.resolve(m.result!);
    });
    this.worker.on('error', (e) => this.fail(`audit writer thread failed: ${e.message}`));
    this.worker.on('exit', (code) => this.fail(`audit writer thread exited (${code})`));
  }

  get available(): boolean {
    return this.failure === undefined && !this.closed;
  }

  /** Commits the batch if the head is still `batch.from`; otherwise answers with the head found. */
  commit(batch: ChainedBatch): Promise<CommitResult> {
    if (!this.available) return Promise.reject(new RampartError('E_STORE', this.failure ?? 'audit writer is closed'));
    const id = this.nextId++;
    return new Promise<CommitResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage({ id, batch });
    });
  }

  /** Stops the thread once nothing is outstanding (the audit log flushes first). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.failure !== undefined) return;
    const exited = new Promise<void>((r) => this.worker.once('exit', () => r()));
    this.worker.ref();
    this.worker.postMessage('close');
    const t = setTimeout(() => void this.worker.terminate(), 2000);
    await exited;
    clearTimeout(t);
  }

  /** Test hook: kills the thread as a crash would. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private fail(why: string): void {
    if (this.failure !== undefined || this.closed) return;
    this.failure = why;
    const err = new RampartError('E_STORE', why);
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
