// MCP tool-poisoning evaluation on public third-party data in ../shared/datasets (read at run time,
// never copied). Test set: Cisco mcp-scanner's labelled tool definitions — the categories that can be
// judged from the description (prompt-injection, tool-poisoning, goal-manipulation, remote-malicious)
// against the 182 real-world benign tools; the code-behaviour categories are reported for information
// only. Dev set: Invariant's published PoC descriptions. Config parsing: the mcp_configs samples.
// Peers (agent-security-scanner-mcp, ferret-scan) run on the same tool texts when installed under
// $RAMPART_PEERS (default /tmp/peers). Writes docs/benchmarks/mcp.md; exits 0 when data is absent.
// `--dev [--misses] [--baseline-misses FILE]`: the dev half only, printed (eval/lib/mcp-dev.ts); test
// rows are dropped as they are read and docs/ is not written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeToolSets, matchClientConfig, parseClientConfig } from '@rampart/mcp';
import { devReport, type EvalItem } from './lib/mcp-dev.js';

const root = new URL('..', import.meta.url).pathname;
const DATA = join(root, '..', 'shared', 'datasets');
const CISCO = join(DATA, 'mcp_poisoning', 'cisco-mcp-scanner', 'eval_tool_definitions.jsonl');
const INVARIANT = join(DATA, 'mcp_poisoning', 'invariant-mcp-injection-experiments', 'tool_descriptions.jsonl');
/** `--dev`: the dev half only (test rows are dropped as they are read), printed, docs untouched. */
const DEV = process.argv.includes('--dev');
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
    if (DEV && side === 'test') return;
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

if (DEV) {
  const at = process.argv.indexOf('--baseline-misses');
  devReport(items, {
    detectable: DETECTABLE,
    toolRules: TOOL_RULES,
    misses: process.argv.includes('--misses'),
    ...(at > 0 && process.argv[at + 1] ? { baselineMisses: process.argv[at + 1] } : {}),
  });
  process.exit(0);
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
/** Tool-level rules that fired per item, for the main configuration (heuristics + shared detectors). */
const mainRules = new Map<string, string[]>();
/** The same tool with its name and parameters hidden: how much rests on the description alone. */
const descriptionOnly = (it: EvalItem): EvalItem => ({
  ...it,
  tool: { name: 'tool', description: it.tool.description ?? '' },
});
for (const [name, pipe, view] of [
  ['rampart (MCP heuristics + shared detectors)', true, (it: EvalItem) => it],
  ['rampart (MCP heuristics only)', false, (it: EvalItem) => it],
  ['rampart, description only (name and parameters hidden; ablation)', true, descriptionOnly],
] as const) {
  const cache = new Map<string, boolean>();
  const t0 = performance.now();
  for (const it of items) {
    const r = rampart(view(it), pipe);
    cache.set(it.id, r.flagged);
    if (configs.length === 0) mainRules.set(it.id, r.rules);
  }
  const ms = (performance.now() - t0) / items.length;
  configs.push([name, (it) => cache.get(it.id) === true, ms]);
}
const peers: PeerResult[] = await runPeers(items);
for (const p of peers)
  if (p.flags) configs.push([p.name, (it) => p.flags!.get(it.id) === true, p.msPerItem ?? Number.NaN]);

const DOC = join(root, 'docs', 'benchmarks', 'mcp.md');
// Earlier runs stay in the file as they were; only the latest run (below the marker) is rewritten.
const MARKER = '<!-- eval/mcp.ts writes the latest run below this line; everything above it is kept as it is. -->';
const previous = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
const kept = previous.includes(MARKER)
  ? previous.slice(0, previous.indexOf(MARKER) + MARKER.length)
  : `## MCP tool poisoning and config parsing\n\nEarlier runs: see the git history of this file.\n\n${MARKER}`;
const lines: string[] = [];
const log = (s = '') => {
  lines.push(s);
  console.log(s);
};
const offline = Object.keys(networkInterfaces()).every((n) => n === 'lo');
const para = (text: string) => {
  for (const l of text.trim().split('\n')) log(l);
};
log('');
log(`### Run 4 — ${new Date().toISOString().slice(0, 10)}: file-system and credential techniques from ATT&CK and CWE`);
log('');
para(`
**What changed since run 3.** A technique table for file-system and credential attacks
(packages/detectors/src/mcp-tools/sensitive-access-signals.ts), named after MITRE ATT&CK (T1003.002/.008, T1552.001-.004,
T1555, T1539, T1528, T1649, T1005, T1039, T1074, T1083, T1098, T1119, T1222, T1048, T1070.001-.004, T1485, T1554,
T1561.002, T1562.003) and CWE-22/59/73: OS and application credential files, secrets hunted on disks, in the registry or
shell history, browser-profile secrets, token, private-key and password-manager theft, secrets swept from every user or
profile, reads outside the allowed root and traversal, links planted towards sensitive files, weakened permissions, bulk
collection and staging, DNS/ICMP tunnels, trace and history wiping, self-deletion, disk-structure wipes, account-database
writes. Forms that only fit an attack weigh 3; dual-use forms (any path, shredding, staging, web.config) weigh 2 and need a
second signal; a negation and defence guard keeps path validators clean. Reading ~/.ssh/config (host aliases, users,
ports) is no longer a credential read. The defensive-context regex runs about 60 times faster with the same matches.
The shared injection detector has run-12 weights (docs/detector-eval.md).
`);
log('');
para(`
**Protocol.** No signal was written from Cisco dev rows and the dev misses were not printed; the fs and cred families were
chosen because they generalised worst from dev to test in run 3. Dev was measured with \`npm run eval -- mcp --dev\` before
and after: 146/162 at 0/102, unchanged (description only 126 -> 127). Wordings were checked on paraphrase sets written by
the helper; the last, 25 tools written after the last signal and scored once, went from 6/25 (run-3 tables) to 10/25, with
0 of 15 benign twins flagged. False positives were checked at every step on 28,599 description strings extracted at run
time from 12 public MCP server repositories (modelcontextprotocol/servers, awslabs/mcp, DesktopCommanderMCP,
mcp-server-kubernetes, semgrep/mcp, bitwarden/mcp-server, mcp-filesystem-server, vault-mcp-server, ssh-mcp, mcp-playwright,
wcgw, filesystem-mcp-server; never executed, never committed): 89 flagged with the shared detector and 49 heuristics only,
before and after, the same texts. Hand-written hard negatives: 75 -> 89. The test half was then scored once.
`);
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
    `| ${name} | ${pct(t.tp, testPos.length)} (${t.tp}) | ${pct(t.fp, testNeg.length)} (${t.fp}) | ${pct(d.tp, devPos.length)} (${d.tp}) | ${pct(d.fp, devNeg.length)} (${d.fp}) | ${pct(a.tp, allPos.length)} / ${pct(a.fp, allNeg.length)} | ${inv.tp}/${invPos.length} caught, ${inv.fp} FP | ${pct(other, ciscoOther.length)} | ${Number.isNaN(ms) ? 'n/a' : ms.toFixed(2)} |`,
  );
}
for (const p of peers) if (!p.flags) log(`\n${p.name}: not run — ${p.note}`);
for (const p of peers) if (p.flags && p.note) log(`\n${p.name}: ${p.note}`);
log('\nThe heuristics-only rows do not use the shared injection detector.');
if (peers.every((p) => !p.flags))
  log('\nPeers were not installed for this run; their run-1 numbers above still apply (same data, same split).');
