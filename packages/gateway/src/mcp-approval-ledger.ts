// The Responses `mcp_approval_request` items the gateway let through to a client, per virtual key,
// so that an `mcp_approval_response` sent back later can be matched against them: an approval for
// an id the gateway withheld (or never delivered to this key) is refused. Two kinds:
// - in memory, per gateway process (the default): bounded per key, overall and in the size of an
//   entry (the arguments are kept as a hash), and entries expire;
// - in the store (`responses.approvalLedger: store`), shared by every gateway process on that
//   store, so an approval may reach another process than the one that delivered the request
//   (adapters/store-port.ts over @rampart/store's McpApprovalLedgerStore).
import { createHash } from 'node:crypto';
import type { Enforcer } from './enforcer.js';

export interface DeliveredApproval {
  server: string;
  name: string;
  /** The arguments exactly as delivered (the JSON text). */
  args: string;
}

interface Entry {
  server: string;
  name: string;
  argsSha: string;
  expires: number;
}

const PER_KEY = 512;
const MAX_KEYS = 10_000;
const MAX_TOTAL = 100_000;
/** Longer ids (tool names, server labels) are not recorded: an approval for them is then refused. */
export const MAX_APPROVAL_ID = 256;

/** The hash a ledger keeps of the arguments exactly as delivered. */
export const argsHash = (s: string): string => createHash('sha256').update(s).digest('base64');
const sha = argsHash;

/** A delivered request as a ledger finds it. */
export interface FoundApproval {
  server: string;
  name: string;
  /** Whether an arguments text is the one delivered. */
  sameArgs(args: string): boolean;
}

/**
 * Where delivered requests are kept. A store-backed ledger answers asynchronously; record() resolves
 * once another process can find the entry, and rejects when it could not be written.
 */
export interface McpApprovalLedger {
  record(keyId: string, id: string, a: DeliveredApproval): void | Promise<void>;
  find(keyId: string, id: string): FoundApproval | undefined | Promise<FoundApproval | undefined>;
}

/** Whether a ledger may keep this entry at all (longer ids are refused by both kinds). */
export function recordable(id: string, a: DeliveredApproval): boolean {
  return (
    id !== '' && id.length <= MAX_APPROVAL_ID && a.name.length <= MAX_APPROVAL_ID && a.server.length <= MAX_APPROVAL_ID
  );
}

export class ApprovalLedger implements McpApprovalLedger {
  private readonly byKey = new Map<string, Map<string, Entry>>();
  private total = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(keyId: string, id: string, a: DeliveredApproval): void {
    if (!recordable(id, a)) return;
    const now = this.now();
    let m = this.byKey.get(keyId);
    if (m !== undefined)
      this.byKey.delete(keyId); // re-inserted below: most recently used key last
    else {
      m = new Map();
      if (this.byKey.size >= MAX_KEYS) this.dropKey(this.byKey.keys().next().value as string);
    }
    this.byKey.set(keyId, m);
    if (m.delete(id)) this.total--;
    m.set(id, { server: a.server, name: a.name, argsSha: sha(a.args), expires: now + this.ttlMs });
    this.total++;
    // Entries are in insertion order and share one TTL, so the expired ones and the oldest are first.
    for (const [k, e] of m) {
      if (e.expires > now && m.size <= PER_KEY) break;
      m.delete(k);
      this.total--;
    }
    // Over the overall bound: the least recently used keys lose their oldest entries.
    while (this.total > MAX_TOTAL) {
      const [k, lru] = this.byKey.entries().next().value as [string, Map<string, Entry>];
      const first = lru.keys().next().value;
      if (first !== undefined) lru.delete(first);
      this.total--;
      if (lru.size === 0) this.byKey.delete(k);
    }
  }

  private dropKey(keyId: string): void {
    this.total -= this.byKey.get(keyId)?.size ?? 0;
    this.byKey.delete(keyId);
  }

  /** The delivered request, with `sameArgs` to compare an arguments text with the delivered one. */
  find(keyId: string, id: string): FoundApproval | undefined {
    const m = this.byKey.get(keyId);
    const e = m?.get(id);
    if (e === undefined) return undefined;
    if (e.expires <= this.now()) {
      m?.delete(id);
      this.total--;
      return undefined;
    }
    return { server: e.server, name: e.name, sameArgs: (args) => sha(args) === e.argsSha };
  }

  /** Entries held (expired ones not yet dropped included). */
  size(): number {
    return this.total;
  }
}

// One in-memory ledger per gateway (its Enforcer), so separate gateways in one process never share
// approvals; a store-backed one comes with the gateway's approvals port.
const ledgers = new WeakMap<Enforcer, ApprovalLedger>();

export function ledgerFor(enforcer: Enforcer): McpApprovalLedger {
  const shared = enforcer.approvals?.mcpLedger;
  if (shared !== undefined) return shared;
  let l = ledgers.get(enforcer);
  if (l === undefined) {
    l = new ApprovalLedger(enforcer.config.responses.approvalTtlSeconds * 1000);
    ledgers.set(enforcer, l);
  }
  return l;
}
