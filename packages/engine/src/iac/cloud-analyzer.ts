// Turns cloud resources (from Terraform or CloudFormation) into assets, relations and findings using
// the CLOUD_SERVICES table. References between resources (Terraform `${type.name.attr}`, CloudFormation
// Ref/GetAtt) become relations; ids are deterministic, so a reference resolves even across files of
// the same Terraform module.
import { posix } from 'node:path';
import { type Asset, assetId, type DetectorOutput, emptyOutput, type RelationType } from '@rampart/core';
import { CLOUD_SERVICES, type ServiceSpec } from './cloud-services.js';
import { type IacResource, isExpression, prop, str } from './resource.js';

/** The asset id of a resource of `type` named `name` declared in directory `dir`. */
export function resourceAssetId(type: string, name: string, dir: string): string | undefined {
  const spec = CLOUD_SERVICES.get(type);
  return spec ? assetId(spec.kind, 'iac', dir, type, name) : undefined;
}

/** Terraform references inside any string of the resource: `${aws_x.name.attr}` or `aws_x.name.attr`. */
const TF_REF = /\b((?:aws|azurerm|google)_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+/g;

function referencesIn(v: unknown, out: Array<[string, string]>, depth = 0): void {
  if (depth > 24) return;
  if (typeof v === 'string') {
    for (const m of v.matchAll(TF_REF)) out.push([m[1]!, m[2]!]);
  } else if (Array.isArray(v)) for (const x of v) referencesIn(x, out, depth + 1);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Ref' && typeof x === 'string') out.push(['@cfn', x]);
      else if (k === 'Fn::GetAtt') out.push(['@cfn', Array.isArray(x) ? String(x[0]) : String(x).split('.')[0]!]);
      else referencesIn(x, out, depth + 1);
    }
  }
}

/** How a reference from a resource of `fromKind` to one of `toKind` reads as a relation. */
function relationFor(from: ServiceSpec, to: ServiceSpec): RelationType {
  if (from.kind === 'vector-store' && to.kind === 'dataset') return 'retrieves-from';
  if (from.kind === 'dataset' && to.kind === 'vector-store') return 'writes-to';
  if (to.kind === 'model') return from.kind === 'inference-server' ? 'serves' : 'uses-model';
  return 'depends-on';
}

/** Short, stable model name from an id or ARN (arn:aws:bedrock:…:foundation-model/anthropic.claude… -> anthropic.claude…). */
export function modelName(v: string): string {
  const i = v.lastIndexOf('/');
  return v.startsWith('arn:') && i >= 0 ? v.slice(i + 1) : v;
}

export function analyzeCloudResources(
  resources: readonly IacResource[],
  cfnTypes?: ReadonlyMap<string, string>,
): DetectorOutput {
  const out = emptyOutput();
  for (const r of resources) {
    const spec = CLOUD_SERVICES.get(r.type);
    if (!spec) continue;
    const dir = posix.dirname(r.path);
    const id = resourceAssetId(r.type, r.name, dir)!;
    const location = r.line !== undefined ? { path: r.path, line: r.line } : { path: r.path };
    const exposed = spec.exposed?.(r);
    const asset: Asset = {
      id,
      kind: spec.kind,
      name:
        (spec.nameProp ? str(prop(r, spec.nameProp)) : undefined) ??
        str(prop(r, 'name')) ??
        str(prop(r, 'agent_name')) ??
        r.name,
      provider: spec.provider,
      locations: [location],
      properties: {
        product: spec.product,
        resourceType: r.type,
        resourceName: r.name,
        source: r.source,
        ...(exposed !== undefined ? { exposure: exposed ? 'internet' : 'private' } : {}),
      },
    };
    out.assets.push(asset);
    if (spec.model) {
      const m = str(prop(r, spec.model.prop));
      if (m && !isExpression(m)) {
        const mid = assetId('model', spec.provider, modelName(m));
        out.assets.push({
          id: mid,
          kind: 'model',
          name: modelName(m),
          provider: spec.provider,
          locations: [location],
          // A model deployed on a cloud AI service is called over its API (as llm-clients says "hosted-api").
          properties: { hosting: 'hosted-api' },
        });
        out.relations.push({ from: id, to: mid, type: spec.model.relation });
      }
    }
    if (spec.dataset) {
      const uri = str(prop(r, spec.dataset.prop));
      if (uri && !isExpression(uri)) {
        const did = assetId('dataset', 'uri', uri);
        out.assets.push({ id: did, kind: 'dataset', name: uri, locations: [location], properties: { uri } });
        out.relations.push({ from: id, to: did, type: spec.dataset.relation });
      }
    }
    const refs: Array<[string, string]> = [];
    referencesIn(r.props, refs);
    for (const [type, name] of refs) {
      const targetType = type === '@cfn' ? cfnTypes?.get(name) : type;
      if (!targetType) continue;
      const targetSpec = CLOUD_SERVICES.get(targetType);
      const target = resourceAssetId(targetType, name, dir);
      if (!targetSpec || !target || target === id) continue;
      // A deployment (model) declared under an account or endpoint is served by it.
      if (spec.kind === 'model' && (targetSpec.kind === 'cloud-ai-service' || targetSpec.kind === 'inference-server')) {
        out.relations.push({ from: target, to: id, type: 'serves' });
      } else if (spec.kind === 'tool' && targetSpec.kind === 'agent') {
        // A Bedrock action group names its agent: the agent can call it.
        out.relations.push({ from: target, to: id, type: 'uses-tool' });
      } else out.relations.push({ from: id, to: target, type: relationFor(spec, targetSpec) });
    }
    for (const check of spec.checks) {
      const issue = check(r);
      if (issue)
        out.findings.push({
          ruleId: issue.ruleId,
          assetId: id,
          location,
          message: issue.message,
          discriminator: `${r.type}.${r.name}`,
        });
    }
  }
  return out;
}
