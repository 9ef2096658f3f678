// Detector: LLM API clients and the models they use, from Python and JS/TS code. Every call whose
// resolved callee matches the provider table (providers.ts) becomes an `llm-client` asset; model
// names passed as literals, module constants or env-var defaults become `model` assets linked by
// `uses-model`. Only parsed syntax counts: comments, docstrings and look-alike names never match.
import { type Asset, assetId, type Detector, type DetectorOutput, type FileInput, type Relation } from '@rampart/core';
import type { AnalyzedSource, CallSite, Value } from '../lang/index.js';
import { entry, stringOf } from '../lang/index.js';
import { codeApplies, fileRef, hintPattern, loadSource, type SourceRef } from './code-file.js';
import { compatibleProvider } from './compatible-hosts.js';
import {
  acceptsModel,
  isDefaultEndpoint,
  isOfficialEndpoint,
  isPrivateEndpoint,
  plausibleHfRepo,
  plausibleModelId,
  providerOfModel,
  splitRoute,
} from './model-ids.js';
import { matchProvider } from './provider-match.js';
import { PROVIDER_HINTS, type ProviderRow } from './providers.js';

export const LLM_CLIENT_DETECTOR_ID = 'code-llm-clients';
const HINTS = hintPattern(PROVIDER_HINTS);

function valueAt(call: CallSite, keys: readonly string[] | undefined, pos: number | undefined): Value | undefined {
  for (const k of keys ?? []) {
    const dot = k.indexOf('.');
    const v = dot > 0 ? entry(call.kwargs[k.slice(0, dot)], k.slice(dot + 1)) : call.kwargs[k];
    if (v) return v;
  }
  return pos === undefined ? undefined : call.args[pos];
}

/**
 * The call that built the instance a method is called on: `local.chat.completions.create` ->
 * the `O(base_url=...)` bound to `local` (or `self.local`) most recently before the call.
 */
function constructionOf(model: AnalyzedSource, call: CallSite): CallSite | undefined {
  const parts = call.text.split('.');
  for (let i = parts.length; i >= 1; i--) {
    const target = parts.slice(0, i).join('.');
    let bound: AnalyzedSource['assignments'][number] | undefined;
    for (const a of model.assignments) if (a.target === target && a.line <= call.line) bound = a;
    if (bound) return bound.value.kind === 'call' ? model.calls[bound.value.call] : undefined;
  }
  return undefined;
}

/** For rows guarded by `when` (boto3.client("bedrock-runtime")): does the constructing call pass? */
function passesWhen(ctor: CallSite | undefined, row: ProviderRow): boolean {
  const w = row.when;
  if (!w) return true;
  if (!ctor) return false;
  const v = stringOf((w.key ? ctor.kwargs[w.key] : undefined) ?? (w.pos !== undefined ? ctor.args[w.pos] : undefined));
  return v !== undefined && w.values.includes(v);
}

interface ModelRef {
  provider: string;
  name: string;
  line: number;
  fromEnv?: string;
}

/** Turn a model argument into a model reference, resolving routing prefixes and provider families. */
function modelRef(v: Value | undefined, clientProvider: string, row: ProviderRow, line: number): ModelRef | undefined {
  const s = stringOf(v);
  if (s === undefined || !plausibleModelId(s)) return undefined;
  const env = v?.kind === 'env' ? v.name : undefined;
  const base = env ? { fromEnv: env } : {};
  if (clientProvider === 'huggingface' || row.role === 'load') {
    if (!plausibleHfRepo(s)) return undefined;
    return { provider: providerOfModel(s) ?? 'huggingface', name: s, line, ...base };
  }
  const routed = splitRoute(s);
  if (
    routed &&
    (clientProvider === 'litellm' ||
      clientProvider === 'langchain' ||
      clientProvider === 'vercel-ai-gateway' ||
      !s.includes('/') ||
      providerOfModel(routed.name))
  )
    return { provider: providerOfModel(routed.name) ?? routed.provider, name: routed.name, line, ...base };
  const family = providerOfModel(s);
  if (!family && !acceptsModel(clientProvider, s)) return undefined;
  return { provider: family ?? clientProvider, name: s, line, ...base };
}

