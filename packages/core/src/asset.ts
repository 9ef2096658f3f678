// The asset inventory: every AI thing Rampart discovers is an Asset of one closed set of kinds.
// An asset seen in 40 files is one asset with 40 locations; `assetId` makes ids deterministic.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LocationSchema } from './location.js';

export const ASSET_KINDS = [
  'model',
  'llm-client',
  'agent',
  'tool',
  'mcp-server',
  'vector-store',
  'dataset',
  'prompt',
  'notebook',
  'inference-server',
  'cloud-ai-service',
  'ai-package',
] as const;
export const AssetKindSchema = z.enum(ASSET_KINDS);
export type AssetKind = z.infer<typeof AssetKindSchema>;

export const PropertyValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
  z.record(z.string(), z.unknown()),
]);
export const AssetSchema = z
  .object({
    id: z.string().min(1),
    kind: AssetKindSchema,
    name: z.string().min(1),
    provider: z.string().optional(),
    version: z.string().optional(),
    /** Package URL for packages and models where one exists. */
    purl: z.string().optional(),
    locations: z.array(LocationSchema),
    properties: z.record(z.string(), PropertyValueSchema),
  })
  .strict();
export type Asset = z.infer<typeof AssetSchema>;
export type AssetProperties = Asset['properties'];

/**
 * Deterministic asset id: readable prefix plus a short hash of the identifying parts, so the
 * same thing found by two detectors (or two files) merges into one asset.
 */
export function assetId(kind: AssetKind, ...parts: Array<string | undefined>): string {
  const key = parts.filter((p): p is string => p !== undefined && p !== '').join('\u0000');
  const h = createHash('sha256').update(`${kind}\u0000${key}`).digest('hex').slice(0, 12);
  return `${kind}:${h}`;
}
