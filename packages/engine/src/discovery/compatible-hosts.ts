// Providers' documented OpenAI-compatible endpoints, as data: an OpenAI client (OpenAI(base_url=...),
// ChatOpenAI(openai_api_base=...), OpenAIChatGenerator(api_base_url=...)) pointed at one of these is
// that provider, not OpenAI and not an anonymous "openai-compatible" server. Hosts are compared whole
// (or by a dot-prefixed suffix), after the URL parser has split host and port; no pattern matching.
import { isPrivateEndpoint } from './model-ids.js';

export interface CompatibleHost {
  /** Exact host name, or a suffix starting with "." or "-" (".openai.azure.com"). */
  host: string;
  provider: string;
}

export const COMPATIBLE_HOSTS: readonly CompatibleHost[] = [
  { host: 'generativelanguage.googleapis.com', provider: 'google' },
  { host: 'api.anthropic.com', provider: 'anthropic' },
  { host: 'api.groq.com', provider: 'groq' },
  { host: 'api.together.xyz', provider: 'together' },
  { host: 'api.together.ai', provider: 'together' },
  { host: 'openrouter.ai', provider: 'openrouter' },
  { host: 'api.deepseek.com', provider: 'deepseek' },
  { host: 'api.mistral.ai', provider: 'mistral' },
  { host: 'api.fireworks.ai', provider: 'fireworks' },
  { host: 'api.perplexity.ai', provider: 'perplexity' },
  { host: 'api.x.ai', provider: 'xai' },
  { host: 'api.cerebras.ai', provider: 'cerebras' },
  { host: 'dashscope.aliyuncs.com', provider: 'dashscope' },
  { host: 'api.cohere.ai', provider: 'cohere' },
  { host: 'api.cohere.com', provider: 'cohere' },
  { host: 'api-inference.huggingface.co', provider: 'huggingface' },
  { host: 'router.huggingface.co', provider: 'huggingface' },
  { host: 'dashscope-intl.aliyuncs.com', provider: 'dashscope' },
  { host: '.openai.azure.com', provider: 'azure-openai' },
  // Vertex AI's OpenAI-compatible endpoint: {location}-aiplatform.googleapis.com, or the global host.
  { host: 'aiplatform.googleapis.com', provider: 'google-vertex' },
  { host: '-aiplatform.googleapis.com', provider: 'google-vertex' },
];

/**
 * Default ports of local OpenAI-compatible servers, on a loopback or private host. vLLM (8000) and
 * llama.cpp (8080) share their defaults with any web app, so a server there stays "openai-compatible".
 */
export const LOCAL_SERVER_PORTS: Readonly<Record<string, string>> = {
  '11434': 'ollama',
  '1234': 'lm-studio',
};

function hostAndPort(url: string): { host: string; port: string } | undefined {
  try {
    const u = new URL(url);
    return { host: u.hostname.toLowerCase(), port: u.port };
  } catch {
    return undefined;
  }
}

/** The provider behind an OpenAI-compatible endpoint URL, when it is a known one. */
export function compatibleProvider(url: string): string | undefined {
  const hp = hostAndPort(url);
  if (!hp) return undefined;
  const row = COMPATIBLE_HOSTS.find((r) => (/^[.-]/.test(r.host) ? hp.host.endsWith(r.host) : hp.host === r.host));
  if (row) return row.provider;
  if (hp.port && Object.hasOwn(LOCAL_SERVER_PORTS, hp.port) && isPrivateEndpoint(url))
    return LOCAL_SERVER_PORTS[hp.port];
  return undefined;
}
