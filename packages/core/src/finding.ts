// Findings: one schema for static scans and runtime decisions. Detectors emit FindingDrafts
// (rule id + where + what); the engine completes them from the rule catalog, so title, severity,
// frameworks and remediation always come from one place.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { FrameworkMappingSchema } from './frameworks.js';
import { LocationSchema } from './location.js';
import { SeveritySchema } from './severity.js';

export const EvidenceSchema = z
  .object({
    /** Short, already-redacted excerpt. Never a raw secret. */
    snippet: z.string().max(2000).optional(),
    /** Named facts, e.g. {"global": "os.system"}. Values are redacted where sensitive. */
    facts: z.record(z.string(), z.unknown()).optional(),
    /** Graph path (asset ids) for contextual and attack-path findings. */
    path: z.array(z.string()).optional(),
  })
  .strict();
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingDraftSchema = z
  .object({
    ruleId: z.string().min(1),
    assetId: z.string().optional(),
    location: LocationSchema,
    message: z.string().min(1),
    evidence: EvidenceSchema.optional(),
    /** Detector's confidence 0..1 where meaningful (e.g. entropy-based secrets). */
    confidence: z.number().min(0).max(1).optional(),
    /** Extra text that makes the fingerprint unique when one rule fires twice on one line. */
    discriminator: z.string().optional(),
    /**
     * Overrides the rule's severity when the detector knows the instance's own (e.g. a package
     * advisory's CVSS score). Absent: the rule's severity applies.
     */
    severity: SeveritySchema.optional(),
  })
  .strict();
export type FindingDraft = z.infer<typeof FindingDraftSchema>;

export const SUPPRESSION_KINDS = ['inline', 'baseline', 'config', 'test-code'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

export const FindingSchema = z
  .object({
    id: z.string().min(1),
    ruleId: z.string().min(1),
    title: z.string().min(1),
    severity: SeveritySchema,
    assetId: z.string().optional(),
    location: LocationSchema,
    message: z.string().min(1),
    frameworks: FrameworkMappingSchema,
    remediation: z.string(),
    evidence: EvidenceSchema.optional(),
    confidence: z.number().min(0).max(1).optional(),
    /** Contextual risk 0..100 (severity × exposure × data sensitivity × privilege). */
    risk: z.number().min(0).max(100).optional(),
    /** Stable across runs and line moves: used by baselines. */
    fingerprint: z.string().min(1),
    /**
     * Why the finding does not count: an inline `rampart-ignore`, the baseline, configuration, or
     * `test-code` (a rule with `testCode: suppress` found in test code).
     */
    suppressed: z
      .object({ kind: z.enum(SUPPRESSION_KINDS), reason: z.string() })
      .strict()
      .optional(),
  })
  .strict();
export type Finding = z.infer<typeof FindingSchema>;

/**
 * Fingerprint independent of line numbers: rule, path, member, asset and discriminator. Moving
 * code keeps the fingerprint; the same issue in another file gets another one.
 */
export function findingFingerprint(d: FindingDraft): string {
  const parts = [d.ruleId, d.location.path, d.location.member ?? '', d.assetId ?? '', d.discriminator ?? d.message];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
}
