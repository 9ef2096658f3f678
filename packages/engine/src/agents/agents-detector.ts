// Agents and their tools in Python and JS/TS code, across frameworks (LangChain/LangGraph, CrewAI,
// AutoGen/AG2, OpenAI Agents SDK, LlamaIndex, Semantic Kernel, smolagents, PydanticAI, Google ADK,
// Vercel AI SDK, Mastra) and MCP servers written with the SDKs. Emits agent, tool and mcp-server
// assets with capability labels and relations, and excessive-agency findings.
import { type Asset, assetId, type Detector, type DetectorOutput, emptyOutput, type FindingDraft } from '@rampart/core';
import { codeApplies, fileRef, hintPattern, loadSource, type SourceRef } from '../discovery/code-file.js';
import { plausibleModelId, providerOfModel, splitRoute } from '../discovery/model-ids.js';
import { type AnalyzedSource, type CallSite, stringOf } from '../lang/index.js';
import { type Capability, describeCapabilities } from './capabilities.js';
import { AGENT_SPECS, MCP_SERVER_CTORS } from './frameworks.js';
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

const HIGH_IMPACT: readonly Capability[] = ['destructive', 'payments', 'email', 'sql-write', 'file-write'];
const EGRESS: readonly Capability[] = ['network-write', 'email'];
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
    properties: { hosted: true },
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
  const toolAsset = (t: FoundTool): string => {
    let id = toolIds.get(t);
    if (id) return id;
    id = assetId('tool', 'code', path, t.name);
    toolIds.set(t, id);
    out.assets.push({
      id,
      kind: 'tool',
      name: t.name,
      locations: [ref.locate(t.line)],
      properties: {
        definedVia: t.via,
        capabilities: [...t.capabilities].sort(),
        approvalStep: t.approval,
        language: model.language,
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
  for (const c of model.calls) {
    const spec = AGENT_SPECS.find((s) => c.callee === s.callee);
    if (!spec) continue;
    const agentTools = resolveToolRefs(arg(c, spec.tools), tools, c.line);
    if (spec.callee.startsWith('ai.') && agentTools.length === 0) continue; // generateText without tools is not an agent
    const name = stringOf(arg(c, spec.name)) ?? `${spec.framework} agent (line ${c.line})`;
    const aid = assetId('agent', 'code', path, name, String(c.line));
    const approvalKw = Object.entries(spec.approval ?? {}).some(([k, re]) => {
      const v = c.kwargs[k];
      if (!v) return false;
      if (v.kind === 'bool') return v.value && re.test('true');
      if (v.kind === 'list') return v.items.length > 0;
      return re.test(stringOf(v) ?? '');
    });
    const modelVal = arg(c, spec.model);
    const modelStr =
      stringOf(modelVal) ??
      (modelVal?.kind === 'call'
        ? (stringOf(model.calls[modelVal.call]?.args[0]) ?? stringOf(model.calls[modelVal.call]?.kwargs.model))
        : undefined);
    const caps = new Set<Capability>(spec.codeExecution ? ['code-exec'] : []);
    for (const t of agentTools) for (const cap of t.capabilities) caps.add(cap);
    out.assets.push({
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
      },
    });
    if (modelStr) {
      const m = modelAsset(modelStr, ref.locate(c.line));
      if (m) {
        out.assets.push(m);
        out.relations.push({ from: aid, to: m.id, type: 'uses-model' });
      }
    }
    for (const t of agentTools) out.relations.push({ from: aid, to: toolAsset(t), type: 'uses-tool' });
    out.findings.push(
      ...agencyFindings(model, ref, aid, name, spec.codeExecution === true, agentTools, approvalKw, c, toolAsset),
    );
  }
  // Tools defined but not (visibly) attached to an agent in this file are still inventory.
  for (const t of tools) toolAsset(t);
  return out;
}

function agencyFindings(
  model: AnalyzedSource,
  ref: SourceRef,
  agentId: string,
  agentName: string,
  codeExecution: boolean,
  tools: readonly FoundTool[],
  agentApproval: boolean,
  call: CallSite,
  toolAsset: (t: FoundTool) => string,
): FindingDraft[] {
  const out: FindingDraft[] = [];
  if (codeExecution) {
    out.push({
      ruleId: 'agent-shell-or-code-tool',
      assetId: agentId,
      location: ref.locate(call.line),
      message: `agent "${agentName}" writes and executes code itself`,
      discriminator: `${agentName}:self`,
    });
  }
  for (const t of tools) {
    const tid = toolAsset(t);
    const evidence = { path: [agentId, tid], facts: { capabilities: [...t.capabilities].sort() } };
    const dangerous = (['shell', 'code-exec'] as const).filter((c) => t.capabilities.has(c));
    if (dangerous.length > 0) {
      out.push({
        ruleId: 'agent-shell-or-code-tool',
        assetId: tid,
        location: ref.locate(t.line),
        message: `agent "${agentName}" can call tool "${t.name}", which can ${describeCapabilities(dangerous)}`,
        evidence,
        discriminator: `${agentName}:${t.name}`,
      });
    }
    const impact = [...HIGH_IMPACT, ...EGRESS].filter((c) => t.capabilities.has(c));
    if (impact.length > 0 && !t.approval && !agentApproval) {
      out.push({
        ruleId: 'agent-high-impact-tool-without-approval',
        assetId: tid,
        location: ref.locate(t.line),
        message: `tool "${t.name}" of agent "${agentName}" can ${describeCapabilities(impact)} with no approval step`,
        evidence,
        discriminator: `${agentName}:${t.name}`,
      });
    }
    const fn = model.functions.find((f) => f.line === t.line);
    const broad = fn ? envReadsIn(model, fn.line, fn.endLine).filter((n) => BROAD_ENV.test(n)) : [];
    if (broad.length > 0) {
      out.push({
        ruleId: 'agent-tool-broad-credentials',
        assetId: tid,
        location: ref.locate(t.line),
        message: `tool "${t.name}" of agent "${agentName}" uses broad credentials (${[...new Set(broad)].join(', ')})`,
        evidence,
        discriminator: `${agentName}:${t.name}`,
      });
    }
  }
  return out;
}

export const agentsDetector: Detector = {
  id: AGENTS_DETECTOR_ID,
  version: '1',
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
