// Agents whose tools are defined in another module (tools.py imported by agents.py): links each
// unresolved tool reference to the tool asset whose function name matches — when the reference's
// module path points at the tool's file, or the name is unique — then judges those tools like the
// per-file detector does.
import type { Asset, Correlator, FindingDraft, Relation } from '@rampart/core';
import { toolFindings } from './agency.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Files a qualified reference can live in. Relative (".tools.MailTools.send") resolves against the
 * agent's folder like Python does; absolute ("crew.tools.send") matches a path suffix.
 */
export function moduleFiles(q: string, agentPath: string): { exact: string[]; suffixes: string[] } {
  const dots = /^\.+/.exec(q)?.[0].length ?? 0;
  const parts = q.slice(dots).split('.').slice(0, -1); // drop the function name
  const exact: string[] = [];
  const suffixes: string[] = [];
  for (let k = parts.length; k >= 1; k--) {
    const mod = parts.slice(0, k).join('/');
    if (dots > 0) {
      const base = agentPath.split('/').slice(0, -dots);
      exact.push([...base, `${mod}.py`].join('/'), [...base, mod, '__init__.py'].join('/'));
    } else suffixes.push(`/${mod}.py`, `/${mod}/__init__.py`, `/${mod}.ts`, `/${mod}.js`);
  }
  return { exact, suffixes };
}

/** Folders two paths share from the root. */
function sharedDepth(a: string, b: string): number {
  const x = a.split('/').slice(0, -1);
  const y = b.split('/').slice(0, -1);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/**
 * Several projects in one repository each have tools/search_tools.py: the import means the one
 * beside the agent, i.e. the single candidate sharing the most folders with it (ties stay unresolved).
 */
export function nearest(tools: readonly Asset[], agentPath: string): Asset | undefined {
  const depth = (t: Asset) => Math.max(...t.locations.map((l) => sharedDepth(l.path, agentPath)));
  const best = Math.max(...tools.map(depth));
  const top = tools.filter((t) => depth(t) === best);
  return top.length === 1 ? top[0] : undefined;
}

export const crossFileToolsCorrelator: Correlator = {
  id: 'graph-agent-tools',
  version: '1',
  description: 'Links agents to tools defined in other files and checks those tools',
  run(result) {
    const byName = new Map<string, Asset[]>();
    for (const a of result.assets) {
      if (a.kind !== 'tool') continue;
      for (const n of strings(a.properties.functionNames)) byName.set(n, [...(byName.get(n) ?? []), a]);
    }
    const relations: Relation[] = [];
    const findings: FindingDraft[] = [];
    for (const agent of result.assets) {
      if (agent.kind !== 'agent') continue;
      for (const q of strings(agent.properties.unresolvedTools)) {
        const name = q.slice(q.lastIndexOf('.') + 1);
        const candidates = byName.get(name) ?? [];
        const { exact, suffixes } = moduleFiles(q, agent.locations[0]?.path ?? '');
        const located = candidates.filter((t) =>
          t.locations.some((l) => exact.includes(l.path) || suffixes.some((sfx) => `/${l.path}`.endsWith(sfx))),
        );
        const pick =
          located.length === 1
            ? located[0]
            : located.length > 1
              ? nearest(located, agent.locations[0]?.path ?? '')
              : candidates.length === 1
                ? candidates[0]
                : undefined;
        if (!pick) continue;
        relations.push({ from: agent.id, to: pick.id, type: 'uses-tool', properties: { resolvedAcrossFiles: true } });
        findings.push(...toolFindings(agent, pick));
      }
    }
    return { relations, findings };
  },
};
