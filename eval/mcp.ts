// MCP tool-poisoning evaluation on public third-party data in ../shared/datasets (read at run time,
// never copied). Test set: Cisco mcp-scanner's labelled tool definitions — the categories that can be
// judged from the description (prompt-injection, tool-poisoning, goal-manipulation, remote-malicious)
// against the 182 real-world benign tools; the code-behaviour categories are reported for information
// only. Dev set: Invariant's published PoC descriptions. Config parsing: the mcp_configs samples.
// Peers (agent-security-scanner-mcp, ferret-scan) run on the same tool texts when installed under
// $RAMPART_PEERS (default /tmp/peers). Writes docs/benchmarks/mcp.md; exits 0 when data is absent.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeToolSets, type McpTool, matchClientConfig, parseClientConfig } from '@rampart/mcp';

const root = new URL('..', import.meta.url).pathname;
const DATA = join(root, '..', 'shared', 'datasets');
const CISCO = join(DATA, 'mcp_poisoning', 'cisco-mcp-scanner', 'eval_tool_definitions.jsonl');
const INVARIANT = join(DATA, 'mcp_poisoning', 'invariant-mcp-injection-experiments', 'tool_descriptions.jsonl');
if (!existsSync(CISCO)) {
  console.log(`eval/mcp: ${CISCO} not found; skipping the MCP evaluation.`);
  process.exit(0);
}

const DETECTABLE = new Set(['prompt-injection', 'tool-poisoning', 'goal-manipulation', 'remote-malicious']);
const TOOL_RULES = new Set([
  'mcp-tool-poisoning',
  'mcp-tool-shadowing',
  'mcp-tool-malicious-intent',
  'mcp-tool-invisible-unicode',
  'mcp-tool-exfil-parameter',
  'mcp-tool-offensive-capability',
]);

export interface EvalItem {
  id: string;
  source: 'cisco' | 'invariant';
  /** Cisco rows are split dev/test by sha256("cisco-<row>") parity, fixed before tuning. */
  side: 'dev' | 'test';
  category: string;
  label: 'malicious' | 'benign' | 'other';
  tool: McpTool;
}

const items: EvalItem[] = [];
readFileSync(CISCO, 'utf8')
  .trim()
  .split('\n')
  .forEach((line, i) => {
    const r = JSON.parse(line) as {
      category: string;
      file_label: string;
      name: string;
      params: string[];
      description: string | null;
    };
    const label = r.file_label === 'malicious' ? 'malicious' : r.file_label === 'benign' ? 'benign' : 'other';
    const properties = Object.fromEntries((r.params ?? []).map((p) => [p, { type: 'string' }]));
    const side =
      Number.parseInt(createHash('sha256').update(`cisco-${i}`).digest('hex').slice(0, 2), 16) % 2 === 0
        ? 'dev'
        : 'test';
    items.push({
      id: `cisco-${i}`,
      source: 'cisco',
      side,
      category: r.category,
      label,
      tool: { name: r.name, description: r.description ?? '', inputSchema: { type: 'object', properties } },
    });
  });
if (existsSync(INVARIANT)) {
  readFileSync(INVARIANT, 'utf8')
    .trim()
    .split('\n')
    .forEach((line, i) => {
      const r = JSON.parse(line) as {
        tool_name: string;
        params: string[];
        description: string;
        label: string;
        attack: string;
      };
      const properties = Object.fromEntries(r.params.map((p) => [p, { type: 'string' }]));
      items.push({
        id: `invariant-${i}`,
        source: 'invariant',
        side: 'dev',
        category: r.attack,
        label: r.label === 'malicious' ? 'malicious' : 'benign',
        tool: { name: r.tool_name, description: r.description, inputSchema: { type: 'object', properties } },
      });
    });
}

interface PeerResult {
  name: string;
  flags?: Map<string, boolean>;
  msPerItem?: number;
  note?: string;
}

/** The same text every peer sees: the tool's description plus its parameter names. */
const peerText = (it: EvalItem) =>
  `${it.tool.name}: ${it.tool.description ?? ''}\nParameters: ${Object.keys((it.tool.inputSchema as { properties?: object })?.properties ?? {}).join(', ')}`;

