// Contextual risk factors from the asset graph: is an asset reachable from the internet, which
// sensitive data reaches it, and which dangerous capabilities it can exercise. Detectors declare
// the facts as asset properties (see ARCHITECTURE.md, "Asset properties the graph reads"); this
// module only propagates them along relations, direction-aware.
import type { Asset, Relation, RelationType } from '@rampart/core';

export interface RiskFactors {
  /** Reachable from the internet (an exposed endpoint serves or fronts it). */
  exposed: boolean;
  /** Sensitive data classes that reach the asset (pii, phi, financial, credentials, confidential). */
  sensitivity: string[];
  /** Dangerous capabilities the asset holds or can invoke (shell, code-exec, file-write, network-egress, …). */
  capabilities: string[];
}

export const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set([
  'shell',
  'code-exec',
  'file-write',
  'network-egress',
  'network-write',
  'email',
  'sql-write',
  'payments',
  'destructive',
]);

/** Relations along which data flows from `to` into `from` (A reads-from B: B's data reaches A). */
const DATA_INTO_FROM: ReadonlySet<RelationType> = new Set([
  'reads-from',
  'trained-on',
  'retrieves-from',
  'fine-tuned-from',
  'embeds-with',
]);
/** Relations along which data flows both ways (a caller sends prompts and receives output). */
const DATA_BOTH: ReadonlySet<RelationType> = new Set([
  'uses-model',
  'uses-tool',
  'uses-mcp-server',
  'provides-tool',
  'serves',
]);
/** Relations along which internet exposure spreads from a fronting asset to what it fronts. */
const EXPOSURE: ReadonlySet<RelationType> = new Set(['serves', 'exposes', 'uses-model', 'contains']);
/** Relations along which an asset gains the capabilities of another. */
const CAPABILITY: ReadonlySet<RelationType> = new Set(['uses-tool', 'uses-mcp-server', 'provides-tool']);

const MAX_DEPTH = 4;
/**
 * Agents handing work to agents (`uses-tool` to an agent: ADK AgentTool, handoffs, sub-agents) chain
 * capabilities: agent → sub-agent → … → tool → MCP server tool. Reach at most this many delegation hops.
 */
export const MAX_DELEGATION = 3;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

export function isExposed(a: Asset): boolean {
  const e = a.properties.exposure;
  return e === 'internet' || a.properties.publicNetworkAccess === true;
}

type Adjacency = Map<string, string[]>;

function addEdge(adj: Adjacency, from: string, to: string): void {
  const list = adj.get(from);
  if (list) list.push(to);
  else adj.set(from, [to]);
}

/** Breadth-first reach from `start` over `adj`, bounded by depth. */
function reach(adj: Adjacency, start: string, depth = MAX_DEPTH): Set<string> {
  const seen = new Set([start]);
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of adj.get(n) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        next.push(m);
      }
    }
    frontier = next;
  }
  return seen;
}

/** Risk factors of every asset in the graph. */
export function riskFactors(assets: readonly Asset[], relations: readonly Relation[]): Map<string, RiskFactors> {
  const dataFlow: Adjacency = new Map();
  const exposure: Adjacency = new Map();
  const capability: Adjacency = new Map();
  for (const r of relations) {
    if (DATA_INTO_FROM.has(r.type)) addEdge(dataFlow, r.to, r.from);
    if (DATA_BOTH.has(r.type)) {
      addEdge(dataFlow, r.from, r.to);
      addEdge(dataFlow, r.to, r.from);
    }
    if (r.type === 'writes-to') addEdge(dataFlow, r.from, r.to);
    if (EXPOSURE.has(r.type)) addEdge(exposure, r.from, r.to);
    if (CAPABILITY.has(r.type)) addEdge(capability, r.from, r.to);
  }
  const out = new Map<string, RiskFactors>();
  const get = (id: string): RiskFactors => {
    let f = out.get(id);
    if (!f) {
      f = { exposed: false, sensitivity: [], capabilities: [] };
      out.set(id, f);
    }
    return f;
  };
  const byId = new Map(assets.map((a) => [a.id, a]));
  for (const a of assets) {
    const sens = strings(a.properties.dataSensitivity);
    if (sens.length > 0) for (const id of reach(dataFlow, a.id)) get(id).sensitivity.push(...sens);
    if (isExposed(a)) for (const id of reach(exposure, a.id, 2)) get(id).exposed = true;
    const caps = strings(a.properties.capabilities);
    if (caps.length > 0) get(a.id).capabilities.push(...caps);
  }
  for (const a of assets) {
    for (const id of reach(capability, a.id, 2 + MAX_DELEGATION)) {
      if (id === a.id) continue;
      const caps = strings(byId.get(id)?.properties.capabilities);
      if (caps.length > 0) get(a.id).capabilities.push(...caps);
    }
  }
  for (const f of out.values()) {
    f.sensitivity = [...new Set(f.sensitivity)].sort();
    f.capabilities = [...new Set(f.capabilities)].sort();
  }
  return out;
}
