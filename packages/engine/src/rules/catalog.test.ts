import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '@rampart/core';
import { loadRuleCatalog } from './catalog.js';
import { FRAMEWORKS_DIR } from './paths.js';

const GOOD = `id: code-example-rule
title: An example rule for the catalog test
description: Used only by the catalog test to check validation.
severity: high
maturity: stable
detector: example
remediation: Do the right thing instead.
references: [https://example.org/x]
frameworks:
  owasp-llm-2025: [LLM03]
  mitre-atlas: [AML.T0010]
  cwe: [CWE-502]
`;

function rulesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'code'), { recursive: true });
    writeFileSync(join(dir, 'code', name), text);
  }
  return dir;
}

describe('rule catalog', () => {
  it('loads the shipped catalog: every rule valid, every framework id known', () => {
    const cat = loadRuleCatalog();
    assert.ok(cat.frameworks.get('mitre-atlas')!.entries.length > 100);
    for (const r of cat.rules.values()) assert.match(r.id, /^[a-z]/);
  });

  it('accepts a well-formed rule', () => {
    const cat = loadRuleCatalog(rulesDir({ 'code-example-rule.yaml': GOOD }), FRAMEWORKS_DIR);
    assert.equal(cat.get('code-example-rule')?.severity, 'high');
  });

  it('rejects a framework id missing from its catalog', () => {
    const bad = GOOD.replace('AML.T0010]', 'AML.T9999]');
    assert.throws(
      () => loadRuleCatalog(rulesDir({ 'code-example-rule.yaml': bad }), FRAMEWORKS_DIR),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /mitre-atlas id "AML.T9999" is not in frameworks\/mitre-atlas.yaml/);
        return true;
      },
    );
  });

  it('rejects an OWASP id outside LLM01-LLM10 and a file named differently from the id', () => {
    assert.throws(
      () => loadRuleCatalog(rulesDir({ 'code-example-rule.yaml': GOOD.replace('LLM03', 'LLM11') }), FRAMEWORKS_DIR),
      /owasp-llm-2025/,
    );
    assert.throws(
      () => loadRuleCatalog(rulesDir({ 'other-name.yaml': GOOD }), FRAMEWORKS_DIR),
      /file name must be <id>.yaml/,
    );
  });

  it('resolves aliases to the renamed rule', () => {
    const cat = loadRuleCatalog(
      rulesDir({ 'code-example-rule.yaml': `${GOOD}aliases: [code-old-name]\n` }),
      FRAMEWORKS_DIR,
    );
    assert.equal(cat.get('code-old-name')?.id, 'code-example-rule');
  });
});
