// Every rule's `testCode` choice, end to end: the first match case of its fixture is moved under
// tests/ and scanned again. Where the rule still fires, its findings there must be suppressed as
// test code exactly when the rule says `testCode: suppress`, and reported when it says `report`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { type FixtureCase, RuleFixtureSchema } from '@rampart/core';
import { parse } from 'yaml';
import { scan } from '../scan/scan.js';
import { defaultRuleCatalog } from './catalog.js';

const catalog = defaultRuleCatalog();

function materialise(files: NonNullable<FixtureCase['files']>, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-testcode-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, prefix, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'string') writeFileSync(abs, content);
    else if ('base64' in content) writeFileSync(abs, Buffer.from(content.base64, 'base64'));
    else writeFileSync(abs, Buffer.from(content.hex.replace(/\s+/g, ''), 'hex'));
  }
  return dir;
}

describe('rule testCode choices on their own fixtures, moved under tests/', () => {
  const checked: string[] = [];
  for (const rule of catalog.rules.values()) {
    const file = catalog.files.get(rule.id)!.replace(/\.yaml$/, '.fixture.yaml');
    const fx = RuleFixtureSchema.parse(parse(readFileSync(file, 'utf8')));
    const c = fx.cases.find((x) => x.expect === 'match' && x.files !== undefined && x.options === undefined);
    if (!c) continue;
    it(`${rule.id}: ${rule.testCode ?? 'report'}`, async () => {
      const dir = materialise(c.files!, 'tests');
      try {
        const r = await scan({ paths: [dir], workers: 0, maturity: 'experimental' });
        const hits = r.findings.filter((f) => f.ruleId === rule.id && f.location.path.startsWith('tests/'));
        if (hits.length === 0) return; // the case depends on sitting at the root (e.g. a client config path)
        checked.push(rule.id);
        for (const f of hits)
          assert.equal(f.suppressed?.kind, rule.testCode === 'suppress' ? 'test-code' : undefined, f.location.path);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  it('checks most rules (a relocation that loses most matches would hide a regression)', () => {
    assert.ok(checked.length >= 40, `only ${checked.length} rules still fire under tests/`);
  });
});
