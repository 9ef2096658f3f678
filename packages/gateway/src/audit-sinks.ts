// Audit sinks the gateway can use on its own: a JSON-lines file for SIEMs (fsync'd in enforce
// mode), an in-memory sink for tests, a fan-out, and a bounded queue for monitor mode. The
// tamper-evident hash-chained log lives in @rampart/store and is bound in adapters/.
import { type FileHandle, open } from 'node:fs/promises';
import type { AuditRecord, AuditSink } from './ports.js';

/**
 * Batches best-effort records (monitor mode). Loss bound on a crash: at most `capacity` queued
 * records plus one in-flight batch; when full, the oldest are dropped and counted.
 */
export class BoundedQueue {
  private q: AuditRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  dropped = 0;

  constructor(
    private readonly write: (batch: AuditRecord[]) => Promise<void>,
    private readonly capacity = 10_000,
    private readonly intervalMs = 100,
  ) {}

  push(r: AuditRecord): void {
    if (this.q.length >= this.capacity) {
      this.q.shift();
      this.dropped++;
    }
    this.q.push(r);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.intervalMs);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    const batch = this.q;
    this.q = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch)).catch(() => undefined);
    return this.flushing;
  }
}

export class JsonlAuditSink implements AuditSink {
  private fh: FileHandle | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly queue = new BoundedQueue((b) => this.writeLines(b, false));

  constructor(
    private readonly path: string,
    private readonly durable: boolean,
  ) {}

  append(r: AuditRecord): Promise<void> {
    return this.writeLines([r], this.durable);
  }

  enqueue(r: AuditRecord): void {
    this.queue.push(r);
  }

  async flush(): Promise<void> {
    await this.queue.flush();
    await this.chain;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.fh?.close();
    this.fh = undefined;
  }

  // Writes are chained so lines never interleave and a sync covers every earlier line.
  private writeLines(batch: AuditRecord[], sync: boolean): Promise<void> {
    const text = batch.map((r) => `${JSON.stringify(r)}\n`).join('');
    const p = this.chain.then(async () => {
      this.fh ??= await open(this.path, 'a', 0o600);
      await this.fh.write(text);
      if (sync) await this.fh.datasync();
    });
    this.chain = p.catch(() => undefined);
    return p;
  }
}

export class MemoryAuditSink implements AuditSink {
  readonly records: AuditRecord[] = [];
  failNext = false;
  append(r: AuditRecord): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('audit store unavailable'));
    }
    this.records.push(r);
    return Promise.resolve();
  }
  enqueue(r: AuditRecord): void {
    this.records.push(r);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Writes to every sink; a durable append succeeds only when all of them do. */
export class FanOutAuditSink implements AuditSink {
  constructor(private readonly sinks: AuditSink[]) {}
  async append(r: AuditRecord): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.append(r)));
  }
  enqueue(r: AuditRecord): void {
    for (const s of this.sinks) s.enqueue(r);
  }
  async flush(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.flush()));
  }
  async close(): Promise<void> {
    await Promise.all(this.sinks.map((s) => s.close()));
  }
}
