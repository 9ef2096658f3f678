// The policy document (rampart policy YAML): zod is the single source of truth; the JSON Schema in
// packages/policy/schema/policy.schema.json is generated from it (`node scripts/gen-policy-schema.ts`).
// Authorization rules are Cedar policies; the data sections (keys, roles, detectors, tools, limits)
// are compiled into Cedar policies plus facts computed in JS (see compile.ts).
import { TextRoleSchema } from '@rampart/core';
import { z } from 'zod';

export const MODES = ['enforce', 'monitor'] as const;
export const ModeSchema = z.enum(MODES);
export type Mode = z.infer<typeof ModeSchema>;

/** Ids used inside generated Cedar text: kept to a safe alphabet so they never need escaping. */
const Ident = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/, 'use letters, digits and . _ : @ / + - only');

/** Glob over model or tool names: `*` matches any run of characters, nothing else is special. */
const Glob = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^"\\\u0000-\u001f]+$/, 'no quotes, backslashes or control characters');

export const VirtualKeySchema = z
  .object({
    /** Stable, non-secret id: appears in decisions and the audit log. */
    id: Ident,
    /** `sha256:<64 hex>` of the key the client presents. The key itself is never stored. */
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 lowercase hex digits>'),
    /** The person or service behind the key. */
    principal: z.string().min(1).max(256),
    team: Ident.optional(),
    roles: z.array(Ident).max(64).default([]),
    disabled: z.boolean().default(false),
  })
  .strict();
export type VirtualKeyConfig = z.infer<typeof VirtualKeySchema>;

export const TeamSchema = z.object({ id: Ident, parents: z.array(Ident).max(16).default([]) }).strict();

export const RoleSchema = z
  .object({
    /** Model allow-list: when any of a key's roles has one, the model must match one of them. */
    models: z.array(Glob).max(256).optional(),
    description: z.string().max(1000).optional(),
  })
  .strict();

export const ModelSchema = z
  .object({
    match: Glob,
    provider: z.string().min(1).max(64).default('unknown'),
    /** Data classification the model is cleared for, e.g. public | internal | confidential. */
    classification: z.string().min(1).max(64).default('unclassified'),
  })
  .strict();

export const EFFECT_ACTIONS = ['deny', 'redact', 'require-approval'] as const;

export const DetectorRuleSchema = z
  .object({
    /** What a fired detection does: deny the request, redact the spans, or hold for approval. */
    action: z.enum(EFFECT_ACTIONS),
    /** Score at or above which the detection fires; default: the detector's own `flagged`. */
    threshold: z.number().min(0).max(1).optional(),
    /** Only detections on texts with these roles fire (e.g. tool-result for indirect injection). */
    roles: z.array(TextRoleSchema).optional(),
    /** For redact: put the original values back into the response. */
    restore: z.boolean().default(false),
    mode: ModeSchema.optional(),
  })
  .strict();
export type DetectorRule = z.infer<typeof DetectorRuleSchema>;

export const ArgConstraintSchema = z
  .object({
    /** Dot path into the tool-call arguments, e.g. `to` or `payment.amount`. */
    arg: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/),
    required: z.boolean().default(false),
    /** Every e-mail address in the value must be at one of these domains (`.example.com` = any subdomain). */
    emailDomains: z.array(z.string().min(1).max(253)).max(256).optional(),
    /** Every path in the value, normalised, must start with one of these prefixes. */
    pathPrefixes: z.array(z.string().min(1).max(4096)).max(256).optional(),
    /** Every URL in the value must have one of these hosts (`.example.com` = any subdomain). */
    urlHosts: z.array(z.string().min(1).max(253)).max(256).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    oneOf: z
      .array(z.union([z.string(), z.number(), z.boolean()]))
      .max(1024)
      .optional(),
    maxLength: z.number().int().nonnegative().optional(),
  })
  .strict();
