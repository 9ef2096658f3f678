// Human approvals for tool calls a policy marked require-approval. The gateway creates a pending
// approval and waits (polling the store, so the CLI in another process can decide it); a person
// runs `rampart approvals approve|deny ID`. Past its deadline an approval is expired = denied.
// State changes are conditional updates (WHERE status = 'pending' AND expires_at > now), so a late
// approve can never win against a timeout, and two operators cannot both decide.
import { randomBytes } from 'node:crypto';
import { RampartError } from '@rampart/core';
import type { StoreDb } from './db.js';
import type { ApprovalsTable } from './tables.js';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';
export type ApprovalOutcome = 'approved' | 'denied' | 'timeout';

export interface Approval {
  id: string;
  createdAt: string;
  expiresAt: string;
  status: ApprovalStatus;
  requestId: string | null;
  decisionId: string | null;
  keyId: string | null;
  principal: string | null;
  tool: string;
  /** Redacted or hashed view of the arguments; never raw secrets. */
  argsPreview: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

export interface ApprovalRequest {
  requestId?: string;
  decisionId?: string;
  identity?: { keyId: string; principal: string };
  tool: string;
  argsPreview: string;
  timeoutMs: number;
}

const MAX_PREVIEW = 4096;

function fromRow(r: ApprovalsTable): Approval {
  return {
    id: r.id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    status: r.status as ApprovalStatus,
    requestId: r.request_id,
    decisionId: r.decision_id,
    keyId: r.key_id,
    principal: r.principal,
    tool: r.tool,
    argsPreview: r.args_preview,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    note: r.note,
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export class ApprovalStore {
  private readonly store: StoreDb;
  private readonly now: () => number;

  constructor(store: StoreDb, opts: { now?: () => number } = {}) {
    this.store = store;
    this.now = opts.now ?? Date.now;
  }

  /** Creates a pending approval and returns its id (short, typeable: `ap-` + 12 base32 chars). */
  async request(req: ApprovalRequest): Promise<string> {
    if (!(req.timeoutMs > 0)) throw new RampartError('E_USAGE', 'approval timeout must be positive');
    const id = `ap-${randomBytes(8).toString('hex').slice(0, 12)}`;
    const now = this.now();
    await this.store.db
      .insertInto('approvals')
      .values({
        id,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + req.timeoutMs).toISOString(),
        status: 'pending',
        request_id: req.requestId ?? null,
        decision_id: req.decisionId ?? null,
        key_id: req.identity?.keyId ?? null,
        principal: req.identity?.principal ?? null,
        tool: req.tool.slice(0, 256),
        args_preview: req.argsPreview.slice(0, MAX_PREVIEW),
        decided_at: null,
        decided_by: null,
        note: null,
      })
      .execute();
    return id;
  }

  async get(id: string): Promise<Approval | undefined> {
    const r = await this.store.db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  /** Newest first. Expires overdue approvals first so the list never shows a stale "pending". */
  async list(opts: { status?: ApprovalStatus; limit?: number } = {}): Promise<Approval[]> {
    await this.expireOverdue();
    let q = this.store.db
      .selectFrom('approvals')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(opts.limit ?? 100);
    if (opts.status) q = q.where('status', '=', opts.status);
    return (await q.execute()).map(fromRow);
  }

  approve(id: string, by: string, note?: string): Promise<Approval> {
    return this.decide(id, 'approved', by, note);
  }

  deny(id: string, by: string, note?: string): Promise<Approval> {
    return this.decide(id, 'denied', by, note);
  }

  private async decide(id: string, status: 'approved' | 'denied', by: string, note?: string): Promise<Approval> {
    const nowIso = new Date(this.now()).toISOString();
    const r = await this.store.db
      .updateTable('approvals')
      .set({ status, decided_at: nowIso, decided_by: by.slice(0, 256), note: note?.slice(0, 1000) ?? null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('expires_at', '>', nowIso)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) {
      const a = await this.get(id);
      if (a) return a;
    }
    await this.expireOverdue();
    const cur = await this.get(id);
    if (!cur) throw new RampartError('E_USAGE', `no approval with id ${id}`);
    throw new RampartError('E_USAGE', `approval ${id} is already ${cur.status}`);
  }

  /** Marks every pending approval past its deadline as expired. Returns how many. */
  async expireOverdue(): Promise<number> {
    const nowIso = new Date(this.now()).toISOString();
    const r = await this.store.db
      .updateTable('approvals')
      .set({ status: 'expired', decided_at: nowIso, decided_by: 'timeout' })
      .where('status', '=', 'pending')
      .where('expires_at', '<=', nowIso)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /**
   * Waits for a decision, polling every `pollMs`. Timeout or abort -> the approval is expired and
   * the outcome is `timeout` (the gateway treats it as deny).
   */
  async wait(id: string, timeoutMs: number, signal?: AbortSignal, pollMs = 250): Promise<ApprovalOutcome> {
    const deadline = this.now() + timeoutMs;
    for (;;) {
      const a = await this.get(id);
      if (!a) throw new RampartError('E_STORE', `approval ${id} disappeared`);
      if (a.status === 'approved') return 'approved';
      if (a.status === 'denied') return 'denied';
      if (a.status === 'expired') return 'timeout';
      const left = Math.min(deadline, Date.parse(a.expiresAt)) - this.now();
      if (left <= 0 || signal?.aborted) {
        const nowIso = new Date(this.now()).toISOString();
        await this.store.db
          .updateTable('approvals')
          .set({ status: 'expired', decided_at: nowIso, decided_by: signal?.aborted ? 'aborted' : 'timeout' })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .execute();
        const final = await this.get(id);
        if (final?.status === 'approved') return 'approved';
        if (final?.status === 'denied') return 'denied';
        return 'timeout';
      }
      await sleep(Math.min(pollMs, left), signal);
    }
  }
}
