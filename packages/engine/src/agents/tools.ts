// Tools defined in one source file: decorated functions, wrapped functions, built-in tool classes,
// JS tool helpers with inline execute functions, and tools registered on MCP servers built with the
// SDKs. Each tool carries its capabilities (from what its body calls) and whether it asks a person.
import { type CallSite, calleeUnder, type SourceModel, stringOf, type Value } from '../lang/index.js';
import {
  type Capability,
  functionAsksApproval,
  functionCapabilities,
  functionInferredCapabilities,
} from './capabilities.js';

import {
  type ArgRef,
  BUILTIN_TOOLS,
  type BuiltinTool,
  JS_TOOL_HELPERS,
  LOAD_TOOLS_NAMES,
  MCP_SERVER_CTORS,
  TOOL_APPROVAL_KWARGS,
  TOOL_BASE_CLASSES,
  TOOL_DECORATORS,
  TOOL_METHOD_DECORATORS,
  TOOL_WRAPPERS,
  TOOLKIT_METHODS,
} from './frameworks.js';
import { sandboxOf } from './sandboxes.js';

/** Capabilities of a tool function: what it visibly calls, plus what its injected dependencies suggest. */
function toolFunctionCaps(
  model: SourceModel,
  fn: number,
): { capabilities: Set<Capability>; inferred?: Set<Capability> } {
  const capabilities = functionCapabilities(model, fn);
  const inferred = new Set([...functionInferredCapabilities(model, fn)].filter((c) => !capabilities.has(c)));
  for (const c of inferred) capabilities.add(c);
  return inferred.size > 0 ? { capabilities, inferred } : { capabilities };
}

export interface FoundTool {
  name: string;
  line: number;
  capabilities: Set<Capability>;
  approval: boolean;
  /** Capabilities inferred from the names of injected dependencies (`ctx.deps.client.post`), also in `capabilities`. */
  inferred?: Set<Capability>;
  /** How it was defined: decorator, wrapper, builtin, js-helper, mcp-server. */
  via: string;
  /** Local names that refer to it (function name, variable it is bound to). */
  refs: Set<string>;
  /** Call index that created it (builtins, wrappers, helpers), for inline use in tools=[X()]. */
  call?: number;
  /** For `@agent.tool` methods: the resolved receiver ("pydantic_ai.Agent()"), to link the tool to its agent. */
  owner?: string;
  /** For tool classes: the calls in this file that construct one (tools=[MyTool()]). */
  ctorCalls?: Set<number>;
  /** For tools registered on an MCP server object in this file: the server's constructor call index. */
  mcpServerCall?: number;
  /** The sandbox it runs code or commands in (e2b, docker, openai-container), when not the host. */
  sandbox?: string;
}

export function arg(call: CallSite, ref: ArgRef | undefined): Value | undefined {
  if (!ref) return undefined;
  return (
    (ref.kw !== undefined ? call.kwargs[ref.kw] : undefined) ?? (ref.pos !== undefined ? call.args[ref.pos] : undefined)
  );
}

const lastSegment = (q: string) => q.slice(q.lastIndexOf('.') + 1);

/** Variables bound to the result of call `index`. */
function boundNames(model: SourceModel, index: number): string[] {
  return model.assignments
    .filter((a) => a.calls.includes(index) && a.value.kind === 'call' && a.value.call === index)
    .map((a) => a.target);
}

/** The first function that starts at or after `line` inside `scope`: the inline handler of a helper call. */
function inlineFunction(model: SourceModel, line: number, scope: number): number | undefined {
  let best: number | undefined;
  for (const f of model.functions) {
    if (f.parent !== scope || f.line < line) continue;
    if (best === undefined || f.line < model.functions[best]!.line) best = f.index;
  }
  return best !== undefined && model.functions[best]!.line - line <= 40 ? best : undefined;
}

