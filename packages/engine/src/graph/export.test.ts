import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '@rampart/core';
import { HOSTILE, SAMPLE_IDS as ids, sampleResult } from '../report/testdata/sample-result.js';
import { assetGraph, dotString, exportGraph, mermaidText } from './export.js';

const EVIL = 'x"]; "pwn" -> "y" [label="\\N\nline2\u202e';

function withEvil(): ScanResult {
  const r = sampleResult();
  r.assets[0]!.name = EVIL;
  return r;
}

/**
 * A strict tokenizer for the DOT we emit: quoted strings (with \" escapes), identifiers, and
 * punctuation. Returns the statements with string contents decoded, so tests can check that
 * hostile text stayed inside its quotes.
 */
function dotStatements(dot: string): string[][] {
  const body = dot.slice(dot.indexOf('{') + 1, dot.lastIndexOf('}'));
  const stmts: string[][] = [];
  let cur: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '"') {
      let s = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\' && i + 1 < body.length) {
          s += body[i + 1] === '"' ? '"' : `\\${body[i + 1]}`;
          i += 2;
        } else s += body[i++];
      }
      assert.ok(i < body.length, 'unterminated string');
      cur.push(`"${s}`);
      i++;
    } else if (c === ';') {
      stmts.push(cur);
      cur = [];
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '\n') i++;
    else {
      let tok = '';
      while (i < body.length && !/[\s";]/.test(body[i]!)) tok += body[i++];
      cur.push(tok);
    }
  }
  assert.deepEqual(cur, [], 'trailing tokens after the last statement');
  return stmts;
}

describe('asset graph', () => {
  it('has every asset and every relation between known assets, deduplicated', () => {
    const r = sampleResult();
    r.relations.push({ ...r.relations[0]! });
    const g = assetGraph(r);
    assert.equal(g.nodes.length, r.assets.length);
    assert.equal(g.edges.length, 10);
    assert.equal(g.danglingEdges, 1);
    const agent = g.nodes.find((n) => n.id === ids.agent)!;
    assert.deepEqual([agent.findings, agent.maxSeverity, agent.maxRisk], [1, 'high', 99]);
    // Suppressed findings do not colour a node.
    const connected = assetGraph(r, { includeIsolated: false });
    assert.equal(connected.nodes.length, 10);
  });

  it('exports JSON nodes and edges', () => {
    const j = JSON.parse(exportGraph(sampleResult(), 'json'));
    assert.equal(j.schemaVersion, '1');
    assert.equal(j.nodes.length, 19);
    assert.deepEqual(j.edges[0], { from: j.edges[0].from, to: j.edges[0].to, type: j.edges[0].type });
    assert.ok(
      j.edges.some((e: { from: string; to: string; type: string }) => e.from === ids.vllm && e.type === 'serves'),
    );
  });
});

describe('DOT export', () => {
  it('escapes quotes, backslashes, newlines and controls in quoted strings', () => {
    assert.equal(dotString('a"b'), '"a\\"b"');
    assert.equal(dotString('a\\N'), '"a\\\\N"');
    assert.equal(dotString('a\nb'), '"a\\nb"');
    assert.equal(dotString('a\u202eb'), '"a\\\\u{202e}b"');
    assert.equal(dotString('tail\\'), '"tail\\\\"');
  });

  it('hostile names stay inside their label: statement structure is unchanged', () => {
    const dot = exportGraph(withEvil(), 'dot');
    const stmts = dotStatements(dot);
    const edges = stmts.filter((s) => s[1] === '->');
    const nodes = stmts.filter((s) => s.length > 1 && s[0]!.startsWith('"') && s[1]!.startsWith('['));
    assert.equal(edges.length, 10);
    assert.equal(nodes.length, 19);
    assert.equal(
      stmts.some((s) => s.includes('"pwn')),
      false,
      'no statement names the injected node',
    );
    assert.ok(dot.includes('\\"pwn\\"'));
    assert.ok(dot.startsWith('digraph rampart {'));
  });
});

describe('Mermaid export', () => {
  it('entity-encodes everything outside a small safe set', () => {
    assert.equal(mermaidText('ok name-1.2/x'), 'ok name-1.2/x');
    assert.equal(mermaidText('a"b'), 'a#34;b');
    assert.equal(mermaidText('<b>|[x]'), '#60;b#62;#124;#91;x#93;');
    assert.equal(mermaidText('%%{init}%%'), '#37;#37;#123;init#125;#37;#37;');
    assert.equal(mermaidText('#'), '#35;');
    assert.equal(mermaidText('模型 ÄI'), '模型 ÄI', 'letters in any script stay readable');
    assert.equal(mermaidText('a\u202eb\u200bc'), 'a#8238;b#8203;c', 'format characters do not');
  });

  it('uses generated node ids and keeps hostile text inside quoted labels', () => {
    const r = withEvil();
    r.assets[1]!.name = HOSTILE;
    const mm = exportGraph(r, 'mermaid');
    const lines = mm.trimEnd().split('\n');
    assert.equal(lines[0], 'flowchart LR');
    const nodeLines = lines.filter((l) => /^ {2}n\d+\["/.test(l));
    assert.equal(nodeLines.length, 19);
    for (const l of nodeLines) assert.match(l, /^ {2}n\d+\["[^"[\]|<>]*(<br\/>[^"[\]|<>]*)*"\]$/);
    const edgeLines = lines.filter((l) => l.includes('-->'));
    assert.equal(edgeLines.length, 10);
    for (const l of edgeLines) assert.match(l, /^ {2}n\d+ -->\|[a-z-]+\| n\d+$/);
    assert.ok(lines.some((l) => /^ {2}class n\d+(,n\d+)* sev_high$/.test(l)));
  });

  it('rejects an unknown format', () => {
    assert.throws(() => exportGraph(sampleResult(), 'svg' as 'dot'), { code: 'E_USAGE' });
  });
});
