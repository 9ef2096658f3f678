// RAG building blocks as data: vector stores, embedding models, ingestion sources and fine-tuning
// calls, by resolved callee (Python and JS/TS).
import type { ArgRef } from '../agents/frameworks.js';

export interface StoreSpec {
  callee: string;
  product: string;
  collection?: ArgRef;
}

const A = (kw: string, pos?: number): ArgRef => (pos === undefined ? { kw } : { kw, pos });

export const VECTOR_STORES: readonly StoreSpec[] = [
  { callee: 'chromadb.Client', product: 'Chroma' },
  { callee: 'chromadb.PersistentClient', product: 'Chroma' },
  { callee: 'chromadb.HttpClient', product: 'Chroma' },
  { callee: 'langchain_community.vectorstores.Chroma', product: 'Chroma', collection: A('collection_name') },
  {
    callee: 'langchain_community.vectorstores.Chroma.from_documents',
    product: 'Chroma',
    collection: A('collection_name'),
  },
  { callee: 'langchain_community.vectorstores.Chroma.from_texts', product: 'Chroma', collection: A('collection_name') },
  { callee: 'langchain_community.vectorstores.FAISS.from_texts', product: 'FAISS' },
  { callee: 'langchain_qdrant.QdrantVectorStore.from_documents', product: 'Qdrant', collection: A('collection_name') },
  { callee: 'langchain_pinecone.PineconeVectorStore.from_documents', product: 'Pinecone', collection: A('index_name') },
  {
    callee: 'langchain_community.vectorstores.PGVector.from_documents',
    product: 'pgvector',
    collection: A('collection_name'),
  },
  { callee: 'langchain_chroma.Chroma', product: 'Chroma', collection: A('collection_name') },
  { callee: 'pinecone.Pinecone', product: 'Pinecone' },
  { callee: 'pinecone.Pinecone().Index', product: 'Pinecone', collection: A('name', 0) },
  { callee: 'langchain_pinecone.PineconeVectorStore', product: 'Pinecone', collection: A('index_name') },
  { callee: 'qdrant_client.QdrantClient', product: 'Qdrant' },
  { callee: 'langchain_qdrant.QdrantVectorStore', product: 'Qdrant', collection: A('collection_name') },
  { callee: 'weaviate.connect_to_local', product: 'Weaviate' },
  { callee: 'weaviate.connect_to_weaviate_cloud', product: 'Weaviate' },
  { callee: 'weaviate.Client', product: 'Weaviate' },
  { callee: 'pymilvus.MilvusClient', product: 'Milvus' },
  { callee: 'pymilvus.connections.connect', product: 'Milvus' },
  { callee: 'langchain_postgres.PGVector', product: 'pgvector', collection: A('collection_name') },
  { callee: 'langchain_community.vectorstores.PGVector', product: 'pgvector', collection: A('collection_name') },
  { callee: 'faiss.IndexFlatL2', product: 'FAISS' },
  { callee: 'faiss.IndexFlatIP', product: 'FAISS' },
  { callee: 'faiss.read_index', product: 'FAISS' },
  { callee: 'langchain_community.vectorstores.FAISS.from_documents', product: 'FAISS' },
  { callee: 'langchain_community.vectorstores.FAISS.load_local', product: 'FAISS' },
  { callee: 'lancedb.connect', product: 'LanceDB' },
  // MongoDB Atlas Vector Search (the collection object is passed, so the index names the store).
  { callee: 'langchain_mongodb.MongoDBAtlasVectorSearch', product: 'MongoDB Atlas', collection: A('index_name') },
  {
    callee: 'langchain_mongodb.MongoDBAtlasVectorSearch.from_connection_string',
    product: 'MongoDB Atlas',
    collection: A('index_name'),
  },
  { callee: 'llama_index.vector_stores.mongodb.MongoDBAtlasVectorSearch', product: 'MongoDB Atlas' },
  { callee: 'langchain_elasticsearch.ElasticsearchStore', product: 'Elasticsearch', collection: A('index_name') },
  {
    callee: 'langchain_community.vectorstores.OpenSearchVectorSearch',
    product: 'OpenSearch',
    collection: A('index_name'),
  },
  { callee: 'llama_index.vector_stores.chroma.ChromaVectorStore', product: 'Chroma' },
  { callee: 'llama_index.vector_stores.pinecone.PineconeVectorStore', product: 'Pinecone' },
  { callee: 'llama_index.vector_stores.qdrant.QdrantVectorStore', product: 'Qdrant', collection: A('collection_name') },
  { callee: 'llama_index.core.VectorStoreIndex.from_documents', product: 'LlamaIndex in-memory index' },
  // Haystack document stores (core and integrations; matched by class within the family).
  { callee: 'haystack.document_stores.in_memory.InMemoryDocumentStore', product: 'Haystack in-memory store' },
  {
    callee: 'haystack_integrations.document_stores.qdrant.QdrantDocumentStore',
    product: 'Qdrant',
    collection: A('index'),
  },
  {
    callee: 'haystack_integrations.document_stores.chroma.ChromaDocumentStore',
    product: 'Chroma',
    collection: A('collection_name'),
  },
  {
    callee: 'haystack_integrations.document_stores.pgvector.PgvectorDocumentStore',
    product: 'pgvector',
    collection: A('table_name'),
  },
  { callee: 'haystack_integrations.document_stores.weaviate.WeaviateDocumentStore', product: 'Weaviate' },
  {
    callee: 'haystack_integrations.document_stores.pinecone.PineconeDocumentStore',
    product: 'Pinecone',
    collection: A('index'),
  },
  {
    callee: 'haystack_integrations.document_stores.elasticsearch.ElasticsearchDocumentStore',
    product: 'Elasticsearch',
    collection: A('index'),
  },
  {
    callee: 'haystack_integrations.document_stores.opensearch.OpenSearchDocumentStore',
    product: 'OpenSearch',
    collection: A('index'),
  },
  // Agno vector databases
  { callee: 'agno.vectordb.pgvector.PgVector', product: 'pgvector', collection: A('table_name') },
  { callee: 'agno.vectordb.lancedb.LanceDb', product: 'LanceDB', collection: A('table_name') },
  { callee: 'agno.vectordb.qdrant.Qdrant', product: 'Qdrant', collection: A('collection') },
  { callee: 'agno.vectordb.chroma.ChromaDb', product: 'Chroma', collection: A('collection') },
  { callee: 'agno.vectordb.pineconedb.PineconeDb', product: 'Pinecone', collection: A('name') },
  { callee: '@pinecone-database/pinecone.Pinecone', product: 'Pinecone' },
  { callee: 'chromadb.ChromaClient', product: 'Chroma' },
  { callee: '@qdrant/js-client-rest.QdrantClient', product: 'Qdrant' },
  { callee: 'weaviate-client.connectToLocal', product: 'Weaviate' },
  { callee: '@langchain/community/vectorstores/chroma.Chroma', product: 'Chroma', collection: A('collectionName') },
  { callee: '@langchain/pinecone.PineconeStore', product: 'Pinecone' },
];

