// The asset graph drawn as inline SVG for the HTML report (no Mermaid, no CDN: the report must
// open offline). Only assets with relations are drawn; very large graphs keep the most connected
// and most severe assets and say how many were left out. Every label is escaped.
import type { ScanResult } from '@rampart/core';
import { severityRank } from '@rampart/core';
import { type AssetGraph, assetGraph, type GraphNode, KIND_COLORS, SEVERITY_COLORS } from '../graph/export.js';
import { layeredLayout } from './graph-layout.js';
import { cmpStr } from './order.js';
import { escapeHtml, truncate, visibleControls } from './text.js';

export const MAX_DRAWN_NODES = 200;
const NODE_W = 190;
const NODE_H = 42;
const COL_W = 270;
const ROW_H = 58;
const MARGIN = 20;

const t = (s: string) => escapeHtml(visibleControls(s));

/** Keep at most `max` nodes: those with the worst findings and the most edges first. */
export function pruneGraph(g: AssetGraph, max: number): { graph: AssetGraph; dropped: number } {
  if (g.nodes.length <= max) return { graph: g, dropped: 0 };
  const degree = new Map<string, number>();
  for (const e of g.edges) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const score = (n: GraphNode) =>
    (n.maxSeverity !== undefined ? (severityRank(n.maxSeverity) + 1) * 1000 : 0) + (degree.get(n.id) ?? 0);
  const keep = new Set(
    [...g.nodes]
      .sort((a, b) => score(b) - score(a) || cmpStr(a.id, b.id))
      .slice(0, max)
      .map((n) => n.id),
  );
  return {
    graph: {
      nodes: g.nodes.filter((n) => keep.has(n.id)),
      edges: g.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
      danglingEdges: g.danglingEdges,
    },
    dropped: g.nodes.length - keep.size,
  };
}

function nodeSvg(n: GraphNode, x: number, y: number): string {
  const stroke = n.maxSeverity !== undefined ? SEVERITY_COLORS[n.maxSeverity] : '#8a94a6';
  const sw = n.maxSeverity !== undefined ? 2.5 : 1;
  const tip = `${n.name} [${n.kind}${n.provider !== undefined ? ` · ${n.provider}` : ''}]${
    n.findings > 0
      ? ` — ${n.findings} finding(s), worst ${n.maxSeverity}${n.maxRisk !== undefined ? `, risk ${n.maxRisk}` : ''}`
      : ''
  }`;
  const sub = `${n.kind}${n.findings > 0 ? ` · ${n.findings} ⚠` : ''}`;
  return (
    `<g class="node" data-id="${t(n.id)}" tabindex="0"><title>${t(tip)}</title>` +
    `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="7" fill="${KIND_COLORS[n.kind] ?? '#ffffff'}" stroke="${stroke}" stroke-width="${sw}"/>` +
    `<text class="nl" x="${x + 9}" y="${y + 17}">${t(truncate(n.name, 27))}</text>` +
    `<text class="nk" x="${x + 9}" y="${y + 33}">${t(sub)}</text></g>`
  );
}

/** The graph section's body: an SVG, or a sentence saying why there is nothing to draw. */
export function graphSvg(result: ScanResult): string {
  const full = assetGraph(result, { includeIsolated: false });
  if (full.edges.length === 0) {
    return '<p class="muted">No relations between assets were found, so there is no graph to draw.</p>';
  }
  const { graph, dropped } = pruneGraph(full, MAX_DRAWN_NODES);
  const layout = layeredLayout(
    graph.nodes.map((n) => n.id),
    graph.edges,
    { colWidth: COL_W, rowHeight: ROW_H, margin: MARGIN, boxHeight: NODE_H },
  );
  const edges: string[] = [];
  graph.edges.forEach((e, i) => {
    const route = layout.routes[i];
    const a = layout.nodes.get(e.from);
    const b = layout.nodes.get(e.to);
    if (!route || !a || !b) return;
    // Drawn in layer order (left to right); an edge that closed a cycle gets its arrow at the start.
    const [src, dst] = route.reversed ? [b, a] : [a, b];
    const pts: Array<[number, number]> = [[src.x + NODE_W, src.y + NODE_H / 2]];
    for (const v of route.via) pts.push([v.x, v.y + NODE_H / 2], [v.x + NODE_W, v.y + NODE_H / 2]);
    pts.push([dst.x - 2, dst.y + NODE_H / 2]);
    let d = `M${pts[0]![0]},${pts[0]![1]}`;
    for (let k = 1; k < pts.length; k++) {
      const [x1, y1] = pts[k - 1]!;
      const [x2, y2] = pts[k]!;
      // Curves between layers, straight runs through a virtual slot.
      d += k % 2 === 1 ? ` C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}` : ` L${x2},${y2}`;
    }
    const marker = route.reversed ? 'marker-start="url(#arrow)"' : 'marker-end="url(#arrow)"';
    edges.push(
      `<path class="edge" d="${d}" data-from="${t(e.from)}" data-to="${t(e.to)}" ${marker}><title>${t(e.type)}</title></path>`,
    );
  });
  const nodes = graph.nodes.map((n) => {
    const p = layout.nodes.get(n.id)!;
    return nodeSvg(n, p.x, p.y);
  });
  const h = layout.height;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 ${layout.width} ${h}" width="${layout.width}" height="${h}" role="img" aria-label="Asset graph">` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">' +
    '<path d="M0,0 L10,5 L0,10 z" fill="#7a8596"/></marker></defs>' +
    `<g class="edges">${edges.join('')}</g><g class="nodes">${nodes.join('')}</g></svg>`;
  const kinds = [...new Set(graph.nodes.map((n) => n.kind))];
  const legend = kinds
    .map(
      (k) =>
        `<span class="lg"><svg width="12" height="12"><rect width="12" height="12" rx="3" fill="${KIND_COLORS[k] ?? '#fff'}" stroke="#8a94a6"/></svg> ${t(k)}</span>`,
    )
    .join(' ');
  const notes: string[] = [];
  if (dropped > 0) notes.push(`${dropped} less connected assets are not drawn (the graph export has them all).`);
  const isolated = result.assets.length - full.nodes.length;
  if (isolated > 0) notes.push(`${isolated} assets without relations are listed in the inventory only.`);
  return (
    `<p class="legend">${legend} <span class="muted">Border colour = worst finding. Click a node to highlight its edges.</span></p>` +
    `<div class="graph-wrap">${svg}</div>` +
    (notes.length > 0 ? `<p class="muted">${t(notes.join(' '))}</p>` : '')
  );
}
