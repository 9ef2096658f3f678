import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type Asset, assetId, memoryFile, testContext } from '@rampart/core';
import { llmClientsDetector } from './llm-clients.js';

const data = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

async function run(name: string, content: Uint8Array | string = data(name)) {
  const file = memoryFile(name, content);
  assert.equal(llmClientsDetector.applies(file), true);
  return llmClientsDetector.analyze(file, testContext());
}

const summary = (assets: Asset[] | undefined) =>
  (assets ?? []).map((a) => `${a.kind} ${a.provider} ${a.name} @${a.locations.map((l) => l.line).join(',')}`);

test('Python: every provider in the sample is found with its models and lines', async () => {
  const out = await run('clients.py');
  const s = summary(out.assets);
  for (const want of [
    'llm-client openai openai.OpenAI @13,14,33,35',
    'model ollama llama3.1 @32',
    'llm-client replicate replicate.run @38',
    'model replicate meta/meta-llama-3-70b-instruct @38',
    'model huggingface Qwen/Qwen2-0.5B-Instruct-GGUF @39',
    'model openai gpt-4o-mini @14',
    'llm-client openai-compatible openai.OpenAI @15,16',
    'llm-client azure-openai openai.AzureOpenAI @17',
    'model anthropic claude-3-5-sonnet-latest @19',
    'llm-client aws-bedrock boto3.client @20,21,34',
    'model aws-bedrock anthropic.claude-3-haiku-20240307-v1:0 @21',
    'model anthropic claude-3-haiku-20240307 @24',
    'llm-client openai langchain_openai.ChatOpenAI @25',
    'model huggingface mistralai/Mistral-7B-v0.1 @26',
    'model huggingface gpt2 @27',
    'model huggingface HuggingFaceH4/zephyr-7b-beta @28',
    'model google gemini-2.0-flash @30',
  ])
    assert.ok(s.includes(want), `missing "${want}" in\n${s.join('\n')}`);
  assert.ok(!s.some((x) => x.includes(' @22') || x.includes(' @23')), 'boto3.client("s3") is not Bedrock');
  assert.ok(!s.some((x) => /YOUR_|fake-model/.test(x)), 'placeholders and test stubs are not models');
  const local = out.assets?.find((a) => a.provider === 'openai-compatible');
  assert.equal(local?.properties.selfHosted, true);
  const gpt = out.assets?.find((a) => a.name === 'gpt-4o-mini');
  assert.equal(gpt?.id, assetId('model', 'openai', 'gpt-4o-mini'));
  assert.equal(gpt?.properties.envVar, 'CHAT_MODEL');
  const rel = out.relations?.find((r) => r.to === gpt?.id);
  assert.equal(rel?.type, 'uses-model');
});

test('TypeScript: SDKs, Vercel AI SDK factories, LangChain.js and Bedrock commands', async () => {
  const out = await run('clients.ts');
  const s = summary(out.assets);
  for (const want of [
    'llm-client openai openai @10,12',
    'model openai gpt-4.1 @12',
    'model anthropic claude-3-7-sonnet-latest @15',
    'llm-client aws-bedrock @aws-sdk/client-bedrock-runtime.BedrockRuntimeClient @16,17',
    'model aws-bedrock amazon.nova-pro-v1:0 @17',
    'model openai gpt-4o-mini @18',
    'llm-client anthropic @langchain/anthropic.ChatAnthropic @19',
    'model google gemini-2.5-flash @21',
    'llm-client vercel-ai-gateway @ai-sdk/gateway.gateway @24',
    'model google gemini-2.5-flash-lite @24',
    // 127.0.0.1:11434 is Ollama's default port: the provider, not an anonymous compatible server.
    'llm-client ollama @ai-sdk/openai.createOpenAI @25,26',
    'model ollama llama3.1:8b @26',
  ])
    assert.ok(s.includes(want), `missing "${want}" in\n${s.join('\n')}`);
  assert.equal(out.assets?.filter((a) => a.kind === 'llm-client' && a.provider === 'aws-bedrock').length, 1);
});

test('comments, docstrings, strings and look-alike local names are not reported', async () => {
  const out = await run('decoy.py');
  assert.deepEqual(out.assets ?? [], []);
});