/** Embedding model constructors and the argument holding the model id. */
/** `default`: the model the class uses when none is passed (documented library defaults). */
export const EMBEDDINGS: ReadonlyArray<{ callee: string; model: ArgRef; provider: string; default?: string }> = [
  {
    callee: 'langchain_openai.OpenAIEmbeddings',
    model: A('model'),
    provider: 'openai',
    default: 'text-embedding-ada-002',
  },
  { callee: 'langchain_openai.AzureOpenAIEmbeddings', model: A('model'), provider: 'azure-openai' },
  {
    callee: 'langchain_huggingface.HuggingFaceEmbeddings',
    model: A('model_name'),
    provider: 'huggingface',
    default: 'sentence-transformers/all-mpnet-base-v2',
  },
  { callee: 'langchain_community.embeddings.HuggingFaceEmbeddings', model: A('model_name'), provider: 'huggingface' },
  { callee: 'langchain_cohere.CohereEmbeddings', model: A('model'), provider: 'cohere' },
  { callee: 'langchain_aws.BedrockEmbeddings', model: A('model_id'), provider: 'aws-bedrock' },
  { callee: 'langchain_google_genai.GoogleGenerativeAIEmbeddings', model: A('model'), provider: 'google' },
  { callee: 'sentence_transformers.SentenceTransformer', model: A('model_name_or_path', 0), provider: 'huggingface' },
  { callee: 'llama_index.embeddings.openai.OpenAIEmbedding', model: A('model'), provider: 'openai' },
  { callee: '@langchain/openai.OpenAIEmbeddings', model: A('model'), provider: 'openai' },
  {
    callee: 'haystack_integrations.components.embedders.sentence_transformers.SentenceTransformersDocumentEmbedder',
    model: A('model'),
    provider: 'huggingface',
    default: 'sentence-transformers/all-mpnet-base-v2',
  },
  {
    callee: 'haystack_integrations.components.embedders.sentence_transformers.SentenceTransformersTextEmbedder',
    model: A('model'),
    provider: 'huggingface',
    default: 'sentence-transformers/all-mpnet-base-v2',
  },
  { callee: 'agno.knowledge.embedder.openai.OpenAIEmbedder', model: A('id'), provider: 'openai' },
];

