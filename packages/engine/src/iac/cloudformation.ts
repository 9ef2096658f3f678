// CloudFormation (YAML with its short-form intrinsic tags !Ref, !GetAtt, !Sub…, or JSON): AI-service
// resources go to the shared cloud analyzer. Tags are parsed into their long form, never evaluated.
import { type Detector, ParseError } from '@rampart/core';
import { type CollectionTag, parseDocument, type ScalarTag } from 'yaml';
import { analyzeCloudResources } from './cloud-analyzer.js';
import { CLOUD_SERVICES } from './cloud-services.js';
import { type IacResource, snakeKeys } from './resource.js';

const INTRINSICS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'If',
  'Not',
  'Equals',
  'And',
  'Or',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Transform',
  'ToJsonString',
  'Length',
];

function longName(n: string): string {
  return n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`;
}

/** Custom tags that turn `!GetAtt A.B` into {"Fn::GetAtt": "A.B"} for scalars, sequences and maps. */
const TAGS: Array<ScalarTag | CollectionTag> = INTRINSICS.flatMap((n) => [
  { tag: `!${n}`, resolve: (v: string) => ({ [longName(n)]: v }) } as ScalarTag,
  {
    tag: `!${n}`,
    collection: 'seq',
    resolve: (v: { toJSON(): unknown }) => ({ [longName(n)]: v.toJSON() }),
  } as unknown as CollectionTag,
  {
    tag: `!${n}`,
    collection: 'map',
    resolve: (v: { toJSON(): unknown }) => ({ [longName(n)]: v.toJSON() }),
  } as unknown as CollectionTag,
]);

function looksLikeTemplate(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || /"?Type"?\s*:\s*"?AWS::(SageMaker|Bedrock|Kendra)::/.test(text);
}

export function cloudFormationResources(
  doc: unknown,
  path: string,
  lines: (logicalId: string) => number | undefined,
): { resources: IacResource[]; types: Map<string, string> } {
  const resources: IacResource[] = [];
  const types = new Map<string, string>();
  const res = (doc as { Resources?: unknown } | null)?.Resources;
  if (!res || typeof res !== 'object') return { resources, types };
  for (const [logicalId, def] of Object.entries(res as Record<string, unknown>)) {
    const type = (def as { Type?: unknown } | null)?.Type;
    if (typeof type !== 'string') continue;
    types.set(logicalId, type);
    if (!CLOUD_SERVICES.has(type)) continue;
    const props = snakeKeys((def as { Properties?: unknown }).Properties ?? {}) as Record<string, unknown>;
    const line = lines(logicalId);
    resources.push({
      type,
      name: logicalId,
      props,
      path,
      source: 'cloudformation',
      ...(line !== undefined ? { line } : {}),
    });
  }
  return { resources, types };
}

export const cloudFormationDetector: Detector = {
  id: 'iac-cloudformation',
  version: '1',
  description: 'AI services in CloudFormation templates (YAML with intrinsic tags, or JSON)',
  applies: (f) =>
    f.isText && /\.(ya?ml|json|template)$/.test(f.path) && looksLikeTemplate(new TextDecoder().decode(f.head)),
  async analyze(file) {
    const text = await file.text();
    if (!looksLikeTemplate(text)) return {};
    const doc = parseDocument(text, { customTags: TAGS, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      throw new ParseError(`${file.path}: CloudFormation template does not parse: ${e.message.split('\n')[0]}`, {
        path: file.path,
      });
    }
    const js = doc.toJS({ maxAliasCount: 100 }) as unknown;
    const lines = (id: string) => {
      const m = new RegExp(`^\\s*"?${id.replace(/[^A-Za-z0-9]/g, '')}"?\\s*:`, 'm').exec(text);
      return m ? text.slice(0, m.index).split('\n').length : undefined;
    };
    const { resources, types } = cloudFormationResources(js, file.path, lines);
    return analyzeCloudResources(resources, types);
  },
};
