// RAG and training lineage in code: vector stores, embedding models, ingestion sources (buckets,
// folders, files, web pages, databases, Hugging Face datasets) and fine-tuning jobs, related so the
// graph can tell which data reaches which store and model. Sensitivity is labelled from names.
import { posix } from 'node:path';
import {
  type Asset,
  assetId,
  type Detector,
  type DetectorOutput,
  emptyOutput,
  type Location,
  type Relation,
} from '@rampart/core';
import { arg } from '../agents/tools.js';
import { codeApplies, fileRef, hintPattern, loadSource, type SourceRef } from '../discovery/code-file.js';
import { plausibleHfRepo, providerOfModel } from '../discovery/model-ids.js';
import { type AnalyzedSource, calleeUnder, stringOf, type Value } from '../lang/index.js';
import { EMBEDDINGS, SOURCES, sameCallee, VECTOR_STORES } from './rag-tables.js';
import { labelsFromName } from './sensitivity.js';

export const RAG_DETECTOR_ID = 'code-rag-lineage';

const HINTS = hintPattern([
  'chroma',
  'pinecone',
  'qdrant',
  'weaviate',
  'milvus',
  'pgvector',
  'PGVector',
  'faiss',
  'FAISS',
  'lancedb',
  'vectorstore',
  'VectorStore',
  'Embedding',
  'SentenceTransformer',
  'Loader',
  'SimpleDirectoryReader',
  'load_dataset',
  'snapshot_download',
  'hf_hub_download',
  'read_csv',
  'read_parquet',
  'read_json',
  'fine_tuning',
  // `client.files.create(file=open(...), purpose='fine-tune')`: the training file of a fine-tune.
  '.files.create',
  'Trainer',
  'SQLDatabase',
  'DocumentStore',
  'Embedder',
  'vectordb',
]);

const isUri = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('arn:');

/** The dataset asset id for a location: URIs as they are, relative paths resolved against the file's folder. */
export function datasetId(location: string, fromPath: string): { id: string; name: string } {
  if (isUri(location) || location.startsWith('/')) return { id: assetId('dataset', 'uri', location), name: location };
  const rel = posix.normalize(posix.join(posix.dirname(fromPath), location)).replace(/\/$/, '');
  return { id: assetId('dataset', 'file', rel), name: rel };
}

/** Passes over the assignments when following a store's data; each pass follows one more hop. */
const MAX_FLOW_PASSES = 12;
/** Keyword arguments of a store constructor that hand it its embedding function. */
const EMBEDDING_KWARGS = ['embedding_function', 'embedding', 'embeddings', 'embed_model'];

/** "path:line", or "path (cell 3):2" in a notebook: how a retrieval site is written on a store. */
export function siteKey(l: Location): string {
  return `${l.path}${l.member ? ` (${l.member})` : ''}:${l.line ?? 0}`;
}

const rootOf = (text: string) => text.split('.')[0] ?? text;

/**
 * Where the data of the store built by call `storeCall` is consumed: the lines of calls that take it
 * (or something derived from it — a retriever, retrieved documents, a retriever tool) as an
 * argument, the lines where the other names in such a call or pipe were constructed
 * (`RetrievalQA.from_chain_type(llm=llm, retriever=r)`, `{"context": r} | prompt | llm`), and the
 * construction line of an object whose method gets the data (`llm.invoke(docs)`). Calls *on* the
 * store (`db.add_documents(summaries)`) write to it: they are not retrieval. One file, names only,
 * a bounded number of hops.
 */
