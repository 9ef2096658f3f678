// The audit record: one per gateway request (or MCP call), holding every policy decision taken
// for it. Content never appears raw: `content` is hashed or dropped per configuration unless the
// caller explicitly keeps an already-redacted preview.

export interface AuditDecision {
  stage: string;
  action: string;
  resource: string;
  id: string;
  effect: string;
  mode: string;
  policyRevision: string;
  reasons: string[];
  approval?: { id: string; outcome: string };
}

export interface AuditDetection {
  type: string;
  detector: string;
  score: number;
  flagged: boolean;
  ruleId?: string;
}

export interface AuditRecord {
  /** `request` (default), `approval`, `policy-reload`, `audit-dropped`, ... */
  kind?: string;
  /** ISO-8601; default: time of append. */
  ts?: string;
  requestId?: string | null;
  keyId?: string | null;
  principal?: string | null;
  team?: string | null;
  route?: string | null;
  model?: string | null;
  upstream?: string | null;
  decisions?: AuditDecision[];
  /** What happened to the traffic: allowed | redacted | blocked | error | held. */
  outcome?: string;
  detections?: AuditDetection[];
  status?: number;
  latencyMs?: number;
  upstreamMs?: number | null;
  tokens?: { input: number | null; output: number | null };
  stream?: boolean;
  contentSha256?: string | null;
  /** Request/response text; stored per the log's `content` setting (default: only its SHA-256). */
  content?: string;
  error?: string;
  /** Free-form extra data (approval id, reload revision, counts). No secrets. */
  details?: Record<string, string | number | boolean | null>;
}

/** A record as stored: its place in the chain and the hash that covers it. */
export interface StoredAuditRecord {
  seq: number;
  ts: string;
  prev: string;
  hash: string;
  record: AuditRecord;
}

export const GENESIS_HASH = '0'.repeat(64);
