// CycloneDX 1.6 AI-BOM, built with the official @cyclonedx/cyclonedx-library models and its 1.6
// JSON normalizer. Models become machine-learning-model components (with a model card where the
// scan knows anything about them), hosted AI APIs, inference servers, MCP servers, tools and vector
// stores become services, AI packages become libraries with purls, datasets and prompts become data
// components, and relations become the dependency graph. The library has no model-card or service
// endpoint models yet, so those two are added to its normalized output by bom-ref.
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { Enums, Models, Serialize, SPDX, Spec } from '@cyclonedx/cyclonedx-library';
import type { Asset, AssetProperties, ScanResult } from '@rampart/core';
import { PackageURL } from 'packageurl-js';
import { addVulnerabilities } from './cyclonedx-vulns.js';
import type { RenderOptions } from './options.js';
import { compareAssets, compareRelations, sorted } from './order.js';
import { llmProviderName } from './providers.js';

type JsonObject = Record<string, unknown>;

const ROOT_REF = 'rampart:scanned-project';
const MAX_LOCATION_PROPS = 20;
const MAX_PROP_VALUE = 500;
const SHA256 = /^[0-9a-fA-F]{64}$/;
const EXACT_VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,199}$/; // the schema caps versions at 1024
const SERVICE_KINDS = new Set<Asset['kind']>([
  'cloud-ai-service',
  'inference-server',
  'mcp-server',
  'tool',
  'vector-store',
]);

/** A purl we can vouch for: parsed by packageurl-js and printed back canonically, or none. */
export function canonicalPurl(purl: string | undefined): PackageURL | undefined {
  if (purl === undefined) return undefined;
  try {
    return PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
}

/** purl for a Hugging Face model id `owner/name` (the purl spec's huggingface type). */
function huggingFacePurl(a: Asset): PackageURL | undefined {
  if (a.provider?.toLowerCase() !== 'huggingface' && a.provider?.toLowerCase() !== 'hugging-face') return undefined;
  const m = /^([A-Za-z0-9][\w.-]{0,95})\/([A-Za-z0-9][\w.-]{0,95})$/.exec(a.name);
  if (!m) return undefined;
  return new PackageURL('huggingface', m[1]!, m[2]!, a.version, undefined, undefined);
}

function propText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.slice(0, MAX_PROP_VALUE);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => ['string', 'number', 'boolean'].includes(typeof x))) {
    return v.join(', ').slice(0, MAX_PROP_VALUE);
  }
  return undefined;
}

function str(p: AssetProperties, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = p[k];
    if (typeof v === 'string' && v.length > 0) return v;
    if (Array.isArray(v) && typeof v[0] === 'string' && v[0].length > 0) return v[0];
  }
  return undefined;
}

function strList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.length > 0);
  return [];
}

function rampartProperties(a: Asset): Models.Property[] {
  const props = [new Models.Property('rampart:asset-id', a.id), new Models.Property('rampart:kind', a.kind)];
  if (a.provider !== undefined) props.push(new Models.Property('rampart:provider', a.provider));
  for (const l of a.locations.slice(0, MAX_LOCATION_PROPS)) {
    props.push(new Models.Property('rampart:location', l.line !== undefined ? `${l.path}:${l.line}` : l.path));
  }
  for (const k of Object.keys(a.properties).sort()) {
    const v = propText(a.properties[k]);
    if (v !== undefined) props.push(new Models.Property(`rampart:${k}`, v));
  }
  return props;
}

function license(name: string): Models.License {
  const id = SPDX.fixupSpdxId(name);
  return id !== undefined ? new Models.SpdxLicense(id) : new Models.NamedLicense(name);
}

function component(a: Asset): Models.Component {
  const type =
    a.kind === 'model'
      ? Enums.ComponentType.MachineLearningModel
      : a.kind === 'ai-package'
        ? Enums.ComponentType.Library
        : a.kind === 'dataset' || a.kind === 'prompt'
          ? Enums.ComponentType.Data
          : a.kind === 'notebook'
            ? Enums.ComponentType.File
            : Enums.ComponentType.Application;
  const purl = canonicalPurl(a.purl) ?? (a.kind === 'model' ? huggingFacePurl(a) : undefined);
  const isPackage = a.kind === 'ai-package' && purl !== undefined;
  const c = new Models.Component(type, isPackage ? purl.name : a.name, { bomRef: a.id });
  if (isPackage && purl.namespace) c.group = purl.namespace;
  const version = a.version ?? (isPackage ? purl.version : undefined);
  // A range ("^0.27.0", ">=1.2") is not a component version; keep it as a property instead.
  if (version !== undefined && EXACT_VERSION.test(version)) c.version = version;
  else if (version !== undefined)
    c.properties.add(new Models.Property('rampart:versionSpec', version.slice(0, MAX_PROP_VALUE)));
  if (purl !== undefined) c.purl = purl.toString();
  const sha = str(a.properties, 'sha256');
  if (sha !== undefined && SHA256.test(sha)) c.hashes.set(Enums.HashAlgorithm['SHA-256'], sha.toLowerCase());
  const lic = str(a.properties, 'license');
  if (lic !== undefined) c.licenses.add(license(lic));
  for (const p of rampartProperties(a)) c.properties.add(p);
  return c;
}

