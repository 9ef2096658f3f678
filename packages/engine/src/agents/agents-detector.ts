// Agents and their tools in Python and JS/TS code, across frameworks (LangChain/LangGraph, CrewAI,
// AutoGen/AG2, OpenAI Agents SDK, LlamaIndex, Semantic Kernel, smolagents, PydanticAI, Google ADK,
// Agno, CAMEL, Haystack, Vercel AI SDK, Mastra) and MCP servers written with the SDKs. Emits agent, tool and mcp-server
// assets with capability labels and relations, and excessive-agency findings.
import { type Asset, assetId, type Detector, type DetectorOutput, emptyOutput } from '@rampart/core';
import { codeApplies, fileRef, hintPattern, loadSource, type SourceRef } from '../discovery/code-file.js';
import { modelOfProviderCall } from '../discovery/llm-clients.js';
import { plausibleModelId, providerOfModel, splitRoute } from '../discovery/model-ids.js';
import { type AnalyzedSource, type CallSite, stringOf, type Value } from '../lang/index.js';
import { agentSelfFindings, toolFindings } from './agency.js';
import type { Capability } from './capabilities.js';
import { type DelegateRef, delegatesOf, isAgentWrapper } from './delegation.js';
import { AGENT_SPECS, MCP_SERVER_CTORS } from './frameworks.js';
import { sandboxOf } from './sandboxes.js';
import { arg, type FoundTool, findTools, resolveToolRefs } from './tools.js';

export const AGENTS_DETECTOR_ID = 'code-agents';

const HINTS = hintPattern([
  'agent',
  'tool',
  'crewai',
  'autogen',
  'smolagents',
  'pydantic_ai',
  'langgraph',
  'llama_index',
  'semantic_kernel',
  'google.adk',
  'mastra',
  'FastMCP',
  'McpServer',
  'modelcontextprotocol',
  "from 'ai'",
  'from "ai"',
]);

const BROAD_ENV =
  /^(AWS_SECRET_ACCESS_KEY|AZURE_CLIENT_SECRET|GOOGLE_APPLICATION_CREDENTIALS|.*(ADMIN|ROOT|SUPERUSER|MASTER).*(KEY|TOKEN|PASSWORD|SECRET).*)$/;

function modelAsset(v: string, location: Asset['locations'][number]): Asset | undefined {
  if (!plausibleModelId(v)) return undefined;
  const routed = splitRoute(v);
  const provider = routed?.provider ?? providerOfModel(v);
  const name = routed?.name ?? v;
  return {
    id: assetId('model', provider, name),
    kind: 'model',
    name,
    ...(provider ? { provider } : {}),
    locations: [location],
    // The same property and values as the LLM-client detector's models (hosted-api, self-hosted, weights):
    // a model named by id to an agent is served by its provider, a local Ollama for "ollama/...".
    properties: { hosting: provider === 'ollama' ? 'self-hosted' : 'hosted-api' },
  };
}

/** Environment variables read inside a function (through the values the lang layer folded). */
function envReadsIn(model: AnalyzedSource, fnLine: number, fnEnd: number): string[] {
  const names: string[] = [];
  const visit = (v: unknown, depth = 0): void => {
    if (!v || typeof v !== 'object' || depth > 12) return;
    const val = v as { kind?: string; name?: string };
    if (val.kind === 'env' && typeof val.name === 'string') names.push(val.name);
    for (const x of Object.values(v)) if (x && typeof x === 'object') visit(x, depth + 1);
  };
  for (const a of model.assignments) if (a.line >= fnLine && a.line <= fnEnd) visit(a.value);
  for (const c of model.calls) {
    if (c.line < fnLine || c.line > fnEnd) continue;
    visit(c.args);
    visit(c.kwargs);
  }
  return names;
}

