import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assetId, memoryFile, testContext } from '@rampart/core';
import { configModelsDetector, modelFromConfig, simplePairs, yamlPairs } from './config-models.js';

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

test('a route prefix named like an Object.prototype member is no provider', async () => {
  const env = memoryFile('.env', 'OPENAI_MODEL=constructor/my-model\nCHAT_MODEL=__proto__/my-model\n');
  const e = await configModelsDetector.analyze(env, testContext());
  assert.deepEqual(e.assets ?? [], []);
  // The same with a route prefix that is one: the provider comes from the prefix.
  const routed = await configModelsDetector.analyze(
    memoryFile('.env', 'OPENAI_MODEL=bedrock/my-model\n'),
    testContext(),
  );
  assert.deepEqual(
    routed.assets?.map((a) => `${a.provider} ${a.name}`),
    ['aws-bedrock my-model'],
  );
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

test('the plain block-map path gives the same pairs as the yaml package, and declines anything else', () => {
  const same = [
    'service: svc-1\nllm:\n  provider: openai\n  model: gpt-4o-mini\nfeature_0: true\n',
    'a:\n  b:\n    model: claude-3-5-sonnet-latest # pinned\n  c: 1.5\nmodel_name: meta-llama/Llama-3-8B\n',
    '# comment\n\n  top: x\n  model: 1e3\n  name: 1_000\n  n: null\n  flag: True\n',
    'a: # note\n  model: gpt-4o\nb:\nc: yes\n',
  ];
  for (const t of same) {
    const fast = simplePairs(t);
    assert.ok(fast, JSON.stringify(t));
    assert.deepEqual(fast, yamlPairs(t), JSON.stringify(t));
  }
  const declined = [
    'models:\n  - gpt-4o\n',
    'model: "gpt-4o"\n',
    "model: 'gpt-4o'\n",
    'model: {name: gpt-4o}\n',
    'base: &b\n  model: gpt-4o\nother: *b\n',
    'a: 1\n---\nmodel: gpt-4o\n',
    'a:\n    b: 1\n  c: 2\n',
    'a: x\n  b: y\n',
    'true: gpt-4o\n',
    'model:\tgpt-4o\n',
    'model: gpt-4o\r\n',
    'url: http://localhost:8000\n',
  ];
  for (const t of declined) assert.equal(simplePairs(t), undefined, JSON.stringify(t));
});

test('the plain block-map path agrees with the yaml package on generated documents', () => {
  const words = [
    'a',
    'model',
    'x.y',
    'true',
    'Null',
    '~',
    'yes',
    '1',
    '1.5',
    '1e3',
    '0x1F',
    '0o7',
    'gpt-4o',
    'org/m-1',
    'a@b',
    '1_0',
    'e1',
  ];
  let seed = 7;
  const r = () => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  let fastPath = 0;
  for (let n = 0; n < 3000; n++) {
    const lines: string[] = [];
    for (let i = 0, k = 1 + Math.floor(r() * 7); i < k; i++) {
      const x = r();
      const value = x < 0.3 ? '' : x < 0.4 ? ' # c' : ` ${pick(words)}${r() < 0.2 ? ' # note' : ''}`;
      lines.push(`${' '.repeat(pick([0, 0, 1, 2, 2, 4, 6]))}${pick(words)}:${value}`);
    }
    const text = `${lines.join('\n')}\n`;
    const fast = simplePairs(text);
    if (fast === undefined) continue;
    fastPath++;
    let slow: unknown;
    try {
      slow = yamlPairs(text);
    } catch (e) {
      slow = e;
    }
    assert.deepEqual(fast, slow, JSON.stringify(text));
  }
  assert.ok(fastPath > 100, `only ${fastPath} generated documents took the plain path`);
});