export type ArgConstraint = z.infer<typeof ArgConstraintSchema>;

export const RateLimitSchema = z
  .object({
    /** Bucket size: calls allowed in a burst. */
    capacity: z.number().int().positive().max(1_000_000),
    /** Tokens added per second. */
    refillPerSecond: z.number().positive().max(1_000_000),
  })
  .strict();
export type RateLimit = z.infer<typeof RateLimitSchema>;

export const ToolRuleSchema = z
  .object({
    match: Glob,
    /** Restrict to tools of one MCP server (by its configured name). */
    server: Ident.optional(),
    /** false: calls are denied outright. */
    allow: z.boolean().default(true),
    approval: z
      .object({ timeoutSeconds: z.number().int().positive().max(86_400).default(300) })
      .strict()
      .optional(),
    constraints: z.array(ArgConstraintSchema).max(64).default([]),
    /** Token bucket per virtual key and tool. */
    rateLimit: RateLimitSchema.optional(),
    mode: ModeSchema.optional(),
  })
  .strict();
export type ToolRule = z.infer<typeof ToolRuleSchema>;

export const LimitsSchema = z
  .object({
    maxBodyBytes: z.number().int().positive().optional(),
    maxInputTokens: z.number().int().positive().optional(),
    mode: ModeSchema.optional(),
  })
  .strict();

export const CedarPolicySchema = z
  .object({
    id: Ident.refine((s) => !s.startsWith('rampart:'), 'ids starting with rampart: are reserved'),
    description: z.string().max(2000).optional(),
    /** Shown in decision reasons. */
    message: z.string().max(500).optional(),
    /**
     * allow/deny follow the Cedar keyword (permit/forbid). redact and require-approval are
     * obligations: written as `permit`, they never grant access; when they match an allowed
     * request, the request is redacted or held for approval.
     */
    effect: z.enum(['allow', 'deny', 'redact', 'require-approval']).optional(),
    mode: ModeSchema.optional(),
    /** For effect redact: the detection types to redact (default: every fired detection). */
    redact: z.array(Ident).max(64).optional(),
    /** For effect redact: put the original values back into the response. */
    restore: z.boolean().default(false),
    /** For effect require-approval: how long a call is held before it is denied. */
    approvalTimeoutSeconds: z.number().int().positive().max(86_400).default(300),
    /** Exactly one Cedar policy (permit or forbid), checked against Rampart's Cedar schema. */
    cedar: z.string().min(1).max(65_536),
  })
  .strict();
export type CedarPolicyConfig = z.infer<typeof CedarPolicySchema>;

export const PolicyDocumentSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    name: z.string().max(200).optional(),
    /** Default for every section and policy without its own `mode`. */
    mode: ModeSchema.default('enforce'),
    /** What happens when no policy permits a request. Cedar semantics: deny. */
    default: z.enum(['allow', 'deny']).default('deny'),
    /**
     * A runtime check errored or timed out (context.checkFailed). `deny` fails closed; `monitor`
     * records a monitor-mode deny but lets the request through (explicit fail-open).
     */
    onCheckError: z.enum(['deny', 'monitor']).default('deny'),
    keys: z.array(VirtualKeySchema).max(100_000).default([]),
    teams: z.array(TeamSchema).max(10_000).default([]),
    roles: z.record(Ident, RoleSchema).default({}),
    models: z.array(ModelSchema).max(10_000).default([]),
    /** Keyed by detection type: prompt-injection, jailbreak, pii, secret, invisible-text, system-prompt-leak. */
    detectors: z.record(Ident, DetectorRuleSchema).default({}),
    tools: z.array(ToolRuleSchema).max(10_000).default([]),
    limits: LimitsSchema.default({}),
    policies: z.array(CedarPolicySchema).max(10_000).default([]),
  })
  .strict();
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>;
export type PolicyDocumentInput = z.input<typeof PolicyDocumentSchema>;
