// Anthropic Messages MCP connector (`mcp_servers`; beta `mcp-client-2025-11-20`, and the deprecated
// `mcp-client-2025-04-04`): the provider connects to the listed remote MCP servers and runs their
// tools inside the same response, so the gateway only sees a call after it ran (`mcp_tool_use` /
// `mcp_tool_result` blocks). Policy is applied before the request goes upstream, as for Responses
// remote MCP (responses-request-tools.ts): a server is a `list-tools` decision by name and by URL (a
// denied one is removed with its `mcp_toolset`), each tool the request enables a dry-run `call-tool`
// decision (denied ones are disabled). Unlike Responses the connector has no approval step and the
// gateway never sees a call's arguments before it runs, so a tool whose fate depends on the call
// (approval, argument constraints, rate limits) is disabled too, and a server whose tools are not
// enumerated (all enabled, or all but a deny list) is refused in enforce mode: nobody could say
// which tools would run. `authorization_token` goes to the provider untouched and nowhere else.
// How a request enables a server's tools is read in anthropic-mcp-toolsets.ts; calls the provider
// already ran are recorded by anthropic-mcp-executed.ts.

import { badConnector, legacySwitch, toolsetOnly, toolsetSwitch } from './anthropic-mcp-toolsets.js';
import { type DeclaredVerdict, declaredServerVerdict, declaredToolVerdict } from './declared-tool-verdict.js';
import type { Enforcer, RequestState } from './enforcer.js';
import { gatewayDecision } from './gateway-decision.js';
import type { PolicyVerdict } from './ports.js';
import { type RequestToolsResult, serverLocation } from './responses-request-tools.js';
import type { ChoiceRemovals, ToolRef } from './tool-choice.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Bounds on what one request may declare; past them the request is refused, never waved through. */
const MAX_SERVERS = 64;
const MAX_TOOLS = 512;
const MAX_ID = 2048;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const NONE: RequestToolsResult = { changed: false, refuse: undefined };

const DISABLED_WHY =
  'MCP connector: tool disabled, the provider would run it itself with no approval step and arguments the gateway sees only after it ran';

type ServerReview =
  | { kind: 'removed' }
  | { kind: 'refused'; decision: PolicyVerdict }
  | { kind: 'kept'; changed: boolean; enabled: string[]; unknown: boolean };

/**
 * Reviews `body.mcp_servers` and the `mcp_toolset` entries of `body.tools` in place. Malformed
 * entries are a 400; `refuse` is set when nothing sensible can go upstream.
 */
export function reviewAnthropicMcpServers(
  enforcer: Enforcer,
  state: RequestState,
  body: Obj,
  /** The request's `anthropic-beta` header: which connector version the provider applies. */
  beta: unknown,
): RequestToolsResult {
  const servers = body.mcp_servers;
  if (servers === undefined || servers === null) return NONE;
  if (!Array.isArray(servers) || servers.length > MAX_SERVERS)
    throw badConnector(`mcp_servers must be an array of at most ${MAX_SERVERS}`, 'mcp_servers');
  const tools = body.tools ?? [];
  if (!Array.isArray(tools) || tools.length > MAX_TOOLS)
    throw badConnector(`tools must be an array of at most ${MAX_TOOLS}`, 'tools');

  const toolsets = new Map<string, Obj[]>();
  for (const t of tools) {
    if (!isObj(t) || t.type !== 'mcp_toolset') continue;
    const n = t.mcp_server_name;
    if (typeof n !== 'string' || n === '' || n.length > MAX_ID)
      throw badConnector('an mcp_toolset needs an mcp_server_name');
    toolsets.set(n, [...(toolsets.get(n) ?? []), t]);
  }
  const names = new Set<string>();
  for (const s of servers) {
    if (!isObj(s)) throw badConnector('each mcp_servers entry must be an object', 'mcp_servers');
    const n = s.name;
    if (typeof n !== 'string' || n === '' || n.length > MAX_ID)
      throw badConnector('each mcp_servers entry needs a name', 'mcp_servers');
    // Two entries under one name would make "remove the denied one and its toolset" ambiguous.
    if (names.has(n)) throw badConnector(`mcp server ${n} is listed twice`, 'mcp_servers');
    names.add(n);
  }

  const kept: Obj[] = [];
  const removed = new Set<string>();
  /** Tools the review disabled, and the decision a tool_choice forcing one is refused with. */
  const disabled = new Map<string, PolicyVerdict | undefined>();
  const enabled = new Set<string>();
  let withTools = 0;
  let changed = false;
  for (const s of servers as Obj[]) {
    const name = s.name as string;
    const r = reviewServer(enforcer, state, s, name, toolsets.get(name) ?? [], toolsetOnly(beta), disabled);
    if (r.kind === 'refused') return { changed, refuse: r.decision };
    if (r.kind === 'removed') {
      removed.add(name);
      changed = true;
      continue;
    }
    kept.push(s);
    changed ||= r.changed;
    for (const t of r.enabled) enabled.add(t);
    if (r.unknown || r.enabled.length > 0) withTools++;
  }
  if (!changed) return { ...NONE, connectorTools: withTools };
  body.mcp_servers = kept;
  const keptTools = tools.filter(
    (t) => !(isObj(t) && t.type === 'mcp_toolset' && removed.has(t.mcp_server_name as string)),
  );
  if (keptTools.length !== tools.length) body.tools = keptTools;
  // Client tools under a disabled tool's name still satisfy a tool_choice naming it (unless the
  // definition check withholds them, which its own removals say).
  for (const t of keptTools)
    if (isObj(t) && t.type !== 'mcp_toolset' && typeof t.name === 'string') enabled.add(t.name);
  return {
    changed,
    refuse: undefined,
    removals: disabledTools(enforcer, state, disabled, enabled),
    connectorTools: withTools,
  };
}

