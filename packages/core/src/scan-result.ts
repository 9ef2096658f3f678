// The scan result: the JSON contract other tools rely on. Extend, don't break.
import { z } from 'zod';
import { AssetSchema } from './asset.js';
import { ERROR_CODES } from './errors.js';
import { FindingSchema } from './finding.js';
import { RelationSchema } from './relation.js';

export const SCHEMA_VERSION = '1';

export const ScanErrorSchema = z
  .object({ path: z.string(), code: z.enum(ERROR_CODES), message: z.string(), detector: z.string().optional() })
  .strict();
export type ScanError = z.infer<typeof ScanErrorSchema>;

export const SKIP_REASONS = [
  'too-large',
  'binary',
  'excluded',
  'ignored',
  'symlink-outside-root',
  'symlink-loop',
  'unreadable',
  'vanished',
  'unsupported-format',
  'encrypted',
  'limit-reached',
  'inconclusive',
] as const;
export const SkippedSchema = z
  .object({
    path: z.string(),
    reason: z.enum(SKIP_REASONS),
    detail: z.string().optional(),
    detector: z.string().optional(),
  })
  .strict();
export type Skipped = z.infer<typeof SkippedSchema>;

export const ScanStatsSchema = z
  .object({
    filesSeen: z.number().int().nonnegative(),
    filesAnalyzed: z.number().int().nonnegative(),
    bytesRead: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
    bySeverity: z.record(z.string(), z.number().int().nonnegative()),
    byAssetKind: z.record(z.string(), z.number().int().nonnegative()),
    suppressed: z.number().int().nonnegative(),
  })
  .catchall(z.unknown());
export type ScanStats = z.infer<typeof ScanStatsSchema>;

export const ScanResultSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    tool: z.object({ name: z.literal('rampart'), version: z.string() }).strict(),
    root: z.string().optional(),
    assets: z.array(AssetSchema),
    relations: z.array(RelationSchema),
    findings: z.array(FindingSchema),
    errors: z.array(ScanErrorSchema),
    skipped: z.array(SkippedSchema),
    stats: ScanStatsSchema,
  })
  .strict();
export type ScanResult = z.infer<typeof ScanResultSchema>;
