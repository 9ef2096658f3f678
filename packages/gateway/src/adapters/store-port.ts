// Binds the audit and approval ports to @rampart/store: the hash-chained audit log (durable
// append in enforce mode, bounded queue in monitor mode, optional JSON-lines mirror) and the
// approvals table that `rampart approvals approve|deny` writes.
import { openStore, type Store } from '@rampart/store';
import type { ApprovalPort, AuditRecord, AuditSink } from '../ports.js';

export interface StoreBinding {
  store: Store;
  audit: AuditSink;
  approvals: ApprovalPort;
}

export async function bindStore(
  url: string | undefined,
  opts: { jsonlPath?: string; onError?: (e: Error) => void } = {},
): Promise<StoreBinding> {
  const store = await openStore({
    ...(url === undefined ? {} : { url }),
    // WAL checkpoints on a worker thread, not inside the commit of the request that crosses the threshold.
    backgroundCheckpoint: true,
    audit: {
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
  };
  return { store, audit, approvals };
}
