import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitRoute } from './model-ids.js';

test('OpenAI Agents SDK litellm/ and any-llm/ prefixes route to the provider named after them', () => {
  assert.deepEqual(splitRoute('litellm/anthropic/claude-3-5-sonnet-20240620'), {
    provider: 'anthropic',
    name: 'claude-3-5-sonnet-20240620',
  });
  assert.deepEqual(splitRoute('litellm/openai/gpt-4o-mini'), { provider: 'openai', name: 'gpt-4o-mini' });
  assert.deepEqual(splitRoute('any-llm/openrouter/openai/gpt-5.4-mini'), {
    provider: 'openrouter',
    name: 'openai/gpt-5.4-mini',
  });
  // An unknown provider after the prefix stays with the router.
  assert.deepEqual(splitRoute('litellm/acme-model'), { provider: 'litellm', name: 'acme-model' });
  // Plain routes are unchanged; a prefix only counts at the start.
  assert.deepEqual(splitRoute('anthropic/claude-3-haiku'), { provider: 'anthropic', name: 'claude-3-haiku' });
  assert.equal(splitRoute('my-litellm/openai/gpt-4o'), undefined);
});

test('route splitting stays linear on long hostile ids', () => {
  const long = `${'litellm/'.repeat(50_000)}x`;
  const t0 = performance.now();
  const r = splitRoute(long);
  assert.equal(r?.provider, 'litellm');
  assert.ok(performance.now() - t0 < 500);
});
