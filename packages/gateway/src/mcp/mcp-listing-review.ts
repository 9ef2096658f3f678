// tools/list review for the MCP proxy. Every listed tool, pinned or not, passes the tool-definition
// check from @rampart/detectors (the one `rampart scan` runs: hidden instructions, shadowing,
// malicious intent, invisible Unicode, exfiltration parameters, offensive capability), and is compared
// with the pinned lockfile when there is one. In enforce mode a tool is withheld from the listing
// (and later calls to it are refused) when its definition is judged malicious, when the check cannot
// finish (fail closed), when it does not match the lock, or when policy denies a tool with what the
// check found (the rule ids are detection types, so `detectors:` entries and Cedar policies can act
// on them). Prompts, resources and resource templates (prompts/list, resources/list,
// resources/templates/list) are model-visible too: their name, title, description (and a prompt's
// argument names and descriptions) pass the same check, read as a tool would be, and are withheld
// the same way. An operator override (mcp-overrides.ts) lets one tool of one server through the
// check when its definition has exactly the hash the operator allowed; it is audited as an override,
// and the lockfile still applies. Monitor mode withholds nothing and records the same decisions.
import { randomUUID } from 'node:crypto';
import { toolDefinitionHash } from '@rampart/core';
import { checkToolDefinition, createPipeline, type Pipeline, type ToolCheckResult } from '@rampart/detectors';
import { declaredToolVerdict } from '../declared-tool-verdict.js';
import type { Enforcer, RequestState } from '../enforcer.js';
import type { AuditDecision, DetectionContext } from '../ports.js';
import type { ToolOverrides } from './mcp-overrides.js';
import { uncoveredProtoKeys } from './proto-keys.js';

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
  /** Tools of this server allowed through the definition check at an exact definition hash. */
  overrides?: ToolOverrides;
}

/** What a listing lists: tools, or the other model-visible items an MCP server describes. */
export type ListedKind = 'tool' | 'prompt' | 'resource' | 'resource template';

/** The MCP method a client uses an item with; policy is asked about it for prompts and resources. */
export const ITEM_METHOD: Record<Exclude<ListedKind, 'tool'>, string> = {
  prompt: 'prompts/get',
  resource: 'resources/read',
  'resource template': 'resources/read',
};

