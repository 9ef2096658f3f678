// Agents delegating to agents imported from another module (ADK `from .sub_agents.records import
// records_agent` then `AgentTool(agent=records_agent)`): links the parent to the agent bound to that
// variable in the module the import points at (or in the package it re-exports from), so the child's
// tools count on the parent's paths. Ambiguous names stay unlinked.
import type { Asset, Relation } from '@rampart/core';
import { nearest } from './cross-file-tools.js';

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

export function linkDelegatedAgents(assets: readonly Asset[]): Relation[] {
  const byVariable = new Map<string, Asset[]>();
  for (const a of assets) {
    if (a.kind !== 'agent') continue;
    for (const v of strings(a.properties.variables)) byVariable.set(v, [...(byVariable.get(v) ?? []), a]);
  }
  const out: Relation[] = [];
  for (const parent of assets) {
    const refs = parent.properties.unresolvedAgents;
    if (parent.kind !== 'agent' || !refs || typeof refs !== 'object' || Array.isArray(refs)) continue;
    const from = parent.locations[0]?.path ?? '';
    for (const [q, via] of Object.entries(refs as Record<string, unknown>)) {
      const name = q.slice(q.lastIndexOf('.') + 1);
      const candidates = (byVariable.get(name) ?? []).filter((a) => a.id !== parent.id);
      const located = candidates.filter((a) => a.locations.some((l) => inModule(l.path, q, from)));
      const pick =
        located.length === 1
          ? located[0]
          : located.length > 1
            ? nearest(located, from)
            : q.startsWith('.')
              ? undefined // a relative import names its file: another project's agent is not it
              : candidates.length === 1
                ? candidates[0]
                : undefined;
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
