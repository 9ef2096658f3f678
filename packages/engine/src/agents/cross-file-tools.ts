// Agents whose tools are defined in another module (tools.py imported by agents.py): links each
// unresolved tool reference to the tool asset whose function name matches — when the reference's
// module path points at the tool's file, or the name is unique — then judges those tools like the
// per-file detector does.
import type { Asset, Correlator, FindingDraft, Relation } from '@rampart/core';
import { toolFindings } from './agency.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Does qualified name `q` (crew.tools.CreateDraftTool.create_draft, .tools.run) plausibly live in `path`? */
function moduleMatches(q: string, path: string): boolean {
  const stem = path.replace(/\.(py|[cm]?[jt]sx?)$/, '').split('/');
  const parts = q.replace(/^\.+/, '').split('.');
  // Any module segment of the reference equals the file's stem or a folder of it.
  return parts.slice(0, -1).some((p) => p === stem[stem.length - 1] || (p.length > 2 && stem.includes(p)));
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
        const located = candidates.filter((t) => t.locations.some((l) => moduleMatches(q, l.path)));
        const pick = located.length === 1 ? located[0] : candidates.length === 1 ? candidates[0] : undefined;
        if (!pick) continue;
        relations.push({ from: agent.id, to: pick.id, type: 'uses-tool', properties: { resolvedAcrossFiles: true } });
        findings.push(...toolFindings(agent, pick));
      }
    }
    return { relations, findings };
  },
};
