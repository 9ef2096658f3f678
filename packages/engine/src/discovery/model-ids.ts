// Knowledge about model identifiers as data: which provider a hosted model id belongs to, how
// routing prefixes ("anthropic/claude-...", "openai:gpt-4o") split, and what a Hugging Face repo
// id looks like. Shared by the code and config detectors so the same model merges into one asset.

const FAMILY: ReadonlyArray<[RegExp, string]> = [
  [
    /^(?:gpt-|o1(?:-|$)|o3(?:-|$)|o4-|chatgpt-|text-embedding-(?:3|ada)|text-davinci|davinci-|babbage-|dall-e-|whisper-|tts-1|omni-moderation|text-moderation|gpt-image)/,
    'openai',
  ],
  [/^claude-/, 'anthropic'],
  [
    /^(?:gemini-|gemma-|text-bison|chat-bison|textembedding-gecko|text-embedding-00|text-multilingual-embedding|imagen-)/,
    'google',
  ],
  [
    /^(?:(?:us|eu|apac|global)\.)?(?:anthropic|amazon|meta|cohere|ai21|mistral|stability|deepseek|writer)\.[a-z0-9]/,
    'aws-bedrock',
  ],
  [/^(?:command(?:-|$)|embed-english|embed-multilingual|embed-v4|rerank-)/, 'cohere'],
  [/^(?:mistral-|mixtral-|codestral-|open-mistral|open-mixtral|ministral-|pixtral-|magistral-|devstral-)/, 'mistral'],
];

/** Routing prefixes used by LiteLLM, LangChain's init_chat_model, Vercel's gateway and others. */
const ROUTE_PREFIX: Record<string, string> = {
  openai: 'openai',
  azure: 'azure-openai',
  azure_ai: 'azure-openai',
  anthropic: 'anthropic',
  bedrock: 'aws-bedrock',
  bedrock_converse: 'aws-bedrock',
  vertex_ai: 'google-vertex',
  google_vertexai: 'google-vertex',
  gemini: 'google',
  google: 'google',
  google_genai: 'google',
  cohere: 'cohere',
  mistral: 'mistral',
  mistralai: 'mistral',
  groq: 'groq',
  together_ai: 'together',
  together: 'together',
  ollama: 'ollama',
  ollama_chat: 'ollama',
  huggingface: 'huggingface',
  xai: 'xai',
  deepseek: 'deepseek',
  openrouter: 'openrouter',
};

/** Providers whose model ids all follow known families: another name there is a test stub or a typo. */
const FAMILY_ONLY = new Set(['openai', 'anthropic', 'google', 'cohere', 'mistral']);

/**
 * Whether `id` is believable as a model of `provider`: for providers with known families the id must
 * belong to one (or be an OpenAI fine-tune "ft:..."); others (Azure deployments, Ollama tags,
 * self-hosted servers) accept any plausible id.
 */
export function acceptsModel(provider: string, id: string): boolean {
  if (!FAMILY_ONLY.has(provider)) return true;
  if (provider === 'openai' && id.startsWith('ft:')) return true;
  return providerOfModel(id) !== undefined;
}

/** Provider a model id belongs to by its family name, when recognisable. */
export function providerOfModel(id: string): string | undefined {
  const lower = id.toLowerCase();
  for (const [re, p] of FAMILY) if (re.test(lower)) return p;
  return undefined;
}

/** "anthropic/claude-3-haiku" -> {provider: anthropic, name: claude-3-haiku}; also "openai:gpt-4o". */
export function splitRoute(id: string): { provider: string; name: string } | undefined {
  // OpenAI Agents SDK prefixes that hand the rest to LiteLLM / any-llm: "litellm/anthropic/claude-...".
  const via = /^(litellm|any-llm)\/(.+)$/.exec(id);
  if (via) return routeOf(via[2]!) ?? { provider: via[1]!, name: via[2]! };
  return routeOf(id);
}

function routeOf(id: string): { provider: string; name: string } | undefined {
  const m = /^([a-z_]{2,20})[/:](.+)$/.exec(id);
  if (!m) return undefined;
  // Own keys only: "constructor/my-model" in a scanned file has no provider, not Object's.
  const provider = Object.hasOwn(ROUTE_PREFIX, m[1]!) ? ROUTE_PREFIX[m[1]!] : undefined;
  return provider ? { provider, name: m[2]! } : undefined;
}

/** A plausible model identifier: short, no whitespace, not a URL or a file path. */
export function plausibleModelId(s: string): boolean {
  if (s.length < 2 || s.length > 160) return false;
  if (/\s/.test(s) || /^[./~\\]|^[a-z]:\\|:\/\/|\{\}/i.test(s)) return false;
  // Placeholders and env-var names are not model ids: YOUR_MODEL_ARN, <model>, my-model-here, MODEL_NAME.
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^(?:your|my)[-_]|placeholder|xxx|changeme|-here$|^<|^\$/i.test(s)) return false;
  return /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/.test(s);
}

/** A Hugging Face repo id ("org/name") or a canonical bare name ("gpt2"), not a local path or file. */
export function plausibleHfRepo(s: string): boolean {
  if (!plausibleModelId(s)) return false;
  if (/\.(bin|pt|pth|safetensors|ckpt|gguf|onnx|h5|pkl|json|txt)$/i.test(s)) return false;
  const parts = s.split('/');
  return parts.length <= 2 && parts.every((p) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/.test(p));
}

/** Loopback, private and link-local hosts, and common in-cluster names: an endpoint you operate. */
export function isPrivateEndpoint(url: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url);
  const host = (m?.[1] ?? '').toLowerCase();
  if (!host) return false;
  if (
    host === 'localhost' ||
    host === '[::1]' ||
    host === '0.0.0.0' ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  )
    return true;
  if (host.endsWith('.svc') || host.endsWith('.cluster.local') || !host.includes('.')) return true;
  const ip = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (!ip) return false;
  const a = Number(ip[1]);
  const b = Number(ip[2]);
  return (
    a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  );
}

/** Hosts of the providers' own public APIs: a base_url pointing elsewhere is a compatible server. */
const OFFICIAL_HOSTS =
  /(^|\.)(openai\.com|openai\.azure\.com|azure\.com|anthropic\.com|googleapis\.com|mistral\.ai|groq\.com|together\.xyz|together\.ai|cohere\.(ai|com)|amazonaws\.com|huggingface\.co)$/i;

export function isOfficialEndpoint(url: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^:/?#]*)/i.exec(url);
  return OFFICIAL_HOSTS.test(m?.[1] ?? '');
}

/** The providers' default public API hosts: naming one explicitly is the same client as naming none. */
const DEFAULT_HOSTS =
  /^(?:api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.mistral\.ai|api\.groq\.com|api\.together\.xyz|api\.cohere\.(?:ai|com)|api-inference\.huggingface\.co)$/i;

export function isDefaultEndpoint(url: string): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^:/?#]*)/i.exec(url);
  return DEFAULT_HOSTS.test(m?.[1] ?? '');
}