export function findAgents(model: AnalyzedSource, ref: SourceRef): Partial<DetectorOutput> {
  const out = emptyOutput();
  const path = ref.path;
  const tools = findTools(model);
  const toolIds = new Map<FoundTool, string>();
  // Same-named tools built differently in one file (`FileTools()` and `FileTools(enable_save_file=False)`,
  // `ShellTool()` and `ShellTool(needs_approval=True)`) are different assets: the first keeps the plain id.
  const variants = new Map<string, string>();
  const toolAsset = (t: FoundTool): string => {
    let id = toolIds.get(t);
    if (id) return id;
    const variant = `${[...t.capabilities].sort().join(',')}|${t.approval}${t.sandbox ? `|${t.sandbox}` : ''}`;
    const first = variants.get(t.name) ?? variant;
    variants.set(t.name, first);
    id = first === variant ? assetId('tool', 'code', path, t.name) : assetId('tool', 'code', path, t.name, variant);
    toolIds.set(t, id);
    out.assets.push({
      id,
      kind: 'tool',
      name: t.name,
      locations: [ref.locate(t.line)],
      properties: {
        definedVia: t.via,
        capabilities: [...t.capabilities].sort(),
        ...(t.inferred ? { inferredCapabilities: [...t.inferred].sort() } : {}),
        approvalStep: t.approval,
        ...(t.sandbox ? { sandbox: t.sandbox } : {}),
        language: model.language,
        functionNames: [...t.refs].sort(),
        ...broadCredentials(model, t),
      },
    });
    return id;
  };

  // MCP servers written with the SDKs, and the tools registered on them.
  const servers = model.calls.filter((c) => MCP_SERVER_CTORS.some((p) => c.callee === p));
  for (const s of servers) {
    const name = stringOf(s.args[0]) ?? stringOf(s.kwargs.name) ?? path;
    const sid = assetId('mcp-server', 'code', path, name);
    out.assets.push({
      id: sid,
      kind: 'mcp-server',
      name,
      locations: [ref.locate(s.line)],
      properties: { implementation: s.callee, transport: 'defined-in-code' },
    });
    for (const t of tools.filter((x) => x.via === 'mcp-server'))
      out.relations.push({ from: sid, to: toolAsset(t), type: 'provides-tool' });
  }

  // Agents.
  // Agent[Ctx](...) resolves to "agents.Agent[]": the generic parameter does not change what it is.
  const calleeOf = (c: { callee: string }) => (c.callee.endsWith('[]') ? c.callee.slice(0, -2) : c.callee);
  const agentCalls = model.calls.filter((c) => AGENT_SPECS.some((s) => calleeOf(c) === s.callee));
  const agentByCall = new Map<number, Asset>();
  const delegations: Array<{ agent: Asset; refs: DelegateRef[] }> = [];
  for (const c of agentCalls) {
    const spec = AGENT_SPECS.find((s) => calleeOf(c) === s.callee)!;
    // LangGraph: the graph is the agent and its ToolNode(s) hold the tools.
    const toolValue: Value | undefined = spec.toolsFrom
      ? {
          kind: 'list',
          items: toolNodesOf(model, c, spec.toolsFrom.callee).map(
            (t) => arg(t, spec.toolsFrom!.tools) ?? { kind: 'unknown' },
          ),
        }
      : arg(c, spec.tools);
    if (spec.toolsFrom && toolValue?.kind === 'list' && toolValue.items.length === 0) continue;
    const agentTools = resolveToolRefs(toolValue, tools, c.line, spec.plainFunctions ? model : undefined);
    // `@agent.tool` methods (PydanticAI): the receiver resolves to the constructor, not to one variable,
    // so a tool belongs to the nearest agent of that kind defined above it.
    for (const t of tools) {
      if (t.owner !== `${spec.callee}()` || t.line < c.line || agentTools.includes(t)) continue;
      const closer = agentCalls.some(
        (o) => o !== c && calleeOf(o) === calleeOf(c) && o.line > c.line && o.line <= t.line,
      );
      if (!closer) agentTools.push(t);
    }
    if (spec.callee.startsWith('ai.') && agentTools.length === 0) continue; // generateText without tools is not an agent
    // CrewAI's @agent methods build Agent(config=...) with the role in YAML: the method names the agent.
    const enclosing = model.functions[c.scope]?.name;
    // `support = Agent(...)`: the variable is the name people use for the agent.
    const bound = spec.returnsResult
      ? undefined
      : model.assignments.find((a) => a.value.kind === 'call' && a.value.call === c.index)?.target;
    const name =
      stringOf(arg(c, spec.name)) ??
      (bound && /^[A-Za-z_$][\w$]*$/.test(bound) ? bound : undefined) ??
      (enclosing && enclosing !== '<anonymous>' && c.scope >= 0
        ? `${spec.framework} agent in ${enclosing.slice(enclosing.lastIndexOf('.') + 1)}() (line ${c.line})`
        : `${spec.framework} agent (line ${c.line})`);
    const aid = assetId('agent', 'code', path, name, String(c.line));
    const approvalKw = Object.entries(spec.approval ?? {}).some(([k, re]) => {
      const v = c.kwargs[k];
      if (!v) return false;
      if (v.kind === 'bool') return v.value && re.test('true');
      if (v.kind === 'list') return v.items.length > 0;
      // A callback handed over by name (approval_func=ask_reviewer).
      if (v.kind === 'name') return re.test(v.qname);
      return re.test(stringOf(v) ?? '');
    });
    const modelVal = arg(c, spec.model);
    // A provider object (`llm=Ollama(model="llama3.1")`, `model=OpenAIChat(id="gpt-4o")`): the model the
    // LLM-client detector records for that call, under the same id, not a second provider-less asset.
    const modelCall = modelVal?.kind === 'call' ? model.calls[modelVal.call] : undefined;
    const providerModel = modelCall ? modelOfProviderCall(modelCall) : undefined;
    const modelStr = providerModel
      ? undefined
      : (stringOf(modelVal) ??
        (modelCall ? (stringOf(modelCall.args[0]) ?? stringOf(modelCall.kwargs.model)) : undefined));
    const caps = new Set<Capability>(spec.codeExecution ? ['code-exec'] : []);
    // CodeAgent(executor_type="e2b"), CodeExecutorAgent(code_executor=DockerCommandLineCodeExecutor()).
    const sandbox = spec.codeExecution ? sandboxOf(model, c, spec.callee) : undefined;
    for (const t of agentTools) for (const cap of t.capabilities) caps.add(cap);
    const unresolved = unresolvedToolRefs(toolValue, agentTools, model);
    const agent: Asset = {
      id: aid,
      kind: 'agent',
      name,
      provider: spec.framework,
      locations: [ref.locate(c.line)],
      properties: {
        framework: spec.framework,
        tools: agentTools.map((t) => t.name),
        capabilities: [...caps].sort(),
        approvalStep: approvalKw,
        language: model.language,
        ...(spec.codeExecution ? { codeExecution: true } : {}),
        ...(sandbox ? { sandbox } : {}),
        ...(unresolved.length > 0 ? { unresolvedTools: unresolved } : {}),
      },
    };
    // The variables that hold it (`root_agent = coordinator = Agent(...)`): how other modules import it.
    const variables = [
      ...new Set(
        model.assignments
          .filter((a) => a.scope === -1 && a.value.kind === 'call' && a.value.call === c.index)
          .map((a) => a.target)
          .filter((t) => /^[A-Za-z_$][\w$]*$/.test(t)),
      ),
    ];
    if (!spec.returnsResult && variables.length > 0) agent.properties.variables = variables;
    out.assets.push(agent);
    agentByCall.set(c.index, agent);
    const refs = delegatesOf(model, c, spec, toolValue);
    if (refs.length > 0) delegations.push({ agent, refs });
    if (providerModel) {
      out.assets.push({
        id: providerModel.id,
        kind: 'model',
        name: providerModel.ref.name,
        provider: providerModel.ref.provider,
        locations: [ref.locate(providerModel.ref.line)],
        properties: {},
      });
      out.relations.push({ from: aid, to: providerModel.id, type: 'uses-model' });
    } else if (modelStr) {
      const m = modelAsset(modelStr, ref.locate(c.line));
      if (m) {
        out.assets.push(m);
        out.relations.push({ from: aid, to: m.id, type: 'uses-model' });
      }
    }
    out.findings.push(...agentSelfFindings(agent));
    for (const t of agentTools) {
      const tid = toolAsset(t);
      out.relations.push({ from: aid, to: tid, type: 'uses-tool' });
      out.findings.push(...toolFindings(agent, out.assets.find((a) => a.id === tid)!));
    }
  }
  // Agents that hand work to other agents: to one built in this file, a `uses-tool` edge now; to an
  // imported one, a name for the cross-file correlator.
  for (const { agent, refs } of delegations) {
    // Imported agent name → how it is delegated to (agent-tool, handoff, sub-agent, managed-agent).
    const unresolved: Record<string, string> = {};
    for (const r of refs) {
      const child = r.call !== undefined ? agentByCall.get(r.call) : undefined;
      if (child && child.id !== agent.id) {
        if (!out.relations.some((x) => x.from === agent.id && x.to === child.id))
          out.relations.push({ from: agent.id, to: child.id, type: 'uses-tool', properties: { delegation: r.via } });
      } else if (r.qname && !(r.qname in unresolved)) unresolved[r.qname] = r.via;
    }
    if (Object.keys(unresolved).length > 0) agent.properties.unresolvedAgents = unresolved;
  }
  // Tools defined but not (visibly) attached to an agent in this file are still inventory.
  for (const t of tools) toolAsset(t);
  return out;
}

