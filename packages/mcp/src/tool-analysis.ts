// Analyses tool listings (live or from a snapshot) into the shared model: one `tool` asset per
// tool (provided by its `mcp-server`), per-tool findings (poisoning, shadowing, malicious intent,
// invisible Unicode, exfiltration parameters), and cross-server findings (name collisions, toxic
// flows per client). The per-tool judgement is @rampart/detectors' tool-definition check, the same
// one the MCP proxy runs on every tools/list answer; this file turns its rule hits into findings.
import {
  type Asset,
  assetId,
  type DetectorOutput,
  describeError,
  type FindingDraft,
  type Location,
} from '@rampart/core';
import {
  exfilParams,
  type PoisoningOptions,
  scoreTool,
  type ToolRuleId,
  type ToolVerdict,
  toolRuleHits,
} from '@rampart/detectors';
import { type Capability, toolCapabilities } from './capabilities.js';
import type { McpTool, ServerTools } from './tool-model.js';

export function toolAssetId(serverAssetId: string, toolName: string): string {
  return assetId('tool', serverAssetId, toolName);
}

export function snapshotServerAssetId(st: ServerTools): string {
  return st.serverAssetId ?? assetId('mcp-server', 'tools-snapshot', st.source, st.server);
}

export interface ToolAnalysisOptions extends PoisoningOptions {
  /** Line of a tool in its source file, when the source is a file the caller can search. */
  locate?: (st: ServerTools, tool: McpTool) => Location | undefined;
}

function locationOf(st: ServerTools, tool: McpTool, opts: ToolAnalysisOptions): Location {
  return opts.locate?.(st, tool) ?? { path: st.source };
}

const WHAT: Record<ToolRuleId, string> = {
  'mcp-tool-invisible-unicode': 'contains invisible characters',
  'mcp-tool-shadowing': 'tries to change how other tools or servers are used',
  'mcp-tool-malicious-intent': 'describes overtly malicious behaviour',
  'mcp-tool-offensive-capability': 'offers offensive-security capability',
  'mcp-tool-poisoning': 'carries instructions aimed at the model',
  'mcp-tool-exfil-parameter': 'has a parameter that can carry data out',
};

/** Findings for one scored tool: the rules come from the shared check (toolRuleHits), worded here. */
function verdictFindings(st: ServerTools, tool: McpTool, id: string, v: ToolVerdict, loc: Location): FindingDraft[] {
  const out: FindingDraft[] = [];
  // A stable discriminator: without one the fingerprint falls back to the message, which lists the
  // signals that fired, so every change to the signal tables would make a baselined finding "new".
  const base = { assetId: id, location: loc, discriminator: `tool:${tool.name}` };
  for (const r of toolRuleHits(v)) {
    if (r.ruleId === 'mcp-tool-invisible-unicode') {
      const kinds = [...new Set(v.invisible.map((h) => h.kind))].join(', ');
      const cps = [
        ...new Set(v.invisible.map((h) => `U+${h.codePoint.toString(16).toUpperCase().padStart(4, '0')}`)),
      ].slice(0, 8);
      out.push({
        ...base,
        ruleId: r.ruleId,
        message: `Tool "${tool.name}" on server "${st.server}" contains ${v.invisible.length} invisible character(s) (${kinds}) in ${v.invisible[0]!.field}${v.smuggled ? `; hidden text decodes to "${v.smuggled.slice(0, 80)}"` : ''}`,
        evidence: { facts: { codePoints: cps, fields: [...new Set(v.invisible.map((h) => h.field))] } },
      });
      continue;
    }
    const hs = r.signals;
    const score = r.score ?? 0;
    out.push({
      ...base,
      ruleId: r.ruleId,
      message: `Tool "${tool.name}" on server "${st.server}" ${WHAT[r.ruleId]}: ${hs.map((h) => h.id).join(', ')} (in ${[...new Set(hs.map((h) => h.field))].join(', ')})`,
      evidence: {
        snippet: hs
          .map((h) => h.excerpt)
          .join(' … ')
          .slice(0, 1000),
        facts: { signals: hs.map((h) => h.id), score },
      },
      confidence: Math.min(1, score / 6),
    });
  }
  return out;
}

