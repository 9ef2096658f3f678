import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compatibleProvider } from './compatible-hosts.js';

test('compatible hosts: whole host or dot/dash suffix, local ports only on private hosts', () => {
  assert.equal(compatibleProvider('https://us-central1-aiplatform.googleapis.com/v1/projects/p'), 'google-vertex');
  assert.equal(compatibleProvider('https://x.openai.azure.com/'), 'azure-openai');
  assert.equal(compatibleProvider('https://notopenai.azure.com/'), undefined);
  assert.equal(compatibleProvider('https://openrouter.ai.example/v1'), undefined);
  assert.equal(
    compatibleProvider('https://api.example.com:11434/v1'),
    undefined,
    'a public host on 11434 is not a local Ollama',
  );
  assert.equal(compatibleProvider('not a url'), undefined);
});

test('compatible hosts: adversarial input stays fast', () => {
  const long = `https://${'a.'.repeat(50_000)}openai.azure.com${'/x'.repeat(50_000)}`;
  const t0 = performance.now();
  assert.equal(compatibleProvider(long), 'azure-openai');
  assert.equal(compatibleProvider(`http://${'-'.repeat(100_000)}.example.com:1234`), undefined);
  assert.ok(performance.now() - t0 < 500);
});
