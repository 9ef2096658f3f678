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
    const f = l.find('alice', 'mcpr_1')!;
    assert.deepEqual(
      [f.server, f.name, f.sameArgs(a.args), f.sameArgs('{"q":"y"}')],
      ['github', 'search', true, false],
    );
    assert.equal(l.find('bob', 'mcpr_1'), undefined, 'another key cannot approve it');
    assert.equal(l.find('alice', 'mcpr_2'), undefined);
    now += 60_000;
    assert.equal(l.find('alice', 'mcpr_1'), undefined, 'expired');
    assert.equal(l.size(), 0);
  });

  it('keeps at most 512 per key (oldest go first) and ignores oversize ids and names', () => {
    const l = new ApprovalLedger(60_000, () => 0);
    for (let i = 0; i < 600; i++) l.record('alice', `id_${i}`, a);
    assert.equal(l.find('alice', 'id_87'), undefined);
    assert.ok(l.find('alice', 'id_88') && l.find('alice', 'id_599'));
    assert.equal(l.size(), 512);
    l.record('alice', 'x'.repeat(257), a);
    assert.equal(l.find('alice', 'x'.repeat(257)), undefined);
    l.record('alice', 'y', { ...a, name: 'n'.repeat(257) });
    assert.equal(l.find('alice', 'y'), undefined);
  });

  it('keeps at most 100,000 overall, taking from the least recently used keys', () => {
    const l = new ApprovalLedger(60_000, () => 0);
    for (let k = 0; k < 200; k++) for (let i = 0; i < 501; i++) l.record(`key${k}`, `id_${i}`, a);
    assert.equal(l.size(), 100_000);
    assert.equal(l.find('key0', 'id_0'), undefined, 'the oldest key lost its oldest entries');
    assert.ok(l.find('key0', 'id_500') && l.find('key199', 'id_0'));
  });
});
