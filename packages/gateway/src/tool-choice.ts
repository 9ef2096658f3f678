// One reading of a request's `tool_choice` for the three API shapes, for every review that removes
// or disables tools (declared-tools-check.ts, server-tools.ts, responses-request-tools.ts,
// anthropic-mcp-servers.ts): which tools the model is made to call, if any. A form the gateway does
// not know is refused with a 400 in the provider's format, never passed on: it may force a tool by a
// spelling no review understood (a removed tool reached anyway), and the provider would refuse a form
// it does not know either, so a refusal costs a well-formed request nothing.
import type { PolicyVerdict } from './ports.js';
import { GatewayHttpError } from './provider-errors.js';
import type { ApiPath } from './upstream.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Entries an allowed_tools choice may list (the APIs' own bound on tools). */
const MAX_ALLOWED = 512;
const MAX_NAME = 256;

/**
 * A tool as a choice names it. `tool`: an Anthropic tool by name (a client tool, a server tool or
 * an MCP connector tool); `function` / `custom`: OpenAI tools by name; `hosted`: a Responses tool
 * the provider runs, by type; `mcp`: a Responses remote MCP server, or one of its tools.
 */
export type ToolRef =
  | { kind: 'tool' | 'function' | 'custom'; name: string }
  | { kind: 'hosted'; type: string }
  | { kind: 'mcp'; server: string; name: string | undefined };

/**
 * What a choice asks of the model. `auto` / `none`: nothing forced (the field absent reads as
 * `auto`). `required`: some tool, any of those declared. `among`: a tool from `tools` (one named
 * tool, or allowed_tools); `required: false` (allowed_tools in auto mode) only narrows the choice.
 */
export type ToolChoice =
  | { mode: 'auto' | 'none' | 'required' }
  | { mode: 'among'; tools: ToolRef[]; required: boolean };

/** Reads `choice` for the API at `path`; throws a 400 GatewayHttpError for a form it does not know. */
export function readToolChoice(path: ApiPath, choice: unknown): ToolChoice {
  if (choice === undefined || choice === null) return { mode: 'auto' };
  if (path === '/v1/messages') return anthropicChoice(choice);
  if (choice === 'none' || choice === 'auto' || choice === 'required') return { mode: choice };
  if (!isObj(choice) || typeof choice.type !== 'string') throw bad(path);
  if (choice.type === 'allowed_tools') {
    // Chat nests the list and mode in `allowed_tools`; Responses puts them on the choice itself.
    const spec = path === '/v1/chat/completions' ? choice.allowed_tools : choice;
    if (!isObj(spec) || (spec.mode !== 'auto' && spec.mode !== 'required') || !Array.isArray(spec.tools))
      throw bad(path, 'allowed_tools needs a mode (auto or required) and a list of tools');
    if (spec.tools.length > MAX_ALLOWED) throw bad(path, `allowed_tools lists more than ${MAX_ALLOWED} tools`);
    return { mode: 'among', tools: spec.tools.map((t) => toolRef(path, t)), required: spec.mode === 'required' };
  }
  return { mode: 'among', tools: [toolRef(path, choice)], required: true };
}

function anthropicChoice(choice: unknown): ToolChoice {
  if (!isObj(choice)) throw bad('/v1/messages');
  const p = choice.disable_parallel_tool_use;
  if (p !== undefined && typeof p !== 'boolean')
    throw bad('/v1/messages', 'disable_parallel_tool_use must be a boolean');
  switch (choice.type) {
    case 'auto':
    case 'none':
      return { mode: choice.type };
    case 'any':
      return { mode: 'required' };
    case 'tool':
      return { mode: 'among', tools: [{ kind: 'tool', name: nameOf('/v1/messages', choice.name) }], required: true };
    default:
      throw bad('/v1/messages');
  }
}

