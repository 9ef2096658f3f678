// Every reporter on randomly generated hostile text: markup, quotes, control and bidi characters,
// lone surrogates, very long strings. The machine formats must stay schema-valid, the HTML must
// contain no markup it did not write, and the terminal table no escape sequence it did not write.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASSET_KINDS, type ScanResult, SEVERITIES } from '@rampart/core';
import { exportGraph } from '../graph/export.js';
import { render } from './index.js';
import { sampleResult } from './testdata/sample-result.js';
import { cycloneDxValidator, sarifValidator } from './testdata/schemas.js';

const PIECES = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE x; --",
  '\u001b[2J\u001b]0;pwned\u0007',
  '\u202e\u2066\u200f',
  '\ud800',
  '\udfff',
  '%%{init: {"securityLevel": "loose"}}%%',
  'click n0 call alert()',
  '\\"];\n"x" -> "y',
  '&amp;&#60;',
  '\u0000\r\n\t',
  'ＡＩ 模型 🤖',
  'x'.repeat(5000),
  'javascript:alert(1)',
  '../../etc/passwd',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function hostileResult(seed: number): ScanResult {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const text = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(PIECES)).join(pick(['', ' ', '/']));
  const r = sampleResult();
  for (const a of r.assets) {
    a.name = text();
    if (rand() < 0.5) a.provider = text();
    a.properties.note = text();
    if (a.kind === 'model' || a.kind === 'ai-package') a.version = text();
    a.locations = [{ path: text(), line: 1 + Math.floor(rand() * 100) }];
  }
  r.assets[0]!.kind = pick(ASSET_KINDS);
  for (const f of r.findings) {
    f.title = text();
    f.message = text();
    f.remediation = text();
    f.severity = pick(SEVERITIES);
    f.location = { path: text(), ...(rand() < 0.5 ? { line: 3 } : { offset: 7 }) };
    if (f.suppressed) f.suppressed.reason = text();
  }
  r.errors = [{ path: text(), code: 'E_PARSE', message: text() }];
  r.skipped = [{ path: text(), reason: 'limit-reached', detail: text() }];
  return r;
}

const sarif = sarifValidator();
const cdx = cycloneDxValidator();
const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

describe('reporters on hostile input', () => {
  it('SARIF and CycloneDX stay schema-valid', () => {
    for (const seed of SEEDS) {
      const r = hostileResult(seed);
      assert.ok(sarif(JSON.parse(render(r, 'sarif'))), `seed ${seed}: ${JSON.stringify(sarif.errors)?.slice(0, 500)}`);
      assert.ok(cdx(JSON.parse(render(r, 'cyclonedx'))), `seed ${seed}: ${JSON.stringify(cdx.errors)?.slice(0, 500)}`);
      JSON.parse(render(r, 'json'));
      JSON.parse(exportGraph(r, 'json'));
    }
  });

  it('HTML contains only the markup it writes', () => {
    for (const seed of SEEDS) {
      const html = render(hostileResult(seed), 'html');
      assert.equal(html.match(/<script/gi)?.length, 1, `seed ${seed}`);
      assert.doesNotMatch(html, /<img|onerror=alert\(1\)>|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e\u2066]/);
      for (const m of html.matchAll(/<a href="([^"]*)"/g)) assert.match(m[1]!, /^https?:\/\//);
    }
  });

  it('the terminal table carries no control characters of its own making', () => {
    for (const seed of SEEDS) {
      const table = render(hostileResult(seed), 'table', { color: false, showSuppressed: true });
      assert.doesNotMatch(table, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, `seed ${seed}`);
    }
  });

  it('DOT and Mermaid keep their statement structure', () => {
    for (const seed of SEEDS) {
      const r = hostileResult(seed);
      const dot = exportGraph(r, 'dot');
      // Outside quoted strings only our own syntax appears: one statement per line.
      const unquoted = dot.replace(/"(?:[^"\\]|\\.)*"/g, 'Q');
      for (const line of unquoted.split('\n').slice(4, -2))
        assert.match(line, /^ {2}Q( -> Q)? \[[^"\n]*\];$/, `seed ${seed}: ${line}`);
      const mm = exportGraph(r, 'mermaid');
      for (const line of mm.trimEnd().split('\n').slice(1)) {
        assert.match(
          line,
          /^ {2}(n\d+\["[^"\n]*"\]|n\d+ -->\|[a-z-]+\| n\d+|classDef sev_\w+ .*|class [n\d,]+ sev_\w+)$/,
          `seed ${seed}: ${line}`,
        );
      }
    }
  });
});
