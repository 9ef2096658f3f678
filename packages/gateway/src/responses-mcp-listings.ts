// Responses API `mcp_list_tools` items carry the tool definitions of a remote MCP server: in a
// model's output (complete or streamed, responses-tool-items.ts) and in the input a client sends back.
// They pass the tool-definition check the MCP proxy runs on tools/list answers (mcp-listing-review.ts,
// shared with `rampart scan`): a tool judged malicious or that the check cannot read whole is removed
// from the item, suspicious-only findings go to policy with the rule ids as detections, and monitor
// mode removes nothing. One reviewer per enforcer keeps the verdict cache and its injection pipeline
// across requests (the same listing comes back every turn).
import type { Enforcer, RequestState } from './enforcer.js';
import { ListingReview } from './mcp/mcp-listing-review.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Bounds: past them the item is refused whole rather than read in part. */
const MAX_LISTED = 512;
const MAX_INPUT_ITEMS = 4096;

const reviewers = new WeakMap<Enforcer, ListingReview>();

/** The enforcer's tool-definition reviewer (also used for the tools a request declares). */
export function reviewerFor(enforcer: Enforcer): ListingReview {
  let r = reviewers.get(enforcer);
  if (r === undefined) {
    r = new ListingReview({ server: '', enforcer, mode: enforcer.config.mode });
    reviewers.set(enforcer, r);
  }
  return r;
}

/**
 * Checks one mcp_list_tools item's tools in place. Returns true when tools were removed. A list
 * longer than the bound is emptied (fail closed) in enforce mode.
 */
export function reviewListedTools(enforcer: Enforcer, state: RequestState, item: Obj): boolean {
  if (!Array.isArray(item.tools)) return false;
  const server = typeof item.server_label === 'string' ? item.server_label : '';
  if (item.tools.length > MAX_LISTED) {
    state.decisions.push({
      stage: 'mcp',
      action: 'list-tools',
      resource: server,
      id: `${state.requestId}:mcp-list-tools:${state.decisions.length}`,
      effect: 'deny',
      mode: enforcer.config.mode,
      policyRevision: 'mcp-tool-check',
      reasons: [`mcp_list_tools of ${server}: more than ${MAX_LISTED} tools; not checked (fail closed)`],
    });
    if (enforcer.config.mode !== 'enforce') return false;
    item.tools = [];
    return true;
  }
  const r = reviewerFor(enforcer).reviewItems(state, 'tool', item.tools, server);
  if (r.tools.length === item.tools.length) return false;
  item.tools = r.tools;
  return true;
}

/** The mcp_list_tools items of a Responses request's `input`, checked in place. Returns true if any changed. */
export function reviewInputListings(enforcer: Enforcer, state: RequestState, body: Obj): boolean {
  if (!Array.isArray(body.input)) return false;
  let changed = false;
  for (const item of body.input.slice(0, MAX_INPUT_ITEMS))
    if (isObj(item) && item.type === 'mcp_list_tools') changed = reviewListedTools(enforcer, state, item) || changed;
  return changed;
}
