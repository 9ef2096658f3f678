import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backEdges, layeredLayout } from './graph-layout.js';

const OPTS = { colWidth: 100, rowHeight: 50, margin: 10, boxHeight: 40 };

describe('layered graph layout', () => {
  it('puts a chain on successive layers, left to right', () => {
    const l = layeredLayout(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
      OPTS,
    );
    assert.deepEqual(
      ['a', 'b', 'c'].map((id) => l.nodes.get(id)!.layer),
      [0, 1, 2],
    );
    assert.equal(l.layers, 3);
    assert.equal(l.width, 10 * 2 + 3 * 100);
    assert.equal(l.nodes.get('c')!.x, 10 + 2 * 100);
  });

  it('breaks cycles instead of looping, and still places every node', () => {
    const edges = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'c', to: 'c' },
    ];
    assert.deepEqual([...backEdges(['a', 'b', 'c'], edges)].sort(), [2, 3]);
    const l = layeredLayout(['a', 'b', 'c'], edges, OPTS);
    assert.equal(l.nodes.size, 3);
    assert.deepEqual(
      ['a', 'b', 'c'].map((id) => l.nodes.get(id)!.layer),
      [0, 1, 2],
    );
  });

  it('orders a layer by its neighbours to avoid crossings', () => {
    // x1 -> y2 and x2 -> y1: barycentres swap the second layer so the edges do not cross.
    const l = layeredLayout(
      ['x1', 'x2', 'y1', 'y2'],
      [
        { from: 'x1', to: 'y2' },
        { from: 'x2', to: 'y1' },
      ],
      OPTS,
    );
    assert.ok(l.nodes.get('y2')!.y < l.nodes.get('y1')!.y);
  });

  it('routes a long edge through a virtual slot of its own on every crossed layer', () => {
    const l = layeredLayout(
      ['a', 'b', 'c'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'a', to: 'c' },
      ],
      OPTS,
    );
    assert.deepEqual(l.routes[0], { via: [], reversed: false });
    const long = l.routes[2]!;
    assert.equal(long.via.length, 1);
    assert.equal(long.via[0]!.x, l.nodes.get('b')!.x, 'the slot is on the middle layer');
    assert.notEqual(long.via[0]!.y, l.nodes.get('b')!.y, 'and not where b is drawn');
  });

  it('marks edges that close a cycle as reversed', () => {
    const l = layeredLayout(
      ['a', 'b'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'a', to: 'zzz' },
      ],
      OPTS,
    );
    assert.equal(l.routes[0]!.reversed, false);
    assert.equal(l.routes[1]!.reversed, true);
    assert.equal(l.routes[2], undefined);
  });

  it('handles a long chain without recursion limits', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id }));
    const l = layeredLayout(ids, edges, { ...OPTS, sweeps: 1 });
    assert.equal(l.nodes.get('n19999')!.layer, 19_999);
  });

  it('ignores edges to unknown nodes', () => {
    const l = layeredLayout(['a'], [{ from: 'a', to: 'ghost' }], OPTS);
    assert.deepEqual([...l.nodes.keys()], ['a']);
  });
});