export interface SourceSpec {
  callee: string;
  sourceType: 's3' | 'gcs' | 'azure-blob' | 'folder' | 'file' | 'web' | 'database' | 'hf-dataset';
  /** Where the location is passed; several parts are joined (bucket + prefix). */
  location: ArgRef[];
  untrusted?: boolean;
  /** Only when this keyword argument has one of these literal values (`repo_type="dataset"`). */
  when?: { kw: string; values: readonly string[] };
}

export const SOURCES: readonly SourceSpec[] = [
  {
    callee: 'langchain_community.document_loaders.S3DirectoryLoader',
    sourceType: 's3',
    location: [A('bucket', 0), A('prefix')],
  },
  {
    callee: 'langchain_community.document_loaders.S3FileLoader',
    sourceType: 's3',
    location: [A('bucket', 0), A('key', 1)],
  },
  {
    callee: 'langchain_community.document_loaders.GCSDirectoryLoader',
    sourceType: 'gcs',
    location: [A('bucket', 1), A('prefix')],
  },
  {
    callee: 'langchain_community.document_loaders.AzureBlobStorageContainerLoader',
    sourceType: 'azure-blob',
    location: [A('container', 1)],
  },
  { callee: 'langchain_community.document_loaders.DirectoryLoader', sourceType: 'folder', location: [A('path', 0)] },
  { callee: 'langchain_community.document_loaders.TextLoader', sourceType: 'file', location: [A('file_path', 0)] },
  { callee: 'langchain_community.document_loaders.CSVLoader', sourceType: 'file', location: [A('file_path', 0)] },
  { callee: 'langchain_community.document_loaders.PyPDFLoader', sourceType: 'file', location: [A('file_path', 0)] },
  {
    callee: 'langchain_community.document_loaders.PyPDFDirectoryLoader',
    sourceType: 'folder',
    location: [A('path', 0)],
  },
  { callee: 'langchain_community.document_loaders.JSONLoader', sourceType: 'file', location: [A('file_path', 0)] },
  {
    callee: 'langchain_community.document_loaders.WebBaseLoader',
    sourceType: 'web',
    location: [A('web_path', 0), A('web_paths')],
    untrusted: true,
  },
  {
    callee: 'langchain_community.document_loaders.RecursiveUrlLoader',
    sourceType: 'web',
    location: [A('url', 0)],
    untrusted: true,
  },
  {
    callee: 'langchain_community.document_loaders.SitemapLoader',
    sourceType: 'web',
    location: [A('web_path', 0)],
    untrusted: true,
  },
  {
    callee: 'langchain_community.utilities.SQLDatabase.from_uri',
    sourceType: 'database',
    location: [A('database_uri', 0)],
  },
  { callee: 'llama_index.core.SimpleDirectoryReader', sourceType: 'folder', location: [A('input_dir', 0)] },
  { callee: 'pandas.read_csv', sourceType: 'file', location: [A('filepath_or_buffer', 0)] },
  { callee: 'pandas.read_parquet', sourceType: 'file', location: [A('path', 0)] },
  { callee: 'pandas.read_json', sourceType: 'file', location: [A('path_or_buf', 0)] },
  { callee: 'pandas.read_sql', sourceType: 'database', location: [A('sql', 0)] },
  { callee: 'datasets.load_dataset', sourceType: 'hf-dataset', location: [A('path', 0)] },
  // Hub downloads of a dataset repo (the same calls with a model repo are weights: llm-clients).
  ...['huggingface_hub.snapshot_download', 'huggingface_hub.hf_hub_download'].map(
    (callee): SourceSpec => ({
      callee,
      sourceType: 'hf-dataset',
      location: [A('repo_id', 0)],
      when: { kw: 'repo_type', values: ['dataset'] },
    }),
  ),
];

/** Package families that re-export classes from several modules: there, the class decides. */
const FAMILIES: readonly RegExp[] = [/^langchain(_[a-z]+)?(\.|$)/, /^haystack(_integrations|_experimental)?(\.|$)/];

/** "Class" or "Class.method": the part of a callee after its module path. */
function classTail(callee: string): string {
  const parts = callee.split('.');
  const i = parts.findIndex((p) => /^[A-Z]/.test(p));
  return i < 0 ? callee : parts.slice(i).join('.');
}

/**
 * Does `callee` name the same thing as the table's `entry`? LangChain moved classes between
 * `langchain`, `langchain_community` and partner packages and nests them in submodules
 * (`langchain.vectorstores.chroma.Chroma`), so within the LangChain family the class (and method) decide;
 * the same holds for Haystack (`haystack`, `haystack_integrations`, `haystack_experimental`).
 */
export function sameCallee(callee: string, entry: string): boolean {
  if (callee === entry) return true;
  return (
    FAMILIES.some((f) => f.test(callee) && f.test(entry)) &&
    /^[A-Z]/.test(classTail(entry)) &&
    classTail(callee) === classTail(entry)
  );
}