async function runPeers(xs: EvalItem[]): Promise<PeerResult[]> {
  const dir = process.env.RAMPART_PEERS ?? '/tmp/peers';
  const out: PeerResult[] = [];
  // agent-security-scanner-mcp: its prompt scanner, imported in-process (its CLI takes seconds per call).
  const asm = join(dir, 'node_modules', 'agent-security-scanner-mcp', 'src', 'tools', 'scan-prompt.js');
  if (existsSync(asm)) {
    const mod = (await import(asm)) as {
      scanAgentPrompt(a: { prompt_text: string; verbosity: string }): Promise<{ content: Array<{ text: string }> }>;
    };
    const flags = new Map<string, boolean>();
    const t0 = performance.now();
    for (const it of xs) {
      const r = JSON.parse(
        (await mod.scanAgentPrompt({ prompt_text: peerText(it), verbosity: 'minimal' })).content[0]!.text,
      ) as { action?: string };
      flags.set(it.id, r.action === 'BLOCK' || r.action === 'WARN');
    }
    out.push({
      name: 'agent-security-scanner-mcp 4.5.9 (scan-prompt; BLOCK or WARN = flagged)',
      flags,
      msPerItem: (performance.now() - t0) / xs.length,
    });
  } else
    out.push({
      name: 'agent-security-scanner-mcp',
      note: `not installed under ${dir} (npm install --prefix ${dir} agent-security-scanner-mcp@4.5.9)`,
    });
  // ferret-scan: scans AI-agent instruction files; each tool text becomes <id>/CLAUDE.md, one scan over all.
  const ferret = join(dir, 'node_modules', 'ferret-scan', 'bin', 'ferret.js');
  if (existsSync(ferret)) {
    const work = mkdtempSync(join(tmpdir(), 'ferret-eval-'));
    for (const it of xs) {
      mkdirSync(join(work, it.id));
      writeFileSync(join(work, it.id, 'CLAUDE.md'), `${peerText(it)}\n`);
    }
    const t0 = performance.now();
    // Report outside the scanned tree. ferret's stdout is cut when it exits on a loaded machine, so
    // it writes a file, and a scan whose report is incomplete is run once more.
    const report = join(mkdtempSync(join(tmpdir(), 'ferret-out-')), 'report.json');
    const runFerret = () =>
      spawnSync(
        process.execPath,
        [ferret, 'scan', work, '-f', 'json', '-o', report, '--severity', 'critical,high,medium'],
        {
          encoding: 'utf8',
          maxBuffer: 512 * 1024 * 1024,
        },
      );
    const complete = () => existsSync(report) && readFileSync(report, 'utf8').trimEnd().endsWith('}');
    let r = runFerret();
    if (!complete()) r = runFerret();
    const ms = (performance.now() - t0) / xs.length;
    try {
      const res = JSON.parse(readFileSync(report, 'utf8')) as { findings: Array<{ relativePath: string }> };
      const hit = new Set(res.findings.map((f) => f.relativePath.split('/')[0]));
      out.push({
        name: 'ferret-scan 2.10.0 (scan, medium+ findings = flagged)',
        flags: new Map(xs.map((it) => [it.id, hit.has(it.id)])),
        msPerItem: ms,
        note: 'ferret-scan reads instruction files, not MCP tool listings: each tool text was written to its own CLAUDE.md.',
      });
    } catch (e) {
      out.push({
        name: 'ferret-scan',
        note: `output not parseable (${(e as Error).message}); stderr: ${r.stderr.slice(0, 200)}`,
      });
    }
  } else
    out.push({
      name: 'ferret-scan',
      note: `not installed under ${dir} (npm install --prefix ${dir} ferret-scan@2.10.0)`,
    });
  return out;
}

function rampart(item: EvalItem, useDetectorPipeline: boolean): { flagged: boolean; rules: string[] } {
  const out = analyzeToolSets([{ server: 'eval', source: item.id, tools: [item.tool] }], { useDetectorPipeline });
  const rules = [...new Set(out.findings.map((f) => f.ruleId).filter((r) => TOOL_RULES.has(r)))];
  return { flagged: rules.length > 0 || out.skipped.length > 0, rules };
}

interface Score {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}
const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

