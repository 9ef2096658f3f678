import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Asset, Relation } from '@rampart/core';
import { riskFactors } from './context.js';
import { riskScore } from './risk.js';

const asset = (id: string, kind: Asset['kind'], properties: Asset['properties'] = {}): Asset => ({
  id,
  kind,
  name: id,
  locations: [],
  properties,
});

describe('contextual risk', () => {
  // endpoint (internet) --serves--> model --trained-on--> dataset (pii); agent --uses-model--> model, --uses-tool--> shell tool
  const assets = [
    asset('endpoint', 'inference-server', { exposure: 'internet' }),
    asset('model', 'model'),
    asset('dataset', 'dataset', { dataSensitivity: ['pii'] }),
    asset('agent', 'agent'),
    asset('tool', 'tool', { capabilities: ['shell'] }),
    asset('island', 'model'),
  ];
  const relations: Relation[] = [
    { from: 'endpoint', to: 'model', type: 'serves' },
    { from: 'model', to: 'dataset', type: 'trained-on' },
    { from: 'agent', to: 'model', type: 'uses-model' },
    { from: 'agent', to: 'tool', type: 'uses-tool' },
  ];
  const f = riskFactors(assets, relations);

  it('propagates exposure from a public endpoint to the model it serves', () => {
    assert.equal(f.get('model')?.exposed, true);
    assert.equal(f.get('dataset')?.exposed ?? false, false, 'exposure does not flow into training data');
  });

  it('propagates data sensitivity along data flow, not against it', () => {
    assert.deepEqual(f.get('model')?.sensitivity, ['pii']);
    assert.deepEqual(f.get('agent')?.sensitivity, ['pii'], 'the agent talks to a model trained on PII');
    assert.equal(f.get('island'), undefined);
  });

  it('gives an agent the capabilities of its tools', () => {
    assert.deepEqual(f.get('agent')?.capabilities, ['shell']);
  });

  it('scores severity plus context, capped, and keeps info low', () => {
    assert.equal(riskScore('high', undefined), 60);
    assert.equal(riskScore('high', f.get('model')), 78);
    assert.equal(riskScore('critical', { exposed: true, sensitivity: ['pii'], capabilities: ['shell'] }), 100);
    assert.equal(riskScore('info', { exposed: true, sensitivity: ['pii'], capabilities: ['shell'] }), 30);
  });
});

describe('risk over delegation (an agent used as a tool by another agent)', () => {
  // a → b → c → d → e → g: each agent delegates to the next (uses-tool to an agent); c and g hold tools; b loops back to a.
  const assets = [
    asset('a', 'agent'),
    asset('b', 'agent'),
    asset('c', 'agent'),
    asset('d', 'agent'),
    asset('e', 'agent'),
    asset('g', 'agent'),
    asset('shell', 'tool', { capabilities: ['shell'] }),
    asset('mail', 'tool', { capabilities: ['email'] }),
  ];
  const relations: Relation[] = [
    { from: 'a', to: 'b', type: 'uses-tool', properties: { delegation: 'agent-tool' } },
    { from: 'b', to: 'c', type: 'uses-tool', properties: { delegation: 'handoff' } },
    { from: 'c', to: 'd', type: 'uses-tool', properties: { delegation: 'sub-agent' } },
    { from: 'd', to: 'e', type: 'uses-tool', properties: { delegation: 'sub-agent' } },
    { from: 'c', to: 'shell', type: 'uses-tool' },
    { from: 'e', to: 'g', type: 'uses-tool', properties: { delegation: 'sub-agent' } },
    { from: 'g', to: 'mail', type: 'uses-tool' },
    { from: 'b', to: 'a', type: 'uses-tool', properties: { delegation: 'handoff' } }, // a cycle
  ];
  const f = riskFactors(assets, relations);

  it('gives a parent the capabilities of the tools of the agents it delegates to, across a cycle', () => {
    assert.deepEqual(f.get('a')?.capabilities, ['shell']);
    assert.deepEqual(f.get('b')?.capabilities, ['email', 'shell']);
    assert.deepEqual(f.get('c')?.capabilities, ['email', 'shell']);
  });

  it('stops after a bounded number of delegation hops (a reaches mail only through five agents)', () => {
    assert.ok(!f.get('a')?.capabilities.includes('email'));
    assert.equal(riskScore('high', f.get('a')), 68);
  });
});
