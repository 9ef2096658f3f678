import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { memoryFile, testContext } from '@rampart/core';
import { promptsDetector } from './prompts.js';

const data = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

test('system prompts, message dicts, LangChain messages and templates become prompt assets', async () => {
  const out = await promptsDetector.analyze(memoryFile('prompts.py', data('prompts.py')), testContext());
  const byLine = new Map((out.assets ?? []).map((a) => [a.locations[0]?.line, a]));
  assert.equal(byLine.get(6)?.name, 'SYSTEM_PROMPT');
  assert.equal(byLine.get(6)?.properties.role, 'system');
  assert.equal(byLine.get(6)?.locations.length, 1, 'passed by name: one asset, defined once');
  assert.equal(byLine.get(15)?.properties.role, 'system');
  assert.equal(byLine.get(18)?.properties.role, 'system');
  assert.deepEqual(byLine.get(19)?.properties.variables, ['input_language', 'output_language']);
  assert.equal(byLine.get(20)?.properties.role, 'template');
  assert.ok(![21, 22].some((l) => byLine.has(l)), 'log lines and role strings are not prompts');
});

test('credentials and internal URLs in prompts are findings, and never printed', async () => {
  const out = await promptsDetector.analyze(memoryFile('prompts.py', data('prompts.py')), testContext());
  const f = (out.findings ?? []).map((x) => `${x.ruleId}@${x.location.line}`).sort();
  assert.deepEqual(f, ['prompt-embedded-secret@9', 'prompt-internal-url@18', 'prompt-internal-url@9']);
  const text = JSON.stringify(out);
  assert.ok(!text.includes('Hunter2Secret'), 'the password must not appear in assets or findings');
});

test('docstrings, comments and look-alike names are not prompts', async () => {
  const out = await promptsDetector.analyze(memoryFile('decoy.py', data('decoy.py')), testContext());
  assert.deepEqual(out.assets ?? [], []);
});

// A hang guard for the regexes (a catastrophic pattern would not finish), not a speed target.
test('adversarial prompt text finishes', { timeout: 20_000 }, async () => {
  const evil = `SYSTEM_PROMPT = "${'password is '.repeat(20000)}${'{{a '.repeat(20000)}http://${'a.'.repeat(5000)}"\n`;
  const out = await promptsDetector.analyze(memoryFile('evil.py', evil), testContext());
  assert.equal(out.assets?.length, 1);
});
