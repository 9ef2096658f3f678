// Kubernetes manifests and Helm charts: AI servers and vector databases in workloads, exposed when
// a LoadBalancer/NodePort Service or an Ingress reaches them. Helm templates are not rendered (we
// would have to guess values): they are reported as skipped, and the chart's values.yaml is analysed.
import { assetId, type Detector, emptyOutput, ParseError, type Skipped } from '@rampart/core';
import { type Document, LineCounter, parseAllDocuments } from 'yaml';
import { analyzeWorkloads, type Workload } from './workloads.js';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'Job', 'CronJob']);
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function podSpec(kind: string, o: Obj): Obj {
  const spec = obj(o.spec);
  if (kind === 'Pod') return spec;
  if (kind === 'CronJob') return obj(obj(obj(obj(spec.jobTemplate).spec).template).spec);
  return obj(obj(spec.template).spec);
}

function podLabels(kind: string, o: Obj): Obj {
  if (kind === 'Pod') return obj(obj(o.metadata).labels);
  return obj(obj(obj(obj(o.spec).template).metadata).labels);
}

function envOf(container: Obj): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of arr(container.env)) {
    const eo = obj(e);
    if (typeof eo.name === 'string')
      m.set(eo.name, eo.value === undefined ? (eo.valueFrom ? '<from secret>' : '') : String(eo.value));
  }
  return m;
}

const selects = (selector: Obj, labels: Obj) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

export function kubernetesWorkloads(docs: Array<{ o: Obj; line: number }>, path: string): Workload[] {
  const services = docs.filter((d) => d.o.kind === 'Service');
  const ingressTargets = new Set<string>();
  for (const d of docs.filter((x) => x.o.kind === 'Ingress')) {
    const spec = obj(d.o.spec);
    const backends = [
      obj(spec.defaultBackend),
      ...arr(spec.rules).flatMap((r) => arr(obj(obj(r).http).paths).map((p) => obj(obj(p).backend))),
    ];
    for (const b of backends) {
      const name = obj(b.service).name ?? b.serviceName;
      if (typeof name === 'string') ingressTargets.add(name);
    }
  }
  const out: Workload[] = [];
  for (const d of docs) {
    const kind = String(d.o.kind ?? '');
    if (!WORKLOAD_KINDS.has(kind)) continue;
    const labels = podLabels(kind, d.o);
    const via: string[] = [];
    for (const s of services) {
      const spec = obj(s.o.spec);
      if (!selects(obj(spec.selector), labels)) continue;
      const sname = String(obj(s.o.metadata).name ?? 'service');
      if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') via.push(`${spec.type} service "${sname}"`);
      if (ingressTargets.has(sname)) via.push(`Ingress to service "${sname}"`);
    }
    const name = String(obj(d.o.metadata).name ?? kind);
    const spec = podSpec(kind, d.o);
    if (spec.hostNetwork === true) via.push('hostNetwork');
    for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
      const co = obj(c);
      if (typeof co.image !== 'string') continue;
      out.push({
        name: `${name}/${String(co.name ?? 'container')}`,
        image: co.image,
        env: envOf(co),
        args: [...arr(co.command), ...arr(co.args)].map(String),
        path,
        line: d.line,
        ...(via.length > 0 ? { exposedVia: via.join(', ') } : {}),
        source: 'kubernetes',
      });
    }
  }
  return out;
}

/** A Helm values file: image.repository/tag, service.type, ingress.enabled, env, args. */
export function helmValuesWorkload(values: Obj, path: string): Workload | undefined {
  const image = obj(values.image);
  if (typeof image.repository !== 'string') return undefined;
  const ref =
    image.tag !== undefined && image.tag !== '' ? `${image.repository}:${String(image.tag)}` : image.repository;
  const via: string[] = [];
  const stype = obj(values.service).type;
  if (stype === 'LoadBalancer' || stype === 'NodePort') via.push(`service.type ${stype}`);
  if (obj(values.ingress).enabled === true) via.push('ingress.enabled');
  const env = new Map<string, string>();
  for (const e of arr(values.env))
    if (typeof obj(e).name === 'string') env.set(String(obj(e).name), String(obj(e).value ?? ''));
  for (const [k, v] of Object.entries(obj(values.env))) env.set(k, String(v));
  const chart = path.split('/').slice(-2, -1)[0] ?? 'chart';
  return {
    name: chart,
    image: ref,
    env,
    args: [...arr(values.args), ...arr(values.extraArgs)].map(String),
    path,
    ...(via.length > 0 ? { exposedVia: via.join(', ') } : {}),
    source: 'helm-values',
  };
}

const isHelmTemplate = (path: string) => /(^|\/)templates\/[^/]+\.(ya?ml|tpl)$/.test(path);
const isHelmValues = (path: string) => /(^|\/)values(\.[\w-]+)?\.ya?ml$/.test(path);

export const kubernetesDetector: Detector = {
  id: 'iac-kubernetes',
  version: '1',
  description: 'Self-hosted AI servers and vector databases in Kubernetes manifests and Helm charts',
  applies: (f) => {
    if (!f.isText || !/\.(ya?ml|tpl)$/.test(f.path)) return false;
    const head = new TextDecoder().decode(f.head);
    return (
      isHelmValues(f.path) ||
      (isHelmTemplate(f.path) && head.includes('{{')) ||
      (head.includes('apiVersion') && head.includes('kind'))
    );
  },
  async analyze(file) {
    const text = await file.text();
    if (isHelmTemplate(file.path) && text.includes('{{')) {
      const skipped: Skipped = {
        path: file.path,
        reason: 'unsupported-format',
        detail:
          'Helm template: not rendered (values would have to be guessed); the chart values file is analysed instead',
      };
      return { skipped: [skipped] };
    }
    const lc = new LineCounter();
    const docs: Document.Parsed[] = parseAllDocuments(text, {
      lineCounter: lc,
      uniqueKeys: false,
    }) as Document.Parsed[];
    const parsed: Array<{ o: Obj; line: number }> = [];
    for (const d of docs) {
      if (d.errors.length > 0)
        throw new ParseError(`${file.path}: YAML does not parse: ${d.errors[0]!.message.split('\n')[0]}`, {
          path: file.path,
        });
      const o = obj(d.toJS({ maxAliasCount: 100 }));
      parsed.push({ o, line: lc.linePos(d.range[0]).line });
    }
    if (isHelmValues(file.path) && parsed.length === 1 && parsed[0]!.o.apiVersion === undefined) {
      const w = helmValuesWorkload(parsed[0]!.o, file.path);
      return w ? analyzeWorkloads([w]) : emptyOutput();
    }
    const out = analyzeWorkloads(kubernetesWorkloads(parsed, file.path));
    for (const d of parsed) {
      if (String(d.o.kind) === 'InferenceService' && String(d.o.apiVersion ?? '').startsWith('serving.kserve.io')) {
        const name = String(obj(d.o.metadata).name ?? 'inference-service');
        const predictor = obj(obj(d.o.spec).predictor);
        const format = obj(obj(predictor.model).modelFormat).name ?? Object.keys(predictor).find((k) => k !== 'model');
        const storage = obj(predictor.model).storageUri;
        out.assets.push({
          id: assetId('inference-server', 'iac', file.path, name),
          kind: 'inference-server',
          name,
          provider: 'self-hosted',
          locations: [{ path: file.path, line: d.line }],
          properties: {
            product: 'KServe InferenceService',
            source: 'kubernetes',
            ...(format ? { modelFormat: String(format) } : {}),
            ...(typeof storage === 'string' ? { storageUri: storage } : {}),
          },
        });
      }
    }
    return out;
  },
};
