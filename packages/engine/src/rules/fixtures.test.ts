// The one generic rule test: every rule has a fixture, and every fixture case produces the rule
// (at the expected place) or does not, through the real engine or the real runtime pipeline.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { type FixtureCase, type Rule, RuleFixtureSchema, type TextRole } from '@rampart/core';
import { parse } from 'yaml';
import { scan } from '../scan/scan.js';
import { defaultRuleCatalog } from './catalog.js';

const catalog = defaultRuleCatalog();

function fixturePath(rule: Rule): string {
  return catalog.files.get(rule.id)!.replace(/\.yaml$/, '.fixture.yaml');
}

function materialise(files: NonNullable<FixtureCase['files']>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-fixture-'));
  for (const [rel, content] of Object.entries(files)) {
    assert.ok(!rel.startsWith('/') && !rel.split('/').includes('..'), `fixture path ${rel} must stay inside the case`);
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'string') writeFileSync(abs, content);
    else if ('base64' in content) writeFileSync(abs, Buffer.from(content.base64, 'base64'));
    else writeFileSync(abs, Buffer.from(content.hex.replace(/\s+/g, ''), 'hex'));
  }
  return dir;
}

async function runTextCase(text: string, role: TextRole): Promise<Array<{ ruleId?: string; flagged: boolean }>> {
  const { createPipeline } = (await import('@rampart/detectors')) as {
    createPipeline: () => {
      run(i: { text: string; role: TextRole }): { detections: Array<{ ruleId?: string; flagged: boolean }> };
    };
  };
  return createPipeline().run({ text, role }).detections;
}

describe('rule fixtures', () => {
  for (const rule of catalog.rules.values()) {
    describe(rule.id, () => {
      const file = fixturePath(rule);
      it('has a valid fixture with match and no-match cases', () => {
        assert.ok(existsSync(file), `missing fixture ${file}`);
        const fx = RuleFixtureSchema.parse(parse(readFileSync(file, 'utf8')));
        assert.equal(fx.rule, rule.id);
      });
      if (!existsSync(file)) return;
      const parsed = RuleFixtureSchema.safeParse(parse(readFileSync(file, 'utf8')));
      if (!parsed.success) return;
      for (const c of parsed.data.cases) {
        it(`${c.expect}: ${c.name}`, async () => {
          if (c.text !== undefined) {
            const dets = await runTextCase(c.text, c.role ?? 'user');
            const hit = dets.some((d) => d.ruleId === rule.id && d.flagged);
            assert.equal(hit, c.expect === 'match', `runtime detections: ${JSON.stringify(dets)}`);
            return;
          }
          const dir = materialise(c.files!);
          try {
            const result = await scan({
              paths: [dir],
              workers: 0,
              maturity: 'experimental',
              ...(c.options ? { detectorOptions: c.options } : {}),
            });
            const hits = result.findings.filter((f) => f.ruleId === rule.id);
            if (c.expect === 'no-match') {
              assert.deepEqual(
                hits.map((f) => `${f.location.path}:${f.location.line ?? ''} ${f.message}`),
                [],
              );
              return;
            }
            assert.ok(
              hits.length > 0,
              `expected ${rule.id}; got ${result.findings.map((f) => f.ruleId).join(', ') || 'no findings'}; errors: ${JSON.stringify(result.errors)}`,
            );
            if (c.at) {
              const at = c.at;
              assert.ok(
                hits.some((f) => f.location.path === at.path && (at.line === undefined || f.location.line === at.line)),
                `expected at ${at.path}:${at.line ?? ''}, got ${hits.map((f) => `${f.location.path}:${f.location.line ?? ''}`).join(', ')}`,
              );
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        });
      }
    });
  }
});
