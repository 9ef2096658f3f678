// The known AI/ML packages of PyPI and npm. Only dependencies listed here become `ai-package`
// assets: a manifest's other dependencies are not AI inventory. Prefix entries cover families
// that publish many integration packages (langchain-*, llama-index-*, @langchain/*).
export type Ecosystem = 'PyPI' | 'npm';

export type AiPackageCategory =
  | 'llm-sdk'
  | 'llm-framework'
  | 'agent-framework'
  | 'ml-framework'
  | 'ml-platform'
  | 'model-serving'
  | 'vector-store'
  | 'ml-tooling'
  | 'ml-app';

export interface AiPackageInfo {
  category: AiPackageCategory;
  /** Vendor or project behind the package, when it is one company's SDK or framework. */
  provider?: string;
}

type Table = Record<string, AiPackageInfo | AiPackageCategory>;

// PyPI names are stored normalized (PEP 503: lowercase, runs of -_. become -).
const PYPI: Table = {
  openai: { category: 'llm-sdk', provider: 'openai' },
  'openai-agents': { category: 'agent-framework', provider: 'openai' },
  'openai-whisper': { category: 'ml-framework', provider: 'openai' },
  tiktoken: { category: 'ml-tooling', provider: 'openai' },
  anthropic: { category: 'llm-sdk', provider: 'anthropic' },
  'claude-agent-sdk': { category: 'agent-framework', provider: 'anthropic' },
  cohere: { category: 'llm-sdk', provider: 'cohere' },
  mistralai: { category: 'llm-sdk', provider: 'mistral' },
  groq: { category: 'llm-sdk', provider: 'groq' },
  together: { category: 'llm-sdk', provider: 'together' },
  replicate: { category: 'llm-sdk', provider: 'replicate' },
  ollama: { category: 'llm-sdk', provider: 'ollama' },
  'google-generativeai': { category: 'llm-sdk', provider: 'google' },
  'google-genai': { category: 'llm-sdk', provider: 'google' },
  'google-cloud-aiplatform': { category: 'ml-platform', provider: 'google' },
  vertexai: { category: 'llm-sdk', provider: 'google' },
  'azure-ai-inference': { category: 'llm-sdk', provider: 'azure' },
  'azure-ai-ml': { category: 'ml-platform', provider: 'azure' },
  'azure-ai-projects': { category: 'ml-platform', provider: 'azure' },
  'huggingface-hub': { category: 'ml-platform', provider: 'huggingface' },
  transformers: { category: 'ml-framework', provider: 'huggingface' },
  datasets: { category: 'ml-tooling', provider: 'huggingface' },
  tokenizers: { category: 'ml-tooling', provider: 'huggingface' },
  safetensors: { category: 'ml-tooling', provider: 'huggingface' },
  accelerate: { category: 'ml-tooling', provider: 'huggingface' },
  peft: { category: 'ml-tooling', provider: 'huggingface' },
  trl: { category: 'ml-tooling', provider: 'huggingface' },
  diffusers: { category: 'ml-framework', provider: 'huggingface' },
  evaluate: { category: 'ml-tooling', provider: 'huggingface' },
  optimum: { category: 'ml-tooling', provider: 'huggingface' },
  smolagents: { category: 'agent-framework', provider: 'huggingface' },
  'text-generation': { category: 'llm-sdk', provider: 'huggingface' },
  'sentence-transformers': 'ml-framework',
  torch: { category: 'ml-framework', provider: 'pytorch' },
  torchvision: { category: 'ml-framework', provider: 'pytorch' },
  torchaudio: { category: 'ml-framework', provider: 'pytorch' },
  torchtext: { category: 'ml-framework', provider: 'pytorch' },
  'pytorch-lightning': 'ml-framework',
  lightning: 'ml-framework',
  tensorflow: { category: 'ml-framework', provider: 'google' },
  'tensorflow-cpu': { category: 'ml-framework', provider: 'google' },
  'tensorflow-gpu': { category: 'ml-framework', provider: 'google' },
  'tensorflow-hub': { category: 'ml-framework', provider: 'google' },
  'tf-keras': { category: 'ml-framework', provider: 'google' },
  keras: 'ml-framework',
  jax: { category: 'ml-framework', provider: 'google' },
  jaxlib: { category: 'ml-framework', provider: 'google' },
  flax: { category: 'ml-framework', provider: 'google' },
  paddlepaddle: 'ml-framework',
  mxnet: 'ml-framework',
  onnx: 'ml-framework',
  onnxruntime: 'model-serving',
  'onnxruntime-gpu': 'model-serving',
  'scikit-learn': 'ml-framework',
  xgboost: 'ml-framework',
  lightgbm: 'ml-framework',
  catboost: 'ml-framework',
  joblib: 'ml-tooling',
  timm: 'ml-framework',
  spacy: 'ml-framework',
  nltk: 'ml-framework',
  gensim: 'ml-framework',
  sentencepiece: 'ml-tooling',
  deepspeed: 'ml-tooling',
  bitsandbytes: 'ml-tooling',
  xformers: 'ml-tooling',
  'auto-gptq': 'ml-tooling',
  unsloth: 'ml-tooling',
  vllm: 'model-serving',
  'llama-cpp-python': 'model-serving',
  ctransformers: 'model-serving',
  gpt4all: 'model-serving',
  'text-generation-inference': 'model-serving',
  tritonclient: 'model-serving',
  bentoml: 'model-serving',
  kserve: 'model-serving',
  ray: 'ml-platform',
  mlflow: 'ml-platform',
  wandb: { category: 'ml-platform', provider: 'wandb' },
  clearml: 'ml-platform',
  'comet-ml': 'ml-platform',
  langfuse: 'ml-platform',
  langsmith: { category: 'ml-platform', provider: 'langchain' },
  promptflow: { category: 'llm-framework', provider: 'azure' },
  h2o: 'ml-platform',
  pycaret: 'ml-framework',
  langchain: { category: 'llm-framework', provider: 'langchain' },
  langgraph: { category: 'agent-framework', provider: 'langchain' },
  'llama-index': { category: 'llm-framework', provider: 'llamaindex' },
  'llama-parse': { category: 'llm-framework', provider: 'llamaindex' },
  litellm: 'llm-framework',
  'haystack-ai': { category: 'llm-framework', provider: 'deepset' },
  'farm-haystack': { category: 'llm-framework', provider: 'deepset' },
  'semantic-kernel': { category: 'llm-framework', provider: 'microsoft' },
  dspy: 'llm-framework',
  'dspy-ai': 'llm-framework',
  instructor: 'llm-framework',
  guidance: 'llm-framework',
  outlines: 'llm-framework',
  'pydantic-ai': 'agent-framework',
  autogen: { category: 'agent-framework', provider: 'microsoft' },
  pyautogen: { category: 'agent-framework', provider: 'microsoft' },
  'autogen-agentchat': { category: 'agent-framework', provider: 'microsoft' },
  crewai: 'agent-framework',
  'crewai-tools': 'agent-framework',
  mcp: { category: 'agent-framework', provider: 'anthropic' },
  fastmcp: 'agent-framework',
  nemoguardrails: { category: 'llm-framework', provider: 'nvidia' },
  'guardrails-ai': 'llm-framework',
  'llm-guard': 'llm-framework',
  ragas: 'ml-tooling',
  chainlit: 'ml-app',
  gradio: { category: 'ml-app', provider: 'huggingface' },
  'gradio-client': { category: 'ml-app', provider: 'huggingface' },
  streamlit: 'ml-app',
  chromadb: 'vector-store',
  pinecone: { category: 'vector-store', provider: 'pinecone' },
  'pinecone-client': { category: 'vector-store', provider: 'pinecone' },
  'weaviate-client': { category: 'vector-store', provider: 'weaviate' },
  'qdrant-client': { category: 'vector-store', provider: 'qdrant' },
  pymilvus: { category: 'vector-store', provider: 'milvus' },
  'faiss-cpu': { category: 'vector-store', provider: 'meta' },
  'faiss-gpu': { category: 'vector-store', provider: 'meta' },
  lancedb: 'vector-store',
  pgvector: 'vector-store',
};
const PYPI_PREFIXES: Array<[string, AiPackageInfo]> = [
  ['langchain-', { category: 'llm-framework', provider: 'langchain' }],
  ['langgraph-', { category: 'agent-framework', provider: 'langchain' }],
  ['llama-index-', { category: 'llm-framework', provider: 'llamaindex' }],
  ['autogen-', { category: 'agent-framework', provider: 'microsoft' }],
];