export interface ListingOutcome {
  /** The items the client gets. */
  tools: unknown[];
  /** Key (tool or prompt name, resource URI, URI template) -> why it was withheld (enforce mode only). */
  withheld: Map<string, string>;
  /** Keys that passed: uses of them are no longer refused for an earlier listing. */
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
    return this.reviewItems(state, 'tool', tools);
  }

  /**
   * Reviews the items of one listing answer. An entry without its key (a tool's or prompt's name, a
   * resource's URI, a template's URI template) cannot be used or judged: it is dropped.
   */
  reviewItems(
    state: RequestState,
    kind: ListedKind,
    items: readonly unknown[],
    /** The server the items come from, when one reviewer serves several (Responses API listings). */
    server = this.o.server,
  ): ListingOutcome {
    const reasons = new Map<string, string>();
    const keyed: Array<{ key: string; item: Obj }> = [];
    for (const t of items) {
      const key = isObj(t) ? itemKey(kind, t) : undefined;
      if (key === undefined) continue;
      keyed.push({ key, item: t as Obj });
      const why = this.reviewItem(state, kind, key, t as Obj, server);
      if (why !== undefined && !reasons.has(key)) reasons.set(key, why);
    }
    const enforce = this.o.mode === 'enforce';
    // Two definitions under one key, one of them withheld: the key is withheld whole (a client
    // would not know which one it uses).
    const kept = keyed.filter((x) => !enforce || !reasons.has(x.key)).map((x) => x.item);
    const passed = new Set(keyed.map((x) => x.key).filter((n) => !reasons.has(n)));
    return { tools: kept, withheld: enforce ? reasons : new Map(), passed };
  }

  /** Why this item must be withheld, or undefined. Records its decisions either way. */
  private reviewItem(
    state: RequestState,
    kind: ListedKind,
    key: string,
    item: Obj,
    server: string,
  ): string | undefined {
    const view = kind === 'tool' ? mcpTool(item) : toolView(kind, item);
    const label = kind === 'tool' ? key : `${kind} ${key}`;
    let hash: string | undefined;
    try {
      hash = typeof view === 'string' ? undefined : toolDefinitionHash(view as { name: string });
    } catch {
      hash = undefined;
    }
    let why: string | undefined;
    const lock = this.o.lock;
    if (lock !== undefined && kind === 'tool') {
      // Own keys only: a tool named "constructor" is not pinned just because Object.prototype has one.
      const pinned = Object.hasOwn(lock.tools, key) ? lock.tools[key] : undefined;
      if (hash === undefined || pinned !== hash) {
        why =
          pinned === undefined
            ? 'it is not in the pinned lockfile'
            : (uncoveredProtoKeys(view, pinned) ?? 'its definition changed since it was pinned');
        state.decisions.push(this.deny(label, 'lockfile', why));
      }
    }
    const check: ToolCheckResult =
      typeof view === 'string' ? { verdict: 'inconclusive', rules: [], inconclusive: view } : this.check(view, hash);
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
    const override = kind === 'tool' ? this.o.overrides?.get(key) : undefined;
    if (override !== undefined && hash !== undefined && override.hash === hash) {
      // The operator reviewed exactly this definition: it passes the check (a changed one does not).
      state.decisions.push({
        ...this.deny(label, 'override', `definition ${hash} allowed by operator override`),
        effect: 'allow',
      });
      const d = state.decisions[state.decisions.length - 1]!;
      d.reasons.push(`tool-definition check (overridden): ${found.join('; ') || check.inconclusive || check.verdict}`);
      if (override.reason !== undefined) d.reasons.push(`override reason: ${override.reason}`);
      return why;
    }
    const pin = hash === undefined ? '' : ` [definition ${hash}]`;
    if (check.verdict === 'malicious' || check.verdict === 'inconclusive') {
      const checkWhy =
        check.verdict === 'malicious'
          ? `its definition failed the tool-definition check: ${found.join('; ')}`
          : `its definition could not be checked (fail closed): ${check.inconclusive ?? 'unknown reason'}`;
      state.decisions.push(this.deny(label, TOOL_CHECK_DETECTOR, checkWhy + pin));
      return why ?? checkWhy;
    }
    // Suspicious only (invisible characters, an exfiltration-shaped parameter, offensive capability):
    // policy decides, with the rule ids as detections (a deny withholds the item, as it would refuse
    // every use of it). Prompts and resources are asked about as the method that uses them.
    const detections: DetectionContext[] = check.rules.map((r) => ({
      type: r.ruleId,
      score: detectionScore(r.score),
      flagged: true,
      role: 'tool-result',
      ruleId: r.ruleId,
    }));
    const v = declaredToolVerdict(this.o.enforcer, state, kind === 'tool' ? key : ITEM_METHOD[kind], server, {
      context: { detections },
      stage: 'mcp',
    });
    const last = state.decisions[state.decisions.length - 1];
    last?.reasons.push(`tool-definition check: ${found.join('; ')}${pin}`);
    if (kind !== 'tool') last?.reasons.push(`for the ${label}`);
    if (v.kind === 'deny') return why ?? `policy denies it with what its definition shows: ${found.join('; ')}`;
    return why;
  }

  /**
   * The tool-definition check on text that is instructions by design (a prompt's messages, a
   * server's sampling request), read as a description: what it finds beyond ordinary instructions
   * (hidden orders, credential reads, concealment, invisible characters) is what the listing finds.
   */
  checkInstructions(name: string, text: string): ToolCheckResult {
    const view = { name, description: text };
    let hash: string | undefined;
    try {
      hash = toolDefinitionHash(view);
    } catch {
      hash = undefined;
    }
    return this.check(view, hash);
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

  private deny(label: string, policyRevision: string, why: string): AuditDecision {
    return {
      stage: 'mcp',
      action: 'list-tools',
      resource: label,
      id: randomUUID(),
      effect: 'deny',
      mode: this.o.mode,
      policyRevision,
      reasons: [`${label.includes(' ') ? label : `tool ${label}`}: ${why}`],
    };
  }
}

/** A rule's score on the 0..1 scale detections use (scores of 6 and more are certain). */
function detectionScore(score: number | undefined): number {
  return score === undefined ? 1 : Math.min(1, Math.max(0, score / 6));
}

/**
 * A listed tool as MCP spells it: the Responses API's `mcp_list_tools` items carry the same
 * definitions with `input_schema` for `inputSchema` (read either way, so the hash and the check see
 * the schema the model sees).
 */
function mcpTool(item: Obj): Obj {
  if (item.input_schema === undefined || item.inputSchema !== undefined) return item;
  const { input_schema, ...rest } = item;
  return { ...rest, inputSchema: input_schema };
}

/** The key an item is used by, or undefined when it has none. */
function itemKey(kind: ListedKind, item: Obj): string | undefined {
  const k = kind === 'resource' ? item.uri : kind === 'resource template' ? item.uriTemplate : item.name;
  return typeof k === 'string' ? k : undefined;
}

/**
 * A prompt, resource or resource template read as a tool, so the one check reads its model-visible
 * text: name, title, description, and a prompt's arguments as the properties of an input schema (their
 * names and descriptions are what the model fills in). A string says why it cannot be read.
 */
function toolView(kind: Exclude<ListedKind, 'tool'>, item: Obj): Obj | string {
  const key = itemKey(kind, item) as string;
  const view: Obj = { name: typeof item.name === 'string' ? item.name : key };
  if (item.title !== undefined) view.title = item.title;
  if (item.description !== undefined) view.description = item.description;
  if (kind !== 'prompt' || item.arguments === undefined || item.arguments === null) return view;
  if (!Array.isArray(item.arguments)) return `${kind} ${key}: arguments is not a list`;
  const properties: Array<[string, Obj]> = [];
  for (const a of item.arguments) {
    if (!isObj(a) || typeof a.name !== 'string') return `${kind} ${key}: an argument without a string name`;
    const p: Obj = {};
    for (const f of ['title', 'description'] as const) if (a[f] !== undefined) p[f] = a[f];
    properties.push([a.name, p]);
  }
  // fromEntries makes own properties of every name (`__proto__` included).
  view.inputSchema = { type: 'object', properties: Object.fromEntries(properties) };
  return view;
}