/** A tool or toolkit construction that puts a person in the loop (`needs_approval=True`, a non-empty list of tools to confirm). */
function asksApproval(kwargs: Record<string, Value>): boolean {
  return TOOL_APPROVAL_KWARGS.some((k) => {
    const v = kwargs[k];
    if (!v) return false;
    if (v.kind === 'bool') return v.value;
    if (v.kind === 'list') return v.items.length > 0;
    return stringOf(v) === 'true';
  });
}

/** Literal strings of a list argument; undefined when it is absent or not a literal list of strings. */
function stringList(v: Value | undefined): string[] | undefined {
  if (v?.kind !== 'list') return undefined;
  const out = v.items.map((i) => stringOf(i));
  return out.every((x): x is string => x !== undefined) ? out : undefined;
}

/**
 * A toolkit's capabilities as constructed: functions switched off (`enable_save_file=False`), left
 * out of `include_tools=[...]` or named in `exclude_tools=[...]` take their capability with them.
 * Values that are not literals switch nothing off.
 */
function builtinCapabilities(b: BuiltinTool, c: CallSite): Set<Capability> {
  const caps = new Set<Capability>(b.caps);
  if (!b.functions) return caps;
  const all = c.kwargs.all?.kind === 'bool' && c.kwargs.all.value;
  const include = stringList(c.kwargs.include_tools);
  const exclude = stringList(c.kwargs.exclude_tools) ?? [];
  const on = (fn: string) => {
    if (include && !include.includes(fn)) return false;
    if (exclude.includes(fn)) return false;
    if (all) return true;
    const key = [`enable_${fn}`, fn].find((k) => Object.hasOwn(c.kwargs, k));
    const flag = key === undefined ? undefined : c.kwargs[key];
    if (flag?.kind === 'bool') return flag.value;
    // A flag that is not a literal may be true; an opt-in function without one is off.
    return flag !== undefined || !b.optIn?.includes(fn);
  };
  for (const [cap, fns] of Object.entries(b.functions) as Array<[Capability, readonly string[]]>)
    if (!fns.some(on)) caps.delete(cap);
  return caps;
}

