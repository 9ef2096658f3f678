// The import-line pattern the lineage correlator uses to find modules joining a store export.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { importLinePattern } from './lineage.js';

it('matches a from-import line naming an export, not a mention elsewhere', () => {
  const re = importLinePattern(['retriever', 'get_retriever']);
  assert.ok(re.test('import os\nfrom tools.get_retriever import retriever\n'));
  assert.ok(re.test('from .store import vectorstore, get_retriever  # factory\n'));
  assert.ok(!re.test('retriever = None\nprint("from x import retriever")\n'));
  assert.ok(!re.test('from tools.get_retriever import retrievers\n'), 'a longer name is another name');
});

it('stays linear on adversarial input (whitespace runs, a long from-line without the name)', () => {
  const re = importLinePattern(['retriever']);
  const blank = '\n'.repeat(200_000) + ' \t'.repeat(200_000);
  const longLine = `from a import ${'b, '.repeat(200_000)}`;
  const manyFroms = 'from a import x\n'.repeat(50_000);
  for (const text of [blank, longLine, manyFroms]) assert.equal(re.test(text), false);
});
