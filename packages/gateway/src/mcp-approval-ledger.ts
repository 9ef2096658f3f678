// The Responses `mcp_approval_request` items the gateway let through to a client, per virtual key,
// so that an `mcp_approval_response` sent back later can be matched against them: an approval for
// an id the gateway withheld (or never delivered to this key) is refused. In memory and per gateway
// process; bounded per key and in the number of keys, and entries expire.
import type { Enforcer } from './enforcer.js';

export interface DeliveredApproval {
  server: string;
  name: string;
  /** The arguments exactly as delivered (the JSON text). */
  args: string;
}

interface Entry extends DeliveredApproval {
  expires: number;
}

const PER_KEY = 512;
const MAX_KEYS = 10_000;
/** Longer ids are not recorded: an approval for them is then refused. */
export const MAX_APPROVAL_ID = 256;

export class ApprovalLedger {
  private readonly byKey = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(keyId: string, id: string, a: DeliveredApproval): void {
    if (id === '' || id.length > MAX_APPROVAL_ID) return;
    const now = this.now();
    let m = this.byKey.get(keyId);
    if (m !== undefined)
      this.byKey.delete(keyId); // re-inserted below: most recently used key last
    else {
      m = new Map();
      if (this.byKey.size >= MAX_KEYS) this.byKey.delete(this.byKey.keys().next().value as string);
    }
    this.byKey.set(keyId, m);
    m.delete(id);
    m.set(id, { ...a, expires: now + this.ttlMs });
    // Entries are in insertion order and share one TTL, so the expired ones and the oldest are first.
    for (const [k, e] of m) {
      if (e.expires > now && m.size <= PER_KEY) break;
      m.delete(k);
    }
  }

  find(keyId: string, id: string): DeliveredApproval | undefined {
    const m = this.byKey.get(keyId);
    const e = m?.get(id);
    if (e === undefined) return undefined;
    if (e.expires <= this.now()) {
      m?.delete(id);
      return undefined;
    }
    return { server: e.server, name: e.name, args: e.args };
  }
}

// One ledger per gateway (its Enforcer), so separate gateways in one process never share approvals.
const ledgers = new WeakMap<Enforcer, ApprovalLedger>();

export function ledgerFor(enforcer: Enforcer): ApprovalLedger {
  let l = ledgers.get(enforcer);
  if (l === undefined) {
    l = new ApprovalLedger(enforcer.config.responses.approvalTtlSeconds * 1000);
    ledgers.set(enforcer, l);
  }
  return l;
}
