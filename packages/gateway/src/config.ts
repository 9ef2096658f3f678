// The `gateway:` section of rampart.yaml: listener, upstreams, routing, limits and checks.
// zod is the single source of truth; loading reports the file and line of a bad value.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '@rampart/core';
import { PII_ENTITIES } from '@rampart/detectors';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

export const PROVIDERS = ['openai', 'anthropic', 'azure-openai', 'openai-compatible'] as const;
export type Provider = (typeof PROVIDERS)[number];

const UpstreamSchema = z
  .object({
    provider: z.enum(PROVIDERS),
    /** e.g. https://api.openai.com (paths /v1/... are appended) or http://127.0.0.1:11434 */
    baseUrl: z.url(),
    /** Name of the environment variable holding the provider key. Never logged. */
    apiKeyEnv: z.string().min(1).optional(),
    /** File holding the provider key (first line). Never logged. */
    apiKeyFile: z.string().min(1).optional(),
    /** Azure OpenAI: api-version query parameter. */
    apiVersion: z.string().optional(),
    /** Azure OpenAI: model name -> deployment name (default: the model name). */
    deployments: z.record(z.string(), z.string()).optional(),
    connections: z.number().int().min(1).max(4096).default(128),
    /** Time to response headers. */
    headersTimeoutMs: z.number().int().min(1).default(60_000),
    /** Longest silence between body chunks (streams included). */
    bodyTimeoutMs: z.number().int().min(1).default(120_000),
    /** Retries on connect errors and 502/503/504 before any byte reached the client. */
    retries: z.number().int().min(0).max(5).default(1),
  })
  .strict();
export type UpstreamConfig = z.infer<typeof UpstreamSchema>;

const RouteSchema = z
  .object({
    /** Exact path such as /v1/messages; omitted = any path. */
    path: z.string().startsWith('/').optional(),
    /** Model name; a trailing * matches a prefix. Omitted = any model. */
    model: z.string().min(1).optional(),
    upstream: z.string().min(1),
  })
  .strict();
export type RouteConfig = z.infer<typeof RouteSchema>;

const CheckSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * Input only. System prompts are written by the application, not by the caller, and almost all
     * of them are instructions ("You are a helpful assistant...") that injection classifiers score
     * high. 'data-only' (default) still checks them for secrets, PII and invisible text but ignores
     * injection/jailbreak scores there; 'full' applies every detector.
     */
    systemRole: z.enum(['full', 'data-only']).default('data-only'),
    /**
     * Input only. Images, audio and files in a request are not read by the detectors (an image can
     * carry an instruction). allow (default): they pass, and the audit record says what went unscanned;
     * deny: such requests are refused (403).
     */
    media: z.enum(['allow', 'deny']).default('allow'),
    /**
     * Input only. Check embeddings input (`/v1/embeddings`) as retrieved documents: PII, secrets and
     * planted injections, with the policy's redact / deny. Off by default (the route is a policy-checked
     * pass-through); token-array input is refused while on.
     */
    embeddings: z.boolean().default(false),
    /** What a detector error or timeout means: deny (fail closed) unless set to allow. */
    onError: z.enum(['deny', 'allow']).default('deny'),
    budgetMs: z.number().positive().max(60_000).default(50),
    /**
     * Detectors this side runs (ids of @rampart/detectors: injection, pii, secret, invisible, leak).
     * Unset: input runs all five; output runs the leakage checks (pii, secret, invisible, leak).
     * Injection scoring on model output is opt-in: answers that quote, explain or write prompts
     * ("here is a system prompt: never reveal these rules…") score as injections, and what a
     * model says reaches another model only as input, where it is checked.
     */
    detectors: z.array(z.string().min(1)).min(1).max(32).optional(),
    /**
     * PII entities this side reports (default: all — EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN,
     * IP_ADDRESS, STREET_ADDRESS, PERSON). E.g. a DevOps assistant whose answers are full of host
     * addresses can leave IP_ADDRESS out on output and keep it on input.
     */
    piiEntities: z.array(z.enum(PII_ENTITIES)).min(1).max(PII_ENTITIES.length).optional(),
  })
  .strict();

