// The tamper-evident audit log: an append-only hash chain in the store.
// Record n stores body_n = canonicalJson({seq, ts, prev: hash_{n-1}, record}) and
// hash_n = sha256(hash_{n-1} + "\n" + body_n). A head row (seq, hash) is updated in the same
// transaction and, when RAMPART_AUDIT_KEY is set, carries an HMAC so truncation and wholesale
// rewriting are detectable too (see verify-audit.ts).
//
// Writes are group-committed: appends that arrive in the same event-loop turn (and while a
// transaction is running) share the next transaction, so N concurrent requests cost one commit
// and one fsync, not N. `append` (enforce mode) resolves only after the transaction holding its
// record has committed (SQLite WAL + synchronous=FULL, PostgreSQL synchronous_commit); a failed
// transaction rejects every append in it. `enqueue` (monitor mode) goes through a bounded queue
// flushed every `batchMs`. Loss bound for monitor mode on a crash: the queued records not yet
// committed, at most `queueCapacity` (plus drops, which are counted and written into the chain
// as an `audit-dropped` record).
import * as crypto from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { RampartError } from '@rampart/core';
import type { Statement } from 'better-sqlite3';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type AuditRecord, GENESIS_HASH, type StoredAuditRecord } from './audit-types.js';
import { canonicalJson } from './canonical-json.js';
import type { StoreDb } from './db.js';
import { type ChainHead, SqliteAuditWriter } from './sqlite-audit-writer.js';
import type { AuditLogTable, Tables } from './tables.js';

export type ContentMode = 'hash' | 'omit' | 'keep';

export interface AuditLogOptions {
  /** HMAC key for the head; default: the RAMPART_AUDIT_KEY environment variable. */
  hmacKey?: string;
  /** What to do with `record.content`: hash (default), omit, or keep (caller passes redacted text). */
  content?: ContentMode;
  /** Monitor-mode queue bound. Default 10,000 records. */
  queueCapacity?: number;
  /** Monitor-mode flush interval. Default 50 ms. */
  batchMs?: number;
  /** Records per transaction. Default 500. */
  maxBatch?: number;
  /** Also append each committed record as one JSON line to this file (for SIEMs). */
  jsonlPath?: string;
  /** Called when a background (monitor) write fails; those records are lost and counted. */
  onError?: (error: Error) => void;
  /**
   * Embedded SQLite file only: commit on a worker thread (sqlite-audit-writer.ts), so the event
   * loop never waits for the disk. For long-running writers on a latency path (the gateway).
   * Default false. If the thread fails, writes continue on the store's own connection.
   */
  writerThread?: boolean;
  /** Smallest group of records committed on the writer thread; smaller ones use the store's connection. Default 2. */
  threadMinGroup?: number;
}

interface Pending {
  record: AuditRecord;
  /** canonicalJson(record), computed at append time: a record that cannot be encoded fails alone. */
  canon: string;
  resolve?: (r: { seq: number; hash: string }) => void;
  reject?: (e: unknown) => void;
}

// Node's one-shot crypto.hash (20.12+) skips the Hash object; the chain hashes every record.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha256Hex(s: string): string {
  return oneShot ? oneShot('sha256', s, 'hex') : crypto.createHash('sha256').update(s, 'utf8').digest('hex');
}

export function chainHash(prev: string, body: string): string {
  return sha256Hex(`${prev}\n${body}`);
}

export function headMac(key: string, seq: number, hash: string): string {
  return crypto.createHmac('sha256', key).update(`${seq}:${hash}`).digest('hex');
}

/**
 * canonicalJson({ seq, ts, prev, record }) from the record's own canonical form: the keys sort as
 * prev < record < seq < ts, so this is the same bytes without re-encoding the record per attempt.
 */
export function chainBody(seq: number, ts: string, prev: string, canonRecord: string): string {
  return `{"prev":${JSON.stringify(prev)},"record":${canonRecord},"seq":${seq},"ts":${JSON.stringify(ts)}}`;
}

