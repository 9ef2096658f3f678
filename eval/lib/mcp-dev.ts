// `npm run eval -- mcp --dev [--misses]`: the MCP tool-poisoning numbers on the dev half only, for
// tuning. The caller has already dropped the test rows while reading, so nothing here can see them;
// nothing is written to docs/. `--misses` also prints each missed dev positive and each flagged dev
// benign tool with the signals that fired. Held-out discipline: misses are split into halves A/B by
// sha256 of their row id; only half A is printed (half B only counted), so signals are written from
// A and checked on B. `--baseline-misses FILE` writes the current misses' ids to FILE when it does
// not exist, and otherwise reports how many of those baseline misses each half now catches.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { analyzeToolSets, type McpTool, scoreTool } from '@rampart/mcp';

export interface EvalItem {
  id: string;
  source: 'cisco' | 'invariant';
  /** Cisco rows are split dev/test by sha256("cisco-<row>") parity, fixed before tuning. */
  side: 'dev' | 'test';
  category: string;
  label: 'malicious' | 'benign' | 'other';
  tool: McpTool;
}

export interface DevReportOptions {
  detectable: ReadonlySet<string>;
  toolRules: ReadonlySet<string>;
  misses: boolean;
  baselineMisses?: string;
}

/** Half of a missed row for the held-out discipline: fixed by its id, not by what it says. */
export const missHalf = (id: string): 'A' | 'B' =>
  Number.parseInt(createHash('sha256').update(`miss-${id}`).digest('hex').slice(0, 2), 16) % 2 === 0 ? 'A' : 'B';

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

type View = 'full' | 'desc' | 'heur' | 'heur-desc';
/** The description-only view hides the name and parameters: how much rests on the text alone. */
const viewOf = (x: EvalItem, v: View): McpTool =>
  v.endsWith('desc') ? { name: 'tool', description: x.tool.description ?? '' } : x.tool;
const LABEL: Record<View, string> = {
  full: 'full tool',
  desc: 'description only',
  heur: 'full tool, MCP heuristics only (no shared detector)',
  'heur-desc': 'description only, MCP heuristics only',
};
/** The held-out bookkeeping uses the heuristics-only views: the shared detector is retrained by other work. */
const HELD: readonly View[] = ['heur', 'heur-desc'];

export function devReport(all: EvalItem[], opts: DevReportOptions): void {
  const items = all.filter((x) => x.side === 'dev');
  if (items.length !== all.length) throw new Error('devReport: a test row reached the dev report');
  const views = ['full', 'desc', 'heur', 'heur-desc'] as const;
  const rules = new Map<string, string[]>();
  const flagged = new Map<string, boolean>();
  const t0 = process.cpuUsage();
  for (const v of views)
    for (const it of items) {
      const out = analyzeToolSets([{ server: 'eval', source: it.id, tools: [viewOf(it, v)] }], {
        useDetectorPipeline: !v.startsWith('heur'),
      });
      const rs = [...new Set(out.findings.map((f) => f.ruleId).filter((r) => opts.toolRules.has(r)))];
      rules.set(`${v}:${it.id}`, rs);
      flagged.set(`${v}:${it.id}`, rs.length > 0 || out.skipped.length > 0);
    }
  const cpu = process.cpuUsage(t0);
  const flagIn = (v: View) => (x: EvalItem) => flagged.get(`${v}:${x.id}`) === true;
  const flag = flagIn('full');
  const pos = items.filter((x) => x.source === 'cisco' && x.label === 'malicious' && opts.detectable.has(x.category));
  const neg = items.filter((x) => x.source === 'cisco' && x.category === 'remote-benign');
  const inv = items.filter((x) => x.source === 'invariant');
  console.log('MCP tool analysis, Cisco DEV half only (test rows not read).');
  for (const v of views) {
    const tp = pos.filter(flagIn(v)).length;
    const fp = neg.filter(flagIn(v)).length;
    console.log(
      `${LABEL[v]}: dev recall ${pct(tp, pos.length)} (${tp}/${pos.length}); dev FPR ${pct(fp, neg.length)} (${fp}/${neg.length})`,
    );
  }
  const invMal = inv.filter((x) => x.label === 'malicious');
  const invBen = inv.filter((x) => x.label !== 'malicious');
  console.log(
    `Invariant: ${invMal.filter(flag).length}/${invMal.length} malicious caught, ${invBen.filter(flag).length}/${invBen.length} benign flagged`,
  );
  console.log(`CPU ${((cpu.user + cpu.system) / 1000 / (views.length * items.length)).toFixed(3)} ms/tool`);
  console.log('\n| category | dev n | dev flagged | description only |\n|---|---|---|---|');
  for (const cat of [...new Set(items.filter((x) => x.source === 'cisco').map((x) => x.category))].sort()) {
    const xs = items.filter((x) => x.source === 'cisco' && x.category === cat);
    console.log(
      `| ${cat}${opts.detectable.has(cat) ? ' *' : ''} | ${xs.length} | ${pct(xs.filter(flag).length, xs.length)} | ${pct(xs.filter(flagIn('desc')).length, xs.length)} |`,
    );
  }
  console.log('\n| rule | dev positives |\n|---|---|');
  for (const r of opts.toolRules)
    console.log(`| ${r} | ${pos.filter((x) => rules.get(`full:${x.id}`)?.includes(r)).length} |`);
  const missed = (v: View) => pos.filter((x) => !flagIn(v)(x)).map((x) => `${v}:${x.id}`);
  if (opts.baselineMisses !== undefined) {
    if (!existsSync(opts.baselineMisses)) {
      const ids = HELD.flatMap(missed);
      writeFileSync(opts.baselineMisses, `${ids.join('\n')}\n`);
      console.log(`\nbaseline: ${ids.length} missed (view:id) written to ${opts.baselineMisses}`);
    } else {
      const base = new Set(readFileSync(opts.baselineMisses, 'utf8').split('\n').filter(Boolean));
      console.log('');
      for (const v of HELD)
        for (const half of ['A', 'B'] as const) {
          const xs = pos.filter((x) => base.has(`${v}:${x.id}`) && missHalf(x.id) === half);
          console.log(
            `baseline misses (${v}), half ${half}${half === 'B' ? ' (held out)' : ''}: now caught ${xs.filter(flagIn(v)).length}/${xs.length}`,
          );
        }
    }
  }
  if (!opts.misses) return;
  const show = (x: EvalItem, v: View) => {
    const t = viewOf(x, v);
    const s = scoreTool(t, { useDetectorPipeline: !v.startsWith('heur') });
    const params = Object.keys((t.inputSchema as { properties?: object } | undefined)?.properties ?? {});
    const hits = s.hits.map((h) => `${h.id}(${h.group[0]}${h.weight})`).join(' ');
    return `${x.id} [${x.category}] ${t.name}(${params.join(', ')}): ${t.description}\n    score ${s.score} intent ${s.intentScore} ${hits}`;
  };
  for (const v of HELD) {
    const m = pos.filter((x) => !flagIn(v)(x));
    const a = m.filter((x) => missHalf(x.id) === 'A');
    console.log(
      `\nMissed dev positives (${v}), half A (${a.length}; half B held out, not printed: ${m.length - a.length}):`,
    );
    for (const x of a) console.log(show(x, v));
    const fps = neg.filter(flagIn(v));
    console.log(`\nFlagged dev benign tools (${v}, ${fps.length}):`);
    for (const x of fps) console.log(`${show(x, v)}\n    rules ${rules.get(`${v}:${x.id}`)?.join(', ')}`);
  }
}
