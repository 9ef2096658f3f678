import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Finding } from '@rampart/core';
import { render } from './index.js';
import { ANSI_CLEAR, HOSTILE, HOSTILE_IMG, sampleResult, sampleRules } from './testdata/sample-result.js';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const html = render(sampleResult(), 'html', { rules: sampleRules(), now: NOW, projectName: 'demo' });

function sha(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

describe('html report', () => {
  it('is one self-contained page: its CSP admits only its own style and script, nothing is loaded', () => {
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 1);
    assert.equal(scripts.length, 1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.ok(csp.includes(`style-src 'sha256-${sha(styles[0]!)}'`), 'style hash matches');
    assert.ok(csp.includes(`script-src 'sha256-${sha(scripts[0]!)}'`), 'script hash matches');
    assert.doesNotMatch(html, /<[a-z][^>]*\ssrc=|<link|<iframe|<object|<embed|@import|url\((?!#)/i);
  });

  it('escapes hostile strings everywhere they appear', () => {
    assert.equal(html.includes(HOSTILE), false);
    assert.equal(html.includes(HOSTILE_IMG), false);
    assert.equal(html.includes('<img'), false);
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.equal(html.includes('\u001b'), false);
    assert.equal(html.includes('\u202e'), false);
    assert.ok(html.includes('\\u{1b}[2J'));
    // Every <script the page contains is its own.
    assert.equal(html.match(/<script/gi)?.length, 1);
    assert.ok(ANSI_CLEAR.length > 0);
  });

  it('summarises by severity and sorts findings by risk', () => {
    assert.match(html, /<div class="card critical"><b>1<\/b>critical<\/div>/);
    assert.match(html, /<div class="card"><b>19<\/b>AI assets<\/div>/);
    const table = html.slice(html.indexOf('id="findings-table"'));
    const order = [...table.matchAll(/<code>([a-z0-9-]+)<\/code><\/td>/g)].map((m) => m[1]);
    assert.deepEqual(order.slice(0, 4), [
      'agent-shell-tool-no-approval',
      'model-pickle-dangerous-global',
      'secret-openai-api-key',
      'code-torch-load-unsafe',
    ]);
    assert.match(html, /<tr data-cat="critical" data-suppressed="">/);
    assert.match(html, /<span class="tag">owasp-llm-2025\/LLM03<\/span>/);
    assert.match(html, /<span class="path-ev">path: support_agent \(agent\) → run_shell \(tool\)<\/span>/);
    assert.match(html, /href="https:\/\/example\.org\/rules\/model-pickle-dangerous-global"/);
  });

  it('counts active findings per framework control', () => {
    const section = /<section id="frameworks">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    // LLM03: pickle + trust_remote_code (the suppressed torch.load does not count).
    assert.match(
      section,
      /<td>OWASP Top 10 for LLM Applications 2025<\/td><td><span class="tag">LLM03 <b>2<\/b><\/span>/,
    );
    assert.match(
      section,
      /<td>CWE<\/td><td><span class="tag">CWE-502 <b>2<\/b><\/span> <span class="tag">CWE-798 <b>1<\/b><\/span>/,
    );
    assert.match(section, /<td>EU AI Act<\/td>/);
  });

  it('lists the inventory with kind filters and what could not be scanned', () => {
    assert.match(html, /<option value="mcp-server">mcp-server \(3\)<\/option>/);
    assert.match(
      html,
      /<tr data-cat="ai-package"><td>ai-package<\/td><td><b>@langchain\/core<\/b><br><code>0\.2\.1 · pkg:npm\/%40langchain\/core@0\.2\.1<\/code>/,
    );
    assert.match(html, /What we could not scan <span class="muted">2 errors, 7 skipped/);
    assert.match(html, /<td class="path">dist\/bundle\.min\.js<\/td><td><code>too-large<\/code>/);
  });

  it('draws the asset graph as inline SVG: connected assets only, edges between them', () => {
    const svg = /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="graph"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    assert.ok(svg.length > 0);
    // 11 relations, one to a missing asset: 10 edges among 10 connected assets.
    assert.equal(svg.match(/<g class="node"/g)?.length, 10);
    assert.equal(svg.match(/<path class="edge"/g)?.length, 10);
    assert.match(svg, /<title>uses-model<\/title>/);
    assert.match(html, /9 assets without relations are listed in the inventory only/);
  });

  it('draws at most 200 assets of a huge graph, keeping those with findings, and says so', () => {
    const r = sampleResult();
    const hub = r.assets.find((a) => a.kind === 'agent')!;
    for (let i = 0; i < 300; i++) {
      const id = `tool:${i.toString(16).padStart(12, '0')}`;
      r.assets.push({ id, kind: 'tool', name: `t${i}`, locations: [], properties: {} });
      r.relations.push({ from: hub.id, to: id, type: 'uses-tool' });
    }
    const out = render(r, 'html', { now: NOW });
    const svg = /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="graph"[\s\S]*?<\/svg>/.exec(out)?.[0] ?? '';
    assert.equal(svg.match(/<g class="node"/g)?.length, 200);
    assert.match(out, /110 less connected assets are not drawn/);
    // Assets with findings are kept.
    assert.match(svg, /<title>meta-llama\/Llama-3\.1-8B-Instruct \[model · huggingface\] — 1 finding/);
  });

  it('says when there is no graph and no finding', () => {
    const r = sampleResult();
    r.relations = [];
    r.findings = [] as Finding[];
    const out = render(r, 'html', { now: NOW });
    assert.match(out, /No relations between assets were found/);
    assert.match(out, /<h2>Top risks<\/h2><p>No findings\.<\/p>/);
  });
});