/** Output detectors when `checks.output.detectors` is unset: leakage, not injection (see CheckSchema). */
export const DEFAULT_OUTPUT_DETECTORS: readonly string[] = ['pii', 'secret', 'invisible', 'leak'];

const TelemetrySchema = z
  .object({
    /**
     * OTLP/HTTP traces endpoint of a collector. A bare origin (http://collector:4318) gets the
     * standard /v1/traces path; any other path is used as given. Nothing is sent unless this is set.
     */
    otlpEndpoint: z.url({ protocol: /^https?$/ }),
    serviceName: z.string().min(1).max(256).default('rampart-gateway'),
    /** Extra headers for the collector (e.g. its auth). Never logged. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Header name -> environment variable holding its value, to keep collector tokens out of the file. */
    headersEnv: z.record(z.string(), z.string().min(1)).default({}),
  })
  .strict();
export type TelemetryConfig = z.infer<typeof TelemetrySchema>;

export const GatewayConfigSchema = z
  .object({
    listen: z
      .object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8787) })
      .strict()
      .default({ host: '127.0.0.1', port: 8787 }),
    /** Policy file (packages/policy format); hot-reloaded. */
    policy: z.string().optional(),
    /** Store for the audit log and approvals (SQLite file path or postgres:// URL). */
    store: z.string().optional(),
    /** Optional JSON-lines audit stream for SIEMs. */
    auditJsonl: z.string().optional(),
    /**
     * Embedded SQLite store: when an audit record counts as written. full (default): on disk (fsync),
     * it survives power loss. normal: in the OS, it survives a crash or kill -9 of the gateway but the
     * last records may be lost on power loss or an OS crash; it saves the fsync (about 0.5-1 ms per
     * request at low load here). PostgreSQL: the server's synchronous_commit decides.
     */
    auditSync: z.enum(['full', 'normal']).default('full'),
    /** enforce: audit written durably before the response completes; monitor: decisions logged only. */
    mode: z.enum(['enforce', 'monitor']).default('enforce'),
    upstreams: z.record(z.string(), UpstreamSchema),
    routes: z.array(RouteSchema).default([]),
    /** Upstream used when no route matches; one per dialect may be given. */
    defaultUpstream: z.string().optional(),
    limits: z
      .object({
        maxBodyBytes: z
          .number()
          .int()
          .min(1024)
          .default(4 * 1024 * 1024),
        maxResponseBytes: z
          .number()
          .int()
          .min(1024)
          .default(16 * 1024 * 1024),
        /**
         * Input tokens above which a request is refused before any upstream call: estimated as
         * chars/4, counted exactly (OpenAI BPE) when the estimate is near the limit.
         */
        maxInputTokens: z.number().int().min(1).optional(),
        maxMessages: z.number().int().min(1).default(2048),
        /** Characters held back on streams so a secret split across chunks is caught. */
        holdBackChars: z.number().int().min(0).max(4096).default(96),
        /** Longest wait for a person to approve a held tool call. */
        approvalTimeoutMs: z.number().int().min(0).default(60_000),
        /** Graceful shutdown: how long in-flight streams may drain. */
        drainMs: z.number().int().min(0).default(10_000),
      })
      .strict()
      .prefault({}),
    checks: z
      .object({ input: CheckSchema.prefault({}), output: CheckSchema.prefault({}) })
      .strict()
      .prefault({}),
    /** System prompt / canaries the output checks look for (leakage). */
    systemPrompt: z.string().optional(),
    canaries: z.array(z.string().min(8)).default([]),
    /** Restore redacted placeholders in responses ("[EMAIL_1]" -> original) for the same request. */
    restoreRedactions: z.boolean().default(true),
    /** Reject request fields the provider API does not define (the providers do the same). */
    strictFields: z.boolean().default(true),
    /** Responses API: what the gateway does about context it cannot see (docs/gateway.md). */
    responses: z
      .object({
        /**
         * A request that continues stored context (previous_response_id or conversation) reuses what
         * the provider kept: earlier MCP tool lists and items the gateway cannot review again.
         * allow (default): forwarded, with the gap recorded in the audit; deny: refused.
         */
        previousResponseId: z.enum(['allow', 'deny']).default('allow'),
        /** How long an mcp_approval_request the gateway let through may be approved. */
        approvalTtlSeconds: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 3600)
          .default(24 * 3600),
        /**
         * Where delivered mcp_approval_requests are kept. memory (default): per gateway process;
         * store: in the gateway's store, shared by every process on it (several gateway processes).
         */
        approvalLedger: z.enum(['memory', 'store']).default('memory'),
      })
      .strict()
      .prefault({}),
    /** Optional OpenTelemetry traces (one span per proxied request); off when absent. */
    telemetry: TelemetrySchema.optional(),
  })
  .strict();
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;

