// The tool definitions a client declares in an LLM request (chat `tools[].function` and `.custom`, Anthropic
// `tools`, Responses function and custom tools) pass the tool-definition check the MCP proxy runs on
// tools/list answers (mcp-listing-review.ts, the check `rampart scan` runs). Agent frameworks turn
// MCP tools into such declarations, so a poisoned server's description reaches the model this way
// even when the server's own traffic never passes the MCP proxy (a stdio server the agent starts).
// In enforce mode a tool judged malicious, one the check cannot finish (fail closed), or one policy
// denies with what the check found is removed from `tools` before the request goes upstream; a
// `tool_choice` that forces a removed tool (or requires a tool when none is left) refuses the
// request (judged once with the other reviews' removals: refusedAfterReviews in tool-choice.ts). Monitor mode removes nothing and records the same decisions. A list found clean is
// remembered by hash: the same tools come with every turn of a conversation.
// Tools the provider runs (web search, code execution, ...) first get their policy decision by
// name (server-tools.ts): the request is the only place the gateway can act on them.
import { randomUUID } from 'node:crypto';
import type { Enforcer, RequestState } from './enforcer.js';
import type { PolicyVerdict } from './ports.js';
import { GatewayHttpError } from './provider-errors.js';
import { reviewerFor } from './responses-mcp-listings.js';
import { reviewServerTools } from './server-tools.js';
import { sha256 } from './sha256.js';
import { type ChoiceRemovals, readToolChoice, type ToolRef } from './tool-choice.js';
import type { ApiPath } from './upstream.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const MAX_TOOLS = 512;
const MAX_CLEAN_LISTS = 1024;
const cleanLists = new WeakMap<Enforcer, Set<string>>();

export interface DeclaredToolsResult {
  changed: boolean;
  /** Policy refuses a provider-run tool outright (server-tools.ts). */
  refuse: PolicyVerdict | undefined;
  /** What was removed here, for the one tool_choice check after every review (tool-choice.ts). */
  removals?: ChoiceRemovals | undefined;
}

/** The definition as MCP spells it, and the name a tool_choice uses; undefined for entries without one. */
function view(path: ApiPath, t: Obj): { name: string; def: Obj } | undefined {
  if (path === '/v1/chat/completions') {
    // A custom tool (free-form input) has a description too, and no input schema.
    const c = t.custom;
    if (t.type === 'custom' && isObj(c) && typeof c.name === 'string')
      return { name: c.name, def: defOf(c.name, c.description, undefined) };
    const f = t.function;
    if (t.type !== 'function' || !isObj(f) || typeof f.name !== 'string') return undefined;
    return { name: f.name, def: defOf(f.name, f.description, f.parameters) };
  }
  if (typeof t.name !== 'string') return undefined;
  if (path === '/v1/messages') return { name: t.name, def: defOf(t.name, t.description, t.input_schema) };
  if (t.type === 'function') return { name: t.name, def: defOf(t.name, t.description, t.parameters) };
  if (t.type === 'custom') return { name: t.name, def: defOf(t.name, t.description, undefined) };
  return undefined;
}

function defOf(name: string, description: unknown, schema: unknown): Obj {
  const d: Obj = { name };
  if (description !== undefined) d.description = description;
  if (schema !== undefined) d.inputSchema = schema;
  return d;
}

/** Checks `body.tools` in place for the chat, Anthropic and Responses routes. */
export function checkDeclaredTools(
  enforcer: Enforcer,
  state: RequestState,
  path: ApiPath,
  body: Obj,
): DeclaredToolsResult {
  const tools = body.tools;
  if (tools !== undefined && tools !== null && (!Array.isArray(tools) || tools.length > MAX_TOOLS)) {
    throw new GatewayHttpError(
      'invalid_request',
      'invalid_tools',
      `tools must be an array of at most ${MAX_TOOLS}`,
      'tools',
    );
  }
  // Every request's choice is read, so a form nobody understands is refused even when nothing is removed.
  readToolChoice(path, body.tool_choice);
  // Tools the provider runs get their policy decision here, the only place it can act (server-tools.ts).
  const server = reviewServerTools(enforcer, state, path, body);
  if (server.refuse !== undefined) return { changed: false, refuse: server.refuse };
  const withheld = checkDefinitions(enforcer, state, path, body);
  const changed = server.removed.size > 0 || withheld.size > 0;
  if (!changed) return { changed, refuse: undefined };
  return { changed, refuse: undefined, removals: removedHere(path, server.removed, withheld) };
}

/**
 * The tools removed here, as a tool_choice names them: by policy (provider-run tools: Responses by
 * type, Anthropic by name) or by the definition check (by name).
 */
function removedHere(
  path: ApiPath,
  byPolicy: Map<string, PolicyVerdict>,
  withheld: Map<string, string>,
): ChoiceRemovals {
  let checked: PolicyVerdict | undefined;
  const byCheck = (): PolicyVerdict => {
    const why = [...withheld].map(([n, reason]) => `tool ${n}: ${reason}`).join('; ');
    checked ??= {
      id: randomUUID(),
      effect: 'deny',
      applied: 'deny',
      mode: 'enforce',
      policyRevision: 'mcp-tool-check',
      reasons: [{ message: `a declared tool was removed, and tool_choice requires it: ${why}` }],
    };
    return checked;
  };
  return {
    gone: (ref: ToolRef): PolicyVerdict | undefined => {
      if (ref.kind === 'hosted') return byPolicy.get(ref.type);
      if (ref.kind === 'mcp') return undefined; // remote MCP servers: responses-request-tools.ts
      const policy = path === '/v1/messages' ? byPolicy.get(ref.name) : undefined;
      return policy ?? (withheld.has(ref.name) ? byCheck() : undefined);
    },
    first: () => byPolicy.values().next().value ?? (withheld.size > 0 ? byCheck() : undefined),
  };
}

/** The tool-definition check on the declared tools; removes what it withholds and returns it (name -> why). */
function checkDefinitions(enforcer: Enforcer, state: RequestState, path: ApiPath, body: Obj): Map<string, string> {
  const none = new Map<string, string>();
  const tools = body.tools;
  if (!Array.isArray(tools)) return none;
  const views: Array<{ index: number; name: string; def: Obj }> = [];
  tools.forEach((t, index) => {
    const v = isObj(t) ? view(path, t) : undefined;
    if (v !== undefined) views.push({ index, ...v });
  });
  if (views.length === 0) return none;
  let clean = cleanLists.get(enforcer);
  if (clean === undefined) {
    clean = new Set();
    cleanLists.set(enforcer, clean);
  }
  const key = sha256(JSON.stringify(views.map((v) => v.def)), 'base64');
  if (clean.has(key)) return none;

  const before = state.decisions.length;
  const detectionsBefore = state.detections.length;
  const outcome = reviewerFor(enforcer).reviewItems(
    state,
    'tool',
    views.map((v) => v.def),
    '',
  );
  const nothingFound = state.decisions.length === before && state.detections.length === detectionsBefore;
  if (nothingFound) {
    if (clean.size >= MAX_CLEAN_LISTS) clean.delete(clean.values().next().value as string);
    clean.add(key);
  }
  if (outcome.withheld.size === 0) return none;
  const removed = new Set(views.filter((v) => outcome.withheld.has(v.name)).map((v) => v.index));
  body.tools = tools.filter((_, i) => !removed.has(i));
  return outcome.withheld;
}