export function findTools(model: SourceModel): FoundTool[] {
  const tools: FoundTool[] = [];
  const isMcpMethod = (callee: string, method: RegExp) =>
    MCP_SERVER_CTORS.some((p) => callee.startsWith(`${p}().`) && method.test(callee.slice(p.length + 3)));

  // 1. Decorated functions.
  for (const f of model.functions) {
    for (const d of f.decorators) {
      const isTool = TOOL_DECORATORS.some((p) => calleeUnder(d.callee, p)) || TOOL_METHOD_DECORATORS.test(d.callee);
      if (!isTool) continue;
      const onMcp = isMcpMethod(d.callee, /^tool$/);
      const name = stringOf(d.kwargs.name) ?? stringOf(d.args[0]) ?? lastSegment(f.name);
      const needsApproval = asksApproval(d.kwargs);
      tools.push({
        name,
        line: f.line,
        ...toolFunctionCaps(model, f.index),
        approval: Boolean(needsApproval) || functionAsksApproval(model, f.index),
        via: onMcp ? 'mcp-server' : 'decorator',
        refs: new Set([lastSegment(f.name)]),
        ...(TOOL_METHOD_DECORATORS.test(d.callee) && !onMcp
          ? { owner: d.callee.replace(TOOL_METHOD_DECORATORS, '') }
          : {}),
      });
      break;
    }
  }
  // 1b. Tool classes (smolagents Tool.forward, CrewAI/LangChain BaseTool._run), when the base is imported.
  const methods = new Set(
    TOOL_BASE_CLASSES.filter((b) => model.imports.some((i) => i.module === b.module && i.name === b.name)).map(
      (b) => b.method,
    ),
  );
  for (const f of model.functions) {
    const m = /^([A-Za-z_]\w*)\.(\w+)$/.exec(f.name);
    if (!m || !methods.has(m[2]!)) continue;
    const cls = m[1]!;
    const ctorCalls = model.calls.filter((c) => lastSegment(c.callee) === cls);
    tools.push({
      name: cls,
      line: f.line,
      capabilities: functionCapabilities(model, f.index),
      approval: functionAsksApproval(model, f.index),
      via: 'class',
      refs: new Set([cls, ...ctorCalls.flatMap((c) => boundNames(model, c.index))]),
      ctorCalls: new Set(ctorCalls.map((c) => c.index)),
    });
  }
  for (const c of model.calls) {
    // 2. Wrappers around a named function.
    const wrap = TOOL_WRAPPERS.find(
      (w) => calleeUnder(c.callee, w.callee) && !c.callee.slice(w.callee.length).includes('.'),
    );
    if (wrap) {
      const fnVal = arg(c, wrap.fn);
      const fnName = fnVal?.kind === 'name' ? lastSegment(fnVal.qname) : undefined;
      const fn = fnName ? model.functions.find((f) => lastSegment(f.name) === fnName) : undefined;
      tools.push({
        // `new_tool = FunctionTool(make_fn())`: the variable names it better than "tool".
        name: stringOf(arg(c, wrap.name)) ?? fnName ?? boundNames(model, c.index)[0] ?? 'tool',
        line: c.line,
        capabilities: fn ? functionCapabilities(model, fn.index) : new Set(),
        approval: fn ? functionAsksApproval(model, fn.index) : false,
        via: 'wrapper',
        refs: new Set(boundNames(model, c.index)),
        call: c.index,
      });
      continue;
    }
    // 3. Built-in tool classes, and toolkits handing over their tools (`TerminalToolkit().get_tools()`).
    const builtin = BUILTIN_TOOLS.find(
      (b) =>
        (calleeUnder(c.callee, b.callee) && !c.callee.slice(b.callee.length).includes('.')) ||
        TOOLKIT_METHODS.some((m) => c.callee === `${b.callee}().${m}`),
    );
    if (builtin) {
      // The toolkit construction inside `Toolkit().get_tools()` is the same tool: count it once.
      const handsOver = model.calls.some(
        (o) => o.line === c.line && TOOLKIT_METHODS.some((m) => o.callee === `${c.callee}().${m}`),
      );
      if (handsOver) continue;
      // For `Toolkit(sandbox="docker").get_tools()` the arguments are the construction's, not get_tools'.
      const ctor =
        c.callee === builtin.callee
          ? c
          : (model.calls.find((o) => o.line === c.line && o.callee === builtin.callee) ?? c);
      const sandbox = builtin.sandbox ?? sandboxOf(model, ctor, builtin.callee);
      tools.push({
        name: builtin.name,
        line: c.line,
        capabilities: builtinCapabilities(builtin, ctor),
        // ShellTool(needs_approval=True) in the OpenAI Agents SDK asks before each command; Agno
        // toolkits take requires_confirmation_tools=[...].
        approval: asksApproval(ctor.kwargs),
        via: 'builtin',
        refs: new Set(boundNames(model, c.index)),
        call: c.index,
        ...(sandbox ? { sandbox } : {}),
      });
      continue;
    }
    if (
      calleeUnder(c.callee, 'langchain.agents.load_tools') ||
      calleeUnder(c.callee, 'langchain_community.agent_toolkits.load_tools.load_tools')
    ) {
      const list = c.args[0];
      for (const item of list?.kind === 'list' ? list.items : []) {
        const n = stringOf(item);
        if (n)
          tools.push({
            name: n,
            line: c.line,
            // Own keys only: a tool named "constructor" in scanned code must not find Object.prototype.
            capabilities: new Set((Object.hasOwn(LOAD_TOOLS_NAMES, n) ? LOAD_TOOLS_NAMES[n] : undefined) ?? []),
            approval: false,
            via: 'builtin',
            refs: new Set(boundNames(model, c.index)),
            call: c.index,
          });
      }
      continue;
    }
    // 4. JS helpers with an inline execute function.
    const helper = JS_TOOL_HELPERS.find((h) => c.callee === h.callee);
    if (helper) {
      const fn = inlineFunction(model, c.line, c.scope);
      const refs = boundNames(model, c.index);
      tools.push({
        name: stringOf(arg(c, helper.name)) ?? refs[0] ?? 'tool',
        line: c.line,
        capabilities: fn !== undefined ? functionCapabilities(model, fn) : new Set(),
        approval:
          (c.kwargs.needsApproval?.kind === 'bool' && c.kwargs.needsApproval.value) ||
          (fn !== undefined && functionAsksApproval(model, fn)),
        via: 'js-helper',
        refs: new Set(refs),
        call: c.index,
      });
      continue;
    }
    // 5. server.tool("name", ..., handler) / server.registerTool("name", ...) on an MCP SDK server.
    if (isMcpMethod(c.callee, /^(tool|registerTool)$/) && stringOf(c.args[0])) {
      const fn = inlineFunction(model, c.line, c.scope);
      tools.push({
        name: stringOf(c.args[0])!,
        line: c.line,
        capabilities: fn !== undefined ? functionCapabilities(model, fn) : new Set(),
        approval: false,
        via: 'mcp-server',
        refs: new Set(),
        call: c.index,
      });
    }
  }
  return tools;
}