/** One tool a chat or Responses choice names (alone, or in allowed_tools). */
function toolRef(path: ApiPath, t: unknown): ToolRef {
  if (!isObj(t) || typeof t.type !== 'string' || t.type === '' || t.type.length > MAX_NAME) throw bad(path);
  if (path === '/v1/chat/completions') {
    if (t.type === 'function' && isObj(t.function)) return { kind: 'function', name: nameOf(path, t.function.name) };
    if (t.type === 'custom' && isObj(t.custom)) return { kind: 'custom', name: nameOf(path, t.custom.name) };
    throw bad(path);
  }
  if (t.type === 'function' || t.type === 'custom') return { kind: t.type, name: nameOf(path, t.name) };
  if (t.type === 'mcp') {
    if (typeof t.server_label !== 'string' || t.server_label === '')
      throw bad(path, 'an mcp tool_choice needs a server_label');
    const name = t.name === undefined || t.name === null ? undefined : nameOf(path, t.name);
    return { kind: 'mcp', server: t.server_label, name };
  }
  if (t.type === 'allowed_tools') throw bad(path);
  // A tool the provider runs, chosen by its type (file_search, web_search_preview, code_interpreter,
  // image_generation, and types the gateway does not know yet, which server-tools.ts reviews the same way).
  return { kind: 'hosted', type: t.type };
}

function nameOf(path: ApiPath, n: unknown): string {
  if (typeof n !== 'string' || n === '' || n.length > MAX_NAME)
    throw bad(path, 'a tool_choice that names a tool needs its name');
  return n;
}

function bad(path: ApiPath, why?: string): GatewayHttpError {
  const forms =
    path === '/v1/messages'
      ? '{type: auto | any | none} or {type: tool, name}'
      : path === '/v1/chat/completions'
        ? 'none, auto, required, {type: function, function: {name}}, {type: custom, custom: {name}} or {type: allowed_tools, allowed_tools: {mode, tools}}'
        : 'none, auto, required, {type: function | custom, name}, {type: mcp, server_label, name?}, a hosted tool type, or {type: allowed_tools, mode, tools}';
  return new GatewayHttpError(
    'invalid_request',
    'invalid_tool_choice',
    `${why ?? 'tool_choice has a form the gateway does not know'}; expected ${forms}`,
    'tool_choice',
  );
}

/**
 * What one review removed, as a tool_choice names it: why `ref` is gone (undefined: still there, or
 * never declared), and the decision for "required, none left" (asked for only then: it may record one).
 */
export interface ChoiceRemovals {
  gone(ref: ToolRef): PolicyVerdict | undefined;
  first(): PolicyVerdict | undefined;
}

/**
 * One check of the request's choice after every review has run (the Responses and Anthropic
 * request-tool reviews, then the definition check): a choice is judged on what all of them removed
 * together, so an allowed_tools list whose tools went partly in one review and partly in another is
 * refused too, and "required" looks at the tools finally left: `body.tools` (Anthropic `mcp_toolset`
 * entries aside) and `connectorTools`, the MCP connector servers left with tools enabled.
 */
export function refusedAfterReviews(
  path: ApiPath,
  body: Obj,
  removals: ReadonlyArray<ChoiceRemovals | undefined>,
  connectorTools = 0,
): PolicyVerdict | undefined {
  const all = removals.filter((r): r is ChoiceRemovals => r !== undefined);
  if (all.length === 0) return undefined;
  const gone = (ref: ToolRef): PolicyVerdict | undefined => {
    for (const r of all) {
      const v = r.gone(ref);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const first = (): PolicyVerdict | undefined => {
    for (const r of all) {
      const v = r.first();
      if (v !== undefined) return v;
    }
    return undefined;
  };
  let left = connectorTools;
  if (Array.isArray(body.tools))
    for (const t of body.tools) if (path !== '/v1/messages' || !isObj(t) || t.type !== 'mcp_toolset') left++;
  return refusedChoice(readToolChoice(path, body.tool_choice), gone, left > 0, first);
}

/**
 * The decision a request is refused with when its choice cannot be honoured after a review removed
 * tools: it forces a tool that is gone (every tool of an allowed_tools list in required mode), or
 * requires some tool when none is left. `removed(ref)` says why a tool is gone (undefined: it is
 * still there, or was never declared); `anyLeft` whether any tool remains; `first` the decision for
 * "required, none left" (asked for only then: it may record a decision).
 */
export function refusedChoice(
  choice: ToolChoice,
  removed: (ref: ToolRef) => PolicyVerdict | undefined,
  anyLeft: boolean,
  first: () => PolicyVerdict | undefined,
): PolicyVerdict | undefined {
  if (choice.mode === 'required') return anyLeft ? undefined : first();
  if (choice.mode !== 'among' || !choice.required || choice.tools.length === 0) return undefined;
  let verdict: PolicyVerdict | undefined;
  for (const t of choice.tools) {
    const v = removed(t);
    if (v === undefined) return undefined; // that one is still there (or the provider will say it never was)
    verdict ??= v;
  }
  return verdict;
}
