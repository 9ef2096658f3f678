// Detector: model identifiers in configuration — YAML, JSON and .env files (app settings, LiteLLM
// and LangChain configs, docker-compose environments, Helm values). A value counts when its key
// names a model (model, model_name, LLM_MODEL, deployment ...) and the value is a recognisable
// hosted model id or, for hub-style keys, a Hugging Face repo id. The same id found in code merges
// into the same `model` asset (assetId('model', provider, name)).
import { type Asset, assetId, type Detector, type DetectorOutput, type FileInput } from '@rampart/core';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { record } from './code-file.js';
import { plausibleHfRepo, plausibleModelId, providerOfModel, splitRoute } from './model-ids.js';

export const CONFIG_MODELS_DETECTOR_ID = 'config-model-ids';

/** Config files larger than this are not models' settings (lock files, data dumps). */
const MAX_CONFIG_BYTES = 1024 * 1024;
const CONFIG_NAME = /(?:\.(?:ya?ml|json)|(?:^|\/)\.env(?:\.[\w.-]+)?)$/i;
const NOT_CONFIG =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|composer\.lock|tsconfig[\w.-]*\.json|jsconfig\.json|\.eslintrc[\w.]*|biome\.json|renovate\.json|[\w.-]*\.schema\.json|pnpm-lock\.yaml|yarn\.lock)$|\.ipynb$|(?:^|\/)rules\/[^/]+\/[^/]+\.fixture\.yaml$/i;
/** Keys whose value names a model. */
const MODEL_KEY =
  /^(?:[a-z_]*_)?(?:model|model_?name|model_?id|llm|llm_model|chat_model|embedding_model|embeddings_model|deployment|deployment_name|base_model|repo_id|pretrained_model_name_or_path)$|model$/i;
/** Keys where a bare Hugging Face repo id is expected. */
const HUB_KEY = /(?:model_?name|model_?id|repo_id|base_model|pretrained|hf_|huggingface|embedding)/i;
const HEAD_HINT = /model|deployment|llm/i;

export interface ConfigModel {
  key: string;
  value: string;
  line: number;
}

/** Classify one key/value; undefined when it is not a model reference. */
export function modelFromConfig(key: string, value: string): { provider: string; name: string } | undefined {
  const bareKey = key.split('.').pop() ?? key;
  if (!MODEL_KEY.test(bareKey) || !plausibleModelId(value)) return undefined;
  const routed = splitRoute(value);
  if (routed) return { provider: providerOfModel(routed.name) ?? routed.provider, name: routed.name };
  const p = providerOfModel(value);
  if (p) return { provider: p, name: value };
  if (HUB_KEY.test(bareKey) && value.includes('/') && plausibleHfRepo(value))
    return { provider: 'huggingface', name: value };
  return undefined;
}

function walkYaml(node: unknown, lc: LineCounter, out: ConfigModel[], depth: number, budget: { n: number }): void {
  if (depth > 64 || --budget.n < 0) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const v = pair.value as YamlNode | null;
      if (k !== undefined && isScalar(v) && typeof v.value === 'string' && v.range) {
        out.push({ key: k, value: v.value, line: lc.linePos(v.range[0]).line });
      } else walkYaml(v, lc, out, depth + 1, budget);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      // docker-compose style "KEY=value" environment entries.
      if (isScalar(item) && typeof item.value === 'string' && item.range) {
        const m = /^([A-Za-z_][A-Za-z0-9_.]{0,80})=(.{1,200})$/.exec(item.value);
        if (m) out.push({ key: m[1]!, value: m[2]!, line: lc.linePos(item.range[0]).line });
      } else walkYaml(item, lc, out, depth + 1, budget);
    }
  }
}

const JSON_PAIR = /"([A-Za-z_][A-Za-z0-9_.-]{0,80})"\s{0,8}:\s{0,8}"([^"\\\n]{1,200})"/g;

/**
 * Key/value string pairs of a JSON text with lines, by a linear scan instead of a parse: JSON
 * files can be large datasets, and only "key": "string" pairs matter here.
 */
export function jsonPairs(text: string): ConfigModel[] {
  const out: ConfigModel[] = [];
  let line = 1;
  let at = 0;
  JSON_PAIR.lastIndex = 0;
  for (let m = JSON_PAIR.exec(text); m !== null; m = JSON_PAIR.exec(text)) {
    for (let i = text.indexOf('\n', at); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      at = i + 1;
    }
    out.push({ key: m[1]!, value: m[2]!, line });
  }
  return out;
}

/**
 * Key/value string pairs of a YAML text, with lines. The node tree is walked as parsed and
 * aliases are never expanded, so alias bombs cost nothing; a node budget bounds huge documents.
 */
export function configPairs(text: string): ConfigModel[] {
  return simplePairs(text) ?? yamlPairs(text);
}