/**
 * The model a provider construction names (`OpenAIChat(id="gpt-4o")`, `Ollama(model="llama3.1")`), as
 * the model asset this detector gives it, so an agent handed that object links to the same asset.
 */
export function modelOfProviderCall(call: CallSite): { id: string; ref: ModelRef } | undefined {
  const hit = matchProvider(call.callee);
  if (!hit?.exact || hit.row.role === 'request' || hit.row.when) return undefined;
  // As below: an OpenAI client pointed at another server is an OpenAI-compatible one (any model id).
  const endpoint = endpointOf(call, hit.row);
  const provider = endpointProvider(hit.row.provider, endpoint);
  const ref = modelRef(valueAt(call, hit.row.modelKeys, hit.row.modelPos), provider, hit.row, call.line);
  return ref ? { id: assetId('model', ref.provider, ref.name), ref } : undefined;
}

/**
 * Who an OpenAI(-compatible) client pointed at `endpoint` talks to: a provider with a documented
 * OpenAI-compatible endpoint (Groq, OpenRouter, Gemini, a local Ollama), else "openai-compatible"
 * for another server. Other clients keep their row's provider.
 */
function endpointProvider(rowProvider: string, endpoint: string | undefined): string {
  if (!endpoint || (rowProvider !== 'openai' && rowProvider !== 'openai-compatible')) return rowProvider;
  const known = compatibleProvider(endpoint);
  if (known) return known;
  return rowProvider === 'openai' && !isOfficialEndpoint(endpoint) ? 'openai-compatible' : rowProvider;
}

function envNameAt(call: CallSite, keys: readonly string[] | undefined): string | undefined {
  const v = valueAt(call, keys, undefined);
  return v?.kind === 'env' && !v.default ? v.name : undefined;
}

function endpointOf(call: CallSite, row: ProviderRow): string | undefined {
  const s = stringOf(valueAt(call, row.endpointKeys, undefined));
  return s && /^https?:\/\//i.test(s) ? s : undefined;
}

