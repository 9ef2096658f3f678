// Agents whose tools are defined in another module (tools.py imported by agents.py): links each
// unresolved tool reference to the tool asset whose function name matches — when the reference's
// module path points at the tool's file, or the name is unique — then judges those tools like the
// per-file detector does.
import { realpathSync } from 'node:fs';
import { type Asset, assetId, type Correlator, type FindingDraft, type Relation } from '@rampart/core';
import { toolFindings } from './agency.js';
import { functionAsksApproval, functionCapabilities, functionInferredCapabilities } from './capabilities.js';
import { linkDelegatedAgents, linkToolBodyAgents } from './cross-file-agents.js';
import { HelperResolver } from './module-helpers.js';
import { ModuleReader } from './module-reader.js';

export { MAX_TOOL_MODULES } from './module-reader.js';

/** Option key under which the scan hands correlators its (single) root directory. */
export const SCAN_ROOT_OPTION = 'scan.root';
/** Option key under which the scan hands correlators the files it walked (relative to the root). */
export const SCAN_FILES_OPTION = 'scan.files';

/**
 * Python files an absolute import (`from my_agent.tools import f`) may come from: the module path
 * under the agent's folder and under each folder above it, up to the scan root (how a sample run
 * from its own folder, or from the repository root, finds it). Relative imports use `moduleFiles`.
 */
export function moduleCandidates(q: string, agentPath: string): string[] {
  const { exact } = moduleFiles(q, agentPath);
  if (q.startsWith('..')) {
    // `from . import tools` then `tools.f` reaches us as "..tools.f": also try one dot less.
    const fewer = moduleFiles(q.slice(1), agentPath).exact;
    return [...exact, ...fewer].filter((p) => p.endsWith('.py'));
  }
  if (q.startsWith('.')) return exact.filter((p) => p.endsWith('.py'));
  const parts = q.split('.').slice(0, -1);
  if (parts.length === 0) return [];
  const dirs = agentPath.split('/').slice(0, -1);
  const out: string[] = [];
  for (let d = dirs.length; d >= 0; d--) {
    const base = dirs.slice(0, d);
    out.push([...base, ...parts].join('/') + '.py', [...base, ...parts, '__init__.py'].join('/'));
  }
  return out;
}

interface ModuleFunction {
  path: string;
  line: number;
  capabilities: string[];
  inferred: string[];
  approval: boolean;
  /** Helpers in other modules that conferred capabilities ("path:line"). */
  helpers: string[];
}

/** The module-level function `name` in the first candidate file that exists and defines it, judged with its helpers. */
async function findFunction(
  reader: ModuleReader,
  helpers: HelperResolver,
  candidates: readonly string[],
  name: string,
): Promise<ModuleFunction | undefined> {
  for (const rel of candidates) {
    const model = await reader.model(rel);
    const f = model?.functions.find((x) => x.parent === -1 && x.name === name);
    if (!model || !f) continue;
    const caps = functionCapabilities(model, f.index);
    const inferred = [...functionInferredCapabilities(model, f.index)].filter((c) => !caps.has(c));
    const foreign = await helpers.foreign({ path: rel, model }, f.index);
    return {
      path: rel,
      line: f.line,
      capabilities: [...new Set([...caps, ...inferred, ...foreign.capabilities])].sort(),
      inferred: inferred.sort(),
      approval: functionAsksApproval(model, f.index),
      helpers: [...foreign.from].sort(),
    };
  }
  return undefined;
}

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

/**
 * Tools of this project (their function is in a walked .py file) whose body calls helpers in other
 * modules that reach I/O: the same tool asset with those capabilities added and the helpers named in
 * `capabilitiesFromHelpers` (merged with the detector's sighting by id).
 */
async function withHelperCapabilities(assets: readonly Asset[], helpers: HelperResolver): Promise<Map<string, Asset>> {
  const out = new Map<string, Asset>();
  for (const tool of assets) {
    const loc = tool.locations[0];
    if (tool.kind !== 'tool' || !loc?.path.endsWith('.py') || loc.line === undefined) continue;
    if (tool.properties.definedVia === 'builtin' || tool.properties.definedVia === 'wrapper') continue;
    const model = await helpers.module(loc.path);
    const f = model?.functions.find((x) => x.line === loc.line);
    if (!model || !f) continue;
    const foreign = await helpers.foreign({ path: loc.path, model }, f.index);
    const have = strings(tool.properties.capabilities);
    const added = [...foreign.capabilities].filter((c) => !have.includes(c));
    if (added.length === 0) continue;
    out.set(tool.id, {
      ...tool,
      properties: {
        ...tool.properties,
        capabilities: [...have, ...added].sort(),
        capabilitiesFromHelpers: [...foreign.from].sort(),
      },
    });
  }
  return out;
}

