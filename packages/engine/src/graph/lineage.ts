// Lineage across detectors and files:
// - retrieves-from: an LLM client or agent retrieves from a vector store when the store's data
//   reaches it — the RAG detector records the lines where the store, a retriever built on it or the
//   documents it returned are handed on (`retrievedAt`); a client or agent found on one of those lines
//   is linked. Sharing a file is not evidence (a notebook that fills a store with an LLM's summaries
//   does not retrieve), and embeddings clients feed a store, they do not retrieve from it.
// - embeds-with across modules: a store whose embedding function is imported from another module of
//   the project (`embedding_function=get_embedding_function()`) is linked to the embedding model built
//   there, resolved by the function or variable name and the import's module path.
// - retrieves-from across modules: a store (or a retriever built on it) that one module exposes as a
//   variable or factory function (`exportedAs`) and another module imports: the importing module is
//   read (bounded, see ModuleReader) and the store's data followed there from the imported name or
//   the factory's calls, the same way the RAG detector follows it within a file.
import { realpathSync } from 'node:fs';
import type { Asset, Correlator, Relation, Skipped } from '@rampart/core';
import {
  moduleCandidates,
  moduleFiles,
  nearest,
  SCAN_FILES_OPTION,
  SCAN_ROOT_OPTION,
} from '../agents/cross-file-tools.js';
import { ModuleReader } from '../agents/module-reader.js';
import type { AnalyzedSource } from '../lang/index.js';
import { retrievalSites, siteKey } from '../rag/rag-detector.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const ragLineageCorrelator: Correlator = {
  id: 'graph-rag-lineage',
  version: '3',
  description:
    'Relates LLM clients and agents to the vector stores whose data reaches them, and stores to embedding models built in other modules',
  async run(result, ctx) {
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
    const skipped: Skipped[] = [];
    const root = ctx.options[SCAN_ROOT_OPTION];
    if (typeof root === 'string') {
      const files = ctx.options[SCAN_FILES_OPTION];
      const list = Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string') : [];
      const reader = new ModuleReader(realpathSync(root), Array.isArray(files) ? new Set(list) : undefined);
      relations.push(...(await crossModuleRetrieval(result.assets, reader, list)));
      skipped.push(...reader.skipped.map((x) => ({ ...x, detector: 'graph-rag-lineage' })));
    }
    return { relations, skipped };
  },
};

interface StoreExport {
  store: Asset;
  file: string;
  name: string;
}

/** Seeds in `model` (at `path`) that stand for an exported store: calls of its factory and imported names. */
function importedStoreSeeds(
  model: AnalyzedSource,
  path: string,
  exports: ReadonlyMap<string, StoreExport[]>,
): Map<Asset, { calls: number[]; names: string[] }> {
  const out = new Map<Asset, { calls: number[]; names: string[] }>();
  const seedOf = (s: Asset) => {
    const x = out.get(s) ?? { calls: [], names: [] };
    out.set(s, x);
    return x;
  };
  const fromModule = (q: string, name: string): Asset[] => {
    const { exact, suffixes } = moduleFiles(q, path);
    return (exports.get(name) ?? [])
      .filter((e) => e.file !== path && (exact.includes(e.file) || suffixes.some((x) => `/${e.file}`.endsWith(x))))
      .map((e) => e.store);
  };
  for (const c of model.calls) {
    if (c.callee.includes('(')) continue;
    const name = c.callee.slice(c.callee.lastIndexOf('.') + 1);
    if (exports.has(name) && c.callee.includes('.'))
      for (const s of fromModule(c.callee, name)) seedOf(s).calls.push(c.index);
  }
  for (const b of model.imports) {
    if (!b.name || !exports.has(b.name)) continue;
    for (const s of fromModule(`${b.module}.${b.name}`, b.name)) seedOf(s).names.push(b.local);
  }
  return out;
}

/**
 * A `from … import …` line naming one of `names` (identifiers). Linear: no quantifier can cross a
 * line ([ \t] only before `import`), one alternation of plain identifiers after it.
 */
