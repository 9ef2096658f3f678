// Findings in test code: each rule says whether they count (`testCode` in its YAML). Scanned from real
// files in testdata/test-code: an agent with a shell tool in tests/ (suppressed), a malicious pickle
// under tests/fixtures (still reported: loading it in a test runs code) and the same agent shipped in src/.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CODE_CONTEXT_PROPERTY, type Finding, type ScanResult, ScanResultSchema } from '@rampart/core';
import { render } from '../report/index.js';
import { defaultRuleCatalog } from '../rules/catalog.js';
import { createBaseline } from './baseline.js';
import { scan } from './scan.js';

const ROOT = new URL('./testdata/test-code', import.meta.url).pathname;

const at = (r: ScanResult, ruleId: string, path: string): Finding => {
  const f = r.findings.find((x) => x.ruleId === ruleId && x.location.path === path);
  assert.ok(f, `no ${ruleId} at ${path}; got ${r.findings.map((x) => `${x.ruleId}@${x.location.path}`).join(', ')}`);
  return f;
};

describe('findings in test code', () => {
  it('suppresses agent findings in tests/, keeps the pickle there and the shipped agent', async () => {
    const r = await scan({ paths: [ROOT], workers: 0 });
    ScanResultSchema.parse(r);
    const testAgent = at(r, 'agent-shell-or-code-tool', 'tests/test_shell_agent.py');
    assert.equal(testAgent.suppressed?.kind, 'test-code');
    assert.match(testAgent.suppressed?.reason ?? '', /test code/);
    assert.equal(at(r, 'agent-shell-or-code-tool', 'src/ops_agent.py').suppressed, undefined);
    const pickle = at(r, 'model-pickle-dangerous-global', 'tests/fixtures/model.pkl');
    assert.equal(pickle.suppressed, undefined);
    // Suppressed findings stay in the result, are counted as suppressed and not by severity.
    assert.equal(r.stats.suppressed, 1);
    assert.equal(r.stats.bySeverity.high, 1);
    assert.equal(r.stats.bySeverity.critical, 1);
  });

  it('marks assets found only in test code, and only those', async () => {
    const r = await scan({ paths: [ROOT], workers: 0 });
    const ctx = (kind: string, path: string) =>
      r.assets.find((a) => a.kind === kind && a.locations.every((l) => l.path === path))?.properties[
        CODE_CONTEXT_PROPERTY
      ];
    assert.equal(ctx('agent', 'tests/test_shell_agent.py'), 'test');
    assert.equal(ctx('tool', 'tests/test_shell_agent.py'), 'test');
    assert.equal(ctx('model', 'tests/fixtures/model.pkl'), 'test');
    assert.equal(ctx('agent', 'src/ops_agent.py'), undefined);
    // The LLM named in both files is shipped: one location outside tests is enough.
    const llm = r.assets.find((a) => a.locations.some((l) => l.path.startsWith('src/')) && a.kind === 'model');
    assert.ok(llm, 'a model asset in src/');
    assert.ok(
      llm.locations.some((l) => l.path.startsWith('tests/')),
      'the model asset is seen in both files',
    );
    assert.equal(llm.properties[CODE_CONTEXT_PROPERTY], undefined);
  });

  it('reports them with includeTestCode, from the option or from rampart.yaml', async () => {
    for (const opts of [{ includeTestCode: true }, { config: { version: 1 as const, includeTestCode: true } }]) {
      const r = await scan({ paths: [ROOT], workers: 0, ...opts });
      assert.equal(at(r, 'agent-shell-or-code-tool', 'tests/test_shell_agent.py').suppressed, undefined);
      assert.equal(r.stats.suppressed, 0);
      assert.equal(r.stats.bySeverity.high, 2);
      // The asset context is a fact about the file and stays.
      assert.ok(r.assets.some((a) => a.properties[CODE_CONTEXT_PROPERTY] === 'test'));
    }
  });

  it('judges paths inside each root when several roots are scanned', async () => {
    // Both roots sit under a directory named tests/: that says nothing about the files in them.
    const parent = join(mkdtempSync(join(tmpdir(), 'rampart-tc-')), 'tests');
    cpSync(ROOT, join(parent, 'a'), { recursive: true });
    cpSync(ROOT, join(parent, 'b'), { recursive: true });
    const r = await scan({ paths: [join(parent, 'a'), join(parent, 'b')], workers: 0 });
    const shells = r.findings.filter((f) => f.ruleId === 'agent-shell-or-code-tool');
    assert.equal(shells.length, 4);
    for (const f of shells) {
      const inTests = f.location.path.includes('/tests/test_shell_agent.py');
      assert.equal(f.suppressed?.kind, inTests ? 'test-code' : undefined, f.location.path);
    }
  });

  it('shows the suppression in SARIF, JSON and the table, and keeps it out of baselines', async () => {
    const r = await scan({ paths: [ROOT], workers: 0 });
    const rules = [...defaultRuleCatalog().rules.values()];
    const sarif = JSON.parse(render(r, 'sarif', { rules }));
    const results = sarif.runs[0].results as Array<{
      ruleId: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
      suppressions?: Array<{ kind: string; justification: string }>;
    }>;
    const uri = (x: (typeof results)[number]) => x.locations[0]!.physicalLocation.artifactLocation.uri;
    const testAgent = results.find((x) => x.ruleId === 'agent-shell-or-code-tool' && uri(x).startsWith('tests/'));
    assert.equal(testAgent?.suppressions?.length, 1);
    assert.equal(testAgent?.suppressions?.[0]?.kind, 'external');
    assert.match(testAgent?.suppressions?.[0]?.justification ?? '', /test code/);
    const pickle = results.find((x) => x.ruleId === 'model-pickle-dangerous-global');
    assert.equal(pickle?.suppressions, undefined);

    const json = JSON.parse(render(r, 'json'));
    const j = json.findings.find((f: Finding) => f.location.path === 'tests/test_shell_agent.py');
    assert.deepEqual(j.suppressed.kind, 'test-code');

    const table = render(r, 'table');
    assert.match(table, /Inventory {2}6 assets \(3 in test code\)/);
    assert.match(table, /1 finding in test code suppressed \(--include-test-code to report it\)/);
    assert.doesNotMatch(table, /tests\/test_shell_agent\.py/);
    assert.match(render(r, 'html', { rules }), /Inventory <span class="muted">6 assets, 3 in test code<\/span>/);

    const b = createBaseline(r);
    assert.ok(b.findings.every((f) => f.path !== 'tests/test_shell_agent.py'));
    assert.ok(b.findings.some((f) => f.path === 'tests/fixtures/model.pkl'));
  });

  it('every rule says what it does in test code; agent rules suppress, secret and model rules report', () => {
    const cat = defaultRuleCatalog();
    for (const r of cat.rules.values()) assert.ok(r.testCode !== undefined, `${r.id} has no testCode`);
    for (const id of ['agent-shell-or-code-tool', 'graph-lethal-trifecta', 'iac-public-network-access'])
      assert.equal(cat.get(id)?.testCode, 'suppress', id);
    for (const id of [
      'secret-ai-provider-key',
      'model-pickle-dangerous-global',
      'pkg-vulnerable-ai-package',
      'mcp-secret-in-config',
    ])
      assert.equal(cat.get(id)?.testCode, 'report', id);
  });
});
