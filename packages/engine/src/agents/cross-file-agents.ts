// Agents delegating to agents imported from another module (ADK `from .sub_agents.records import
// records_agent` then `AgentTool(agent=records_agent)`): links the parent to the agent bound to that
// variable in the module the import points at (or in the package it re-exports from), so the child's
// tools count on the parent's paths. Ambiguous names stay unlinked.
import type { Asset, Relation } from '@rampart/core';
import { functionScope } from './capabilities.js';
import { moduleCandidates, nearest } from './cross-file-tools.js';
import { AGENT_WRAPPERS } from './frameworks.js';
import type { ModuleReader } from './module-reader.js';
import { arg } from './tools.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Does `path` lie in the module `q` names (`.sub_agents.records.records_agent` → sub_agents/records.py),
 * or in the package it names (sub_agents/records/…, re-exported through its `__init__.py`)?
 * Relative imports are anchored at the importing file's folder; absolute ones match a path suffix.
 */
function inModule(path: string, q: string, agentPath: string): boolean {
  const dots = /^\.+/.exec(q)?.[0].length ?? 0;
  const parts = q.slice(dots).split('.').slice(0, -1);
  if (parts.length === 0) return false;
  if (dots > 0) {
    const dir = [...agentPath.split('/').slice(0, -dots), ...parts].join('/');
    return path === `${dir}.py` || path.startsWith(`${dir}/`);
  }
  const mod = parts.join('/');
  const p = `/${path}`;
  return p.endsWith(`/${mod}.py`) || p.includes(`/${mod}/`);
}

/** Re-exports followed (`from .bqml.agent import root_agent as bqml_agent` in a package __init__.py). */
const MAX_REEXPORTS = 2;

type ByVariable = ReadonlyMap<string, readonly Asset[]>;

/** The agent an imported name `q` (seen in `from`) stands for, following re-exports through the reader. */
export async function resolveAgent(
  q: string,
  from: string,
  byVariable: ByVariable,
  reader: ModuleReader | undefined,
  not?: string,
  depth = 0,
): Promise<Asset | undefined> {
  const name = q.slice(q.lastIndexOf('.') + 1);
  const candidates = (byVariable.get(name) ?? []).filter((a) => a.id !== not);
  const located = candidates.filter((a) => a.locations.some((l) => inModule(l.path, q, from)));
  if (located.length === 1) return located[0];
  if (located.length > 1) return nearest(located, from);
  if (reader && depth < MAX_REEXPORTS) {
    for (const rel of moduleCandidates(q, from)) {
      const model = await reader.model(rel);
      const b = model?.imports.find((i) => i.local === name && i.name !== undefined && i.name !== '*');
      if (!b) continue;
      const hit = await resolveAgent(`${b.module}.${b.name}`, rel, byVariable, reader, not, depth + 1);
      if (hit) return hit;
    }
  }
  // A relative import names its file: another project's agent is not it.
  if (q.startsWith('.') || depth > 0) return undefined;
  return candidates.length === 1 ? candidates[0] : undefined;
}

export function agentsByVariable(assets: readonly Asset[]): Map<string, Asset[]> {
  const byVariable = new Map<string, Asset[]>();
  for (const a of assets) {
    if (a.kind !== 'agent') continue;
    for (const v of strings(a.properties.variables)) byVariable.set(v, [...(byVariable.get(v) ?? []), a]);
  }
  return byVariable;
}

export async function linkDelegatedAgents(assets: readonly Asset[], reader?: ModuleReader): Promise<Relation[]> {
  const byVariable = agentsByVariable(assets);
  const out: Relation[] = [];
  for (const parent of assets) {
    const refs = parent.properties.unresolvedAgents;
    if (parent.kind !== 'agent' || !refs || typeof refs !== 'object' || Array.isArray(refs)) continue;
    const from = parent.locations[0]?.path ?? '';
    for (const [q, via] of Object.entries(refs as Record<string, unknown>)) {
      const pick = await resolveAgent(q, from, byVariable, reader, parent.id);
      if (!pick || out.some((r) => r.from === parent.id && r.to === pick.id)) continue;
      out.push({
        from: parent.id,
        to: pick.id,
        type: 'uses-tool',
        properties: { delegation: String(via), resolvedAcrossFiles: true },
      });
    }
  }
  return out;
}

/**
 * Tools whose body wraps an agent and runs it (ADK `AgentTool(agent=db_agent).run_async(...)` inside
 * `call_db_agent`): the tool acts through that agent, so it links to it like a parent agent would.
 */
export async function linkToolBodyAgents(
  tools: readonly Asset[],
  assets: readonly Asset[],
  reader: ModuleReader,
): Promise<Relation[]> {
  const byVariable = agentsByVariable(assets);
  const out: Relation[] = [];
  for (const tool of tools) {
    const loc = tool.locations[0];
    if (tool.kind !== 'tool' || !loc?.path.endsWith('.py') || loc.line === undefined) continue;
    const model = await reader.model(loc.path);
    const f = model?.functions.find((x) => x.line === loc.line);
    if (!model || !f) continue;
    const scope = functionScope(model, f.index);
    const local = (name: string) =>
      (byVariable.get(name) ?? []).find((a) => a.locations.some((l) => l.path === loc.path));
    for (const c of model.calls) {
      if (!scope.has(c.scope)) continue;
      let agent: Asset | undefined;
      let via = 'agent-tool';
      const w = AGENT_WRAPPERS.find((x) => x.callee === c.callee && x.via === 'agent-tool');
      const v = w ? arg(c, w.agent) : undefined;
      if (v?.kind === 'name')
        agent = v.qname.includes('.') ? await resolveAgent(v.qname, loc.path, byVariable, reader) : local(v.qname);
      // PydanticAI delegation: a tool awaits another agent of the module (`extraction_agent.run(...)`).
      const run = /^([A-Za-z_]\w*)\.(run|run_sync|run_stream|iter)$/.exec(c.text);
      if (!agent && run && c.callee.includes('Agent()')) {
        agent = local(run[1]!);
        via = 'runs-agent';
      }
      if (agent && agent.id !== tool.id && !out.some((r) => r.from === tool.id && r.to === agent.id))
        out.push({
          from: tool.id,
          to: agent.id,
          type: 'uses-tool',
          properties: {
            delegation: via,
            ...(agent.locations.some((l) => l.path === loc.path) ? {} : { resolvedAcrossFiles: true }),
          },
        });
    }
  }
  return out;
}
