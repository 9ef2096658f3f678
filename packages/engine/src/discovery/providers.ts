// Provider knowledge as data: which qualified callee (module member, class, function) means which
// AI provider, where its model name and endpoint are passed, and what the call is. Detectors match
// resolved callee names (see lang/source-model.ts) against this table; adding an SDK is one row.
//
// `match` is a qualified name as the source layer resolves it: Python "module.Member", JS
// "package.Member", or just "package" for a JS default import. A `*` matches one name segment.
// A match covers the name itself and any member path below it (`openai.OpenAI().chat...`), so a
// row for a constructor also recognises calls on the instances it creates.

export type CallRole =
  /** Constructs an API client (OpenAI(), new Anthropic()). */
  | 'client'
  /** A call that names a model and talks to a provider directly (ollama.chat, litellm.completion). */
  | 'call'
  /** Downloads or loads model weights from a hub (from_pretrained, hf_hub_download). */
  | 'load'
  /** A provider factory returning a model handle (Vercel AI SDK `openai("gpt-4o")`). */
  | 'factory'
  /** A request object naming a model for a client built elsewhere (Bedrock `new ConverseCommand({modelId})`). */
  | 'request';

export interface ProviderRow {
  match: string;
  provider: string;
  role: CallRole;
  /** Framework or SDK, when it is not the provider's own SDK (langchain, llamaindex, litellm, vercel-ai-sdk). */
  via?: string;
  /** Keyword args (Python) / object-literal properties (JS) naming the model, in order of preference. */
  modelKeys?: string[];
  /** Positional index of the model argument. */
  modelPos?: number;
  /** Keyword args naming a custom endpoint. */
  endpointKeys?: string[];
  /** Only when a string argument (position or key) equals one of these (boto3.client("bedrock-runtime")). */
  when?: { pos?: number; key?: string; values: string[] };
}

const MODEL = [
  'model',
  'model_name',
  'modelName',
  'model_id',
  'modelId',
  'deployment_name',
  'azure_deployment',
  'deployment',
  'engine',
];
const ENDPOINT = [
  'base_url',
  'baseURL',
  'baseUrl',
  'api_base',
  'openai_api_base',
  'azure_endpoint',
  'endpoint',
  'host',
  'base_path',
  'configuration.baseURL',
];
const HF_MODEL = ['pretrained_model_name_or_path', 'model', 'repo_id', 'model_name', 'model_id'];

const py = (match: string, provider: string, role: CallRole, extra: Partial<ProviderRow> = {}): ProviderRow => ({
  match,
  provider,
  role,
  modelKeys: MODEL,
  endpointKeys: ENDPOINT,
  ...extra,
});

const lc = (match: string, provider: string, extra: Partial<ProviderRow> = {}): ProviderRow =>
  py(match, provider, 'client', { via: 'langchain', ...extra });
const li = (match: string, provider: string, extra: Partial<ProviderRow> = {}): ProviderRow =>
  py(match, provider, 'client', { via: 'llamaindex', ...extra });
/** Haystack generators and embedders (one row per class: the package family is matched by class). */
const hs = (match: string, provider: string, extra: Partial<ProviderRow> = {}): ProviderRow =>
  py(match, provider, 'client', {
    via: 'haystack',
    endpointKeys: ['api_base_url', 'url', 'azure_endpoint', ...ENDPOINT],
    ...extra,
  });
/** Agno model classes name the model with `id` (first positional). */
const ag = (match: string, provider: string, extra: Partial<ProviderRow> = {}): ProviderRow =>
  py(match, provider, 'client', { via: 'agno', modelKeys: ['id', ...MODEL], modelPos: 0, ...extra });

