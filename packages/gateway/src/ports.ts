// Narrow interfaces the gateway needs from its collaborators: the policy engine (@rampart/policy),
// the runtime detectors (@rampart/detectors), the audit log and approvals (@rampart/store).
// The proxy depends only on these; adapters in `adapters/` bind them to the real packages, and
// tests bind them to small fakes. Keeping them narrow keeps the hot path visible.
import type { Decision, Effect, TextRole } from '@rampart/core';
import type { DetectionContext, Identity, PolicyAction, PolicyRequest } from '@rampart/policy';
import type { McpApprovalLedger } from './mcp-approval-ledger.js';

// The request vocabulary is the policy engine's own; the gateway re-exports it rather than copying it.
export type { DetectionContext, Identity, PolicyAction, PolicyRequest };

export interface DetectionView {
  type: string;
  detector: string;
  score: number;
  flagged: boolean;
  spans: { start: number; end: number; label?: string }[];
  evidence?: string;
  ruleId?: string;
}

export interface CheckResult {
  flagged: boolean;
  detections: DetectionView[];
  errors: { detector: string; message: string }[];
  timedOut: boolean;
  elapsedMs: number;
}

export type RedactionMap = unknown;

export interface StreamScanner {
  /** Feeds a chunk; returns the text now safe to release (the tail is held back) and new detections. */
  push(chunk: string): { safeText: string; detections: DetectionView[] };
  end(): { safeText: string; detections: DetectionView[] };
}

export interface TextChecks {
  /** Synchronous fast path. Must fail closed: an internal error yields flagged + an errors entry. */
  check(text: string, role: TextRole): CheckResult;
  redact(text: string, detections: DetectionView[], map?: RedactionMap): { text: string; map: RedactionMap };
  restore(text: string, map: RedactionMap): string;
  streamScanner(role: TextRole): StreamScanner;
}

/** A decision plus, when the engine provides them, what applying it involves. */
export interface PolicyVerdict extends Decision {
  /** What the gateway must actually do (monitor-mode effects apply as allow). */
  applied?: Effect;
  obligations?: {
    /** Detection types whose spans are redacted (effect redact). */
    redact: string[];
    /** Put redacted values back into the response for this caller. */
    restore: boolean;
    approvalTimeoutMs?: number;
  };
}

export interface PolicyPort {
  revision(): string;
  /** Resolves a presented virtual key; undefined when unknown or revoked. */
  authenticate(virtualKey: string): Identity | undefined;
  decide(req: PolicyRequest): PolicyVerdict;
}

/** One audit entry. Content is never stored raw: hashes and detection metadata only. */
export interface AuditRecord {
  ts: string;
  requestId: string;
  keyId: string | null;
  principal: string | null;
  team: string | null;
  route: string;
  model: string | null;
  upstream: string | null;
  /** Every policy decision taken for this request, in order (input, tool calls, output). */
  decisions: AuditDecision[];
  /** What actually happened to the traffic. */
  outcome: 'allowed' | 'redacted' | 'blocked' | 'error' | 'held';
  detections: { type: string; detector: string; score: number; flagged: boolean; ruleId?: string }[];
  status: number;
  latencyMs: number;
  upstreamMs: number | null;
  tokens: { input: number | null; output: number | null };
  stream: boolean;
  /** sha256 of the request body, for correlation without content. */
  contentSha256: string | null;
  error?: string;
}

export interface AuditDecision {
  stage: 'input' | 'output' | 'tool-call' | 'mcp';
  action: PolicyAction;
  resource: string;
  id: string;
  effect: string;
  mode: string;
  policyRevision: string;
  reasons: string[];
  /** For require-approval: approval id and outcome. */
  approval?: { id: string; outcome: ApprovalOutcome };
  /** The tool already ran at the provider (Responses mcp_call): the decision could only withhold its result. */
  executedUpstream?: boolean;
}

export interface AuditSink {
  /** Durable append: resolves only once the record is committed (enforce mode). */
  append(record: AuditRecord): Promise<void>;
  /** Best-effort append through a bounded queue (monitor mode). */
  enqueue(record: AuditRecord): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

export type ApprovalOutcome = 'approved' | 'denied' | 'timeout';

export interface ApprovalPort {
  /** Creates a pending approval; returns its id (shown to the operator: `rampart approvals approve ID`). */
  request(input: {
    requestId: string;
    decisionId: string;
    identity: Identity;
    tool: string;
    /** Redacted/hashed view of the arguments, never raw secrets. */
    argsPreview: string;
    timeoutMs: number;
  }): Promise<string>;
  wait(id: string, timeoutMs: number, signal: AbortSignal): Promise<ApprovalOutcome>;
  /** Delivered MCP approval requests kept in the store (responses.approvalLedger: store); else in memory. */
  mcpLedger?: McpApprovalLedger;
}
