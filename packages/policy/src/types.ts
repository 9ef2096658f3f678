// The policy engine's public request/decision types. Plain interfaces: the gateway, the MCP proxy
// and `rampart policy test` build these; nothing here carries prompt or tool content except
// tool-call arguments, which are read for argument constraints and never copied into a decision.
import type { Decision, Effect, TextRole } from '@rampart/core';

/** Who is calling, resolved from a virtual key. The key itself is never kept. */
export interface Identity {
  /** Stable, non-secret id of the virtual key (the `id` in the policy file). */
  keyId: string;
  principal: string;
  team?: string;
  roles: string[];
}

export const POLICY_ACTIONS = ['use-model', 'emit-output', 'embed', 'list-models', 'call-tool', 'list-tools'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];

export type ResourceKind = 'model' | 'tool' | 'mcp-server';

/** One runtime detection, summarised (type + score + where), never its content. */
export interface DetectionContext {
  type: string;
  score: number;
  flagged: boolean;
  role: TextRole;
  ruleId?: string;
}

/** Images, audio clips and files (PDFs, documents) a request carries; the provider reads them itself. */
export interface MediaCounts {
  images: number;
  audio: number;
  files: number;
}

export interface PolicyRequest {
  identity: Identity;
  action: PolicyAction;
  resource: { kind: ResourceKind; id: string };
  context: {
    route: string;
    model?: string;
    detections: DetectionContext[];
    /** A check could not run to completion (error / timeout) and its onError is deny. */
    checkFailed?: boolean;
    inputTokens?: number;
    bodyBytes?: number;
    /** Tool-call arguments (parsed JSON), read for argument constraints only. */
    args?: unknown;
    /** MCP server name for tools. */
    server?: string;
    /** Data classification of the request, e.g. from a header or the route. Default: unclassified. */
    classification?: string;
    /** Media in the request the text checks cannot read (use-model). Default: none. */
    media?: MediaCounts;
    /** Skip consuming a rate-limit token (policy tests, previews). */
    dryRun?: boolean;
  };
}

export interface Obligations {
  /** Detection types whose spans must be redacted (effect redact). */
  redact: string[];
  /** Put redacted values back into the response. */
  restore: boolean;
  /** For require-approval: how long to hold the call before it is denied. */
  approvalTimeoutMs?: number;
}

/**
 * A decision plus what the gateway needs to apply it. `effect`/`mode` follow @rampart/core:
 * `mode: enforce` -> apply `effect` (always equal to `applied`); `mode: monitor` -> only
 * monitor-mode policies objected, nothing is applied (`applied` is allow) and `effect` is what
 * they would have done. `monitorEffect` is set whenever monitor-mode policies were stricter than
 * what is applied (also when enforce-mode policies already redact or hold the request).
 */
export interface PolicyDecision extends Decision {
  applied: Effect;
  obligations: Obligations;
  monitorEffect?: Effect;
}
