import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanResultSchema } from '@rampart/core';
import { render } from './index.js';
import { sampleResult } from './testdata/sample-result.js';

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('json report', () => {
  it('is the ScanResult contract: it parses back with the core schema', () => {
    const parsed = JSON.parse(render(sampleResult(), 'json'));
    const r = ScanResultSchema.safeParse(parsed);
    assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3)));
    assert.deepEqual(Object.keys(parsed), [
      'schemaVersion',
      'tool',
      'assets',
      'relations',
      'findings',
      'errors',
      'skipped',
      'stats',
    ]);
    assert.deepEqual(Object.keys(parsed.findings[0]).slice(0, 5), ['id', 'ruleId', 'title', 'severity', 'assetId']);
  });

  it('renders the same bytes whatever the input order', () => {
    const a = sampleResult();
    const b = sampleResult();
    b.assets = shuffled(b.assets, 7).map((x) => ({ ...x, locations: shuffled(x.locations, 3) }));
    b.findings = shuffled(b.findings, 11);
    b.relations = shuffled(b.relations, 5);
    b.skipped = shuffled(b.skipped, 13);
    b.errors = shuffled(b.errors, 17);
    // Same data, different key insertion order.
    b.assets[0] = Object.fromEntries(Object.entries(b.assets[0]!).reverse()) as (typeof b.assets)[0];
    assert.equal(render(b, 'json'), render(a, 'json'));
  });

  it('orders findings by severity then place, and dedups repeated locations', () => {
    const parsed = JSON.parse(render(sampleResult(), 'json'));
    const sev = parsed.findings.map((f: { severity: string }) => f.severity);
    assert.deepEqual(sev, ['critical', 'critical', 'high', 'high', 'medium', 'low', 'info']);
    const llama = parsed.assets.find((a: { name: string }) => a.name === 'meta-llama/Llama-3.1-8B-Instruct');
    assert.deepEqual(llama.locations, [
      { path: 'app/local.py', line: 4 },
      { path: 'config/models.yaml', line: 2 },
    ]);
    assert.ok(render(sampleResult(), 'json').endsWith('}\n'));
  });
});
