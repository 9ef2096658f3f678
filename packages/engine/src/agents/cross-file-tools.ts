// Agents whose tools are defined in another module (tools.py imported by agents.py): links each
// unresolved tool reference to the tool asset whose function name matches — when the reference's
// module path points at the tool's file, or the name is unique — then judges those tools like the
// per-file detector does.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { type Asset, assetId, type Correlator, type FindingDraft, type Relation, type Skipped } from '@rampart/core';
import { analyzeSource } from '../lang/index.js';
import { toolFindings } from './agency.js';
import { functionAsksApproval, functionCapabilities, functionInferredCapabilities } from './capabilities.js';
import { linkDelegatedAgents } from './cross-file-agents.js';

/** Option key under which the scan hands correlators its (single) root directory. */
export const SCAN_ROOT_OPTION = 'scan.root';
/** Other modules parsed per scan to resolve plain-function tools; past this they stay unresolved (reported). */
export const MAX_TOOL_MODULES = 200;
const MAX_MODULE_BYTES = 1024 * 1024;

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
}

/**
 * Reads module-level functions of other project files, bounded: only files under the scan root
 * (symlinks resolved and checked), only .py, at most MAX_TOOL_MODULES files of at most 1 MiB, each
 * parsed once by the same bounded parser. Never imports or runs anything.
 */
class ModuleReader {
  private readonly cache = new Map<string, Promise<Map<string, ModuleFunction> | undefined>>();
  readonly skipped: Skipped[] = [];
  constructor(private readonly root: string) {}

  private async load(rel: string): Promise<Map<string, ModuleFunction> | undefined> {
    const abs = join(this.root, rel);
    let real: string;
    try {
      real = realpathSync(abs);
      if (real !== this.root && !real.startsWith(this.root + sep)) return undefined;
      const st = statSync(real);
      if (!st.isFile()) return undefined;
      if (st.size > MAX_MODULE_BYTES) {
        this.skipped.push({
          path: rel,
          reason: 'limit-reached',
          detail: 'tool module over 1 MiB: its functions were not resolved',
          detector: 'graph-agent-tools',
        });
        return undefined;
      }
    } catch {
      return undefined; // no such module here: try the next candidate
    }
    try {
      const model = await analyzeSource(rel, readFileSync(real, 'utf8'));
      const fns = new Map<string, ModuleFunction>();
      for (const f of model.functions) {
        if (f.parent !== -1 || f.name.includes('.')) continue;
        const caps = functionCapabilities(model, f.index);
        const inferred = [...functionInferredCapabilities(model, f.index)].filter((c) => !caps.has(c));
        fns.set(f.name, {
          path: rel,
          line: f.line,
          capabilities: [...new Set([...caps, ...inferred])].sort(),
          inferred: inferred.sort(),
          approval: functionAsksApproval(model, f.index),
        });
      }
      return fns;
    } catch (e) {
      this.skipped.push({
        path: rel,
        reason: 'inconclusive',
        detail: `tool module not parsed: ${(e as Error).message}`,
        detector: 'graph-agent-tools',
      });
      return undefined;
    }
  }

  /** The module-level function `name` in the first candidate file that exists and defines it. */
  async find(candidates: readonly string[], name: string): Promise<ModuleFunction | undefined> {
    for (const rel of candidates) {
      let entry = this.cache.get(rel);
      if (!entry) {
        if (this.cache.size >= MAX_TOOL_MODULES) {
          if (!this.skipped.some((s) => s.detail?.startsWith('more than')))
            this.skipped.push({
              path: rel,
              reason: 'limit-reached',
              detail: `more than ${MAX_TOOL_MODULES} tool modules: later plain-function tools stay unresolved`,
              detector: 'graph-agent-tools',
            });
          return undefined;
        }
        entry = this.load(rel);
        this.cache.set(rel, entry);
      }
      const fn = (await entry)?.get(name);
      if (fn) return fn;
    }
    return undefined;
  }
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

export const crossFileToolsCorrelator: Correlator = {
  id: 'graph-agent-tools',
  version: '1',
  description: 'Links agents to tools and delegated agents defined in other files and checks those tools',
  async run(result, ctx) {
    const root = ctx.options[SCAN_ROOT_OPTION];
    const reader = typeof root === 'string' ? new ModuleReader(realpathSync(root)) : undefined;
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
        if (!pick) {
          // A plain function imported from another module (ADK `tools=[send_link]`): read that module.
          const fn =
            reader && candidates.length === 0
              ? await reader.find(moduleCandidates(q, agent.locations[0]?.path ?? ''), name)
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
            },
          };
          if (!assets.some((a) => a.id === tool.id)) assets.push(tool);
          relations.push({ from: agent.id, to: tool.id, type: 'uses-tool', properties: { resolvedAcrossFiles: true } });
          findings.push(...toolFindings(agent, tool));
          continue;
        }
        relations.push({ from: agent.id, to: pick.id, type: 'uses-tool', properties: { resolvedAcrossFiles: true } });
        findings.push(...toolFindings(agent, pick));
      }
    }
    relations.push(...linkDelegatedAgents(result.assets));
    return { assets, relations, findings, skipped: reader?.skipped ?? [] };
  },
};
