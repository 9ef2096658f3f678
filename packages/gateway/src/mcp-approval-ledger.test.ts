// The ledger of delivered MCP approval requests: per key, expiring, bounded.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApprovalLedger } from './mcp-approval-ledger.js';

const a = { server: 'github', name: 'search', args: '{"q":"x"}' };

describe('ApprovalLedger', () => {
  it('finds what was delivered to the same key only, until it expires', () => {
    let now = 1_000;
    const l = new ApprovalLedger(60_000, () => now);
    l.record('alice', 'mcpr_1', a);
    assert.deepEqual(l.find('alice', 'mcpr_1'), a);
    assert.equal(l.find('bob', 'mcpr_1'), undefined, 'another key cannot approve it');
    assert.equal(l.find('alice', 'mcpr_2'), undefined);
    now += 60_000;
    assert.equal(l.find('alice', 'mcpr_1'), undefined, 'expired');
  });

  it('keeps at most 512 per key (oldest go first) and ignores oversize ids', () => {
    const l = new ApprovalLedger(60_000, () => 0);
    for (let i = 0; i < 600; i++) l.record('alice', `id_${i}`, a);
    assert.equal(l.find('alice', 'id_87'), undefined);
    assert.deepEqual(l.find('alice', 'id_88'), a);
    assert.deepEqual(l.find('alice', 'id_599'), a);
    l.record('alice', 'x'.repeat(257), a);
    assert.equal(l.find('alice', 'x'.repeat(257)), undefined);
  });
});