/** The records as rows chained after `from`, in order. */
function chainRows(from: ChainHead, records: { record: AuditRecord; canon: string }[]): AuditLogTable[] {
  let seq = from.seq;
  let prev = from.hash;
  const rows: AuditLogTable[] = [];
  for (const r of records) {
    seq += 1;
    const row = toRow(seq, prev, r.record, r.canon);
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

function toRow(seq: number, prev: string, record: AuditRecord, canon: string): AuditLogTable {
  const ts = record.ts ?? new Date().toISOString();
  const body = chainBody(seq, ts, prev, canon);
  return {
    seq,
    ts,
    kind: record.kind ?? 'request',
    request_id: record.requestId ?? null,
    key_id: record.keyId ?? null,
    route: record.route ?? null,
    model: record.model ?? null,
    outcome: record.outcome ?? null,
    revision: record.decisions?.[0]?.policyRevision ?? null,
    body,
    prev_hash: prev,
    hash: chainHash(prev, body),
  };
}

/** Prepared statements for the SQLite hot path (one set per connection). */
interface SqliteStatements {
  head: Statement<[], { seq: number; hash: string } | undefined>;
  insert: Statement<AuditLogTable[]>;
  moveHead: Statement<[number, string, string | null, string]>;
}

export class AuditLog {
  private readonly store: StoreDb;
  private readonly key: string | undefined;
  private readonly content: ContentMode;
  private readonly capacity: number;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  private readonly onError: ((e: Error) => void) | undefined;
  private readonly jsonl: WriteStream | undefined;
  private pending: Pending[] = [];
  private queuedMonitor = 0;
  private droppedSinceLast = 0;
  private droppedTotal = 0;
  private lostTotal = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running: Promise<void> | undefined;
  private stmts: SqliteStatements | undefined;
  private closed = false;
  private readonly writer: SqliteAuditWriter | undefined;
  private readonly threadMinGroup: number;
  /** The head this process last committed (writer-thread path); re-read when unknown. */
  private lastHead: ChainHead | undefined;

  constructor(store: StoreDb, opts: AuditLogOptions = {}) {
    this.store = store;
    this.key = opts.hmacKey ?? (process.env.RAMPART_AUDIT_KEY || undefined);
    this.content = opts.content ?? 'hash';
    this.capacity = opts.queueCapacity ?? 10_000;
    this.batchMs = opts.batchMs ?? 50;
    this.maxBatch = opts.maxBatch ?? 500;
    this.onError = opts.onError;
    this.jsonl = opts.jsonlPath ? createWriteStream(opts.jsonlPath, { flags: 'a', mode: 0o600 }) : undefined;
    this.threadMinGroup = Math.max(1, opts.threadMinGroup ?? 2);
    const sqlite = store.sqlite;
    if (opts.writerThread && sqlite !== undefined && !sqlite.memory) {
      this.writer = new SqliteAuditWriter(sqlite.name, Number(sqlite.pragma('synchronous', { simple: true })));
    }
  }

  /** Why the writer thread stopped, when it was asked for and did (writes then use the store's connection). */
  get writerFailure(): string | undefined {
    return this.writer?.failure;
  }

  get signed(): boolean {
    return this.key !== undefined;
  }

  stats(): { queued: number; dropped: number; lost: number } {
    return { queued: this.pending.length, dropped: this.droppedTotal, lost: this.lostTotal };
  }

  /** Durable append (enforce mode): resolves once the record is committed. */
  append(record: AuditRecord): Promise<{ seq: number; hash: string }> {
    if (this.closed) return Promise.reject(new RampartError('E_STORE', 'audit log is closed'));
    let p: Pending;
    try {
      p = this.prepare(record);
    } catch (e) {
      return Promise.reject(new RampartError('E_STORE', `audit record cannot be encoded: ${String(e)}`, { cause: e }));
    }
    return new Promise((resolve, reject) => {
      p.resolve = resolve;
      p.reject = reject;
      this.pending.push(p);
      this.kick(0);
    });
  }

  /** Best-effort append (monitor mode) through the bounded queue. False when the record was dropped. */
  enqueue(record: AuditRecord): boolean {
    if (this.closed || this.queuedMonitor >= this.capacity) {
      this.droppedSinceLast++;
      this.droppedTotal++;
      return false;
    }
    let p: Pending;
    try {
      p = this.prepare(record);
    } catch (e) {
      this.lostTotal++;
      this.onError?.(new RampartError('E_STORE', `audit record cannot be encoded: ${String(e)}`, { cause: e }));
      return false;
    }
    this.pending.push(p);
    this.queuedMonitor++;
    this.kick(this.batchMs);
    return true;
  }

  /** Commits everything queued so far. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.immediate) {
      clearImmediate(this.immediate);
      this.immediate = undefined;
    }
    while (this.running || this.pending.length > 0 || this.droppedSinceLast > 0) {
      if (!this.running) this.running = this.run();
      await this.running;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.writer?.close();
    const j = this.jsonl;
    if (j) await new Promise<void>((r) => j.end(() => r()));
  }

  private prepare(record: AuditRecord): Pending {
    const r: AuditRecord = { ...record, ts: record.ts ?? new Date().toISOString() };
    if (r.content !== undefined) {
      if (this.content === 'hash') r.contentSha256 = sha256Hex(r.content);
      if (this.content !== 'keep') delete r.content;
    }
    return { record: r, canon: canonicalJson(r) };
  }

  private kick(delayMs: number): void {
    if (this.running) return; // run() loops until the queue is empty
    if (delayMs === 0) {
      // Group commit: start on the next turn, after every request whose I/O completed in this
      // one has appended, so they share one transaction (and one fsync).
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        if (!this.running) this.running = this.run();
      });
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.running) this.running = this.run();
      }, delayMs);
      this.timer.unref?.();
    }
  }

  private async run(): Promise<void> {
    // The SQLite path never awaits: without this, the `finally` below would run before the
    // caller's `this.running = this.run()` assignment and leave a settled promise behind.
    await undefined;
    try {
      while (this.pending.length > 0 || this.droppedSinceLast > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        const records: { record: AuditRecord; canon: string }[] = batch.slice();
        if (this.droppedSinceLast > 0) {
          const record: AuditRecord = {
            kind: 'audit-dropped',
            ts: new Date().toISOString(),
            details: { dropped: this.droppedSinceLast },
          };
          records.push({ record, canon: canonicalJson(record) });
          this.droppedSinceLast = 0;
        }
        for (const p of batch) if (!p.resolve) this.queuedMonitor--;
        try {
          const sqlite = this.store.sqlite;
          // Groups go to the writer thread (its own connection). A group of one goes straight to
          // the store's connection: with nothing else queued the event loop has nobody to keep
          // waiting, and the hop to the thread and back would only add to that request's latency
          // (concurrency 1). On the store's connection, an explicit transaction left open (by a
          // Kysely caller between awaits) must not absorb our records: take the Kysely path, which
          // waits for it.
          const rows =
            sqlite !== undefined && this.writer?.available && records.length >= this.threadMinGroup
              ? await this.writeThread(sqlite, records)
              : sqlite !== undefined && !sqlite.inTransaction
                ? this.writeSqlite(sqlite, records)
                : await this.write(records);
          const last = rows[rows.length - 1];
          if (last) this.lastHead = { seq: last.seq, hash: last.hash };
          batch.forEach((p, i) => {
            const row = rows[i];
            if (row && p.resolve) p.resolve({ seq: row.seq, hash: row.hash });
          });
          this.toJsonl(rows);
        } catch (e) {
          this.lastHead = undefined;
          const err =
            e instanceof RampartError
              ? e
              : new RampartError('E_STORE', `audit write failed: ${String(e)}`, { cause: e });
          for (const p of batch) {
            if (p.reject) p.reject(err);
            else this.lostTotal++;
          }
          this.onError?.(err);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private toJsonl(rows: AuditLogTable[]): void {
    if (!this.jsonl) return;
    let out = '';
    // The body is canonical JSON of an object: the line is that object with `hash` appended.
    for (const r of rows) out += `${r.body.slice(0, -1)},"hash":${JSON.stringify(r.hash)}}\n`;
    this.jsonl.write(out);
  }

  /**
   * SQLite hot path, synchronous: BEGIN IMMEDIATE (the write lock, so two processes cannot both
   * read the same head and fork the chain), read the head, chain and insert the rows, move the
   * head, COMMIT. Any error rolls the whole transaction back.
   */
  private writeSqlite(
    sqlite: NonNullable<StoreDb['sqlite']>,
    records: { record: AuditRecord; canon: string }[],
  ): AuditLogTable[] {
    this.stmts ??= {
      head: sqlite.prepare('select seq, hash from audit_head where id = 1'),
      insert: sqlite.prepare(
        'insert into audit_log (seq, ts, kind, request_id, key_id, route, model, outcome, revision, body, prev_hash, hash) ' +
          'values (@seq, @ts, @kind, @request_id, @key_id, @route, @model, @outcome, @revision, @body, @prev_hash, @hash)',
      ),
      moveHead: sqlite.prepare('update audit_head set seq = ?, hash = ?, mac = ?, updated_at = ? where id = 1'),
    } as SqliteStatements;
    const st = this.stmts;
    const tx = sqlite.transaction(() => {
      const head = st.head.get();
      const rows = chainRows({ seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH }, records);
      for (const row of rows) st.insert.run(row);
      const last = rows[rows.length - 1]!;
      st.moveHead.run(last.seq, last.hash, this.mac(last), new Date().toISOString());
      return rows;
    });
    const rows = tx.immediate();
    this.store.checkpointer?.noteWrite();
    return rows;
  }

  /**
   * Writer-thread path: chain the rows from the head this process last committed (read on the
   * hot connection when unknown) and let the worker commit them if that is still the head. A head
   * moved by another writer comes back with the answer; chain again from it.
   */
  private async writeThread(
    sqlite: NonNullable<StoreDb['sqlite']>,
    records: { record: AuditRecord; canon: string }[],
  ): Promise<AuditLogTable[]> {
    const writer = this.writer!;
    let from = this.lastHead;
    for (let attempt = 0; attempt < 50; attempt++) {
      if (from === undefined) {
        const h = sqlite.prepare('select seq, hash from audit_head where id = 1').get() as ChainHead | undefined;
        from = { seq: h?.seq ?? 0, hash: h?.hash ?? GENESIS_HASH };
      }
      const rows = chainRows(from, records);
      const last = rows[rows.length - 1]!;
      const r = await writer.commit({ from, rows, mac: this.mac(last), updatedAt: new Date().toISOString() });
      if (r.ok) {
        this.store.checkpointer?.noteWrite();
        return rows;
      }
      from = r.head;
    }
    throw new RampartError('E_STORE', 'audit head kept moving under concurrent writers (50 attempts)');
  }

  private mac(last: AuditLogTable): string | null {
    return this.key ? headMac(this.key, last.seq, last.hash) : null;
  }

  /** One transaction through Kysely (PostgreSQL, or SQLite when the connection is busy): lock the head, chain the records, insert, move the head. */
  private async write(records: { record: AuditRecord; canon: string }[]): Promise<AuditLogTable[]> {
    return this.withWriteLock(async (trx) => {
      let q = trx.selectFrom('audit_head').selectAll().where('id', '=', 1);
      if (this.store.dialect === 'postgres') q = q.forUpdate();
      const head = await q.executeTakeFirst();
      const rows = chainRows({ seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH }, records);
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto('audit_log')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      const last = rows[rows.length - 1]!;
      await trx
        .updateTable('audit_head')
        .set({ seq: last.seq, hash: last.hash, mac: this.mac(last), updated_at: new Date().toISOString() })
        .where('id', '=', 1)
        .execute();
      return rows;
    });
  }

  private async withWriteLock<T>(fn: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
    const { db, dialect } = this.store;
    if (dialect === 'postgres') return db.transaction().execute((trx: Transaction<Tables>) => fn(trx));
    // SQLite: BEGIN IMMEDIATE takes the write lock up front, so two processes cannot both read
    // the same head and fork the chain.
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const out = await fn(conn);
        await sql`commit`.execute(conn);
        return out;
      } catch (e) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw e;
      }
    });
  }

  /** The current head of the chain. */
  async head(): Promise<{ seq: number; hash: string; mac: string | null; updatedAt: string } | undefined> {
    const h = await this.store.db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
    return h ? { seq: h.seq, hash: h.hash, mac: h.mac, updatedAt: h.updated_at } : undefined;
  }

  /** Stored records in chain order, paged. */
  async *records(
    opts: { fromSeq?: number; toSeq?: number; pageSize?: number } = {},
  ): AsyncGenerator<StoredAuditRecord> {
    let after = (opts.fromSeq ?? 1) - 1;
    const page = opts.pageSize ?? 1000;
    for (;;) {
      let q = this.store.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(page);
      if (opts.toSeq !== undefined) q = q.where('seq', '<=', opts.toSeq);
      const rows = await q.execute();
      for (const r of rows) {
        const body = JSON.parse(r.body) as { ts: string; prev: string; record: AuditRecord };
        yield { seq: r.seq, ts: body.ts, prev: r.prev_hash, hash: r.hash, record: body.record };
      }
      if (rows.length < page) return;
      after = rows[rows.length - 1]?.seq ?? after;
    }
  }
}