test('files with no AI hint are skipped by applies() without parsing', () => {
  const file = memoryFile('util.py', 'def add(a, b):\n    return a + b\n');
  assert.equal(llmClientsDetector.applies(file), false);
  assert.equal(llmClientsDetector.applies(memoryFile('README.md', 'openai')), false);
});

test('a broken file yields what can be read, a binary with a .py name yields an error entry', async () => {
  const out = await run('broken.py', 'from openai import OpenAI\nc = OpenAI(\n  def ):\n');
  assert.ok(Array.isArray(out.assets ?? []));
  const bin = memoryFile('x.py', new Uint8Array([0x6f, 0x70, 0x65, 0x6e, 0x61, 0x69, 0xff, 0xfe]));
  const res = await llmClientsDetector.analyze(bin, testContext());
  assert.equal(res.errors?.[0]?.code, 'E_PARSE');
});

test('hub downloads yield a model asset but no API client', async () => {
  const out = await run('unsafe.py');
  const s = summary(out.assets);
  assert.ok(s.includes('model huggingface org/model @16'), s.join('\n'));
  assert.ok(!s.some((x) => x.includes('hf_hub_download')), s.join('\n'));
});

test('TS decoy: JSDoc, comments, strings and a local class named OpenAI are not reported', async () => {
  const out = await run('decoy.ts');
  assert.deepEqual(out.assets ?? [], []);
});

test('Haystack generators, Agno model classes (any submodule) and hub downloads of datasets', async () => {
  const s = summary((await run('frameworks_clients.py')).assets);
  for (const want of [
    'llm-client openai haystack.components.generators.chat.OpenAIChatGenerator @7,9',
    'model openai gpt-4o-mini @7',
    'model ollama qwen2.5:7b @8',
    'model openai gpt-4.1 @9',
    'model openai gpt-4o @10',
    'model huggingface Qwen/Qwen2.5-0.5B-Instruct @13',
  ])
    assert.ok(s.includes(want), `missing "${want}" in\n${s.join('\n')}`);
  const local = s.find((x) => x.includes('OllamaChatGenerator'));
  assert.ok(local?.startsWith('llm-client ollama'), local);
  assert.ok(!s.some((x) => x.includes('GAIA')), 'repo_type="dataset" downloads a dataset, not a model');
});

test("an OpenAI client pointed at another provider's OpenAI-compatible endpoint is that provider", async () => {
  const out = await run('compatible_endpoints.py');
  const clients = (out.assets ?? [])
    .filter((a) => a.kind === 'llm-client')
    .map((a) => `${a.provider} ${String(a.properties.endpoint ?? '-')}`)
    .sort();
  assert.deepEqual(
    clients,
    [
      '-',
      'azure-openai https://myres.openai.azure.com/openai/v1/',
      'deepseek https://api.deepseek.com/v1',
      'google https://generativelanguage.googleapis.com/v1beta/openai/',
      'groq https://api.groq.com/openai/v1',
      'lm-studio http://127.0.0.1:1234/v1',
      'ollama http://localhost:11434/v1',
      'openai https://api.openai.com/v1',
      'openai-compatible http://localhost:8000/v1',
      'openai-compatible https://api.groq.com.evil.example/v1',
      'openrouter https://openrouter.ai/api/v1',
    ].filter((x) => x !== '-'),
  );
  const models = summary(out.assets).filter((s) => s.startsWith('model'));
  for (const want of [
    'model google gemini-2.0-flash @7',
    // Groq serves Llama: the id is no OpenAI family, and it was dropped while the client read as OpenAI.
    'model groq llama-3.3-70b-versatile @8',
    'model openrouter meta-llama/llama-3.1-8b-instruct @10',
    'model deepseek deepseek-chat @11',
    'model ollama llama3.2 @14',
    'model openai gpt-4o @18',
  ])
    assert.ok(models.includes(want), `missing "${want}" in\n${models.join('\n')}`);
  const ollama = (out.assets ?? []).find((a) => a.kind === 'model' && a.name === 'llama3.2');
  assert.equal(ollama?.properties.hosting, 'self-hosted');
});
