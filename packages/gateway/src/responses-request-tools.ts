// Responses API request side: the `tools` a client declares are reviewed before the request goes
// upstream. Function and custom tools are `call-tool` decisions by name; a remote MCP server
// (`type: mcp`) is a `list-tools` decision on the server (by its label and by its URL or connector)
// and a `call-tool` decision per allowed tool. Denied servers and tools are removed. MCP tools run at
// the provider, so a tool whose fate depends on the call itself (approval, argument constraints,
// rate limits), or a tool set nobody enumerated, is made to require approval: the provider then
// proposes the call as an `mcp_approval_request`, which the response side reviews before it can run.

import { declaredServerVerdict, declaredToolVerdict } from './declared-tool-verdict.js';
import type { Enforcer, RequestState } from './enforcer.js';
import type { PolicyVerdict } from './ports.js';
import { GatewayHttpError } from './provider-errors.js';
import { reviewApprovalResponses } from './responses-approvals.js';
import { reviewInputListings } from './responses-mcp-listings.js';
import { reviewStoredContext } from './responses-stored-context.js';
import type { ChoiceRemovals, ToolRef } from './tool-choice.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Bounds on what one request may declare; past them the entry is refused, never waved through. */
const MAX_TOOLS = 512;
const MAX_NAMES = 256;
const MAX_ID = 2048;

export interface RequestToolsResult {
  /** The body was rewritten (tools removed, approvals tightened). */
  changed: boolean;
  /** Nothing sensible can go upstream (stored context, approvals, a server refused): refuse with this decision. */
  refuse: PolicyVerdict | undefined;
  /** What the review removed, for the one tool_choice check after every review (tool-choice.ts). */
  removals?: ChoiceRemovals | undefined;
  /** MCP connector servers left with tools enabled (Anthropic), which a "required" choice may use. */
  connectorTools?: number;
}

/**
 * Reviews a Responses request before it goes upstream: stored context, approvals it sends back
 * (responses-approvals.ts), then `body.tools` in place.
 */
export async function reviewResponsesTools(
  enforcer: Enforcer,
  state: RequestState,
  body: Obj,
): Promise<RequestToolsResult> {
  // What the request cannot show (stored context) and approvals it answers come first: either can
  // refuse the whole request. (Approvals are matched against a ledger that may live in the store.)
  const early = reviewStoredContext(enforcer, state, body) ?? (await reviewApprovalResponses(enforcer, state, body));
  if (early !== undefined) return { changed: false, refuse: early };
  // Tool lists the client sends back (mcp_list_tools input items) pass the MCP tool-definition check.
  const listings = reviewInputListings(enforcer, state, body);
  const tools = body.tools;
  if (tools === undefined || tools === null) return { changed: listings, refuse: undefined };
  if (!Array.isArray(tools) || tools.length > MAX_TOOLS)
    throw badTools(`tools must be an array of at most ${MAX_TOOLS}`);
  const kept: unknown[] = [];
  /** Names of removed function/custom tools and labels of removed MCP servers, for tool_choice. */
  const removed = new Map<string, PolicyVerdict>();
  /** Tools policy denied on an MCP server that stays (`label` NUL `name`), for a tool_choice naming one. */
  const removedMcpTools = new Map<string, PolicyVerdict>();
  let changed = listings;
  for (const t of tools) {
    if (!isObj(t)) {
      kept.push(t);
      continue;
    }
    if (t.type === 'function' || t.type === 'custom') {
      const name = typeof t.name === 'string' ? t.name : '';
      const r = declaredToolVerdict(enforcer, state, name, undefined);
      if (r.kind === 'deny') {
        removed.set(`${t.type}:${name}`, r.decision);
        changed = true;
      } else kept.push(t);
    } else if (t.type === 'mcp') {
      const r = reviewMcpTool(enforcer, state, t);
      for (const [name, v] of r.deniedTools) removedMcpTools.set(`${String(t.server_label)}\u0000${name}`, v);
      if (r.denied !== undefined) {
        removed.set(`mcp:${typeof t.server_label === 'string' ? t.server_label : ''}`, r.denied);
        changed = true;
      } else {
        kept.push(t);
        changed ||= r.changed;
      }
    } else kept.push(t);
  }
  if (changed) body.tools = kept;
  if (removed.size === 0 && removedMcpTools.size === 0) return { changed, refuse: undefined };
  // Hosted tools and withheld definitions are removed later (declared-tools-check.ts): the choice is
  // judged once on all of it, in the proxy handler (refusedAfterReviews).
  const gone = (ref: ToolRef): PolicyVerdict | undefined => {
    if (ref.kind === 'function' || ref.kind === 'custom') return removed.get(`${ref.kind}:${ref.name}`);
    if (ref.kind !== 'mcp') return undefined; // hosted tools: server-tools.ts
    const server = removed.get(`mcp:${ref.server}`);
    return server ?? (ref.name === undefined ? undefined : removedMcpTools.get(`${ref.server}\u0000${ref.name}`));
  };
  const first = (): PolicyVerdict | undefined => removed.values().next().value ?? removedMcpTools.values().next().value;
  return { changed, refuse: undefined, removals: { gone, first } };
}

/**
 * One `type: mcp` entry: the server by label and by where it lives, then each allowed tool.
 * Returns the denying decision when the whole entry must go.
 */
