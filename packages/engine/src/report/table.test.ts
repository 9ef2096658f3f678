import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from './index.js';
import { sampleResult } from './testdata/sample-result.js';

describe('table report', () => {
  const plain = render(sampleResult(), 'table', { color: false });

  it('groups findings by severity, most severe first, highest risk first within a group', () => {
    const heads = [...plain.matchAll(/^(CRITICAL|HIGH|MEDIUM|LOW|INFO) \((\d+)\)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(heads, ['CRITICAL 1', 'HIGH 2', 'MEDIUM 1', 'LOW 1', 'INFO 1']);
    const shell = plain.indexOf('agent-shell-tool-no-approval');
    const trust = plain.indexOf('code-trust-remote-code');
    assert.ok(shell > 0 && trust > shell, 'risk 99 is listed before the unscored high finding');
    assert.match(plain, /agent-shell-tool-no-approval {2}Agent can run shell commands without approval {2}risk 99/);
    assert.match(plain, /models\/classifier\.pkl \(archive\/data\.pkl\)@0x40/);
    assert.match(plain, /LLM03 · AML\.T0010 · CWE-502/);
    assert.match(plain, /\n {4}path: support_agent \(agent\) → run_shell \(tool\)\n/);
  });

  it('leaves suppressed findings out but counts them', () => {
    assert.doesNotMatch(plain, /code-torch-load-unsafe/);
    assert.match(plain, /Suppressed {2}1 finding \(inline 1\)/);
    const all = render(sampleResult(), 'table', { showSuppressed: true });
    assert.match(all, /code-torch-load-unsafe .*\[suppressed: inline\]/);
  });

  it('summarises the inventory by kind and what could not be scanned', () => {
    assert.match(plain, /Inventory {2}19 assets\n {2}model 3 · llm-client 2 · agent 1 · tool 1 · mcp-server 3/);
    assert.match(plain, /Not scanned {2}2 errors · 7 skipped/);
    assert.match(plain, /error {3}config\/broken\.yaml — E_PARSE: bad indentation/);
    // Reasons worth a look are listed before plain binary skips; the rest is counted.
    assert.ok(plain.indexOf('too-large (52 MB)') < plain.indexOf('a.txt — binary'));
    assert.match(plain, /… and 4 more/);
    assert.match(plain, /skipped by reason: binary 5 · limit-reached 1 · too-large 1/);
    assert.match(plain, /Findings {2}1 critical · 2 high · 1 medium · 1 low · 1 info\n$/);
  });

  it('uses colour only when asked, and never lets scanned text emit control sequences', () => {
    assert.equal(plain.includes('\u001b'), false);
    assert.match(plain, /\\u\{1b\}\[2J/);
    assert.match(plain, /admin\\u\{202e\}exe\.txt/);
    const colored = render(sampleResult(), 'table', { color: true });
    assert.ok(colored.includes('\u001b[1m'), 'bold is used');
    // The only escape sequences are SGR styling picocolors emits, never the hostile clear-screen.
    assert.equal(colored.includes('\u001b[2J'), false);
    for (const m of colored.matchAll(/\u001b\[([0-9;]*)([A-Za-z])/g)) assert.equal(m[2], 'm');
  });

  it('says so when there is nothing to report', () => {
    const r = sampleResult();
    r.findings = [];
    r.errors = [];
    r.skipped = [];
    const out = render(r, 'table');
    assert.match(out, /No findings\./);
    assert.doesNotMatch(out, /Not scanned/);
  });
});