/**
 * The ToolNode calls that belong to the graph built by `graph`: added to it (`g.add_node("tools",
 * ToolNode(ts))`, or through a variable), or every one when the file builds a single graph.
 */
function toolNodesOf(model: AnalyzedSource, graph: CallSite, nodeCallee: string): CallSite[] {
  const nodes = model.calls.filter((t) => t.callee === nodeCallee);
  const graphs = model.calls.filter((g) => g.callee === graph.callee);
  if (graphs.length === 1) return nodes;
  const names = new Set(
    model.assignments.filter((a) => a.value.kind === 'call' && a.value.call === graph.index).map((a) => a.target),
  );
  const onGraph = model.calls.filter((m) => names.has(m.text.split('.')[0] ?? '') && m.text.includes('.'));
  return nodes.filter((n) => {
    const bound = model.assignments
      .filter((a) => a.value.kind === 'call' && a.value.call === n.index)
      .map((a) => a.target);
    return onGraph.some((m) => m.argCalls.includes(n.index) || m.argRefs.some((r) => bound.includes(r)));
  });
}

/** Names the agent passes as tools that are not defined in this file (imported from another module). */
function unresolvedToolRefs(
  v: Value | undefined,
  resolved: readonly FoundTool[],
  model: AnalyzedSource,
  depth = 0,
): string[] {
  if (!v || depth > 8) return [];
  if (v.kind === 'list') return v.items.flatMap((i) => unresolvedToolRefs(i, resolved, model, depth + 1));
  if (v.kind === 'dict') return v.entries.flatMap((e) => unresolvedToolRefs(e.value, resolved, model, depth + 1));
  if (v.kind === 'call') {
    // tools=[MyTool()] with MyTool imported from another module: a tool class defined elsewhere.
    if (resolved.some((t) => t.call === v.call || t.ctorCalls?.has(v.call))) return [];
    const callee = model.calls[v.call]?.callee ?? '';
    if (isAgentWrapper(callee)) return []; // an agent used as a tool: see delegation.ts
    const last = callee.slice(callee.lastIndexOf('.') + 1);
    return /^[A-Z]\w*$/.test(last) && !callee.includes('(') ? [callee] : [];
  }
  if (v.kind !== 'name') return [];
  const last = v.qname.slice(v.qname.lastIndexOf('.') + 1);
  return resolved.some((t) => t.refs.has(last) || t.refs.has(v.qname)) ? [] : [v.qname];
}

/** Broad credentials a tool reads from the environment (cloud root keys, admin tokens). */
function broadCredentials(model: AnalyzedSource, t: FoundTool): { broadCredentials?: string[] } {
  const fn = model.functions.find((f) => f.line === t.line);
  if (!fn) return {};
  const names = [...new Set(envReadsIn(model, fn.line, fn.endLine).filter((n) => BROAD_ENV.test(n)))].sort();
  return names.length > 0 ? { broadCredentials: names } : {};
}

export const agentsDetector: Detector = {
  id: AGENTS_DETECTOR_ID,
  version: '3',
  description:
    'Agents, their tools (with capability labels) and MCP servers written with the SDKs, in Python and JS/TS',
  applies: (f) => codeApplies(f, HINTS),
  async analyze(file) {
    const out: Partial<DetectorOutput> = {};
    const model = await loadSource(file, HINTS, out, AGENTS_DETECTOR_ID);
    if (!model) return out;
    const found = findAgents(model, fileRef(file.path));
    return {
      ...found,
      skipped: [...(out.skipped ?? []), ...(found.skipped ?? [])],
      errors: [...(out.errors ?? []), ...(found.errors ?? [])],
    };
  },
};
