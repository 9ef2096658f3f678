// tools/list review for the MCP proxy. Every listed tool, pinned or not, passes the tool-definition
// check from @rampart/detectors (the one `rampart scan` runs: hidden instructions, shadowing,
// malicious intent, invisible Unicode, exfiltration parameters, offensive capability), and is compared
// with the pinned lockfile when there is one. In enforce mode a tool is withheld from the listing
// (and later calls to it are refused) when its definition is judged malicious, when the check cannot
// finish (fail closed), when it does not match the lock, or when policy denies a tool with what the
// check found (the rule ids are detection types, so `detectors:` entries and Cedar policies can act
// on them). Monitor mode withholds nothing and records the same decisions.
import { randomUUID } from 'node:crypto';
import { toolDefinitionHash } from '@rampart/core';
import { checkToolDefinition, createPipeline, type Pipeline, type ToolCheckResult } from '@rampart/detectors';
import { declaredToolVerdict } from '../declared-tool-verdict.js';
import type { Enforcer, RequestState } from '../enforcer.js';
import type { AuditDecision, DetectionContext } from '../ports.js';

export interface McpLock {
  /** tool name -> "sha256:..." as written by `rampart mcp pin`. */
  tools: Record<string, string>;
}

export interface ListingReviewOptions {
  server: string;
  enforcer: Enforcer;
  mode: 'enforce' | 'monitor';
  /** Pinned tools for this server; undefined = no pin (definitions are still checked). */
  lock?: McpLock;
}

export interface ListingOutcome {
  /** The tools the client gets. */
  tools: unknown[];
  /** Tool name -> why it was withheld (enforce mode only). */
  withheld: Map<string, string>;
  /** Names that passed: calls to them are no longer refused for an earlier listing. */
  passed: Set<string>;
}

/** Identifies the check in audit detections. */
export const TOOL_CHECK_DETECTOR = 'mcp-tool-check';
const MAX_CACHE = 4096;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export class ListingReview {
  /** Verdicts by canonical definition hash: every session lists the same tools, and the check is pure. */
  private readonly cache = new Map<string, ToolCheckResult>();
  private readonly pipeline: Pipeline;

  constructor(private readonly o: ListingReviewOptions) {
    // The check's own injection pipeline, with the proxy's input-check budget rather than the default.
    this.pipeline = createPipeline({ detectors: ['injection'], budgetMs: o.enforcer.config.checks.input.budgetMs });
  }

  /** Reviews one tools/list answer's `tools`; decisions and detections go to `state`. */
  review(state: RequestState, tools: readonly unknown[]): ListingOutcome {
    const reasons = new Map<string, string>();
    const named: Array<{ name: string; tool: Obj }> = [];
    for (const t of tools) {
      // An entry without a name cannot be called or judged: it is dropped, as before.
      if (!isObj(t) || typeof t.name !== 'string') continue;
      named.push({ name: t.name, tool: t });
      const why = this.reviewTool(state, t.name, t);
      if (why !== undefined && !reasons.has(t.name)) reasons.set(t.name, why);
    }
    const enforce = this.o.mode === 'enforce';
    // Two definitions under one name, one of them withheld: the name is withheld whole (a client
    // would not know which one it calls).
    const kept = named.filter((x) => !enforce || !reasons.has(x.name)).map((x) => x.tool);
    const passed = new Set(named.map((x) => x.name).filter((n) => !reasons.has(n)));
    return { tools: kept, withheld: enforce ? reasons : new Map(), passed };
  }

  /** Why this tool must be withheld, or undefined. Records its decisions either way. */
  private reviewTool(state: RequestState, name: string, tool: Obj): string | undefined {
    let hash: string | undefined;
    try {
      hash = toolDefinitionHash(tool as { name: string });
    } catch {
      hash = undefined;
    }
    let why: string | undefined;
    const lock = this.o.lock;
    if (lock !== undefined) {
      const pinned = lock.tools[name];
      if (hash === undefined || pinned !== hash) {
        why = pinned === undefined ? 'it is not in the pinned lockfile' : 'its definition changed since it was pinned';
        state.decisions.push(this.deny(name, 'lockfile', why));
      }
    }
    const check = this.check(tool, hash);
    if (check.verdict === 'clean') return why;
    for (const r of check.rules) {
      state.detections.push({
        type: r.ruleId,
        detector: TOOL_CHECK_DETECTOR,
        score: detectionScore(r.score),
        flagged: true,
        ruleId: r.ruleId,
      });
    }
    const found = check.rules.map((r) =>
      r.parameter !== undefined
        ? `${r.ruleId} (parameter ${r.parameter.name})`
        : r.signals.length > 0
          ? `${r.ruleId} (${r.signals.map((s) => s.id).join(', ')})`
          : r.ruleId,
    );
    if (check.verdict === 'malicious' || check.verdict === 'inconclusive') {
      const checkWhy =
        check.verdict === 'malicious'
          ? `its definition failed the tool-definition check: ${found.join('; ')}`
          : `its definition could not be checked (fail closed): ${check.inconclusive ?? 'unknown reason'}`;
      state.decisions.push(this.deny(name, TOOL_CHECK_DETECTOR, checkWhy));
      return why ?? checkWhy;
    }
    // Suspicious only (invisible characters, an exfiltration-shaped parameter, offensive capability):
    // policy decides, with the rule ids as detections (a deny withholds the tool, as it would refuse
    // every call to it).
    const detections: DetectionContext[] = check.rules.map((r) => ({
      type: r.ruleId,
      score: detectionScore(r.score),
      flagged: true,
      role: 'tool-result',
      ruleId: r.ruleId,
    }));
    const v = declaredToolVerdict(this.o.enforcer, state, name, this.o.server, {
      context: { detections },
      stage: 'mcp',
    });
    state.decisions[state.decisions.length - 1]?.reasons.push(`tool-definition check: ${found.join('; ')}`);
    if (v.kind === 'deny') return why ?? `policy denies it with what its definition shows: ${found.join('; ')}`;
    return why;
  }

  private check(tool: Obj, hash: string | undefined): ToolCheckResult {
    const hit = hash === undefined ? undefined : this.cache.get(hash);
    if (hit !== undefined) return hit;
    let r: ToolCheckResult;
    try {
      r = checkToolDefinition(tool, { pipeline: this.pipeline });
    } catch (e) {
      r = { verdict: 'inconclusive', rules: [], inconclusive: `check failed: ${(e as Error).message}` };
    }
    // Inconclusive results are not kept: a time-out under load should not outlive the load.
    if (hash !== undefined && r.verdict !== 'inconclusive') {
      if (this.cache.size >= MAX_CACHE) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(hash, r);
    }
    return r;
  }

  private deny(tool: string, policyRevision: string, why: string): AuditDecision {
    return {
      stage: 'mcp',
      action: 'list-tools',
      resource: tool,
      id: randomUUID(),
      effect: 'deny',
      mode: this.o.mode,
      policyRevision,
      reasons: [`tool ${tool}: ${why}`],
    };
  }
}

/** A rule's score on the 0..1 scale detections use (scores of 6 and more are certain). */
function detectionScore(score: number | undefined): number {
  return score === undefined ? 1 : Math.min(1, Math.max(0, score / 6));
}