/** Tool assets, relations and findings for a set of servers (one client or one snapshot). */
export function analyzeToolSets(sets: ServerTools[], opts: ToolAnalysisOptions = {}): DetectorOutput {
  const out: DetectorOutput = { assets: [], relations: [], findings: [], errors: [], skipped: [] };
  const byName = new Map<string, Array<{ st: ServerTools; tool: McpTool; id: string }>>();
  const caps = new Map<
    string,
    Array<{ client: string; st: ServerTools; tool: McpTool; id: string; caps: Capability[] }>
  >();
  for (const st of sets) {
    const serverId = snapshotServerAssetId(st);
    if (st.serverAssetId === undefined) {
      out.assets.push({
        id: serverId,
        kind: 'mcp-server',
        name: st.server,
        locations: [{ path: st.source }],
        properties: { source: st.source, transport: 'unknown', ...(st.client ? { client: st.client } : {}) },
      });
    }
    const seenTools = new Set<string>();
    for (const tool of st.tools) {
      if (seenTools.has(tool.name)) continue; // duplicate names within one listing: first wins, as clients do
      seenTools.add(tool.name);
      const id = toolAssetId(serverId, tool.name);
      const loc = locationOf(st, tool, opts);
      const c = toolCapabilities(tool);
      const asset: Asset = {
        id,
        kind: 'tool',
        name: tool.name,
        locations: [loc],
        properties: {
          server: st.server,
          capabilities: c,
          ...(tool.description ? { description: tool.description.slice(0, 500) } : {}),
        },
      };
      out.assets.push(asset);
      out.relations.push({ from: serverId, to: id, type: 'provides-tool' });
      const client = st.client ?? 'default';
      caps.set(client, [...(caps.get(client) ?? []), { client, st, tool, id, caps: c }]);
      // Collisions matter within one client: the same server configured in two clients is not one.
      const key = `${client}\u0000${tool.name}`;
      byName.set(key, [...(byName.get(key) ?? []), { st, tool, id }]);
      try {
        const v = scoreTool(tool, opts);
        asset.properties.poisoningScore = v.score;
        out.findings.push(...verdictFindings(st, tool, id, v, loc));
      } catch (e) {
        const d = describeError(e);
        out.skipped.push({
          path: loc.path,
          reason: d.code === 'E_LIMIT' ? 'limit-reached' : 'inconclusive',
          detail: `tool "${tool.name}" on "${st.server}": ${d.message}`,
          detector: 'mcp-tools',
        });
      }
      for (const p of exfilParams(tool)) {
        out.findings.push({
          ruleId: 'mcp-tool-exfil-parameter',
          assetId: id,
          location: loc,
          message: `Tool "${tool.name}" on server "${st.server}" has a parameter that can carry data out: ${p.why}`,
          discriminator: p.name,
          evidence: { facts: { parameter: p.name } },
        });
      }
    }
  }
  for (const st of sets) out.findings.push(...promptAndResourceFindings(st, opts));
  for (const [key, list] of byName) {
    const name = key.slice(key.indexOf('\u0000') + 1);
    const servers = [...new Set(list.map((x) => x.st.server))];
    if (servers.length < 2) continue;
    for (const x of list) {
      out.findings.push({
        ruleId: 'mcp-tool-name-collision',
        assetId: x.id,
        location: locationOf(x.st, x.tool, opts),
        message: `Tool name "${name}" is offered by ${servers.length} servers (${servers.join(', ')}): the model may call the wrong one, and one server can impersonate another`,
        evidence: { facts: { servers } },
      });
    }
  }
  for (const [client, list] of caps) out.findings.push(...toxicFlow(client, list, opts));
  return out;
}

function toxicFlow(
  client: string,
  list: Array<{ st: ServerTools; tool: McpTool; id: string; caps: Capability[] }>,
  opts: ToolAnalysisOptions,
): FindingDraft[] {
  const pick = (c: Capability) => list.find((x) => x.caps.includes(c));
  const src = pick('untrusted-content');
  const priv = list.find((x) => x.caps.includes('private-data') && x !== src) ?? pick('private-data');
  const sink = list.find((x) => x.caps.includes('public-sink') && x !== priv) ?? pick('public-sink');
  if (!src || !priv || !sink) return [];
  const servers = [...new Set([src.st.server, priv.st.server, sink.st.server])];
  return [
    {
      ruleId: 'mcp-toxic-flow',
      assetId: sink.id,
      location: locationOf(sink.st, sink.tool, opts),
      message: `Client "${client}" combines untrusted input (${src.st.server}/${src.tool.name}), private data (${priv.st.server}/${priv.tool.name}) and an exfiltration sink (${sink.st.server}/${sink.tool.name}): one injected instruction can leak private data`,
      discriminator: client,
      evidence: { path: [src.id, priv.id, sink.id], facts: { client, servers } },
    },
  ];
}

/** Prompt and resource descriptions reach the model too: the same text checks, reported on the server. */
function promptAndResourceFindings(st: ServerTools, opts: ToolAnalysisOptions): FindingDraft[] {
  const out: FindingDraft[] = [];
  const items = [
    ...(st.prompts ?? []).map((p) => ({ kind: 'prompt', name: p.name, description: p.description })),
    ...(st.resources ?? []).map((r) => ({
      kind: 'resource',
      name: r.name ?? r.uri ?? '?',
      description: r.description,
    })),
  ];
  for (const it of items.slice(0, 1000)) {
    if (!it.description) continue;
    const v = scoreTool({ name: it.name, description: it.description }, opts);
    if (!v.flagged && v.invisible.length === 0) continue;
    out.push({
      ruleId: v.flagged ? 'mcp-tool-poisoning' : 'mcp-tool-invisible-unicode',
      assetId: snapshotServerAssetId(st),
      location: { path: st.source },
      message: `${it.kind === 'prompt' ? 'Prompt' : 'Resource'} "${it.name}" on server "${st.server}" ${v.flagged ? `carries instructions aimed at the model: ${v.hits.map((h) => h.id).join(', ')}` : 'contains invisible characters'}`,
      discriminator: `${it.kind}:${it.name}`,
      evidence: {
        snippet: v.hits
          .map((h) => h.excerpt)
          .join(' … ')
          .slice(0, 1000),
        facts: { kind: it.kind, name: it.name },
      },
    });
  }
  return out;
}
