// Cross-file lineage: an LLM client or agent in the same file as a vector store retrieves from it
// (the retriever -> model -> application link of a RAG pipeline).
import type { Correlator, Relation } from '@rampart/core';

export const ragLineageCorrelator: Correlator = {
  id: 'graph-rag-lineage',
  version: '1',
  description: 'Relates LLM clients and agents to the vector stores used in the same file',
  run(result) {
    const storesByPath = new Map<string, string[]>();
    for (const a of result.assets) {
      if (a.kind !== 'vector-store') continue;
      for (const l of a.locations) storesByPath.set(l.path, [...(storesByPath.get(l.path) ?? []), a.id]);
    }
    const relations: Relation[] = [];
    for (const a of result.assets) {
      if (a.kind !== 'llm-client' && a.kind !== 'agent') continue;
      // An embeddings client feeds the store; it does not retrieve from it.
      if (/embedding/i.test(a.name)) continue;
      for (const l of a.locations)
        for (const s of storesByPath.get(l.path) ?? []) relations.push({ from: a.id, to: s, type: 'retrieves-from' });
    }
    return { relations };
  },
};
