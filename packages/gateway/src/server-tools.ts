// Tools the PROVIDER runs (web search, web fetch, code execution, file search, image generation):
// declared in the request, called and answered inside the provider while it generates, so the
// gateway only ever sees their calls after they ran. The request is the one place policy can act:
// each such tool is a `call-tool` decision by name before the request goes upstream, and a tool that
// policy denies, or allows only case by case (approval, argument constraints, rate limits: nothing
// the gateway could check on a call it never holds), is removed (enforce mode). Tools the client runs
// (functions, custom tools, bash, text editor, computer use, local shell) are reviewed when the model
// proposes a call, as before; remote MCP servers have their own reviews. An unknown tool type may
// be run by the provider, so it is treated as such (fail closed).
import { declaredToolVerdict } from './declared-tool-verdict.js';
import type { Enforcer, RequestState } from './enforcer.js';
import type { PolicyVerdict } from './ports.js';
import type { ApiPath } from './upstream.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Responses tool types the client runs, or that other reviews own (function, custom, mcp). */
const RESPONSES_NOT_SERVER = new Set([
  'function',
  'custom',
  'mcp',
  'computer_use_preview',
  'computer',
  'local_shell',
  'shell',
  'apply_patch',
]);
/** Anthropic tool types (versioned, e.g. bash_20250124) the client runs; no type = a custom tool. */
const ANTHROPIC_CLIENT_PREFIXES = ['custom', 'bash_', 'text_editor_', 'computer_', 'memory_'];

export interface ServerToolsResult {
  /** Names of the server tools removed (tool_choice may not force them). */
  removed: Map<string, PolicyVerdict>;
  /** The request must be refused (a chat web search that policy denies). */
  refuse: PolicyVerdict | undefined;
}

/** The policy name of a provider-run tool, or undefined when the client runs it (or another review owns it). */
export function serverToolName(path: ApiPath, t: Obj): string | undefined {
  const type = typeof t.type === 'string' ? t.type : undefined;
  if (path === '/v1/responses') {
    if (type === undefined || RESPONSES_NOT_SERVER.has(type)) return undefined;
    return type;
  }
  if (path === '/v1/messages') {
    if (type === undefined || type === 'mcp_toolset') return undefined;
    if (ANTHROPIC_CLIENT_PREFIXES.some((p) => type.startsWith(p))) return undefined;
    return typeof t.name === 'string' ? t.name : type;
  }
  return undefined;
}

/** Reviews the provider-run tools of `body` in place (enforce mode removes what policy does not allow outright). */
export function reviewServerTools(
  enforcer: Enforcer,
  state: RequestState,
  path: ApiPath,
  body: Obj,
): ServerToolsResult {
  const removed = new Map<string, PolicyVerdict>();
  const verdictOn = (name: string): PolicyVerdict | undefined => {
    const r = declaredToolVerdict(enforcer, state, name, undefined);
    if (r.kind === 'allow') return undefined;
    const last = state.decisions[state.decisions.length - 1];
    if (r.kind === 'deny') return r.decision;
    // Allowed only case by case: the provider runs the call, the gateway never holds it.
    last?.reasons.push(
      `${name} is run by the provider: its calls cannot be held for approval or checked before they run`,
    );
    return {
      id: last?.id ?? `${state.requestId}:server-tool`,
      effect: 'deny',
      applied: 'deny',
      mode: 'enforce',
      policyRevision: last?.policyRevision ?? '',
      reasons: [{ message: `${name} is run by the provider, and policy allows it only call by call` }],
    };
  };
  if (path === '/v1/chat/completions') {
    // Search models search inside the provider; the option is their declaration.
    if (body.web_search_options === undefined) return { removed, refuse: undefined };
    const v = verdictOn('web_search');
    return { removed, refuse: v !== undefined && enforcer.config.mode === 'enforce' ? v : undefined };
  }
  const tools = body.tools;
  if (!Array.isArray(tools)) return { removed, refuse: undefined };
  const kept: unknown[] = [];
  for (const t of tools) {
    const name = isObj(t) ? serverToolName(path, t) : undefined;
    const v = name === undefined ? undefined : verdictOn(name);
    if (v === undefined || enforcer.config.mode !== 'enforce') kept.push(t);
    else removed.set(name as string, v);
  }
  if (removed.size > 0) body.tools = kept;
  return { removed, refuse: undefined };
}
