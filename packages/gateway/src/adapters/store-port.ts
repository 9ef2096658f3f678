// Binds the audit and approval ports to @rampart/store: the hash-chained audit log (durable
// append in enforce mode, bounded queue in monitor mode, optional JSON-lines mirror) and the
// approvals table that `rampart approvals approve|deny` writes.
import { McpApprovalLedgerStore, openStore, type Store } from '@rampart/store';
import { argsHash, type McpApprovalLedger, recordable } from '../mcp-approval-ledger.js';
import type { ApprovalPort, AuditRecord, AuditSink } from '../ports.js';

export interface StoreBinding {
  store: Store;
  audit: AuditSink;
  approvals: ApprovalPort;
}

export async function bindStore(
  url: string | undefined,
  opts: {
    jsonlPath?: string;
    onError?: (e: Error) => void;
    /** Keep delivered MCP approval requests in the store (responses.approvalLedger: store). */
    mcpLedger?: { ttlMs: number };
    /** SQLite: fsync per commit (full) or a commit in the OS (normal); see GatewayConfig.auditSync. */
    sqliteSync?: 'full' | 'normal';
  } = {},
): Promise<StoreBinding> {
  const store = await openStore({
    ...(url === undefined ? {} : { url }),
    // WAL checkpoints on a worker thread, not inside the commit of the request that crosses the threshold.
    backgroundCheckpoint: true,
    ...(opts.sqliteSync === undefined ? {} : { sqliteSync: opts.sqliteSync }),
    audit: {
      // Durable commits on a worker thread: the event loop never waits for the disk's fsync.
      writerThread: true,
      ...(opts.jsonlPath === undefined ? {} : { jsonlPath: opts.jsonlPath }),
      ...(opts.onError === undefined ? {} : { onError: opts.onError }),
    },
  });
  const audit: AuditSink = {
    async append(r: AuditRecord) {
      await store.audit.append(r);
    },
    enqueue(r: AuditRecord) {
      store.audit.enqueue(r);
    },
    flush: () => store.audit.flush(),
    close: () => store.close(),
  };
  const approvals: ApprovalPort = {
    request: (input) =>
      store.approvals.request({
        requestId: input.requestId,
        decisionId: input.decisionId,
        identity: { keyId: input.identity.keyId, principal: input.identity.principal },
        tool: input.tool,
        argsPreview: input.argsPreview,
        timeoutMs: input.timeoutMs,
      }),
    wait: (id, timeoutMs, signal) => store.approvals.wait(id, timeoutMs, signal),
    ...(opts.mcpLedger === undefined ? {} : { mcpLedger: storeLedger(store, opts.mcpLedger.ttlMs) }),
  };
  return { store, audit, approvals };
}

/** The ledger of delivered MCP approval requests over the store: shared by every gateway process on it. */
export function storeLedger(store: Store, ttlMs: number, maxEntries?: number): McpApprovalLedger {
  const l = new McpApprovalLedgerStore(store.db, { ttlMs, ...(maxEntries === undefined ? {} : { maxEntries }) });
  return {
    async record(keyId, id, a) {
      // Ids the in-memory ledger would not keep are not kept here either: approving them is refused.
      if (!recordable(id, a)) return;
      await l.record(keyId, id, { server: a.server, name: a.name, argsSha: argsHash(a.args) });
    },
    async find(keyId, id) {
      const e = await l.find(keyId, id);
      if (e === undefined) return undefined;
      return { server: e.server, name: e.name, sameArgs: (args) => argsHash(args) === e.argsSha };
    },
  };
}