/** Resolve the tools an agent receives (a list, a dict of tools, or a single value) to found tools. */
export function resolveToolRefs(
  v: Value | undefined,
  tools: FoundTool[],
  line: number,
  /** Set when the framework turns plain functions into tools: the file they may be defined in. */
  plain?: SourceModel,
  depth = 0,
): FoundTool[] {
  if (!v || depth > 8) return [];
  if (v.kind === 'list') return v.items.flatMap((i) => resolveToolRefs(i, tools, line, plain, depth + 1));
  if (v.kind === 'dict') return v.entries.flatMap((e) => resolveToolRefs(e.value, tools, line, plain, depth + 1));
  if (v.kind === 'name') {
    const n = lastSegment(v.qname);
    const known = tools.filter((t) => t.refs.has(n) || t.refs.has(v.qname));
    if (known.length > 0) return known;
    // tools=[get_weather] with `def get_weather` at module level of this file (ADK, PydanticAI, ...).
    const fn = plain && v.qname === n ? plain.functions.find((f) => f.parent === -1 && f.name === n) : undefined;
    if (fn && plain) {
      const t: FoundTool = {
        name: n,
        line: fn.line,
        ...toolFunctionCaps(plain, fn.index),
        approval: functionAsksApproval(plain, fn.index),
        via: 'function',
        refs: new Set([n]),
      };
      tools.push(t);
      return [t];
    }
    // A built-in tool object passed by name without being called (google.adk.tools.google_search).
    // Or one method of a toolkit handed over as a function (CAMEL `tools=[TerminalToolkit().shell_exec]`).
    const builtin = BUILTIN_TOOLS.find(
      (b) =>
        b.callee === v.qname ||
        (v.qname.startsWith(`${b.callee}().`) && !v.qname.slice(b.callee.length + 3).includes('.')),
    );
    if (!builtin) return [];
    const method = builtin.callee === v.qname ? undefined : n;
    const t: FoundTool = {
      name: method ?? builtin.name,
      line,
      capabilities: new Set(
        method && builtin.functions
          ? builtin.caps.filter((cap) => builtin.functions?.[cap]?.includes(method) ?? true)
          : builtin.caps,
      ),
      approval: false,
      via: 'builtin',
      refs: new Set([n, v.qname]),
      ...(builtin.sandbox ? { sandbox: builtin.sandbox } : {}),
    };
    tools.push(t);
    return [t];
  }
  if (v.kind === 'call') return tools.filter((t) => t.call === v.call || t.ctorCalls?.has(v.call));
  return [];
}