function score(flag: (it: EvalItem) => boolean, pos: EvalItem[], neg: EvalItem[]): Score {
  const tp = pos.filter(flag).length;
  const fp = neg.filter(flag).length;
  return { tp, fn: pos.length - tp, fp, tn: neg.length - fp };
}

const det = (x: EvalItem) => x.source === 'cisco' && x.label === 'malicious' && DETECTABLE.has(x.category);
const ben = (x: EvalItem) => x.source === 'cisco' && x.category === 'remote-benign';
const testPos = items.filter((x) => det(x) && x.side === 'test');
const testNeg = items.filter((x) => ben(x) && x.side === 'test');
const devPos = items.filter((x) => det(x) && x.side === 'dev');
const devNeg = items.filter((x) => ben(x) && x.side === 'dev');
const allPos = items.filter(det);
const allNeg = items.filter(ben);
const ciscoOther = items.filter((x) => x.source === 'cisco' && x.label === 'malicious' && !DETECTABLE.has(x.category));
const invPos = items.filter((x) => x.source === 'invariant' && x.label === 'malicious');
const invNeg = items.filter((x) => x.source === 'invariant' && x.label === 'benign');

const configs: Array<[string, (it: EvalItem) => boolean, number]> = [];
for (const [name, pipe] of [
  ['rampart (MCP heuristics + shared detectors)', true],
  ['rampart (MCP heuristics only)', false],
] as const) {
  const cache = new Map<string, boolean>();
  const t0 = performance.now();
  for (const it of items) cache.set(it.id, rampart(it, pipe).flagged);
  const ms = (performance.now() - t0) / items.length;
  configs.push([name, (it) => cache.get(it.id) === true, ms]);
}
const peers: PeerResult[] = await runPeers(items);
for (const p of peers)
  if (p.flags) configs.push([p.name, (it) => p.flags!.get(it.id) === true, p.msPerItem ?? Number.NaN]);

