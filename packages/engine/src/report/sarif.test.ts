import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '@rampart/core';
import { render } from './index.js';
import { pathToUri } from './sarif.js';
import { sampleResult, sampleRules } from './testdata/sample-result.js';
import { sarifValidator } from './testdata/schemas.js';

// biome-ignore lint/suspicious/noExplicitAny: walking parsed SARIF JSON in assertions
type J = any;

const validate = sarifValidator();

function sarif(r: ScanResult = sampleResult()): J {
  return JSON.parse(render(r, 'sarif', { rules: sampleRules() }));
}

function assertValid(doc: J): void {
  const ok = validate(doc);
  assert.ok(ok, `SARIF schema errors: ${JSON.stringify(validate.errors, null, 1)?.slice(0, 2000)}`);
}

describe('sarif report', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    const doc = sarif();
    assertValid(doc);
    assert.equal(doc.version, '2.1.0');
  });

  it('an empty scan is valid SARIF too', () => {
    const r = sampleResult();
    r.findings = [];
    r.errors = [];
    r.skipped = [];
    const doc = sarif(r);
    assertValid(doc);
    assert.deepEqual(doc.runs[0].results, []);
    assert.deepEqual(doc.runs[0].tool.driver.rules, []);
  });

  it('the schema check can fail: a result without a message is rejected', () => {
    const doc = sarif();
    delete doc.runs[0].results[0].message;
    assert.equal(validate(doc), false);
  });

  it('describes exactly the referenced rules, with help, tags and security-severity', () => {
    const doc = sarif();
    const rules = doc.runs[0].tool.driver.rules as J[];
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(ids.includes('unused-rule-not-referenced'), false);
    assert.equal(ids.length, new Set(doc.runs[0].results.map((r: J) => r.ruleId)).size);
    const pickle = rules.find((r) => r.id === 'model-pickle-dangerous-global');
    assert.equal(pickle.name, 'ModelPickleDangerousGlobal');
    assert.equal(pickle.shortDescription.text, 'Pickle imports a dangerous global');
    assert.match(pickle.fullDescription.text, /Longer description/);
    assert.match(pickle.help.text, /Remediation: Remediation for model-pickle-dangerous-global\./);
    assert.match(
      pickle.help.markdown,
      /\*\*References\*\*\n\n- <https:\/\/example\.org\/rules\/model-pickle-dangerous-global>/,
    );
    assert.equal(pickle.helpUri, 'https://example.org/rules/model-pickle-dangerous-global');
    assert.equal(pickle.properties['security-severity'], '9.5');
    assert.equal(pickle.properties['problem.severity'], 'error');
    assert.equal(pickle.properties.precision, 'high');
    for (const tag of [
      'security',
      'owasp-llm-2025/LLM03',
      'mitre-atlas/AML.T0010',
      'cwe/CWE-502',
      'external/cwe/cwe-502',
    ]) {
      assert.ok(pickle.properties.tags.includes(tag), tag);
    }
    // A rule missing from the catalog is described from its finding rather than dropped.
    const unpinned = rules.find((r) => r.id === 'mcp-server-unpinned');
    assert.equal(unpinned.shortDescription.text, 'MCP server package is not pinned');
    assert.equal(unpinned.properties['security-severity'], undefined, 'info has no security severity');
    assert.equal(unpinned.defaultConfiguration.level, 'note');
  });

  it('results point at their rule, place and fingerprint', () => {
    const doc = sarif();
    const run = doc.runs[0];
    for (const r of run.results as J[]) {
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.match(r.partialFingerprints['rampart/v1'], /^fp-/);
      assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    const shell = run.results.find((r: J) => r.ruleId === 'agent-shell-tool-no-approval');
    assert.equal(shell.level, 'error');
    assert.deepEqual(shell.locations[0].physicalLocation.region, { startLine: 20, startColumn: 5 });
    assert.equal(shell.properties.risk, 99);
    assert.deepEqual(
      shell.relatedLocations.map((l: J) => [l.id, l.message.text, l.physicalLocation.artifactLocation.uri]),
      [
        [1, 'agent support_agent', 'app/agent.py'],
        [2, 'tool run_shell', '.cursor/mcp.json'],
      ],
    );
    const pickle = run.results.find((r: J) => r.ruleId === 'model-pickle-dangerous-global');
    assert.deepEqual(pickle.locations[0].physicalLocation.region, { byteOffset: 64 });
    assert.match(pickle.message.text, /\(in archive\/data\.pkl\)$/);
    const medium = run.results.find((r: J) => r.ruleId === 'secret-openai-api-key');
    assert.equal(medium.level, 'warning');
  });

  it('marks suppressed findings with a suppression instead of dropping them', () => {
    const doc = sarif();
    const torch = doc.runs[0].results.find((r: J) => r.ruleId === 'code-torch-load-unsafe');
    assert.deepEqual(torch.suppressions, [
      { kind: 'inSource', status: 'accepted', justification: 'trusted checkpoint' },
    ]);
    const others = doc.runs[0].results.filter((r: J) => r.ruleId !== 'code-torch-load-unsafe');
    assert.ok(others.every((r: J) => r.suppressions === undefined));
  });

  it('reports errors and skipped files as tool execution notifications', () => {
    const notes = sarif().runs[0].invocations[0].toolExecutionNotifications as J[];
    assert.equal(notes.length, 9);
    const parse = notes.find((n) => n.descriptor.id === 'E_PARSE');
    assert.equal(parse.level, 'error');
    assert.equal(parse.locations[0].physicalLocation.artifactLocation.uri, 'config/broken.yaml');
    const large = notes.find((n) => n.descriptor.id === 'skipped/too-large');
    assert.equal(large.level, 'warning');
    assert.equal(notes.find((n) => n.descriptor.id === 'skipped/binary').level, 'note');
  });

  it('caps notifications so a huge scan stays uploadable', () => {
    const r = sampleResult();
    r.skipped = Array.from({ length: 1500 }, (_, i) => ({ path: `f${i}.bin`, reason: 'binary' as const }));
    const doc = sarif(r);
    assertValid(doc);
    const notes = doc.runs[0].invocations[0].toolExecutionNotifications as J[];
    assert.equal(notes.length, 1000);
    assert.match(notes[999].message.text, /^503 more files not scanned/);
  });

  it('percent-encodes paths into valid relative URIs', () => {
    assert.equal(pathToUri('src/a b/c#d?.py'), 'src/a%20b/c%23d%3F.py');
    const doc = sarif();
    const uris = doc.runs[0].invocations[0].toolExecutionNotifications.map(
      (n: J) => n.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.includes('weird/%3Cscript%3Ealert(%22x%22)%3C/script%3E.py'), uris.join(' '));
  });
});
