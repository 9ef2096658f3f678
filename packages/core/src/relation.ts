// Edges of the asset graph: lineage (data feeds model), capability (agent uses tool), deployment.
import { z } from 'zod';

export const RELATION_TYPES = [
  'uses-model',
  'uses-tool',
  'uses-mcp-server',
  'provides-tool',
  'depends-on',
  'reads-from',
  'writes-to',
  'trained-on',
  'fine-tuned-from',
  'embeds-with',
  'retrieves-from',
  'serves',
  'exposes',
  'contains',
  'defined-in',
] as const;
export const RelationTypeSchema = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof RelationTypeSchema>;

export const RelationSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    type: RelationTypeSchema,
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type Relation = z.infer<typeof RelationSchema>;

export function relationKey(r: Relation): string {
  return `${r.from}\u0000${r.type}\u0000${r.to}`;
}