export function retrievalSites(
  model: AnalyzedSource,
  seed: { calls: Iterable<number>; names?: Iterable<string> },
  exclude: ReadonlySet<number>,
  /** Filled with names the data reaches that are not built in this file (imported), and the line. */
  unbuilt?: Map<string, number>,
): Set<number> {
  const names = new Set<string>(seed.names ?? []);
  const calls = new Set<number>(seed.calls);
  const seeds = new Set(calls);
  const ctorLine = (name: string, before: number): number | undefined => {
    let found: number | undefined;
    for (const a of model.assignments)
      if (a.target === name && a.value.kind === 'call' && (found === undefined || a.line <= before))
        found = model.calls[a.value.call]?.line;
    return found;
  };
  const ctorRefs = (name: string, before: number): string[] => {
    let found: string[] = [];
    for (const a of model.assignments)
      if (a.target === name && a.value.kind === 'call' && a.line <= before) found = a.refs.map(rootOf);
    return found.filter((r) => r !== name);
  };
  for (let pass = 0; pass < MAX_FLOW_PASSES; pass++) {
    const before = names.size + calls.size;
    for (const c of model.calls)
      if (
        names.has(rootOf(c.text)) ||
        c.argRefs.some((r) => names.has(rootOf(r))) ||
        c.argCalls.some((i) => calls.has(i))
      )
        calls.add(c.index);
    for (const a of model.assignments)
      if (a.refs.some((r) => names.has(rootOf(r))) || a.calls.some((i) => calls.has(i))) names.add(a.target);
    if (names.size + calls.size === before) break;
  }
  const lines = new Set<number>();
  const add = (n: number | undefined) => {
    if (n !== undefined) lines.add(n);
  };
  const addBuilt = (name: string, at: number) => {
    const l = ctorLine(name, at);
    if (l !== undefined) lines.add(l);
    else if (unbuilt && !unbuilt.has(name)) unbuilt.set(name, at);
  };
  for (const i of calls) {
    const c = model.calls[i]!;
    if (seeds.has(i) || exclude.has(i)) continue;
    const takesData = c.argRefs.some((r) => names.has(rootOf(r))) || c.argCalls.some((x) => calls.has(x));
    if (!takesData) continue;
    add(c.line);
    for (const x of c.argCalls) if (!calls.has(x) && !exclude.has(x)) add(model.calls[x]?.line);
    for (const r of [rootOf(c.text), ...c.argRefs.map(rootOf)]) {
      if (names.has(r)) continue;
      addBuilt(r, c.line);
      // One level into a co-argument built from other objects: `create_retrieval_chain(retriever,
      // combine)` with `combine = create_stuff_documents_chain(llm, prompt)` reaches the LLM.
      for (const inner of ctorRefs(r, c.line)) if (!names.has(inner)) addBuilt(inner, c.line);
    }
  }
  // Pipes and other expressions that are no call: `chain = {"context": retriever} | prompt | llm`.
  for (const a of model.assignments) {
    if (a.value.kind === 'call' || !a.refs.some((r) => names.has(rootOf(r)))) continue;
    for (const r of a.refs.map(rootOf)) if (!names.has(r)) addBuilt(r, a.line);
  }
  for (const i of exclude) lines.delete(model.calls[i]?.line ?? -1);
  return lines;
}

/**
 * Names another module can import a store built by `call` under: the module-level variables holding it
 * or something derived from it (`retriever = db.as_retriever()`), or the top-level function building it
 * (`def get_retriever(): ...`). Bounded passes over module-level assignments.
 */
function storeExports(model: AnalyzedSource, call: number): string[] {
  const c = model.calls[call]!;
  if (c.scope >= 0) return exportedNames(model, call);
  const names = new Set(exportedNames(model, call));
  const calls = new Set([call]);
  for (let pass = 0; pass < MAX_FLOW_PASSES; pass++) {
    const before = names.size + calls.size;
    for (const x of model.calls) if (x.scope === -1 && names.has(rootOf(x.text))) calls.add(x.index);
    for (const a of model.assignments)
      if (
        a.scope === -1 &&
        /^[A-Za-z_]\w*$/.test(a.target) &&
        (a.refs.some((r) => names.has(rootOf(r))) || a.calls.some((i) => calls.has(i)))
      )
        names.add(a.target);
    if (names.size + calls.size === before) break;
  }
  // `def get_retriever(id): return vector_store.as_retriever(...)`: a top-level function reading the
  // store (a retriever or a search over it) hands its data to whoever calls it.
  for (const x of model.calls) {
    const m = /\.([A-Za-z_]\w*)$/.exec(x.text);
    if (x.scope < 0 || !names.has(rootOf(x.text)) || !m || !READ_METHOD.test(m[1]!)) continue;
    let f = model.functions[x.scope];
    for (let hops = 0; f && f.parent >= 0 && hops < 16; hops++) f = model.functions[f.parent];
    if (f && f.parent === -1 && /^[A-Za-z_]\w*$/.test(f.name)) names.add(f.name);
  }
  return [...names].sort();
}

