// The tool-definition check shared by the static scan and the MCP proxy: which rules one tool's
// verdict raises (the same rule ids and signals in `rampart scan` findings and in the proxy's audit
// records), and a runtime entry point that judges a tool exactly as it arrives in a tools/list
// answer. Pure: no I/O, bounded (schema walk, field length); a limit hit or a failing
// corroborating detector makes the result inconclusive, never clean.
import { describeError } from '@rampart/core';
import { type ExfilParam, exfilParams } from './exfil-params.js';
import { type PoisoningOptions, type SignalHit, scoreTool, type ToolVerdict } from './poisoning.js';
import type { ToolDefinition } from './tool-definition.js';

export const TOOL_RULE_IDS = [
  'mcp-tool-invisible-unicode',
  'mcp-tool-shadowing',
  'mcp-tool-malicious-intent',
  'mcp-tool-offensive-capability',
  'mcp-tool-poisoning',
  'mcp-tool-exfil-parameter',
] as const;
export type ToolRuleId = (typeof TOOL_RULE_IDS)[number];

/** Rules that judge the definition itself an attack on the agent: the MCP proxy withholds such a tool. */
export const MALICIOUS_TOOL_RULES: ReadonlySet<ToolRuleId> = new Set([
  'mcp-tool-poisoning',
  'mcp-tool-shadowing',
  'mcp-tool-malicious-intent',
]);

export interface ToolRuleHit {
  ruleId: ToolRuleId;
  /** The phrase signals behind the rule (empty for invisible characters and parameters). */
  signals: SignalHit[];
  /** The verdict score the rule reports (poisoning / intent score); absent where none applies. */
  score?: number;
  /** The parameter an mcp-tool-exfil-parameter hit is about, and why. */
  parameter?: ExfilParam;
}

/** Rule hits for one scored tool, in the order the static scan reports them. */
export function toolRuleHits(v: ToolVerdict, exfil: readonly ExfilParam[] = []): ToolRuleHit[] {
  const out: ToolRuleHit[] = [];
  if (v.invisible.length > 0) out.push({ ruleId: 'mcp-tool-invisible-unicode', signals: [] });
  if (v.flagged || v.offensive) {
    const groups = new Map<string, number>();
    for (const h of v.hits) groups.set(h.group, (groups.get(h.group) ?? 0) + h.weight);
    const inGroups = (gs: readonly string[]) => v.hits.filter((h) => gs.includes(h.group));
    let emitted = false;
    if (v.flagged && (groups.get('shadowing') ?? 0) >= 2) {
      out.push({ ruleId: 'mcp-tool-shadowing', signals: inGroups(['shadowing']), score: v.score });
      emitted = true;
    }
    if (v.flagged && (groups.get('malicious') ?? 0) >= 2) {
      // Offensive hits on the same tool are listed here too rather than as a second, weaker finding.
      out.push({ ruleId: 'mcp-tool-malicious-intent', signals: inGroups(['malicious', 'offensive']), score: v.score });
      emitted = true;
    } else if (v.offensive) {
      out.push({
        ruleId: 'mcp-tool-offensive-capability',
        signals: inGroups(['malicious', 'offensive']),
        score: v.intentScore,
      });
      emitted = true;
    }
    // Weak signals from several groups still add up to a poisoning finding.
    if (v.flagged && ((groups.get('poisoning') ?? 0) >= 2 || !emitted))
      out.push({ ruleId: 'mcp-tool-poisoning', signals: v.hits, score: v.score });
  }
  for (const p of exfil) out.push({ ruleId: 'mcp-tool-exfil-parameter', signals: [], parameter: p });
  return out;
}

export interface ToolCheckResult {
  /**
   * `malicious`: a rule in MALICIOUS_TOOL_RULES fired. `suspicious`: only rules a person should
   * weigh fired (invisible characters, an exfiltration-shaped parameter, dual-use offensive
   * capability). `inconclusive`: the definition could not be read whole (malformed, a limit hit, the
   * injection pipeline failed); it is never `clean`. A malicious verdict wins over inconclusive.
   */
  verdict: 'clean' | 'suspicious' | 'malicious' | 'inconclusive';
  rules: ToolRuleHit[];
  /** Why the check is inconclusive (also set beside a malicious verdict when both hold). */
  inconclusive?: string;
  /** The scored verdict, when scoring ran. */
  scored?: ToolVerdict;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A tool definition as it came over the wire (a tools/list entry), or why it cannot be judged:
 * every field the walk reads must have the type MCP gives it, so nothing model-visible is skipped.
 */
export function readToolDefinition(raw: unknown): ToolDefinition | string {
  if (!isObj(raw) || typeof raw.name !== 'string') return 'tool without a string name';
  const tool: ToolDefinition = { name: raw.name };
  for (const k of ['title', 'description'] as const) {
    const v = raw[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return `tool ${raw.name}: ${k} is not a string`;
    tool[k] = v;
  }
  if (raw.inputSchema !== undefined) tool.inputSchema = raw.inputSchema;
  if (raw.outputSchema !== undefined) tool.outputSchema = raw.outputSchema;
  if (isObj(raw.annotations)) tool.annotations = raw.annotations;
  return tool;
}

/** Judges one tool definition for the MCP proxy (or any runtime caller); never throws. */
export function checkToolDefinition(raw: unknown, opts: PoisoningOptions = {}): ToolCheckResult {
  const tool = readToolDefinition(raw);
  if (typeof tool === 'string') return { verdict: 'inconclusive', rules: [], inconclusive: tool };
  let scored: ToolVerdict;
  let exfil: ExfilParam[];
  try {
    scored = scoreTool(tool, opts);
    exfil = exfilParams(tool);
  } catch (e) {
    const d = describeError(e);
    return { verdict: 'inconclusive', rules: [], inconclusive: `${d.code}: ${d.message}` };
  }
  const rules = toolRuleHits(scored, exfil);
  const why = scored.truncated
    ? 'a text field is longer than the check reads'
    : scored.pipelineFailed
      ? 'the injection pipeline failed or ran out of time'
      : undefined;
  const verdict = rules.some((r) => MALICIOUS_TOOL_RULES.has(r.ruleId))
    ? 'malicious'
    : why !== undefined
      ? 'inconclusive'
      : rules.length > 0
        ? 'suspicious'
        : 'clean';
  return { verdict, rules, scored, ...(why === undefined ? {} : { inconclusive: why }) };
}
