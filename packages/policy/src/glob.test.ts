import assert from 'node:assert/strict';
import { it } from 'node:test';
import { cedarString, globMatch } from './glob.js';

it('glob matching has Cedar `like` semantics', () => {
  assert.ok(globMatch('gpt-4o*', 'gpt-4o-mini'));
  assert.ok(globMatch('gpt-4o*', 'gpt-4o'));
  assert.ok(globMatch('*', ''));
  assert.ok(globMatch('claude-*-haiku*', 'claude-3-5-haiku-latest'));
  assert.ok(!globMatch('gpt-4o', 'gpt-4o-mini'));
  assert.ok(!globMatch('a?c', 'abc'), '? is literal');
  assert.ok(globMatch('a?c', 'a?c'));
});

it('adversarial patterns stay correct (no exponential backtracking)', () => {
  const text = 'a'.repeat(5000);
  assert.equal(globMatch('*a*a*a*a*a*a*a*a*b', text), false);
  assert.equal(globMatch('*a*a*a*a*a*a*a*a*', text), true);
});

it('refuses to build an unsafe Cedar literal', () => {
  assert.equal(cedarString('gpt-*'), '"gpt-*"');
  assert.throws(() => cedarString('a"b'));
  assert.throws(() => cedarString('a\\b'));
});