/** Store methods that read from it (retrievers and searches), as opposed to writes (add_documents). */
const READ_METHOD =
  /^(as_retriever|similarity_search\w*|max_marginal_relevance_search\w*|search|query|get_relevant_documents|invoke|ainvoke)$/;

/** Names another module can import an embedding built by `call` under: its module-level variable or factory function. */
function exportedNames(model: AnalyzedSource, call: number): string[] {
  const c = model.calls[call]!;
  if (c.scope < 0)
    return model.assignments
      .filter((a) => a.scope === -1 && a.value.kind === 'call' && a.value.call === call)
      .map((a) => a.target)
      .filter((t) => /^[A-Za-z_]\w*$/.test(t));
  let f = model.functions[c.scope];
  for (let hops = 0; f && f.parent >= 0 && hops < 16; hops++) f = model.functions[f.parent];
  return f && f.parent === -1 && /^[A-Za-z_]\w*$/.test(f.name) ? [f.name] : [];
}

export function findRag(model: AnalyzedSource, ref: SourceRef): Partial<DetectorOutput> {
  const out = emptyOutput();
  const path = ref.path;
  const stores: Asset[] = [];
  const storeCalls = new Map<Asset, number>();
  const embeddingCalls = new Set<number>();
  const embeddings: Asset[] = [];
  const datasets: Asset[] = [];
  for (const c of model.calls) {
    const store = VECTOR_STORES.find((s) => sameCallee(c.callee, s.callee));
    if (store) {
      const collection = stringOf(arg(c, store.collection));
      // A local store with no collection is the folder it persists to: two files opening
      // persist_directory="chroma" open the same store (rag-tutorial-v2's ingest and query scripts).
      const dir = collection ? undefined : stringOf(c.kwargs.persist_directory ?? c.kwargs.persist_path);
      const folder = dir ? datasetId(dir, path).name : undefined;
      const id = assetId('vector-store', 'code', store.product, collection ?? (folder ? `dir:${folder}` : path));
      const a: Asset = {
        id,
        kind: 'vector-store',
        name: collection ? `${store.product}: ${collection}` : folder ? `${store.product} (${folder})` : store.product,
        provider: store.product.toLowerCase(),
        locations: [ref.locate(c.line)],
        properties: {
          product: store.product,
          ...(collection ? { collection, dataSensitivity: labelsFromName(collection) } : {}),
          ...(folder ? { persistDirectory: folder } : {}),
        },
      };
      stores.push(a);
      storeCalls.set(a, c.index);
      continue;
    }
    const emb = EMBEDDINGS.find((e) => sameCallee(c.callee, e.callee));
    if (emb) {
      // A model passed but not known statically (`model_name_or_path=self.id`) is not the default one.
      const given = arg(c, emb.model);
      const cls = c.callee.slice(c.callee.lastIndexOf('.') + 1);
      const name =
        stringOf(given) ??
        (given === undefined
          ? (emb.default ?? `${cls} (default model)`)
          : given.kind === 'env'
            ? `${cls} (model from $${given.name})`
            : `${cls} (model set at runtime)`);
      const provider = emb.provider === 'huggingface' ? (providerOfModel(name) ?? 'huggingface') : emb.provider;
      const exported = exportedNames(model, c.index);
      embeddingCalls.add(c.index);
      embeddings.push({
        id: assetId('model', provider, name),
        kind: 'model',
        name,
        provider,
        locations: [ref.locate(c.line)],
        // Another module's store may get this embedding by importing the variable or factory function.
        properties: {
          role: 'embedding',
          ...(exported.length > 0 ? { exportedAs: exported.map((n) => `${path}#${n}`) } : {}),
        },
      });
      continue;
    }
    const src = SOURCES.find(
      (s) => sameCallee(c.callee, s.callee) && (!s.when || s.when.values.includes(stringOf(c.kwargs[s.when.kw]) ?? '')),
    );
    if (src) {
      const parts = src.location
        .map((r) => firstString(arg(c, r)))
        .filter((x): x is string => x !== undefined && x !== '');
      if (parts.length === 0) continue;
      let location = parts.join('/');
      if (src.sourceType === 's3' && !location.startsWith('s3://')) location = `s3://${location}`;
      if (src.sourceType === 'gcs' && !location.startsWith('gs://')) location = `gs://${location}`;
      let sourceType = src.sourceType;
      if (sourceType === 'hf-dataset') {
        // load_dataset("json", data_files="train.jsonl") or load_dataset("data/gaia/GAIA.py") read local files.
        const local = localDatasetFiles(location, c.kwargs.data_files);
        if (local === null) continue;
        if (local !== undefined) {
          location = local;
          sourceType = 'file';
        }
      }
      const { id, name } =
        sourceType === 'hf-dataset'
          ? { id: assetId('dataset', 'huggingface', location), name: location }
          : datasetId(location, path);
      datasets.push({
        id,
        kind: 'dataset',
        name,
        locations: [ref.locate(c.line)],
        properties: {
          sourceType,
          loader: c.callee,
          dataSensitivity: labelsFromName(location),
          ...(src.untrusted ? { untrustedContent: true } : {}),
        },
      });
    }
  }
  // Fine-tuning: OpenAI jobs and transformers Trainer runs.
  const tuned: Asset[] = [];
  const bases: string[] = [];
  for (const c of model.calls) {
    if (/\.fine_tuning\.jobs\.create$/.test(c.callee)) {
      const base = stringOf(c.kwargs.model);
      const name = `fine-tune of ${base ?? 'an OpenAI model'}${stringOf(c.kwargs.suffix) ? ` (${stringOf(c.kwargs.suffix)})` : ''}`;
      tuned.push({
        id: assetId('model', 'openai', 'fine-tune', path, name),
        kind: 'model',
        name,
        provider: 'openai',
        locations: [ref.locate(c.line)],
        properties: { fineTuned: true },
      });
      if (base) bases.push(base);
    }
    if (calleeUnder(c.callee, 'transformers.TrainingArguments')) {
      const hub = stringOf(c.kwargs.hub_model_id) ?? stringOf(c.kwargs.output_dir) ?? stringOf(c.args[0]);
      if (hub)
        tuned.push({
          id: assetId('model', providerOfModel(hub) ?? 'huggingface', hub),
          kind: 'model',
          name: hub,
          provider: providerOfModel(hub) ?? 'huggingface',
          locations: [ref.locate(c.line)],
          properties: { fineTuned: true },
        });
    }
    if (/\.from_pretrained$/.test(c.callee) && c.callee.startsWith('transformers')) {
      const b = stringOf(c.args[0]) ?? stringOf(c.kwargs.pretrained_model_name_or_path);
      if (b) bases.push(b);
    }
    if (c.callee === 'open' || c.callee === 'builtins.open') {
      const p = stringOf(c.args[0]);
      const parent = model.calls.find((x) => x.argCalls.includes(c.index));
      if (p && parent && /\.files\.create$/.test(parent.callee)) {
        const { id, name } = datasetId(p, path);
        datasets.push({
          id,
          kind: 'dataset',
          name,
          locations: [ref.locate(c.line)],
          properties: { sourceType: 'file', purpose: 'fine-tuning', dataSensitivity: labelsFromName(p) },
        });
      }
    }
  }
  const rel = (from: string, to: string, type: Relation['type']) => out.relations.push({ from, to, type });
  for (const s of stores) {
    const call = model.calls[storeCalls.get(s)!]!;
    // The lines where the store's data reaches something else: the lineage correlator links an LLM
    // client or agent found on one of them (evidence of retrieval, not just the same file).
    const sites = [...retrievalSites(model, { calls: [call.index] }, embeddingCalls)].sort((a, b) => a - b);
    if (sites.length > 0) s.properties.retrievedAt = sites.map((l) => siteKey(ref.locate(l)));
    // Names another module can import the store (or a retriever built on it) under: followed there by the correlator.
    const exportedStore = path.endsWith('.py') ? storeExports(model, call.index) : [];
    if (exportedStore.length > 0) s.properties.exportedAs = exportedStore.map((n) => `${path}#${n}`);
    // An embedding function imported from another module: resolved across files by the correlator.
    const embArg =
      EMBEDDING_KWARGS.map((k) => call.kwargs[k]).find((v) => v !== undefined) ??
      (/\.from_(documents|texts)$/.test(call.callee) ? call.args[1] : undefined);
    const foreign =
      embArg?.kind === 'call'
        ? model.calls[embArg.call]?.callee
        : embArg?.kind === 'name' && embArg.qname.includes('.')
          ? embArg.qname
          : undefined;
    if (foreign && !EMBEDDINGS.some((e) => sameCallee(foreign, e.callee)) && !foreign.includes('('))
      s.properties.embeddingFrom = [foreign];
    for (const e of embeddings) rel(s.id, e.id, 'embeds-with');
    for (const d of datasets) rel(s.id, d.id, 'reads-from');
  }
  for (const t of tuned) {
    for (const d of datasets) rel(t.id, d.id, 'trained-on');
    for (const b of bases) {
      const provider = t.provider === 'openai' ? 'openai' : (providerOfModel(b) ?? 'huggingface');
      const bid = assetId('model', provider, b);
      out.assets.push({ id: bid, kind: 'model', name: b, provider, locations: t.locations, properties: {} });
      rel(t.id, bid, 'fine-tuned-from');
    }
  }
  out.assets.push(...stores, ...embeddings, ...datasets, ...tuned);
  return out;
}