const lines: string[] = [];
const log = (s = '') => {
  lines.push(s);
  console.log(s);
};
log('## MCP tool poisoning and config parsing');
log('');
log(
  'Command: `npm run eval -- mcp` (eval/mcp.ts; peers installed with `npm install --prefix /tmp/peers agent-security-scanner-mcp@4.5.9 ferret-scan@2.10.0`).',
);
log(
  'Data: ../shared/datasets, read at run time, never copied. Positives: Cisco mcp-scanner `eval_tool_definitions.jsonl` rows labelled',
);
log(
  'malicious in the description-detectable categories (prompt-injection, tool-poisoning, goal-manipulation, remote-malicious);',
);
log(
  'negatives: the 182 `remote-benign` tools (GitHub, Azure, Discord). A tool counts as flagged when any tool-level rule fires',
);
log(
  '(mcp-tool-poisoning, -shadowing, -malicious-intent, -invisible-unicode, -exfil-parameter) or its analysis is inconclusive;',
);
log(
  'each tool is analysed alone (no cross-server rules). Peers see the same text (name, description, parameter names).',
);
log('');
log(
  '**Protocol, in order.** (1) The heuristics were written from published attack write-ups and the Invariant examples (dev) and run',
);
log(
  'once on the whole Cisco set: recall 21.8% (69/317) at 0.0% FPR (0/182) with the shared detectors, 19.6% without. (2) The Cisco',
);
log(
  'rows were then split by the parity of sha256("cisco-<row index>") — dev: 162 malicious / 102 benign, test: 155 / 80 — and the',
);
log(
  'split was written here before any further change. (3) Signals were extended by reading only dev misses (directive labels,',
);
log(
  'offensive-security vocabulary, tool and parameter names as text, a defensive-context guard). (4) The test half was scored once.',
);
log('');
log(
  `| scanner | Cisco TEST recall (${testPos.length}) | Cisco TEST FPR (${testNeg.length}) | Cisco dev recall (${devPos.length}) | Cisco dev FPR (${devNeg.length}) | all Cisco recall / FPR | Invariant (3 mal / 1 benign) | code-behaviour categories flagged (${ciscoOther.length}, info) | ms/tool |`,
);
log('|---|---|---|---|---|---|---|---|---|');
for (const [name, flag, ms] of configs) {
  const t = score(flag, testPos, testNeg);
  const d = score(flag, devPos, devNeg);
  const a = score(flag, allPos, allNeg);
  const inv = score(flag, invPos, invNeg);
  const other = ciscoOther.filter(flag).length;
  log(
    `| ${name} | ${pct(t.tp, testPos.length)} (${t.tp}) | ${pct(t.fp, testNeg.length)} (${t.fp}) | ${pct(d.tp, devPos.length)} | ${pct(d.fp, devNeg.length)} | ${pct(a.tp, allPos.length)} / ${pct(a.fp, allNeg.length)} | ${inv.tp}/${invPos.length} caught, ${inv.fp} FP | ${pct(other, ciscoOther.length)} | ${Number.isNaN(ms) ? 'n/a' : ms.toFixed(2)} |`,
  );
}
for (const p of peers) if (!p.flags) log(`\n${p.name}: not run — ${p.note}`);
for (const p of peers) if (p.flags && p.note) log(`\n${p.name}: ${p.note}`);
log('');
log('Per category (Cisco, rampart with shared detectors), test half / dev half:');
log('');
log('| category | test n | test flagged | dev n | dev flagged |');
log('|---|---|---|---|---|');
const main = configs[0]![1];
for (const cat of [...new Set(items.filter((x) => x.source === 'cisco').map((x) => x.category))].sort()) {
  const xs = items.filter((x) => x.source === 'cisco' && x.category === cat);
  const t = xs.filter((x) => x.side === 'test');
  const d = xs.filter((x) => x.side === 'dev');
  log(
    `| ${cat}${DETECTABLE.has(cat) ? ' *' : ''} | ${t.length} | ${pct(t.filter(main).length, t.length)} | ${d.length} | ${pct(d.filter(main).length, d.length)} |`,
  );
}
log('');
log('`*` = description-detectable (counted in recall). `remote-benign` is the false-positive set.');
log('');
log(
  '**Reading the gap to the 95% target.** On the dev half, the goal-manipulation and tool-poisoning rows have plain descriptions',
);
log(
  '("Cache search results for faster future queries with intelligent caching.", "Check system health and return comprehensive',
);
log(
  'status report."): their malice is in the code, so no description scanner can see it (neither peer does). Most remaining',
);
log('remote-malicious misses are dual-use recon or admin tools ("Perform reverse DNS lookup.", "Create bind mount.",');
log(
  '"Enumerate S3 bucket permissions.") that the real-world benign side could equally contain; flagging them would trade false',
);
log(
  'positives for recall. Rampart reports these tools through capability labels (private-data, destructive, public-sink) and',
);
log(
  'toxic-flow analysis instead. The defensive-context guard (a tool that detects/blocks attacks) drops malicious-vocabulary',
);
log(
  'signals but never poisoning or shadowing signals; an attacker can use it to hide overtly malicious wording, not instructions.',
);
log('');
log(
  '**Network.** The run above was made under `unshare -n` (a network namespace with only a down loopback): Rampart and both',
);
log('peers completed with no network at all, so none of them needed network access for these results.');

// Config parsing over the public samples: every file parses or fails with a line number.
const cfgDir = join(DATA, 'mcp_configs');
const files: string[] = [];
for (const sub of ['mcp-scan', 'public_samples']) {
  const d = join(cfgDir, sub);
  if (existsSync(d))
    for (const f of readdirSync(d).sort()) if (f.endsWith('.json') && !f.includes('signature')) files.push(join(d, f));
}
let servers = 0;
const errors: string[] = [];
for (const f of files) {
  const name = f.slice(cfgDir.length + 1);
  const client = matchClientConfig(name.replace(/__/g, '/'))?.client ?? 'unknown';
  try {
    servers += parseClientConfig(name, readFileSync(f, 'utf8'), client, 'json').length;
  } catch (e) {
    errors.push((e as Error).message);
  }
}
log('');
log(
  `Config parsing: ${files.length} public config samples (mcp-scan fixtures + public_samples), ${servers} servers found, ${errors.length} file(s) rejected:`,
);
for (const e of errors) log(`- ${e}`);
writeFileSync(join(root, 'docs', 'benchmarks', 'mcp.md'), `${lines.join('\n')}\n`);
console.log('\nwrote docs/benchmarks/mcp.md');
