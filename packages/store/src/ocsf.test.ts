import assert from 'node:assert/strict';
import { it } from 'node:test';
import { toOcsf } from './ocsf.js';

it('maps a blocked request to an OCSF API Activity event with the policy outcome', () => {
  const e = toOcsf({
    seq: 7,
    ts: '2026-11-27T12:00:00.000Z',
    prev: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    record: {
      requestId: 'req-1',
      keyId: 'alice',
      principal: 'alice@example.com',
      team: 'ml',
      route: '/v1/chat/completions',
      model: 'gpt-4o',
      outcome: 'blocked',
      status: 403,
      latencyMs: 2,
      decisions: [
        {
          stage: 'input',
          action: 'use-model',
          resource: 'gpt-4o',
          id: 'd1',
          effect: 'deny',
          mode: 'enforce',
          policyRevision: 'sha256:0011223344556677',
          reasons: ['prompt-injection detected'],
        },
      ],
    },
  });
  assert.equal(e.class_uid, 6003);
  assert.equal(e.type_uid, 600399);
  assert.equal(e.activity_name, 'use-model');
  assert.equal(e.time, Date.parse('2026-11-27T12:00:00.000Z'));
  assert.deepEqual([e.status_id, e.action_id, e.disposition_id, e.severity_id], [2, 2, 2, 4]);
  assert.deepEqual(e.actor, { user: { uid: 'alice', name: 'alice@example.com', groups: [{ name: 'ml' }] } });
  assert.equal(e.message, 'prompt-injection detected');
  const un = e.unmapped as { rampart: { chain: { seq: number } } };
  assert.equal(un.rampart.chain.seq, 7);
});

it('maps redaction and held calls to their dispositions', () => {
  const base = { seq: 1, ts: '2026-11-27T12:00:00.000Z', prev: '0', hash: '1' };
  assert.equal(toOcsf({ ...base, record: { outcome: 'redacted' } }).disposition, 'Corrected');
  assert.equal(toOcsf({ ...base, record: { outcome: 'held' } }).disposition, 'Delayed');
  assert.equal(toOcsf({ ...base, record: { outcome: 'allowed' } }).status_id, 1);
});