function reviewMcpTool(
  enforcer: Enforcer,
  state: RequestState,
  t: Obj,
): { denied: PolicyVerdict | undefined; changed: boolean; deniedTools: Map<string, PolicyVerdict> } {
  const label = typeof t.server_label === 'string' ? t.server_label : '';
  if (label === '' || label.length > MAX_ID) throw badTools('an mcp tool needs a server_label');
  const where = serverLocation(t);
  if (where === undefined) throw badTools(`mcp tool ${label}: server_url must be an http(s) URL`);
  const denied = declaredServerVerdict(enforcer, state, label, where === null ? [label] : [label, where]);
  const deniedTools = new Map<string, PolicyVerdict>();
  if (denied !== undefined) return { denied, changed: false, deniedTools };

  let changed = false;
  const allowed = enumeratedTools(t.allowed_tools);
  /** Tools that may only run after review of the call itself. */
  const review = new Set<string>();
  let lastDeny: PolicyVerdict | undefined;
  if (allowed === 'too-many') throw badTools(`mcp tool ${label}: more than ${MAX_NAMES} allowed_tools`);
  if (allowed !== undefined) {
    const keep: string[] = [];
    for (const name of allowed) {
      const r = declaredToolVerdict(enforcer, state, name, label);
      if (r.kind === 'deny') {
        lastDeny = r.decision;
        deniedTools.set(name, r.decision);
      } else {
        keep.push(name);
        if (r.kind === 'review') review.add(name);
      }
    }
    if (keep.length === 0 && lastDeny !== undefined) return { denied: lastDeny, changed: false, deniedTools };
    if (keep.length !== allowed.length) {
      if (Array.isArray(t.allowed_tools)) t.allowed_tools = keep;
      else (t.allowed_tools as Obj).tool_names = keep;
      changed = true;
    }
    allowed.splice(0, allowed.length, ...keep);
  }
  const tightened = tightenApproval(enforcer, state, t, label, allowed, review);
  return { denied: undefined, changed: changed || tightened, deniedTools };
}

/**
 * Where the server lives, as a policy resource: the URL without credentials, query or fragment
 * (never logged), or `connector:<id>`. null: none given (the provider refuses such an entry);
 * undefined: given but unusable.
 */
export function serverLocation(t: Obj): string | null | undefined {
  if (typeof t.server_url === 'string') {
    if (t.server_url.length > MAX_ID) return undefined;
    let u: URL;
    try {
      u = new URL(t.server_url);
    } catch {
      return undefined;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return `${u.protocol}//${u.host}${u.pathname}`;
  }
  if (t.server_url !== undefined && t.server_url !== null) return undefined;
  if (typeof t.connector_id === 'string' && t.connector_id.length <= MAX_ID) return `connector:${t.connector_id}`;
  return null;
}

/** The tool names allowed_tools lists, or undefined when it lists none (all tools, or a filter). */
function enumeratedTools(a: unknown): string[] | 'too-many' | undefined {
  const names = Array.isArray(a) ? a : isObj(a) && Array.isArray(a.tool_names) ? a.tool_names : undefined;
  if (names === undefined) return undefined;
  if (names.length > MAX_NAMES) return 'too-many';
  // An object filter with tool_names and read_only narrows further: the names still bound it.
  return names.filter((n): n is string => typeof n === 'string');
}

/**
 * `require_approval` may not exempt a tool whose calls policy must see first. The provider's
 * default (field absent) is to ask for every call. Unenumerated tools are never exempted.
 */
function tightenApproval(
  enforcer: Enforcer,
  state: RequestState,
  t: Obj,
  label: string,
  allowed: string[] | undefined,
  review: Set<string>,
): boolean {
  const ra = t.require_approval;
  if (ra === undefined || ra === null || ra === 'always') return false;
  // Monitor mode applies nothing; the per-tool verdicts above are then all "allow" already.
  const enforce = enforcer.config.mode === 'enforce';
  if (ra === 'never') {
    if (allowed === undefined && enforce) {
      t.require_approval = 'always';
      return true;
    }
    if (allowed === undefined || review.size === 0) return false;
    t.require_approval = {
      always: { tool_names: [...review] },
      never: { tool_names: allowed.filter((n) => !review.has(n)) },
    };
    return true;
  }
  // Anything else is malformed: the provider refuses it.
  if (!isObj(ra) || !isObj(ra.never)) return false;
  const never = ra.never;
  let changed = false;
  // A filter (read_only) exempts tools nobody named: not when policy must see some calls first.
  for (const k of Object.keys(never)) {
    if (k !== 'tool_names' && enforce && (allowed === undefined || review.size > 0)) {
      delete never[k];
      changed = true;
    }
  }
  const names = Array.isArray(never.tool_names)
    ? never.tool_names.filter((n): n is string => typeof n === 'string').slice(0, MAX_NAMES)
    : [];
  const exempt: string[] = [];
  const moved: string[] = [];
  for (const n of names) {
    // Tools the allowed list already reviewed keep that verdict; others are named only here.
    const needsReview = allowed?.includes(n)
      ? review.has(n)
      : declaredToolVerdict(enforcer, state, n, label).kind !== 'allow';
    if (needsReview) moved.push(n);
    else exempt.push(n);
  }
  if (moved.length > 0 || (Array.isArray(never.tool_names) && never.tool_names.length !== names.length)) {
    never.tool_names = exempt;
    changed = true;
  }
  if (moved.length > 0) {
    const always = isObj(ra.always) ? ra.always : {};
    const prior = Array.isArray(always.tool_names) ? always.tool_names : [];
    always.tool_names = [...prior, ...moved];
    ra.always = always;
  }
  return changed;
}

function badTools(message: string): GatewayHttpError {
  return new GatewayHttpError('invalid_request', 'invalid_tools', message, 'tools');
}
