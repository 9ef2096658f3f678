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