/** Move references this correlator linked from `unresolvedTools` to `tools` (the merged agent, in place). */
function markResolved(agent: Asset, resolved: ReadonlyMap<string, string>): void {
  const tools = strings(agent.properties.tools);
  for (const name of resolved.values()) if (!tools.includes(name)) tools.push(name);
  agent.properties.tools = tools;
  const left = strings(agent.properties.unresolvedTools).filter((q) => !resolved.has(q));
  if (left.length > 0) agent.properties.unresolvedTools = left;
  else delete agent.properties.unresolvedTools;
}

export const crossFileToolsCorrelator: Correlator = {
  id: 'graph-agent-tools',
  version: '3',
  description: 'Links agents to tools and delegated agents defined in other files and checks those tools',
  async run(result, ctx) {
    const root = ctx.options[SCAN_ROOT_OPTION];
    const files = ctx.options[SCAN_FILES_OPTION];
    const walked = Array.isArray(files) ? new Set(files.filter((f): f is string => typeof f === 'string')) : undefined;
    const reader = typeof root === 'string' ? new ModuleReader(realpathSync(root), walked) : undefined;
    const helpers = reader ? new HelperResolver(reader) : undefined;
    const assets: Asset[] = [];
    const byName = new Map<string, Asset[]>();
    for (const a of result.assets) {
      if (a.kind !== 'tool') continue;
      for (const n of strings(a.properties.functionNames)) byName.set(n, [...(byName.get(n) ?? []), a]);
    }
    const relations: Relation[] = [];
    const findings: FindingDraft[] = [];
    for (const agent of result.assets) {
      if (agent.kind !== 'agent') continue;
      // References linked here leave the agent's unresolved list and join its tools, so the report
      // does not list as unresolved a tool the agent's findings are about.
      const resolved = new Map<string, string>();
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
              : // A relative import names its file: a same-named tool elsewhere is not it.
                candidates.length === 1 && !q.startsWith('.')
                ? candidates[0]
                : undefined;
        if (!pick) {
          // A plain function imported from another module (ADK `tools=[send_link]`): read that module.
          const fn =
            reader && helpers && located.length === 0
              ? await findFunction(reader, helpers, moduleCandidates(q, agent.locations[0]?.path ?? ''), name)
              : undefined;
          if (!fn) continue;
          const tool: Asset = {
            id: assetId('tool', 'code', fn.path, name),
            kind: 'tool',
            name,
            locations: [{ path: fn.path, line: fn.line }],
            properties: {
              definedVia: 'function',
              capabilities: fn.capabilities,
              ...(fn.inferred.length > 0 ? { inferredCapabilities: fn.inferred } : {}),
              approvalStep: fn.approval,
              language: 'python',
              functionNames: [name],
              resolvedAcrossFiles: true,
              ...(fn.helpers.length > 0 ? { capabilitiesFromHelpers: fn.helpers } : {}),
            },
          };
          if (!assets.some((a) => a.id === tool.id)) assets.push(tool);
          relations.push({ from: agent.id, to: tool.id, type: 'uses-tool', properties: { resolvedAcrossFiles: true } });
          findings.push(...toolFindings(agent, tool));
          resolved.set(q, tool.name);
          continue;
        }
        relations.push({ from: agent.id, to: pick.id, type: 'uses-tool', properties: { resolvedAcrossFiles: true } });
        findings.push(...toolFindings(agent, pick));
        resolved.set(q, pick.name);
      }
      if (resolved.size > 0) markResolved(agent, resolved);
    }
    relations.push(...(await linkDelegatedAgents(result.assets, reader)));
    if (reader) relations.push(...(await linkToolBodyAgents([...result.assets, ...assets], result.assets, reader)));
    if (helpers) {
      const updated = await withHelperCapabilities(result.assets, helpers);
      const byId = new Map(result.assets.map((a) => [a.id, a]));
      for (const r of [...result.relations, ...relations]) {
        const tool = updated.get(r.to);
        const agent = byId.get(r.from);
        if (r.type !== 'uses-tool' || !tool || agent?.kind !== 'agent') continue;
        // Only what the helpers add: the per-file detector already judged the tool's own calls.
        const before = new Set(toolFindings(agent, byId.get(r.to)!).map((f) => f.ruleId));
        findings.push(...toolFindings(agent, tool).filter((f) => !before.has(f.ruleId)));
      }
      assets.push(...updated.values());
    }
    return { assets, relations, findings, skipped: reader?.skipped ?? [] };
  },
};