export const PROVIDER_ROWS: readonly ProviderRow[] = [
  // OpenAI and Azure OpenAI (Python)
  py('openai.OpenAI', 'openai', 'client'),
  py('openai.AsyncOpenAI', 'openai', 'client'),
  py('openai.AzureOpenAI', 'azure-openai', 'client'),
  py('openai.AsyncAzureOpenAI', 'azure-openai', 'client'),
  py('openai.ChatCompletion.create', 'openai', 'call'),
  py('openai.Completion.create', 'openai', 'call'),
  py('openai.chat.completions.create', 'openai', 'call'),
  py('openai.responses.create', 'openai', 'call'),
  // Anthropic
  py('anthropic.Anthropic', 'anthropic', 'client'),
  py('anthropic.AsyncAnthropic', 'anthropic', 'client'),
  py('anthropic.AnthropicBedrock', 'aws-bedrock', 'client', { via: 'anthropic' }),
  py('anthropic.AnthropicVertex', 'google-vertex', 'client', { via: 'anthropic' }),
  // AWS Bedrock
  py('boto3.client', 'aws-bedrock', 'client', {
    when: { pos: 0, key: 'service_name', values: ['bedrock-runtime', 'bedrock', 'bedrock-agent-runtime'] },
  }),
  py('boto3.Session().client', 'aws-bedrock', 'client', {
    when: { pos: 0, key: 'service_name', values: ['bedrock-runtime', 'bedrock', 'bedrock-agent-runtime'] },
  }),
  py('boto3.session.Session().client', 'aws-bedrock', 'client', {
    when: { pos: 0, key: 'service_name', values: ['bedrock-runtime', 'bedrock', 'bedrock-agent-runtime'] },
  }),
  // Google
  py('google.genai.Client', 'google', 'client'),
  py('google.generativeai.GenerativeModel', 'google', 'client', { modelPos: 0 }),
  py('google.generativeai.configure', 'google', 'client'),
  py('vertexai.generative_models.GenerativeModel', 'google-vertex', 'client', { modelPos: 0 }),
  py('vertexai.preview.generative_models.GenerativeModel', 'google-vertex', 'client', { modelPos: 0 }),
  py('vertexai.init', 'google-vertex', 'client'),
  // Cohere, Mistral, Groq, Together
  py('cohere.Client', 'cohere', 'client'),
  py('cohere.ClientV2', 'cohere', 'client'),
  py('cohere.AsyncClient', 'cohere', 'client'),
  py('cohere.AsyncClientV2', 'cohere', 'client'),
  py('mistralai.Mistral', 'mistral', 'client'),
  py('mistralai.client.MistralClient', 'mistral', 'client'),
  py('mistralai.async_client.MistralAsyncClient', 'mistral', 'client'),
  py('groq.Groq', 'groq', 'client'),
  py('groq.AsyncGroq', 'groq', 'client'),
  py('together.Together', 'together', 'client'),
  py('together.AsyncTogether', 'together', 'client'),
  // Ollama
  py('ollama.Client', 'ollama', 'client'),
  py('ollama.AsyncClient', 'ollama', 'client'),
  py('ollama.chat', 'ollama', 'call'),
  py('ollama.generate', 'ollama', 'call'),
  py('ollama.embed', 'ollama', 'call'),
  py('ollama.embeddings', 'ollama', 'call'),
  // LiteLLM (the provider is read from the model prefix, "anthropic/claude-...")
  py('litellm.completion', 'litellm', 'call'),
  py('litellm.acompletion', 'litellm', 'call'),
  py('litellm.embedding', 'litellm', 'call'),
  py('litellm.Router', 'litellm', 'client'),
  // CrewAI's LLM class routes through LiteLLM ("provider/model" ids).
  py('crewai.LLM', 'litellm', 'client', { via: 'crewai' }),
  // LangChain chat models and LLMs
  lc('langchain_openai.ChatOpenAI', 'openai'),
  lc('langchain_openai.OpenAI', 'openai'),
  lc('langchain_openai.AzureChatOpenAI', 'azure-openai'),
  lc('langchain_openai.AzureOpenAI', 'azure-openai'),
  lc('langchain_openai.OpenAIEmbeddings', 'openai'),
  lc('langchain_anthropic.ChatAnthropic', 'anthropic'),
  lc('langchain_google_genai.ChatGoogleGenerativeAI', 'google'),
  lc('langchain_google_vertexai.ChatVertexAI', 'google-vertex'),
  lc('langchain_aws.ChatBedrock', 'aws-bedrock'),
  lc('langchain_aws.ChatBedrockConverse', 'aws-bedrock'),
  lc('langchain_aws.BedrockLLM', 'aws-bedrock'),
  lc('langchain_ollama.ChatOllama', 'ollama'),
  lc('langchain_ollama.OllamaLLM', 'ollama'),
  lc('langchain_mistralai.ChatMistralAI', 'mistral'),
  lc('langchain_groq.ChatGroq', 'groq'),
  lc('langchain_cohere.ChatCohere', 'cohere'),
  lc('langchain_together.ChatTogether', 'together'),
  lc('langchain_huggingface.HuggingFaceEndpoint', 'huggingface', { modelKeys: ['repo_id', ...MODEL] }),
  lc('langchain_huggingface.ChatHuggingFace', 'huggingface'),
  lc('langchain_huggingface.HuggingFacePipeline.from_model_id', 'huggingface', { role: 'load' }),
  lc('langchain_community.chat_models.ChatOpenAI', 'openai'),
  lc('langchain_community.chat_models.ChatAnthropic', 'anthropic'),
  lc('langchain_community.chat_models.ChatOllama', 'ollama'),
  lc('langchain_community.llms.Ollama', 'ollama'),
  lc('langchain_community.chat_models.BedrockChat', 'aws-bedrock'),
  lc('langchain.chat_models.ChatOpenAI', 'openai'),
  lc('langchain.llms.OpenAI', 'openai'),
  lc('langchain.chat_models.init_chat_model', 'langchain', { modelPos: 0 }),
  // LlamaIndex
  li('llama_index.llms.openai.OpenAI', 'openai'),
  li('llama_index.llms.azure_openai.AzureOpenAI', 'azure-openai', { modelKeys: ['engine', ...MODEL] }),
  li('llama_index.llms.anthropic.Anthropic', 'anthropic'),
  li('llama_index.llms.ollama.Ollama', 'ollama'),
  li('llama_index.llms.bedrock.Bedrock', 'aws-bedrock'),
  li('llama_index.llms.bedrock_converse.BedrockConverse', 'aws-bedrock'),
  li('llama_index.llms.gemini.Gemini', 'google'),
  li('llama_index.llms.google_genai.GoogleGenAI', 'google'),
  li('llama_index.llms.vertex.Vertex', 'google-vertex'),
  li('llama_index.llms.mistralai.MistralAI', 'mistral'),
  li('llama_index.llms.groq.Groq', 'groq'),
  li('llama_index.llms.cohere.Cohere', 'cohere'),
  li('llama_index.llms.together.TogetherLLM', 'together'),
  li('llama_index.llms.huggingface.HuggingFaceLLM', 'huggingface', { role: 'load' }),
  li('llama_index.llms.openai_like.OpenAILike', 'openai-compatible'),
  li('llama_index.embeddings.openai.OpenAIEmbedding', 'openai'),
  // Haystack (haystack, haystack_integrations, haystack_experimental)
  hs('haystack.components.generators.chat.OpenAIChatGenerator', 'openai'),
  hs('haystack.components.generators.OpenAIGenerator', 'openai'),
  hs('haystack.components.generators.chat.AzureOpenAIChatGenerator', 'azure-openai'),
  hs('haystack.components.generators.AzureOpenAIGenerator', 'azure-openai'),
  hs('haystack.components.generators.chat.HuggingFaceAPIChatGenerator', 'huggingface', {
    modelKeys: ['api_params.model', 'api_params.model_id'],
  }),
  hs('haystack.components.generators.HuggingFaceAPIGenerator', 'huggingface', {
    modelKeys: ['api_params.model', 'api_params.model_id'],
  }),
  hs('haystack.components.generators.chat.HuggingFaceLocalChatGenerator', 'huggingface', { role: 'load' }),
  hs('haystack.components.embedders.OpenAITextEmbedder', 'openai'),
  hs('haystack.components.embedders.OpenAIDocumentEmbedder', 'openai'),
  hs('haystack_integrations.components.generators.anthropic.AnthropicChatGenerator', 'anthropic'),
  hs('haystack_integrations.components.generators.anthropic.AnthropicGenerator', 'anthropic'),
  hs('haystack_integrations.components.generators.ollama.OllamaChatGenerator', 'ollama'),
  hs('haystack_integrations.components.generators.ollama.OllamaGenerator', 'ollama'),
  hs('haystack_integrations.components.generators.google_genai.GoogleGenAIChatGenerator', 'google'),
  hs('haystack_integrations.components.generators.google_ai.GoogleAIGeminiChatGenerator', 'google'),
  hs('haystack_integrations.components.generators.mistral.MistralChatGenerator', 'mistral'),
  hs('haystack_integrations.components.generators.cohere.CohereChatGenerator', 'cohere'),
  hs('haystack_integrations.components.generators.amazon_bedrock.AmazonBedrockChatGenerator', 'aws-bedrock'),
  hs('haystack_integrations.components.generators.transformers.TransformersChatGenerator', 'huggingface', {
    role: 'load',
  }),
  // Agno model classes
  ag('agno.models.openai.OpenAIChat', 'openai'),
  ag('agno.models.openai.OpenAIResponses', 'openai'),
  ag('agno.models.openai.like.OpenAILike', 'openai-compatible'),
  ag('agno.models.azure.AzureOpenAI', 'azure-openai'),
  ag('agno.models.anthropic.Claude', 'anthropic'),
  ag('agno.models.google.Gemini', 'google'),
  ag('agno.models.aws.AwsBedrock', 'aws-bedrock'),
  ag('agno.models.aws.Claude', 'aws-bedrock'),
  ag('agno.models.groq.Groq', 'groq'),
  ag('agno.models.ollama.Ollama', 'ollama'),
  ag('agno.models.mistral.MistralChat', 'mistral'),
  ag('agno.models.cohere.Cohere', 'cohere'),
  ag('agno.models.together.Together', 'together'),
  ag('agno.models.deepseek.DeepSeek', 'deepseek'),
  ag('agno.models.xai.xAI', 'xai'),
  ag('agno.models.openrouter.OpenRouter', 'openrouter'),
  ag('agno.models.litellm.LiteLLM', 'litellm'),
  ag('agno.models.huggingface.HuggingFace', 'huggingface'),
  // Hugging Face
  py('transformers.pipeline', 'huggingface', 'load', { modelKeys: ['model'], modelPos: 1 }),
  py('transformers.*.from_pretrained', 'huggingface', 'load', { modelKeys: HF_MODEL, modelPos: 0 }),
  py('huggingface_hub.InferenceClient', 'huggingface', 'client', { modelPos: 0 }),
  py('huggingface_hub.AsyncInferenceClient', 'huggingface', 'client', { modelPos: 0 }),
  py('huggingface_hub.hf_hub_download', 'huggingface', 'load', { modelKeys: ['repo_id'], modelPos: 0 }),
  py('huggingface_hub.snapshot_download', 'huggingface', 'load', { modelKeys: ['repo_id'], modelPos: 0 }),
  py('sentence_transformers.SentenceTransformer', 'huggingface', 'load', {
    modelKeys: ['model_name_or_path'],
    modelPos: 0,
  }),
  py('sentence_transformers.CrossEncoder', 'huggingface', 'load', { modelKeys: ['model_name'], modelPos: 0 }),
  py('diffusers.*.from_pretrained', 'huggingface', 'load', { modelKeys: HF_MODEL, modelPos: 0 }),
  py('peft.*.from_pretrained', 'huggingface', 'load', { modelKeys: HF_MODEL, modelPos: 1 }),
  py('vllm.LLM', 'vllm', 'load', { modelPos: 0 }),
  // Local runtimes and other hosted APIs
  py('llama_cpp.Llama', 'llama-cpp', 'load', { modelKeys: ['model_path'] }),
  py('llama_cpp.Llama.from_pretrained', 'huggingface', 'load', {
    modelKeys: ['repo_id'],
    modelPos: 0,
    via: 'llama-cpp',
  }),
  py('mlx_lm.load', 'huggingface', 'load', { modelKeys: ['path_or_hf_repo'], modelPos: 0, via: 'mlx-lm' }),
  py('gpt4all.GPT4All', 'gpt4all', 'load', { modelKeys: ['model_name'], modelPos: 0 }),
  py('replicate.run', 'replicate', 'call', { modelPos: 0 }),
  py('replicate.Client', 'replicate', 'client'),
  py('azure.ai.inference.ChatCompletionsClient', 'azure-ai-inference', 'client'),
  py('azure.ai.inference.aio.ChatCompletionsClient', 'azure-ai-inference', 'client'),

  // ---- JavaScript / TypeScript ----
  py('openai', 'openai', 'client'),
  py('openai.OpenAI', 'openai', 'client'),
  py('openai.AzureOpenAI', 'azure-openai', 'client'),
  py('@anthropic-ai/sdk', 'anthropic', 'client'),
  py('@anthropic-ai/sdk.Anthropic', 'anthropic', 'client'),
  py('@anthropic-ai/bedrock-sdk.AnthropicBedrock', 'aws-bedrock', 'client', { via: 'anthropic' }),
  py('@aws-sdk/client-bedrock-runtime.BedrockRuntimeClient', 'aws-bedrock', 'client'),
  py('@aws-sdk/client-bedrock-runtime.InvokeModelCommand', 'aws-bedrock', 'request'),
  py('@aws-sdk/client-bedrock-runtime.ConverseCommand', 'aws-bedrock', 'request'),
  py('@aws-sdk/client-bedrock-runtime.ConverseStreamCommand', 'aws-bedrock', 'request'),
  py('@aws-sdk/client-bedrock-runtime.InvokeModelWithResponseStreamCommand', 'aws-bedrock', 'request'),
  py('@google/genai.GoogleGenAI', 'google', 'client'),
  py('@google/generative-ai.GoogleGenerativeAI', 'google', 'client'),
  py('@google-cloud/vertexai.VertexAI', 'google-vertex', 'client'),
  py('cohere-ai.CohereClient', 'cohere', 'client'),
  py('cohere-ai.CohereClientV2', 'cohere', 'client'),
  py('@mistralai/mistralai.Mistral', 'mistral', 'client'),
  py('@mistralai/mistralai.MistralClient', 'mistral', 'client'),
  py('groq-sdk', 'groq', 'client'),
  py('groq-sdk.Groq', 'groq', 'client'),
  py('together-ai', 'together', 'client'),
  py('together-ai.Together', 'together', 'client'),
  py('ollama.Ollama', 'ollama', 'client'),
  py('@azure/openai.AzureOpenAI', 'azure-openai', 'client'),
  py('@azure-rest/ai-inference', 'azure-ai-inference', 'client'),
  py('replicate', 'replicate', 'client'),
  py('node-llama-cpp.getLlama', 'llama-cpp', 'load'),
  // Vercel AI SDK: provider factories name the model; generateText with a string model uses the gateway.
  py('@ai-sdk/openai.openai', 'openai', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/openai.createOpenAI', 'openai', 'client', { via: 'vercel-ai-sdk' }),
  py('@ai-sdk/azure.azure', 'azure-openai', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/azure.createAzure', 'azure-openai', 'client', { via: 'vercel-ai-sdk' }),
  py('@ai-sdk/anthropic.anthropic', 'anthropic', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/anthropic.createAnthropic', 'anthropic', 'client', { via: 'vercel-ai-sdk' }),
  py('@ai-sdk/google.google', 'google', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/google-vertex.vertex', 'google-vertex', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/amazon-bedrock.bedrock', 'aws-bedrock', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/mistral.mistral', 'mistral', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/groq.groq', 'groq', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/cohere.cohere', 'cohere', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/togetherai.togetherai', 'together', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/openai-compatible.createOpenAICompatible', 'openai-compatible', 'client', { via: 'vercel-ai-sdk' }),
  py('ollama-ai-provider.ollama', 'ollama', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/gateway.gateway', 'vercel-ai-gateway', 'factory', { via: 'vercel-ai-sdk', modelPos: 0 }),
  py('@ai-sdk/gateway.createGateway', 'vercel-ai-gateway', 'client', { via: 'vercel-ai-sdk' }),
  py('ai.generateText', 'vercel-ai-gateway', 'call', { via: 'vercel-ai-sdk' }),
  py('ai.streamText', 'vercel-ai-gateway', 'call', { via: 'vercel-ai-sdk' }),
  py('ai.generateObject', 'vercel-ai-gateway', 'call', { via: 'vercel-ai-sdk' }),
  py('ai.streamObject', 'vercel-ai-gateway', 'call', { via: 'vercel-ai-sdk' }),
  // LangChain.js and LlamaIndex.TS
  lc('@langchain/openai.ChatOpenAI', 'openai'),
  lc('@langchain/openai.AzureChatOpenAI', 'azure-openai'),
  lc('@langchain/openai.OpenAI', 'openai'),
  lc('@langchain/openai.OpenAIEmbeddings', 'openai'),
  lc('@langchain/anthropic.ChatAnthropic', 'anthropic'),
  lc('@langchain/google-genai.ChatGoogleGenerativeAI', 'google'),
  lc('@langchain/google-vertexai.ChatVertexAI', 'google-vertex'),
  lc('@langchain/aws.ChatBedrockConverse', 'aws-bedrock'),
  lc('@langchain/ollama.ChatOllama', 'ollama'),
  lc('@langchain/mistralai.ChatMistralAI', 'mistral'),
  lc('@langchain/groq.ChatGroq', 'groq'),
  lc('@langchain/cohere.ChatCohere', 'cohere'),
  lc('@langchain/community/chat_models/togetherai.ChatTogetherAI', 'together'),
  lc('langchain/chat_models/universal.initChatModel', 'langchain', { modelPos: 0 }),
  li('llamaindex.OpenAI', 'openai'),
  li('llamaindex.Anthropic', 'anthropic'),
  li('llamaindex.Ollama', 'ollama'),
  li('@llamaindex/openai.OpenAI', 'openai'),
  li('@llamaindex/anthropic.Anthropic', 'anthropic'),
  li('@llamaindex/ollama.Ollama', 'ollama'),
  // Hugging Face JS
  py('@huggingface/inference.HfInference', 'huggingface', 'client'),
  py('@huggingface/inference.InferenceClient', 'huggingface', 'client'),
  py('@huggingface/transformers.pipeline', 'huggingface', 'load', { modelPos: 1 }),
  py('@xenova/transformers.pipeline', 'huggingface', 'load', { modelPos: 1 }),
  py('@huggingface/transformers.*.from_pretrained', 'huggingface', 'load', { modelPos: 0 }),
];

/** Cheap pre-filter: a file that mentions none of these cannot match any row (case-insensitive). */
export const PROVIDER_HINTS = [
  'openai',
  'anthropic',
  'bedrock',
  'genai',
  'generativeai',
  'vertexai',
  // Plain words ("coherent", "together") would send ordinary files to the parser.
  'cohere.',
  'import cohere',
  'from cohere',
  'cohere-ai',
  'mistral',
  'groq',
  'import together',
  'from together',
  'together-ai',
  'ollama',
  'litellm',
  'langchain',
  'llama_index',
  'llamaindex',
  'transformers',
  'huggingface',
  'hf_hub',
  'diffusers',
  'peft',
  'vllm',
  'llama_cpp',
  'llama-cpp',
  'mlx_lm',
  'gpt4all',
  'replicate',
  'haystack',
  'agno.models',
  '@azure/openai',
  'ai-inference',
  'azure.ai.inference',
  '@ai-sdk',
  'ai-provider',
  "'ai'",
  '"ai"',
];
