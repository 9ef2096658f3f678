import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compatibleProvider } from './compatible-hosts.js';
import { isDefaultEndpoint } from './model-ids.js';

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

// An OpenAI client aimed at another provider's default host must get that provider: its asset id
// leaves out default endpoints, so a host that mapped to no provider would share (and stamp its
// endpoint on) the plain OpenAI client of every other file.
test('compatible hosts: every default host of model-ids.ts other than OpenAI names its provider', () => {
  for (const host of [
    'api.anthropic.com',
    'generativelanguage.googleapis.com',
    'api.mistral.ai',
    'api.groq.com',
    'api.together.xyz',
    'api.cohere.ai',
    'api.cohere.com',
    'api-inference.huggingface.co',
  ]) {
    assert.ok(isDefaultEndpoint(`https://${host}/v1`), `${host} is a default host`);
    assert.notEqual(compatibleProvider(`https://${host}/v1`), undefined, host);
  }
});

test('compatible hosts: adversarial input stays fast', () => {
  const long = `https://${'a.'.repeat(50_000)}openai.azure.com${'/x'.repeat(50_000)}`;
  const t0 = performance.now();
  assert.equal(compatibleProvider(long), 'azure-openai');
  assert.equal(compatibleProvider(`http://${'-'.repeat(100_000)}.example.com:1234`), undefined);
  assert.ok(performance.now() - t0 < 500);
});
