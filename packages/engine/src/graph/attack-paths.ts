// Attack-path findings: dangerous combinations visible only across the graph, each carrying the
// path of assets as evidence.
//  - lethal trifecta: an agent whose tools (its own, its MCP servers', or those of the agents it
//    delegates to, a bounded number of hops) together read untrusted content, reach private data and
//    can send data out;
//  - a model reachable from the internet that was trained or grounded on sensitive data.
import type { Asset, Correlator, FindingDraft } from '@rampart/core';
import { MAX_DELEGATION, riskFactors } from './context.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const EXFIL = ['network-egress', 'network-write', 'email'];

export const attackPathsCorrelator: Correlator = {
  id: 'graph-attack-paths',
  version: '2',
  description: 'Lethal-trifecta agents and internet-exposed models trained on sensitive data',
  run(result) {
    const byId = new Map(result.assets.map((a) => [a.id, a]));
    const out: FindingDraft[] = [];
    const delegating = new Set(
      result.relations.filter((r) => r.type === 'uses-tool' && byId.get(r.from)?.kind === 'tool').map((r) => r.from),
    );
    const outgoing = new Map<string, typeof result.relations>();
    for (const r of result.relations) {
      const list = outgoing.get(r.from);
      if (list) list.push(r);
      else outgoing.set(r.from, [r]);
    }
    const direct = (agent: Asset): Asset[] => {
      const rels = outgoing.get(agent.id) ?? [];
      const used = rels.filter((r) => r.type === 'uses-tool').map((r) => byId.get(r.to));
      const viaMcp = rels
        .filter((r) => r.type === 'uses-mcp-server')
        .flatMap((m) => (outgoing.get(m.to) ?? []).filter((r) => r.type === 'provides-tool'))
        .map((r) => byId.get(r.to));
      return [...used, ...viaMcp].filter((a): a is Asset => a !== undefined);
    };
    /** Its tools, and those of the agents it delegates to (breadth-first, cycles cut), with the agent holding each. */
    const toolsOf = (agent: Asset): Array<{ tool: Asset; via?: Asset }> => {
      const out: Array<{ tool: Asset; via?: Asset }> = [];
      const seen = new Set([agent.id]);
      let frontier = [agent];
      for (let hop = 0; hop <= MAX_DELEGATION && frontier.length > 0; hop++) {
        const next: Asset[] = [];
        for (const a of frontier) {
          for (const t of direct(a)) {
            if (seen.has(t.id)) continue;
            seen.add(t.id);
            if (t.kind === 'agent') next.push(t);
            else {
              out.push(a === agent ? { tool: t } : { tool: t, via: a });
              // A tool that runs an agent (ADK AgentTool inside a tool body) reaches that agent's tools.
              if (delegating.has(t.id)) next.push(t);
            }
          }
        }
        frontier = next;
      }
      return out;
    };
    for (const agent of result.assets.filter((a) => a.kind === 'agent')) {
      const reached = toolsOf(agent);
      const through = new Map(reached.map((r) => [r.tool.id, r.via]));
      const tools = reached.map((r) => r.tool);
      const pick = (test: (caps: string[]) => boolean) => tools.find((t) => test(strings(t.properties.capabilities)));
      const delegated = (ts: Asset[]) => {
        const names = [...new Set(ts.map((t) => through.get(t.id)?.name).filter((n) => n !== undefined))];
        return names.length > 0 ? { throughAgents: names } : {};
      };
      const label = (t: Asset) => {
        const via = through.get(t.id);
        return via ? `${t.name}, through agent "${via.name}"` : t.name;
      };
      const untrusted = pick((c) => c.includes('untrusted-input'));
      const priv = pick((c) => c.includes('private-data'));
      // Prefer a tool that sends data out on purpose; any network reach (a GET with data in the URL) also leaks.
      const sink =
        pick((c) => c.includes('network-write') || c.includes('email')) ??
        pick((c) => c.some((x) => EXFIL.includes(x)));
      if (!untrusted || !priv || !sink) continue;
      const loc = agent.locations[0] ?? { path: '.' };
      out.push({
        ruleId: 'graph-lethal-trifecta',
        assetId: agent.id,
        location: loc,
        message: `agent "${agent.name}" combines untrusted input (${label(untrusted)}), private data (${label(priv)}) and an exfiltration path (${label(sink)}): injected instructions in the untrusted content can make it send the private data out`,
        evidence: {
          path: [agent.id, untrusted.id, priv.id, sink.id],
          facts: {
            untrustedInput: untrusted.name,
            privateData: priv.name,
            sink: sink.name,
            ...delegated([untrusted, priv, sink]),
          },
        },
        discriminator: agent.id,
      });
    }
    const factors = riskFactors(result.assets, result.relations);
    for (const m of result.assets.filter((a) => a.kind === 'model')) {
      const f = factors.get(m.id);
      if (!f?.exposed || f.sensitivity.length === 0) continue;
      const sources = result.relations
        .filter(
          (r) =>
            r.from === m.id && (r.type === 'trained-on' || r.type === 'retrieves-from' || r.type === 'fine-tuned-from'),
        )
        .map((r) => byId.get(r.to))
        .filter((a): a is Asset => a !== undefined && strings(a.properties.dataSensitivity).length > 0);
      const fronts = result.relations
        .filter((r) => r.to === m.id && (r.type === 'serves' || r.type === 'exposes'))
        .map((r) => byId.get(r.from))
        .filter((a): a is Asset => a !== undefined);
      const loc = fronts[0]?.locations[0] ?? m.locations[0] ?? { path: '.' };
      out.push({
        ruleId: 'graph-public-model-sensitive-data',
        assetId: m.id,
        location: loc,
        message: `model "${m.name}" is reachable from the internet${fronts[0] ? ` through "${fronts[0].name}"` : ''} and was trained on or grounded in ${f.sensitivity.join(', ')} data${sources[0] ? ` ("${sources[0].name}")` : ''}: extraction and membership-inference attacks can recover it`,
        evidence: {
          path: [...fronts.map((a) => a.id), m.id, ...sources.map((a) => a.id)],
          facts: { sensitivity: f.sensitivity },
        },
        discriminator: m.id,
      });
    }
    return { findings: out };
  },
};
