// Lineage across detectors and files:
// - retrieves-from: an LLM client or agent retrieves from a vector store when the store's data
//   reaches it — the RAG detector records the lines where the store, a retriever built on it or the
//   documents it returned are handed on (`retrievedAt`); a client or agent found on one of those lines
//   is linked. Sharing a file is not evidence (a notebook that fills a store with an LLM's summaries
//   does not retrieve), and embeddings clients feed a store, they do not retrieve from it.
// - embeds-with across modules: a store whose embedding function is imported from another module of
//   the project (`embedding_function=get_embedding_function()`) is linked to the embedding model built
//   there, resolved by the function or variable name and the import's module path.
import type { Asset, Correlator, Relation } from '@rampart/core';
import { moduleFiles, nearest } from '../agents/cross-file-tools.js';
import { siteKey } from '../rag/rag-detector.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const ragLineageCorrelator: Correlator = {
  id: 'graph-rag-lineage',
  version: '2',
  description:
    'Relates LLM clients and agents to the vector stores whose data reaches them, and stores to embedding models built in other modules',
  run(result) {
    const storesBySite = new Map<string, string[]>();
    const exported = new Map<string, Asset[]>();
    for (const a of result.assets) {
      if (a.kind === 'vector-store')
        for (const k of strings(a.properties.retrievedAt)) storesBySite.set(k, [...(storesBySite.get(k) ?? []), a.id]);
      if (a.kind === 'model')
        for (const e of strings(a.properties.exportedAs)) {
          const name = e.slice(e.lastIndexOf('#') + 1);
          exported.set(name, [...(exported.get(name) ?? []), a]);
        }
    }
    const relations: Relation[] = [];
    for (const a of result.assets) {
      if (a.kind !== 'llm-client' && a.kind !== 'agent') continue;
      // An embeddings client feeds the store; it does not retrieve from it.
      if (/embedding/i.test(a.name)) continue;
      for (const l of a.locations)
        for (const s of storesBySite.get(siteKey(l)) ?? [])
          relations.push({ from: a.id, to: s, type: 'retrieves-from', properties: { evidence: siteKey(l) } });
    }
    for (const s of result.assets) {
      if (s.kind !== 'vector-store') continue;
      for (const q of strings(s.properties.embeddingFrom)) {
        const name = q.slice(q.lastIndexOf('.') + 1);
        const storePath = s.locations[0]?.path ?? '';
        const { exact, suffixes } = moduleFiles(q, storePath);
        const inModule = (m: Asset) =>
          strings(m.properties.exportedAs).some((e) => {
            const file = e.slice(0, e.lastIndexOf('#'));
            return e.endsWith(`#${name}`) && (exact.includes(file) || suffixes.some((x) => `/${file}`.endsWith(x)));
          });
        const located = (exported.get(name) ?? []).filter(inModule);
        const pick = located.length === 1 ? located[0] : located.length > 1 ? nearest(located, storePath) : undefined;
        if (pick)
          relations.push({ from: s.id, to: pick.id, type: 'embeds-with', properties: { resolvedAcrossFiles: true } });
      }
    }
    return { relations };
  },
};
