// Self-hosted AI servers and vector databases recognised by container image, with how each one turns
// authentication on or off. Data, not code: adding a server is one entry.
import type { AssetKind } from '@rampart/core';

export interface ImageSpec {
  /** Matches the image reference without tag or digest (registry/namespace/name). */
  pattern: RegExp;
  product: string;
  kind: AssetKind;
  /** none: the server has no authentication of its own; optional: off unless configured; on: on unless disabled. */
  auth: 'none' | 'optional' | 'on';
  /** Env vars or args (prefix match) that switch authentication on. */
  enableEnv?: string[];
  enableArgs?: string[];
  /** Env var values or args that switch it off. */
  disableEnv?: Record<string, RegExp>;
  disableArgs?: string[];
  /** Args and env vars that name the model the server loads. */
  modelArgs?: string[];
  modelEnv?: string[];
}

export const AI_IMAGES: readonly ImageSpec[] = [
  {
    pattern: /(^|\/)vllm\/vllm(-openai)?$/,
    product: 'vLLM',
    kind: 'inference-server',
    auth: 'optional',
    enableEnv: ['VLLM_API_KEY'],
    enableArgs: ['--api-key'],
    modelArgs: ['--model', 'serve'],
    modelEnv: ['MODEL_NAME'],
  },
  {
    pattern: /(^|\/)huggingface\/text-generation-inference$/,
    product: 'Text Generation Inference',
    kind: 'inference-server',
    auth: 'optional',
    enableArgs: ['--api-key'],
    enableEnv: ['API_KEY'],
    modelArgs: ['--model-id'],
    modelEnv: ['MODEL_ID'],
  },
  { pattern: /(^|\/)ollama\/ollama$/, product: 'Ollama', kind: 'inference-server', auth: 'none' },
  {
    pattern: /(^|\/)nvidia\/tritonserver$/,
    product: 'Triton Inference Server',
    kind: 'inference-server',
    auth: 'none',
  },
  {
    pattern: /(^|\/)pytorch\/torchserve(-nightly)?$/,
    product: 'TorchServe',
    kind: 'inference-server',
    auth: 'on',
    disableArgs: ['--disable-token-auth'],
    disableEnv: { TS_DISABLE_TOKEN_AUTHORIZATION: /^true$/i },
  },
  { pattern: /(^|\/)rayproject\/ray(-ml)?$/, product: 'Ray Serve', kind: 'inference-server', auth: 'none' },
  {
    pattern: /(^|\/)(localai\/localai|go-skynet\/local-ai)$/,
    product: 'LocalAI',
    kind: 'inference-server',
    auth: 'optional',
    enableEnv: ['API_KEY', 'LOCALAI_API_KEY'],
    enableArgs: ['--api-keys'],
  },
  {
    pattern: /(^|\/)(ggerganov|ggml-org)\/llama\.cpp$/,
    product: 'llama.cpp server',
    kind: 'inference-server',
    auth: 'optional',
    enableArgs: ['--api-key'],
    enableEnv: ['LLAMA_API_KEY'],
    modelArgs: ['--hf-repo', '-hfr', '--model', '-m'],
  },
  {
    pattern: /(^|\/)open-webui\/open-webui$/,
    product: 'Open WebUI',
    kind: 'inference-server',
    auth: 'on',
    disableEnv: { WEBUI_AUTH: /^(false|0)$/i },
  },
  { pattern: /(^|\/)kserve\/[a-z-]*server$/, product: 'KServe model server', kind: 'inference-server', auth: 'none' },
  {
    pattern: /(^|\/)qdrant\/qdrant$/,
    product: 'Qdrant',
    kind: 'vector-store',
    auth: 'optional',
    enableEnv: ['QDRANT__SERVICE__API_KEY'],
  },
  {
    pattern: /(^|\/)chromadb\/chroma$/,
    product: 'Chroma',
    kind: 'vector-store',
    auth: 'optional',
    enableEnv: ['CHROMA_SERVER_AUTHN_PROVIDER', 'CHROMA_SERVER_AUTH_PROVIDER'],
  },
  {
    pattern: /(^|\/)semitechnologies\/weaviate$/,
    product: 'Weaviate',
    kind: 'vector-store',
    auth: 'on',
    disableEnv: { AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED: /^true$/i },
  },
  {
    pattern: /(^|\/)milvusdb\/milvus$/,
    product: 'Milvus',
    kind: 'vector-store',
    auth: 'optional',
    enableEnv: ['COMMON_SECURITY_AUTHORIZATIONENABLED'],
  },
  {
    pattern: /(^|\/)pgvector\/pgvector$/,
    product: 'pgvector (PostgreSQL)',
    kind: 'vector-store',
    auth: 'on',
    disableEnv: { POSTGRES_HOST_AUTH_METHOD: /^trust$/i },
  },
  {
    pattern: /(^|\/)elasticsearch\/elasticsearch$/,
    product: 'Elasticsearch',
    kind: 'vector-store',
    auth: 'on',
    disableEnv: { 'xpack.security.enabled': /^false$/i },
  },
  {
    pattern: /(^|\/)opensearchproject\/opensearch$/,
    product: 'OpenSearch',
    kind: 'vector-store',
    auth: 'on',
    disableEnv: { DISABLE_SECURITY_PLUGIN: /^true$/i },
  },
];

export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

/** registry/name:tag@digest -> parts. A port in the registry host is not a tag. */
export function parseImage(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export function imageSpec(ref: string): ImageSpec | undefined {
  const { name } = parseImage(ref);
  return AI_IMAGES.find((s) => s.pattern.test(name));
}

/** True when the image is not pinned: no digest and no tag, or a moving tag. */
export function isMutableTag(ref: string): boolean {
  const { tag, digest } = parseImage(ref);
  if (digest) return false;
  return tag === undefined || /^(latest|main|master|nightly|dev|edge|stable)$/i.test(tag);
}

/** Whether a container with these env vars and args has authentication switched on. */
export function authEnabled(spec: ImageSpec, env: ReadonlyMap<string, string>, args: readonly string[]): boolean {
  const hasArg = (names: readonly string[] | undefined) =>
    (names ?? []).some((n) => args.some((a) => a === n || a.startsWith(`${n}=`)));
  if (spec.auth === 'none') return false;
  if (spec.auth === 'on') {
    if (hasArg(spec.disableArgs)) return false;
    for (const [k, re] of Object.entries(spec.disableEnv ?? {})) if (re.test(env.get(k) ?? '')) return false;
    return true;
  }
  if (hasArg(spec.enableArgs)) return true;
  return (spec.enableEnv ?? []).some((k) => (env.get(k) ?? '') !== '');
}

/** The model a server container loads, from its args (`--model X`, `--model=X`, `serve X`) or env. */
export function servedModel(
  spec: ImageSpec,
  env: ReadonlyMap<string, string>,
  args: readonly string[],
): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const flag of spec.modelArgs ?? []) {
      if (a === flag && args[i + 1] && !args[i + 1]!.startsWith('-')) return args[i + 1];
      if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    }
  }
  for (const k of spec.modelEnv ?? []) {
    const v = env.get(k);
    if (v) return v;
  }
  return undefined;
}
