// @rampart/store: SQLite (embedded default) and PostgreSQL behind one query layer (Kysely):
// scans, the tamper-evident audit log, approvals.
export {
  type Approval,
  type ApprovalOutcome,
  type ApprovalRequest,
  type ApprovalStatus,
  ApprovalStore,
} from './approvals.js';
export { AuditLog, type AuditLogOptions, type ContentMode, chainHash, headMac, sha256Hex } from './audit-log.js';
export * from './audit-types.js';
export { canonicalJson } from './canonical-json.js';
export { type Dialect, defaultDatabaseUrl, isPostgresUrl, type OpenOptions, openDatabase, type StoreDb } from './db.js';
export {
  type McpApprovalEntry,
  type McpApprovalLedgerOptions,
  McpApprovalLedgerStore,
} from './mcp-approval-ledger.js';
export { STORE_SCHEMA_VERSION } from './migrations.js';
export { OCSF_VERSION, toOcsf } from './ocsf.js';
export { ScanStore, type ScanSummary } from './scans.js';
export { openStore, type Store } from './store.js';
export type { Tables } from './tables.js';
export {
  type AuditProblem,
  type AuditProblemKind,
  type AuditVerification,
  type VerifyOptions,
  verifyAuditLog,
} from './verify-audit.js';
