import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { memoryFile, testContext } from '@rampart/core';
import { unsafeCodeDetector } from './unsafe-code.js';

const data = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

async function findings(name: string, content: Uint8Array | string = data(name)) {
  const out = await unsafeCodeDetector.analyze(memoryFile(name, content), testContext());
  return (out.findings ?? []).map((f) => `${f.ruleId}@${f.location.line}`);
}

test('each unsafe pattern fires at its line, and the safe variants do not', async () => {
  assert.deepEqual(await findings('unsafe.py'), [
    'code-torch-load-unsafe@14',
    'code-pickle-load-downloaded@17',
    'code-pickle-load@19',
    'code-trust-remote-code@20',
    'code-llm-output-to-sink@28',
    'code-llm-output-to-sink@29',
    'code-llm-output-to-sink@31',
  ]);
});

test('docstrings and comments describing the patterns are not findings', async () => {
  assert.deepEqual(await findings('decoy.py'), []);
});

test('model output flows through method calls and f-strings, but not across functions', async () => {
  const src = [
    'import os',
    'from anthropic import Anthropic',
    'llm = Anthropic()',
    'def a(q):',
    '    msg = llm.messages.create(model="claude-3-5-haiku-latest", max_tokens=9, messages=[])',
    '    cmd = msg.content[0].text.strip()',
    '    os.system(f"run {cmd}")',
    'def b(cmd):',
    '    os.system(cmd)',
  ].join('\n');
  assert.deepEqual(await findings('flow.py', src), ['code-llm-output-to-sink@7']);
});

test('JS: completion text into child_process and new Function', async () => {
  const src = [
    "import OpenAI from 'openai';",
    "import { exec } from 'node:child_process';",
    'const ai = new OpenAI();',
    'export async function go() {',
    "  const r = await ai.responses.create({ model: 'gpt-4o', input: 'x' });",
    '  const code = r.output_text;',
    '  exec(code);',
    '  new Function(code)();',
    "  exec('ls');",
    '}',
  ].join('\n');
  assert.deepEqual(await findings('go.ts', src), ['code-llm-output-to-sink@7', 'code-llm-output-to-sink@8']);
});

test('TS decoy: no unsafe-pattern findings', async () => {
  assert.deepEqual(await findings('decoy.ts'), []);
});