export function importLinePattern(names: readonly string[]): RegExp {
  return new RegExp(`^[ \\t]*from[ \\t]+[\\w.]+[ \\t]+import\\b[^\\n]*\\b(?:${names.join('|')})\\b`, 'm');
}

/** Store exports a joining module may name; more are not looked for (a scan with many stores). */
const MAX_EXPORT_NAMES = 64;

/**
 * `retrieves-from` for LLM clients and agents whose module imports a store (or its retriever or
 * factory) exposed by another module, when the store's data reaches them there. Read: the modules
 * holding an LLM client or agent, and the modules whose `from … import` line names a store export (a
 * chain module joining an imported retriever with an imported LLM); the LLM is then found at the line
 * where its own module builds the imported variable.
 */
async function crossModuleRetrieval(
  assets: readonly Asset[],
  reader: ModuleReader,
  walked: readonly string[],
): Promise<Relation[]> {
  const exports = new Map<string, StoreExport[]>();
  for (const s of assets) {
    if (s.kind !== 'vector-store') continue;
    for (const e of strings(s.properties.exportedAs)) {
      const file = e.slice(0, e.lastIndexOf('#'));
      const name = e.slice(e.lastIndexOf('#') + 1);
      exports.set(name, [...(exports.get(name) ?? []), { store: s, file, name }]);
    }
  }
  if (exports.size === 0) return [];
  const users = new Map<string, Asset[]>();
  const at = new Map<string, Asset[]>();
  for (const a of assets) {
    if ((a.kind !== 'llm-client' && a.kind !== 'agent') || /embedding/i.test(a.name)) continue;
    for (const l of a.locations) {
      if (!l.path.endsWith('.py') || l.member) continue;
      users.set(l.path, [...(users.get(l.path) ?? []), a]);
      at.set(`${l.path}:${l.line ?? 0}`, [...(at.get(`${l.path}:${l.line ?? 0}`) ?? []), a]);
    }
  }
  if (users.size === 0) return [];
  const consumers = new Set(users.keys());
  const names = [...exports.keys()].filter((n) => /^[A-Za-z_]\w*$/.test(n)).slice(0, MAX_EXPORT_NAMES);
  const importLine = importLinePattern(names);
  for (const f of walked)
    if (f.endsWith('.py') && !consumers.has(f) && reader.mentions(f, importLine)) consumers.add(f);
  const out: Relation[] = [];
  const link = (u: Asset, store: Asset, evidence: string) => {
    if (!out.some((r) => r.from === u.id && r.to === store.id))
      out.push({
        from: u.id,
        to: store.id,
        type: 'retrieves-from',
        properties: { evidence, resolvedAcrossFiles: true },
      });
  };
  for (const path of [...consumers].sort()) {
    const model = await reader.model(path);
    if (!model) continue;
    for (const [store, seed] of importedStoreSeeds(model, path, exports)) {
      const unbuilt = new Map<string, number>();
      const lines = retrievalSites(model, seed, new Set(), unbuilt);
      for (const u of users.get(path) ?? [])
        for (const l of u.locations)
          if (l.path === path && l.line !== undefined && lines.has(l.line)) link(u, store, siteKey(l));
      // An LLM imported into this module: found where its own module builds the variable.
      for (const [name, line] of unbuilt) {
        const b = model.imports.find((i) => i.local === name && i.name !== undefined && i.name !== '*');
        if (!b) continue;
        for (const rel of moduleCandidates(`${b.module}.${b.name}`, path)) {
          const m = await reader.model(rel);
          const bound = m?.assignments.find((x) => x.scope === -1 && x.target === b.name && x.value.kind === 'call');
          if (!m || bound?.value.kind !== 'call') continue;
          for (const u of at.get(`${rel}:${m.calls[bound.value.call]?.line ?? 0}`) ?? [])
            link(u, store, `${path}:${line}`);
          break;
        }
      }
    }
  }
  return out;
}
