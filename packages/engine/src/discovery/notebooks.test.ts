import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { memoryFile, testContext } from '@rampart/core';
import { joinCodeCells, notebookCells, notebookDetector } from './notebooks.js';

const data = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

test('code cells are analysed as Python with cell-relative locations; markdown is not code', async () => {
  const out = await notebookDetector.analyze(memoryFile('nb/analysis.ipynb', data('analysis.ipynb')), testContext());
  const nb = out.assets?.find((a) => a.kind === 'notebook');
  assert.deepEqual(nb?.properties, { language: 'python', cells: 5, codeCells: 4, outputs: 2 });
  const client = out.assets?.find((a) => a.kind === 'llm-client');
  assert.deepEqual(client?.locations, [
    { path: 'nb/analysis.ipynb', line: 1, member: 'cell 3' },
    { path: 'nb/analysis.ipynb', line: 2, member: 'cell 3' },
  ]);
  assert.ok(out.assets?.some((a) => a.kind === 'model' && a.name === 'gpt-4o-mini'));
  assert.ok(out.assets?.some((a) => a.kind === 'prompt'));
  const torch = out.findings?.filter((f) => f.ruleId === 'code-torch-load-unsafe');
  assert.deepEqual(
    torch?.map((f) => f.location),
    [{ path: 'nb/analysis.ipynb', line: 1, member: 'cell 5', column: 9 }],
  );
  assert.ok(out.relations?.some((r) => r.type === 'contains' && r.from === nb?.id && r.to === client?.id));
});

test('a credential in an output is a finding and is never shown in clear', async () => {
  const out = await notebookDetector.analyze(memoryFile('analysis.ipynb', data('analysis.ipynb')), testContext());
  const f = out.findings?.filter((x) => x.ruleId === 'notebook-output-secret');
  assert.equal(f?.length, 1);
  assert.equal(f?.[0]?.location.member, 'cell 4 output');
  assert.ok(!JSON.stringify(out).includes('Hd5Jy0Ae2Gs9'));
});

test('magics and shell escapes are blanked so line numbers hold', () => {
  const { text, starts } = joinCodeCells([
    { number: 1, type: 'code', source: '%pip install x\n!ls\nimport os', outputs: [] },
    { number: 2, type: 'markdown', source: 'eval(x)', outputs: [] },
    { number: 3, type: 'code', source: '%%bash\nrm -rf /\n', outputs: [] },
    { number: 4, type: 'code', source: 'files = !ls\nx = 1', outputs: [] },
  ]);
  assert.equal(text, '\n\nimport os\n\n\n\n\nx = 1');
  assert.deepEqual(starts, [
    { line: 1, cell: 1 },
    { line: 4, cell: 3 },
    { line: 7, cell: 4 },
  ]);
});

test('broken, hostile and non-notebook JSON become error entries naming the file', async () => {
  for (const [name, content] of [
    ['broken.ipynb', '{"cells": [ {"cell_type": "code", '],
    ['list.ipynb', '[1, 2, 3]'],
    ['deep.ipynb', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
  ] as const) {
    const out = await notebookDetector.analyze(memoryFile(name, content), testContext());
    assert.equal(out.errors?.length, 1, name);
    assert.equal(out.errors?.[0]?.code, 'E_PARSE', name);
    assert.match(out.errors?.[0]?.message ?? '', new RegExp(name.replace('.', '\\.')));
  }
});

test('legacy nbformat 3 worksheets are read', () => {
  const { cells } = notebookCells({ worksheets: [{ cells: [{ cell_type: 'code', input: ['import torch'] }] }] });
  assert.equal(cells[0]?.source, 'import torch');
});

test('an invalid cell (an <your-api-key> placeholder) hides nothing after it and is reported', async () => {
  const out = await notebookDetector.analyze(memoryFile('nb/rag.ipynb', data('placeholder.ipynb')), testContext());
  // The loader in cell 3 and the client in cell 5 come after two invalid cells.
  const web = out.assets?.find((a) => a.kind === 'dataset');
  assert.equal(web?.name, 'https://example.com/blog/agents/');
  assert.deepEqual(web?.locations, [{ path: 'nb/rag.ipynb', line: 2, member: 'cell 3' }]);
  const client = out.assets?.find((a) => a.kind === 'llm-client');
  assert.deepEqual(client?.locations, [{ path: 'nb/rag.ipynb', line: 2, member: 'cell 5' }]);
  assert.ok(out.assets?.some((a) => a.kind === 'model' && a.name === 'gpt-4o-mini'));
  // Each invalid cell is named, with the lines left out; the valid cells are not.
  assert.deepEqual(
    out.skipped?.map((s) => [s.path, s.reason, s.detail?.replace(/^.*: (cell)/, '$1')]),
    [['nb/rag.ipynb', 'inconclusive', 'cell 2 (line 2), cell 4 (line 1); the other cells were analysed']],
  );
  assert.ok(!out.skipped?.some((s) => /your-api-key>/.test(s.detail ?? '')), 'the invalid text is not echoed');
});

test('a valid notebook is parsed once and reports no skipped cell', async () => {
  const out = await notebookDetector.analyze(memoryFile('nb/analysis.ipynb', data('analysis.ipynb')), testContext());
  assert.deepEqual(out.skipped ?? [], []);
});

test('automagic pip and conda lines (no % sign) are IPython, not an invalid cell', async () => {
  const out = await notebookDetector.analyze(memoryFile('nb/setup.ipynb', data('automagic.ipynb')), testContext());
  assert.deepEqual(out.skipped ?? [], []);
  const client = out.assets?.find((a) => a.kind === 'llm-client');
  assert.deepEqual(client?.locations, [
    { path: 'nb/setup.ipynb', line: 3, member: 'cell 3' },
    { path: 'nb/setup.ipynb', line: 4, member: 'cell 3' },
  ]);
  // A shell escape continued over several lines with backslashes is left out whole.
  const cont = joinCodeCells([
    {
      number: 1,
      type: 'code',
      source: '!pip install -qU \\\n    langchain==0.1 \\\n    anthropic\nimport os',
      outputs: [],
    },
  ]);
  assert.equal(cont.text, '\n\n\nimport os');
  // A Python line that merely starts with the word stays code.
  const { text } = joinCodeCells([{ number: 1, type: 'code', source: 'pip = 1\npip install x', outputs: [] }]);
  assert.equal(text, 'pip = 1\n');
});

test('the automagic pattern stays linear on long hostile lines', () => {
  const line = `pip${' '.repeat(200_000)}installx`;
  const t0 = performance.now();
  joinCodeCells([{ number: 1, type: 'code', source: line, outputs: [] }]);
  assert.ok(performance.now() - t0 < 500);
});
