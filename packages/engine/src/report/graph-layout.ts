// A small layered ("Sugiyama-style") layout for the asset graph in the HTML report: break cycles,
// assign layers by longest path, put virtual nodes on the layers a long edge crosses (so edges
// route between boxes, not through them), order each layer by barycentres, then place on a grid.
// Offline and dependency-free; roughly linear in nodes + edge spans, and the caller bounds both.
import { cmpStr } from './order.js';

export interface LayoutEdge {
  from: string;
  to: string;
}

export interface PlacedNode {
  id: string;
  layer: number;
  x: number;
  y: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface EdgeRoute {
  /** Top-left corners of the virtual slots the edge passes, from the drawn start to the end. */
  via: Point[];
  /** True when the edge closed a cycle and is drawn against the layer direction. */
  reversed: boolean;
}

export interface LayoutOptions {
  colWidth: number;
  rowHeight: number;
  margin: number;
  /** Height of a drawn box (<= rowHeight); edges attach at its middle. */
  boxHeight: number;
  /** Height of a virtual slot for a long edge. Default rowHeight / 3. */
  virtualHeight?: number;
  /** Barycentre sweeps (each sweep = down then up). */
  sweeps?: number;
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  /** Per input edge index; undefined for edges left out (unknown end, self loop). */
  routes: Array<EdgeRoute | undefined>;
  width: number;
  height: number;
  layers: number;
}

/** Edges that close a cycle, found by an iterative DFS in the given node order (deterministic). */
export function backEdges(nodeIds: readonly string[], edges: readonly LayoutEdge[]): Set<number> {
  const out = new Map<string, number[]>();
  edges.forEach((e, i) => {
    const l = out.get(e.from);
    if (l) l.push(i);
    else out.set(e.from, [i]);
  });
  const state = new Map<string, 1 | 2>(); // 1 on stack, 2 done
  const back = new Set<number>();
  for (const start of nodeIds) {
    if (state.has(start)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = out.get(top.id) ?? [];
      if (top.next >= list.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const ei = list[top.next++]!;
      const to = edges[ei]!.to;
      const st = state.get(to);
      if (st === 1) back.add(ei);
      else if (st === undefined) {
        state.set(to, 1);
        stack.push({ id: to, next: 0 });
      }
    }
  }
  return back;
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** Longest-path layers of a DAG (Kahn's algorithm); nodes in cycles (none after reversal) stay at 0. */
function longestPathLayers(nodeIds: readonly string[], dag: readonly LayoutEdge[]): Map<string, number> {
  const indeg = new Map(nodeIds.map((id) => [id, 0]));
  const succ = new Map<string, string[]>();
  for (const e of dag) {
    indeg.set(e.to, (indeg.get(e.to) ?? 0) + 1);
    push(succ, e.from, e.to);
  }
  const layer = new Map(nodeIds.map((id) => [id, 0]));
  const queue = nodeIds.filter((id) => indeg.get(id) === 0);
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi]!;
    for (const v of succ.get(u) ?? []) {
      layer.set(v, Math.max(layer.get(v) ?? 0, (layer.get(u) ?? 0) + 1));
      const d = (indeg.get(v) ?? 1) - 1;
      indeg.set(v, d);
      if (d === 0) queue.push(v);
    }
  }
  return layer;
}

export function layeredLayout(nodeIds: readonly string[], edges: readonly LayoutEdge[], opts: LayoutOptions): Layout {
  const known = new Set(nodeIds);
  const kept: number[] = [];
  edges.forEach((e, i) => {
    if (known.has(e.from) && known.has(e.to) && e.from !== e.to) kept.push(i);
  });
  const es = kept.map((i) => edges[i]!);
  const back = backEdges(nodeIds, es);
  const dag = es.map((e, i) => (back.has(i) ? { from: e.to, to: e.from } : e));
  const layer = longestPathLayers(nodeIds, dag);

  let maxLayer = 0;
  for (const v of layer.values()) if (v > maxLayer) maxLayer = v;
  const nLayers = maxLayer + 1;
  const layers: string[][] = Array.from({ length: nLayers }, () => []);
  for (const id of nodeIds) layers[layer.get(id) ?? 0]!.push(id);

  // Long edges become chains through virtual nodes, one per crossed layer.
  const succ = new Map<string, string[]>();
  const pred = new Map<string, string[]>();
  const chains: string[][] = [];
  dag.forEach((e, i) => {
    const chain: string[] = [];
    let prev = e.from;
    for (let l = layer.get(e.from)! + 1; l < layer.get(e.to)!; l++) {
      const v = `\u0000v${i}:${l}`;
      layers[l]!.push(v);
      chain.push(v);
      push(succ, prev, v);
      push(pred, v, prev);
      prev = v;
    }
    push(succ, prev, e.to);
    push(pred, e.to, prev);
    chains.push(chain);
  });

  // Barycentre ordering: each node moves towards the mean position of its neighbours in the layer
  // just processed; ties keep the previous order (stable sort), so the result is deterministic.
  const pos = new Map<string, number>();
  for (const l of layers) {
    l.forEach((id, i) => {
      pos.set(id, i);
    });
  }
  const reorder = (l: string[], neighbours: Map<string, string[]>) => {
    const key = new Map<string, number>();
    for (const id of l) {
      const ns = neighbours.get(id) ?? [];
      key.set(id, ns.length > 0 ? ns.reduce((s, n) => s + pos.get(n)!, 0) / ns.length : pos.get(id)!);
    }
    l.sort((a, b) => key.get(a)! - key.get(b)! || pos.get(a)! - pos.get(b)! || cmpStr(a, b));
    l.forEach((id, i) => {
      pos.set(id, i);
    });
  };
  for (let s = 0; s < (opts.sweeps ?? 4); s++) {
    for (let i = 1; i < layers.length; i++) reorder(layers[i]!, pred);
    for (let i = layers.length - 2; i >= 0; i--) reorder(layers[i]!, succ);
  }

  // Virtual slots are thin: a long edge needs room to pass, not a whole row.
  const virtualHeight = opts.virtualHeight ?? Math.round(opts.rowHeight / 3);
  const isVirtual = (id: string) => id.startsWith('\u0000v');
  const slot = (id: string) => (isVirtual(id) ? virtualHeight : opts.rowHeight);
  const heights = layers.map((l) => l.reduce((h, id) => h + slot(id), 0));
  const maxHeight = heights.reduce((m, h) => Math.max(m, h), opts.rowHeight);
  const placed = new Map<string, PlacedNode>();
  layers.forEach((l, li) => {
    let y = opts.margin + (maxHeight - heights[li]!) / 2;
    for (const id of l) {
      // A virtual slot's y is the centre line the edge passes through, minus half a box, so the
      // caller can treat it like a box's top-left corner.
      const top = isVirtual(id) ? y + virtualHeight / 2 - opts.boxHeight / 2 : y;
      placed.set(id, { id, layer: li, x: opts.margin + li * opts.colWidth, y: top });
      y += slot(id);
    }
  });

  const routes: Array<EdgeRoute | undefined> = edges.map(() => undefined);
  kept.forEach((orig, i) => {
    const via = chains[i]!.map((v) => {
      const p = placed.get(v)!;
      return { x: p.x, y: p.y };
    });
    routes[orig] = { via, reversed: back.has(i) };
  });
  const nodes = new Map<string, PlacedNode>();
  for (const id of nodeIds) nodes.set(id, placed.get(id)!);
  return {
    nodes,
    routes,
    width: opts.margin * 2 + nLayers * opts.colWidth,
    height: opts.margin * 2 + maxHeight,
    layers: nLayers,
  };
}
