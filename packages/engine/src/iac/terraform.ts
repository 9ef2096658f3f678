// Terraform: parses .tf files with HashiCorp's own HCL parser (compiled to WebAssembly in
// @cdktf/hcl2json; nothing is planned, applied or evaluated) and .tf.json files as JSON, then hands
// AI-service resources to the shared cloud analyzer.
import { type Detector, ParseError } from '@rampart/core';
import { analyzeCloudResources } from './cloud-analyzer.js';
import { CLOUD_SERVICES } from './cloud-services.js';
import type { IacResource } from './resource.js';

type HclParse = (filename: string, contents: string) => Promise<Record<string, unknown>>;
let hclParse: Promise<HclParse> | undefined;
export function loadParser(): Promise<HclParse> {
  hclParse ??= import('@cdktf/hcl2json').then((m) => m.parse as HclParse);
  return hclParse;
}

const AI_TYPE_PREFIXES = [
  'aws_sagemaker_',
  'aws_bedrock',
  // AWS Cloud Control provider
  'awscc_bedrock_',
  'awscc_sagemaker_',
  'aws_kendra_',
  'awscc_kendra_',
  'azurerm_cognitive_',
  'azurerm_ai_services',
  'azurerm_machine_learning_',
  'azurerm_search_service',
  'google_vertex_ai_',
  'google_workbench_',
  'google_notebooks_',
];

/** 1-based line of `resource "type" "name"` in the source, when it can be found. */
function resourceLine(text: string, type: string, name: string): number | undefined {
  const re = new RegExp(`resource\\s+"${type}"\\s+"${name.replace(/[^A-Za-z0-9_-]/g, '')}"`);
  const m = re.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : undefined;
}

export function terraformResources(doc: Record<string, unknown>, path: string, text: string): IacResource[] {
  const out: IacResource[] = [];
  const resources = doc.resource;
  if (!resources || typeof resources !== 'object') return out;
  for (const [type, byName] of Object.entries(resources as Record<string, unknown>)) {
    if (!CLOUD_SERVICES.has(type) || !byName || typeof byName !== 'object') continue;
    for (const [name, blocks] of Object.entries(byName as Record<string, unknown>)) {
      const list = Array.isArray(blocks) ? blocks : [blocks];
      for (const props of list) {
        if (!props || typeof props !== 'object') continue;
        const line = resourceLine(text, type, name);
        out.push({
          type,
          name,
          props: props as Record<string, unknown>,
          path,
          source: 'terraform',
          ...(line !== undefined ? { line } : {}),
        });
      }
    }
  }
  return out;
}

export const terraformDetector: Detector = {
  id: 'iac-terraform',
  version: '1',
  description: 'AI services in Terraform: Bedrock, SageMaker, Azure OpenAI / ML / AI Search, Vertex AI',
  applies: (f) => f.isText && (f.path.endsWith('.tf') || f.path.endsWith('.tf.json')),
  async analyze(file) {
    const text = await file.text();
    if (!AI_TYPE_PREFIXES.some((p) => text.includes(p))) return {};
    let doc: Record<string, unknown>;
    if (file.path.endsWith('.json')) {
      try {
        doc = JSON.parse(text) as Record<string, unknown>;
      } catch (cause) {
        throw new ParseError(`${file.path}: invalid Terraform JSON (${(cause as Error).message})`, {
          path: file.path,
          cause,
        });
      }
    } else {
      const parse = await loadParser();
      try {
        doc = await parse(file.path, text);
      } catch (cause) {
        const msg = String(cause instanceof Error ? cause.message : cause)
          .replace(/^Error: /, '')
          .split('\n')[0];
        throw new ParseError(`${file.path}: HCL does not parse: ${msg}`, { path: file.path, cause });
      }
    }
    return analyzeCloudResources(terraformResources(doc, file.path, text));
  },
};