log('');
log('Which rule caught the flagged positives (rampart with shared detectors; a tool can raise several):');
log('');
log('| rule | test | dev |');
log('|---|---|---|');
for (const rule of [...TOOL_RULES, 'inconclusive']) {
  const n = (xs: EvalItem[]) =>
    xs.filter((x) =>
      rule === 'inconclusive'
        ? configs[0]![1](x) && (mainRules.get(x.id) ?? []).length === 0
        : (mainRules.get(x.id) ?? []).includes(rule),
    ).length;
  log(`| ${rule} | ${n(testPos)} | ${n(devPos)} |`);
}
const onlyOffensive = (xs: EvalItem[]) =>
  xs.filter((x) => {
    const r = mainRules.get(x.id) ?? [];
    return r.length === 1 && r[0] === 'mcp-tool-offensive-capability';
  }).length;
log(
  `| (only mcp-tool-offensive-capability: the dual-use tier) | ${onlyOffensive(testPos)} | ${onlyOffensive(devPos)} |`,
);
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
log('remote-malicious by tool-name family (Cisco names these tools `<family>_…`), test half / dev half:');
log('');
log('| family | test n | test flagged | dev n | dev flagged |');
log('|---|---|---|---|---|');
const rm = items.filter((x) => x.source === 'cisco' && x.category === 'remote-malicious');
for (const fam of [...new Set(rm.map((x) => x.tool.name.split('_')[0]!))].sort()) {
  const xs = rm.filter((x) => x.tool.name.split('_')[0] === fam);
  const t = xs.filter((x) => x.side === 'test');
  const d = xs.filter((x) => x.side === 'dev');
  log(
    `| ${fam} | ${t.length} | ${pct(t.filter(main).length, t.length)} | ${d.length} | ${pct(d.filter(main).length, d.length)} |`,
  );
}
{
  const rate = (xs: EvalItem[]) => (xs.length === 0 ? 0 : (100 * xs.filter(main).length) / xs.length);
  const fams = [...new Set(rm.map((x) => x.tool.name.split('_')[0]!))]
    .map((f) => ({ f, r: rate(rm.filter((x) => x.side === 'test' && x.tool.name.split('_')[0] === f)) }))
    .sort((a, b) => a.r - b.r)
    .slice(0, 2);
  log('');
  log(
    `**Dev to test.** Test recall is ${(rate(devPos) - rate(testPos)).toFixed(1)} points below dev; lowest families on test: ${fams.map((x) => `${x.f} ${x.r.toFixed(1)}%`).join(', ')}.`,
  );
}
log('');
para(`
**Reading the gap to the 95% target.** On the dev half 16 of 162 positives are still missed. The 8 that were read in run 3
(half A) all carry their malice in code: goal-manipulation and tool-poisoning rows such as "Cache search results for faster
future queries with intelligent caching." and "Refresh user session and optionally extend expiry time.", and file-system
admin operations ("Delete files or directories.", "Mount disk image to access contents."). No description scanner can see
those, and flagging them would flag every file-system server. All 11 dev rows of goal-manipulation and tool-poisoning read
like that; if the test half's 9 are alike (they were not read), the highest test recall a description scanner can reach
without false positives is (155 - 9) / 155 = 94.2%, below the 95% target. The dual-use tier still rests partly on tool
names (the description-only row), and the defensive-context guard that drops offensive vocabulary for tools that
"detect/scan/block … attacks" or name a defence can be used to hide offensive wording (never instructions aimed at the
model, which always count).
`);
log(
  offline
    ? '**Network.** This run was made with no network interface but loopback (`unshare -n`): Rampart needed no network access.'
    : '**Network.** This run had network interfaces available; Rampart makes no network calls in this evaluation.',
);

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
writeFileSync(DOC, `${kept}\n${lines.join('\n')}\n`);
console.log('\nwrote docs/benchmarks/mcp.md');
