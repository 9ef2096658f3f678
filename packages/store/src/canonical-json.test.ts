import assert from 'node:assert/strict';
import { it } from 'node:test';
import { canonicalJson } from './canonical-json.js';

it('is independent of key order and drops undefined members', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } }), '{"a":{"c":true,"d":[1,"x",null]},"b":1}');
  assert.equal(canonicalJson({ a: undefined, b: 2 }), canonicalJson({ b: 2 }));
  assert.equal(canonicalJson({ s: 'é"\n' }), '{"s":"é\\"\\n"}');
});

it('refuses values that have no single encoding', () => {
  assert.throws(() => canonicalJson({ x: Number.NaN }), /non-finite/);
  assert.throws(() => canonicalJson({ x: 1n }), /cannot encode bigint/);
  let deep: unknown = 1;
  for (let i = 0; i < 100; i++) deep = [deep];
  assert.throws(() => canonicalJson(deep), /nested too deeply/);
});

it('encodes a gateway-shaped record exactly as JSON.stringify does once keys are sorted', () => {
  const sortDeep = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortDeep)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
          )
        : v;
  const rec = {
    ts: '2026-11-27T15:00:00.000Z',
    requestId: 'r-1',
    keyId: 'alice',
    team: null,
    decisions: [
      { stage: 'input', reasons: ['a "quote"', 'line\nbreak', '\u2028'], effect: 'allow', approval: undefined },
    ],
    detections: [],
    latencyMs: 1.234,
    tokens: { output: null, input: 12 },
    stream: false,
    z: [1, [2, [3]], { y: -0, x: 1e21 }],
  };
  assert.equal(canonicalJson(rec), JSON.stringify(sortDeep(rec)));
  assert.equal(canonicalJson([undefined, 1]), '[null,1]');
});
