// Containers running AI servers or vector databases, whichever file declared them (Kubernetes,
// Helm values, docker-compose): one asset each, with exposure and authentication findings.
import { assetId, type DetectorOutput, emptyOutput } from '@rampart/core';
import { providerOfModel } from '../discovery/model-ids.js';
import { authEnabled, imageSpec, isMutableTag, servedModel } from './images.js';

export interface Workload {
  /** Workload or service name in its file. */
  name: string;
  image: string;
  env: Map<string, string>;
  args: string[];
  path: string;
  line?: number;
  /** How the workload is reachable, if the file says (e.g. "LoadBalancer service", "port 8000 on 0.0.0.0"). */
  exposedVia?: string;
  source: 'kubernetes' | 'helm-values' | 'docker-compose';
}

export function analyzeWorkloads(workloads: readonly Workload[]): DetectorOutput {
  const out = emptyOutput();
  for (const w of workloads) {
    const spec = imageSpec(w.image);
    if (!spec) continue;
    const location = w.line !== undefined ? { path: w.path, line: w.line } : { path: w.path };
    const id = assetId(spec.kind, 'iac', w.path, w.name);
    const auth = authEnabled(spec, w.env, w.args);
    out.assets.push({
      id,
      kind: spec.kind,
      name: w.name,
      provider: 'self-hosted',
      locations: [location],
      properties: {
        product: spec.product,
        image: w.image,
        source: w.source,
        authentication: auth ? 'enabled' : spec.auth === 'none' ? 'not supported' : 'disabled',
        exposure: w.exposedVia ? 'internet' : 'internal',
        ...(w.exposedVia ? { exposedVia: w.exposedVia } : {}),
      },
    });
    const model = servedModel(spec, w.env, w.args);
    if (model && !model.includes('$')) {
      const provider = providerOfModel(model) ?? 'huggingface';
      const mid = assetId('model', provider, model);
      out.assets.push({
        id: mid,
        kind: 'model',
        name: model,
        provider,
        locations: [location],
        properties: { servedBy: spec.product },
      });
      out.relations.push({ from: id, to: mid, type: 'serves' });
    }
    if (w.exposedVia && !auth) {
      out.findings.push({
        ruleId: 'iac-ai-server-exposed-no-auth',
        assetId: id,
        location,
        message: `${spec.product} "${w.name}" is exposed (${w.exposedVia}) ${spec.auth === 'none' ? 'and has no authentication of its own' : 'with authentication off'}`,
        discriminator: w.name,
      });
    }
    if (isMutableTag(w.image)) {
      out.findings.push({
        ruleId: 'iac-ai-image-mutable-tag',
        assetId: id,
        location,
        message: `${spec.product} "${w.name}" runs image ${w.image} by a mutable tag: a re-pull can change the server`,
        discriminator: `${w.name}:${w.image}`,
      });
    }
  }
  return out;
}
