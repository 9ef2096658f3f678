// Agents that hand work to other agents: an agent wrapped as a tool (ADK `AgentTool(agent=x)`,
// OpenAI Agents `x.as_tool(...)`), handoffs, ADK `sub_agents`, smolagents `managed_agents`. The child's
// tools then act for the parent, so the graph links parent → child (`uses-tool`, `delegation` says how)
// and risk scoring follows it. Here: which agents one agent call names, as calls in this file or as
// imported names for the cross-file correlator.
import type { AnalyzedSource, CallSite, Value } from '../lang/index.js';
import { AGENT_WRAPPERS, type AgentSpec, AS_TOOL_METHODS, DELEGATION_ARGS, type DelegationVia } from './frameworks.js';
import { arg } from './tools.js';

export interface DelegateRef {
  via: DelegationVia;
  /** The agent construction in this file (directly, or through the variable it is bound to). */
  call?: number;
  /** An imported agent variable, qualified by its module (".sub_agents.records.records_agent"). */
  qname?: string;
}

const MAX_ITEMS = 64;

/** Is `callee` a wrapper that makes an agent a tool or a handoff target? */
export function isAgentWrapper(callee: string): boolean {
  return AGENT_WRAPPERS.some((w) => w.callee === callee);
}

function asToolReceiver(c: CallSite): string | undefined {
  const dot = c.text.lastIndexOf('.');
  if (dot < 0 || !AS_TOOL_METHODS.includes(c.text.slice(dot + 1))) return undefined;
  return c.text.slice(0, dot);
}

/** The agent a value stands for: an agent call, a variable bound to one, or an imported name. */
function agentRef(model: AnalyzedSource, v: Value | undefined, via: DelegationVia): DelegateRef | undefined {
  if (!v) return undefined;
  if (v.kind === 'call') return { via, call: v.call };
  if (v.kind !== 'name') return undefined;
  // Imported (`.sub_agents.records.records_agent`, `pkg.agents.x`): resolved across files by name.
  if (v.qname.includes('.')) return { via, qname: v.qname };
  const bound = model.assignments.findLast((a) => a.target === v.qname && a.value.kind === 'call');
  return bound?.value.kind === 'call' ? { via, call: bound.value.call } : undefined;
}

function fromItem(model: AnalyzedSource, v: Value, via: DelegationVia): DelegateRef | undefined {
  if (v.kind !== 'call') return via === 'agent-tool' ? undefined : agentRef(model, v, via);
  const c = model.calls[v.call];
  if (!c) return undefined;
  const wrapper = AGENT_WRAPPERS.find((w) => w.callee === c.callee);
  if (wrapper) return agentRef(model, arg(c, wrapper.agent), via === 'agent-tool' ? wrapper.via : via);
  const receiver = asToolReceiver(c);
  if (receiver !== undefined) {
    // `billing.as_tool(...)`: the receiver is a local agent variable, or an imported one.
    const local = /^[A-Za-z_$][\w$]*$/.test(receiver)
      ? agentRef(model, { kind: 'name', qname: receiver }, 'agent-tool')
      : undefined;
    if (local) return local;
    const q = c.callee.slice(0, c.callee.lastIndexOf('.'));
    return q.includes('(') ? undefined : { via: 'agent-tool', qname: q };
  }
  // Only the lists of agents take agent constructions inline; in a tools list a call is a tool.
  return via === 'agent-tool' ? undefined : { via, call: v.call };
}

/** The agents that agent call `c` delegates to, from its tools list and its framework's sub-agent list. */
export function delegatesOf(
  model: AnalyzedSource,
  c: CallSite,
  spec: AgentSpec,
  tools: Value | undefined,
): DelegateRef[] {
  const out: DelegateRef[] = [];
  const items = (v: Value | undefined): Value[] => (v?.kind === 'list' ? v.items.slice(0, MAX_ITEMS) : v ? [v] : []);
  for (const item of items(tools)) {
    const d = fromItem(model, item, 'agent-tool');
    if (d) out.push(d);
  }
  const sub = spec.subAgents ? { arg: spec.subAgents, via: 'sub-agent' as const } : DELEGATION_ARGS[spec.framework];
  if (sub) {
    for (const item of items(arg(c, sub.arg))) {
      const d = fromItem(model, item, sub.via);
      if (d) out.push(d);
    }
  }
  return out;
}