const NPM: Table = {
  openai: { category: 'llm-sdk', provider: 'openai' },
  '@openai/agents': { category: 'agent-framework', provider: 'openai' },
  tiktoken: { category: 'ml-tooling', provider: 'openai' },
  'js-tiktoken': { category: 'ml-tooling', provider: 'openai' },
  '@azure/openai': { category: 'llm-sdk', provider: 'azure' },
  '@azure-rest/ai-inference': { category: 'llm-sdk', provider: 'azure' },
  'cohere-ai': { category: 'llm-sdk', provider: 'cohere' },
  '@mistralai/mistralai': { category: 'llm-sdk', provider: 'mistral' },
  'groq-sdk': { category: 'llm-sdk', provider: 'groq' },
  'together-ai': { category: 'llm-sdk', provider: 'together' },
  replicate: { category: 'llm-sdk', provider: 'replicate' },
  ollama: { category: 'llm-sdk', provider: 'ollama' },
  '@google/generative-ai': { category: 'llm-sdk', provider: 'google' },
  '@google/genai': { category: 'llm-sdk', provider: 'google' },
  '@google-cloud/vertexai': { category: 'llm-sdk', provider: 'google' },
  '@google-cloud/aiplatform': { category: 'ml-platform', provider: 'google' },
  '@aws-sdk/client-bedrock': { category: 'llm-sdk', provider: 'aws' },
  '@aws-sdk/client-bedrock-runtime': { category: 'llm-sdk', provider: 'aws' },
  '@aws-sdk/client-bedrock-agent-runtime': { category: 'llm-sdk', provider: 'aws' },
  '@aws-sdk/client-sagemaker-runtime': { category: 'model-serving', provider: 'aws' },
  ai: { category: 'llm-framework', provider: 'vercel' },
  langchain: { category: 'llm-framework', provider: 'langchain' },
  langsmith: { category: 'ml-platform', provider: 'langchain' },
  llamaindex: { category: 'llm-framework', provider: 'llamaindex' },
  '@huggingface/inference': { category: 'llm-sdk', provider: 'huggingface' },
  '@huggingface/hub': { category: 'ml-platform', provider: 'huggingface' },
  '@huggingface/transformers': { category: 'ml-framework', provider: 'huggingface' },
  '@xenova/transformers': { category: 'ml-framework', provider: 'huggingface' },
  'onnxruntime-node': 'model-serving',
  'onnxruntime-web': 'model-serving',
  '@mlc-ai/web-llm': 'model-serving',
  'node-llama-cpp': 'model-serving',
  'brain.js': 'ml-framework',
  ml5: 'ml-framework',
  natural: 'ml-framework',
  '@pinecone-database/pinecone': { category: 'vector-store', provider: 'pinecone' },
  chromadb: 'vector-store',
  'weaviate-client': { category: 'vector-store', provider: 'weaviate' },
  'weaviate-ts-client': { category: 'vector-store', provider: 'weaviate' },
  '@qdrant/js-client-rest': { category: 'vector-store', provider: 'qdrant' },
  '@zilliz/milvus2-sdk-node': { category: 'vector-store', provider: 'milvus' },
  '@lancedb/lancedb': 'vector-store',
  vectordb: 'vector-store',
  '@modelcontextprotocol/sdk': { category: 'agent-framework', provider: 'anthropic' },
  fastmcp: 'agent-framework',
  '@mastra/core': 'agent-framework',
  langfuse: 'ml-platform',
};
const NPM_PREFIXES: Array<[string, AiPackageInfo]> = [
  ['@langchain/', { category: 'llm-framework', provider: 'langchain' }],
  ['@llamaindex/', { category: 'llm-framework', provider: 'llamaindex' }],
  ['@ai-sdk/', { category: 'llm-framework', provider: 'vercel' }],
  ['@anthropic-ai/', { category: 'llm-sdk', provider: 'anthropic' }],
  ['@tensorflow/', { category: 'ml-framework', provider: 'google' }],
  ['@tensorflow-models/', { category: 'ml-framework', provider: 'google' }],
];

/** PEP 503 normalization: lowercase, and every run of `-`, `_`, `.` becomes one `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The canonical name used in ids, purls and advisory lookups. npm names are case-sensitive but published lowercase. */
export function canonicalName(ecosystem: Ecosystem, name: string): string {
  return ecosystem === 'PyPI' ? normalizePypiName(name) : name.toLowerCase();
}

function lookup(table: Table, prefixes: Array<[string, AiPackageInfo]>, name: string): AiPackageInfo | undefined {
  const hit = Object.hasOwn(table, name) ? table[name] : undefined;
  if (hit !== undefined) return typeof hit === 'string' ? { category: hit } : hit;
  for (const [prefix, info] of prefixes) if (name.startsWith(prefix) && name.length > prefix.length) return info;
  return undefined;
}

/** The AI package entry for a dependency name, or undefined when it is not an AI/ML package. */
export function aiPackageInfo(ecosystem: Ecosystem, name: string): AiPackageInfo | undefined {
  const canonical = canonicalName(ecosystem, name);
  return ecosystem === 'PyPI' ? lookup(PYPI, PYPI_PREFIXES, canonical) : lookup(NPM, NPM_PREFIXES, canonical);
}
