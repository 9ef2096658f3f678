import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSource } from './index.js';

test('ES imports, require and new resolve to qualified callees', async () => {
  const m = await analyzeSource(
    'svc.ts',
    [
      'import OpenAI, { AzureOpenAI as AZ } from "openai";',
      'const { Groq: G } = require("groq-sdk");',
      'import * as bedrock from "@aws-sdk/client-bedrock-runtime";',
      'class Svc {',
      '  client = new OpenAI();',
      '  async run() { return this.client.chat.completions.create({ model: "gpt-4o" }); }',
      '}',
      'const g = new G();',
      'new AZ({ deployment: "prod" });',
      'new bedrock.BedrockRuntimeClient({});',
    ].join('\n'),
  );
  assert.deepEqual(
    m.calls.map((c) => `${c.line}:${c.callee}`),
    [
      '5:openai',
      '6:openai().chat.completions.create',
      '8:groq-sdk.Groq',
      '9:openai.AzureOpenAI',
      '10:@aws-sdk/client-bedrock-runtime.BedrockRuntimeClient',
    ],
  );
  const create = m.calls[1];
  assert.deepEqual(create?.kwargs.model, { kind: 'string', value: 'gpt-4o', line: 6 });
  assert.deepEqual(
    m.functions.map((f) => f.name),
    ['Svc.run'],
  );
});

test('process.env defaults and template literals fold', async () => {
  const m = await analyzeSource(
    'cfg.js',
    [
      'const MODEL = process.env.MODEL ?? "gpt-4o-mini";',
      'const B = process.env["BASE"] || "http://localhost:11434";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: JS source text under test
      'f({ model: MODEL, base: B, sys: `You are ${name}`, plain: `x` });',
    ].join('\n'),
  );
  const f = m.calls.find((c) => c.callee === 'f');
  assert.deepEqual(f?.kwargs.model, {
    kind: 'env',
    name: 'MODEL',
    default: { kind: 'string', value: 'gpt-4o-mini', line: 1 },
  });
  assert.equal(f?.kwargs.base?.kind, 'env');
  assert.deepEqual(f?.kwargs.sys, { kind: 'template', value: 'You are {}', line: 3 });
  assert.deepEqual(f?.kwargs.plain, { kind: 'string', value: 'x', line: 3 });
});

test('comments and strings in JS are not code', async () => {
  const m = await analyzeSource('d.tsx', '// import OpenAI from "openai"\nconst s = "new OpenAI()";\n/* eval(x) */\n');
  assert.equal(m.imports.length, 0);
  assert.equal(m.calls.length, 0);
});
