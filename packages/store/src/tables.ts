// Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC text in both
// dialects (portable, sortable); JSON is stored as text so the audit log hashes exactly the
// bytes it stores (PostgreSQL jsonb would re-order keys and break the hash chain).
import type { Generated } from 'kysely';

export interface ScansTable {
  id: string;
  created_at: string;
  root: string | null;
  tool_version: string;
  findings: number;
  max_severity: string | null;
  summary: string;
  result: string;
}

export interface AuditLogTable {
  seq: number;
  ts: string;
  kind: string;
  request_id: string | null;
  key_id: string | null;
  route: string | null;
  model: string | null;
  outcome: string | null;
  revision: string | null;
  /** Canonical JSON of { seq, ts, prev, record }: the exact bytes that are hashed. */
  body: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** HMAC-SHA256 over "seq:hash" with RAMPART_AUDIT_KEY, when configured. */
  mac: string | null;
  updated_at: string;
}

export interface ApprovalsTable {
  id: string;
  created_at: string;
  expires_at: string;
  status: string;
  request_id: string | null;
  decision_id: string | null;
  key_id: string | null;
  principal: string | null;
  tool: string;
  args_preview: string;
  decided_at: string | null;
  decided_by: string | null;
  note: string | null;
}

/** An mcp_approval_request the gateway delivered to a virtual key (the arguments as a hash). */
export interface McpApprovalLedgerTable {
  key_id: string;
  id: string;
  server: string;
  name: string;
  args_sha: string;
  created_at: string;
  expires_at: string;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface Tables {
  scans: ScansTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  approvals: ApprovalsTable;
  mcp_approval_ledger: McpApprovalLedgerTable;
  rampart_migrations: MigrationsTable;
}

export type { Generated };