export function yamlPairs(text: string): ConfigModel[] {
  const lc = new LineCounter();
  const out: ConfigModel[] = [];
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, strict: false });
  if (!Array.isArray(docs)) return out;
  const budget = { n: 200_000 };
  for (const d of docs.slice(0, 100)) {
    if (d.errors.length > 0) throw d.errors[0];
    walkYaml(d.contents, lc, out, 0, budget);
  }
  return out;
}

/** A block-map line: indent, plain key, and what follows the colon (nothing, or a space first). */
const SIMPLE_LINE = /^( *)([A-Za-z_][A-Za-z0-9_.-]{0,100}):( .*)?$/;
/** A plain scalar that needs no quoting, escapes or folding (no spaces, colons or indicators). */
const SIMPLE_VALUE = /^([A-Za-z0-9_][A-Za-z0-9_./@+-]{0,300})(?: +#.*)?$/;
/** YAML 1.2 core-schema scalars that are not strings (the yaml package's own tests). */
const NOT_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
const MAX_SIMPLE_LINES = 20_000;

/**
 * The pairs of a YAML text that is only nested block maps of plain keys and plain one-word
 * values, one per line (most settings files), without the yaml package: it built a full document
 * for every settings file and was the largest allocator of a repository scan. Anything else (a
 * sequence, quotes, flow collections, anchors, tags, several documents, tabs, odd indentation, a
 * key the core schema would read as a bool or null) returns undefined, and the yaml package parses
 * the text as before. Same pairs, in the same order, with the same lines as yamlPairs.
 */
export function simplePairs(text: string): ConfigModel[] | undefined {
  if (/[\t\r\uFEFF]/.test(text)) return undefined;
  const lines = text.split('\n');
  if (lines.length > MAX_SIMPLE_LINES) return undefined;
  const out: ConfigModel[] = [];
  const indents: number[] = [];
  let open = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const body = l.trimStart();
    if (body === '' || body.startsWith('#')) continue;
    const m = SIMPLE_LINE.exec(l);
    if (!m) return undefined;
    const indent = m[1]!.length;
    const key = m[2]!;
    if (NOT_STRING[0]!.test(key) || NOT_STRING[1]!.test(key)) return undefined;
    const top = indents[indents.length - 1];
    if (top === undefined || (open && indent > top)) indents.push(indent);
    else {
      while (indents.length > 0 && indent < indents[indents.length - 1]!) indents.pop();
      if (indents[indents.length - 1] !== indent) return undefined;
    }
    if (indents.length > 60) return undefined;
    const rest = (m[3] ?? '').trim();
    if (rest === '' || rest.startsWith('#')) {
      open = true;
      continue;
    }
    open = false;
    const v = SIMPLE_VALUE.exec(rest);
    if (!v) return undefined;
    const value = v[1]!;
    if (!NOT_STRING.some((re) => re.test(value))) out.push({ key, value, line: i + 1 });
  }
  return out;
}

export function envPairs(text: string): ConfigModel[] {
  const out: ConfigModel[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]{0,80})\s*=\s*["']?([^"'#\s]{1,200})/.exec(l);
    if (m) out.push({ key: m[1]!, value: m[2]!, line: i + 1 });
  });
  return out;
}

export const configModelsDetector: Detector = {
  id: CONFIG_MODELS_DETECTOR_ID,
  version: '1',
  description: 'Hosted model ids and Hugging Face repo ids named in YAML, JSON and .env configuration',
  applies(file) {
    if (!file.isText || file.size > MAX_CONFIG_BYTES || !CONFIG_NAME.test(file.path) || NOT_CONFIG.test(file.path))
      return false;
    return file.size > file.head.length || HEAD_HINT.test(Buffer.from(file.head).toString('latin1'));
  },
  async analyze(file: FileInput) {
    const out: Partial<DetectorOutput> = {};
    let pairs: ConfigModel[];
    try {
      const text = await file.text();
      if (!HEAD_HINT.test(text)) return out;
      // Helm templates are not YAML until rendered; the Kubernetes detector reports them as not rendered.
      if (/(^|\/)templates\/[^/]+\.(ya?ml|tpl)$/i.test(file.path) && text.includes('{{')) return out;
      if (/\.ya?ml$/i.test(file.path)) pairs = configPairs(text);
      else if (/\.json$/i.test(file.path)) pairs = jsonPairs(text);
      else pairs = envPairs(text);
    } catch (e) {
      record(file.path, e, out, CONFIG_MODELS_DETECTOR_ID);
      return out;
    }
    const assets = new Map<string, Asset>();
    for (const p of pairs) {
      const m = modelFromConfig(p.key, p.value);
      if (!m) continue;
      const id = assetId('model', m.provider, m.name);
      const loc = { path: file.path, line: p.line };
      const prev = assets.get(id);
      if (prev) prev.locations.push(loc);
      else
        assets.set(id, {
          id,
          kind: 'model',
          name: m.name,
          provider: m.provider,
          locations: [loc],
          properties: { configKey: p.key, ...(m.provider === 'huggingface' ? { huggingfaceRepo: m.name } : {}) },
        });
    }
    return { ...out, assets: [...assets.values()] };
  },
};