/** Analyse a parsed source: shared by the file detector and the notebook detector. */
export function findLlmClients(model: AnalyzedSource, ref: SourceRef): Partial<DetectorOutput> {
  const assets = new Map<string, Asset>();
  const relations = new Map<string, Relation>();
  const hits: Array<{ call: CallSite; row: ProviderRow; exact: boolean; ctor: CallSite | undefined }> = [];
  for (const call of model.calls) {
    const hit = matchProvider(call.callee);
    if (!hit) continue;
    const ctor = hit.exact ? call : constructionOf(model, call);
    if (!passesWhen(ctor, hit.row)) continue;
    hits.push({ call, row: hit.row, exact: hit.exact, ctor });
  }
  // Request objects (Bedrock commands) attach their model to a client constructed in the same file.
  const clientFor = new Map<string, string>();
  const addAsset = (a: Asset) => {
    const prev = assets.get(a.id);
    if (prev) {
      if (!prev.locations.some((l) => l.line === a.locations[0]?.line)) prev.locations.push(...a.locations);
      Object.assign(prev.properties, a.properties);
    } else assets.set(a.id, a);
  };
  for (const { call, row, exact, ctor } of hits) {
    // snapshot_download(repo_id=..., repo_type="dataset"): a dataset or a Space, not model weights.
    const repoType = row.role === 'load' ? stringOf(call.kwargs.repo_type) : undefined;
    if (repoType === 'dataset' || repoType === 'space') continue;
    let provider = row.provider;
    // Vercel's generateText with a provider factory is covered by the factory call itself.
    if (
      row.provider === 'vercel-ai-gateway' &&
      row.role === 'call' &&
      call.kwargs.model?.kind !== 'string' &&
      call.kwargs.model?.kind !== 'env'
    )
      continue;
    const endpoint = ctor ? endpointOf(ctor, row) : undefined;
    const sdk = row.match.replace(/\.\*\..*$/, '');
    const properties: Asset['properties'] = { sdk, language: model.language };
    const endpointEnv = ctor ? envNameAt(ctor, row.endpointKeys) : undefined;
    if (endpointEnv) properties.endpointEnv = endpointEnv;
    if (row.via) properties.via = row.via;
    if (row.role === 'load') properties.runtime = 'local';
    if (endpoint) {
      properties.endpoint = endpoint;
      provider = endpointProvider(provider, endpoint);
      if (!isOfficialEndpoint(endpoint)) properties.selfHosted = isPrivateEndpoint(endpoint);
    }
    // A provider instance called directly names its model first: createOpenAI({...})("llama3").
    const callsInstance = !exact && row.via === 'vercel-ai-sdk' && call.callee === `${row.match}()`;
    const pos = exact || row.role === 'factory' ? row.modelPos : callsInstance ? 0 : undefined;
    const modelValue = valueAt(call, row.modelKeys, pos);
    const mref = modelRef(modelValue, provider, row, call.line);
    if (mref && (provider === 'litellm' || provider === 'langchain' || provider === 'vercel-ai-gateway'))
      properties.routesTo = mref.provider;
    if (provider === 'langchain') {
      const mp = stringOf(call.kwargs.model_provider ?? call.kwargs.modelProvider);
      if (mp) properties.routesTo = mp;
    }
    const existing = row.role === 'request' ? clientFor.get(provider) : undefined;
    const idEndpoint = endpoint && !isDefaultEndpoint(endpoint) ? endpoint : undefined;
    const clientId = existing ?? assetId('llm-client', provider, sdk, idEndpoint);
    // Hub downloads (hf_hub_download, snapshot_download) fetch weights; they are not API clients.
    const downloadOnly = row.role === 'load' && /download/i.test(row.match);
    if (!existing && !downloadOnly) {
      addAsset({
        id: clientId,
        kind: 'llm-client',
        name: sdk,
        provider,
        locations: [ref.locate(call.line)],
        properties,
      });
      if (row.role === 'client' && !clientFor.has(provider)) clientFor.set(provider, clientId);
    }
    if (modelValue?.kind === 'env' && !mref) {
      const a = assets.get(clientId);
      if (a) a.properties.modelEnv = modelValue.name;
    }
    if (!mref) continue;
    const mid = assetId('model', mref.provider, mref.name);
    const hosting = row.role === 'load' ? 'weights' : properties.selfHosted === true ? 'self-hosted' : 'hosted-api';
    const mprops: Asset['properties'] = { hosting };
    if (mref.fromEnv) mprops.envVar = mref.fromEnv;
    if (mref.provider === 'huggingface') mprops.huggingfaceRepo = mref.name;
    addAsset({
      id: mid,
      kind: 'model',
      name: mref.name,
      provider: mref.provider,
      locations: [ref.locate(call.line)],
      properties: mprops,
    });
    if (!downloadOnly) relations.set(`${clientId}>${mid}`, { from: clientId, to: mid, type: 'uses-model' });
  }
  return { assets: [...assets.values()], relations: [...relations.values()] };
}

export const llmClientsDetector: Detector = {
  id: LLM_CLIENT_DETECTOR_ID,
  version: '2',
  description:
    'LLM API clients (OpenAI, Anthropic, Bedrock, Google, LangChain, LlamaIndex, Hugging Face, ...) and the models they use, from parsed Python and JS/TS',
  applies: (file) => codeApplies(file, HINTS),
  async analyze(file: FileInput) {
    const out: Partial<DetectorOutput> = {};
    const model = await loadSource(file, HINTS, out, LLM_CLIENT_DETECTOR_ID);
    if (!model) return out;
    const found = findLlmClients(model, fileRef(file.path));
    return { ...out, ...found };
  },
};