/** Only http(s)/ws(s) URLs become service endpoints; anything else (javascript:, file:) stays a property. */
function endpoint(a: Asset): string | undefined {
  const u = str(a.properties, 'url', 'endpoint', 'baseUrl', 'base_url');
  if (u === undefined) return undefined;
  try {
    const url = new URL(u);
    return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function service(a: Asset, name = a.name, bomRef = a.id): Models.Service {
  const s = new Models.Service(name, { bomRef });
  if (a.provider !== undefined) s.provider = new Models.OrganizationalEntity({ name: llmProviderName(a.provider) });
  if (a.version !== undefined && EXACT_VERSION.test(a.version)) s.version = a.version;
  for (const p of rampartProperties(a)) s.properties.add(p);
  return s;
}

function modelCard(a: Asset, datasetRefs: string[], datasetsByName: Map<string, string>): JsonObject | undefined {
  const p = a.properties;
  const params: JsonObject = {};
  const task = str(p, 'task', 'pipeline_tag', 'pipelineTag');
  if (task !== undefined) params.task = task;
  const family = str(p, 'architectureFamily', 'model_type', 'modelType');
  if (family !== undefined) params.architectureFamily = family;
  const arch = str(p, 'architecture', 'architectures', 'modelArchitecture');
  if (arch !== undefined) params.modelArchitecture = arch;
  const datasets: JsonObject[] = [];
  const seen = new Set<string>();
  for (const ref of datasetRefs) {
    if (!seen.has(ref)) datasets.push({ ref });
    seen.add(ref);
  }
  for (const name of strList(p.datasets)) {
    const ref = datasetsByName.get(name);
    if (ref !== undefined) {
      if (!seen.has(ref)) datasets.push({ ref });
      seen.add(ref);
    } else if (!seen.has(`name:${name}`)) {
      datasets.push({ type: 'dataset', name });
      seen.add(`name:${name}`);
    }
  }
  if (datasets.length > 0) params.datasets = datasets;
  const props: JsonObject[] = [];
  for (const key of ['format', 'framework', 'base_model', 'baseModel', 'parameterEstimate', 'tensorCount']) {
    const v = propText(p[key]);
    if (v !== undefined) props.push({ name: `rampart:${key}`, value: v });
  }
  if (Object.keys(params).length === 0 && props.length === 0) return undefined;
  const card: JsonObject = {};
  if (Object.keys(params).length > 0) card.modelParameters = params;
  if (props.length > 0) card.properties = props;
  return card;
}

/**
 * Where an LLM client points. Clients of one hosted provider share one service (the provider's
 * API); a client of a self-hosted, OpenAI-compatible server gets a service per endpoint; a local
 * runtime (transformers pipeline, llama.cpp bindings) is a framework component, not a service.
 */
function clientNode(
  a: Asset,
  bom: Models.Bom,
  providerServices: Map<string, Models.Service>,
  serviceEndpoints: Map<string, string>,
): Models.Component | Models.Service {
  if (a.properties.runtime === 'local') {
    const c = new Models.Component(Enums.ComponentType.Framework, a.name, { bomRef: a.id });
    for (const p of rampartProperties(a)) c.properties.add(p);
    bom.components.add(c);
    return c;
  }
  if (a.provider === undefined) {
    const s = service(a);
    bom.services.add(s);
    const e = endpoint(a);
    if (e !== undefined) serviceEndpoints.set(a.id, e);
    return s;
  }
  const e = endpoint(a);
  const display = llmProviderName(a.provider);
  const key = `${a.provider.toLowerCase()}${e !== undefined ? ` ${e}` : ''}`;
  let s = providerServices.get(key);
  if (s === undefined) {
    const bomRef = `provider:${key.replace(' ', ':')}`;
    s = new Models.Service(e !== undefined ? `${display} at ${new URL(e).host}` : `${display} API`, { bomRef });
    s.provider = new Models.OrganizationalEntity({ name: display });
    s.properties.add(new Models.Property('rampart:kind', e !== undefined ? 'ai-api-endpoint' : 'hosted-ai-api'));
    s.properties.add(new Models.Property('rampart:provider', a.provider));
    if (e !== undefined) serviceEndpoints.set(bomRef, e);
    providerServices.set(key, s);
    bom.services.add(s);
  }
  s.properties.add(new Models.Property('rampart:client', `${a.name} (${a.id})`));
  for (const l of a.locations.slice(0, MAX_LOCATION_PROPS)) {
    s.properties.add(new Models.Property('rampart:location', l.line !== undefined ? `${l.path}:${l.line}` : l.path));
  }
  return s;
}

export function buildCycloneDx(result: ScanResult, opts: RenderOptions = {}): JsonObject {
  const projectName = opts.projectName ?? (result.root !== undefined ? basename(result.root) : '');
  const root = new Models.Component(Enums.ComponentType.Application, projectName || 'scanned-project', {
    bomRef: ROOT_REF,
  });
  const tool = new Models.Component(Enums.ComponentType.Application, 'rampart', { version: result.tool.version });
  const bom = new Models.Bom({
    metadata: new Models.Metadata({
      timestamp: opts.now ?? new Date(),
      tools: new Models.Tools({ components: new Models.ComponentRepository([tool]) }),
      component: root,
    }),
    serialNumber: opts.serialNumber ?? `urn:uuid:${randomUUID()}`,
  });

  // bom-ref owner per asset id. LLM clients of one provider share one service: the hosted API.
  const nodes = new Map<string, Models.Component | Models.Service>();
  const providerServices = new Map<string, Models.Service>();
  const serviceEndpoints = new Map<string, string>();
  const models: Asset[] = [];
  const datasetsByName = new Map<string, string>();
  for (const a of sorted(result.assets, compareAssets)) {
    if (nodes.has(a.id)) continue; // bom-refs must be unique; the engine merges, this guards a stray duplicate
    if (a.kind === 'llm-client') {
      const node = clientNode(a, bom, providerServices, serviceEndpoints);
      nodes.set(a.id, node);
    } else if (SERVICE_KINDS.has(a.kind)) {
      const s = service(a);
      bom.services.add(s);
      nodes.set(a.id, s);
      const e = endpoint(a);
      if (e !== undefined) serviceEndpoints.set(a.id, e);
    } else {
      const c = component(a);
      bom.components.add(c);
      nodes.set(a.id, c);
      if (a.kind === 'model') models.push(a);
      if (a.kind === 'dataset') datasetsByName.set(a.name, a.id);
    }
  }

  const datasetIds = new Set(result.assets.filter((a) => a.kind === 'dataset').map((a) => a.id));
  const trainedOn = new Map<string, string[]>();
  const hasIncoming = new Set<string>();
  for (const r of sorted(result.relations, compareRelations)) {
    if (r.type === 'defined-in') continue;
    const from = nodes.get(r.from);
    const to = nodes.get(r.to);
    if (from === undefined || to === undefined || from === to) continue;
    from.dependencies.add(to.bomRef);
    hasIncoming.add(to.bomRef.toString());
    if (r.type === 'trained-on' && datasetIds.has(r.to)) {
      trainedOn.set(r.from, [...(trainedOn.get(r.from) ?? []), r.to]);
    }
  }
  // The scanned project depends on everything nothing else depends on: the graph has one root.
  for (const n of new Set(nodes.values())) if (!hasIncoming.has(n.bomRef.toString())) root.dependencies.add(n.bomRef);

  addVulnerabilities(bom, result.findings, nodes);

  const factory = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);
  const json = factory.makeForBom().normalize(bom, { sortLists: true }) as unknown as JsonObject;

  const cards = new Map<string, JsonObject>();
  for (const m of models) {
    const card = modelCard(m, trainedOn.get(m.id) ?? [], datasetsByName);
    if (card !== undefined) cards.set(m.id, card);
  }
  for (const c of (json.components as JsonObject[] | undefined) ?? []) {
    const card = cards.get(String(c['bom-ref']));
    if (card !== undefined) c.modelCard = card;
  }
  for (const s of (json.services as JsonObject[] | undefined) ?? []) {
    const e = serviceEndpoints.get(String(s['bom-ref']));
    if (e !== undefined) s.endpoints = [e];
  }
  return { $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json', ...json };
}

export function renderCycloneDx(result: ScanResult, opts: RenderOptions = {}): string {
  return `${JSON.stringify(buildCycloneDx(result, opts), null, 2)}\n`;
}
