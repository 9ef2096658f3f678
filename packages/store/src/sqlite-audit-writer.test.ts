import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { RampartError } from '@rampart/core';
import { AuditLog } from './audit-log.js';
import { openDatabase, type StoreDb } from './db.js';
import type { SqliteAuditWriter } from './sqlite-audit-writer.js';
import { openSqlite } from './test-stores.js';
import { verifyAuditLog } from './verify-audit.js';

const KEY = 'test-hmac-key-not-a-secret';

/** Counts transactions run on the store's own (hot) connection. */
function countHotTransactions(sqlite: NonNullable<StoreDb['sqlite']>): { n: number } {
  const seen = { n: 0 };
  const real = sqlite.transaction.bind(sqlite);
  sqlite.transaction = ((fn: (...a: unknown[]) => unknown) => {
    seen.n++;
    return real(fn);
  }) as typeof sqlite.transaction;
  return seen;
}

it('commits on the writer thread, never on the event loop’s connection', async () => {
  const t = await openSqlite();
  const log = new AuditLog(t.db, { hmacKey: KEY, writerThread: true, threadMinGroup: 1 });
  try {
    const hot = countHotTransactions(t.db.sqlite!);
    const acks = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append({ requestId: `r-${i}` })));
    assert.deepEqual(
      acks.map((a) => a.seq).sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    // The append resolved after the commit: the hot connection sees every row already.
    const n = t.db.sqlite!.prepare('select count(*) as n from audit_log').get() as { n: number };
    assert.equal(n.n, 50);
    assert.equal(hot.n, 0);
    assert.equal(log.writerFailure, undefined);
    const v = await verifyAuditLog(t.db, { hmacKey: KEY });
    assert.deepEqual(v.problems, []);
    assert.equal(v.head?.seq, 50);
  } finally {
    await log.close();
    await t.cleanup();
  }
});

it('chains again from the head another writer moved, and the chain stays one', async () => {
  const t = await openSqlite();
  const threaded = new AuditLog(t.db, { hmacKey: KEY, writerThread: true, threadMinGroup: 1 });
  // A second writer on its own connection, as another gateway process on the same file would be.
  const other = await openDatabase(t.options);
  const direct = new AuditLog(other, { hmacKey: KEY });
  const writer = (threaded as unknown as { writer: SqliteAuditWriter }).writer;
  const real = writer.commit.bind(writer);
  let stale = 0;
  writer.commit = async (b) => {
    const r = await real(b);
    if (!r.ok) stale++;
    return r;
  };
  try {
    for (let i = 0; i < 10; i++) {
      // Both interleave: after each of `direct`'s commits the thread's remembered head is stale.
      await threaded.append({ requestId: `t-${i}` });
      await direct.append({ requestId: `d-${i}` });
      await Promise.all([threaded.append({ requestId: `t2-${i}` }), direct.append({ requestId: `d2-${i}` })]);
    }
    const v = await verifyAuditLog(t.db, { hmacKey: KEY });
    assert.deepEqual(v.problems, []);
    assert.equal(v.records, 40);
    // The path under test ran: the thread found the head moved and the rows were chained again.
    assert.ok(stale >= 10, `stale answers: ${stale}`);
    assert.equal(threaded.writerFailure, undefined);
  } finally {
    await direct.close();
    await other.close();
    await threaded.close();
    await t.cleanup();
  }
});

it('a writer thread that dies fails its in-flight appends; later ones commit on the store connection', async () => {
  const t = await openSqlite();
  const log = new AuditLog(t.db, { hmacKey: KEY, writerThread: true, threadMinGroup: 1 });
  try {
    await log.append({ requestId: 'before' });
    const writer = (log as unknown as { writer: SqliteAuditWriter }).writer;
    const inFlight = log.append({ requestId: 'in-flight' });
    // The batch is posted on the next turn; kill the thread while it is outstanding.
    await new Promise((r) => setImmediate(r));
    await writer.terminate();
    const r = await inFlight.then(
      () => 'committed',
      (e: unknown) => e,
    );
    // Either the commit won the race (then it is durable and acknowledged) or it failed closed.
    if (r !== 'committed') {
      assert.ok(r instanceof RampartError);
      assert.equal(r.code, 'E_STORE');
    }
    assert.match(log.writerFailure ?? '', /audit writer thread exited/);
    const after = await log.append({ requestId: 'after' });
    assert.ok(after.seq >= 2);
    const v = await verifyAuditLog(t.db, { hmacKey: KEY });
    assert.deepEqual(v.problems, []);
    const ids = (
      t.db.sqlite!.prepare('select request_id from audit_log order by seq').all() as { request_id: string }[]
    )
      .map((x) => x.request_id)
      .filter((x) => x !== 'in-flight');
    assert.deepEqual(ids, ['before', 'after']);
  } finally {
    await log.close();
    await t.cleanup();
  }
});

it('an in-memory store has no file to share: the option falls back to the store connection', async () => {
  const db = await openDatabase({ url: ':memory:' });
  const log = new AuditLog(db, { writerThread: true, threadMinGroup: 1 });
  try {
    await Promise.all([log.append({ requestId: 'a' }), log.append({ requestId: 'b' })]);
    assert.equal((await verifyAuditLog(db)).records, 2);
    assert.equal(log.writerFailure, undefined);
  } finally {
    await log.close();
    await db.close();
  }
});

it('by default a lone record commits on the store connection and a group on the thread', async () => {
  const t = await openSqlite();
  const log = new AuditLog(t.db, { hmacKey: KEY, writerThread: true });
  const writer = (log as unknown as { writer: SqliteAuditWriter }).writer;
  const real = writer.commit.bind(writer);
  let threadCommits = 0;
  writer.commit = (b) => {
    threadCommits++;
    return real(b);
  };
  try {
    const hot = countHotTransactions(t.db.sqlite!);
    await log.append({ requestId: 'alone' });
    assert.deepEqual([hot.n, threadCommits], [1, 0]);
    await Promise.all([log.append({ requestId: 'g1' }), log.append({ requestId: 'g2' })]);
    assert.deepEqual([hot.n, threadCommits], [1, 1]);
    await log.append({ requestId: 'alone again' });
    assert.deepEqual([hot.n, threadCommits], [2, 1]);
    const v = await verifyAuditLog(t.db, { hmacKey: KEY });
    assert.deepEqual(v.problems, []);
    assert.equal(v.head?.seq, 4);
  } finally {
    await log.close();
    await t.cleanup();
  }
});

it('waits for the disk on every commit unless sqliteSync is normal (survives kill -9, not power loss)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-sync-'));
  try {
    const level = async (o: { sqliteSync?: 'full' | 'normal' }): Promise<unknown> => {
      const db = await openDatabase({ url: join(dir, 'a.db'), ...o });
      try {
        return db.sqlite!.pragma('synchronous', { simple: true });
      } finally {
        await db.close();
      }
    };
    // SQLite's levels: 1 = NORMAL, 2 = FULL.
    assert.equal(await level({}), 2);
    assert.equal(await level({ sqliteSync: 'full' }), 2);
    assert.equal(await level({ sqliteSync: 'normal' }), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
