import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersionStrings, parsePep440, satisfiesClause } from './pep440.js';

test('PEP 440 ordering: dev < pre < final < post, epochs, normalisation', () => {
  const ordered = [
    '1.0.dev0',
    '1.0a1',
    '1.0a2.dev1',
    '1.0a2',
    '1.0b1',
    '1.0rc1',
    '1.0',
    '1.0+local.1',
    '1.0.post1',
    '1.0.1',
    '1.1',
    '1!0.1',
  ];
  for (let i = 0; i + 1 < ordered.length; i++) {
    assert.equal(compareVersionStrings(ordered[i]!, ordered[i + 1]!), -1, `${ordered[i]} < ${ordered[i + 1]}`);
  }
  assert.equal(compareVersionStrings('1.0', '1.0.0'), 0);
  assert.equal(compareVersionStrings('1.0-alpha-1', '1.0a1'), 0);
  assert.equal(compareVersionStrings('v2.0RC1', '2.0rc1'), 0);
  assert.equal(compareVersionStrings('1.0-1', '1.0.post1'), 0);
  assert.equal(compareVersionStrings('0.0.171', '0.0.17'), 1);
  assert.equal(compareVersionStrings('not a version', '1.0'), undefined);
  assert.equal(parsePep440(`1.${'0.'.repeat(200)}1`), undefined, 'over-long versions are refused, not parsed');
});

test('specifier clauses', () => {
  const v = (s: string) => parsePep440(s)!;
  assert.equal(satisfiesClause(v('1.4.5'), '~=', '1.4.2'), true);
  assert.equal(satisfiesClause(v('1.5.0'), '~=', '1.4.2'), false);
  assert.equal(satisfiesClause(v('1.4.5'), '==', '1.4.*'), true);
  assert.equal(satisfiesClause(v('1.5'), '!=', '1.4.*'), true);
  assert.equal(satisfiesClause(v('2.0a1'), '<', '2.0'), false, 'pre-releases of the bound are excluded by <');
  assert.equal(satisfiesClause(v('1.9'), '<', '2.0'), true);
  assert.equal(satisfiesClause(v('1.0+cpu'), '==', '1.0'), true, 'local labels are ignored unless named');
  assert.equal(satisfiesClause(v('1.0.post1'), '>', '1.0'), false);
  assert.equal(satisfiesClause(v('1.0'), '~=', '1'), undefined);
});