const FileSchema = z.object({ gateway: GatewayConfigSchema }).loose();

export function parseGatewayConfig(input: unknown, path = '<inline>'): GatewayConfig {
  const r = GatewayConfigSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ConfigError(`${path}: gateway.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, { path });
  }
  validateRefs(r.data, path);
  return r.data;
}

function validateRefs(cfg: GatewayConfig, path: string): void {
  // Own keys only: a route to upstream "toString" is unknown, not found on Object.prototype.
  for (const [i, r] of cfg.routes.entries()) {
    if (!Object.hasOwn(cfg.upstreams, r.upstream)) {
      throw new ConfigError(`${path}: gateway.routes.${i}.upstream: unknown upstream "${r.upstream}"`, { path });
    }
  }
  if (cfg.defaultUpstream !== undefined && !Object.hasOwn(cfg.upstreams, cfg.defaultUpstream)) {
    throw new ConfigError(`${path}: gateway.defaultUpstream: unknown upstream "${cfg.defaultUpstream}"`, { path });
  }
}

/** Loads rampart.yaml; relative paths inside it resolve against the file's directory. */
export async function loadGatewayConfig(file: string): Promise<GatewayConfig> {
  const text = await readFile(file, 'utf8').catch((e: unknown) => {
    throw new ConfigError(`${file}: cannot read (${(e as Error).message})`, { path: file, cause: e });
  });
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const line = lc.linePos(err.pos[0]).line;
    throw new ConfigError(`${file}:${line}: ${err.message.split('\n')[0]}`, { path: file, line });
  }
  const r = FileSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const node = doc.getIn(issue.path, true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lc.linePos(node.range[0]).line : undefined;
    const where = line === undefined ? file : `${file}:${line}`;
    throw new ConfigError(`${where}: ${issue.path.join('.')}: ${issue.message}`, {
      path: file,
      ...(line === undefined ? {} : { line }),
    });
  }
  const cfg = r.data.gateway;
  validateRefs(cfg, file);
  const base = dirname(resolve(file));
  const abs = (p: string | undefined): string | undefined =>
    p === undefined || p.includes('://') ? p : resolve(base, p);
  const policy = abs(cfg.policy);
  const store = abs(cfg.store);
  const auditJsonl = abs(cfg.auditJsonl);
  for (const u of Object.values(cfg.upstreams)) {
    if (u.apiKeyFile !== undefined) u.apiKeyFile = resolve(base, u.apiKeyFile);
  }
  return {
    ...cfg,
    ...(policy === undefined ? {} : { policy }),
    ...(store === undefined ? {} : { store }),
    ...(auditJsonl === undefined ? {} : { auditJsonl }),
  };
}
