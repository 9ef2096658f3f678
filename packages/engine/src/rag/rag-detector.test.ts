// RAG discovery on code shaped like real tutorials (found missing by a hand check on public RAG projects).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { memoryFile, testContext } from '@rampart/core';
import { ragDetector } from './rag-detector.js';
import { sameCallee } from './rag-tables.js';

it('finds stores, embeddings and sources under old and nested LangChain import paths', async () => {
  const text = readFileSync(new URL('./testdata/old_langchain_rag.py', import.meta.url));
  const r = await ragDetector.analyze(memoryFile('app/rag.py', text), testContext());
  const names = (kind: string) =>
    [...new Set((r.assets ?? []).filter((a) => a.kind === kind).map((a) => a.name))].sort();
  assert.deepEqual(names('vector-store'), ['Chroma']);
  assert.deepEqual(names('model'), ['amazon.titan-embed-text-v1', 'text-embedding-ada-002']);
  assert.deepEqual(names('dataset'), ['app/data', 'https://lilianweng.github.io/posts/2023-06-23-agent/']);
  assert.ok((r.relations ?? []).some((x) => x.type === 'embeds-with'));
  assert.ok((r.relations ?? []).some((x) => x.type === 'reads-from'));
});

it('matches LangChain classes across packages and submodules, and nothing else', () => {
  assert.equal(sameCallee('langchain.vectorstores.chroma.Chroma', 'langchain_community.vectorstores.Chroma'), true);
  assert.equal(
    sameCallee('langchain_chroma.Chroma.from_documents', 'langchain_community.vectorstores.Chroma.from_documents'),
    true,
  );
  assert.equal(
    sameCallee('langchain.vectorstores.chroma.Chroma', 'langchain_community.vectorstores.Chroma.from_documents'),
    false,
  );
  assert.equal(sameCallee('mylib.Chroma', 'langchain_community.vectorstores.Chroma'), false);
});
