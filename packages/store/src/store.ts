// One handle on the store: the database plus the audit log, approvals and scans over it.
import { ApprovalStore } from './approvals.js';
import { AuditLog, type AuditLogOptions } from './audit-log.js';
import { type OpenOptions, openDatabase, type StoreDb } from './db.js';
import { ScanStore } from './scans.js';
import { type AuditVerification, type VerifyOptions, verifyAuditLog } from './verify-audit.js';

export interface Store {
  db: StoreDb;
  audit: AuditLog;
  approvals: ApprovalStore;
  scans: ScanStore;
  verifyAudit(opts?: VerifyOptions): Promise<AuditVerification>;
  /** Flushes the audit queue, then closes the connection(s). */
  close(): Promise<void>;
}

export async function openStore(opts: OpenOptions & { audit?: AuditLogOptions } = {}): Promise<Store> {
  const db = await openDatabase(opts);
  const audit = new AuditLog(db, opts.audit);
  return {
    db,
    audit,
    approvals: new ApprovalStore(db),
    scans: new ScanStore(db),
    verifyAudit: (v) => verifyAuditLog(db, v),
    async close() {
      await audit.close();
      await db.close();
    },
  };
}