function reviewServer(
  enforcer: Enforcer,
  state: RequestState,
  s: Obj,
  name: string,
  toolsets: Obj[],
  current: boolean,
  disabled: Map<string, PolicyVerdict | undefined>,
): ServerReview {
  if (s.type !== 'url') throw badConnector(`mcp server ${name}: type must be "url"`, 'mcp_servers');
  if (s.authorization_token !== undefined && typeof s.authorization_token !== 'string')
    throw badConnector(`mcp server ${name}: authorization_token must be a string`, 'mcp_servers');
  const where = serverUrl(s.url);
  if (where === undefined)
    throw badConnector(`mcp server ${name}: url must be an https URL (http only for a loopback host)`, 'mcp_servers');
  // The old format enables tools on the server entry (all by default), whatever toolsets say: unless
  // the request is on the current version only, it is what the provider may apply.
  const switches = toolsets.map((t) => toolsetSwitch(t, name));
  if (!current || s.tool_configuration !== undefined || switches.length === 0) switches.push(legacySwitch(s, name));
  const denied = declaredServerVerdict(enforcer, state, name, [name, where]);
  if (denied !== undefined) {
    for (const w of switches) for (const t of w.names ?? []) disabled.set(t, denied);
    return { kind: 'removed' };
  }
  let changed = switches.some((w) => w.changed);
  if (switches.some((w) => w.names === undefined)) {
    const d = gatewayDecision(enforcer, state, {
      action: 'list-tools',
      resource: name,
      effect: 'deny',
      reason: `MCP connector server ${name} enables tools it does not name, so the gateway cannot review the tools the provider would run; name them: an mcp_toolset with default_config {"enabled": false} and configs {"<tool>": {"enabled": true}} (or tool_configuration.allowed_tools)`,
      rule: 'mcp-connector-unenumerated',
    });
    if (enforcer.config.mode === 'enforce') return { kind: 'refused', decision: d };
    return { kind: 'kept', changed, enabled: [], unknown: true };
  }

  const verdicts = new Map<string, DeclaredVerdict>();
  for (const w of switches)
    for (const t of w.names ?? []) if (!verdicts.has(t)) verdicts.set(t, toolVerdict(enforcer, state, t, name));
  const on: string[] = [];
  for (const [t, v] of verdicts) {
    if (v.kind === 'allow') {
      on.push(t);
      continue;
    }
    for (const w of switches) if (w.names?.includes(t)) w.disable(t);
    disabled.set(t, v.kind === 'deny' ? v.decision : undefined);
    changed = true;
  }
  // Every tool it named is off: the server goes too (the provider would still connect to it, token and all).
  if (verdicts.size > 0 && on.length === 0) {
    gatewayDecision(enforcer, state, {
      action: 'list-tools',
      resource: name,
      effect: 'deny',
      reason: `MCP connector server ${name}: every tool it enables was disabled, so the server is removed`,
      rule: 'mcp-connector-no-tools',
    });
    return { kind: 'removed' };
  }
  return { kind: 'kept', changed, enabled: on, unknown: false };
}

/** declaredToolVerdict, with the reason a `review` tool is disabled here (not kept, as for Responses). */
function toolVerdict(enforcer: Enforcer, state: RequestState, tool: string, server: string): DeclaredVerdict {
  const v = declaredToolVerdict(enforcer, state, tool, server);
  if (v.kind === 'review') state.decisions[state.decisions.length - 1]?.reasons.push(DISABLED_WHY);
  return v;
}

/** The URL as a policy resource (serverLocation: scheme, host, path), when the connector may use it. */
function serverUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const where = serverLocation({ server_url: url });
  if (typeof where !== 'string') return undefined;
  const u = new URL(url);
  return u.protocol === 'https:' || LOOPBACK.has(u.hostname) ? where : undefined;
}

/**
 * The tools the review turned off, for the tool_choice check after every review (tool-choice.ts): a
 * choice forcing one (or `any` with no tool left) cannot be honoured.
 */
function disabledTools(
  enforcer: Enforcer,
  state: RequestState,
  disabled: Map<string, PolicyVerdict | undefined>,
  enabled: Set<string>,
): ChoiceRemovals | undefined {
  if (disabled.size === 0) return undefined;
  // Disabled for want of a per-call review: no policy deny explains the refusal, the gateway's rule does.
  const why = (tool: string): PolicyVerdict =>
    disabled.get(tool) ??
    gatewayDecision(enforcer, state, {
      action: 'call-tool',
      resource: tool,
      effect: 'deny',
      reason: `tool_choice forces MCP connector tool ${tool}, which the gateway disabled: policy must review each of its calls (approval, argument constraints or rate limits), which the MCP connector does not allow`,
      rule: 'mcp-connector-unreviewable',
    });
  return {
    gone: (ref: ToolRef) =>
      ref.kind === 'tool' && disabled.has(ref.name) && !enabled.has(ref.name) ? why(ref.name) : undefined,
    first: () => {
      const first = disabled.keys().next().value;
      return first === undefined ? undefined : why(first);
    },
  };
}
