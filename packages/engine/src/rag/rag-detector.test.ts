// RAG discovery on code shaped like real tutorials (found missing by a hand check on public RAG projects).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryFile, testContext } from '@rampart/core';
import { scan } from '../scan/scan.js';
import { ragDetector } from './rag-detector.js';
import { sameCallee } from './rag-tables.js';

it('finds stores, embeddings and sources under old and nested LangChain import paths', async () => {
  const text = readFileSync(new URL('./testdata/old_langchain_rag.py', import.meta.url));
  const r = await ragDetector.analyze(memoryFile('app/rag.py', text), testContext());
  const names = (kind: string) =>
    [...new Set((r.assets ?? []).filter((a) => a.kind === kind).map((a) => a.name))].sort();
  assert.deepEqual(names('vector-store'), ['Chroma', 'Chroma (app/chroma)']);
  assert.deepEqual(names('model'), ['amazon.titan-embed-text-v1', 'text-embedding-ada-002']);
  assert.deepEqual(names('dataset'), ['app/data', 'https://lilianweng.github.io/posts/2023-06-23-agent/']);
  assert.ok((r.relations ?? []).some((x) => x.type === 'embeds-with'));
  assert.ok((r.relations ?? []).some((x) => x.type === 'reads-from'));
});

it('Haystack document stores and embedders, Agno vector databases; a model passed at runtime is not the default', async () => {
  const text = readFileSync(new URL('./testdata/haystack_agno_rag.py', import.meta.url));
  const r = await ragDetector.analyze(memoryFile('app/kb.py', text), testContext());
  const names = (kind: string) =>
    [...new Set((r.assets ?? []).filter((a) => a.kind === kind).map((a) => a.name))].sort();
  assert.deepEqual(names('vector-store'), ['Haystack in-memory store', 'Qdrant: contracts', 'pgvector: recipes']);
  assert.deepEqual(names('model'), [
    'SentenceTransformer (model set at runtime)',
    'sentence-transformers/all-mpnet-base-v2',
    'text-embedding-3-small',
  ]);
  assert.equal(
    sameCallee(
      'haystack_integrations.document_stores.qdrant.document_store.QdrantDocumentStore',
      'haystack_integrations.document_stores.qdrant.QdrantDocumentStore',
    ),
    true,
  );
  assert.equal(
    sameCallee('mylib.QdrantDocumentStore', 'haystack_integrations.document_stores.qdrant.QdrantDocumentStore'),
    false,
  );
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

const scanDir = (dir: string) =>
  scan({ paths: [fileURLToPath(new URL(`./testdata/${dir}`, import.meta.url))], workers: 0 });

it('links an LLM to a store only where the store data reaches it, not for sharing the file', async () => {
  const text = readFileSync(new URL('./testdata/retrieval_flow.py', import.meta.url));
  const r = await ragDetector.analyze(memoryFile('app/rag.py', text), testContext());
  const store = r.assets?.find((a) => a.kind === 'vector-store');
  // Line 10: `answerer` (piped after the retriever, and invoked with retrieved documents);
  // line 17: RetrievalQA's inline LLM. Line 13 (`summarizer`, which only writes into the store) and
  // line 6 (the store's own embedding function) are not retrieval sites.
  const sites = ((store?.properties.retrievedAt ?? []) as string[]).map((s) => Number(s.split(':')[1]));
  assert.ok(sites.includes(10) && sites.includes(17), `sites: ${sites}`);
  assert.ok(!sites.includes(13) && !sites.includes(6) && !sites.includes(7), `sites: ${sites}`);
});

it('the lineage correlator follows the evidence and resolves an embedding function from another module', async () => {
  const res = await scanDir('xmod');
  const byId = new Map(res.assets.map((a) => [a.id, a]));
  const rels = res.relations.map((x) => `${byId.get(x.from)?.name} -${x.type}-> ${byId.get(x.to)?.name}`);
  assert.ok(rels.includes('Chroma (app/chroma) -embeds-with-> BedrockEmbeddings (default model)'), rels.join('\n'));
  // The decoy store's factory lives in helpers.py, which builds no embedding model: no edge.
  assert.ok(!rels.some((x) => x.startsWith('Chroma: scratch -embeds-with->')), rels.join('\n'));
});

it('a local store is identified by its persist directory, so two scripts opening it share one asset', async () => {
  const res = await scanDir('xmod');
  const stores = res.assets.filter((a) => a.kind === 'vector-store').map((a) => a.name);
  assert.deepEqual(stores.sort(), ['Chroma (app/chroma)', 'Chroma: scratch']);
});

it('links an LLM to a store built in another module, through its retriever variable or its factory', async () => {
  const res = await scan({
    paths: [fileURLToPath(new URL('./testdata/xretrieval', import.meta.url))],
    workers: 0,
  });
  const name = (id: string) => res.assets.find((a) => a.id === id)?.name;
  const edges = res.relations
    .filter((r) => r.type === 'retrieves-from')
    .map((r) => [name(r.from), name(r.to), r.properties?.evidence])
    .sort();
  assert.deepEqual(edges, [
    ['langchain_anthropic.ChatAnthropic', 'Chroma: manuals', 'app/factory_use.py:6'], // store.get_retriever().invoke → model.invoke
    ['langchain_cohere.ChatCohere', 'Chroma: kb', 'app/joined.py:11'], // llm and retriever both imported, joined here
    ['langchain_openai.ChatOpenAI', 'Chroma: kb', 'app/chain.py:8'], // {"context": retriever} | prompt | llm
  ]);
  // Decoys: the summaries writer (Mistral) and both.py's `other_llm` (Mistral) only write into the
  // imported store; other/use.py (Groq) imports nothing; other/store.py's same-named `retriever` is not app.store's.
  assert.ok(res.assets.some((a) => a.name === 'langchain_mistralai.ChatMistralAI'));
  assert.ok(res.assets.some((a) => a.name === 'langchain_groq.ChatGroq'));
  assert.ok(!res.relations.some((r) => r.type === 'retrieves-from' && name(r.to) === 'Chroma: other'));
});

it('finds MongoDB Atlas vector stores (LangChain partner and community paths), not the plain MongoDB client', async () => {
  const text = [
    'from langchain_mongodb import MongoDBAtlasVectorSearch',
    'from langchain_community.vectorstores.mongodb_atlas import MongoDBAtlasVectorSearch as Old',
    'from pymongo import MongoClient',
    'col = MongoClient("mongodb://x")["db"]["docs"]',
    's = MongoDBAtlasVectorSearch(collection=col, embedding=None, index_name="vector_index")',
    'o = Old(collection=col, embedding=None)',
  ].join('\n');
  const r = await ragDetector.analyze(memoryFile('app/mongo.py', text), testContext());
  const stores = (r.assets ?? []).filter((a) => a.kind === 'vector-store').map((a) => a.name);
  assert.deepEqual([...new Set(stores)].sort(), ['MongoDB Atlas', 'MongoDB Atlas: vector_index']);
});

it('finds the training file uploaded for a fine-tune in a .py file, as it does in a notebook', async () => {
  const text =
    'from openai import OpenAI\nclient = OpenAI()\nclient.files.create(file=open("data/train.jsonl", "rb"), purpose="fine-tune")\n';
  assert.equal(ragDetector.applies(memoryFile('ft/upload.py', text)), true);
  const r = await ragDetector.analyze(memoryFile('ft/upload.py', text), testContext());
  const ds = (r.assets ?? []).filter((a) => a.kind === 'dataset');
  assert.deepEqual(
    ds.map((a) => [a.name, a.properties.purpose]),
    [['ft/data/train.jsonl', 'fine-tuning']],
  );
});

it('Hub datasets: snapshot_download/hf_hub_download with repo_type="dataset", load_dataset repos; builders read their data_files', async () => {
  const text = readFileSync(new URL('./testdata/hub_datasets.py', import.meta.url));
  const r = await ragDetector.analyze(memoryFile('eval/fetch.py', text), testContext());
  const datasets = (r.assets ?? [])
    .filter((a) => a.kind === 'dataset')
    .map((a) => `${String(a.properties.sourceType)} ${a.name}`)
    .sort();
  assert.deepEqual(datasets, [
    'file eval/alpaca_format_data.json',
    'file eval/data/gaia/GAIA.py',
    'file eval/train.csv',
    'hf-dataset gaia-benchmark/GAIA',
    'hf-dataset openai/gsm8k',
    'hf-dataset rajpurkar/squad_v2',
  ]);
});
