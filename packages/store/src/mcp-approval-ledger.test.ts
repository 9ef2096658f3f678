// The store-backed ledger of delivered MCP approval requests, on a real SQLite file and the local
// PostgreSQL: what one connection (gateway process) records, another finds; per key, expiring,
// bounded per key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from './db.js';
import { McpApprovalLedgerStore } from './mcp-approval-ledger.js';
import { DIALECTS, type TestDb } from './test-stores.js';

const a = { server: 'github', name: 'search', argsSha: 'sha-of-args' };

for (const [name, open] of DIALECTS) {
  describe(`MCP approval ledger on ${name}`, () => {
    let t: TestDb;
    before(async () => {
      t = await open();
    });
    after(async () => {
      await t.cleanup();
    });

    it('what one process records, another finds for the same key only, until it expires', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const clock = () => now;
      const one = new McpApprovalLedgerStore(t.db, { ttlMs: 60_000, now: clock });
      const otherDb = await openDatabase({ ...t.options, migrate: false });
      try {
        const two = new McpApprovalLedgerStore(otherDb, { ttlMs: 60_000, now: clock });
        await one.record('alice', 'mcpr_1', a);
        assert.deepEqual(await two.find('alice', 'mcpr_1'), a);
        assert.equal(await two.find('bob', 'mcpr_1'), undefined, 'another key cannot approve it');
        assert.equal(await two.find('alice', 'mcpr_2'), undefined);
        // Delivered again (a client resent its history): renewed, with what was delivered last.
        now += 30_000;
        await two.record('alice', 'mcpr_1', { ...a, argsSha: 'other' });
        now += 45_000;
        assert.deepEqual(await one.find('alice', 'mcpr_1'), { ...a, argsSha: 'other' });
        now += 15_000;
        assert.equal(await one.find('alice', 'mcpr_1'), undefined, 'expired');
      } finally {
        await otherDb.close();
      }
    });

    it('keeps at most perKey entries per key (oldest go first) and deletes expired rows', async () => {
      let now = Date.parse('2026-02-01T00:00:00Z');
      const l = new McpApprovalLedgerStore(t.db, { ttlMs: 60_000, perKey: 5, now: () => now });
      for (let i = 0; i < 8; i++) {
        now += 1;
        await l.record('carol', `id_${i}`, a);
      }
      // (The first record also cleared the expired row the test above left.)
      assert.equal(await l.size(), 5);
      assert.equal(await l.find('carol', 'id_2'), undefined);
      assert.ok((await l.find('carol', 'id_3')) && (await l.find('carol', 'id_7')));
      // Past the TTL (and the purge interval), the next record clears every key's expired rows.
      now += 120_000;
      await l.record('dave', 'id_x', a);
      assert.equal(await l.size(), 1);
    });
  });
}
