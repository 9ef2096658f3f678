// The asset graph as `rampart graph` exports it (JSON, Graphviz DOT, Mermaid) and as the HTML
// report draws it: assets are nodes (with their findings' count, worst severity and highest risk),
// relations are edges. Names come from scanned files, so every label is escaped for its format and
// node ids in DOT/Mermaid never carry scanned text unescaped.
import { type ScanResult, type Severity, severityRank, UsageError } from '@rampart/core';
import { compareAssets, compareRelations, sorted } from '../report/order.js';
import { visibleControls } from '../report/text.js';

export const GRAPH_FORMATS = ['json', 'dot', 'mermaid'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphNode {
  id: string;
  kind: string;
  name: string;
  provider?: string;
  /** Active (not suppressed) findings on this asset. */
  findings: number;
  maxSeverity?: Severity;
  /** Highest contextual risk among those findings. */
  maxRisk?: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  type: string;
}

export interface AssetGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Relations dropped because an end is not an asset of the result. */
  danglingEdges: number;
}

export interface GraphOptions {
  /** Keep assets without any relation (default true; the HTML drawing leaves them out). */
  includeIsolated?: boolean | undefined;
}

export function assetGraph(result: ScanResult, opts: GraphOptions = {}): AssetGraph {
  const ids = new Set(result.assets.map((a) => a.id));
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  let dangling = 0;
  for (const r of sorted(result.relations, compareRelations)) {
    if (!ids.has(r.from) || !ids.has(r.to)) {
      dangling++;
      continue;
    }
    const key = `${r.from}\u0000${r.type}\u0000${r.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: r.from, to: r.to, type: r.type });
  }
  const connected = new Set(edges.flatMap((e) => [e.from, e.to]));
  const stats = new Map<string, { n: number; sev?: Severity; risk?: number }>();
  for (const f of result.findings) {
    if (f.suppressed || f.assetId === undefined) continue;
    const s = stats.get(f.assetId) ?? { n: 0 };
    s.n++;
    if (s.sev === undefined || severityRank(f.severity) > severityRank(s.sev)) s.sev = f.severity;
    if (f.risk !== undefined && (s.risk === undefined || f.risk > s.risk)) s.risk = f.risk;
    stats.set(f.assetId, s);
  }
  const nodes: GraphNode[] = [];
  const done = new Set<string>();
  for (const a of sorted(result.assets, compareAssets)) {
    if (done.has(a.id)) continue;
    done.add(a.id);
    if (opts.includeIsolated === false && !connected.has(a.id)) continue;
    const s = stats.get(a.id);
    const n: GraphNode = { id: a.id, kind: a.kind, name: a.name, findings: s?.n ?? 0 };
    if (a.provider !== undefined) n.provider = a.provider;
    if (s?.sev !== undefined) n.maxSeverity = s.sev;
    if (s?.risk !== undefined) n.maxRisk = s.risk;
    nodes.push(n);
  }
  return { nodes, edges, danglingEdges: dangling };
}

// ---- DOT ----

/** Content of a DOT double-quoted string used as an escString label: `\` and `"` escaped, newlines as \n. */
export function dotString(s: string): string {
  const body = s
    .split(/\r\n?|\n/)
    .map((part) => visibleControls(part).replace(/\\/g, '\\\\').replace(/"/g, '\\"'))
    .join('\\n');
  return `"${body}"`;
}

export const KIND_COLORS: Record<string, string> = {
  model: '#dbe9ff',
  'llm-client': '#e3f4e1',
  agent: '#ffe7c7',
  tool: '#fde2e2',
  'mcp-server': '#f1e3ff',
  'vector-store': '#d9f3f4',
  dataset: '#fff6c8',
  prompt: '#eeeeee',
  notebook: '#f5efe6',
  'inference-server': '#e0e7ff',
  'cloud-ai-service': '#e6f0f7',
  'ai-package': '#f0f0f0',
};

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#8b1a89',
  high: '#c62828',
  medium: '#e08a00',
  low: '#2f7bbf',
  info: '#777777',
};

function nodeLabel(n: GraphNode): string {
  const findings = n.findings > 0 ? `\n${n.findings} finding${n.findings === 1 ? '' : 's'} (${n.maxSeverity})` : '';
  return `${n.name}\n[${n.kind}${n.provider !== undefined ? ` · ${n.provider}` : ''}]${findings}`;
}

export function toDot(g: AssetGraph): string {
  const lines = [
    'digraph rampart {',
    '  graph [rankdir=LR, fontname="Helvetica"];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9, color="#666666"];',
  ];
  for (const n of g.nodes) {
    const attrs = [`label=${dotString(nodeLabel(n))}`, `fillcolor="${KIND_COLORS[n.kind] ?? '#ffffff'}"`];
    if (n.maxSeverity !== undefined) attrs.push(`color="${SEVERITY_COLORS[n.maxSeverity]}"`, 'penwidth=2');
    lines.push(`  ${dotString(n.id)} [${attrs.join(', ')}];`);
  }
  for (const e of g.edges) lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(e.type)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

// ---- Mermaid ----

/**
 * Mermaid label text: anything beyond a small safe set becomes a `#<code>;` entity, so quotes,
 * brackets, pipes, `%%` directives and HTML cannot end the label or inject markup.
 */
export function mermaidText(s: string): string {
  let out = '';
  for (const ch of s) out += /^[\p{L}\p{N} _.,:/@+=-]$/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

export function toMermaid(g: AssetGraph): string {
  const lines = ['flowchart LR'];
  const ids = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  for (const n of g.nodes) {
    const parts = [n.name, `${n.kind}${n.provider !== undefined ? `, ${n.provider}` : ''}`];
    if (n.findings > 0) parts.push(`${n.findings} finding${n.findings === 1 ? '' : 's'}, worst ${n.maxSeverity}`);
    const label = parts.map(mermaidText).join('<br/>');
    lines.push(`  ${ids.get(n.id)}["${label}"]`);
  }
  for (const e of g.edges) lines.push(`  ${ids.get(e.from)} -->|${mermaidText(e.type)}| ${ids.get(e.to)}`);
  for (const [sev, color] of Object.entries(SEVERITY_COLORS)) {
    const members = g.nodes.filter((n) => n.maxSeverity === sev).map((n) => ids.get(n.id)!);
    if (members.length === 0) continue;
    lines.push(`  classDef sev_${sev} stroke:${color},stroke-width:3px`);
    lines.push(`  class ${members.join(',')} sev_${sev}`);
  }
  return `${lines.join('\n')}\n`;
}

export function exportGraph(result: ScanResult, format: GraphFormat, opts: GraphOptions = {}): string {
  const g = assetGraph(result, opts);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ schemaVersion: '1', nodes: g.nodes, edges: g.edges }, null, 2)}\n`;
    case 'dot':
      return toDot(g);
    case 'mermaid':
      return toMermaid(g);
    default:
      throw new UsageError(`unknown graph format "${String(format)}" (expected ${GRAPH_FORMATS.join(', ')})`);
  }
}
