import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { AuditLog } from './audit-log.js';
import { openDatabase } from './db.js';
import { verifyAuditLog } from './verify-audit.js';
import { WalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDb(): string {
  const d = mkdtempSync(join(tmpdir(), 'rampart-wal-'));
  dirs.push(d);
  return join(d, 'rampart.db');
}

const rec = (i: number) => ({
  requestId: `req-${i}`,
  keyId: 'alice',
  route: '/v1/chat/completions',
  outcome: 'allowed' as const,
  decisions: [],
  detections: [],
  status: 200,
  details: { pad: 'x'.repeat(600) },
});

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('background WAL checkpoints (SQLite)', () => {
  it('raise the hot connection threshold to the bound and checkpoint on the worker instead', async () => {
    const url = tempDb();
    const db = await openDatabase({ url, backgroundCheckpoint: { intervalMs: 60_000, maxWalPages: 5000 } });
    const cp = db.checkpointer!;
    await cp.ready;
    assert.equal(db.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 5000);
    const log = new AuditLog(db);
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.append(rec(i))));
    const before = statSync(url).size;
    const runs = cp.stats().runs;
    cp.runSoon();
    await until(() => cp.stats().runs > runs);
    const s = cp.stats();
    assert.equal(s.failed, false);
    assert.ok(s.walFrames > 0);
    assert.equal(s.checkpointedFrames, s.walFrames, 'a quiet WAL is checkpointed completely');
    // The records' pages were copied into the database file by the worker's connection.
    assert.ok(statSync(url).size > before);
    await db.close();
    // Closed cleanly; the chain is whole when the file is opened again.
    const again = await openDatabase({ url });
    const v = await verifyAuditLog(again);
    assert.equal(v.ok, true);
    assert.equal(v.records, 40);
    await again.close();
  });

  it('keeps the WAL bounded: each checkpoint lets the next commit restart it from the start', async () => {
    const url = tempDb();
    const db = await openDatabase({ url, backgroundCheckpoint: { intervalMs: 60_000 } });
    const cp = db.checkpointer!;
    await cp.ready;
    const log = new AuditLog(db);
    const walSizes: number[] = [];
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 30; i++) await log.append(rec(round * 100 + i));
      const runs = cp.stats().runs;
      cp.runSoon();
      await until(() => cp.stats().runs > runs);
      walSizes.push(statSync(`${url}-wal`).size);
    }
    // Without checkpoints the WAL would grow every round (30 commits of several pages each);
    // restarted after each checkpoint, it stays at the size one round needs.
    assert.ok(walSizes[11]! <= walSizes[1]!, `WAL grew: ${walSizes.join(', ')}`);
    await db.close();
  });

  it('falls back to SQLite checkpoints in the commit when the worker cannot run', async () => {
    const hot = new Database(':memory:');
    const cp = new WalCheckpointer(join(tmpdir(), 'rampart-no-such-dir', 'x.db'), hot);
    assert.equal(hot.pragma('wal_autocheckpoint', { simple: true }), 10_000);
    await cp.ready;
    await until(() => cp.stats().failed);
    assert.equal(hot.pragma('wal_autocheckpoint', { simple: true }), 1000);
    await cp.close();
    hot.close();
  });

  it('runs whatever flags the process was started with (its source is CommonJS)', () => {
    // Workers inherit execArgv: under --input-type=module the eval'd source was an ES module, the
    // worker failed on `require`, and checkpoints silently went back into the commits.
    const url = tempDb();
    const store = new URL('./index.ts', import.meta.url).pathname;
    const code = `
      import { openStore } from ${JSON.stringify(store)};
      const s = await openStore({ url: ${JSON.stringify(url)}, backgroundCheckpoint: { intervalMs: 60000 } });
      const cp = s.db.checkpointer;
      await cp.ready;
      await s.audit.append({ requestId: 'r', route: '/x', outcome: 'allowed', decisions: [], detections: [], status: 200 });
      cp.runSoon();
      const end = Date.now() + 5000;
      while (cp.stats().runs === 0 && !cp.stats().failed && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      process.stdout.write(JSON.stringify(cp.stats()));
      await s.close();`;
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=rampart-src', '--input-type=module', '-e', code],
      { encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const stats = JSON.parse(r.stdout) as { runs: number; failed: boolean; failure?: string };
    assert.equal(stats.failed, false, stats.failure);
    assert.ok(stats.runs > 0);
  });

  it('is not started unless asked for (CLI commands keep SQLite defaults)', async () => {
    const db = await openDatabase({ url: tempDb() });
    assert.equal(db.checkpointer, undefined);
    assert.equal(db.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 1000);
    await db.close();
  });
});
