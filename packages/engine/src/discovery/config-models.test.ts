import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assetId, memoryFile, testContext } from '@rampart/core';
import { configModelsDetector, modelFromConfig } from './config-models.js';

const data = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

test('model ids in YAML with lines; ORM models, images and comments are not models', async () => {
  const out = await configModelsDetector.analyze(
    memoryFile('config/settings.yaml', data('settings.yaml')),
    testContext(),
  );
  assert.deepEqual(
    out.assets?.map((a) => `${a.provider} ${a.name} @${a.locations[0]?.line}`),
    [
      'openai gpt-4o-2024-08-06 @4',
      'anthropic claude-3-5-sonnet-20241022 @5',
      'huggingface sentence-transformers/all-MiniLM-L6-v2 @7',
      'google gemini-1.5-pro @15',
    ],
  );
  assert.equal(out.assets?.[0]?.id, assetId('model', 'openai', 'gpt-4o-2024-08-06'));
});

test('.env files and JSON', async () => {
  const env = memoryFile(
    '.env',
    'OPENAI_API_KEY=\nOPENAI_MODEL=gpt-4o-mini\n# CHAT_MODEL=claude-3-opus-20240229\nDJANGO_MODEL=auth.User\n',
  );
  assert.equal(configModelsDetector.applies(env), true);
  const e = await configModelsDetector.analyze(env, testContext());
  assert.deepEqual(
    e.assets?.map((a) => `${a.name}@${a.locations[0]?.line}`),
    ['gpt-4o-mini@2'],
  );
  const json = memoryFile('cfg.json', '{\n  "agents": [\n    {"name": "x", "model": "mistral-large-latest"}\n  ]\n}\n');
  const j = await configModelsDetector.analyze(json, testContext());
  assert.deepEqual(
    j.assets?.map((a) => `${a.provider} ${a.name}@${a.locations[0]?.line}`),
    ['mistral mistral-large-latest@3'],
  );
});

test('lock files and broken YAML', async () => {
  assert.equal(configModelsDetector.applies(memoryFile('package-lock.json', '{"model": "gpt-4o"}')), false);
  const bad = await configModelsDetector.analyze(memoryFile('bad.yaml', 'model: [gpt-4o\n  x: }'), testContext());
  assert.equal(bad.errors?.length, 1);
  assert.equal(bad.assets, undefined);
});

test('alias bombs are not expanded', async () => {
  const bomb = ['a: &a [model, model, model, model, model, model, model, model, model]'];
  for (let i = 0; i < 12; i++)
    bomb.push(
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
    );
  const out = await configModelsDetector.analyze(memoryFile('bomb.yaml', bomb.join('\n')), testContext());
  assert.deepEqual(out.assets, []);
});

test('classification', () => {
  assert.deepEqual(modelFromConfig('model', 'ollama/llama3.1:8b'), { provider: 'ollama', name: 'llama3.1:8b' });
  assert.equal(modelFromConfig('model', 'User'), undefined);
  assert.equal(modelFromConfig('image', 'gpt-4o'), undefined);
  assert.equal(modelFromConfig('model_path', './weights/gpt-4o'), undefined);
});
