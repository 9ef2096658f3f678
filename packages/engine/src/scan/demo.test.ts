// The demo estate (examples/demo) is the golden test of the whole scanner: its JSON report must
// match the committed golden file exactly (regenerate with UPDATE_GOLDEN=1 after an intended change),
// every registered detector must run on it, and worker-thread and in-process scans must agree.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ScanResult } from '@rampart/core';
import { DETECTORS } from '../registry.js';
import { canonicalResult } from '../report/index.js';
import { scan } from './scan.js';

const DEMO = new URL('../../../../examples/demo', import.meta.url).pathname;
const GOLDEN = new URL('./testdata/demo-report.golden.json', import.meta.url).pathname;

/** Everything that legitimately differs between runs is removed: timings, worker count, version. */
function stable(r: ScanResult): unknown {
  const c = JSON.parse(JSON.stringify(canonicalResult(r))) as Record<string, unknown> & {
    stats: Record<string, unknown>;
  };
  c.tool = { name: 'rampart' };
  delete c.root;
  const { durationMs: _d, detectorMs: _m, workers: _w, ...stats } = c.stats;
  c.stats = stats;
  return c;
}

describe('demo estate', async () => {
  const inProcess = await scan({ paths: [DEMO], workers: 0 });

  it('matches the golden report', () => {
    const actual = `${JSON.stringify(stable(inProcess), null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, actual);
    assert.equal(
      actual,
      readFileSync(GOLDEN, 'utf8'),
      'demo report changed; review the diff and run UPDATE_GOLDEN=1 npm test -- demo.test',
    );
  });

  it('runs every registered detector', () => {
    const ran = Object.keys((inProcess.stats.detectorMs ?? {}) as Record<string, number>);
    const missing = DETECTORS.map((d) => d.id).filter((id) => !ran.includes(id));
    assert.deepEqual(missing, [], 'add demo files that these detectors look at');
  });

  it('gives the same result with worker threads', async () => {
    const pooled = await scan({ paths: [DEMO], workers: 2 });
    assert.deepEqual(stable(pooled), stable(inProcess));
  });
});