export const ragDetector: Detector = {
  id: RAG_DETECTOR_ID,
  version: '4',
  description: 'Vector stores, embedding models, ingestion sources and fine-tuning jobs in code, with lineage',
  applies: (f) => codeApplies(f, HINTS),
  async analyze(file) {
    const out: Partial<DetectorOutput> = {};
    const model = await loadSource(file, HINTS, out, RAG_DETECTOR_ID);
    if (!model) return out;
    const found = findRag(model, fileRef(file.path));
    return { ...found, skipped: out.skipped ?? [], errors: out.errors ?? [] };
  },
};

/** Packaged builders of the datasets library: they read the files given in data_files, not a Hub repo. */
const HF_BUILDERS = new Set([
  'json',
  'csv',
  'parquet',
  'text',
  'arrow',
  'pandas',
  'xml',
  'sql',
  'imagefolder',
  'audiofolder',
  'videofolder',
  'webdataset',
]);

/**
 * For a Hub dataset location: the local files it really reads (a builder's data_files, a loading
 * script or folder path), undefined for a Hub repo id, null for a builder whose files are not literal.
 */
function localDatasetFiles(location: string, dataFiles: Value | undefined): string | null | undefined {
  if (HF_BUILDERS.has(location)) {
    const v = dataFiles?.kind === 'dict' ? dataFiles.entries[0]?.value : dataFiles;
    return firstString(v) ?? null;
  }
  return plausibleHfRepo(location) ? undefined : location;
}

/** A string argument, or the first string of a list/tuple argument (web_paths=(url,)). */
function firstString(v: Value | undefined): string | undefined {
  if (v?.kind === 'list') return v.items.map((i) => stringOf(i)).find((x) => x !== undefined);
  return stringOf(v);
}
