// The store-backed ledger of delivered MCP approval requests, on a real SQLite file and the local
// PostgreSQL: what one connection (gateway process) records, another finds; per key, expiring,
// bounded per key and overall (a full ledger refuses new entries).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LimitError } from '@rampart/core';
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

    it('refuses a new entry when maxEntries unexpired entries are held, over every key and process', async () => {
      const fresh = await open();
      const otherDb = await openDatabase({ ...fresh.options, migrate: false });
      try {
        let now = Date.parse('2026-03-01T00:00:00Z');
        const opts = { ttlMs: 1_000, maxEntries: 3, now: () => now };
        const one = new McpApprovalLedgerStore(fresh.db, opts);
        const two = new McpApprovalLedgerStore(otherDb, opts);
        await one.record('erin', 'id_1', a);
        await one.record('erin', 'id_2', a);
        await two.record('frank', 'id_3', a);
        const full = (e: unknown) =>
          e instanceof LimitError && e.limit === 'mcpApprovalLedger.maxEntries' && /ledger is full/.test(e.message);
        await assert.rejects(two.record('grace', 'id_4', a), full, 'the other process sees the same bound');
        await assert.rejects(one.record('erin', 'id_5', a), full);
        assert.equal(await one.size(), 3, 'nothing written for a refused entry');
        assert.equal(await one.find('grace', 'id_4'), undefined);
        assert.deepEqual(await two.find('erin', 'id_1'), a, 'what was delivered stays approvable');
        // Delivered again (history resent): a renewal adds no row, so it is not refused.
        await two.record('erin', 'id_1', { ...a, argsSha: 'renewed' });
        assert.deepEqual(await one.find('erin', 'id_1'), { ...a, argsSha: 'renewed' });
        // Once entries expire they make room at once, well within the every-key purge interval.
        now += 1_500;
        await two.record('grace', 'id_4', a);
        assert.equal(await two.size(), 1);
        assert.deepEqual(await one.find('grace', 'id_4'), a);
      } finally {
        await otherDb.close();
        await fresh.cleanup();
      }
    });
  });
}
