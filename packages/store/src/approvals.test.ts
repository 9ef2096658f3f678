import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApprovalStore } from './approvals.js';
import { openDatabase } from './db.js';
import { DIALECTS, type TestDb } from './test-stores.js';

const identity = { keyId: 'alice', principal: 'alice@example.com' };

for (const [name, open] of DIALECTS) {
  describe(`approvals on ${name}`, () => {
    let t: TestDb;
    before(async () => {
      t = await open();
    });
    after(async () => {
      await t.cleanup();
    });

    it('creates a pending approval that shows in the list', async () => {
      const a = new ApprovalStore(t.db);
      const id = await a.request({
        identity,
        tool: 'send_email',
        argsPreview: '{"to":"x@example.com"}',
        timeoutMs: 60_000,
      });
      assert.match(id, /^ap-[0-9a-f]{12}$/);
      const pending = await a.list({ status: 'pending' });
      assert.ok(pending.some((p) => p.id === id && p.tool === 'send_email' && p.keyId === 'alice'));
    });

    it('a waiting gateway sees an approval made through another connection', async () => {
      const gateway = new ApprovalStore(t.db);
      const cliDb = await openDatabase({ ...t.options, migrate: false });
      try {
        const cli = new ApprovalStore(cliDb);
        const id = await gateway.request({ identity, tool: 'send_email', argsPreview: '{}', timeoutMs: 10_000 });
        const waiting = gateway.wait(id, 10_000, undefined, 20);
        setTimeout(() => void cli.approve(id, 'bob', 'looks fine'), 60);
        assert.equal(await waiting, 'approved');
        const final = await cli.get(id);
        assert.equal(final?.decidedBy, 'bob');
        assert.equal(final?.note, 'looks fine');
      } finally {
        await cliDb.close();
      }
    });

    it('deny is final: a second decision is refused', async () => {
      const a = new ApprovalStore(t.db);
      const id = await a.request({ identity, tool: 'transfer_funds', argsPreview: '{}', timeoutMs: 10_000 });
      await a.deny(id, 'carol');
      await assert.rejects(a.approve(id, 'mallory'), /already denied/);
      assert.equal(await a.wait(id, 1000), 'denied');
    });

    it('times out to a deny, and a late approve cannot win', async () => {
      const a = new ApprovalStore(t.db);
      const id = await a.request({ identity, tool: 'send_email', argsPreview: '{}', timeoutMs: 80 });
      assert.equal(await a.wait(id, 5_000, undefined, 20), 'timeout');
      assert.equal((await a.get(id))?.status, 'expired');
      await assert.rejects(a.approve(id, 'bob'), /already expired/);
    });

    it('an abort ends the wait as a timeout', async () => {
      const a = new ApprovalStore(t.db);
      const id = await a.request({ identity, tool: 'send_email', argsPreview: '{}', timeoutMs: 60_000 });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 30);
      assert.equal(await a.wait(id, 60_000, ac.signal, 1000), 'timeout');
      assert.equal((await a.get(id))?.decidedBy, 'aborted');
    });

    it('expires overdue approvals when listing, and rejects unknown ids', async () => {
      let now = Date.now();
      const a = new ApprovalStore(t.db, { now: () => now });
      const id = await a.request({ identity, tool: 'x', argsPreview: '{}', timeoutMs: 1000 });
      now += 5000;
      const list = await a.list();
      assert.equal(list.find((p) => p.id === id)?.status, 'expired');
      await assert.rejects(a.approve('ap-000000000000', 'bob'), /no approval with id/);
    });
  });
}
